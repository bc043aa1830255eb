// The config schema (core/config.hpp, NN_CONFIG_FIELDS): one row per field drives the structs,
// operator==, the validator's ranges, Session's reset comparison, the JSON and URL codecs and the
// docs. These tests walk the rows, so a new field is covered without editing them.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "core/config.hpp"
#include "core/session.hpp"
#include "io/config_json.hpp"
#include "io/url_codec.hpp"

using namespace nn;

namespace {

// A different valid-looking value of each type (the validator may still refuse some).
void change(int& v) { v = v + 1; }
void change(std::uint64_t& v) { v = v + 1; }
void change(double& v) { v = v == 0 ? 0.5 : v * 0.5; }
void change(bool& v) { v = !v; }
template <typename E, typename = std::enable_if_t<std::is_enum<E>::value>>
void change(E& v) {
  v = static_cast<E>(static_cast<int>(v) == 0 ? 1 : 0);
}
template <typename T>
void change(std::vector<T>& v) {
  v.push_back(v.empty() ? T{} : v.back());
}

std::string read_file(const std::string& relative) {
  std::ifstream in(std::string(NNPLAY_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("schema: every field has a unique JSON path and URL key and a doc line",
          "[config][schema]") {
  std::set<std::string> paths, keys;
  for (const FieldInfo& f : config_fields()) {
    INFO(f.path);
    CHECK(paths.insert(f.path).second);
    CHECK(keys.insert(f.url).second);
    CHECK(std::string(f.doc).size() > 5);
    CHECK(find_config_field(f.path) == &f);
    CHECK(find_config_field(f.url) == &f);
  }
  CHECK(config_fields().size() >= 35);  // the 35 fields of version 1, maybe more
  CHECK(find_config_field("no.such.field") == nullptr);
}

TEST_CASE("schema: operator==, the JSON and URL codecs and the reset rule see every field",
          "[config][schema]") {
  const Config base;
  for (std::size_t k = 0; k < config_fields().size(); ++k) {
    const FieldInfo& target = config_fields()[k];
    INFO("field " << target.path);
    Config changed;
    std::size_t i = 0;
    for_each_field(changed, [&](auto& value, const FieldInfo&) {
      if (i++ == k) change(value);
    });
    CHECK(changed != base);  // equality cannot miss a field
    // Both codecs carry the change (no validation here: to_json/to_url encode any config).
    CHECK(to_json(changed) != to_json(base));
    if (std::string(target.path) != "version") CHECK(to_url(changed) != to_url(base));
    // The reset rule: Session::set_config rebuilds exactly for Reset fields.
    Config valid = base;
    bool accepted = true;
    try {
      changed.validate();
      valid = changed;
    } catch (const ConfigError&) {
      accepted = false;
    }
    if (!accepted) continue;
    Session s(base);
    s.step(3);
    const bool reset = s.set_config(valid);
    CHECK(reset == (target.applies == Applies::Reset));
  }
}

TEST_CASE("schema: the validator checks every range with the field's name and bounds",
          "[config][schema]") {
  for (const FieldInfo& f : config_fields()) {
    if (f.range.kind == FieldRange::None) continue;
    INFO(f.path);
    Config c;
    const double below = f.range.lo - 1;
    for_each_field(c, [&](auto& value, const FieldInfo& info) {
      if (std::string(info.path) != f.path) return;
      if constexpr (std::is_same<std::decay_t<decltype(value)>, int>::value)
        value = static_cast<int>(below);
      else if constexpr (std::is_same<std::decay_t<decltype(value)>, double>::value)
        value = below;
    });
    CHECK_THROWS_WITH(c.validate(), Catch::StartsWith(std::string(f.path) + ": ") &&
                                        Catch::Contains(f.range.text()));
  }
}

TEST_CASE("schema: docs/config.md lists every field with its URL key", "[config][schema][docs]") {
  const std::string doc = read_file("docs/config.md");
  REQUIRE(!doc.empty());
  for (const FieldInfo& f : config_fields()) {
    INFO(f.path);
    CHECK(doc.find("| `" + std::string(f.path) + "` |") != std::string::npos);  // the field table
    CHECK(doc.find("| `" + std::string(f.url) + "` | `" + f.path + "` |") != std::string::npos);
    if (f.range.kind != FieldRange::None) CHECK(doc.find(f.range.text()) != std::string::npos);
  }
}

TEST_CASE("schema: the version 1 defaults are frozen (old links and files keep their meaning)",
          "[config][schema]") {
  // URL and JSON omit or may omit default values, so an old link means "these values" for every
  // field it leaves out. Changing a default needs a version 2 that reads v=1 with these.
  const nlohmann::json v1 = nlohmann::json::parse(R"({
    "version": 1, "seed": 42,
    "data": {"dataset": "circle", "classes": 2, "points": 500, "noise": 0.0, "train_fraction": 0.5},
    "features": ["x1", "x2"], "preprocess": "none",
    "network": {"hidden": [4, 2], "activation": "tanh", "output_activation": "linear",
                "init": "xavier", "init_sigma": 0.01, "leaky_slope": 0.01},
    "loss": "logistic", "margin": 1.0,
    "regularization": {"kind": "none", "rate": 0.0}, "dropout": {"keep": 1.0},
    "optimizer": {"kind": "sgd", "learning_rate": 0.03, "momentum": 0.9, "beta1": 0.9,
                  "beta2": 0.999, "decay": 0.99, "epsilon": 1e-8, "bias_correction": true,
                  "per_layer_scaling": false},
    "schedule": {"kind": "constant", "every": 100, "factor": 0.5, "k": 0.001, "tau": 100},
    "batch_size": 10})");
  CHECK(to_json(Config{}) == v1);
  CHECK(config_from_url("v=1") == Config{});
  CHECK(to_url(Config{}) == "v=1");
}
