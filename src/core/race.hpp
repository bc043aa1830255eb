// Optimizer race (§2.8-2.9): up to five optimizers, each training its own Session from the same
// initial weights on the same batches (same config and seed: only the optimizer differs), loss
// curves side by side. And a 2D loss surface (two parameters w = (w1, w2)) where each
// optimizer's trajectory from the same start can be drawn on the contours.
#pragma once
#include <string>
#include <vector>

#include "config.hpp"
#include "session.hpp"
#include "types.hpp"

namespace nn {

constexpr int kMaxRaceLanes = 5;

// "momentum (lr 0.03, mu 0.9)": what a legend shows for one optimizer.
std::string optimizer_label(const OptimizerConfig& o);

struct RaceCurve {
  std::vector<double> step;        // recorded steps (0 = the initial weights)
  std::vector<double> train_loss;  // on the whole training split
  std::vector<double> test_loss;
  std::vector<double> batch_loss;  // NaN at step 0
};

class Race {
 public:
  Race() = default;
  // One lane per optimizer (1-5), each a Session of `base` with its optimizer replaced. Throws
  // ConfigError ("race.optimizers") for 0 or more than 5, or whatever a lane's config violates.
  Race(const Config& base, const std::vector<OptimizerConfig>& optimizers);

  int lanes() const { return static_cast<int>(sessions_.size()); }
  const Session& session(int lane) const { return sessions_[static_cast<std::size_t>(lane)]; }
  Session& session(int lane) { return sessions_[static_cast<std::size_t>(lane)]; }
  const std::string& label(int lane) const { return labels_[static_cast<std::size_t>(lane)]; }
  const Config& base() const { return base_; }

  // Steps every lane n times, in lockstep; a lane that diverges stops and stays as it is (its
  // Session says why). Returns the steps the furthest lane did.
  int step(int n);
  void reset();                      // every lane back to the common initial weights
  void set_record_every(int every);  // forwarded to each Session (history cost on long runs)
  RaceCurve curve(int lane) const;   // the lane's History as plain arrays
  bool diverged(int lane) const { return session(lane).diverged(); }

 private:
  Config base_;
  std::vector<Session> sessions_;
  std::vector<std::string> labels_;
};

// ---- 2D loss surface ----
//   valley      J = 1/2 (0.1 w1^2 + 4 w2^2): ill-conditioned (curvatures 0.1 and 4), SGD zig-zags
//               across the valley and crawls along it; momentum speeds up along it
//   rosenbrock  J = (1 - w1)^2 + 100 (w2 - w1^2)^2: a curved narrow valley, minimum at (1, 1)
//   logistic    J = mean log(1 + exp(-t_n w^T x_n)) + 0.005 ||w||^2 on 8 fixed points with
//               strongly correlated features: the playground's own loss on two weights
enum class SurfaceKind { Valley, Rosenbrock, Logistic };
const std::vector<SurfaceKind>& all_surfaces();
const char* name(SurfaceKind s);  // "valley", "rosenbrock", "logistic"
SurfaceKind parse_surface(const std::string& s, const std::string& field);

struct SurfaceSpec {
  SurfaceKind kind = SurfaceKind::Valley;
  std::string title;                                      // "J = 1/2 (0.1 w1^2 + 4 w2^2)"
  double w1_min = 0, w1_max = 0, w2_min = 0, w2_max = 0;  // the plotted window
  double start_w1 = 0, start_w2 = 0;                      // every trajectory starts here
  double best_w1 = 0, best_w2 = 0;                        // the minimum (approximate for logistic)
};
SurfaceSpec surface_spec(SurfaceKind s);

double surface_loss(SurfaceKind s, double w1, double w2);
// dJ/dw1, dJ/dw2.
void surface_gradient(SurfaceKind s, double w1, double w2, double& g1, double& g2);
// A learning rate that shows the optimizer's character on this surface (the race's default).
double surface_learning_rate(SurfaceKind s, OptimizerKind o);

// J over a res x res grid of the spec's window, row-major from the top-left (w2 = w2_max)
// corner, cell centres (the same layout as Session::predict_grid).
std::vector<double> surface_grid(SurfaceKind s, int res);
// `count` contour levels, geometrically spaced above the grid's minimum (J spans decades).
std::vector<double> contour_levels(const std::vector<double>& grid, int count);
struct Segment {
  double w1a = 0, w2a = 0, w1b = 0, w2b = 0;
};
// Marching squares over the grid (as surface_grid lays it out): the J = level line as segments
// in (w1, w2) coordinates.
std::vector<Segment> contour_segments(const std::vector<double>& grid, int res,
                                      const SurfaceSpec& spec, double level);

struct Trajectory {
  std::string label;
  OptimizerConfig optimizer;
  std::vector<double> w1, w2, loss;  // steps + 1 points: index 0 is the start
  bool diverged = false;             // stopped at a non-finite value or |w| > 1e6
};
// nn::Optimizer on one 2-element slot, constant learning rate, from the spec's start.
Trajectory surface_trajectory(SurfaceKind s, const OptimizerConfig& o, int steps);
std::vector<Trajectory> surface_race(SurfaceKind s, const std::vector<OptimizerConfig>& opts,
                                     int steps);

}  // namespace nn
