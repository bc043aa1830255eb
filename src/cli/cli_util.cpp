// File and config helpers of nnplay-cli (see cli_util.hpp). Errors carry the file name and the
// operating system's reason, so "exit 2 and one line naming the problem" holds for every file.
#include "cli/cli_util.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "io/config_json.hpp"

namespace nn::cli {

std::string display_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

std::string read_text(const std::string& path, const std::string& what) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    if (std::cin.bad()) throw InputError("cannot read " + what + " from standard input");
    return ss.str();
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError("cannot read " + what + " '" + path + "': it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read " + what + " '" + path + "': " + std::strerror(errno));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw InputError("cannot read " + what + " '" + path + "': read error");
  return text;
}

void write_text(const std::string& path, const std::string& text, const std::string& what) {
  if (path == "-") {
    std::cout << text;
    std::cout.flush();
    return;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw InputError("cannot write " + what + " '" + path + "': " + std::strerror(errno));
  out << text;
  out.flush();
  if (!out) throw InputError("cannot write " + what + " '" + path + "': write error");
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
  const std::string text = read_text(path, "config file");
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
