// Check your own work (§1.5-1.6 error sharing, §2.7-2.9 updates): for a network and one sample
// (a (true, corrupted) pair for max_margin) the expected value of a quantity the student computed
// by hand — a unit's delta, an entry of dJ/dW or dJ/db, a weight after one optimizer update —
// compared with the student's value within a tolerance. When it is wrong, the usual mistakes are
// recomputed (forgot f'(z), f' taken at a instead of z, the sign of dJ/ds, the learning rate left
// out, ...) and the student's value is matched against them; the matched mistake says which of the
// notes' eight error-sharing steps (Figure 6) first differs.
//
// The eight steps, for a parameter W_ij^(k) or b_i^(k) of network layer l = k - 1:
//   1 dJ/ds            the error signal at the output(s)
//   2 f'(z_out)        the output neuron's local gradient
//   3 delta_out        the error at the output's z
//   4 sum_m delta_m W_mi   the error shared back to a_i^(k+1) along the weights
//   5 f'(z_i^(k+1))    the local gradient of the unit the parameter feeds
//   6 delta_i^(k+1)    the error at its z
//   7 a_j^(k)          the input the parameter carried forward (1 for a bias)
//   8 dJ/dW_ij^(k)     delta_i^(k+1) a_j^(k), summed over the pair, plus the regularization term
// and, for an update, 9 the update rule itself. For a parameter of the output layer steps 4-5 are
// empty (the unit is the output); deeper layers fold the layers in between into step 4.
// Recomputed independently of Network::backward (a plain per-column loop), so the tests can hold
// one against the other.
#pragma once
#include <string>
#include <vector>

#include "config.hpp"
#include "loss.hpp"
#include "network.hpp"
#include "session.hpp"
#include "types.hpp"

namespace nn {

enum class CheckQuantity { Delta, Dw, Db, Update };
const char* name(CheckQuantity q);  // "delta", "dW", "db", "update"
CheckQuantity parse_check_quantity(const std::string& s, const std::string& field);

// What the student computed. Indices as the notes write them (1-based): delta_i^(k) is
// {Delta, k, i}; W_ij^(k) is {Dw, k, i, j} (or {Update, k, i, j}); b_i^(k) is {Db, k, i} (or
// {Update, k, i, 0, bias = true}).
struct CheckQuestion {
  CheckQuantity quantity = CheckQuantity::Dw;
  int layer = 1;  // notes' k: delta^(k) for k >= 2, W^(k) / b^(k) for k >= 1
  int i = 1, j = 1;
  bool bias = false;  // Update only: the bias b_i^(k) instead of W_ij^(k)
  double value = 0;   // the student's answer
};

// Optimizer state of the parameter before the update (a fresh optimizer: all 0, t = 1).
struct UpdateState {
  double velocity = 0;  // momentum / Nesterov v
  double m = 0, v = 0;  // Adam moments
  double cache = 0;     // AdaGrad / RMSProp
  long long t = 1;      // Adam's step number of this update (1 = first)
};

struct CheckOptions {
  Loss loss = Loss::Logistic;
  Scalar margin = 1.0;
  Regularization regularization = Regularization::None;
  Scalar rate = 0.0;
  OptimizerConfig optimizer;
  double learning_rate = 0.03;  // alpha of this step (the schedule's value)
  UpdateState state;
  // Tolerance: |value - expected| <= abs_tol + rel_tol |expected| for delta, dW, db; for an
  // update it is relative to the step: abs_tol_update + rel_tol |w_new - w_old|, so the weight
  // left unchanged is never accepted, however small the step.
  double rel_tol = 0.01;
  double abs_tol = 1e-4;
  double abs_tol_update = 1e-7;
};

struct CheckStep {
  int number = 0;      // 1-9
  std::string symbol;  // "dJ/ds", "f'(z_1^(2))", ...
  double value = 0;    // for the sample (the true window of a pair); NaN when the step is empty
};

struct CheckResult {
  bool correct = false;
  double expected = 0;
  double tolerance = 0;
  int first_wrong_step = 0;      // 1-9 for a recognised mistake, 0 when correct or not recognised
  std::string mistake;           // "forgot_fprime", ... ("" when correct or not recognised)
  std::string hint;              // one or two sentences
  std::string quantity;          // "delta_1^(2)", "dJ/dW_14^(1)", "W_14^(1) after one SGD step"
  std::vector<CheckStep> steps;  // the correct steps (1-8, and 9 for an update)
};

// The mistakes the checker recognises, in the order they are tried: id, step, hint.
struct MistakeInfo {
  const char* id;
  const char* hint;
};
const std::vector<MistakeInfo>& check_mistakes();

// X (inputs, 1) with y (1), or (inputs, 2) [true | corrupted] for max_margin. Throws ConfigError
// naming the field ("layer", "i", "j", "value", "sample") for a question that does not fit.
CheckResult check_answer(const Network& net, const Matrix& X, const Vector& y,
                         const CheckQuestion& q, const CheckOptions& opt);

// The session's training sample `sample` (session_sample), its loss, regularization, optimizer
// and the schedule's current learning rate; a fresh optimizer state.
CheckOptions check_options(const Session& s);
CheckResult check_answer(const Session& s, int sample, const CheckQuestion& q);

// The hand-checkable example (§1.5 by hand): a 2-2-1 network, sigmoid hidden units, a linear
// score and squared error, weights and biases multiples of 0.1, and eight points with small
// integer coordinates (training sample 0 is x = (1, 2), class 1, so t = +1). `config` is for
// user data (DatasetKind::User); points and split (0 train, 1 test) are the data.
struct HandExample {
  Config config;
  Points points;
  std::vector<int> split;
  Network network;
};
HandExample hand_checkable_example();

}  // namespace nn
