// A training session: config -> data -> preprocessing/features -> network -> optimizer/schedule
// -> history. Everything the views show is read from here; the UI never computes math itself.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "config.hpp"
#include "dataset.hpp"
#include "network.hpp"
#include "optimizer.hpp"
#include "preprocess.hpp"
#include "rng.hpp"

namespace nn {

struct HistoryPoint {
  long long step = 0;
  double train_loss = 0, test_loss = 0;
  double train_accuracy = 0, test_accuracy = 0;  // NaN for regression
  double learning_rate = 0;
  double batch_loss = 0;
};

// Per-layer statistics of one training step (the teaching views plot these).
struct LayerStats {
  std::vector<double> grad_norm;       // ||dW||_F per layer
  std::vector<double> activation_var;  // variance of a over the batch and units, per layer
  std::vector<double> gradient_var;    // variance of delta over the batch and units, per layer
};

struct History {
  std::vector<HistoryPoint> points;     // one per recorded step (every `record_every` steps)
  std::vector<LayerStats> layer_stats;  // parallel to points
  void clear() {
    points.clear();
    layer_stats.clear();
  }
};

class Session {
 public:
  static constexpr double kExplodeFactor = 10;     // x the untrained network's training loss
  static constexpr int kExplodeSteps = 20;         // consecutive steps above it
  static constexpr double kExplodeEmaRate = 0.05;  // running mean over ~20 batches
  // A sustained rise: the slow running mean above kStallFactor x the untrained loss for
  // kStallSteps steps in a row (oscillating far above the start, not learning).
  static constexpr double kStallFactor = 2;
  static constexpr int kStallSteps = 300;
  static constexpr double kStallEmaRate = 0.01;  // running mean over ~100 batches
  // Dead units (a warning, training goes on): the first hidden layer's weight gradient exactly
  // zero on every batch for kDeadSteps steps in a row while the slow running mean has not
  // fallen below kDeadFactor x the untrained loss (every ReLU unit of that layer outputs 0).
  static constexpr int kDeadSteps = 200;
  static constexpr double kDeadFactor = 0.9;
  // A rise (a warning): the slow running mean kRiseSteps steps after a low point is higher by
  // more than kRiseFactor x the untrained loss (training made the loss worse and it stays worse).
  static constexpr int kRiseSteps = 300;
  static constexpr double kRiseFactor = 0.25;
  // Validates cfg (throws ConfigError) and resets.
  explicit Session(const Config& cfg = Config{});
  // Same as constructing with cfg but on user data (DatasetKind::User): points from a CSV.
  Session(const Config& cfg, const Points& user_points, const std::vector<int>& user_split);

  // Regenerates data and reinitializes weights from the config's seed.
  void reset();
  // Applies cfg. Returns true if it had to reset (data, features, preprocessing, architecture,
  // init, loss or seed changed); learning rate, optimizer hyper-parameters, regularization,
  // dropout, schedule and batch size apply to the running weights.
  bool set_config(const Config& cfg);
  const Config& config() const { return cfg_; }

  // Trains n steps (stops early on divergence). Returns the steps done. Divergence: a non-finite
  // loss, gradient or weight, or an exploded loss (running mean of the batch loss above
  // kExplodeFactor x the loss at reset for kExplodeSteps consecutive steps), or a sustained rise
  // (a slower running mean above kStallFactor x it for kStallSteps steps; docs/robustness.md).
  int step(int n);
  long long steps() const { return t_; }
  double epochs() const;  // steps * batch / train size
  bool diverged() const { return diverged_; }
  const std::string& divergence_reason() const { return divergence_reason_; }
  // A problem that does not stop training (dead units, a sustained rise of the loss): what, over
  // which steps and what to change; empty when training looks healthy. Cleared on reset and
  // when the loss moves again.
  const std::string& warning() const { return warning_; }
  // Adds a history point at the current step unless the last one is there, so the history (and
  // the loss CSV) ends at the last step taken; a stop records its step the same way.
  void record_now();

  // Evaluation on the whole splits (no dropout).
  double train_loss();
  double test_loss();
  double train_accuracy();  // NaN for regression
  double test_accuracy();
  bool is_regression() const;
  int classes() const;
  // K x K counts (row = true class, column = predicted, row-major) on the test split or the
  // training split, by the rule accuracy uses; empty for regression and for true/corrupted pairs.
  std::vector<long long> confusion_matrix(bool test);

  const Split& raw() const { return raw_; }                // raw positions and labels
  const Matrix& train_inputs() const { return X_train_; }  // preprocessed + features (d, N)
  const Matrix& test_inputs() const { return X_test_; }
  const Vector& train_targets() const { return y_train_; }  // as the loss sees them
  const Vector& test_targets() const { return y_test_; }
  const Preprocessor& preprocessor() const { return pre_; }
  // Maps raw 2D positions (2, N) to network inputs (d, N): preprocessing then features.
  void to_inputs(const Matrix& raw2d, Matrix& out) const;

  const Network& network() const { return net_; }
  Network& network() { return net_; }
  // Replaces W and b with a saved model's (same layer shapes and activations, else ConfigError)
  // and restarts the history at the current step with the new weights' losses, so the curve
  // does not start from the weights it replaced (the app's model import).
  void load_weights(const Network& saved);
  // Sets one weight W(i, j) of layer `layer` (j = -1: the bias b(i)) by hand, as a student does
  // on the diagram: the evaluation caches are dropped so the losses follow; the optimizer state
  // is kept. Throws ConfigError("weight") for an index outside the network or a non-finite value.
  void set_parameter(int layer, int i, int j, double value);
  const Workspace& train_workspace() const { return ws_; }  // caches of the last training step
  const Matrix& last_batch_inputs() const { return Xb_; }
  const Vector& last_batch_targets() const { return yb_; }
  const History& history() const { return history_; }
  double learning_rate() const;  // alpha(t) of the schedule for the next step

  // Forward pass over a res x res grid spanning [-kExtent, kExtent]^2 in raw coordinates.
  // Row-major from the top-left (y = +kExtent) corner. scores: (outputs, res*res).
  // If neurons is non-null, it receives every layer's activations (a per layer, units x res*res).
  void predict_grid(int res, Matrix& scores, std::vector<Matrix>* neurons = nullptr);
  // The same grid's scores in single precision (Network::predict_display), for pictures only:
  // ~2.5x faster. scores: outputs x res*res floats, point by point; empty without an input plane.
  void predict_grid_display(int res, std::vector<float>& scores);
  // Batch loss with gradients left in network().layers[*].dW/db (for gradient checks).
  double loss_and_gradients(const Matrix& X, const Vector& y);
  double loss_only(const Matrix& X, const Vector& y);

  // Record a history point every `every` steps (default 1; the app raises it for long runs).
  void set_record_every(int every) { record_every_ = every < 1 ? 1 : every; }

 private:
  void build();
  void sample_batch();
  void record(double batch_loss);
  void watch();  // the warnings' checks after a step
  double evaluate_loss(const Matrix& X, const Vector& y);
  double evaluate_accuracy(const Matrix& X, const Vector& y);
  Loss accuracy_loss() const;  // the rule accuracy() applies (see its definition)
  bool prepare_grid(int res);  // grid_in_ for a res x res grid; false without an input plane

  Config cfg_;
  Rng rng_;        // data and init
  Rng batch_rng_;  // batches and dropout
  bool user_data_ = false;
  Points user_points_;
  std::vector<int> user_split_;
  Split raw_;
  Preprocessor pre_;
  Matrix X_train_, X_test_;
  Vector y_train_, y_test_;
  Network net_;
  Network last_good_;  // parameters before the last step (restored on divergence)
  Optimizer opt_;
  Workspace ws_, eval_ws_, grid_ws_;
  Matrix Xb_, grid_raw_, grid_in_;
  Vector yb_;
  std::vector<int> order_;
  std::size_t cursor_ = 0;
  long long t_ = 0;
  bool diverged_ = false;
  std::string divergence_reason_;
  // Explosion check (see step()): running mean of the batch loss, the loss at reset it is
  // compared with, and how many consecutive steps it has been above the bound.
  double loss_ema_ = 0, loss_ref_ = 0, loss_slow_ema_ = 0;
  int explode_run_ = 0, stall_run_ = 0;
  // Warnings (see warning()): steps in a row with a zero first-layer gradient; the slow running
  // mean's lowest value since the last warning check and its step.
  int dead_run_ = 0;
  double rise_low_ = 0;
  long long rise_low_step_ = 0;
  std::string warning_;
  History history_;
  int record_every_ = 1;
  std::optional<double> cached_train_loss_, cached_test_loss_;
};

}  // namespace nn
