// File and config helpers of nnplay-cli (see cli_util.hpp). Errors carry the file name and the
// operating system's reason, so "exit 2 and one line naming the problem" holds for every file.
#include "cli/cli_util.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "core/text.hpp"
#include "io/config_json.hpp"
#include "io/input_limits.hpp"

namespace nn::cli {

// Printable and short: a path with control characters or of 10 kB stays one readable line.
std::string display_name(const std::string& path) {
  return path == "-" ? "<stdin>" : excerpt(path, 300);
}

namespace {

// Reads in chunks until EOF or one byte past the limit, so a stream without end (/dev/zero, a
// pipe) costs at most max_bytes of memory.
std::string read_bounded(std::istream& in, const std::string& source, const std::string& what,
                         std::size_t max_bytes) {
  std::string text;
  char buf[1 << 16];
  while (in && text.size() <= max_bytes) {
    const std::size_t want = std::min(sizeof buf, max_bytes + 1 - text.size());
    in.read(buf, static_cast<std::streamsize>(want));
    text.append(buf, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw InputError("cannot read " + source + ": read error");
  if (text.size() > max_bytes)
    throw InputError(source + ": more than " + std::to_string(max_bytes >> 20) +
                     " MB, the limit for a " + what + " (nothing was loaded)");
  return text;
}

}  // namespace

std::string read_text(const std::string& path, const std::string& what, std::size_t max_bytes) {
  if (path == "-") return read_bounded(std::cin, what + " from standard input", what, max_bytes);
  const std::string source = what + " '" + display_name(path) + "'";
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError("cannot read " + source + ": it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read " + source + ": " + std::strerror(errno));
  return read_bounded(in, source, what, max_bytes);
}

void write_text(const std::string& path, const std::string& text, const std::string& what) {
  if (path == "-") {
    std::cout << text;
    std::cout.flush();
    return;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out)
    throw InputError("cannot write " + what + " '" + display_name(path) +
                     "': " + std::strerror(errno));
  out << text;
  out.flush();
  if (!out) throw InputError("cannot write " + what + " '" + display_name(path) + "': write error");
}

std::string describe(const ConfigError& e) {
  const std::string what = e.what();
  if (e.field == "json" || e.field == "csv") {
    const std::string prefix = e.field + ": ";
    if (what.compare(0, prefix.size(), prefix) == 0) return what.substr(prefix.size());
  }
  return what;
}

Config load_config_file(const std::string& path) {
  const std::string text = read_text(path, "config file", kMaxConfigBytes);
  try {
    return parse_config_json(text);
  } catch (const ConfigError& e) {
    throw InputError(display_name(path) + ": " + describe(e));
  }
}

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

}  // namespace nn::cli
