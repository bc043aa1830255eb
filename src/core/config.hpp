// One Config for everything (UI, URL hash, JSON file, CLI, JS API, tests), with defaults and one
// validator whose messages name the field and the allowed values. The JSON and URL codecs live in
// src/io (they need nlohmann-json); this header is pure core.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "activation.hpp"
#include "loss.hpp"
#include "network.hpp"

namespace nn {

// Stretched: the set of the preprocessing lesson (§2.5), two tilted, elongated, off-centre clouds.
enum class DatasetKind {
  Circle,
  Xor,
  Gauss,
  Spiral,
  Moons,
  Plane,
  MultiGauss,
  NerWindow,
  Stretched,
  User
};
inline constexpr KindRow<DatasetKind> kDatasetKinds[] = {
    {DatasetKind::Circle, "circle", "Circle", "class 1 inside a circle, 0 on a ring around it",
     "§2.5"},
    {DatasetKind::Xor, "xor", "Exclusive or", "class = sign(x1) xor sign(x2)", "§2.5"},
    {DatasetKind::Gauss, "gauss", "Gaussians", "K normal clusters, one per class", "§2.5"},
    {DatasetKind::Spiral, "spiral", "Spiral", "K interleaved spiral arms", "§2.5"},
    {DatasetKind::Moons, "moons", "Moons", "two interleaved half circles", "§2.5"},
    {DatasetKind::Plane, "plane", "Plane", "regression: y = a linear function of (x1, x2)", "§2.5"},
    {DatasetKind::MultiGauss, "multi_gauss", "Multi Gaussian",
     "regression: y = a sum of signed Gaussian bumps", "§2.5"},
    {DatasetKind::NerWindow, "ner_window", "NER windows",
     "5-word windows of 4-d word vectors, true vs corrupted", "§1.3"},
    {DatasetKind::Stretched, "stretched", "Stretched",
     "two tilted, elongated, off-centre clouds (what preprocessing changes)", "§2.5"},
    {DatasetKind::User, "user", "User data", "points from a CSV file", "§2.5"},
};
static_assert(rows_in_enum_order(kDatasetKinds), "one row per DatasetKind, in enum order");
const char* name(DatasetKind d);  // "circle", "xor", "gauss", "spiral", "moons", "plane",
                                  // "multi_gauss", "ner_window", "stretched", "user"
DatasetKind parse_dataset(const std::string& s, const std::string& field);
bool is_regression(DatasetKind d);  // plane, multi_gauss

enum class Feature { X1, X2, X1Sq, X2Sq, X1X2, SinX1, SinX2 };
inline constexpr KindRow<Feature> kFeatureKinds[] = {
    {Feature::X1, "x1", "x1", "x1", "§2.5"},
    {Feature::X2, "x2", "x2", "x2", "§2.5"},
    {Feature::X1Sq, "x1_sq", "x1²", "x1²", "§2.5"},
    {Feature::X2Sq, "x2_sq", "x2²", "x2²", "§2.5"},
    {Feature::X1X2, "x1_x2", "x1·x2", "x1 x2", "§2.5"},
    {Feature::SinX1, "sin_x1", "sin(x1)", "sin x1", "§2.5"},
    {Feature::SinX2, "sin_x2", "sin(x2)", "sin x2", "§2.5"},
};
static_assert(rows_in_enum_order(kFeatureKinds), "one row per Feature, in enum order");
const std::vector<Feature>& all_features();
const char* name(Feature f);  // "x1", "x2", "x1_sq", "x2_sq", "x1_x2", "sin_x1", "sin_x2"
Feature parse_feature(const std::string& s, const std::string& field);

enum class Preprocess { None, Mean, Standardize, Whiten };
inline constexpr KindRow<Preprocess> kPreprocessKinds[] = {
    {Preprocess::None, "none", "None", "x", "§2.5"},
    {Preprocess::Mean, "mean", "Mean subtraction", "x − μ", "§2.5"},
    {Preprocess::Standardize, "standardize", "Standardize", "(x − μ) / σ per feature", "§2.5"},
    {Preprocess::Whiten, "whiten", "Whiten", "Λ^(−1/2) Uᵀ (x − μ) (SVD of the covariance)", "§2.5"},
};
static_assert(rows_in_enum_order(kPreprocessKinds), "one row per Preprocess, in enum order");
const char* name(Preprocess p);  // "none", "mean", "standardize", "whiten"
Preprocess parse_preprocess(const std::string& s, const std::string& field);

enum class OptimizerKind { Sgd, Momentum, Nesterov, AdaGrad, RmsProp, Adam };
inline constexpr KindRow<OptimizerKind> kOptimizerKinds[] = {
    {OptimizerKind::Sgd, "sgd", "SGD", "x −= α g", "§2.7"},
    {OptimizerKind::Momentum, "momentum", "Momentum", "v = μ v − α g;  x += v", "§2.8"},
    {OptimizerKind::Nesterov, "nesterov", "Nesterov", "v = μ v − α g;  x += −μ v_prev + (1 + μ) v",
     "§2.8"},
    {OptimizerKind::AdaGrad, "adagrad", "AdaGrad", "c += g²;  x −= α g / √(c + ε)", "§2.8"},
    {OptimizerKind::RmsProp, "rmsprop", "RMSProp", "c = d c + (1 − d) g²;  x −= α g / √(c + ε)",
     "§2.8"},
    {OptimizerKind::Adam, "adam", "Adam",
     "m = β1 m + (1 − β1) g;  v = β2 v + (1 − β2) g²;  x −= α m̂ / (√v̂ + ε)", "§2.8"},
};
inline constexpr int kOptimizerCount = sizeof(kOptimizerKinds) / sizeof(kOptimizerKinds[0]);
static_assert(rows_in_enum_order(kOptimizerKinds), "one row per OptimizerKind, in enum order");
const char* name(OptimizerKind o);  // "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"
OptimizerKind parse_optimizer(const std::string& s, const std::string& field);

enum class ScheduleKind { Constant, Step, Exponential, Inverse };
inline constexpr KindRow<ScheduleKind> kScheduleKinds[] = {
    {ScheduleKind::Constant, "constant", "Constant", "α(t) = α0", "§2.7"},
    {ScheduleKind::Step, "step", "Step", "α(t) = α0 factor^⌊t / every⌋", "§2.7"},
    {ScheduleKind::Exponential, "exponential", "Exponential", "α(t) = α0 e^(−k t)", "§2.7"},
    {ScheduleKind::Inverse, "inverse", "Inverse", "α(t) = α0 τ / max(t, τ)", "§2.7"},
};
static_assert(rows_in_enum_order(kScheduleKinds), "one row per ScheduleKind, in enum order");
const char* name(ScheduleKind s);  // "constant", "step", "exponential", "inverse"
ScheduleKind parse_schedule(const std::string& s, const std::string& field);

// Every config enum's parser by type, for the codecs' generic readers (throw ConfigError naming
// the field and the allowed values).
inline void parse_name(const std::string& s, const std::string& field, DatasetKind& out) {
  out = parse_dataset(s, field);
}
inline void parse_name(const std::string& s, const std::string& field, Feature& out) {
  out = parse_feature(s, field);
}
inline void parse_name(const std::string& s, const std::string& field, Preprocess& out) {
  out = parse_preprocess(s, field);
}
inline void parse_name(const std::string& s, const std::string& field, OptimizerKind& out) {
  out = parse_optimizer(s, field);
}
inline void parse_name(const std::string& s, const std::string& field, ScheduleKind& out) {
  out = parse_schedule(s, field);
}
inline void parse_name(const std::string& s, const std::string& field, Activation& out) {
  out = parse_activation(s, field);
}
inline void parse_name(const std::string& s, const std::string& field, Init& out) {
  out = parse_init(s, field);
}
inline void parse_name(const std::string& s, const std::string& field, Regularization& out) {
  out = parse_regularization(s, field);
}
inline void parse_name(const std::string& s, const std::string& field, Loss& out) {
  out = parse_loss(s, field);
}

// ---- The schema: one row per config field ----
// X(GROUP, TYPE, NAME, DEFAULT, PATH, URL, RANGE, APPLIES, DOC): the member NAME of GROUP (`top`
// = Config itself), its type and default, its JSON path (also its name in every message), its
// URL key, the range the validator checks (FieldRange), whether a change resets the run or
// applies hot, and one line of documentation. The structs below, operator==, the validator's
// range checks, Session's reset comparison, the JSON and URL codecs (src/io) and the docs test
// all expand this list, so a field added here is declared, compared, checked and encoded
// everywhere. The order is the URL's order. Cross-field rules stay in Config::validate().
#define NN_CONFIG_FIELDS(X)                                                                        \
  X(top, int, version, 1, "version", "v", FieldRange::none(), Reset, "schema version")             \
  X(top, std::uint64_t, seed, 42, "seed", "seed", FieldRange::none(), Reset,                       \
    "seeds the data, the split and the initial weights")                                           \
  X(data, DatasetKind, dataset, DatasetKind::Circle, "data.dataset", "ds", FieldRange::none(),     \
    Reset, "which data to train on")                                                               \
  X(data, int, classes, 2, "data.classes", "cls", FieldRange::integer(2, 5), Reset,                \
    "number of classes K (more than 2: spiral, gauss, user)")                                      \
  X(data, int, points, 500, "data.points", "n", FieldRange::integer(10, 5000), Reset,              \
    "points generated (train + test)")                                                             \
  X(data, double, noise, 0.0, "data.noise", "noise", FieldRange::closed(0, 2), Reset,              \
    "std of the normal jitter in data units")                                                      \
  X(data, double, train_fraction, 0.5, "data.train_fraction", "tf", FieldRange::closed(0.1, 0.9),  \
    Reset, "share of the points in the training split")                                            \
  X(top, std::vector<Feature>, features, (std::vector<Feature>{Feature::X1, Feature::X2}),         \
    "features", "f", FieldRange::none(), Reset, "input features, each at most once")               \
  X(top, Preprocess, preprocess, Preprocess::None, "preprocess", "pp", FieldRange::none(), Reset,  \
    "preprocessing fitted on the training split (§2.5)")                                           \
  X(network, std::vector<int>, hidden, (std::vector<int>{4, 2}), "network.hidden", "h",            \
    FieldRange::none(), Reset, "units per hidden layer")                                           \
  X(network, std::vector<Activation>, activation, (std::vector<Activation>{Activation::Tanh}),     \
    "network.activation", "act", FieldRange::none(), Reset,                                        \
    "one activation for all hidden layers, or one per layer (§2.4)")                               \
  X(network, Activation, output_activation, Activation::Linear, "network.output_activation",       \
    "oact", FieldRange::none(), Reset, "output activation: linear or tanh")                        \
  X(network, Init, init, Init::Xavier, "network.init", "init", FieldRange::none(), Reset,          \
    "weight initialization (§2.6)")                                                                \
  X(network, double, init_sigma, 0.01, "network.init_sigma", "isig",                               \
    FieldRange::open_closed(0, 1), Reset, "standard deviation of the small-normal init")           \
  X(network, double, leaky_slope, 0.01, "network.leaky_slope", "leak",                             \
    FieldRange::closed_open(0, 1), Reset, "slope of leaky_relu below 0")                           \
  X(top, Loss, loss, Loss::Logistic, "loss", "loss", FieldRange::none(), Reset,                    \
    "loss on the raw scores (§1.4, §2.1)")                                                         \
  X(top, double, margin, 1.0, "margin", "margin", FieldRange::open_closed(0, 10), Hot,             \
    "Delta of the max-margin loss")                                                                \
  X(regularization, Regularization, kind, Regularization::None, "regularization.kind", "reg",      \
    FieldRange::none(), Hot, "penalty on the weights (§2.2)")                                      \
  X(regularization, double, rate, 0.0, "regularization.rate", "rr", FieldRange::closed(0, 10),     \
    Hot, "its strength lambda")                                                                    \
  X(top, double, dropout_keep, 1.0, "dropout.keep", "keep", FieldRange::open_closed(0, 1), Hot,    \
    "probability of keeping a hidden unit while training (§2.3)")                                  \
  X(optimizer, OptimizerKind, kind, OptimizerKind::Sgd, "optimizer.kind", "opt",                   \
    FieldRange::none(), Hot, "update rule (§2.7-2.8)")                                             \
  X(optimizer, double, learning_rate, 0.03, "optimizer.learning_rate", "lr",                       \
    FieldRange::open_closed(0, 10), Hot, "the base learning rate alpha0")                          \
  X(optimizer, double, momentum, 0.9, "optimizer.momentum", "mom", FieldRange::closed_open(0, 1),  \
    Hot, "mu of momentum and nesterov")                                                            \
  X(optimizer, double, beta1, 0.9, "optimizer.beta1", "b1", FieldRange::closed_open(0, 1), Hot,    \
    "Adam's first-moment decay")                                                                   \
  X(optimizer, double, beta2, 0.999, "optimizer.beta2", "b2", FieldRange::closed_open(0, 1), Hot,  \
    "Adam's second-moment decay")                                                                  \
  X(optimizer, double, decay, 0.99, "optimizer.decay", "decay", FieldRange::closed_open(0, 1),     \
    Hot, "RMSProp's cache decay")                                                                  \
  X(optimizer, double, epsilon, 1e-8, "optimizer.epsilon", "eps", FieldRange::open_closed(0, 1),   \
    Hot, "keeps the adaptive divisions finite")                                                    \
  X(optimizer, bool, bias_correction, true, "optimizer.bias_correction", "bc", FieldRange::none(), \
    Hot, "Adam's bias correction; false = the notes' form")                                        \
  X(optimizer, bool, per_layer_scaling, false, "optimizer.per_layer_scaling", "pls",               \
    FieldRange::none(), Hot, "Collobert: each layer's rate over sqrt(fan_in) (§2.9)")              \
  X(schedule, ScheduleKind, kind, ScheduleKind::Constant, "schedule.kind", "sch",                  \
    FieldRange::none(), Hot, "learning-rate schedule alpha(t)")                                    \
  X(schedule, int, every, 100, "schedule.every", "every", FieldRange::integer(1, 1000000), Hot,    \
    "step: steps between decays")                                                                  \
  X(schedule, double, factor, 0.5, "schedule.factor", "factor", FieldRange::open_closed(0, 1),     \
    Hot, "step: multiplier per decay")                                                             \
  X(schedule, double, k, 0.001, "schedule.k", "sk", FieldRange::closed(0, 1), Hot,                 \
    "exponential: decay rate per step")                                                            \
  X(schedule, double, tau, 100, "schedule.tau", "tau", FieldRange::closed(1, 1e6), Hot,            \
    "inverse: steps before the 1/t decay")                                                         \
  X(top, int, batch_size, 10, "batch_size", "bs", FieldRange::integer(1, 1000), Hot,               \
    "examples per training step")

// What the validator checks of one number: nothing, [lo, hi], (lo, hi], [lo, hi) or an integer
// in lo..hi. The UI's sliders read the same bounds.
struct FieldRange {
  enum Kind { None, Closed, OpenClosed, ClosedOpen, Integer };
  Kind kind = None;
  double lo = 0, hi = 0;
  static constexpr FieldRange none() { return {None, 0, 0}; }
  static constexpr FieldRange closed(double a, double b) { return {Closed, a, b}; }
  static constexpr FieldRange open_closed(double a, double b) { return {OpenClosed, a, b}; }
  static constexpr FieldRange closed_open(double a, double b) { return {ClosedOpen, a, b}; }
  static constexpr FieldRange integer(double a, double b) { return {Integer, a, b}; }
  // "[0, 2]", "(0, 10]", "1..1000"; "" for None.
  std::string text() const;
};

enum class Applies { Reset, Hot };  // a change rebuilds the run, or applies to the next step

struct FieldInfo {
  const char* path;  // JSON path, e.g. "optimizer.learning_rate"
  const char* url;   // URL key, e.g. "lr"
  FieldRange range;
  Applies applies;
  const char* doc;
};

// Members of each group, declared from the schema (a row of another group expands to nothing).
#define NN_FIELD_DECLARE(GROUP, T, NAME, DEFAULT, ...) NN_FIELD_DECLARE_##GROUP(T, NAME, DEFAULT)
#define NN_FIELD_MEMBER(T, NAME, DEFAULT) T NAME = DEFAULT;
#define NN_FIELD_SKIP(T, NAME, DEFAULT)

#define NN_FIELD_DECLARE_top NN_FIELD_SKIP
#define NN_FIELD_DECLARE_data NN_FIELD_MEMBER
#define NN_FIELD_DECLARE_network NN_FIELD_SKIP
#define NN_FIELD_DECLARE_regularization NN_FIELD_SKIP
#define NN_FIELD_DECLARE_optimizer NN_FIELD_SKIP
#define NN_FIELD_DECLARE_schedule NN_FIELD_SKIP
struct DataConfig {
  NN_CONFIG_FIELDS(NN_FIELD_DECLARE)
};
#undef NN_FIELD_DECLARE_data
#define NN_FIELD_DECLARE_data NN_FIELD_SKIP
#undef NN_FIELD_DECLARE_network
#define NN_FIELD_DECLARE_network NN_FIELD_MEMBER
struct NetworkConfig {
  NN_CONFIG_FIELDS(NN_FIELD_DECLARE)
};
#undef NN_FIELD_DECLARE_network
#define NN_FIELD_DECLARE_network NN_FIELD_SKIP
#undef NN_FIELD_DECLARE_regularization
#define NN_FIELD_DECLARE_regularization NN_FIELD_MEMBER
struct RegularizationConfig {
  NN_CONFIG_FIELDS(NN_FIELD_DECLARE)
};
#undef NN_FIELD_DECLARE_regularization
#define NN_FIELD_DECLARE_regularization NN_FIELD_SKIP
#undef NN_FIELD_DECLARE_optimizer
#define NN_FIELD_DECLARE_optimizer NN_FIELD_MEMBER
struct OptimizerConfig {
  NN_CONFIG_FIELDS(NN_FIELD_DECLARE)
};
#undef NN_FIELD_DECLARE_optimizer
#define NN_FIELD_DECLARE_optimizer NN_FIELD_SKIP
#undef NN_FIELD_DECLARE_schedule
#define NN_FIELD_DECLARE_schedule NN_FIELD_MEMBER
struct ScheduleConfig {
  NN_CONFIG_FIELDS(NN_FIELD_DECLARE)
};
#undef NN_FIELD_DECLARE_schedule
#define NN_FIELD_DECLARE_schedule NN_FIELD_SKIP
#undef NN_FIELD_DECLARE_top
#define NN_FIELD_DECLARE_top NN_FIELD_MEMBER

struct Config {
  NN_CONFIG_FIELDS(NN_FIELD_DECLARE)
  DataConfig data;
  NetworkConfig network;
  RegularizationConfig regularization;
  OptimizerConfig optimizer;
  ScheduleConfig schedule;

  // Throws ConfigError naming the first bad field and its allowed values/range.
  void validate() const;
  // Activation of hidden layer i (expands the one-for-all form).
  Activation hidden_activation(int i) const;
  // Network shape implied by the config: inputs = #features (20 for ner_window), outputs =
  // classes for softmax, else 1.
  NetworkSpec network_spec() const;
  bool operator==(const Config& o) const;
  bool operator!=(const Config& o) const { return !(*this == o); }
};

#undef NN_FIELD_DECLARE_top
#undef NN_FIELD_DECLARE_data
#undef NN_FIELD_DECLARE_network
#undef NN_FIELD_DECLARE_regularization
#undef NN_FIELD_DECLARE_optimizer
#undef NN_FIELD_DECLARE_schedule
#undef NN_FIELD_DECLARE
#undef NN_FIELD_MEMBER
#undef NN_FIELD_SKIP

// Every field of the schema, in its order.
const std::vector<FieldInfo>& config_fields();
// The row of a JSON path or URL key; nullptr if there is none.
const FieldInfo* find_config_field(const std::string& path_or_url_key);
// The range of a schema field (the UI's slider bounds); a path that is not in the schema is a
// programming error and gives FieldRange::none().
FieldRange field_range(const std::string& path);

#define NN_FIELD_ACCESS_top(c, NAME) c.NAME
#define NN_FIELD_ACCESS_data(c, NAME) c.data.NAME
#define NN_FIELD_ACCESS_network(c, NAME) c.network.NAME
#define NN_FIELD_ACCESS_regularization(c, NAME) c.regularization.NAME
#define NN_FIELD_ACCESS_optimizer(c, NAME) c.optimizer.NAME
#define NN_FIELD_ACCESS_schedule(c, NAME) c.schedule.NAME
#define NN_FIELD_VISIT(GROUP, T, NAME, DEFAULT, PATH, URL, RANGE, APPLIES, DOC) \
  f(NN_FIELD_ACCESS_##GROUP(c, NAME), FieldInfo{PATH, URL, RANGE, Applies::APPLIES, DOC});
#define NN_FIELD_VISIT2(GROUP, T, NAME, DEFAULT, PATH, URL, RANGE, APPLIES, DOC) \
  f(NN_FIELD_ACCESS_##GROUP(a, NAME), NN_FIELD_ACCESS_##GROUP(b, NAME),          \
    FieldInfo{PATH, URL, RANGE, Applies::APPLIES, DOC});

// f(member, info) for every field of c (Config or const Config), in the schema's order.
template <typename C, typename F>
void for_each_field(C& c, F&& f) {
  NN_CONFIG_FIELDS(NN_FIELD_VISIT)
}
// f(member of a, member of b, info) for every field.
template <typename A, typename B, typename F>
void for_each_field(A& a, B& b, F&& f) {
  NN_CONFIG_FIELDS(NN_FIELD_VISIT2)
}

#undef NN_FIELD_VISIT
#undef NN_FIELD_VISIT2

}  // namespace nn
