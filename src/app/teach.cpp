// The teaching column beside the playground: "Views" and "Lessons" menus, the lesson
// card (text, corrected formula, the notes' slip, variants to try), one tab per open view, the
// per-frame work of the views (race steps) and the lessons part of the JS API.
// [SECTION] views and column   [SECTION] lessons   [SECTION] per-frame work   [SECTION] JS API
#include <imgui.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app.hpp"
#include "io/input_limits.hpp"
#include "teach_ui.hpp"
#include "widgets.hpp"

namespace nn::app {

// [SECTION] views and column

namespace {

int index_of(View v) { return static_cast<int>(v); }

bool is_teaching_view(View v) {
  return v != View::Network && v != View::Boundary && v != View::Loss;
}

// Title and sections of the notes from the core's view table (kViewKinds).
const char* view_title(View v) { return kind_row(kViewKinds, v).label; }

const char* view_section(View v) { return kind_row(kViewKinds, v).section; }

void draw_view(AppState& app, View v) {
  switch (v) {
    case View::Inspector:
      draw_inspector_view(app);
      break;
    case View::GradCheck:
      draw_gradcheck_view(app);
      break;
    case View::Graph:
      draw_graph_view(app);
      break;
    case View::Activations:
      draw_activations_view(app);
      break;
    case View::Init:
      draw_init_view(app);
      break;
    case View::Schedule:
      draw_schedule_view(app);
      break;
    case View::Race:
      draw_race_view(app);
      break;
    case View::Preprocess:
      draw_preprocess_view(app);
      break;
    case View::Dropout:
      draw_dropout_view(app);
      break;
    case View::Network:
    case View::Boundary:
    case View::Loss:
      break;
  }
}

bool any_teaching_open(const AppState& app) {
  for (View v : all_views())
    if (is_teaching_view(v) && app.teach.open[static_cast<std::size_t>(index_of(v))]) return true;
  return false;
}

}  // namespace

bool teach_view_open(const AppState& app, View v) {
  switch (v) {
    case View::Network:
      return app.layout.network;
    case View::Boundary:
      return app.layout.output;
    case View::Loss:
      return app.layout.loss;
    default:
      return app.teach.open[static_cast<std::size_t>(index_of(v))];
  }
}

void teach_open_view(AppState& app, View v, bool open) {
  switch (v) {
    case View::Network:
      app.layout.network = open;
      return;
    case View::Boundary:
      app.layout.output = open;
      return;
    case View::Loss:
      app.layout.loss = open;
      return;
    default:
      break;
  }
  app.teach.open[static_cast<std::size_t>(index_of(v))] = open;
  if (open) {
    app.teach.focus = index_of(v);
    if (v == View::Graph && !app.teach.graph.built) teach_build_graph(app);
    if (v == View::Race && !app.teach.race.surface_valid) teach_compute_surface(app);
  }
}

float teach_column_width(const AppState& app, float total) {
  if (!any_teaching_open(app) && !app.teach.lesson) return 0;
  return std::floor(total * std::clamp(app.teach.column_fraction, 0.3f, 0.7f));
}

void draw_teach_menus(AppState& app) {
  if (ImGui::Button("Views")) ImGui::OpenPopup("##views");
  tip("Teaching views of the lecture notes: backprop inspector, gradient check, computational "
      "graph, activations, initialization, learning rate, optimizer race, preprocessing, dropout.");
  if (ImGui::BeginPopup("##views")) {
    for (View v : all_views()) {
      bool open = teach_view_open(app, v);
      char label[96];
      std::snprintf(label, sizeof label, "%s  %s", view_title(v), view_section(v));
      if (ImGui::MenuItem(label, nullptr, &open)) teach_open_view(app, v, open);
      if (v == View::Loss) ImGui::Separator();
    }
    ImGui::EndPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Lessons")) ImGui::OpenPopup("##lessons");
  tip("One lesson per section of the notes: sets the config, opens the views, explains.");
  if (ImGui::BeginPopup("##lessons")) {
    for (const Lesson& l : all_lessons()) {
      char label[160];
      std::snprintf(label, sizeof label, "§%s  %s", l.section.c_str(), l.title.c_str());
      const bool current = app.teach.lesson && app.teach.lesson->id == l.id;
      if (ImGui::MenuItem(label, nullptr, current)) {
        std::string error;
        if (!teach_open_lesson(app, l.id, &error)) app_notify(app, "Lesson: " + error);
      }
    }
    if (app.teach.lesson) {
      ImGui::Separator();
      if (ImGui::MenuItem("Close the lesson")) teach_close_lesson(app);
    }
    ImGui::EndPopup();
  }
}

namespace {

// The lesson's exercises under its card: each goal with its state (not tried, open, passed) and
// a button to start it (or stop the open one).
void draw_lesson_exercises(AppState& app) {
  const std::vector<const Exercise*> list = lesson_exercises(app.teach.lesson->id);
  if (list.empty()) return;
  TeachState& t = app.teach;
  ImGui::TextDisabled("Exercises:");
  for (const Exercise* e : list) {
    ImGui::PushID(e->id.c_str());
    const bool open = t.exercise.id == e->id;
    const auto seen = t.exercise_passed.find(e->id);
    const bool passed = open ? t.exercise.passed : seen != t.exercise_passed.end() && seen->second;
    const char* state = passed                            ? "passed"
                        : open                            ? "open"
                        : seen != t.exercise_passed.end() ? "tried"
                                                          : "not tried";
    const ImVec4 colour = passed ? ImVec4(0.05f, 0.55f, 0.20f, 1)
                          : open ? ImVec4(0.02f, 0.30f, 0.55f, 1)
                                 : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
    if (open) {
      if (ImGui::SmallButton("Stop")) teach_close_exercise(app);
    } else if (ImGui::SmallButton("Try")) {
      std::string error;
      if (!teach_open_exercise(app, e->id, &error)) app_notify(app, "Exercise: " + error);
    }
    tip("Try: start from the lesson's config with this goal; it is checked as you work.");
    ImGui::SameLine();
    ImGui::TextColored(colour, "[%s]", state);
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(e->goal.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopID();
  }
}

}  // namespace

void draw_lesson_card(AppState& app) {
  if (!app.teach.lesson) return;
  const Lesson& l = *app.teach.lesson;
  const float s = app.ui_scale;
  // The buttons sit at the right edge; in a narrow column (an embed) the title is clipped before
  // them instead of running under them, and its full text shows on hover.
  const ImGuiStyle& st = ImGui::GetStyle();
  const char* hide = app.teach.show_card ? "Hide text" : "Show text";
  const float buttons_w = ImGui::CalcTextSize(hide).x + ImGui::CalcTextSize("Close").x +
                          st.FramePadding.x * 4 + st.ItemSpacing.x;
  const float buttons_x = ImGui::GetWindowContentRegionMax().x - buttons_w;
  const ImVec2 title_pos = ImGui::GetCursorScreenPos();
  const float clip_right = ImGui::GetWindowPos().x + buttons_x - st.ItemSpacing.x;
  ImGui::PushClipRect(title_pos, ImVec2(clip_right, title_pos.y + ImGui::GetFrameHeight()), true);
  if (app.fonts.bold) ImGui::PushFont(app.fonts.bold);
  ImGui::Text("§%s  %s", l.section.c_str(), l.title.c_str());
  if (app.fonts.bold) ImGui::PopFont();
  ImGui::PopClipRect();
  if (ImGui::GetItemRectMax().x > clip_right && ImGui::IsItemHovered())
    ImGui::SetTooltip("§%s  %s", l.section.c_str(), l.title.c_str());
  ImGui::SameLine();
  ImGui::SetCursorPosX(buttons_x);
  if (ImGui::SmallButton(hide)) app.teach.show_card = !app.teach.show_card;
  ImGui::SameLine();
  if (ImGui::SmallButton("Close")) {
    teach_close_lesson(app);
    return;
  }
  if (!app.teach.show_card) return;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(l.text.c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.02f, 0.30f, 0.55f, 1.0f));
  ImGui::TextUnformatted(l.formula.c_str());
  ImGui::PopStyleColor();
  // The formula's tooltip: each slip of the notes in this section, with the corrected formula.
  if (!l.slips.empty() && ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
    for (const NotesSlip& sl : l.slips) {
      ImGui::TextDisabled("The notes write: %s", sl.notes.c_str());
      ImGui::Text("Correct: %s", sl.corrected.c_str());
      ImGui::TextUnformatted(sl.why.c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  for (const NotesSlip& sl : l.slips) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.62f, 0.32f, 0.0f, 1.0f));
    ImGui::TextUnformatted(slip_text(sl).c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PopTextWrapPos();
  if (app.speed.lesson_steps_per_second > 0) {
    ImGui::TextDisabled("Play: %g steps per second (this lesson)",
                        app.speed.lesson_steps_per_second);
    ImGui::SameLine();
    if (ImGui::SmallButton("Full speed")) app.speed.lesson_steps_per_second = 0;
  }
  if (!l.variants.empty()) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Try:");
    for (std::size_t k = 0; k < l.variants.size(); ++k) {
      ImGui::SameLine();
      ImGui::PushID(static_cast<int>(k));
      if (ImGui::SmallButton(l.variants[k].label.c_str())) {
        std::string error;
        app.playing = false;
        if (app_set_config(app, l.variants[k].config, &error)) {
          app_reset(app);
        } else {
          app_notify(app, "Not applied: " + error);
        }
      }
      ImGui::PopID();
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Lesson config")) {
      std::string error;
      app.playing = false;
      if (app_set_config(app, l.config, &error)) app_reset(app);
    }
  }
  draw_lesson_exercises(app);
  ImGui::Dummy(ImVec2(0, 2 * s));
}

void draw_teach_column(AppState& app) {
  ImGui::BeginChild("##teach", ImVec2(0, 0), true);
  if (app.teach.lesson) {
    draw_lesson_card(app);
    ImGui::Separator();
  }
  if (any_teaching_open(app)) {
    if (ImGui::BeginTabBar("##teachtabs", ImGuiTabBarFlags_FittingPolicyScroll)) {
      for (View v : all_views()) {
        if (!is_teaching_view(v)) continue;
        bool& open = app.teach.open[static_cast<std::size_t>(index_of(v))];
        if (!open) continue;
        ImGuiTabItemFlags flags = 0;
        if (app.teach.focus == index_of(v)) flags |= ImGuiTabItemFlags_SetSelected;
        bool keep = true;
        if (ImGui::BeginTabItem(view_title(v), &keep, flags)) {
          ImGui::BeginChild("##view", ImVec2(0, 0), false);
          draw_view(app, v);
          ImGui::EndChild();
          ImGui::EndTabItem();
        }
        if (!keep) open = false;
      }
      app.teach.focus = -1;
      ImGui::EndTabBar();
    }
  } else if (!app.teach.lesson) {
    ImGui::TextDisabled("Open a view from the Views menu.");
  }
  ImGui::EndChild();
}

// [SECTION] lessons

bool teach_open_lesson(AppState& app, const std::string& id, std::string* error) {
  std::optional<Lesson> l = find_lesson(id);
  if (!l) {
    if (error) *error = "unknown lesson \"" + id + "\" (see lessons())";
    return false;
  }
  app.playing = false;
  if (app.teach.exercise.id.size() && find_exercise(app.teach.exercise.id) &&
      find_exercise(app.teach.exercise.id)->lesson != id)
    teach_close_exercise(app);
  std::string err;
  if (!app_set_config(app, l->config, &err)) {
    if (error) *error = err;
    return false;
  }
  app_reset(app);
  TeachState& t = app.teach;
  t.open.fill(false);
  t.focus = -1;
  t.show_card = true;
  // Fresh results for the new network.
  t.inspector = InspectorView{};
  t.walk = WalkView{};
  t.gradcheck = GradCheckView{};
  t.graph = GraphView{};
  t.activations = ActivationsView{};
  t.init.runs.clear();
  t.race.race.reset();
  t.race.running = false;
  t.race.thumbs.clear();
  t.race.lanes = l->race;
  t.race.surface_valid = false;
  t.lesson = std::move(l);
  // The main panels the lesson names are shown; the others stay as they were.
  for (View v : t.lesson->views)
    if (!is_teaching_view(v)) teach_open_view(app, v, true);
  // The inspector needs a parameter: the lesson's (W_14^(1) in §1.5), else a weight of the first
  // layer until the user clicks one.
  const InspectTarget& target = t.lesson->inspect;
  if (target.layer >= 0)
    app.selection = {target.bias ? Selection::Kind::Bias : Selection::Kind::Link, target.layer,
                     target.i, target.bias ? -1 : target.j};
  for (View v : t.lesson->views)
    if (v == View::Inspector && app.selection.kind == Selection::Kind::None)
      app.selection = {Selection::Kind::Link, 0, 0, 0};
  app.speed.lesson_steps_per_second = t.lesson->play_steps_per_second;
  app.speed.steps_credit = 0;
  app.speed.credit_time = -1;
  int first = -1;
  for (View v : t.lesson->views) {
    if (!is_teaching_view(v)) continue;
    teach_open_view(app, v, true);
    if (first < 0) first = index_of(v);
  }
  t.focus = first;
  // Views whose point is a comparison start with it done (each is cheap for a lesson's network);
  // the graph and the inspector are stepped by the learner.
  if (teach_view_open(app, View::GradCheck)) teach_run_gradcheck(app);
  if (teach_view_open(app, View::Init)) teach_run_init_compare(app);
  if (teach_view_open(app, View::Race) && !t.lesson->race.empty()) teach_start_race(app);
  return true;
}

void teach_close_lesson(AppState& app) {
  teach_close_exercise(app);
  app.teach.lesson.reset();
  app.speed.lesson_steps_per_second = 0;
}

bool teach_open_exercise(AppState& app, const std::string& id, std::string* error) {
  const Exercise* e = find_exercise(id);
  if (!e) {
    if (error) *error = "unknown exercise \"" + id + "\" (see lessons()[k].exercises)";
    return false;
  }
  // From the lesson's config, where the goal is not met.
  if (!teach_open_lesson(app, e->lesson, error)) return false;
  TeachState& t = app.teach;
  t.exercise = ExerciseView{};
  t.exercise.id = e->id;
  t.exercise_passed.emplace(e->id, false);  // tried
  t.show_card = true;
  return true;
}

bool teach_walk_available(const AppState& app) {
  if (!app.teach.lesson) return false;
  const std::string& id = app.teach.lesson->id;
  return id == "s1_5_elementwise_backprop" || id == "s1_6_vectorized_backprop" ||
         id == "s3_1_derivation" || id == "s3_2_computational_graph";
}

void teach_walk_start(AppState& app) {
  WalkView& w = app.teach.walk;
  const int count = session_sample_count(*app.session);
  w.sample = std::clamp(app.teach.inspector.sample, 0, std::max(0, count - 1));
  try {
    w.walk = make_walk(*app.session, w.sample);
  } catch (const ConfigError& e) {
    app_notify(app, std::string("Step-through: ") + e.what());
    w.active = false;
    return;
  }
  w.active = true;
  w.step = 0;
  w.model_version = app.model_version;
  app.playing = false;  // the weights stay as walked
}

void teach_walk_move(AppState& app, int delta) {
  WalkView& w = app.teach.walk;
  if (!w.active) return;
  if (w.model_version != app.model_version) {  // trained since: walk the new weights
    const int at = w.step;
    teach_walk_start(app);
    w.step = at;
  }
  const int last = static_cast<int>(w.walk.steps.size()) - 1;
  w.step = std::clamp(w.step + delta, 0, std::max(0, last));
}

void teach_walk_stop(AppState& app) { app.teach.walk.active = false; }

std::string api_step_through(AppState& app, const std::string& action) {
  nlohmann::json out;
  if (action == "start") {
    teach_walk_start(app);
  } else if (action == "next") {
    teach_walk_move(app, +1);
  } else if (action == "back") {
    teach_walk_move(app, -1);
  } else if (action == "stop") {
    teach_walk_stop(app);
  } else if (action != "state") {
    out["ok"] = false;
    out["field"] = "action";
    out["error"] = "action: expected start, next, back, stop or state";
    return out.dump();
  }
  const WalkView& w = app.teach.walk;
  out["ok"] = true;
  out["active"] = w.active;
  out["steps"] = w.walk.steps.size();
  if (w.active && !w.walk.steps.empty()) {
    const WalkStep& st = w.walk.steps[static_cast<std::size_t>(w.step)];
    out["step"] = w.step;
    out["phase"] = name(st.phase);
    out["layer"] = st.layer;
    out["unit"] = st.unit;
    out["text"] = st.text;
  }
  return out.dump();
}

void teach_close_exercise(AppState& app) { app.teach.exercise = ExerciseView{}; }

bool teach_update_exercise(AppState& app) {
  ExerciseView& x = app.teach.exercise;
  if (x.id.empty()) return false;
  const Exercise* e = find_exercise(x.id);
  if (!e) return false;
  Session& s = *app.session;
  if (s.diverged() && !x.context.diverged) {
    x.context.diverged = true;
    x.context.diverged_config = s.config();
  }
  if (!x.passed && e->met(s, x.context)) {
    x.passed = true;
    app.teach.exercise_passed[x.id] = true;
    app_notify(app, "Exercise passed: " + e->goal);
  }
  return x.passed;
}

// [SECTION] per-frame work

void teach_update(AppState& app) {
  teach_update_exercise(app);
  RaceView& r = app.teach.race;
  if (!r.race) return;
  Race& race = *r.race;
  bool stepped = false;
  if (r.running) {
    int furthest = 0;
    for (int k = 0; k < race.lanes(); ++k)
      furthest = std::max(furthest, static_cast<int>(race.session(k).steps()));
    const int n = std::min(r.steps_per_frame, r.target_steps - furthest);
    if (n > 0) {
      race.step(n);
      stepped = true;
    }
    bool all_stopped = true;
    for (int k = 0; k < race.lanes(); ++k)
      all_stopped = all_stopped && (race.diverged(k) || race.session(k).steps() >= r.target_steps);
    if (all_stopped) r.running = false;
  }
  // Boundary thumbnails: refreshed every 20 steps of the lanes (and when the race stops).
  const int lanes = race.lanes();
  r.thumbs.resize(static_cast<std::size_t>(lanes));
  r.thumb_step.resize(static_cast<std::size_t>(lanes), -1);
  for (int k = 0; k < lanes; ++k) {
    Session& s = race.session(k);
    const long long at = s.steps();
    long long& shown = r.thumb_step[static_cast<std::size_t>(k)];
    if (shown < 0 || at - shown >= 20 || (!r.running && at != shown) || (stepped && at < shown)) {
      s.predict_grid_display(r.thumb_res, r.thumbs[static_cast<std::size_t>(k)]);
      shown = at;
    }
  }
}

// [SECTION] JS API

std::string api_lessons_json() {
  nlohmann::json out = nlohmann::json::array();
  for (const Lesson& l : all_lessons()) {
    nlohmann::json views = nlohmann::json::array();
    for (View v : l.views) views.push_back(name(v));
    nlohmann::json slips = nlohmann::json::array();
    for (const NotesSlip& s : l.slips)
      slips.push_back({{"notes", s.notes}, {"corrected", s.corrected}, {"why", s.why}});
    nlohmann::json exercises = nlohmann::json::array();
    for (const Exercise* e : lesson_exercises(l.id))
      exercises.push_back({{"id", e->id}, {"goal", e->goal}});
    // text: everything the card shows (text, formula, one line per slip), for course pages.
    out.push_back({{"id", l.id},
                   {"exercises", exercises},
                   {"title", l.title},
                   {"section", l.section},
                   {"views", views},
                   {"text", card_text(l)},
                   {"formula", l.formula},
                   {"slips", slips}});
  }
  return out.dump();
}

std::string api_open_lesson(AppState& app, const std::string& id) {
  nlohmann::json out;
  std::string error;
  if (id.size() > kMaxNameBytes) {
    out["ok"] = false;
    out["error"] = "lesson id: " + size_limit_message(id.size(), kMaxNameBytes);
  } else if (teach_open_lesson(app, id, &error)) {
    out["ok"] = true;
    nlohmann::json views = nlohmann::json::array();
    for (View v : app.teach.lesson->views) views.push_back(name(v));
    out["views"] = views;
  } else {
    out["ok"] = false;
    out["error"] = error;
  }
  return out.dump();
}

std::string api_open_exercise(AppState& app, const std::string& id) {
  nlohmann::json out;
  std::string error;
  if (id.size() > kMaxNameBytes) {
    out["ok"] = false;
    out["error"] = "exercise id: " + size_limit_message(id.size(), kMaxNameBytes);
  } else if (teach_open_exercise(app, id, &error)) {
    const Exercise* e = find_exercise(id);
    out["ok"] = true;
    out["lesson"] = e->lesson;
    out["goal"] = e->goal;
  } else {
    out["ok"] = false;
    out["error"] = error;
  }
  return out.dump();
}

}  // namespace nn::app
