// Display labels shared by several panels: the activation choices (top bar and the network
// diagram's per-layer combos) and the input features' names.
#pragma once
#include "core/config.hpp"
#include "help.hpp"
#include "widgets.hpp"

namespace nn::app {

inline constexpr EnumItem<Activation> kActivationItems[] = {
    {Activation::Tanh, "Tanh", help::kActTanh},
    {Activation::Sigmoid, "Sigmoid", help::kActSigmoid},
    {Activation::Relu, "ReLU", help::kActRelu},
    {Activation::LeakyRelu, "Leaky ReLU", help::kActLeakyRelu},
    {Activation::HardTanh, "Hard tanh", help::kActHardTanh},
    {Activation::Softsign, "Softsign", help::kActSoftsign},
    {Activation::Linear, "Linear", help::kActLinear}};

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
