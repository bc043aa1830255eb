// Portable transcendental functions of the core: built from +, -, *, /, floor, frexp and ldexp
// only (all exact or correctly rounded IEEE operations), so every value on the training path has
// the same bits natively (glibc) and in wasm (musl), whose libm results may differ in the last
// place. tanh lives in simd.hpp (vectorized); sqrt is correctly rounded everywhere and needs none.
#pragma once

namespace nn {

// exp and log within ~1 ulp; exp(NaN) = NaN, exp overflows to inf and underflows to 0;
// log(0) = -inf, log(x < 0) = NaN.
double portable_exp(double x);
double portable_log(double x);
// log(1 + x) for x > -1, accurate near 0 (Goldberg's w = 1 + x correction), within a few ulp.
double portable_log1p(double x);
// sin and cos of x (fdlibm's kernels, one Cody-Waite step: ~1 ulp for |x| < 1e5; still the same
// bits on every platform beyond).
void portable_sincos(double x, double& s, double& c);
double portable_sin(double x);
// b^n for an integer n >= 0 by squaring in double-double arithmetic (Dekker's product without
// FMA), rounded once at the end: within 1 ulp for the n of a training run (n < 2^40).
double portable_powi(double b, long long n);

// §2.4 logistic sigmoid 1 / (1 + e^-x), stable for large |x| (never exponentiates a positive
// number), and softplus log(1 + e^x) = max(x, 0) + log1p(e^-|x|) without overflow.
double portable_sigmoid(double x);
double portable_softplus(double x);

}  // namespace nn
