// Centred-difference gradient check over every parameter slot of a Network.
#include "gradcheck.hpp"

#include <algorithm>
#include <cmath>

namespace nn {

double relative_error(double a, double n) {
  return std::abs(a - n) / std::max({std::abs(a), std::abs(n), 1e-12});
}

double numeric_derivative(Network& net, int slot, Eigen::Index index,
                          const std::function<double(bool)>& loss, double eps) {
  Scalar* p = net.slot_data(slot) + index;
  const Scalar saved = *p;
  *p = saved + eps;
  const double plus = loss(false);
  *p = saved - eps;
  const double minus = loss(false);
  *p = saved;  // restore exactly
  return (plus - minus) / (2 * eps);
}

GradCheckResult gradient_check(Network& net, const std::function<double(bool)>& loss,
                               double eps) {
  GradCheckResult r;
  loss(true);
  // Copy the analytic gradient first: later loss calls may overwrite dW/db.
  for (int s = 0; s < net.num_slots(); ++s) {
    const Scalar* g = net.slot_grad(s);
    r.analytic.insert(r.analytic.end(), g, g + net.slot_size(s));
  }
  r.layer_max.assign(net.num_layers(), 0.0);
  std::size_t k = 0;
  for (int s = 0; s < net.num_slots(); ++s) {
    for (Eigen::Index i = 0; i < net.slot_size(s); ++i, ++k) {
      const double n = numeric_derivative(net, s, i, loss, eps);
      const double e = relative_error(r.analytic[k], n);
      r.numeric.push_back(n);
      r.relative.push_back(e);
      r.layer_max[s / 2] = std::max(r.layer_max[s / 2], e);
      r.max_relative_error = std::max(r.max_relative_error, e);
    }
  }
  r.parameters = k;
  loss(true);  // leave the analytic gradient in place for callers
  return r;
}

}  // namespace nn
