// Views of §2.3-§2.7: activations (f and f' with the saturated/dead regions, a live histogram of
// z per layer), initialization and gradient flow (activation and gradient variance per layer
// over training, and the Xavier / small normal / He comparison), learning rate (alpha(t) of the
// schedule, divergence), preprocessing (raw and transformed points), dropout (inverted dropout).
// [SECTION] activations   [SECTION] init   [SECTION] schedule   [SECTION] preprocessing
// [SECTION] dropout
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "core/optimizer.hpp"
#include "teach_plot.hpp"
#include "teach_ui.hpp"
#include "widgets.hpp"

namespace nn::app {

// [SECTION] activations

namespace {

const char* health_text(const LayerActivationStats& st, char* buf, std::size_t n) {
  switch (st.health) {
    case UnitHealth::Saturation:
      std::snprintf(buf, n, "saturated %.0f%%", 100 * st.saturated_fraction);
      break;
    case UnitHealth::Dead:
      std::snprintf(buf, n, "inactive %.0f%%, dead units %.0f%%", 100 * st.inactive_fraction,
                    100 * st.dead_fraction);
      break;
    case UnitHealth::None:
      std::snprintf(buf, n, "linear: never saturates");
      break;
  }
  return buf;
}

}  // namespace

void draw_activations_view(AppState& app) {
  ActivationsView& v = app.teach.activations;
  Session& s = *app.session;
  const Network& net = s.network();
  const float sc = app.ui_scale;
  v.layer = std::clamp(v.layer, 0, net.num_layers() - 1);
  ImGui::SetNextItemWidth(200 * sc);
  char preview[64];
  std::snprintf(preview, sizeof preview, "layer %d: %s", v.layer + 1, name(net.layers[v.layer].f));
  if (begin_combo("f of", preview)) {
    for (int l = 0; l < net.num_layers(); ++l) {
      char label[64];
      std::snprintf(label, sizeof label, "layer %d: %s%s", l + 1, name(net.layers[l].f),
                    l + 1 == net.num_layers() ? " (output)" : "");
      if (ImGui::Selectable(label, l == v.layer)) v.layer = l;
    }
    ImGui::EndCombo();
  }
  const ActivationCurve c = sample_activation(net.layers[v.layer].f, net.spec().leaky_slope, 161);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(c.formula.c_str());
  ImGui::PopTextWrapPos();
  const float w = ImGui::GetContentRegionAvail().x;
  double lo = -1.0, hi = 1.0;
  value_range(c.a, false, lo, hi);
  value_range(c.da, false, lo, hi);
  hi = std::min(hi, 5.0);
  lo = std::max(lo, -5.0);
  const PlotArea a =
      plot_begin("##fplot", w, 150 * sc, c.z.front(), c.z.back(), lo, hi, false, "z");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const Interval& r : c.regions) {
    const ImU32 col = r.kind == "saturated" ? IM_COL32(245, 147, 34, 45)
                      : r.kind == "dead"    ? IM_COL32(200, 40, 40, 40)
                                            : IM_COL32(120, 120, 120, 35);
    dl->AddRectFilled(ImVec2(a.sx(r.lo), a.p0.y), ImVec2(a.sx(r.hi), a.p1.y), col);
  }
  plot_line(a, c.z, c.a, series_color(0), 2.0f);
  plot_line(a, c.z, c.da, series_color(1), 2.0f);
  legend_item(series_color(0), "f(z)");
  ImGui::SameLine(0, 16 * sc);
  legend_item(series_color(1), "f'(z)");
  ImGui::SameLine(0, 16 * sc);
  legend_item(IM_COL32(245, 147, 34, 110), "saturated (f' < 10% of f'(0))");
  ImGui::SameLine(0, 16 * sc);
  legend_item(IM_COL32(200, 40, 40, 100), "dead (f' = 0)");

  ImGui::Separator();
  ImGui::TextUnformatted("Live histogram of z per layer (last training batch):");
  const Workspace& ws = s.train_workspace();
  if (static_cast<int>(ws.z.size()) != net.num_layers() || ws.z.empty() || ws.z[0].cols() == 0) {
    ImGui::TextDisabled("Train a step to fill it.");
    ImGui::SameLine();
    if (ImGui::SmallButton("Step")) app.pending_steps += 1;
    return;
  }
  if (v.model_version != app.model_version || v.stats.size() != ws.z.size()) {
    v.stats = activation_stats(net, ws, 40, -5, 5);
    v.model_version = app.model_version;
  }
  const float hist_h = 56 * sc;
  for (const LayerActivationStats& st : v.stats) {
    char buf[96];
    ImGui::Text("layer %d (%s, %d units):  %s   z mean %.2f, std %.2f", st.layer + 1, name(st.f),
                st.units, health_text(st, buf, sizeof buf), st.z_mean, st.z_std);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float hw = ImGui::GetContentRegionAvail().x;
    ImGui::Dummy(ImVec2(hw, hist_h));
    int peak = 1;
    for (int k : st.z.counts) peak = std::max(peak, k);
    const int bins = static_cast<int>(st.z.counts.size());
    dl->AddRectFilled(p, ImVec2(p.x + hw, p.y + hist_h), IM_COL32(255, 255, 255, 255));
    const Activation f = st.f;
    for (int k = 0; k < bins; ++k) {
      const double zc = st.z.lo + (k + 0.5) * st.z.bin_width();
      const bool bad = is_saturated(f, zc, net.spec().leaky_slope) || is_inactive(f, zc);
      const float x0 = p.x + hw * static_cast<float>(k) / bins;
      const float x1 = p.x + hw * static_cast<float>(k + 1) / bins - 1;
      const float h = hist_h * static_cast<float>(st.z.counts[static_cast<std::size_t>(k)]) / peak;
      dl->AddRectFilled(ImVec2(x0, p.y + hist_h - h), ImVec2(x1, p.y + hist_h),
                        bad ? IM_COL32(220, 110, 30, 255) : IM_COL32(8, 119, 189, 255));
    }
    dl->AddRect(p, ImVec2(p.x + hw, p.y + hist_h), IM_COL32(200, 203, 208, 255));
    dl->AddText(ImVec2(p.x + 2, p.y), IM_COL32(110, 110, 110, 255), "-5");
    dl->AddText(ImVec2(p.x + hw - ImGui::CalcTextSize("5").x - 2, p.y),
                IM_COL32(110, 110, 110, 255), "5");
    if (st.z.below + st.z.above > 0) {
      std::snprintf(buf, sizeof buf, "%d below, %d above", st.z.below, st.z.above);
      dl->AddText(ImVec2(p.x + hw * 0.5f - ImGui::CalcTextSize(buf).x * 0.5f, p.y),
                  IM_COL32(110, 110, 110, 255), buf);
    }
  }
  ImGui::TextDisabled(
      "Orange bins: z where the unit is saturated or inactive (little or no "
      "gradient passes back).");
}

// [SECTION] init

namespace {

const char* kGradientVarianceHelp =
    "What does gradient variance mean (§2.6)? It is the variance of δ^(k) = ∂J/∂z^(k) over the "
    "units of layer k and the samples of the batch: how strong the error signal is when it "
    "reaches that layer on its way back. Each layer multiplies δ by Wᵀ and f'(z): if that "
    "shrinks it, the variance falls layer after layer (vanishing gradients: the first layers "
    "barely learn); if it grows it, it explodes. Xavier chooses Var(W) = 2 / (n_in + n_out) so "
    "that the activation variance going forward and the gradient variance going back both stay "
    "about constant across layers.";

// Series per layer, log y.
void layer_plot(const char* id, const char* title, const std::vector<double>& xs,
                const std::vector<std::vector<double>>& ys, float w, float h, bool log_y) {
  double lo = 1e300, hi = -1e300;
  for (const auto& y : ys) value_range(y, log_y, lo, hi);
  if (lo > hi) {
    lo = log_y ? 1e-3 : 0;
    hi = 1;
  }
  ImGui::BeginGroup();
  ImGui::TextUnformatted(title);
  const double x1 = xs.empty() ? 1 : xs.back();
  const PlotArea a = plot_begin(id, w, h, xs.empty() ? 0 : xs.front(), x1, lo, hi, log_y, "step");
  for (std::size_t l = 0; l < ys.size(); ++l)
    plot_line(a, xs, ys[l], series_color(static_cast<int>(l)));
  ImGui::EndGroup();
}

}  // namespace

void teach_run_init_compare(AppState& app) {
  InitView& v = app.teach.init;
  v.runs.clear();
  std::vector<LessonVariant> variants;
  if (app.teach.lesson && app.teach.lesson->variants.size() >= 2)
    variants = app.teach.lesson->variants;
  if (variants.empty()) {
    for (Init i : {Init::Xavier, Init::Normal, Init::He}) {
      Config c = app.session->config();
      c.network.init = i;
      variants.push_back({i == Init::Xavier   ? "Xavier"
                          : i == Init::Normal ? "small normal"
                                              : "He",
                          c});
    }
  }
  for (const LessonVariant& var : variants) {
    InitRun run;
    run.label = var.label;
    try {
      Session s(var.config);
      s.set_record_every(std::max(1, v.compare_steps / 60));
      s.step(v.compare_steps);
      const History& h = s.history();
      const std::size_t L = static_cast<std::size_t>(s.network().num_layers());
      run.activation_var.assign(L, {});
      run.gradient_var.assign(L, {});
      for (std::size_t k = 0; k < h.points.size() && k < h.layer_stats.size(); ++k) {
        run.step.push_back(static_cast<double>(h.points[k].step));
        run.train_loss.push_back(h.points[k].train_loss);
        for (std::size_t l = 0; l < L; ++l) {
          const LayerStats& st = h.layer_stats[k];
          run.activation_var[l].push_back(l < st.activation_var.size() ? st.activation_var[l]
                                                                       : NAN);
          run.gradient_var[l].push_back(l < st.gradient_var.size() ? st.gradient_var[l] : NAN);
        }
      }
    } catch (const ConfigError& e) {
      run.label += std::string(" (") + e.what() + ")";
    }
    v.runs.push_back(std::move(run));
  }
}

void draw_init_view(AppState& app) {
  InitView& v = app.teach.init;
  const Session& s = *app.session;
  const float sc = app.ui_scale;
  const History& h = s.history();
  ImGui::Text("Init: %s", name(s.config().network.init));
  ImGui::SameLine();
  ImGui::Checkbox("log scale", &v.log_scale);
  ImGui::SameLine();
  ImGui::TextDisabled("(?) What does gradient variance mean?");
  tip(kGradientVarianceHelp);
  const std::size_t L = static_cast<std::size_t>(s.network().num_layers());
  std::vector<double> xs;
  std::vector<std::vector<double>> act(L), grad(L);
  for (std::size_t k = 0; k < h.points.size() && k < h.layer_stats.size(); ++k) {
    const LayerStats& st = h.layer_stats[k];
    if (st.activation_var.size() < L) continue;
    xs.push_back(static_cast<double>(h.points[k].step));
    for (std::size_t l = 0; l < L; ++l) {
      act[l].push_back(st.activation_var[l]);
      grad[l].push_back(l < st.gradient_var.size() ? st.gradient_var[l] : NAN);
    }
  }
  const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  if (xs.empty()) {
    ImGui::TextDisabled("Train a few steps: the variances are recorded with the history.");
  } else {
    layer_plot("##actvar", "Activation variance Var(a^(k))", xs, act, w, 140 * sc, v.log_scale);
    ImGui::SameLine();
    layer_plot("##gradvar", "Gradient variance Var(δ^(k))", xs, grad, w, 140 * sc, v.log_scale);
    tip(kGradientVarianceHelp);
  }
  for (std::size_t l = 0; l < L; ++l) {
    char label[32];
    std::snprintf(label, sizeof label, "layer %zu", l + 1);
    legend_item(series_color(static_cast<int>(l)), label);
    if (l + 1 < L) ImGui::SameLine(0, 10 * sc);
  }
  ImGui::Separator();
  ImGui::SetNextItemWidth(110 * sc);
  ImGui::SliderInt("steps", &v.compare_steps, 50, 2000);
  ImGui::SameLine();
  const bool lesson_variants = app.teach.lesson && app.teach.lesson->variants.size() >= 2;
  if (ImGui::Button(lesson_variants ? "Compare the lesson's variants"
                                    : "Compare Xavier / small normal / He"))
    teach_run_init_compare(app);
  tip("Trains a copy of each variant (same data and seed) for the given steps and plots the "
      "same variances. The playground's own session is not touched.");
  for (std::size_t r = 0; r < v.runs.size(); ++r) {
    const InitRun& run = v.runs[r];
    if (app.fonts.bold) ImGui::PushFont(app.fonts.bold);
    ImGui::Text("%s", run.label.c_str());
    if (app.fonts.bold) ImGui::PopFont();
    if (!run.train_loss.empty()) {
      ImGui::SameLine();
      ImGui::TextDisabled("train loss %.4f after %d steps", run.train_loss.back(),
                          static_cast<int>(run.step.empty() ? 0 : run.step.back()));
    }
    if (run.step.empty()) continue;
    ImGui::PushID(static_cast<int>(r));
    layer_plot("##a", "Var(a^(k))", run.step, run.activation_var, w, 100 * sc, v.log_scale);
    ImGui::SameLine();
    layer_plot("##g", "Var(δ^(k))", run.step, run.gradient_var, w, 100 * sc, v.log_scale);
    ImGui::PopID();
  }
}

// [SECTION] schedule

void draw_schedule_view(AppState& app) {
  ScheduleView& v = app.teach.schedule;
  Session& s = *app.session;
  const Config& c = s.config();
  const float sc = app.ui_scale;
  if (s.diverged()) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    const float h = ImGui::GetFrameHeight() * 2.2f;
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + w, p.y + h),
                                              IM_COL32(251, 214, 214, 255), 4 * sc);
    ImGui::SetCursorScreenPos(ImVec2(p.x + 8 * sc, p.y + 4 * sc));
    ImGui::Text("Diverged at step %lld: %s.", s.steps(), s.divergence_reason().c_str());
    ImGui::SetCursorScreenPos(ImVec2(p.x + 8 * sc, p.y + h * 0.5f));
    ImGui::TextUnformatted("Training paused. Lower the learning rate, then");
    ImGui::SameLine();
    if (ImGui::SmallButton("Reset")) app.pending_reset = true;
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h + 4 * sc));
  }
  ImGui::Text("Schedule: %s, α0 = %g", name(c.schedule.kind), c.optimizer.learning_rate);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120 * sc);
  ImGui::SliderInt("steps shown", &v.horizon, 100, 100000, "%d", ImGuiSliderFlags_Logarithmic);
  std::vector<double> t, alpha;
  const int n = 300;
  double hi = 0;
  for (int k = 0; k <= n; ++k) {
    const long long step = static_cast<long long>(static_cast<double>(v.horizon) * k / n);
    t.push_back(static_cast<double>(step));
    alpha.push_back(learning_rate_at(c.schedule, c.optimizer.learning_rate, step));
    hi = std::max(hi, alpha.back());
  }
  const float w = ImGui::GetContentRegionAvail().x;
  const PlotArea a = plot_begin("##alpha", w, 170 * sc, 0, v.horizon, 0, hi * 1.05, false, "t");
  plot_line(a, t, alpha, series_color(0), 2.0f);
  if (s.steps() <= v.horizon) {
    const float x = a.sx(static_cast<double>(s.steps()));
    ImGui::GetWindowDrawList()->AddLine(ImVec2(x, a.p0.y), ImVec2(x, a.p1.y),
                                        IM_COL32(213, 94, 0, 200), 1.5f);
  }
  ImGui::Text("α(t) now = %.4g at step %lld", s.learning_rate(), s.steps());
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(
      "Step: α ← α·x every n steps.  Exponential: α0 e^(−kt).  Inverse: α0 τ / max(t, τ).  A "
      "rate that is too large makes the loss grow until it overflows: the app stops, restores "
      "the last good weights and says why.");
  if (c.optimizer.per_layer_scaling)
    ImGui::TextDisabled("Per-layer scaling (Collobert) is on: each layer's rate is α/√n_in.");
  ImGui::PopTextWrapPos();
}

// [SECTION] preprocessing

namespace {

constexpr EnumItem<Preprocess> kPre[] = {
    {Preprocess::None, "None", "Raw positions."},
    {Preprocess::Mean, "Mean subtraction", "x - mean (training split)."},
    {Preprocess::Standardize, "Standardize", "(x - mean) / std per dimension."},
    {Preprocess::Whiten, "Whiten",
     "Centre, rotate onto the singular vectors, divide by the "
     "singular values: identity covariance."}};

void scatter(const AppState& app, const char* id, const Matrix& X, const Vector& y, int classes,
             float size, double extent) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  invisible_button(id, ImVec2(size, size));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + size, p.y + size), IM_COL32(255, 255, 255, 255));
  dl->AddRect(p, ImVec2(p.x + size, p.y + size), IM_COL32(200, 203, 208, 255));
  const float cx = p.x + size * 0.5f, cy = p.y + size * 0.5f;
  dl->AddLine(ImVec2(p.x, cy), ImVec2(p.x + size, cy), IM_COL32(225, 227, 230, 255));
  dl->AddLine(ImVec2(cx, p.y), ImVec2(cx, p.y + size), IM_COL32(225, 227, 230, 255));
  const PaletteColors& pc = palette_colors(app.view.palette);
  const float k = static_cast<float>(size * 0.5 / extent);
  for (Eigen::Index n = 0; n < X.cols(); ++n) {
    const Rgb col = label_color(pc, classes, y[n], 1.0f);
    dl->AddCircleFilled(
        ImVec2(cx + static_cast<float>(X(0, n)) * k, cy - static_cast<float>(X(1, n)) * k),
        2.6f * app.ui_scale, to_u32(col));
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "±%.3g", extent);
  dl->AddText(ImVec2(p.x + 3, p.y + 2), IM_COL32(110, 110, 110, 255), buf);
}

}  // namespace

void draw_preprocess_view(AppState& app) {
  Session& s = *app.session;
  const float sc = app.ui_scale;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Preprocessing");
  ImGui::SameLine();
  enum_combo("##pre", app.config.preprocess, kPre, 170 * sc);
  const Matrix& raw = s.raw().train.X;
  if (raw.rows() != 2) {
    ImGui::TextDisabled("This dataset has no 2D input plane (ner_window): nothing to plot.");
    return;
  }
  Matrix out;
  s.preprocessor().transform(raw, out);
  double extent = 1e-9;
  for (Eigen::Index n = 0; n < out.size(); ++n)
    if (std::isfinite(out(n))) extent = std::max(extent, std::fabs(out(n)));
  extent *= 1.1;
  const int classes = s.is_regression() ? 0 : s.classes();
  const float size = std::min((ImGui::GetContentRegionAvail().x - 12 * sc) * 0.5f, 300 * sc);
  ImGui::BeginGroup();
  ImGui::TextUnformatted("Raw (training split)");
  scatter(app, "##raw", raw, s.raw().train.y, classes, size, kExtent);
  ImGui::EndGroup();
  ImGui::SameLine(0, 12 * sc);
  ImGui::BeginGroup();
  ImGui::Text("After %s", name(s.preprocessor().kind()));
  scatter(app, "##pre", out, s.raw().train.y, classes, size, extent);
  ImGui::EndGroup();
  const Vector& m = s.preprocessor().mean();
  const Matrix& A = s.preprocessor().linear();
  if (m.size() == 2 && A.rows() == 2 && A.cols() == 2) {
    ImGui::Text("out = A (x − mean),  mean = (%.3f, %.3f),  A = [[%.3f, %.3f], [%.3f, %.3f]]", m[0],
                m[1], A(0, 0), A(0, 1), A(1, 0), A(1, 1));
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(
      "The statistics come from the training split only and are applied to the test split "
      "unchanged. Whitening: centre, SVD, rotate onto the singular vectors, divide each "
      "dimension by its singular value (a tiny one replaced by ε).");
  ImGui::PopTextWrapPos();
}

// [SECTION] dropout

void draw_dropout_view(AppState& app) {
  Session& s = *app.session;
  const float sc = app.ui_scale;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Keep probability p");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(160 * sc);
  float keep = static_cast<float>(app.config.dropout_keep);
  if (ImGui::SliderFloat("##dkeep", &keep, 0.05f, 1.0f, "%.2f"))
    app.config.dropout_keep = snap_decimals(keep, 2);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(
      "While training, each hidden unit is kept with probability p and dropped (set to 0) "
      "otherwise, a new mask for every batch; the network diagram greys the dropped units of "
      "the last step while it plays. At test time every unit is used.");
  ImGui::TextUnformatted(
      "Inverted dropout (what the playground does): the kept units are divided by p during "
      "training, so the expected activation in training, p · (a / p) = a, equals the test-time "
      "activation and nothing changes at test time.");
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.62f, 0.32f, 0.0f, 1.0f));
  ImGui::TextUnformatted(
      "Slip in the notes: they say to divide by p at test time. That is backwards: without "
      "scaling in training, the training-time output is on average p times the full output, so "
      "the test-time output would have to be multiplied by p (or, equivalently, the training "
      "units divided by p, as here).");
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  ImGui::Separator();
  const Workspace& ws = s.train_workspace();
  if (!ws.dropout_active) {
    ImGui::TextDisabled(app.config.dropout_keep < 1.0
                            ? "Train a step to see the masks."
                            : "Dropout is off (p = 1): every unit is kept.");
    return;
  }
  ImGui::TextUnformatted("Last training step, kept units per hidden layer:");
  for (std::size_t l = 0; l + 1 < ws.mask.size(); ++l) {
    const Matrix& m = ws.mask[l];
    if (m.size() == 0) continue;
    const Eigen::Index kept = (m.array() != 0.0).count();
    ImGui::Text("layer %zu: %lld of %lld (%.0f%%, p = %.2f); kept units are scaled by 1/p = %.3g",
                l + 1, static_cast<long long>(kept), static_cast<long long>(m.size()),
                100.0 * static_cast<double>(kept) / static_cast<double>(m.size()),
                s.config().dropout_keep, 1.0 / s.config().dropout_keep);
  }
}

}  // namespace nn::app
