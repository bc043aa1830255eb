// §2.1 gradient check: centred differences (J(theta + eps) - J(theta - eps)) / (2 eps) against
// the analytic gradient, relative error |a - n| / max(|a|, |n|, 1e-12), every perturbed value
// restored afterwards (the network is bit-identical before and after).
#pragma once
#include <functional>
#include <vector>

#include "network.hpp"

namespace nn {

struct GradCheckResult {
  std::size_t parameters = 0;
  double max_relative_error = 0;
  std::vector<double> layer_max;  // per layer, W and b together
  std::vector<double> analytic;   // per parameter, in slot order
  std::vector<double> numeric;
  std::vector<double> relative;
};

double relative_error(double analytic, double numeric);

// loss(true) must compute J and leave the analytic gradient in net.layers[*].dW/db;
// loss(false) must compute J only. Dropout must be off (the loss must be a function of theta).
GradCheckResult gradient_check(Network& net, const std::function<double(bool)>& loss,
                               double eps = 1e-5);

// Numeric derivative of the loss with respect to one parameter (slot, index), value restored.
double numeric_derivative(Network& net, int slot, Eigen::Index index,
                          const std::function<double(bool)>& loss, double eps = 1e-5);

}  // namespace nn
