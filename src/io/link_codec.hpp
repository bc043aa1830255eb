// What a link carries beside the Config (url_codec): the user's own points ("ud=", up to 200,
// quantised to the display's 0.01), the steps to replay ("step="), the controls an embed hides
// (?hide=lr,optimizer,...) and the translation of TensorFlow Playground links
// (#activation=tanh&networkShape=4,2&...). Formats and limits: docs/config.md, "Links".
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/config.hpp"

namespace nn {

// [SECTION] user points ("ud=")

// A point of user data: raw position, label (class index, or a real target for regression) and
// split (0 train, 1 test).
struct LinkPoint {
  double x1 = 0, x2 = 0, label = 0;
  int split = 0;
  bool operator==(const LinkPoint& o) const {
    return x1 == o.x1 && x2 == o.x2 && label == o.label && split == o.split;
  }
};

// At most this many points travel in a link; a larger set is shared as a dataset CSV.
constexpr int kLinkMaxPoints = 200;
// Positions (and regression targets) are stored in hundredths, the precision the map shows
// ("x1 = 1.23"), as signed 16-bit integers: |value| <= 327.67.
constexpr double kLinkGridPerUnit = 100.0;
constexpr double kLinkMaxAbs = 327.67;

// The grid value nearest v: round(v * 100) / 100 (idempotent: snap(snap(v)) == snap(v)).
double snap_to_link_grid(double v);
bool on_link_grid(double v);

// "ud=" value: base64url (RFC 4648 §5, no padding) of
//   byte 0: format 1;  byte 1: classes K (0 = regression, 2..5);
//   per point: int16 x1, int16 x2 (little-endian hundredths), then
//     classification: 1 byte = label | split << 7;   regression: int16 target, 1 byte split.
// Values off the grid are rounded to it. Throws ConfigError("ud", ...) for more than
// kLinkMaxPoints points, a value beyond kLinkMaxAbs, a label outside 0..K-1 or K outside 0, 2..5.
std::string encode_link_points(const std::vector<LinkPoint>& points, int classes);
// Reads a "ud=" value back; throws ConfigError("ud", ...) naming the problem (bad base64, wrong
// length, unknown format, label >= K, more than kLinkMaxPoints points, fewer than 2).
std::vector<LinkPoint> decode_link_points(const std::string& text, int& classes);

// [SECTION] the keys of a link's hash beside the config's

struct LinkHash {
  std::string config;       // the hash without "ud" and "step" (for config_from_url)
  bool has_points = false;  // "ud=" given
  std::string points;       // its value (decode_link_points)
  bool has_step = false;    // "step=" given
  std::string step;         // its value (parse_link_step)
};
// Splits a hash ("#v=1&ds=user&ud=...&step=50", the '#' optional) into the config part and the
// extra keys (the last one wins if a key is repeated; their percent-escapes are decoded).
LinkHash split_link_hash(const std::string& hash);
// "step=" value: an integer in 0..kMaxStepCount; throws ConfigError("step", ...).
long long parse_link_step(const std::string& text);

// A replay of `steps` steps at open costs about steps * batch * weights multiply-adds; links
// replay at most kMaxReplaySteps steps and kMaxReplayWork of that work (~2 s in a browser).
constexpr long long kMaxReplaySteps = 1000000;
constexpr double kMaxReplayWork = 3e8;
// The steps of a "step=N" link that are replayed for this config (N, or fewer at the limit).
long long replay_steps_allowed(const Config& cfg, long long steps, int train_points);

// [SECTION] hidden controls (?hide=lr,optimizer,...)

struct HideName {
  const char* name;  // as written in hide=
  const char* what;  // what it hides (docs, the Share dialog's tooltip)
};
// Every control a link may hide, in the order the screen draws them.
const std::vector<HideName>& hideable_controls();
std::string hideable_names();  // "play, step, reset, ..." for messages
// Parses "lr,optimizer,..." (spaces around names ignored, duplicates dropped). An unknown name is
// skipped with one warning naming it and the allowed names (once per bad name).
std::vector<std::string> parse_hide_list(const std::string& list,
                                         std::vector<std::string>* warnings);

// [SECTION] TensorFlow Playground links

// True when a hash has no "v" key and at least one of TensorFlow Playground's own keys
// (state.ts: activation, networkShape, learningRate, percTrainData, ...; or a *_hide key).
bool is_tf_playground_hash(const std::string& hash);

struct TfPlaygroundLink {
  Config config;                       // valid (bad values fell back to the defaults)
  std::vector<std::string> unmatched;  // keys with no equivalent here (or a bad value), in order
  bool show_test = false;              // showTestData
  bool discretize = false;             // discretize
  std::vector<std::string> hide;       // our names of the controls its *_hide keys hide
  // One line for the banner: what was translated and what has no equivalent.
  std::string summary() const;
};
// Translates TensorFlow Playground's hash (its keys as in state.ts) to this playground's config:
// dataset/regDataset by problem (circle, xor, gauss, spiral; reg-plane -> plane, reg-gauss ->
// multi_gauss), activation, learningRate, regularization + regularizationRate, networkShape,
// batchSize, noise (its percent to the same spread: noise% * 5 / sqrt(3) / 100), percTrainData,
// the features, the seed (its digits), and its model: squared error on a tanh output, 500 points
// for classification and 1200 for regression. Never throws.
TfPlaygroundLink translate_tf_playground(const std::string& hash);

}  // namespace nn
