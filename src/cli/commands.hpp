// The four nnplay-cli subcommands as plain functions over option structs, so main.cpp only wires
// CLI11 to them. Each prints one JSON object on stdout and returns the process exit code; bad
// input is thrown (InputError, ConfigError) and turned into exit code 2 by main.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace nn::cli {

struct TrainOptions {
  std::string config;  // file or "-" (stdin); may be empty when --load is given
  int steps = 1000;
  std::optional<std::uint64_t> seed;
  std::string history;   // CSV of the per-step history
  std::string save;      // model JSON written after training
  std::string load;      // model JSON whose weights training starts from
  std::string data;      // CSV of user points instead of the generated dataset
  int record_every = 0;  // --record-every N; 0 = not given (every step, thinned past 1e5 rows)
};
int run_train(const TrainOptions& opt);

struct GradcheckOptions {
  std::string config;
  std::optional<std::uint64_t> seed;
  std::string load;
  int steps = 0;  // train this many steps first (gradients at init can be tiny)
  double eps = 1e-5;
  std::optional<double> tolerance;  // exit 1 when max_relative_error exceeds it
};
int run_gradcheck(const GradcheckOptions& opt);

struct BenchOptions {
  std::string config;
  std::optional<std::uint64_t> seed;
  double seconds = 2.0;
};
int run_bench(const BenchOptions& opt);

struct ExportOptions {
  std::string config;
  std::optional<std::uint64_t> seed;
  std::string out;  // file or "-" (stdout)
};
int run_export(const ExportOptions& opt);

}  // namespace nn::cli
