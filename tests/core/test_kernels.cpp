// The performance kernels against independent computations: our tanh against libm, the hand-written
// forward/backward products against Eigen's, and the property every view relies on: a column's
// result does not depend on the batch or block it is computed in (training, the app's chunked
// grid and predict_grid agree bit for bit).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "core/activation.hpp"
#include "core/loss.hpp"
#include "core/network.hpp"
#include "core/session.hpp"

using namespace nn;

namespace {
std::uint64_t bits_of(double d) {
  std::uint64_t u;
  std::memcpy(&u, &d, sizeof u);
  return u;
}

// Distance in units in the last place between two finite doubles of the same sign.
double ulps(double a, double b) {
  if (a == b) return 0;
  const double gap = std::nextafter(std::fabs(b), INFINITY) - std::fabs(b);
  return std::fabs(a - b) / gap;
}

bool same_bits(const Matrix& a, const Matrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), sizeof(double) * static_cast<std::size_t>(a.size())) == 0;
}

Matrix random_matrix(Eigen::Index r, Eigen::Index c, Rng& rng, double lo = -1, double hi = 1) {
  Matrix m(r, c);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.uniform(lo, hi);
  return m;
}

// Shapes that take every path of the kernels: 8-, 4-, 2-row tiles and single rows, odd inputs.
Network kernel_net(const std::vector<Activation>& fs, Activation out, Rng& rng) {
  NetworkSpec spec;
  spec.inputs = 3;
  spec.hidden = {17, 8, 5, 2};
  spec.activations = fs;
  spec.outputs = 3;
  spec.output_activation = out;
  Network net(spec, Init::Xavier, 0.1, rng);
  for (Layer& l : net.layers) l.b = random_matrix(l.n_out(), 1, rng, -0.5, 0.5);
  return net;
}
}  // namespace

TEST_CASE("portable tanh is within 4 ulp of libm's, odd, and exact at the edges",
          "[kernels][activation]") {
  Rng rng(7);
  double worst = 0;
  for (int i = 0; i < 50000; ++i) {
    // Uniform over several scales: tiny (tanh x = x), the polynomial range, saturation.
    const double scale = std::ldexp(1.0, (i % 40) - 30);
    const double x = rng.uniform(-1, 1) * scale;
    const double t = portable_tanh(x);
    worst = std::max(worst, ulps(t, std::tanh(x)));
    REQUIRE(bits_of(portable_tanh(-x)) == bits_of(-t));
  }
  INFO("worst " << worst << " ulp");
  CHECK(worst <= 4);
  CHECK(portable_tanh(0.0) == 0.0);
  CHECK(std::signbit(portable_tanh(-0.0)));
  CHECK(portable_tanh(1e-300) == 1e-300);
  CHECK(portable_tanh(25.0) == 1.0);
  CHECK(portable_tanh(-1e300) == -1.0);
  CHECK(portable_tanh(INFINITY) == 1.0);
  CHECK(portable_tanh(-INFINITY) == -1.0);
  CHECK(std::isnan(portable_tanh(std::numeric_limits<double>::quiet_NaN())));
  CHECK(portable_tanh(0.5) == Approx(0.46211715726000974).epsilon(1e-15));
}

TEST_CASE("array activations equal the scalar forms bit for bit at every length",
          "[kernels][activation]") {
  const Activation f =
      GENERATE(Activation::Linear, Activation::Sigmoid, Activation::Tanh, Activation::HardTanh,
               Activation::Softsign, Activation::Relu, Activation::LeakyRelu);
  Rng rng(11);
  for (int n = 0; n <= 19; ++n) {
    std::vector<double> z(static_cast<std::size_t>(n)), a(z.size()), d(z.size(), 0.75);
    for (double& v : z) v = rng.uniform(-3, 3);
    activate(f, z.data(), a.data(), n, 0.01);
    multiply_derivative(f, z.data(), a.data(), d.data(), n, 0.01);
    for (int i = 0; i < n; ++i) {
      INFO(name(f) << " n " << n << " i " << i);
      CHECK(bits_of(a[i]) == bits_of(activate(f, z[i], 0.01)));
      CHECK(d[i] == Approx(0.75 * activate_derivative(f, z[i], 0.01)).epsilon(1e-12));
    }
    std::vector<double> in_place = z;  // a may be z
    activate(f, in_place.data(), in_place.data(), n, 0.01);
    // n == 0: data() is null, and memcmp(nullptr, ...) is undefined even for 0 bytes (UBSan).
    if (n > 0) CHECK(std::memcmp(in_place.data(), a.data(), sizeof(double) * z.size()) == 0);
  }
}

TEST_CASE("forward and backward match Eigen's products", "[kernels][network]") {
  Rng rng(3);
  Network net =
      kernel_net({Activation::Tanh, Activation::Relu, Activation::Sigmoid, Activation::LeakyRelu},
                 Activation::Linear, rng);
  const Eigen::Index N = GENERATE(1, 2, 3, 10, 129);
  const Matrix X = random_matrix(3, N, rng);
  Workspace ws;
  const Matrix S = net.forward(X, ws);
  // Reference forward: Eigen's product and the scalar activations.
  Matrix a = X;
  std::vector<Matrix> ref_z, ref_a;
  for (const Layer& l : net.layers) {
    Matrix z = (l.W * a).colwise() + l.b;
    Matrix next = z.unaryExpr([&](double v) { return activate(l.f, v, 0.01); });
    ref_z.push_back(z);
    ref_a.push_back(next);
    a = next;
  }
  for (int l = 0; l < net.num_layers(); ++l) {
    CHECK(ws.z[l].isApprox(ref_z[l], 1e-13));
    CHECK(ws.a[l].isApprox(ref_a[l], 1e-13));
  }
  CHECK(S.isApprox(ref_a.back(), 1e-13));

  ws.dS = random_matrix(S.rows(), N, rng);
  net.backward(X, ws);
  // Reference backward from the same caches.
  Matrix delta = ws.dS;  // linear output: f' = 1
  for (int l = net.num_layers() - 1; l >= 0; --l) {
    const Layer& layer = net.layers[l];
    const Matrix& in = l == 0 ? X : ws.a[l - 1];
    CHECK(ws.delta[l].isApprox(delta, 1e-12));
    const Matrix dW = delta * in.transpose();
    const Vector db = delta.rowwise().sum();
    CHECK(layer.dW.isApprox(dW, 1e-12));
    CHECK(layer.db.isApprox(db, 1e-12));
    if (l > 0) {
      Matrix prev = layer.W.transpose() * delta;
      const Layer& below = net.layers[l - 1];
      for (Eigen::Index i = 0; i < prev.size(); ++i)
        prev.data()[i] *= activate_derivative(below.f, ws.z[l - 1].data()[i], 0.01);
      delta = prev;
    }
  }
}

TEST_CASE("a column's forward result does not depend on its batch or block", "[kernels][network]") {
  Rng rng(5);
  Network net =
      kernel_net({Activation::Tanh, Activation::Tanh, Activation::Softsign, Activation::HardTanh},
                 Activation::Tanh, rng);
  const Matrix X = random_matrix(3, 300, rng, -4, 4);  // crosses the 128-column blocks
  Workspace ws, one;
  const Matrix S = net.forward(X, ws);
  for (Eigen::Index j = 0; j < X.cols(); j += 7) {
    const Matrix col = X.col(j);
    const Matrix s = net.forward(col, one);
    INFO("column " << j);
    CHECK(same_bits(s, S.col(j)));
    CHECK(same_bits(one.a[0], ws.a[0].col(j)));
  }
  // Chunks of another size, like the app's progressive grid.
  for (Eigen::Index c0 = 0; c0 < X.cols(); c0 += 77) {
    const Eigen::Index n = std::min<Eigen::Index>(77, X.cols() - c0);
    const Matrix chunk = X.middleCols(c0, n);
    CHECK(same_bits(net.forward(chunk, one), S.middleCols(c0, n)));
  }
  Matrix P;
  Workspace pws;
  net.predict(X, P, pws);
  CHECK(same_bits(P, S));
  CHECK(pws.a[0].cols() < X.cols());  // only one block of activations is kept
}

TEST_CASE("predict_grid: with or without neurons, cached inputs follow the preprocessing",
          "[kernels][session]") {
  Config c;
  c.features = all_features();
  c.network.hidden = {6, 3};
  Session s(c);
  s.step(30);
  Matrix a, b;
  std::vector<Matrix> neurons;
  s.predict_grid(40, a);
  s.predict_grid(40, b, &neurons);
  CHECK(same_bits(a, b));
  s.predict_grid(40, b);  // the second call reuses the cached inputs
  CHECK(same_bits(a, b));

  // A preprocessing change resets the session; the grid must use the new inputs.
  Config c2 = c;
  c2.preprocess = Preprocess::Standardize;
  s.set_config(c2);
  Session fresh(c2);
  Matrix from_changed, from_fresh;
  s.predict_grid(40, from_changed);
  fresh.predict_grid(40, from_fresh);
  CHECK(same_bits(from_changed, from_fresh));
  CHECK_FALSE(same_bits(from_changed, a));
}

TEST_CASE("single-precision tanh of predict_display is within 4e-7 of libm's",
          "[kernels][display]") {
  NetworkSpec spec;
  spec.inputs = 1;
  spec.hidden = {};
  spec.activations = {};
  spec.output_activation = Activation::Tanh;
  Rng rng(1);
  Network net(spec, Init::Xavier, 0.1, rng);
  net.layers[0].W(0, 0) = 1;
  net.layers[0].b(0) = 0;
  Matrix X(1, 4001);
  for (Eigen::Index j = 0; j < X.cols(); ++j)  // exact floats, so only the tanh is measured
    X(0, j) = static_cast<float>(-12.0 + 24.0 * static_cast<double>(j) / 4000.0);
  X(0, 0) = static_cast<float>(1e-20);
  std::vector<float> s;
  Workspace ws;
  net.predict_display(X, s, ws);
  REQUIRE(s.size() == 4001);
  double worst = 0;
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    const double exact = std::tanh(X(0, j));
    worst = std::max(worst, std::fabs(s[static_cast<std::size_t>(j)] - exact) / std::fabs(exact));
  }
  INFO("worst relative error " << worst);
  CHECK(worst < 4e-7);
}

TEST_CASE("predict_display stays within single precision of predict", "[kernels][display]") {
  Rng rng(9);
  const Activation out = GENERATE(Activation::Linear, Activation::Tanh);
  Network net = kernel_net(
      {Activation::Sigmoid, Activation::Relu, Activation::Softsign, Activation::LeakyRelu}, out,
      rng);
  net.layers[1].f = Activation::HardTanh;              // every activation once
  const Matrix X = random_matrix(3, 300, rng, -3, 3);  // a partial last block
  Matrix P;
  Workspace ws;
  net.predict(X, P, ws);
  std::vector<float> F;
  net.predict_display(X, F, ws);
  REQUIRE(F.size() == static_cast<std::size_t>(P.size()));
  double worst = 0;
  for (Eigen::Index i = 0; i < P.size(); ++i)
    worst = std::max(worst, std::fabs(F[static_cast<std::size_t>(i)] - P.data()[i]) /
                                (1.0 + std::fabs(P.data()[i])));
  INFO("worst " << worst);
  CHECK(worst < 1e-5);
  CHECK(worst > 0);  // it really is another computation

  Config c;
  c.features = all_features();
  Session s(c);
  s.step(50);
  Matrix grid;
  std::vector<float> picture;
  s.predict_grid(64, grid);
  s.predict_grid_display(64, picture);
  REQUIRE(picture.size() == static_cast<std::size_t>(grid.size()));
  for (Eigen::Index i = 0; i < grid.size(); i += 97)
    CHECK(picture[static_cast<std::size_t>(i)] == Approx(grid.data()[i]).margin(1e-5));
}
