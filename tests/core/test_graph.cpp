// Computational graph (§3.2): its gradients equal Network::backward's (1e-12) for several
// architectures, every activation and every loss; "upstream x local = downstream" holds on every
// edge; branches (W with regularization) sum; the step API walks the nodes in (reverse) order.
#include <catch2/catch.hpp>
#include <cmath>

#include "core/graph.hpp"

using namespace nn;

namespace {

Network make_net(const std::vector<int>& hidden, Activation f, int inputs, int outputs,
                 std::uint64_t seed, Activation out = Activation::Linear) {
  NetworkSpec spec;
  spec.inputs = inputs;
  spec.hidden = hidden;
  spec.activations.assign(hidden.size(), f);
  spec.outputs = outputs;
  spec.output_activation = out;
  spec.leaky_slope = 0.1;
  Rng rng(seed);
  Network net(spec, Init::Xavier, 0.1, rng);
  // Non-zero biases so the bias path is exercised; big enough weights to leave hardtanh's middle.
  for (Layer& l : net.layers) {
    for (Eigen::Index i = 0; i < l.b.size(); ++i) l.b[i] = rng.uniform(-0.5, 0.5);
    l.W *= 1.5;
  }
  return net;
}

// The sample (one column, or a (true, corrupted) pair for max_margin) and labels for a loss.
void make_sample(Loss loss, int inputs, int classes, Rng& rng, Matrix& X, Vector& y) {
  const int n = loss == Loss::MaxMargin ? 2 : 1;
  X.resize(inputs, n);
  for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = rng.uniform(-2, 2);
  y.resize(n);
  switch (loss) {
    case Loss::Mse:
      y[0] = rng.uniform(-1, 1);
      break;
    case Loss::Logistic:
    case Loss::Hinge:
      y[0] = rng.below(2);
      break;
    case Loss::Softmax:
      y[0] = rng.below(static_cast<std::uint32_t>(classes));
      break;
    case Loss::MaxMargin:
      y[0] = 1;
      y[1] = 0;
      break;
  }
}

double max_abs_diff(const Matrix& a, const Matrix& b) {
  REQUIRE(a.rows() == b.rows());
  REQUIRE(a.cols() == b.cols());
  return a.size() == 0 ? 0.0 : (a - b).cwiseAbs().maxCoeff();
}

}  // namespace

TEST_CASE("graph gradients equal Network::backward for every loss, activation and shape",
          "[graph]") {
  const Loss loss =
      GENERATE(Loss::Mse, Loss::Logistic, Loss::Softmax, Loss::Hinge, Loss::MaxMargin);
  const Activation f =
      GENERATE(Activation::Linear, Activation::Sigmoid, Activation::Tanh, Activation::HardTanh,
               Activation::Softsign, Activation::Relu, Activation::LeakyRelu);
  const std::vector<int> hidden = GENERATE(std::vector<int>{}, std::vector<int>{3},
                                           std::vector<int>{4, 2}, std::vector<int>{5, 3, 4});
  const int inputs = 4, classes = loss == Loss::Softmax ? 3 : 1;
  const std::uint64_t seed =
      7 + hidden.size() * 13 + static_cast<std::uint64_t>(f) * 3 + static_cast<std::uint64_t>(loss);
  Network net = make_net(hidden, f, inputs, classes, seed);
  Rng rng(seed + 1000);
  Matrix X;
  Vector y;
  make_sample(loss, inputs, classes, rng, X, y);
  if (loss == Loss::MaxMargin) {
    // Make sure the hinge is active (J = max(0, 1 + s_c - s) > 0), else every gradient is zero:
    // if s - s_c > 0.5, swapping the windows makes it negative.
    Workspace probe;
    const Matrix& S = net.forward(X, probe);
    if (S(0, 0) - S(0, 1) > 0.5) X.col(1).swap(X.col(0));
  }

  Workspace ws;
  const Matrix& S = net.forward(X, ws);
  const double J = loss_forward_backward(loss, S, y, 1.0, ws.dS);
  net.backward(X, ws);

  GraphOptions opt;
  opt.loss = loss;
  Graph g(net, X, y, opt);
  g.backward();
  REQUIRE(g.forward_complete());
  REQUIRE(g.backward_complete());
  CHECK(g.loss() == Approx(J).epsilon(1e-14));
  if (loss == Loss::MaxMargin) CHECK(J > 0);
  for (int l = 0; l < net.num_layers(); ++l) {
    const Layer& layer = net.layers[static_cast<std::size_t>(l)];
    INFO("layer " << l << " loss " << name(loss) << " activation " << name(f));
    CHECK(max_abs_diff(g.node(g.weight_node(l)).grad, layer.dW) <= 1e-12);
    CHECK(max_abs_diff(g.node(g.bias_node(l)).grad, layer.db) <= 1e-12);
    CHECK(max_abs_diff(g.node(g.z_node(l)).grad, ws.delta[static_cast<std::size_t>(l)]) <= 1e-12);
    CHECK(max_abs_diff(g.node(g.a_node(l)).value, ws.a[static_cast<std::size_t>(l)]) <= 1e-12);
  }
}

TEST_CASE("graph gradients with a tanh output and a batch of several columns", "[graph]") {
  Network net = make_net({3, 3}, Activation::Tanh, 2, 1, 5, Activation::Tanh);
  Matrix X(2, 4);
  X << 0.5, -1.0, 2.0, 0.1, 1.5, 0.3, -0.7, -2.0;
  Vector y(4);
  y << 1, -1, 1, -1;
  Workspace ws;
  loss_forward_backward(Loss::Mse, net.forward(X, ws), y, 1.0, ws.dS);
  net.backward(X, ws);
  Graph g(net, X, y, GraphOptions{Loss::Mse, 1.0, Regularization::None, 0.0});
  g.backward();
  for (int l = 0; l < net.num_layers(); ++l) {
    CHECK(max_abs_diff(g.node(g.weight_node(l)).grad, net.layers[l].dW) <= 1e-12);
    CHECK(max_abs_diff(g.node(g.bias_node(l)).grad, net.layers[l].db) <= 1e-12);
  }
}

TEST_CASE("graph with regularization: W has two consumers and their gradients add up", "[graph]") {
  const Regularization kind = GENERATE(Regularization::L2, Regularization::L1);
  Network net = make_net({4, 3}, Activation::Sigmoid, 2, 1, 11);
  Matrix X(2, 1);
  X << 0.7, -1.2;
  Vector y(1);
  y << 1;
  const double rate = 0.05;
  Workspace ws;
  double J = loss_forward_backward(Loss::Logistic, net.forward(X, ws), y, 1.0, ws.dS);
  net.backward(X, ws);
  J += net.regularize(kind, rate);

  Graph g(net, X, y, GraphOptions{Loss::Logistic, 1.0, kind, rate});
  REQUIRE(g.root() != g.loss_node());
  g.backward();
  CHECK(g.loss() == Approx(J).epsilon(1e-14));
  for (int l = 0; l < net.num_layers(); ++l) {
    const GraphNode& W = g.node(g.weight_node(l));
    REQUIRE(W.consumers.size() == 2);  // the matmul and the regularizer
    REQUIRE(W.contributions.size() == 2);
    CHECK(max_abs_diff(W.contributions[0].second + W.contributions[1].second, W.grad) <= 1e-15);
    CHECK(max_abs_diff(W.grad, net.layers[l].dW) <= 1e-12);
    // The regularizer's branch alone is the §2.2 gradient of lambda ||W||_F^2 (or lambda |W|).
    const Matrix expect = kind == Regularization::L2
                              ? Matrix(2 * rate * net.layers[l].W)
                              : Matrix(rate * net.layers[l].W.array().sign().matrix());
    int from_r = 0;
    for (const auto& c : W.contributions) {
      if (g.node(c.first).kind != NodeKind::Regularizer) continue;
      ++from_r;
      CHECK(max_abs_diff(c.second, expect) <= 1e-15);
    }
    CHECK(from_r == 1);
  }
}

TEST_CASE("every edge satisfies upstream x local = downstream and grads are the contributions' sum",
          "[graph]") {
  Network net = make_net({3, 2}, Activation::Tanh, 3, 3, 21);
  Matrix X(3, 1);
  X << 0.2, -0.4, 1.1;
  Vector y(1);
  y << 2;
  Graph g(net, X, y, GraphOptions{Loss::Softmax, 1.0, Regularization::L2, 0.01});
  g.backward();
  for (const GraphNode& n : g.nodes()) {
    INFO(n.label);
    REQUIRE(n.forward_done);
    REQUIRE(n.backward_done);
    REQUIRE(n.grad.rows() == n.value.rows());
    REQUIRE(n.grad.cols() == n.value.cols());
    Matrix sum = Matrix::Zero(n.value.rows(), n.value.cols());
    for (const auto& c : n.contributions) sum += c.second;
    if (n.id != g.root()) CHECK(max_abs_diff(sum, n.grad) <= 1e-15);
    REQUIRE(n.edges.size() == n.inputs.size());
    for (const GraphEdge& e : n.edges) {
      Matrix expect;
      switch (e.form) {
        case LocalForm::Elementwise:
          expect = n.grad.cwiseProduct(e.local);
          break;
        case LocalForm::RightMatMul:
          expect = n.grad * e.local;
          break;
        case LocalForm::LeftMatMul:
          expect = e.local * n.grad;
          break;
        case LocalForm::ScalarTimes:
          expect = n.grad(0, 0) * e.local;
          break;
      }
      CHECK(max_abs_diff(expect, e.downstream) == 0.0);
      CHECK(e.downstream.rows() == g.node(e.input).value.rows());
      CHECK(e.downstream.cols() == g.node(e.input).value.cols());
      CHECK_FALSE(e.formula.empty());
    }
  }
}

TEST_CASE("graph step API: forward then backward one node at a time, reset", "[graph]") {
  Network net = make_net({2}, Activation::Relu, 2, 1, 3);
  Matrix X(2, 1);
  X << 1.0, -0.5;
  Vector y(1);
  y << 0;
  Graph g(net, X, y, GraphOptions{});
  // x, W1, b1, m2, z2, a2, W2, b2, m3, z3, s, J
  REQUIRE(g.size() == 12);
  CHECK(g.node(g.score_node()).name == "s");
  CHECK(g.node(3).label == "m2 = W1 a1");
  CHECK(g.node(4).label == "z2 = m2 + b1");
  CHECK(g.node(5).label == "a2 = relu(z2)");
  CHECK(g.node(9).label == "z3 = m3 + b2");
  // Layout hints: the chain a1 m2 z2 a2 m3 z3 s J left to right, W above and b below their op.
  const std::vector<int> chain = {0, 3, 4, 5, 8, 9, 10, 11};
  for (std::size_t i = 0; i < chain.size(); ++i) {
    CHECK(g.node(chain[i]).column == static_cast<int>(i));
    CHECK(g.node(chain[i]).row == 0);
  }
  CHECK(g.node(g.weight_node(1)).column == g.node(8).column);
  CHECK(g.node(g.weight_node(1)).row == -1);
  CHECK(g.node(g.bias_node(1)).column == g.node(9).column);
  CHECK(g.node(g.bias_node(1)).row == 1);
  CHECK(std::isnan(g.loss()));
  CHECK_FALSE(g.backward_step());  // forward first
  for (int i = 0; i < g.size(); ++i) {
    CHECK(g.forward_cursor() == i);
    REQUIRE(g.forward_step());
    CHECK(g.last_node() == i);
    CHECK(g.node(i).forward_done);
    if (i + 1 < g.size()) CHECK_FALSE(g.node(i + 1).forward_done);
    // Topological order: every input was evaluated before its consumer.
    for (int in : g.node(i).inputs) CHECK(in < i);
  }
  CHECK_FALSE(g.forward_step());
  for (int i = 0; i < g.size(); ++i) {
    REQUIRE(g.backward_step());
    CHECK(g.last_node() == g.size() - 1 - i);
    for (int c : g.node(g.last_node()).consumers) CHECK(g.node(c).backward_done);
  }
  CHECK_FALSE(g.backward_step());
  CHECK(g.node(g.root()).grad(0, 0) == 1.0);
  const Matrix dW = g.node(g.weight_node(0)).grad;
  g.reset();
  CHECK(g.forward_cursor() == 0);
  CHECK(g.node(g.z_node(0)).value.size() == 0);
  CHECK(g.node(g.weight_node(0)).value.size() == net.layers[0].W.size());  // leaves keep values
  CHECK(g.node(g.weight_node(0)).grad.size() == 0);
  g.backward();
  CHECK(max_abs_diff(g.node(g.weight_node(0)).grad, dW) == 0.0);
}

TEST_CASE("graph rejects a sample of the wrong shape and an odd max_margin batch", "[graph]") {
  Network net = make_net({2}, Activation::Tanh, 2, 1, 3);
  Vector y1(1);
  y1 << 1;
  CHECK_THROWS_AS(Graph(net, Matrix::Zero(3, 1), y1, GraphOptions{}), ConfigError);
  CHECK_THROWS_AS(Graph(net, Matrix::Zero(2, 1), y1,
                        GraphOptions{Loss::MaxMargin, 1.0, Regularization::None, 0.0}),
                  ConfigError);
}
