// Size limits of every text input, checked before parsing so that no input can make a parser,
// the heap or a message grow without bound. The CLI, the app's JS API, its file imports and the
// links all refuse input past these with a message naming the limit (docs/robustness.md).
#pragma once
#include <cstddef>
#include <string>

namespace nn {

// A config is a few hundred bytes; a megabyte leaves room for any layout of it.
constexpr std::size_t kMaxConfigBytes = std::size_t{1} << 20;
// A model of the largest network (8 x 64 units) is about 1 MB written pretty.
constexpr std::size_t kMaxModelBytes = std::size_t{16} << 20;
// A dataset CSV of kCsvMaxRows rows of full-precision numbers is about 6 MB.
constexpr std::size_t kMaxCsvBytes = std::size_t{16} << 20;
// A link's hash (or query): a full config is under 1 KB.
constexpr std::size_t kMaxLinkBytes = std::size_t{64} << 10;
// Short names: lesson ids, import kinds, file names shown in messages.
constexpr std::size_t kMaxNameBytes = 1024;

// Step counts (a model's "steps", the CLI's and the app's counters) stay at most 2^53 - 1, so
// they are exact in a JavaScript number and in a double, and adding a run's steps never wraps.
constexpr long long kMaxStepCount = (1LL << 53) - 1;

// "setConfig: the input is 2.0 MB; the limit is 1 MB" style text: `size` bytes against `limit`.
std::string size_limit_message(std::size_t size, std::size_t limit);

}  // namespace nn
