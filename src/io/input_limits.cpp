// Messages for the size limits of input_limits.hpp.
#include "io/input_limits.hpp"

#include <cstdio>

namespace nn {

namespace {

std::string bytes_text(std::size_t n) {
  char buf[64];
  if (n >= (std::size_t{1} << 20))
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(n) / 1048576.0);
  else if (n >= 1024)
    std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(n) / 1024.0);
  else
    std::snprintf(buf, sizeof buf, "%zu bytes", n);
  std::string s = buf;
  // "1.0 MB" -> "1 MB" for the round limits.
  const std::size_t dot = s.find(".0 ");
  if (dot != std::string::npos) s.erase(dot, 2);
  return s;
}

}  // namespace

std::string size_limit_message(std::size_t size, std::size_t limit) {
  return "the input is " + bytes_text(size) + "; the limit is " + bytes_text(limit) +
         " (nothing was read)";
}

}  // namespace nn
