// Shared checks of the libFuzzer targets: which outcomes of a codec are expected (a result, or an
// nn::ConfigError with a well-formed message) and which are bugs (any other exception, a bad
// message, a broken round trip). A bug prints what went wrong and aborts, so libFuzzer saves the
// input as a crash artifact.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "core/types.hpp"

namespace nn::fuzz {

[[noreturn]] inline void bug(const std::string& what) {
  std::fprintf(stderr, "FUZZ BUG: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

inline void expect(bool ok, const std::string& what) {
  if (!ok) bug(what);
}

// True if s is well-formed UTF-8 without control characters (messages are shown on one line and
// JSON-encoded by the app's API, whose dump() throws on invalid UTF-8).
inline bool printable_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) return false;
    int extra = 0;
    if (c < 0x80) {
      extra = 0;
    } else if (c >= 0xc2 && c <= 0xdf) {
      extra = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
      extra = 2;
    } else if (c >= 0xf0 && c <= 0xf4) {
      extra = 3;
    } else {
      return false;
    }
    for (int k = 1; k <= extra; ++k) {
      if (i + k >= s.size()) return false;
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xc0) != 0x80) return false;
    }
    // Overlong 3/4-byte forms, surrogates and code points above U+10FFFF.
    if (extra == 2) {
      const auto d = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xe0 && d < 0xa0) || (c == 0xed && d >= 0xa0)) return false;
    }
    if (extra == 3) {
      const auto d = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xf0 && d < 0x90) || (c == 0xf4 && d >= 0x90)) return false;
    }
    i += static_cast<std::size_t>(extra) + 1;
  }
  return true;
}

// Longest message we accept: the longest legitimate ones list the allowed keys (about 300 bytes).
constexpr std::size_t kMaxMessage = 1000;

// The contract of every validation error: it names a field, what() reads "<field>: <message>",
// and the text is a short, printable line.
inline void check_config_error(const ConfigError& e) {
  const std::string what = e.what();
  expect(!e.field.empty(), "ConfigError without a field: " + what.substr(0, 200));
  expect(what.size() > e.field.size() + 2, "ConfigError without a message: " + what.substr(0, 200));
  expect(what.compare(0, e.field.size() + 2, e.field + ": ") == 0,
         "ConfigError what() does not start with its field: " + what.substr(0, 200));
  expect(what.size() <= kMaxMessage, "ConfigError message of " + std::to_string(what.size()) +
                                         " bytes: " + what.substr(0, 200));
  expect(printable_utf8(what),
         "ConfigError message is not printable UTF-8: " + what.substr(0, 200));
}

// Runs f; a ConfigError is an expected outcome (checked), any other exception is a bug.
// Returns true if f returned normally.
template <typename F>
bool run_codec(const char* codec, F&& f) {
  try {
    f();
    return true;
  } catch (const ConfigError& e) {
    check_config_error(e);
    return false;
  } catch (const std::exception& e) {
    bug(std::string(codec) + ": unexpected exception: " + e.what());
  } catch (...) {
    bug(std::string(codec) + ": unexpected non-std exception");
  }
}

}  // namespace nn::fuzz
