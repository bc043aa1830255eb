// A dense feed-forward network in the notes' notation (§1.6): layer k maps a^(k) to
// z^(k+1) = W^(k) a^(k) + b^(k), a^(k+1) = f(z^(k+1)). Samples are columns.
// Parameters and their gradients live in Network; per-batch caches (z, a, dropout mask, delta)
// live in a Workspace, so training, evaluation and the boundary grid never resize each other's
// buffers (no allocation in a warm training step).
#pragma once
#include <string>
#include <vector>

#include "activation.hpp"
#include "rng.hpp"
#include "types.hpp"

namespace nn {

enum class Init { Xavier, Normal, He };
inline constexpr KindRow<Init> kInitKinds[] = {
    {Init::Xavier, "xavier", "Xavier", "W ~ U[−√(6/(n_in+n_out)), +√(6/(n_in+n_out))]", "§2.6"},
    {Init::Normal, "normal", "Small normal", "W ~ N(0, σ²), σ = init_sigma", "§2.6"},
    {Init::He, "he", "He", "W ~ N(0, 2/n_in)", "§2.6"},
};
inline constexpr int kInitCount = sizeof(kInitKinds) / sizeof(kInitKinds[0]);
static_assert(rows_in_enum_order(kInitKinds), "one row per Init, in enum order");
const char* name(Init i);  // "xavier", "normal", "he"
Init parse_init(const std::string& s, const std::string& field);

enum class Regularization { None, L1, L2 };
inline constexpr KindRow<Regularization> kRegularizationKinds[] = {
    {Regularization::None, "none", "None", "no penalty", "§2.2"},
    {Regularization::L1, "l1", "L1", "J += λ Σ |W|", "§2.2"},
    {Regularization::L2, "l2", "L2", "J += λ Σ W²", "§2.2"},
};
inline constexpr int kRegularizationCount =
    sizeof(kRegularizationKinds) / sizeof(kRegularizationKinds[0]);
static_assert(rows_in_enum_order(kRegularizationKinds), "one row per Regularization, in order");
const char* name(Regularization r);  // "none", "l1", "l2"
Regularization parse_regularization(const std::string& s, const std::string& field);

constexpr int kMaxHiddenLayers = 8;
constexpr int kMaxUnits = 64;
constexpr int kMaxInputs = 64;
constexpr int kMaxOutputs = 16;

struct NetworkSpec {
  int inputs = 2;
  std::vector<int> hidden = {4, 2};
  std::vector<Activation> activations = {Activation::Tanh,
                                         Activation::Tanh};  // one per hidden layer
  int outputs = 1;
  Activation output_activation = Activation::Linear;
  Scalar leaky_slope = 0.01;
  // Throws ConfigError naming the field ("network.hidden", ...) and the allowed values.
  void validate() const;
};

struct Layer {
  Activation f = Activation::Tanh;
  Matrix W;   // (n_out, n_in)
  Vector b;   // (n_out)
  Matrix dW;  // (n_out, n_in)  dJ/dW, averaged over the batch
  Vector db;  // (n_out)        dJ/db
  int n_in() const { return static_cast<int>(W.cols()); }
  int n_out() const { return static_cast<int>(W.rows()); }
};

struct Workspace {
  std::vector<Matrix> z;      // z[l]: (n_out_l, N) pre-activations of layer l
  std::vector<Matrix> a;      // a[l]: (n_out_l, N) activations (after dropout while training)
  std::vector<Matrix> mask;   // mask[l]: (n_out_l, N) 0 or 1/p for hidden layers while training
  std::vector<Matrix> fz;     // fz[l]: (n_out_l, N) f(z) before dropout (only while dropout is on)
  std::vector<Matrix> delta;  // delta[l]: (n_out_l, N) dJ/dz[l]
  Matrix dS;                  // (n_outputs, N) dJ/dscores
  bool dropout_active = false;
  std::vector<Matrix> Wt;      // Wt[l]: (n_in_l, n_out_l) W^T, backward's scratch
  std::vector<float> display;  // predict_display's single-precision weights and block buffers
};

class Network {
 public:
  Network() = default;
  Network(const NetworkSpec& spec, Init init, Scalar normal_sigma, Rng& rng);
  void init(const NetworkSpec& spec, Init init, Scalar normal_sigma, Rng& rng);

  const NetworkSpec& spec() const { return spec_; }
  int num_layers() const { return static_cast<int>(layers.size()); }  // hidden + output
  std::size_t num_parameters() const;
  // "2 inputs -> 4 tanh -> 2 tanh -> 1 linear": the shape messages name.
  std::string describe() const;

  // Forward pass over X (inputs, N); returns the scores a[L-1] (outputs, N).
  // keep < 1 with an rng applies inverted dropout to hidden layers (training); otherwise
  // evaluation.
  const Matrix& forward(const Matrix& X, Workspace& ws, Scalar keep = 1.0,
                        Rng* rng = nullptr) const;
  // Scores only (outputs, N), evaluated in cache-sized column blocks: the same bits as
  // forward(X)'s scores, but ws keeps one block's activations, not all N (the boundary grid).
  void predict(const Matrix& X, Matrix& scores, Workspace& ws) const;
  // The same scores computed in single precision, for pictures only (boundary map, textures):
  // about 2.5x faster than predict; relative error ~1e-6 (scores that are the difference of
  // large activations may lose more). scores: outputs x N floats, column-major (point by point).
  void predict_display(const Matrix& X, std::vector<float>& scores, Workspace& ws) const;
  // Backward pass from ws.dS (set by the loss): fills ws.delta and layers[*].dW/db (batch mean).
  void backward(const Matrix& X, Workspace& ws);
  // Adds the regularization gradient to dW (biases never) and returns its loss term.
  Scalar regularize(Regularization kind, Scalar rate);
  Scalar regularization_loss(Regularization kind, Scalar rate) const;

  // Parameter slots in a fixed order: W of layer 0, b of layer 0, W of layer 1, ...
  // Optimizers keep their state by slot index.
  int num_slots() const { return 2 * num_layers(); }
  Scalar* slot_data(int slot);
  const Scalar* slot_data(int slot) const;
  Scalar* slot_grad(int slot);
  Eigen::Index slot_size(int slot) const;
  int slot_fan_in(int slot) const { return layers[slot / 2].n_in(); }

  std::vector<Layer> layers;

 private:
  NetworkSpec spec_;
};

}  // namespace nn
