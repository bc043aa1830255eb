// Compact, versioned URL-hash codec of the one Config, so a link reproduces a run:
//   v=1&ds=spiral&cls=3&h=8,8&act=relu&loss=softmax&lr=0.01
// Keys are short names (or the JSON path, e.g. "optimizer.learning_rate="), lists are
// comma-separated, booleans 1/0, doubles in their shortest exactly-round-tripping form.
// The full key table and the versioning rules are in docs/config.md.
#pragma once
#include <string>
#include <vector>

#include "core/config.hpp"

namespace nn {

// Current URL format version. Version 1 is the first. Its defaults are frozen: to_url omits fields
// equal to the defaults, so if a later version changes a default (or renames a key), its decoder
// must migrate a v=1 link by filling in version 1's values for the omitted fields.
constexpr int kUrlVersion = 1;

// "v=1" followed by every field that differs from its default, in a fixed order.
std::string to_url(const Config& cfg);

// Decodes a hash (a leading '#' or '?' is skipped; percent-escapes are decoded; a missing "v"
// means version 1). A bad or unknown field:
//  - warnings != nullptr: the field keeps its default and a warning naming it is appended
//    (unknown keys are skipped); if the combination is still invalid, the fields the validator
//    names are reset in turn (an incompatible loss becomes the dataset's natural loss);
//  - warnings == nullptr: throws ConfigError naming the field.
// A field given twice (by key or JSON path) is an error in strict mode; with warnings the last
// value wins and a warning names the field.
// The result always passes Config::validate().
Config config_from_url(const std::string& hash, std::vector<std::string>* warnings = nullptr);

// Shortest decimal text that reads back as exactly x (locale-independent, no '+' so that
// form-decoding never turns it into a space): 0.03 -> "0.03", 1e-8 -> "1e-08", 1e20 -> "1e20".
std::string format_double(double x);
// Parses a whole string as a finite double (C locale); false if anything is left over.
bool parse_double(const std::string& s, double& out);
// Decodes %XX escapes (malformed ones stay as they are); plus_is_space: '+' means ' ' (the
// query-string form encoding).
std::string percent_decode(const std::string& s, bool plus_is_space = false);

}  // namespace nn
