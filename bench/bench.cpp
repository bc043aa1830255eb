// Throughput benchmark of the core, one program for both platforms (native, and wasm under node):
// training samples/s of TensorFlow Playground's default net and of a big net, and the 256x256
// boundary grid (Session::predict_grid) of both. Prints one JSON object with medians and every
// repetition; scripts/bench runs both builds and compares them with the TF Playground reference.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/session.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <emscripten/heap.h>
#else
#include <ctime>
#endif

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Process CPU time (s). On a shared machine the wall clock also counts the time other processes
// hold the core; CPU time does not, so its figures are the steadier ones for comparing changes.
#ifdef __EMSCRIPTEN__
// clang-format off
EM_JS(double, node_cpu_microseconds, (), {
  if (typeof process != "object" || !process.cpuUsage) return 0;
  var u = process.cpuUsage();
  return u.user + u.system;
});
// clang-format on
double cpu_seconds() { return node_cpu_microseconds() * 1e-6; }
#else
double cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}
#endif

// One repetition's figure by the wall clock (steady_clock, the reported one) and by CPU time.
struct Timing {
  std::vector<double> wall, cpu;
};

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// TensorFlow Playground's training setting: circle data (500 points, half for training), tanh
// everywhere including the output, squared error on -1/+1 targets, SGD 0.03, batch 10.
nn::Config playground_config(bool big) {
  nn::Config c;
  c.data.dataset = nn::DatasetKind::Circle;
  c.data.points = 500;
  c.data.noise = 0.0;
  c.data.train_fraction = 0.5;
  c.network.activation = {nn::Activation::Tanh};
  c.network.output_activation = nn::Activation::Tanh;
  c.loss = nn::Loss::Mse;
  c.optimizer.kind = nn::OptimizerKind::Sgd;
  c.optimizer.learning_rate = 0.03;
  c.batch_size = 10;
  if (big) {
    c.features = nn::all_features();        // 7 inputs
    c.network.hidden = {8, 8, 8, 8, 8, 8};  // 6 layers of 8
  } else {
    c.features = {nn::Feature::X1, nn::Feature::X2};
    c.network.hidden = {4, 2};
  }
  return c;
}

struct Options {
  int reps = 7;               // repetitions per row; the median is reported
  double rep_seconds = 0.25;  // target length of one training repetition
  int grid_reps = 21;
  std::string only;  // "" (all) or one row's short name (see usage)
};

long long g_steps_total = 0;  // every training step run (for the heap-growth figure)

[[noreturn]] void fail(const std::string& msg) {
  std::fprintf(stderr, "bench: %s\n", msg.c_str());
  std::exit(1);
}

// Steps in calls of 64, as the app's frame loop does. Under node this matters: V8 first runs
// wasm code from its baseline compiler and swaps in the optimized code at the next call, so a
// single call with a long loop inside would stay on the baseline code.
void run_steps(nn::Session& s, int n) {
  for (int done = 0; done < n;) {
    const int k = std::min(64, n - done);
    if (s.step(k) != k || s.diverged()) fail("training diverged: " + s.divergence_reason());
    done += k;
  }
  g_steps_total += n;
}

// Runs for about `seconds` (at least `min_calls` calls): caches sized, the weights past their first
// transients, and, under node, the optimizing compiler done with the hot functions.
template <typename F>
void warm_up(F&& f, double seconds, int min_calls) {
  const auto t0 = Clock::now();
  for (int i = 0; i < min_calls || seconds_since(t0) < seconds; ++i) f();
}

// Training samples per second, one figure per repetition. History recording (a full evaluation
// of both splits) is switched off: it is not part of the training step, and the app records
// sparsely during long runs too.
Timing bench_training(bool big, const Options& o) {
  nn::Session s(playground_config(big));
  s.set_record_every(1 << 30);
  warm_up([&] { run_steps(s, 10); }, 0.3, 200);
  // Calibrate the steps per repetition so that each lasts about rep_seconds.
  int steps = 1000;
  for (;;) {
    const auto t0 = Clock::now();
    run_steps(s, steps);
    const double dt = seconds_since(t0);
    if (dt >= 0.05 || steps >= (1 << 24)) {
      steps = std::max(100, static_cast<int>(steps * o.rep_seconds / std::max(dt, 1e-9)));
      break;
    }
    steps *= 4;
  }
  const double batch = s.config().batch_size;
  Timing out;
  for (int r = 0; r < o.reps; ++r) {
    const double c0 = cpu_seconds();
    const auto t0 = Clock::now();
    run_steps(s, steps);
    out.wall.push_back(steps * batch / seconds_since(t0));
    out.cpu.push_back(steps * batch / (cpu_seconds() - c0));
  }
  return out;
}

// Milliseconds for one 256x256 predict_grid (the forward pass; the grid's inputs are prepared
// once per resolution) on a net trained for a while, so its activations are not all near zero.
// display: predict_grid_display, the single-precision evaluation for pictures.
Timing bench_grid(bool big, bool display, const Options& o) {
  nn::Session s(playground_config(big));
  s.set_record_every(1 << 30);
  run_steps(s, 2000);
  nn::Matrix scores;
  std::vector<float> picture;
  auto grid = [&] {
    if (display)
      s.predict_grid_display(256, picture);
    else
      s.predict_grid(256, scores);
  };
  warm_up(grid, 0.3, 3);
  Timing out;
  double sink = 0;
  for (int r = 0; r < o.grid_reps; ++r) {
    const double c0 = cpu_seconds();
    const auto t0 = Clock::now();
    grid();
    out.wall.push_back(1e3 * seconds_since(t0));
    out.cpu.push_back(1e3 * (cpu_seconds() - c0));
    sink += display ? picture[static_cast<std::size_t>(r)] : scores(0, r);
  }
  if (!(sink == sink)) fail("grid produced NaN");
  return out;
}

void print_array(const std::vector<double>& v) {
  std::printf("[");
  for (std::size_t i = 0; i < v.size(); ++i) std::printf("%s%.6g", i ? ", " : "", v[i]);
  std::printf("]");
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) fail("missing value after " + a);
      return argv[++i];
    };
    if (a == "--reps") {
      o.reps = std::max(1, std::atoi(next().c_str()));
      o.grid_reps = std::max(1, 3 * o.reps);
    } else if (a == "--rep-seconds") {
      o.rep_seconds = std::atof(next().c_str());
    } else if (a == "--only") {
      o.only = next();
    } else if (a == "--quick") {
      o.reps = 3;
      o.grid_reps = 5;
      o.rep_seconds = 0.05;
    } else {
      fail(
          "usage: nnplay_bench [--reps N] [--rep-seconds S] [--only train_default|train_big|"
          "grid_default|grid_big|display_default|display_big] [--quick]; unknown argument " +
          a);
    }
  }
  struct Row {
    const char* key;
    const char* only;
    Timing runs;
  };
  std::vector<Row> rows = {{"default_net_samples_per_second", "train_default", {}},
                           {"big_net_samples_per_second", "train_big", {}},
                           {"grid256_default_ms", "grid_default", {}},
                           {"grid256_big_ms", "grid_big", {}},
                           {"grid256_default_display_ms", "display_default", {}},
                           {"grid256_big_display_ms", "display_big", {}}};
  // The wasm heap (linear memory) before and after the training rows: a training step that
  // allocated would make it grow over the run's hundreds of thousands of steps.
  [[maybe_unused]] double heap_before = 0, heap_after = 0;
  for (std::size_t k = 0; k < rows.size(); ++k) {
#ifdef __EMSCRIPTEN__
    if (k == 0) heap_before = static_cast<double>(emscripten_get_heap_size());
    if (k == 2) heap_after = static_cast<double>(emscripten_get_heap_size());
#endif
    if (!o.only.empty() && o.only != rows[k].only) continue;
    rows[k].runs = k < 2 ? bench_training(k == 1, o) : bench_grid(k % 2 == 1, k >= 4, o);
  }

  std::printf("{\n");
#ifdef __EMSCRIPTEN__
  std::printf("  \"platform\": \"wasm\",\n");
  std::printf("  \"heap_bytes_before_training\": %.0f,\n  \"heap_bytes_after_training\": %.0f,\n",
              heap_before, heap_after);
#else
  std::printf("  \"platform\": \"native\",\n");
#endif
  std::printf("  \"compiler\": \"%s\",\n", __VERSION__);
  std::printf("  \"reps\": %d,\n  \"grid_reps\": %d,\n", o.reps, o.grid_reps);
  std::printf("  \"train_steps_total\": %lld,\n", g_steps_total);
  for (const Row& r : rows)
    if (!r.runs.wall.empty()) std::printf("  \"%s\": %.6g,\n", r.key, median(r.runs.wall));
  // The same medians by CPU time, then every repetition (wall, then CPU time).
  std::printf("  \"cpu_time\": {");
  bool first = true;
  for (const Row& r : rows) {
    if (r.runs.cpu.empty()) continue;
    std::printf("%s\n    \"%s\": %.6g", first ? "" : ",", r.key, median(r.runs.cpu));
    first = false;
  }
  std::printf("\n  },\n  \"runs\": {");
  first = true;
  for (const Row& r : rows) {
    if (r.runs.wall.empty()) continue;
    std::printf("%s\n    \"%s\": ", first ? "" : ",", r.key);
    print_array(r.runs.wall);
    first = false;
  }
  std::printf("\n  },\n  \"cpu_runs\": {");
  first = true;
  for (const Row& r : rows) {
    if (r.runs.cpu.empty()) continue;
    std::printf("%s\n    \"%s\": ", first ? "" : ",", r.key);
    print_array(r.runs.cpu);
    first = false;
  }
  std::printf("\n  }\n}\n");
  return 0;
}
