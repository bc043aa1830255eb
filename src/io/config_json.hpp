// JSON codec of the one Config (schema in docs/config.md; design in docs/design.md).
// Decoding is strict: every key is optional and falls back to its default, but an unknown key or a
// wrong type is an error naming the full path, and the result always passes Config::validate().
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/config.hpp"

namespace nn {

// Every field, in the schema's nesting. network.activation is a string when one activation serves
// all hidden layers, else an array with one name per hidden layer.
nlohmann::json to_json(const Config& cfg);

// Reads a config object. Throws ConfigError naming the field (JSON path, e.g.
// "optimizer.learning_rate", "network.hidden[1]") for unknown keys, wrong types, bad names and
// out-of-range values. `prefix` is prepended to every reported path (e.g. "config." when the config
// is nested inside a saved model).
Config config_from_json(const nlohmann::json& j, const std::string& prefix = "");

// Parses JSON text then decodes it. Malformed JSON throws ConfigError with field "json" and a
// message "malformed JSON at line L, column C: ..."; see parse_json_text for the other errors.
Config parse_config_json(const std::string& text);

// The JSON parser of every document the codecs read (configs, models, the app's setConfig).
// Besides malformed JSON (field "json", with line and column) it refuses, naming the JSON path:
// duplicate keys ("seed: duplicate key ..."), nesting deeper than 64 levels, and numbers beyond a
// double ("optimizer.learning_rate: number 1e400 is out of range ..."). Throws only ConfigError.
nlohmann::json parse_json_text(const std::string& text);

// A short printable description of a JSON value for "got ..." in messages ("number 2.5",
// "string \"many\"", "array [4, 2]", "array of 100 values"); never a deep or huge dump.
std::string describe_json(const nlohmann::json& v);

// Pretty JSON text of a config (2-space indent, trailing newline), as the examples are written.
std::string config_to_json_text(const Config& cfg);

// For parse errors of any JSON document: the 1-based line and column of byte position `byte`
// (nlohmann's parse_error::byte, 1-based index of the last character read) in `text`.
void json_line_column(const std::string& text, std::size_t byte, int& line, int& column);
// ConfigError("json", "malformed JSON at line L, column C: <reason>") for a nlohmann parse error.
[[noreturn]] void throw_json_syntax_error(const std::string& text,
                                          const nlohmann::json::parse_error& e);

}  // namespace nn
