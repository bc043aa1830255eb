// Bottom panel: the live loss curve (train and test; linear or log scale; x in steps or epochs;
// hover readout) beside the current numbers (losses, accuracies, learning rate, throughput).
// The history is downsampled to one min/max/last bucket per pixel column, so drawing costs the
// plot's width, not the run's length.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.hpp"
#include "ui.hpp"
#include "widgets.hpp"

namespace nn::app {

namespace {

double nice_step(double range, int ticks) {
  const double raw = range / std::max(1, ticks);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / mag;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

// Buckets the history into `cols` pixel columns (min, max, last per column).
void downsample(const History& h, bool train, long long last_step, int cols, std::vector<float>& lo,
                std::vector<float>& hi, std::vector<float>& last, bool log_scale) {
  lo.assign(static_cast<std::size_t>(cols), INFINITY);
  hi.assign(static_cast<std::size_t>(cols), -INFINITY);
  last.assign(static_cast<std::size_t>(cols), NAN);
  const double span = static_cast<double>(std::max<long long>(1, last_step));
  for (const HistoryPoint& p : h.points) {
    double v = train ? p.train_loss : p.test_loss;
    if (!std::isfinite(v)) continue;
    v = std::min(v, 1e30);  // an exploded loss stays drawable in float (a spike, not nothing)
    if (log_scale) v = std::log10(std::max(v, 1e-12));
    const int c = std::clamp(
        static_cast<int>(static_cast<double>(p.step) / span * (cols - 1) + 0.5), 0, cols - 1);
    const float fv = static_cast<float>(v);
    lo[c] = std::min(lo[c], fv);
    hi[c] = std::max(hi[c], fv);
    last[c] = fv;
  }
}

}  // namespace

void draw_loss_panel(AppState& app) {
  const float s = app.ui_scale;
  Session& ses = *app.session;
  const History& h = ses.history();
  ViewOptions& v = app.view;
  char buf[64], num[32];

  // A narrow embed (?embed=1) shows the plot alone under one line of numbers, which doubles as its
  // legend (train in the train curve's colour, test in the test curve's).
  const bool compact = app.share.embed && ImGui::GetContentRegionAvail().x < 400 * s;
  if (compact) {
    const HistoryPoint* last = h.points.empty() ? nullptr : &h.points.back();
    ImGui::TextDisabled("loss");
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.12f, 0.12f, 0.14f, 1.0f), "train %s",
                       fmt_value(last ? last->train_loss : NAN, buf, sizeof buf));
    char test[48];
    std::snprintf(test, sizeof test, "test %s",
                  fmt_value(last ? last->test_loss : NAN, num, sizeof num));
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(test).x) ImGui::NewLine();
    ImGui::TextColored(ImVec4(0.031f, 0.467f, 0.741f, 1.0f), "%s", test);
  } else {
    // Left: the numbers of the latest recorded step, train and test side by side.
    const float left_w = 196 * s;
    ImGui::BeginGroup();
    section_title(app, "TRAINING");
    const HistoryPoint* cur = h.points.empty() ? nullptr : &h.points.back();
    const float c1 = 72 * s, c2 = 136 * s;
    const auto row = [&](const char* label, const char* a, const char* b2, const char* help_text) {
      ImGui::TextDisabled("%s", label);
      if (help_text) tip(help_text);
      if (app.fonts.bold) ImGui::PushFont(app.fonts.bold);
      ImGui::SameLine(c1);
      ImGui::TextUnformatted(a);
      ImGui::SameLine(c2);
      ImGui::TextUnformatted(b2);
      if (app.fonts.bold) ImGui::PopFont();
    };
    ImGui::TextDisabled(" ");
    ImGui::SameLine(c1);
    ImGui::TextDisabled("train");
    ImGui::SameLine(c2);
    ImGui::TextDisabled("test");
    row("Loss", fmt_value(cur ? cur->train_loss : NAN, buf, sizeof buf),
        fmt_value(cur ? cur->test_loss : NAN, num, sizeof num),
        "The loss J on the whole training and test splits (with the regularization term).");
    if (!ses.is_regression()) {
      char b1[32], b3[32];
      row("Accuracy", fmt_value(cur ? 100.0 * cur->train_accuracy : NAN, b1, sizeof b1, "%.1f%%"),
          fmt_value(cur ? 100.0 * cur->test_accuracy : NAN, b3, sizeof b3, "%.1f%%"),
          "Share of points whose predicted class is right.");
    }
    ImGui::TextDisabled("α");
    tip("α(t): the schedule's learning rate for the next step.");
    ImGui::SameLine(c1);
    ImGui::Text("%.4g", ses.learning_rate());
    ImGui::TextDisabled("Samples");
    tip("Training samples per second (steps/s × batch size).");
    ImGui::SameLine(c1);
    ImGui::Text("%s/s",
                group_digits(static_cast<long long>(app.perf.samples_per_second), num, sizeof num));
    ImGui::EndGroup();
    ImGui::SameLine(left_w + 8 * s);
  }

  // Right: the plot.
  const ImVec2 c0 = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float axis_l = ImGui::CalcTextSize("0.000").x + 8 * s;
  const float axis_b = ImGui::GetTextLineHeight() + 6 * s;
  // Header: the legend on the left, the axis toggles on the right; in a narrow panel (a teaching
  // column open) they would overlap, so the legend then gets a row of its own below the toggles.
  const float toggles_w = ImGui::CalcTextSize("Log scale").x + ImGui::CalcTextSize("Epochs").x +
                          2 * ImGui::GetFrameHeight() + 5 * ImGui::GetStyle().ItemSpacing.x;
  const float legend_w = 2 * (20 * s + 14 * s) + ImGui::CalcTextSize("train loss").x +
                         ImGui::CalcTextSize("test loss").x;
  const bool legend_row = axis_l + legend_w + toggles_w + 12 * s > avail.x;
  const float head =
      compact ? 0.0f
              : ImGui::GetFrameHeight() + (legend_row ? ImGui::GetTextLineHeight() + 2 * s : 0);
  const ImVec2 p0(c0.x + axis_l, c0.y + head + 6 * s);
  const ImVec2 p1(c0.x + avail.x - 6 * s, c0.y + avail.y - axis_b);
  if (p1.x - p0.x < 20 * s || p1.y - p0.y < 20 * s) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 train_col = IM_COL32(30, 30, 36, 255);
  const ImU32 test_col = IM_COL32(8, 119, 189, 255);
  const ImU32 grid_col = IM_COL32(228, 230, 234, 255);
  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);

  // Legend and the axis toggles on top.
  if (!compact) {
    ImGui::SetCursorScreenPos(ImVec2(p1.x - toggles_w, c0.y));
    ImGui::Checkbox("Log scale", &v.loss_log);
    tip("Logarithmic loss axis.");
    ImGui::SameLine();
    ImGui::Checkbox("Epochs", &v.loss_epochs);
    tip("x axis in epochs (one pass over the training points) instead of steps.");
    const float fh = ImGui::GetFrameHeight();
    ImVec2 lp(p0.x,
              legend_row ? c0.y + fh + 2 * s : c0.y + (fh - ImGui::GetTextLineHeight()) * 0.5f);
    const float lh = ImGui::GetTextLineHeight();
    dl->AddLine(ImVec2(lp.x, lp.y + lh * 0.55f), ImVec2(lp.x + 16 * s, lp.y + lh * 0.55f),
                train_col, 2 * s);
    dl->AddText(ImVec2(lp.x + 20 * s, lp.y), text_col, "train loss");
    lp.x += 20 * s + ImGui::CalcTextSize("train loss").x + 14 * s;
    dl->AddLine(ImVec2(lp.x, lp.y + lh * 0.55f), ImVec2(lp.x + 16 * s, lp.y + lh * 0.55f), test_col,
                2 * s);
    dl->AddText(ImVec2(lp.x + 20 * s, lp.y), text_col, "test loss");
  }

  const long long last_step = h.points.empty() ? 0 : h.points.back().step;
  const double x_scale =
      ses.steps() > 0
          ? ses.epochs() / static_cast<double>(ses.steps())
          : (ses.train_inputs().cols() > 0
                 ? std::min<double>(ses.config().batch_size, ses.train_inputs().cols()) /
                       static_cast<double>(ses.train_inputs().cols())
                 : 1.0);
  const int cols = std::max(2, static_cast<int>(p1.x - p0.x));
  PlotBuffers& b = app.plot;
  downsample(h, true, last_step, cols, b.train_min, b.train_max, b.train_last, v.loss_log);
  downsample(h, false, last_step, cols, b.test_min, b.test_max, b.test_last, v.loss_log);

  // y range over both curves.
  float ymin = INFINITY, ymax = -INFINITY;
  for (int c = 0; c < cols; ++c) {
    ymin = std::min({ymin, b.train_min[c], b.test_min[c]});
    ymax = std::max({ymax, b.train_max[c], b.test_max[c]});
  }
  if (!std::isfinite(ymin) || !std::isfinite(ymax)) {
    ymin = v.loss_log ? -2.0f : 0.0f;
    ymax = v.loss_log ? 0.0f : 1.0f;
  }
  if (!v.loss_log) ymin = std::min(0.0f, ymin);
  if (ymax - ymin < 1e-6f) ymax = ymin + (v.loss_log ? 1.0f : 1e-3f);
  if (v.loss_log) {
    ymin = std::floor(ymin);
    ymax = std::ceil(ymax);
    if (ymax - ymin < 1) ymax = ymin + 1;
  } else {
    ymax *= 1.05f;
  }
  const auto to_y = [&](float val) { return p1.y - (val - ymin) / (ymax - ymin) * (p1.y - p0.y); };

  // Grid and ticks.
  if (v.loss_log) {
    for (int e = static_cast<int>(ymin); e <= static_cast<int>(ymax); ++e) {
      const float y = to_y(static_cast<float>(e));
      dl->AddLine(ImVec2(p0.x, y), ImVec2(p1.x, y), grid_col);
      std::snprintf(buf, sizeof buf, "1e%d", e);
      const ImVec2 ts = ImGui::CalcTextSize(buf);
      dl->AddText(ImVec2(p0.x - ts.x - 5 * s, y - ts.y * 0.5f), text_col, buf);
    }
  } else {
    const double st = nice_step(ymax - ymin, 4);
    for (double t = std::ceil(ymin / st) * st; t <= ymax + 1e-12; t += st) {
      const float y = to_y(static_cast<float>(t));
      dl->AddLine(ImVec2(p0.x, y), ImVec2(p1.x, y), grid_col);
      std::snprintf(buf, sizeof buf, "%.3g", t);
      const ImVec2 ts = ImGui::CalcTextSize(buf);
      dl->AddText(ImVec2(p0.x - ts.x - 5 * s, y - ts.y * 0.5f), text_col, buf);
    }
  }
  const double xmax =
      static_cast<double>(std::max<long long>(1, last_step)) * (v.loss_epochs ? x_scale : 1.0);
  {
    // Unit at the right end of the tick row; tick labels stop before it.
    const char* unit = v.loss_epochs ? "epochs" : "steps";
    const ImVec2 us = ImGui::CalcTextSize(unit);
    dl->AddText(ImVec2(p1.x - us.x, p1.y + 3 * s), text_col, unit);
    double st = nice_step(xmax, 5);
    if (!v.loss_epochs) st = std::max(st, 1.0);  // whole steps
    for (double t = 0; t <= xmax + 1e-9; t += st) {
      const float x = p0.x + static_cast<float>(t / xmax) * (p1.x - p0.x);
      dl->AddLine(ImVec2(x, p1.y), ImVec2(x, p1.y + 3 * s), text_col);
      if (st >= 1)
        std::snprintf(buf, sizeof buf, "%.0f", t);
      else
        std::snprintf(buf, sizeof buf, "%.2g", t);
      const ImVec2 ts = ImGui::CalcTextSize(buf);
      if (x + ts.x * 0.5f <= p1.x - us.x - 6 * s)
        dl->AddText(ImVec2(x - ts.x * 0.5f, p1.y + 3 * s), text_col, buf);
    }
  }
  dl->AddLine(ImVec2(p0.x, p1.y), ImVec2(p1.x, p1.y), IM_COL32(160, 162, 168, 255));
  dl->AddLine(ImVec2(p0.x, p0.y), ImVec2(p0.x, p1.y), IM_COL32(160, 162, 168, 255));

  // Curves: one vertex per non-empty column, plus the column's min-max spread.
  dl->PushClipRect(ImVec2(p0.x, p0.y - 2 * s), ImVec2(p1.x + 2 * s, p1.y + 2 * s), true);
  for (int curve = 1; curve >= 0; --curve) {
    const std::vector<float>& lo = curve ? b.test_min : b.train_min;
    const std::vector<float>& hi = curve ? b.test_max : b.train_max;
    const std::vector<float>& last = curve ? b.test_last : b.train_last;
    const ImU32 col = curve ? test_col : train_col;
    dl->PathClear();
    for (int c = 0; c < cols; ++c) {
      if (!std::isfinite(last[c])) continue;
      const float x = p0.x + static_cast<float>(c);
      if (hi[c] - lo[c] > 0) {
        const float ya = to_y(lo[c]), yb = to_y(hi[c]);
        if (ya - yb > 1.0f)
          dl->AddLine(ImVec2(x, ya), ImVec2(x, yb), (col & 0x00FFFFFF) | 0x60000000);
      }
      dl->PathLineTo(ImVec2(x, to_y(last[c])));
    }
    dl->PathStroke(col, 0, 1.8f * s);
  }
  dl->PopClipRect();

  // Hover: the nearest recorded step.
  ImGui::SetCursorScreenPos(p0);
  invisible_button("##lossplot", ImVec2(p1.x - p0.x, p1.y - p0.y));
  if (ImGui::IsItemHovered() && !h.points.empty()) {
    const float mx = ImGui::GetIO().MousePos.x;
    const double step =
        (mx - p0.x) / (p1.x - p0.x) * static_cast<double>(std::max<long long>(1, last_step));
    const auto it = std::lower_bound(
        h.points.begin(), h.points.end(), step,
        [](const HistoryPoint& p, double st) { return static_cast<double>(p.step) < st; });
    const HistoryPoint& p = it == h.points.end() ? h.points.back() : *it;
    const float x = p0.x + static_cast<float>(p.step) /
                               static_cast<float>(std::max<long long>(1, last_step)) *
                               (p1.x - p0.x);
    dl->AddLine(ImVec2(x, p0.y), ImVec2(x, p1.y), IM_COL32(120, 120, 130, 160));
    ImGui::BeginTooltip();
    ImGui::Text("step %s (epoch %.2f)", group_digits(p.step, num, sizeof num),
                static_cast<double>(p.step) * x_scale);
    ImGui::Text("train loss %s", fmt_value(p.train_loss, buf, sizeof buf));
    ImGui::Text("test loss  %s", fmt_value(p.test_loss, buf, sizeof buf));
    if (std::isfinite(p.train_accuracy) && std::isfinite(p.test_accuracy))
      ImGui::Text("accuracy %.1f%% train, %.1f%% test", 100 * p.train_accuracy,
                  100 * p.test_accuracy);
    else if (std::isfinite(p.train_accuracy))  // no test points (drawn data: shift-click adds)
      ImGui::Text("accuracy %.1f%% train, no test points", 100 * p.train_accuracy);
    ImGui::Text("α = %.4g", p.learning_rate);
    ImGui::EndTooltip();
  }
}

}  // namespace nn::app
