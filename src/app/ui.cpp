// [SECTION] fonts and style   [SECTION] screen layout   [SECTION] top bar (play, speed, every
// training setting with its formula)   [SECTION] banner   [SECTION] keyboard shortcuts.
// The panels themselves live in panel_*.cpp; all of them read and edit AppState only.
#include "ui.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "app.hpp"
#include "embedded_fonts.hpp"
#include "files.hpp"
#include "help.hpp"
#include "labels.hpp"
#include "share.hpp"
#include "tab_order.hpp"
#include "teach_ui.hpp"
#include "widgets.hpp"

namespace nn::app {

// [SECTION] fonts and style

namespace {
// Glyphs ImGui rasterizes: everything the embedded subsets hold that the UI uses.
constexpr ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF, 0x0391, 0x03C9, 0x1D40, 0x1D40, 0x1D57, 0x1D57, 0x2013, 0x2016,
    0x2018, 0x201D, 0x2022, 0x2022, 0x2026, 0x2026, 0x2032, 0x2032, 0x2070, 0x209C,
    0x2190, 0x2193, 0x2202, 0x2202, 0x2207, 0x2207, 0x2211, 0x2212, 0x221A, 0x221A,
    0x221E, 0x221E, 0x2248, 0x2248, 0x2260, 0x2260, 0x2264, 0x2265, 0x22C5, 0x22C5,
    0x230A, 0x230B, 0x25A0, 0x25A0, 0x25B6, 0x25B6, 0x25CF, 0x25CF, 0};
constexpr ImWchar kBoldRanges[] = {0x0020, 0x00FF, 0x0391, 0x03C9, 0x2013, 0x2014, 0x2212,
                                   0x2212, 0x25A0, 0x25A0, 0x25B6, 0x25B6, 0};
}  // namespace

UiFonts load_ui_fonts(float size_px) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // the bytes are a constant in the binary
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = false;
  UiFonts f;
  std::snprintf(cfg.Name, sizeof cfg.Name, "DejaVu Sans %.0fpx", size_px);
  f.regular = io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(embedded::kFontRegular),
                                             static_cast<int>(embedded::kFontRegularSize), size_px,
                                             &cfg, kGlyphRanges);
  std::snprintf(cfg.Name, sizeof cfg.Name, "DejaVu Sans Bold %.0fpx", size_px);
  f.bold = io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(embedded::kFontBold),
                                          static_cast<int>(embedded::kFontBoldSize), size_px, &cfg,
                                          kBoldRanges);
  io.FontDefault = f.regular;
  return f;
}

void apply_ui_style(float scale, bool coarse_pointer) {
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(10, 8);
  style.FramePadding = ImVec2(6, 3);
  style.ItemSpacing = ImVec2(7, 5);
  style.ItemInnerSpacing = ImVec2(5, 4);
  style.FrameRounding = 3;
  style.GrabRounding = 3;
  style.ChildRounding = 4;
  style.PopupRounding = 3;
  style.WindowRounding = 0;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;
  style.ScrollbarSize = 12;
  if (coarse_pointer) {
    // A finger: every control at least 40 CSS px high (14 px text + 2 x 13 px padding), wider
    // grabs and scrollbars, a little more room between controls.
    style.FramePadding = ImVec2(10, 13);
    style.ItemSpacing = ImVec2(9, 8);
    style.GrabMinSize = 22;
    style.ScrollbarSize = 22;
    style.TouchExtraPadding = ImVec2(4, 4);
  }
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.976f, 0.976f, 0.980f, 1.0f);
  c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_Border] = ImVec4(0.86f, 0.87f, 0.89f, 1.0f);
  c[ImGuiCol_Text] = ImVec4(0.16f, 0.17f, 0.19f, 1.0f);
  c[ImGuiCol_FrameBg] = ImVec4(0.925f, 0.933f, 0.945f, 1.0f);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.87f, 0.90f, 0.94f, 1.0f);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.82f, 0.87f, 0.93f, 1.0f);
  c[ImGuiCol_Button] = ImVec4(0.90f, 0.915f, 0.93f, 1.0f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.80f, 0.87f, 0.95f, 1.0f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.68f, 0.80f, 0.93f, 1.0f);
  c[ImGuiCol_Header] = ImVec4(0.78f, 0.86f, 0.95f, 1.0f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.84f, 0.90f, 0.97f, 1.0f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.70f, 0.82f, 0.95f, 1.0f);
  c[ImGuiCol_SliderGrab] = ImVec4(0.031f, 0.467f, 0.741f, 0.85f);
  c[ImGuiCol_SliderGrabActive] = ImVec4(0.031f, 0.467f, 0.741f, 1.0f);
  c[ImGuiCol_CheckMark] = ImVec4(0.031f, 0.467f, 0.741f, 1.0f);
  c[ImGuiCol_PopupBg] = ImVec4(1, 1, 1, 0.98f);
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

// [SECTION] screen layout

namespace {

// Screen layouts by the width in CSS pixels: a phone (one panel at a time behind tabs), a
// medium screen (the settings move into the left column, a tablet in portrait gets two
// columns), a wide one (the settings row under the top bar). Embeds keep their own layout.
enum class Screen { Phone, Medium, Wide };
constexpr float kPhoneBelowPx = 700, kWideFromPx = 1100;
// Beside the playground the teaching column needs this much room (CSS px); with less, the
// lesson and its views get their own tab instead of squeezing the network and the map.
constexpr float kTeachBesideFromPx = 1420;

Screen screen_of(const AppState& app, ImVec2 size_px) {
  if (app.share.embed) return Screen::Wide;
  const float k = 1.0f / std::max(0.5f, app.ui_scale);
  const float css_w = size_px.x * k, css_h = size_px.y * k;
  // A finger needs larger controls: a small touch screen in landscape gets the phone's tabs too.
  const bool small_touch = app.access.coarse_pointer && css_w < 1000 && css_h < 700;
  if (css_w < kPhoneBelowPx || small_touch) return Screen::Phone;
  return css_w < kWideFromPx ? Screen::Medium : Screen::Wide;
}

void finish_screen(AppState& app, ImVec2 banner_at, float banner_w) {
  ImGui::End();
  draw_banner(app, banner_at, banner_w);
  draw_share_dialog(app);   // Share/Embed
  draw_embed_overlay(app);  // "open full playground" in an embed without the bar
  draw_first_visit_cue(app);
  draw_help_overlay(app);
}

// A child window that fills what is left and holds one panel.
template <typename Body>
void panel_child(const char* id, ImVec2 size, bool border, Body&& body,
                 ImGuiWindowFlags flags = ImGuiWindowFlags_NoScrollbar |
                                          ImGuiWindowFlags_NoScrollWithMouse) {
  ImGui::BeginChild(id, size, border, flags);
  body();
  ImGui::EndChild();
}

// The phone: the transport row, then one panel at a time behind tabs (the map first).
void draw_phone(AppState& app) {
  draw_top_bar(app, true);
  ImGui::Separator();
  const ImVec2 banner_at = ImGui::GetCursorScreenPos();
  const float banner_w = ImGui::GetContentRegionAvail().x;
  const bool teach = teach_column_width(app, 1000.0f) > 0;
  if (ImGui::BeginTabBar("##phone", ImGuiTabBarFlags_FittingPolicyResizeDown)) {
    const auto tab = [&](const char* name, auto&& body, bool scroll = false,
                         ImGuiTabItemFlags flags = 0) {
      const ImGuiID id = ImGui::GetID(name);
      const bool open = ImGui::BeginTabItem(name, nullptr, flags);
      tab_order_name(id, name);
      if (open) {
        panel_child("##tab", ImVec2(0, 0), false, body,
                    scroll ? ImGuiWindowFlags_None
                           : ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        ImGui::EndTabItem();
      }
    };
    if (app.layout.output) tab("Output", [&] { draw_output_panel(app); });
    if (app.layout.network) tab("Network", [&] { draw_network_panel(app); });
    if (app.layout.data)
      tab(
          "Data", [&] { draw_data_panel(app); }, true);
    if (app.layout.loss) tab("Training", [&] { draw_loss_panel(app); });
    if (app.layout.top_bar)
      tab(
          "Settings", [&] { draw_settings(app, true); }, true);
    if (teach)
      tab(
          "Lesson", [&] { draw_teach_column(app); }, false,
          app.teach.focus >= 0 ? ImGuiTabItemFlags_SetSelected : 0);
    ImGui::EndTabBar();
  }
  finish_screen(app, banner_at, banner_w);
}

// Data, network, map and loss in the space given (the playground without the teaching column).
void draw_panels(AppState& app, Screen screen) {
  const float s = app.ui_scale;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const bool settings_in_column = screen == Screen::Medium && app.layout.top_bar;
  if (app.layout.data || settings_in_column) {
    const float left_w =
        std::clamp(avail.x * (settings_in_column ? 0.24f : 0.19f), 168.0f * s, 270.0f * s);
    // On a medium screen the settings follow the data in this column (it scrolls).
    ImGui::BeginChild("##data", ImVec2(left_w, avail.y), true);
    if (app.layout.data) draw_data_panel(app);
    if (settings_in_column) {
      ImGui::Spacing();
      section_title(app, "TRAINING SETTINGS");
      draw_settings(app, true);
    }
    ImGui::EndChild();
    ImGui::SameLine(0, gap);
  }
  ImGui::BeginGroup();
  const ImVec2 rest = ImGui::GetContentRegionAvail();
  // A tablet in portrait: the map takes the full width of the right column, the network and
  // the loss share the height below it.
  const bool portrait = screen == Screen::Medium && app.layout.output && app.layout.network &&
                        rest.y > rest.x * 1.25f;
  if (portrait) {
    const float map_h = std::min(rest.x + 70 * s, rest.y * 0.55f);
    panel_child("##output", ImVec2(rest.x, map_h), true, [&] { draw_output_panel(app); });
    const float below = rest.y - map_h - ImGui::GetStyle().ItemSpacing.y;
    const float net_h = app.layout.loss ? below * 0.55f : below;
    panel_child("##network", ImVec2(rest.x, net_h), true, [&] { draw_network_panel(app); });
    if (app.layout.loss)
      panel_child("##loss", ImVec2(rest.x, below - net_h - ImGui::GetStyle().ItemSpacing.y), true,
                  [&] { draw_loss_panel(app); });
    ImGui::EndGroup();
    return;
  }
  // A wide embed with the map and the loss (no network) puts the loss beside the map, so the map
  // keeps the frame's height.
  const bool loss_beside = app.share.embed && app.layout.output && app.layout.loss &&
                           !app.layout.network && rest.x >= 1.2f * rest.y;
  // (In a small embed the loss plot may shrink below its usual minimum, down to ~45%.)
  const float loss_h =
      !app.layout.loss ? 0.0f
      : loss_beside    ? rest.y
                    : std::clamp(rest.y * 0.27f, std::min(128.0f * s, rest.y * 0.45f), 220.0f * s);
  const float mid_h =
      app.layout.loss && !loss_beside ? rest.y - loss_h - ImGui::GetStyle().ItemSpacing.y : rest.y;
  const bool both = app.layout.network && app.layout.output;
  const float header_h = app.share.embed ? 0.0f : ImGui::GetFrameHeightWithSpacing() * 2.2f;
  // The map is square: the output panel takes what the map's height allows, at most ~half.
  const float out_w = !app.layout.output ? 0.0f
                      : both             ? std::min(mid_h - header_h + 60.0f * s, rest.x * 0.48f)
                      : loss_beside      ? std::min(rest.y, rest.x * 0.6f)
                                         : rest.x;
  if (app.layout.network) {
    const float net_w = both ? rest.x - out_w - gap : rest.x;
    panel_child("##network", ImVec2(net_w, mid_h), true, [&] { draw_network_panel(app); });
    if (app.layout.output) ImGui::SameLine(0, gap);
  }
  if (app.layout.output) {
    panel_child("##output", ImVec2(out_w, mid_h), true, [&] { draw_output_panel(app); });
    if (loss_beside) ImGui::SameLine(0, gap);
  }
  if (app.layout.loss) {
    const float loss_w = loss_beside ? rest.x - out_w - gap : rest.x;
    panel_child("##loss", ImVec2(loss_w, loss_h), true, [&] { draw_loss_panel(app); });
  }
  ImGui::EndGroup();
}

// [SECTION] content height (?autoheight=1, the embed's lti.frameResize)
// The height an embed's layout wants at the current width, so a course page can size the frame
// to it: the bars as drawn, then the panels at the size draw_panels gives them when the map is
// square (its width, not the frame's height, limits it), the loss plot at the share draw_panels
// gives it, and the data column and the teaching column at the height of what they drew (their
// content does not depend on the frame's height, so the answer does not feed on itself).

// A child window drawn this frame under `parent` whose name holds `tag` ("##view").
ImGuiWindow* find_child(ImGuiWindow* parent, const char* tag) {
  if (!parent) return nullptr;
  for (ImGuiWindow* c : parent->DC.ChildWindows) {
    if (c->Active && std::strstr(c->Name, tag)) return c;
    if (ImGuiWindow* deeper = find_child(c, tag)) return deeper;
  }
  return nullptr;
}

// The height `top` needs to show what `deepest` (top itself or a window inside it) drew, pixels.
float drawn_height(const ImGuiWindow* top, const ImGuiWindow* deepest) {
  if (!top || !deepest) return 0;
  return deepest->DC.CursorMaxPos.y + deepest->Scroll.y - top->Pos.y + top->WindowPadding.y +
         top->WindowBorderSize;
}

// The loss plot's height as draw_panels sets it from the height `y` of the panels' area.
float loss_share(float y, float s) {
  return std::clamp(y * 0.27f, std::min(128.0f * s, y * 0.45f), 220.0f * s);
}

// Height of draw_panels' area (pixels) for `width` that gives the main panels their natural size.
float panels_height(const AppState& app, float width, float data_h) {
  const float s = app.ui_scale;
  const ImGuiStyle& st = ImGui::GetStyle();
  const LayoutOptions& l = app.layout;
  float rest_w = width;
  if (l.data) rest_w -= std::clamp(width * 0.19f, 168.0f * s, 270.0f * s) + st.ItemSpacing.x;
  // The output panel of width w with its map square (panel_output.cpp's geometry).
  const float axis_l = ImGui::CalcTextSize("-6").x + 10 * s;
  const float axis_b = ImGui::GetTextLineHeight() + 8 * s;
  const float legend_h = ImGui::GetTextLineHeightWithSpacing() + 4 * s;
  const auto map_panel = [&](float w) {
    return std::max(32.0f * s, w - 2 * st.WindowPadding.x - axis_l - 6 * s) + axis_b + legend_h +
           2 * st.WindowPadding.y + 2 * s + 2 * st.ChildBorderSize;
  };
  const bool both = l.network && l.output;
  const bool loss_beside = l.output && l.loss && !l.network;
  float mid = 0;
  if (l.output)
    mid = map_panel(both ? rest_w * 0.48f : loss_beside ? rest_w * 0.6f : rest_w);
  else if (l.network)
    mid = std::clamp(rest_w * 0.55f, 200.0f * s, 520.0f * s);
  float y = mid;
  if (l.loss && !loss_beside) {
    if (mid <= 0) {
      y = 240.0f * s;  // the loss alone: its plot at a readable height
    } else {
      // y - loss_share(y) - spacing = mid: try each branch of the clamp.
      const float want = mid + st.ItemSpacing.y;
      y = want + 220.0f * s;
      for (float c : {want / 0.73f, want + 128.0f * s, want / 0.55f, want + 220.0f * s})
        if (std::fabs(c - loss_share(c, s) - want) < 0.5f) {
          y = c;
          break;
        }
    }
  }
  return std::max(y, data_h);
}

// Stores app.share.content_height (CSS px): bars_h = the bars as drawn (from the window's top),
// main_w = the panels' width (0: no main panels), teach = the teaching column's window or null.
void measure_content(AppState& app, float bars_h, float main_w, ImGuiWindow* teach) {
  if (!app.share.embed) {
    app.share.content_height = 0;
    return;
  }
  const float s = std::max(0.5f, app.ui_scale);
  ImGuiWindow* playground = ImGui::GetCurrentWindow();
  float body = 0;
  if (main_w > 0) {
    ImGuiWindow* data = app.layout.data ? find_child(playground, "/##data_") : nullptr;
    body = panels_height(app, main_w, data ? drawn_height(data, data) : 0);
  }
  if (teach) {
    ImGuiWindow* view = find_child(teach, "/##view_");
    body = std::max(body, drawn_height(teach, view ? view : teach));
  }
  const float total = bars_h + body + ImGui::GetStyle().WindowPadding.y;
  // Within what an embed can use: from its smallest frame to a few screens.
  app.share.content_height = std::round(std::clamp(total / s, 240.0f, 4000.0f));
}

}  // namespace

void draw_ui(AppState& app) {
  handle_shortcuts(app);
  const float s = app.ui_scale;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("##playground", nullptr, flags);
  const Screen screen = screen_of(app, vp->WorkSize);
  if (screen == Screen::Phone) return draw_phone(app);
  if (app.layout.top_bar) {
    draw_top_bar(app, false);
    if (screen == Screen::Wide) draw_settings(app, false);
    ImGui::Separator();
  }
  draw_embed_bar(app);  // embed mode with minimal controls (share.cpp)
  const float bars_h = ImGui::GetCursorScreenPos().y - vp->WorkPos.y;
  // Banners float over the top of the panels (drawn last): they never push the map down.
  const ImVec2 banner_at = ImGui::GetCursorScreenPos();
  const float banner_w = ImGui::GetContentRegionAvail().x;
  // An embed that shows only teaching views gives them the whole frame.
  if (!app.layout.data && !app.layout.network && !app.layout.output && !app.layout.loss &&
      teach_column_width(app, 1000.0f) > 0) {
    draw_teach_column(app);
    measure_content(app, bars_h, 0, find_child(ImGui::GetCurrentWindow(), "/##teach_"));
    return finish_screen(app, banner_at, banner_w);
  }
  const float total = ImGui::GetContentRegionAvail().x;
  const float teach_w = teach_column_width(app, total);
  if (teach_w > 0 && !app.share.embed && total / s < kTeachBesideFromPx) {
    // Not enough room beside the playground: the lesson and its views get a tab of their own.
    if (ImGui::BeginTabBar("##screen")) {
      if (ImGui::BeginTabItem("Playground")) {
        draw_panels(app, screen);
        ImGui::EndTabItem();
      }
      char label[96];
      std::snprintf(
          label, sizeof label, "%s###lessontab",
          app.teach.lesson ? ("Lesson §" + app.teach.lesson->section).c_str() : "Teaching views");
      if (ImGui::BeginTabItem(label, nullptr,
                              app.teach.focus >= 0 ? ImGuiTabItemFlags_SetSelected : 0)) {
        draw_teach_column(app);
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
    return finish_screen(app, banner_at, banner_w);
  }
  if (teach_w > 0)
    ImGui::BeginChild("##main", ImVec2(total - teach_w, 0), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  draw_panels(app, screen);
  if (teach_w > 0) {
    ImGui::EndChild();
    ImGui::SameLine(0, ImGui::GetStyle().ItemSpacing.x);
    draw_teach_column(app);
  }
  measure_content(app, bars_h,
                  teach_w > 0 ? total - teach_w - ImGui::GetStyle().ItemSpacing.x : total,
                  teach_w > 0 ? find_child(ImGui::GetCurrentWindow(), "/##teach_") : nullptr);
  finish_screen(app, banner_at, banner_w);
}

// [SECTION] top bar

namespace {

constexpr double kLearningRates[] = {0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03,
                                     0.1,     0.3,    1.0,   3.0,   10.0};
constexpr double kRegRates[] = {0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0};

constexpr EnumItem<Activation> kOutputActivations[] = {
    {Activation::Linear, "Linear", help::kActLinear}, {Activation::Tanh, "Tanh", help::kActTanh}};
constexpr EnumItem<Loss> kLosses[] = {{Loss::Logistic, "Logistic", help::kLossLogistic},
                                      {Loss::Softmax, "Softmax", help::kLossSoftmax},
                                      {Loss::Mse, "MSE", help::kLossMse},
                                      {Loss::Hinge, "Hinge", help::kLossHinge},
                                      {Loss::MaxMargin, "Max-margin", help::kLossMaxMargin}};
constexpr EnumItem<Init> kInits[] = {{Init::Xavier, "Xavier", help::kInitXavier},
                                     {Init::Normal, "Small normal", help::kInitNormal},
                                     {Init::He, "He", help::kInitHe}};
constexpr EnumItem<Regularization> kRegs[] = {{Regularization::None, "None", help::kRegNone},
                                              {Regularization::L1, "L1", help::kRegL1},
                                              {Regularization::L2, "L2", help::kRegL2}};
constexpr EnumItem<OptimizerKind> kOptimizers[] = {
    {OptimizerKind::Sgd, "SGD", help::kSgd},
    {OptimizerKind::Momentum, "Momentum", help::kMomentum},
    {OptimizerKind::Nesterov, "Nesterov", help::kNesterov},
    {OptimizerKind::AdaGrad, "AdaGrad", help::kAdaGrad},
    {OptimizerKind::RmsProp, "RMSProp", help::kRmsProp},
    {OptimizerKind::Adam, "Adam", help::kAdam}};
constexpr EnumItem<ScheduleKind> kSchedules[] = {
    {ScheduleKind::Constant, "Constant", help::kScheduleConstant},
    {ScheduleKind::Step, "Step decay", help::kScheduleStep},
    {ScheduleKind::Exponential, "Exponential", help::kScheduleExponential},
    {ScheduleKind::Inverse, "Inverse", help::kScheduleInverse}};
constexpr EnumItem<SpeedMode> kSpeedModes[] = {
    {SpeedMode::TimeBudget, "Time per frame", help::kSpeed},
    {SpeedMode::StepsPerFrame, "Steps per frame", help::kSpeed}};

// Label-above-control group in a wrapping row.
template <typename Body>
void group(Flow& f, float width, const char* label, const char* help_text, Body&& body) {
  flow_item(f, width);
  ImGui::BeginGroup();
  caption(label);
  body();
  ImGui::EndGroup();
  if (help_text) tip(help_text);
}

// A fixed slot in the wrapping row for settings that only some choices have (the optimizer's
// and the schedule's parameters): always `width` wide, so choosing Adam or step decay never
// re-wraps the row and moves every panel below.
template <typename Body>
void slot(Flow& f, float width, Body&& body) {
  if (f.column) width = std::min(width, f.right - ImGui::GetCursorScreenPos().x);
  flow_item(f, width);
  ImGui::BeginGroup();
  const float x0 = ImGui::GetCursorScreenPos().x;
  body();
  ImGui::EndGroup();
  // Pad to the slot's width (an empty slot is only the padding, one pixel high).
  const float used = std::max(0.0f, ImGui::GetItemRectMax().x - x0);
  if (used < width) {
    ImGui::SameLine(0, 0);
    ImGui::Dummy(ImVec2(width - used, 1));
  }
}

// A label-above-control group inside a slot (no wrapping between them).
template <typename Body>
void sub_group(bool& first, const char* label, const char* help_text, Body&& body) {
  // Side by side while they fit the panel (a narrow column stacks them).
  const float spacing = ImGui::GetStyle().ItemSpacing.x * 1.6f;
  if (!first && ImGui::GetItemRectMax().x + spacing + ImGui::GetFontSize() * 3.5f <
                    ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
    ImGui::SameLine(0, spacing);
  first = false;
  ImGui::BeginGroup();
  caption(label);
  body();
  ImGui::EndGroup();
  if (help_text) tip(help_text);
}

bool input_double(const char* id, double& v, float width, const char* format = "%.4g") {
  ImGui::SetNextItemWidth(width);
  return ImGui::InputDouble(id, &v, 0.0, 0.0, format);
}

// The activation shared by all hidden layers, or nullptr-like "mixed".
bool uniform_activation(const Config& c, Activation& out) {
  out = c.network.activation.empty() ? Activation::Tanh : c.network.activation[0];
  for (Activation a : c.network.activation)
    if (a != out) return false;
  return true;
}

}  // namespace

void draw_top_bar(AppState& app, bool phone) {
  const float s = app.ui_scale;
  Session& ses = *app.session;
  char buf[64], buf2[64];

  // Row 1: transport, speed, counters.
  const bool can_play = !ses.diverged() && !user_incomplete(app);
  ImGui::BeginDisabled(!can_play && !app.playing);
  ImGui::PushStyleColor(ImGuiCol_Button, app.playing ? ImVec4(0.85f, 0.87f, 0.90f, 1.0f)
                                                     : ImVec4(0.031f, 0.467f, 0.741f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_Text,
                        app.playing ? ImVec4(0.1f, 0.1f, 0.12f, 1.0f) : ImVec4(1, 1, 1, 1));
  if (app.fonts.bold) ImGui::PushFont(app.fonts.bold);
  // Controls a link hides (?hide=) are not drawn (nor in the Tab order).
  const auto shown = [&](const char* name) { return control_shown(app, name); };
  if (shown("play")) {
    if (ImGui::Button(app.playing ? "||  Pause" : "▶  Play", ImVec2(92 * s, 0)))
      app_set_playing(app, !app.playing);
    tip("Train continuously (space).");
    ImGui::SameLine();
  }
  if (app.fonts.bold) ImGui::PopFont();
  ImGui::PopStyleColor(2);
  ImGui::EndDisabled();
  if (shown("step")) {
    ImGui::BeginDisabled(!can_play);
    if (ImGui::Button("Step")) app.pending_steps += 1;
    ImGui::EndDisabled();
    tip("One training step on one batch (s).");
    ImGui::SameLine();
  }
  if (shown("reset")) {
    if (ImGui::Button("Reset")) app.pending_reset = true;
    tip("New initial weights from the seed, same data; the step count restarts (r).");
  } else {
    ImGui::Dummy(ImVec2(0, ImGui::GetFrameHeight()));
  }
  const auto menus = [&](bool stacked) {
    if (shown("file")) {
      draw_file_menu(app);  // Import / Export (files.cpp)
      if (!stacked) ImGui::SameLine();
    }
    if (shown("lessons")) {
      draw_teach_menus(app);
      if (!stacked) ImGui::SameLine();
    }
    if (shown("share")) {
      draw_share_button(app);
      if (!stacked) ImGui::SameLine(0, 18 * s);
    }
    if (!shown("speed")) {
      if (stacked && ImGui::Button("Keyboard shortcuts (?)")) app.access.show_help = true;
      return;
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Speed");
    tip(help::kSpeed);
    ImGui::SameLine();
    enum_combo("##speedmode", app.speed.mode, kSpeedModes, 122 * s);
    if (!stacked) ImGui::SameLine();
    ImGui::SetNextItemWidth(stacked ? 122 * s + ImGui::CalcTextSize("Speed").x : 96 * s);
    if (app.speed.mode == SpeedMode::TimeBudget) {
      ImGui::SliderFloat("##budget", &app.speed.budget_ms, 1.0f, 25.0f, "%.0f ms");
      tip("Training time per frame; the rest of the frame draws the screen.");
    } else {
      ImGui::SliderInt("##spf", &app.speed.steps_per_frame, 1, 10000, "%d steps",
                       ImGuiSliderFlags_Logarithmic);
      tip("Training steps per frame (still capped so the frame stays above ~30 fps).");
    }
    if (stacked && ImGui::Button("Keyboard shortcuts (?)")) app.access.show_help = true;
  };
  ImGui::SameLine(0, (phone ? 8 : 18) * s);
  if (phone) {
    // A phone folds the menus and the speed into one menu.
    if (ImGui::Button("Menu")) ImGui::OpenPopup("##phonemenu");
    if (ImGui::BeginPopup("##phonemenu")) {
      menus(true);
      ImGui::EndPopup();
    }
    ImGui::SameLine(0, 8 * s);
  } else {
    menus(false);
    ImGui::SameLine();
    if (ImGui::Button("?")) app.access.show_help = !app.access.show_help;
    tip("Keyboard shortcuts (?).");
    ImGui::SameLine(0, 18 * s);
  }
  if (app.fonts.bold) ImGui::PushFont(app.fonts.bold);
  ImGui::AlignTextToFramePadding();
  ImGui::Text("Step %s", group_digits(ses.steps(), buf, sizeof buf));
  if (phone) {
    if (app.fonts.bold) ImGui::PopFont();
    return;
  }
  ImGui::SameLine(0, 14 * s);
  ImGui::Text("Epoch %.1f", ses.epochs());
  if (app.fonts.bold) ImGui::PopFont();
  // Right-aligned counters (dropped when the row is full).
  std::snprintf(buf2, sizeof buf2, "%.0f fps   %s steps/s", app.perf.fps,
                group_digits(static_cast<long long>(app.perf.steps_per_second), buf, sizeof buf));
  const float tw = ImGui::CalcTextSize(buf2).x;
  const float right = ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine();
  if (ImGui::GetCursorPosX() + 12 * s < right - tw) {
    ImGui::SetCursorPosX(right - tw);
    ImGui::TextDisabled("%s", buf2);
    tip("Frames per second of the app, and training steps per second (each step = one batch).");
  } else {
    ImGui::NewLine();
  }
}

// Every training setting, label above control: a wrapping row under the top bar, or (column)
// one setting per line in a narrow column (the left column of a medium screen, a phone's tab).
void draw_settings(AppState& app, bool column) {
  const float s = app.ui_scale;
  Config& c = app.config;
  const float w = 100 * s;
  Flow f = flow_begin();
  f.column = column;
  // A control a link hides (?hide=) is not drawn, so it is not in the Tab order either.
  const auto shown = [&](const char* name) { return control_shown(app, name); };
  if (shown("lr"))
    group(f, w, "Learning rate", help::kLearningRate,
          [&] { preset_combo("##lr", c.optimizer.learning_rate, kLearningRates, w); });
  const float spacing = ImGui::GetStyle().ItemSpacing.x * 1.6f;
  if (shown("schedule"))
    group(f, w, "Schedule", help::kSchedule,
          [&] { enum_combo("##schedule", c.schedule.kind, kSchedules, w); });
  if (shown("schedule"))
    slot(f, w * 1.3f + spacing, [&] {
      bool first = true;
      switch (c.schedule.kind) {
        case ScheduleKind::Constant:
          sub_group(first, "", nullptr, [&] { ImGui::TextDisabled("α stays α₀"); });
          break;
        case ScheduleKind::Step:
          sub_group(first, "every (steps)", help::kScheduleStep, [&] {
            ImGui::SetNextItemWidth(w * 0.7f);
            ImGui::InputInt("##every", &c.schedule.every, 0);
          });
          sub_group(first, "factor", help::kScheduleStep,
                    [&] { input_double("##factor", c.schedule.factor, w * 0.6f); });
          break;
        case ScheduleKind::Exponential:
          sub_group(first, "k", help::kScheduleExponential,
                    [&] { input_double("##k", c.schedule.k, w * 0.7f); });
          break;
        case ScheduleKind::Inverse:
          sub_group(first, "τ (steps)", help::kScheduleInverse,
                    [&] { input_double("##tau", c.schedule.tau, w * 0.7f, "%.0f"); });
          break;
      }
    });
  if (shown("optimizer"))
    group(f, w, "Optimizer", help::kOptimizer,
          [&] { enum_combo("##optimizer", c.optimizer.kind, kOptimizers, w); });
  const float pw = w * 0.56f;
  if (shown("optimizer"))
    slot(f, 4 * pw + 3 * spacing, [&] {
      bool first = true;
      switch (c.optimizer.kind) {
        case OptimizerKind::Sgd:
          sub_group(first, "", nullptr, [&] { ImGui::TextDisabled("x −= α g"); });
          break;
        case OptimizerKind::Momentum:
        case OptimizerKind::Nesterov:
          sub_group(first, "μ", help::kMomentumMu,
                    [&] { input_double("##mu", c.optimizer.momentum, pw); });
          break;
        case OptimizerKind::AdaGrad:
          sub_group(first, "ε", help::kEpsilon,
                    [&] { input_double("##eps", c.optimizer.epsilon, pw, "%.0e"); });
          break;
        case OptimizerKind::RmsProp:
          sub_group(first, "decay d", help::kDecay,
                    [&] { input_double("##decay", c.optimizer.decay, pw); });
          sub_group(first, "ε", help::kEpsilon,
                    [&] { input_double("##eps", c.optimizer.epsilon, pw, "%.0e"); });
          break;
        case OptimizerKind::Adam:
          sub_group(first, "β₁", help::kBeta1,
                    [&] { input_double("##b1", c.optimizer.beta1, pw); });
          sub_group(first, "β₂", help::kBeta2,
                    [&] { input_double("##b2", c.optimizer.beta2, pw); });
          sub_group(first, "ε", help::kEpsilon,
                    [&] { input_double("##eps", c.optimizer.epsilon, pw, "%.0e"); });
          sub_group(first, "bias c.", help::kBiasCorrection,
                    [&] { ImGui::Checkbox("##biascorr", &c.optimizer.bias_correction); });
          break;
      }
    });
  if (shown("batch"))
    group(f, w * 0.8f, "Batch size", help::kBatch, [&] {
      ImGui::SetNextItemWidth(w * 0.8f);
      const FieldRange b = field_range("batch_size");  // the schema's bounds (core/config.hpp)
      ImGui::SliderInt("##batch", &c.batch_size, static_cast<int>(b.lo), static_cast<int>(b.hi),
                       "%d", ImGuiSliderFlags_Logarithmic);
    });
  if (shown("loss")) {
    group(f, w, "Loss", help::kLoss, [&] { enum_combo("##loss", c.loss, kLosses, w); });
    // Settings that apply to one choice only stay in place, disabled for the others.
    ImGui::BeginDisabled(c.loss != Loss::MaxMargin);
    group(f, pw, "margin Δ", help::kMargin, [&] { input_double("##margin", c.margin, pw); });
    ImGui::EndDisabled();
  }
  if (shown("activation"))
    group(f, w, "Activation", help::kActivation, [&] {
      Activation a;
      const bool same = uniform_activation(c, a);
      if (!same) {
        // Per-layer activations (set in the diagram): the combo shows "mixed" and sets all.
        ImGui::SetNextItemWidth(w);
        if (begin_combo("##act", "(per layer)")) {
          for (const auto& it : activation_items())
            if (ImGui::Selectable(it.label)) c.network.activation = {it.value};
          ImGui::EndCombo();
        }
      } else if (enum_combo("##act", a, activation_items(), w)) {
        c.network.activation = {a};
      }
    });
  bool any_leaky = false;
  for (Activation a : c.network.activation) any_leaky = any_leaky || a == Activation::LeakyRelu;
  ImGui::BeginDisabled(!any_leaky);
  if (shown("activation"))
    group(f, pw, "leaky k", help::kLeakySlope,
          [&] { input_double("##leaky", c.network.leaky_slope, pw, "%.3g"); });
  ImGui::EndDisabled();
  if (shown("output"))
    group(f, w * 0.75f, "Output", help::kOutputActivation, [&] {
      enum_combo("##outact", c.network.output_activation, kOutputActivations, w * 0.75f);
    });
  if (shown("init")) {
    group(f, w, "Initialization", help::kInit,
          [&] { enum_combo("##init", c.network.init, kInits, w); });
    ImGui::BeginDisabled(c.network.init != Init::Normal);
    group(f, pw, "σ", help::kInitSigma,
          [&] { input_double("##sigma", c.network.init_sigma, pw, "%.3g"); });
    ImGui::EndDisabled();
  }
  if (shown("regularization")) {
    group(f, w * 0.75f, "Regularization", help::kRegularization,
          [&] { enum_combo("##reg", c.regularization.kind, kRegs, w * 0.75f); });
    ImGui::BeginDisabled(c.regularization.kind == Regularization::None);
    group(f, w * 0.7f, "Rate λ", help::kRegRate,
          [&] { preset_combo("##regrate", c.regularization.rate, kRegRates, w * 0.7f); });
    ImGui::EndDisabled();
  }
  if (shown("dropout"))
    group(f, w * 0.8f, "Dropout keep p", help::kDropout, [&] {
      ImGui::SetNextItemWidth(w * 0.8f);
      float keep = static_cast<float>(c.dropout_keep);
      if (ImGui::SliderFloat("##keep", &keep, 0.05f, 1.0f, "%.2f"))
        c.dropout_keep = snap_decimals(keep, 2);
    });
  if (shown("scaling"))
    group(f, w * 0.7f, "α / √n_in", help::kPerLayerScaling,
          [&] { ImGui::Checkbox("##perlayer", &c.optimizer.per_layer_scaling); });
}

// [SECTION] banner

void draw_banner(AppState& app, ImVec2 at, float width) {
  const Session& ses = *app.session;
  const float s = app.ui_scale;
  app.banner_lines = 0;
  // An unfolded notice stays until folded or dismissed (it is being read).
  if (app.message_expanded && app.now < app.message_until)
    app.message_until = std::max(app.message_until, app.now + 2.0);
  const bool any = ses.diverged() || !ses.warning().empty() || user_incomplete(app) ||
                   (!app.message.empty() && app.now < app.message_until);
  if (!any) return;
  ImGui::SetNextWindowPos(at);
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
  ImGui::Begin("##banner", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                   ImGuiWindowFlags_NoMove);
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  // A box of text with an optional button; at most three lines unless `all` (the rest behind
  // a "Show all" toggle: a button, so mouse, touch and Tab reach it). Returns the button pressed.
  auto box = [&](ImU32 bg, const char* text, const char* button, bool* all = nullptr,
                 const std::vector<std::string>* details = nullptr) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    const float line_h = ImGui::GetTextLineHeight();
    const char* toggle_label = all && *all ? "Show less" : "Show all";
    const float bw = button ? ImGui::CalcTextSize(button).x + 24 * s : 0.0f;
    const float tw = all ? ImGui::CalcTextSize("Show less").x + 20 * s : 0.0f;
    const float wrap = w - bw - tw - 24 * s;
    std::string shown = text;
    if (details && all && *all)
      for (const std::string& d : *details) shown += "\n• " + d;
    ImVec2 ts = ImGui::CalcTextSize(shown.c_str(), nullptr, false, wrap);
    const bool clipped = ts.y > line_h * 3.5f;
    const bool has_more = clipped || (details && details->size() > 1);
    if (all && !*all && clipped) {
      // The longest prefix that wraps into three lines, cut at a space, with an ellipsis.
      std::size_t lo = 0, hi = shown.size();
      while (lo + 1 < hi) {
        const std::size_t mid = (lo + hi) / 2;
        const std::string t = shown.substr(0, mid) + "…";
        (ImGui::CalcTextSize(t.c_str(), nullptr, false, wrap).y <= line_h * 3.5f ? lo : hi) = mid;
      }
      const std::size_t space = shown.rfind(' ', lo);
      shown = shown.substr(0, space != std::string::npos && space > lo / 2 ? space : lo) + "…";
      ts = ImGui::CalcTextSize(shown.c_str(), nullptr, false, wrap);
    }
    // Unfolded text taller than the screen scrolls inside the box (wheel, touch, arrows).
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float room = std::max(line_h * 3, vp->WorkPos.y + vp->WorkSize.y - p.y - 20 * s);
    const bool scroll = all && *all && ts.y > room;
    const float text_h = scroll ? room : ts.y;
    const float h = std::max(text_h, ImGui::GetFrameHeight()) + 10 * s;
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), bg, 4 * s);
    ImGui::SetCursorScreenPos(ImVec2(p.x + 8 * s, p.y + (h - text_h) * 0.5f));
    if (scroll) {
      ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
      ImGui::BeginChild("##bannerall", ImVec2(wrap + 16 * s, text_h), false);
      ImGui::PushTextWrapPos(wrap);
    } else {
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
    }
    ImGui::TextUnformatted(shown.c_str());
    ImGui::PopTextWrapPos();
    if (scroll) {
      ImGui::EndChild();
      ImGui::PopStyleColor();
    }
    app.banner_lines += static_cast<int>(ts.y / line_h + 0.5f);
    bool pressed = false;
    // Buttons at the top of a tall box, so an unfolded one keeps them on screen.
    const float by = p.y + std::min((h - ImGui::GetFrameHeight()) * 0.5f, 5 * s);
    if (all && has_more) {
      ImGui::SetCursorScreenPos(ImVec2(p.x + w - bw - tw + 4 * s, by));
      if (ImGui::Button(toggle_label)) *all = !*all;
    }
    if (button) {
      ImGui::SetCursorScreenPos(ImVec2(p.x + w - bw + 4 * s, by));
      pressed = ImGui::Button(button);
    }
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h + ImGui::GetStyle().ItemSpacing.y));
    ImGui::Dummy(ImVec2(0, 0));
    return pressed;
  };
  if (ses.diverged()) {
    std::string text = "Training diverged: " + ses.divergence_reason() + ".";
    if (box(IM_COL32(251, 214, 214, 255), text.c_str(), "Reset")) app.pending_reset = true;
  } else if (!ses.warning().empty()) {
    // Training goes on; the warning says what, over which steps and what to change.
    std::string text = "Training is not working: " + ses.warning() + ".";
    if (box(IM_COL32(252, 226, 196, 255), text.c_str(), "Reset")) app.pending_reset = true;
  }
  if (user_incomplete(app))
    box(IM_COL32(222, 236, 250, 255),
        "Your data: click the map to add a point of the chosen class, ctrl-click for the other "
        "class, shift-click for a test point (at least 2 points to train).",
        nullptr);
  if (!app.message.empty() && app.now < app.message_until)
    if (box(IM_COL32(252, 238, 205, 255), app.message.c_str(), "OK", &app.message_expanded,
            &app.message_details))
      app.message_until = 0;
  ImGui::End();
}

// [SECTION] keyboard shortcuts

void handle_shortcuts(AppState& app) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  // With a widget focused from the keyboard, Space presses that widget (ImGui's navigation);
  // otherwise Space is Play/Pause.
  const bool widget_focused = tab_order_focused() != 0;
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
    switch (io.InputQueueCharacters[i]) {
      case ' ':
        if (!widget_focused) app_set_playing(app, !app.playing);
        break;
      case 's':
      case 'S':
        app.pending_steps += 1;
        break;
      case 'r':
      case 'R':
        app.pending_reset = true;
        break;
      case '?':
        app.access.show_help = !app.access.show_help;
        break;
      default:
        break;
    }
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    // Escape closes the topmost dialog (Share, the desktop's file dialog): ImGui's navigation
    // closes lists and menus but leaves modal popups open. A text field being edited takes the
    // first Escape (it returns above), so typing is never lost by one key.
    ImGuiContext& g = *ImGui::GetCurrentContext();
    if (!g.OpenPopupStack.empty()) {
      const ImGuiWindow* top = g.OpenPopupStack.back().Window;
      if (top && (top->Flags & ImGuiWindowFlags_Modal))
        ImGui::ClosePopupToLevel(g.OpenPopupStack.Size - 1, true);
    } else if (app.access.show_help) {
      app.access.show_help = false;
    }
  }
}

// [SECTION] keyboard help and first-visit cue

namespace {
constexpr const char* kShortcuts[][2] = {
    {"Space", "Play / Pause (with a control focused: press it)"},
    {"S", "one training step"},
    {"R", "reset: new initial weights, same data"},
    {"Tab / Shift+Tab",
     "next / previous control; at the last (first) control the focus leaves "
     "the playground"},
    {"Arrow keys", "move between controls; in a list, choose an entry"},
    {"Enter / Space", "press the focused button, open the focused list, check a box"},
    {"Ctrl + click, Enter", "type a value into a slider or a number field"},
    {"Escape", "close a list, a dialog or this help"},
    {"?", "show or hide this help"},
};
}  // namespace

void draw_help_overlay(AppState& app) {
  if (!app.access.show_help) return;
  const float s = app.ui_scale;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(
      ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
      ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSizeConstraints(
      ImVec2(0, 0), ImVec2(std::min(560 * s, vp->WorkSize.x - 16 * s), vp->WorkSize.y - 16 * s));
  bool open = true;
  if (ImGui::Begin("Keyboard shortcuts", &open,
                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse |
                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove)) {
    if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_SizingFixedFit)) {
      for (const auto& row : kShortcuts) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (app.fonts.bold) ImGui::PushFont(app.fonts.bold);
        ImGui::TextUnformatted(row[0]);
        if (app.fonts.bold) ImGui::PopFont();
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 380 * s);
        ImGui::TextUnformatted(row[1]);
        ImGui::PopTextWrapPos();
      }
      ImGui::EndTable();
    }
    ImGui::Spacing();
    ImGui::TextDisabled("Screen readers: the page mirrors Play, Step, Reset, the dataset, the");
    ImGui::TextDisabled("learning rate and the lesson as HTML controls before the canvas.");
    if (ImGui::Button("Close")) open = false;
  }
  ImGui::End();
  if (!open) app.access.show_help = false;
}

// A short cue over the map until the first Play: nothing moves after load by itself.
void draw_first_visit_cue(AppState& app) {
  if (app.access.played_once || app.playing || app.share.embed || app.map_rect.size <= 0) return;
  if (app.session->steps() > 0) return;
  const float s = app.ui_scale;
  const char* text =
      app.access.coarse_pointer ? "Press Play to train" : "Press Play or Space to train";
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  const ImVec2 ts = ImGui::CalcTextSize(text);
  const ImVec2 c(app.map_rect.x + app.map_rect.size * 0.5f,
                 app.map_rect.y + app.map_rect.size * 0.5f);
  const ImVec2 p0(c.x - ts.x * 0.5f - 12 * s, c.y - ts.y * 0.5f - 8 * s);
  const ImVec2 p1(c.x + ts.x * 0.5f + 12 * s, c.y + ts.y * 0.5f + 8 * s);
  dl->AddRectFilled(p0, p1, IM_COL32(255, 255, 255, 230), 6 * s);
  dl->AddRect(p0, p1, IM_COL32(8, 119, 189, 255), 6 * s, 0, 2 * s);
  dl->AddText(ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), IM_COL32(40, 41, 47, 255), text);
}

}  // namespace nn::app
