// libFuzzer target: the URL-hash codec (config_from_url), strict and lenient. Strict decoding
// either gives a valid Config or an nn::ConfigError naming a field; lenient decoding (with a
// warnings list) never throws and always gives a valid Config. Both must round-trip via to_url.
// The link keys beside the config (io/link_codec): user points decode to at most 200 points that
// encode back to the same text, the hide list and TF Playground translation never throw.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "io/config_json.hpp"
#include "io/link_codec.hpp"
#include "io/url_codec.hpp"

using namespace nn;

namespace {

void check_round_trip(const Config& cfg, const std::string& input) {
  try {
    cfg.validate();
    const std::string url = to_url(cfg);
    const Config again = config_from_url(url);
    fuzz::expect(again == cfg, "URL round trip changed the config: " + url);
    fuzz::expect(to_url(again) == url, "to_url(config_from_url(u)) != u for " + url);
    fuzz::expect(config_from_json(to_json(cfg)) == cfg,
                 "JSON round trip of a URL-decoded config failed: " + url);
  } catch (const std::exception& e) {
    fuzz::bug("round trip of a config decoded from \"" + input.substr(0, 200) +
              "\" threw: " + e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);

  Config strict;
  const bool strict_ok =
      fuzz::run_codec("config_from_url (strict)", [&] { strict = config_from_url(text); });
  if (strict_ok) check_round_trip(strict, text);

  std::vector<std::string> warnings;
  Config lenient;
  try {
    lenient = config_from_url(text, &warnings);
  } catch (const std::exception& e) {
    fuzz::bug(std::string("config_from_url with warnings threw: ") + e.what());
  }
  check_round_trip(lenient, text);
  for (const std::string& w : warnings) {
    fuzz::expect(!w.empty(), "empty warning");
    fuzz::expect(w.size() <= fuzz::kMaxMessage,
                 "warning of " + std::to_string(w.size()) + " bytes");
    fuzz::expect(fuzz::printable_utf8(w), "warning is not printable UTF-8: " + w.substr(0, 200));
  }
  // A link that decodes strictly decodes the same way leniently, without warnings.
  if (strict_ok) {
    fuzz::expect(lenient == strict, "lenient and strict decoding differ for a valid link");
    fuzz::expect(warnings.empty(), "warnings for a link that decodes strictly: " +
                                       (warnings.empty() ? std::string() : warnings[0]));
  } else {
    fuzz::expect(!warnings.empty(), "strict decoding failed but lenient decoding gave no warning");
  }
  // User points: a ConfigError naming "ud", or points that re-encode to the same text.
  std::vector<LinkPoint> pts;
  int classes = -1;
  if (fuzz::run_codec("decode_link_points", [&] { pts = decode_link_points(text, classes); })) {
    fuzz::expect(pts.size() >= 2 && pts.size() <= static_cast<std::size_t>(kLinkMaxPoints),
                 std::to_string(pts.size()) + " points decoded");
    std::vector<LinkPoint> again;
    int k2 = -1;
    fuzz::run_codec("link points round trip",
                    [&] { again = decode_link_points(encode_link_points(pts, classes), k2); });
    fuzz::expect(again == pts && k2 == classes, "user points do not round-trip");
  }
  fuzz::run_codec("split_link_hash", [&] { split_link_hash(text); });
  std::vector<std::string> hide_warnings;
  fuzz::run_codec("parse_hide_list", [&] { parse_hide_list(text, &hide_warnings); });
  try {
    const TfPlaygroundLink t = translate_tf_playground(text);
    t.config.validate();
    fuzz::expect(fuzz::printable_utf8(t.summary()), "TF summary is not printable UTF-8");
  } catch (const std::exception& e) {
    fuzz::bug(std::string("translate_tf_playground threw: ") + e.what());
  }
  return 0;
}
