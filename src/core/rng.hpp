// The one random source of the core: PCG32 seeded through SplitMix64, with our own uniform and
// normal (Marsaglia polar with a portable log), so the same seed gives bit-identical numbers under
// libstdc++ (native) and libc++/musl (wasm). No std::*_distribution anywhere.
#pragma once
#include <cstdint>

namespace nn {

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 42) { reseed(seed); }
  void reseed(std::uint64_t seed);
  std::uint32_t next_u32();
  // Uniform in [0, 1) with 53 random bits.
  double uniform();
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [0, n), unbiased (rejection).
  std::uint32_t below(std::uint32_t n);
  // Standard normal N(0, 1).
  double normal();
  double normal(double mean, double sd) { return mean + sd * normal(); }
  std::uint64_t state() const { return state_; }

 private:
  std::uint64_t state_ = 0;
  std::uint64_t inc_ = 0;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

// log(x) for x > 0 from +, -, *, / and frexp only, so it is bit-identical on every platform
// (libm's log may differ by an ulp between glibc and musl). Accurate to ~1 ulp.
double portable_log(double x);

}  // namespace nn
