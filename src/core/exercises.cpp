// The exercise table: per lesson, goals the learner reaches by changing settings, training, or
// computing a number by hand and checking it. Each goal reads the live session and the context.
#include "exercises.hpp"

#include <algorithm>
#include <cmath>

namespace nn {

int config_difference(const Config& a, const Config& b) {
  int n = 0;
#define NN_COUNT_DIFFERENT(GROUP, T, NAME, ...) \
  n += NN_FIELD_ACCESS_##GROUP(a, NAME) == NN_FIELD_ACCESS_##GROUP(b, NAME) ? 0 : 1;
  NN_CONFIG_FIELDS(NN_COUNT_DIFFERENT)
#undef NN_COUNT_DIFFERENT
  return n;
}

int dead_units(Session& s, int* total) {
  const Network& net = s.network();
  Workspace ws;
  net.forward(s.train_inputs(), ws);
  int dead = 0, all = 0;
  for (int l = 0; l + 1 < net.num_layers(); ++l) {
    const Matrix& a = ws.a[static_cast<std::size_t>(l)];
    for (Eigen::Index r = 0; r < a.rows(); ++r) {
      ++all;
      if ((a.row(r).array() <= 0).all()) ++dead;
    }
  }
  if (total) *total = all;
  return dead;
}

namespace {

double squared_weights(const Network& net) {
  double s = 0;
  for (const Layer& l : net.layers) s += l.W.squaredNorm();
  return s;
}
double squared_biases(const Network& net) {
  double s = 0;
  for (const Layer& l : net.layers) s += l.b.squaredNorm();
  return s;
}

bool has_feature(const Config& c, Feature f) {
  return std::find(c.features.begin(), c.features.end(), f) != c.features.end();
}

// A correct check of quantity q since the exercise opened: of layer k (0 = any), and of entry
// (i, j) when they are given (0 = any).
bool checked(const ExerciseContext& x, CheckQuantity q, int layer = 0, int i = 0, int j = 0,
             Regularization reg = Regularization::None, bool need_reg = false) {
  for (const CheckRecord& r : x.checks)
    if (r.correct && r.quantity == q && (layer == 0 || r.layer == layer) && (i == 0 || r.i == i) &&
        (j == 0 || r.j == j) && (!need_reg || (r.regularization == reg && r.rate > 0)))
      return true;
  return false;
}

// The input columns' mean and standard deviation per row, and the correlation of rows 0 and 1.
void input_stats(const Matrix& X, Vector& mean, Vector& sd, double& corr) {
  const double n = static_cast<double>(X.cols());
  mean = X.rowwise().mean();
  const Matrix c = X.colwise() - mean;
  sd = (c.array().square().rowwise().sum() / n).sqrt().matrix();
  corr = X.rows() >= 2 && sd[0] > 0 && sd[1] > 0
             ? (c.row(0).array() * c.row(1).array()).sum() / n / (sd[0] * sd[1])
             : 0;
}

Exercise ex(std::string id, std::string lesson, std::string goal,
            std::function<bool(Session&, const ExerciseContext&)> met) {
  return Exercise{std::move(id), std::move(lesson), std::move(goal), std::move(met)};
}

std::vector<Exercise> build() {
  std::vector<Exercise> v;
  // §1.1
  v.push_back(ex("s1_1_fit_line", "s1_1_single_neuron",
                 "Train the single neuron until the test loss is below 0.15.",
                 [](Session& s, const ExerciseContext&) {
                   return s.config().network.hidden.empty() && s.steps() > 0 &&
                          s.test_loss() < 0.15;
                 }));
  v.push_back(ex("s1_1_xor_needs_hidden", "s1_1_single_neuron",
                 "Show that one neuron cannot solve XOR: on the xor set with no hidden layer, "
                 "train at least 500 steps; the test accuracy stays below 75%.",
                 [](Session& s, const ExerciseContext&) {
                   return s.config().data.dataset == DatasetKind::Xor &&
                          s.config().network.hidden.empty() && s.steps() >= 500 &&
                          s.test_accuracy() < 0.75;
                 }));
  // §1.2
  v.push_back(ex("s1_2_fewest_units", "s1_2_one_layer",
                 "Reach a test loss below 0.2 on the circle with the fewest units: one hidden "
                 "layer of at most 3 units, inputs x1 and x2 only.",
                 [](Session& s, const ExerciseContext&) {
                   const Config& c = s.config();
                   return c.data.dataset == DatasetKind::Circle && c.network.hidden.size() == 1 &&
                          c.network.hidden[0] <= 3 && c.features.size() == 2 &&
                          !has_feature(c, Feature::X1Sq) && !has_feature(c, Feature::X2Sq) &&
                          s.steps() > 0 && s.test_loss() < 0.2;
                 }));
  v.push_back(ex("s1_2_features_instead", "s1_2_one_layer",
                 "Solve the circle with no hidden layer at all: add the features x1^2 and x2^2 "
                 "and reach 95% test accuracy.",
                 [](Session& s, const ExerciseContext&) {
                   const Config& c = s.config();
                   return c.data.dataset == DatasetKind::Circle && c.network.hidden.empty() &&
                          s.steps() > 0 && s.test_accuracy() >= 0.95;
                 }));
  // §1.3-1.4
  v.push_back(ex("s1_3_clear_margin", "s1_3_ner_window_max_margin",
                 "Train until every training pair clears the margin: J = 0 on the training set "
                 "(below 0.001).",
                 [](Session& s, const ExerciseContext&) {
                   return s.config().loss == Loss::MaxMargin && s.steps() > 0 &&
                          s.train_loss() < 1e-3;
                 }));
  v.push_back(ex("s1_3_wider_margin", "s1_3_ner_window_max_margin",
                 "Ask for more: set the margin Delta to 2 and still get 95% of the test pairs "
                 "past it.",
                 [](Session& s, const ExerciseContext&) {
                   return s.config().loss == Loss::MaxMargin && s.config().margin >= 2 &&
                          s.steps() > 0 && s.test_accuracy() >= 0.95;
                 }));
  // §1.5
  v.push_back(
      ex("s1_5_delta_by_hand", "s1_5_elementwise_backprop",
         "Compute delta_1^(2) for a training pair by hand (steps 1-6 of Figure 6) and "
         "check it under the inspector.",
         [](Session&, const ExerciseContext& x) { return checked(x, CheckQuantity::Delta, 2); }));
  v.push_back(
      ex("s1_5_w14_by_hand", "s1_5_elementwise_backprop",
         "Compute dJ/dW_14^(1) for a training pair by hand, both windows' shares, and "
         "check it.",
         [](Session&, const ExerciseContext& x) { return checked(x, CheckQuantity::Dw, 1); }));
  v.push_back(ex("s1_5_zero_loss", "s1_5_elementwise_backprop",
                 "Train until the max-margin loss on the training pairs is below 0.05.",
                 [](Session& s, const ExerciseContext&) {
                   return s.config().loss == Loss::MaxMargin && s.steps() > 0 &&
                          s.train_loss() < 0.05;
                 }));
  // §1.6
  v.push_back(
      ex("s1_6_matrix_entry", "s1_6_vectorized_backprop",
         "Check one entry of grad W^(2) = delta^(3) a^(2)T (a 3x4 matrix) computed by "
         "hand for one sample.",
         [](Session&, const ExerciseContext& x) { return checked(x, CheckQuantity::Dw, 2); }));
  v.push_back(
      ex("s1_6_sgd_step", "s1_6_vectorized_backprop",
         "Compute a weight after one SGD step, w - alpha dJ/dw for one sample, and check "
         "it.",
         [](Session&, const ExerciseContext& x) { return checked(x, CheckQuantity::Update); }));
  // §2.1
  v.push_back(ex("s2_1_best_eps", "s2_1_gradient_check",
                 "Find the eps where the gradient check is most accurate: run it at an eps whose "
                 "max relative error is lower than at an eps 100x larger and one 100x smaller "
                 "that you also ran.",
                 [](Session&, const ExerciseContext& x) {
                   for (const GradCheckRecord& best : x.gradchecks) {
                     bool larger = false, smaller = false;
                     for (const GradCheckRecord& r : x.gradchecks) {
                       if (r.eps >= 99 * best.eps && r.max_relative_error > best.max_relative_error)
                         larger = true;
                       if (r.eps <= best.eps / 99 && r.max_relative_error > best.max_relative_error)
                         smaller = true;
                     }
                     if (larger && smaller) return true;
                   }
                   return false;
                 }));
  v.push_back(ex("s2_1_kink", "s2_1_gradient_check",
                 "Make the check look wrong without a bug: with ReLU units and eps at most 1e-4, "
                 "find weights where the max relative error is above 1e-4 (a z within eps of "
                 "the kink).",
                 [](Session& s, const ExerciseContext& x) {
                   if (s.config().hidden_activation(0) != Activation::Relu) return false;
                   for (const GradCheckRecord& r : x.gradchecks)
                     if (r.eps <= 1e-4 && r.max_relative_error > 1e-4) return true;
                   return false;
                 }));
  // §2.2
  v.push_back(ex("s2_2_small_weights", "s2_2_regularization",
                 "Keep the weights small and the boundary smooth: after at least 2000 steps, "
                 "the sum of squared weights below 30 with a test accuracy of at least 85%.",
                 [](Session& s, const ExerciseContext&) {
                   return s.steps() >= 2000 && squared_weights(s.network()) < 30 &&
                          s.test_accuracy() >= 0.85;
                 }));
  v.push_back(ex("s2_2_biases_free", "s2_2_regularization",
                 "Show by a run why biases are not regularized: with L2 at lambda >= 0.03 and "
                 "at least 1000 steps, the penalty squeezes the weights (sum of W^2 below 1) "
                 "while the unpenalized biases keep the class balance (sum of b^2 above the sum "
                 "of W^2).",
                 [](Session& s, const ExerciseContext&) {
                   const Config& c = s.config();
                   const double w = squared_weights(s.network());
                   return c.regularization.kind == Regularization::L2 &&
                          c.regularization.rate >= 0.03 && s.steps() >= 1000 && w < 1 &&
                          squared_biases(s.network()) > w;
                 }));
  // §2.3
  v.push_back(ex("s2_3_half_dropped", "s2_3_dropout",
                 "Drop half the units: train with keep = 0.5 or less to a test accuracy of at "
                 "least 85%.",
                 [](Session& s, const ExerciseContext&) {
                   return s.config().dropout_keep <= 0.5 && s.steps() > 0 &&
                          s.test_accuracy() >= 0.85;
                 }));
  // §2.4
  v.push_back(ex("s2_4_dead_relu", "s2_4_activations",
                 "Kill ReLU units: with relu, find a learning rate that leaves at least half of "
                 "the hidden units dead (a <= 0 on every training point) after training.",
                 [](Session& s, const ExerciseContext&) {
                   int total = 0;
                   const int dead = dead_units(s, &total);
                   return s.config().hidden_activation(0) == Activation::Relu && s.steps() > 0 &&
                          total > 0 && 2 * dead >= total;
                 }));
  v.push_back(ex("s2_4_tanh", "s2_4_activations",
                 "Switch to tanh, which does not saturate as early as the sigmoid, and reach a "
                 "test loss below 0.1.",
                 [](Session& s, const ExerciseContext&) {
                   return s.config().hidden_activation(0) == Activation::Tanh && s.steps() > 0 &&
                          s.test_loss() < 0.1;
                 }));
  // §2.5
  v.push_back(ex("s2_5_centre_only", "s2_5_preprocessing",
                 "Centre the data without rescaling it: the training inputs' mean is 0 but their "
                 "standard deviations are not 1.",
                 [](Session& s, const ExerciseContext&) {
                   Vector mean, sd;
                   double corr = 0;
                   input_stats(s.train_inputs(), mean, sd, corr);
                   return mean.cwiseAbs().maxCoeff() < 1e-9 &&
                          (sd.array() - 1).abs().maxCoeff() > 0.1;
                 }));
  v.push_back(ex("s2_5_keep_tilt", "s2_5_preprocessing",
                 "Give both axes standard deviation 1 but keep the tilt: the training inputs' "
                 "correlation stays above 0.3 in absolute value.",
                 [](Session& s, const ExerciseContext&) {
                   Vector mean, sd;
                   double corr = 0;
                   input_stats(s.train_inputs(), mean, sd, corr);
                   return (sd.array() - 1).abs().maxCoeff() < 1e-6 && std::fabs(corr) > 0.3;
                 }));
  // §2.6
  v.push_back(ex("s2_6_vanish", "s2_6_initialization",
                 "Make the gradient vanish: choose an initialization whose layer-1 gradient "
                 "variance at the first step is below 1e-12.",
                 [](Session& s, const ExerciseContext&) {
                   const History& h = s.history();
                   for (std::size_t k = 0; k < h.points.size() && k < h.layer_stats.size(); ++k) {
                     if (h.points[k].step < 1) continue;
                     const std::vector<double>& g = h.layer_stats[k].gradient_var;
                     return !g.empty() && g.front() < 1e-12;
                   }
                   return false;
                 }));
  v.push_back(ex("s2_6_deep_learns", "s2_6_initialization",
                 "Get the six-layer network to learn: a test accuracy of at least 90% (any "
                 "initialization, learning rate or optimizer).",
                 [](Session& s, const ExerciseContext&) {
                   return s.config().network.hidden.size() >= 6 && s.steps() > 0 &&
                          s.test_accuracy() >= 0.9;
                 }));
  // §2.7
  v.push_back(ex("s2_7_diverge_fix", "s2_7_learning_rate",
                 "Make the training diverge, then fix it with one change of one setting and "
                 "train 200 steps without diverging.",
                 [](Session& s, const ExerciseContext& x) {
                   return x.diverged && !s.diverged() && s.steps() >= 200 &&
                          config_difference(x.diverged_config, s.config()) == 1;
                 }));
  v.push_back(ex("s2_7_exponential", "s2_7_learning_rate",
                 "Anneal with an exponential schedule and reach a test accuracy of at least 95%.",
                 [](Session& s, const ExerciseContext&) {
                   return s.config().schedule.kind == ScheduleKind::Exponential && s.steps() > 0 &&
                          s.test_accuracy() >= 0.95;
                 }));
  // §2.8
  v.push_back(ex("s2_8_fast", "s2_8_momentum",
                 "With momentum or Nesterov, get the training loss below 0.1 within 500 steps.",
                 [](Session& s, const ExerciseContext&) {
                   const OptimizerKind k = s.config().optimizer.kind;
                   return (k == OptimizerKind::Momentum || k == OptimizerKind::Nesterov) &&
                          s.steps() > 0 && s.steps() <= 500 && s.train_loss() < 0.1;
                 }));
  // §2.9
  v.push_back(ex("s2_9_spiral", "s2_9_adaptive",
                 "Fit the spiral with an adaptive method (AdaGrad, RMSProp or Adam): a training "
                 "accuracy of at least 90%.",
                 [](Session& s, const ExerciseContext&) {
                   const OptimizerKind k = s.config().optimizer.kind;
                   return (k == OptimizerKind::AdaGrad || k == OptimizerKind::RmsProp ||
                           k == OptimizerKind::Adam) &&
                          s.config().data.dataset == DatasetKind::Spiral && s.steps() > 0 &&
                          s.train_accuracy() >= 0.9;
                 }));
  // §3.1
  v.push_back(
      ex("s3_1_delta_hidden", "s3_1_derivation",
         "Compute delta = u o f'(z) for a hidden unit (delta_i^(2)) of one sample by "
         "hand and check it.",
         [](Session&, const ExerciseContext& x) { return checked(x, CheckQuantity::Delta, 2); }));
  v.push_back(
      ex("s3_1_bias", "s3_1_derivation",
         "Check dJ/db_i^(1) = delta_i^(2) for one sample (a bias is a weight whose "
         "input is 1).",
         [](Session&, const ExerciseContext& x) { return checked(x, CheckQuantity::Db, 1); }));
  // §3.2
  v.push_back(ex("s3_2_two_branches", "s3_2_computational_graph",
                 "With L2 on, W feeds the loss and the regularizer: check dJ/dW_ij^(1) with both "
                 "branches added.",
                 [](Session&, const ExerciseContext& x) {
                   return checked(x, CheckQuantity::Dw, 1, 0, 0, Regularization::L2, true);
                 }));
  return v;
}

}  // namespace

const std::vector<Exercise>& all_exercises() {
  static const std::vector<Exercise> all = build();
  return all;
}

const Exercise* find_exercise(const std::string& id) {
  for (const Exercise& e : all_exercises())
    if (e.id == id) return &e;
  return nullptr;
}

std::vector<const Exercise*> lesson_exercises(const std::string& lesson_id) {
  std::vector<const Exercise*> out;
  for (const Exercise& e : all_exercises())
    if (e.lesson == lesson_id) out.push_back(&e);
  return out;
}

}  // namespace nn
