// §2.5 preprocessing: statistics are fitted on the training split only and applied to any set.
// Features (TensorFlow Playground's x1, x2, x1^2, ...) are expanded after preprocessing.
#pragma once
#include <vector>

#include "config.hpp"
#include "types.hpp"

namespace nn {

class Preprocessor {
 public:
  // mean: subtract the mean; standardize: also divide by the std (zero std -> 1);
  // whiten: centre, rotate onto the singular vectors of the centred data (SVD), divide each
  // dimension by its singular value / sqrt(N) (values below epsilon replaced by epsilon), so the
  // training split has identity covariance.
  void fit(Preprocess kind, const Matrix& train, double epsilon = 1e-5);
  void transform(const Matrix& in, Matrix& out) const;  // in, out: (d, N); out may not alias in
  Preprocess kind() const { return kind_; }
  const Vector& mean() const { return mean_; }
  const Matrix& linear() const { return A_; }  // out = A (in - mean)

 private:
  Preprocess kind_ = Preprocess::None;
  Vector mean_;
  Matrix A_;
};

// Expands 2D points P (2, N) into the selected features (F, N), in the order given.
void expand_features(const Matrix& P, const std::vector<Feature>& features, Matrix& out);

}  // namespace nn
