// Backprop inspector (§1.5, §1.6, §3.1): for one weight W_ij^(k) or bias b_i^(k), the notes'
// "error sharing" steps with live numbers (error at the output, times the weight(s) on the path,
// times f'(z), times a_j), the analytic and the numeric gradient (§2.1) with their relative error,
// and the shapes of delta, W, a for the whole layer. Plain structs: the UI only prints them.
//
// Indices: layer is the network layer (0-based) holding the parameter; the notes' k = layer + 1,
// so W^(k) maps a^(k) to z^(k+1). i, j are 0-based here and printed 1-based in the texts.
#pragma once
#include <string>
#include <vector>

#include "loss.hpp"
#include "network.hpp"
#include "session.hpp"
#include "types.hpp"

namespace nn {

struct ParamRef {
  int layer = 0;      // network layer index (0-based)
  bool bias = false;  // false: W_ij, true: b_i (j ignored)
  int i = 0;          // row: the unit of layer k+1
  int j = 0;          // column: the unit of layer k (the input a_j^(k))
};

// How a step combines with the running value (start at 1):
//   Factor  the running value is multiplied by `value`
//   Result  a named intermediate (delta, the gradient): `value` equals the running value
//   Sum     `value` = sum over `terms` of left * right and the running value restarts from it
//           (the §1.5.3 sum over the units of the next layer, the corrupted window's share, the
//           batch mean, the regularization term)
// So the steps, read in order, rebuild the reported gradient: the last running value is it.
enum class StepKind { Factor, Result, Sum };
const char* name(StepKind k);  // "factor", "result", "sum"

struct SumTerm {
  double left = 0, right = 0;  // the term is left * right (e.g. delta_m, W_mi)
  std::string text;            // "delta_1^(3) W_12^(2)"
};

struct InspectorStep {
  StepKind kind = StepKind::Factor;
  std::string symbol;  // "dJ/ds", "f'(z_1^(3))", "delta_1^(2)", "a_4^(1)"
  std::string text;    // one sentence in the notes' words, with the number
  double value = 0;
  std::vector<SumTerm> terms;  // Sum steps only
};

struct ShapeLine {
  std::string name;  // "delta^(2)"
  Eigen::Index rows = 0, cols = 0;
  std::string text;  // "delta^(2): 4x1"
};

struct InspectorReport {
  std::string parameter;  // "W_14^(1)" or "b_1^(1)"
  std::string formula;    // "dJ/dW_14^(1) = delta_1^(2) a_4^(1)"
  int samples = 0;        // columns averaged over (pairs for max_margin)
  int shown = 0;          // the sample (pair) whose chain the steps follow
  std::vector<InspectorStep> steps;
  double step_result = 0;  // the running value after the last step (== analytic up to rounding)
  double analytic = 0;     // from Network::backward (+ regularization), batch mean
  double numeric = 0;      // centred difference, eps 1e-5, parameter restored
  double relative_error = 0;
  std::vector<ShapeLine> shapes;  // a^(k), W^(k), b^(k), z^(k+1), delta^(k+1), dW^(k), Jacobian...
};

struct InspectorOptions {
  Loss loss = Loss::Logistic;
  Scalar margin = 1.0;
  Regularization regularization = Regularization::None;
  Scalar rate = 0.0;
  double eps = 1e-5;
};

// Sample mode: X holds one column (a (true, corrupted) pair for max_margin); batch mode: X holds
// the batch and the reported gradient is its mean. `shown` picks the column (pair) whose chain
// the steps follow. The network is copied: nothing of the caller's changes (dW included).
// Evaluation mode (no dropout), so the loss is a function of the weights and §2.1 applies.
// Throws ConfigError for a parameter or sample out of range.
InspectorReport inspect(const Network& net, const Matrix& X, const Vector& y, const ParamRef& p,
                        const InspectorOptions& opt, int shown = 0);

// Session helpers. Sample mode: training sample `index` (a pair index for max_margin, see
// graph.hpp's session_sample). Batch mode: the last training batch (before the first step: the
// first batch_size training columns); `shown` picks a column (pair) of it.
InspectorReport inspect_sample(const Session& s, const ParamRef& p, int index);
InspectorReport inspect_batch(const Session& s, const ParamRef& p, int shown = 0);
InspectorOptions inspector_options(const Config& cfg);

// "W_14^(1)" / "b_2^(3)" (1-based indices as in the notes).
std::string parameter_name(const ParamRef& p);

}  // namespace nn
