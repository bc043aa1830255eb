// nnplay-cli: headless train / gradcheck / bench / export on the core (see docs/cli.md).
// This file only wires CLI11 to the commands and keeps the error contract: any problem ends with
// exactly one line on stderr and exit code 2 (bad input) or 1 (internal error), never a trace.
#include <CLI/CLI.hpp>
#include <climits>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <new>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "cli/cli_util.hpp"
#include "cli/commands.hpp"
#include "core/text.hpp"
#include "core/types.hpp"

namespace {

using namespace nn::cli;

int fail(int code, const std::string& message) {
  std::cerr << "nnplay-cli: error: " << one_line(message) << std::endl;
  return code;
}

// CLI11's Range compares with < and >, which NaN passes: every floating-point option also gets
// this check, so "nan" and "inf" are refused with the option's name.
const CLI::Validator kFinite(
    [](std::string& text) -> std::string {
      try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        if (used == text.size() && !std::isfinite(v))
          return "expected a finite number, got '" + text + "'";
      } catch (const std::out_of_range&) {  // 1e400 would become inf
        return "expected a finite number, got '" + text + "' (out of range)";
      } catch (const std::exception&) {  // not a number: the option's own conversion says so
      }
      return std::string();
    },
    "FINITE");

constexpr std::uint64_t kMaxSeed = std::uint64_t{1} << 53;  // Config::validate's limit

int run(int argc, char** argv) {
  CLI::App app{
      "nnplay-cli: train, gradient-check and benchmark Backprop Playground networks, and export "
      "their datasets, without the app. Every command prints one JSON object on stdout.",
      "nnplay-cli"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "nnplay-cli 1 (config version 1)");
  app.footer(
      "Exit codes: 0 ok, 2 bad input (one line on stderr), 3 gradcheck above --tolerance, "
      "1 internal error.\nRun 'nnplay-cli COMMAND --help' for the options of a command; "
      "docs/cli.md has worked examples.");

  std::uint64_t seed = 0;
  const auto add_seed = [&seed](CLI::App* cmd) {
    return cmd->add_option("--seed", seed, "override the config's seed (0..2^53)")
        ->check(CLI::Range(std::uint64_t{0}, kMaxSeed));
  };

  TrainOptions train;
  CLI::App* train_cmd = app.add_subcommand(
      "train", "train a network from a config (or a saved model) and print the final losses");
  train_cmd->add_option("--config", train.config, "config JSON file, or - for standard input");
  train_cmd->add_option("--steps", train.steps, "training steps (default 1000)")
      ->check(CLI::Range(0, 100000000));
  CLI::Option* train_seed = add_seed(train_cmd);
  train_cmd->add_option("--history", train.history,
                        "write the per-step history as CSV: step,train_loss,test_loss,"
                        "train_accuracy,test_accuracy,learning_rate");
  train_cmd
      ->add_option("--record-every", train.record_every,
                   "record a history point every N steps (default 1; at most 100000 rows: "
                   "longer runs record every 2^k-th step)")
      ->check(CLI::Range(1, INT_MAX));
  train_cmd->add_option("--save", train.save, "write the trained model (config + weights) as JSON");
  train_cmd->add_option("--load", train.load,
                        "start from a saved model's weights; its config is used unless --config "
                        "is given (then the network shapes must match)");
  train_cmd->add_option("--data", train.data,
                        "train on the points of a CSV file (x1,x2,label[,split]) instead of the "
                        "generated dataset");

  GradcheckOptions grad;
  double tolerance = 0;
  CLI::App* grad_cmd = app.add_subcommand(
      "gradcheck", "compare backprop's gradient with centred differences on the training split");
  grad_cmd->add_option("--config", grad.config, "config JSON file, or - for standard input");
  grad_cmd->add_option("--load", grad.load, "check at a saved model's weights");
  CLI::Option* grad_seed = add_seed(grad_cmd);
  grad_cmd->add_option("--steps", grad.steps, "train this many steps before checking (default 0)")
      ->check(CLI::Range(0, 100000000));
  grad_cmd->add_option("--eps", grad.eps, "finite-difference step (default 1e-5)")
      ->check(kFinite)
      ->check(CLI::Range(1e-12, 1.0));
  CLI::Option* grad_tol = grad_cmd->add_option(
      "--tolerance", tolerance, "exit with code 3 if max_relative_error exceeds this");
  grad_tol->check(kFinite);

  BenchOptions bench;
  CLI::App* bench_cmd =
      app.add_subcommand("bench", "measure training and boundary-grid throughput of a config");
  bench_cmd->add_option("--config", bench.config, "config JSON file, or - for standard input")
      ->required();
  CLI::Option* bench_seed = add_seed(bench_cmd);
  bench_cmd->add_option("--seconds", bench.seconds, "total measuring time (default 2)")
      ->check(kFinite)
      ->check(CLI::Range(0.01, 3600.0));

  ExportOptions exp;
  CLI::App* export_cmd = app.add_subcommand(
      "export", "write the config's generated dataset as CSV (x1,x2,label,split)");
  export_cmd->add_option("--config", exp.config, "config JSON file, or - for standard input")
      ->required();
  export_cmd->add_option("--out", exp.out, "CSV file to write, or - for standard output")
      ->required();
  CLI::Option* export_seed = add_seed(export_cmd);

  // CLI11 would only say "A subcommand is required" for a misspelt command; name it instead.
  const std::string first = argc > 1 ? argv[1] : "";
  if (!first.empty() && first[0] != '-' && first != "train" && first != "gradcheck" &&
      first != "bench" && first != "export")
    return fail(kExitBadInput, std::string("unknown command '") + argv[1] +
                                   "' (commands: train, gradcheck, bench, export; see --help)");
  // "--config=" reaches CLI11 as an option without its value ("1 required TEXT missing").
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.size() > 3 && a.compare(0, 2, "--") == 0 && a.back() == '=')
      return fail(kExitBadInput, "'" + nn::excerpt(a, 40) + "' has no value: write " +
                                     nn::excerpt(a.substr(0, a.size() - 1), 40) +
                                     " VALUE (for a file: its name, or - for standard input)");
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    return fail(kExitBadInput, e.what());
  }

  if (train_cmd->parsed()) {
    if (*train_seed) train.seed = seed;
    return run_train(train);
  }
  if (grad_cmd->parsed()) {
    if (*grad_seed) grad.seed = seed;
    if (*grad_tol) grad.tolerance = tolerance;
    return run_gradcheck(grad);
  }
  if (bench_cmd->parsed()) {
    if (*bench_seed) bench.seed = seed;
    return run_bench(bench);
  }
  if (export_cmd->parsed()) {
    if (*export_seed) exp.seed = seed;
    return run_export(exp);
  }
  return fail(kExitBadInput, "no command given (train, gradcheck, bench, export); see --help");
}

}  // namespace

int main(int argc, char** argv) {
  // Everything that can go wrong ends here as one line, so scripts and CI see a reason, not a
  // trace.
  try {
    return run(argc, argv);
  } catch (const InputError& e) {
    return fail(kExitBadInput, e.what());
  } catch (const nn::ConfigError& e) {
    return fail(kExitBadInput, describe(e));
  } catch (const CLI::Error& e) {
    return fail(kExitBadInput, e.what());
  } catch (const nlohmann::json::exception& e) {
    return fail(kExitBadInput, std::string("JSON: ") + e.what());
  } catch (const std::bad_alloc&) {
    return fail(kExitInternal, "out of memory");
  } catch (const std::exception& e) {
    return fail(kExitInternal, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(kExitInternal, "internal error: unknown exception");
  }
}
