// Model files: config + steps + weights. Loading rebuilds the network from the config (so layer
// activations, spec and gradient buffers are right) and then overwrites W and b with the saved
// values, after checking each shape and value; errors name the JSON path of the bad entry.
#include "io/model_json.hpp"

#include <algorithm>
#include <cstdint>

#include "core/text.hpp"
#include "io/config_json.hpp"
#include "io/input_limits.hpp"

namespace nn {

using nlohmann::json;

namespace {

constexpr const char* kFormat = "nnplay-model";

std::string shape(Eigen::Index rows, Eigen::Index cols) {
  return std::to_string(rows) + "x" + std::to_string(cols);
}

std::string type_of(const json& v) { return v.type_name(); }

double read_number(const json& v, const std::string& field) {
  // A non-finite weight is written by nlohmann as null; it is never a valid model.
  if (!v.is_number()) throw ConfigError(field, "expected a finite number, got " + type_of(v));
  return v.get<double>();
}

void check_keys(const json& j, const std::string& path, const std::vector<std::string>& allowed) {
  for (const auto& item : j.items())
    if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
      std::string list;
      for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
      throw ConfigError(path + (item.key().empty() ? "\"\"" : excerpt(item.key())),
                        "unknown key \"" + excerpt(item.key()) + "\" (allowed: " + list + ")");
    }
}

}  // namespace

json model_to_json(const Config& cfg, const Network& net, long long steps) {
  json layers = json::array();
  for (const Layer& layer : net.layers) {
    json W = json::array();
    for (Eigen::Index r = 0; r < layer.W.rows(); ++r) {
      json row = json::array();
      for (Eigen::Index c = 0; c < layer.W.cols(); ++c) row.push_back(layer.W(r, c));
      W.push_back(std::move(row));
    }
    json b = json::array();
    for (Eigen::Index r = 0; r < layer.b.size(); ++r) b.push_back(layer.b(r));
    layers.push_back({{"activation", name(layer.f)}, {"W", std::move(W)}, {"b", std::move(b)}});
  }
  return {{"format", kFormat},
          {"version", 1},
          {"config", to_json(cfg)},
          {"steps", steps},
          {"layers", std::move(layers)}};
}

LoadedModel model_from_json(const json& j) {
  if (!j.is_object()) throw ConfigError("json", "expected a model object, got " + type_of(j));
  check_keys(j, "", {"format", "version", "config", "steps", "layers"});
  if (j.contains("format") && j["format"] != kFormat)
    throw ConfigError(
        "format", std::string("expected \"") + kFormat + "\", got " + describe_json(j["format"]));
  if (j.contains("version") && j["version"] != 1)
    throw ConfigError("version", "unsupported model version " + describe_json(j["version"]) +
                                     " (this build reads version 1)");
  if (!j.contains("config")) throw ConfigError("config", "missing (the config of the model)");
  if (!j.contains("layers")) throw ConfigError("layers", "missing (the weights of the model)");

  LoadedModel m;
  m.config = config_from_json(j["config"], "config.");
  if (j.contains("steps")) {
    const json& s = j["steps"];
    // At most 2^53 - 1 (exact in JavaScript; a run's steps added to it cannot wrap).
    const bool ok = s.is_number_unsigned()
                        ? s.get<std::uint64_t>() <= static_cast<std::uint64_t>(kMaxStepCount)
                        : s.is_number_integer() && s.get<long long>() >= 0 &&
                              s.get<long long>() <= kMaxStepCount;
    if (!ok)
      throw ConfigError("steps", "expected an integer in 0.." + std::to_string(kMaxStepCount) +
                                     " (2^53 - 1), got " + describe_json(s));
    m.steps = s.get<long long>();
  }

  // Build the network the config describes, then replace its weights.
  const NetworkSpec spec = m.config.network_spec();
  Rng rng(m.config.seed);
  m.network.init(spec, m.config.network.init, m.config.network.init_sigma, rng);

  const json& layers = j["layers"];
  const std::size_t L = m.network.layers.size();
  if (!layers.is_array())
    throw ConfigError("layers", "expected an array of layers, got " + type_of(layers));
  if (layers.size() != L)
    throw ConfigError("layers", "expected " + std::to_string(L) + " layers (" +
                                    std::to_string(L - 1) + " hidden + output), got " +
                                    std::to_string(layers.size()));
  for (std::size_t l = 0; l < L; ++l) {
    const std::string path = "layers[" + std::to_string(l) + "]";
    const json& lj = layers[l];
    Layer& layer = m.network.layers[l];
    if (!lj.is_object()) throw ConfigError(path, "expected an object, got " + type_of(lj));
    check_keys(lj, path + ".", {"activation", "W", "b"});
    if (lj.contains("activation")) {
      const json& a = lj["activation"];
      if (!a.is_string() || a.get<std::string>() != name(layer.f))
        throw ConfigError(path + ".activation", std::string("expected \"") + name(layer.f) +
                                                    "\" (from the config), got " +
                                                    describe_json(a));
    }
    if (!lj.contains("W")) throw ConfigError(path + ".W", "missing");
    if (!lj.contains("b")) throw ConfigError(path + ".b", "missing");

    const json& W = lj["W"];
    const std::string wpath = path + ".W";
    if (!W.is_array()) throw ConfigError(wpath, "expected an array of rows, got " + type_of(W));
    const std::size_t rows = W.size();
    std::size_t cols = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      const json& row = W[r];
      const std::string rpath = wpath + "[" + std::to_string(r) + "]";
      if (!row.is_array())
        throw ConfigError(rpath, "expected an array of numbers, got " + type_of(row));
      if (r == 0) cols = row.size();
      if (row.size() != cols)
        throw ConfigError(rpath, "ragged matrix: expected " + std::to_string(cols) +
                                     " values like row 0, got " + std::to_string(row.size()));
    }
    if (static_cast<Eigen::Index>(rows) != layer.W.rows() ||
        static_cast<Eigen::Index>(cols) != layer.W.cols())
      throw ConfigError(
          wpath, "expected " + shape(layer.W.rows(), layer.W.cols()) + ", got " +
                     shape(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols)));
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t c = 0; c < cols; ++c)
        layer.W(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) =
            read_number(W[r][c], wpath + "[" + std::to_string(r) + "][" + std::to_string(c) + "]");

    const json& b = lj["b"];
    const std::string bpath = path + ".b";
    if (!b.is_array()) throw ConfigError(bpath, "expected an array of numbers, got " + type_of(b));
    if (static_cast<Eigen::Index>(b.size()) != layer.b.size())
      throw ConfigError(bpath, "expected " + std::to_string(layer.b.size()) + " values, got " +
                                   std::to_string(b.size()));
    for (std::size_t r = 0; r < b.size(); ++r)
      layer.b(static_cast<Eigen::Index>(r)) =
          read_number(b[r], bpath + "[" + std::to_string(r) + "]");
  }
  return m;
}

LoadedModel parse_model_json(const std::string& text) {
  return model_from_json(parse_json_text(text));
}

}  // namespace nn
