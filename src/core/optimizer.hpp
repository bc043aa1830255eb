// §2.7-2.9 optimizers and learning-rate schedules. State is indexed by parameter slot and sized
// when the optimizer is made (no allocation per step).
#pragma once
#include <vector>

#include "config.hpp"
#include "types.hpp"

namespace nn {

class Optimizer {
 public:
  Optimizer() = default;
  // slot_sizes[i] = number of scalars in parameter slot i.
  Optimizer(const OptimizerConfig& cfg, const std::vector<Eigen::Index>& slot_sizes);
  // Changes hyper-parameters without touching state (kind change resets the state).
  void set_config(const OptimizerConfig& cfg);
  const OptimizerConfig& config() const { return cfg_; }
  // Call once per training step before the slot updates (advances t for Adam's bias correction).
  void begin_step();
  // Updates x (n scalars) in place from gradient g with learning rate lr.
  //  sgd:      x -= lr g
  //  momentum: v = mu v - lr g; x += v
  //  nesterov: v_prev = v; v = mu v - lr g; x += -mu v_prev + (1 + mu) v
  //  adagrad:  cache += g^2; x -= lr g / sqrt(cache + eps)      (notes: eps = 1e-8 inside sqrt)
  //  rmsprop:  cache = d cache + (1 - d) g^2; x -= lr g / sqrt(cache + eps)
  //  adam:     m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
  //            mhat = m / (1 - b1^t), vhat = v / (1 - b2^t) (bias_correction) else m, v;
  //            x -= lr mhat / (sqrt(vhat) + eps)
  void update(int slot, Scalar* x, const Scalar* g, Eigen::Index n, Scalar lr);
  long long t() const { return t_; }
  void reset_state();

 private:
  OptimizerConfig cfg_;
  std::vector<Vector> m_, v_;  // per slot: velocity / first moment, cache / second moment
  long long t_ = 0;
};

// alpha(t) for t = 0, 1, 2, ... (t = number of completed steps):
//  constant alpha0; step alpha0 factor^floor(t / every); exponential alpha0 exp(-k t);
//  inverse alpha0 tau / max(t, tau).
Scalar learning_rate_at(const ScheduleConfig& s, Scalar alpha0, long long t);

}  // namespace nn
