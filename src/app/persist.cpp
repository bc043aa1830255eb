// Saved user data (persist.hpp): export as config JSON + dataset CSV, restore through the CSV
// import and the config codec.
#include "persist.hpp"

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "io/config_json.hpp"
#include "io/csv.hpp"
#include "io/json_input.hpp"

namespace nn::app {

namespace {
constexpr const char* kFormat = "nnplay-user-data";
}

std::string export_user_data(const AppState& app) {
  if (!app.user_mode || app.user_points.empty()) return "";
  Split split;
  for (int side = 0; side < 2; ++side) {
    Points& p = side == 0 ? split.train : split.test;
    Eigen::Index n = 0;
    for (const UserPoint& u : app.user_points) n += u.split == side;
    p.X.resize(2, n);
    p.y.resize(n);
    p.classes = app.user_classes;
    Eigen::Index k = 0;
    for (const UserPoint& u : app.user_points)
      if (u.split == side) {
        p.X(0, k) = u.x1;
        p.X(1, k) = u.x2;
        p.y[k++] = u.label;
      }
  }
  nlohmann::json j;
  j["format"] = kFormat;
  j["version"] = 1;
  j["points"] = app.user_points.size();
  j["config"] = to_json(app.session->config());
  j["csv"] = write_points_csv(split);
  return j.dump();
}

ImportResult restore_user_data(AppState& app, const std::string& text, bool keep_settings) {
  ImportResult r;
  r.kind = ImportKind::Csv;
  try {
    if (text.size() > kMaxImportBytes)
      throw ConfigError("file", "the saved points are over the import limit");
    const nlohmann::json j = parse_json_input(text);
    if (!j.is_object() || j.value("format", std::string()) != kFormat)
      throw ConfigError("format", "not saved points (expected \"format\": \"nnplay-user-data\")");
    if (!j.contains("csv") || !j["csv"].is_string())
      throw ConfigError("csv", "expected the points as a CSV string");
    Config cfg = j.contains("config") ? config_from_json(j["config"], "config.") : Config{};
    if (keep_settings) {
      // The running settings on the saved points (their class count and loss stay the points').
      const Config saved = cfg;
      cfg = app.session->config();
      cfg.data.classes = saved.data.classes;
      cfg.loss = saved.loss;
    }
    cfg.data.dataset = DatasetKind::User;
    cfg.validate();
    // The points first (with the saved config's seed and fraction, so the split they carry is
    // the one read), then the config's settings on them; a failure of either restores nothing.
    Config base;
    base.seed = cfg.seed;
    base.data.train_fraction = cfg.data.train_fraction;
    AppState trial;
    app_init(trial, base);
    const ImportResult points =
        files_import(trial, ImportKind::Csv, j["csv"].get<std::string>(), "saved points");
    if (!points.ok) throw ConfigError(points.field.empty() ? "csv" : points.field, points.error);
    std::string error;
    if (!app_set_config(trial, cfg, &error)) throw ConfigError("config", error);
    // Commit.
    if (app.user_mode) user_leave(app, "the saved points");
    app.session = std::move(trial.session);
    app.config = app.session->config();
    app.user_points = std::move(trial.user_points);
    app.user_classes = trial.user_classes;
    app.user_mode = true;
    app.undo_stack.clear();
    app.user_csv_unsplit.reset();
    app.user_points_changed = false;
    app.playing = false;
    app_session_replaced(app);
    r.ok = true;
    r.message = "Restored your " + std::to_string(app.user_points.size()) +
                " drawn points (saved in this browser for this page); choose a dataset to leave "
                "them, Undo brings them back.";
    // A link's problems stay readable: the restore is said before them, not instead of them.
    if (!app.message_details.empty() && app.now < app.message_until)
      app.message = r.message + " " + app.message;
    else
      app_notify(app, r.message);
  } catch (const ConfigError& e) {
    r.ok = false;
    r.field = e.field;
    r.error = e.what();
    r.message = std::string("The saved points could not be restored: ") + e.what();
  }
  return r;
}

}  // namespace nn::app
