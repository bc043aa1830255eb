// nnplay-cli train / gradcheck / bench / export on top of nn::Session. The CLI owns everything the
// core must not do: files, the terminal, and the clock (std::chrono::steady_clock for bench).
// Output is one JSON object on stdout (keys in a fixed order); problems are thrown to main.
#include "cli/commands.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_util.hpp"
#include "core/gradcheck.hpp"
#include "core/session.hpp"
#include "io/csv.hpp"
#include "io/input_limits.hpp"
#include "io/model_json.hpp"

namespace nn::cli {

namespace {

using ordered_json = nlohmann::ordered_json;

void print_json(const ordered_json& j) { std::cout << j.dump(2) << "\n" << std::flush; }

LoadedModel load_model_file(const std::string& path) {
  const std::string text = read_text(path, "model file", kMaxModelBytes);
  try {
    return parse_model_json(text);
  } catch (const ConfigError& e) {
    throw InputError(display_name(path) + ": " + describe(e));
  }
}

// The session of a command: generated data from the config, or the points of a CSV file.
std::unique_ptr<Session> make_session(Config cfg, const std::string& config_source,
                                      const std::string& data_path) {
  if (data_path.empty()) {
    if (cfg.data.dataset == DatasetKind::User)
      throw InputError(config_source +
                       ": data.dataset is \"user\": pass the points with --data FILE.csv");
    return std::make_unique<Session>(cfg);
  }
  CsvData csv;
  try {
    csv = read_points_csv(read_text(data_path, "data file", kMaxCsvBytes));
  } catch (const ConfigError& e) {
    throw InputError(display_name(data_path) + ": " + describe(e));
  }
  // The app's rule (files.cpp): a split column that puts every row in test leaves nothing to
  // train on (the session would report a divergence on an empty batch).
  const bool any_split =
      std::any_of(csv.split.begin(), csv.split.end(), [](int s) { return s >= 0; });
  if (any_split && std::none_of(csv.split.begin(), csv.split.end(), [](int s) { return s != 1; }))
    throw InputError(display_name(data_path) +
                     ": every row is in the test split; at least one must be train");
  if (csv.points.classes == 0) {
    // Fractional labels: a regression set, which only the squared error can fit.
    if (cfg.loss != Loss::Mse)
      throw InputError(display_name(data_path) +
                       ": the labels are real numbers (regression), so the loss must be mse, "
                       "got " +
                       std::string(name(cfg.loss)));
    cfg.data.classes = 2;  // unused for regression; keeps the validator's class checks quiet
  } else {
    cfg.data.classes = csv.points.classes;  // the data decides how many classes there are
  }
  return std::make_unique<Session>(cfg, csv.points, csv.split);
}

// Puts a saved model's weights into the session (Session::load_weights checks that the shapes,
// activations and leaky slope match the config's); the message names the model file.
void install_weights(Session& session, const Network& model, const std::string& model_path) {
  try {
    session.load_weights(model);
  } catch (const ConfigError& e) {
    throw InputError(display_name(model_path) + ": " + e.what());
  }
}

std::string history_csv(const std::vector<HistoryPoint>& points) {
  std::string out = "step,train_loss,test_loss,train_accuracy,test_accuracy,learning_rate\n";
  for (const HistoryPoint& p : points)
    out += std::to_string(p.step) + "," + csv_number(p.train_loss) + "," + csv_number(p.test_loss) +
           "," + csv_number(p.train_accuracy) + "," + csv_number(p.test_accuracy) + "," +
           csv_number(p.learning_rate) + "\n";
  return out;
}

HistoryPoint snapshot(Session& s) {
  HistoryPoint p;
  p.step = s.steps();
  p.train_loss = s.train_loss();
  p.test_loss = s.test_loss();
  p.train_accuracy = s.train_accuracy();
  p.test_accuracy = s.test_accuracy();
  p.learning_rate = s.learning_rate();
  return p;
}

void draw_progress(long long done, long long total, double loss) {
  const int width = 30;
  const int filled = total > 0 ? static_cast<int>(width * done / total) : width;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(width, '.');
  std::fprintf(stderr, "\r[%s] %lld/%lld steps  train loss %.5g ", bar.c_str(), done, total, loss);
  std::fflush(stderr);
}

// History is kept only for --history (otherwise a run of N steps would hold N points). Then a
// point every --record-every steps, refused beyond kMaxHistoryRows rows; without --record-every
// every step, or every 2^k-th step when the run is longer than kMaxHistoryRows steps.
constexpr long long kMaxHistoryRows = 100000;

int history_interval(const TrainOptions& opt) {
  if (opt.history.empty()) return INT_MAX;
  if (opt.record_every > 0) {
    if (opt.steps / opt.record_every > kMaxHistoryRows)
      throw InputError("--record-every " + std::to_string(opt.record_every) + ": " +
                       std::to_string(opt.steps) + " steps would keep " +
                       std::to_string(opt.steps / opt.record_every) +
                       " history rows; the limit is " + std::to_string(kMaxHistoryRows) +
                       " (record less often)");
    return opt.record_every;
  }
  int every = 1;
  while (opt.steps / every > kMaxHistoryRows) every *= 2;
  return every;
}

struct Prepared {
  std::unique_ptr<Session> session;
  long long base_steps = 0;  // steps the loaded model had already been trained
};

// Config from --config, else from the --load model; then --seed, the data and the weights.
Prepared prepare(const std::string& config_path, const std::string& load_path,
                 const std::optional<std::uint64_t>& seed, const std::string& data_path,
                 const std::string& command) {
  if (config_path.empty() && load_path.empty())
    throw InputError(command + " needs --config FILE (or - for standard input)" +
                     (command == "train" || command == "gradcheck" ? " or --load model.json" : ""));
  std::optional<LoadedModel> model;
  if (!load_path.empty()) model = load_model_file(load_path);
  Config cfg = config_path.empty() ? model->config : load_config_file(config_path);
  if (seed) cfg.seed = *seed;
  Prepared p;
  p.session =
      make_session(cfg, display_name(config_path.empty() ? load_path : config_path), data_path);
  if (model) {
    install_weights(*p.session, model->network, load_path);
    p.base_steps = model->steps;
  }
  return p;
}

}  // namespace

int run_train(const TrainOptions& opt) {
  Prepared prep = prepare(opt.config, opt.load, opt.seed, opt.data, "train");
  Session& s = *prep.session;
  // Step counts stay within 2^53 - 1 (a model file's limit): refuse a run that would pass it.
  if (prep.base_steps > kMaxStepCount - opt.steps)
    throw InputError("--steps " + std::to_string(opt.steps) + ": the model has been trained " +
                     std::to_string(prep.base_steps) +
                     " steps; the total would pass the limit of " + std::to_string(kMaxStepCount) +
                     " (2^53 - 1)");
  s.set_record_every(history_interval(opt));
  const HistoryPoint start = snapshot(s);  // right after loading (the session's own is pre-load)

  const bool progress = isatty(STDERR_FILENO) != 0 && opt.steps > 0;
  const int chunk = progress ? std::max(1, opt.steps / 100) : std::max(1, opt.steps);
  int done = 0;
  while (done < opt.steps) {
    const int n = std::min(chunk, opt.steps - done);
    const int d = s.step(n);
    done += d;
    if (progress) draw_progress(done, opt.steps, s.train_loss());
    if (d < n) break;  // diverged
  }
  if (progress) std::fputc('\n', stderr);

  const long long total = prep.base_steps + s.steps();
  if (!opt.history.empty()) {
    std::vector<HistoryPoint> points = s.history().points;
    if (!points.empty() && points.front().step == 0) points.front() = start;
    for (HistoryPoint& p : points) p.step += prep.base_steps;
    write_text(opt.history, history_csv(points), "history file");
  }
  if (!opt.save.empty())
    write_text(opt.save, model_to_json(s.config(), s.network(), total).dump() + "\n", "model file");

  ordered_json out;
  out["steps"] = total;
  out["train_loss"] = s.train_loss();
  out["test_loss"] = s.test_loss();
  out["train_accuracy"] = s.train_accuracy();
  out["test_accuracy"] = s.test_accuracy();
  out["diverged"] = s.diverged();
  if (s.diverged()) out["divergence_reason"] = s.divergence_reason();
  if (!s.warning().empty()) out["warning"] = s.warning();
  print_json(out);
  return kExitOk;
}

int run_gradcheck(const GradcheckOptions& opt) {
  if (!(opt.eps > 0)) throw InputError("--eps must be positive");
  Prepared prep = prepare(opt.config, opt.load, opt.seed, "", "gradcheck");
  Session& s = *prep.session;
  s.set_record_every(INT_MAX);
  if (opt.steps > 0) s.step(opt.steps);
  // The whole training split (keeps max-margin pairs intact); evaluation mode, so no dropout.
  const Matrix& X = s.train_inputs();
  const Vector& y = s.train_targets();
  const auto loss = [&](bool with_grad) {
    return with_grad ? s.loss_and_gradients(X, y) : s.loss_only(X, y);
  };
  const double J = s.loss_only(X, y);
  const GradCheckResult r = gradient_check(s.network(), loss, opt.eps);

  ordered_json layers = ordered_json::array();
  for (std::size_t l = 0; l < r.layer_max.size(); ++l) {
    const Layer& layer = s.network().layers[l];
    layers.push_back({{"layer", l},
                      {"shape", {layer.n_out(), layer.n_in()}},
                      {"activation", name(layer.f)},
                      {"max_relative_error", r.layer_max[l]}});
  }
  ordered_json out;
  out["parameters"] = r.parameters;
  out["samples"] = X.cols();
  out["steps"] = prep.base_steps + s.steps();
  out["eps"] = opt.eps;
  out["loss"] = J;
  out["max_relative_error"] = r.max_relative_error;
  out["layers"] = layers;
  const bool failed = opt.tolerance && !(r.max_relative_error <= *opt.tolerance);
  if (opt.tolerance) {
    out["tolerance"] = *opt.tolerance;
    out["passed"] = !failed;
  }
  print_json(out);
  return failed ? kExitCheckFailed : kExitOk;
}

int run_bench(const BenchOptions& opt) {
  using Clock = std::chrono::steady_clock;
  const auto seconds_since = [](Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
  };
  Prepared prep = prepare(opt.config, "", opt.seed, "", "bench");
  Session& s = *prep.session;
  s.set_record_every(INT_MAX);  // measure training, not the per-step evaluation of history

  // Training: half of the budget, in chunks so the clock is read rarely.
  s.step(10);  // warm-up: workspaces reach their final size
  if (s.diverged()) s.reset();
  const double budget = opt.seconds / 2;
  const int chunk = 16;
  long long steps = 0, samples = 0;
  int resets = 0;
  const Clock::time_point t0 = Clock::now();
  double train_seconds = 0;
  do {
    const int d = s.step(chunk);
    steps += d;
    samples += static_cast<long long>(d) * s.last_batch_inputs().cols();
    if (d < chunk) {  // diverged: start over, the cost of a step does not depend on the weights
      s.reset();
      ++resets;
    }
    train_seconds = seconds_since(t0);
  } while (train_seconds < budget);

  // Boundary grid: forward passes over 256 x 256 points, the other half of the budget.
  const int res = 256;
  Matrix scores;
  s.predict_grid(res, scores);  // warm-up
  const bool has_grid = scores.cols() > 0;
  long long passes = 0;
  double grid_seconds = 0;
  if (has_grid) {
    const Clock::time_point t1 = Clock::now();
    do {
      s.predict_grid(res, scores);
      ++passes;
      grid_seconds = seconds_since(t1);
    } while (grid_seconds < budget);
  }

  ordered_json out;
  out["parameters"] = s.network().num_parameters();
  out["batch_size"] = s.last_batch_inputs().cols();
  out["steps"] = steps;
  out["train_seconds"] = train_seconds;
  out["steps_per_second"] = static_cast<double>(steps) / train_seconds;
  out["samples_per_second"] = static_cast<double>(samples) / train_seconds;
  out["grid_resolution"] = res;
  out["grid_passes"] = passes;
  out["grid_seconds"] = grid_seconds;
  // ner_window has 20-d inputs and no input plane to draw: no grid.
  out["grid_points_per_second"] =
      has_grid ? ordered_json(static_cast<double>(passes) * res * res / grid_seconds)
               : ordered_json(nullptr);
  out["divergence_resets"] = resets;
  print_json(out);
  return kExitOk;
}

int run_export(const ExportOptions& opt) {
  Prepared prep = prepare(opt.config, "", opt.seed, "", "export");
  const Split& raw = prep.session->raw();
  std::string text;
  try {
    text = write_points_csv(raw);
  } catch (const ConfigError& e) {
    throw InputError("cannot export this dataset: " + describe(e));
  }
  write_text(opt.out, text, "CSV file");
  if (opt.out != "-") {  // with "-" stdout carries the CSV itself
    ordered_json out;
    out["out"] = opt.out;
    out["train_points"] = raw.train.X.cols();
    out["test_points"] = raw.test.X.cols();
    out["classes"] = raw.train.classes;
    print_json(out);
  }
  return kExitOk;
}

}  // namespace nn::cli
