// Session: owns the whole training pipeline; the app, the CLI and the tests all drive it.
// Per step: batch -> forward (cache z, a) -> loss -> backward (delta) -> regularization grad
// -> divergence check -> optimizer update with alpha(t) -> history.
#include "session.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "simd.hpp"

namespace nn {

namespace {
constexpr std::uint64_t kBatchStream =
    0x5DEECE66DULL;  // separates batch/dropout draws from data/init

bool same_reset_fields(const Config& a, const Config& b) {
  // The schema's Applies::Reset fields: data, features, preprocessing, architecture, loss, seed.
  bool same = true;
  for_each_field(a, b, [&same](const auto& x, const auto& y, const FieldInfo& info) {
    if (info.applies == Applies::Reset) same = same && x == y;
  });
  return same;
}

// Sum of 0 * v over v: 0 when every value is finite, NaN as soon as one is inf or NaN (0 * inf
// is NaN). One branch-free pass with independent vector sums (the divergence check of every step).
template <typename M>
double zero_probe(const M& m) {
  const double* p = m.data();
  const Eigen::Index n = m.size();
  const simd::f64x2 zero = simd::splat(0.0);
  simd::f64x2 s0 = zero, s1 = zero;
  Eigen::Index i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += zero * simd::load(p + i);
    s1 += zero * simd::load(p + i + 2);
  }
  for (; i < n; ++i) s0[0] += 0 * p[i];
  const simd::f64x2 s = s0 + s1;
  return s[0] + s[1];
}

// A plain loop: std::copy_n becomes a memmove call, whose fixed cost exceeds these small copies
// (in wasm, copies from 512 bytes even leave for JavaScript).
void copy_values(const double* from, Eigen::Index n, double* to) {
  for (Eigen::Index i = 0; i < n; ++i) to[i] = from[i];
}

double variance(const Matrix& m) {
  if (m.size() == 0) return 0;
  const double mean = m.mean();
  return (m.array() - mean).square().mean();
}
}  // namespace

Session::Session(const Config& cfg) : cfg_(cfg) {
  cfg_.validate();
  build();
}

Session::Session(const Config& cfg, const Points& user_points, const std::vector<int>& user_split)
    : cfg_(cfg), user_data_(true), user_points_(user_points), user_split_(user_split) {
  cfg_.data.dataset = DatasetKind::User;
  cfg_.validate();
  if (user_points_.X.rows() != 2 || user_points_.X.cols() < 2)
    throw ConfigError("data", "user data needs at least 2 points with columns x1, x2, label");
  build();
}

void Session::reset() { build(); }

bool Session::set_config(const Config& cfg) {
  Config next = cfg;
  if (user_data_) next.data.dataset = DatasetKind::User;
  next.validate();
  const bool needs_reset = !same_reset_fields(cfg_, next) || diverged_;
  const bool batch_changed = next.batch_size != cfg_.batch_size;
  cfg_ = next;
  if (needs_reset) {
    build();
    return true;
  }
  opt_.set_config(cfg_.optimizer);
  if (batch_changed) cursor_ = order_.size();  // start a fresh pass with the new batch size
  cached_train_loss_.reset();
  cached_test_loss_.reset();
  return false;
}

void Session::build() {
  rng_.reseed(cfg_.seed);
  batch_rng_.reseed(cfg_.seed ^ kBatchStream);
  const DatasetKind kind = cfg_.data.dataset;
  if (user_data_) {
    Points& p = user_points_;
    const bool any_split =
        std::any_of(user_split_.begin(), user_split_.end(), [](int s) { return s >= 0; });
    if (any_split && user_split_.size() == static_cast<std::size_t>(p.X.cols())) {
      std::vector<int> tr, te;
      for (std::size_t i = 0; i < user_split_.size(); ++i)
        (user_split_[i] == 1 ? te : tr).push_back(static_cast<int>(i));
      auto take = [&](const std::vector<int>& idx, Points& out) {
        out.X.resize(p.X.rows(), static_cast<Eigen::Index>(idx.size()));
        out.y.resize(static_cast<Eigen::Index>(idx.size()));
        for (std::size_t j = 0; j < idx.size(); ++j) {
          out.X.col(static_cast<Eigen::Index>(j)) = p.X.col(idx[j]);
          out.y[static_cast<Eigen::Index>(j)] = p.y[idx[j]];
        }
        out.classes = p.classes;
      };
      take(tr, raw_.train);
      take(te, raw_.test);
    } else {
      raw_ = split(p, cfg_.data.train_fraction, rng_);
    }
  } else if (kind == DatasetKind::NerWindow) {
    raw_ = split(make_ner_windows(std::max(2, cfg_.data.points / 2), rng_),
                 cfg_.data.train_fraction, rng_);
  } else {
    raw_ = split(generate(cfg_.data, rng_), cfg_.data.train_fraction, rng_);
  }
  pre_.fit(cfg_.preprocess, raw_.train.X);
  to_inputs(raw_.train.X, X_train_);
  to_inputs(raw_.test.X, X_test_);
  y_train_ = raw_.train.y;
  y_test_ = raw_.test.y;
  if (cfg_.loss == Loss::Mse && !is_regression()) {
    // Squared error on classes uses -1/+1 targets (TensorFlow Playground's convention).
    y_train_ = (2.0 * y_train_.array() - 1.0).matrix();
    y_test_ = (2.0 * y_test_.array() - 1.0).matrix();
  }
  if (cfg_.loss == Loss::MaxMargin) {
    // Arrange each split as [true windows | their corrupted partners] (label 1 | label 0).
    auto arrange = [](Matrix& X, Vector& y) {
      std::vector<Eigen::Index> pos, neg;
      for (Eigen::Index j = 0; j < y.size(); ++j) (y[j] > 0.5 ? pos : neg).push_back(j);
      const std::size_t P = std::min(pos.size(), neg.size());
      Matrix X2(X.rows(), static_cast<Eigen::Index>(2 * P));
      Vector y2(static_cast<Eigen::Index>(2 * P));
      for (std::size_t j = 0; j < P; ++j) {
        X2.col(static_cast<Eigen::Index>(j)) = X.col(pos[j]);
        X2.col(static_cast<Eigen::Index>(P + j)) = X.col(neg[j]);
        y2[static_cast<Eigen::Index>(j)] = 1;
        y2[static_cast<Eigen::Index>(P + j)] = 0;
      }
      X = std::move(X2);
      y = std::move(y2);
    };
    arrange(X_train_, y_train_);
    arrange(X_test_, y_test_);
  }
  net_.init(cfg_.network_spec(), cfg_.network.init, cfg_.network.init_sigma, rng_);
  std::vector<Eigen::Index> sizes;
  for (int s = 0; s < net_.num_slots(); ++s) sizes.push_back(net_.slot_size(s));
  opt_ = Optimizer(cfg_.optimizer, sizes);
  last_good_ = net_;
  const Eigen::Index units = cfg_.loss == Loss::MaxMargin ? X_train_.cols() / 2 : X_train_.cols();
  order_.resize(static_cast<std::size_t>(units));
  for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<int>(i);
  cursor_ = order_.size();  // shuffle on the first batch
  t_ = 0;
  diverged_ = false;
  divergence_reason_.clear();
  history_.clear();
  ws_ = Workspace{};
  grid_raw_.resize(2, 0);  // predict_grid recomputes its inputs (preprocessing may have changed)
  cached_train_loss_.reset();
  cached_test_loss_.reset();
  record(std::numeric_limits<double>::quiet_NaN());
  // The explosion reference: the untrained network's training loss (floored so that a start
  // that already fits, loss ~ 0, does not make every later wobble an explosion).
  const double J0 = history_.points.back().train_loss;
  loss_ref_ = std::isfinite(J0) ? std::max(J0, 1e-2) : std::numeric_limits<double>::infinity();
  loss_ema_ = std::isfinite(J0) ? J0 : 0;
  explode_run_ = 0;
  loss_slow_ema_ = loss_ema_;
  stall_run_ = 0;
  dead_run_ = 0;
  rise_low_ = loss_slow_ema_;
  rise_low_step_ = 0;
  warning_.clear();
}

void Session::record_now() {
  if (history_.points.empty() || history_.points.back().step != t_)
    record(std::numeric_limits<double>::quiet_NaN());
}

void Session::to_inputs(const Matrix& raw2d, Matrix& out) const {
  if (raw2d.rows() != 2) {  // ner_window: 20-d inputs, no feature expansion
    pre_.transform(raw2d, out);
    return;
  }
  Matrix p;
  pre_.transform(raw2d, p);
  expand_features(p, cfg_.features, out);
}

bool Session::is_regression() const {
  return user_data_ ? user_points_.classes == 0 : nn::is_regression(cfg_.data.dataset);
}

int Session::classes() const {
  if (is_regression()) return 0;
  if (user_data_) return user_points_.classes;
  if (cfg_.data.dataset == DatasetKind::NerWindow) return 2;
  return cfg_.data.classes;
}

double Session::epochs() const {
  const double n = static_cast<double>(X_train_.cols());
  if (n == 0) return 0;
  const double b = std::min<double>(cfg_.batch_size, n);
  return static_cast<double>(t_) * b / n;
}

double Session::learning_rate() const {
  return learning_rate_at(cfg_.schedule, cfg_.optimizer.learning_rate, t_);
}

void Session::sample_batch() {
  // Walks a shuffled order of the training set batch by batch (reshuffled each pass), so every
  // epoch visits every point once, as TensorFlow Playground does. The batch size stays fixed.
  const bool pairs = cfg_.loss == Loss::MaxMargin;
  const Eigen::Index units = static_cast<Eigen::Index>(order_.size());
  const Eigen::Index per = pairs ? std::max<Eigen::Index>(1, cfg_.batch_size / 2) : cfg_.batch_size;
  const Eigen::Index B = std::min(per, units);
  const Eigen::Index cols = pairs ? 2 * B : B;
  Xb_.resize(X_train_.rows(), cols);
  yb_.resize(cols);
  for (Eigen::Index j = 0; j < B; ++j) {
    if (cursor_ >= order_.size()) {
      for (std::size_t i = order_.size(); i > 1; --i)  // Fisher-Yates with our own rng
        std::swap(order_[i - 1], order_[batch_rng_.below(static_cast<std::uint32_t>(i))]);
      cursor_ = 0;
    }
    const Eigen::Index c = order_[cursor_++];
    const Eigen::Index d = X_train_.rows();
    copy_values(X_train_.data() + c * d, d, Xb_.data() + j * d);
    yb_[j] = y_train_[c];
    if (pairs) {
      copy_values(X_train_.data() + (units + c) * d, d, Xb_.data() + (B + j) * d);
      yb_[B + j] = y_train_[units + c];
    }
  }
}

void Session::load_weights(const Network& saved) {
  bool same = saved.num_layers() == net_.num_layers() &&
              saved.spec().inputs == net_.spec().inputs &&
              saved.spec().leaky_slope == net_.spec().leaky_slope;
  for (int l = 0; same && l < net_.num_layers(); ++l)
    same = saved.layers[l].W.rows() == net_.layers[l].W.rows() &&
           saved.layers[l].W.cols() == net_.layers[l].W.cols() &&
           saved.layers[l].b.size() == net_.layers[l].b.size() &&
           saved.layers[l].f == net_.layers[l].f;
  if (!same)
    throw ConfigError("layers", "the saved network (" + saved.describe() +
                                    ") does not match the config's (" + net_.describe() + ")");
  for (int l = 0; l < net_.num_layers(); ++l) {
    net_.layers[l].W = saved.layers[l].W;
    net_.layers[l].b = saved.layers[l].b;
  }
  last_good_ = net_;
  diverged_ = false;
  divergence_reason_.clear();
  cached_train_loss_.reset();
  cached_test_loss_.reset();
  history_.clear();
  record(std::numeric_limits<double>::quiet_NaN());
}

void Session::set_parameter(int layer, int i, int j, double value) {
  if (layer < 0 || layer >= net_.num_layers())
    throw ConfigError("weight", "layer " + std::to_string(layer) + " is not in the network (0-" +
                                    std::to_string(net_.num_layers() - 1) + ")");
  Layer& l = net_.layers[static_cast<std::size_t>(layer)];
  if (i < 0 || i >= l.n_out() || j < -1 || j >= l.n_in())
    throw ConfigError("weight", "no weight (" + std::to_string(i) + ", " + std::to_string(j) +
                                    ") in layer " + std::to_string(layer));
  if (!std::isfinite(value)) throw ConfigError("weight", "expected a finite number");
  if (j < 0)
    l.b[i] = value;
  else
    l.W(i, j) = value;
  last_good_ = net_;
  cached_train_loss_.reset();
  cached_test_loss_.reset();
}

int Session::step(int n) {
  int done = 0;
  const int L = net_.num_layers();
  for (; done < n && !diverged_; ++done) {
    if (order_.empty()) break;
    sample_batch();
    const double keep = cfg_.dropout_keep;
    const Matrix& S = net_.forward(Xb_, ws_, keep, keep < 1.0 ? &batch_rng_ : nullptr);
    double J = loss_forward_backward(cfg_.loss, S, yb_, cfg_.margin, ws_.dS);
    net_.backward(Xb_, ws_);
    J += net_.regularize(cfg_.regularization.kind, cfg_.regularization.rate);
    const double lr = learning_rate();
    if (!std::isfinite(J)) {
      diverged_ = true;
      divergence_reason_ = "the loss or its gradient became non-finite at step " +
                           std::to_string(t_ + 1) + " (learning rate " + std::to_string(lr) +
                           "); lower the learning rate and reset";
      break;
    }
    // Keep the last finite parameters. (Shapes only differ if a caller replaced the network.)
    if (last_good_.layers.size() != net_.layers.size()) last_good_ = net_;
    for (int l = 0; l < L; ++l) {
      const Layer& from = net_.layers[l];
      Layer& to = last_good_.layers[l];
      to.W.resize(from.W.rows(), from.W.cols());
      to.b.resize(from.b.size());
      copy_values(from.W.data(), from.W.size(), to.W.data());
      copy_values(from.b.data(), from.b.size(), to.b.data());
    }
    opt_.begin_step();
    double probe = 0;
    for (int l = 0; l < L; ++l) {  // slots 2l (W) and 2l + 1 (b), as Network numbers them
      Layer& layer = net_.layers[l];
      const double rate =
          cfg_.optimizer.per_layer_scaling ? lr / std::sqrt(double(layer.n_in())) : lr;
      opt_.update(2 * l, layer.W.data(), layer.dW.data(), layer.W.size(), rate);
      opt_.update(2 * l + 1, layer.b.data(), layer.db.data(), layer.b.size(), rate);
      probe += zero_probe(layer.W) + zero_probe(layer.b);
    }
    // Every update rule turns a non-finite gradient into a non-finite weight, so this one check
    // of the new weights covers the gradients too; which of the two it was only sets the message.
    if (!(probe == 0)) {
      double grad_probe = 0;
      for (int l = 0; l < L; ++l) {
        Layer& to = net_.layers[l];
        const Layer& from = last_good_.layers[l];
        grad_probe += zero_probe(to.dW) + zero_probe(to.db);
        copy_values(from.W.data(), from.W.size(), to.W.data());
        copy_values(from.b.data(), from.b.size(), to.b.data());
      }
      diverged_ = true;
      divergence_reason_ =
          grad_probe == 0
              ? "a weight became non-finite at step " + std::to_string(t_ + 1) +
                    " (learning rate " + std::to_string(lr) +
                    "); the last finite weights are kept; lower the learning rate and reset"
              : "the loss or its gradient became non-finite at step " + std::to_string(t_ + 1) +
                    " (learning rate " + std::to_string(lr) +
                    "); lower the learning rate and reset";
      break;
    }
    ++t_;
    cached_train_loss_.reset();
    cached_test_loss_.reset();
    // Explosion: with a bounded output (sigmoid, softmax, hinge) a far too large rate does not
    // overflow; the weights swing to huge finite values and the loss oscillates far above where
    // it started. Healthy training, even noisy, keeps its running mean below the untrained loss;
    // 10x that for 20 steps in a row is worse than guessing, for good. The step itself is kept.
    loss_ema_ += kExplodeEmaRate * (J - loss_ema_);
    explode_run_ = loss_ema_ > kExplodeFactor * loss_ref_ ? explode_run_ + 1 : 0;
    if (explode_run_ >= kExplodeSteps) {
      diverged_ = true;  // the loop ends after this step (counted in done)
      char buf[96];
      std::snprintf(buf, sizeof buf, "%.3g, more than %g x the starting loss %.3g", loss_ema_,
                    kExplodeFactor, loss_ref_);
      divergence_reason_ = "the loss exploded at step " + std::to_string(t_) + " (learning rate " +
                           std::to_string(lr) + "): its running mean is " + buf +
                           "; lower the learning rate and reset";
    }
    // A sustained rise: the slow running mean stays above kStallFactor x the untrained loss for
    // kStallSteps steps (at rate 10 tanh on the circle oscillates around 2-3x the start for good,
    // never 10x). Healthy training at usual rates never spends that long above twice its start.
    loss_slow_ema_ += kStallEmaRate * (J - loss_slow_ema_);
    stall_run_ = loss_slow_ema_ > kStallFactor * loss_ref_ ? stall_run_ + 1 : 0;
    if (!diverged_ && stall_run_ >= kStallSteps) {
      diverged_ = true;
      char buf[160];
      std::snprintf(buf, sizeof buf,
                    "its running mean over about 100 batches stayed above %g x the starting loss "
                    "%.3g (now %.3g) for steps %lld-%lld",
                    kStallFactor, loss_ref_, loss_slow_ema_, t_ - kStallSteps + 1, t_);
      divergence_reason_ = "the loss is oscillating, not falling, at step " + std::to_string(t_) +
                           ": " + std::string(buf) + " (learning rate " + std::to_string(lr) +
                           "); lower the learning rate and reset";
    }
    if (t_ % record_every_ == 0) record(J);
    if (!diverged_) watch();
  }
  // The panel and the history show where training stopped, not the last regular record (a
  // divergence at step 22 came before the first record of a long interval).
  if (diverged_) record_now();
  return done;
}

void Session::watch() {
  // Read-only checks of the step just taken (the training path is unchanged): they only set
  // warning_. Dead units: no gradient reaches the first layer's weights on this batch.
  const int L = net_.num_layers();
  const bool dead = L > 1 && net_.layers[0].dW.isZero(0.0) && net_.layers[0].db.isZero(0.0);
  dead_run_ = dead && loss_slow_ema_ > kDeadFactor * loss_ref_ ? dead_run_ + 1 : 0;
  char buf[512];
  if (dead_run_ == kDeadSteps) {
    std::snprintf(buf, sizeof buf,
                  "the loss is stuck: its running mean over about 100 batches is %.3g (untrained "
                  "%.3g) and for steps %lld-%lld every unit of hidden layer 1 gave 0 on "
                  "every batch, so no gradient reaches its weights (dead units, e.g. ReLU after a "
                  "too large step; learning rate %g); lower the learning rate or use "
                  "leaky_relu, and reset",
                  loss_slow_ema_, loss_ref_, t_ - kDeadSteps + 1, t_, learning_rate());
    warning_ = buf;
  } else if (dead_run_ == 0 && warning_.rfind("the loss is stuck", 0) == 0) {
    warning_.clear();  // a gradient again: the units came back
  }
  // A rise: the slow running mean above its lowest point by a good part of the starting loss,
  // kRiseSteps after that low point. Noisy healthy training wobbles by a few percent of it.
  if (loss_slow_ema_ < rise_low_) {
    rise_low_ = loss_slow_ema_;
    rise_low_step_ = t_;
    if (warning_.rfind("the loss is rising", 0) == 0) warning_.clear();
  }
  if (t_ - rise_low_step_ >= kRiseSteps && loss_slow_ema_ > rise_low_ + kRiseFactor * loss_ref_ &&
      warning_.empty()) {
    std::snprintf(buf, sizeof buf,
                  "the loss is rising: its running mean over about 100 batches went from %.3g at "
                  "step %lld to %.3g at step %lld (learning rate %g); lower the learning rate",
                  rise_low_, rise_low_step_, loss_slow_ema_, t_, learning_rate());
    warning_ = buf;
  }
}

void Session::record(double batch_loss) {
  HistoryPoint p;
  p.step = t_;
  p.batch_loss = batch_loss;
  // One forward pass per split gives both its loss and its accuracy (the same values as
  // train_loss() and train_accuracy(), at half the cost: recording runs inside training).
  auto evaluate = [&](const Matrix& X, const Vector& y, std::optional<double>& cached_loss,
                      double& loss, double& acc) {
    loss = acc = std::numeric_limits<double>::quiet_NaN();
    if (X.cols() > 0) {
      const Matrix& S = net_.forward(X, eval_ws_);
      loss = loss_value(cfg_.loss, S, y, cfg_.margin) +
             net_.regularization_loss(cfg_.regularization.kind, cfg_.regularization.rate);
      if (!is_regression()) acc = accuracy(accuracy_loss(), S, y, cfg_.margin);
    }
    cached_loss = loss;
  };
  evaluate(X_train_, y_train_, cached_train_loss_, p.train_loss, p.train_accuracy);
  evaluate(X_test_, y_test_, cached_test_loss_, p.test_loss, p.test_accuracy);
  p.learning_rate = learning_rate();
  if (!std::isfinite(p.train_loss) && !diverged_) {
    diverged_ = true;
    divergence_reason_ = "the training loss became non-finite at step " + std::to_string(t_) +
                         "; lower the learning rate and reset";
  }
  LayerStats st;
  const int L = net_.num_layers();
  const bool have = ws_.a.size() == static_cast<std::size_t>(L) && t_ > 0;
  const double B = static_cast<double>(Xb_.cols());
  for (int l = 0; l < L; ++l) {
    st.grad_norm.push_back(have ? net_.layers[l].dW.norm() : 0.0);
    st.activation_var.push_back(have ? variance(ws_.a[l]) : 0.0);
    // Per-sample dJ/dz: the loss divided by the batch size, so undo that for a size-free figure.
    st.gradient_var.push_back(have ? variance(ws_.delta[l]) * B * B : 0.0);
  }
  history_.points.push_back(p);
  history_.layer_stats.push_back(std::move(st));
}

double Session::evaluate_loss(const Matrix& X, const Vector& y) {
  if (X.cols() == 0) return std::numeric_limits<double>::quiet_NaN();
  const Matrix& S = net_.forward(X, eval_ws_);
  return loss_value(cfg_.loss, S, y, cfg_.margin) +
         net_.regularization_loss(cfg_.regularization.kind, cfg_.regularization.rate);
}

double Session::evaluate_accuracy(const Matrix& X, const Vector& y) {
  if (is_regression() || X.cols() == 0) return std::numeric_limits<double>::quiet_NaN();
  const Matrix& S = net_.forward(X, eval_ws_);
  return accuracy(accuracy_loss(), S, y, cfg_.margin);
}

std::vector<long long> Session::confusion_matrix(bool test) {
  const Matrix& X = test ? X_test_ : X_train_;
  if (is_regression() || X.cols() == 0) return {};
  const Matrix& S = net_.forward(X, eval_ws_);
  const Loss l = accuracy_loss();
  return confusion(l, S, test ? y_test_ : y_train_, l == Loss::Softmax ? classes() : 2);
}

Loss Session::accuracy_loss() const {
  // A ranking loss on ordinary labelled points (not the NER windows' true/corrupted pairs) is
  // judged as the map shows it, class 1 where s > 0: pairs clearing the margin can all sit on
  // one side of s = 0 (the output bias gets no gradient, it cancels in s_c - s).
  const bool real_pairs = !user_data_ && cfg_.data.dataset == DatasetKind::NerWindow;
  return cfg_.loss == Loss::MaxMargin && !real_pairs ? Loss::Hinge : cfg_.loss;
}

double Session::train_loss() {
  if (!cached_train_loss_) cached_train_loss_ = evaluate_loss(X_train_, y_train_);
  return *cached_train_loss_;
}
double Session::test_loss() {
  if (!cached_test_loss_) cached_test_loss_ = evaluate_loss(X_test_, y_test_);
  return *cached_test_loss_;
}
double Session::train_accuracy() { return evaluate_accuracy(X_train_, y_train_); }
double Session::test_accuracy() { return evaluate_accuracy(X_test_, y_test_); }

double Session::loss_and_gradients(const Matrix& X, const Vector& y) {
  const Matrix& S = net_.forward(X, eval_ws_);
  double J = loss_forward_backward(cfg_.loss, S, y, cfg_.margin, eval_ws_.dS);
  net_.backward(X, eval_ws_);
  return J + net_.regularize(cfg_.regularization.kind, cfg_.regularization.rate);
}

double Session::loss_only(const Matrix& X, const Vector& y) {
  const Matrix& S = net_.forward(X, eval_ws_);
  return loss_value(cfg_.loss, S, y, cfg_.margin) +
         net_.regularization_loss(cfg_.regularization.kind, cfg_.regularization.rate);
}

bool Session::prepare_grid(int res) {
  if (raw_.train.X.rows() != 2 || res < 1) return false;  // only 2D data has an input plane
  const Eigen::Index n = static_cast<Eigen::Index>(res) * res;
  if (grid_raw_.cols() != n) {
    grid_raw_.resize(2, n);
    const double h = 2 * kExtent / res;
    for (int r = 0; r < res; ++r)
      for (int c = 0; c < res; ++c) {
        grid_raw_(0, r * res + c) = -kExtent + (c + 0.5) * h;
        grid_raw_(1, r * res + c) = kExtent - (r + 0.5) * h;
      }
    // The inputs depend only on the grid and on the preprocessing and features, which change
    // only in build() (it clears grid_raw_): computed once per resolution, not per frame.
    to_inputs(grid_raw_, grid_in_);
  }
  return true;
}

void Session::predict_grid(int res, Matrix& scores, std::vector<Matrix>* neurons) {
  if (!prepare_grid(res)) {
    scores.resize(net_.spec().outputs, 0);
    if (neurons) neurons->clear();
    return;
  }
  if (neurons) {
    scores = net_.forward(grid_in_, grid_ws_);
    *neurons = grid_ws_.a;
  } else {
    net_.predict(grid_in_, scores, grid_ws_);  // block by block: only the scores are kept
  }
}

void Session::predict_grid_display(int res, std::vector<float>& scores) {
  if (!prepare_grid(res)) {
    scores.clear();
    return;
  }
  net_.predict_display(grid_in_, scores, grid_ws_);
}

}  // namespace nn
