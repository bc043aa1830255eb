// Backprop inspector (§1.5): the steps, read in order (factors multiply, sums restart), rebuild
// the reported gradient; it equals Network::backward's and the centred difference (1e-6); the
// notes' 4-2-1 case has its eight steps; deeper units show the sum over the next layer.
#include <catch2/catch.hpp>
#include <cmath>

#include "core/graph.hpp"
#include "core/inspector.hpp"

using namespace nn;

namespace {

Network make_net(int inputs, const std::vector<int>& hidden, Activation f, int outputs,
                 std::uint64_t seed) {
  NetworkSpec spec;
  spec.inputs = inputs;
  spec.hidden = hidden;
  spec.activations.assign(hidden.size(), f);
  spec.outputs = outputs;
  Rng rng(seed);
  Network net(spec, Init::Xavier, 0.1, rng);
  for (Layer& l : net.layers)
    for (Eigen::Index i = 0; i < l.b.size(); ++i) l.b[i] = rng.uniform(-0.3, 0.3);
  return net;
}

Matrix random_inputs(int d, int n, std::uint64_t seed) {
  Rng rng(seed);
  Matrix X(d, n);
  for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = rng.uniform(-1.5, 1.5);
  return X;
}

// Walks the steps: Factor multiplies, Result must equal the running value, Sum must equal its
// terms and restarts the running value. The end must be the analytic gradient.
void check_chain(const InspectorReport& r) {
  REQUIRE_FALSE(r.steps.empty());
  double run = 1;
  for (const InspectorStep& s : r.steps) {
    INFO(s.text);
    CHECK_FALSE(s.text.empty());
    CHECK_FALSE(s.symbol.empty());
    switch (s.kind) {
      case StepKind::Factor:
        run *= s.value;
        break;
      case StepKind::Result:
        CHECK(s.value == Approx(run).epsilon(1e-12).margin(1e-16));
        break;
      case StepKind::Sum: {
        REQUIRE_FALSE(s.terms.empty());
        double t = 0;
        for (const SumTerm& term : s.terms) t += term.left * term.right;
        CHECK(s.value == Approx(t).epsilon(1e-12).margin(1e-16));
        run = s.value;
        break;
      }
    }
  }
  CHECK(r.steps.back().kind != StepKind::Factor);
  CHECK(run == Approx(r.analytic).epsilon(1e-12).margin(1e-16));
  CHECK(r.step_result == Approx(r.analytic).epsilon(1e-12).margin(1e-16));
  CHECK(r.relative_error < 1e-6);
  CHECK(r.numeric == Approx(r.analytic).epsilon(1e-6).margin(1e-10));
}

// dW/db of the network on (X, y) as the engine computes them (batch mean).
double backprop_gradient(Network net, const Matrix& X, const Vector& y, const ParamRef& p,
                         const InspectorOptions& o) {
  Workspace ws;
  loss_forward_backward(o.loss, net.forward(X, ws), y, o.margin, ws.dS);
  net.backward(X, ws);
  net.regularize(o.regularization, o.rate);
  const Layer& l = net.layers[static_cast<std::size_t>(p.layer)];
  return p.bias ? l.db[p.i] : l.dW(p.i, p.j);
}

int count(const InspectorReport& r, StepKind k) {
  int n = 0;
  for (const InspectorStep& s : r.steps) n += s.kind == k ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("inspector: the notes' 4-2-1 network, W_14^(1), eight steps", "[inspector]") {
  // §1.5.2 / Figure 6: x in R^4, two hidden units, one score; the loss is max-margin on a
  // (true, corrupted) pair, so dJ/ds = -1 when J > 0, exactly as in the notes.
  Network net = make_net(4, {2}, Activation::Sigmoid, 1, 3);
  const Matrix X = random_inputs(4, 2, 9);
  Vector y(2);
  y << 1, 0;
  InspectorOptions o;
  o.loss = Loss::MaxMargin;
  Workspace ws;
  const Matrix& S = net.forward(X, ws);
  REQUIRE(1 + S(0, 1) - S(0, 0) > 0);  // J > 0: the gradient is not trivially zero
  const ParamRef p{0, false, 0, 3};
  const InspectorReport r = inspect(net, X, y, p, o);
  CHECK(r.parameter == "W_14^(1)");
  CHECK(r.formula == "dJ/dW_14^(1) = delta_1^(2) a_4^(1)");
  // Eight steps for the true window, then the corrupted window's share.
  REQUIRE(r.steps.size() == 9);
  CHECK(r.steps[0].symbol == "dJ/ds");
  CHECK(r.steps[0].value == -1.0);
  CHECK(r.steps[1].value == 1.0);  // linear output: local gradient 1
  CHECK(r.steps[2].symbol == "delta_1^(3)");
  CHECK(r.steps[3].symbol == "W_11^(2)");
  CHECK(r.steps[3].value == net.layers[1].W(0, 0));
  CHECK(r.steps[5].symbol == "delta_1^(2)");
  CHECK(r.steps[6].symbol == "a_4^(1)");
  CHECK(r.steps[6].value == X(3, 0));
  CHECK(r.steps[7].text.rfind("8. ", 0) == 0);
  CHECK(r.steps[8].kind == StepKind::Sum);
  CHECK(r.steps[8].terms.size() == 2);
  check_chain(r);
  CHECK(r.analytic == Approx(backprop_gradient(net, X, y, p, o)).epsilon(1e-14));

  // One logistic sample: exactly the notes' eight steps.
  InspectorOptions lo;
  const InspectorReport r1 = inspect(net, X.col(0), Vector::Ones(1), p, lo);
  REQUIRE(r1.steps.size() == 8);
  check_chain(r1);
  CHECK(r1.analytic ==
        Approx(backprop_gradient(net, X.col(0), Vector::Ones(1), p, lo)).epsilon(1e-14));
}

TEST_CASE("inspector: last-layer and deeper weights and biases, every position", "[inspector]") {
  const Activation f = GENERATE(Activation::Tanh, Activation::Sigmoid, Activation::Softsign);
  const Loss loss = GENERATE(Loss::Logistic, Loss::Softmax, Loss::Mse);
  const int K = loss == Loss::Softmax ? 3 : 1;
  Network net = make_net(3, {4, 3, 2}, f, K, 17 + static_cast<std::uint64_t>(f));
  const Matrix X = random_inputs(3, 1, 5);
  Vector y(1);
  y << (loss == Loss::Softmax ? 2.0 : loss == Loss::Mse ? 0.3 : 1.0);
  InspectorOptions o;
  o.loss = loss;
  for (int l = 0; l < net.num_layers(); ++l)
    for (bool bias : {false, true}) {
      const Layer& layer = net.layers[static_cast<std::size_t>(l)];
      const ParamRef p{l, bias, layer.n_out() - 1, bias ? 0 : layer.n_in() - 1};
      INFO("layer " << l << (bias ? " bias" : " weight") << " loss " << name(loss));
      const InspectorReport r = inspect(net, X, y, p, o);
      check_chain(r);
      CHECK(r.analytic == Approx(backprop_gradient(net, X, y, p, o)).epsilon(1e-14).margin(1e-300));
      if (l < net.num_layers() - 1 && !(l == net.num_layers() - 2 && K == 1)) {
        // Deeper: the first step is the §1.5.3 sum over the next layer's units.
        REQUIRE(r.steps[0].kind == StepKind::Sum);
        CHECK(r.steps[0].terms.size() ==
              static_cast<std::size_t>(net.layers[static_cast<std::size_t>(l + 1)].n_out()));
        CHECK(r.steps[0].terms[0].right == net.layers[static_cast<std::size_t>(l + 1)].W(0, p.i));
      }
      if (l == net.num_layers() - 1) CHECK(r.steps.size() == 5);
    }
}

TEST_CASE("inspector: batch average, regularization, and nothing of the caller changes",
          "[inspector]") {
  Network net = make_net(2, {5, 3}, Activation::Tanh, 1, 23);
  const Matrix X = random_inputs(2, 6, 31);
  Vector y(6);
  y << 1, 0, 0, 1, 1, 0;
  InspectorOptions o;
  o.regularization = GENERATE(Regularization::None, Regularization::L2, Regularization::L1);
  o.rate = o.regularization == Regularization::None ? 0.0 : 0.02;
  const Network before = net;
  const ParamRef p{0, false, 2, 1};
  const InspectorReport r = inspect(net, X, y, p, o, 4);
  CHECK(r.samples == 6);
  CHECK(r.shown == 4);
  check_chain(r);
  CHECK(r.analytic == Approx(backprop_gradient(net, X, y, p, o)).epsilon(1e-14));
  int sums = count(r, StepKind::Sum);
  CHECK(sums == 2 + (o.regularization != Regularization::None ? 1 : 0));  // §1.5.3 + mean (+ reg)
  for (int l = 0; l < net.num_layers(); ++l) {
    CHECK(net.layers[l].W == before.layers[l].W);
    CHECK(net.layers[l].dW == before.layers[l].dW);
  }
  // Biases are never regularized: no regularization step for b (only §1.5.3's sum and the mean).
  const InspectorReport rb = inspect(net, X, y, ParamRef{0, true, 4, 0}, o, 0);
  check_chain(rb);
  CHECK(count(rb, StepKind::Sum) == 2);
}

TEST_CASE("inspector: shapes of delta, W, a for the whole layer", "[inspector]") {
  Network net = make_net(2, {4}, Activation::Relu, 1, 2);
  const InspectorReport r = inspect(net, random_inputs(2, 1, 3), Vector::Ones(1),
                                    ParamRef{0, false, 3, 1}, InspectorOptions{});
  auto has = [&](const std::string& t) {
    for (const ShapeLine& s : r.shapes)
      if (s.text == t) return true;
    return false;
  };
  CHECK(has("delta^(2): 4x1"));
  CHECK(has("W^(1): 4x2"));
  CHECK(has("a^(1) = x: 2x1"));
  CHECK(has("dW^(1) = delta^(2) a^(1)T: 4x2"));
  CHECK(has("W^(2): 1x4"));
  CHECK(has("da^(2)/dz^(2) = diag(f'(z^(2))) per sample: 4x4"));
  CHECK_THROWS_AS(inspect(net, random_inputs(2, 1, 3), Vector::Ones(1), ParamRef{2, false, 0, 0},
                          InspectorOptions{}),
                  ConfigError);
  CHECK_THROWS_AS(inspect(net, random_inputs(2, 1, 3), Vector::Ones(1), ParamRef{0, false, 4, 0},
                          InspectorOptions{}),
                  ConfigError);
}

TEST_CASE("inspector on a session: sample and batch modes match the session's gradients",
          "[inspector][session]") {
  SECTION("circle, logistic, L2") {
    Config c;
    c.network.hidden = {3, 2};
    c.regularization.kind = Regularization::L2;
    c.regularization.rate = 0.001;
    Session s(c);
    s.step(5);
    const ParamRef p{1, false, 1, 2};
    const InspectorReport rb = inspect_batch(s, p, 1);
    check_chain(rb);
    Session copy = s;
    copy.loss_and_gradients(s.last_batch_inputs(), s.last_batch_targets());
    CHECK(rb.analytic == Approx(copy.network().layers[1].dW(1, 2)).epsilon(1e-13));
    const InspectorReport rs = inspect_sample(s, p, 7);
    check_chain(rs);
    CHECK(rs.samples == 1);
  }
  SECTION("ner_window, max-margin pairs") {
    Config c;
    c.data.dataset = DatasetKind::NerWindow;
    c.data.points = 40;
    c.loss = Loss::MaxMargin;
    c.network.hidden = {8};
    c.network.activation = {Activation::Sigmoid};
    Session s(c);
    REQUIRE(session_sample_count(s) * 2 == s.train_inputs().cols());
    for (int idx = 0; idx < 3; ++idx) {
      const InspectorReport r = inspect_sample(s, ParamRef{0, false, 2, 5}, idx);
      CHECK(r.samples == 1);
      check_chain(r);
    }
    const InspectorReport rb = inspect_batch(s, ParamRef{0, true, 1, 0}, 0);  // before any step
    CHECK(rb.samples == c.batch_size / 2);
    check_chain(rb);
  }
}
