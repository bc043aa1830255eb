// Step-through of one sample on the network diagram (§1.5, §1.6, §3.1, §3.2): forward unit by
// unit (z and a on each unit), the loss and its error signal dJ/ds, then backward unit by unit
// (delta on each unit, dJ/dW_ij = delta_i a_j on the links into it), one step at a time, each with
// a sentence in the notes' words. Values of the sample's column (the true window of a
// max-margin pair; the corrupted window's share is named in the text).
#pragma once
#include <string>
#include <vector>

#include "loss.hpp"
#include "network.hpp"
#include "session.hpp"
#include "types.hpp"

namespace nn {

enum class WalkPhase { Input, Forward, Loss, Backward };
const char* name(WalkPhase p);  // "input", "forward", "loss", "backward"

struct WalkStep {
  WalkPhase phase = WalkPhase::Input;
  int layer = -1;  // network layer of the unit (Forward, Backward); -1 for Input and Loss
  int unit = -1;
  std::string text;
};

struct Walk {
  // Per network layer l (units of layer l's output), the sample's column.
  std::vector<Vector> z, a, delta;
  std::vector<Matrix> dW;  // dJ/dW of this column (the true window's share for a pair)
  Vector x;                // the input
  double loss = 0;
  Vector dS;  // dJ/ds of the column
  std::vector<WalkStep> steps;
  // Index of the step that reveals a layer's unit forward / backward (for drawing).
  int forward_step(int layer, int unit) const;
  int backward_step(int layer, int unit) const;
};

struct WalkOptions {
  Loss loss = Loss::Logistic;
  Scalar margin = 1.0;
};

// X (inputs, 1), or (inputs, 2) [true | corrupted] for max_margin; the walk follows column 0.
Walk make_walk(const Network& net, const Matrix& X, const Vector& y, const WalkOptions& opt);
// Training sample `index` of the session (a pair index for max_margin).
Walk make_walk(const Session& s, int index);

}  // namespace nn
