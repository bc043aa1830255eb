// Left panel: the data (dataset, classes, points, noise, train/test split, seed), the input
// features with their thumbnails over the input plane, preprocessing (§2.5), and the controls of
// user-drawn data (class of a click, clear, undo).
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app.hpp"
#include "help.hpp"
#include "labels.hpp"
#include "share.hpp"
#include "ui.hpp"
#include "widgets.hpp"

namespace nn::app {

namespace {

struct DatasetItem {
  DatasetKind kind;
  const char* label;
  const char* short_label;  // when the panel is too narrow for label
  const char* help;
};
constexpr DatasetItem kDatasets[] = {
    {DatasetKind::Circle, "Circle", "Circle",
     "Class 1 inside a circle, class 0 on a ring around it."},
    {DatasetKind::Xor, "XOR", "XOR", "The four quadrants: class = sign(x1) xor sign(x2)."},
    {DatasetKind::Gauss, "Gauss", "Gauss", "Normal clusters, one per class (2-5 classes)."},
    {DatasetKind::Spiral, "Spiral", "Spiral",
     "Interleaved spirals, one arm per class (2-5 classes)."},
    {DatasetKind::Moons, "Moons", "Moons", "Two interleaving half circles."},
    {DatasetKind::Plane, "Plane (regr.)", "Plane",
     "Regression: the target is a linear function of x."},
    {DatasetKind::MultiGauss, "Gauss (regr.)", "Bumps",
     "Regression: the target is a sum of Gaussian bumps."},
    {DatasetKind::Stretched, "Stretched", "Stretch",
     "§2.5: two elongated clouds tilted by 30°, centred near (1.5, 1.2): what mean "
     "subtraction, standardizing and whitening change."},
    {DatasetKind::NerWindow, "NER windows", "NER",
     "§1.3: 5-word windows of a toy corpus (x ∈ R²⁰); is the centre word a location? Trained "
     "with the max-margin loss on (true, corrupted) window pairs (§1.4)."}};

constexpr EnumItem<Preprocess> kPreprocess[] = {
    {Preprocess::None, "None", help::kPreNone},
    {Preprocess::Mean, "Mean subtraction", help::kPreMean},
    {Preprocess::Standardize, "Standardize", help::kPreStandardize},
    {Preprocess::Whiten, "Whiten", help::kPreWhiten}};

bool many_classes(DatasetKind d) { return d == DatasetKind::Spiral || d == DatasetKind::Gauss; }

// A feature thumbnail from the atlas (or a grey square while there is none).
void thumbnail(const AppState& app, int tile, ImVec2 p0, float size, bool active) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p1(p0.x + size, p0.y + size);
  const Atlas& a = app.grid.atlas;
  if (app.tex.atlas != 0 && a.valid() && app.grid.available) {
    float u0, v0, u1, v1;
    a.tile_uv(tile, u0, v0, u1, v1);
    dl->AddImage(reinterpret_cast<ImTextureID>(app.tex.atlas), p0, p1, ImVec2(u0, v0),
                 ImVec2(u1, v1), active ? IM_COL32_WHITE : IM_COL32(255, 255, 255, 110));
  } else {
    dl->AddRectFilled(p0, p1, IM_COL32(225, 228, 232, 255));
  }
  dl->AddRect(p0, p1, active ? IM_COL32(90, 90, 100, 255) : IM_COL32(190, 192, 198, 255));
}

// A small picture of a dataset at the right end of its list row: 80 points of it (no noise,
// fixed seed) as dots in the class colours, like TensorFlow Playground's dataset thumbnails.
void dataset_icon(AppState& app, DatasetKind kind, ImVec2 p0, float size) {
  std::vector<Points>& icons = app.plot.dataset_icons;
  const auto k = static_cast<std::size_t>(kind);
  if (icons.size() <= k) icons.resize(k + 1);
  Points& pts = icons[k];
  if (pts.X.size() == 0 && kind != DatasetKind::NerWindow && kind != DatasetKind::User) {
    DataConfig dc;
    dc.dataset = kind;
    dc.points = 80;
    dc.noise = 0;
    dc.classes = kind == DatasetKind::Spiral || kind == DatasetKind::Gauss ? 3 : 2;
    Rng rng(7);
    pts = generate(dc, rng);
  }
  if (pts.X.rows() != 2) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p1(p0.x + size, p0.y + size);
  dl->AddRectFilled(p0, p1, IM_COL32(250, 250, 251, 255));
  dl->AddRect(p0, p1, IM_COL32(200, 202, 208, 255));
  const PaletteColors& pc = palette_colors(app.view.palette);
  const float r = std::max(1.0f, size / 16.0f);
  for (Eigen::Index j = 0; j < pts.X.cols(); ++j) {
    const float x = p0.x + (static_cast<float>(pts.X(0, j) / kExtent) * 0.5f + 0.5f) * size;
    const float y = p0.y + (0.5f - static_cast<float>(pts.X(1, j) / kExtent) * 0.5f) * size;
    if (x < p0.x + r || x > p1.x - r || y < p0.y + r || y > p1.y - r) continue;
    dl->AddCircleFilled(ImVec2(x, y), r, to_u32(label_color(pc, pts.classes, pts.y[j], 1.0f)), 6);
  }
}

}  // namespace

void draw_data_panel(AppState& app) {
  const float s = app.ui_scale;
  Config& c = app.config;
  const Config before = c;
  const Session& ses = *app.session;
  char buf[64];

  section_title(app, "DATA");
  const float full = ImGui::GetContentRegionAvail().x;
  const float half = (full - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  // Controls a link hides (?hide=) are not drawn, so not in the Tab order either.
  const auto shown = [&](const char* name) { return control_shown(app, name); };
  int col = 0;
  for (const DatasetItem& d : kDatasets) {
    if (!shown("dataset")) break;
    const bool selected = !app.user_mode && c.data.dataset == d.kind;
    if (col == 1) ImGui::SameLine();
    ImGui::PushID(static_cast<int>(d.kind));
    const char* label = ImGui::CalcTextSize(d.label).x <= half - 2 * ImGui::GetStyle().ItemSpacing.x
                            ? d.label
                            : d.short_label;
    if (ImGui::Selectable(label, selected, 0, ImVec2(half, 0))) {
      // Applied after the panels (a generated dataset also leaves user data).
      c.data.dataset = d.kind;
      fit_config_to_data(c, before);
    }
    {
      const ImVec2 r0 = ImGui::GetItemRectMin(), r1 = ImGui::GetItemRectMax();
      const float icon = r1.y - r0.y - 2 * s;
      if (icon >= 10 * s && r1.x - r0.x - ImGui::CalcTextSize(label).x > icon + 8 * s)
        dataset_icon(app, d.kind, ImVec2(r1.x - icon - 2 * s, r0.y + s), icon);
    }
    tip(d.help);
    ImGui::PopID();
    col = 1 - col;
  }
  if (app.user_mode) {
    std::snprintf(buf, sizeof buf, "Your data (%d points)",
                  static_cast<int>(app.user_points.size()));
    ImGui::Selectable(buf, true, 0, ImVec2(full, 0));
    tip("Points you drew on the map. Choose a dataset above to go back to generated data.");
  }

  const float label_w = 62 * s;
  auto row_label = [&](const char* text, const char* help_text) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    if (help_text) tip(help_text);
    ImGui::SameLine(label_w);
    ImGui::SetNextItemWidth(full - label_w);
  };
  ImGui::BeginDisabled(app.user_mode);
  {
    // Always drawn (disabled where the dataset has a fixed class count), so choosing Spiral
    // does not move every control below.
    const bool classes_apply = many_classes(c.data.dataset) || app.user_mode;
    if (shown("classes")) {
      row_label("Classes",
                "Number of classes (more than 2 trains with softmax; Gauss and Spiral).");
      const FieldRange k = field_range("data.classes");
      int shown_k = classes_apply ? c.data.classes : 2;
      ImGui::BeginDisabled(!classes_apply);
      if (ImGui::SliderInt("##classes", &shown_k, static_cast<int>(k.lo), static_cast<int>(k.hi)) &&
          classes_apply) {
        c.data.classes = shown_k;
        fit_config_to_data(c, before);
      }
      ImGui::EndDisabled();
    }
  }
  if (shown("points")) {
    row_label("Points", "How many points the dataset has (train + test).");
    const FieldRange n = field_range("data.points");  // the schema's bounds (core/config.hpp)
    ImGui::SliderInt("##points", &c.data.points, static_cast<int>(n.lo), static_cast<int>(n.hi),
                     "%d", ImGuiSliderFlags_Logarithmic);
  }
  if (shown("noise")) {
    row_label("Noise", help::kNoise);
    float noise = static_cast<float>(c.data.noise);
    const FieldRange nr = field_range("data.noise");
    if (ImGui::SliderFloat("##noise", &noise, static_cast<float>(nr.lo), static_cast<float>(nr.hi),
                           "%.2f"))
      c.data.noise = snap_decimals(noise, 2);
  }
  if (shown("split")) {
    row_label("Train", help::kTrainFraction);
    int pct = static_cast<int>(c.data.train_fraction * 100.0 + 0.5);
    const FieldRange tr = field_range("data.train_fraction");
    if (ImGui::SliderInt("##train", &pct, static_cast<int>(tr.lo * 100 + 0.5),
                         static_cast<int>(tr.hi * 100 + 0.5), "%d%% train"))
      c.data.train_fraction = pct / 100.0;
  }
  ImGui::EndDisabled();
  if (shown("seed")) {
    row_label("Seed", help::kSeed);
    const float regen_w = ImGui::CalcTextSize("New").x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SetNextItemWidth(full - label_w - regen_w - ImGui::GetStyle().ItemSpacing.x);
    long long seed = static_cast<long long>(c.seed);
    if (ImGui::InputScalar("##seed", ImGuiDataType_S64, &seed) && seed >= 0)
      c.seed = static_cast<std::uint64_t>(seed);
    ImGui::SameLine();
    if (ImGui::Button("New")) c.seed = c.seed + 1;
    tip("New data and new initial weights: seed + 1.");
  }

  // Features.
  const bool ner = ses.raw().train.X.rows() != 2;
  if (shown("features")) {
    ImGui::Spacing();
    section_title(app, "FEATURES");
    tip(help::kFeatures);
    if (ner) {
      ImGui::TextDisabled("20-d word windows feed the\nnetwork directly.");
    } else {
      const float thumb =
          std::clamp((full - 3 * ImGui::GetStyle().ItemSpacing.x) / 4.0f - 38 * s, 22 * s, 40 * s);
      const auto& features = all_features();
      for (std::size_t k = 0; k < features.size(); ++k) {
        const Feature f = features[k];
        const auto it = std::find(c.features.begin(), c.features.end(), f);
        const bool on = it != c.features.end();
        if (k % 2 == 1) ImGui::SameLine(half + ImGui::GetStyle().ItemSpacing.x);
        ImGui::PushID(static_cast<int>(k));
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const bool clicked = invisible_button("##feature", ImVec2(half, thumb));
        const bool hovered = ImGui::IsItemHovered();
        thumbnail(app, app.grid.atlas.feature_tile(static_cast<int>(k)), p, thumb, on);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float th = ImGui::GetTextLineHeight();
        dl->AddText(ImVec2(p.x + thumb + 6 * s, p.y + (thumb - th) * 0.5f),
                    on ? IM_COL32(30, 30, 36, 255) : IM_COL32(150, 152, 158, 255),
                    feature_label(f));
        if (hovered) dl->AddRect(p, ImVec2(p.x + half, p.y + thumb), IM_COL32(8, 119, 189, 120));
        if (clicked) {
          if (on && c.features.size() > 1) {
            c.features.erase(it);
          } else if (!on) {
            // Keep the canonical order x1, x2, x1², ... so configs compare equal.
            std::vector<Feature> next;
            for (Feature g : features)
              if (g == f || std::find(c.features.begin(), c.features.end(), g) != c.features.end())
                next.push_back(g);
            c.features = next;
          } else {
            app_notify(app, "At least one input feature is needed.");
          }
        }
        if (hovered) {
          ImGui::BeginTooltip();
          ImGui::Text("%s: %s (click to toggle)", feature_label(f), on ? "on" : "off");
          ImGui::EndTooltip();
        }
        ImGui::PopID();
      }
    }
  }
  if (shown("preprocess")) {
    ImGui::Spacing();
    section_title(app, "PREPROCESSING");
    enum_combo("##preprocess", c.preprocess, kPreprocess, full);
    tip(enum_help(c.preprocess, kPreprocess));
  }

  // User data.
  if (!shown("draw")) return;
  ImGui::Spacing();
  section_title(app, "DRAW YOUR DATA");
  tip("Click the map to add a point of the chosen class (ctrl-click: the other class; "
      "shift-click: to the test split); drag a point to move it, right-click deletes it. The "
      "network keeps its weights.");
  const PaletteColors& pc = palette_colors(app.view.palette);
  const bool regression = app.user_mode ? app.user_classes == 0 : ses.is_regression();
  const int K = app.user_mode ? app.user_classes : (regression ? 0 : ses.classes());
  if (ner) {
    ImGui::TextDisabled("(not for word windows)");
  } else if (regression) {
    ImGui::RadioButton("+1", &app.view.add_class, 1);
    ImGui::SameLine();
    ImGui::RadioButton("−1", &app.view.add_class, 0);
  } else {
    if (app.view.add_class >= K) app.view.add_class = K - 1;
    for (int k = 0; k < K; ++k) {
      if (k > 0) ImGui::SameLine();
      ImGui::PushID(k);
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const float sz = ImGui::GetFrameHeight();
      if (invisible_button("##class", ImVec2(sz, sz))) app.view.add_class = k;
      ImDrawList* dl = ImGui::GetWindowDrawList();
      const ImVec2 c0(p.x + sz * 0.5f, p.y + sz * 0.5f);
      dl->AddCircleFilled(c0, sz * 0.32f, to_u32(label_color(pc, K, k, 1.0f)));
      if (app.view.add_class == k)
        dl->AddCircle(c0, sz * 0.45f, IM_COL32(40, 40, 48, 255), 0, 2 * s);
      std::snprintf(buf, sizeof buf, "class %d", k);
      tip(buf);
      ImGui::PopID();
    }
  }
  if (!ner) {
    ImGui::SameLine();
    if (ImGui::Button("Clear")) user_clear(app);
    tip("Remove all points (the map becomes your canvas).");
    ImGui::SameLine();
    ImGui::BeginDisabled(!user_can_undo(app));
    if (ImGui::Button("Undo")) user_undo(app);
    ImGui::EndDisabled();
    if (app.user_left && !(app.user_mode && !app.undo_stack.empty()))
      tip("Bring back the points that were replaced.");
  }
  if (app.user_mode) {
    int train = 0;
    for (const UserPoint& u : app.user_points) train += u.split == 0;
    ImGui::TextDisabled("%d train, %d test points", train,
                        static_cast<int>(app.user_points.size()) - train);
  }
}

}  // namespace nn::app
