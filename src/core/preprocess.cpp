// §2.5 preprocessing (mean subtraction, standardization, SVD whitening) fitted on the training
// split, and TensorFlow Playground's input features. Every kind is stored as out = A (in - mean),
// so transform is one code path and the app can show A.
#include "preprocess.hpp"

#include <Eigen/SVD>
#include <cmath>

#include "pmath.hpp"

namespace nn {

void Preprocessor::fit(Preprocess kind, const Matrix& train, double epsilon) {
  kind_ = kind;
  const Eigen::Index d = train.rows();
  const Eigen::Index n = train.cols();
  mean_ = Vector::Zero(d);
  A_ = Matrix::Identity(d, d);
  if (kind == Preprocess::None || n == 0) return;  // nothing to estimate from no points

  mean_ = train.rowwise().mean();
  if (kind == Preprocess::Mean) return;

  const Matrix centred = train.colwise() - mean_;  // (d, n)
  if (kind == Preprocess::Standardize) {
    // Population std (divide by n), matching the covariance whitening makes the identity.
    // A (near-)constant column keeps scale 1 instead of blowing up its rounding noise.
    for (Eigen::Index i = 0; i < d; ++i) {
      double sd = std::sqrt(centred.row(i).squaredNorm() / static_cast<double>(n));
      A_(i, i) = sd < epsilon ? 1.0 : 1.0 / sd;
    }
    return;
  }

  // Whiten: centred = U S V^T, so cov = centred centred^T / n = U (S^2 / n) U^T and
  // A = diag(sqrt(n) / s_i) U^T gives A cov A^T = I. Full U so A is (d, d) even when n < d; the
  // missing singular values are zero and, like any below epsilon, are replaced by epsilon.
  Eigen::JacobiSVD<Matrix> svd(centred, Eigen::ComputeFullU);
  const Matrix& U = svd.matrixU();  // (d, d)
  const Vector& s = svd.singularValues();
  const double sqrt_n = std::sqrt(static_cast<double>(n));
  for (Eigen::Index i = 0; i < d; ++i) {
    double scale = i < s.size() ? s(i) / sqrt_n : 0.0;  // std along singular direction i
    if (scale < epsilon) scale = epsilon;
    A_.row(i) = U.col(i).transpose() / scale;
  }
}

void Preprocessor::transform(const Matrix& in, Matrix& out) const {
  if (mean_.size() == 0) {  // never fitted: identity
    out = in;
    return;
  }
  if (in.rows() != mean_.size())
    throw ConfigError("preprocess", "input has " + std::to_string(in.rows()) +
                                        " dimensions but the preprocessor was fitted on " +
                                        std::to_string(mean_.size()));
  switch (kind_) {
    case Preprocess::None:
      out = in;
      return;
    case Preprocess::Mean:
      out = in.colwise() - mean_;
      return;
    case Preprocess::Standardize:
      out = A_.diagonal().asDiagonal() * (in.colwise() - mean_);
      return;
    case Preprocess::Whiten:
      out.noalias() = A_ * (in.colwise() - mean_);
      return;
  }
}

void expand_features(const Matrix& P, const std::vector<Feature>& features, Matrix& out) {
  if (P.rows() != 2)
    throw ConfigError("features", "input features are defined for 2D points only, got " +
                                      std::to_string(P.rows()) + " dimensions");
  out.resize(static_cast<Eigen::Index>(features.size()), P.cols());  // (F, N)
  for (Eigen::Index f = 0; f < out.rows(); ++f) {
    switch (features[f]) {
      case Feature::X1:
        out.row(f) = P.row(0);
        break;
      case Feature::X2:
        out.row(f) = P.row(1);
        break;
      case Feature::X1Sq:
        out.row(f) = P.row(0).array().square();
        break;
      case Feature::X2Sq:
        out.row(f) = P.row(1).array().square();
        break;
      case Feature::X1X2:
        out.row(f) = P.row(0).array() * P.row(1).array();
        break;
      case Feature::SinX1:
      case Feature::SinX2: {
        // Portable sin per element: libm's (and Eigen's packet) sin may differ between platforms.
        const Eigen::Index row = features[f] == Feature::SinX1 ? 0 : 1;
        for (Eigen::Index j = 0; j < P.cols(); ++j) out(f, j) = portable_sin(P(row, j));
        break;
      }
    }
  }
}

}  // namespace nn
