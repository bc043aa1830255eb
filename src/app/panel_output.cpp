// Right panel: the output. The decision-boundary map (a >= 256^2 grid evaluated by the core,
// coloured by shaders/colormap.frag.glsl), training points on top, test points on a toggle,
// axes with ticks, a colour legend; clicks add user points. For ner_window (20-d inputs, no
// input plane) it lists the test windows with their scores instead.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.hpp"
#include "share.hpp"
#include "ui.hpp"
#include "widgets.hpp"

namespace nn::app {

namespace {

// The atlas tile of the neuron (or input feature) hovered on the network diagram, -1 for none or
// when the thumbnails are not of this network.
int hovered_neuron_tile(const AppState& app) {
  const Selection& h = app.hover;
  const Atlas& atlas = app.grid.atlas;
  const Network& net = app.session->network();
  if (h.kind != Selection::Kind::Neuron || app.tex.atlas == 0 || !atlas.valid() ||
      !app.grid.available || !atlas.matches(net) || user_incomplete(app))
    return -1;
  if (h.layer >= 0) return atlas.unit_tile(h.layer, h.i);
  const std::vector<Feature>& features = app.session->config().features;
  if (h.i < 0 || h.i >= static_cast<int>(features.size()) ||
      net.spec().inputs != static_cast<int>(features.size()))
    return -1;  // NER windows' inputs are not plane features
  const auto& all = all_features();
  return static_cast<int>(
      std::find(all.begin(), all.end(), features[static_cast<std::size_t>(h.i)]) - all.begin());
}

constexpr EnumItem<Palette> kPalettes[] = {
    {Palette::Playground, "Orange–blue",
     "TensorFlow Playground's diverging map: orange (negative / class 0), grey, blue "
     "(positive / class 1)."},
    {Palette::ColorBlindSafe, "Colour-blind safe",
     "Orange–white–purple (ColorBrewer PuOr) and the Okabe–Ito class colours, readable with "
     "every common colour-vision deficiency."}};

// Raw coordinate -> screen.
struct MapFrame {
  ImVec2 p0;
  float size;
  ImVec2 to_screen(double x1, double x2) const {
    return ImVec2(p0.x + static_cast<float>((x1 + kExtent) / (2 * kExtent)) * size,
                  p0.y + static_cast<float>((kExtent - x2) / (2 * kExtent)) * size);
  }
  void to_raw(ImVec2 p, double& x1, double& x2) const {
    x1 = -kExtent + (p.x - p0.x) / size * 2 * kExtent;
    x2 = kExtent - (p.y - p0.y) / size * 2 * kExtent;
  }
};

// Each class has a shape as well as a colour (colour is never the only cue): circle, square,
// triangle, diamond, inverted triangle; regression targets are circles.
int marker_shape(int classes, double label) {
  if (classes <= 0) return 0;
  if (classes == 2) return label > 0 ? 0 : 1;
  return static_cast<int>(std::fmod(std::fabs(std::round(label)), 5.0));
}

void draw_marker(ImDrawList* dl, ImVec2 p, float r, int shape, ImU32 fill, ImU32 stroke,
                 float thickness) {
  switch (shape) {
    case 1: {
      const float h = r * 0.86f;
      dl->AddRectFilled(ImVec2(p.x - h, p.y - h), ImVec2(p.x + h, p.y + h), fill);
      dl->AddRect(ImVec2(p.x - h, p.y - h), ImVec2(p.x + h, p.y + h), stroke, 0, 0, thickness);
      break;
    }
    case 2:
    case 4: {
      const float d = shape == 2 ? 1.0f : -1.0f, k = r * 1.15f;
      const ImVec2 a(p.x, p.y - d * k), b(p.x + k * 0.87f, p.y + d * k * 0.5f),
          c(p.x - k * 0.87f, p.y + d * k * 0.5f);
      dl->AddTriangleFilled(a, b, c, fill);
      dl->AddTriangle(a, b, c, stroke, thickness);
      break;
    }
    case 3: {
      const float k = r * 1.2f;
      const ImVec2 a(p.x, p.y - k), b(p.x + k, p.y), c(p.x, p.y + k), e(p.x - k, p.y);
      dl->AddQuadFilled(a, b, c, e, fill);
      dl->AddQuad(a, b, c, e, stroke, thickness);
      break;
    }
    default:
      dl->AddCircleFilled(p, r, fill, 10);
      dl->AddCircle(p, r, stroke, 10, thickness);
  }
}

void draw_points(ImDrawList* dl, const MapFrame& f, const Matrix& X, const Vector& y, int classes,
                 const PaletteColors& pc, float scale, float r, bool test) {
  const ImU32 stroke = test ? IM_COL32(20, 20, 24, 255) : IM_COL32(255, 255, 255, 255);
  for (Eigen::Index k = 0; k < X.cols(); ++k) {
    const ImVec2 p = f.to_screen(X(0, k), X(1, k));
    draw_marker(dl, p, r, marker_shape(classes, y[k]),
                to_u32(label_color(pc, classes, y[k], scale)), stroke, test ? 1.2f : 1.0f);
  }
}

void draw_window_scores(AppState& app) {
  Session& ses = *app.session;
  const Points& test = ses.raw().test;
  WindowScores& w = app.windows;
  if (w.model_version != app.model_version) {
    ses.to_inputs(test.X, w.inputs);
    ses.network().forward(w.inputs, w.ws);
    w.model_version = app.model_version;
  }
  const Matrix& S = w.ws.a.empty() ? w.inputs : w.ws.a.back();  // (1, N) scores
  ImGui::TextWrapped(
      "Word windows (§1.3) are 20-d (5 words × 4-d vectors): there is no input plane to draw. "
      "The score s = Uᵀ f(W x + b) of each test window; a true window should score higher "
      "than its corrupted partner (§1.4).");
  ImGui::Spacing();
  const int n = static_cast<int>(std::min<Eigen::Index>(test.X.cols(), 200));
  if (ImGui::BeginTable("##windows", 3,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("window", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("score s", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    for (int k = 0; k < n; ++k) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(k < static_cast<int>(test.text.size()) ? test.text[k].c_str() : "?");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(test.y[k] > 0.5 ? "true" : "corrupted");
      ImGui::TableNextColumn();
      if (S.cols() == test.X.cols() && S.rows() > 0) ImGui::Text("%+.3f", S(0, k));
    }
    ImGui::EndTable();
  }
}

// The colour legend under the map: the diverging scale or the class swatches.
void draw_legend(const AppState& app, const PaletteColors& pc, float width) {
  const BoundaryPicture& b = app.grid.boundary;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float s = app.ui_scale;
  const float h = ImGui::GetTextLineHeight();
  ImVec2 p = ImGui::GetCursorScreenPos();
  if (b.mode == MapMode::Classes) {
    char buf[24];  // "class " + any int fits; 16 made GCC's -Wformat-truncation fail Debug -Werror
    for (int k = 0; k < b.classes; ++k) {
      dl->AddRectFilled(ImVec2(p.x, p.y + h * 0.15f), ImVec2(p.x + h * 0.7f, p.y + h * 0.85f),
                        to_u32(pc.classes[k]));
      std::snprintf(buf, sizeof buf, "class %d", k);
      dl->AddText(ImVec2(p.x + h, p.y), ImGui::GetColorU32(ImGuiCol_TextDisabled), buf);
      p.x += h + ImGui::CalcTextSize(buf).x + 10 * s;
    }
    ImGui::Dummy(ImVec2(width, h));
    return;
  }
  const char* lo = "−1";
  const char* hi = "+1";
  char lo_buf[24], hi_buf[24];
  if (b.transform == 0 && b.scale != 1.0f) {
    std::snprintf(lo_buf, sizeof lo_buf, "%.3g", -b.scale);
    std::snprintf(hi_buf, sizeof hi_buf, "%.3g", b.scale);
    lo = lo_buf;
    hi = hi_buf;
  } else if (b.transform == 1) {
    lo = "p = 0";
    hi = "p = 1";
  }
  const float lw = ImGui::CalcTextSize(lo).x, hw = ImGui::CalcTextSize(hi).x;
  const float bar = std::max(40.0f * s, std::min(width * 0.5f, 200 * s));
  dl->AddText(p, ImGui::GetColorU32(ImGuiCol_TextDisabled), lo);
  const float x0 = p.x + lw + 6 * s;
  const int steps = 24;
  for (int k = 0; k < steps; ++k) {
    const float t0 = static_cast<float>(k) / steps, t1 = static_cast<float>(k + 1) / steps;
    const Rgb c0 = diverging_color(pc, 2 * t0 - 1), c1 = diverging_color(pc, 2 * t1 - 1);
    dl->AddRectFilledMultiColor(ImVec2(x0 + bar * t0, p.y + h * 0.2f),
                                ImVec2(x0 + bar * t1, p.y + h * 0.8f), to_u32(c0), to_u32(c1),
                                to_u32(c1), to_u32(c0));
  }
  dl->AddText(ImVec2(x0 + bar + 6 * s, p.y), ImGui::GetColorU32(ImGuiCol_TextDisabled), hi);
  ImGui::Dummy(ImVec2(lw + bar + hw + 12 * s, h));
}

}  // namespace

void draw_output_panel(AppState& app) {
  const float s = app.ui_scale;
  Session& ses = *app.session;
  const PaletteColors& pc = palette_colors(app.view.palette);
  ViewOptions& v = app.view;
  char buf[128];

  // An embed (?embed=1) shows the map without the title and view options: the frame is small.
  const bool compact = app.share.embed;
  if (!compact) section_title(app, "OUTPUT");
  if (!app.grid.available) {
    draw_window_scores(app);
    return;
  }
  // View options, wrapping when the panel is narrow.
  if (!compact) {
    const float box = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
    ImGui::SameLine(0, 12 * s);
    Flow fl = flow_begin();
    fl.first = false;
    flow_item(fl, box + ImGui::CalcTextSize("Test data").x);
    ImGui::Checkbox("Test data", &v.show_test);
    tip("Show the test points (black outline) on the map.");
    flow_item(fl, box + ImGui::CalcTextSize("Discretize").x);
    ImGui::Checkbox("Discretize", &v.discretize);
    tip("Colour by the predicted class only (sign of the score / argmax), no confidence shading.");
    flow_item(fl, box + ImGui::CalcTextSize("Contour").x);
    ImGui::Checkbox("Contour", &v.contour);
    tip("Line at the decision threshold: σ(s) = ½ (s = 0), or the borders between classes.");
    const float pw = std::min(150 * s, ImGui::GetContentRegionAvail().x);
    flow_item(fl, pw);
    enum_combo("##palette", v.palette, kPalettes, pw);
    tip(enum_help(v.palette, kPalettes));
  }

  // Map geometry: square, axes on the left and bottom, legend below.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float axis_l = ImGui::CalcTextSize("-6").x + 10 * s;
  const float axis_b = ImGui::GetTextLineHeight() + 8 * s;
  const float legend_h = ImGui::GetTextLineHeightWithSpacing() + 4 * s;
  const float size = std::floor(
      std::max(32.0f * s, std::min(avail.x - axis_l - 6 * s, avail.y - axis_b - legend_h)));
  const ImVec2 c0 = ImGui::GetCursorScreenPos();
  const float x_off = std::max(0.0f, (avail.x - axis_l - size) * 0.5f);
  MapFrame f{ImVec2(c0.x + axis_l + x_off, c0.y + 2 * s), size};
  app.grid.display_px = static_cast<int>(size);
  app.map_rect = {f.p0.x, f.p0.y, size};
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 m1(f.p0.x + size, f.p0.y + size);

  // The boundary picture (a placeholder until the first one is coloured).
  const bool incomplete = user_incomplete(app);
  if (app.tex.boundary != 0 && app.grid.boundary.version > 0 && !incomplete)
    dl->AddImage(reinterpret_cast<ImTextureID>(app.tex.boundary), f.p0, m1);
  else
    dl->AddRectFilled(f.p0, m1, IM_COL32(246, 247, 248, 255));
  // A neuron hovered on the network diagram is painted over the whole map, as TensorFlow
  // Playground does: its activation over the input plane (the thumbnail's tile, same extent).
  const int hovered_tile = hovered_neuron_tile(app);
  if (hovered_tile >= 0) {
    float u0, v0, u1, v1;
    app.grid.atlas.tile_uv(hovered_tile, u0, v0, u1, v1);
    dl->AddRectFilled(f.p0, m1, IM_COL32(255, 255, 255, 255));
    dl->AddImage(reinterpret_cast<ImTextureID>(app.tex.atlas), f.p0, m1, ImVec2(u0, v0),
                 ImVec2(u1, v1));
  }
  dl->AddRect(f.p0, m1, IM_COL32(170, 172, 178, 255));

  // Axes with ticks every 2 units.
  const ImU32 tick_col = IM_COL32(120, 122, 130, 255);
  for (int t = -6; t <= 6; t += 2) {
    const ImVec2 px = f.to_screen(t, -kExtent);
    const ImVec2 py = f.to_screen(-kExtent, t);
    dl->AddLine(ImVec2(px.x, m1.y), ImVec2(px.x, m1.y + 4 * s), tick_col);
    dl->AddLine(ImVec2(f.p0.x - 4 * s, py.y), ImVec2(f.p0.x, py.y), tick_col);
    std::snprintf(buf, sizeof buf, "%d", t);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(px.x - ts.x * 0.5f, m1.y + 5 * s), tick_col, buf);
    dl->AddText(ImVec2(f.p0.x - ts.x - 6 * s, py.y - ts.y * 0.5f), tick_col, buf);
  }

  // Points: the user's own while drawing, else the session's splits.
  const float r = std::max(2.0f, 3.3f * s * std::min(1.0f, size / (300.0f * s) + 0.35f));
  dl->PushClipRect(f.p0, m1, true);
  const float scale =
      app.grid.boundary.mode == MapMode::Diverging && app.grid.boundary.transform == 0
          ? app.grid.boundary.scale
          : 1.0f;
  if (app.user_mode) {
    const int K = app.user_classes;
    for (int side = 0; side < 2; ++side) {
      if ((side == 0 && !v.show_train) || (side == 1 && !v.show_test)) continue;
      for (const UserPoint& u : app.user_points) {
        if (u.split != side) continue;
        const ImVec2 p = f.to_screen(u.x1, u.x2);
        draw_marker(dl, p, r, marker_shape(K, u.label),
                    to_u32(label_color(pc, K, u.label, K == 0 ? 1.0f : scale)),
                    side ? IM_COL32(20, 20, 24, 255) : IM_COL32_WHITE, 1.0f);
      }
    }
  } else {
    const int K = ses.is_regression() ? 0 : ses.classes();
    if (v.show_train)
      draw_points(dl, f, ses.raw().train.X, ses.raw().train.y, K, pc, scale, r, false);
    if (v.show_test) draw_points(dl, f, ses.raw().test.X, ses.raw().test.y, K, pc, scale, r, true);
  }
  dl->PopClipRect();

  // Mouse: click adds a point, hover reads the model's output there.
  ImGui::SetCursorScreenPos(f.p0);
  invisible_button("##map", ImVec2(size, size));
  // Left: add (Shift: to the test split, Ctrl: the other class), or drag a point; right-click
  // (a long press on touch) deletes the point under the mouse. The weights are kept throughout.
  const ImGuiIO& io = ImGui::GetIO();
  const double pick_radius = 2.5 * r / size * 2 * kExtent;  // a few pixels, in input units
  const bool can_draw = control_shown(app, "draw");         // ?hide=draw: the map only shows
  if (can_draw && ImGui::IsItemClicked(ImGuiMouseButton_Left)) {
    double x1, x2;
    f.to_raw(io.MousePos, x1, x2);
    app.drag_point = user_point_near(app, x1, x2, pick_radius);
    app.drag_moved = false;
    app.drag_ctrl = io.KeyCtrl;
    app.drag_shift = io.KeyShift;
    app.drag_x1 = x1;
    app.drag_x2 = x2;
    if (app.drag_point < 0) user_add_point(app, x1, x2, io.KeyCtrl, io.KeyShift);
  }
  if (app.drag_point >= 0) {
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
      double x1, x2;
      f.to_raw(io.MousePos, x1, x2);
      if (!app.drag_moved) {  // one undo entry per drag
        app.undo_stack.push_back(app.user_points);
        if (app.undo_stack.size() > 64) app.undo_stack.erase(app.undo_stack.begin());
      }
      app.drag_moved = true;
      user_move_point(app, app.drag_point, x1, x2);
    } else if (!ImGui::IsItemActive()) {
      if (!app.drag_moved)  // a press on a point without a move: add one there, as before
        user_add_point(app, app.drag_x1, app.drag_x2, app.drag_ctrl, app.drag_shift);
      app.drag_point = -1;
    }
  }
  if (can_draw && ImGui::IsItemClicked(ImGuiMouseButton_Right)) {
    double x1, x2;
    f.to_raw(io.MousePos, x1, x2);
    user_delete_point(app, user_point_near(app, x1, x2, pick_radius));
  }
  if (ImGui::IsItemHovered()) {
    double x1, x2;
    f.to_raw(ImGui::GetIO().MousePos, x1, x2);
    const BoundaryPicture& b = app.grid.boundary;
    ImGui::BeginTooltip();
    ImGui::Text("x1 = %.2f, x2 = %.2f", x1, x2);
    if (b.version > 0 && !b.values.empty() && !incomplete) {
      const int res = b.res;
      const int c = std::clamp(static_cast<int>((x1 + kExtent) / (2 * kExtent) * res), 0, res - 1);
      const int rr = std::clamp(static_cast<int>((kExtent - x2) / (2 * kExtent) * res), 0, res - 1);
      const float* val = &b.values[2 * (static_cast<std::size_t>(rr) * res + c)];
      if (b.mode == MapMode::Classes)
        ImGui::Text("predicted class %d (p = %.2f)", static_cast<int>(val[0] + 0.5f), val[1]);
      else if (b.transform == 1)
        ImGui::Text("score s = %.3f, σ(s) = %.3f", val[0], 1.0 / (1.0 + std::exp(-val[0])));
      else
        ImGui::Text("output = %.3f", val[0]);
    }
    ImGui::TextDisabled(
        "click: add a point of class %d (ctrl: the other class, shift: to the test split); "
        "drag a point to move it, right-click to delete it",
        app.view.add_class);
    ImGui::EndTooltip();
  }

  // Legend below the axis labels.
  ImGui::SetCursorScreenPos(ImVec2(c0.x + axis_l + x_off, m1.y + axis_b));
  draw_legend(app, pc, size);
}

}  // namespace nn::app
