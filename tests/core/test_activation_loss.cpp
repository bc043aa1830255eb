// Activations (§2.4) and losses (§1.4) against hand values and central differences.
#include <catch2/catch.hpp>
#include <cmath>

#include "core/activation.hpp"
#include "core/loss.hpp"
#include "core/rng.hpp"

using namespace nn;

TEST_CASE("activation values and derivatives match hand values", "[activation]") {
  const double k = 0.1;
  CHECK(activate(Activation::Sigmoid, 0.0, k) == Approx(0.5));
  CHECK(activate(Activation::Sigmoid, 2.0, k) == Approx(0.8807970779778823).epsilon(1e-14));
  CHECK(activate_derivative(Activation::Sigmoid, 2.0, k) ==
        Approx(0.10499358540350662).epsilon(1e-13));
  CHECK(activate(Activation::Sigmoid, -3.0, k) == Approx(0.04742587317756678).epsilon(1e-13));
  CHECK(activate(Activation::Tanh, 0.5, k) == Approx(0.46211715726000974).epsilon(1e-14));
  CHECK(activate_derivative(Activation::Tanh, 0.5, k) == Approx(0.7864477329659274).epsilon(1e-13));
  CHECK(activate(Activation::HardTanh, 2.0, k) == 1.0);
  CHECK(activate(Activation::HardTanh, -3.0, k) == -1.0);
  CHECK(activate(Activation::HardTanh, -0.5, k) == -0.5);
  CHECK(activate_derivative(Activation::HardTanh, 2.0, k) == 0.0);
  CHECK(activate_derivative(Activation::HardTanh, 0.5, k) == 1.0);
  // softsign' = 1/(1+|z|)^2; the notes' sgn(z)/(1+z)^2 would give -1/4 at z = -3.
  CHECK(activate(Activation::Softsign, 3.0, k) == Approx(0.75));
  CHECK(activate(Activation::Softsign, -3.0, k) == Approx(-0.75));
  CHECK(activate_derivative(Activation::Softsign, 3.0, k) == Approx(0.0625));
  CHECK(activate_derivative(Activation::Softsign, -3.0, k) == Approx(0.0625));
  CHECK(activate(Activation::Relu, -2.0, k) == 0.0);
  CHECK(activate(Activation::Relu, 2.5, k) == 2.5);
  CHECK(activate_derivative(Activation::Relu, -2.0, k) == 0.0);
  CHECK(activate_derivative(Activation::Relu, 2.0, k) == 1.0);
  CHECK(activate(Activation::LeakyRelu, -2.0, k) == Approx(-0.2));
  CHECK(activate_derivative(Activation::LeakyRelu, -2.0, k) == Approx(0.1));
  CHECK(activate_derivative(Activation::LeakyRelu, 2.0, k) == 1.0);
  CHECK(activate(Activation::Linear, -1.25, k) == -1.25);
  CHECK(activate_derivative(Activation::Linear, -1.25, k) == 1.0);
  // ELU (alpha = 1): z above 0, e^z - 1 below; f' = 1, or e^z.
  CHECK(activate(Activation::Elu, 1.5, k) == 1.5);
  CHECK(activate(Activation::Elu, -1.0, k) == Approx(-0.6321205588285577).epsilon(1e-14));
  CHECK(activate(Activation::Elu, -20.0, k) == Approx(-0.9999999979388464).epsilon(1e-14));
  CHECK(activate(Activation::Elu, -1e-10, k) == Approx(-9.9999999995e-11).epsilon(1e-12));
  CHECK(activate(Activation::Elu, 0.0, k) == 0.0);
  CHECK(activate_derivative(Activation::Elu, 2.0, k) == 1.0);
  CHECK(activate_derivative(Activation::Elu, -1.0, k) ==
        Approx(0.36787944117144233).epsilon(1e-13));
  CHECK(activate_derivative(Activation::Elu, -3.0, k) ==
        Approx(0.049787068367863944).epsilon(1e-13));
  // Softplus: log(1 + e^z); f' = sigma(z).
  CHECK(activate(Activation::Softplus, 0.0, k) == Approx(0.6931471805599453).epsilon(1e-15));
  CHECK(activate(Activation::Softplus, 2.0, k) == Approx(2.1269280110429727).epsilon(1e-14));
  CHECK(activate(Activation::Softplus, -3.0, k) == Approx(0.04858735157374206).epsilon(1e-13));
  CHECK(activate(Activation::Softplus, 800.0, k) == 800.0);  // no overflow
  CHECK(activate(Activation::Softplus, -800.0, k) == 0.0);
  CHECK(activate_derivative(Activation::Softplus, 0.0, k) == 0.5);
  CHECK(activate_derivative(Activation::Softplus, 2.0, k) ==
        Approx(0.8807970779778823).epsilon(1e-14));
}

TEST_CASE("tanh(z) = 2 sigma(2z) - 1", "[activation]") {
  for (double z = -6; z <= 6; z += 0.25)
    CHECK(activate(Activation::Tanh, z, 0) ==
          Approx(2 * activate(Activation::Sigmoid, 2 * z, 0) - 1).margin(1e-15));
}

TEST_CASE("batched activations and derivatives agree with the scalar forms and with f'",
          "[activation]") {
  const double k = 0.05;
  Rng rng(7);
  Matrix z(3, 40);
  for (Eigen::Index i = 0; i < z.size(); ++i) {
    double v = rng.uniform(-4, 4);
    if (std::abs(v) < 0.01 || std::abs(std::abs(v) - 1) < 0.01) v += 0.05;  // away from kinks
    z.data()[i] = v;
  }
  for (Activation f : all_activations()) {
    INFO(name(f));
    Matrix a, d = Matrix::Constant(3, 40, 2.0);
    activate(f, z, a, k);
    multiply_derivative(f, z, a, d, k);
    for (Eigen::Index i = 0; i < z.size(); ++i) {
      const double zi = z.data()[i];
      CHECK(a.data()[i] == Approx(activate(f, zi, k)).margin(1e-15));
      CHECK(d.data()[i] == Approx(2.0 * activate_derivative(f, zi, k)).margin(1e-14));
      const double h = 1e-6;
      const double numeric = (activate(f, zi + h, k) - activate(f, zi - h, k)) / (2 * h);
      CHECK(activate_derivative(f, zi, k) == Approx(numeric).margin(1e-8));
    }
  }
}

TEST_CASE("activation names parse and bad names are named", "[activation]") {
  for (Activation f : all_activations()) CHECK(parse_activation(name(f), "x") == f);
  try {
    parse_activation("swish", "network.activation");
    FAIL("expected ConfigError");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).find("network.activation") != std::string::npos);
    CHECK(std::string(e.what()).find("leaky_relu") != std::string::npos);
  }
}

namespace {
// Central-difference check of dJ/dS for a loss.
void check_loss_gradient(Loss l, const Matrix& S, const Vector& y, double margin) {
  Matrix dS;
  const double J = loss_forward_backward(l, S, y, margin, dS);
  CHECK(J == Approx(loss_value(l, S, y, margin)));
  Matrix Sp = S;
  for (Eigen::Index i = 0; i < S.size(); ++i) {
    const double h = 1e-6, saved = Sp.data()[i];
    Sp.data()[i] = saved + h;
    const double plus = loss_value(l, Sp, y, margin);
    Sp.data()[i] = saved - h;
    const double minus = loss_value(l, Sp, y, margin);
    Sp.data()[i] = saved;
    CHECK(dS.data()[i] == Approx((plus - minus) / (2 * h)).margin(1e-8));
  }
}
}  // namespace

TEST_CASE("loss values by hand", "[loss]") {
  Matrix S(1, 2);
  S << 0.5, -2.0;
  Vector y(2);
  y << 1, 0;
  // logistic: log(1+e^-0.5) and log(1+e^-2), mean
  CHECK(loss_value(Loss::Logistic, S, y, 1) ==
        Approx((std::log1p(std::exp(-0.5)) + std::log1p(std::exp(-2.0))) / 2));
  // hinge: max(0, 1-0.5) = 0.5 and max(0, 1-2) = 0
  CHECK(loss_value(Loss::Hinge, S, y, 1) == Approx(0.25));
  Vector t(2);
  t << 1, -1;
  CHECK(loss_value(Loss::Mse, S, t, 1) == Approx((0.5 * 0.25 + 0.5 * 1.0) / 2));
  // logistic stays finite for huge scores
  Matrix big(1, 2);
  big << 800.0, -800.0;
  CHECK(loss_value(Loss::Logistic, big, y, 1) == Approx(0.0).margin(1e-300));
  Vector wrong(2);
  wrong << 0, 1;
  CHECK(loss_value(Loss::Logistic, big, wrong, 1) == Approx(800.0));
  // softmax over 3 classes, stable for large scores
  Matrix s3(3, 1);
  s3 << 1000.0, 1001.0, 1002.0;
  Vector c(1);
  c << 2;
  const double e = std::log(std::exp(-2.0) + std::exp(-1.0) + 1.0);
  CHECK(loss_value(Loss::Softmax, s3, c, 1) == Approx(e));
}

TEST_CASE("max-margin: J = max(0, Delta + s_c - s), dJ/ds = -1 when J > 0, else 0", "[loss]") {
  Matrix S(1, 4);  // pairs: (s=2, s_c=0.5) violates (margin 2), (s=3, s_c=0) satisfied
  S << 2.0, 3.0, 0.5, 0.0;
  Vector y(4);
  y << 1, 1, 0, 0;
  Matrix dS;
  const double J = loss_forward_backward(Loss::MaxMargin, S, y, 2.0, dS);
  CHECK(J == Approx((2.0 + 0.5 - 2.0) / 2));
  CHECK(dS(0, 0) == Approx(-0.5));  // -1 per pair, averaged over 2 pairs
  CHECK(dS(0, 2) == Approx(0.5));
  CHECK(dS(0, 1) == 0.0);
  CHECK(dS(0, 3) == 0.0);
  CHECK(accuracy(Loss::MaxMargin, S, y) == 1.0);
}

TEST_CASE("every loss gradient matches central differences", "[loss]") {
  Rng rng(3);
  Matrix S1(1, 6), S3(3, 6);
  for (Eigen::Index i = 0; i < S1.size(); ++i) S1.data()[i] = rng.uniform(-2, 2);
  for (Eigen::Index i = 0; i < S3.size(); ++i) S3.data()[i] = rng.uniform(-2, 2);
  Vector y01(6), cls(6), real(6), pairs(6);
  y01 << 1, 0, 1, 1, 0, 0;
  cls << 0, 2, 1, 1, 0, 2;
  real << 0.3, -0.7, 1.2, 0.1, -0.2, 0.9;
  pairs << 1, 1, 1, 0, 0, 0;
  check_loss_gradient(Loss::Mse, S1, real, 1);
  check_loss_gradient(Loss::Logistic, S1, y01, 1);
  check_loss_gradient(Loss::Softmax, S3, cls, 1);
  check_loss_gradient(Loss::Hinge, S1 * 0.3, y01, 1);  // keep clear of the hinge's kink
  check_loss_gradient(Loss::MaxMargin, S1 * 0.1, pairs, 1);
}

TEST_CASE("confusion matrix by hand: softmax argmax, one-output sign, none for pairs", "[loss]") {
  // Softmax, K = 3: columns are points; true classes 0, 1, 2, 2; argmax 0, 2, 2, 1.
  Matrix S(3, 4);
  S << 2, 0, 0, 0,  //
      1, 0, 0, 5,   //
      0, 3, 4, 1;
  Vector y(4);
  y << 0, 1, 2, 2;
  const std::vector<long long> c = confusion(Loss::Softmax, S, y, 3);
  // rows true 0..2, columns predicted 0..2
  CHECK(c == std::vector<long long>{1, 0, 0, 0, 0, 1, 0, 1, 1});
  long long diagonal = c[0] + c[4] + c[8];
  CHECK(static_cast<double>(diagonal) / 4 == Approx(accuracy(Loss::Softmax, S, y)));

  // Logistic: class 1 where s > 0; labels 0/1.
  Matrix s1(1, 4);
  s1 << 0.5, -0.2, 0.1, -3;
  Vector y1(4);
  y1 << 1, 1, 0, 0;
  CHECK(confusion(Loss::Logistic, s1, y1, 2) == std::vector<long long>{1, 1, 1, 1});
  // mse on -1/+1 targets.
  Vector ypm(4);
  ypm << 1, -1, 1, -1;
  CHECK(confusion(Loss::Mse, s1, ypm, 2) == std::vector<long long>{2, 0, 0, 2});
  CHECK(confusion(Loss::MaxMargin, s1, y1, 2).empty());
}
