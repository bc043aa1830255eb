// Backprop inspector (§1.5, §1.6, §3.1) and gradient check (§2.1). The inspector follows the
// network diagram's selection (a link = W_ij^(k), a neuron or its bias = b_i^(k)) and prints
// nn::inspect's steps; the gradient check runs nn::gradient_check on the current batch.
// [SECTION] inspector   [SECTION] gradient check
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "core/checker.hpp"
#include "core/gradcheck.hpp"
#include "files.hpp"
#include "io/model_json.hpp"
#include "teach_plot.hpp"
#include "teach_ui.hpp"
#include "widgets.hpp"

namespace nn::app {

namespace {

// Green < 1e-7, amber < 1e-4, red above (§2.1 gradient-check thresholds, docs/notes.md).
ImVec4 error_color(double rel) {
  if (!std::isfinite(rel) || rel >= 1e-4) return ImVec4(0.80f, 0.10f, 0.10f, 1.0f);
  if (rel >= 1e-7) return ImVec4(0.80f, 0.50f, 0.0f, 1.0f);
  return ImVec4(0.05f, 0.55f, 0.20f, 1.0f);
}

// The parameter the selection names (false: nothing inspectable is selected).
bool selected_param(const AppState& app, ParamRef& p) {
  const Selection& s = app.selection;
  const Network& net = app.session->network();
  if (s.layer < 0 || s.layer >= net.num_layers()) return false;
  switch (s.kind) {
    case Selection::Kind::Link:
      p = {s.layer, false, s.i, s.j};
      return true;
    case Selection::Kind::Neuron:
    case Selection::Kind::Bias:
      p = {s.layer, true, s.i, 0};
      return true;
    case Selection::Kind::None:
      break;
  }
  return false;
}

bool kinked(Activation f) {
  return f == Activation::Relu || f == Activation::LeakyRelu || f == Activation::HardTanh;
}

}  // namespace

// [SECTION] inspector

namespace {

// The question "Check your own work" asks for the inspector's parameter p: the delta of the unit
// it feeds, its gradient, or the parameter after one update.
CheckQuestion check_question(const AppState& app, const ParamRef& p) {
  CheckQuestion q;
  const int mode = app.teach.check.quantity;
  q.quantity = mode == 0   ? CheckQuantity::Delta
               : mode == 2 ? CheckQuantity::Update
               : p.bias    ? CheckQuantity::Db
                           : CheckQuantity::Dw;
  q.layer = mode == 0 ? p.layer + 2 : p.layer + 1;  // delta_i^(k+1) of the unit W^(k) feeds
  q.i = p.i + 1;
  q.j = p.bias ? 1 : p.j + 1;
  q.bias = p.bias;
  q.value = app.teach.check.value;
  return q;
}

ParamRef inspector_param(const AppState& app) {
  ParamRef p;
  if (!selected_param(app, p)) p = ParamRef{};
  return p;
}

void draw_check_section(AppState& app, const ParamRef& p) {
  CheckView& c = app.teach.check;
  Session& s = *app.session;
  ImGui::Separator();
  if (app.fonts.bold) ImGui::PushFont(app.fonts.bold);
  ImGui::TextUnformatted("Check your own work");
  if (app.fonts.bold) ImGui::PopFont();
  ImGui::SameLine();
  ImGui::Checkbox("Hide the steps", &c.hide_steps);
  tip("Hide the inspector's live numbers below while you compute by hand.");
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(
      "Work it out on paper for training sample %d, type your number and press Check (one "
      "sample, not the batch mean; tolerance 1e-4 + 1 %% of the answer, for an update 1 %% of "
      "the step).",
      app.teach.inspector.sample);
  ImGui::PopTextWrapPos();
  const std::string unit =
      "δ_" + std::to_string(p.i + 1) + "^(" + std::to_string(p.layer + 2) + ")";
  const std::string param = parameter_name(p);
  const std::string grad = "∂J/∂" + param;
  const std::string upd = param + " after one " +
                          std::string(kind_row(kOptimizerKinds, s.config().optimizer.kind).label) +
                          " step";
  if (ImGui::RadioButton(unit.c_str(), c.quantity == 0)) c.quantity = 0;
  tip("The error signal at the z of the unit this parameter feeds (§1.5 step 6).");
  ImGui::SameLine();
  if (ImGui::RadioButton(grad.c_str(), c.quantity == 1)) c.quantity = 1;
  tip("The gradient of this sample's loss (§1.5 step 8), with the regularization term.");
  ImGui::SameLine();
  if (ImGui::RadioButton(upd.c_str(), c.quantity == 2)) c.quantity = 2;
  tip("The parameter after one update with this sample's gradient at the current learning rate, "
      "from a fresh optimizer state (velocity and moments 0, t = 1; §2.7-2.9).");
  ImGui::SetNextItemWidth(140 * app.ui_scale);
  ImGui::InputDouble("##check_value", &c.value, 0, 0, "%.6g");
  tip("Your value.");
  ImGui::SameLine();
  if (ImGui::Button("Check")) teach_check_answer(app);
  ImGui::SameLine();
  if (ImGui::Button("Hand-checkable example")) {
    std::string error;
    if (!teach_load_hand_example(app, &error)) app_notify(app, "Not loaded: " + error);
  }
  tip("A 2-2-1 sigmoid network with weights in multiples of 0.1, squared error and points with "
      "small integer coordinates; training sample 0 is x = (1, 2), t = +1.");
  if (!c.error.empty()) {
    ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "%s", c.error.c_str());
    return;
  }
  if (!c.has_result) return;
  const CheckResult& r = c.result;
  if (c.model_version != app.model_version)
    ImGui::TextDisabled("(the weights changed since: check again for the current ones)");
  ImGui::PushTextWrapPos(0.0f);
  if (r.correct) {
    ImGui::TextColored(ImVec4(0.05f, 0.55f, 0.20f, 1), "Right: %s = %.6g", r.quantity.c_str(),
                       r.expected);
  } else {
    ImGui::TextColored(ImVec4(0.80f, 0.10f, 0.10f, 1), "Not right: %s is %.6g, not %.6g",
                       r.quantity.c_str(), r.expected, c.value);
    if (r.first_wrong_step > 0) {
      const CheckStep& st = r.steps[static_cast<std::size_t>(r.first_wrong_step - 1)];
      ImGui::Text("First wrong step: %d (%s = %.6g)", r.first_wrong_step, st.symbol.c_str(),
                  st.value);
    }
    ImGui::TextUnformatted(r.hint.c_str());
  }
  ImGui::TextDisabled("Tolerance ±%.3g", r.tolerance);
  ImGui::PopTextWrapPos();
}

}  // namespace

void teach_check_answer(AppState& app) {
  CheckView& c = app.teach.check;
  const ParamRef p = inspector_param(app);
  c.error.clear();
  c.has_result = false;
  try {
    const CheckQuestion q = check_question(app, p);
    c.result = check_answer(*app.session, app.teach.inspector.sample, q);
    c.has_result = true;
    const Config& cfg = app.session->config();
    if (!app.teach.exercise.id.empty())
      app.teach.exercise.context.checks.push_back({q.quantity, q.layer, q.i, q.j, c.result.correct,
                                                   cfg.regularization.kind,
                                                   cfg.regularization.rate});
    c.model_version = app.model_version;
  } catch (const ConfigError& e) {
    c.error = e.what();
  }
}

bool teach_load_hand_example(AppState& app, std::string* error) {
  const HandExample h = hand_checkable_example();
  std::string csv = "x1,x2,label,split\n";
  for (Eigen::Index k = 0; k < h.points.X.cols(); ++k) {
    char row[96];
    std::snprintf(row, sizeof row, "%g,%g,%g,%s\n", h.points.X(0, k), h.points.X(1, k),
                  h.points.y[k], h.split[static_cast<std::size_t>(k)] ? "test" : "train");
    csv += row;
  }
  app.playing = false;
  teach_close_lesson(app);  // its own network and data: no lesson's text applies
  const ImportResult data = files_import(app, ImportKind::Csv, csv, "hand-checkable points");
  if (!data.ok) {
    if (error) *error = data.error;
    return false;
  }
  const std::string model = model_to_json(h.config, h.network, 0).dump();
  const ImportResult weights =
      files_import(app, ImportKind::Model, model, "hand-checkable weights");
  if (!weights.ok) {
    if (error) *error = weights.error;
    return false;
  }
  app.selection = {Selection::Kind::Link, 0, 0, 1};  // W_12^(1), the example worked by hand
  app.teach.inspector.sample = 0;
  app.teach.inspector.batch = false;
  app.teach.check = CheckView{};
  teach_open_view(app, View::Inspector, true);
  app_notify(app, "Hand-checkable example: x = (1, 2), t = +1; W_12^(1) selected");
  return true;
}

void draw_inspector_view(AppState& app) {
  InspectorView& v = app.teach.inspector;
  Session& s = *app.session;
  ParamRef p;
  const bool chosen = selected_param(app, p);
  if (!chosen) p = ParamRef{};  // W_11^(1) until a link or neuron is clicked
  const int count = session_sample_count(s);
  v.sample = std::clamp(v.sample, 0, std::max(0, count - 1));
  const int key_kind = p.bias ? 1 : 0;
  if (v.model_version != app.model_version || v.key_layer != p.layer || v.key_i != p.i ||
      v.key_j != p.j || v.key_kind != key_kind || v.key_sample != v.sample ||
      v.key_batch != static_cast<int>(v.batch)) {
    v.model_version = app.model_version;
    v.key_layer = p.layer;
    v.key_i = p.i;
    v.key_j = p.j;
    v.key_kind = key_kind;
    v.key_sample = v.sample;
    v.key_batch = v.batch;
    try {
      v.report = v.batch ? inspect_batch(s, p, v.sample) : inspect_sample(s, p, v.sample);
      v.valid = true;
      v.error.clear();
    } catch (const ConfigError& e) {
      v.valid = false;
      v.error = e.what();
    }
  }

  ImGui::PushTextWrapPos(0.0f);
  if (!chosen)
    ImGui::TextDisabled(
        "Click a link (a weight W_ij) or a neuron (its bias b_i) in the network diagram; "
        "showing W_11^(1).");
  ImGui::PopTextWrapPos();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Gradient of");
  ImGui::SameLine();
  int mode = v.batch ? 1 : 0;
  if (ImGui::RadioButton("one sample", mode == 0)) v.batch = false;
  ImGui::SameLine();
  if (ImGui::RadioButton("batch mean", mode == 1)) v.batch = true;
  tip("One training sample (a true/corrupted pair for max-margin), or the mean over the last "
      "training batch: the gradient the optimizer used.");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120 * app.ui_scale);
  const int max_index = v.batch ? std::max(0, v.report.samples - 1) : std::max(0, count - 1);
  ImGui::SliderInt(v.batch ? "column" : "sample", &v.sample, 0, max_index);
  tip(v.batch ? "The batch column whose chain of steps is shown (the gradient is the mean)."
              : "Which training sample flows through the network.");
  if (!v.valid) {
    ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "%s", v.error.c_str());
    return;
  }
  const InspectorReport& r = v.report;
  if (app.fonts.bold) ImGui::PushFont(app.fonts.bold);
  ImGui::Text("%s", r.formula.c_str());
  if (app.fonts.bold) ImGui::PopFont();
  draw_check_section(app, p);
  ImGui::Separator();
  if (app.teach.check.hide_steps) {
    ImGui::TextDisabled("The steps are hidden while you work it out (untick \"Hide the steps\").");
  } else {
    // The notes' error-sharing steps: each is a factor, a named result, or a sum.
    const ImGuiTableFlags tf =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("##steps", 3, tf)) {
      ImGui::TableSetupColumn("step", ImGuiTableColumnFlags_WidthFixed, 120 * app.ui_scale);
      ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthFixed, 90 * app.ui_scale);
      ImGui::TableSetupColumn("what it is", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableHeadersRow();
      for (std::size_t k = 0; k < r.steps.size(); ++k) {
        const InspectorStep& st = r.steps[k];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const char* mark = st.kind == StepKind::Factor ? "×" : st.kind == StepKind::Sum ? "Σ" : "=";
        ImGui::Text("%zu %s %s", k + 1, mark, st.symbol.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("% .5g", st.value);
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(st.text.c_str());
        if (st.kind == StepKind::Sum && !st.terms.empty()) {
          std::string terms;
          char buf[96];
          const std::size_t shown = std::min<std::size_t>(st.terms.size(), 6);
          for (std::size_t t = 0; t < shown; ++t) {
            std::snprintf(buf, sizeof buf, "%s%s = %.4g × %.4g", t ? ";  " : "",
                          st.terms[t].text.c_str(), st.terms[t].left, st.terms[t].right);
            terms += buf;
          }
          if (shown < st.terms.size()) terms += ";  ...";
          ImGui::TextDisabled("%s", terms.c_str());
        }
        ImGui::PopTextWrapPos();
      }
      ImGui::EndTable();
    }
    ImGui::Spacing();
    ImGui::Text("Product of the steps: % .8g", r.step_result);
    ImGui::Text("Analytic (backprop):  % .8g", r.analytic);
    tip("From Network::backward, the vectorized §1.6 pass (plus the regularization term).");
    ImGui::Text("Numeric (§2.1):       % .8g", r.numeric);
    tip("(J(θ + ε) − J(θ − ε)) / (2ε) with ε = 1e-5, the parameter restored afterwards.");
    ImGui::Text("Relative error:");
    ImGui::SameLine();
    ImGui::TextColored(error_color(r.relative_error), "%.2e", r.relative_error);
    tip("|analytic − numeric| / max(|analytic|, |numeric|). Below 1e-7: backprop is right. "
        "Near a kink (ReLU at 0, the hinge at the margin) or for a gradient near 0 it can be "
        "larger without a bug.");
  }
  ImGui::Separator();
  ImGui::TextUnformatted("Shapes for the whole layer (§1.6, §3.1):");
  std::string shapes;
  for (const ShapeLine& l : r.shapes) {
    if (!shapes.empty()) shapes += "    ";
    shapes += l.text;
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", shapes.c_str());
  ImGui::PopTextWrapPos();
}

// [SECTION] gradient check

void teach_run_gradcheck(AppState& app) {
  GradCheckView& g = app.teach.gradcheck;
  Session& s = *app.session;
  Matrix X;
  Vector y;
  session_batch(s, X, y);
  Network& net = s.network();
  // Perturbs the session's own weights and restores every value (bit-identical afterwards).
  g.eps = std::clamp(g.eps, 1e-12, 0.1);
  g.result = gradient_check(
      net, [&](bool grads) { return grads ? s.loss_and_gradients(X, y) : s.loss_only(X, y); },
      g.eps);
  g.ran_eps = g.eps;
  if (!app.teach.exercise.id.empty())
    app.teach.exercise.context.gradchecks.push_back({g.eps, g.result.max_relative_error});
  g.has_result = true;
  g.model_version = app.model_version;
  g.max_margin = s.config().loss == Loss::MaxMargin;
  g.layer_names.clear();
  g.layer_kinks.clear();
  for (int l = 0; l < net.num_layers(); ++l) {
    char buf[96];
    // A kink reaches this layer's gradients through f of this layer or of the layer below.
    const Activation f = net.layers[l].f;
    const bool below = l > 0 && kinked(net.layers[l - 1].f);
    std::snprintf(buf, sizeof buf, "W^(%d), b^(%d)  (%d×%d, f = %s)", l + 1, l + 1,
                  net.layers[l].n_out(), net.layers[l].n_in(), name(f));
    g.layer_names.emplace_back(buf);
    g.layer_kinks.push_back(kinked(f) || below);
  }
  g.near_zero = 0;
  for (std::size_t k = 0; k < g.result.analytic.size(); ++k)
    if (std::max(std::fabs(g.result.analytic[k]), std::fabs(g.result.numeric[k])) < 1e-9)
      ++g.near_zero;
}

void draw_gradcheck_view(AppState& app) {
  GradCheckView& g = app.teach.gradcheck;
  Session& s = *app.session;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(
      "Every parameter θ_i is nudged by ±ε and the centred difference "
      "(J(θ + ε e_i) − J(θ − ε e_i)) / 2ε is compared with backprop's gradient on the current "
      "batch. The error of the centred difference is O(ε²).");
  ImGui::PopTextWrapPos();
  ImGui::SetNextItemWidth(160 * app.ui_scale);
  float log_eps = static_cast<float>(std::log10(g.eps));
  if (ImGui::SliderFloat("ε (log10)", &log_eps, -12.0f, -1.0f, "%.1f"))
    g.eps = std::pow(10.0, std::round(log_eps * 2.0) / 2.0);  // half decades: 1e-5, 3.2e-5, ...
  tip("The step of the centred difference. Too large: the O(ε²) truncation error shows; too "
      "small: J(θ + ε) and J(θ − ε) agree in almost all digits and rounding dominates.");
  ImGui::SameLine();
  ImGui::Text("ε = %.2g", g.eps);
  if (ImGui::Button("Run gradient check")) teach_run_gradcheck(app);
  ImGui::SameLine();
  ImGui::TextDisabled("%d parameters", [&] {
    int n = 0;
    for (const Layer& l : s.network().layers) n += static_cast<int>(l.W.size() + l.b.size());
    return n;
  }());
  if (!g.has_result) {
    ImGui::TextDisabled("Not run yet.");
    return;
  }
  if (g.model_version != app.model_version)
    ImGui::TextDisabled("(the weights changed since: run it again for the current ones)");
  ImGui::Text("ε = %.2g", g.ran_eps);
  ImGui::SameLine();
  ImGui::Text("Max relative error:");
  ImGui::SameLine();
  ImGui::TextColored(error_color(g.result.max_relative_error), "%.2e", g.result.max_relative_error);
  if (ImGui::BeginTable("##gc", 3,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                            ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("layer", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("max rel. error", ImGuiTableColumnFlags_WidthFixed, 110 * app.ui_scale);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 60 * app.ui_scale);
    ImGui::TableHeadersRow();
    for (std::size_t l = 0; l < g.result.layer_max.size() && l < g.layer_names.size(); ++l) {
      const double e = g.result.layer_max[l];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(g.layer_names[l].c_str());
      ImGui::TableNextColumn();
      ImGui::TextColored(error_color(e), "%.2e", e);
      ImGui::TableNextColumn();
      ImGui::TextColored(error_color(e), "%s", e < 1e-7 ? "ok" : e < 1e-4 ? "check" : "wrong?");
    }
    ImGui::EndTable();
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("Green < 1e-7, amber < 1e-4, red above.");
  bool any_kink = g.max_margin;
  for (bool k : g.layer_kinks) any_kink = any_kink || k;
  if (any_kink)
    ImGui::TextUnformatted(
        "Kinks: ReLU, leaky ReLU and hard tanh (and the hinge of max-margin) are not "
        "differentiable everywhere. When a z lies within ε of the kink, the two sides of the "
        "centred difference see different slopes and the relative error can be large although "
        "backprop is right; move the weights (a step) and run it again.");
  if (g.near_zero > 0)
    ImGui::Text(
        "%d parameters have a gradient below 1e-9 (dead units, or none of the batch reaches "
        "them): their relative error compares rounding noise and is not meaningful.",
        g.near_zero);
  ImGui::PopTextWrapPos();
}

}  // namespace nn::app
