// JSON <-> Config, both directions generated from the config schema (NN_CONFIG_FIELDS in
// core/config.hpp): JSON paths give the nesting and the allowed keys, the member's type the
// reader. The decoder walks the schema object by object: it first rejects keys it does not know
// (listing the allowed ones), then reads each present key with a type check, and finally runs
// Config::validate(), so a bad file always fails with one message that names the field.
#include "io/config_json.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <memory>
#include <set>
#include <type_traits>
#include <utility>

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

  void read(const std::string& key, int& out) const {
    if (const json* v = find(key)) out = to_int(*v, field(key));
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

// ---- One schema field's JSON value, by type ----

void read_value(const json& v, const std::string& field, int& out) {
  out = ObjectReader::to_int(v, field);
}
void read_value(const json& v, const std::string& field, double& out) {
  out = ObjectReader::to_double(v, field);
}
void read_value(const json& v, const std::string& field, bool& out) {
  if (!v.is_boolean()) throw ConfigError(field, "expected true or false, got " + describe_json(v));
  out = v.get<bool>();
}
void read_value(const json& v, const std::string& field, std::uint64_t& out) {
  // The seed: 0..2^53 (checked by validate()), so that it survives a JavaScript number.
  const std::string range = "must be an integer in 0..9007199254740992 (2^53), got ";
  if (v.is_number_unsigned()) {
    out = v.get<std::uint64_t>();
  } else if (v.is_number_integer() || v.is_number_float()) {
    const double d = v.get<double>();
    if (!(d >= 0 && d <= 9007199254740992.0 && d == std::floor(d)))
      throw ConfigError(field, range + describe_json(v));
    out = static_cast<std::uint64_t>(d);
  } else {
    throw ConfigError(field, range + describe_json(v));
  }
}
template <typename E, typename = std::enable_if_t<std::is_enum<E>::value>>
void read_value(const json& v, const std::string& field, E& out) {
  parse_name(ObjectReader::name_of(v, field), field, out);  // names the allowed values
}
void read_value(const json& v, const std::string& field, std::vector<Feature>& out) {
  if (!v.is_array())
    throw ConfigError(field, "expected an array of feature names, got " + describe_json(v));
  out.clear();
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string f = field + "[" + std::to_string(i) + "]";
    out.push_back(parse_feature(ObjectReader::name_of(v[i], f), f));
  }
}
void read_value(const json& v, const std::string& field, std::vector<int>& out) {
  if (!v.is_array())
    throw ConfigError(field,
                      "expected an array of layer sizes (e.g. [4, 2]), got " + describe_json(v));
  out.clear();
  for (std::size_t i = 0; i < v.size(); ++i)
    out.push_back(ObjectReader::to_int(v[i], field + "[" + std::to_string(i) + "]"));
}
void read_value(const json& v, const std::string& field, std::vector<Activation>& out) {
  out.clear();
  if (v.is_string()) {
    out.push_back(parse_activation(ObjectReader::name_of(v, field), field));
  } else if (v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string f = field + "[" + std::to_string(i) + "]";
      out.push_back(parse_activation(ObjectReader::name_of(v[i], f), f));
    }
  } else {
    throw ConfigError(field, "expected a name or an array of names, got " + describe_json(v));
  }
}

template <typename T>
json write_value(const T& v) {
  if constexpr (std::is_enum<T>::value) {
    return name(v);
  } else {
    return v;
  }
}
json write_value(const std::vector<Feature>& v) {
  json a = json::array();
  for (Feature f : v) a.push_back(name(f));
  return a;
}
json write_value(const std::vector<Activation>& v) {
  if (v.size() == 1) return name(v[0]);  // one for all hidden layers
  json a = json::array();
  for (Activation f : v) a.push_back(name(f));
  return a;
}

// "optimizer.learning_rate" -> ("optimizer", "learning_rate"); "seed" -> ("", "seed").
std::pair<std::string, std::string> split_path(const char* path) {
  const std::string p = path;
  const std::size_t dot = p.find('.');
  if (dot == std::string::npos) return {"", p};
  return {p.substr(0, dot), p.substr(dot + 1)};
}

// The keys of one object of the schema ("" = the root), in the schema's order.
std::vector<std::string> object_keys(const std::string& object) {
  std::vector<std::string> keys;
  for (const FieldInfo& f : config_fields()) {
    const auto [group, key] = split_path(f.path);
    const std::string k = object.empty() ? (group.empty() ? key : group) : key;
    if ((object.empty() || group == object) && std::find(keys.begin(), keys.end(), k) == keys.end())
      keys.push_back(k);
  }
  return keys;
}

Config decode(const json& j) {
  Config cfg;
  const ObjectReader root(j, "", object_keys(""));
  root.read("version", cfg.version);
  if (cfg.version != 1)  // before anything else: a later version's keys would look unknown
    throw ConfigError("version", "unsupported version " + std::to_string(cfg.version) +
                                     " (this build reads version 1)");
  // Every other field of the schema, object by object in the schema's order; an object's unknown
  // keys are reported when the first of its fields is read.
  std::string open_group;
  std::unique_ptr<ObjectReader> group_reader;
  for_each_field(cfg, [&](auto& value, const FieldInfo& info) {
    const auto [group, key] = split_path(info.path);
    if (group.empty()) {
      if (key == "version") return;
      if (const json* v = root.find(key)) read_value(*v, info.path, value);
      return;
    }
    const json* object = root.find(group);
    if (!object) return;
    if (group != open_group) {
      group_reader = std::make_unique<ObjectReader>(*object, group + ".", object_keys(group));
      open_group = group;
    }
    if (const json* v = group_reader->find(key)) read_value(*v, info.path, value);
  });
  cfg.validate();
  return cfg;
}

}  // namespace

json to_json(const Config& cfg) {
  json j = json::object();
  for_each_field(cfg, [&j](const auto& value, const FieldInfo& info) {
    const auto [group, key] = split_path(info.path);
    if (group.empty())
      j[key] = write_value(value);
    else
      j[group][key] = write_value(value);
  });
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
