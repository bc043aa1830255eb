// PCG32 (O'Neill, pcg-random.org, XSH-RR variant) seeded by SplitMix64.
#include "rng.hpp"

#include <cmath>

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

double portable_log(double x) {
  // x = f * 2^e with f in [sqrt(1/2), sqrt(2)); log x = e ln2 + 2 atanh((f-1)/(f+1)).
  int e = 0;
  double f = std::frexp(x, &e);  // f in [0.5, 1)
  if (f < 0.70710678118654752440) {
    f *= 2.0;
    e -= 1;
  }
  double t = (f - 1.0) / (f + 1.0);
  double t2 = t * t;
  // atanh series: t + t^3/3 + t^5/5 + ...; |t| < 0.1716 so 11 terms reach double precision.
  double sum = 0.0;
  for (int k = 21; k >= 1; k -= 2) sum = sum * t2 + 1.0 / k;
  const double ln2_hi = 6.93147180369123816490e-01;
  const double ln2_lo = 1.90821492927058770002e-10;
  return e * ln2_hi + (2.0 * t * sum + e * ln2_lo);
}

}  // namespace nn
