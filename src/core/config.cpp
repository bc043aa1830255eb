// Names and parsers of the config enums, and the one validator: every field is range-checked and
// every message names the field by its JSON path ("optimizer.learning_rate") and the allowed
// values, so the UI, the URL decoder, the CLI and the tests all report the same words.
#include "config.hpp"

#include <cstdlib>
#include <locale>
#include <sstream>

#include "text.hpp"

namespace nn {

namespace {

// Joins the names of every value of an enum for "allowed: ..." messages.
template <typename E>
std::string join_names(const std::vector<E>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ", ";
    out += name(values[i]);
  }
  return out;
}

template <typename E>
E parse_enum(const std::vector<E>& values, const std::string& s, const std::string& field,
             const char* what) {
  for (E v : values)
    if (s == name(v)) return v;
  // excerpt: the name may be a 10 MB string or arbitrary bytes from a URL.
  throw ConfigError(field, std::string("unknown ") + what + " \"" + excerpt(s) +
                               "\" (allowed: " + join_names(values) + ")");
}

const std::vector<DatasetKind>& all_datasets() {
  static const std::vector<DatasetKind> v = {
      DatasetKind::Circle,     DatasetKind::Xor,       DatasetKind::Gauss,
      DatasetKind::Spiral,     DatasetKind::Moons,     DatasetKind::Plane,
      DatasetKind::MultiGauss, DatasetKind::NerWindow, DatasetKind::Stretched,
      DatasetKind::User};
  return v;
}
const std::vector<Preprocess>& all_preprocess() {
  static const std::vector<Preprocess> v = {Preprocess::None, Preprocess::Mean,
                                            Preprocess::Standardize, Preprocess::Whiten};
  return v;
}
const std::vector<OptimizerKind>& all_optimizers() {
  static const std::vector<OptimizerKind> v = {OptimizerKind::Sgd,      OptimizerKind::Momentum,
                                               OptimizerKind::Nesterov, OptimizerKind::AdaGrad,
                                               OptimizerKind::RmsProp,  OptimizerKind::Adam};
  return v;
}
const std::vector<ScheduleKind>& all_schedules() {
  static const std::vector<ScheduleKind> v = {ScheduleKind::Constant, ScheduleKind::Step,
                                              ScheduleKind::Exponential, ScheduleKind::Inverse};
  return v;
}

// Shortest text that reads back as exactly x ("0.1", "1e+06"), so a message never shows a value
// that looks in range when it is not (0.0999999 is not printed as "0.1").
std::string num(double x) {
  auto print = [](double v, int precision) {
    std::ostringstream os;
    os.imbue(std::locale::classic());
    os.precision(precision);
    os << v;
    return os.str();
  };
  std::string s;
  for (int precision = 1; precision <= 17; ++precision) {
    s = print(x, precision);
    // strtod, not an istream: libc++'s operator>> rejects subnormals. Messages only, so the
    // locale's decimal point does not matter here (os is imbued with the classic locale; nothing
    // in the project calls setlocale).
    if (std::strtod(s.c_str(), nullptr) == x) break;
  }
  const std::size_t e = s.find("e+");  // "1e+01" -> "10" for bounds like 10
  if (e != std::string::npos && std::stoi(s.substr(e + 2)) < 17)
    s = print(x, std::stoi(s.substr(e + 2)) + 1);
  return s;
}

// Range checks. NaN fails every comparison, so it is rejected by each of them.
void check_closed(double v, double lo, double hi, const char* field) {
  if (!(v >= lo && v <= hi))
    throw ConfigError(field, "must be in [" + num(lo) + ", " + num(hi) + "], got " + num(v));
}
void check_open_closed(double v, double lo, double hi, const char* field) {
  if (!(v > lo && v <= hi))
    throw ConfigError(field, "must be in (" + num(lo) + ", " + num(hi) + "], got " + num(v));
}
void check_closed_open(double v, double lo, double hi, const char* field) {
  if (!(v >= lo && v < hi))
    throw ConfigError(field, "must be in [" + num(lo) + ", " + num(hi) + "), got " + num(v));
}
void check_int(long long v, long long lo, long long hi, const char* field) {
  if (v < lo || v > hi)
    throw ConfigError(field, "must be an integer in " + std::to_string(lo) + ".." +
                                 std::to_string(hi) + ", got " + std::to_string(v));
}

// Datasets whose generator can draw more than two classes.
bool allows_many_classes(DatasetKind d) {
  return d == DatasetKind::Spiral || d == DatasetKind::Gauss || d == DatasetKind::User;
}

constexpr int kNerInputs = 20;  // 5-word windows of 4-d word vectors (§1.3)

}  // namespace

// --- DatasetKind ---

const char* name(DatasetKind d) {
  switch (d) {
    case DatasetKind::Circle:
      return "circle";
    case DatasetKind::Xor:
      return "xor";
    case DatasetKind::Gauss:
      return "gauss";
    case DatasetKind::Spiral:
      return "spiral";
    case DatasetKind::Moons:
      return "moons";
    case DatasetKind::Plane:
      return "plane";
    case DatasetKind::MultiGauss:
      return "multi_gauss";
    case DatasetKind::NerWindow:
      return "ner_window";
    case DatasetKind::Stretched:
      return "stretched";
    case DatasetKind::User:
      return "user";
  }
  return "?";
}

DatasetKind parse_dataset(const std::string& s, const std::string& field) {
  return parse_enum(all_datasets(), s, field, "dataset");
}

bool is_regression(DatasetKind d) {
  return d == DatasetKind::Plane || d == DatasetKind::MultiGauss;
}

// --- Feature ---

const std::vector<Feature>& all_features() {
  static const std::vector<Feature> v = {Feature::X1,   Feature::X2,   Feature::X1Sq,
                                         Feature::X2Sq, Feature::X1X2, Feature::SinX1,
                                         Feature::SinX2};
  return v;
}

const char* name(Feature f) {
  switch (f) {
    case Feature::X1:
      return "x1";
    case Feature::X2:
      return "x2";
    case Feature::X1Sq:
      return "x1_sq";
    case Feature::X2Sq:
      return "x2_sq";
    case Feature::X1X2:
      return "x1_x2";
    case Feature::SinX1:
      return "sin_x1";
    case Feature::SinX2:
      return "sin_x2";
  }
  return "?";
}

Feature parse_feature(const std::string& s, const std::string& field) {
  return parse_enum(all_features(), s, field, "feature");
}

// --- Preprocess, OptimizerKind, ScheduleKind ---

const char* name(Preprocess p) {
  switch (p) {
    case Preprocess::None:
      return "none";
    case Preprocess::Mean:
      return "mean";
    case Preprocess::Standardize:
      return "standardize";
    case Preprocess::Whiten:
      return "whiten";
  }
  return "?";
}

Preprocess parse_preprocess(const std::string& s, const std::string& field) {
  return parse_enum(all_preprocess(), s, field, "preprocessing");
}

const char* name(OptimizerKind o) {
  switch (o) {
    case OptimizerKind::Sgd:
      return "sgd";
    case OptimizerKind::Momentum:
      return "momentum";
    case OptimizerKind::Nesterov:
      return "nesterov";
    case OptimizerKind::AdaGrad:
      return "adagrad";
    case OptimizerKind::RmsProp:
      return "rmsprop";
    case OptimizerKind::Adam:
      return "adam";
  }
  return "?";
}

OptimizerKind parse_optimizer(const std::string& s, const std::string& field) {
  return parse_enum(all_optimizers(), s, field, "optimizer");
}

const char* name(ScheduleKind s) {
  switch (s) {
    case ScheduleKind::Constant:
      return "constant";
    case ScheduleKind::Step:
      return "step";
    case ScheduleKind::Exponential:
      return "exponential";
    case ScheduleKind::Inverse:
      return "inverse";
  }
  return "?";
}

ScheduleKind parse_schedule(const std::string& s, const std::string& field) {
  return parse_enum(all_schedules(), s, field, "schedule");
}

// --- Config ---

void Config::validate() const {
  if (version != 1)
    throw ConfigError("version", "unsupported version " + std::to_string(version) +
                                     " (this build reads version 1)");
  // 2^53: the largest range in which every integer survives a trip through a JS number.
  if (seed > (std::uint64_t{1} << 53))
    throw ConfigError(
        "seed", "must be an integer in 0..9007199254740992 (2^53), got " + std::to_string(seed));

  // data
  const DatasetKind ds = data.dataset;
  const bool regression = is_regression(ds);
  const bool ner = ds == DatasetKind::NerWindow;
  check_int(data.classes, 2, 5, "data.classes");
  if (!regression && !ner && data.classes > 2 && !allows_many_classes(ds))
    throw ConfigError("data.classes", std::string("dataset ") + name(ds) +
                                          " has 2 classes (more than 2 only for spiral, gauss "
                                          "and user data), got " +
                                          std::to_string(data.classes));
  check_int(data.points, 10, 5000, "data.points");
  check_closed(data.noise, 0.0, 2.0, "data.noise");
  check_closed(data.train_fraction, 0.1, 0.9, "data.train_fraction");

  // features: ner_window feeds its 20-d windows directly and ignores them.
  if (!ner) {
    if (features.empty())
      throw ConfigError(
          "features", "select at least one feature (allowed: " + join_names(all_features()) + ")");
    for (std::size_t i = 0; i < features.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (features[i] == features[j])
          throw ConfigError("features", std::string("duplicate feature \"") + name(features[i]) +
                                            "\" (each of " + join_names(all_features()) +
                                            " at most once)");
  }

  // network
  if (network.hidden.size() > static_cast<std::size_t>(kMaxHiddenLayers))
    throw ConfigError("network.hidden", "at most " + std::to_string(kMaxHiddenLayers) +
                                            " hidden layers (0-" +
                                            std::to_string(kMaxHiddenLayers) + " allowed), got " +
                                            std::to_string(network.hidden.size()));
  for (std::size_t i = 0; i < network.hidden.size(); ++i) {
    const int units = network.hidden[i];
    if (units < 1 || units > kMaxUnits)
      throw ConfigError("network.hidden", "layer " + std::to_string(i) + " has " +
                                              std::to_string(units) + " units (1-" +
                                              std::to_string(kMaxUnits) + " allowed)");
  }
  const std::size_t n_act = network.activation.size();
  if (n_act != 1 && n_act != network.hidden.size())
    throw ConfigError("network.activation",
                      "give one activation for all hidden layers or one per hidden layer (" +
                          std::to_string(network.hidden.size()) + "), got " +
                          std::to_string(n_act));
  if (network.output_activation != Activation::Linear &&
      network.output_activation != Activation::Tanh)
    throw ConfigError("network.output_activation", std::string("must be linear or tanh, got ") +
                                                       name(network.output_activation));
  check_open_closed(network.init_sigma, 0.0, 1.0, "network.init_sigma");
  check_closed_open(network.leaky_slope, 0.0, 1.0, "network.leaky_slope");

  // loss vs. data: the loss must be able to read the dataset's labels.
  const std::string ds_name = name(ds);
  switch (loss) {
    case Loss::Mse:
      if (ner)
        throw ConfigError("loss", "ner_window trains with max_margin, logistic or hinge, not mse");
      if (!regression && data.classes != 2)
        throw ConfigError("loss",
                          "mse on a classification set needs 2 classes (labels -1/+1); "
                          "use softmax for " +
                              std::to_string(data.classes) + " classes");
      break;
    case Loss::Softmax:
      if (regression)
        throw ConfigError("loss", "dataset " + ds_name + " is a regression set: loss must be mse");
      if (ner)
        throw ConfigError("loss",
                          "ner_window trains with max_margin, logistic or hinge, not softmax");
      break;
    case Loss::Logistic:
    case Loss::Hinge:
    case Loss::MaxMargin:
      if (regression)
        throw ConfigError("loss", "dataset " + ds_name + " is a regression set: loss must be mse");
      if (!ner && data.classes != 2)
        throw ConfigError("loss", std::string(name(loss)) + " needs 2 classes, got " +
                                      std::to_string(data.classes) + " (use softmax)");
      break;
  }
  check_open_closed(margin, 0.0, 10.0, "margin");

  check_closed(regularization.rate, 0.0, 10.0, "regularization.rate");
  check_open_closed(dropout_keep, 0.0, 1.0, "dropout.keep");

  // optimizer
  check_open_closed(optimizer.learning_rate, 0.0, 10.0, "optimizer.learning_rate");
  check_closed_open(optimizer.momentum, 0.0, 1.0, "optimizer.momentum");
  check_closed_open(optimizer.beta1, 0.0, 1.0, "optimizer.beta1");
  check_closed_open(optimizer.beta2, 0.0, 1.0, "optimizer.beta2");
  check_closed_open(optimizer.decay, 0.0, 1.0, "optimizer.decay");
  check_open_closed(optimizer.epsilon, 0.0, 1.0, "optimizer.epsilon");

  // schedule
  check_int(schedule.every, 1, 1000000, "schedule.every");
  check_open_closed(schedule.factor, 0.0, 1.0, "schedule.factor");
  check_closed(schedule.k, 0.0, 1.0, "schedule.k");
  check_closed(schedule.tau, 1.0, 1e6, "schedule.tau");

  check_int(batch_size, 1, 1000, "batch_size");

  // The spec's own checks (input/output limits) as a last line of defence.
  network_spec().validate();
}

Activation Config::hidden_activation(int i) const {
  if (network.activation.empty()) return Activation::Tanh;
  if (network.activation.size() == 1) return network.activation[0];
  const std::size_t k = static_cast<std::size_t>(i);
  return k < network.activation.size() ? network.activation[k] : network.activation.back();
}

NetworkSpec Config::network_spec() const {
  NetworkSpec spec;
  spec.inputs =
      data.dataset == DatasetKind::NerWindow ? kNerInputs : static_cast<int>(features.size());
  spec.hidden = network.hidden;
  spec.activations.clear();
  for (std::size_t i = 0; i < network.hidden.size(); ++i)
    spec.activations.push_back(hidden_activation(static_cast<int>(i)));
  spec.outputs = loss == Loss::Softmax ? data.classes : 1;
  spec.output_activation = network.output_activation;
  spec.leaky_slope = network.leaky_slope;
  return spec;
}

bool Config::operator==(const Config& o) const {
  // Structural equality (a one-for-all activation differs from the same name repeated), which is
  // what the codecs' round trips promise.
  const DataConfig &d = data, &od = o.data;
  const NetworkConfig &n = network, &on = o.network;
  const OptimizerConfig &p = optimizer, &op = o.optimizer;
  const ScheduleConfig &s = schedule, &os = o.schedule;
  return version == o.version && seed == o.seed && d.dataset == od.dataset &&
         d.classes == od.classes && d.points == od.points && d.noise == od.noise &&
         d.train_fraction == od.train_fraction && features == o.features &&
         preprocess == o.preprocess && n.hidden == on.hidden && n.activation == on.activation &&
         n.output_activation == on.output_activation && n.init == on.init &&
         n.init_sigma == on.init_sigma && n.leaky_slope == on.leaky_slope && loss == o.loss &&
         margin == o.margin && regularization.kind == o.regularization.kind &&
         regularization.rate == o.regularization.rate && dropout_keep == o.dropout_keep &&
         p.kind == op.kind && p.learning_rate == op.learning_rate && p.momentum == op.momentum &&
         p.beta1 == op.beta1 && p.beta2 == op.beta2 && p.decay == op.decay &&
         p.epsilon == op.epsilon && p.bias_correction == op.bias_correction &&
         p.per_layer_scaling == op.per_layer_scaling && s.kind == os.kind && s.every == os.every &&
         s.factor == os.factor && s.k == os.k && s.tau == os.tau && batch_size == o.batch_size;
}

}  // namespace nn
