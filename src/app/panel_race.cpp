// Optimizer race (§2.8-2.9): up to five optimizers, each training its own copy of the current
// config from the same initial weights on the same batches (nn::Race), loss curves overlaid and
// a boundary thumbnail per lane; and the 2D loss surface: contours of J(w1, w2) with every
// optimizer's trajectory from the same start (nn::surface_race).
// [SECTION] network race   [SECTION] loss surface
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "teach_plot.hpp"
#include "teach_ui.hpp"
#include "widgets.hpp"

namespace nn::app {

namespace {

constexpr EnumItem<OptimizerKind> kKinds[] = {
    {OptimizerKind::Sgd, "SGD", "x -= alpha g"},
    {OptimizerKind::Momentum, "Momentum", "v = mu v - alpha g; x += v (§2.8)"},
    {OptimizerKind::Nesterov, "Nesterov", "momentum with the look-ahead gradient"},
    {OptimizerKind::AdaGrad, "AdaGrad", "cache += g^2; x -= alpha g / sqrt(cache + 1e-8)"},
    {OptimizerKind::RmsProp, "RMSProp", "cache = d cache + (1-d) g^2"},
    {OptimizerKind::Adam, "Adam", "m, v moving averages of g and g^2 (bias correction optional)"}};
// A lane can race any optimizer of the kind table (core/config.hpp).
static_assert(sizeof kKinds / sizeof kKinds[0] == kOptimizerCount, "one choice per optimizer kind");

constexpr EnumItem<SurfaceKind> kSurfaces[] = {
    {SurfaceKind::Valley, "Valley", "J = ½ (0.1 w1² + 4 w2²): ill-conditioned."},
    {SurfaceKind::Rosenbrock, "Rosenbrock", "J = (1 − w1)² + 100 (w2 − w1²)²"},
    {SurfaceKind::Logistic, "Logistic", "Two-weight logistic regression on 8 points."}};

// Colours follow the lane, not the optimizer kind: two Adam lanes (bias-corrected and the
// notes' form) must be told apart.
ImU32 lane_color(int lane) { return series_color(lane); }

void thumbnail(const AppState& app, const std::vector<float>& scores, int res, int outputs,
               Loss loss, float size) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(size, size));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const std::size_t n = static_cast<std::size_t>(res) * res;
  if (outputs < 1 || scores.size() < n * static_cast<std::size_t>(outputs)) {
    dl->AddRectFilled(p, ImVec2(p.x + size, p.y + size), IM_COL32(235, 236, 238, 255));
    return;
  }
  const PaletteColors& pc = palette_colors(app.view.palette);
  const float cell = size / static_cast<float>(res);
  for (int r = 0; r < res; ++r) {
    for (int c = 0; c < res; ++c) {
      const std::size_t k = static_cast<std::size_t>(r) * res + c;
      Rgb col;
      if (outputs == 1) {
        const float sc = scores[k];
        const float v = loss == Loss::Logistic ? std::tanh(sc * 0.5f) : std::clamp(sc, -1.f, 1.f);
        col = diverging_color(pc, v);
      } else {
        int best = 0;
        for (int o = 1; o < outputs; ++o)
          if (scores[k * outputs + o] > scores[k * outputs + best]) best = o;
        col = pc.classes[std::min(best, 7)];
      }
      const ImVec2 a(p.x + c * cell, p.y + r * cell);
      dl->AddRectFilled(a, ImVec2(a.x + cell + 0.5f, a.y + cell + 0.5f), to_u32(col));
    }
  }
}

}  // namespace

// [SECTION] network race

void teach_start_race(AppState& app) {
  RaceView& r = app.teach.race;
  std::vector<OptimizerConfig> opts = r.lanes;
  if (opts.empty()) {
    app_notify(app, "Add at least one lane to the race.");
    return;
  }
  if (opts.size() > static_cast<std::size_t>(kMaxRaceLanes)) opts.resize(kMaxRaceLanes);
  try {
    r.race = std::make_unique<Race>(app.session->config(), opts);
    r.race->set_record_every(std::max(1, r.target_steps / 200));
    r.running = true;
    r.thumbs.clear();
    r.thumb_step.clear();
  } catch (const ConfigError& e) {
    r.race.reset();
    app_notify(app, std::string("Race: ") + e.what());
  }
}

void draw_race_view(AppState& app) {
  RaceView& r = app.teach.race;
  const float sc = app.ui_scale;
  ImGui::TextUnformatted("Lanes (up to five, any mix; same start, same batches):");
  int remove = -1;
  for (std::size_t k = 0; k < r.lanes.size(); ++k) {
    OptimizerConfig& o = r.lanes[k];
    ImGui::PushID(static_cast<int>(k));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float fh = ImGui::GetFrameHeight();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + fh * 0.25f),
                                              ImVec2(p.x + fh * 0.5f, p.y + fh * 0.75f),
                                              lane_color(static_cast<int>(k)));
    ImGui::Dummy(ImVec2(fh * 0.5f, fh));
    ImGui::SameLine();
    enum_combo("##kind", o.kind, kKinds, 96 * sc);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(64 * sc);
    if (ImGui::InputDouble("lr", &o.learning_rate, 0, 0, "%.3g") && !(o.learning_rate > 0))
      o.learning_rate = 1e-4;
    if (o.kind == OptimizerKind::Momentum || o.kind == OptimizerKind::Nesterov) {
      ImGui::SameLine();
      ImGui::SetNextItemWidth(56 * sc);
      ImGui::InputDouble("mu", &o.momentum, 0, 0, "%.3g");
      o.momentum = std::clamp(o.momentum, 0.0, 0.999);
    }
    if (o.kind == OptimizerKind::Adam) {
      ImGui::SameLine();
      ImGui::Checkbox("bias correction", &o.bias_correction);
      tip("Off: the notes' form, x -= alpha m / (sqrt(v) + eps) with m and v starting at 0. "
          "Early on sqrt(v) is small, so its steps are up to about 3.2 times larger than "
          "standard Adam's.");
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("x")) remove = static_cast<int>(k);
    tip("Remove this lane.");
    ImGui::PopID();
  }
  if (remove >= 0) {
    r.lanes.erase(r.lanes.begin() + remove);
    r.surface_valid = false;
  }
  ImGui::BeginDisabled(r.lanes.size() >= static_cast<std::size_t>(kMaxRaceLanes));
  if (ImGui::SmallButton("+ lane")) {
    r.lanes.push_back(app.session->config().optimizer);
    r.surface_valid = false;
  }
  ImGui::EndDisabled();
  tip("Adds a lane with the current config's optimizer; change its kind and rate here.");
  if (ImGui::Button(r.race ? "Restart race" : "Race")) {
    teach_start_race(app);
    r.surface_valid = false;
  }
  tip("Every lane is a copy of the current config with only the optimizer changed: the same "
      "initial weights, the same batches in the same order.");
  if (r.race) {
    ImGui::SameLine();
    if (ImGui::Button(r.running ? "Pause" : "Resume")) r.running = !r.running;
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90 * sc);
  ImGui::SliderInt("steps", &r.target_steps, 100, 20000, "%d", ImGuiSliderFlags_Logarithmic);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(70 * sc);
  ImGui::SliderInt("per frame", &r.steps_per_frame, 1, 50);

  const float w = ImGui::GetContentRegionAvail().x;
  if (r.race) {
    Race& race = *r.race;
    double lo = 1e300, hi = -1e300, xmax = 1;
    std::vector<RaceCurve> curves;
    for (int k = 0; k < race.lanes(); ++k) {
      curves.push_back(race.curve(k));
      value_range(curves.back().train_loss, true, lo, hi);
      if (!curves.back().step.empty()) xmax = std::max(xmax, curves.back().step.back());
    }
    if (lo > hi) lo = 1e-3, hi = 1;
    // Log y only when the curves span more than a decade and a half.
    const bool log_y = hi > 30 * lo;
    if (!log_y) lo = 0;
    const PlotArea a = plot_begin("##raceloss", w, 150 * sc, 0, xmax, lo, hi * 1.05, log_y, "step");
    for (int k = 0; k < race.lanes(); ++k)
      plot_line(a, curves[static_cast<std::size_t>(k)].step,
                curves[static_cast<std::size_t>(k)].train_loss, lane_color(k), 2.0f);
    // One column per lane: thumbnail, label, loss.
    const int lanes = race.lanes();
    const float col_w = (w - 4 * sc * static_cast<float>(lanes - 1)) / static_cast<float>(lanes);
    const float thumb = std::min(col_w, 130 * sc);
    const Session& s0 = race.session(0);
    const bool plane = s0.raw().train.X.rows() == 2;
    for (int k = 0; k < lanes; ++k) {
      if (k) ImGui::SameLine(0, 4 * sc);
      ImGui::BeginGroup();
      const Session& s = race.session(k);
      if (plane && static_cast<std::size_t>(k) < r.thumbs.size())
        thumbnail(app, r.thumbs[static_cast<std::size_t>(k)], r.thumb_res,
                  s.network().spec().outputs, s.config().loss, thumb);
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ImGui::GetWindowDrawList()->AddRectFilled(
          ImVec2(p.x, p.y + 3 * sc), ImVec2(p.x + 10 * sc, p.y + 13 * sc), lane_color(k));
      ImGui::Dummy(ImVec2(12 * sc, 0));
      ImGui::SameLine(0, 2 * sc);
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + col_w - 14 * sc);
      ImGui::TextUnformatted(race.label(k).c_str());
      const RaceCurve& c = curves[static_cast<std::size_t>(k)];
      if (race.diverged(k))
        ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "diverged");
      else if (!c.train_loss.empty())
        ImGui::TextDisabled("loss %.4f @ %lld", c.train_loss.back(), s.steps());
      ImGui::PopTextWrapPos();
      ImGui::EndGroup();
    }
  } else {
    ImGui::TextDisabled("Add lanes and press Race.");
  }

  // [SECTION] loss surface
  ImGui::Separator();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("2D loss surface");
  ImGui::SameLine();
  if (enum_combo("##surface", r.surface, kSurfaces, 130 * sc)) r.surface_valid = false;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90 * sc);
  if (ImGui::SliderInt("steps##surf", &r.surface_steps, 10, 1000, "%d",
                       ImGuiSliderFlags_Logarithmic))
    r.surface_valid = false;
  ImGui::SameLine();
  if (ImGui::Button("Run")) r.surface_valid = false;
  if (!r.surface_valid) teach_compute_surface(app);
  const SurfaceSpec spec = surface_spec(r.surface);
  ImGui::TextDisabled("%s   (each optimizer at its own typical rate for this surface)",
                      spec.title.c_str());
  const float size = std::min(w * 0.62f, 340 * sc);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(size, size));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + size, p.y + size), IM_COL32(255, 255, 255, 255));
  dl->AddRect(p, ImVec2(p.x + size, p.y + size), IM_COL32(200, 203, 208, 255));
  auto to_screen = [&](double w1, double w2) {
    return ImVec2(
        p.x + static_cast<float>((w1 - spec.w1_min) / (spec.w1_max - spec.w1_min)) * size,
        p.y + static_cast<float>((spec.w2_max - w2) / (spec.w2_max - spec.w2_min)) * size);
  };
  dl->PushClipRect(p, ImVec2(p.x + size, p.y + size), true);
  const std::size_t levels = r.contours.size();
  for (std::size_t l = 0; l < levels; ++l) {
    const int shade = 150 + static_cast<int>(90.0 * l / std::max<std::size_t>(1, levels));
    for (const Segment& sg : r.contours[l])
      dl->AddLine(to_screen(sg.w1a, sg.w2a), to_screen(sg.w1b, sg.w2b),
                  IM_COL32(shade - 60, shade - 40, shade, 255), 1.0f);
  }
  for (std::size_t ti = 0; ti < r.trajectories.size(); ++ti) {
    const Trajectory& t = r.trajectories[ti];
    const ImU32 col = lane_color(static_cast<int>(ti));
    for (std::size_t k = 1; k < t.w1.size(); ++k)
      dl->AddLine(to_screen(t.w1[k - 1], t.w2[k - 1]), to_screen(t.w1[k], t.w2[k]), col, 2.0f);
    if (!t.w1.empty()) dl->AddCircleFilled(to_screen(t.w1.back(), t.w2.back()), 3.5f * sc, col);
  }
  dl->AddCircleFilled(to_screen(spec.start_w1, spec.start_w2), 4 * sc, IM_COL32(30, 30, 30, 255));
  const ImVec2 best = to_screen(spec.best_w1, spec.best_w2);
  dl->AddLine(ImVec2(best.x - 5 * sc, best.y), ImVec2(best.x + 5 * sc, best.y),
              IM_COL32(200, 0, 0, 255), 2);
  dl->AddLine(ImVec2(best.x, best.y - 5 * sc), ImVec2(best.x, best.y + 5 * sc),
              IM_COL32(200, 0, 0, 255), 2);
  dl->PopClipRect();
  ImGui::SameLine(0, 10 * sc);
  ImGui::BeginGroup();
  ImGui::TextDisabled("● start   + minimum");
  for (std::size_t ti = 0; ti < r.trajectories.size(); ++ti) {
    const Trajectory& t = r.trajectories[ti];
    legend_item(lane_color(static_cast<int>(ti)), t.label.c_str());
    if (!t.loss.empty()) {
      ImGui::TextDisabled(t.diverged ? "   diverged" : "   J = %.3g after %zu", t.loss.back(),
                          t.loss.size() - 1);
    }
  }
  if (r.trajectories.empty()) ImGui::TextDisabled("Add lanes above.");
  ImGui::EndGroup();
}

void teach_compute_surface(AppState& app) {
  RaceView& r = app.teach.race;
  r.surface_grid = surface_grid(r.surface, r.surface_res);
  const std::vector<double> levels = contour_levels(r.surface_grid, 14);
  const SurfaceSpec spec = surface_spec(r.surface);
  r.contours.clear();
  for (double lv : levels)
    r.contours.push_back(contour_segments(r.surface_grid, r.surface_res, spec, lv));
  std::vector<OptimizerConfig> opts = r.lanes;
  if (opts.empty()) {
    // No lanes yet yet: the classic trio, so the view is never blank.
    for (OptimizerKind k : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Adam}) {
      OptimizerConfig o;
      o.kind = k;
      opts.push_back(o);
    }
  }
  for (OptimizerConfig& o : opts) o.learning_rate = surface_learning_rate(r.surface, o.kind);
  r.trajectories = surface_race(r.surface, opts, r.surface_steps);
  r.surface_valid = true;
}

}  // namespace nn::app
