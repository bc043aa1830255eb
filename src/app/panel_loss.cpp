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

// Buckets the history's `field` into `cols` pixel columns (min, max, last per column).
void downsample(const History& h, double HistoryPoint::*field, long long last_step, int cols,
                std::vector<float>& lo, std::vector<float>& hi, std::vector<float>& last,
                bool log_scale) {
  lo.assign(static_cast<std::size_t>(cols), INFINITY);
  hi.assign(static_cast<std::size_t>(cols), -INFINITY);
  last.assign(static_cast<std::size_t>(cols), NAN);
  const double span = static_cast<double>(std::max<long long>(1, last_step));
  for (const HistoryPoint& p : h.points) {
    double v = p.*field;
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

// What one plot shows: the losses (linear or log axis) or the accuracies (0-100 %).
struct Curves {
  double HistoryPoint::*train;
  double HistoryPoint::*test;
  bool log_scale;
  bool percent;
  const char* id;  // the hover button's name
};

// One plot of the history in [p0, p1] (axes outside it: ticks left and below), with a hover
// readout of the nearest recorded step.
void draw_plot(AppState& app, const Curves& q, ImVec2 p0, ImVec2 p1, double x_scale) {
  const float s = app.ui_scale;
  Session& ses = *app.session;
  const History& h = ses.history();
  const ViewOptions& v = app.view;
  char buf[64], num[32];
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 train_col = IM_COL32(30, 30, 36, 255);
  const ImU32 test_col = IM_COL32(8, 119, 189, 255);
  const ImU32 grid_col = IM_COL32(228, 230, 234, 255);
  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);

  const long long last_step = h.points.empty() ? 0 : h.points.back().step;
  const int cols = std::max(2, static_cast<int>(p1.x - p0.x));
  PlotBuffers& b = app.plot;
  downsample(h, q.train, last_step, cols, b.train_min, b.train_max, b.train_last, q.log_scale);
  downsample(h, q.test, last_step, cols, b.test_min, b.test_max, b.test_last, q.log_scale);

  // y range over both curves (accuracy: always 0-100 %).
  float ymin = INFINITY, ymax = -INFINITY;
  for (int c = 0; c < cols; ++c) {
    ymin = std::min({ymin, b.train_min[c], b.test_min[c]});
    ymax = std::max({ymax, b.train_max[c], b.test_max[c]});
  }
  if (q.percent) {
    ymin = 0.0f;
    ymax = 1.0f;
  } else {
    if (!std::isfinite(ymin) || !std::isfinite(ymax)) {
      ymin = q.log_scale ? -2.0f : 0.0f;
      ymax = q.log_scale ? 0.0f : 1.0f;
    }
    if (!q.log_scale) ymin = std::min(0.0f, ymin);
    if (ymax - ymin < 1e-6f) ymax = ymin + (q.log_scale ? 1.0f : 1e-3f);
    if (q.log_scale) {
      ymin = std::floor(ymin);
      ymax = std::ceil(ymax);
      if (ymax - ymin < 1) ymax = ymin + 1;
    } else {
      ymax *= 1.05f;
    }
  }
  const auto to_y = [&](float val) { return p1.y - (val - ymin) / (ymax - ymin) * (p1.y - p0.y); };

  // Grid and ticks.
  if (q.log_scale) {
    for (int e = static_cast<int>(ymin); e <= static_cast<int>(ymax); ++e) {
      const float y = to_y(static_cast<float>(e));
      dl->AddLine(ImVec2(p0.x, y), ImVec2(p1.x, y), grid_col);
      std::snprintf(buf, sizeof buf, "1e%d", e);
      const ImVec2 ts = ImGui::CalcTextSize(buf);
      dl->AddText(ImVec2(p0.x - ts.x - 5 * s, y - ts.y * 0.5f), text_col, buf);
    }
  } else {
    const double st = q.percent ? 0.25 : nice_step(ymax - ymin, 4);
    for (double t = std::ceil(ymin / st) * st; t <= ymax + 1e-12; t += st) {
      const float y = to_y(static_cast<float>(t));
      dl->AddLine(ImVec2(p0.x, y), ImVec2(p1.x, y), grid_col);
      if (q.percent)
        std::snprintf(buf, sizeof buf, "%.0f%%", 100 * t);
      else
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
  invisible_button(q.id, ImVec2(p1.x - p0.x, p1.y - p0.y));
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

// The confusion matrices (rows: true class, columns: predicted) of both splits in a popup: which
// classes the network mixes up, what one accuracy figure hides for K > 2 classes.
void draw_confusion_table(AppState& app, const char* title, const std::vector<long long>& m,
                          int K) {
  const float s = app.ui_scale;
  ImGui::TextDisabled("%s", title);
  if (m.empty()) {
    ImGui::TextDisabled("no points");
    return;
  }
  long long max_count = 1;
  for (long long c : m) max_count = std::max(max_count, c);
  const float cell = 40 * s;
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float label_w = 60 * s;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 dim_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  char buf[32];
  const float lh = ImGui::GetTextLineHeight();
  dl->AddText(ImVec2(o.x + label_w, o.y), dim_col, "predicted →");
  for (int p = 0; p < K; ++p) {
    std::snprintf(buf, sizeof buf, "%d", p);
    dl->AddText(ImVec2(o.x + label_w + (p + 0.4f) * cell, o.y + lh + 2 * s), dim_col, buf);
  }
  const float top = o.y + 2 * lh + 4 * s;
  for (int t = 0; t < K; ++t) {
    std::snprintf(buf, sizeof buf, "true %d", t);
    dl->AddText(ImVec2(o.x, top + t * cell + (cell - lh) * 0.5f), dim_col, buf);
    for (int p = 0; p < K; ++p) {
      const long long c = m[static_cast<std::size_t>(t) * K + p];
      const float f = static_cast<float>(c) / static_cast<float>(max_count);
      // Right answers (the diagonal) in blue, mix-ups in orange; stronger = more points.
      const ImU32 fill = t == p ? IM_COL32(8, 119, 189, static_cast<int>(30 + 180 * f))
                                : IM_COL32(245, 147, 34, static_cast<int>(c ? 30 + 180 * f : 0));
      const ImVec2 a(o.x + label_w + p * cell, top + t * cell);
      dl->AddRectFilled(a, ImVec2(a.x + cell - 2 * s, a.y + cell - 2 * s), fill);
      dl->AddRect(a, ImVec2(a.x + cell - 2 * s, a.y + cell - 2 * s), IM_COL32(200, 202, 208, 255));
      std::snprintf(buf, sizeof buf, "%lld", c);
      const ImVec2 ts = ImGui::CalcTextSize(buf);
      dl->AddText(ImVec2(a.x + (cell - ts.x) * 0.5f, a.y + (cell - ts.y) * 0.5f), text_col, buf);
    }
  }
  ImGui::Dummy(ImVec2(label_w + K * cell, 2 * lh + 4 * s + K * cell));
}

void draw_confusion_button(AppState& app) {
  Session& ses = *app.session;
  const std::vector<long long> train = ses.confusion_matrix(false);
  if (train.empty()) return;  // true/corrupted pairs have no classes
  if (ImGui::SmallButton("Confusion matrix")) ImGui::OpenPopup("##confusion");
  tip("Counts of points by true class (rows) and predicted class (columns), on the training and "
      "the test split. The diagonal is what the accuracy counts.");
  if (ImGui::BeginPopup("##confusion")) {
    const int K = static_cast<int>(std::lround(std::sqrt(static_cast<double>(train.size()))));
    ImGui::BeginGroup();
    draw_confusion_table(app, "training split", train, K);
    ImGui::EndGroup();
    ImGui::SameLine(0, 24 * app.ui_scale);
    ImGui::BeginGroup();
    draw_confusion_table(app, "test split", ses.confusion_matrix(true), K);
    ImGui::EndGroup();
    ImGui::EndPopup();
  }
}

constexpr float kMinPlotWidth = 160;  // a plot narrower than this (x ui scale) is unreadable

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
      draw_confusion_button(app);
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
  const bool classify = !ses.is_regression();
  const bool accuracy = classify && v.accuracy_plot;
  const char* train_label = accuracy ? "train" : "train loss";
  const char* test_label = accuracy ? "test" : "test loss";
  const float toggles_w = ImGui::CalcTextSize("Log scale").x + ImGui::CalcTextSize("Epochs").x +
                          (classify ? ImGui::CalcTextSize("Accuracy").x + ImGui::GetFrameHeight() +
                                          3 * ImGui::GetStyle().ItemSpacing.x
                                    : 0.0f) +
                          2 * ImGui::GetFrameHeight() + 5 * ImGui::GetStyle().ItemSpacing.x;
  const float legend_w = 2 * (20 * s + 14 * s) + ImGui::CalcTextSize(train_label).x +
                         ImGui::CalcTextSize(test_label).x;
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
  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);

  // Legend and the axis toggles on top.
  if (!compact) {
    ImGui::SetCursorScreenPos(ImVec2(p1.x - toggles_w, c0.y));
    if (classify) {
      ImGui::Checkbox("Accuracy", &v.accuracy_plot);
      tip("The accuracy curves (train and test) beside the loss: the share of points in their "
          "class. The loss can still fall while the accuracy stays (points already on the right "
          "side gain margin), or the accuracy jump while the loss barely moves.");
      ImGui::SameLine();
    }
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
    dl->AddText(ImVec2(lp.x + 20 * s, lp.y), text_col, train_label);
    lp.x += 20 * s + ImGui::CalcTextSize(train_label).x + 14 * s;
    dl->AddLine(ImVec2(lp.x, lp.y + lh * 0.55f), ImVec2(lp.x + 16 * s, lp.y + lh * 0.55f), test_col,
                2 * s);
    dl->AddText(ImVec2(lp.x + 20 * s, lp.y), text_col, test_label);
  }

  const double x_scale =
      ses.steps() > 0
          ? ses.epochs() / static_cast<double>(ses.steps())
          : (ses.train_inputs().cols() > 0
                 ? std::min<double>(ses.config().batch_size, ses.train_inputs().cols()) /
                       static_cast<double>(ses.train_inputs().cols())
                 : 1.0);
  const Curves losses{&HistoryPoint::train_loss, &HistoryPoint::test_loss, v.loss_log, false,
                      "##lossplot"};
  const Curves accuracies{&HistoryPoint::train_accuracy, &HistoryPoint::test_accuracy, false, true,
                          "##accuracyplot"};
  if (!accuracy) {
    draw_plot(app, losses, p0, p1, x_scale);
  } else if (p1.x - p0.x >= 2 * kMinPlotWidth * s + axis_l) {
    // Side by side: the loss on the left, the accuracy on the right (its own tick column).
    const float mid = p0.x + (p1.x - p0.x - axis_l) * 0.5f;
    draw_plot(app, losses, p0, ImVec2(mid - 6 * s, p1.y), x_scale);
    draw_plot(app, accuracies, ImVec2(mid + axis_l, p0.y), p1, x_scale);
  } else {
    draw_plot(app, accuracies, p0, p1, x_scale);
  }
}

}  // namespace nn::app
