// Import/export of the app (src/app/files.cpp), headless: config and model round trips (weights
// bit-exact), a CSV with a bad line names that line and changes nothing, size limits, and model
// files exchanged with the real nnplay-cli binary in both directions.
#define CATCH_CONFIG_MAIN
#include "files.hpp"

#include <stb/stb_image.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app.hpp"
#include "file_dialog.hpp"
#include "io/config_json.hpp"
#include "io/input_limits.hpp"
#include "persist.hpp"

using namespace nn;
using namespace nn::app;

namespace {

Config spiral_config() {
  Config c;
  c.seed = 7;
  c.data.dataset = DatasetKind::Spiral;
  c.data.points = 300;
  c.network.hidden = {5, 3};
  c.network.activation = {Activation::Tanh};
  c.optimizer.kind = OptimizerKind::Adam;
  c.optimizer.learning_rate = 0.01;
  c.batch_size = 16;
  return c;
}

// A CSV of n points on two blobs, with a header.
std::string blob_csv(int n) {
  std::string s = "x1,x2,label\n";
  char buf[96];
  for (int i = 0; i < n; ++i) {
    const int k = i % 2;
    std::snprintf(buf, sizeof buf, "%.3f,%.3f,%d\n", (k ? 2.0 : -2.0) + 0.01 * (i % 17),
                  (k ? 1.5 : -1.5) - 0.02 * (i % 11), k);
    s += buf;
  }
  return s;
}

// Everything an import must leave alone when it fails.
struct Snapshot {
  const Session* session;
  long long steps;
  Config config;
  std::vector<UserPoint> points;
  bool user_mode;
  Matrix W0;
  explicit Snapshot(const AppState& a)
      : session(a.session.get()),
        steps(a.session->steps()),
        config(a.config),
        points(a.user_points),
        user_mode(a.user_mode),
        W0(a.session->network().layers[0].W) {}
  bool same(const AppState& a) const {
    bool pts = points.size() == a.user_points.size();
    for (std::size_t i = 0; pts && i < points.size(); ++i)
      pts = points[i].x1 == a.user_points[i].x1 && points[i].x2 == a.user_points[i].x2 &&
            points[i].label == a.user_points[i].label && points[i].split == a.user_points[i].split;
    return session == a.session.get() && steps == a.session->steps() && config == a.config && pts &&
           user_mode == a.user_mode && W0 == a.session->network().layers[0].W;
  }
};

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  REQUIRE(pclose(p) == 0);
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("config export -> import round trip") {
  AppState a;
  app_init(a, spiral_config());
  const std::string text = export_config_json(a);
  AppState b;
  app_init(b, Config{});
  const ImportResult r = files_import(b, ImportKind::Auto, text, "c.json");
  INFO(r.message);
  REQUIRE(r.ok);
  CHECK(r.kind == ImportKind::Config);
  CHECK(b.session->config() == a.session->config());
  CHECK(b.session->train_loss() == a.session->train_loss());  // same data, same initial weights
}

TEST_CASE("model export -> import: bit-exact weights, training continues") {
  AppState a;
  app_init(a, spiral_config());
  app_step(a, 120);
  const std::string text = export_model_json(a);
  AppState b;
  app_init(b, Config{});
  const ImportResult r = files_import(b, ImportKind::Auto, text, "m.json");
  INFO(r.message);
  REQUIRE(r.ok);
  CHECK(r.kind == ImportKind::Model);
  const Network& na = a.session->network();
  const Network& nb = b.session->network();
  REQUIRE(na.num_layers() == nb.num_layers());
  for (int l = 0; l < na.num_layers(); ++l) {
    CHECK(na.layers[l].W == nb.layers[l].W);  // exact, not approximate
    CHECK(na.layers[l].b == nb.layers[l].b);
  }
  CHECK(b.session->train_loss() == a.session->train_loss());
  // The history restarts at the loaded weights' loss, not at the replaced ones'.
  REQUIRE(b.session->history().points.size() == 1);
  CHECK(b.session->history().points[0].train_loss == a.session->train_loss());
  // Training continues, and a re-export counts on from the model's steps.
  const double before = b.session->train_loss();
  app_step(b, 200);
  CHECK(b.session->train_loss() < before);
  CHECK(nlohmann::json::parse(export_model_json(b))["steps"] == 320);
}

TEST_CASE("a CSV with a bad line names the line and changes nothing") {
  AppState app;
  app_init(app, spiral_config());
  app_step(app, 10);
  const Snapshot before(app);
  std::string csv = blob_csv(20);
  // Line 8 = header + 6 good rows + this one.
  std::size_t pos = 0;
  for (int l = 0; l < 7; ++l) pos = csv.find('\n', pos) + 1;
  csv.insert(pos, "0.5,abc,1\n");
  const ImportResult r = files_import(app, ImportKind::Auto, csv, "points.csv");
  CHECK_FALSE(r.ok);
  CHECK(r.kind == ImportKind::Csv);
  CHECK(r.line == 8);
  CHECK(r.column == 2);
  CHECK(r.error.find("line 8") != std::string::npos);
  CHECK(r.message.find("points.csv") != std::string::npos);
  CHECK(app.message == r.message);
  CHECK(before.same(app));

  // The same while already on user data: the user's points stay.
  REQUIRE(files_import(app, ImportKind::Csv, blob_csv(30), "good.csv").ok);
  const Snapshot user(app);
  CHECK(app.user_points.size() == 30);
  const ImportResult r2 =
      files_import(app, ImportKind::Csv, "x1,x2,label\n1,2,0\n3,4,7\n", "b.csv");
  CHECK_FALSE(r2.ok);
  CHECK(r2.line == 3);
  CHECK(user.same(app));
}

TEST_CASE("a good CSV becomes user data") {
  AppState app;
  app_init(app, Config{});
  const ImportResult r = files_import(app, ImportKind::Auto, blob_csv(40), "blobs.csv");
  INFO(r.message);
  REQUIRE(r.ok);
  CHECK(app.user_mode);
  CHECK(app.user_points.size() == 40);
  CHECK(app.session->raw().train.X.cols() + app.session->raw().test.X.cols() == 40);
  CHECK(app.config.data.dataset == DatasetKind::User);
  CHECK(app_step(app, 50) == 50);
  // Three classes switch to softmax; fractional labels to regression (mse).
  REQUIRE(files_import(app, ImportKind::Csv, "1,1,0\n2,2,1\n3,3,2\n-1,-1,0\n", "three.csv").ok);
  CHECK(app.session->config().loss == Loss::Softmax);
  CHECK(app.user_classes == 3);
  REQUIRE(files_import(app, ImportKind::Csv, "1,1,0.5\n2,2,-0.25\n3,3,1.5\n", "reg.csv").ok);
  CHECK(app.session->config().loss == Loss::Mse);
  CHECK(app.session->is_regression());
}

TEST_CASE("a classifier model is refused onto regression points, naming the field") {
  // A 2-class model (logistic loss) trained by nnplay-cli on the circle; the app holds drawn
  // regression targets (fractional labels).
  AppState src;
  app_init(src, Config{});
  app_step(src, 20);
  const std::string model = export_model_json(src);
  AppState app;
  app_init(app, Config{});
  REQUIRE(
      files_import(app, ImportKind::Csv, "1,1,0.5\n2,2,-0.25\n3,3,1.5\n-1,0,0.75\n", "r.csv").ok);
  const Snapshot before(app);
  const ImportResult r = files_import(app, ImportKind::Model, model, "circle-model.json");
  INFO(r.message);
  CHECK_FALSE(r.ok);
  CHECK(r.field == "config.loss");
  CHECK(r.message.find("classifier") != std::string::npos);
  CHECK(r.message.find("regression") != std::string::npos);
  CHECK(r.line > 0);  // the line of "loss" in the model file
  CHECK(before.same(app));
}

TEST_CASE("a CSV without a split column and a model reproduce nnplay-cli's run") {
  // nnplay-cli --data splits the rows by the config's seed and train fraction; the app, given
  // the same CSV and then the model, splits them the same way whatever its own seed was.
  const std::string dir = NNPLAY_BINARY_DIR;
  const std::string csv_path = dir + "/files_test_nosplit.csv";
  const std::string cfg_path = dir + "/files_test_nosplit.json";
  const std::string model_path = dir + "/files_test_nosplit_model.json";
  { std::ofstream(csv_path) << blob_csv(60); }
  Config c;
  c.seed = 11;
  c.data.train_fraction = 0.7;
  c.network.hidden = {3};
  { std::ofstream(cfg_path) << config_to_json_text(c); }
  const auto cli =
      nlohmann::json::parse(run(std::string(NNPLAY_CLI) + " train --config " + cfg_path +
                                " --data " + csv_path + " --steps 120 --save " + model_path));
  AppState app;
  Config other;
  other.seed = 999;  // a different seed and fraction when the CSV comes in
  other.data.train_fraction = 0.4;
  app_init(app, other);
  REQUIRE(files_import(app, ImportKind::Csv, read_file(csv_path), "points.csv").ok);
  const ImportResult r = files_import(app, ImportKind::Model, read_file(model_path), "m.json");
  INFO(r.message);
  REQUIRE(r.ok);
  CHECK(app.session->raw().train.X.cols() == 42);
  CHECK(app.session->train_loss() == cli["train_loss"].get<double>());
  CHECK(app.session->test_loss() == cli["test_loss"].get<double>());
  // Training on continues exactly as nnplay-cli --load does.
  app_step(app, 30);
  { std::ofstream(model_path + ".app") << export_model_json(app); }
  const auto more = nlohmann::json::parse(run(std::string(NNPLAY_CLI) + " train --load " +
                                              model_path + " --data " + csv_path + " --steps 30"));
  CHECK(more["train_loss"].get<double>() == app.session->train_loss());
}

TEST_CASE("replacing user data keeps an Undo that brings the points back") {
  AppState app;
  app_init(app, Config{});
  for (int i = 0; i < 12; ++i) user_add_point(app, -3 + 0.5 * i, 1.0, i % 2 == 1);
  app_update(app, 0.0);
  REQUIRE(app.user_mode);
  const std::vector<UserPoint> drawn = app.user_points;
  const std::size_t n = drawn.size();
  auto same_points = [&](const std::vector<UserPoint>& a) {
    bool ok = a.size() == drawn.size();
    for (std::size_t i = 0; ok && i < a.size(); ++i)
      ok = a[i].x1 == drawn[i].x1 && a[i].x2 == drawn[i].x2 && a[i].label == drawn[i].label &&
           a[i].split == drawn[i].split;
    return ok;
  };
  // 1. A config that names a dataset (import, setConfig, a lesson all go through here).
  Config xor_cfg;
  xor_cfg.data.dataset = DatasetKind::Xor;
  const ImportResult r = files_import(app, ImportKind::Config, config_to_json_text(xor_cfg), "x");
  REQUIRE(r.ok);
  CHECK_FALSE(app.user_mode);
  CHECK(r.message.find("Undo") != std::string::npos);
  CHECK(user_can_undo(app));
  REQUIRE(user_undo(app));
  CHECK(app.user_mode);
  CHECK(same_points(app.user_points));
  CHECK(app.session->raw().train.X.cols() + app.session->raw().test.X.cols() ==
        static_cast<Eigen::Index>(n));
  // 2. Switching dataset with the controls and back.
  app.config.data.dataset = DatasetKind::Moons;
  app_update(app, 0.1);
  CHECK_FALSE(app.user_mode);
  CHECK(app.message.find("Undo") != std::string::npos);
  app.config.data.dataset = DatasetKind::Circle;
  app_update(app, 0.2);
  REQUIRE(user_undo(app));
  CHECK(same_points(app.user_points));
  // 3. A CSV replacing the drawn points, then Undo; the CSV's points are kept in turn.
  REQUIRE(files_import(app, ImportKind::Csv, blob_csv(20), "b.csv").ok);
  CHECK(app.user_points.size() == 20);
  REQUIRE(user_undo(app));
  CHECK(same_points(app.user_points));
  REQUIRE(app.user_left.has_value());
  CHECK(app.user_left->points.size() == 20);
}

TEST_CASE("saved user data restores the points and their settings") {
  AppState app;
  Config c;
  c.seed = 5;
  c.optimizer.learning_rate = 0.1;
  app_init(app, c);
  CHECK(export_user_data(app).empty());  // generated data: nothing to keep
  for (int i = 0; i < 9; ++i) user_add_point(app, 0.5 * i - 2, -0.3 * i, i % 3 == 0, i == 4);
  app_update(app, 0.0);
  const std::string saved = export_user_data(app);
  REQUIRE_FALSE(saved.empty());
  const auto j = nlohmann::json::parse(saved);
  CHECK(j["format"] == "nnplay-user-data");
  CHECK(j["points"] == app.user_points.size());

  AppState fresh;
  app_init(fresh, Config{});
  const ImportResult r = restore_user_data(fresh, saved, false);
  INFO(r.message);
  REQUIRE(r.ok);
  CHECK(fresh.user_mode);
  CHECK(r.message.find("Restored your " + std::to_string(app.user_points.size()) +
                       " drawn points") == 0);
  CHECK(fresh.message == r.message);
  CHECK(fresh.session->config() == app.session->config());
  CHECK(export_user_data(fresh) == saved);  // the same points, split and config
  // keep_settings: a link's settings on the saved points.
  AppState linked;
  Config lc;
  lc.optimizer.learning_rate = 0.3;
  app_init(linked, lc);
  REQUIRE(restore_user_data(linked, saved, true).ok);
  CHECK(linked.session->config().optimizer.learning_rate == 0.3);
  CHECK(linked.user_points.size() == app.user_points.size());
  // Broken text changes nothing and says why.
  AppState other;
  app_init(other, Config{});
  const Snapshot before(other);
  for (const std::string& bad :
       {std::string("{"), std::string("{\"format\": \"x\"}"),
        std::string("{\"format\": \"nnplay-user-data\", \"csv\": \"1,2\"}"),
        saved.substr(0, saved.size() / 2)}) {
    const ImportResult b = restore_user_data(other, bad, false);
    CHECK_FALSE(b.ok);
    CHECK_FALSE(b.message.empty());
    CHECK(before.same(other));
  }
}

TEST_CASE("oversized imports are refused") {
  AppState app;
  app_init(app, Config{});
  const Snapshot before(app);
  const ImportResult r = files_import(app, ImportKind::Csv, blob_csv(kMaxImportPoints + 1), "big");
  CHECK_FALSE(r.ok);
  CHECK(r.line == kMaxImportPoints + 2);  // header + 5000 rows, then the refused one
  CHECK(r.error.find("more than 5000 points") != std::string::npos);
  CHECK(before.same(app));
  REQUIRE(files_import(app, ImportKind::Csv, blob_csv(kMaxImportPoints), "max").ok);
  const Snapshot full(app);
  const ImportResult huge =
      files_import(app, ImportKind::Auto, std::string(kMaxImportBytes + 1, '1'), "huge");
  CHECK_FALSE(huge.ok);
  CHECK(huge.error.find("limit is 4 MB") != std::string::npos);
  CHECK(full.same(app));
  const ImportResult one = files_import(app, ImportKind::Csv, "x1,x2,label\n\n1,2,0\n", "one");
  CHECK_FALSE(one.ok);
  CHECK(one.line == 3);
  CHECK(full.same(app));
}

TEST_CASE("a config import over 1 MB, a NUL byte, a huge file name") {
  AppState app;
  app_init(app, Config{});
  const Snapshot before(app);
  const ImportResult big = files_import(
      app, ImportKind::Config, "{\"seed\": 3" + std::string(2u << 20, ' ') + "}", "big.json");
  CHECK_FALSE(big.ok);
  CHECK(big.field == "file");
  CHECK(big.error.find("a config: the input is 2 MB; the limit is 1 MB") != std::string::npos);
  // nlohmann's lexer stopped at the NUL and the rest was ignored: the import was accepted.
  const ImportResult nul =
      files_import(app, ImportKind::Auto, std::string("{\"seed\": 5}\0garbage", 20), "nul.json");
  CHECK_FALSE(nul.ok);
  CHECK(nul.error.find("a NUL byte") != std::string::npos);
  CHECK(nul.line == 1);
  CHECK(before.same(app));
  // A file name is only a label: cut, printable, the import still applies.
  const ImportResult named =
      files_import(app, ImportKind::Config, "{\"seed\": 3}", std::string(1u << 20, 'n') + "\x1b");
  CHECK(named.ok);
  CHECK(named.message.size() < 400);
  CHECK(named.message.find('\x1b') == std::string::npos);
  CHECK(app.session->config().seed == 3);
}

// A model's steps were read up to LLONG_MAX; the app's export then added its own steps and
// wrapped negative, a file it refused to load. Now counts stay within 2^53 - 1.
TEST_CASE("step counts stop at 2^53 - 1 and the export loads again") {
  AppState a;
  app_init(a, spiral_config());
  nlohmann::json m = nlohmann::json::parse(export_model_json(a));
  m["steps"] = 9223372036854775807LL;
  const ImportResult past = files_import(a, ImportKind::Model, m.dump(), "past.json");
  CHECK_FALSE(past.ok);
  CHECK(past.field == "steps");
  m["steps"] = kMaxStepCount - 3;
  REQUIRE(files_import(a, ImportKind::Model, m.dump(), "near.json").ok);
  CHECK(app_step(a, 10) == 3);
  CHECK(app_step(a, 1) == 0);
  a.playing = true;
  app_update(a, 1.0);  // playing: the frame trains nothing past the limit
  CHECK(a.session->steps() == 3);
  const std::string text = export_model_json(a);
  CHECK(nlohmann::json::parse(text)["steps"] == kMaxStepCount);
  AppState b;
  app_init(b, Config{});
  CHECK(files_import(b, ImportKind::Model, text, "again.json").ok);
}

TEST_CASE("config and model errors name the line") {
  AppState app;
  app_init(app, spiral_config());
  const Snapshot before(app);
  const std::string bad_value =
      "{\n  \"seed\": 3,\n  \"optimizer\": {\n    \"learning_rate\": -1\n  }\n}\n";
  ImportResult r = files_import(app, ImportKind::Auto, bad_value, "c.json");
  CHECK_FALSE(r.ok);
  CHECK(r.field == "optimizer.learning_rate");
  CHECK(r.line == 4);
  CHECK(r.error.rfind("line 4: ", 0) == 0);
  r = files_import(app, ImportKind::Auto, "{\n  \"seed\": 3,\n  \"oops\" 4\n}", "c.json");
  CHECK_FALSE(r.ok);
  CHECK(r.line == 3);
  r = files_import(app, ImportKind::Auto, "{\"seed\": 1,\n \"network\": {\"hiden\": [2]}}", "c");
  CHECK_FALSE(r.ok);
  CHECK(r.line == 2);
  // A model whose second layer has the wrong shape: the line of that layer's W.
  AppState other;
  app_init(other, spiral_config());
  nlohmann::json m = nlohmann::json::parse(export_model_json(other));
  m["layers"][1]["W"].erase(0);
  const std::string model_text = m.dump(1);
  r = files_import(app, ImportKind::Auto, model_text, "m.json");
  CHECK_FALSE(r.ok);
  CHECK(r.field == "layers[1].W");
  REQUIRE(r.line > 0);
  std::istringstream lines(model_text);
  std::string l;
  for (int i = 0; i < r.line; ++i) std::getline(lines, l);
  CHECK(l.find("\"W\"") != std::string::npos);
  CHECK(before.same(app));
}

TEST_CASE("json_path_line") {
  const std::string t = "{\n \"a\": {\"b\": [1,\n 2, [3,\n 4]]},\n \"c\": \"x\"\n}";
  CHECK(json_path_line(t, "a") == 2);
  CHECK(json_path_line(t, "a.b[1]") == 3);
  CHECK(json_path_line(t, "a.b[2][1]") == 4);
  CHECK(json_path_line(t, "c") == 5);
  CHECK(json_path_line(t, "a.zz") == 2);  // deepest existing prefix
  CHECK(json_path_line(t, "nothing") == 0);
}

TEST_CASE("loss CSV and boundary picture") {
  AppState app;
  app_init(app, spiral_config());
  app_step(app, 40);
  const std::string csv = export_loss_csv(app);
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  CHECK(line == "step,epoch,train_loss,test_loss,train_accuracy,test_accuracy,learning_rate");
  std::size_t rows = 0;
  while (std::getline(in, line)) ++rows;
  CHECK(rows == app.session->history().points.size());
  CHECK(rows > 2);
  // After 200 steps (recorded every few steps) the CSV ends at step 200, not the last record.
  AppState run;
  app_init(run, Config{});
  REQUIRE(app_step(run, 200) == 200);
  const std::string loss = export_loss_csv(run);
  const std::size_t tail = loss.rfind('\n', loss.size() - 2);
  CHECK(loss.compare(tail + 1, 4, "200,") == 0);
  // Paused after playing: the history ends where training stopped.
  app_set_playing(run, true);
  for (int f = 0; f < 5; ++f) app_update(run, 1.0 + f / 60.0);
  app_set_playing(run, false);
  CHECK(run.session->steps() > 200);
  CHECK(run.session->history().points.back().step == run.session->steps());

  std::vector<std::uint8_t> rgba;
  std::string error;
  REQUIRE(export_boundary_rgba(app, 200, rgba, &error));
  REQUIRE(rgba.size() == 200u * 200u * 4u);
  // Both classes' colours appear (orange-ish and blue-ish pixels) and alpha is opaque.
  int orange = 0, blue = 0;
  for (std::size_t i = 0; i < rgba.size(); i += 4) {
    if (rgba[i] > rgba[i + 2] + 40) ++orange;
    if (rgba[i + 2] > rgba[i] + 40) ++blue;
    REQUIRE(rgba[i + 3] == 255);
  }
  CHECK(orange > 500);
  CHECK(blue > 500);

  Config ner;
  ner.data.dataset = DatasetKind::NerWindow;
  ner.loss = Loss::MaxMargin;
  AppState n;
  app_init(n, ner);
  CHECK_FALSE(export_boundary_rgba(n, 64, rgba, &error));
  CHECK(error.find("no input plane") != std::string::npos);
}

TEST_CASE("model files exchanged with nnplay-cli") {
  const std::string dir = NNPLAY_BINARY_DIR;
  const std::string cfg_path = dir + "/files_test_config.json";
  const std::string cli_model = dir + "/files_test_cli_model.json";
  const std::string app_model = dir + "/files_test_app_model.json";
  { std::ofstream(cfg_path) << config_to_json_text(spiral_config()); }
  // nnplay-cli -> app: the app evaluates the CLI's model to the CLI's exact losses.
  const auto cli = nlohmann::json::parse(run(std::string(NNPLAY_CLI) + " train --config " +
                                             cfg_path + " --steps 300 --save " + cli_model));
  AppState app;
  app_init(app, Config{});
  const ImportResult r = files_import(app, ImportKind::Auto, read_file(cli_model), "cli.json");
  INFO(r.message);
  REQUIRE(r.ok);
  CHECK(r.kind == ImportKind::Model);
  CHECK(app.session->train_loss() == cli["train_loss"].get<double>());
  CHECK(app.session->test_loss() == cli["test_loss"].get<double>());
  CHECK(app.step_base == 300);

  // app -> nnplay-cli: train on in the app, export, and the CLI evaluates it identically.
  app_step(app, 100);
  { std::ofstream(app_model) << export_model_json(app); }
  const auto back = nlohmann::json::parse(
      run(std::string(NNPLAY_CLI) + " train --load " + app_model + " --steps 0"));
  CHECK(back["steps"] == 400);
  CHECK(back["train_loss"].get<double>() == app.session->train_loss());
  CHECK(back["test_loss"].get<double>() == app.session->test_loss());
}

TEST_CASE("desktop: directory listing, file import and export") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(NNPLAY_BINARY_DIR) / "files_test_dir";
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  for (const char* name : {"b.json", "a.CSV", "c.txt", ".hidden.csv"})
    std::ofstream(dir / name) << "x";
  std::string error;
  const auto entries = list_directory(dir.string(), {".csv", ".json"}, &error);
  REQUIRE(entries.size() == 3);
  CHECK((entries[0].name == "sub" && entries[0].is_dir));
  CHECK(entries[1].name == "a.CSV");
  CHECK(entries[2].name == "b.json");
  CHECK(list_directory(dir.string(), {}, &error).size() == 4);
  CHECK(list_directory((dir / "missing").string(), {}, &error).empty());
  CHECK_FALSE(error.empty());

  AppState app;
  app_init(app, spiral_config());
  const std::string png = (dir / "b.png").string();
  REQUIRE(export_file(app, FileAction::ExportBoundaryPng, png, &error));
  int w = 0, h = 0, comp = 0;
  REQUIRE(stbi_info(png.c_str(), &w, &h, &comp) == 1);
  CHECK(w == 512);
  CHECK(h == 512);
  const std::string model = (dir / "m.json").string();
  REQUIRE(export_file(app, FileAction::ExportModel, model, &error));
  CHECK(read_file(model) == export_model_json(app));
  const ImportResult missing = import_file(app, ImportKind::Auto, (dir / "nope.csv").string());
  CHECK_FALSE(missing.ok);
  CHECK(missing.error.find("cannot read") != std::string::npos);
  const ImportResult back = import_file(app, ImportKind::Auto, model);
  CHECK(back.ok);
  CHECK(back.message.rfind("m.json: model", 0) == 0);
}

TEST_CASE("the data CSV export re-imports to the same run, bit for bit") {
  // Imported points off any grid, regression targets and a test split: the exact doubles return.
  std::string csv = "x1,x2,label,split\n";
  for (int i = 0; i < 40; ++i)
    csv += std::to_string(-5.0 + 0.2731 * i) + "," + std::to_string(3.1 - 0.1577 * i) + "," +
           std::to_string(0.37 * i - 6.5) + "," + (i % 4 == 3 ? "test" : "train") + "\n";
  AppState a;
  app_init(a, Config{});
  REQUIRE(files_import(a, ImportKind::Csv, csv, "a.csv").ok);
  const std::string data = export_data_csv(a);
  CHECK(data.rfind("x1,x2,label,split\n", 0) == 0);
  AppState b;
  app_init(b, Config{});
  const ImportResult r = files_import(b, ImportKind::Csv, data, "data.csv");
  REQUIRE(r.ok);
  CHECK(export_data_csv(b) == data);
  CHECK(app_step(a, 200) == 200);
  CHECK(app_step(b, 200) == 200);
  CHECK(b.session->train_loss() == a.session->train_loss());
  CHECK(b.session->test_loss() == a.session->test_loss());
  // Generated data: the same points and split come back.
  AppState g;
  app_init(g, Config{});
  AppState h;
  app_init(h, Config{});
  REQUIRE(files_import(h, ImportKind::Csv, export_data_csv(g), "g.csv").ok);
  CHECK(h.session->raw().train.X == g.session->raw().train.X);
  CHECK(h.session->raw().test.y == g.session->raw().test.y);
  // The desktop flag's path (export_file) writes the same text.
  const std::string path = std::string(NNPLAY_BINARY_DIR) + "/data-export-test.csv";
  std::string error;
  REQUIRE(export_file(a, FileAction::ExportDataCsv, path, &error));
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  CHECK(ss.str() == data);
}
