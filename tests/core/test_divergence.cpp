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
    CHECK(s.warning() == "");  // nor the warnings (dead units, a rise)
  }
}

TEST_CASE("dead units and a rising loss get a warning with the steps, the quantity and the fix",
          "[divergence][session]") {
  // ReLU at rates 1, 3 and 10 on the circle: after a few large steps every unit of the first
  // layer outputs 0 on every point; the loss sits near log 2 (the output bias alone learns) and
  // nothing stops training. The warning names the layer, the steps and what to change.
  for (double lr : {1.0, 10.0}) {
    Config c;
    c.network.activation = {Activation::Relu};
    c.optimizer.learning_rate = lr;
    INFO("relu at " << lr);
    Session s(c);
    s.set_record_every(500);
    CHECK(s.step(2000) == 2000);
    CHECK_FALSE(s.diverged());
    const std::string& w = s.warning();
    INFO(w);
    CHECK(w.find("the loss is stuck") == 0);
    CHECK(w.find("every unit of hidden layer 1 gave 0 on every batch") != std::string::npos);
    CHECK(w.find("for steps ") != std::string::npos);
    CHECK(w.find("lower the learning rate or use leaky_relu, and reset") != std::string::npos);
    CHECK(s.network().layers[0].dW.isZero(0.0));
    s.reset();
    CHECK(s.warning().empty());
  }
  // tanh at rate 10: the running mean rises from the start to about 2x before the oscillation
  // rule stops training at step ~450; the warning comes first, at step 301.
  Config c;
  c.optimizer.learning_rate = 10;
  Session s(c);
  s.set_record_every(1000);
  CHECK(s.step(Session::kRiseSteps + 10) == Session::kRiseSteps + 10);
  CHECK_FALSE(s.diverged());
  const std::string& w = s.warning();
  INFO(w);
  CHECK(w.find("the loss is rising: its running mean over about 100 batches went from ") == 0);
  CHECK(w.find("lower the learning rate") != std::string::npos);
  // A slow but healthy run (ReLU at 0.001: the loss barely moves in 3000 steps) is not dead.
  Config slow;
  slow.network.activation = {Activation::Relu};
  slow.optimizer.learning_rate = 0.001;
  Session q(slow);
  q.set_record_every(1000);
  q.step(3000);
  CHECK(q.warning().empty());
}

TEST_CASE("the history ends at the last step: after a stop and on request",
          "[divergence][session]") {
  // The plane at rate 10 stops at step ~22, long before a record every 64 steps; the last history
  // point is the stop, with finite numbers (the last finite weights), not the untrained start.
  Config c;
  c.data.dataset = DatasetKind::Plane;
  c.loss = Loss::Mse;
  c.optimizer.learning_rate = 10;
  Session s(c);
  s.set_record_every(64);
  s.step(300);
  REQUIRE(s.diverged());
  REQUIRE(s.history().points.size() >= 2);
  const HistoryPoint& last = s.history().points.back();
  CHECK(last.step == s.steps());
  CHECK(last.step > 0);
  CHECK(std::isfinite(last.train_loss));
  CHECK(std::isfinite(last.test_loss));
  // record_now: 200 steps recorded every 64 end at 200, once.
  Session t{Config{}};
  t.set_record_every(64);
  t.step(200);
  CHECK(t.history().points.back().step == 192);
  t.record_now();
  t.record_now();
  CHECK(t.history().points.back().step == 200);
  CHECK(t.history().points[t.history().points.size() - 2].step == 192);
}
