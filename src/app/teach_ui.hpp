// The teaching views of the lecture notes: menus, the lesson card, the teaching column
// and one draw_xxx_view(AppState&) per view, plus the non-drawing actions the buttons, the JS API
// and the smoke test share. Views read AppState::teach and the Session; the math is in src/core.
#pragma once
#include <string>

#include "app_state.hpp"

namespace nn::app {

// [SECTION] column, menus, lessons
// Width of the teaching column for a screen of width `total` (0 when nothing is open).
float teach_column_width(const AppState& app, float total);
void draw_teach_menus(AppState& app);   // "Views" and "Lessons" buttons (top bar)
void draw_teach_column(AppState& app);  // lesson card + a tab per open view, fills the region
void draw_lesson_card(AppState& app);
bool teach_view_open(const AppState& app, View v);
void teach_open_view(AppState& app, View v, bool open = true);
// Sets the lesson's config (through app_set_config), resets, opens its views. False + *error
// for an unknown id or a config the app cannot apply.
bool teach_open_lesson(AppState& app, const std::string& id, std::string* error);
void teach_close_lesson(AppState& app);
// Opens an exercise: its lesson (fresh, as teach_open_lesson) and its goal, not passed. False +
// *error for an unknown id.
bool teach_open_exercise(AppState& app, const std::string& id, std::string* error);
void teach_close_exercise(AppState& app);
// Evaluates the open exercise's goal on the live state (records a divergence first); called every
// frame and before the JS API reads the state. Returns whether it is passed.
bool teach_update_exercise(AppState& app);
// Per-frame work of the views (race steps, thumbnails); called from app_update.
void teach_update(AppState& app);

// [SECTION] views
void draw_inspector_view(AppState& app);    // §1.5, §1.6, §3.1
void draw_gradcheck_view(AppState& app);    // §2.1
void draw_graph_view(AppState& app);        // §3.2
void draw_activations_view(AppState& app);  // §2.4
void draw_init_view(AppState& app);         // §2.6
void draw_schedule_view(AppState& app);     // §2.7
void draw_race_view(AppState& app);         // §2.8-2.9
void draw_preprocess_view(AppState& app);   // §2.5
void draw_dropout_view(AppState& app);      // §2.3

// [SECTION] actions
void teach_run_gradcheck(AppState& app);
void teach_build_graph(AppState& app);
void teach_run_init_compare(AppState& app);
void teach_start_race(AppState& app);
void teach_compute_surface(AppState& app);

// Check your own work (core/checker.hpp): checks app.teach.check.value for the inspector's
// parameter and sample; the result stays in app.teach.check.
void teach_check_answer(AppState& app);
// The hand-checkable example (core hand_checkable_example): its points imported as user data and
// its round weights as a model, through the same import as a CSV and a model file. False with
// *error if the import failed (nothing changed then).
bool teach_load_hand_example(AppState& app, std::string* error);

// Step-through on the network diagram (core/walk.hpp), offered in §1.5, §1.6, §3.1 and §3.2:
// the inspector's training sample, forward unit by unit then backward. start rebuilds the walk
// for the current weights at step 0; next/back move one step (clamped); stop ends it.
bool teach_walk_available(const AppState& app);
void teach_walk_start(AppState& app);
void teach_walk_move(AppState& app, int delta);
void teach_walk_stop(AppState& app);
// nnplay.stepThrough(action): "start", "next", "back", "stop" or "state"; returns {ok, active,
// step, steps, phase, layer, unit, text} or {ok: false, error}.
std::string api_step_through(AppState& app, const std::string& action);

// [SECTION] JS API: [{id, title, section, views, text, formula, slips, exercises: [{id, goal}]}],
// and {"ok": true, "views": [...]} or
// {"ok": false, "error": ...}.
std::string api_lessons_json();
std::string api_open_lesson(AppState& app, const std::string& id);
// {"ok": true, "lesson": ..., "goal": ...} or {"ok": false, "error": ...}.
std::string api_open_exercise(AppState& app, const std::string& id);

}  // namespace nn::app
