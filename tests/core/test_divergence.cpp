// Divergence (§2.7): every optimizer (and Adam in the notes' form, without bias correction) at
// learning rate 10 on every built-in dataset. Whatever happens, nothing non-finite may reach the
// renderer (weights, grid predictions, history), a stop always carries a reason, and reset
// recovers a fresh, trainable session. The explosion criterion (bounded losses that oscillate
// with huge finite weights) is checked on its own below.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "core/session.hpp"

using namespace nn;

namespace {

struct Case {
  std::string label;
  Config cfg;
};

// Every dataset with the loss it is trained with in the app: regression planes with squared
// error, spiral as 3 classes with softmax, ner_window on its 20 window inputs; circle also with
// the hinge loss (bounded like logistic, another way to oscillate).
std::vector<Config> datasets() {
  std::vector<Config> out;
  for (DatasetKind d :
       {DatasetKind::Circle, DatasetKind::Xor, DatasetKind::Gauss, DatasetKind::Spiral,
        DatasetKind::Moons, DatasetKind::Plane, DatasetKind::MultiGauss, DatasetKind::NerWindow}) {
    Config c;
    c.data.dataset = d;
    if (is_regression(d)) c.loss = Loss::Mse;
    if (d == DatasetKind::Spiral) {
      c.data.classes = 3;
      c.loss = Loss::Softmax;
    }
    if (d == DatasetKind::NerWindow) c.features = {};
    out.push_back(c);
  }
  Config hinge;
  hinge.loss = Loss::Hinge;
  out.push_back(hinge);
  return out;
}

std::vector<Case> grid(double lr) {
  std::vector<Case> out;
  for (const Config& base : datasets())
    for (int o = 0; o <= 6; ++o) {
      Config c = base;
      c.optimizer.kind = static_cast<OptimizerKind>(o < 6 ? o : 5);
      c.optimizer.bias_correction = o != 6;  // 6: the notes' Adam
      c.optimizer.learning_rate = lr;
      out.push_back({std::string(name(c.data.dataset)) + "/" + name(c.loss) + "/" +
                         name(c.optimizer.kind) + (o == 6 ? " (no bias correction)" : ""),
                     c});
    }
  return out;
}

bool finite_network(const Network& n) {
  for (const Layer& l : n.layers)
    if (!l.W.allFinite() || !l.b.allFinite()) return false;
  return true;
}

// What the app draws: the boundary grid (double and float paths) and every unit's activations.
void check_renderable(Session& s) {
  Matrix scores;
  std::vector<Matrix> neurons;
  s.predict_grid(24, scores, &neurons);
  CHECK(scores.allFinite());
  for (const Matrix& a : neurons) CHECK(a.allFinite());
  std::vector<float> display;
  s.predict_grid_display(24, display);
  bool finite = true;
  for (float v : display) finite = finite && std::isfinite(v);
  CHECK(finite);
}

}  // namespace

TEST_CASE(
    "learning rate 10: every optimizer on every dataset stops with a reason or stays finite; "
    "nothing non-finite reaches the renderer; reset recovers",
    "[divergence][session]") {
  int stopped = 0, total = 0;
  for (const Case& c : grid(10.0)) {
    INFO(c.label);
    REQUIRE_NOTHROW(c.cfg.validate());
    Session s(c.cfg);
    s.set_record_every(25);
    const int done = s.step(300);
    ++total;
    if (s.diverged()) {
      ++stopped;
      CHECK(done < 300 + 1);
      CHECK(s.steps() == done);
      const std::string& why = s.divergence_reason();
      INFO(why);
      CHECK(why.find("step") != std::string::npos);
      CHECK(why.find("learning rate") != std::string::npos);
      CHECK(s.step(5) == 0);  // stays stopped until reset
    } else {
      CHECK(done == 300);
      CHECK(std::isfinite(s.train_loss()));
    }
    CHECK(finite_network(s.network()));
    check_renderable(s);
    // Reset: a fresh session (same weights as a new one), trainable at a sane rate.
    Config sane = c.cfg;
    sane.optimizer.learning_rate = 0.01;
    s.set_config(sane);
    s.reset();
    CHECK_FALSE(s.diverged());
    CHECK(s.divergence_reason().empty());
    CHECK(s.steps() == 0);
    Session fresh(sane);
    REQUIRE(fresh.network().layers.size() == s.network().layers.size());
    for (std::size_t l = 0; l < fresh.network().layers.size(); ++l)
      CHECK(fresh.network().layers[l].W == s.network().layers[l].W);
    CHECK(s.step(20) == 20);
    CHECK_FALSE(s.diverged());
    check_renderable(s);
  }
  // Not a count to match: most of the grid must stop (the unbounded squared-error cells overflow,
  // the oscillating bounded ones explode); a criterion that never fires fails here.
  CHECK(stopped * 2 > total);
}

TEST_CASE("an exploding bounded loss stops with a reason while the weights are still finite",
          "[divergence][session]") {
  // RMSProp at rate 10 on the circle: sigmoid output and logistic loss stay finite, the loss
  // jumps to ~100x where it started.
  Config c;
  c.optimizer.kind = OptimizerKind::RmsProp;
  c.optimizer.learning_rate = 10;
  Session s(c);
  const double J0 = s.train_loss();
  s.step(300);
  REQUIRE(s.diverged());
  CHECK(s.divergence_reason().find("exploded") != std::string::npos);
  CHECK(s.steps() >= Session::kExplodeSteps);
  CHECK(finite_network(s.network()));
  CHECK(std::isfinite(s.train_loss()));
  CHECK(s.train_loss() > J0);  // it really was worse than the start
}

TEST_CASE("a loss that oscillates far above its start stops with the steps and the quantity",
          "[divergence][session]") {
  // Rate 10, tanh, on the circle (SGD) and XOR (SGD), and Adam on the circle: the running mean
  // swings around 2-3x the untrained loss for thousands of steps, never 10x (the explosion rule).
  for (const auto& [d, k] : {std::pair{DatasetKind::Circle, OptimizerKind::Sgd},
                             std::pair{DatasetKind::Xor, OptimizerKind::Sgd},
                             std::pair{DatasetKind::Circle, OptimizerKind::Adam}}) {
    Config c;
    c.data.dataset = d;
    c.optimizer.kind = k;
    c.optimizer.learning_rate = 10;
    INFO(name(d) << " " << name(k));
    Session s(c);
    s.set_record_every(1000);
    const int done = s.step(3000);
    REQUIRE(s.diverged());
    CHECK(done >= Session::kStallSteps);
    const std::string& why = s.divergence_reason();
    CHECK(why.find("oscillating, not falling") != std::string::npos);
    CHECK(why.find("running mean over about 100 batches stayed above 2 x the starting loss") !=
          std::string::npos);
    CHECK(why.find("for steps " + std::to_string(s.steps() - Session::kStallSteps + 1) + "-" +
                   std::to_string(s.steps())) != std::string::npos);
    CHECK(why.find("learning rate 10") != std::string::npos);
    CHECK(finite_network(s.network()));
    check_renderable(s);
  }
  // Rates 1 and 3 on the circle learn (or wobble near the start): no stop.
  for (double lr : {1.0, 3.0}) {
    Config c;
    c.optimizer.learning_rate = lr;
    Session s(c);
    s.set_record_every(1000);
    CHECK(s.step(3000) == 3000);
  }
}

TEST_CASE("the explosion criterion does not fire on healthy training (every optimizer, sane rate)",
          "[divergence][session]") {
  // Rates in each optimizer's usual range, 1000 steps on every dataset: none may stop.
  for (Case c : grid(0.03)) {
    const OptimizerKind k = c.cfg.optimizer.kind;
    c.cfg.optimizer.learning_rate = k == OptimizerKind::Sgd || k == OptimizerKind::AdaGrad ? 0.1
                                    : k == OptimizerKind::Momentum || k == OptimizerKind::Nesterov
                                        ? 0.03
                                        : 0.01;
    INFO(c.label);
    Session s(c.cfg);
    s.set_record_every(100);
    const double J0 = s.train_loss();
    CHECK(s.step(1000) == 1000);
    CHECK_FALSE(s.diverged());
    CHECK(s.train_loss() < J0 * Session::kExplodeFactor);
  }
}
