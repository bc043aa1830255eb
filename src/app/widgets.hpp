// Small ImGui helpers shared by the panels: wrapped tooltips with the notes' formulas, enum
// combos over the core's names, a label-above-control group that wraps like text, and number
// formatting. Header-only; nothing here keeps state between calls.
#pragma once
#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "app_state.hpp"
#include "colors.hpp"
#include "tab_order.hpp"

namespace nn::app {

// ImGui 1.86 gives combos and invisible buttons no label in its item hooks: these name them in
// the widget list (tab_order.hpp), so tests and the tab order know them as "##map", "##lr", ...
inline bool begin_combo(const char* id, const char* preview, ImGuiComboFlags flags = 0) {
  const ImGuiID item = ImGui::GetID(id);
  const bool open = ImGui::BeginCombo(id, preview, flags);
  tab_order_name(item, id);
  return open;
}
inline bool invisible_button(const char* id, const ImVec2& size, ImGuiButtonFlags flags = 0) {
  const ImGuiID item = ImGui::GetID(id);
  const bool pressed = ImGui::InvisibleButton(id, size, flags);
  tab_order_name(item, id);
  return pressed;
}

inline ImU32 to_u32(const Rgb& c, float alpha = 1.0f) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, alpha));
}

// A tooltip for the last item (wrapped at ~34 em).
// A float slider's value as the double its label shows ("%.2f": 2 decimals), so the config and
// the links hold keep=0.48, not the float's 0.47999998927116394.
inline double snap_decimals(float v, int decimals) {
  const double p = std::pow(10.0, decimals);
  return std::round(static_cast<double>(v) * p) / p;
}

inline void tip(const char* text) {
  if (!ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34.0f);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

// Section title in bold capitals (TensorFlow Playground's panel headers).
inline void section_title(const AppState& app, const char* text) {
  if (app.fonts.bold) ImGui::PushFont(app.fonts.bold);
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.25f, 0.25f, 0.28f, 1.0f));
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
  if (app.fonts.bold) ImGui::PopFont();
}

// Label above control, packed left to right and wrapped when the row is full. Call
// flow_begin() once per row block, then flow_item(width) before each group's BeginGroup.
struct Flow {
  float right = 0;  // screen x where a row ends
  bool first = true;
  bool column = false;  // one item per line (a narrow column)
};
inline Flow flow_begin() {
  Flow f;
  f.right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  return f;
}
inline void flow_item(Flow& f, float width) {
  if (!f.first && !f.column) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x * 1.6f;
    const float x = ImGui::GetItemRectMax().x + spacing;
    if (x + width <= f.right) ImGui::SameLine(0.0f, spacing);
  }
  f.first = false;
}
// A small grey caption above a control.
inline void caption(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.42f, 0.43f, 0.46f, 1.0f));
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

// Combo over a list of enum values with display labels and per-item tooltips.
template <typename E>
struct EnumItem {
  E value;
  const char* label;
  const char* help;
};
template <typename E, std::size_t N>
bool enum_combo(const char* id, E& value, const EnumItem<E> (&items)[N], float width) {
  const char* preview = "?";
  for (const auto& it : items)
    if (it.value == value) preview = it.label;
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  if (begin_combo(id, preview)) {
    for (const auto& it : items) {
      const bool selected = it.value == value;
      if (ImGui::Selectable(it.label, selected)) {
        value = it.value;
        changed = true;
      }
      if (it.help) tip(it.help);
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  return changed;
}
template <typename E, std::size_t N>
const char* enum_help(E value, const EnumItem<E> (&items)[N]) {
  for (const auto& it : items)
    if (it.value == value) return it.help;
  return "";
}

// Combo over preset values (learning rate, regularization rate), showing other values as typed.
template <std::size_t N>
bool preset_combo(const char* id, double& value, const double (&presets)[N], float width) {
  char preview[32];
  std::snprintf(preview, sizeof preview, "%g", value);
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  if (begin_combo(id, preview)) {
    for (double p : presets) {
      char label[32];
      std::snprintf(label, sizeof label, "%g", p);
      if (ImGui::Selectable(label, p == value)) {
        value = p;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

// "1,234,567" for counters.
inline const char* group_digits(long long v, char* buf, std::size_t n) {
  char tmp[32];
  std::snprintf(tmp, sizeof tmp, "%lld", v < 0 ? -v : v);
  const int len = static_cast<int>(std::strlen(tmp));
  std::size_t o = 0;
  if (v < 0 && o + 1 < n) buf[o++] = '-';
  for (int i = 0; i < len && o + 1 < n; ++i) {
    buf[o++] = tmp[i];
    const int rest = len - 1 - i;
    if (rest > 0 && rest % 3 == 0 && o + 1 < n) buf[o++] = ',';
  }
  buf[o] = 0;
  return buf;
}

// Loss/accuracy numbers: "0.1234", "n/a" for NaN.
inline const char* fmt_value(double v, char* buf, std::size_t n, const char* format = "%.4f") {
  if (!std::isfinite(v))
    std::snprintf(buf, n, "n/a");
  else if (std::fabs(v) >= 1e6)  // an exploded loss: 4.27e+48, not 49 digits over the panel
    std::snprintf(buf, n, "%.3g", v);
  else
    std::snprintf(buf, n, format, v);
  return buf;
}

}  // namespace nn::app
