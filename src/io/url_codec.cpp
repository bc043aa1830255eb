// URL-hash codec of the Config: its fields are the rows of the config schema (NN_CONFIG_FIELDS in
// core/config.hpp: short key, JSON path, type), so encoding, decoding, "differs from default" and
// "reset to default" cannot drift apart and a new field needs no edit here.
// Doubles are written in their shortest exactly-round-tripping form without std::to_chars, whose
// floating-point overloads emscripten 3.1.6's libc++ (13) does not implement.
#include "io/url_codec.hpp"

#include <algorithm>
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <locale>
#include <set>
#include <sstream>
#include <type_traits>

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

// The URL value of each type of schema field.
std::string url_format(int v) { return fmt_int(v); }
std::string url_format(std::uint64_t v) { return fmt_u64(v); }
std::string url_format(double v) { return format_double(v); }
std::string url_format(bool v) { return fmt_bool(v); }
template <typename E, typename = std::enable_if_t<std::is_enum<E>::value>>
std::string url_format(E e) {
  return name(e);
}
template <typename E>
std::string url_format(const std::vector<E>& v) {  // features, activations: "x1,x2"
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + std::string(name(v[i]));
  return out;
}
std::string url_format(const std::vector<int>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + std::to_string(v[i]);
  return out;
}

void url_parse(const std::string& s, const std::string& field, int& out) {
  out = parse_int(s, field);
}
void url_parse(const std::string& s, const std::string& field, std::uint64_t& out) {
  out = parse_u64(s, field);
}
void url_parse(const std::string& s, const std::string& field, double& out) {
  out = parse_dbl(s, field);
}
void url_parse(const std::string& s, const std::string& field, bool& out) {
  out = parse_bool(s, field);
}
// Enum names are short printable ASCII, so only an excerpt of anything else needs to reach the
// parser (whose message quotes the name it was given).
template <typename E, typename = std::enable_if_t<std::is_enum<E>::value>>
void url_parse(const std::string& s, const std::string& field, E& out) {
  parse_name(excerpt(s), field, out);
}
template <typename E>
void url_parse(const std::string& s, const std::string& field, std::vector<E>& out) {
  out.clear();
  for (const std::string& part : split_list(s)) {
    out.emplace_back();
    url_parse(part, field, out.back());
  }
}

// One URL field = one row of the config schema (core/config.hpp): its key, its JSON path, and
// the format, parse and copy of its member, found by visiting the schema.
using UrlField = FieldInfo;

bool same_field(const FieldInfo& a, const FieldInfo& b) { return std::strcmp(a.path, b.path) == 0; }

std::string format_field(const Config& cfg, const UrlField& f) {
  std::string out;
  for_each_field(cfg, [&](const auto& value, const FieldInfo& info) {
    if (same_field(info, f)) out = url_format(value);
  });
  return out;
}
void parse_field(Config& cfg, const UrlField& f, const std::string& s) {  // throws ConfigError
  for_each_field(cfg, [&](auto& value, const FieldInfo& info) {
    if (same_field(info, f)) url_parse(s, info.path, value);
  });
}
void copy_field(Config& dst, const Config& src, const UrlField& f) {
  for_each_field(dst, src, [&](auto& to, const auto& from, const FieldInfo& info) {
    if (same_field(info, f)) to = from;
  });
}

const std::vector<UrlField>& url_fields() { return config_fields(); }

const UrlField* find_field(const std::string& key_or_path) {
  return find_config_field(key_or_path);
}

std::string allowed_keys() {
  std::string out;
  for (const UrlField& f : url_fields()) out += (out.empty() ? "" : ", ") + std::string(f.url);
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
  return std::string(f.path) + " (URL \"" + f.url + "\")";
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
    if (std::string(f.url) == "v") continue;
    const std::string value = format_field(cfg, f);
    if (value != format_field(defaults, f)) out += "&" + std::string(f.url) + "=" + value;
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
    if (!warnings) throw ConfigError(f.path, message + " (URL field \"" + f.url + "\")");
    copy_field(cfg, defaults, f);
    warnings->push_back(url_label(f) + ": " + message + "; using the default " +
                        quoted(format_field(defaults, f)));
  };

  // A field given twice ("lr=0.1&lr=0.2", or by key and by path) is ambiguous: strict decoding
  // refuses it; lenient decoding warns and the last value wins, as when someone appends to a link.
  std::set<const UrlField*> seen;
  auto check_repeat = [&](const UrlField& f) {
    if (seen.insert(&f).second) return;
    const std::string message = "given more than once";
    if (!warnings) throw ConfigError(f.path, message + " (URL field \"" + f.url + "\")");
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
      parse_field(cfg, version_field, kv.value);
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
      fail(*f, "missing value (write " + std::string(f->url) + "=...)");
      continue;
    }
    try {
      parse_field(cfg, *f, kv.value);
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
        throw ConfigError(e.field, bare_message(e) + " (URL field \"" + f->url + "\")");
      }
      const Config before = cfg;
      if (e.field == "loss")
        cfg.loss = natural_loss(cfg.data);
      else if (f)
        copy_field(cfg, defaults, *f);
      if (!f || cfg == before) break;
      warnings->push_back(url_label(*f) + ": " + bare_message(e) + "; using " +
                          quoted(format_field(cfg, *f)));
    }
  }
  warnings->push_back("the link's settings do not form a valid configuration; using the defaults");
  return defaults;
}

}  // namespace nn
