// Links beside the Config: user points, replayed steps, hidden controls and TensorFlow
// Playground's hash (see link_codec.hpp). Everything here is plain text and integer work, so
// native and wasm read and write the same links.
// [SECTION] user points   [SECTION] hash keys   [SECTION] hide list   [SECTION] TF Playground
#include "io/link_codec.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "core/text.hpp"
#include "io/input_limits.hpp"
#include "io/url_codec.hpp"

namespace nn {

namespace {

std::string quoted(const std::string& s) { return "\"" + excerpt(s) + "\""; }

// (key, value, has '=') of a hash, escapes decoded; empty segments skipped.
struct Pair {
  std::string key, value;
  bool has_value;
};
std::vector<Pair> hash_pairs(const std::string& hash) {
  std::string s = hash;
  if (!s.empty() && (s[0] == '#' || s[0] == '?')) s.erase(0, 1);
  std::vector<Pair> out;
  if (s.empty()) return out;
  for (const std::string& part : split(s, '&')) {
    if (part.empty()) continue;
    const std::size_t eq = part.find('=');
    if (eq == std::string::npos)
      out.push_back({percent_decode(part), "", false});
    else
      out.push_back(
          {percent_decode(part.substr(0, eq)), percent_decode(part.substr(eq + 1)), true});
  }
  return out;
}

constexpr const char* kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(const std::vector<std::uint8_t>& bytes) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    for (int k = 3; k >= 0; --k) out += kBase64Url[(v >> (6 * k)) & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const unsigned v = bytes[i] << 16;
    out += kBase64Url[(v >> 18) & 63];
    out += kBase64Url[(v >> 12) & 63];
  } else if (rest == 2) {
    const unsigned v = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += kBase64Url[(v >> 18) & 63];
    out += kBase64Url[(v >> 12) & 63];
    out += kBase64Url[(v >> 6) & 63];
  }
  return out;
}

int base64url_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

std::vector<std::uint8_t> from_base64url(const std::string& s) {
  if (s.size() % 4 == 1)
    throw ConfigError("ud", "not base64url: " + std::to_string(s.size()) +
                                " characters cannot be whole bytes (a cut link?)");
  std::vector<std::uint8_t> out;
  out.reserve(s.size() * 3 / 4);
  unsigned acc = 0;
  int bits = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const int v = base64url_value(s[i]);
    if (v < 0)
      throw ConfigError("ud", "not base64url: character " + std::to_string(i + 1) + " is " +
                                  quoted(s.substr(i, 1)) + " (allowed: A-Z a-z 0-9 - _)");
    acc = (acc << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

int to_grid(double v, const char* what) {
  if (!std::isfinite(v) || std::fabs(v) > kLinkMaxAbs + 0.005)
    throw ConfigError("ud", std::string(what) + " " + format_double(v) +
                                " is beyond what a link stores (|value| <= 327.67); export the "
                                "data as CSV instead");
  return static_cast<int>(std::lround(v * kLinkGridPerUnit));
}

void put16(std::vector<std::uint8_t>& b, int v) {
  const auto u = static_cast<std::uint16_t>(static_cast<std::int16_t>(v));
  b.push_back(static_cast<std::uint8_t>(u & 0xFF));
  b.push_back(static_cast<std::uint8_t>(u >> 8));
}
int get16(const std::vector<std::uint8_t>& b, std::size_t at) {
  const auto u = static_cast<std::uint16_t>(b[at] | (b[at + 1] << 8));
  return static_cast<std::int16_t>(u);
}
double from_grid(int q) { return q / kLinkGridPerUnit; }

}  // namespace

// [SECTION] user points

double snap_to_link_grid(double v) { return std::round(v * kLinkGridPerUnit) / kLinkGridPerUnit; }
bool on_link_grid(double v) { return snap_to_link_grid(v) == v; }

std::string encode_link_points(const std::vector<LinkPoint>& points, int classes) {
  if (classes != 0 && (classes < 2 || classes > 5))
    throw ConfigError("ud",
                      "classes must be 0 (regression) or 2..5, got " + std::to_string(classes));
  if (points.size() > static_cast<std::size_t>(kLinkMaxPoints))
    throw ConfigError("ud", std::to_string(points.size()) + " points are more than a link holds (" +
                                std::to_string(kLinkMaxPoints) +
                                "); export the data as CSV (File > Export data CSV) to share them");
  std::vector<std::uint8_t> b{1, static_cast<std::uint8_t>(classes)};
  for (const LinkPoint& p : points) {
    put16(b, to_grid(p.x1, "x1"));
    put16(b, to_grid(p.x2, "x2"));
    const std::uint8_t split = p.split == 1 ? 1 : 0;
    if (classes == 0) {
      put16(b, to_grid(p.label, "the target"));
      b.push_back(split);
    } else {
      const double k = p.label;
      if (!(k >= 0 && k < classes) || k != std::floor(k))
        throw ConfigError("ud", "label " + format_double(k) + " is not a class in 0.." +
                                    std::to_string(classes - 1));
      b.push_back(static_cast<std::uint8_t>(static_cast<int>(k) | split << 7));
    }
  }
  return base64url(b);
}

std::vector<LinkPoint> decode_link_points(const std::string& text, int& classes) {
  // A link of 200 points is about 1.3 KB of text; anything past 4 KB is not one of ours.
  if (text.size() > 4096)
    throw ConfigError("ud", size_limit_message(text.size(), 4096) + " (at most " +
                                std::to_string(kLinkMaxPoints) + " points)");
  const std::vector<std::uint8_t> b = from_base64url(text);
  if (b.size() < 2) throw ConfigError("ud", "too short to hold the format and the class count");
  if (b[0] != 1)
    throw ConfigError("ud", "unknown format " + std::to_string(b[0]) + " (this build reads 1)");
  const int K = b[1];
  if (K != 0 && (K < 2 || K > 5))
    throw ConfigError("ud", "classes must be 0 (regression) or 2..5, got " + std::to_string(K));
  const std::size_t per = K == 0 ? 7 : 5;
  if ((b.size() - 2) % per != 0)
    throw ConfigError("ud", std::to_string(b.size() - 2) + " bytes of points are not whole " +
                                std::to_string(per) + "-byte points (a cut link?)");
  const std::size_t n = (b.size() - 2) / per;
  if (n > static_cast<std::size_t>(kLinkMaxPoints))
    throw ConfigError("ud", std::to_string(n) + " points; a link holds at most " +
                                std::to_string(kLinkMaxPoints));
  if (n < 2) throw ConfigError("ud", "fewer than 2 points (the playground needs 2 to train)");
  std::vector<LinkPoint> out(n);
  int train = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t at = 2 + i * per;
    LinkPoint& p = out[i];
    p.x1 = from_grid(get16(b, at));
    p.x2 = from_grid(get16(b, at + 2));
    if (K == 0) {
      p.label = from_grid(get16(b, at + 4));
      if (b[at + 6] > 1)
        throw ConfigError("ud", "point " + std::to_string(i + 1) + ": split " +
                                    std::to_string(b[at + 6]) + " is not 0 (train) or 1 (test)");
      p.split = b[at + 6];
    } else {
      const int label = b[at + 4] & 0x7F;
      if (label >= K)
        throw ConfigError("ud", "point " + std::to_string(i + 1) + ": label " +
                                    std::to_string(label) + " is not a class in 0.." +
                                    std::to_string(K - 1));
      p.label = label;
      p.split = b[at + 4] >> 7;
    }
    train += p.split == 0;
  }
  if (train == 0) throw ConfigError("ud", "every point is in the test split; one must train");
  classes = K;
  return out;
}

// [SECTION] hash keys

LinkHash split_link_hash(const std::string& hash) {
  LinkHash out;
  std::string s = hash;
  if (!s.empty() && (s[0] == '#' || s[0] == '?')) s.erase(0, 1);
  for (const std::string& part : split(s, '&')) {
    const std::size_t eq = part.find('=');
    const std::string key = percent_decode(part.substr(0, eq));
    const std::string value = eq == std::string::npos ? "" : percent_decode(part.substr(eq + 1));
    if (key == "ud") {
      out.has_points = true;
      out.points = value;
    } else if (key == "step") {
      out.has_step = true;
      out.step = value;
    } else if (!part.empty()) {
      out.config += (out.config.empty() ? "" : "&") + part;
    }
  }
  return out;
}

long long parse_link_step(const std::string& text) {
  if (text.empty() || text.size() > 16 || text.find_first_not_of("0123456789") != std::string::npos)
    throw ConfigError("step", "expected a step count (0, 1, 2, ...), got " + quoted(text));
  const long long v = std::stoll(text);
  if (v > kMaxStepCount)
    throw ConfigError("step", "expected at most 2^53 - 1 steps, got " + quoted(text));
  return v;
}

long long replay_steps_allowed(const Config& cfg, long long steps, int train_points) {
  const NetworkSpec spec = cfg.network_spec();
  double weights = 0;
  int in = spec.inputs;
  for (int h : spec.hidden) {
    weights += static_cast<double>(in + 1) * h;
    in = h;
  }
  weights += static_cast<double>(in + 1) * spec.outputs;
  const double batch = std::max(1, std::min(cfg.batch_size, std::max(1, train_points)));
  const double per_step = batch * weights;
  const auto by_work = static_cast<long long>(kMaxReplayWork / std::max(1.0, per_step));
  return std::max(0LL, std::min({steps, kMaxReplaySteps, by_work}));
}

// [SECTION] hide list

const std::vector<HideName>& hideable_controls() {
  static const std::vector<HideName> names = {
      {"play", "Play/Pause"},
      {"step", "Step"},
      {"reset", "Reset"},
      {"file", "the File menu (import, export)"},
      {"lessons", "the Lessons and Views menus"},
      {"share", "the Share button"},
      {"speed", "the training speed"},
      {"lr", "the learning rate"},
      {"schedule", "the learning-rate schedule and its parameters"},
      {"optimizer", "the optimizer and its parameters"},
      {"batch", "the batch size"},
      {"loss", "the loss and its margin"},
      {"activation", "the hidden activation and the leaky slope"},
      {"output", "the output activation"},
      {"init", "the initialization and its sigma"},
      {"regularization", "the regularization and its rate"},
      {"dropout", "the dropout keep probability"},
      {"scaling", "the per-layer learning-rate scaling"},
      {"dataset", "the dataset choice"},
      {"classes", "the number of classes"},
      {"points", "the number of points"},
      {"noise", "the noise"},
      {"split", "the train/test split"},
      {"seed", "the seed"},
      {"features", "the input features"},
      {"preprocess", "the preprocessing"},
      {"draw", "drawing your own data (its panel section and clicks on the map)"},
  };
  return names;
}

std::string hideable_names() {
  std::string out;
  for (const HideName& h : hideable_controls())
    out += (out.empty() ? "" : ", ") + std::string(h.name);
  return out;
}

std::vector<std::string> parse_hide_list(const std::string& list,
                                         std::vector<std::string>* warnings) {
  std::vector<std::string> out, bad;
  if (list.size() > kMaxNameBytes * 4) {
    if (warnings)
      warnings->push_back("hide: " + size_limit_message(list.size(), kMaxNameBytes * 4));
    return out;
  }
  for (const std::string& raw : split(list, ',')) {
    const std::string name = trim(raw);
    if (name.empty()) continue;
    const auto& all = hideable_controls();
    const bool known =
        std::any_of(all.begin(), all.end(), [&](const HideName& h) { return name == h.name; });
    if (!known) {
      if (std::find(bad.begin(), bad.end(), name) == bad.end()) {
        bad.push_back(name);
        if (warnings)
          warnings->push_back("hide: unknown control " + quoted(name) +
                              " (allowed: " + hideable_names() + "); ignored");
      }
      continue;
    }
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

// [SECTION] TF Playground

namespace {

// state.ts's PROPS: every key its serialize() writes.
constexpr const char* kTfKeys[] = {"activation",
                                   "regularization",
                                   "batchSize",
                                   "dataset",
                                   "regDataset",
                                   "learningRate",
                                   "regularizationRate",
                                   "noise",
                                   "networkShape",
                                   "seed",
                                   "showTestData",
                                   "discretize",
                                   "percTrainData",
                                   "x",
                                   "y",
                                   "xTimesY",
                                   "xSquared",
                                   "ySquared",
                                   "cosX",
                                   "sinX",
                                   "cosY",
                                   "sinY",
                                   "collectStats",
                                   "tutorial",
                                   "problem",
                                   "initZero",
                                   "hideText"};
// Keys that are TF Playground's alone (not also one of our URL keys, as noise and seed are).
bool tf_only_key(const std::string& k) {
  if (k.size() > 5 && k.compare(k.size() - 5, 5, "_hide") == 0) return true;
  if (k == "noise" || k == "seed") return false;
  for (const char* t : kTfKeys)
    if (k == t) return true;
  return false;
}

// TF Playground's controls (the ids of its *_hide keys) -> our hide names.
const std::map<std::string, std::vector<std::string>>& tf_hide_names() {
  static const std::map<std::string, std::vector<std::string>> m = {
      {"activation", {"activation"}},
      {"learningRate", {"lr"}},
      {"regularization", {"regularization"}},
      {"regularizationRate", {"regularization"}},
      {"batchSize", {"batch"}},
      {"noise", {"noise"}},
      {"percTrainData", {"split"}},
      {"dataset", {"dataset"}},
      {"regDataset", {"dataset"}},
      {"problem", {"dataset"}},
      {"seed", {"seed"}},
  };
  return m;
}

}  // namespace

bool is_tf_playground_hash(const std::string& hash) {
  bool tf = false;
  for (const Pair& p : hash_pairs(hash)) {
    if (p.key == "v" || p.key == "version") return false;
    tf = tf || tf_only_key(p.key);
  }
  return tf;
}

std::string TfPlaygroundLink::summary() const {
  std::string text =
      "Opened a TensorFlow Playground link, translated (squared error on a tanh output, as "
      "there)";
  if (unmatched.empty()) return text + ".";
  text += "; no equivalent here: ";
  constexpr std::size_t kNamed = 8;
  for (std::size_t i = 0; i < unmatched.size() && i < kNamed; ++i)
    text += (i ? ", " : "") + excerpt(unmatched[i], 40);
  if (unmatched.size() > kNamed)
    text += " and " + std::to_string(unmatched.size() - kNamed) + " more";
  return text + ".";
}

TfPlaygroundLink translate_tf_playground(const std::string& hash) {
  TfPlaygroundLink out;
  Config& c = out.config;
  const Config defaults;
  // TF Playground's own defaults (state.ts), then its keys over them.
  std::map<std::string, std::string> v = {{"activation", "tanh"},
                                          {"regularization", "none"},
                                          {"batchSize", "10"},
                                          {"dataset", "circle"},
                                          {"regDataset", "reg-plane"},
                                          {"learningRate", "0.03"},
                                          {"regularizationRate", "0"},
                                          {"noise", "0"},
                                          {"networkShape", "4,2"},
                                          {"percTrainData", "50"},
                                          {"x", "true"},
                                          {"y", "true"},
                                          {"problem", "classification"}};
  std::vector<std::string> given;
  for (const Pair& p : hash_pairs(hash)) {
    if (p.key.size() > 5 && p.key.compare(p.key.size() - 5, 5, "_hide") == 0) {
      if (p.value != "true") continue;
      const std::string control = p.key.substr(0, p.key.size() - 5);
      const auto it = tf_hide_names().find(control);
      if (it == tf_hide_names().end()) {
        out.unmatched.push_back(excerpt(p.key, 40));
        continue;
      }
      for (const std::string& h : it->second)
        if (std::find(out.hide.begin(), out.hide.end(), h) == out.hide.end()) out.hide.push_back(h);
      continue;
    }
    const bool known = std::any_of(std::begin(kTfKeys), std::end(kTfKeys),
                                   [&](const char* k) { return p.key == k; });
    if (!known) {
      out.unmatched.push_back(excerpt(p.key, 40));
      continue;
    }
    v[p.key] = p.value;
  }
  const auto bad = [&](const std::string& key) {
    out.unmatched.push_back(key + "=" + excerpt(v[key], 20) + " (bad value)");
  };
  const auto flag = [&](const std::string& key) {
    const auto it = v.find(key);
    // state.ts: any value but "false" is true (an empty value keeps the default).
    return it != v.end() && !it->second.empty() && it->second != "false";
  };
  const auto number = [&](const std::string& key, double& x) {
    if (parse_double(v[key], x)) return true;
    bad(key);
    return false;
  };

  // The model TF Playground trains: squared error on a tanh output (labels -1/+1).
  c.loss = Loss::Mse;
  c.network.output_activation = Activation::Tanh;

  const bool regression = v["problem"] == "regression";
  if (v["problem"] != "regression" && v["problem"] != "classification") bad("problem");
  if (regression) {
    c.data.points = 1200;  // NUM_SAMPLES_REGRESS
    const std::string& d = v["regDataset"];
    if (d == "reg-plane")
      c.data.dataset = DatasetKind::Plane;
    else if (d == "reg-gauss")
      c.data.dataset = DatasetKind::MultiGauss;
    else {
      c.data.dataset = DatasetKind::Plane;
      out.unmatched.push_back("regDataset=" + excerpt(d, 20));
    }
  } else {
    c.data.points = 500;  // NUM_SAMPLES_CLASSIFY
    const std::string& d = v["dataset"];
    if (d == "circle")
      c.data.dataset = DatasetKind::Circle;
    else if (d == "xor")
      c.data.dataset = DatasetKind::Xor;
    else if (d == "gauss")
      c.data.dataset = DatasetKind::Gauss;
    else if (d == "spiral")
      c.data.dataset = DatasetKind::Spiral;
    else
      bad("dataset");
  }
  c.data.classes = 2;

  const std::string& act = v["activation"];
  if (act == "relu" || act == "tanh" || act == "sigmoid" || act == "linear")
    c.network.activation = {parse_activation(act, "network.activation")};
  else
    bad("activation");
  const std::string& reg = v["regularization"];
  if (reg == "none")
    c.regularization.kind = Regularization::None;
  else if (reg == "L1")
    c.regularization.kind = Regularization::L1;
  else if (reg == "L2")
    c.regularization.kind = Regularization::L2;
  else
    bad("regularization");
  double x = 0;
  if (number("regularizationRate", x)) c.regularization.rate = x;
  if (number("learningRate", x)) c.optimizer.learning_rate = x;
  if (number("batchSize", x)) {
    if (x == std::floor(x) && x >= 1 && x <= 1000)
      c.batch_size = static_cast<int>(x);
    else
      bad("batchSize");
  }
  if (number("noise", x)) {
    // TF's circle and xor jitter is uniform in +-noise% * 5 (std noise% * 5 / sqrt 3); ours is
    // a normal of that std, in data units (docs/datasets.md).
    if (x >= 0 && x <= 100)
      c.data.noise = std::min(2.0, std::round(x * 5.0 / std::sqrt(3.0)) / 100.0);
    else
      bad("noise");
  }
  if (number("percTrainData", x)) {
    if (x >= 10 && x <= 90)
      c.data.train_fraction = std::round(x) / 100.0;
    else
      bad("percTrainData");
  }
  {
    std::vector<int> shape;
    bool ok = true;
    for (const std::string& part :
         v["networkShape"].empty() ? std::vector<std::string>{} : split(v["networkShape"], ',')) {
      double units = 0;
      if (!parse_double(part, units) || units != std::floor(units) || units < 1 || units > 64) {
        ok = false;
        break;
      }
      shape.push_back(static_cast<int>(units));
    }
    if (ok && shape.size() <= 8)
      c.network.hidden = shape;
    else
      bad("networkShape");
  }
  if (v.count("seed") && !v["seed"].empty()) {
    // TF's seed is a string such as "0.80857"; its digits are our integer seed.
    std::string digits;
    for (char ch : v["seed"])
      if (ch >= '0' && ch <= '9' && digits.size() < 15) digits += ch;
    if (digits.empty())
      bad("seed");
    else
      c.seed = std::stoull(digits);
  }
  std::vector<Feature> features;
  const std::pair<const char*, Feature> feature_keys[] = {
      {"x", Feature::X1},          {"y", Feature::X2},         {"xSquared", Feature::X1Sq},
      {"ySquared", Feature::X2Sq}, {"xTimesY", Feature::X1X2}, {"sinX", Feature::SinX1},
      {"sinY", Feature::SinX2}};
  for (const auto& [key, f] : feature_keys)
    if (flag(key)) features.push_back(f);
  for (const char* key : {"cosX", "cosY"})
    if (flag(key)) out.unmatched.push_back(key);
  if (!features.empty())
    c.features = features;
  else
    out.unmatched.push_back("no input feature (kept x1, x2)");
  out.show_test = flag("showTestData");
  out.discretize = flag("discretize");
  // Settings of TF Playground's page that this playground does not have.
  for (const char* key : {"collectStats", "initZero"})
    if (flag(key)) out.unmatched.push_back(key);
  if (v.count("tutorial") && !v["tutorial"].empty()) out.unmatched.push_back("tutorial");

  // Whatever the validator still refuses (e.g. a learning rate of 0) takes our default.
  for (int round = 0; round < 40; ++round) {
    try {
      c.validate();
      break;
    } catch (const ConfigError& e) {
      const Config before = c;
      Config fixed = c;
      const std::string f = e.field;
      if (f.rfind("optimizer.learning_rate", 0) == 0)
        fixed.optimizer = defaults.optimizer;
      else if (f.rfind("regularization", 0) == 0)
        fixed.regularization = defaults.regularization;
      else if (f.rfind("network", 0) == 0)
        fixed.network.hidden = defaults.network.hidden;
      else if (f.rfind("data", 0) == 0)
        fixed.data = defaults.data;
      else if (f == "batch_size")
        fixed.batch_size = defaults.batch_size;
      else
        fixed = defaults;
      out.unmatched.push_back(excerpt(f, 40) + " (out of range here)");
      c = fixed;
      if (c == before) {
        c = defaults;
        break;
      }
    }
  }
  return out;
}

}  // namespace nn
