// Headless smoke test of the playground (ctest app-smoke): ImGui builds frames without a GL
// context (display size set, font atlas built, NewFrame/Render), so every panel runs from
// AppState alone, with simulated clicks and keys. Also checks the grid picture against
// Session::predict_grid, the JS API's JSON, divergence handling and the largest network.
#define CATCH_CONFIG_MAIN
#include <imgui.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "api.hpp"
#include "app.hpp"
#include "grid.hpp"
#include "headless.hpp"
#include "io/url_codec.hpp"
#include "share.hpp"
#include "teach_ui.hpp"
#include "ui.hpp"
#include "widgets.hpp"

using namespace nn;
using namespace nn::app;

namespace {

using testing::Headless;

// ctrl: the other class; shift: the test split; button 1: right-click (delete).
void click(Headless& h, AppState& app, float x, float y, bool ctrl = false, bool shift = false,
           int button = 0) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(x, y);
  h.frame(app);  // hover first
  io.KeyCtrl = ctrl;
  io.KeyShift = shift;
  io.MouseDown[button] = true;
  h.frame(app);
  io.MouseDown[button] = false;
  io.KeyCtrl = false;
  io.KeyShift = false;
  h.frame(app);
}

Config config_for(DatasetKind d) {
  Config c;
  c.data.dataset = d;
  fit_config_to_data(c, Config{});
  if (d == DatasetKind::Spiral) {
    c.data.classes = 3;
    c.loss = Loss::Softmax;
  }
  return c;
}

}  // namespace

TEST_CASE("every panel draws for many frames on every dataset while training", "[app]") {
  const DatasetKind d = GENERATE(DatasetKind::Circle, DatasetKind::Xor, DatasetKind::Gauss,
                                 DatasetKind::Spiral, DatasetKind::Moons, DatasetKind::Plane,
                                 DatasetKind::MultiGauss, DatasetKind::NerWindow);
  Headless h;
  AppState app;
  app_init(app, config_for(d));
  app.playing = true;
  h.frames(app, 40);
  INFO("dataset " << name(d));
  CHECK(app.session->steps() > 0);
  CHECK(h.vertices > 1000);
  CHECK_FALSE(app.session->diverged());
  if (d != DatasetKind::NerWindow) {
    CHECK(app.grid.boundary.version > 0);
    CHECK(app.grid.atlas.valid());
    CHECK(app.map_rect.size > 200);
  } else {
    CHECK_FALSE(app.grid.available);
  }
}

TEST_CASE("the screen is usable at 800x600 and at a HiDPI scale", "[app]") {
  SECTION("800x600") {
    Headless h(800, 600);
    AppState app;
    app_init(app, Config{});
    h.frames(app, 5);
    CHECK(app.map_rect.size >= 180);
    CHECK(app.map_rect.x + app.map_rect.size <= 800);
    CHECK(app.map_rect.y + app.map_rect.size <= 600);
  }
  SECTION("2x scale at 2560x1440") {
    Headless h(2560, 1440);
    AppState app;
    app.ui_scale = 2.0f;
    apply_ui_style(2.0f);
    app_init(app, Config{});
    h.frames(app, 5);
    CHECK(app.map_rect.size >= 400);
  }
}

TEST_CASE("the progressive picture equals Session::predict_grid_display", "[app][grid]") {
  Config c;
  c.network.hidden = {5, 3};
  c.features = {Feature::X1, Feature::X2, Feature::X1Sq, Feature::SinX2};
  c.preprocess = Preprocess::Standardize;
  Session s(c);
  s.step(50);
  GridState g;
  // Tiny budgets force many chunks; the result must not depend on the chunking.
  int calls = 0;
  while (!(grid_update(g, s, 1, 1, 0.0) && g.boundary.res == g.res) && calls < 100000) ++calls;
  REQUIRE(g.boundary.res == g.res);
  CHECK(calls > 4);
  // The picture is the single-precision display path's, bit for bit whatever the chunking, and
  // within 1e-5 of the exact double-precision scores.
  std::vector<float> display;
  s.predict_grid_display(g.res, display);
  Matrix scores;
  std::vector<Matrix> neurons;
  s.predict_grid(g.res, scores, &neurons);
  REQUIRE(scores.cols() == static_cast<Eigen::Index>(g.res) * g.res);
  REQUIRE(display.size() == static_cast<std::size_t>(scores.cols()));
  double max_diff = 0, max_exact_diff = 0;
  for (Eigen::Index k = 0; k < scores.cols(); ++k) {
    const double v = g.boundary.values[2 * k];
    max_diff = std::max(max_diff, std::fabs(v - display[static_cast<std::size_t>(k)]));
    max_exact_diff = std::max(max_exact_diff, std::fabs(v - scores(0, k)));
  }
  CHECK(max_diff == 0.0);
  CHECK(max_exact_diff < 1e-5);
  CHECK(g.boundary.transform == 1);  // logistic: shown as 2 sigma(s) - 1
  // Thumbnails: unit 2 of layer 0 at the thumb grid equals predict_grid's neurons at that res.
  s.predict_grid(g.thumb_res, scores, &neurons);
  const Atlas& a = g.atlas;
  const int t = a.unit_tile(0, 2);
  const float scale = a.tile_scale[t];
  const int tx = (t % a.per_row) * a.tile, ty = (t / a.per_row) * a.tile;
  for (int p = 0; p < g.thumb_res * g.thumb_res; p += 37) {
    const int r = p / g.thumb_res, col = p % g.thumb_res;
    CHECK(a.values[static_cast<std::size_t>(ty + r) * a.width + tx + col] ==
          Approx(neurons[0](2, p) / scale).margin(1e-6));
  }
}

TEST_CASE("a very large network shows a coarse preview first, then the full grid", "[app][grid]") {
  Config c;
  c.network.hidden.assign(kMaxHiddenLayers, kMaxUnits);
  Session s(c);
  GridState g;
  bool preview = false;
  for (int i = 0; i < 100000 && !preview; ++i)
    if (grid_update(g, s, 1, 1, 0.004)) preview = g.boundary.res < g.res;
  CHECK(preview);
  grid_finish(g, s, 1, 1);
  CHECK(g.boundary.res == g.res);
  CHECK(g.boundary.values.size() == static_cast<std::size_t>(g.res) * g.res * 2);
}

TEST_CASE("multi-class pictures hold the argmax class and its probability", "[app][grid]") {
  Config c = config_for(DatasetKind::Spiral);
  Session s(c);
  s.step(20);
  GridState g;
  grid_finish(g, s, 1, 1);
  REQUIRE(g.boundary.mode == MapMode::Classes);
  Matrix scores;
  s.predict_grid(g.res, scores);
  for (Eigen::Index k = 0; k < scores.cols(); k += 997) {
    Eigen::Index best = 0;
    scores.col(k).maxCoeff(&best);
    CHECK(static_cast<int>(g.boundary.values[2 * k]) == best);
    CHECK(g.boundary.values[2 * k + 1] >= 1.0f / 3.0f - 1e-6f);
  }
}

TEST_CASE("clicks on the map add user points; ctrl-click, undo and clear work", "[app][user]") {
  Headless h;
  AppState app;
  app_init(app, Config{});
  h.frames(app, 3);
  const auto& m = app.map_rect;
  REQUIRE(m.size > 100);
  const long long n0 = app.session->raw().train.X.cols() + app.session->raw().test.X.cols();
  app.view.add_class = 1;
  click(h, app, m.x + m.size * 0.75f, m.y + m.size * 0.25f);  // x1 = +3, x2 = +3
  REQUIRE(app.user_mode);
  REQUIRE(static_cast<long long>(app.user_points.size()) == n0 + 1);
  CHECK(app.user_points.back().label == 1);
  CHECK(app.user_points.back().x1 == Approx(3.0).margin(0.1));
  CHECK(app.user_points.back().x2 == Approx(3.0).margin(0.1));
  CHECK(app.session->config().data.dataset == DatasetKind::User);
  CHECK(app.session->raw().train.X.cols() + app.session->raw().test.X.cols() == n0 + 1);

  click(h, app, m.x + m.size * 0.25f, m.y + m.size * 0.75f, true);  // ctrl: the other class
  REQUIRE(static_cast<long long>(app.user_points.size()) == n0 + 2);
  CHECK(app.user_points.back().label == 0);

  REQUIRE(user_undo(app));
  h.frame(app);
  CHECK(static_cast<long long>(app.user_points.size()) == n0 + 1);

  user_clear(app);
  h.frame(app);
  CHECK(app.user_points.empty());
  CHECK(user_incomplete(app));
  app_set_playing(app, true);
  CHECK_FALSE(app.playing);  // nothing to train on
  click(h, app, m.x + m.size * 0.2f, m.y + m.size * 0.2f);
  click(h, app, m.x + m.size * 0.8f, m.y + m.size * 0.8f, true);
  REQUIRE(app.user_points.size() == 2);
  CHECK_FALSE(user_incomplete(app));
  app.playing = true;
  h.frames(app, 5);
  CHECK(app.session->steps() > 0);
  CHECK(app.session->raw().train.X.cols() == 2);

  // Choosing a generated dataset leaves user data.
  app.config.data.dataset = DatasetKind::Xor;
  h.frame(app);
  CHECK_FALSE(app.user_mode);
  CHECK(app.session->config().data.dataset == DatasetKind::Xor);
}

TEST_CASE("keyboard: space plays/pauses, s steps, r resets", "[app]") {
  Headless h;
  AppState app;
  app_init(app, Config{});
  h.frame(app);
  ImGui::GetIO().AddInputCharacter('s');
  h.frame(app);
  CHECK(app.session->steps() == 1);
  ImGui::GetIO().AddInputCharacter(' ');
  h.frame(app);
  CHECK(app.playing);
  h.frames(app, 3);
  CHECK(app.session->steps() > 1);
  ImGui::GetIO().AddInputCharacter(' ');
  h.frame(app);
  CHECK_FALSE(app.playing);
  ImGui::GetIO().AddInputCharacter('r');
  h.frame(app);
  CHECK(app.session->steps() == 0);
}

TEST_CASE("clicking the network diagram selects neurons and links", "[app]") {
  Headless h;
  AppState app;
  app_init(app, Config{});
  h.frames(app, 3);
  // Sweep the centre panel until something is hovered; click it and expect it selected.
  bool selected = false;
  for (float y = 150; y < 520 && !selected; y += 7)
    for (float x = 300; x < 760 && !selected; x += 7) {
      ImGui::GetIO().MousePos = ImVec2(x, y);
      h.frame(app);
      if (app.hover.kind == Selection::Kind::None) continue;
      const Selection want = app.hover;
      ImGui::GetIO().MouseDown[0] = true;
      h.frame(app);
      ImGui::GetIO().MouseDown[0] = false;
      h.frame(app);
      CHECK(app.selection == want);
      selected = true;
    }
  CHECK(selected);
}

TEST_CASE("edits hot-apply training settings and reset for architecture changes", "[app]") {
  Headless h;
  AppState app;
  app_init(app, Config{});
  app_step(app, 20);
  h.frame(app);
  app.config.optimizer.learning_rate = 0.1;
  app.config.optimizer.kind = OptimizerKind::Adam;
  h.frame(app);
  CHECK(app.session->config().optimizer.learning_rate == 0.1);
  CHECK(app.session->steps() == 20);  // kept the weights
  app.config.network.hidden = {3};
  h.frame(app);
  CHECK(app.session->steps() == 0);
  CHECK(app.session->network().layers[0].n_out() == 3);
  // An invalid edit is refused with a notice, and the control shows the applied value again.
  app.config.optimizer.beta2 = 1.5;
  h.frame(app);
  CHECK(app.session->config().optimizer.beta2 == 0.999);
  CHECK(app.config.optimizer.beta2 == 0.999);
  CHECK(app.message.find("beta2") != std::string::npos);
}

TEST_CASE("divergence shows a banner, pauses, and reset recovers", "[app]") {
  Headless h;
  AppState app;
  Config c = config_for(DatasetKind::Plane);
  c.optimizer.learning_rate = 10.0;
  c.network.hidden = {8, 8};
  c.network.activation = {Activation::Relu};
  app_init(app, c);
  app.playing = true;
  for (int i = 0; i < 300 && !app.session->diverged(); ++i) h.frame(app);
  REQUIRE(app.session->diverged());
  CHECK_FALSE(app.playing);
  CHECK_FALSE(app.session->divergence_reason().empty());
  h.frames(app, 3);  // the banner draws
  app_set_playing(app, true);
  CHECK_FALSE(app.playing);  // cannot play a diverged run
  ImGui::GetIO().AddInputCharacter('r');
  h.frame(app);
  CHECK_FALSE(app.session->diverged());
  CHECK(app.session->steps() == 0);
}

TEST_CASE("the JS API speaks the config schema", "[app][api]") {
  AppState app;
  app_init(app, Config{});
  using nlohmann::json;
  json st = json::parse(api_state_json(app));
  CHECK(st["step"] == 0);
  CHECK(st["config"]["data"]["dataset"] == "circle");
  CHECK(st["train_loss"].is_number());
  for (const char* key : {"epochs", "test_loss", "train_accuracy", "test_accuracy", "learning_rate",
                          "diverged", "reason", "fps", "samples_per_second"})
    CHECK(st.contains(key));

  // The event poller's short status agrees with the full state.
  const json status = json::parse(api_status_json(app));
  CHECK(status["step"] == st["step"]);
  CHECK(status["playing"] == st["playing"]);
  CHECK(status["diverged"] == st["diverged"]);
  CHECK(status["lesson"] == st["lesson"]);
  app_step(app, 3);
  CHECK(json::parse(api_status_json(app))["step"] == 3);

  json r = json::parse(api_set_config(app, R"({"data": {"dataset": "xor"}})", false));
  CHECK(r["ok"] == true);
  st = json::parse(api_state_json(app));
  CHECK(st["config"]["data"]["dataset"] == "xor");
  CHECK(st["config"]["network"]["hidden"] == json::array({4, 2}));  // merged, not replaced

  r = json::parse(api_set_config(app, R"({"data": {"dataset": "plane"}})", false));
  CHECK(r["ok"] == true);
  CHECK(app.session->config().loss == Loss::Mse);  // the regression set's loss came along

  r = json::parse(api_set_config(app, R"({"optimizer": {"learning_rate": -1}})", false));
  CHECK(r["ok"] == false);
  CHECK(r["field"] == "optimizer.learning_rate");
  r = json::parse(api_set_config(app, R"({"data": {"dataset": )", false));
  CHECK(r["ok"] == false);
  CHECK(r["field"] == "json");
  r = json::parse(api_set_config(app, R"({"nonsense": 1})", false));
  CHECK(r["ok"] == false);

  // replace: the object is the whole config (defaults elsewhere), validated as written.
  r = json::parse(api_set_config(app, R"({"data": {"dataset": "spiral", "classes": 3}})", true));
  CHECK(r["ok"] == false);
  CHECK(r["field"] == "loss");
  r = json::parse(api_set_config(
      app, R"({"data": {"dataset": "spiral", "classes": 3}, "loss": "softmax"})", true));
  CHECK(r["ok"] == true);
  CHECK(app.session->config().data.classes == 3);
  CHECK(app.session->network().layers.back().n_out() == 3);
}

TEST_CASE("api step trains and reports; play/pause/reset", "[app][api]") {
  AppState app;
  app_init(app, Config{});
  const double before = app.session->train_loss();
  CHECK(api_step(app, 500) == 500);
  CHECK(app.session->steps() == 500);
  CHECK(app.session->train_loss() < before);
  api_play(app);
  CHECK(app.playing);
  api_pause(app);
  CHECK_FALSE(app.playing);
  api_reset(app);
  CHECK(app.session->steps() == 0);
}

// Behaviour only: the largest network plays, trains and redraws its grid. How long a frame takes
// is a figure of bench/frames.cpp (scripts/bench), not a gate here: wall-clock checks fail by load.
TEST_CASE("the largest network plays and redraws its grid", "[app]") {
  Headless h;
  AppState app;
  Config c;
  c.network.hidden.assign(kMaxHiddenLayers, kMaxUnits);
  app_init(app, c);
  app.playing = true;
  h.frames(app, 3);
  const long long before = app.session->steps();
  h.frames(app, 20);
  CHECK(before > 0);
  CHECK(app.session->steps() > before);
  CHECK(app.perf.grid_ms > 0.0);  // the grid was recomputed while playing
  CHECK(h.vertices > 0);
}

TEST_CASE("the history stays bounded on long runs", "[app]") {
  CHECK(record_interval(0, 20, 10) == 1);  // cheap evaluation: every step early on
  CHECK(record_interval(10, 20, 10) == 1);
  CHECK(record_interval(0, 500, 10) <= 32);  // 500 points: about every epoch at first
  for (long long steps : {1000LL, 100000LL, 10000000LL}) {
    const int r = record_interval(steps, 500, 10);
    CHECK((r & (r - 1)) == 0);                               // a power of two
    CHECK(static_cast<double>(steps) / r <= 2000.0 + 1e-9);  // bounded history per doubling
  }
  CHECK(record_interval(100000, 500, 10) <= 512);  // ~ the cost bound, not more
}

// ---- Teaching views (docs/lessons.md) ----

TEST_CASE("every teaching view draws for a few frames while training", "[app][teach]") {
  Headless h;
  AppState app;
  Config c;
  c.network.hidden = {4, 3};
  c.network.activation = {Activation::Relu};
  c.dropout_keep = 0.8;
  app_init(app, c);
  for (View v : all_views()) teach_open_view(app, v, true);
  // Each view in turn is the selected tab: draw it idle, then while training.
  for (View v : all_views()) {
    INFO("view " << name(v));
    teach_open_view(app, v, true);
    app.playing = false;
    h.frames(app, 2);
    app.playing = true;
    h.frames(app, 3);
    CHECK(h.vertices > 1000);
  }
  app.playing = false;
  // The actions behind the views' buttons.
  app.selection = {Selection::Kind::Link, 1, 2, 1};
  teach_open_view(app, View::Inspector, true);
  h.frames(app, 2);
  REQUIRE(app.teach.inspector.valid);
  CHECK(app.teach.inspector.report.parameter == "W_32^(2)");
  CHECK(app.teach.inspector.report.relative_error < 1e-4);
  app.teach.inspector.batch = true;
  h.frames(app, 2);
  CHECK(app.teach.inspector.report.samples == app.session->config().batch_size);

  const Network before = app.session->network();
  teach_run_gradcheck(app);
  CHECK(app.teach.gradcheck.has_result);
  CHECK(app.teach.gradcheck.result.layer_max.size() == 3);
  CHECK(app.session->network().layers[0].W == before.layers[0].W);  // restored exactly
  h.frames(app, 2);

  teach_build_graph(app);
  REQUIRE(app.teach.graph.built);
  app.teach.graph.graph.backward();
  app.teach.graph.selected = app.teach.graph.graph.weight_node(0);
  teach_open_view(app, View::Graph, true);
  h.frames(app, 2);
  CHECK(app.teach.graph.graph.backward_complete());

  app.teach.init.compare_steps = 60;
  teach_run_init_compare(app);
  CHECK(app.teach.init.runs.size() == 3);
  teach_open_view(app, View::Init, true);
  h.frames(app, 2);

  app.teach.race.lanes.clear();
  for (OptimizerKind k : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Adam}) {
    OptimizerConfig o;
    o.kind = k;
    app.teach.race.lanes.push_back(o);
  }
  app.teach.race.target_steps = 40;
  teach_start_race(app);
  REQUIRE(app.teach.race.race);
  CHECK(app.teach.race.race->lanes() == 3);
  teach_open_view(app, View::Race, true);
  for (int i = 0; i < 30 && app.teach.race.running; ++i) h.frame(app);
  CHECK_FALSE(app.teach.race.running);
  for (int k = 0; k < 3; ++k) CHECK(app.teach.race.race->session(k).steps() == 40);
  CHECK(app.teach.race.thumbs.size() == 3);
  CHECK(app.teach.race.thumbs[0].size() == static_cast<std::size_t>(48 * 48));
  teach_compute_surface(app);
  CHECK(app.teach.race.trajectories.size() == 3);
  CHECK_FALSE(app.teach.race.contours.empty());
}

TEST_CASE("every lesson opens through the API and draws", "[app][teach][api]") {
  Headless h;
  AppState app;
  app_init(app, Config{});
  const nlohmann::json lessons = nlohmann::json::parse(api_lessons_json());
  REQUIRE(lessons.size() == all_lessons().size());
  for (const auto& l : lessons) {
    const std::string id = l["id"].get<std::string>();
    INFO("lesson " << id);
    CHECK_FALSE(l["title"].get<std::string>().empty());
    CHECK_FALSE(l["section"].get<std::string>().empty());
    const nlohmann::json r = nlohmann::json::parse(api_open_lesson(app, id));
    REQUIRE(r["ok"].get<bool>());
    REQUIRE(app.teach.lesson);
    CHECK(app.teach.lesson->id == id);
    CHECK(app.session->config() == find_lesson(id)->config);
    for (View v : app.teach.lesson->views) CHECK(teach_view_open(app, v));
    h.frames(app, 3);
    app.playing = true;
    h.frames(app, 3);
    app.playing = false;
    CHECK_FALSE(app.session->diverged());
  }
  const nlohmann::json bad = nlohmann::json::parse(api_open_lesson(app, "no_such_lesson"));
  CHECK_FALSE(bad["ok"].get<bool>());
  CHECK(bad["error"].get<std::string>().find("no_such_lesson") != std::string::npos);
}

TEST_CASE("the §2.9 race runs one lane per preset: both Adam forms", "[app][teach][race]") {
  Headless h;
  AppState app;
  app_init(app, Config{});
  const nlohmann::json r = nlohmann::json::parse(api_open_lesson(app, "s2_9_adaptive"));
  REQUIRE(r["ok"].get<bool>());
  const std::vector<OptimizerConfig> presets = find_lesson("s2_9_adaptive")->race;
  REQUIRE(presets.size() == 5);
  REQUIRE(app.teach.race.race);
  REQUIRE(app.teach.race.race->lanes() == 5);
  int adam = 0, notes_form = 0;
  for (int k = 0; k < 5; ++k) {
    const OptimizerConfig& o = app.teach.race.race->session(k).config().optimizer;
    const OptimizerConfig& want = presets[static_cast<std::size_t>(k)];
    CHECK(o.kind == want.kind);
    CHECK(o.learning_rate == want.learning_rate);
    CHECK(o.bias_correction == want.bias_correction);
    if (o.kind == OptimizerKind::Adam) {
      ++adam;
      if (!o.bias_correction) ++notes_form;
    }
  }
  CHECK(adam == 2);
  CHECK(notes_form == 1);
  h.frames(app, 3);
  const nlohmann::json st = nlohmann::json::parse(api_state_json(app));
  REQUIRE(st["race"].is_array());
  REQUIRE(st["race"].size() == 5);
  std::set<std::string> labels;
  for (const auto& lane : st["race"]) {
    labels.insert(lane["label"].get<std::string>());
    CHECK(lane["optimizer"].contains("kind"));
    CHECK(lane["loss"].is_number());
  }
  CHECK(labels.size() == 5);
  CHECK(st["race"][3]["optimizer"]["bias_correction"].get<bool>());
  CHECK_FALSE(st["race"][4]["optimizer"]["bias_correction"].get<bool>());
  // A mix of the user's own: two lanes of the same kind with different rates stay two lanes.
  app.teach.race.lanes = {presets[0], presets[0]};
  app.teach.race.lanes[1].learning_rate = 0.3;
  teach_start_race(app);
  REQUIRE(app.teach.race.race->lanes() == 2);
  CHECK(app.teach.race.race->session(1).config().optimizer.learning_rate == 0.3);
}

TEST_CASE("§1.5 opens on W_14^(1) of the 4-2-1 max-margin network, at a readable speed",
          "[app][teach]") {
  Headless h;
  AppState app;
  app_init(app, Config{});
  const nlohmann::json r = nlohmann::json::parse(api_open_lesson(app, "s1_5_elementwise_backprop"));
  REQUIRE(r["ok"].get<bool>());
  CHECK(app.selection == (Selection{Selection::Kind::Link, 0, 0, 3}));
  CHECK(app.speed.lesson_steps_per_second == 2);
  h.frames(app, 3);
  REQUIRE(app.teach.inspector.valid);
  const InspectorReport& rep = app.teach.inspector.report;
  CHECK(rep.parameter == "W_14^(1)");
  REQUIRE_FALSE(rep.steps.empty());
  // Step 1 of Figure 6: the signal at s is exactly -1 (dJ/ds of a violating pair), as the notes.
  CHECK(rep.steps.front().value == -1.0);
  // Play answers at once with one step, then the 2-steps-per-second clock paces the rest.
  app.playing = true;
  h.frame(app);
  CHECK(app.session->steps() == 1);
  app.playing = false;
  // Closing the lesson gives Play its full speed back.
  teach_close_lesson(app);
  CHECK(app.speed.lesson_steps_per_second == 0);
  // The slow-play clock: 2 steps/s at 60 fps is one step every 30 frames, no burst after a pause.
  double credit = 0;
  int steps = 0;
  for (int f = 0; f < 60; ++f) steps += slow_play_steps(credit, 1.0 / 60, 2.0);
  CHECK(steps == 2);
  CHECK(slow_play_steps(credit, 100.0, 2.0) == 2);
  CHECK(slow_play_steps(credit, 0.0, 2.0) == 0);
  CHECK(slow_play_steps(credit, 1.0, 0.0) == 0);
}

TEST_CASE("slider values are stored at their display precision (links say keep=0.48)", "[app]") {
  const float slider = 0.48f;                  // what ImGui's float slider holds
  CHECK(static_cast<double>(slider) != 0.48);  // 0.47999998927116394: what links stored
  CHECK(snap_decimals(slider, 2) == 0.48);
  CHECK(snap_decimals(0.05f, 2) == 0.05);
  CHECK(snap_decimals(1.0f, 2) == 1.0);
  Config c;
  c.dropout_keep = snap_decimals(slider, 2);
  CHECK(nn::to_url(c).find("keep=0.48") != std::string::npos);
}

TEST_CASE("drawing keeps the run: add, move, delete keep the weights; shift adds test points",
          "[app][user]") {
  Headless h;
  AppState app;
  app_init(app, Config{});
  h.frames(app, 3);
  app.session->step(200);
  ++app.model_version;
  const Network trained = app.session->network();
  const auto& m = app.map_rect;
  auto same_weights = [&](const Network& a, const Network& b) {
    for (int l = 0; l < a.num_layers(); ++l)
      if (a.layers[l].W != b.layers[l].W || a.layers[l].b != b.layers[l].b) return false;
    return true;
  };
  // Adding a point (the first one turns the data into the user's) keeps the trained weights.
  click(h, app, m.x + m.size * 0.5f, m.y + m.size * 0.5f);  // (0, 0)
  REQUIRE(app.user_mode);
  CHECK(same_weights(app.session->network(), trained));
  const std::size_t n = app.user_points.size();
  const long long test0 = app.session->raw().test.X.cols();
  // Shift: into the test split, which the map then shows.
  click(h, app, m.x + m.size * 0.9f, m.y + m.size * 0.1f, false, true);  // (4.8, 4.8)
  REQUIRE(app.user_points.size() == n + 1);
  CHECK(app.user_points.back().split == 1);
  CHECK(app.view.show_test);
  CHECK(app.session->raw().test.X.cols() == test0 + 1);
  CHECK(std::isfinite(app.session->test_accuracy()));
  CHECK(same_weights(app.session->network(), trained));
  // Right-click on it deletes just that point, weights kept.
  click(h, app, m.x + m.size * 0.9f, m.y + m.size * 0.1f, false, false, 1);
  REQUIRE(app.user_points.size() == n);
  CHECK(app.session->raw().test.X.cols() == test0);
  CHECK(same_weights(app.session->network(), trained));
  // Dragging a point moves it (one undo entry), weights kept.
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(m.x + m.size * 0.5f, m.y + m.size * 0.5f);
  h.frame(app);
  io.MouseDown[0] = true;
  h.frame(app);
  REQUIRE(app.drag_point == static_cast<int>(n - 1));
  const std::size_t undo = app.undo_stack.size();
  for (int k = 1; k <= 5; ++k) {
    io.MousePos = ImVec2(m.x + m.size * (0.5f + 0.02f * k), m.y + m.size * 0.5f);
    h.frame(app);
  }
  io.MouseDown[0] = false;
  h.frame(app);
  CHECK(app.drag_point == -1);
  REQUIRE(app.user_points.size() == n);
  CHECK(app.user_points[n - 1].x1 == Approx(1.2).margin(0.05));  // 0.1 of the 12-unit map
  CHECK(app.user_points[n - 1].x2 == Approx(0.0).margin(0.05));
  CHECK(app.undo_stack.size() == undo + 1);
  CHECK(same_weights(app.session->network(), trained));
}

TEST_CASE("check your own work: the hand-checkable example through the JS API and the inspector",
          "[app][teach][check]") {
  Headless h;
  AppState app;
  app_init(app, Config{});
  const nlohmann::json loaded = nlohmann::json::parse(api_load_hand_example(app));
  REQUIRE(loaded["ok"].get<bool>());
  CHECK(app.user_mode);
  // W^(1) = [0.1 0.2; -0.3 0.4] ... (tests/core/test_checker.cpp works the example by hand).
  CHECK(app.session->network().layers[0].W(0, 1) == 0.2);
  CHECK(app.selection == (Selection{Selection::Kind::Link, 0, 0, 1}));
  auto ask = [&](const std::string& q) { return nlohmann::json::parse(api_check_answer(app, q)); };
  // dJ/dW_12^(1) = delta_1^(2) x_2 = -0.0819788 x 2 = -0.1639575
  nlohmann::json r = ask(R"({"quantity": "dW", "layer": 1, "i": 1, "j": 2, "sample": 0,
                             "value": -0.164})");
  REQUIRE(r["ok"].get<bool>());
  CHECK(r["correct"].get<bool>());
  CHECK(r["expected"].get<double>() == Approx(-0.1639575).margin(1e-7));
  CHECK(r["first_wrong_step"].is_null());
  // Forgot f'(z_1^(2)): -0.7166469 x 0.5 x 2 = -0.7166469.
  r = ask(R"({"quantity": "dW", "layer": 1, "i": 1, "j": 2, "sample": 0, "value": -0.7166469})");
  CHECK_FALSE(r["correct"].get<bool>());
  CHECK(r["first_wrong_step"].get<int>() == 5);
  CHECK(r["mistake"].get<std::string>() == "forgot_fprime");
  CHECK(r["hint"].get<std::string>().find("f'(z)") != std::string::npos);
  // One SGD step at alpha = 0.1: 0.2 - 0.1 x (-0.1639575) = 0.2163958.
  r = ask(R"({"quantity": "update", "layer": 1, "i": 1, "j": 2, "value": 0.2163958})");
  CHECK(r["correct"].get<bool>());
  r = ask(R"({"quantity": "delta", "layer": 2, "i": 1, "value": -0.08198})");
  CHECK(r["correct"].get<bool>());
  CHECK(r["steps"].size() == 6);
  // Bad questions name the field.
  CHECK(ask(R"({"quantity": "dW", "layer": 5, "i": 1, "j": 1, "value": 0})")["field"] == "layer");
  CHECK(ask(R"({"quantity": "dW", "layer": 1, "i": 1, "j": 1})")["field"] == "value");
  CHECK(ask(R"({"quantity": "grad", "value": 0})")["field"] == "quantity");
  CHECK(ask(R"({"quantity": "dW", "value": 0, "sample": 99})")["field"] == "sample");
  CHECK(ask(R"({"quantity": "dW", "value": "x"})")["field"] == "value");
  CHECK(ask("[1]")["field"] == "json");
  // The inspector's "Check" for the selected W_12^(1): the typed value, right then wrong.
  teach_open_view(app, View::Inspector, true);
  h.frames(app, 2);
  app.teach.check.quantity = 1;
  app.teach.check.value = -0.1639;
  teach_check_answer(app);
  REQUIRE(app.teach.check.has_result);
  CHECK(app.teach.check.result.correct);
  app.teach.check.value = 0.1639575;  // the sign of dJ/ds
  teach_check_answer(app);
  CHECK_FALSE(app.teach.check.result.correct);
  CHECK(app.teach.check.result.first_wrong_step == 1);
  h.frames(app, 2);
}

TEST_CASE("exercises: lessons() lists them, one opens from the API or the query, passes live",
          "[app][teach][exercise]") {
  Headless h;
  AppState app;
  app_init(app, Config{});
  const nlohmann::json lessons = nlohmann::json::parse(api_lessons_json());
  std::size_t total = 0;
  for (const auto& l : lessons) {
    REQUIRE(l["exercises"].is_array());
    CHECK(l["exercises"].size() >= 1);
    for (const auto& e : l["exercises"]) {
      CHECK(find_exercise(e["id"].get<std::string>()));
      CHECK_FALSE(e["goal"].get<std::string>().empty());
    }
    total += l["exercises"].size();
  }
  CHECK(total >= 24);
  CHECK(nlohmann::json::parse(api_state_json(app))["exercise"].is_null());
  // §1.5: dJ/dW_14^(1) by hand. Not passed on opening; passed once the right value is checked.
  nlohmann::json r = nlohmann::json::parse(api_open_exercise(app, "s1_5_w14_by_hand"));
  REQUIRE(r["ok"].get<bool>());
  CHECK(r["lesson"] == "s1_5_elementwise_backprop");
  CHECK(app.teach.lesson->id == "s1_5_elementwise_backprop");
  h.frames(app, 2);
  nlohmann::json st = nlohmann::json::parse(api_state_json(app));
  CHECK(st["exercise"]["id"] == "s1_5_w14_by_hand");
  CHECK_FALSE(st["exercise"]["passed"].get<bool>());
  const std::string q = R"({"quantity": "dW", "layer": 1, "i": 1, "j": 4, "sample": 0, "value": )";
  const double expected = nlohmann::json::parse(api_check_answer(app, q + "0}"))["expected"];
  CHECK_FALSE(nlohmann::json::parse(api_state_json(app))["exercise"]["passed"].get<bool>());
  CHECK(nlohmann::json::parse(api_check_answer(app, q + std::to_string(expected) + "}"))["correct"]
            .get<bool>());
  st = nlohmann::json::parse(api_state_json(app));
  CHECK(st["exercise"]["passed"].get<bool>());
  CHECK(app.teach.exercise_passed["s1_5_w14_by_hand"]);
  h.frames(app, 2);  // the card shows it passed
  // Another lesson closes it.
  api_open_lesson(app, "s2_1_gradient_check");
  CHECK(nlohmann::json::parse(api_state_json(app))["exercise"].is_null());
  CHECK_FALSE(nlohmann::json::parse(api_open_exercise(app, "nope"))["ok"].get<bool>());
  // §2.1 through the gradient check view's eps: 1e-2, 1e-5, 1e-8 bracket the best.
  REQUIRE(nlohmann::json::parse(api_open_exercise(app, "s2_1_best_eps"))["ok"].get<bool>());
  CHECK_FALSE(teach_update_exercise(app));  // the lesson's own check at opening does not count
  for (double eps : {1e-2, 1e-5}) {
    app.teach.gradcheck.eps = eps;
    teach_run_gradcheck(app);
  }
  CHECK_FALSE(teach_update_exercise(app));
  app.teach.gradcheck.eps = 1e-8;
  teach_run_gradcheck(app);
  CHECK(teach_update_exercise(app));
  // ?exercise=ID opens it (and its lesson); an unknown one is a warning.
  std::vector<std::string> warnings;
  const EmbedOptions opt = parse_embed_query("?exercise=s2_7_diverge_fix", &warnings);
  CHECK(warnings.empty());
  apply_embed(app, opt, &warnings);
  CHECK(app.teach.exercise.id == "s2_7_diverge_fix");
  CHECK(app.teach.lesson->id == "s2_7_learning_rate");
  parse_embed_query("?exercise=zzz", &warnings);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("exercise") != std::string::npos);
  // Diverge, then one change: the live divergence is recorded by the frame.
  nlohmann::json d = nlohmann::json::parse(api_set_config(
      app,
      R"({"loss": "mse", "network": {"activation": ["linear"]}, "optimizer": {"learning_rate": 1.0}, "schedule": {"kind": "constant"}})",
      false));
  REQUIRE(d["ok"].get<bool>());
  api_step(app, 300);
  REQUIRE(app.session->diverged());
  h.frames(app, 1);
  CHECK_FALSE(teach_update_exercise(app));
  d = nlohmann::json::parse(
      api_set_config(app, R"({"optimizer": {"learning_rate": 0.01}})", false));
  REQUIRE(d["ok"].get<bool>());
  api_step(app, 200);
  CHECK(nlohmann::json::parse(api_state_json(app))["exercise"]["passed"].get<bool>());
}

TEST_CASE("step-through on the network diagram: forward, the loss, backward, by click or key",
          "[app][teach][walk]") {
  Headless h(1600, 900);  // wide: the diagram beside the lesson (narrower puts it in a tab)
  AppState app;
  app_init(app, Config{});
  // Not offered outside §1.5, §1.6, §3.1, §3.2.
  CHECK_FALSE(teach_walk_available(app));
  REQUIRE(nlohmann::json::parse(api_open_lesson(app, "s1_5_elementwise_backprop"))["ok"]);
  CHECK(teach_walk_available(app));
  nlohmann::json r = nlohmann::json::parse(api_step_through(app, "start"));
  REQUIRE(r["ok"].get<bool>());
  CHECK(r["active"].get<bool>());
  CHECK(r["phase"] == "input");
  // 4-2-1: input, 2 + 1 units forward, the loss, 1 + 2 units backward.
  REQUIRE(r["steps"].get<int>() == 8);
  std::vector<std::string> phases;
  for (int k = 0; k < 7; ++k) {
    h.frames(app, 1);
    r = nlohmann::json::parse(api_step_through(app, "next"));
    phases.push_back(r["phase"].get<std::string>());
  }
  CHECK(phases == std::vector<std::string>{"forward", "forward", "forward", "loss", "backward",
                                           "backward", "backward"});
  // The loss step names the notes' start signal (-1 for a violating pair or 0 once cleared).
  CHECK(nlohmann::json::parse(api_step_through(app, "next"))["step"] == 7);  // clamped
  r = nlohmann::json::parse(api_step_through(app, "back"));
  CHECK(r["step"] == 6);
  // The N key moves on, B back (read from the typed characters while the diagram shows).
  ImGui::GetIO().AddInputCharacter('b');
  h.frame(app);
  CHECK(app.teach.walk.step == 5);
  ImGui::GetIO().AddInputCharacter('n');
  h.frame(app);
  CHECK(app.teach.walk.step == 6);
  CHECK(nlohmann::json::parse(api_step_through(app, "jump"))["field"] == "action");
  api_step_through(app, "stop");
  CHECK_FALSE(app.teach.walk.active);
  // Another lesson of the four offers it; one outside them ends a running walk.
  api_open_lesson(app, "s3_2_computational_graph");
  CHECK(teach_walk_available(app));
  api_step_through(app, "start");
  h.frames(app, 2);
  api_open_lesson(app, "s2_1_gradient_check");
  h.frames(app, 1);
  CHECK_FALSE(app.teach.walk.active);
}
