// Tab order over all widgets (see tab_order.hpp), built from Dear ImGui's test-engine item hooks:
// ItemAdd gives each widget's id and rectangle in drawing order, ItemInfo its label.
#include "tab_order.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <nlohmann/json.hpp>

namespace nn::app {

namespace {

// One ImGui context per program: the hooks get the context, this holds what they collect.
struct TabOrderState {
  std::vector<WidgetInfo> current, last;
  unsigned pending_focus = 0;  // focus this widget when it is drawn in the next frame
  bool pending_clear = false;
};
TabOrderState g_tab;

bool is_tab_stop(const ImGuiContext& g) {
  const ImGuiItemFlags f = g.LastItemData.InFlags;
  return (f & (ImGuiItemFlags_Disabled | ImGuiItemFlags_NoNav | ImGuiItemFlags_NoTabStop)) == 0;
}

bool in_popup(const ImGuiWindow* w) {
  for (; w; w = w->ParentWindow)
    if (w->Flags & (ImGuiWindowFlags_Popup | ImGuiWindowFlags_Tooltip)) return true;
  return false;
}

}  // namespace

void tab_order_install() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  g.TestEngineHookItems = true;
  g_tab = TabOrderState{};
}

void tab_order_new_frame() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  g.TestEngineHookItems = true;
  g_tab.last.swap(g_tab.current);
  g_tab.current.clear();
  if (g_tab.pending_clear) {
    g_tab.pending_clear = false;
    g.NavId = 0;
    g.NavDisableHighlight = true;
  }
}

const std::vector<WidgetInfo>& tab_order_widgets() { return g_tab.last; }

unsigned tab_order_focused() {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  return g.NavDisableHighlight ? 0u : g.NavId;
}

bool tab_order_step(bool backward) {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  // Inside an open combo or popup, ImGui's own tabbing and arrows apply (and Escape closes).
  if (!g.OpenPopupStack.empty()) return true;
  std::vector<const WidgetInfo*> stops;
  for (const WidgetInfo& w : g_tab.last)
    if (!w.in_popup) stops.push_back(&w);
  if (stops.empty()) return false;
  const unsigned focused = g_tab.pending_focus ? g_tab.pending_focus : tab_order_focused();
  int at = -1;
  for (int i = 0; i < static_cast<int>(stops.size()); ++i)
    if (stops[i]->id == focused) at = i;
  int next;
  if (at < 0)
    next = backward ? static_cast<int>(stops.size()) - 1 : 0;
  else
    next = backward ? at - 1 : at + 1;
  if (next < 0 || next >= static_cast<int>(stops.size())) {
    tab_order_clear_focus();
    return false;
  }
  g_tab.pending_focus = stops[static_cast<std::size_t>(next)]->id;
  return true;
}

void tab_order_name(unsigned id, const char* label) {
  for (auto it = g_tab.current.rbegin(); it != g_tab.current.rend(); ++it)
    if (it->id == id) {
      if (it->label.empty()) it->label = label;
      return;
    }
}

void tab_order_clear_focus() {
  g_tab.pending_focus = 0;
  g_tab.pending_clear = true;
}

std::string tab_order_json(float scale) {
  const float k = scale > 0 ? 1.0f / scale : 1.0f;
  const unsigned focused = tab_order_focused();
  nlohmann::json out = nlohmann::json::array();
  for (const WidgetInfo& w : g_tab.last)
    out.push_back({{"label", w.label},
                   {"x", w.x0 * k},
                   {"y", w.y0 * k},
                   {"w", (w.x1 - w.x0) * k},
                   {"h", (w.y1 - w.y0) * k},
                   {"visible", w.visible},
                   {"popup", w.in_popup},
                   {"focused", w.id == focused}});
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace nn::app

// [SECTION] Dear ImGui's hooks (declared in imgui_internal.h under IMGUI_ENABLE_TEST_ENGINE)

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
  using nn::app::g_tab;
  ImGuiContext& g = *ctx;
  ImGuiWindow* window = g.CurrentWindow;
  if (!window || !nn::app::is_tab_stop(g)) return;
  nn::app::WidgetInfo w;
  w.id = id;
  w.x0 = bb.Min.x;
  w.y0 = bb.Min.y;
  w.x1 = bb.Max.x;
  w.y1 = bb.Max.y;
  w.visible = window->ClipRect.Overlaps(bb) && window->Active;
  w.in_popup = nn::app::in_popup(window);
  g_tab.current.push_back(std::move(w));
  if (id == g_tab.pending_focus) {
    g_tab.pending_focus = 0;
    ImGui::SetFocusID(id, window);
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = g.NavMousePosDirty = true;
    ImGui::ScrollToRect(window, bb);
  }
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label,
                                  ImGuiItemStatusFlags) {
  using nn::app::g_tab;
  if (!label || g_tab.current.empty() || g_tab.current.back().id != id) return;
  g_tab.current.back().label = label;
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID id) {
  for (const nn::app::WidgetInfo& w : nn::app::g_tab.last)
    if (w.id == id) return w.label.c_str();
  return nullptr;
}
