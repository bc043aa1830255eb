// libFuzzer target: the model JSON reader (parse_model_json). Expected outcomes are a model whose
// network has exactly the shape its config describes, with finite weights, or an nn::ConfigError
// naming a field; an accepted model written back with model_to_json must read back bit-exactly.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "fuzz_common.hpp"
#include "io/input_limits.hpp"
#include "io/model_json.hpp"

using namespace nn;

namespace {

bool same_bits(const Matrix& a, const Matrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), sizeof(double) * static_cast<std::size_t>(a.size())) == 0;
}
bool same_bits(const Vector& a, const Vector& b) {
  return a.size() == b.size() &&
         std::memcmp(a.data(), b.data(), sizeof(double) * static_cast<std::size_t>(a.size())) == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  LoadedModel m;
  if (!fuzz::run_codec("parse_model_json", [&] { m = parse_model_json(text); })) return 0;

  try {
    m.config.validate();
    fuzz::expect(m.steps >= 0 && m.steps <= nn::kMaxStepCount,
                 "step count out of 0..2^53-1: " + std::to_string(m.steps));
    const NetworkSpec spec = m.config.network_spec();
    fuzz::expect(m.network.num_layers() == static_cast<int>(spec.hidden.size()) + 1,
                 "layer count differs from the config");
    int n_in = spec.inputs;
    for (int l = 0; l < m.network.num_layers(); ++l) {
      const Layer& layer = m.network.layers[static_cast<std::size_t>(l)];
      const int n_out = l < static_cast<int>(spec.hidden.size())
                            ? spec.hidden[static_cast<std::size_t>(l)]
                            : spec.outputs;
      fuzz::expect(layer.W.rows() == n_out && layer.W.cols() == n_in && layer.b.size() == n_out,
                   "layer " + std::to_string(l) + " shape differs from the config");
      fuzz::expect(layer.W.allFinite() && layer.b.allFinite(), "non-finite weight accepted");
      n_in = n_out;
    }

    // Written back and read again: the same config, steps and bits.
    const std::string again_text = model_to_json(m.config, m.network, m.steps).dump();
    const LoadedModel again = parse_model_json(again_text);
    fuzz::expect(again.config == m.config, "model round trip changed the config");
    fuzz::expect(again.steps == m.steps, "model round trip changed the steps");
    for (std::size_t l = 0; l < m.network.layers.size(); ++l)
      fuzz::expect(same_bits(again.network.layers[l].W, m.network.layers[l].W) &&
                       same_bits(again.network.layers[l].b, m.network.layers[l].b),
                   "model round trip changed layer " + std::to_string(l));
  } catch (const std::exception& e) {
    fuzz::bug(std::string("round trip of an accepted model threw: ") + e.what());
  }
  return 0;
}
