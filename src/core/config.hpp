// One Config for everything (UI, URL hash, JSON file, CLI, JS API, tests), with defaults and one
// validator whose messages name the field and the allowed values. The JSON and URL codecs live in
// src/io (they need nlohmann-json); this header is pure core.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "activation.hpp"
#include "loss.hpp"
#include "network.hpp"

namespace nn {

// Stretched: the set of the preprocessing lesson (2.5), two tilted, elongated, off-centre clouds.
enum class DatasetKind { Circle, Xor, Gauss, Spiral, Moons, Plane, MultiGauss, NerWindow, Stretched, User };
const char* name(DatasetKind d);  // "circle", "xor", "gauss", "spiral", "moons", "plane", "multi_gauss", "ner_window", "stretched", "user"
DatasetKind parse_dataset(const std::string& s, const std::string& field);
bool is_regression(DatasetKind d);  // plane, multi_gauss

enum class Feature { X1, X2, X1Sq, X2Sq, X1X2, SinX1, SinX2 };
const std::vector<Feature>& all_features();
const char* name(Feature f);  // "x1", "x2", "x1_sq", "x2_sq", "x1_x2", "sin_x1", "sin_x2"
Feature parse_feature(const std::string& s, const std::string& field);

enum class Preprocess { None, Mean, Standardize, Whiten };
const char* name(Preprocess p);  // "none", "mean", "standardize", "whiten"
Preprocess parse_preprocess(const std::string& s, const std::string& field);

enum class OptimizerKind { Sgd, Momentum, Nesterov, AdaGrad, RmsProp, Adam };
const char* name(OptimizerKind o);  // "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"
OptimizerKind parse_optimizer(const std::string& s, const std::string& field);

enum class ScheduleKind { Constant, Step, Exponential, Inverse };
const char* name(ScheduleKind s);  // "constant", "step", "exponential", "inverse"
ScheduleKind parse_schedule(const std::string& s, const std::string& field);

struct DataConfig {
  DatasetKind dataset = DatasetKind::Circle;
  int classes = 2;            // 2..5 (spiral and multi-class gauss use K > 2)
  int points = 500;           // 10..5000
  double noise = 0.0;         // 0..2, std of the normal jitter in data units
  double train_fraction = 0.5;  // 0.1..0.9
};

struct NetworkConfig {
  std::vector<int> hidden = {4, 2};
  std::vector<Activation> activation = {Activation::Tanh};  // one for all, or one per hidden layer
  Activation output_activation = Activation::Linear;
  Init init = Init::Xavier;
  double init_sigma = 0.01;   // small-normal init standard deviation
  double leaky_slope = 0.01;
};

struct RegularizationConfig {
  Regularization kind = Regularization::None;
  double rate = 0.0;  // 0..10
};

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::Sgd;
  double learning_rate = 0.03;  // (0, 10]
  double momentum = 0.9;        // [0, 1)
  double beta1 = 0.9;           // [0, 1)
  double beta2 = 0.999;         // [0, 1)
  double decay = 0.99;          // RMSProp decay, [0, 1)
  double epsilon = 1e-8;        // (0, 1]
  bool bias_correction = true;  // Adam; false = the notes' form
  bool per_layer_scaling = false;  // Collobert: scale each layer's rate by 1/sqrt(fan_in)
};

struct ScheduleConfig {
  ScheduleKind kind = ScheduleKind::Constant;
  int every = 100;      // step: multiply by factor every `every` steps, >= 1
  double factor = 0.5;  // (0, 1]
  double k = 0.001;     // exponential decay rate, >= 0
  double tau = 100;     // inverse: alpha0 tau / max(t, tau), >= 1
};

struct Config {
  int version = 1;
  std::uint64_t seed = 42;
  DataConfig data;
  std::vector<Feature> features = {Feature::X1, Feature::X2};
  Preprocess preprocess = Preprocess::None;
  NetworkConfig network;
  Loss loss = Loss::Logistic;
  double margin = 1.0;  // max-margin Delta, > 0
  RegularizationConfig regularization;
  double dropout_keep = 1.0;  // (0, 1]
  OptimizerConfig optimizer;
  ScheduleConfig schedule;
  int batch_size = 10;  // 1..1000

  // Throws ConfigError naming the first bad field and its allowed values/range.
  void validate() const;
  // Activation of hidden layer i (expands the one-for-all form).
  Activation hidden_activation(int i) const;
  // Network shape implied by the config: inputs = #features (20 for ner_window), outputs =
  // classes for softmax, else 1.
  NetworkSpec network_spec() const;
  bool operator==(const Config& o) const;
  bool operator!=(const Config& o) const { return !(*this == o); }
};

}  // namespace nn
