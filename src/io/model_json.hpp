// Saved models: the config that made the network, the step count and every weight, as JSON.
// Weights round-trip bit-exactly (nlohmann writes the shortest digits that read back as the same
// double), and loading checks every shape against the config's network_spec().
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/config.hpp"
#include "core/network.hpp"

namespace nn {

// {"format": "nnplay-model", "version": 1, "config": {...}, "steps": N,
//  "layers": [{"activation": "tanh", "W": [[row 0], [row 1], ...], "b": [...]}, ...]}
// W is written row by row: n_out rows of n_in numbers.
nlohmann::json model_to_json(const Config& cfg, const Network& net, long long steps);

struct LoadedModel {
  Config config;
  Network network;
  long long steps = 0;
};

// Throws ConfigError naming the field: "config.optimizer.learning_rate" for config problems,
// "layers[1].W" with "expected 2x4, got 3x4" for shapes, "layers[0].b[2]" for a non-number.
LoadedModel model_from_json(const nlohmann::json& j);
// Parses text first; malformed JSON throws ConfigError("json", "malformed JSON at line L, column C:
// ...").
LoadedModel parse_model_json(const std::string& text);

}  // namespace nn
