// The screen's widgets in the order they are drawn, collected each frame through Dear ImGui's
// item hooks (IMGUI_ENABLE_TEST_ENGINE): Tab and Shift+Tab walk every widget of every panel in
// that order (ImGui 1.86 alone tabs only between text fields of one window), and Tab at the last
// widget (Shift+Tab at the first) is left to the browser so the keyboard focus leaves the canvas
// (no keyboard trap). Tests and the page find a widget's rectangle and label here.
#pragma once
#include <string>
#include <vector>

namespace nn::app {

struct WidgetInfo {
  unsigned id = 0;
  std::string label;                     // as given to ImGui ("Step", "##lr", "0.1", ...)
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // screen rectangle, framebuffer pixels
  bool visible = false;                  // not clipped by its panel
  bool in_popup = false;                 // inside an open combo, menu or popup
};

// Starts collecting (call once after ImGui::CreateContext) and at every frame start.
void tab_order_install();
void tab_order_new_frame();

// The widgets of the last finished frame, in drawing order.
const std::vector<WidgetInfo>& tab_order_widgets();
// The widget that has the keyboard focus (ImGui's nav id) if its highlight is shown, else 0.
unsigned tab_order_focused();

// Names a widget drawn in this frame (ImGui's hooks give some widgets no label).
void tab_order_name(unsigned id, const char* label);

// Tab pressed (backward = Shift+Tab). Returns true when the app takes it: the next widget gets
// the focus in the next frame. Returns false at the end of the order: the browser moves the focus
// out of the canvas (and the app drops its keyboard highlight).
bool tab_order_step(bool backward);
// Drops the keyboard focus (the canvas lost the browser's focus).
void tab_order_clear_focus();

// JSON of tab_order_widgets() in CSS pixels (divided by scale): [{label, x, y, w, h, visible,
// popup, focused}], for tests that locate a control before pressing it with a real mouse.
std::string tab_order_json(float scale);

}  // namespace nn::app
