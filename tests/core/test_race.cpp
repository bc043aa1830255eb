// Optimizer race (§2.8-2.9): every lane starts from the same weights and sees the same batches
// (and dropout masks), and equals a standalone Session with that optimizer; the 2D surfaces'
// gradients match centred differences, every optimizer's trajectory goes down, and momentum
// behaves as momentum does (faster along the valley floor, overshooting the minimum).
#include <catch2/catch.hpp>
#include <cmath>

#include "core/race.hpp"

using namespace nn;

namespace {

OptimizerConfig opt(OptimizerKind k, double lr) {
  OptimizerConfig o;
  o.kind = k;
  o.learning_rate = lr;
  return o;
}

bool same_parameters(const Network& a, const Network& b) {
  if (a.num_slots() != b.num_slots()) return false;
  for (int s = 0; s < a.num_slots(); ++s)
    for (Eigen::Index i = 0; i < a.slot_size(s); ++i)
      if (a.slot_data(s)[i] != b.slot_data(s)[i]) return false;
  return true;
}

}  // namespace

TEST_CASE("race: every optimizer starts from the same weights and sees the same batches",
          "[race]") {
  Config base;
  base.network.hidden = {4, 3};
  base.dropout_keep = 0.8;  // the dropout masks come from the batch stream too
  base.data.noise = 0.3;
  const std::vector<OptimizerConfig> opts = {
      opt(OptimizerKind::Sgd, 0.03), opt(OptimizerKind::Momentum, 0.01),
      opt(OptimizerKind::Nesterov, 0.01), opt(OptimizerKind::RmsProp, 0.003),
      opt(OptimizerKind::Adam, 0.01)};
  Race race(base, opts);
  REQUIRE(race.lanes() == 5);
  for (int i = 1; i < race.lanes(); ++i) {
    CHECK(same_parameters(race.session(0).network(), race.session(i).network()));
    CHECK(race.session(0).train_inputs() == race.session(i).train_inputs());
    CHECK(race.session(i).config().optimizer.kind == opts[static_cast<std::size_t>(i)].kind);
  }
  for (int round = 0; round < 25; ++round) {
    REQUIRE(race.step(1) == 1);
    for (int i = 1; i < race.lanes(); ++i) {
      INFO("round " << round << " lane " << i);
      REQUIRE(race.session(i).last_batch_inputs() == race.session(0).last_batch_inputs());
      REQUIRE(race.session(i).last_batch_targets() == race.session(0).last_batch_targets());
      const Workspace& w0 = race.session(0).train_workspace();
      const Workspace& wi = race.session(i).train_workspace();
      for (std::size_t l = 0; l + 1 < w0.mask.size(); ++l) REQUIRE(wi.mask[l] == w0.mask[l]);
    }
  }
  // The lanes really train differently (no shared state)...
  CHECK_FALSE(same_parameters(race.session(0).network(), race.session(4).network()));
  // ...and each lane is exactly the Session that optimizer would run alone.
  Config solo = base;
  solo.optimizer = opts[4];
  Session s(solo);
  s.step(25);
  CHECK(same_parameters(s.network(), race.session(4).network()));
  // reset() brings every lane back to the common start.
  race.reset();
  for (int i = 1; i < race.lanes(); ++i)
    CHECK(same_parameters(race.session(0).network(), race.session(i).network()));
}

TEST_CASE("race: lane count, labels, curves", "[race]") {
  Config base;
  CHECK_THROWS_AS(Race(base, {}), ConfigError);
  CHECK_THROWS_AS(Race(base, std::vector<OptimizerConfig>(6)), ConfigError);
  CHECK_THROWS_AS(Race(base, {opt(OptimizerKind::Sgd, 0.0)}), ConfigError);  // lr must be > 0
  try {
    Race(base, std::vector<OptimizerConfig>(6));
  } catch (const ConfigError& e) {
    CHECK(e.field == "race.optimizers");
  }
  Race race(base, {opt(OptimizerKind::Sgd, 0.03), opt(OptimizerKind::Adam, 0.03)});
  CHECK(race.label(0) == "sgd (lr 0.03)");
  CHECK(race.label(1) == "adam (lr 0.03, b1 0.9, b2 0.999)");
  race.set_record_every(10);
  race.step(300);
  for (int i = 0; i < 2; ++i) {
    const RaceCurve c = race.curve(i);
    REQUIRE(c.step.size() == 31);  // step 0 and every 10th
    CHECK(c.step.front() == 0);
    CHECK(c.step.back() == 300);
    CHECK(std::isnan(c.batch_loss.front()));
    CHECK(c.train_loss.back() < c.train_loss.front());
    CHECK_FALSE(race.diverged(i));
  }
}

TEST_CASE("surfaces: gradients match centred differences, grid layout, contours", "[race]") {
  for (SurfaceKind s : all_surfaces()) {
    const SurfaceSpec sp = surface_spec(s);
    INFO(name(s));
    CHECK(parse_surface(name(s), "surface") == s);
    const double pts[][2] = {{sp.start_w1, sp.start_w2}, {0.3, -0.7}, {-1.1, 0.4}, {1.7, 1.2}};
    for (const auto& p : pts) {
      double g1, g2;
      surface_gradient(s, p[0], p[1], g1, g2);
      const double e = 1e-5;
      const double n1 =
          (surface_loss(s, p[0] + e, p[1]) - surface_loss(s, p[0] - e, p[1])) / (2 * e);
      const double n2 =
          (surface_loss(s, p[0], p[1] + e) - surface_loss(s, p[0], p[1] - e)) / (2 * e);
      CHECK(g1 == Approx(n1).epsilon(1e-6).margin(1e-8));
      CHECK(g2 == Approx(n2).epsilon(1e-6).margin(1e-8));
    }
    // The stated minimum has zero gradient.
    double g1, g2;
    surface_gradient(s, sp.best_w1, sp.best_w2, g1, g2);
    CHECK(std::abs(g1) < 1e-10);
    CHECK(std::abs(g2) < 1e-10);
    const int res = 64;
    const std::vector<double> grid = surface_grid(s, res);
    REQUIRE(grid.size() == static_cast<std::size_t>(res * res));
    const double h1 = (sp.w1_max - sp.w1_min) / res, h2 = (sp.w2_max - sp.w2_min) / res;
    CHECK(grid[0] == surface_loss(s, sp.w1_min + 0.5 * h1, sp.w2_max - 0.5 * h2));
    CHECK(grid[res - 1] == surface_loss(s, sp.w1_max - 0.5 * h1, sp.w2_max - 0.5 * h2));
    CHECK(grid[res * (res - 1)] == surface_loss(s, sp.w1_min + 0.5 * h1, sp.w2_min + 0.5 * h2));
    const std::vector<double> levels = contour_levels(grid, 8);
    REQUIRE(levels.size() == 8);
    for (std::size_t i = 1; i < levels.size(); ++i) CHECK(levels[i] > levels[i - 1]);
    for (double level : {levels[2], levels[6]}) {
      const std::vector<Segment> seg = contour_segments(grid, res, sp, level);
      REQUIRE_FALSE(seg.empty());
      for (const Segment& g : seg) {  // endpoints lie on the level line (up to interpolation)
        CHECK(surface_loss(s, g.w1a, g.w2a) == Approx(level).epsilon(0.1));
        CHECK(g.w1a >= sp.w1_min);
        CHECK(g.w1a <= sp.w1_max);
        CHECK(g.w2b >= sp.w2_min);
        CHECK(g.w2b <= sp.w2_max);
      }
    }
  }
}

TEST_CASE("surfaces: every optimizer's trajectory goes down from the common start", "[race]") {
  const std::vector<OptimizerKind> kinds = {OptimizerKind::Sgd,      OptimizerKind::Momentum,
                                            OptimizerKind::Nesterov, OptimizerKind::AdaGrad,
                                            OptimizerKind::RmsProp,  OptimizerKind::Adam};
  for (SurfaceKind s : all_surfaces()) {
    const SurfaceSpec sp = surface_spec(s);
    std::vector<OptimizerConfig> opts;
    for (OptimizerKind k : kinds) opts.push_back(opt(k, surface_learning_rate(s, k)));
    const int steps = s == SurfaceKind::Rosenbrock ? 1000 : 300;
    const std::vector<Trajectory> race = surface_race(s, opts, steps);
    REQUIRE(race.size() == kinds.size());
    const double J0 = surface_loss(s, sp.start_w1, sp.start_w2);
    const double Jbest = surface_loss(s, sp.best_w1, sp.best_w2);
    for (const Trajectory& t : race) {
      INFO(name(s) << " " << t.label);
      CHECK_FALSE(t.diverged);
      REQUIRE(t.loss.size() == static_cast<std::size_t>(steps + 1));
      CHECK(t.w1.front() == sp.start_w1);
      CHECK(t.w2.front() == sp.start_w2);
      CHECK(t.loss.front() == J0);
      // Most of the way down to the minimum (Rosenbrock's banana is slow for SGD and AdaGrad).
      const double share = s == SurfaceKind::Rosenbrock ? 0.5 : 0.1;
      CHECK(t.loss.back() - Jbest < share * (J0 - Jbest));
      CHECK(t.loss.back() < t.loss.front());
    }
  }
}

TEST_CASE("surfaces: SGD vs momentum on the ill-conditioned valley", "[race]") {
  const SurfaceSpec sp = surface_spec(SurfaceKind::Valley);
  const double lr = 0.04;
  const Trajectory sgd = surface_trajectory(SurfaceKind::Valley, opt(OptimizerKind::Sgd, lr), 100);
  const Trajectory mom =
      surface_trajectory(SurfaceKind::Valley, opt(OptimizerKind::Momentum, lr), 100);
  // The first SGD step is exactly w - lr g.
  double g1, g2;
  surface_gradient(SurfaceKind::Valley, sp.start_w1, sp.start_w2, g1, g2);
  CHECK(sgd.w1[1] == sp.start_w1 - lr * g1);
  CHECK(sgd.w2[1] == sp.start_w2 - lr * g2);
  // Along the flat direction (curvature 0.1) SGD crawls: w1 only grows towards 0, never passes
  // it, and the loss only goes down.
  for (std::size_t t = 1; t < sgd.w1.size(); ++t) {
    CHECK(sgd.w1[t] > sgd.w1[t - 1]);
    CHECK(sgd.w1[t] < 0);
    CHECK(sgd.loss[t] <= sgd.loss[t - 1]);
  }
  // Momentum builds up speed along the valley floor: far lower loss after 100 steps, and the
  // velocity carries it past the minimum (w1 changes sign) with the loss going up on the way.
  CHECK(mom.loss.back() < 0.05 * sgd.loss.back());
  bool crossed = false, went_up = false;
  for (std::size_t t = 1; t < mom.w1.size(); ++t) {
    crossed = crossed || mom.w1[t] > 0;
    went_up = went_up || mom.loss[t] > mom.loss[t - 1];
  }
  CHECK(crossed);
  CHECK(went_up);
}
