// libFuzzer target: the config JSON codec (parse_config_json). Expected outcomes are a Config that
// validates or an nn::ConfigError naming a field; a parsed config must survive JSON -> Config ->
// JSON and the URL codec unchanged.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "io/config_json.hpp"
#include "io/url_codec.hpp"

using namespace nn;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Config cfg;
  if (!fuzz::run_codec("parse_config_json", [&] { cfg = parse_config_json(text); })) return 0;

  // Everything below must hold for every accepted config; an exception here is a bug too.
  try {
    cfg.validate();
    const nlohmann::json j = to_json(cfg);
    const Config again = config_from_json(j);
    fuzz::expect(again == cfg, "JSON -> Config -> JSON -> Config changed the config: " + j.dump());
    fuzz::expect(to_json(again) == j, "JSON -> Config -> JSON is not the identity: " + j.dump());
    const std::string pretty = config_to_json_text(cfg);
    fuzz::expect(parse_config_json(pretty) == cfg,
                 "config_to_json_text does not read back: " + pretty);
    const std::string url = to_url(cfg);
    fuzz::expect(config_from_url(url) == cfg, "URL round trip changed the config: " + url);
  } catch (const std::exception& e) {
    fuzz::bug(std::string("round trip of an accepted config threw: ") + e.what());
  }
  return 0;
}
