// Activation statistics for §2.4 and §2.6: per layer, a histogram of z over a batch and the
// fraction of saturated (sigmoid, tanh, softsign, hardtanh) or dead/inactive (relu, leaky relu)
// units; and f, f' sampled over [-5, 5] with the saturated/dead regions as intervals, for plots.
//
// Definitions (documented here, used by the views' captions):
//   saturated  f'(z) < kSaturationRatio * f'(0): the unit passes back less than 10% of the
//              gradient it could (sigmoid |z| > 3.64, tanh |z| > 1.82, softsign |z| > 2.16);
//              hardtanh: |z| > 1 (f' = 0 there)
//   inactive   relu / leaky relu: z <= 0 (relu passes no gradient, leaky relu only k)
//   dead unit  relu / leaky relu: inactive for every sample of the batch ("never fires")
#pragma once
#include <string>
#include <vector>

#include "activation.hpp"
#include "network.hpp"
#include "types.hpp"

namespace nn {

constexpr double kSaturationRatio = 0.1;

struct Histogram {
  double lo = -5, hi = 5;    // bins cover [lo, hi) in equal widths
  std::vector<int> counts;   // one per bin
  int below = 0, above = 0;  // values < lo and >= hi (not in any bin)
  double bin_width() const { return counts.empty() ? 0 : (hi - lo) / counts.size(); }
  int total() const;
};

// What a layer's fraction means: Saturation (sigmoid/tanh/softsign/hardtanh), Dead (relu/leaky
// relu), None (linear: neither can happen).
enum class UnitHealth { None, Saturation, Dead };

struct LayerActivationStats {
  int layer = 0;  // network layer index (0-based); the notes' z^(layer+2)
  Activation f = Activation::Tanh;
  int units = 0, samples = 0;
  UnitHealth health = UnitHealth::None;
  Histogram z;                    // histogram of z over units x samples
  double saturated_fraction = 0;  // of (unit, sample) pairs that are saturated
  double inactive_fraction = 0;   // relu/leaky relu: of (unit, sample) pairs with z <= 0
  double dead_fraction = 0;       // relu/leaky relu: of units inactive for every sample
  std::vector<bool> dead;         // per unit (relu/leaky relu), else all false
  double z_mean = 0, z_std = 0, a_mean = 0, a_var = 0;
};

// For every layer of the last forward pass in ws (ws.z, ws.a filled by Network::forward).
// bins >= 1 over [lo, hi].
std::vector<LayerActivationStats> activation_stats(const Network& net, const Workspace& ws,
                                                   int bins = 40, double lo = -5, double hi = 5);

// Does f'(z) count as saturated (Saturation kinds) or is z inactive (Dead kinds)?
bool is_saturated(Activation f, Scalar z, Scalar leaky_slope);
bool is_inactive(Activation f, Scalar z);
UnitHealth unit_health(Activation f);

struct Interval {
  double lo = 0, hi = 0;
  std::string kind;  // "saturated", "dead" (relu, f' = 0), "leaky" (leaky relu, f' = k)
};

struct ActivationCurve {
  Activation f = Activation::Tanh;
  std::vector<double> z, a, da;   // n samples of z, f(z), f'(z) over [lo, hi]
  std::vector<Interval> regions;  // shaded regions inside [lo, hi]
  std::string formula;            // "f(z) = tanh z, f'(z) = 1 - tanh^2 z"
};

// n >= 2 evenly spaced samples over [lo, hi] and the regions, for the §2.4 plot.
ActivationCurve sample_activation(Activation f, Scalar leaky_slope = 0.01, int n = 201,
                                  double lo = -5, double hi = 5);

}  // namespace nn
