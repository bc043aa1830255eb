// Shared numeric types of the core. Samples are columns (notes' convention): X is (d, N).
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace nn {

using Scalar = double;
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;  // column-major
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
using RowVector = Eigen::Matrix<Scalar, 1, Eigen::Dynamic>;

// Thrown by every validator; the message names the field and the allowed values.
struct ConfigError : std::runtime_error {
  std::string field;
  ConfigError(std::string f, const std::string& msg)
      : std::runtime_error(f.empty() ? msg : f + ": " + msg), field(std::move(f)) {}
};

}  // namespace nn
