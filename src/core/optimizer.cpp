// §2.7-2.9: the update rules of SGD, momentum, Nesterov, AdaGrad, RMSProp and Adam, and the
// learning-rate schedules alpha(t). State lives in per-slot vectors sized in the constructor, so
// update() only reads and writes preallocated memory (the training loop never allocates).
#include "optimizer.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "pmath.hpp"

namespace nn {

Optimizer::Optimizer(const OptimizerConfig& cfg, const std::vector<Eigen::Index>& slot_sizes)
    : cfg_(cfg) {
  // Both buffers are sized for every kind, even SGD, so a later set_config to another kind only
  // zeroes them and never allocates mid-training.
  m_.reserve(slot_sizes.size());
  v_.reserve(slot_sizes.size());
  for (Eigen::Index n : slot_sizes) {
    m_.push_back(Vector::Zero(n));
    v_.push_back(Vector::Zero(n));
  }
}

void Optimizer::set_config(const OptimizerConfig& cfg) {
  // A velocity or a second moment means something else under another rule; keep it only while
  // the rule stays the same, so changing the learning rate does not throw away momentum.
  const bool kind_changed = cfg.kind != cfg_.kind;
  cfg_ = cfg;
  if (kind_changed) reset_state();
}

void Optimizer::begin_step() { ++t_; }

void Optimizer::reset_state() {
  for (Vector& m : m_) m.setZero();
  for (Vector& v : v_) v.setZero();
  t_ = 0;
}

void Optimizer::update(int slot, Scalar* x_ptr, const Scalar* g_ptr, Eigen::Index n, Scalar lr) {
  assert(slot >= 0 && static_cast<std::size_t>(slot) < m_.size());
  assert(m_[static_cast<std::size_t>(slot)].size() == n);
  Eigen::Map<Vector> x(x_ptr, n);
  Eigen::Map<const Vector> g(g_ptr, n);
  Vector& m = m_[static_cast<std::size_t>(slot)];  // velocity / first moment
  Vector& v = v_[static_cast<std::size_t>(slot)];  // cache / second moment
  const Scalar eps = cfg_.epsilon;

  switch (cfg_.kind) {
    case OptimizerKind::Sgd:
      x.noalias() -= lr * g;
      break;
    case OptimizerKind::Momentum: {
      const Scalar mu = cfg_.momentum;
      m = mu * m - lr * g;
      x += m;
      break;
    }
    case OptimizerKind::Nesterov: {
      // The "look-ahead" form rewritten in terms of the stored x (cs231n): the step uses the old
      // and the new velocity, so a plain loop avoids a temporary for v_prev.
      const Scalar mu = cfg_.momentum;
      for (Eigen::Index i = 0; i < n; ++i) {
        const Scalar v_prev = m[i];
        m[i] = mu * m[i] - lr * g[i];
        x[i] += -mu * v_prev + (1 + mu) * m[i];
      }
      break;
    }
    case OptimizerKind::AdaGrad:
      // eps inside the sqrt, as the notes write it.
      v.array() += g.array().square();
      x.array() -= lr * g.array() / (v.array() + eps).sqrt();
      break;
    case OptimizerKind::RmsProp: {
      const Scalar d = cfg_.decay;
      v.array() = d * v.array() + (1 - d) * g.array().square();
      x.array() -= lr * g.array() / (v.array() + eps).sqrt();
      break;
    }
    case OptimizerKind::Adam: {
      const Scalar b1 = cfg_.beta1, b2 = cfg_.beta2;
      m = b1 * m + (1 - b1) * g;
      v.array() = b2 * v.array() + (1 - b2) * g.array().square();
      // Moments start at zero, so early m and v are biased towards 0 by the factors 1 - b^t;
      // dividing them out gives standard Adam. The notes' form (bias_correction = false) skips it.
      Scalar c1 = 1, c2 = 1;  // 1 - b1^t, 1 - b2^t
      if (cfg_.bias_correction) {
        // t < 1 only if the caller forgot begin_step(); treat it as the first step, not 0/0.
        const long long t = std::max<long long>(t_, 1);
        c1 = 1 - portable_powi(b1, t);  // portable: the same bits natively and in wasm
        c2 = 1 - portable_powi(b2, t);
      }
      x.array() -= lr * (m.array() / c1) / ((v.array() / c2).sqrt() + eps);
      break;
    }
  }
}

Scalar learning_rate_at(const ScheduleConfig& s, Scalar alpha0, long long t) {
  if (t < 0) t = 0;
  switch (s.kind) {
    case ScheduleKind::Constant:
      return alpha0;
    case ScheduleKind::Step: {
      const long long every = std::max(s.every, 1);  // the validator rejects 0; never divide by it
      return alpha0 * portable_powi(s.factor, t / every);
    }
    case ScheduleKind::Exponential:
      return alpha0 * portable_exp(-s.k * static_cast<Scalar>(t));
    case ScheduleKind::Inverse: {
      // Constant for the first tau steps, then decays like 1/t.
      const Scalar td = static_cast<Scalar>(t);
      return alpha0 * s.tau / std::max(td, s.tau);
    }
  }
  return alpha0;
}

}  // namespace nn
