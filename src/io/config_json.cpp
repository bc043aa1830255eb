// JSON <-> Config. The decoder walks the schema object by object: it first rejects keys it does
// not know (listing the allowed ones), then reads each present key with a type check, and finally
// runs Config::validate(), so a bad file always fails with one message that names the field.
#include "io/config_json.hpp"

#include <algorithm>
#include <climits>
#include <cmath>

#include "core/text.hpp"
#include "io/json_input.hpp"

namespace nn {

using nlohmann::json;

std::string describe_json(const json& v) {
  if (v.is_null()) return "null";
  if (v.is_string()) return "string \"" + excerpt(v.get_ref<const std::string&>()) + "\"";
  if (v.is_structured()) {
    // Show a small flat value ([4, 2]); of anything else only its size: dump() recurses, so a
    // deeply nested value would overflow the stack, and a huge one would only be cut anyway.
    bool small = v.size() <= 8;
    for (const json& e : v)
      small = small && e.is_primitive() &&
              (!e.is_string() || e.get_ref<const std::string&>().size() <= 40);
    if (!small)
      return v.is_array() ? "array of " + std::to_string(v.size()) + " values"
                          : "object with " + std::to_string(v.size()) + " keys";
  }
  // error_handler_t::replace: a value built in code (not parsed) may hold invalid UTF-8.
  return std::string(v.type_name()) + " " +
         excerpt(v.dump(-1, ' ', false, json::error_handler_t::replace), 60);
}

namespace {

// An object key as a path component: printable and short, and visible even when empty.
std::string json_key_label(const std::string& key) { return key.empty() ? "\"\"" : excerpt(key); }

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += ", ";
    out += names[i];
  }
  return out;
}

// Reads one JSON object of the schema; `path` is its JSON path ("" for the root, "optimizer.").
class ObjectReader {
 public:
  ObjectReader(const json& j, std::string path, const std::vector<std::string>& allowed)
      : j_(j), path_(std::move(path)) {
    if (!j_.is_object()) {
      const std::string field = path_.empty() ? "json" : path_.substr(0, path_.size() - 1);
      throw ConfigError(field, "expected an object, got " + describe_json(j_));
    }
    for (const auto& item : j_.items())
      if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end())
        throw ConfigError(
            path_ + json_key_label(item.key()),
            "unknown key \"" + excerpt(item.key()) + "\" (allowed: " + join(allowed) + ")");
  }

  std::string field(const std::string& key) const { return path_ + key; }
  const json* find(const std::string& key) const {
    auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
  }

  void read(const std::string& key, double& out) const {
    if (const json* v = find(key)) out = to_double(*v, field(key));
  }
  void read(const std::string& key, int& out) const {
    if (const json* v = find(key)) out = to_int(*v, field(key));
  }
  void read(const std::string& key, bool& out) const {
    if (const json* v = find(key)) {
      if (!v->is_boolean())
        throw ConfigError(field(key), "expected true or false, got " + describe_json(*v));
      out = v->get<bool>();
    }
  }
  // Enums: `parse` is one of the core's parse_* functions (it names the allowed values).
  template <typename E>
  void read(const std::string& key, E& out,
            E (*parse)(const std::string&, const std::string&)) const {
    if (const json* v = find(key)) out = parse(name_of(*v, field(key)), field(key));
  }

  static double to_double(const json& v, const std::string& field) {
    if (!v.is_number()) throw ConfigError(field, "expected a number, got " + describe_json(v));
    return v.get<double>();
  }
  // Integers; an integral float (1e3, 4.0, as JavaScript may write them) is accepted too.
  static long long to_integer(const json& v, const std::string& field, long long lo, long long hi) {
    long long out = 0;
    if (v.is_number_unsigned()) {
      const auto u = v.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(hi))
        throw ConfigError(field, "integer " + std::to_string(u) + " is out of range");
      out = static_cast<long long>(u);
    } else if (v.is_number_integer()) {
      out = v.get<long long>();
    } else if (v.is_number_float()) {
      const double d = v.get<double>();
      if (!(d == std::floor(d)) || !(d >= static_cast<double>(lo) && d <= static_cast<double>(hi)))
        throw ConfigError(field, "expected an integer, got " + describe_json(v));
      out = static_cast<long long>(d);
    } else {
      throw ConfigError(field, "expected an integer, got " + describe_json(v));
    }
    if (out < lo || out > hi)
      throw ConfigError(field, "integer " + std::to_string(out) + " is out of range");
    return out;
  }
  static int to_int(const json& v, const std::string& field) {
    return static_cast<int>(to_integer(v, field, INT_MIN, INT_MAX));
  }
  // The text of an enum name. Names are short printable ASCII, so a longer or unprintable string
  // cannot be one; passing on only its excerpt keeps a 10 MB string out of the error message.
  static std::string name_of(const json& v, const std::string& field) {
    if (!v.is_string()) throw ConfigError(field, "expected a string, got " + describe_json(v));
    return excerpt(v.get_ref<const std::string&>());
  }

 private:
  const json& j_;
  std::string path_;
};

Config decode(const json& j) {
  Config cfg;
  const ObjectReader root(
      j, "",
      {"version", "seed", "data", "features", "preprocess", "network", "loss", "margin",
       "regularization", "dropout", "optimizer", "schedule", "batch_size"});
  root.read("version", cfg.version);
  if (cfg.version != 1)  // before anything else: a later version's keys would look unknown
    throw ConfigError("version", "unsupported version " + std::to_string(cfg.version) +
                                     " (this build reads version 1)");
  if (const json* v = root.find("seed")) {
    // Range 0..2^53 (checked by validate()): every such seed survives a JavaScript number.
    const std::string range = "must be an integer in 0..9007199254740992 (2^53), got ";
    if (v->is_number_unsigned()) {
      cfg.seed = v->get<std::uint64_t>();
    } else if (v->is_number_integer() || v->is_number_float()) {
      const double d = v->get<double>();
      if (!(d >= 0 && d <= 9007199254740992.0 && d == std::floor(d)))
        throw ConfigError("seed", range + describe_json(*v));
      cfg.seed = static_cast<std::uint64_t>(d);
    } else {
      throw ConfigError("seed", range + describe_json(*v));
    }
  }

  if (const json* v = root.find("data")) {
    const ObjectReader r(*v, "data.", {"dataset", "classes", "points", "noise", "train_fraction"});
    r.read("dataset", cfg.data.dataset, &parse_dataset);
    r.read("classes", cfg.data.classes);
    r.read("points", cfg.data.points);
    r.read("noise", cfg.data.noise);
    r.read("train_fraction", cfg.data.train_fraction);
  }

  if (const json* v = root.find("features")) {
    if (!v->is_array())
      throw ConfigError("features", "expected an array of feature names, got " + describe_json(*v));
    cfg.features.clear();
    for (std::size_t i = 0; i < v->size(); ++i) {
      const std::string field = "features[" + std::to_string(i) + "]";
      cfg.features.push_back(parse_feature(ObjectReader::name_of((*v)[i], field), field));
    }
  }
  root.read("preprocess", cfg.preprocess, &parse_preprocess);

  if (const json* v = root.find("network")) {
    const ObjectReader r(
        *v, "network.",
        {"hidden", "activation", "output_activation", "init", "init_sigma", "leaky_slope"});
    if (const json* h = r.find("hidden")) {
      if (!h->is_array())
        throw ConfigError("network.hidden", "expected an array of layer sizes (e.g. [4, 2]), got " +
                                                describe_json(*h));
      cfg.network.hidden.clear();
      for (std::size_t i = 0; i < h->size(); ++i)
        cfg.network.hidden.push_back(
            ObjectReader::to_int((*h)[i], "network.hidden[" + std::to_string(i) + "]"));
    }
    if (const json* a = r.find("activation")) {
      cfg.network.activation.clear();
      if (a->is_string()) {
        cfg.network.activation.push_back(parse_activation(
            ObjectReader::name_of(*a, "network.activation"), "network.activation"));
      } else if (a->is_array()) {
        for (std::size_t i = 0; i < a->size(); ++i) {
          const std::string field = "network.activation[" + std::to_string(i) + "]";
          cfg.network.activation.push_back(
              parse_activation(ObjectReader::name_of((*a)[i], field), field));
        }
      } else {
        throw ConfigError("network.activation",
                          "expected a name or an array of names, got " + describe_json(*a));
      }
    }
    r.read("output_activation", cfg.network.output_activation, &parse_activation);
    r.read("init", cfg.network.init, &parse_init);
    r.read("init_sigma", cfg.network.init_sigma);
    r.read("leaky_slope", cfg.network.leaky_slope);
  }

  root.read("loss", cfg.loss, &parse_loss);
  root.read("margin", cfg.margin);

  if (const json* v = root.find("regularization")) {
    const ObjectReader r(*v, "regularization.", {"kind", "rate"});
    r.read("kind", cfg.regularization.kind, &parse_regularization);
    r.read("rate", cfg.regularization.rate);
  }
  if (const json* v = root.find("dropout")) {
    const ObjectReader r(*v, "dropout.", {"keep"});
    r.read("keep", cfg.dropout_keep);
  }
  if (const json* v = root.find("optimizer")) {
    const ObjectReader r(*v, "optimizer.",
                         {"kind", "learning_rate", "momentum", "beta1", "beta2", "decay", "epsilon",
                          "bias_correction", "per_layer_scaling"});
    r.read("kind", cfg.optimizer.kind, &parse_optimizer);
    r.read("learning_rate", cfg.optimizer.learning_rate);
    r.read("momentum", cfg.optimizer.momentum);
    r.read("beta1", cfg.optimizer.beta1);
    r.read("beta2", cfg.optimizer.beta2);
    r.read("decay", cfg.optimizer.decay);
    r.read("epsilon", cfg.optimizer.epsilon);
    r.read("bias_correction", cfg.optimizer.bias_correction);
    r.read("per_layer_scaling", cfg.optimizer.per_layer_scaling);
  }
  if (const json* v = root.find("schedule")) {
    const ObjectReader r(*v, "schedule.", {"kind", "every", "factor", "k", "tau"});
    r.read("kind", cfg.schedule.kind, &parse_schedule);
    r.read("every", cfg.schedule.every);
    r.read("factor", cfg.schedule.factor);
    r.read("k", cfg.schedule.k);
    r.read("tau", cfg.schedule.tau);
  }
  root.read("batch_size", cfg.batch_size);

  cfg.validate();
  return cfg;
}

}  // namespace

json to_json(const Config& cfg) {
  json j;
  j["version"] = cfg.version;
  j["seed"] = cfg.seed;
  j["data"] = {{"dataset", name(cfg.data.dataset)},
               {"classes", cfg.data.classes},
               {"points", cfg.data.points},
               {"noise", cfg.data.noise},
               {"train_fraction", cfg.data.train_fraction}};
  json features = json::array();
  for (Feature f : cfg.features) features.push_back(name(f));
  j["features"] = features;
  j["preprocess"] = name(cfg.preprocess);

  json activation;
  if (cfg.network.activation.size() == 1) {
    activation = name(cfg.network.activation[0]);
  } else {
    activation = json::array();
    for (Activation a : cfg.network.activation) activation.push_back(name(a));
  }
  j["network"] = {{"hidden", cfg.network.hidden},
                  {"activation", activation},
                  {"output_activation", name(cfg.network.output_activation)},
                  {"init", name(cfg.network.init)},
                  {"init_sigma", cfg.network.init_sigma},
                  {"leaky_slope", cfg.network.leaky_slope}};
  j["loss"] = name(cfg.loss);
  j["margin"] = cfg.margin;
  j["regularization"] = {{"kind", name(cfg.regularization.kind)},
                         {"rate", cfg.regularization.rate}};
  j["dropout"] = {{"keep", cfg.dropout_keep}};
  const OptimizerConfig& o = cfg.optimizer;
  j["optimizer"] = {{"kind", name(o.kind)},
                    {"learning_rate", o.learning_rate},
                    {"momentum", o.momentum},
                    {"beta1", o.beta1},
                    {"beta2", o.beta2},
                    {"decay", o.decay},
                    {"epsilon", o.epsilon},
                    {"bias_correction", o.bias_correction},
                    {"per_layer_scaling", o.per_layer_scaling}};
  const ScheduleConfig& s = cfg.schedule;
  j["schedule"] = {
      {"kind", name(s.kind)}, {"every", s.every}, {"factor", s.factor}, {"k", s.k}, {"tau", s.tau}};
  j["batch_size"] = cfg.batch_size;
  return j;
}

Config config_from_json(const json& j, const std::string& prefix) {
  if (prefix.empty()) return decode(j);
  try {
    return decode(j);
  } catch (const ConfigError& e) {
    // Re-anchor the path inside the enclosing document ("config.optimizer.learning_rate").
    const std::string field =
        e.field == "json" ? prefix.substr(0, prefix.size() - 1) : prefix + e.field;
    const std::string what = e.what();
    const std::string message = what.compare(0, e.field.size() + 2, e.field + ": ") == 0
                                    ? what.substr(e.field.size() + 2)
                                    : what;
    throw ConfigError(field, message);
  }
}

void json_line_column(const std::string& text, std::size_t byte, int& line, int& column) {
  // byte is 1-based; past the end means "at end of input".
  const std::size_t index = std::min(byte == 0 ? 0 : byte - 1, text.size());
  line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < index; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  column = static_cast<int>(index - line_start) + 1;
}

void throw_json_syntax_error(const std::string& text, const json::parse_error& e) {
  int line = 0, column = 0;
  json_line_column(text, e.byte, line, column);
  // nlohmann's text is "[json.exception.parse_error.101] parse error at line 2, column 0: <why>";
  // keep <why> and give our own position (nlohmann says column 0 right after a newline).
  std::string why = e.what();
  const std::size_t at = why.find("parse error");
  const std::size_t colon = at == std::string::npos ? std::string::npos : why.find(": ", at);
  if (colon != std::string::npos) why = why.substr(colon + 2);
  // <why> ends with "last read: '<token>'", raw input: maybe megabytes, maybe invalid UTF-8.
  throw ConfigError("json", "malformed JSON at line " + std::to_string(line) + ", column " +
                                std::to_string(column) + ": " + excerpt(why, 200));
}

// One linear pass with the duplicate-key, depth and range checks (io/json_input.cpp).
json parse_json_text(const std::string& text) { return parse_json_input(text); }

Config parse_config_json(const std::string& text) {
  return config_from_json(parse_json_text(text));
}

std::string config_to_json_text(const Config& cfg) { return to_json(cfg).dump(2) + "\n"; }

}  // namespace nn
