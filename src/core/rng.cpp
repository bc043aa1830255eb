// PCG32 (O'Neill, pcg-random.org, XSH-RR variant) seeded by SplitMix64.
#include "rng.hpp"

#include <cmath>

#include "pmath.hpp"

namespace nn {

namespace {
std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
}  // namespace

void Rng::reseed(std::uint64_t seed) {
  std::uint64_t s = seed;
  std::uint64_t init_state = splitmix64(s);
  inc_ = (splitmix64(s) << 1u) | 1u;
  state_ = 0;
  next_u32();
  state_ += init_state;
  next_u32();
  has_spare_ = false;
  spare_ = 0.0;
}

double Rng::uniform() {
  std::uint64_t hi = next_u32() >> 5;  // 27 bits
  std::uint64_t lo = next_u32() >> 6;  // 26 bits
  return static_cast<double>((hi << 26) | lo) * (1.0 / 9007199254740992.0);
}

double Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  double u, v, s;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  double m = std::sqrt(-2.0 * portable_log(s) / s);  // sqrt is correctly rounded everywhere
  spare_ = v * m;
  has_spare_ = true;
  return u * m;
}

}  // namespace nn
