// Losses on raw scores S (K, N). Each returns the mean loss over the batch and writes dS = dJ/dS.
// Label conventions (y has N entries):
//   mse        y = real target (the session maps classes to -1/+1); J = 1/2 mean (s - y)^2
//   logistic   y in {0,1}; J = mean log(1 + exp(-(2y-1) s)), stable for any s
//   softmax    y = class index 0..K-1; J = mean -log softmax(s)_y, stable (max subtracted)
//   hinge      y in {0,1}; J = mean max(0, 1 - (2y-1) s)
//   max_margin pairs: columns [0, N/2) are true windows, [N/2, N) their corrupted partners;
//              J = mean over pairs of max(0, margin + s_c - s)   (notes §1.4, margin = Delta)
#pragma once
#include <string>
#include <vector>

#include "kinds.hpp"
#include "types.hpp"

namespace nn {

enum class Loss { Mse, Logistic, Softmax, Hinge, MaxMargin };

inline constexpr KindRow<Loss> kLossKinds[] = {
    {Loss::Mse, "mse", "Squared error", "J = 1/(2N) Σ (s − y)²", "§2.1"},
    {Loss::Logistic, "logistic", "Logistic", "J = mean log(1 + e^(−t s)), t = ±1", "§2.1"},
    {Loss::Softmax, "softmax", "Softmax", "J = mean (log Σ_k e^(s_k) − s_y)", "§2.1"},
    {Loss::Hinge, "hinge", "Hinge", "J = mean max(0, 1 − t s)", "§2.1"},
    {Loss::MaxMargin, "max_margin", "Max-margin", "J = mean max(0, Δ + s_c − s)", "§1.4"},
};
inline constexpr int kLossCount = sizeof(kLossKinds) / sizeof(kLossKinds[0]);
static_assert(rows_in_enum_order(kLossKinds), "one row per Loss, in enum order");

const std::vector<Loss>& all_losses();
const char* name(Loss l);  // "mse", "logistic", "softmax", "hinge", "max_margin"
Loss parse_loss(const std::string& s, const std::string& field);
std::string loss_names();

// Returns J; dS is resized to S's shape (no allocation if already that shape).
Scalar loss_forward_backward(Loss l, const Matrix& S, const Vector& y, Scalar margin, Matrix& dS);
// Loss value only (no gradient buffer needed).
Scalar loss_value(Loss l, const Matrix& S, const Vector& y, Scalar margin);
// Fraction of correct predictions: argmax for softmax; s > 0 for logistic/hinge/mse(+-1 targets);
// per pair for max_margin (below). Regression (mse on real targets) has no accuracy: callers skip
// it. For max_margin a pair counts when it clears the margin, s - s_c >= margin (its J is 0): a
// random network already ranks most pairs of a clustered set one way (s > s_c), which says
// nothing about training; the loss's own criterion starts at 0 and reaches 1 with J = 0.
Scalar accuracy(Loss l, const Matrix& S, const Vector& y, Scalar margin = 0);
// The K x K confusion matrix behind accuracy(): counts[t * K + p] = points of true class t that
// the scores put in class p (softmax: the argmax; the one-output losses: class 1 where s > 0,
// with mse's -1/+1 targets). Empty for max_margin's true/corrupted pairs, which have no classes.
std::vector<long long> confusion(Loss l, const Matrix& S, const Vector& y, int K);

}  // namespace nn
