// Portable math (core/pmath.hpp): accuracy against the platform's libm within a few ulp, the
// special values, and the promise the functions exist for: a training run with every
// transcendental of the training path gives the same weight bits natively and in wasm. Both
// suites (core-tests and core-tests-wasm) check the same golden, tests/golden/bitwise.json.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "core/pmath.hpp"
#include "core/rng.hpp"
#include "core/session.hpp"

using namespace nn;

namespace {

// Distance in units in the last place (0 = same bits), over the ordered integers of the doubles.
std::int64_t ordered(double x) {
  std::int64_t i = 0;
  std::memcpy(&i, &x, sizeof i);
  return i < 0 ? std::numeric_limits<std::int64_t>::min() - i : i;
}
std::int64_t ulps(double a, double b) {
  const std::int64_t d = ordered(a) - ordered(b);
  return d < 0 ? -d : d;
}

// Reference sigmoid and softplus through the platform's libm.
double ref_sigmoid(double x) {
  return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x));
}
double ref_softplus(double x) {
  return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}

// Largest distance over n uniform draws in [lo, hi], and where it was.
struct Worst {
  std::int64_t ulps = 0;
  double x = 0;
};
template <class F, class G>
Worst worst_ulps(F f, G ref, double lo, double hi, int n, Rng& rng) {
  Worst w;
  for (int i = 0; i < n; ++i) {
    const double x = rng.uniform(lo, hi);
    const std::int64_t d = ulps(f(x), ref(x));
    if (d > w.ulps) w = {d, x};
  }
  return w;
}
#define CHECK_ULPS(expr, limit)                               \
  do {                                                        \
    const Worst w_ = (expr);                                  \
    INFO(#expr << ": " << w_.ulps << " ulp at x = " << w_.x); \
    CHECK(w_.ulps <= (limit));                                \
  } while (0)

}  // namespace

TEST_CASE("portable exp, log, log1p and sin are within a few ulp of libm", "[pmath]") {
  Rng rng(7);
  CHECK_ULPS(worst_ulps(
                 portable_exp, [](double x) { return std::exp(x); }, -700, 700, 20000, rng),
             1);
  CHECK_ULPS(worst_ulps(
                 portable_exp, [](double x) { return std::exp(x); }, -1, 1, 20000, rng),
             1);
  // log over many binades (x = 2^u) and near 1, where cancellation would show.
  CHECK_ULPS(worst_ulps([](double u) { return portable_log(std::exp2(u)); },
                        [](double u) { return std::log(std::exp2(u)); }, -1000, 1000, 20000, rng),
             3);
  CHECK_ULPS(worst_ulps(
                 portable_log, [](double x) { return std::log(x); }, 0.5, 2.0, 20000, rng),
             3);
  CHECK_ULPS(worst_ulps(
                 portable_log1p, [](double x) { return std::log1p(x); }, -0.9, 10, 20000, rng),
             4);
  CHECK_ULPS(worst_ulps(
                 portable_log1p, [](double x) { return std::log1p(x); }, -1e-6, 1e-6, 20000, rng),
             4);
  CHECK_ULPS(worst_ulps(
                 portable_sin, [](double x) { return std::sin(x); }, -50, 50, 20000, rng),
             2);
}

TEST_CASE("portable sigmoid and softplus are within a few ulp of the libm forms", "[pmath]") {
  Rng rng(8);
  CHECK_ULPS(worst_ulps(portable_sigmoid, ref_sigmoid, -40, 40, 20000, rng), 4);
  CHECK_ULPS(worst_ulps(portable_softplus, ref_softplus, -40, 40, 20000, rng), 4);
  CHECK_ULPS(worst_ulps(portable_softplus, ref_softplus, -700, 700, 2000, rng), 4);
  // Hand values.
  CHECK(portable_sigmoid(0) == 0.5);
  CHECK(portable_softplus(0) == Approx(std::log(2.0)).epsilon(1e-16));
  CHECK(portable_sigmoid(800) == 1.0);
  CHECK(portable_sigmoid(-800) == 0.0);
  CHECK(portable_softplus(800) == 800.0);
  CHECK(portable_softplus(-800) == 0.0);
}

TEST_CASE("portable integer powers are within 1 ulp of pow (Adam's 1 - b^t, the step schedule)",
          "[pmath]") {
  for (double b : {0.9, 0.99, 0.999, 0.9999, 0.5, 0.25, 0.7, 1.0, -0.9, 1.0001})
    for (long long n :
         {0LL, 1LL, 2LL, 3LL, 7LL, 10LL, 100LL, 123LL, 1000LL, 4321LL, 100000LL, 1234567LL}) {
      INFO("b = " << b << ", n = " << n);
      CHECK(ulps(portable_powi(b, n), std::pow(b, static_cast<double>(n))) <= 1);
    }
  CHECK(portable_powi(0.999, 1) == 0.999);  // exact where pow is exact
  CHECK(portable_powi(0.5, 10) == 0x1p-10);
  CHECK(portable_powi(0.9, 100000000) == 0.0);  // underflow
  CHECK(ulps(portable_powi(1.5, 100), std::pow(1.5, 100.0)) <= 1);
  CHECK(portable_powi(1.5, 4321) == std::numeric_limits<double>::infinity());  // overflow
  // Bias correction: 1 - b^t over the first steps, the values Adam divides by.
  for (long long t = 1; t <= 2000; ++t) {
    INFO("t = " << t);
    CHECK(ulps(1 - portable_powi(0.999, t), 1 - std::pow(0.999, static_cast<double>(t))) <= 1);
  }
}

TEST_CASE("portable math: special values", "[pmath]") {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(std::isnan(portable_exp(nan)));
  CHECK(portable_exp(inf) == inf);
  CHECK(portable_exp(-inf) == 0.0);
  CHECK(portable_exp(1000) == inf);
  CHECK(portable_exp(0) == 1.0);
  CHECK(portable_log(1) == 0.0);
  CHECK(portable_log(0) == -inf);
  CHECK(std::isnan(portable_log(-1)));
  CHECK(std::isnan(portable_log(nan)));
  CHECK(portable_log(inf) == inf);
  CHECK(portable_log1p(0) == 0.0);
  CHECK(portable_log1p(-1) == -inf);
  CHECK(std::isnan(portable_log1p(-2)));
  CHECK(portable_log1p(1e-300) == 1e-300);
  CHECK(std::isnan(portable_sigmoid(nan)));
  CHECK(std::isnan(portable_softplus(nan)));
}

// ---- Bit identity: the same weights natively and in wasm after a full training run ----
namespace {

// FNV-1a over the bytes of every W and b (layer order), and the run's final loss in hex.
nlohmann::json run_bitwise(const Config& c, int steps) {
  Session s(c);
  s.step(steps);
  std::uint64_t h = 0xcbf29ce484222325ULL;
  auto mix = [&](double d) {
    std::uint64_t u = 0;
    std::memcpy(&u, &d, sizeof u);
    for (int k = 0; k < 8; ++k) {
      h ^= (u >> (8 * k)) & 0xffu;
      h *= 0x100000001b3ULL;
    }
  };
  for (const Layer& l : s.network().layers) {
    for (Eigen::Index i = 0; i < l.W.size(); ++i) mix(l.W.data()[i]);
    for (Eigen::Index i = 0; i < l.b.size(); ++i) mix(l.b[i]);
  }
  char hash[32], loss[40];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(h));
  std::snprintf(loss, sizeof loss, "%a", s.train_loss());
  nlohmann::json j;
  j["steps"] = s.steps();
  j["diverged"] = s.diverged();
  j["weights_fnv1a64"] = hash;
  j["train_loss_hex"] = loss;
  return j;
}

Config adam_softmax_config() {
  Config c;  // spiral, 3 classes, softmax; Adam with bias correction; exponential schedule;
  c.data.dataset = DatasetKind::Spiral;  // dropout; sin features; a sigmoid layer.
  c.data.classes = 3;
  c.data.noise = 0.1;
  c.loss = Loss::Softmax;
  c.features = {Feature::X1, Feature::X2, Feature::SinX1, Feature::SinX2};
  c.network.hidden = {8, 6};
  c.network.activation = {Activation::Tanh, Activation::Sigmoid};
  c.optimizer.kind = OptimizerKind::Adam;
  c.optimizer.learning_rate = 0.01;
  c.optimizer.bias_correction = true;
  c.schedule.kind = ScheduleKind::Exponential;
  c.schedule.k = 0.002;
  c.dropout_keep = 0.8;
  c.regularization.kind = Regularization::L2;
  c.regularization.rate = 0.001;
  return c;
}

Config logistic_step_config() {
  Config c;  // circle, logistic (softplus and sigmoid), RMSProp, step schedule, He init
  c.data.noise = 0.2;
  c.network.hidden = {6, 4};
  c.network.activation = {Activation::Sigmoid};
  c.network.init = Init::He;
  c.optimizer.kind = OptimizerKind::RmsProp;
  c.optimizer.learning_rate = 0.01;
  c.schedule.kind = ScheduleKind::Step;
  c.schedule.every = 50;
  c.schedule.factor = 0.9;
  return c;
}

}  // namespace

TEST_CASE("500 training steps give the same weight bits natively and in wasm (golden)",
          "[pmath][golden]") {
  const std::string path = std::string(NNPLAY_SOURCE_DIR) + "/tests/golden/bitwise.json";
  nlohmann::json now;
  now["adam_exponential_dropout_softmax"] = run_bitwise(adam_softmax_config(), 500);
  now["rmsprop_step_logistic_sigmoid"] = run_bitwise(logistic_step_config(), 500);
  if (const char* w = std::getenv("NNPLAY_WRITE_GOLDEN"); w && std::string(w) == "1") {
    std::ofstream(path) << now.dump(2) << "\n";
    WARN("golden file written: " << path);
  }
  std::ifstream in(path);
  REQUIRE(in.good());
  nlohmann::json golden;
  in >> golden;
  for (const char* key : {"adam_exponential_dropout_softmax", "rmsprop_step_logistic_sigmoid"}) {
    INFO(key << ": now " << now[key].dump() << ", golden " << golden[key].dump());
    CHECK(now[key]["steps"] == 500);
    CHECK(now[key]["diverged"] == false);
    CHECK(now[key] == golden[key]);  // exact: every weight bit and the loss bits
  }
}
