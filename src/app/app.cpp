// Frame logic of the playground: applying edits to the Session, training inside a per-frame time
// budget (never letting the frame drop below ~30 fps), the user-data edits, and the counters.
#include "app.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "io/input_limits.hpp"
#include "io/link_codec.hpp"
#include "teach_ui.hpp"
#include "ui.hpp"

namespace nn::app {

namespace {

double seconds_now() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

// The frame must stay under this (30 fps with a little slack for the browser).
constexpr double kFrameCapMs = 30.0;
// Grid (boundary and thumbnails) work per frame while training, and while idle.
constexpr double kGridPlayingMs = 4.0;
constexpr double kGridIdleMs = 12.0;

void structure_changed(AppState& app) {
  app.step_base = 0;  // new weights: an imported model's step count no longer applies
  ++app.structure_version;
  ++app.model_version;
  app.perf.step_seconds = 0;  // unknown for the new network: the next frame probes
  const Network& net = app.session->network();
  // A selection that points past the new shape is dropped.
  Selection& s = app.selection;
  const int L = net.num_layers();
  bool ok = s.kind == Selection::Kind::None;
  if (!ok && s.layer >= -1 && s.layer < L) {
    const int units = s.layer < 0 ? net.spec().inputs : net.layers[s.layer].n_out();
    const int ins = s.layer < 0 ? 0 : net.layers[s.layer].n_in();
    ok = s.i >= 0 && s.i < units && (s.kind != Selection::Kind::Link || (s.j >= 0 && s.j < ins));
  }
  if (!ok) s = Selection{};
  app.hover = Selection{};
}

Points user_points_matrix(const std::vector<UserPoint>& pts, int classes, std::vector<int>& split) {
  Points p;
  const Eigen::Index n = static_cast<Eigen::Index>(pts.size());
  p.X.resize(2, n);
  p.y.resize(n);
  p.classes = classes;
  split.resize(static_cast<std::size_t>(n));
  for (Eigen::Index k = 0; k < n; ++k) {
    const UserPoint& u = pts[static_cast<std::size_t>(k)];
    p.X(0, k) = u.x1;
    p.X(1, k) = u.x2;
    p.y[k] = u.label;
    split[static_cast<std::size_t>(k)] = u.split;
  }
  return p;
}

void enter_user_mode(AppState& app) {
  app.user_mode = true;
  app.config.data.dataset = DatasetKind::User;
  app.config.data.classes = std::max(2, app.user_classes);
}

// Rebuilds the session on the user's points (if there are enough).
void rebuild_user_session(AppState& app) {
  app.user_points_changed = false;
  app.user_csv_unsplit.reset();  // edited: no longer the file as read
  if (user_incomplete(app)) {
    app.playing = false;
    return;
  }
  std::vector<int> split;
  const Points p = user_points_matrix(app.user_points, app.user_classes, split);
  // The controls' latest edits, on the user's points.
  Config cfg = app.config;
  cfg.data.dataset = DatasetKind::User;
  if (app.user_classes >= 2) cfg.data.classes = app.user_classes;
  // Editing the points keeps the run: the new session starts from the current weights when the
  // network's shape is unchanged (adding, moving or deleting a point never changes it).
  const Network before = app.session->network();
  // Before any training (a run still at its seed's weights) the new run starts from the seed as
  // well: the same weights a reset gives, so a link of these points replays it exactly.
  const bool trained = app.session->steps() > 0 || !app.replayable;
  app.replayable = !trained;
  auto keep_weights = [&] {
    if (!trained) return;
    try {
      app.session->load_weights(before);
    } catch (const ConfigError&) {  // a different shape (e.g. a new class): fresh weights
    }
  };
  try {
    app.session = std::make_unique<Session>(cfg, p, split);
    keep_weights();
  } catch (const ConfigError& e) {
    app_notify(app, std::string("Not applied: ") + e.what());
    cfg = app.session->config();
    cfg.data.dataset = DatasetKind::User;
    if (app.user_classes >= 2) cfg.data.classes = app.user_classes;
    try {
      app.session = std::make_unique<Session>(cfg, p, split);
      keep_weights();
    } catch (const ConfigError& e2) {
      app_notify(app, e2.what());
      return;
    }
  }
  app.config = app.session->config();
  structure_changed(app);
}

void update_counters(AppState& app, double now) {
  PerfCounters& p = app.perf;
  if (p.last_frame_time >= 0) {
    const double dt = now - p.last_frame_time;
    if (dt > 0) p.fps = p.fps <= 0 ? 1.0 / dt : 0.9 * p.fps + 0.1 / dt;
  }
  p.last_frame_time = now;
  if (p.rate_time < 0) p.rate_time = now;
  const double window = now - p.rate_time;
  if (window >= 0.5) {
    const double sps = static_cast<double>(p.rate_steps) / window;
    p.steps_per_second = sps;
    p.samples_per_second = sps * app.session->config().batch_size;
    p.rate_steps = 0;
    p.rate_time = now;
  }
}

// Steps the run may still take: the count (an imported model's plus this session's) stays at
// most 2^53 - 1, what a model file holds and a JavaScript number counts exactly.
long long steps_left(const AppState& app) {
  return std::max(0LL, kMaxStepCount - app.step_base - app.session->steps());
}

void train_frame(AppState& app) {
  Session& s = *app.session;
  app.perf.train_ms = 0;
  if (!app.playing || s.diverged() || user_incomplete(app)) return;
  // Whatever else the frame costs (UI, grid, rendering), training gets at most what keeps the
  // frame under kFrameCapMs. When the rest alone is slower than that (software rendering), the
  // frame rate is lost anyway: training then keeps up to a quarter of the frame.
  const double other_ms = app.perf.ui_ms + app.perf.render_ms + kGridPlayingMs;
  const double cap_ms = std::max({1.0, kFrameCapMs - other_ms, 0.25 * other_ms});
  const bool by_steps = app.speed.mode == SpeedMode::StepsPerFrame;
  const double budget_s =
      (by_steps ? cap_ms : std::min<double>(app.speed.budget_ms, cap_ms)) / 1000.0;
  long long target = std::min<long long>(
      steps_left(app), by_steps ? std::max(1, app.speed.steps_per_frame) : (1LL << 40));
  if (app.speed.lesson_steps_per_second > 0) {
    const double now = seconds_now();
    // The first playing frame takes a step at once (Play answers), then the clock paces them.
    const bool first = app.speed.credit_time < 0;
    const double dt = first ? 0.0 : now - app.speed.credit_time;
    app.speed.credit_time = now;
    target = std::min<long long>(
        steps_left(app),
        first ? 1 : slow_play_steps(app.speed.steps_credit, dt, app.speed.lesson_steps_per_second));
    if (target == 0) return;
  }
  const long long eval_points = s.train_inputs().cols() + s.test_inputs().cols();
  const double t0 = seconds_now();
  long long done = 0;
  while (done < target) {
    s.set_record_every(record_interval(s.steps(), eval_points, s.config().batch_size));
    const double left = budget_s - (seconds_now() - t0);
    if (done > 0 && left <= 0) break;
    // Until a step has been timed on this network, probe with one step.
    long long n = 1;
    if (app.perf.step_seconds > 0)
      n = static_cast<long long>(0.5 * std::max(left, 0.0) / app.perf.step_seconds);
    n = std::clamp<long long>(n, 1, std::min<long long>(target - done, 4096));
    const double c0 = seconds_now();
    const int k = s.step(static_cast<int>(n));
    if (k > 0) {
      const double each = (seconds_now() - c0) / k;
      app.perf.step_seconds =
          app.perf.step_seconds <= 0 ? each : 0.8 * app.perf.step_seconds + 0.2 * each;
    }
    done += k;
    if (k < n || s.diverged()) break;
  }
  app.perf.rate_steps += done;
  app.perf.train_ms = (seconds_now() - t0) * 1000.0;
  if (done > 0) ++app.model_version;
  if (s.diverged()) app.playing = false;  // auto-pause; the banner says why
}

}  // namespace

int slow_play_steps(double& credit, double dt, double rate) {
  if (!(rate > 0) || !(dt > 0)) return 0;
  credit = std::min(credit + dt * rate, std::max(1.0, rate));
  const double whole = std::floor(credit + 1e-9);  // 60 x (2/60) adds up to 1.999...
  credit = std::max(0.0, credit - whole);
  return static_cast<int>(whole);
}

int record_interval(long long steps, long long eval_points, int batch) {
  // One record evaluates loss and accuracy on both splits (about 4 forward passes over
  // eval_points samples) while a step is about 3 passes over a batch: recording every r steps
  // costs 4 N / (3 B r) of the training time. Early in a run we record as densely as an
  // overhead of ~4x allows (the loss falls fastest there), then back off to ~50% overhead, and
  // beyond that keep the history bounded (~2000 points per doubling of the run).
  const double cost_ratio = 4.0 * static_cast<double>(eval_points) / (3.0 * std::max(1, batch));
  const double floor = cost_ratio / 4.0;  // records never cost more than ~4x the training
  const double dense = static_cast<double>(steps) / 50.0;
  const double bounded = static_cast<double>(steps) / 2000.0;
  const double want = std::max({1.0, floor, std::min(dense, 2.0 * cost_ratio), bounded});
  int r = 1;
  while (r < want && r < (1 << 30)) r <<= 1;
  return r;
}

void fit_config_to_data(Config& c, const Config& before) {
  const DatasetKind d = c.data.dataset;
  const bool ner = d == DatasetKind::NerWindow;
  const bool regression = is_regression(d);
  const bool many = d == DatasetKind::Spiral || d == DatasetKind::Gauss || d == DatasetKind::User;
  if (!many || regression || ner) c.data.classes = 2;
  if (regression) {
    c.loss = Loss::Mse;
  } else if (ner) {
    if (c.loss == Loss::Mse || c.loss == Loss::Softmax) c.loss = Loss::MaxMargin;
  } else if (c.data.classes > 2) {
    c.loss = Loss::Softmax;
  } else if (c.loss == Loss::MaxMargin ||
             (c.loss == Loss::Mse && is_regression(before.data.dataset))) {
    c.loss = Loss::Logistic;
  }
}

void app_session_replaced(AppState& app) { structure_changed(app); }

void app_notify(AppState& app, const std::string& text) {
  app.message = text;
  app.message_details.clear();
  app.message_expanded = false;
  app.message_until = app.now + 6.0;
}

void app_init(AppState& app, const Config& cfg) {
  app.replayable = true;
  app.session = std::make_unique<Session>(cfg);
  app.config = app.session->config();
  app.user_mode = false;
  app.user_points.clear();
  app.undo_stack.clear();
  app.user_left.reset();
  app.user_csv_unsplit.reset();
  structure_changed(app);
}

bool app_set_config(AppState& app, const Config& cfg, std::string* error) {
  try {
    if (cfg.data.dataset != DatasetKind::User && app.user_mode) {
      // Choosing a generated dataset leaves user data (kept for Undo).
      auto next = std::make_unique<Session>(cfg);
      user_leave(app, std::string("the ") + name(cfg.data.dataset) + " dataset");
      app.session = std::move(next);
      structure_changed(app);
      app.replayable = true;
    } else if (cfg.data.dataset == DatasetKind::User && !app.user_mode) {
      throw ConfigError("data.dataset",
                        "user data comes from clicks on the map or a CSV import, not from a "
                        "config alone");
    } else {
      const bool was_diverged = app.session->diverged();
      const bool trained = app.session->steps() > 0;
      const Config old = app.session->config();
      const bool reset = app.session->set_config(cfg);
      if (reset) {
        structure_changed(app);
        app.replayable = true;
        if (was_diverged) app.playing = false;
      } else {
        ++app.model_version;
        // A setting changed mid-run: the steps so far ran under the old one.
        if (trained && app.session->config() != old) app.replayable = false;
      }
    }
  } catch (const ConfigError& e) {
    if (error) *error = e.what();
    app.config = app.session->config();
    return false;
  }
  app.config = app.session->config();
  return true;
}

void app_reset(AppState& app) {
  if (app.user_mode && user_incomplete(app)) return;
  app.session->reset();
  structure_changed(app);
  app.replayable = true;
}

bool user_set_points(AppState& app, const Config& cfg, const std::vector<UserPoint>& points,
                     int classes, std::string* error) {
  Config c = cfg;
  c.data.dataset = DatasetKind::User;
  c.data.classes = std::max(2, classes);
  Points p;
  const auto n = static_cast<Eigen::Index>(points.size());
  p.X.resize(2, n);
  p.y.resize(n);
  p.classes = classes;
  std::vector<int> split(points.size());
  for (Eigen::Index k = 0; k < n; ++k) {
    const UserPoint& u = points[static_cast<std::size_t>(k)];
    p.X(0, k) = u.x1;
    p.X(1, k) = u.x2;
    p.y[k] = u.label;
    split[static_cast<std::size_t>(k)] = u.split;
  }
  try {
    auto session = std::make_unique<Session>(c, p, split);
    app.session = std::move(session);
  } catch (const ConfigError& e) {
    if (error) *error = e.what();
    return false;
  }
  app.user_points = points;
  app.user_classes = classes;
  app.user_mode = true;
  app.undo_stack.clear();
  app.user_points_changed = false;
  app.config = app.session->config();
  structure_changed(app);
  app.replayable = true;
  return true;
}

int app_step(AppState& app, int n) {
  n = static_cast<int>(std::min<long long>(n, steps_left(app)));
  if (n <= 0 || user_incomplete(app)) return 0;
  Session& s = *app.session;
  const long long eval_points = s.train_inputs().cols() + s.test_inputs().cols();
  int done = 0;
  if (n == 1) {
    s.set_record_every(1);  // single steps are recorded one by one: the curve shows each
    done = s.step(1);
  } else {
    // In pieces, so the record interval grows with the run as it does while playing.
    while (done < n && !s.diverged()) {
      const int r = record_interval(s.steps(), eval_points, s.config().batch_size);
      s.set_record_every(r);
      const int chunk = static_cast<int>(std::min<long long>(n - done, 64LL * r));
      const int k = s.step(chunk);
      done += k;
      if (k < chunk) break;
    }
  }
  s.record_now();  // the history (and the loss CSV) ends at the last step taken
  if (done > 0) ++app.model_version;
  if (s.diverged()) app.playing = false;
  return done;
}

void app_set_playing(AppState& app, bool playing) {
  if (playing && (app.session->diverged() || user_incomplete(app))) return;
  if (!playing && app.playing) app.session->record_now();  // paused: the history ends here
  app.playing = playing;
  if (playing) app.access.played_once = true;
}

bool user_incomplete(const AppState& app) { return app.user_mode && app.user_points.size() < 2; }

void user_add_point(AppState& app, double x1, double x2, bool other_class, bool test_split) {
  const Session& s = *app.session;
  if (s.raw().train.X.rows() != 2) return;  // ner_window: no input plane to click on
  if (!app.user_mode) {
    // Start from the current data, keeping its split, so a click edits what is on screen.
    app.user_points.clear();
    app.user_classes = s.is_regression() ? 0 : s.classes();
    const Split& raw = s.raw();
    for (int side = 0; side < 2; ++side) {
      const Points& p = side == 0 ? raw.train : raw.test;
      for (Eigen::Index k = 0; k < p.X.cols(); ++k)
        app.user_points.push_back({snap_to_link_grid(p.X(0, k)), snap_to_link_grid(p.X(1, k)),
                                   app.user_classes == 0 ? snap_to_link_grid(p.y[k]) : p.y[k],
                                   side});
    }
    app.undo_stack.clear();
    enter_user_mode(app);
  }
  app.undo_stack.push_back(app.user_points);
  if (app.undo_stack.size() > 64) app.undo_stack.erase(app.undo_stack.begin());
  double label;
  if (app.user_classes == 0) {
    label = app.view.add_class > 0 ? 1.0 : -1.0;
    if (other_class) label = -label;
  } else {
    const int K = app.user_classes;
    int k = std::clamp(app.view.add_class, 0, K - 1);
    if (other_class) k = K == 2 ? 1 - k : (k + 1) % K;
    label = k;
  }
  // Drawn points sit on the display's 0.01 grid, so a link (io/link_codec) carries them exactly.
  const double lim = kExtent;
  app.user_points.push_back({snap_to_link_grid(std::clamp(x1, -lim, lim)),
                             snap_to_link_grid(std::clamp(x2, -lim, lim)), label,
                             test_split ? 1 : 0});
  if (test_split) app.view.show_test = true;  // a test point the map would hide is no use
  app.user_points_changed = true;
}

int user_point_near(const AppState& app, double x1, double x2, double radius) {
  if (!app.user_mode) return -1;
  int best = -1;
  double best_d2 = radius * radius;
  for (std::size_t k = 0; k < app.user_points.size(); ++k) {
    const UserPoint& u = app.user_points[k];
    const double d2 = (u.x1 - x1) * (u.x1 - x1) + (u.x2 - x2) * (u.x2 - x2);
    if (d2 <= best_d2) {
      best_d2 = d2;
      best = static_cast<int>(k);
    }
  }
  return best;
}

void user_delete_point(AppState& app, int index) {
  if (!app.user_mode || index < 0 || index >= static_cast<int>(app.user_points.size())) return;
  app.undo_stack.push_back(app.user_points);
  if (app.undo_stack.size() > 64) app.undo_stack.erase(app.undo_stack.begin());
  app.user_points.erase(app.user_points.begin() + index);
  app.user_points_changed = true;
}

void user_move_point(AppState& app, int index, double x1, double x2) {
  if (!app.user_mode || index < 0 || index >= static_cast<int>(app.user_points.size())) return;
  const double lim = kExtent;
  UserPoint& u = app.user_points[static_cast<std::size_t>(index)];
  u.x1 = snap_to_link_grid(std::clamp(x1, -lim, lim));
  u.x2 = snap_to_link_grid(std::clamp(x2, -lim, lim));
  app.user_points_changed = true;
}

void user_clear(AppState& app) {
  if (!app.user_mode) {
    // Clearing generated data starts an empty user set of the same kind.
    const Session& s = *app.session;
    if (s.raw().train.X.rows() != 2) return;
    app.user_classes = s.is_regression() ? 0 : s.classes();
    app.undo_stack.clear();
    app.user_points.clear();
    enter_user_mode(app);
    app.user_points_changed = true;
    return;
  }
  app.undo_stack.push_back(app.user_points);
  app.user_points.clear();
  app.user_points_changed = true;
}

bool user_can_undo(const AppState& app) {
  return (app.user_mode && !app.undo_stack.empty()) || app.user_left.has_value();
}

void user_leave(AppState& app, const std::string& by) {
  if (app.user_mode && !app.user_points.empty()) {
    UserStash st;
    st.points = std::move(app.user_points);
    st.classes = app.user_classes;
    st.config = app.session->config();  // the user session's (callers replace it afterwards)
    st.undo = std::move(app.undo_stack);
    const std::size_t n = st.points.size();
    app.user_left = std::move(st);
    ++app.user_leaves;
    app_notify(app, "Your " + std::to_string(n) + " points were replaced by " + by +
                        "; Undo (Data panel) brings them back.");
  }
  app.user_mode = false;
  app.user_points.clear();
  app.undo_stack.clear();
  app.user_csv_unsplit.reset();
  app.user_points_changed = false;
}

bool user_undo(AppState& app) {
  if (app.user_mode && !app.undo_stack.empty()) {
    app.user_points = std::move(app.undo_stack.back());
    app.undo_stack.pop_back();
    app.user_points_changed = true;
    return true;
  }
  if (!app.user_left) return false;
  // The points a replacement left behind, on a session of their own (their config, fresh
  // weights); user data on screen now is left behind in turn, so nothing is lost either way.
  std::vector<int> split;
  const Points p = user_points_matrix(app.user_left->points, app.user_left->classes, split);
  std::unique_ptr<Session> session;
  try {
    session = std::make_unique<Session>(app.user_left->config, p, split);
  } catch (const ConfigError& e) {  // the stash stays for another try
    app_notify(app, std::string("Undo failed: ") + e.what());
    return false;
  }
  UserStash st = std::move(*app.user_left);
  app.user_left.reset();
  if (app.user_mode && !app.user_points.empty()) {
    UserStash now;
    now.points = std::move(app.user_points);
    now.classes = app.user_classes;
    now.config = app.session->config();
    now.undo = std::move(app.undo_stack);
    app.user_left = std::move(now);
  }
  const std::size_t n = st.points.size();
  app.user_points = std::move(st.points);
  app.user_classes = st.classes;
  app.undo_stack = std::move(st.undo);
  app.user_mode = true;
  app.user_csv_unsplit.reset();
  app.user_points_changed = false;
  app.session = std::move(session);
  app.config = app.session->config();
  app.playing = false;
  structure_changed(app);
  app_notify(app, "Your " + std::to_string(n) + " points are back.");
  return true;
}

void app_update(AppState& app, double now) {
  const double f0 = seconds_now();
  app.now = now;
  update_counters(app, now);

  // Edits made by the panels (or the JS API) this frame.
  if (app.user_points_changed) rebuild_user_session(app);
  // While user data has too few points the session is the old one: edits wait in app.config
  // (unless a generated dataset is chosen, which leaves user data).
  const bool waiting = user_incomplete(app) && app.config.data.dataset == DatasetKind::User;
  if (!waiting && app.config != app.session->config()) {
    std::string error;
    if (!app_set_config(app, app.config, &error)) app_notify(app, "Not applied: " + error);
  }
  if (app.pending_reset) {
    app.pending_reset = false;
    app_reset(app);
  }
  if (app.pending_steps > 0) {
    app_step(app, app.pending_steps);
    app.pending_steps = 0;
  }
  train_frame(app);
  teach_update(app);  // the teaching views' own training (optimizer race)

  // The picture: a small share of the frame while training, more when idle so it catches up.
  const double g0 = seconds_now();
  const double grid_budget = (app.playing ? kGridPlayingMs : kGridIdleMs) / 1000.0;
  grid_update(app.grid, *app.session, app.model_version, app.structure_version, grid_budget);
  app.perf.grid_ms = (seconds_now() - g0) * 1000.0;

  const double work_ms = app.perf.ui_ms + app.perf.render_ms + (seconds_now() - f0) * 1000.0;
  app.perf.frame_ms = app.perf.frame_ms <= 0 ? work_ms : 0.9 * app.perf.frame_ms + 0.1 * work_ms;
  ++app.frame_index;
}

void app_frame(AppState& app, double now) {
  app.now = now;
  const double u0 = seconds_now();
  draw_ui(app);
  const double ui_ms = (seconds_now() - u0) * 1000.0;
  app.perf.ui_ms = app.perf.ui_ms <= 0 ? ui_ms : 0.9 * app.perf.ui_ms + 0.1 * ui_ms;
  app_update(app, now);
}

}  // namespace nn::app
