// The one Config: defaults validate, enum names round-trip through their parsers, every invalid
// field is rejected by Config::validate() with a message that names the field, and
// network_spec() derives the network shape the session builds.
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <string>

#include "core/config.hpp"

using namespace nn;

namespace {

// Runs validate() and returns the ConfigError (field and what()); fails the test if none.
ConfigError validation_error(const Config& cfg) {
  try {
    cfg.validate();
  } catch (const ConfigError& e) {
    return e;
  }
  FAIL("expected a ConfigError");
  return ConfigError("", "");
}

struct BadCase {
  const char* field;  // the JSON path the message must name
  std::function<void(Config&)> edit;
};

}  // namespace

TEST_CASE("default config validates and has the documented values", "[config]") {
  const Config cfg;
  REQUIRE_NOTHROW(cfg.validate());
  CHECK(cfg.version == 1);
  CHECK(cfg.seed == 42u);
  CHECK(cfg.data.dataset == DatasetKind::Circle);
  CHECK(cfg.data.points == 500);
  CHECK(cfg.network.hidden == std::vector<int>{4, 2});
  CHECK(cfg.loss == Loss::Logistic);
  CHECK(cfg.optimizer.learning_rate == 0.03);
  CHECK(cfg.batch_size == 10);
}

TEST_CASE("enum names round-trip through their parsers", "[config]") {
  for (DatasetKind d : {DatasetKind::Circle, DatasetKind::Xor, DatasetKind::Gauss,
                        DatasetKind::Spiral, DatasetKind::Moons, DatasetKind::Plane,
                        DatasetKind::MultiGauss, DatasetKind::NerWindow, DatasetKind::User})
    CHECK(parse_dataset(name(d), "data.dataset") == d);
  CHECK(all_features().size() == 7u);
  for (Feature f : all_features()) CHECK(parse_feature(name(f), "features") == f);
  for (Preprocess p :
       {Preprocess::None, Preprocess::Mean, Preprocess::Standardize, Preprocess::Whiten})
    CHECK(parse_preprocess(name(p), "preprocess") == p);
  for (OptimizerKind o : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Nesterov,
                          OptimizerKind::AdaGrad, OptimizerKind::RmsProp, OptimizerKind::Adam})
    CHECK(parse_optimizer(name(o), "optimizer.kind") == o);
  for (ScheduleKind s : {ScheduleKind::Constant, ScheduleKind::Step, ScheduleKind::Exponential,
                         ScheduleKind::Inverse})
    CHECK(parse_schedule(name(s), "schedule.kind") == s);
  CHECK(std::string(name(DatasetKind::MultiGauss)) == "multi_gauss");
  CHECK(std::string(name(Feature::SinX2)) == "sin_x2");
  CHECK(is_regression(DatasetKind::Plane));
  CHECK(is_regression(DatasetKind::MultiGauss));
  CHECK_FALSE(is_regression(DatasetKind::Spiral));
}

TEST_CASE("unknown enum names name the field and the allowed values", "[config]") {
  try {
    parse_dataset("spirals", "data.dataset");
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK(e.field == "data.dataset");
    const std::string msg = e.what();
    CHECK(msg.find("spirals") != std::string::npos);
    CHECK(msg.find("circle, xor, gauss, spiral, moons, plane, multi_gauss, ner_window") !=
          std::string::npos);
  }
  CHECK_THROWS_AS(parse_feature("x3", "features"), ConfigError);
  CHECK_THROWS_AS(parse_preprocess("pca", "preprocess"), ConfigError);
  CHECK_THROWS_AS(parse_optimizer("lbfgs", "optimizer.kind"), ConfigError);
  CHECK_THROWS_AS(parse_schedule("cosine", "schedule.kind"), ConfigError);
}

TEST_CASE("validate names every bad field", "[config]") {
  const std::vector<BadCase> cases = {
      {"version", [](Config& c) { c.version = 2; }},
      {"seed", [](Config& c) { c.seed = (std::uint64_t{1} << 53) + 1; }},
      {"data.classes", [](Config& c) { c.data.classes = 1; }},
      {"data.classes", [](Config& c) { c.data.classes = 6; }},
      {"data.classes", [](Config& c) { c.data.classes = 3; }},  // circle has 2 classes
      {"data.points", [](Config& c) { c.data.points = 9; }},
      {"data.points", [](Config& c) { c.data.points = 5001; }},
      {"data.noise", [](Config& c) { c.data.noise = -0.1; }},
      {"data.noise", [](Config& c) { c.data.noise = 2.5; }},
      {"data.noise", [](Config& c) { c.data.noise = std::nan(""); }},
      {"data.train_fraction", [](Config& c) { c.data.train_fraction = 0.05; }},
      {"data.train_fraction", [](Config& c) { c.data.train_fraction = 0.95; }},
      {"features", [](Config& c) { c.features.clear(); }},
      {"features",
       [](Config& c) {
         c.features = {Feature::X1, Feature::X1};
       }},
      {"network.hidden", [](Config& c) { c.network.hidden.assign(9, 2); }},
      {"network.hidden",
       [](Config& c) {
         c.network.hidden = {4, 0};
       }},
      {"network.hidden", [](Config& c) { c.network.hidden = {65}; }},
      {"network.activation",
       [](Config& c) {
         c.network.activation = {Activation::Tanh, Activation::Relu, Activation::Relu};
       }},
      {"network.activation", [](Config& c) { c.network.activation.clear(); }},
      {"network.output_activation",
       [](Config& c) { c.network.output_activation = Activation::Relu; }},
      {"network.init_sigma", [](Config& c) { c.network.init_sigma = 0.0; }},
      {"network.init_sigma", [](Config& c) { c.network.init_sigma = 1.5; }},
      {"network.leaky_slope", [](Config& c) { c.network.leaky_slope = 1.0; }},
      {"network.leaky_slope", [](Config& c) { c.network.leaky_slope = -0.01; }},
      {"loss", [](Config& c) { c.data.dataset = DatasetKind::Plane; }},  // regression needs mse
      {"loss",
       [](Config& c) {
         c.data.dataset = DatasetKind::Spiral;
         c.data.classes = 3;  // logistic needs 2 classes
       }},
      {"loss",
       [](Config& c) {
         c.data.dataset = DatasetKind::Gauss;
         c.data.classes = 4;
         c.loss = Loss::Hinge;
       }},
      {"loss",
       [](Config& c) {
         c.data.dataset = DatasetKind::NerWindow;
         c.loss = Loss::Softmax;
       }},
      {"loss",
       [](Config& c) {
         c.data.dataset = DatasetKind::NerWindow;
         c.loss = Loss::Mse;
       }},
      {"loss",
       [](Config& c) {
         c.data.dataset = DatasetKind::MultiGauss;
         c.loss = Loss::Softmax;
       }},
      {"margin", [](Config& c) { c.margin = 0.0; }},
      {"margin", [](Config& c) { c.margin = 11.0; }},
      {"regularization.rate", [](Config& c) { c.regularization.rate = -1e-9; }},
      {"regularization.rate", [](Config& c) { c.regularization.rate = 10.5; }},
      {"dropout.keep", [](Config& c) { c.dropout_keep = 0.0; }},
      {"dropout.keep", [](Config& c) { c.dropout_keep = 1.01; }},
      {"optimizer.learning_rate", [](Config& c) { c.optimizer.learning_rate = 0.0; }},
      {"optimizer.learning_rate", [](Config& c) { c.optimizer.learning_rate = 11.0; }},
      {"optimizer.momentum", [](Config& c) { c.optimizer.momentum = 1.0; }},
      {"optimizer.beta1", [](Config& c) { c.optimizer.beta1 = -0.1; }},
      {"optimizer.beta2", [](Config& c) { c.optimizer.beta2 = 1.0; }},
      {"optimizer.decay", [](Config& c) { c.optimizer.decay = 1.2; }},
      {"optimizer.epsilon", [](Config& c) { c.optimizer.epsilon = 0.0; }},
      {"optimizer.epsilon", [](Config& c) { c.optimizer.epsilon = 2.0; }},
      {"schedule.every", [](Config& c) { c.schedule.every = 0; }},
      {"schedule.every", [](Config& c) { c.schedule.every = 1000001; }},
      {"schedule.factor", [](Config& c) { c.schedule.factor = 0.0; }},
      {"schedule.factor", [](Config& c) { c.schedule.factor = 1.5; }},
      {"schedule.k", [](Config& c) { c.schedule.k = -0.001; }},
      {"schedule.k", [](Config& c) { c.schedule.k = 2.0; }},
      {"schedule.tau", [](Config& c) { c.schedule.tau = 0.5; }},
      {"schedule.tau", [](Config& c) { c.schedule.tau = 2e6; }},
      {"batch_size", [](Config& c) { c.batch_size = 0; }},
      {"batch_size", [](Config& c) { c.batch_size = 1001; }},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    Config cfg;
    cases[i].edit(cfg);
    const ConfigError e = validation_error(cfg);
    INFO("case " << i << ": " << e.what());
    CHECK(e.field == cases[i].field);
    CHECK(std::string(e.what()).find(cases[i].field) != std::string::npos);
  }
}

TEST_CASE("range messages give the allowed range and the offending value", "[config]") {
  Config cfg;
  cfg.data.points = 7;
  CHECK(std::string(validation_error(cfg).what()) ==
        "data.points: must be an integer in 10..5000, got 7");
  cfg = Config{};
  cfg.optimizer.learning_rate = 0.0;
  CHECK(std::string(validation_error(cfg).what()) ==
        "optimizer.learning_rate: must be in (0, 10], got 0");
  cfg = Config{};
  cfg.data.train_fraction = 0.09999999999999999;  // must not print as 0.1
  CHECK(std::string(validation_error(cfg).what()).find("got 0.09999999999999999") !=
        std::string::npos);
}

TEST_CASE("valid non-default combinations pass", "[config]") {
  Config cfg;
  cfg.data.dataset = DatasetKind::Spiral;
  cfg.data.classes = 5;
  cfg.loss = Loss::Softmax;
  CHECK_NOTHROW(cfg.validate());

  cfg = Config{};
  cfg.data.dataset = DatasetKind::Plane;
  cfg.data.classes = 4;  // ignored by regression sets
  cfg.loss = Loss::Mse;
  cfg.network.output_activation = Activation::Tanh;
  CHECK_NOTHROW(cfg.validate());

  cfg = Config{};
  cfg.data.dataset = DatasetKind::NerWindow;
  cfg.features.clear();  // ner_window ignores features
  cfg.loss = Loss::MaxMargin;
  CHECK_NOTHROW(cfg.validate());
  cfg.loss = Loss::Hinge;
  CHECK_NOTHROW(cfg.validate());

  cfg = Config{};
  cfg.network.hidden.clear();  // logistic regression
  CHECK_NOTHROW(cfg.validate());
  cfg.network.hidden.assign(8, 64);
  cfg.network.activation.assign(8, Activation::Relu);
  cfg.features = all_features();
  cfg.seed = std::uint64_t{1} << 53;
  cfg.batch_size = 1000;
  CHECK_NOTHROW(cfg.validate());

  cfg = Config{};
  cfg.data.dataset = DatasetKind::Moons;
  cfg.loss = Loss::Mse;  // TensorFlow Playground's squared error on -1/+1 labels
  CHECK_NOTHROW(cfg.validate());
}

TEST_CASE("network_spec derives inputs, outputs and per-layer activations", "[config]") {
  Config cfg;
  cfg.features = {Feature::X1, Feature::X2, Feature::X1Sq};
  cfg.network.hidden = {5, 3, 2};
  cfg.network.activation = {Activation::Relu};
  NetworkSpec spec = cfg.network_spec();
  CHECK(spec.inputs == 3);
  CHECK(spec.hidden == std::vector<int>{5, 3, 2});
  CHECK(spec.activations ==
        std::vector<Activation>{Activation::Relu, Activation::Relu, Activation::Relu});
  CHECK(spec.outputs == 1);
  CHECK(cfg.hidden_activation(2) == Activation::Relu);

  cfg.network.activation = {Activation::Tanh, Activation::Sigmoid, Activation::LeakyRelu};
  cfg.network.leaky_slope = 0.2;
  spec = cfg.network_spec();
  CHECK(spec.activations == cfg.network.activation);
  CHECK(spec.leaky_slope == 0.2);
  CHECK(cfg.hidden_activation(1) == Activation::Sigmoid);

  cfg.data.dataset = DatasetKind::Spiral;
  cfg.data.classes = 4;
  cfg.loss = Loss::Softmax;
  CHECK(cfg.network_spec().outputs == 4);

  cfg.data.dataset = DatasetKind::NerWindow;
  cfg.loss = Loss::MaxMargin;
  CHECK(cfg.network_spec().inputs == 20);
  CHECK(cfg.network_spec().outputs == 1);
}

TEST_CASE("operator== compares every field", "[config]") {
  const Config a;
  Config b;
  CHECK(a == b);
  b.optimizer.per_layer_scaling = true;
  CHECK(a != b);
  b = a;
  b.schedule.tau = 101;
  CHECK(a != b);
  b = a;
  b.network.init_sigma = 0.02;
  CHECK(a != b);
  b = a;
  b.network.activation = {Activation::Tanh, Activation::Tanh};  // structural, not semantic
  CHECK(a != b);
  b = a;
  b.seed = 43;
  CHECK(a != b);
}
