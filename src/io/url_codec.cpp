// URL-hash codec of the Config: one table row per field (short key, JSON path, format, parse,
// copy), so encoding, decoding, "differs from default" and "reset to default" cannot drift apart.
// Doubles are written in their shortest exactly-round-tripping form without std::to_chars, whose
// floating-point overloads emscripten 3.1.6's libc++ (13) does not implement.
#include "io/url_codec.hpp"

#include <algorithm>
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <locale>
#include <set>
#include <sstream>

#include "core/text.hpp"

namespace nn {

std::string format_double(double x) {
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
    double back = 0;
    if (parse_double(s, back) && back == x) break;
  }
  // %g writes 100 as "1e+02" at 1 significant digit; integers up to 1e16 read better in full.
  const std::size_t e = s.find('e');
  if (e != std::string::npos && s[e + 1] == '+') {
    const int exponent = std::stoi(s.substr(e + 2));
    if (exponent < 17) s = print(x, exponent + 1);
  }
  // "1e+20" -> "1e20": a '+' would become a space if someone form-decodes the hash.
  std::string out;
  for (char c : s)
    if (c != '+') out += c;
  return out;
}

bool parse_double(const std::string& s, double& out) {
  if (s.empty() || s.size() > 64) return false;
  // Only the characters of a plain decimal number: no whitespace, hex floats, "nan" or "inf".
  for (char c : s)
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
      return false;
  // strtod, not an istream: libc++'s operator>> fails on subnormals (strtod's ERANGE), which
  // would break the exact round trip in wasm. strtod reads the C locale's decimal point; nothing
  // here calls setlocale, but translate anyway so a host program's locale cannot break links.
  std::string text = s;
  const char point = *std::localeconv()->decimal_point;
  if (point != '.') std::replace(text.begin(), text.end(), '.', point);
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return false;
  if (!std::isfinite(v)) return false;  // overflow ("1e999") gives inf
  out = v;
  return true;
}

namespace {

// A value echoed in a message: short, printable UTF-8 (the hash may hold any bytes via %XX).
std::string quoted(const std::string& s) { return "\"" + excerpt(s) + "\""; }

// Enum names are short printable ASCII, so only an excerpt of anything else needs to reach the
// parser (whose message quotes the name it was given).
template <typename E, E (*Parse)(const std::string&, const std::string&)>
E parse_name(const std::string& s, const std::string& field) {
  return Parse(excerpt(s), field);
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> parts;
  if (s.empty()) return parts;  // "h=" is the empty list (no hidden layers)
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = s.find(',', start);
    parts.push_back(s.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return parts;
}

// --- value formats: each parse_* throws ConfigError(field, ...) on a malformed value ---

std::string fmt_int(int v) { return std::to_string(v); }
int parse_int(const std::string& s, const std::string& field) {
  std::size_t i = s.size() > 0 && s[0] == '-' ? 1 : 0;
  const bool digits_only = s.size() > i && s.size() - i <= 10 &&
                           s.find_first_not_of("0123456789", i) == std::string::npos;
  if (digits_only) {
    const long long v = std::stoll(s);
    if (v >= -2147483647LL - 1 && v <= 2147483647LL) return static_cast<int>(v);
  }
  throw ConfigError(field, "expected an integer, got " + quoted(s));
}

std::string fmt_u64(std::uint64_t v) { return std::to_string(v); }
std::uint64_t parse_u64(const std::string& s, const std::string& field) {
  if (s.empty() || s.size() > 19 || s.find_first_not_of("0123456789") != std::string::npos)
    throw ConfigError(field, "expected an integer in 0..9007199254740992 (2^53), got " + quoted(s));
  return std::stoull(s);
}

double parse_dbl(const std::string& s, const std::string& field) {
  double v = 0;
  if (!parse_double(s, v)) throw ConfigError(field, "expected a number, got " + quoted(s));
  return v;
}

std::string fmt_bool(bool b) { return b ? "1" : "0"; }
bool parse_bool(const std::string& s, const std::string& field) {
  if (s == "1" || s == "true") return true;
  if (s == "0" || s == "false") return false;
  throw ConfigError(field, "expected 1 or 0, got " + quoted(s));
}

template <typename E>
std::string fmt_enum(E e) {
  return name(e);
}

std::string fmt_features(const std::vector<Feature>& fs) {
  std::string out;
  for (std::size_t i = 0; i < fs.size(); ++i) out += (i ? "," : "") + std::string(name(fs[i]));
  return out;
}
std::vector<Feature> parse_features(const std::string& s, const std::string& field) {
  std::vector<Feature> out;
  for (const std::string& part : split_list(s)) out.push_back(parse_feature(excerpt(part), field));
  return out;
}

std::string fmt_ints(const std::vector<int>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + std::to_string(v[i]);
  return out;
}
std::vector<int> parse_ints(const std::string& s, const std::string& field) {
  std::vector<int> out;
  for (const std::string& part : split_list(s)) out.push_back(parse_int(part, field));
  return out;
}

std::string fmt_activations(const std::vector<Activation>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + std::string(name(v[i]));
  return out;
}
std::vector<Activation> parse_activations(const std::string& s, const std::string& field) {
  std::vector<Activation> out;
  for (const std::string& part : split_list(s))
    out.push_back(parse_activation(excerpt(part), field));
  return out;
}

struct UrlField {
  const char* key;   // short URL key
  const char* path;  // JSON path, also accepted as a key and used in every message
  std::string (*format)(const Config&);
  void (*parse)(Config&, const std::string&);  // throws ConfigError(path, ...)
  void (*copy)(Config&, const Config&);        // dst.field = src.field
};

// One row per Config field; MEMBER is the expression after "c." and PATH its JSON path.
#define NN_URL_FIELD(KEY, PATH, MEMBER, FORMAT, PARSE)                      \
  UrlField {                                                                \
    KEY, PATH, [](const Config& c) { return FORMAT(c.MEMBER); },            \
        [](Config& c, const std::string& s) { c.MEMBER = PARSE(s, PATH); }, \
        [](Config& c, const Config& d) { c.MEMBER = d.MEMBER; }             \
  }

const std::vector<UrlField>& url_fields() {
  static const std::vector<UrlField> fields = {
      NN_URL_FIELD("v", "version", version, fmt_int, parse_int),
      NN_URL_FIELD("seed", "seed", seed, fmt_u64, parse_u64),
      NN_URL_FIELD("ds", "data.dataset", data.dataset, fmt_enum,
                   (parse_name<DatasetKind, parse_dataset>)),
      NN_URL_FIELD("cls", "data.classes", data.classes, fmt_int, parse_int),
      NN_URL_FIELD("n", "data.points", data.points, fmt_int, parse_int),
      NN_URL_FIELD("noise", "data.noise", data.noise, format_double, parse_dbl),
      NN_URL_FIELD("tf", "data.train_fraction", data.train_fraction, format_double, parse_dbl),
      NN_URL_FIELD("f", "features", features, fmt_features, parse_features),
      NN_URL_FIELD("pp", "preprocess", preprocess, fmt_enum,
                   (parse_name<Preprocess, parse_preprocess>)),
      NN_URL_FIELD("h", "network.hidden", network.hidden, fmt_ints, parse_ints),
      NN_URL_FIELD("act", "network.activation", network.activation, fmt_activations,
                   parse_activations),
      NN_URL_FIELD("oact", "network.output_activation", network.output_activation, fmt_enum,
                   (parse_name<Activation, parse_activation>)),
      NN_URL_FIELD("init", "network.init", network.init, fmt_enum, (parse_name<Init, parse_init>)),
      NN_URL_FIELD("isig", "network.init_sigma", network.init_sigma, format_double, parse_dbl),
      NN_URL_FIELD("leak", "network.leaky_slope", network.leaky_slope, format_double, parse_dbl),
      NN_URL_FIELD("loss", "loss", loss, fmt_enum, (parse_name<Loss, parse_loss>)),
      NN_URL_FIELD("margin", "margin", margin, format_double, parse_dbl),
      NN_URL_FIELD("reg", "regularization.kind", regularization.kind, fmt_enum,
                   (parse_name<Regularization, parse_regularization>)),
      NN_URL_FIELD("rr", "regularization.rate", regularization.rate, format_double, parse_dbl),
      NN_URL_FIELD("keep", "dropout.keep", dropout_keep, format_double, parse_dbl),
      NN_URL_FIELD("opt", "optimizer.kind", optimizer.kind, fmt_enum,
                   (parse_name<OptimizerKind, parse_optimizer>)),
      NN_URL_FIELD("lr", "optimizer.learning_rate", optimizer.learning_rate, format_double,
                   parse_dbl),
      NN_URL_FIELD("mom", "optimizer.momentum", optimizer.momentum, format_double, parse_dbl),
      NN_URL_FIELD("b1", "optimizer.beta1", optimizer.beta1, format_double, parse_dbl),
      NN_URL_FIELD("b2", "optimizer.beta2", optimizer.beta2, format_double, parse_dbl),
      NN_URL_FIELD("decay", "optimizer.decay", optimizer.decay, format_double, parse_dbl),
      NN_URL_FIELD("eps", "optimizer.epsilon", optimizer.epsilon, format_double, parse_dbl),
      NN_URL_FIELD("bc", "optimizer.bias_correction", optimizer.bias_correction, fmt_bool,
                   parse_bool),
      NN_URL_FIELD("pls", "optimizer.per_layer_scaling", optimizer.per_layer_scaling, fmt_bool,
                   parse_bool),
      NN_URL_FIELD("sch", "schedule.kind", schedule.kind, fmt_enum,
                   (parse_name<ScheduleKind, parse_schedule>)),
      NN_URL_FIELD("every", "schedule.every", schedule.every, fmt_int, parse_int),
      NN_URL_FIELD("factor", "schedule.factor", schedule.factor, format_double, parse_dbl),
      NN_URL_FIELD("sk", "schedule.k", schedule.k, format_double, parse_dbl),
      NN_URL_FIELD("tau", "schedule.tau", schedule.tau, format_double, parse_dbl),
      NN_URL_FIELD("bs", "batch_size", batch_size, fmt_int, parse_int),
  };
  return fields;
}

#undef NN_URL_FIELD

const UrlField* find_field(const std::string& key_or_path) {
  for (const UrlField& f : url_fields())
    if (key_or_path == f.key || key_or_path == f.path) return &f;
  return nullptr;
}

std::string allowed_keys() {
  std::string out;
  for (const UrlField& f : url_fields()) out += (out.empty() ? "" : ", ") + std::string(f.key);
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The ConfigError message without the "field: " prefix that ConfigError::what() adds.
std::string bare_message(const ConfigError& e) {
  const std::string what = e.what();
  const std::string head = e.field + ": ";
  return !e.field.empty() && what.compare(0, head.size(), head) == 0 ? what.substr(head.size())
                                                                     : what;
}

std::string url_label(const UrlField& f) {
  return std::string(f.path) + " (URL \"" + f.key + "\")";
}

// The loss a dataset trains with when the link's loss does not fit it.
Loss natural_loss(const DataConfig& d) {
  if (is_regression(d.dataset)) return Loss::Mse;
  if (d.dataset == DatasetKind::NerWindow) return Loss::MaxMargin;
  return d.classes > 2 ? Loss::Softmax : Loss::Logistic;
}

}  // namespace

// A browser may escape ',' as %2C in a hash.
std::string percent_decode(const std::string& s, bool plus_is_space) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += plus_is_space && s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

std::string to_url(const Config& cfg) {
  static const Config defaults;
  std::string out = "v=" + std::to_string(kUrlVersion);
  for (const UrlField& f : url_fields()) {
    if (std::string(f.key) == "v") continue;
    const std::string value = f.format(cfg);
    if (value != f.format(defaults)) out += "&" + std::string(f.key) + "=" + value;
  }
  return out;
}

Config config_from_url(const std::string& hash, std::vector<std::string>* warnings) {
  static const Config defaults;
  std::string s = hash;
  if (!s.empty() && (s[0] == '#' || s[0] == '?')) s.erase(0, 1);

  // Split into (key, value) pairs; empty segments ("a=1&&b=2") are ignored.
  struct Pair {
    std::string key, value;
    bool has_value;  // "lr" alone (no '=') is a field without a value
  };
  std::vector<Pair> pairs;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t amp = s.find('&', start);
    if (amp == std::string::npos) amp = s.size();
    const std::string part = s.substr(start, amp - start);
    if (!part.empty()) {
      const std::size_t eq = part.find('=');
      if (eq == std::string::npos)
        pairs.push_back({percent_decode(part), "", false});
      else
        pairs.push_back(
            {percent_decode(part.substr(0, eq)), percent_decode(part.substr(eq + 1)), true});
    }
    start = amp + 1;
  }

  Config cfg;
  // A bad field: default + warning, or an error naming the field and its URL key.
  auto fail = [&](const UrlField& f, const std::string& message) {
    if (!warnings) throw ConfigError(f.path, message + " (URL field \"" + f.key + "\")");
    f.copy(cfg, defaults);
    warnings->push_back(url_label(f) + ": " + message + "; using the default " +
                        quoted(f.format(defaults)));
  };

  // A field given twice ("lr=0.1&lr=0.2", or by key and by path) is ambiguous: strict decoding
  // refuses it; lenient decoding warns and the last value wins, as when someone appends to a link.
  std::set<const UrlField*> seen;
  auto check_repeat = [&](const UrlField& f) {
    if (seen.insert(&f).second) return;
    const std::string message = "given more than once";
    if (!warnings) throw ConfigError(f.path, message + " (URL field \"" + f.key + "\")");
    warnings->push_back(url_label(f) + ": " + message + "; using the last value");
  };

  // The version comes first: it decides how the other keys are read. Version 1 is the first
  // format, so there is nothing to migrate yet; a later version would translate older links here.
  const UrlField& version_field = *find_field("v");
  for (const auto& kv : pairs) {
    if (kv.key != "v" && kv.key != "version") continue;
    check_repeat(version_field);
    if (!kv.has_value) {
      fail(version_field, "missing value");
      continue;
    }
    try {
      version_field.parse(cfg, kv.value);
      if (cfg.version != kUrlVersion)
        throw ConfigError(
            "version", "unsupported version " + quoted(kv.value) + " (this build reads version 1)");
    } catch (const ConfigError& e) {
      fail(version_field, bare_message(e));
    }
  }

  for (const auto& kv : pairs) {
    const UrlField* f = find_field(kv.key);
    if (f == &version_field) continue;
    if (!f) {
      const std::string message =
          "unknown URL field " + quoted(kv.key) + " (allowed: " + allowed_keys() + ")";
      if (!warnings) throw ConfigError(kv.key.empty() ? "url" : excerpt(kv.key), message);
      warnings->push_back(message + "; ignored");
      continue;
    }
    check_repeat(*f);
    if (!kv.has_value) {
      fail(*f, "missing value (write " + std::string(f->key) + "=...)");
      continue;
    }
    try {
      f->parse(cfg, kv.value);
    } catch (const ConfigError& e) {
      fail(*f, bare_message(e));
    }
  }

  // Cross-field and range checks. Strict mode reports the first problem; lenient mode resets the
  // named field and tries again, so a link always opens something close to what it meant.
  for (std::size_t round = 0; round <= url_fields().size() + 1; ++round) {
    try {
      cfg.validate();
      return cfg;
    } catch (const ConfigError& e) {
      const UrlField* f = find_field(e.field);
      if (!warnings) {
        if (!f) throw;
        throw ConfigError(e.field, bare_message(e) + " (URL field \"" + f->key + "\")");
      }
      const Config before = cfg;
      if (e.field == "loss")
        cfg.loss = natural_loss(cfg.data);
      else if (f)
        f->copy(cfg, defaults);
      if (!f || cfg == before) break;
      warnings->push_back(url_label(*f) + ": " + bare_message(e) + "; using " +
                          quoted(f->format(cfg)));
    }
  }
  warnings->push_back("the link's settings do not form a valid configuration; using the defaults");
  return defaults;
}

}  // namespace nn
