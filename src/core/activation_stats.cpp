// Activation statistics (§2.4, §2.6): z histograms, saturated/dead fractions, and sampled f, f'
// curves with their shaded regions. The thresholds are solved in closed form from
// f'(z*) = kSaturationRatio f'(0), so the plot's shading and the counts agree exactly.
#include "activation_stats.hpp"

#include <algorithm>
#include <cmath>

namespace nn {

int Histogram::total() const {
  int t = below + above;
  for (int c : counts) t += c;
  return t;
}

UnitHealth unit_health(Activation f) {
  switch (f) {
    case Activation::Linear:
      return UnitHealth::None;
    case Activation::Sigmoid:
    case Activation::Tanh:
    case Activation::HardTanh:
    case Activation::Softsign:
      return UnitHealth::Saturation;
    case Activation::Relu:
    case Activation::LeakyRelu:
      return UnitHealth::Dead;
    default:  // an activation without a saturation or dead rule: no health counts
      return UnitHealth::None;
  }
}

namespace {
// |z| beyond which f is saturated; infinity when it never is.
double saturation_threshold(Activation f) {
  const double r = std::sqrt(1.0 - kSaturationRatio);
  switch (f) {
    case Activation::Sigmoid:
      return 2 * std::atanh(r);  // s(1-s) = ratio/4, s = sigma(z)
    case Activation::Tanh:
      return std::atanh(r);  // 1 - tanh^2 = ratio
    case Activation::Softsign:
      return 1 / std::sqrt(kSaturationRatio) - 1;  // 1/(1+|z|)^2 = ratio
    case Activation::HardTanh:
      return 1.0;  // f' = 0 outside [-1, 1]
    default:
      return INFINITY;
  }
}

// The formula with its derivative, from the activation table (activation.hpp).
const char* formula(Activation f) { return kind_row(kActivationKinds, f).formula; }
}  // namespace

bool is_saturated(Activation f, Scalar z, Scalar /*leaky_slope*/) {
  if (unit_health(f) != UnitHealth::Saturation) return false;
  return std::abs(z) > saturation_threshold(f);
}

bool is_inactive(Activation f, Scalar z) { return unit_health(f) == UnitHealth::Dead && z <= 0; }

std::vector<LayerActivationStats> activation_stats(const Network& net, const Workspace& ws,
                                                   int bins, double lo, double hi) {
  std::vector<LayerActivationStats> out;
  const int L = std::min(net.num_layers(), static_cast<int>(ws.z.size()));
  bins = std::max(bins, 1);
  if (!(hi > lo)) hi = lo + 1;
  for (int l = 0; l < L; ++l) {
    const Matrix& z = ws.z[static_cast<std::size_t>(l)];  // (units, N)
    const Matrix& a = ws.a[static_cast<std::size_t>(l)];  // (units, N)
    LayerActivationStats s;
    s.layer = l;
    s.f = net.layers[static_cast<std::size_t>(l)].f;
    s.units = static_cast<int>(z.rows());
    s.samples = static_cast<int>(z.cols());
    s.health = unit_health(s.f);
    s.z.lo = lo;
    s.z.hi = hi;
    s.z.counts.assign(static_cast<std::size_t>(bins), 0);
    s.dead.assign(static_cast<std::size_t>(s.units), false);
    if (z.size() == 0) {
      out.push_back(std::move(s));
      continue;
    }
    const double width = (hi - lo) / bins;
    long long saturated = 0, inactive = 0;
    int dead_units = 0;
    for (Eigen::Index i = 0; i < z.rows(); ++i) {
      bool always_inactive = true;
      for (Eigen::Index n = 0; n < z.cols(); ++n) {
        const double v = z(i, n);
        if (v < lo) {
          ++s.z.below;
        } else if (v >= hi) {
          ++s.z.above;
        } else {
          const int b = std::min(bins - 1, static_cast<int>((v - lo) / width));
          ++s.z.counts[static_cast<std::size_t>(b)];
        }
        saturated += is_saturated(s.f, v, net.spec().leaky_slope) ? 1 : 0;
        const bool off = is_inactive(s.f, v);
        inactive += off ? 1 : 0;
        always_inactive = always_inactive && off;
      }
      if (always_inactive && s.health == UnitHealth::Dead) {
        s.dead[static_cast<std::size_t>(i)] = true;
        ++dead_units;
      }
    }
    const double cells = static_cast<double>(z.size());
    s.saturated_fraction = static_cast<double>(saturated) / cells;
    s.inactive_fraction = static_cast<double>(inactive) / cells;
    s.dead_fraction = static_cast<double>(dead_units) / static_cast<double>(s.units);
    s.z_mean = z.mean();
    s.z_std = std::sqrt((z.array() - s.z_mean).square().mean());
    s.a_mean = a.size() ? a.mean() : 0.0;
    s.a_var = a.size() ? (a.array() - s.a_mean).square().mean() : 0.0;
    out.push_back(std::move(s));
  }
  return out;
}

ActivationCurve sample_activation(Activation f, Scalar leaky_slope, int n, double lo, double hi) {
  ActivationCurve c;
  c.f = f;
  c.formula = formula(f);
  n = std::max(n, 2);
  if (!(hi > lo)) hi = lo + 1;
  for (int i = 0; i < n; ++i) {
    const double z = lo + (hi - lo) * i / (n - 1);
    c.z.push_back(z);
    c.a.push_back(activate(f, z, leaky_slope));
    c.da.push_back(activate_derivative(f, z, leaky_slope));
  }
  switch (unit_health(f)) {
    case UnitHealth::None:
      break;
    case UnitHealth::Saturation: {
      const double t = saturation_threshold(f);
      if (-t > lo) c.regions.push_back(Interval{lo, -t, "saturated"});
      if (t < hi) c.regions.push_back(Interval{t, hi, "saturated"});
      break;
    }
    case UnitHealth::Dead:
      if (lo < 0)
        c.regions.push_back(
            Interval{lo, std::min(0.0, hi), f == Activation::Relu ? "dead" : "leaky"});
      break;
  }
  return c;
}

}  // namespace nn
