// Safe echoes of user input in error messages: every codec quotes the bad value back, and the
// value may be megabytes long, cut inside a UTF-8 character, or hold control bytes (a URL's %00,
// a CSV from a spreadsheet). Messages must stay one short printable line that the CLI can print
// and the app's API can JSON-encode (nlohmann's dump() throws on invalid UTF-8).
#pragma once
#include <cstddef>
#include <string>

namespace nn {

// At most max_bytes bytes of s (plus "..." when cut), cut only between whole UTF-8 characters;
// control characters and bytes that are not well-formed UTF-8 become '?'.
std::string excerpt(const std::string& s, std::size_t max_bytes = 40);

}  // namespace nn
