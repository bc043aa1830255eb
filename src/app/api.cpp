// JSON in/out for the JS API. Config text goes through src/io's codec, so the page, the URL, the
// CLI and the tests all speak the one schema; errors carry the validator's field and message.
#include "api.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "app.hpp"
#include "core/checker.hpp"
#include "core/graph.hpp"
#include "io/config_json.hpp"
#include "io/input_limits.hpp"
#include "share.hpp"
#include "teach_ui.hpp"

namespace nn::app {

using nlohmann::json;

namespace {

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

}  // namespace

std::string api_state_json(AppState& app) {
  Session& s = *app.session;
  json j;
  j["step"] = s.steps();
  j["epochs"] = s.epochs();
  j["train_loss"] = number_or_null(s.train_loss());
  j["test_loss"] = number_or_null(s.test_loss());
  j["train_accuracy"] = number_or_null(s.train_accuracy());
  j["test_accuracy"] = number_or_null(s.test_accuracy());
  j["learning_rate"] = s.learning_rate();
  j["diverged"] = s.diverged();
  j["reason"] = s.divergence_reason();
  j["warning"] = s.warning();  // dead units, a rising loss (training goes on)
  j["message"] = !app.message.empty() && app.now < app.message_until ? app.message : "";
  j["can_undo"] = user_can_undo(app);
  j["playing"] = app.playing;
  j["fps"] = app.perf.fps;
  j["steps_per_second"] = app.perf.steps_per_second;
  j["samples_per_second"] = app.perf.samples_per_second;
  if (app.perf.first_frame_ms >= 0) j["first_frame_ms"] = app.perf.first_frame_ms;
  j["user_data"] = app.user_mode;
  // The open lesson and how the app is reached (input device, help overlay, first-visit cue).
  j["lesson"] = app.teach.lesson ? app.teach.lesson->id : std::string();
  j["lesson_title"] = app.teach.lesson ? app.teach.lesson->title : std::string();
  j["access"] = {{"coarse_pointer", app.access.coarse_pointer},
                 {"help", app.access.show_help},
                 {"cue", !app.access.played_once},
                 {"reduced_motion", app.access.reduced_motion}};
  // Rows = true class, columns = predicted (Session::confusion_matrix); null without classes.
  const auto matrix = [&](bool test) {
    const std::vector<long long> m = s.confusion_matrix(test);
    if (m.empty()) return json(nullptr);
    const auto K = static_cast<std::size_t>(std::lround(std::sqrt(static_cast<double>(m.size()))));
    json rows = json::array();
    for (std::size_t t = 0; t < K; ++t)
      rows.push_back(std::vector<long long>(m.begin() + static_cast<long>(t * K),
                                            m.begin() + static_cast<long>((t + 1) * K)));
    return rows;
  };
  // What the pointer is over on the network diagram ({kind: "neuron" | "bias" | "link", layer, i,
  // j}; layer -1 = the inputs), null for nothing: the map paints a hovered neuron.
  if (app.hover.kind == Selection::Kind::None) {
    j["hover"] = nullptr;
  } else {
    const char* kind = app.hover.kind == Selection::Kind::Neuron ? "neuron"
                       : app.hover.kind == Selection::Kind::Bias ? "bias"
                                                                 : "link";
    j["hover"] = {
        {"kind", kind}, {"layer", app.hover.layer}, {"i", app.hover.i}, {"j", app.hover.j}};
  }
  j["confusion"] = {{"train", matrix(false)}, {"test", matrix(true)}};
  j["points"] = {{"train", s.raw().train.X.cols()}, {"test", s.raw().test.X.cols()}};
  j["history_length"] = s.history().points.size();
  j["frame"] = app.frame_index;  // frames run so far (render on demand: a paused app runs none)
  j["perf"] = {{"frame_ms", app.perf.frame_ms},   {"ui_ms", app.perf.ui_ms},
               {"render_ms", app.perf.render_ms}, {"colour_ms", app.perf.colour_ms},
               {"train_ms", app.perf.train_ms},   {"grid_ms", app.perf.grid_ms}};
  j["config"] = to_json(s.config());
  // The optimizer race (§2.8-2.9) while it exists: one entry per lane, in lane order.
  if (app.teach.race.race) {
    Race& race = *app.teach.race.race;
    json lanes = json::array();
    for (int k = 0; k < race.lanes(); ++k) {
      Session& lane = race.session(k);
      lanes.push_back({{"label", race.label(k)},
                       {"optimizer", to_json(lane.config())["optimizer"]},
                       {"loss", number_or_null(lane.train_loss())},
                       {"step", lane.steps()},
                       {"diverged", lane.diverged()}});
    }
    j["race"] = lanes;
  } else {
    j["race"] = nullptr;
  }
  // The open exercise (core/exercises.hpp), its goal evaluated now: {id, lesson, goal, passed}.
  if (!app.teach.exercise.id.empty()) {
    const bool passed = teach_update_exercise(app);
    const Exercise* e = find_exercise(app.teach.exercise.id);
    j["exercise"] = {{"id", app.teach.exercise.id},
                     {"lesson", e ? e->lesson : std::string()},
                     {"goal", e ? e->goal : std::string()},
                     {"passed", passed}};
  } else {
    j["exercise"] = nullptr;
  }
  // The inspector's last "Check" (core/checker.hpp): {quantity, value, correct, expected,
  // first_wrong_step, mistake, hint}, null before the first.
  if (app.teach.check.has_result) {
    const CheckResult& c = app.teach.check.result;
    j["check"] = {
        {"quantity", c.quantity},
        {"value", app.teach.check.value},
        {"correct", c.correct},
        {"expected", c.expected},
        {"first_wrong_step", c.first_wrong_step ? json(c.first_wrong_step) : json(nullptr)},
        {"mistake", c.mistake},
        {"hint", c.hint}};
  } else {
    j["check"] = nullptr;
  }
  // Embed mode, shown views, the link hash and the visible notice (share.cpp, docs/embedding.md).
  j["share"] = json::parse(share_info_json(app));
  return j.dump();
}

std::string api_status_json(const AppState& app) {
  const Session& s = *app.session;
  json j;
  j["step"] = s.steps();
  j["playing"] = app.playing;
  j["diverged"] = s.diverged();
  j["lesson"] = app.teach.lesson ? app.teach.lesson->id : std::string();
  return j.dump();
}

std::string api_set_config(AppState& app, const std::string& json_text, bool replace) {
  json out;
  try {
    if (json_text.size() > kMaxConfigBytes)
      throw ConfigError("json",
                        "setConfig: " + size_limit_message(json_text.size(), kMaxConfigBytes));
    // The codecs' parser: malformed JSON, duplicate keys, deep nesting and numbers beyond a double
    // (1e400, which json::parse turned into an uncaught out_of_range) all become ConfigErrors.
    const json patch = parse_json_text(json_text);
    if (!patch.is_object()) throw ConfigError("json", "setConfig expects an object");
    const Config& current = app.session->config();
    json merged = patch;
    if (!replace) {
      merged = to_json(current);
      merged.merge_patch(patch);
      // A new dataset brings its natural loss and class count unless the patch names them, so
      // setConfig({data: {dataset: "plane"}}) works from a logistic-loss config.
      const auto data = patch.find("data");
      if (data != patch.end() && data->is_object() && data->contains("dataset") &&
          (*data)["dataset"].is_string()) {
        Config fitted = current;
        fitted.data.dataset = parse_dataset((*data)["dataset"].get<std::string>(), "data.dataset");
        if (data->contains("classes") && (*data)["classes"].is_number_integer())
          fitted.data.classes = (*data)["classes"].get<int>();
        fit_config_to_data(fitted, current);
        if (!patch.contains("loss")) merged["loss"] = name(fitted.loss);
        if (!data->contains("classes")) merged["data"]["classes"] = fitted.data.classes;
      }
    }
    const Config cfg = config_from_json(merged);
    if (cfg.data.dataset == DatasetKind::User && !app.user_mode)
      throw ConfigError("data.dataset", "\"user\" data comes from the map or a CSV import");
    const long long before = app.structure_version;
    std::string error;
    if (!app_set_config(app, cfg, &error)) throw ConfigError("", error);
    out["ok"] = true;
    out["reset"] = app.structure_version != before;
  } catch (const ConfigError& e) {
    out["ok"] = false;
    out["field"] = e.field;
    out["error"] = e.what();
  }
  return out.dump();
}

std::string api_check_answer(AppState& app, const std::string& json_text) {
  json out;
  try {
    if (json_text.size() > kMaxConfigBytes)
      throw ConfigError("json", size_limit_message(json_text.size(), kMaxConfigBytes));
    const json q = parse_json_text(json_text);
    if (!q.is_object()) throw ConfigError("json", "checkAnswer expects an object");
    auto integer = [&](const char* key, int fallback) {
      const auto it = q.find(key);
      if (it == q.end()) return fallback;
      if (!it->is_number_integer()) throw ConfigError(key, "expected an integer");
      const long long v = it->get<long long>();
      if (v < -1000000 || v > 1000000) throw ConfigError(key, "out of range");
      return static_cast<int>(v);
    };
    auto number = [&](const json& obj, const char* key, double fallback) {
      const auto it = obj.find(key);
      if (it == obj.end()) return fallback;
      if (!it->is_number()) throw ConfigError(key, "expected a number");
      return it->get<double>();
    };
    const auto qn = q.find("quantity");
    if (qn == q.end() || !qn->is_string())
      throw ConfigError("quantity", "expected \"delta\", \"dW\", \"db\" or \"update\"");
    CheckQuestion question;
    question.quantity = parse_check_quantity(qn->get<std::string>(), "quantity");
    question.layer = integer("layer", 1);
    question.i = integer("i", 1);
    question.j = integer("j", 1);
    if (!q.contains("value")) throw ConfigError("value", "expected the number you computed");
    question.value = number(q, "value", 0);
    if (q.contains("bias")) {
      if (!q["bias"].is_boolean()) throw ConfigError("bias", "expected true or false");
      question.bias = q["bias"].get<bool>();
    }
    const int sample = integer("sample", 0);
    Session& s = *app.session;
    Matrix X;
    Vector y;
    session_sample(s, sample, X, y);
    CheckOptions opt = check_options(s);
    if (q.contains("state")) {
      const json& st = q["state"];
      if (!st.is_object()) throw ConfigError("state", "expected {velocity, m, v, cache, t}");
      opt.state.velocity = number(st, "velocity", 0);
      opt.state.m = number(st, "m", 0);
      opt.state.v = number(st, "v", 0);
      opt.state.cache = number(st, "cache", 0);
      opt.state.t = static_cast<long long>(number(st, "t", 1));
      if (opt.state.v < 0 || opt.state.cache < 0 || opt.state.t < 1)
        throw ConfigError("state", "v and cache must be >= 0 and t >= 1");
    }
    const CheckResult r = check_answer(s.network(), X, y, question, opt);
    if (!app.teach.exercise.id.empty())
      app.teach.exercise.context.checks.push_back(
          {question.quantity, question.layer, question.i, question.j, r.correct,
           s.config().regularization.kind, s.config().regularization.rate});
    out["ok"] = true;
    out["correct"] = r.correct;
    out["expected"] = r.expected;
    out["tolerance"] = r.tolerance;
    out["first_wrong_step"] = r.first_wrong_step ? json(r.first_wrong_step) : json(nullptr);
    out["mistake"] = r.mistake;
    out["hint"] = r.hint;
    out["quantity"] = r.quantity;
    json steps = json::array();
    for (const CheckStep& st : r.steps)
      steps.push_back(
          {{"number", st.number}, {"symbol", st.symbol}, {"value", number_or_null(st.value)}});
    out["steps"] = steps;
  } catch (const ConfigError& e) {
    out = json::object();
    out["ok"] = false;
    out["field"] = e.field;
    out["error"] = e.what();
  }
  return out.dump();
}

std::string api_load_hand_example(AppState& app) {
  std::string error;
  if (teach_load_hand_example(app, &error)) return json{{"ok", true}}.dump();
  return json{{"ok", false}, {"error", error}}.dump();
}

int api_step(AppState& app, int n) { return app_step(app, std::clamp(n, 0, 1000000)); }
void api_play(AppState& app) { app_set_playing(app, true); }
void api_pause(AppState& app) { app_set_playing(app, false); }
void api_reset(AppState& app) { app_reset(app); }

}  // namespace nn::app
