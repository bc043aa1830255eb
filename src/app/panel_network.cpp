// Centre panel: the network diagram. Every neuron (inputs included) is a thumbnail of its
// activation over the input plane; links have thickness |w| and colour sign(w); hovering shows
// the value and its last gradient, clicking selects a neuron, bias or link into
// AppState::selection (the teaching views use it); layers and units are added/removed in place.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app.hpp"
#include "help.hpp"
#include "labels.hpp"
#include "teach_ui.hpp"
#include "ui.hpp"
#include "widgets.hpp"

namespace nn::app {

namespace {

// Appends n in superscript or subscript digits (the notes' W^(k)_ij).
void append_script(std::string& out, int n, bool super) {
  static constexpr const char* kSup[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  static constexpr const char* kSub[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
  const std::string digits = std::to_string(n);
  for (char ch : digits) out += (super ? kSup : kSub)[ch - '0'];
}
// "W⁽ᵏ⁾ᵢⱼ" with k = layer + 1 and 1-based i, j (the notes' convention: W^(k) maps a^(k) to
// z^(k+1)).
std::string weight_name(const char* sym, int layer, int i, int j) {
  std::string s = sym;
  s += "⁽";
  append_script(s, layer + 1, true);
  s += "⁾";
  append_script(s, i + 1, false);
  if (j >= 0) {
    s += ",";
    append_script(s, j + 1, false);
  }
  return s;
}

struct Geometry {
  ImVec2 area0, area1;       // diagram area (below the headers)
  int columns = 0;           // inputs + one per layer
  float step = 0;            // distance between columns
  float node = 0;            // thumbnail size
  float left = 0;            // x of column 0's centre
  std::vector<int> units;    // per column
  std::vector<float> top;    // per column: y of the first node's top
  std::vector<float> pitch;  // per column: distance between node tops

  float cx(int c) const { return left + step * static_cast<float>(c); }
  ImVec2 node_min(int c, int i) const {
    return ImVec2(cx(c) - node * 0.5f, top[c] + pitch[c] * static_cast<float>(i));
  }
  ImVec2 node_max(int c, int i) const {
    const ImVec2 p = node_min(c, i);
    return ImVec2(p.x + node, p.y + node);
  }
};

Geometry layout(const Network& net, ImVec2 a0, ImVec2 a1, float s, float label_w) {
  Geometry g;
  g.area0 = a0;
  g.area1 = a1;
  const int L = net.num_layers();
  g.columns = L + 1;
  g.units.resize(static_cast<std::size_t>(g.columns));
  g.units[0] = net.spec().inputs;
  int max_units = g.units[0];
  for (int l = 0; l < L; ++l) {
    g.units[l + 1] = net.layers[l].n_out();
    max_units = std::max(max_units, g.units[l + 1]);
  }
  const float w = a1.x - a0.x, h = a1.y - a0.y;
  const float margin = 10 * s;
  // Column 0 leaves room for the feature labels on its left.
  const float first = a0.x + label_w + margin;
  const float last = a1.x - margin;
  const float span = std::max(1.0f, last - first);
  g.node = std::clamp(std::min(span / (static_cast<float>(g.columns) * 1.6f),
                               h / (static_cast<float>(max_units) * 1.3f)),
                      5.0f * s, 64.0f * s);
  g.left = first + g.node * 0.5f;
  g.step = g.columns > 1 ? (span - g.node) / static_cast<float>(g.columns - 1) : 0.0f;
  (void)w;
  g.top.resize(static_cast<std::size_t>(g.columns));
  g.pitch.resize(static_cast<std::size_t>(g.columns));
  for (int c = 0; c < g.columns; ++c) {
    const int n = g.units[c];
    float pitch = g.node * 1.3f;
    if (static_cast<float>(n) * pitch > h) pitch = h / static_cast<float>(n);
    const float total = pitch * static_cast<float>(n - 1) + g.node;
    g.pitch[c] = pitch;
    g.top[c] = a0.y + std::max(0.0f, (h - total) * 0.5f);
  }
  return g;
}

// Endpoints of link (gap c: column c unit j -> column c+1 unit i).
void link_ends(const Geometry& g, int c, int i, int j, ImVec2& p0, ImVec2& p1) {
  const ImVec2 a = g.node_min(c, j), b = g.node_min(c + 1, i);
  p0 = ImVec2(a.x + g.node, a.y + g.node * 0.5f);
  p1 = ImVec2(b.x, b.y + g.node * 0.5f);
}

float dist_to_segment(ImVec2 p, ImVec2 a, ImVec2 b) {
  const float vx = b.x - a.x, vy = b.y - a.y;
  const float len2 = vx * vx + vy * vy;
  float t = len2 > 0 ? ((p.x - a.x) * vx + (p.y - a.y) * vy) / len2 : 0.0f;
  t = std::clamp(t, 0.0f, 1.0f);
  const float dx = a.x + t * vx - p.x, dy = a.y + t * vy - p.y;
  return std::sqrt(dx * dx + dy * dy);
}

ImVec2 bezier(ImVec2 p0, ImVec2 p1, float t) {
  // Cubic with horizontal tangents: control points at half the horizontal distance.
  const float dx = (p1.x - p0.x) * 0.5f;
  const ImVec2 c0(p0.x + dx, p0.y), c1(p1.x - dx, p1.y);
  const float u = 1 - t;
  const float a = u * u * u, b = 3 * u * u * t, cc = 3 * u * t * t, d = t * t * t;
  return ImVec2(a * p0.x + b * c0.x + cc * c1.x + d * p1.x,
                a * p0.y + b * c0.y + cc * c1.y + d * p1.y);
}

float dist_to_link(ImVec2 m, ImVec2 p0, ImVec2 p1, bool curved) {
  if (!curved) return dist_to_segment(m, p0, p1);
  float best = 1e9f;
  ImVec2 prev = p0;
  for (int k = 1; k <= 12; ++k) {
    const ImVec2 q = bezier(p0, p1, static_cast<float>(k) / 12.0f);
    best = std::min(best, dist_to_segment(m, prev, q));
    prev = q;
  }
  return best;
}

float link_width(double w, float s, float thin) {
  return std::clamp(static_cast<float>(1.0 + std::fabs(w) * 1.8), 1.0f, 9.0f) * s * thin;
}

void edit_layers(AppState& app, int delta) {
  NetworkConfig& n = app.config.network;
  if (delta > 0 && static_cast<int>(n.hidden.size()) < kMaxHiddenLayers) {
    n.hidden.push_back(n.hidden.empty() ? 4 : n.hidden.back());
    if (n.activation.size() > 1) n.activation.push_back(n.activation.back());
  } else if (delta < 0 && !n.hidden.empty()) {
    n.hidden.pop_back();
    if (n.activation.size() > 1) n.activation.pop_back();
  }
}

void set_layer_activation(Config& c, int l, Activation a) {
  std::vector<Activation>& act = c.network.activation;
  const std::size_t H = c.network.hidden.size();
  if (act.size() != H) act.assign(H, act.empty() ? Activation::Tanh : act[0]);
  act[static_cast<std::size_t>(l)] = a;
  if (std::all_of(act.begin(), act.end(), [&](Activation x) { return x == act[0]; }))
    act.resize(1);  // back to the one-for-all form
}

// The big thumbnail and the numbers of a hovered neuron / bias / link.
void hover_tooltip(const AppState& app, const Geometry& g, const Selection& h) {
  const Session& ses = *app.session;
  const Network& net = ses.network();
  const float s = app.ui_scale;
  char buf[160];
  ImGui::BeginTooltip();
  const auto big_thumb = [&](int tile) {
    const Atlas& a = app.grid.atlas;
    if (app.tex.atlas == 0 || !a.valid() || !app.grid.available || !a.matches(net)) return;
    float u0, v0, u1, v1;
    a.tile_uv(tile, u0, v0, u1, v1);
    ImGui::Image(reinterpret_cast<ImTextureID>(app.tex.atlas), ImVec2(120 * s, 120 * s),
                 ImVec2(u0, v0), ImVec2(u1, v1));
    const float scale = a.tile_scale[static_cast<std::size_t>(tile)];
    if (scale > 1.0f) ImGui::TextDisabled("colour range ±%.3g", scale);
  };
  (void)g;
  if (h.kind == Selection::Kind::Neuron && h.layer < 0) {
    const bool ner = ses.raw().train.X.rows() != 2;
    if (ner) {
      ImGui::Text("Input %d of the 20-d word window", h.i + 1);
    } else {
      const Feature f = ses.config().features[static_cast<std::size_t>(h.i)];
      ImGui::Text("Input feature %s", feature_label(f, true));
      const auto& all = all_features();
      big_thumb(static_cast<int>(std::find(all.begin(), all.end(), f) - all.begin()));
    }
  } else if (h.kind == Selection::Kind::Neuron) {
    const Layer& layer = net.layers[h.layer];
    const bool out = h.layer == net.num_layers() - 1;
    if (out)
      ImGui::Text("Output unit %d (%s)", h.i + 1, name(layer.f));
    else
      ImGui::Text("Hidden layer %d, unit %d: a = %s(z)", h.layer + 1, h.i + 1, name(layer.f));
    ImGui::Text("%s = %.4g", weight_name("b", h.layer, h.i, -1).c_str(), layer.b[h.i]);
    big_thumb(app.grid.atlas.valid() && app.grid.atlas.matches(net)
                  ? app.grid.atlas.unit_tile(h.layer, h.i)
                  : 0);
    ImGui::TextDisabled("Click to select.");
  } else if (h.kind == Selection::Kind::Bias) {
    const Layer& layer = net.layers[h.layer];
    std::snprintf(buf, sizeof buf, "%s = %.5g", weight_name("b", h.layer, h.i, -1).c_str(),
                  layer.b[h.i]);
    ImGui::TextUnformatted(buf);
    ImGui::TextDisabled("∂J/∂b = %.3g (last batch)", layer.db[h.i]);
  } else if (h.kind == Selection::Kind::Link) {
    const Layer& layer = net.layers[h.layer];
    std::snprintf(buf, sizeof buf, "%s = %.5g", weight_name("W", h.layer, h.i, h.j).c_str(),
                  layer.W(h.i, h.j));
    ImGui::TextUnformatted(buf);
    std::string from;
    if (h.layer == 0 && ses.raw().train.X.rows() == 2)
      from = feature_label(ses.config().features[static_cast<std::size_t>(h.j)], true);
    else if (h.layer == 0)
      from = "input " + std::to_string(h.j + 1);
    else
      from = "unit " + std::to_string(h.j + 1) + " of layer " + std::to_string(h.layer);
    const bool out = h.layer == net.num_layers() - 1;
    const std::string to =
        out ? "output " + std::to_string(h.i + 1)
            : "unit " + std::to_string(h.i + 1) + " of layer " + std::to_string(h.layer + 1);
    ImGui::TextDisabled("from %s to %s", from.c_str(), to.c_str());
    ImGui::TextDisabled("∂J/∂W = %.3g (last batch)", layer.dW(h.i, h.j));
  }
  ImGui::EndTooltip();
}

constexpr float kWeightEditorWidth = 380;  // x ui scale: name, field and gradient

// The selected link's weight (or a bias) as a field the student drags or types into, at the
// bottom of the diagram, with its gradient of the last batch: the map, the losses and the
// inspector follow at once (as in TensorFlow Playground, where a link's weight can be edited).
void draw_weight_editor(AppState& app, ImVec2 a0, ImVec2 a1) {
  const Selection& sel = app.selection;
  if (sel.kind != Selection::Kind::Link && sel.kind != Selection::Kind::Bias) return;
  Session& ses = *app.session;
  const Network& net = ses.network();
  if (sel.layer < 0 || sel.layer >= net.num_layers()) return;
  const Layer& layer = net.layers[static_cast<std::size_t>(sel.layer)];
  const bool bias = sel.kind == Selection::Kind::Bias;
  if (sel.i < 0 || sel.i >= layer.n_out() || (!bias && (sel.j < 0 || sel.j >= layer.n_in())))
    return;
  const float s = app.ui_scale;
  const std::string name =
      bias ? weight_name("b", sel.layer, sel.i, -1) : weight_name("W", sel.layer, sel.i, sel.j);
  double value = bias ? layer.b[sel.i] : layer.W(sel.i, sel.j);
  const double grad = bias ? layer.db[sel.i] : layer.dW(sel.i, sel.j);
  const float h = ImGui::GetFrameHeight();
  ImGui::SetCursorScreenPos(ImVec2(a0.x + 4 * s, a1.y - h - 2 * s));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(name.c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(96 * s);
  const bool changed =
      ImGui::DragScalar("##weight", ImGuiDataType_Double, &value, 0.01f, nullptr, nullptr, "%.4f");
  tip("Drag, or Ctrl+click (double-tap) to type the value: the boundary, the losses and the "
      "inspector follow. A link does not carry a hand edit: File > Export model keeps it.");
  if (ImGui::IsItemActivated())
    app_notify(app, name +
                        " edited by hand: a link replays the run without this edit; File > "
                        "Export model keeps it.");
  if (changed && std::isfinite(value)) {
    ses.set_parameter(sel.layer, sel.i, bias ? -1 : sel.j, std::clamp(value, -100.0, 100.0));
    ++app.model_version;
  }
  ImGui::SameLine();
  ImGui::TextDisabled("∂J/∂%s = %.3g (last batch)", bias ? "b" : "W", grad);
}

}  // namespace

namespace {

// Step-through: a small white label with dark text at p (top-left), for values on the diagram.
void value_label(ImDrawList* dl, ImVec2 p, const char* text, ImU32 colour, float s) {
  const ImVec2 ts = ImGui::CalcTextSize(text);
  dl->AddRectFilled(ImVec2(p.x - 2 * s, p.y), ImVec2(p.x + ts.x + 2 * s, p.y + ts.y),
                    IM_COL32(255, 255, 255, 225), 2 * s);
  dl->AddText(p, colour, text);
}

// The values the step-through has reached: x on the inputs, z and a on each unit passed
// forward, delta on each unit passed backward, and dJ/dW on the links into the current unit.
void draw_walk_overlay(AppState& app, const Geometry& g, ImDrawList* dl) {
  const WalkView& w = app.teach.walk;
  const Walk& k = w.walk;
  if (k.steps.empty()) return;
  const float s = app.ui_scale;
  const float line = ImGui::GetTextLineHeight();
  const ImU32 fwd = IM_COL32(20, 60, 140, 255), bwd = IM_COL32(170, 60, 0, 255);
  char buf[64];
  for (int j = 0; j < g.units[0] && j < k.x.size(); ++j) {
    std::snprintf(buf, sizeof buf, "%.3g", k.x[j]);
    value_label(dl, ImVec2(g.node_min(0, j).x + 2 * s, g.node_min(0, j).y + 2 * s), buf, fwd, s);
  }
  const int L = static_cast<int>(k.z.size());
  for (int l = 0; l < L; ++l)
    for (int i = 0; i < g.units[l + 1] && i < k.z[static_cast<std::size_t>(l)].size(); ++i) {
      const ImVec2 p0 = g.node_min(l + 1, i);
      const int f = k.forward_step(l, i), b = k.backward_step(l, i);
      // Right of the node, over its outgoing links (the incoming ones carry the gradients).
      // The output column is at the panel's edge: its values go under the node.
      const bool out = l == L - 1;
      const float x = out ? p0.x : p0.x + g.node + 4 * s;
      const float y = out ? p0.y + g.node + 2 * s : p0.y + g.node * 0.5f - line * 1.5f;
      if (f >= 0 && f <= w.step) {
        std::snprintf(buf, sizeof buf, "z %.3g", k.z[static_cast<std::size_t>(l)][i]);
        value_label(dl, ImVec2(x, y), buf, fwd, s);
        std::snprintf(buf, sizeof buf, "a %.3g", k.a[static_cast<std::size_t>(l)][i]);
        value_label(dl, ImVec2(x, y + line), buf, fwd, s);
      }
      if (b >= 0 && b <= w.step) {
        std::snprintf(buf, sizeof buf, "δ %.3g", k.delta[static_cast<std::size_t>(l)][i]);
        value_label(dl, ImVec2(x, y + 2 * line), buf, bwd, s);
      }
      if (f == w.step || b == w.step)
        dl->AddRect(ImVec2(p0.x - 3 * s, p0.y - 3 * s),
                    ImVec2(p0.x + g.node + 3 * s, p0.y + g.node + 3 * s), f == w.step ? fwd : bwd,
                    0, 0, 3 * s);
    }
  // The links into the current backward unit carry their gradient delta_i a_j (at most 8 shown).
  const WalkStep& cur = k.steps[static_cast<std::size_t>(w.step)];
  if (cur.phase == WalkPhase::Backward && cur.layer >= 0 && cur.layer < L) {
    const Matrix& dW = k.dW[static_cast<std::size_t>(cur.layer)];
    for (int j = 0; j < dW.cols() && j < 8; ++j) {
      ImVec2 p0, p1;
      link_ends(g, cur.layer, cur.unit, j, p0, p1);
      std::snprintf(buf, sizeof buf, "%.3g", dW(cur.unit, j));
      const float t = 0.35f + 0.4f * static_cast<float>(j) / std::max(1.0f, float(dW.cols()));
      value_label(dl, ImVec2(p0.x + (p1.x - p0.x) * t, p0.y + (p1.y - p0.y) * t - line * 0.5f), buf,
                  bwd, s);
    }
  }
}

// The step-through's keys: N next, B back (typed characters, not while a text field has focus).
void walk_keys(AppState& app) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
    const ImWchar c = io.InputQueueCharacters[i];
    if (c == 'n' || c == 'N') teach_walk_move(app, +1);
    if (c == 'b' || c == 'B') teach_walk_move(app, -1);
  }
}

// Back / Next, "step k of N" and the notes' sentence for the step.
void draw_walk_strip(AppState& app, ImVec2 at, float width) {
  WalkView& w = app.teach.walk;
  if (!w.active) return;
  ImGui::SetCursorScreenPos(at);
  ImGui::BeginDisabled(w.step <= 0);
  if (ImGui::SmallButton("< Back")) teach_walk_move(app, -1);
  ImGui::EndDisabled();
  ImGui::SameLine();
  const int n = static_cast<int>(w.walk.steps.size());
  ImGui::BeginDisabled(w.step >= n - 1);
  if (ImGui::SmallButton("Next >")) teach_walk_move(app, +1);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (w.walk.steps.empty()) return;
  const WalkStep& st = w.walk.steps[static_cast<std::size_t>(w.step)];
  ImGui::TextDisabled("step %d of %d (%s), sample %d", w.step + 1, n, name(st.phase), w.sample);
  ImGui::SetCursorScreenPos(ImVec2(at.x, ImGui::GetCursorScreenPos().y));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  ImGui::TextUnformatted(st.text.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace

void draw_network_panel(AppState& app) {
  const float s = app.ui_scale;
  const Session& ses = *app.session;
  const Network& net = ses.network();
  const PaletteColors& pc = palette_colors(app.view.palette);
  const int L = net.num_layers();
  const int H = L - 1;  // hidden layers
  ImDrawList* dl = ImGui::GetWindowDrawList();
  char buf[96];

  // Header: title, layer count +/-, parameter count.
  section_title(app, "NETWORK");
  ImGui::SameLine(0, 14 * s);
  ImGui::BeginDisabled(H >= kMaxHiddenLayers);
  if (ImGui::SmallButton(" + ##layers")) edit_layers(app, +1);
  ImGui::EndDisabled();
  tip("Add a hidden layer (at most 8).");
  ImGui::SameLine();
  ImGui::BeginDisabled(H <= 0);
  if (ImGui::SmallButton(" − ##layers")) edit_layers(app, -1);
  ImGui::EndDisabled();
  tip("Remove the last hidden layer.");
  ImGui::SameLine();
  ImGui::Text("%d hidden layer%s", H, H == 1 ? "" : "s");
  WalkView& walk = app.teach.walk;
  if (walk.active && !teach_walk_available(app)) teach_walk_stop(app);
  if (walk.active) walk_keys(app);
  if (teach_walk_available(app)) {
    ImGui::SameLine();
    if (ImGui::SmallButton(walk.active ? "Stop" : "Step through")) {
      if (walk.active)
        teach_walk_stop(app);
      else
        teach_walk_start(app);
    }
    tip("One training sample (the inspector's) through the network: forward unit by unit with z "
        "and a on each unit, then backward with delta on each unit and dJ/dW on the links. "
        "Next: N or the button; back: B.");
  }
  std::snprintf(buf, sizeof buf, "%zu parameters", net.num_parameters());
  const float param_x = ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(buf).x;
  ImGui::SameLine();
  if (ImGui::GetCursorPosX() + 8 * s < param_x) {
    ImGui::SetCursorPosX(param_x);
    ImGui::TextDisabled("%s", buf);
  } else {
    ImGui::NewLine();
  }

  // Column headers (units +/- and activation per hidden layer), then the diagram.
  const ImVec2 head0 = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float row = ImGui::GetFrameHeightWithSpacing();
  const float head_h = row * 2.0f;
  const bool ner = ses.raw().train.X.rows() != 2;
  const float label_w = ner ? 0.0f : ImGui::CalcTextSize("sin x1").x + 6 * s;
  const ImVec2 a0(head0.x, head0.y + head_h + 4 * s);
  // The step-through's controls and text take a strip at the bottom.
  const float walk_h = walk.active ? ImGui::GetTextLineHeightWithSpacing() * 4 + row : 0.0f;
  const ImVec2 a1(head0.x + avail.x, head0.y + avail.y - 4 * s - walk_h);
  if (a1.y - a0.y < 20 * s) return;
  const Geometry g = layout(net, a0, a1, s, label_w);

  for (int c = 0; c < g.columns; ++c) {
    const float x = g.cx(c);
    const float w = std::min(g.step * 0.92f, 104 * s);
    ImGui::PushID(c);
    if (c == 0 || c == g.columns - 1) {
      const char* title = c == 0 ? "Inputs" : "Output";
      // On the second header row, beside the activation combos: on the first the neighbouring
      // column's unit +/- buttons are wider and would overlap the title in a narrow panel.
      ImGui::SetCursorScreenPos(
          ImVec2(x - ImGui::CalcTextSize(title).x * 0.5f, head0.y + row + 3 * s));
      ImGui::TextDisabled("%s", title);
    } else {
      const int l = c - 1;
      if (l >= static_cast<int>(app.config.network.hidden.size())) {  // removed this frame
        ImGui::PopID();
        continue;
      }
      int& units = app.config.network.hidden[static_cast<std::size_t>(l)];
      std::snprintf(buf, sizeof buf, "%d", g.units[c]);
      const float gap = 3 * s;
      const float bw = ImGui::CalcTextSize("−").x + ImGui::GetStyle().FramePadding.x * 2;
      const float total = bw * 2 + ImGui::CalcTextSize(buf).x + gap * 2;
      ImGui::SetCursorScreenPos(ImVec2(x - total * 0.5f, head0.y));
      ImGui::BeginDisabled(units <= 1);
      if (ImGui::SmallButton("−")) units = std::max(1, units - 1);
      ImGui::EndDisabled();
      tip("One unit less.");
      ImGui::SameLine(0, gap);
      ImGui::TextUnformatted(buf);
      tip("Units in this hidden layer (1-64).");
      ImGui::SameLine(0, gap);
      ImGui::BeginDisabled(units >= kMaxUnits);
      if (ImGui::SmallButton("+")) units = std::min(kMaxUnits, units + 1);
      ImGui::EndDisabled();
      tip("One unit more.");
      ImGui::SetCursorScreenPos(ImVec2(x - w * 0.5f, head0.y + row));
      Activation a = app.config.hidden_activation(l);
      if (enum_combo("##act", a, activation_items(), w)) set_layer_activation(app.config, l, a);
      tip(help::kActivation);
    }
    ImGui::PopID();
  }

  // Mouse: an invisible button over the diagram takes clicks (not window drags).
  ImGui::SetCursorScreenPos(a0);
  invisible_button("##diagram", ImVec2(a1.x - a0.x, a1.y - a0.y));
  ImGui::SetItemAllowOverlap();  // the weight editor sits on its bottom edge
  const ImVec2 m = ImGui::GetIO().MousePos;
  // The weight editor's strip (when a link or bias is selected) is not part of the diagram.
  const bool over_editor = (app.selection.kind == Selection::Kind::Link ||
                            app.selection.kind == Selection::Kind::Bias) &&
                           m.y >= a1.y - ImGui::GetFrameHeight() - 4 * s && m.y <= a1.y &&
                           m.x >= a0.x && m.x <= a0.x + kWeightEditorWidth * s;
  const bool hovered_area = ImGui::IsItemHovered() && !over_editor;
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left) && !over_editor;

  // Hit test: bias squares and nodes first, then the links of the gap under the mouse.
  Selection hover;
  const float bias_sz = std::max(5.0f * s, g.node * 0.2f);
  const bool show_bias = g.node >= 16 * s;
  if (hovered_area) {
    for (int c = 0; c < g.columns && hover.kind == Selection::Kind::None; ++c)
      for (int i = 0; i < g.units[c]; ++i) {
        const ImVec2 p0 = g.node_min(c, i), p1 = g.node_max(c, i);
        if (c > 0 && show_bias && m.x >= p0.x - bias_sz * 0.5f && m.x <= p0.x + bias_sz * 0.5f &&
            m.y >= p1.y - bias_sz * 0.5f && m.y <= p1.y + bias_sz * 0.5f) {
          hover = {Selection::Kind::Bias, c - 1, i, -1};
          break;
        }
        if (m.x >= p0.x && m.x <= p1.x && m.y >= p0.y && m.y <= p1.y) {
          hover = {Selection::Kind::Neuron, c - 1, i, -1};
          break;
        }
      }
    if (hover.kind == Selection::Kind::None && g.step > 0) {
      const int c = static_cast<int>(std::floor((m.x - g.cx(0)) / g.step));
      if (c >= 0 && c < g.columns - 1) {
        const Layer& layer = net.layers[c];
        const bool curved = layer.W.size() <= 256;
        float best = 5 * s;
        for (int i = 0; i < layer.n_out(); ++i)
          for (int j = 0; j < layer.n_in(); ++j) {
            ImVec2 p0, p1;
            link_ends(g, c, i, j, p0, p1);
            const float d = dist_to_link(m, p0, p1, curved);
            if (d < best) {
              best = d;
              hover = {Selection::Kind::Link, c, i, j};
            }
          }
      }
    }
  }
  app.hover = hover;
  if (clicked) app.selection = hover == app.selection ? Selection{} : hover;

  // Links (behind the nodes), thinner when a gap has many; a gap with more than kMaxLinks draws
  // only its kMaxLinks strongest (|w|), so the largest network still builds its frame quickly.
  constexpr int kMaxLinks = 1024;
  dl->PushClipRect(a0, a1, true);
  for (int c = 0; c + 1 < g.columns; ++c) {
    const Layer& layer = net.layers[c];
    const int n = static_cast<int>(layer.W.size());
    const bool curved = n <= 256;
    const float thin = n > 64 ? std::max(0.35f, std::sqrt(64.0f / static_cast<float>(n))) : 1.0f;
    double min_abs = 0;
    if (n > kMaxLinks) {
      std::vector<float>& mags = app.plot.scratch;  // reused buffer: no allocation once warm
      mags.resize(static_cast<std::size_t>(n));
      for (int k = 0; k < n; ++k) mags[k] = static_cast<float>(std::fabs(layer.W.data()[k]));
      std::nth_element(mags.begin(), mags.begin() + (n - kMaxLinks), mags.end());
      min_abs = mags[static_cast<std::size_t>(n - kMaxLinks)];
    }
    for (int i = 0; i < layer.n_out(); ++i)
      for (int j = 0; j < layer.n_in(); ++j) {
        const double w = layer.W(i, j);
        if (std::fabs(w) < min_abs) continue;
        ImVec2 p0, p1;
        link_ends(g, c, i, j, p0, p1);
        const ImU32 col = to_u32(diverging_color(pc, static_cast<float>(w)), 0.9f);
        const float t = link_width(w, s, thin);
        if (curved) {
          const float dx = (p1.x - p0.x) * 0.5f;
          dl->AddBezierCubic(p0, ImVec2(p0.x + dx, p0.y), ImVec2(p1.x - dx, p1.y), p1, col, t, 16);
        } else {
          dl->AddLine(p0, p1, col, t);
        }
      }
  }
  // Hovered and selected links on top, outlined.
  for (const Selection* sel : {&app.selection, &app.hover}) {
    if (sel->kind != Selection::Kind::Link || sel->layer < 0 || sel->layer >= L) continue;
    const Layer& layer = net.layers[sel->layer];
    if (sel->i >= layer.n_out() || sel->j >= layer.n_in()) continue;
    ImVec2 p0, p1;
    link_ends(g, sel->layer, sel->i, sel->j, p0, p1);
    const double w = layer.W(sel->i, sel->j);
    const float t = link_width(w, s, 1.0f);
    const float dx = (p1.x - p0.x) * 0.5f;
    const ImU32 dark =
        sel == &app.selection ? IM_COL32(20, 20, 28, 255) : IM_COL32(20, 20, 28, 150);
    dl->AddBezierCubic(p0, ImVec2(p0.x + dx, p0.y), ImVec2(p1.x - dx, p1.y), p1, dark, t + 3 * s,
                       24);
    dl->AddBezierCubic(p0, ImVec2(p0.x + dx, p0.y), ImVec2(p1.x - dx, p1.y), p1,
                       to_u32(diverging_color(pc, static_cast<float>(w))), t, 24);
  }

  // Nodes: thumbnails from the atlas when it matches this network's shape.
  const Atlas& atlas = app.grid.atlas;
  const bool thumbs =
      app.tex.atlas != 0 && atlas.valid() && atlas.matches(net) && app.grid.available;
  const auto& all = all_features();
  const Workspace& tw = ses.train_workspace();
  const bool dropout = app.playing && tw.dropout_active;
  for (int c = 0; c < g.columns; ++c) {
    for (int i = 0; i < g.units[c]; ++i) {
      const ImVec2 p0 = g.node_min(c, i), p1 = g.node_max(c, i);
      int tile = -1;
      if (c == 0 && !ner) {
        const Feature f = ses.config().features[static_cast<std::size_t>(i)];
        tile = static_cast<int>(std::find(all.begin(), all.end(), f) - all.begin());
      } else if (c > 0 && thumbs) {
        tile = atlas.unit_tile(c - 1, i);
      }
      if (tile >= 0 && app.tex.atlas != 0 && atlas.valid() && app.grid.available) {
        float u0, v0, u1, v1;
        atlas.tile_uv(tile, u0, v0, u1, v1);
        dl->AddImage(reinterpret_cast<ImTextureID>(app.tex.atlas), p0, p1, ImVec2(u0, v0),
                     ImVec2(u1, v1));
      } else {
        dl->AddRectFilled(p0, p1, IM_COL32(226, 229, 234, 255));
      }
      // Dropped units of the last training batch (first sample) are greyed out (§2.3).
      if (dropout && c > 0 && c < g.columns - 1) {
        const Matrix& mask = tw.mask[static_cast<std::size_t>(c - 1)];
        if (mask.rows() > i && mask.cols() > 0 && mask(i, 0) == 0.0) {
          dl->AddRectFilled(p0, p1, IM_COL32(245, 245, 245, 210));
          dl->AddLine(p0, p1, IM_COL32(150, 150, 150, 255), 1.0f * s);
        }
      }
      const bool sel = app.selection.kind == Selection::Kind::Neuron &&
                       app.selection.layer == c - 1 && app.selection.i == i;
      const bool hov =
          app.hover.kind == Selection::Kind::Neuron && app.hover.layer == c - 1 && app.hover.i == i;
      dl->AddRect(p0, p1,
                  sel ? IM_COL32(20, 20, 28, 255)
                      : (hov ? IM_COL32(8, 119, 189, 255) : IM_COL32(150, 153, 160, 255)),
                  0, 0, sel ? 2.5f * s : 1.0f * s);
      if (c > 0 && show_bias) {
        const double b = net.layers[c - 1].b[i];
        const ImVec2 b0(p0.x - bias_sz * 0.5f, p1.y - bias_sz * 0.5f);
        const ImVec2 b1(b0.x + bias_sz, b0.y + bias_sz);
        dl->AddRectFilled(b0, b1, to_u32(diverging_color(pc, static_cast<float>(b))));
        const bool bsel = app.selection.kind == Selection::Kind::Bias &&
                          app.selection.layer == c - 1 && app.selection.i == i;
        dl->AddRect(b0, b1, bsel ? IM_COL32(20, 20, 28, 255) : IM_COL32(120, 122, 130, 255), 0, 0,
                    bsel ? 2.0f * s : 1.0f * s);
      }
      if (c == 0 && !ner && g.node >= 10 * s) {
        const char* label = feature_label(ses.config().features[static_cast<std::size_t>(i)], true);
        const ImVec2 ts = ImGui::CalcTextSize(label);
        dl->AddText(ImVec2(p0.x - ts.x - 5 * s, p0.y + (g.node - ts.y) * 0.5f),
                    IM_COL32(70, 72, 80, 255), label);
      }
    }
  }
  if (walk.active) draw_walk_overlay(app, g, dl);
  dl->PopClipRect();
  draw_weight_editor(app, a0, a1);
  if (walk.active) draw_walk_strip(app, ImVec2(a0.x, a1.y + 4 * s), a1.x - a0.x);
  if (hover.kind != Selection::Kind::None) hover_tooltip(app, g, hover);
}

}  // namespace nn::app
