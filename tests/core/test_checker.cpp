// Check your own work (§1.5-1.6 error sharing, §2.7-2.9 updates): the hand-checkable example
// worked by hand, each named mistake recognised at its step, and the checker's expected values
// against Network::backward, the inspector and the Optimizer.
//
// The hand-checkable example, sample 0: x = (1, 2), class 1, so the squared-error target t = +1.
//   W^(1) = [0.1 0.2; -0.3 0.4], b^(1) = (0.1, -0.1), W^(2) = [0.5 -0.4], b^(2) = 0.2
//   z^(2) = (0.1 + 0.4 + 0.1, -0.3 + 0.8 - 0.1) = (0.6, 0.4)
//   a^(2) = sigma(z^(2)) = (0.6456563, 0.5986877)
//   s = 0.5 a_1 - 0.4 a_2 + 0.2 = 0.3228282 - 0.2394751 + 0.2 = 0.2833531
//   step 1  dJ/ds = s - t = -0.7166469            (J = 1/2 (s - t)^2)
//   step 2  f'(z^(3)) = 1 (linear score)    step 3  delta^(3) = -0.7166469
//   step 4  delta^(3) W_11^(2) = -0.3583235
//   step 5  sigma'(0.6) = a_1 (1 - a_1) = 0.6456563 x 0.3543437 = 0.2287842
//   step 6  delta_1^(2) = -0.3583235 x 0.2287842 = -0.0819788
//   step 7  a_2^(1) = x_2 = 2               step 8  dJ/dW_12^(1) = -0.1639575
//   delta_2^(2) = -0.7166469 x (-0.4) x 0.5986877 x 0.4013123 = 0.0688728
//   dJ/dW_11^(2) = delta^(3) a_1^(2) = -0.7166469 x 0.6456563 = -0.4627076
//   SGD, alpha = 0.1: W_12^(1) <- 0.2 - 0.1 x (-0.1639575) = 0.2163958
#include <catch2/catch.hpp>
#include <cmath>

#include "core/checker.hpp"
#include "core/graph.hpp"
#include "core/inspector.hpp"
#include "core/optimizer.hpp"

using namespace nn;

namespace {

struct Hand {
  HandExample h = hand_checkable_example();
  Matrix X;
  Vector y;
  Hand() {
    X.resize(2, 1);
    X << 1, 2;
    y.resize(1);
    y << 1.0;  // class 1 -> t = +1 for squared error
  }
  CheckOptions opt() const {
    CheckOptions o;
    o.loss = Loss::Mse;
    o.optimizer.kind = OptimizerKind::Sgd;
    o.learning_rate = 0.1;
    return o;
  }
  CheckResult ask(CheckQuantity q, int layer, int i, int j, double value,
                  const CheckOptions* o = nullptr) const {
    CheckQuestion question;
    question.quantity = q;
    question.layer = layer;
    question.i = i;
    question.j = j;
    question.value = value;
    return check_answer(h.network, X, y, question, o ? *o : opt());
  }
};

}  // namespace

TEST_CASE("checker: the hand-checkable example has round weights and integer inputs", "[checker]") {
  const HandExample h = hand_checkable_example();
  for (const Layer& l : h.network.layers) {
    for (Eigen::Index k = 0; k < l.W.size(); ++k)
      CHECK(std::fabs(l.W.data()[k] * 10 - std::round(l.W.data()[k] * 10)) < 1e-12);
    for (Eigen::Index k = 0; k < l.b.size(); ++k)
      CHECK(std::fabs(l.b[k] * 10 - std::round(l.b[k] * 10)) < 1e-12);
  }
  for (Eigen::Index k = 0; k < h.points.X.size(); ++k)
    CHECK(h.points.X.data()[k] == std::round(h.points.X.data()[k]));
  // A session on these points sees sample 0 as x = (1, 2), t = +1 (no preprocessing).
  Session s(h.config, h.points, h.split);
  s.load_weights(h.network);
  Matrix X;
  Vector y;
  session_sample(s, 0, X, y);
  CHECK(X(0, 0) == 1);
  CHECK(X(1, 0) == 2);
  CHECK(y[0] == 1);
}

TEST_CASE("checker: hand values of the example", "[checker]") {
  Hand hand;
  const CheckResult d1 = hand.ask(CheckQuantity::Delta, 2, 1, 0, -0.0819788);
  CHECK(d1.correct);
  CHECK(d1.expected == Approx(-0.0819788).margin(1e-7));
  REQUIRE(d1.steps.size() == 6);
  CHECK(d1.steps[0].value == Approx(-0.7166469).margin(1e-7));  // dJ/ds
  CHECK(d1.steps[1].value == Approx(1.0));                      // linear score
  CHECK(d1.steps[2].value == Approx(-0.7166469).margin(1e-7));  // delta^(3)
  CHECK(d1.steps[3].value == Approx(-0.3583235).margin(1e-7));  // delta^(3) W_11^(2)
  CHECK(d1.steps[4].value == Approx(0.2287842).margin(1e-7));   // sigma'(0.6)
  CHECK(d1.steps[5].value == Approx(-0.0819788).margin(1e-7));  // delta_1^(2)
  CHECK(hand.ask(CheckQuantity::Delta, 2, 2, 0, 0.0688728).correct);
  CHECK(hand.ask(CheckQuantity::Delta, 3, 1, 0, -0.7166469).correct);
  const CheckResult w12 = hand.ask(CheckQuantity::Dw, 1, 1, 2, -0.164);
  CHECK(w12.correct);  // 3 significant digits are enough: tolerance 1e-4 + 1 %
  CHECK(w12.expected == Approx(-0.1639575).margin(1e-7));
  CHECK(w12.tolerance == Approx(1e-4 + 0.01 * 0.1639575).margin(1e-9));
  CHECK(w12.steps[6].value == 2);  // a_2^(1) = x_2
  CHECK(hand.ask(CheckQuantity::Dw, 2, 1, 1, -0.4627076).correct);
  CHECK(hand.ask(CheckQuantity::Db, 1, 1, 0, -0.0819788).correct);
  CHECK(hand.ask(CheckQuantity::Db, 2, 1, 0, -0.7166469).correct);
  const CheckResult u = hand.ask(CheckQuantity::Update, 1, 1, 2, 0.2163958);
  CHECK(u.correct);
  CHECK(u.expected == Approx(0.2163958).margin(1e-7));
  REQUIRE(u.steps.size() == 9);
  // An update's tolerance is relative to the step (0.0164), not to the weight.
  CHECK(u.tolerance == Approx(1e-7 + 0.01 * 0.01639575).margin(1e-9));
  CHECK_FALSE(hand.ask(CheckQuantity::Update, 1, 1, 2, 0.2).correct);    // unchanged
  CHECK_FALSE(hand.ask(CheckQuantity::Dw, 1, 1, 2, -0.1700).correct);    // off by 3.7 %
  CHECK(hand.ask(CheckQuantity::Dw, 1, 1, 2, -0.1700).mistake.empty());  // and no known slip
  CHECK(hand.ask(CheckQuantity::Dw, 1, 1, 2, -0.1700).first_wrong_step == 0);
}

TEST_CASE("checker: each named mistake is recognised at its step", "[checker]") {
  Hand hand;
  // Hand values of the mistakes for W_12^(1) (the correct answer is -0.1639575):
  struct Case {
    CheckQuantity q;
    int layer, i, j;
    double value;
    const char* mistake;
    int step;
  };
  const double e = -0.7166469, a1 = 0.6456563, fp1 = 0.2287842;
  const double sa = 1 / (1 + std::exp(-a1));  // sigma(a_1)
  const Case cases[] = {
      // sign of dJ/ds: t - s = +0.7166469 flips everything: +0.1639575
      {CheckQuantity::Dw, 1, 1, 2, 0.1639575, "sign_dJds", 1},
      // the output's f' is 1 (linear): no mistake to make there, so not listed
      // no weight: delta^(3) f'(z_1) x_2 = -0.7166469 x 0.2287842 x 2 = -0.3279151
      {CheckQuantity::Dw, 1, 1, 2, e * fp1 * 2, "forgot_weight", 4},
      // forgot f'(z_1^(2)): -0.3583235 x 2 = -0.716647
      {CheckQuantity::Dw, 1, 1, 2, e * 0.5 * 2, "forgot_fprime", 5},
      // f'(a) = sigma(a_1)(1 - sigma(a_1)) = 0.2256073...: -0.3583235 x 0.2256 x 2
      {CheckQuantity::Dw, 1, 1, 2, e * 0.5 * sa * (1 - sa) * 2, "fprime_of_a", 5},
      // z (1 - z) = 0.6 x 0.4 = 0.24: -0.3583235 x 0.24 x 2 = -0.1719953
      {CheckQuantity::Dw, 1, 1, 2, e * 0.5 * 0.24 * 2, "output_form_at_z", 5},
      // forgot the input: delta_1^(2) alone
      {CheckQuantity::Dw, 1, 1, 2, -0.0819788, "forgot_input", 7},
      // W_11^(2): z_1^(2) = 0.6 instead of a_1^(2): -0.7166469 x 0.6 = -0.4299881
      {CheckQuantity::Dw, 2, 1, 1, e * 0.6, "input_z", 7},
      // updates of W_12^(1), g = -0.1639575, alpha = 0.1:
      {CheckQuantity::Update, 1, 1, 2, 0.2 + 0.1639575, "update_no_lr", 9},  // w - g
      {CheckQuantity::Update, 1, 1, 2, 0.01639575, "update_step_only", 9},   // - alpha g
      {CheckQuantity::Update, 1, 1, 2, 0.2, "update_unchanged", 9},          // w
      // a wrong gradient inside a right update is named by the gradient's step
      {CheckQuantity::Update, 1, 1, 2, 0.2 - 0.1 * (e * 0.5 * 2), "forgot_fprime", 5},
  };
  for (const Case& c : cases) {
    INFO(c.mistake << " value " << c.value);
    const CheckResult r = hand.ask(c.q, c.layer, c.i, c.j, c.value);
    CHECK_FALSE(r.correct);
    CHECK(r.mistake == c.mistake);
    CHECK(r.first_wrong_step == c.step);
    CHECK_FALSE(r.hint.empty());
  }
  // w + alpha g = 0.1836042 is both "the sign of dJ/ds" (step 1) and "ascended" (step 9): the
  // first in the steps' order is named, the other is offered in the hint.
  const CheckResult both = hand.ask(CheckQuantity::Update, 1, 1, 2, 0.2 - 0.01639575);
  CHECK(both.mistake == "sign_dJds");
  CHECK(both.first_wrong_step == 1);
  CHECK(both.hint.find("gradient descent subtracts") != std::string::npos);
}

TEST_CASE("checker: regularization, the bias and the corrupted window", "[checker]") {
  Hand hand;
  CheckOptions o = hand.opt();
  o.regularization = Regularization::L2;
  o.rate = 0.1;
  // dJ/dW_12^(1) + 2 lambda W_12 = -0.1639575 + 2 x 0.1 x 0.2 = -0.1239575
  CHECK(hand.ask(CheckQuantity::Dw, 1, 1, 2, -0.1239575, &o).correct);
  CHECK(hand.ask(CheckQuantity::Dw, 1, 1, 2, -0.1639575, &o).mistake == "forgot_reg");
  CHECK(hand.ask(CheckQuantity::Dw, 1, 1, 2, -0.1439575, &o).mistake == "reg_no_2");
  // dJ/db_1^(1) has no penalty: delta_1^(2); + 2 lambda b_1 = -0.0819788 + 0.02 is the slip.
  CHECK(hand.ask(CheckQuantity::Db, 1, 1, 0, -0.0819788, &o).correct);
  const CheckResult rb = hand.ask(CheckQuantity::Db, 1, 1, 0, -0.0619788, &o);
  CHECK(rb.mistake == "reg_bias");
  CHECK(rb.first_wrong_step == 8);

  // Max-margin pair: the same network scoring a true x = (1, 2) and a corrupted x_c = (2, -1).
  // The corrupted window's share (dJ/ds_c = +1) is the part students leave out.
  Matrix X(2, 2);
  X << 1, 2, 2, -1;
  Vector y(2);
  y << 1, 0;
  CheckOptions mm;
  mm.loss = Loss::MaxMargin;
  mm.margin = 1.0;
  CheckQuestion q;
  q.quantity = CheckQuantity::Dw;
  q.layer = 1;
  q.i = 1;
  q.j = 2;
  q.value = 0;
  const CheckResult truth = check_answer(hand.h.network, X, y, q, mm);
  CHECK(truth.steps[0].value == -1);  // the notes' start signal
  // The true window's share alone: -1 x 0.5 x 0.2287842 x 2 = -0.2287842.
  q.value = -1 * 0.5 * 0.2287842 * 2;
  const CheckResult only = check_answer(hand.h.network, X, y, q, mm);
  CHECK(only.mistake == "forgot_corrupted");
  CHECK(only.first_wrong_step == 8);
  q.value = truth.expected;
  CHECK(check_answer(hand.h.network, X, y, q, mm).correct);
}

TEST_CASE("checker: momentum and Adam updates, against the Optimizer", "[checker]") {
  Hand hand;
  const double g = -0.1639575;
  for (OptimizerKind kind : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Nesterov,
                             OptimizerKind::AdaGrad, OptimizerKind::RmsProp, OptimizerKind::Adam}) {
    for (bool bc : {true, false}) {
      CheckOptions o = hand.opt();
      o.optimizer.kind = kind;
      o.optimizer.bias_correction = bc;
      o.learning_rate = 0.05;
      // The Optimizer from a fresh state on the exact gradient.
      Optimizer opt(o.optimizer, {1});
      opt.begin_step();
      const CheckResult r0 = hand.ask(CheckQuantity::Dw, 1, 1, 2, 0, &o);
      Scalar x = 0.2, grad = r0.expected;
      opt.update(0, &x, &grad, 1, 0.05);
      INFO(name(kind) << " bc " << bc);
      CHECK(r0.expected == Approx(g).margin(1e-7));
      const CheckResult r = hand.ask(CheckQuantity::Update, 1, 1, 2, x, &o);
      CHECK(r.correct);
      CHECK(r.expected == Approx(x).margin(1e-12));
    }
  }
  // Momentum with a velocity: v = 0.9 x 0.01 - 0.05 g = 0.0171979; w = 0.2171979. Plain SGD
  // (0.2081979) is the named slip.
  CheckOptions o = hand.opt();
  o.optimizer.kind = OptimizerKind::Momentum;
  o.optimizer.momentum = 0.9;
  o.learning_rate = 0.05;
  o.state.velocity = 0.01;
  CHECK(hand.ask(CheckQuantity::Update, 1, 1, 2, 0.2 + 0.009 - 0.05 * g, &o).correct);
  CHECK(hand.ask(CheckQuantity::Update, 1, 1, 2, 0.2 - 0.05 * g, &o).mistake == "update_plain_sgd");
  // Adam at t = 1 with bias correction: the step is alpha g / |g| = 0.05 (w = 0.25); without it,
  // m = 0.1 g, sqrt(v) = sqrt(0.001) |g|: 0.05 x 0.1 / 0.0316228 = 0.1581139 (w = 0.3581139).
  o = hand.opt();
  o.optimizer.kind = OptimizerKind::Adam;
  o.learning_rate = 0.05;
  CHECK(hand.ask(CheckQuantity::Update, 1, 1, 2, 0.25, &o).correct);
  const CheckResult nb = hand.ask(CheckQuantity::Update, 1, 1, 2, 0.3581139, &o);
  CHECK(nb.mistake == "update_bias_correction");
  CHECK(nb.first_wrong_step == 9);
}

TEST_CASE("checker: expected values equal the inspector's and the backward pass's", "[checker]") {
  Config c;
  c.data.dataset = DatasetKind::Circle;
  c.network.hidden = {4, 3};
  c.network.activation = {Activation::Tanh};
  c.regularization.kind = Regularization::L2;
  c.regularization.rate = 0.01;
  Session s(c);
  s.step(20);
  const Network& net = s.network();
  for (int l = 0; l < net.num_layers(); ++l)
    for (int i = 0; i < net.layers[static_cast<std::size_t>(l)].n_out(); ++i)
      for (int j = 0; j < net.layers[static_cast<std::size_t>(l)].n_in(); ++j) {
        CheckQuestion q;
        q.quantity = CheckQuantity::Dw;
        q.layer = l + 1;
        q.i = i + 1;
        q.j = j + 1;
        const InspectorReport rep = inspect_sample(s, ParamRef{l, false, i, j}, 3);
        const CheckResult r = check_answer(s, 3, q);
        CHECK(r.expected == Approx(rep.analytic).margin(1e-12));
      }
  // Bias of layer 1 and the same for max-margin pairs (§1.5's loss).
  Config m = c;
  m.loss = Loss::MaxMargin;
  m.regularization = RegularizationConfig{};
  Session sm(m);
  CheckQuestion q;
  q.quantity = CheckQuantity::Db;
  q.layer = 1;
  q.i = 2;
  const InspectorReport rep = inspect_sample(sm, ParamRef{0, true, 1, 0}, 5);
  CHECK(check_answer(sm, 5, q).expected == Approx(rep.analytic).margin(1e-12));
}

TEST_CASE("checker: bad questions name their field", "[checker]") {
  Hand hand;
  auto field = [&](CheckQuantity qq, int layer, int i, int j, double v) {
    try {
      hand.ask(qq, layer, i, j, v);
    } catch (const ConfigError& e) {
      return e.field;
    }
    return std::string();
  };
  CHECK(field(CheckQuantity::Delta, 1, 1, 0, 0) == "layer");  // the input has no delta
  CHECK(field(CheckQuantity::Dw, 3, 1, 1, 0) == "layer");
  CHECK(field(CheckQuantity::Dw, 1, 3, 1, 0) == "i");
  CHECK(field(CheckQuantity::Dw, 1, 1, 3, 0) == "j");
  CHECK(field(CheckQuantity::Dw, 1, 1, 1, std::nan("")) == "value");
  CHECK(parse_check_quantity("update", "quantity") == CheckQuantity::Update);
  CHECK_THROWS_AS(parse_check_quantity("grad", "quantity"), ConfigError);
}
