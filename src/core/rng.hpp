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
  std::uint32_t next_u32() {  // inline: the batch sampler draws one per sample
    std::uint64_t old = state_;
    state_ = old * 6364136223846793005ULL + inc_;
    auto xorshifted = static_cast<std::uint32_t>(((old >> 18u) ^ old) >> 27u);
    auto rot = static_cast<std::uint32_t>(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
  }
  // Uniform in [0, 1) with 53 random bits.
  double uniform();
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [0, n), unbiased: r % n, rejecting r < 2^32 mod n. That threshold is
  // below n, so it only needs computing (a second division) in the rare case r < n; the drawn
  // numbers are the same as computing it every time.
  std::uint32_t below(std::uint32_t n) {
    if (n <= 1) return 0;
    for (;;) {
      const std::uint32_t r = next_u32();
      if (r >= n || r >= (0u - n) % n) return r % n;
    }
  }
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

}  // namespace nn
