// §2.4 activations. Derivatives follow NOTES-MAP (softsign' = 1/(1+|z|)^2, not the notes' slip).
#include "activation.hpp"

#include <cmath>

namespace nn {

const std::vector<Activation>& all_activations() {
  static const std::vector<Activation> all = {Activation::Linear,   Activation::Sigmoid,
                                              Activation::Tanh,     Activation::HardTanh,
                                              Activation::Softsign, Activation::Relu,
                                              Activation::LeakyRelu};
  return all;
}

const char* name(Activation f) {
  switch (f) {
    case Activation::Linear: return "linear";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Tanh: return "tanh";
    case Activation::HardTanh: return "hardtanh";
    case Activation::Softsign: return "softsign";
    case Activation::Relu: return "relu";
    case Activation::LeakyRelu: return "leaky_relu";
  }
  return "?";
}

std::string activation_names() {
  std::string s;
  for (Activation f : all_activations()) s += (s.empty() ? "" : ", ") + std::string(name(f));
  return s;
}

Activation parse_activation(const std::string& s, const std::string& field) {
  for (Activation f : all_activations())
    if (s == name(f)) return f;
  throw ConfigError(field, "unknown activation \"" + s + "\" (allowed: " + activation_names() + ")");
}

namespace {
inline Scalar sigmoid(Scalar z) {
  // Stable for large |z|: never exponentiates a positive number.
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  Scalar e = std::exp(z);
  return e / (1.0 + e);
}
}  // namespace

Scalar activate(Activation f, Scalar z, Scalar k) {
  switch (f) {
    case Activation::Linear: return z;
    case Activation::Sigmoid: return sigmoid(z);
    case Activation::Tanh: return std::tanh(z);
    case Activation::HardTanh: return z < -1 ? -1 : (z > 1 ? 1 : z);
    case Activation::Softsign: return z / (1.0 + std::abs(z));
    case Activation::Relu: return z > 0 ? z : 0;
    case Activation::LeakyRelu: return z > 0 ? z : k * z;
  }
  return z;
}

Scalar activate_derivative(Activation f, Scalar z, Scalar k) {
  switch (f) {
    case Activation::Linear: return 1;
    case Activation::Sigmoid: {
      Scalar s = sigmoid(z);
      return s * (1 - s);
    }
    case Activation::Tanh: {
      Scalar t = std::tanh(z);
      return 1 - t * t;
    }
    case Activation::HardTanh: return (z >= -1 && z <= 1) ? 1 : 0;
    case Activation::Softsign: {
      Scalar d = 1.0 + std::abs(z);
      return 1.0 / (d * d);
    }
    case Activation::Relu: return z > 0 ? 1 : 0;
    case Activation::LeakyRelu: return z > 0 ? 1 : k;
  }
  return 1;
}

void activate(Activation f, const Matrix& z, Matrix& a, Scalar k) {
  a.resize(z.rows(), z.cols());
  const Eigen::Index n = z.size();
  const Scalar* zp = z.data();
  Scalar* ap = a.data();
  switch (f) {
    case Activation::Linear: a = z; break;
    case Activation::Sigmoid:
      for (Eigen::Index i = 0; i < n; ++i) ap[i] = sigmoid(zp[i]);
      break;
    case Activation::Tanh:
      for (Eigen::Index i = 0; i < n; ++i) ap[i] = std::tanh(zp[i]);
      break;
    case Activation::HardTanh: a = z.cwiseMax(-1.0).cwiseMin(1.0); break;
    case Activation::Softsign: a = z.array() / (1.0 + z.array().abs()); break;
    case Activation::Relu: a = z.cwiseMax(0.0); break;
    case Activation::LeakyRelu:
      for (Eigen::Index i = 0; i < n; ++i) ap[i] = zp[i] > 0 ? zp[i] : k * zp[i];
      break;
  }
}

void multiply_derivative(Activation f, const Matrix& z, const Matrix& a, Matrix& d, Scalar k) {
  const Eigen::Index n = z.size();
  const Scalar* zp = z.data();
  const Scalar* ap = a.data();
  Scalar* dp = d.data();
  switch (f) {
    case Activation::Linear: break;
    case Activation::Sigmoid:  // s (1 - s), s = a
      for (Eigen::Index i = 0; i < n; ++i) dp[i] *= ap[i] * (1 - ap[i]);
      break;
    case Activation::Tanh:  // 1 - tanh^2
      for (Eigen::Index i = 0; i < n; ++i) dp[i] *= 1 - ap[i] * ap[i];
      break;
    case Activation::HardTanh:
      for (Eigen::Index i = 0; i < n; ++i) dp[i] *= (zp[i] >= -1 && zp[i] <= 1) ? 1 : 0;
      break;
    case Activation::Softsign:
      for (Eigen::Index i = 0; i < n; ++i) {
        Scalar t = 1.0 + std::abs(zp[i]);
        dp[i] /= t * t;
      }
      break;
    case Activation::Relu:
      for (Eigen::Index i = 0; i < n; ++i) dp[i] *= zp[i] > 0 ? 1 : 0;
      break;
    case Activation::LeakyRelu:
      for (Eigen::Index i = 0; i < n; ++i) dp[i] *= zp[i] > 0 ? 1 : k;
      break;
  }
}

}  // namespace nn
