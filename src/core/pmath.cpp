// Portable math (pmath.hpp): exp, log, log1p, sin/cos, integer powers, sigmoid and softplus from
// IEEE-exact operations only, so native and wasm agree bit for bit.
#include "pmath.hpp"

#include <cmath>
#include <limits>

namespace nn {

// fdlibm's sin/cos and exp kernels after a Cody-Waite reduction.
void portable_sincos(double x, double& s, double& c) {
  const double inv_pio2 = 6.36619772367581382433e-01;
  const double pio2_1 = 1.57079632673412561417e+00;   // first 33 bits of pi/2: n * pio2_1 is exact
  const double pio2_1t = 6.07710050650619224932e-11;  // pi/2 - pio2_1
  const double n = std::floor(x * inv_pio2 + 0.5);
  const double r = (x - n * pio2_1) - n * pio2_1t;  // |r| <= ~pi/4
  const double z = r * r;
  const double sin_r =
      r + z * r *
              (-1.66666666666666324348e-01 +
               z * (8.33333333332248946124e-03 +
                    z * (-1.98412698298579493134e-04 +
                         z * (2.75573137070700676789e-06 + z * (-2.50507602534068634195e-08 +
                                                                z * 1.58969099521155010221e-10)))));
  const double w = z * z;
  const double q = z * (4.16666666666666019037e-02 +
                        z * (-1.38888888888741095749e-03 + z * 2.48015872894767294178e-05)) +
                   w * w *
                       (-2.75573143513906633035e-07 +
                        z * (2.08757232129817482790e-09 + z * -1.13596475577881948265e-11));
  const double hz = 0.5 * z;
  const double one_minus_hz = 1.0 - hz;
  const double cos_r = one_minus_hz + (((1.0 - one_minus_hz) - hz) + z * q);
  switch (static_cast<long long>(n) & 3) {
    case 0:
      s = sin_r;
      c = cos_r;
      break;
    case 1:
      s = cos_r;
      c = -sin_r;
      break;
    case 2:
      s = -sin_r;
      c = -cos_r;
      break;
    default:
      s = -cos_r;
      c = sin_r;
      break;
  }
}

double portable_exp(double x) {
  if (!(x == x)) return x;  // NaN
  if (x < -745.0) return 0.0;
  if (x > 709.782712893384) return HUGE_VAL;  // beyond the largest double
  const double ln2_hi = 6.93147180369123816490e-01;
  const double ln2_lo = 1.90821492927058770002e-10;
  const double k = std::floor(x * 1.44269504088896338700e+00 + 0.5);
  const double hi = x - k * ln2_hi;
  const double lo = k * ln2_lo;
  const double r = hi - lo;  // |r| <= ~ln2 / 2
  const double t = r * r;
  const double c =
      r - t * (1.66666666666666019037e-01 +
               t * (-2.77777777770155933842e-03 +
                    t * (6.61375632143793436117e-05 +
                         t * (-1.65339022054652515390e-06 + t * 4.13813679705723846039e-08))));
  const double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
  return std::ldexp(y, static_cast<int>(k));
}

double portable_log(double x) {
  if (!(x > 0)) return x == 0 ? -HUGE_VAL : std::numeric_limits<double>::quiet_NaN();
  if (x == HUGE_VAL) return x;
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

double portable_log1p(double x) {
  if (!(x > -1)) return x == -1 ? -HUGE_VAL : std::numeric_limits<double>::quiet_NaN();
  if (x == HUGE_VAL) return x;
  // w = 1 + x rounds; log(w) * x / (w - 1) corrects for that rounding to first order.
  const double w = 1.0 + x;
  if (w == 1.0) return x;
  return portable_log(w) * (x / (w - 1.0));
}

double portable_sin(double x) {
  double s = 0, c = 0;
  portable_sincos(x, s, c);
  return s;
}

namespace {
// Double-double arithmetic (hi + lo, |lo| <= ulp(hi) / 2) from IEEE operations only.
struct DD {
  double hi, lo;
};
// a * b = p + e exactly (Dekker): Veltkamp's split into two 26-bit halves, no FMA.
DD two_prod(double a, double b) {
  const double split = 134217729.0;  // 2^27 + 1
  const double ca = split * a, cb = split * b;
  const double ah = ca - (ca - a), al = a - ah;
  const double bh = cb - (cb - b), bl = b - bh;
  const double p = a * b;
  const double e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  return {p, e};
}
DD mul(DD x, DD y) {
  DD p = two_prod(x.hi, y.hi);
  p.lo += x.hi * y.lo + x.lo * y.hi;
  const double s = p.hi + p.lo;  // renormalize (fast two-sum, |p.hi| >= |p.lo|)
  return {s, p.lo - (s - p.hi)};
}
}  // namespace

double portable_powi(double b, long long n) {
  if (n <= 0) return 1.0;
  // Outside the range where Veltkamp's split is exact (|b| near overflow) or for non-finite b,
  // plain squaring: still IEEE operations only, so still the same bits everywhere.
  if (!(std::abs(b) < 0x1p500 && std::abs(b) > 0x1p-500)) {
    double r = 1.0, p = b;
    for (; n > 0; n >>= 1, p *= p)
      if (n & 1) r *= p;
    return r;
  }
  DD r{1.0, 0.0}, p{b, 0.0};
  for (;;) {
    if (n & 1) r = mul(r, p);
    n >>= 1;
    if (n == 0) break;
    p = mul(p, p);
    if (p.hi == 0) return r.hi * 0.0;  // underflowed: b^n rounds to (signed) zero
    if (std::abs(p.hi) > 0x1p450 || std::abs(r.hi) > 0x1p450) {
      // Heading for overflow (|b| > 1 only; training powers are of b <= 1): plain squaring.
      double q = r.hi + r.lo, s = p.hi;
      for (; n > 0; n >>= 1, s *= s)
        if (n & 1) q *= s;
      return q;
    }
  }
  return r.hi + r.lo;
}

double portable_sigmoid(double x) {
  if (x >= 0) return 1.0 / (1.0 + portable_exp(-x));
  const double e = portable_exp(x);  // NaN stays NaN here
  return e / (1.0 + e);
}

double portable_softplus(double x) {
  return x > 0 ? x + portable_log1p(portable_exp(-x)) : portable_log1p(portable_exp(x));
}

}  // namespace nn
