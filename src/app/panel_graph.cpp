// Computational graph (§3.2): the current network for one training sample as nn::Graph's nodes
// (matmul, add bias, activation, loss, regularizer) in their column/row layout, drawn with
// ImDrawList; Forward step / Backward step / Run all / Reset step through it one node at a
// time, and the selected node shows "upstream × local = downstream" per edge, and the sum of
// the contributions where several consumers feed its gradient back.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "teach_plot.hpp"
#include "teach_ui.hpp"
#include "widgets.hpp"

namespace nn::app {

namespace {

// The first number of a matrix ("0.123", "[4x1] 0.12, ..."), short enough for a box.
std::string short_value(const Matrix& m) {
  char buf[48];
  if (m.size() == 0) return "";
  if (m.size() == 1)
    std::snprintf(buf, sizeof buf, "% .3g", m(0, 0));
  else
    std::snprintf(buf, sizeof buf, "% .3g, ..", m(0, 0));
  return buf;
}

void arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 c, float s) {
  dl->AddLine(a, b, c, 1.3f * s);
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len < 1) return;
  const float ux = dx / len, uy = dy / len, h = 6 * s;
  dl->AddTriangleFilled(b, ImVec2(b.x - ux * h - uy * h * 0.5f, b.y - uy * h + ux * h * 0.5f),
                        ImVec2(b.x - ux * h + uy * h * 0.5f, b.y - uy * h - ux * h * 0.5f), c);
}

}  // namespace

void teach_build_graph(AppState& app) {
  GraphView& g = app.teach.graph;
  const Session& s = *app.session;
  g.sample = std::clamp(g.sample, 0, std::max(0, session_sample_count(s) - 1));
  try {
    g.graph = make_graph(s, g.sample);
    g.built = true;
  } catch (const ConfigError&) {
    g.built = false;
  }
  g.selected = -1;
  g.model_version = app.model_version;
}

void draw_graph_view(AppState& app) {
  GraphView& g = app.teach.graph;
  const float s = app.ui_scale;
  if (!g.built) teach_build_graph(app);
  if (!g.built) {
    ImGui::TextDisabled("No graph for this network.");
    return;
  }
  Graph& gr = g.graph;
  if (ImGui::Button("Forward step")) {
    gr.forward_step();
    g.selected = gr.last_node();
  }
  tip("Evaluates the next node in topological order (its inputs are done).");
  ImGui::SameLine();
  ImGui::BeginDisabled(!gr.forward_complete());
  if (ImGui::Button("Backward step")) {
    gr.backward_step();
    g.selected = gr.last_node();
  }
  ImGui::EndDisabled();
  tip("Processes the next node in reverse order: it sends upstream × local to each input.");
  ImGui::SameLine();
  if (ImGui::Button("Run all")) {
    gr.backward();
    g.selected = gr.last_node();
  }
  ImGui::SameLine();
  if (ImGui::Button("Reset")) {
    gr.reset();
    g.selected = -1;
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90 * s);
  const int count = session_sample_count(*app.session);
  if (ImGui::SliderInt("sample", &g.sample, 0, std::max(0, count - 1))) teach_build_graph(app);
  ImGui::SameLine();
  if (ImGui::Button("Current weights")) teach_build_graph(app);
  tip("Rebuild the graph from the network's current weights (the graph copies them).");
  ImGui::Text("Forward %d/%d   Backward %d/%d", gr.forward_cursor(), gr.size(),
              gr.backward_cursor(), gr.size());
  if (gr.forward_complete()) {
    ImGui::SameLine();
    ImGui::Text("   J = %.6g", gr.loss());
  }
  if (g.model_version != app.model_version) {
    ImGui::SameLine();
    ImGui::TextDisabled("  (weights changed since built)");
  }

  // Layout: columns left to right, rows -1 (W), 0 (main chain), 1 (b, R).
  int cmin = 0, cmax = 0, rmin = 0, rmax = 0;
  for (const GraphNode& n : gr.nodes()) {
    cmin = std::min(cmin, n.column);
    cmax = std::max(cmax, n.column);
    rmin = std::min(rmin, n.row);
    rmax = std::max(rmax, n.row);
  }
  const float avail_w = ImGui::GetContentRegionAvail().x;
  const float col_w = std::max(58.0f * s, avail_w / static_cast<float>(cmax - cmin + 1));
  const float box_w = std::min(col_w - 8 * s, 120 * s);
  const float fs = ImGui::GetFontSize();
  const float box_h = fs * 3.3f;
  const float row_h = box_h + 18 * s;
  const float canvas_h = row_h * static_cast<float>(rmax - rmin + 1) + 6 * s;
  const float canvas_w = col_w * static_cast<float>(cmax - cmin + 1);
  const float scroll_h = canvas_w > avail_w + 1 ? ImGui::GetStyle().ScrollbarSize + 4 * s : 0;
  ImGui::BeginChild("##graphcanvas", ImVec2(0, canvas_h + scroll_h), false,
                    ImGuiWindowFlags_HorizontalScrollbar);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  invisible_button("##graphbg", ImVec2(canvas_w, canvas_h));
  const bool clicked = ImGui::IsItemClicked();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  auto box_min = [&](const GraphNode& n) {
    return ImVec2(origin.x + col_w * static_cast<float>(n.column - cmin) + (col_w - box_w) * 0.5f,
                  origin.y + row_h * static_cast<float>(n.row - rmin) + 3 * s);
  };
  // Edges first (under the boxes).
  for (const GraphNode& n : gr.nodes()) {
    const ImVec2 b0 = box_min(n);
    for (int in : n.inputs) {
      const GraphNode& src = gr.node(in);
      const ImVec2 a0 = box_min(src);
      ImVec2 from, to;
      if (src.row == n.row) {
        from = ImVec2(a0.x + box_w, a0.y + box_h * 0.5f);
        to = ImVec2(b0.x, b0.y + box_h * 0.5f);
      } else if (src.row < n.row) {
        from = ImVec2(a0.x + box_w * 0.5f, a0.y + box_h);
        to = ImVec2(b0.x + box_w * 0.5f, b0.y);
      } else {
        from = ImVec2(a0.x + box_w * 0.5f, a0.y);
        to = ImVec2(b0.x + box_w * 0.5f, b0.y + box_h);
      }
      const bool sel = g.selected == n.id || g.selected == in;
      // The regularizer reads every W: its long edges stay faint unless selected.
      const ImU32 col = sel                               ? IM_COL32(30, 30, 40, 255)
                        : n.kind == NodeKind::Regularizer ? IM_COL32(200, 204, 212, 255)
                                                          : IM_COL32(150, 155, 165, 255);
      arrow(dl, from, to, col, s);
    }
  }
  for (const GraphNode& n : gr.nodes()) {
    const ImVec2 p0 = box_min(n);
    const ImVec2 p1(p0.x + box_w, p0.y + box_h);
    const bool hovered = mouse.x >= p0.x && mouse.x < p1.x && mouse.y >= p0.y && mouse.y < p1.y;
    if (clicked && hovered) g.selected = n.id;
    ImU32 fill = IM_COL32(244, 245, 247, 255);
    if (n.forward_done) fill = IM_COL32(222, 236, 250, 255);
    if (n.backward_done) fill = IM_COL32(253, 230, 205, 255);
    dl->AddRectFilled(p0, p1, fill, 4 * s);
    const bool sel = g.selected == n.id;
    const bool last = gr.last_node() == n.id;
    dl->AddRect(p0, p1,
                sel    ? IM_COL32(20, 20, 30, 255)
                : last ? IM_COL32(8, 119, 189, 255)
                       : IM_COL32(190, 194, 200, 255),
                4 * s, 0, sel || last ? 2.2f * s : 1.0f);
    dl->PushClipRect(p0, p1, true);
    const float x = p0.x + 4 * s;
    char buf[96];
    // Shapes are known once the node is evaluated (leaves from the start).
    std::snprintf(buf, sizeof buf, "%s  %s", n.name.c_str(),
                  n.value.size() ? shape_text(n.value).c_str() : "");
    dl->AddText(app.fonts.bold ? app.fonts.bold : ImGui::GetFont(), fs, ImVec2(x, p0.y + 1 * s),
                IM_COL32(30, 32, 36, 255), buf);
    if (n.forward_done || n.is_leaf()) {
      const std::string v = "v " + short_value(n.value);
      dl->AddText(ImVec2(x, p0.y + fs * 1.1f), IM_COL32(8, 90, 150, 255), v.c_str());
    }
    if (n.backward_done) {
      const std::string d = "∇ " + short_value(n.grad);
      dl->AddText(ImVec2(x, p0.y + fs * 2.15f), IM_COL32(170, 85, 0, 255), d.c_str());
    }
    dl->PopClipRect();
    if (hovered) {
      ImGui::BeginTooltip();
      ImGui::TextUnformatted(n.label.c_str());
      ImGui::TextDisabled("%s", name(n.kind));
      ImGui::EndTooltip();
    }
  }
  ImGui::EndChild();
  ImGui::TextDisabled("Blue: forward value computed; orange: gradient computed. Click a node.");

  // Detail of the selected node.
  if (g.selected < 0 || g.selected >= gr.size()) {
    ImGui::TextDisabled("Step forward, then backward, and click a node to see its numbers.");
    return;
  }
  const GraphNode& n = gr.node(g.selected);
  ImGui::Separator();
  if (app.fonts.bold) ImGui::PushFont(app.fonts.bold);
  ImGui::Text("%s    (%s, %s)", n.label.c_str(), name(n.kind), shape_text(n.value).c_str());
  if (app.fonts.bold) ImGui::PopFont();
  ImGui::BeginChild("##graphdetail", ImVec2(0, 0), false);
  const bool have_value = n.forward_done || n.is_leaf();
  ImGui::Text("value = %s", have_value ? matrix_text(n.value).c_str() : "(not computed yet)");
  if (!n.backward_done) {
    ImGui::TextDisabled("gradient dJ/d%s: not computed yet", n.name.c_str());
  } else {
    ImGui::Text("dJ/d%s = %s", n.name.c_str(), matrix_text(n.grad).c_str());
    if (n.contributions.size() > 1) {
      std::string sum = "Branches add up: dJ/d" + n.name + " =";
      for (std::size_t k = 0; k < n.contributions.size(); ++k) {
        sum += (k ? " + " : " ") + std::string("(from ") + gr.node(n.contributions[k].first).name +
               ") " + short_value(n.contributions[k].second);
      }
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.62f, 0.32f, 0.0f, 1.0f));
      ImGui::TextWrapped("%s", sum.c_str());
      ImGui::PopStyleColor();
    }
  }
  for (const GraphEdge& e : n.edges) {
    const GraphNode& in = gr.node(e.input);
    ImGui::Separator();
    ImGui::Text("to %s:  %s   (%s)", in.name.c_str(), e.formula.c_str(), name(e.form));
    if (e.local.size() == 0) {
      ImGui::TextDisabled("local gradient: after the forward step");
      continue;
    }
    const char* op = e.form == LocalForm::Elementwise ? "o" : "×";
    if (ImGui::BeginTable("##uld", 3, ImGuiTableFlags_SizingStretchSame)) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextDisabled("upstream dJ/d%s %s", n.name.c_str(), shape_text(n.grad).c_str());
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s local %s", op, shape_text(e.local).c_str());
      ImGui::TableNextColumn();
      ImGui::TextDisabled("= downstream %s", shape_text(e.downstream).c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(n.backward_done ? matrix_text(n.grad, 3, 3).c_str() : "?");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(matrix_text(e.local, 3, 3).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(e.downstream.size() ? matrix_text(e.downstream, 3, 3).c_str() : "?");
      ImGui::EndTable();
    }
  }
  ImGui::EndChild();
}

}  // namespace nn::app
