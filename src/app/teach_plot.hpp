// Small ImDrawList plotting helpers for the teaching views: a framed plot area with axes and a
// linear or log y range, polylines of (x, y) series, a legend row, and matrix-to-text for the
// graph and inspector. Header-only and stateless (every call gets what it draws).
#pragma once
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/types.hpp"

namespace nn::app {

// Distinct line colours (Okabe-Ito plus two), readable on white.
inline ImU32 series_color(int k) {
  static constexpr ImU32 kColors[] = {IM_COL32(0, 114, 178, 255),   IM_COL32(213, 94, 0, 255),
                                      IM_COL32(0, 158, 115, 255),   IM_COL32(204, 121, 167, 255),
                                      IM_COL32(230, 159, 0, 255),   IM_COL32(86, 180, 233, 255),
                                      IM_COL32(120, 120, 120, 255), IM_COL32(40, 40, 40, 255)};
  return kColors[((k % 8) + 8) % 8];
}

struct PlotArea {
  ImVec2 p0, p1;  // screen rect of the data area
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  bool log_y = false;
  float sx(double x) const {
    return p0.x + static_cast<float>((x - x0) / (x1 - x0 == 0 ? 1 : x1 - x0)) * (p1.x - p0.x);
  }
  float sy(double y) const {
    double t;
    if (log_y) {
      const double ly = std::log10(std::max(y, 1e-300));
      t = (ly - y0) / (y1 - y0 == 0 ? 1 : y1 - y0);
    } else {
      t = (y - y0) / (y1 - y0 == 0 ? 1 : y1 - y0);
    }
    t = std::clamp(t, -0.05, 1.05);
    return p1.y - static_cast<float>(t) * (p1.y - p0.y);
  }
};

// Reserves width x height, draws the frame, the y range labels and the x range labels.
// For log_y, y0/y1 are given as values and turned into decades.
inline PlotArea plot_begin(const char* id, float width, float height, double x0, double x1,
                           double y0, double y1, bool log_y, const char* x_label = nullptr) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, ImVec2(width, height));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float fs = ImGui::GetFontSize();
  PlotArea a;
  a.p0 = ImVec2(pos.x + fs * 3.2f, pos.y + fs * 0.4f);
  a.p1 = ImVec2(pos.x + width - fs * 0.5f, pos.y + height - fs * 1.3f);
  a.x0 = x0;
  a.x1 = x1 > x0 ? x1 : x0 + 1;
  a.log_y = log_y;
  if (log_y) {
    y0 = std::max(y0, 1e-300);
    y1 = std::max(y1, y0 * 10);
    a.y0 = std::floor(std::log10(y0));
    a.y1 = std::ceil(std::log10(y1));
    if (a.y1 <= a.y0) a.y1 = a.y0 + 1;
  } else {
    a.y0 = y0;
    a.y1 = y1 > y0 ? y1 : y0 + 1;
  }
  dl->AddRectFilled(a.p0, a.p1, IM_COL32(255, 255, 255, 255));
  dl->AddRect(a.p0, a.p1, IM_COL32(200, 203, 208, 255));
  const ImU32 text = IM_COL32(100, 104, 110, 255);
  char buf[32];
  const double top = log_y ? std::pow(10.0, a.y1) : a.y1;
  const double bottom = log_y ? std::pow(10.0, a.y0) : a.y0;
  std::snprintf(buf, sizeof buf, "%.3g", top);
  dl->AddText(ImVec2(pos.x, a.p0.y - fs * 0.1f), text, buf);
  std::snprintf(buf, sizeof buf, "%.3g", bottom);
  dl->AddText(ImVec2(pos.x, a.p1.y - fs), text, buf);
  if (!log_y && a.y0 < 0 && a.y1 > 0) {
    const float zy = a.sy(0);
    dl->AddLine(ImVec2(a.p0.x, zy), ImVec2(a.p1.x, zy), IM_COL32(210, 212, 216, 255));
    dl->AddText(ImVec2(pos.x + fs * 1.6f, zy - fs * 0.5f), text, "0");
  }
  if (log_y) {
    for (double d = a.y0 + 1; d < a.y1; d += 1) {
      const float y = a.p1.y - static_cast<float>((d - a.y0) / (a.y1 - a.y0)) * (a.p1.y - a.p0.y);
      dl->AddLine(ImVec2(a.p0.x, y), ImVec2(a.p1.x, y), IM_COL32(236, 237, 240, 255));
    }
  }
  std::snprintf(buf, sizeof buf, "%.4g", a.x0);
  dl->AddText(ImVec2(a.p0.x, a.p1.y + fs * 0.1f), text, buf);
  std::snprintf(buf, sizeof buf, "%.4g", a.x1);
  const float w1 = ImGui::CalcTextSize(buf).x;
  dl->AddText(ImVec2(a.p1.x - w1, a.p1.y + fs * 0.1f), text, buf);
  if (x_label) {
    const float wl = ImGui::CalcTextSize(x_label).x;
    dl->AddText(ImVec2((a.p0.x + a.p1.x - wl) * 0.5f, a.p1.y + fs * 0.1f), text, x_label);
  }
  return a;
}

inline void plot_line(const PlotArea& a, const std::vector<double>& xs,
                      const std::vector<double>& ys, ImU32 color, float thickness = 1.6f) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(a.p0, a.p1, true);
  const std::size_t n = std::min(xs.size(), ys.size());
  ImVec2 prev;
  bool have = false;
  for (std::size_t k = 0; k < n; ++k) {
    if (!std::isfinite(ys[k]) || (a.log_y && ys[k] <= 0)) {
      have = false;
      continue;
    }
    const ImVec2 p(a.sx(xs[k]), a.sy(ys[k]));
    if (have) dl->AddLine(prev, p, color, thickness);
    prev = p;
    have = true;
  }
  dl->PopClipRect();
}

// Min and max of the finite (and, for log plots, positive) values.
inline void value_range(const std::vector<double>& v, bool positive, double& lo, double& hi) {
  for (double x : v) {
    if (!std::isfinite(x) || (positive && x <= 0)) continue;
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  }
}

// A coloured square and a label, on the current line.
inline void legend_item(ImU32 color, const char* label) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float fs = ImGui::GetFontSize();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + fs * 0.25f),
                                            ImVec2(p.x + fs * 0.7f, p.y + fs * 0.95f), color);
  ImGui::Dummy(ImVec2(fs * 0.8f, fs));
  ImGui::SameLine(0, 3);
  ImGui::TextUnformatted(label);
}

// "[0.12, -0.4, ...]" rows of a matrix, at most max_rows x max_cols numbers.
inline std::string matrix_text(const Matrix& m, int max_rows = 4, int max_cols = 4) {
  std::string out;
  char buf[32];
  if (m.cols() == 1 && m.rows() > 1) {  // a column vector, written as a transposed row
    const Eigen::Index R = std::min<Eigen::Index>(m.rows(), 2 * max_cols);
    out = "[";
    for (Eigen::Index r = 0; r < R; ++r) {
      std::snprintf(buf, sizeof buf, "%s% .4g", r ? ", " : "", m(r, 0));
      out += buf;
    }
    return out + (R < m.rows() ? ", ...]ᵀ" : "]ᵀ");
  }
  const Eigen::Index R = std::min<Eigen::Index>(m.rows(), max_rows);
  const Eigen::Index C = std::min<Eigen::Index>(m.cols(), max_cols);
  for (Eigen::Index r = 0; r < R; ++r) {
    out += r == 0 ? "[" : " ";
    for (Eigen::Index c = 0; c < C; ++c) {
      std::snprintf(buf, sizeof buf, "%s% .4g", c ? ", " : "", m(r, c));
      out += buf;
    }
    if (C < m.cols()) out += ", ...";
    out += r + 1 < R ? "\n" : (R < m.rows() ? "\n ...]" : "]");
  }
  if (R == 0) out = "[]";
  return out;
}

}  // namespace nn::app
