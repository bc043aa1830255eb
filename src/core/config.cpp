// Names and parsers of the config enums, and the one validator: every field is range-checked from
// the schema (NN_CONFIG_FIELDS in config.hpp) and every message names the field by its JSON path
// ("optimizer.learning_rate") and the allowed values, so the UI, the URL decoder, the CLI and the
// tests all report the same words. Equality is generated from the schema too.
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

// Range checks of the schema's FieldRange. NaN fails every comparison, so it is rejected by each.
void check_range(double v, const FieldInfo& info) {
  const FieldRange& r = info.range;
  bool ok = true;
  switch (r.kind) {
    case FieldRange::None:
    case FieldRange::Integer:  // integers are int fields
      return;
    case FieldRange::Closed:
      ok = v >= r.lo && v <= r.hi;
      break;
    case FieldRange::OpenClosed:
      ok = v > r.lo && v <= r.hi;
      break;
    case FieldRange::ClosedOpen:
      ok = v >= r.lo && v < r.hi;
      break;
  }
  if (!ok) throw ConfigError(info.path, "must be in " + r.text() + ", got " + num(v));
}
void check_range(int v, const FieldInfo& info) {
  const FieldRange& r = info.range;
  if (r.kind == FieldRange::Integer && (v < r.lo || v > r.hi))
    throw ConfigError(info.path,
                      "must be an integer in " + r.text() + ", got " + std::to_string(v));
}
template <typename T>
void check_range(const T&, const FieldInfo&) {}  // enums, lists, bool: checked by their parsers

// Datasets whose generator can draw more than two classes.
bool allows_many_classes(DatasetKind d) {
  return d == DatasetKind::Spiral || d == DatasetKind::Gauss || d == DatasetKind::User;
}

constexpr int kNerInputs = 20;  // 5-word windows of 4-d word vectors (§1.3)

}  // namespace

// --- DatasetKind ---

const char* name(DatasetKind d) { return kind_row(kDatasetKinds, d).name; }

DatasetKind parse_dataset(const std::string& s, const std::string& field) {
  return kind_parse(kDatasetKinds, s, field, "dataset");
}

bool is_regression(DatasetKind d) {
  return d == DatasetKind::Plane || d == DatasetKind::MultiGauss;
}

// --- Feature ---

const std::vector<Feature>& all_features() {
  static const std::vector<Feature> v = kind_values(kFeatureKinds);
  return v;
}

const char* name(Feature f) { return kind_row(kFeatureKinds, f).name; }

Feature parse_feature(const std::string& s, const std::string& field) {
  return kind_parse(kFeatureKinds, s, field, "feature");
}

// --- Preprocess, OptimizerKind, ScheduleKind ---

const char* name(Preprocess p) { return kind_row(kPreprocessKinds, p).name; }

Preprocess parse_preprocess(const std::string& s, const std::string& field) {
  return kind_parse(kPreprocessKinds, s, field, "preprocessing");
}

const char* name(OptimizerKind o) { return kind_row(kOptimizerKinds, o).name; }

OptimizerKind parse_optimizer(const std::string& s, const std::string& field) {
  return kind_parse(kOptimizerKinds, s, field, "optimizer");
}

const char* name(ScheduleKind s) { return kind_row(kScheduleKinds, s).name; }

ScheduleKind parse_schedule(const std::string& s, const std::string& field) {
  return kind_parse(kScheduleKinds, s, field, "schedule");
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

  // Every range of the schema, in its order (NaN fails every comparison, so it is rejected).
  for_each_field(*this, [](const auto& value, const FieldInfo& info) { check_range(value, info); });

  // data
  const DatasetKind ds = data.dataset;
  const bool regression = is_regression(ds);
  const bool ner = ds == DatasetKind::NerWindow;
  if (!regression && !ner && data.classes > 2 && !allows_many_classes(ds))
    throw ConfigError("data.classes", std::string("dataset ") + name(ds) +
                                          " has 2 classes (more than 2 only for spiral, gauss "
                                          "and user data), got " +
                                          std::to_string(data.classes));

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
  // Structural equality over every schema field (a one-for-all activation differs from the same
  // name repeated), which is what the codecs' round trips promise.
  bool same = true;
  for_each_field(
      *this, o, [&same](const auto& x, const auto& y, const FieldInfo&) { same = same && x == y; });
  return same;
}

std::string FieldRange::text() const {
  switch (kind) {
    case None:
      return "";
    case Closed:
      return "[" + num(lo) + ", " + num(hi) + "]";
    case OpenClosed:
      return "(" + num(lo) + ", " + num(hi) + "]";
    case ClosedOpen:
      return "[" + num(lo) + ", " + num(hi) + ")";
    case Integer:
      return std::to_string(static_cast<long long>(lo)) + ".." +
             std::to_string(static_cast<long long>(hi));
  }
  return "";
}

const std::vector<FieldInfo>& config_fields() {
  static const std::vector<FieldInfo> fields = [] {
    std::vector<FieldInfo> v;
    const Config c;
    for_each_field(c, [&v](const auto&, const FieldInfo& info) { v.push_back(info); });
    return v;
  }();
  return fields;
}

FieldRange field_range(const std::string& path) {
  const FieldInfo* f = find_config_field(path);
  return f ? f->range : FieldRange::none();
}

const FieldInfo* find_config_field(const std::string& path_or_url_key) {
  for (const FieldInfo& f : config_fields())
    if (path_or_url_key == f.path || path_or_url_key == f.url) return &f;
  return nullptr;
}

}  // namespace nn
