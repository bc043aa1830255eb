// Import/export of configs, models, dataset CSVs, loss histories and the boundary picture (see
// files.hpp). Every import builds the complete new Session first and swaps it in only when that
// succeeded, so a failure cannot leave half-applied state behind.
#include "files.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "app.hpp"
#include "colors.hpp"
#include "core/text.hpp"
#include "grid.hpp"
#include "io/config_json.hpp"
#include "io/csv.hpp"
#include "io/input_limits.hpp"
#include "io/model_json.hpp"
#include "widgets.hpp"

namespace nn::app {

using nlohmann::json;

// [SECTION] JSON path -> line

namespace {

// Walks JSON text that is known to parse and records where the value at a path starts.
struct PathWalker {
  const std::string& t;
  const std::vector<std::string>& path;
  std::size_t i = 0;
  int line = 1;
  std::size_t line_start = 0;
  int best_depth = -1, best_line = 0, best_column = 0;

  void ws() {
    while (i < t.size()) {
      const char c = t[i];
      if (c == '\n') {
        ++line;
        line_start = ++i;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++i;
      } else {
        break;
      }
    }
  }
  std::string string_token() {
    std::string s;
    ++i;  // opening quote
    while (i < t.size() && t[i] != '"') {
      if (t[i] == '\\' && i + 1 < t.size()) s += t[i++];
      s += t[i++];
    }
    ++i;
    return s;
  }
  void mark(int depth) {
    if (depth > best_depth) {
      best_depth = depth;
      best_line = line;
      best_column = static_cast<int>(i - line_start) + 1;
    }
  }
  // depth = how many path parts matched to reach this value (-1: off the path).
  void value(int depth) {
    ws();
    if (depth >= 0) mark(depth);
    const bool on = depth >= 0 && depth < static_cast<int>(path.size());
    if (i >= t.size()) return;
    if (t[i] == '{') {
      ++i;
      for (;;) {
        ws();
        if (i >= t.size() || t[i] == '}') break;
        if (t[i] == ',') {
          ++i;
          continue;
        }
        const std::size_t key_i = i;
        const int key_line = line;
        const std::string key = string_token();
        const bool hit = on && key == path[static_cast<std::size_t>(depth)];
        if (hit && depth + 1 > best_depth) {  // the key itself: the value may be on a later line
          best_depth = depth + 1;
          best_line = key_line;
          best_column = static_cast<int>(key_i - line_start) + 1;
        }
        ws();
        if (i < t.size() && t[i] == ':') ++i;
        value(hit ? depth + 1 : -1);
      }
      ++i;
    } else if (t[i] == '[') {
      ++i;
      int index = 0;
      for (;;) {
        ws();
        if (i >= t.size() || t[i] == ']') break;
        if (t[i] == ',') {
          ++i;
          continue;
        }
        const bool hit =
            on && path[static_cast<std::size_t>(depth)] == "[" + std::to_string(index) + "]";
        value(hit ? depth + 1 : -1);
        ++index;
      }
      ++i;
    } else if (t[i] == '"') {
      string_token();
    } else {
      while (i < t.size() && t[i] != ',' && t[i] != '}' && t[i] != ']' && t[i] != ' ' &&
             t[i] != '\n' && t[i] != '\r' && t[i] != '\t')
        ++i;
    }
  }
};

std::vector<std::string> split_path(const std::string& p) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : p) {
    if (c == '.') {
      if (!cur.empty()) parts.push_back(cur);
      cur.clear();
    } else if (c == '[') {
      if (!cur.empty()) parts.push_back(cur);
      cur = "[";
    } else if (c == ']') {
      parts.push_back(cur + "]");
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  return parts;
}

}  // namespace

int json_path_line(const std::string& text, const std::string& path, int* column) {
  const std::vector<std::string> parts = split_path(path);
  PathWalker w{text, parts};
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) w.i = 3;
  w.value(0);
  // Depth 0 is the document itself: not a useful answer for a named field.
  const bool found = w.best_depth > 0 || parts.empty();
  if (column) *column = found ? w.best_column : 0;
  return found ? w.best_line : 0;
}

// [SECTION] kinds and names

const char* import_kind_name(ImportKind kind) {
  switch (kind) {
    case ImportKind::Auto:
      return "auto";
    case ImportKind::Csv:
      return "csv";
    case ImportKind::Config:
      return "config";
    case ImportKind::Model:
      return "model";
  }
  return "auto";
}

bool parse_import_kind(const std::string& text, ImportKind& kind) {
  for (ImportKind k : {ImportKind::Auto, ImportKind::Csv, ImportKind::Config, ImportKind::Model})
    if (text == import_kind_name(k)) {
      kind = k;
      return true;
    }
  return false;
}

ImportKind detect_import_kind(const std::string& text) {
  std::size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  if (i >= text.size() || (text[i] != '{' && text[i] != '[')) return ImportKind::Csv;
  try {
    const json j = json::parse(text);
    if (j.is_object() && (j.contains("layers") || j.contains("format"))) return ImportKind::Model;
  } catch (const json::exception&) {
    // Malformed JSON: read it as a config, whose parser reports the line and column.
  }
  return ImportKind::Config;
}

const char* default_export_name(FileAction action) {
  switch (action) {
    case FileAction::ExportConfig:
      return "nnplay-config.json";
    case FileAction::ExportModel:
      return "nnplay-model.json";
    case FileAction::ExportLossCsv:
      return "nnplay-loss.csv";
    case FileAction::ExportBoundaryPng:
      return "nnplay-boundary.png";
    case FileAction::ExportDataCsv:
      return "nnplay-data.csv";
    case FileAction::Import:
    case FileAction::None:
      break;
  }
  return "";
}

// [SECTION] File menu

void draw_file_menu(AppState& app) {
  if (ImGui::Button("File")) ImGui::OpenPopup("##file");
  tip("Import a dataset CSV, a config or a model (also by dropping the file on the page); export "
      "the config, the model with its weights, the loss history or the boundary image.");
  if (ImGui::BeginPopup("##file")) {
    const auto item = [&](const char* label, FileAction a, const char* help_text) {
      if (ImGui::MenuItem(label)) app.file_request = a;
      tip(help_text);
    };
    item("Import…", FileAction::Import,
         "A CSV of points (x1,x2,label[,split]) becomes your data; a config JSON applies its "
         "settings; a model JSON (the app's or nnplay-cli's) sets the network and its weights.");
    ImGui::Separator();
    item("Export config (JSON)", FileAction::ExportConfig,
         "Every setting, as nnplay-cli --config reads it.");
    item("Export model (JSON)", FileAction::ExportModel,
         "Config, step count and every weight; nnplay-cli train --load reads it.");
    const bool plane = app.session->raw().train.X.rows() == 2;
    item("Export loss history (CSV)", FileAction::ExportLossCsv,
         "step, epoch, train/test loss and accuracy, learning rate: one row per recorded step.");
    ImGui::BeginDisabled(!plane);
    item("Export boundary image (PNG)", FileAction::ExportBoundaryPng,
         "The decision-boundary map with the shown points, 512x512.");
    item("Export data CSV", FileAction::ExportDataCsv,
         "The points with their classes and train/test split (x1,x2,label,split); importing it "
         "gives the same data. Share sets larger than a link holds (200 points) this way.");
    ImGui::EndDisabled();
    ImGui::EndPopup();
  }
}

// [SECTION] import

namespace {

// "line L, column C: msg" from the codecs' messages ("csv: line 7, column 2: ...",
// "json: malformed JSON at line 3, column 9: ...").
void find_line_in_message(const std::string& msg, int& line, int& column) {
  const std::size_t at = msg.find("line ");
  if (at == std::string::npos) return;
  int l = 0, c = 0;
  if (std::sscanf(msg.c_str() + at, "line %d, column %d", &l, &c) >= 1) {
    line = l;
    column = c;
  }
}

// Line of the (first) data row number `row` (1-based) of a CSV, counting as the reader does.
int csv_row_line(const std::string& text, int row) {
  int line_no = 0, rows = 0;
  bool first = true;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    ++line_no;
    std::size_t b = pos;
    if (line_no == 1 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) b = 3;
    while (b < nl && (text[b] == ' ' || text[b] == '\t' || text[b] == '\r' || text[b] == '"')) ++b;
    if (b < nl) {
      const bool header = first && (std::isalpha(static_cast<unsigned char>(text[b])) != 0);
      first = false;
      if (!header && ++rows == row) return line_no;
    }
    pos = nl + 1;
  }
  return line_no;
}

Points user_points_matrix(const std::vector<UserPoint>& pts, int classes, std::vector<int>& split) {
  Points p;
  const auto n = static_cast<Eigen::Index>(pts.size());
  p.X.resize(2, n);
  p.y.resize(n);
  p.classes = classes;
  split.resize(pts.size());
  for (Eigen::Index k = 0; k < n; ++k) {
    const UserPoint& u = pts[static_cast<std::size_t>(k)];
    p.X(0, k) = u.x1;
    p.X(1, k) = u.x2;
    p.y[k] = u.label;
    split[static_cast<std::size_t>(k)] = u.split;
  }
  return p;
}

void import_csv(AppState& app, const std::string& text, ImportResult& r) {
  // The app's limit first, so a 100000-row file is refused at its 5001st row without parsing.
  const int too_many = csv_row_line(text, kMaxImportPoints + 1);
  CsvData csv = read_points_csv(text);
  const auto n = static_cast<int>(csv.points.X.cols());
  if (n > kMaxImportPoints)
    throw ConfigError("csv", "line " + std::to_string(too_many) + ": more than " +
                                 std::to_string(kMaxImportPoints) +
                                 " points (the playground's limit, as data.points)");
  if (n < 2)
    throw ConfigError("csv", "line " + std::to_string(csv_row_line(text, 1)) +
                                 ": only one data row; the playground needs at least 2 points");
  const bool any_split =
      std::any_of(csv.split.begin(), csv.split.end(), [](int s) { return s >= 0; });
  if (any_split && std::none_of(csv.split.begin(), csv.split.end(), [](int s) { return s != 1; }))
    throw ConfigError("csv", "line " + std::to_string(csv_row_line(text, 1)) +
                                 ": every row is in the test split; at least one must be train");
  const int classes = csv.points.classes;  // 0 = regression

  Config cfg = app.config;
  const Config before = cfg;
  cfg.data.dataset = DatasetKind::User;
  cfg.data.classes = std::max(2, classes);
  fit_config_to_data(cfg, before);
  cfg.data.classes = std::max(2, classes);
  if (classes == 0) cfg.loss = Loss::Mse;
  auto session = std::make_unique<Session>(cfg, csv.points, csv.split);

  // Commit: the user's points are the session's split (rows without a split got one from it).
  std::vector<UserPoint> pts;
  const Split& raw = session->raw();
  int outside = 0;
  for (int side = 0; side < 2; ++side) {
    const Points& p = side == 0 ? raw.train : raw.test;
    for (Eigen::Index k = 0; k < p.X.cols(); ++k) {
      pts.push_back({p.X(0, k), p.X(1, k), p.y[k], side});
      if (std::fabs(p.X(0, k)) > kExtent || std::fabs(p.X(1, k)) > kExtent) ++outside;
    }
  }
  if (app.user_mode) user_leave(app, "the file's points");  // the drawn ones stay for Undo
  app.user_points = std::move(pts);
  app.user_classes = classes;
  app.user_mode = true;
  app.undo_stack.clear();
  app.user_points_changed = false;
  if (!any_split) app.user_csv_unsplit = csv.points;
  app.session = std::move(session);
  app.config = app.session->config();
  app_session_replaced(app);
  app.replayable = true;  // fresh weights from the seed
  r.message =
      std::to_string(n) + " points (" + std::to_string(raw.train.X.cols()) + " train, " +
      std::to_string(raw.test.X.cols()) + " test), " +
      (classes == 0 ? std::string("regression targets") : std::to_string(classes) + " classes") +
      "; now your data";
  if (outside > 0)
    r.message += " (" + std::to_string(outside) + " outside the map's -6..6, not drawn)";
}

void import_config(AppState& app, const std::string& text, ImportResult& r) {
  const Config cfg = parse_config_json(text);
  if (cfg.data.dataset == DatasetKind::User && !app.user_mode)
    throw ConfigError("data.dataset",
                      "\"user\" data comes from a CSV import or clicks on the map; import the "
                      "CSV first, then this config");
  std::string error;
  if (!app_set_config(app, cfg, &error)) throw ConfigError("", error);
  r.message = "config applied";
}

void import_model(AppState& app, const std::string& text, ImportResult& r) {
  const LoadedModel m = parse_model_json(text);
  Config cfg = m.config;
  std::unique_ptr<Session> session;
  if (app.user_mode) {
    // The model's training settings on the user's data (the data is not part of a model).
    if (user_incomplete(app))
      throw ConfigError("", "your data has fewer than 2 points; add points or import a CSV");
    if (app.user_classes == 0 && cfg.loss != Loss::Mse)
      throw ConfigError("config.loss",
                        std::string("the model is a classifier (loss ") + name(cfg.loss) + ", " +
                            std::to_string(cfg.data.classes) +
                            " classes) and your points have regression targets; import a "
                            "model trained on regression data (loss mse)");
    cfg.data.dataset = DatasetKind::User;
    if (app.user_classes >= 2) cfg.data.classes = app.user_classes;
    if (app.user_csv_unsplit) {
      // The file as read, split by the model's seed and train fraction: what nnplay-cli
      // --data did with the same CSV, so the pair reproduces the run.
      session = std::make_unique<Session>(
          cfg, *app.user_csv_unsplit,
          std::vector<int>(static_cast<std::size_t>(app.user_csv_unsplit->X.cols()), -1));
    } else {
      std::vector<int> split;
      const Points p = user_points_matrix(app.user_points, app.user_classes, split);
      session = std::make_unique<Session>(cfg, p, split);
    }
  } else {
    if (cfg.data.dataset == DatasetKind::User)
      throw ConfigError("config.data.dataset",
                        "the model was trained on user data (a CSV or points drawn on the map); "
                        "import that CSV first, then the model");
    session = std::make_unique<Session>(cfg);
  }
  try {
    session->load_weights(m.network);
  } catch (const ConfigError&) {
    throw ConfigError("layers", "the model's network (" + m.network.describe() +
                                    ") does not fit your data's (" + session->network().describe() +
                                    "): a model for another number of classes");
  }
  if (!app.user_mode || cfg.data.dataset != DatasetKind::User) {
    user_leave(app, "the model's dataset");
  } else if (app.user_csv_unsplit) {
    // The points on screen follow the model's split (train rows first, as a CSV import does).
    std::vector<UserPoint> pts;
    const Split& raw = session->raw();
    for (int side = 0; side < 2; ++side) {
      const Points& q = side == 0 ? raw.train : raw.test;
      for (Eigen::Index k = 0; k < q.X.cols(); ++k)
        pts.push_back({q.X(0, k), q.X(1, k), q.y[k], side});
    }
    app.user_points = std::move(pts);
  }
  app.session = std::move(session);
  app.config = app.session->config();
  app_session_replaced(app);
  app.step_base = m.steps;
  app.replayable = false;  // the weights come from the file, not from the seed
  r.message = "model " + app.session->network().describe() + " loaded (trained " +
              std::to_string(m.steps) + " steps); training continues from its weights";
}

}  // namespace

ImportResult files_import(AppState& app, ImportKind kind, const std::string& text,
                          const std::string& name) {
  ImportResult r;
  // Refused before detection, which parses the text.
  r.kind =
      kind == ImportKind::Auto && text.size() <= kMaxImportBytes ? detect_import_kind(text) : kind;
  // A name is only a label: printable, cut to 255 bytes as file systems do.
  const std::string who = name.empty() ? std::string("import") : excerpt(name, 255);
  try {
    if (text.size() > kMaxImportBytes) {
      char buf[128];
      std::snprintf(buf, sizeof buf, "the file is %.1f MB; the limit is %.0f MB",
                    static_cast<double>(text.size()) / 1048576.0,
                    static_cast<double>(kMaxImportBytes) / 1048576.0);
      throw ConfigError("file", buf);
    }
    // The same limit as setConfig and nnplay-cli --config (io/input_limits.hpp).
    if (r.kind == ImportKind::Config && text.size() > kMaxConfigBytes)
      throw ConfigError("file", "a config: " + size_limit_message(text.size(), kMaxConfigBytes));
    const int leaves = app.user_leaves;
    switch (r.kind) {
      case ImportKind::Csv:
        import_csv(app, text, r);
        break;
      case ImportKind::Config:
        import_config(app, text, r);
        break;
      case ImportKind::Model:
      case ImportKind::Auto:
        import_model(app, text, r);
        break;
    }
    r.ok = true;
    r.message = who + ": " + r.message;
    if (app.user_leaves != leaves && app.user_left)
      r.message += "; your " + std::to_string(app.user_left->points.size()) +
                   " previous points: Undo (Data panel) brings them back";
    app_notify(app, r.message);
  } catch (const ConfigError& e) {
    r.ok = false;
    r.field = e.field;
    std::string msg = e.what();
    if (e.field == "csv" || e.field == "file" || e.field == "json")
      msg = msg.substr(e.field.size() + 2);  // the line says where; the field adds nothing
    find_line_in_message(msg, r.line, r.column);
    if (r.line == 0 && r.kind != ImportKind::Csv && !e.field.empty() && e.field != "json" &&
        e.field != "file")
      r.line = json_path_line(text, e.field, &r.column);
    r.error = msg;
    if (r.line > 0 && msg.find("line ") == std::string::npos)
      r.error = "line " + std::to_string(r.line) + ": " + msg;
    r.message = who + ": " + r.error + " (nothing was changed)";
    app_notify(app, r.message);
    app.message_until = app.now + 30.0;  // errors stay up until read (the OK button closes them)
  }
  return r;
}

std::string import_result_json(const ImportResult& r) {
  json j;
  j["ok"] = r.ok;
  j["kind"] = import_kind_name(r.kind);
  j["error"] = r.ok ? json(nullptr) : json(r.error);
  j["field"] = r.field;
  j["line"] = r.line > 0 ? json(r.line) : json(nullptr);
  j["column"] = r.column > 0 ? json(r.column) : json(nullptr);
  j["message"] = r.message;
  return j.dump();
}

// [SECTION] export

std::string export_config_json(const AppState& app) {
  return config_to_json_text(app.session->config());
}

std::string export_model_json(const AppState& app) {
  const Session& s = *app.session;
  return model_to_json(s.config(), s.network(), app.step_base + s.steps()).dump() + "\n";
}

std::string export_loss_csv(const AppState& app) {
  const Session& s = *app.session;
  const double n = static_cast<double>(s.train_inputs().cols());
  const double b = std::min<double>(s.config().batch_size, n);
  std::string out = "step,epoch,train_loss,test_loss,train_accuracy,test_accuracy,learning_rate\n";
  for (const HistoryPoint& p : s.history().points) {
    const double epoch = n > 0 ? static_cast<double>(p.step) * b / n : 0.0;
    out += std::to_string(p.step) + "," + csv_number(epoch) + "," + csv_number(p.train_loss) + "," +
           csv_number(p.test_loss) + "," + csv_number(p.train_accuracy) + "," +
           csv_number(p.test_accuracy) + "," + csv_number(p.learning_rate) + "\n";
  }
  return out;
}

std::string export_data_csv(const AppState& app) {
  const Session& s = *app.session;
  std::string out = "x1,x2,label,split\n";
  const auto row = [&](double x1, double x2, double label, int split) {
    out += csv_number(x1) + "," + csv_number(x2) + "," + csv_number(label) + "," +
           (split == 1 ? "test" : "train") + "\n";
  };
  if (app.user_mode) {
    // The session's order: train points as drawn, then test points (Session splits that way).
    for (int side = 0; side < 2; ++side)
      for (const UserPoint& u : app.user_points)
        if (u.split == side) row(u.x1, u.x2, u.label, side);
    return out;
  }
  if (s.raw().train.X.rows() != 2)
    throw ConfigError("csv", "this dataset (ner_window, 20-d windows) has no 2D points to export");
  for (int side = 0; side < 2; ++side) {
    const Points& p = side == 0 ? s.raw().train : s.raw().test;
    for (Eigen::Index k = 0; k < p.X.cols(); ++k) row(p.X(0, k), p.X(1, k), p.y[k], side);
  }
  return out;
}

namespace {

struct Canvas {
  int size;
  std::vector<float> rgb;  // size*size*3 in 0..1
  void blend(int x, int y, const Rgb& c, float a) {
    if (x < 0 || y < 0 || x >= size || y >= size || a <= 0) return;
    float* p = &rgb[(static_cast<std::size_t>(y) * size + x) * 3];
    a = std::min(a, 1.0f);
    p[0] += (c.r - p[0]) * a;
    p[1] += (c.g - p[1]) * a;
    p[2] += (c.b - p[2]) * a;
  }
  // A filled disk with an outline, anti-aliased by coverage.
  void disk(float cx, float cy, float r, const Rgb& fill, const Rgb& stroke) {
    const int x0 = static_cast<int>(std::floor(cx - r - 1)), x1 = static_cast<int>(cx + r + 1);
    const int y0 = static_cast<int>(std::floor(cy - r - 1)), y1 = static_cast<int>(cy + r + 1);
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) {
        const float d = std::hypot(x + 0.5f - cx, y + 0.5f - cy);
        blend(x, y, stroke, std::clamp(r + 0.5f - d, 0.0f, 1.0f));
        blend(x, y, fill, std::clamp(r - 0.5f - d, 0.0f, 1.0f));
      }
  }
};

Rgb mix(const Rgb& a, const Rgb& b, float t) {
  return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

}  // namespace

bool export_boundary_rgba(AppState& app, int size, std::vector<std::uint8_t>& rgba,
                          std::string* error) {
  Session& ses = *app.session;
  if (ses.raw().train.X.rows() != 2) {
    if (error) *error = "this dataset (ner_window, 20-d windows) has no input plane to draw";
    return false;
  }
  size = std::clamp(size, 16, 4096);
  grid_finish(app.grid, ses, app.model_version, app.structure_version);
  const BoundaryPicture& b = app.grid.boundary;
  if (b.res <= 0 || b.values.empty()) {
    if (error) *error = "the boundary map is not available";
    return false;
  }
  // The colouring of shaders/colormap.frag.glsl, on the CPU.
  const PaletteColors& pc = palette_colors(app.view.palette);
  const Rgb white{1, 1, 1}, line{0.2f, 0.2f, 0.24f};
  const float opacity = 160.0f / 255.0f, line_alpha = 0.6f;
  const int res = b.res;
  const auto texel = [&](int x, int y, int ch) {
    x = std::clamp(x, 0, res - 1);
    y = std::clamp(y, 0, res - 1);
    return b.values[(static_cast<std::size_t>(y) * res + x) * 2 + ch];
  };
  std::vector<float> v(static_cast<std::size_t>(size) * size);  // value (diverging) or class
  std::vector<float> conf(v.size());
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const float tx = (x + 0.5f) * res / size, ty = (y + 0.5f) * res / size;
      const std::size_t i = static_cast<std::size_t>(y) * size + x;
      if (b.mode == MapMode::Classes) {
        v[i] = texel(static_cast<int>(tx), static_cast<int>(ty), 0);
        conf[i] = texel(static_cast<int>(tx), static_cast<int>(ty), 1);
      } else {
        // Bilinear between texel centres, as the texture sampler does.
        const float fx = tx - 0.5f, fy = ty - 0.5f;
        const int ix = static_cast<int>(std::floor(fx)), iy = static_cast<int>(std::floor(fy));
        const float ax = fx - ix, ay = fy - iy;
        const float s = (1 - ay) * ((1 - ax) * texel(ix, iy, 0) + ax * texel(ix + 1, iy, 0)) +
                        ay * ((1 - ax) * texel(ix, iy + 1, 0) + ax * texel(ix + 1, iy + 1, 0));
        const float t = b.transform == 1 ? std::tanh(0.5f * s) : s / std::max(b.scale, 1e-12f);
        v[i] = std::clamp(t, -1.0f, 1.0f);
      }
    }
  Canvas cv{size, std::vector<float>(static_cast<std::size_t>(size) * size * 3)};
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * size + x;
      Rgb c;
      bool edge = false;
      if (b.mode == MapMode::Classes) {
        const int k = std::clamp(static_cast<int>(v[i] + 0.5f), 0, 7);
        const float floor_p = 1.0f / static_cast<float>(std::max(b.classes, 2));
        const float confidence = std::clamp((conf[i] - floor_p) / (1.0f - floor_p), 0.0f, 1.0f);
        const float w = app.view.discretize ? 1.0f : 0.25f + 0.75f * confidence;
        c = mix(white, pc.classes[k], opacity * w);
        edge = (x + 1 < size && v[i + 1] != v[i]) || (y + 1 < size && v[i + size] != v[i]);
      } else {
        const float t = v[i];
        c = app.view.discretize ? (t < 0 ? pc.neg : (t > 0 ? pc.pos : pc.mid))
                                : diverging_color(pc, t);
        c = mix(white, c, opacity);
        edge = (x + 1 < size && (v[i + 1] < 0) != (t < 0)) ||
               (y + 1 < size && (v[i + size] < 0) != (t < 0));
      }
      if (app.view.contour && edge) c = mix(c, line, line_alpha);
      float* p = &cv.rgb[i * 3];
      p[0] = c.r;
      p[1] = c.g;
      p[2] = c.b;
    }

  // The points the map shows, as panel_output draws them (train: white ring, test: dark ring).
  const float r = std::max(2.5f, static_cast<float>(size) / 150.0f);
  const float scale = b.mode == MapMode::Diverging && b.transform == 0 ? b.scale : 1.0f;
  const Rgb ring_train{1, 1, 1}, ring_test{0.08f, 0.08f, 0.09f};
  const auto to_px = [&](double x1, double x2, float& px, float& py) {
    px = static_cast<float>((x1 + kExtent) / (2 * kExtent) * size);
    py = static_cast<float>((kExtent - x2) / (2 * kExtent) * size);
  };
  float px = 0, py = 0;
  if (app.user_mode) {
    const int K = app.user_classes;
    for (int side = 0; side < 2; ++side) {
      if ((side == 0 && !app.view.show_train) || (side == 1 && !app.view.show_test)) continue;
      for (const UserPoint& u : app.user_points) {
        if (u.split != side) continue;
        to_px(u.x1, u.x2, px, py);
        cv.disk(px, py, r, label_color(pc, K, u.label, K == 0 ? 1.0f : scale),
                side ? ring_test : ring_train);
      }
    }
  } else {
    const int K = ses.is_regression() ? 0 : ses.classes();
    for (int side = 0; side < 2; ++side) {
      if ((side == 0 && !app.view.show_train) || (side == 1 && !app.view.show_test)) continue;
      const Points& p = side == 0 ? ses.raw().train : ses.raw().test;
      for (Eigen::Index k = 0; k < p.X.cols(); ++k) {
        to_px(p.X(0, k), p.X(1, k), px, py);
        cv.disk(px, py, r, label_color(pc, K, p.y[k], scale), side ? ring_test : ring_train);
      }
    }
  }

  rgba.resize(static_cast<std::size_t>(size) * size * 4);
  for (std::size_t i = 0; i < static_cast<std::size_t>(size) * size; ++i) {
    for (int ch = 0; ch < 3; ++ch)
      rgba[i * 4 + ch] =
          static_cast<std::uint8_t>(std::lround(std::clamp(cv.rgb[i * 3 + ch], 0.0f, 1.0f) * 255));
    rgba[i * 4 + 3] = 255;
  }
  return true;
}

}  // namespace nn::app
