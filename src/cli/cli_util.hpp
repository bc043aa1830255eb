// Small helpers shared by the nnplay-cli commands: file I/O that reports problems as one-line
// InputErrors (never a stack trace), config loading with the file name in every message, and the
// exit-code convention (0 ok, 1 internal error, 2 bad input, 3 gradcheck above --tolerance).
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>

#include "core/config.hpp"

namespace nn::cli {

constexpr int kExitOk = 0;
constexpr int kExitInternal = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitCheckFailed = 3;

// Bad input whose message is already complete (file name and reason); main prints it as is.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// "-" means standard input for reading and standard output for writing.
std::string display_name(const std::string& path);  // "<stdin>" for "-"
// Reads at most max_bytes (io/input_limits.hpp): a larger input, /dev/zero or an endless pipe is
// refused after max_bytes + 1 bytes with a message naming the limit.
std::string read_text(const std::string& path, const std::string& what, std::size_t max_bytes);
void write_text(const std::string& path, const std::string& text, const std::string& what);

// The message of a ConfigError without the field prefix when the field only names the format
// ("json", "csv"): "malformed JSON at line 3, column 5: ..." rather than "json: malformed ...".
std::string describe(const ConfigError& e);

// Reads and decodes a config file; every failure is an InputError naming the file.
Config load_config_file(const std::string& path);

// Collapses newlines so that an error always fits the one-line contract of the CLI.
std::string one_line(std::string s);

}  // namespace nn::cli
