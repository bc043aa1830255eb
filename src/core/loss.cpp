// Losses on raw scores, each with its gradient dJ/dS next to its value (micrograd style).
#include "loss.hpp"

#include <cmath>

#include "pmath.hpp"

namespace nn {

const std::vector<Loss>& all_losses() {
  static const std::vector<Loss> all = kind_values(kLossKinds);
  return all;
}

const char* name(Loss l) { return kind_row(kLossKinds, l).name; }

std::string loss_names() { return kind_names(kLossKinds); }

Loss parse_loss(const std::string& s, const std::string& field) {
  return kind_parse(kLossKinds, s, field, "loss");
}

namespace {
// Portable (pmath.hpp): the same bits natively and in wasm.
inline Scalar softplus(Scalar x) { return portable_softplus(x); }
inline Scalar sigmoid(Scalar x) { return portable_sigmoid(x); }

template <bool kGrad>
Scalar loss_impl(Loss l, const Matrix& S, const Vector& y, Scalar margin, Matrix* dS) {
  const Eigen::Index K = S.rows(), N = S.cols();
  if (kGrad) dS->resize(K, N);
  if (N == 0) return 0;
  Scalar J = 0;
  const Scalar inv_n = 1.0 / static_cast<Scalar>(N);
  switch (l) {
    case Loss::Mse:
      // J = 1/(2N) sum (s - y)^2 over all outputs (K = 1 in practice).
      for (Eigen::Index j = 0; j < N; ++j)
        for (Eigen::Index i = 0; i < K; ++i) {
          Scalar r = S(i, j) - y[j];
          J += 0.5 * r * r;
          if (kGrad) (*dS)(i, j) = r * inv_n;
        }
      return J * inv_n;
    case Loss::Logistic:
      // J = softplus(-t s), t = 2y - 1; dJ/ds = sigmoid(s) - y.
      for (Eigen::Index j = 0; j < N; ++j) {
        Scalar s = S(0, j), t = 2 * y[j] - 1;
        J += softplus(-t * s);
        if (kGrad) (*dS)(0, j) = (sigmoid(s) - y[j]) * inv_n;
      }
      return J * inv_n;
    case Loss::Softmax:
      // J = log sum exp(s) - s_y, with the max subtracted; dJ/ds = softmax(s) - onehot(y).
      for (Eigen::Index j = 0; j < N; ++j) {
        Scalar mx = S.col(j).maxCoeff();
        Scalar sum = 0;
        for (Eigen::Index i = 0; i < K; ++i) sum += portable_exp(S(i, j) - mx);
        auto c = static_cast<Eigen::Index>(y[j]);
        J += portable_log(sum) + mx - S(c, j);
        if (kGrad)
          for (Eigen::Index i = 0; i < K; ++i)
            (*dS)(i, j) = (portable_exp(S(i, j) - mx) / sum - (i == c ? 1.0 : 0.0)) * inv_n;
      }
      return J * inv_n;
    case Loss::Hinge:
      // J = max(0, 1 - t s); dJ/ds = -t where the margin is violated.
      for (Eigen::Index j = 0; j < N; ++j) {
        Scalar t = 2 * y[j] - 1, m = 1 - t * S(0, j);
        J += m > 0 ? m : 0;
        if (kGrad) (*dS)(0, j) = m > 0 ? -t * inv_n : 0;
      }
      return J * inv_n;
    case Loss::MaxMargin: {
      // J = max(0, Delta + s_c - s) per (true, corrupted) pair; dJ/ds = -1, dJ/ds_c = +1 when J >
      // 0.
      const Eigen::Index P = N / 2;
      if (kGrad) dS->setZero();
      if (P == 0) return 0;
      const Scalar inv_p = 1.0 / static_cast<Scalar>(P);
      for (Eigen::Index j = 0; j < P; ++j) {
        Scalar m = margin + S(0, P + j) - S(0, j);
        if (m > 0) {
          J += m;
          if (kGrad) {
            (*dS)(0, j) = -inv_p;
            (*dS)(0, P + j) = inv_p;
          }
        }
      }
      return J * inv_p;
    }
  }
  return J;
}
}  // namespace

Scalar loss_forward_backward(Loss l, const Matrix& S, const Vector& y, Scalar margin, Matrix& dS) {
  return loss_impl<true>(l, S, y, margin, &dS);
}

Scalar loss_value(Loss l, const Matrix& S, const Vector& y, Scalar margin) {
  return loss_impl<false>(l, S, y, margin, nullptr);
}

Scalar accuracy(Loss l, const Matrix& S, const Vector& y, Scalar margin) {
  const Eigen::Index N = S.cols();
  if (N == 0) return 0;
  Eigen::Index correct = 0;
  if (l == Loss::MaxMargin) {
    const Eigen::Index P = N / 2;
    if (P == 0) return 0;
    for (Eigen::Index j = 0; j < P; ++j) correct += S(0, j) - S(0, P + j) >= margin ? 1 : 0;
    return static_cast<Scalar>(correct) / static_cast<Scalar>(P);
  }
  for (Eigen::Index j = 0; j < N; ++j) {
    if (l == Loss::Softmax) {
      Eigen::Index best = 0;
      S.col(j).maxCoeff(&best);
      correct += best == static_cast<Eigen::Index>(y[j]) ? 1 : 0;
    } else if (l == Loss::Mse) {
      correct += (S(0, j) > 0) == (y[j] > 0) ? 1 : 0;  // targets are -1/+1
    } else {
      correct += (S(0, j) > 0) == (y[j] > 0.5) ? 1 : 0;
    }
  }
  return static_cast<Scalar>(correct) / static_cast<Scalar>(N);
}

std::vector<long long> confusion(Loss l, const Matrix& S, const Vector& y, int K) {
  if (l == Loss::MaxMargin || K < 2) return {};
  std::vector<long long> counts(static_cast<std::size_t>(K) * K, 0);
  for (Eigen::Index j = 0; j < S.cols(); ++j) {
    int t = 0, p = 0;
    if (l == Loss::Softmax) {
      Eigen::Index best = 0;
      S.col(j).maxCoeff(&best);
      t = static_cast<int>(y[j]);
      p = static_cast<int>(best);
    } else {
      t = l == Loss::Mse ? (y[j] > 0 ? 1 : 0) : (y[j] > 0.5 ? 1 : 0);
      p = S(0, j) > 0 ? 1 : 0;
    }
    if (t < 0 || t >= K || p < 0 || p >= K) continue;
    ++counts[static_cast<std::size_t>(t) * K + p];
  }
  return counts;
}

}  // namespace nn
