// Optimizer race: lanes are whole Sessions differing only in the optimizer, so the common seed
// gives them the same data, initial weights and batch order (tested). The 2D surfaces reuse
// nn::Optimizer on one 2-element slot, so the trajectories follow exactly the training rules.
#include "race.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

#include "optimizer.hpp"
#include "pmath.hpp"

namespace nn {

namespace {
std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}
}  // namespace

std::string optimizer_label(const OptimizerConfig& o) {
  std::string s = std::string(name(o.kind)) + " (lr " + num(o.learning_rate);
  switch (o.kind) {
    case OptimizerKind::Sgd:
    case OptimizerKind::AdaGrad:
      break;
    case OptimizerKind::Momentum:
    case OptimizerKind::Nesterov:
      s += ", mu " + num(o.momentum);
      break;
    case OptimizerKind::RmsProp:
      s += ", decay " + num(o.decay);
      break;
    case OptimizerKind::Adam:
      s += ", b1 " + num(o.beta1) + ", b2 " + num(o.beta2);
      if (!o.bias_correction) s += ", notes' form";
      break;
  }
  return s + ")";
}

Race::Race(const Config& base, const std::vector<OptimizerConfig>& optimizers) : base_(base) {
  if (optimizers.empty() || static_cast<int>(optimizers.size()) > kMaxRaceLanes)
    throw ConfigError("race.optimizers", "pick 1-" + std::to_string(kMaxRaceLanes) +
                                             " optimizers, got " +
                                             std::to_string(optimizers.size()));
  sessions_.reserve(optimizers.size());
  for (const OptimizerConfig& o : optimizers) {
    Config c = base;
    c.optimizer = o;
    sessions_.emplace_back(c);  // validates
    labels_.push_back(optimizer_label(o));
  }
}

int Race::step(int n) {
  int most = 0;
  for (Session& s : sessions_) most = std::max(most, s.step(n));
  return most;
}

void Race::reset() {
  for (Session& s : sessions_) s.reset();
}

void Race::set_record_every(int every) {
  for (Session& s : sessions_) s.set_record_every(every);
}

RaceCurve Race::curve(int lane) const {
  RaceCurve c;
  for (const HistoryPoint& p : session(lane).history().points) {
    c.step.push_back(static_cast<double>(p.step));
    c.train_loss.push_back(p.train_loss);
    c.test_loss.push_back(p.test_loss);
    c.batch_loss.push_back(p.batch_loss);
  }
  return c;
}

// ---- 2D loss surfaces ----

namespace {
// The logistic surface's data: x2 ~ x1 (strongly correlated features, so the loss is an
// elongated valley along w1 = -w2), two points labelled against the trend (finite minimum).
struct P2 {
  double x1, x2, t;
};
constexpr P2 kPoints[] = {{1.0, 1.2, 1},    {2.0, 1.8, 1},    {0.5, 0.7, 1},    {1.5, 1.3, -1},
                          {-1.0, -0.8, -1}, {-2.0, -2.1, -1}, {-0.5, -0.6, -1}, {-1.5, -1.2, 1}};
constexpr double kLogisticL2 = 0.005;

double softplus(double x) { return portable_softplus(x); }
double sigmoid(double x) { return portable_sigmoid(x); }
}  // namespace

const std::vector<SurfaceKind>& all_surfaces() {
  static const std::vector<SurfaceKind> all = {SurfaceKind::Valley, SurfaceKind::Rosenbrock,
                                               SurfaceKind::Logistic};
  return all;
}

const char* name(SurfaceKind s) {
  switch (s) {
    case SurfaceKind::Valley:
      return "valley";
    case SurfaceKind::Rosenbrock:
      return "rosenbrock";
    case SurfaceKind::Logistic:
      return "logistic";
  }
  return "?";
}

SurfaceKind parse_surface(const std::string& s, const std::string& field) {
  for (SurfaceKind k : all_surfaces())
    if (s == name(k)) return k;
  throw ConfigError(field, "unknown surface \"" + s + "\" (allowed: valley, rosenbrock, logistic)");
}

double surface_loss(SurfaceKind s, double w1, double w2) {
  switch (s) {
    case SurfaceKind::Valley:
      return 0.5 * (0.1 * w1 * w1 + 4.0 * w2 * w2);
    case SurfaceKind::Rosenbrock: {
      const double a = 1 - w1, b = w2 - w1 * w1;
      return a * a + 100 * b * b;
    }
    case SurfaceKind::Logistic: {
      double J = 0;
      for (const P2& p : kPoints) J += softplus(-p.t * (w1 * p.x1 + w2 * p.x2));
      return J / std::size(kPoints) + kLogisticL2 * (w1 * w1 + w2 * w2);
    }
  }
  return 0;
}

void surface_gradient(SurfaceKind s, double w1, double w2, double& g1, double& g2) {
  switch (s) {
    case SurfaceKind::Valley:
      g1 = 0.1 * w1;
      g2 = 4.0 * w2;
      return;
    case SurfaceKind::Rosenbrock: {
      const double b = w2 - w1 * w1;
      g1 = -2 * (1 - w1) - 400 * w1 * b;
      g2 = 200 * b;
      return;
    }
    case SurfaceKind::Logistic: {
      g1 = g2 = 0;
      for (const P2& p : kPoints) {
        // d/dm softplus(-t m) = -t sigmoid(-t m), m = w^T x
        const double d = -p.t * sigmoid(-p.t * (w1 * p.x1 + w2 * p.x2));
        g1 += d * p.x1;
        g2 += d * p.x2;
      }
      const double n = static_cast<double>(std::size(kPoints));
      g1 = g1 / n + 2 * kLogisticL2 * w1;
      g2 = g2 / n + 2 * kLogisticL2 * w2;
      return;
    }
  }
}

SurfaceSpec surface_spec(SurfaceKind s) {
  SurfaceSpec sp;
  sp.kind = s;
  switch (s) {
    case SurfaceKind::Valley:
      sp.title = "J = 1/2 (0.1 w1^2 + 4 w2^2)";
      sp.w1_min = -6, sp.w1_max = 6, sp.w2_min = -3, sp.w2_max = 3;
      sp.start_w1 = -5, sp.start_w2 = 2;
      sp.best_w1 = 0, sp.best_w2 = 0;
      break;
    case SurfaceKind::Rosenbrock:
      sp.title = "J = (1 - w1)^2 + 100 (w2 - w1^2)^2";
      sp.w1_min = -2, sp.w1_max = 2, sp.w2_min = -1, sp.w2_max = 3;
      sp.start_w1 = -1.5, sp.start_w2 = 2;
      sp.best_w1 = 1, sp.best_w2 = 1;
      break;
    case SurfaceKind::Logistic: {
      sp.title = "J = mean log(1 + exp(-t w^T x)) + 0.005 ||w||^2 (8 points, x2 ~ x1)";
      sp.w1_min = -6, sp.w1_max = 6, sp.w2_min = -6, sp.w2_max = 6;
      sp.start_w1 = -5, sp.start_w2 = 3;
      // The minimum by Newton's method (the surface is strictly convex thanks to the L2 term).
      double w1 = 0, w2 = 0;
      for (int it = 0; it < 50; ++it) {
        double g1, g2, h11 = 2 * kLogisticL2, h12 = 0, h22 = 2 * kLogisticL2;
        surface_gradient(s, w1, w2, g1, g2);
        for (const P2& p : kPoints) {
          const double q = sigmoid(w1 * p.x1 + w2 * p.x2);
          const double c = q * (1 - q) / static_cast<double>(std::size(kPoints));
          h11 += c * p.x1 * p.x1;
          h12 += c * p.x1 * p.x2;
          h22 += c * p.x2 * p.x2;
        }
        const double det = h11 * h22 - h12 * h12;
        w1 -= (h22 * g1 - h12 * g2) / det;
        w2 -= (h11 * g2 - h12 * g1) / det;
      }
      sp.best_w1 = w1, sp.best_w2 = w2;
      break;
    }
  }
  return sp;
}

double surface_learning_rate(SurfaceKind s, OptimizerKind o) {
  // Chosen so every rule makes visible progress and shows its character: a few hundred steps on
  // the valley and the logistic surface, about a thousand on Rosenbrock's banana.
  switch (s) {
    case SurfaceKind::Valley:
      switch (o) {
        case OptimizerKind::Sgd:
          return 0.45;  // near the 2/4 stability limit: zig-zags across
        case OptimizerKind::Momentum:
        case OptimizerKind::Nesterov:
          return 0.04;
        case OptimizerKind::AdaGrad:
          return 1.0;
        case OptimizerKind::RmsProp:
          return 0.05;
        case OptimizerKind::Adam:
          return 0.1;
      }
      break;
    case SurfaceKind::Rosenbrock:
      switch (o) {
        case OptimizerKind::Sgd:
          return 0.001;  // curvature ~1900 at the start: 2/1900 limit
        case OptimizerKind::Momentum:
        case OptimizerKind::Nesterov:
          return 0.0005;
        case OptimizerKind::AdaGrad:
          return 0.1;
        case OptimizerKind::RmsProp:
          return 0.01;
        case OptimizerKind::Adam:
          return 0.05;
      }
      break;
    case SurfaceKind::Logistic:
      switch (o) {
        case OptimizerKind::Sgd:
          return 1.0;
        case OptimizerKind::Momentum:
        case OptimizerKind::Nesterov:
          return 0.1;
        case OptimizerKind::AdaGrad:
          return 1.0;
        case OptimizerKind::RmsProp:
          return 0.05;
        case OptimizerKind::Adam:
          return 0.1;
      }
      break;
  }
  return 0.01;
}

std::vector<double> surface_grid(SurfaceKind s, int res) {
  if (res < 1) return {};
  const SurfaceSpec sp = surface_spec(s);
  std::vector<double> g(static_cast<std::size_t>(res) * static_cast<std::size_t>(res));
  const double h1 = (sp.w1_max - sp.w1_min) / res, h2 = (sp.w2_max - sp.w2_min) / res;
  for (int r = 0; r < res; ++r)
    for (int c = 0; c < res; ++c)
      g[static_cast<std::size_t>(r) * res + c] =
          surface_loss(s, sp.w1_min + (c + 0.5) * h1, sp.w2_max - (r + 0.5) * h2);
  return g;
}

std::vector<double> contour_levels(const std::vector<double>& grid, int count) {
  std::vector<double> levels;
  if (grid.empty() || count < 1) return levels;
  const auto [lo_it, hi_it] = std::minmax_element(grid.begin(), grid.end());
  const double lo = *lo_it, span = *hi_it - *lo_it;
  if (!(span > 0)) return levels;
  // From span/1000 to span/2 above the minimum, evenly in log: steep walls and the flat floor
  // both get lines.
  const double a = std::log(span * 1e-3), b = std::log(span * 0.5);
  for (int i = 0; i < count; ++i)
    levels.push_back(lo + std::exp(count == 1 ? b : a + (b - a) * i / (count - 1)));
  return levels;
}

std::vector<Segment> contour_segments(const std::vector<double>& grid, int res,
                                      const SurfaceSpec& sp, double level) {
  std::vector<Segment> out;
  if (res < 2 || grid.size() != static_cast<std::size_t>(res) * static_cast<std::size_t>(res))
    return out;
  const double h1 = (sp.w1_max - sp.w1_min) / res, h2 = (sp.w2_max - sp.w2_min) / res;
  auto px = [&](double c) { return sp.w1_min + (c + 0.5) * h1; };  // column -> w1
  auto py = [&](double r) { return sp.w2_max - (r + 0.5) * h2; };  // row -> w2
  auto v = [&](int r, int c) { return grid[static_cast<std::size_t>(r) * res + c]; };
  for (int r = 0; r + 1 < res; ++r)
    for (int c = 0; c + 1 < res; ++c) {
      // Corners in order: top-left, top-right, bottom-right, bottom-left (rows grow downward).
      const double cr[4] = {static_cast<double>(r), static_cast<double>(r),
                            static_cast<double>(r + 1), static_cast<double>(r + 1)};
      const double cc[4] = {static_cast<double>(c), static_cast<double>(c + 1),
                            static_cast<double>(c + 1), static_cast<double>(c)};
      const double val[4] = {v(r, c), v(r, c + 1), v(r + 1, c + 1), v(r + 1, c)};
      // Points where the level crosses each edge (edge e joins corner e and corner e+1).
      double ex[4], ey[4];
      bool cut[4];
      int n_cut = 0;
      for (int e = 0; e < 4; ++e) {
        const int f = (e + 1) % 4;
        const bool above_e = val[e] >= level, above_f = val[f] >= level;
        cut[e] = above_e != above_f;
        if (!cut[e]) continue;
        const double t = (level - val[e]) / (val[f] - val[e]);
        ex[e] = px(cc[e] + t * (cc[f] - cc[e]));
        ey[e] = py(cr[e] + t * (cr[f] - cr[e]));
        ++n_cut;
      }
      if (n_cut == 2) {
        int a = -1, b = -1;
        for (int e = 0; e < 4; ++e)
          if (cut[e]) (a < 0 ? a : b) = e;
        out.push_back(Segment{ex[a], ey[a], ex[b], ey[b]});
      } else if (n_cut == 4) {
        // Saddle cell: the mean decides which corners the line separates.
        const double mean = 0.25 * (val[0] + val[1] + val[2] + val[3]);
        const bool centre_above = mean >= level, tl_above = val[0] >= level;
        if (centre_above == tl_above) {  // top-left joins the centre: cut off TR and BL
          out.push_back(Segment{ex[0], ey[0], ex[1], ey[1]});
          out.push_back(Segment{ex[2], ey[2], ex[3], ey[3]});
        } else {  // cut off TL and BR
          out.push_back(Segment{ex[3], ey[3], ex[0], ey[0]});
          out.push_back(Segment{ex[1], ey[1], ex[2], ey[2]});
        }
      }
    }
  return out;
}

Trajectory surface_trajectory(SurfaceKind s, const OptimizerConfig& o, int steps) {
  const SurfaceSpec sp = surface_spec(s);
  Trajectory tr;
  tr.label = optimizer_label(o);
  tr.optimizer = o;
  double w[2] = {sp.start_w1, sp.start_w2}, g[2];
  tr.w1.push_back(w[0]);
  tr.w2.push_back(w[1]);
  tr.loss.push_back(surface_loss(s, w[0], w[1]));
  Optimizer opt(o, {2});  // one slot holding (w1, w2)
  for (int t = 0; t < steps; ++t) {
    surface_gradient(s, w[0], w[1], g[0], g[1]);
    opt.begin_step();
    opt.update(0, w, g, 2, o.learning_rate);
    const double J = surface_loss(s, w[0], w[1]);
    if (!std::isfinite(J) || !(std::abs(w[0]) <= 1e6 && std::abs(w[1]) <= 1e6)) {
      tr.diverged = true;
      break;
    }
    tr.w1.push_back(w[0]);
    tr.w2.push_back(w[1]);
    tr.loss.push_back(J);
  }
  return tr;
}

std::vector<Trajectory> surface_race(SurfaceKind s, const std::vector<OptimizerConfig>& opts,
                                     int steps) {
  std::vector<Trajectory> out;
  out.reserve(opts.size());
  for (const OptimizerConfig& o : opts) out.push_back(surface_trajectory(s, o, steps));
  return out;
}

}  // namespace nn
