// The config codecs and model files: JSON -> struct -> URL -> struct -> JSON is the identity,
// every bad input (JSON and URL) fails with a message naming the field, malformed JSON reports
// line and column, doubles and weights round-trip bit-exactly, and model shapes are checked.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "core/config.hpp"
#include "core/network.hpp"
#include "core/rng.hpp"
#include "core/text.hpp"
#include "io/config_json.hpp"
#include "io/model_json.hpp"
#include "io/url_codec.hpp"

using namespace nn;
using nlohmann::json;

namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

std::string read_text(const std::string& relative) {
  std::ifstream in(std::string(NNPLAY_SOURCE_DIR) + "/" + relative, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

// A few configs far from the defaults, covering every enum and the list edge cases.
std::vector<Config> sample_configs() {
  std::vector<Config> out;
  out.emplace_back();  // defaults

  Config spiral;
  spiral.seed = std::uint64_t{1} << 53;
  spiral.data.dataset = DatasetKind::Spiral;
  spiral.data.classes = 5;
  spiral.data.points = 4321;
  spiral.data.noise = 0.1 + 0.2;  // 0.30000000000000004: needs all 17 digits
  spiral.data.train_fraction = 1.0 / 3.0;
  spiral.features = {Feature::SinX2, Feature::X1, Feature::X1X2, Feature::X2Sq};
  spiral.preprocess = Preprocess::Standardize;
  spiral.network.hidden = {8, 8, 3};
  spiral.network.activation = {Activation::Relu, Activation::LeakyRelu, Activation::Softsign};
  spiral.network.init = Init::He;
  spiral.network.init_sigma = 1e-3;
  spiral.network.leaky_slope = 0.125;
  spiral.loss = Loss::Softmax;
  spiral.margin = 2.5;
  spiral.regularization = {Regularization::L1, 1e-7};
  spiral.dropout_keep = 0.8;
  spiral.optimizer.kind = OptimizerKind::Adam;
  spiral.optimizer.learning_rate = 0.001;
  spiral.optimizer.beta1 = 0.85;
  spiral.optimizer.beta2 = 0.9999;
  spiral.optimizer.epsilon = 1e-10;
  spiral.optimizer.bias_correction = false;
  spiral.optimizer.per_layer_scaling = true;
  spiral.schedule.kind = ScheduleKind::Exponential;
  spiral.schedule.k = 2.5e-4;
  spiral.batch_size = 1000;
  out.push_back(spiral);

  Config ner;
  ner.seed = 0;
  ner.data.dataset = DatasetKind::NerWindow;
  ner.features.clear();        // "f=" and "features": []
  ner.network.hidden.clear();  // "h=" and "hidden": []
  ner.network.activation.clear();
  ner.loss = Loss::MaxMargin;
  ner.margin = 1e-3;
  ner.optimizer.kind = OptimizerKind::AdaGrad;
  ner.optimizer.epsilon = 1.0;
  ner.schedule.kind = ScheduleKind::Inverse;
  ner.schedule.tau = 1e6;
  ner.batch_size = 1;
  out.push_back(ner);

  Config plane;
  plane.data.dataset = DatasetKind::Plane;
  plane.data.classes = 3;  // ignored by regression, still carried
  plane.data.points = 10;
  plane.data.noise = 2.0;
  plane.data.train_fraction = 0.9;
  plane.features = {Feature::X2};
  plane.preprocess = Preprocess::Whiten;
  plane.network.hidden = {64};
  plane.network.activation = {Activation::HardTanh};
  plane.network.output_activation = Activation::Tanh;
  plane.network.init = Init::Normal;
  plane.loss = Loss::Mse;
  plane.regularization = {Regularization::L2, 10.0};
  plane.dropout_keep = 0.5;
  plane.optimizer.kind = OptimizerKind::Nesterov;
  plane.optimizer.momentum = 0.0;
  plane.optimizer.learning_rate = 10.0;
  plane.schedule.kind = ScheduleKind::Step;
  plane.schedule.every = 1000000;
  plane.schedule.factor = 1.0;
  out.push_back(plane);

  Config moons;
  moons.data.dataset = DatasetKind::Moons;
  moons.loss = Loss::Hinge;
  moons.network.hidden = {3, 3, 3, 3, 3, 3, 3, 3};
  moons.network.activation = {Activation::Sigmoid};
  moons.optimizer.kind = OptimizerKind::RmsProp;
  moons.optimizer.decay = 0.0;
  moons.schedule.k = 1.0;
  moons.schedule.tau = 1.0;
  out.push_back(moons);
  return out;
}

struct BadInput {
  const char* text;   // JSON text or URL hash
  const char* field;  // what the message must name
};

std::string json_error(const std::string& text) {
  try {
    parse_config_json(text);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string url_error(const std::string& hash) {
  try {
    config_from_url(hash);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("JSON -> struct -> URL -> struct -> JSON is the identity", "[codec]") {
  for (const Config& cfg : sample_configs()) {
    REQUIRE_NOTHROW(cfg.validate());
    const json j0 = to_json(cfg);
    const Config c1 = config_from_json(j0);
    CHECK(c1 == cfg);
    const std::string url = to_url(c1);
    INFO(url);
    const Config c2 = config_from_url(url);
    CHECK(c2 == cfg);
    const json j2 = to_json(c2);
    CHECK(j2 == j0);
    CHECK(j2.dump() == j0.dump());
    // The same config twice gives identical output.
    CHECK(to_url(c2) == url);
    CHECK(config_to_json_text(c2) == config_to_json_text(cfg));
    // Through JSON text as well (the CLI path).
    CHECK(parse_config_json(j0.dump(2)) == cfg);
  }
}

TEST_CASE("to_url is compact and versioned; decoding accepts every field", "[codec]") {
  CHECK(to_url(Config{}) == "v=1");
  CHECK(config_from_url("") == Config{});
  CHECK(config_from_url("#v=1") == Config{});

  Config cfg;
  cfg.optimizer.learning_rate = 0.1;
  cfg.network.hidden = {8, 8};
  CHECK(to_url(cfg) == "v=1&h=8,8&lr=0.1");

  // Every field spelled out, with defaults, short keys and JSON-path keys mixed.
  const std::string full =
      "#v=1&seed=42&ds=circle&cls=2&n=500&noise=0&tf=0.5&f=x1,x2&pp=none&h=4,2&act=tanh&"
      "oact=linear&init=xavier&isig=0.01&leak=0.01&loss=logistic&margin=1&reg=none&rr=0&keep=1&"
      "opt=sgd&lr=0.03&mom=0.9&b1=0.9&b2=0.999&decay=0.99&eps=1e-08&bc=1&pls=0&sch=constant&"
      "every=100&factor=0.5&sk=0.001&tau=100&bs=10";
  CHECK(config_from_url(full) == Config{});
  const Config by_path = config_from_url("optimizer.learning_rate=0.5&data.points=200");
  CHECK(by_path.optimizer.learning_rate == 0.5);
  CHECK(by_path.data.points == 200);

  // Percent escapes (a browser may escape the commas), true/false for booleans.
  const Config escaped = config_from_url("?f=x1%2Cx2_sq&bc=false&pls=true");
  CHECK(escaped.features == std::vector<Feature>{Feature::X1, Feature::X2Sq});
  CHECK_FALSE(escaped.optimizer.bias_correction);
  CHECK(escaped.optimizer.per_layer_scaling);
}

TEST_CASE("doubles round-trip exactly through the URL format", "[codec]") {
  CHECK(format_double(0.03) == "0.03");
  CHECK(format_double(1e-8) == "1e-08");
  CHECK(format_double(1e20) == "1e20");  // no '+': form-decoding would turn it into a space
  CHECK(format_double(0.1 + 0.2) == "0.30000000000000004");
  CHECK(format_double(100) == "100");
  double back = 0;
  CHECK_FALSE(parse_double("nan", back));
  CHECK_FALSE(parse_double("inf", back));
  CHECK_FALSE(parse_double("1e999", back));
  CHECK_FALSE(parse_double(" 1", back));
  CHECK_FALSE(parse_double("1x", back));
  CHECK_FALSE(parse_double("", back));
  CHECK_FALSE(parse_double("0x1p3", back));

  // Random bit patterns cover every exponent, subnormals included.
  Rng rng(7);
  int checked = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t bits = (std::uint64_t{rng.next_u32()} << 32) | rng.next_u32();
    double x = 0;
    std::memcpy(&x, &bits, sizeof x);
    if (!std::isfinite(x)) continue;
    const std::string s = format_double(x);
    REQUIRE(parse_double(s, back));
    if (!same_bits(back, x)) FAIL("not exact: " << s);
    ++checked;
  }
  CHECK(checked > 19000);
  for (double x : {-0.0, 5e-324, std::numeric_limits<double>::max(), 1.0 / 3.0, -2.5e-300}) {
    REQUIRE(parse_double(format_double(x), back));
    CHECK(same_bits(back, x));
  }
}

TEST_CASE("every bad JSON field gives a message naming it", "[codec]") {
  const std::vector<BadInput> cases = {
      {R"({"optimizer": {"lr": 0.1}})", "optimizer.lr"},
      {R"({"foo": 1})", "foo"},
      {R"({"data": {"points": "many"}})", "data.points"},
      {R"({"data": {"points": 5.5}})", "data.points"},
      {R"({"data": {"points": 5}})", "data.points"},
      {R"({"data": {"points": 10000000000000}})", "data.points"},
      {R"({"data": {"dataset": "spirals"}})", "data.dataset"},
      {R"({"data": {"noise": -1}})", "data.noise"},
      {R"({"data": {"train_fraction": 1}})", "data.train_fraction"},
      {R"({"data": {"classes": 7}})", "data.classes"},
      {R"({"data": 3})", "data"},
      {R"({"features": "x1"})", "features"},
      {R"({"features": ["x1", "x9"]})", "features[1]"},
      {R"({"features": []})", "features"},
      {R"({"features": ["x2", "x2"]})", "features"},
      {R"({"preprocess": "pca"})", "preprocess"},
      {R"({"network": {"hidden": [4, 100]}})", "network.hidden"},
      {R"({"network": {"hidden": "4,2"}})", "network.hidden"},
      {R"({"network": {"hidden": [4, 2.5]}})", "network.hidden[1]"},
      {R"({"network": {"activation": ["tanh", "tanh", "tanh"]}})", "network.activation"},
      {R"({"network": {"activation": 5}})", "network.activation"},
      {R"({"network": {"activation": ["tanh", "sigmoidal"]}})", "network.activation[1]"},
      {R"({"network": {"output_activation": "relu"}})", "network.output_activation"},
      {R"({"network": {"init": "glorot"}})", "network.init"},
      {R"({"network": {"init_sigma": 0}})", "network.init_sigma"},
      {R"({"network": {"leaky_slope": 1}})", "network.leaky_slope"},
      {R"({"network": {"depth": 2}})", "network.depth"},
      {R"({"loss": "softmax", "data": {"dataset": "plane"}})", "loss"},
      {R"({"loss": "cross_entropy"})", "loss"},
      {R"({"margin": 0})", "margin"},
      {R"({"regularization": {"kind": "l3"}})", "regularization.kind"},
      {R"({"regularization": {"rate": 20}})", "regularization.rate"},
      {R"({"dropout": {"keep": 0}})", "dropout.keep"},
      {R"({"dropout": {"rate": 0.5}})", "dropout.rate"},
      {R"({"optimizer": {"kind": "lbfgs"}})", "optimizer.kind"},
      {R"({"optimizer": {"learning_rate": "fast"}})", "optimizer.learning_rate"},
      {R"({"optimizer": {"learning_rate": 0}})", "optimizer.learning_rate"},
      {R"({"optimizer": {"momentum": 1}})", "optimizer.momentum"},
      {R"({"optimizer": {"beta2": 1.5}})", "optimizer.beta2"},
      {R"({"optimizer": {"epsilon": 0}})", "optimizer.epsilon"},
      {R"({"optimizer": {"bias_correction": 1}})", "optimizer.bias_correction"},
      {R"({"optimizer": {"per_layer_scaling": "yes"}})", "optimizer.per_layer_scaling"},
      {R"({"schedule": {"kind": "cosine"}})", "schedule.kind"},
      {R"({"schedule": {"every": 0}})", "schedule.every"},
      {R"({"schedule": {"tau": 0.5}})", "schedule.tau"},
      {R"({"batch_size": 0})", "batch_size"},
      {R"({"batch_size": null})", "batch_size"},
      {R"({"seed": -1})", "seed"},
      {R"({"seed": 1e300})", "seed"},
      {R"({"seed": 18446744073709551615})", "seed"},
      {R"({"version": 2})", "version"},
      {R"([1, 2])", "json"},
  };
  for (const BadInput& c : cases) {
    const std::string msg = json_error(c.text);
    INFO(c.text << "  ->  " << msg);
    CHECK(msg != "(no error)");
    // The message starts with the field ("optimizer.lr: ...").
    CHECK(msg.rfind(std::string(c.field) + ": ", 0) == 0);
  }
}

TEST_CASE("unknown JSON keys are rejected with the full path and the allowed keys", "[codec]") {
  try {
    parse_config_json(R"({"optimizer": {"kind": "adam", "lr": 0.1}})");
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK(e.field == "optimizer.lr");
    CHECK(std::string(e.what()) ==
          "optimizer.lr: unknown key \"lr\" (allowed: kind, learning_rate, momentum, beta1, beta2, "
          "decay, epsilon, bias_correction, per_layer_scaling)");
  }
  CHECK_THROWS_WITH(parse_config_json(R"({"data": {"dataset": "xor", "size": 3}})"),
                    Catch::Contains("data.size") && Catch::Contains("train_fraction"));
  // Every key optional: a partial object keeps the other defaults.
  const Config partial = parse_config_json(R"({"data": {"dataset": "xor"}, "seed": 7})");
  Config expected;
  expected.data.dataset = DatasetKind::Xor;
  expected.seed = 7;
  CHECK(partial == expected);
  CHECK(parse_config_json("{}") == Config{});
  // Integral floats (JavaScript may write 1e3) are accepted for integer fields.
  CHECK(parse_config_json(R"({"data": {"points": 1e3}})").data.points == 1000);
}

TEST_CASE("malformed JSON reports line and column", "[codec]") {
  const std::string text = "{\n  \"seed\": 42,\n  \"data\": {\"points\": 10,}\n}";
  try {
    parse_config_json(text);
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK(e.field == "json");
    const std::string msg = e.what();
    INFO(msg);
    CHECK(msg.rfind("json: malformed JSON at line 3, column 25: ", 0) == 0);
  }
  CHECK_THROWS_WITH(parse_config_json(""),
                    Catch::StartsWith("json: malformed JSON at line 1, column 1:"));
  CHECK_THROWS_WITH(parse_config_json("{\"seed\": 4x}"),
                    Catch::StartsWith("json: malformed JSON at line 1, column 11:"));
  CHECK_THROWS_WITH(parse_config_json("{\"a\": 1}\n\n x"),
                    Catch::StartsWith("json: malformed JSON at line 3, column 2:"));

  int line = 0, column = 0;
  json_line_column("ab\ncd", 5, line, column);  // 'd'
  CHECK(line == 2);
  CHECK(column == 2);
  json_line_column("ab\ncd", 3, line, column);  // the newline itself ends line 1
  CHECK(line == 1);
  CHECK(column == 3);
  json_line_column("ab\n", 4, line, column);  // end of input after a newline
  CHECK(line == 2);
  CHECK(column == 1);
}

TEST_CASE("every bad URL field gives a message naming it (strict mode)", "[codec]") {
  const std::vector<BadInput> cases = {
      {"v=1&lr=abc", "optimizer.learning_rate"},
      {"n=5", "data.points"},
      {"n=12x", "data.points"},
      {"ds=spirals", "data.dataset"},
      {"f=x1,x9", "features"},
      {"f=", "features"},
      {"h=4,x", "network.hidden"},
      {"h=4,,2", "network.hidden"},
      {"act=tanh,relu,relu", "network.activation"},
      {"oact=sigmoid", "network.output_activation"},
      {"bc=maybe", "optimizer.bias_correction"},
      {"foo=1", "foo"},
      {"v=2", "version"},
      {"seed=-3", "seed"},
      {"seed=9007199254740993", "seed"},
      {"noise=nan", "data.noise"},
      {"tf=1e999", "data.train_fraction"},
      {"ds=plane", "loss"},
      {"lr", "optimizer.learning_rate"},
      {"tau=0.1", "schedule.tau"},
      {"bs=2000", "batch_size"},
      {"keep=0", "dropout.keep"},
      {"cls=3", "data.classes"},
      {"reg=l3", "regularization.kind"},
      {"sch=cosine", "schedule.kind"},
      {"every=99999999999", "schedule.every"},
  };
  for (const BadInput& c : cases) {
    const std::string msg = url_error(c.text);
    INFO(c.text << "  ->  " << msg);
    CHECK(msg != "(no error)");
    CHECK(msg.rfind(std::string(c.field) + ": ", 0) == 0);
  }
  // The URL key is named too, so a user can find it in the link.
  CHECK_THROWS_WITH(config_from_url("lr=abc"), Catch::Contains("URL field \"lr\""));
}

TEST_CASE("URL decoding with warnings falls back per field", "[codec]") {
  std::vector<std::string> warnings;
  Config cfg = config_from_url("n=abc&lr=0.1&foo=2", &warnings);
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].find("data.points") != std::string::npos);
  CHECK(warnings[0].find("\"n\"") != std::string::npos);
  CHECK(warnings[1].find("foo") != std::string::npos);
  CHECK(cfg.data.points == 500);
  CHECK(cfg.optimizer.learning_rate == 0.1);

  // Individually fine fields that do not fit together: the named one is repaired.
  warnings.clear();
  cfg = config_from_url("ds=plane&lr=0.2", &warnings);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].rfind("loss", 0) == 0);
  CHECK(cfg.loss == Loss::Mse);
  CHECK(cfg.optimizer.learning_rate == 0.2);

  warnings.clear();
  cfg = config_from_url("ds=spiral&cls=3", &warnings);
  CHECK(cfg.loss == Loss::Softmax);
  CHECK(cfg.data.classes == 3);
  CHECK(warnings.size() == 1);

  warnings.clear();
  cfg = config_from_url("h=1,2,3&act=relu,relu&n=1", &warnings);
  CHECK(cfg.network.hidden == std::vector<int>{1, 2, 3});
  CHECK(cfg.network.activation == std::vector<Activation>{Activation::Tanh});
  CHECK(cfg.data.points == 500);
  CHECK(warnings.size() == 2);
  CHECK_NOTHROW(cfg.validate());

  warnings.clear();
  cfg = config_from_url("v=9&lr=0.5", &warnings);
  CHECK(cfg.version == 1);
  CHECK(cfg.optimizer.learning_rate == 0.5);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("version") != std::string::npos);

  // A clean link gives no warnings.
  warnings.clear();
  config_from_url(to_url(sample_configs()[1]), &warnings);
  CHECK(warnings.empty());
}

TEST_CASE("example config files are valid and the default one is current", "[codec]") {
  CHECK(read_text("examples/config-default.json") == config_to_json_text(Config{}));
  CHECK(parse_config_json(read_text("examples/config-default.json")) == Config{});
  const Config spiral = parse_config_json(read_text("examples/config-spiral.json"));
  CHECK(spiral.data.dataset == DatasetKind::Spiral);
  CHECK(config_from_url(to_url(spiral)) == spiral);
}

TEST_CASE("model JSON round-trips weights bit-exactly", "[codec]") {
  for (const Config& cfg : sample_configs()) {
    Rng rng(cfg.seed + 1);
    Network net(cfg.network_spec(), cfg.network.init, cfg.network.init_sigma, rng);
    // Awkward values: every exponent range, signed zero, subnormals, extremes.
    const double specials[] = {
        -0.0,     5e-324, -2.2250738585072014e-308, 1.0 / 3.0, std::numeric_limits<double>::max(),
        0.1 + 0.2};
    int k = 0;
    for (Layer& layer : net.layers) {
      for (Eigen::Index i = 0; i < layer.W.size(); ++i)
        layer.W.data()[i] =
            k < 6 ? specials[k++] : layer.W.data()[i] * std::pow(10.0, (i % 41) - 20);
      for (Eigen::Index i = 0; i < layer.b.size(); ++i) layer.b(i) = rng.normal() * 1e-3;
    }
    const std::string text = model_to_json(cfg, net, 123456789012LL).dump();
    const LoadedModel m = parse_model_json(text);
    CHECK(m.config == cfg);
    CHECK(m.steps == 123456789012LL);
    REQUIRE(m.network.layers.size() == net.layers.size());
    for (std::size_t l = 0; l < net.layers.size(); ++l) {
      const Layer& a = net.layers[l];
      const Layer& b = m.network.layers[l];
      CHECK(b.f == a.f);
      REQUIRE(b.W.rows() == a.W.rows());
      REQUIRE(b.W.cols() == a.W.cols());
      REQUIRE(b.b.size() == a.b.size());
      CHECK(std::memcmp(a.W.data(), b.W.data(), sizeof(double) * a.W.size()) == 0);
      CHECK(std::memcmp(a.b.data(), b.b.data(), sizeof(double) * a.b.size()) == 0);
    }
    CHECK(model_to_json(m.config, m.network, m.steps).dump() == text);
  }
}

TEST_CASE("model JSON errors name the field", "[codec]") {
  const Config cfg;  // hidden {4, 2}, 2 inputs: W shapes 4x2, 2x4, 1x2
  Rng rng(1);
  const Network net(cfg.network_spec(), cfg.network.init, cfg.network.init_sigma, rng);
  const json good = model_to_json(cfg, net, 10);
  REQUIRE_NOTHROW(model_from_json(good));

  auto error_of = [](const json& j) -> std::string {
    try {
      model_from_json(j);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "(no error)";
  };

  json j = good;
  j["layers"][1]["W"].push_back(j["layers"][1]["W"][0]);
  CHECK(error_of(j) == "layers[1].W: expected 2x4, got 3x4");

  j = good;
  j["layers"][0]["W"][2].erase(1);
  CHECK(error_of(j).rfind("layers[0].W[2]: ragged matrix", 0) == 0);

  j = good;
  j["layers"][2]["b"].push_back(0.5);
  CHECK(error_of(j) == "layers[2].b: expected 1 values, got 2");

  j = good;
  j["layers"][0]["W"][3][1] = nullptr;  // what nlohmann writes for NaN
  CHECK(error_of(j).rfind("layers[0].W[3][1]: expected a finite number", 0) == 0);

  j = good;
  j["layers"].erase(2);
  CHECK(error_of(j).rfind("layers: expected 3 layers", 0) == 0);

  j = good;
  j["layers"][0]["activation"] = "relu";
  CHECK(error_of(j).rfind("layers[0].activation:", 0) == 0);

  j = good;
  j["config"]["optimizer"]["lr"] = 1;
  CHECK(error_of(j).rfind("config.optimizer.lr: unknown key", 0) == 0);

  j = good;
  j["config"]["network"]["hidden"] = {4, 3};  // the weights no longer fit the config
  CHECK(error_of(j) == "layers[1].W: expected 3x4, got 2x4");

  j = good;
  j["steps"] = -1;
  CHECK(error_of(j).rfind("steps:", 0) == 0);

  j = good;
  j["weights"] = 1;
  CHECK(error_of(j).rfind("weights: unknown key", 0) == 0);

  j = good;
  j.erase("layers");
  CHECK(error_of(j).rfind("layers: missing", 0) == 0);

  CHECK_THROWS_WITH(parse_model_json("{\"config\": {}"),
                    Catch::StartsWith("json: malformed JSON at line 1, column 14:"));
}

TEST_CASE("the shared string helpers: split keeps empty parts, trim, lower, join", "[codec]") {
  CHECK(nn::split("a,,b", ',') == std::vector<std::string>{"a", "", "b"});
  CHECK(nn::split("", ',') == std::vector<std::string>{""});
  CHECK(nn::trim(" \tx y\t ") == "x y");
  CHECK(nn::trim(" \t ").empty());
  CHECK(nn::lower("ReLU-ÄB") == "relu-Äb");  // ASCII only: UTF-8 bytes untouched
  CHECK(nn::join({"a", "b", "c"}, ", ") == "a, b, c");
  CHECK(nn::join({}, ",").empty());
}
