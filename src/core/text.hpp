// Safe echoes of user input in error messages: every codec quotes the bad value back, and the
// value may be megabytes long, cut inside a UTF-8 character, or hold control bytes (a URL's %00,
// a CSV from a spreadsheet). Messages must stay one short printable line that the CLI can print
// and the app's API can JSON-encode (nlohmann's dump() throws on invalid UTF-8).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace nn {

// At most max_bytes bytes of s (plus "..." when cut), cut only between whole UTF-8 characters;
// control characters and bytes that are not well-formed UTF-8 become '?'.
std::string excerpt(const std::string& s, std::size_t max_bytes = 40);

// The small string helpers every codec needs, once: s cut at each sep (n seps give n + 1 parts,
// empty ones kept); s without leading and trailing spaces and tabs; ASCII lower case; the parts
// joined with sep.
std::vector<std::string> split(const std::string& s, char sep);
std::string trim(const std::string& s);
std::string lower(std::string s);
std::string join(const std::vector<std::string>& parts, const char* sep);

}  // namespace nn
