// The JSON parser of every document the codecs read (configs, models, the app's setConfig): one
// pass over the text, linear in its size, building the value and checking it as it goes.
#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

namespace nn {

// Work done by one parse: the SAX events handled, each in constant time apart from the key
// lookup in its own object (logarithmic). nlohmann's callback parser instead rescans the parent
// array after every object (quadratic); a test counts these on growing arrays.
struct JsonParseWork {
  std::size_t events = 0;
};

// Parses `text` as exactly one JSON value. Throws only ConfigError: malformed JSON (field "json",
// "malformed JSON at line L, column C: ..."), bytes after the value or a NUL byte anywhere (also
// malformed, with their position), and, naming the JSON path: duplicate keys, nesting deeper than
// 64 levels, numbers beyond a double.
nlohmann::json parse_json_input(const std::string& text, JsonParseWork* work = nullptr);

}  // namespace nn
