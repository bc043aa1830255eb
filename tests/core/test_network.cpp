// The network against the notes: whole-network gradient checks (§2.1), the 4-2-1 example (§1.5),
// NER window shapes (§1.3), dropout (§2.3), initialization (§2.6), determinism.
#include <catch2/catch.hpp>
#include <cmath>

#include "core/gradcheck.hpp"
#include "core/loss.hpp"
#include "core/network.hpp"
#include "core/pmath.hpp"

using namespace nn;

namespace {
Matrix random_matrix(Eigen::Index r, Eigen::Index c, Rng& rng, double lo = -1, double hi = 1) {
  Matrix m(r, c);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.uniform(lo, hi);
  return m;
}

// J(theta) for a batch, with gradients when asked.
struct Problem {
  Network* net;
  Matrix X;
  Vector y;
  Loss loss;
  Regularization reg;
  double rate;
  Workspace ws;
  double operator()(bool grad) {
    const Matrix& S = net->forward(X, ws);
    if (!grad) return loss_value(loss, S, y, 1.0) + net->regularization_loss(reg, rate);
    double J = loss_forward_backward(loss, S, y, 1.0, ws.dS);
    net->backward(X, ws);
    return J + net->regularize(reg, rate);
  }
};

// Nudges every pre-activation away from the kinks of relu/leaky relu (0) and hardtanh (+-1)
// by shifting biases, so the centred difference never straddles a kink.
void keep_away_from_kinks(Network& net, const Matrix& X) {
  Workspace ws;
  for (int l = 0; l < net.num_layers(); ++l) {
    for (int pass = 0; pass < 50; ++pass) {
      net.forward(X, ws);
      const Matrix& z = ws.z[l];
      bool close = false;
      for (Eigen::Index i = 0; i < z.size() && !close; ++i) {
        const double v = z.data()[i];
        close = std::abs(v) < 1e-3 || std::abs(std::abs(v) - 1) < 1e-3;
      }
      if (!close) break;
      net.layers[l].b.array() += 0.0123;
    }
  }
}
}  // namespace

TEST_CASE("whole-network gradient check: every activation x loss x regularization",
          "[network][gradcheck]") {
  const Activation f = GENERATE(from_range(all_activations()));  // every row of the table
  const Loss loss =
      GENERATE(Loss::Mse, Loss::Logistic, Loss::Softmax, Loss::Hinge, Loss::MaxMargin);
  const Regularization reg = GENERATE(Regularization::None, Regularization::L2, Regularization::L1);
  INFO(name(f) << " / " << name(loss) << " / " << name(reg));
  Rng rng(11);
  NetworkSpec spec;
  spec.inputs = 3;
  spec.hidden = {5, 4};
  spec.activations = {f, f};
  spec.outputs = loss == Loss::Softmax ? 3 : 1;
  spec.leaky_slope = 0.1;
  Network net(spec, Init::Xavier, 0.1, rng);
  for (auto& l : net.layers) l.b = random_matrix(l.n_out(), 1, rng, -0.2, 0.2);
  Problem p{&net, random_matrix(3, 8, rng, -1.5, 1.5), Vector(8), loss, reg, 0.01, {}};
  // Unbalanced labels: with exactly balanced ones some bias gradients cancel to 0 analytically
  // while the numeric estimate is round-off (1e-11), which the relative error cannot judge.
  const int pattern[8] = {1, 0, 1, 1, 0, 1, 1, 0};
  for (int j = 0; j < 8; ++j) {
    if (loss == Loss::Softmax)
      p.y[j] = (j * 7 + 1) % 3 == 0 ? 0 : (j % 2) + 1;
    else if (loss == Loss::Mse)
      p.y[j] = rng.uniform(-1, 1);
    else if (loss == Loss::MaxMargin)
      p.y[j] = j < 4 ? 1 : 0;
    else
      p.y[j] = pattern[j];
  }
  keep_away_from_kinks(net, p.X);
  if (loss == Loss::Hinge || loss == Loss::MaxMargin) {
    // Keep every sample off the hinge's kink (t s = 1, or Delta + s_c - s = 0).
    Workspace ws;
    for (int pass = 0; pass < 100; ++pass) {
      const Matrix& S = net.forward(p.X, ws);
      bool close = false;
      for (int j = 0; j < 8; ++j) {
        const double m = loss == Loss::Hinge ? 1 - (2 * p.y[j] - 1) * S(0, j)
                                             : 1.0 + S(0, 4 + j % 4) - S(0, j % 4);
        close = close || std::abs(m) < 1e-3;
      }
      if (!close) break;
      net.layers.back().b.array() += 0.0071;
    }
  }
  const Network before = net;
  GradCheckResult r = gradient_check(net, std::ref(p));
  CHECK(r.parameters == net.num_parameters());
  // Round-off in the centred difference is about 1e-16 |J| / eps ~ 1e-11, so a relative error is
  // only meaningful for gradients well above that: parameters with |dJ/dtheta| >= 1e-5 must have a
  // relative error < 1e-6; smaller ones (a dead relu's weights, the output bias that cancels in the
  // max-margin loss's Delta + s_c - s) must agree to 1e-9 absolutely.
  double worst = 0;
  for (std::size_t i = 0; i < r.parameters; ++i) {
    if (std::max(std::abs(r.analytic[i]), std::abs(r.numeric[i])) >= 1e-5) {
      worst = std::max(worst, r.relative[i]);
    } else {
      INFO("parameter " << i);
      CHECK(std::abs(r.analytic[i] - r.numeric[i]) < 1e-9);
    }
  }
  CHECK(worst < 1e-6);
  if (loss == Loss::MaxMargin) CHECK(r.analytic.back() == 0.0);  // the output bias cancels
  // Every perturbed value restored bit for bit.
  for (int l = 0; l < net.num_layers(); ++l) {
    CHECK(net.layers[l].W == before.layers[l].W);
    CHECK(net.layers[l].b == before.layers[l].b);
  }
}

TEST_CASE("gradient check catches a wrong gradient", "[gradcheck]") {
  Rng rng(5);
  NetworkSpec spec;
  spec.inputs = 2;
  spec.hidden = {3};
  spec.activations = {Activation::Tanh};
  Network net(spec, Init::Xavier, 0.1, rng);
  Problem p{&net, random_matrix(2, 4, rng), Vector(4), Loss::Logistic, Regularization::None, 0, {}};
  p.y << 0, 1, 0, 1;
  auto wrong = [&](bool grad) {
    double J = p(grad);
    if (grad) net.layers[0].dW(1, 1) *= 1.01;  // a 1 % error in one entry
    return J;
  };
  GradCheckResult r = gradient_check(net, wrong);
  CHECK(r.max_relative_error > 1e-3);
  CHECK(r.layer_max[0] > 1e-3);
  CHECK(r.layer_max[1] < 1e-6);
}

TEST_CASE("the notes' 4-2-1 network: dJ/dW_14^(1) = delta_1^(2) a_4^(1)", "[network][notes]") {
  // Figure 5: 4 inputs a^(1), 2 sigmoid hidden units, one linear score s = W^(2) a^(2) + b^(2).
  // With dJ/ds = 1 (so J = s), delta_1^(2) = W_1^(2) f'(z_1^(2)).
  Rng rng(1);
  NetworkSpec spec;
  spec.inputs = 4;
  spec.hidden = {2};
  spec.activations = {Activation::Sigmoid};
  Network net(spec, Init::Xavier, 0.1, rng);
  net.layers[0].W << 0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8;
  net.layers[0].b << 0.05, -0.05;
  net.layers[1].W << 1.5, -2.0;
  net.layers[1].b << 0.3;
  Matrix x(4, 1);
  x << 1.0, 2.0, -1.0, 0.5;
  Workspace ws;
  net.forward(x, ws);
  ws.dS = Matrix::Ones(1, 1);
  net.backward(x, ws);
  // By hand: z_1^(2) = 0.1*1 - 0.2*2 + 0.3*(-1) + 0.4*0.5 + 0.05 = -0.35
  const double z1 = -0.35;
  const double s1 = 1 / (1 + std::exp(-z1));
  const double delta1 = 1.5 * s1 * (1 - s1);  // W_1^(2) f'(z_1^(2))
  CHECK(ws.z[0](0, 0) == Approx(z1));
  CHECK(ws.delta[0](0, 0) == Approx(delta1));
  CHECK(net.layers[0].dW(0, 3) == Approx(delta1 * 0.5));  // a_4^(1) = 0.5
  CHECK(net.layers[0].db(0) == Approx(delta1));           // bias gradient = delta
  // The error-sharing rule for every entry: dW_ij = delta_i a_j.
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 4; ++j)
      CHECK(net.layers[0].dW(i, j) == Approx(ws.delta[0](i, 0) * x(j, 0)));
}

TEST_CASE("NER window shapes (§1.3): x in R^20, W 8x20, U 8x1", "[network][notes]") {
  Rng rng(2);
  NetworkSpec spec;
  spec.inputs = 20;
  spec.hidden = {8};
  spec.activations = {Activation::Sigmoid};
  Network net(spec, Init::Xavier, 0.1, rng);
  CHECK(net.layers[0].W.rows() == 8);
  CHECK(net.layers[0].W.cols() == 20);
  CHECK(net.layers[1].W.rows() == 1);  // U^T
  CHECK(net.layers[1].W.cols() == 8);
  Matrix X = random_matrix(20, 2, rng);  // one true and one corrupted window
  Vector y(2);
  y << 1, 0;
  Workspace ws;
  const Matrix& S = net.forward(X, ws);
  CHECK(S.rows() == 1);
  CHECK(S.cols() == 2);
  // dJ/ds = -1 (one pair) while J > 0; zero once the margin is met.
  const double J = loss_forward_backward(Loss::MaxMargin, S, y, 100.0, ws.dS);
  CHECK(J > 0);
  CHECK(ws.dS(0, 0) == -1.0);
  CHECK(ws.dS(0, 1) == 1.0);
  const double J0 = loss_forward_backward(Loss::MaxMargin, S, y, -100.0, ws.dS);
  CHECK(J0 == 0.0);
  CHECK(ws.dS(0, 0) == 0.0);
}

TEST_CASE("inverted dropout: mean output over masks equals the evaluation output",
          "[network][dropout]") {
  Rng rng(9);
  NetworkSpec spec;
  spec.inputs = 2;
  spec.hidden = {16};
  spec.activations = {Activation::Tanh};
  Network net(spec, Init::Xavier, 0.1, rng);
  Matrix X = random_matrix(2, 3, rng);
  Workspace eval, train;
  const Matrix full = net.forward(X, eval);
  Matrix again = net.forward(X, eval);
  CHECK(full == again);  // evaluation is deterministic
  CHECK_FALSE(eval.dropout_active);
  const double keep = 0.6;
  Matrix sum = Matrix::Zero(1, 3);
  const int trials = 40000;
  int dropped = 0;
  for (int t = 0; t < trials; ++t) {
    sum += net.forward(X, train, keep, &rng);
    dropped += static_cast<int>((train.mask[0].array() == 0).count());
  }
  CHECK(train.dropout_active);
  const Matrix mean = sum / trials;
  for (int j = 0; j < 3; ++j) CHECK(mean(0, j) == Approx(full(0, j)).margin(0.01));
  // Kept units are scaled by 1/p; about (1 - p) of them are dropped.
  CHECK(static_cast<double>(dropped) / (trials * 16.0 * 3) == Approx(1 - keep).margin(0.01));
  for (Eigen::Index i = 0; i < train.mask[0].size(); ++i) {
    const double m = train.mask[0].data()[i];
    CHECK((m == 0.0 || m == Approx(1 / keep)));
  }
}

TEST_CASE("gradient check with a fixed dropout mask", "[network][dropout][gradcheck]") {
  Rng rng(4);
  NetworkSpec spec;
  spec.inputs = 2;
  spec.hidden = {6, 5};
  spec.activations = {Activation::Tanh, Activation::Sigmoid};
  Network net(spec, Init::Xavier, 0.1, rng);
  Matrix X = random_matrix(2, 5, rng);
  Vector y(5);
  y << 1, 0, 1, 0, 1;
  // The same seed before every forward pass makes the mask a constant of theta.
  auto J = [&](bool grad) {
    Rng mask_rng(77);
    Workspace ws;
    const Matrix& S = net.forward(X, ws, 0.5, &mask_rng);
    if (!grad) return loss_value(Loss::Logistic, S, y, 1);
    double v = loss_forward_backward(Loss::Logistic, S, y, 1, ws.dS);
    net.backward(X, ws);
    return v;
  };
  CHECK(gradient_check(net, J).max_relative_error < 1e-6);
}

TEST_CASE("initialization: Xavier bounds, He and normal variance, zero biases", "[network][init]") {
  NetworkSpec spec;
  spec.inputs = 64;
  spec.hidden = {64, 64};
  spec.activations = {Activation::Relu, Activation::Relu};
  Rng rng(123);
  Network x(spec, Init::Xavier, 0.1, rng);
  const double bound = std::sqrt(6.0 / 128);
  CHECK(x.layers[0].W.cwiseAbs().maxCoeff() <= bound);
  CHECK(x.layers[0].W.cwiseAbs().maxCoeff() > 0.95 * bound);
  // Uniform[-r, r] has variance r^2 / 3.
  auto var = [](const Matrix& m) { return (m.array() - m.mean()).square().mean(); };
  CHECK(var(x.layers[1].W) == Approx(bound * bound / 3).epsilon(0.06));
  Network h(spec, Init::He, 0.1, rng);
  CHECK(var(h.layers[1].W) == Approx(2.0 / 64).epsilon(0.06));
  CHECK(std::abs(h.layers[1].W.mean()) < 0.01);
  Network n(spec, Init::Normal, 0.01, rng);
  CHECK(var(n.layers[1].W) == Approx(1e-4).epsilon(0.06));
  for (const Network* net : {&x, &h, &n})
    for (const Layer& l : net->layers) CHECK(l.b.isZero(0));
}

TEST_CASE("same seed gives bit-identical weights; different seeds differ",
          "[network][determinism]") {
  NetworkSpec spec;
  spec.inputs = 7;
  spec.hidden = {8, 8};
  spec.activations = {Activation::Tanh, Activation::Tanh};
  for (Init init : {Init::Xavier, Init::Normal, Init::He}) {
    Rng a(42), b(42), c(43);
    Network na(spec, init, 0.1, a), nb(spec, init, 0.1, b), nc(spec, init, 0.1, c);
    for (int l = 0; l < na.num_layers(); ++l) {
      CHECK(na.layers[l].W == nb.layers[l].W);
      CHECK(na.layers[l].W != nc.layers[l].W);
    }
  }
}

TEST_CASE("network limits are validated with the field named", "[network][validate]") {
  NetworkSpec spec;
  spec.hidden = std::vector<int>(9, 2);
  spec.activations = std::vector<Activation>(9, Activation::Tanh);
  CHECK_THROWS_WITH(spec.validate(), Catch::Contains("network.hidden") && Catch::Contains("0-8"));
  spec.hidden = {65};
  spec.activations = {Activation::Tanh};
  CHECK_THROWS_WITH(spec.validate(),
                    Catch::Contains("network.hidden[0]") && Catch::Contains("1-64"));
  spec.hidden = {0};
  CHECK_THROWS_WITH(spec.validate(), Catch::Contains("network.hidden[0]"));
  spec.hidden = {3, 3};
  CHECK_THROWS_WITH(spec.validate(), Catch::Contains("network.activation"));
  CHECK_THROWS_WITH(parse_init("glorot", "network.init"),
                    Catch::Contains("network.init") && Catch::Contains("xavier"));
  CHECK_THROWS_WITH(parse_regularization("l3", "regularization.kind"),
                    Catch::Contains("regularization.kind") && Catch::Contains("l2"));
}

TEST_CASE("rng: portable log and normal moments", "[rng]") {
  for (double x : {1e-300, 1e-10, 0.1, 0.5, 0.7, 1.0, 1.5, 2.0, 10.0, 12345.678, 1e300})
    CHECK(portable_log(x) == Approx(std::log(x)).epsilon(1e-15));
  Rng rng(1);
  double s = 0, s2 = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double v = rng.normal();
    s += v;
    s2 += v * v;
  }
  CHECK(s / n == Approx(0).margin(0.01));
  CHECK(s2 / n == Approx(1).epsilon(0.01));
  // A fixed value of the generator, recorded once: the stream must never change silently.
  Rng fixed(42);
  const std::uint32_t first = fixed.next_u32();
  Rng again(42);
  CHECK(again.next_u32() == first);
  for (int i = 0; i < 1000; ++i) CHECK(rng.below(7) < 7u);
}
