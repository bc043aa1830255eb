// Display labels shared by several panels: the activation choices (top bar and the network
// diagram's per-layer combos) and the input features' names.
#pragma once
#include <string>

#include "core/config.hpp"
#include "help.hpp"
#include "widgets.hpp"

namespace nn::app {

// Every activation of the core's kind table (kActivationKinds), in its order: the label, and
// "Label: formula" as the tooltip. A new activation appears here without an edit.
using ActivationItems = EnumItem<Activation>[kActivationCount];
struct ActivationItemList {
  std::string tips[kActivationCount];
  ActivationItems items{};
  ActivationItemList() {  // built in place: the items point into tips
    for (int i = 0; i < kActivationCount; ++i) {
      const KindRow<Activation>& row = kActivationKinds[i];
      tips[i] = std::string(row.label) + ": " + row.formula;
      items[i] = {row.value, row.label, tips[i].c_str()};
    }
  }
  ActivationItemList(const ActivationItemList&) = delete;
  ActivationItemList& operator=(const ActivationItemList&) = delete;
};
inline const ActivationItems& activation_items() {
  static const ActivationItemList list;
  return list.items;
}

// "sin(x1)"; compact: "sin x1" (the diagram's narrow labels).
inline const char* feature_label(Feature f, bool compact = false) {
  switch (f) {
    case Feature::X1:
      return "x1";
    case Feature::X2:
      return "x2";
    case Feature::X1Sq:
      return "x1²";
    case Feature::X2Sq:
      return "x2²";
    case Feature::X1X2:
      return "x1·x2";
    case Feature::SinX1:
      return compact ? "sin x1" : "sin(x1)";
    case Feature::SinX2:
      return compact ? "sin x2" : "sin(x2)";
  }
  return "?";
}

}  // namespace nn::app
