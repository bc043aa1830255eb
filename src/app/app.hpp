// The frame of the playground, shared by the desktop loop, emscripten_set_main_loop and the
// headless smoke test: panels (which edit AppState), then the edits are applied to the Session,
// training runs inside its time budget, and the grid evaluation advances.
#pragma once
#include <string>

#include "app_state.hpp"

namespace nn::app {

// Builds the session for cfg (throws ConfigError if cfg is invalid).
void app_init(AppState& app, const Config& cfg);

// One frame of UI and work. Call between ImGui::NewFrame() and ImGui::Render(); now = seconds.
void app_frame(AppState& app, double now);

// The work part of app_frame (no ImGui calls): apply edits, train, advance the grid.
void app_update(AppState& app, double now);

// Applies a config: hot-applies training settings, resets for data/architecture changes. On an
// invalid config returns false with the validator's message in *error and keeps the old one.
bool app_set_config(AppState& app, const Config& cfg, std::string* error);
void app_reset(AppState& app);
// Trains n steps now (Step button, JS step(n)). Returns the steps done (fewer on divergence).
int app_step(AppState& app, int n);
void app_set_playing(AppState& app, bool playing);

// User data: a click at raw position (x1, x2) adds a point of view.add_class (other_class: the
// next class, or the opposite target for regression). The first click turns the current data
// into user data (keeping its train/test split).
// Adds a point of the chosen class (other_class: the next one) to the training split, or to the
// test split. Editing the points keeps the weights (the network's shape does not change).
void user_add_point(AppState& app, double x1, double x2, bool other_class, bool test_split = false);
// The user point nearest (x1, x2) within `radius` (input units), -1 if none (or no user data).
int user_point_near(const AppState& app, double x1, double x2, double radius);
void user_delete_point(AppState& app, int index);
void user_move_point(AppState& app, int index, double x1, double x2);
void user_clear(AppState& app);
// Makes `points` the data (classes 0 = regression) and starts a fresh run on them from cfg's seed
// (a link's points). False with the reason in *error if the session cannot be built (nothing
// changes then).
bool user_set_points(AppState& app, const Config& cfg, const std::vector<UserPoint>& points,
                     int classes, std::string* error);
// Undo: the last edit of the points, else the user data a replacement left behind (see
// user_leave). user_can_undo: whether there is something to undo.
bool user_undo(AppState& app);
bool user_can_undo(const AppState& app);
// Leaving user data (a config naming a dataset, a lesson, a file): keeps the points for Undo and
// says so in the notice. `by` names what replaced them ("the circle dataset").
void user_leave(AppState& app, const std::string& by);
// True in user mode while there are too few points to train (fewer than 2).
bool user_incomplete(const AppState& app);

// Makes a config whose dataset changed consistent: the loss and class count follow the data
// (regression -> mse, many classes -> softmax, ner_window -> max_margin), given the previous one.
void fit_config_to_data(Config& cfg, const Config& before);

// After app.session was replaced by a new Session (file import): drops stale selections and
// pictures as a reset does.
void app_session_replaced(AppState& app);

// A transient notice shown in the status line for a few seconds.
void app_notify(AppState& app, const std::string& text);

// Steps recorded into the history: every record_every-th step (a power of two that grows with
// the run, so the history stays a few thousand points long and its evaluation cost small).
int record_interval(long long steps, long long eval_points, int batch);
// Steps a slow play (a lesson's steps per second) may take now: adds dt * rate to `credit` and
// takes its whole part; the credit is capped at one second's worth, so a pause releases no burst.
int slow_play_steps(double& credit, double dt, double rate);

}  // namespace nn::app
