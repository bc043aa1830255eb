// 128-bit vectors for the core's hot loops (internal header): two doubles (training, predict) or
// four floats (predict_display); SSE2 natively, simd128 in wasm, from one source through the
// GCC/Clang vector extension. Every operation is the IEEE operation on each lane and nothing is
// contracted (-ffp-contract=off), so a lane holds exactly the bits the scalar code would give:
// vector, scalar and tail paths agree on every platform.
#pragma once
#include <cstdint>
#include <cstring>
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace nn::simd {

typedef double f64x2 __attribute__((vector_size(16)));
typedef std::uint64_t u64x2 __attribute__((vector_size(16)));  // bit patterns (shifts defined)
typedef float f32x4 __attribute__((vector_size(16)));
typedef std::uint32_t u32x4 __attribute__((vector_size(16)));

inline f64x2 splat(double d) { return f64x2{d, d}; }
inline f64x2 load(const double* p) {  // unaligned
  f64x2 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(double* p, f64x2 v) { std::memcpy(p, &v, sizeof v); }
// Bit casts between the two vector types (the vector extension's cast: no conversion).
inline u64x2 bits(f64x2 v) { return (u64x2)v; }
inline f64x2 from_bits(u64x2 v) { return (f64x2)v; }

// limit < x ? limit : x on each lane: a NaN x stays NaN. One instruction (wasm pmin, SSE min
// with the operands in this order) where the portable form takes a compare and three bit ops.
inline f64x2 min_keep_nan(f64x2 x, f64x2 limit) {
#if defined(__wasm_simd128__)
  return (f64x2)wasm_f64x2_pmin((v128_t)x, (v128_t)limit);
#elif defined(__SSE2__)
  return (f64x2)_mm_min_pd((__m128d)limit, (__m128d)x);
#else
  const u64x2 big = (u64x2)(limit < x);
  return from_bits((big & bits(limit)) | (~big & bits(x)));
#endif
}

// tanh of K vectors (2K values) at once, within 3 ulp of the exact value; odd (tanh(-x) =
// -tanh(x) bit for bit), NaN in gives NaN out, +-inf give +-1.
//   tanh|x| = -t / (t + 2) with t = expm1(-2|x|); expm1(y) = 2^n (expm1(r) + 1) - 1 with
//   y = n ln2 + r, |r| <= ln2/2 (Cody-Waite reduction), and expm1(r) = r + r^2/2 + r^3 q(r) with
//   q a near-minimax polynomial of degree 8 (Chebyshev fit; relative error below 1e-16).
// No table, no branch, no libm: the same bits natively and in wasm (libm's tanh differs between
// glibc and musl). Each step runs over the K vectors before the next step: one tanh is a ~100
// cycle dependency chain, and interleaving K = 4 of them lets the out-of-order core overlap them
// (1.6x faster than one at a time, natively and in V8). A lane's result never depends on K.
template <int K>
inline void tanh(f64x2 (&x)[K]) {
  const u64x2 sign = {1ull << 63, 1ull << 63};
  const f64x2 shift = splat(0x1.8p52);
  f64x2 y[K], kd[K], r[K], r2[K], q[K], t[K];
  for (int i = 0; i < K; ++i) {
    // tanh rounds to 1 beyond |x| = 19.1; clamping keeps 2^n normal.
    const f64x2 ax = min_keep_nan(from_bits(bits(x[i]) & ~sign), splat(20.0));
    y[i] = splat(-2.0) * ax;  // [-40, 0]
  }
  // n = round(y / ln2) by the 1.5 * 2^52 trick; kd's low mantissa bits then hold n.
  for (int i = 0; i < K; ++i) kd[i] = y[i] * splat(0x1.71547652b82fep0) + shift;
  for (int i = 0; i < K; ++i) {
    // ln2 = ln2_hi + ln2_lo, ln2_hi with 12 trailing zero bits so n ln2_hi is exact.
    const f64x2 n = kd[i] - shift;
    r[i] = (y[i] - n * splat(0x1.62e42fefa3000p-1)) - n * splat(0x1.3de6af278ece6p-42);
  }
  for (int i = 0; i < K; ++i) r2[i] = r[i] * r[i];
  // q(r) = 1/6 + r/24 + ... by Estrin's scheme: shorter chains than Horner's.
  for (int i = 0; i < K; ++i) {
    const f64x2 q01 = splat(0x1.5555555554cb8p-5) + splat(0x1.1111111110e6bp-7) * r[i];
    const f64x2 q23 = splat(0x1.a01a01a4b26e2p-13) * r[i] + splat(0x1.6c16c1738ecf7p-10);
    const f64x2 lo = q01 + r2[i] * q23;
    q[i] = lo;
  }
  for (int i = 0; i < K; ++i) {
    const f64x2 q45 = splat(0x1.71de17e7960e6p-19) * r[i] + splat(0x1.a019c9ab213aap-16);
    const f64x2 q67 = splat(0x1.af2360e209bc8p-26) * r[i] + splat(0x1.28803926c8ea8p-22);
    const f64x2 hi = q45 + r2[i] * q67;
    q[i] = splat(0x1.5555555555555p-3) + r[i] * (q[i] + (r2[i] * r2[i]) * hi);
  }
  for (int i = 0; i < K; ++i) {
    const f64x2 p = r[i] + (splat(0.5) * r2[i] + r2[i] * r[i] * q[i]);   // expm1(r)
    const f64x2 s = from_bits((bits(kd[i]) + u64x2{1023, 1023}) << 52);  // 2^n, n in [-58, 0]
    t[i] = s * p + (s - splat(1.0));  // expm1(y) in (-1, 0]; s - 1 is exact
  }
  for (int i = 0; i < K; ++i) {
    const f64x2 v = t[i] / (t[i] + splat(2.0));  // -tanh|x|
    x[i] = from_bits((bits(v) & ~sign) | (bits(x[i]) & sign));
  }
}

inline f64x2 tanh(f64x2 x) {
  f64x2 v[1] = {x};
  tanh<1>(v);
  return v[0];
}

// Single precision, four floats per vector, for values that only get displayed: the same method
// with a degree-3 q (relative error of the result below 2e-7, a few float ulp).
inline f32x4 splat4(float f) { return f32x4{f, f, f, f}; }
inline f32x4 load4(const float* p) {
  f32x4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store4(float* p, f32x4 v) { std::memcpy(p, &v, sizeof v); }
inline f32x4 min_keep_nan(f32x4 x, f32x4 limit) {  // as for f64x2
#if defined(__wasm_simd128__)
  return (f32x4)wasm_f32x4_pmin((v128_t)x, (v128_t)limit);
#elif defined(__SSE2__)
  return (f32x4)_mm_min_ps((__m128)limit, (__m128)x);
#else
  const u32x4 big = (u32x4)(limit < x);
  return (f32x4)((big & (u32x4)limit) | (~big & (u32x4)x));
#endif
}

template <int K>
inline void tanh(f32x4 (&x)[K]) {
  const u32x4 sign = {1u << 31, 1u << 31, 1u << 31, 1u << 31};
  const f32x4 shift = splat4(0x1.8p23f);
  f32x4 y[K], kd[K], t[K];
  for (int i = 0; i < K; ++i) {
    // tanh rounds to 1 in float beyond 9.
    const f32x4 ax = min_keep_nan((f32x4)((u32x4)x[i] & ~sign), splat4(9.0f));
    y[i] = splat4(-2.0f) * ax;
  }
  for (int i = 0; i < K; ++i) kd[i] = y[i] * splat4(0x1.715476p0f) + shift;
  for (int i = 0; i < K; ++i) {
    const f32x4 n = kd[i] - shift;
    const f32x4 r = (y[i] - n * splat4(0x1.62e4p-1f)) - n * splat4(0x1.7f7d1cp-20f);
    f32x4 q = splat4(0x1.6cdee8p-10f) * r + splat4(0x1.11d946p-7f);
    q = q * r + splat4(0x1.55553ep-5f);
    q = q * r + splat4(0x1.555526p-3f);
    const f32x4 r2 = r * r;
    const f32x4 p = r + r2 * (splat4(0.5f) + r * q);                            // expm1(r)
    const f32x4 s = (f32x4)(((u32x4)kd[i] + u32x4{127, 127, 127, 127}) << 23);  // 2^n
    t[i] = s * p + (s - splat4(1.0f));
  }
  for (int i = 0; i < K; ++i) {
    const f32x4 v = t[i] / (t[i] + splat4(2.0f));
    x[i] = (f32x4)(((u32x4)v & ~sign) | ((u32x4)x[i] & sign));
  }
}

}  // namespace nn::simd
