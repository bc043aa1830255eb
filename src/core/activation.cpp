// §2.4 activations. Derivatives as in docs/notes.md (softsign' = 1/(1+|z|)^2, not the notes' slip).
// tanh is our own vectorized kernel (simd.hpp): the hot activation of the training loop and grid.
#include "activation.hpp"

#include <algorithm>
#include <cmath>

#include "pmath.hpp"
#include "simd.hpp"

namespace nn {

const std::vector<Activation>& all_activations() {
  static const std::vector<Activation> all = kind_values(kActivationKinds);
  return all;
}

const char* name(Activation f) { return kind_row(kActivationKinds, f).name; }

std::string activation_names() { return kind_names(kActivationKinds); }

Activation parse_activation(const std::string& s, const std::string& field) {
  return kind_parse(kActivationKinds, s, field, "activation");
}

namespace {
inline Scalar sigmoid(Scalar z) { return portable_sigmoid(z); }
// ELU with alpha = 1: e^z - 1 below 0 as 2t / (1 - t), t = tanh(z/2) (portable, and exact near 0
// where e^z - 1 would cancel).
inline Scalar elu(Scalar z) {
  if (z > 0) return z;
  const Scalar t = portable_tanh(0.5 * z);
  return 2 * t / (1 - t);
}
}  // namespace

Scalar activate(Activation f, Scalar z, Scalar k) {
  switch (f) {
    case Activation::Linear:
      return z;
    case Activation::Sigmoid:
      return sigmoid(z);
    case Activation::Tanh:
      return portable_tanh(z);
    case Activation::HardTanh:
      return z < -1 ? -1 : (z > 1 ? 1 : z);
    case Activation::Softsign:
      return z / (1.0 + std::abs(z));
    case Activation::Relu:
      return z > 0 ? z : 0;
    case Activation::LeakyRelu:
      return z > 0 ? z : k * z;
    case Activation::Elu:
      return elu(z);
    case Activation::Softplus:
      return portable_softplus(z);
  }
  return z;
}

Scalar activate_derivative(Activation f, Scalar z, Scalar k) {
  switch (f) {
    case Activation::Linear:
      return 1;
    case Activation::Sigmoid: {
      Scalar s = sigmoid(z);
      return s * (1 - s);
    }
    case Activation::Tanh: {
      Scalar t = portable_tanh(z);
      return 1 - t * t;
    }
    case Activation::HardTanh:
      return (z >= -1 && z <= 1) ? 1 : 0;
    case Activation::Softsign: {
      Scalar d = 1.0 + std::abs(z);
      return 1.0 / (d * d);
    }
    case Activation::Relu:
      return z > 0 ? 1 : 0;
    case Activation::LeakyRelu:
      return z > 0 ? 1 : k;
    case Activation::Elu:
      return z > 0 ? 1 : elu(z) + 1;  // e^z
    case Activation::Softplus:
      return sigmoid(z);
  }
  return 1;
}

void activate(Activation f, const Matrix& z, Matrix& a, Scalar k) {
  a.resize(z.rows(), z.cols());
  activate(f, z.data(), a.data(), z.size(), k);
}

void multiply_derivative(Activation f, const Matrix& z, const Matrix& a, Matrix& d, Scalar k) {
  multiply_derivative(f, z.data(), a.data(), d.data(), z.size(), k);
}

namespace {
// tanh over n values, four vectors per iteration (see simd::tanh); the odd last value goes
// through a padded vector, so every value gets the same bits.
void tanh_array(const Scalar* z, Scalar* a, Eigen::Index n) {
  Eigen::Index i = 0;
  for (; i + 8 <= n; i += 8) {
    simd::f64x2 v[4] = {simd::load(z + i), simd::load(z + i + 2), simd::load(z + i + 4),
                        simd::load(z + i + 6)};
    simd::tanh<4>(v);
    for (int k = 0; k < 4; ++k) simd::store(a + i + 2 * k, v[k]);
  }
  for (; i + 2 <= n; i += 2) simd::store(a + i, simd::tanh(simd::load(z + i)));
  if (i < n) a[i] = simd::tanh(simd::splat(z[i]))[0];
}
}  // namespace

Scalar portable_tanh(Scalar z) { return simd::tanh(simd::splat(z))[0]; }

void activate(Activation f, const Scalar* z, Scalar* a, Eigen::Index n, Scalar k) {
  switch (f) {
    case Activation::Linear:
      if (a != z) std::copy(z, z + n, a);
      break;
    case Activation::Sigmoid:
      for (Eigen::Index i = 0; i < n; ++i) a[i] = sigmoid(z[i]);
      break;
    case Activation::Tanh:
      tanh_array(z, a, n);
      break;
    case Activation::HardTanh:
      for (Eigen::Index i = 0; i < n; ++i) a[i] = z[i] < -1 ? -1 : (z[i] > 1 ? 1 : z[i]);
      break;
    case Activation::Softsign:
      for (Eigen::Index i = 0; i < n; ++i) a[i] = z[i] / (1.0 + std::abs(z[i]));
      break;
    case Activation::Relu:  // max(z, 0), NaN passes through (the divergence check sees it)
      for (Eigen::Index i = 0; i < n; ++i) a[i] = z[i] < 0 ? 0 : z[i];
      break;
    case Activation::LeakyRelu:
      for (Eigen::Index i = 0; i < n; ++i) a[i] = z[i] > 0 ? z[i] : k * z[i];
      break;
    case Activation::Elu:
      for (Eigen::Index i = 0; i < n; ++i) a[i] = elu(z[i]);
      break;
    case Activation::Softplus:
      for (Eigen::Index i = 0; i < n; ++i) a[i] = portable_softplus(z[i]);
      break;
  }
}

void multiply_derivative(Activation f, const Scalar* z, const Scalar* a, Scalar* d, Eigen::Index n,
                         Scalar k) {
  switch (f) {
    case Activation::Linear:
      break;
    case Activation::Sigmoid:  // s (1 - s), s = a
      for (Eigen::Index i = 0; i < n; ++i) d[i] *= a[i] * (1 - a[i]);
      break;
    case Activation::Tanh:  // 1 - tanh^2
      for (Eigen::Index i = 0; i < n; ++i) d[i] *= 1 - a[i] * a[i];
      break;
    case Activation::HardTanh:
      for (Eigen::Index i = 0; i < n; ++i) d[i] *= (z[i] >= -1 && z[i] <= 1) ? 1 : 0;
      break;
    case Activation::Softsign:
      for (Eigen::Index i = 0; i < n; ++i) {
        Scalar t = 1.0 + std::abs(z[i]);
        d[i] /= t * t;
      }
      break;
    case Activation::Relu:
      for (Eigen::Index i = 0; i < n; ++i) d[i] *= z[i] > 0 ? 1 : 0;
      break;
    case Activation::LeakyRelu:
      for (Eigen::Index i = 0; i < n; ++i) d[i] *= z[i] > 0 ? 1 : k;
      break;
    case Activation::Elu:  // 1 above 0, else e^z = a + 1
      for (Eigen::Index i = 0; i < n; ++i) d[i] *= z[i] > 0 ? 1 : a[i] + 1;
      break;
    case Activation::Softplus:  // sigma(z)
      for (Eigen::Index i = 0; i < n; ++i) d[i] *= sigmoid(z[i]);
      break;
  }
}

}  // namespace nn
