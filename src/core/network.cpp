// Dense network forward/backward (§1.6), regularization (§2.2), dropout (§2.3), init (§2.6).
// forward and backward sit next to each other; both reuse the Workspace's buffers, so a warm
// step at a fixed batch size allocates nothing.
#include "network.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "simd.hpp"

namespace nn {

const char* name(Init i) { return kind_row(kInitKinds, i).name; }

Init parse_init(const std::string& s, const std::string& field) {
  return kind_parse(kInitKinds, s, field, "init");
}

const char* name(Regularization r) { return kind_row(kRegularizationKinds, r).name; }

Regularization parse_regularization(const std::string& s, const std::string& field) {
  return kind_parse(kRegularizationKinds, s, field, "regularization");
}

void NetworkSpec::validate() const {
  if (inputs < 1 || inputs > kMaxInputs)
    throw ConfigError("network.inputs", "must be 1-" + std::to_string(kMaxInputs) + ", got " +
                                            std::to_string(inputs));
  if (static_cast<int>(hidden.size()) > kMaxHiddenLayers)
    throw ConfigError("network.hidden", "at most " + std::to_string(kMaxHiddenLayers) +
                                            " hidden layers (0-8 allowed), got " +
                                            std::to_string(hidden.size()));
  for (std::size_t i = 0; i < hidden.size(); ++i)
    if (hidden[i] < 1 || hidden[i] > kMaxUnits)
      throw ConfigError("network.hidden[" + std::to_string(i) + "]",
                        "units per layer must be 1-" + std::to_string(kMaxUnits) + ", got " +
                            std::to_string(hidden[i]));
  if (activations.size() != hidden.size())
    throw ConfigError("network.activation", "need one activation per hidden layer (" +
                                                std::to_string(hidden.size()) + "), got " +
                                                std::to_string(activations.size()));
  if (outputs < 1 || outputs > kMaxOutputs)
    throw ConfigError("network.outputs", "must be 1-" + std::to_string(kMaxOutputs));
  if (!(leaky_slope >= 0 && leaky_slope < 1))
    throw ConfigError("network.leaky_slope", "must be in [0, 1)");
}

Network::Network(const NetworkSpec& spec, Init init_kind, Scalar normal_sigma, Rng& rng) {
  init(spec, init_kind, normal_sigma, rng);
}

void Network::init(const NetworkSpec& spec, Init init_kind, Scalar normal_sigma, Rng& rng) {
  spec.validate();
  spec_ = spec;
  const int L = static_cast<int>(spec.hidden.size()) + 1;
  layers.assign(L, Layer{});
  int n_in = spec.inputs;
  for (int l = 0; l < L; ++l) {
    const bool out = l == L - 1;
    const int n_out = out ? spec.outputs : spec.hidden[l];
    Layer& layer = layers[l];
    layer.f = out ? spec.output_activation : spec.activations[l];
    layer.W.resize(n_out, n_in);
    layer.b = Vector::Zero(n_out);
    layer.dW = Matrix::Zero(n_out, n_in);
    layer.db = Vector::Zero(n_out);
    // Fill in memory order so the sequence of draws is fixed on every platform.
    Scalar* w = layer.W.data();
    const Eigen::Index n = layer.W.size();
    switch (init_kind) {
      case Init::Xavier: {  // Glorot uniform: U[-sqrt(6/(n_in+n_out)), +sqrt(6/(n_in+n_out))]
        const Scalar r = std::sqrt(6.0 / (n_in + n_out));
        for (Eigen::Index i = 0; i < n; ++i) w[i] = rng.uniform(-r, r);
        break;
      }
      case Init::Normal:
        for (Eigen::Index i = 0; i < n; ++i) w[i] = normal_sigma * rng.normal();
        break;
      case Init::He: {  // N(0, 2 / n_in)
        const Scalar sd = std::sqrt(2.0 / n_in);
        for (Eigen::Index i = 0; i < n; ++i) w[i] = sd * rng.normal();
        break;
      }
    }
    n_in = n_out;
  }
}

std::size_t Network::num_parameters() const {
  std::size_t n = 0;
  for (const Layer& l : layers) n += static_cast<std::size_t>(l.W.size() + l.b.size());
  return n;
}

std::string Network::describe() const {
  std::string s = std::to_string(spec_.inputs) + " inputs";
  for (const Layer& l : layers) s += " -> " + std::to_string(l.n_out()) + " " + name(l.f);
  return s;
}

// [SECTION] kernels. Small dense products written for the playground's shapes (1-64 units,
// batches of ~10 columns, grids of 65536): Eigen's general product pays a dispatch and blocking
// cost per call that dominates at these sizes. Each output is accumulated in one fixed order
// (bias first, then k = 0, 1, ...), whatever the tiling, so a column's result does not depend on
// the batch it is in: training, the app's chunked grid and predict_grid agree bit for bit.
namespace {

using simd::f64x2;
using simd::load;
using simd::splat;
using simd::store;

constexpr Eigen::Index kBlock = 128;  // columns per block of a large forward pass (fits L1)

// Rows [i0, i0 + 2V) of Z = W X + b 1^T. W: (m, n_in); X: (n_in, n); Z: (m, n); b may be null.
template <int V>
void affine_rows(const Scalar* W, const Scalar* b, int m, int n_in, const Scalar* X, Eigen::Index n,
                 Scalar* Z, int i0) {
  f64x2 bias[V];
  for (int v = 0; v < V; ++v) bias[v] = b ? load(b + i0 + 2 * v) : splat(0.0);
  Eigen::Index j = 0;
  for (; j + 2 <= n; j += 2) {  // two columns share each load of W
    const Scalar* x0 = X + j * n_in;
    const Scalar* x1 = x0 + n_in;
    f64x2 acc0[V], acc1[V];
    for (int v = 0; v < V; ++v) acc0[v] = acc1[v] = bias[v];
    for (int k = 0; k < n_in; ++k) {
      const Scalar* w = W + static_cast<Eigen::Index>(k) * m + i0;
      const f64x2 s0 = splat(x0[k]), s1 = splat(x1[k]);
      for (int v = 0; v < V; ++v) {
        const f64x2 wv = load(w + 2 * v);
        acc0[v] += wv * s0;
        acc1[v] += wv * s1;
      }
    }
    for (int v = 0; v < V; ++v) {
      store(Z + j * m + i0 + 2 * v, acc0[v]);
      store(Z + (j + 1) * m + i0 + 2 * v, acc1[v]);
    }
  }
  if (j < n) {
    const Scalar* x0 = X + j * n_in;
    f64x2 acc[V];
    for (int v = 0; v < V; ++v) acc[v] = bias[v];
    for (int k = 0; k < n_in; ++k) {
      const Scalar* w = W + static_cast<Eigen::Index>(k) * m + i0;
      const f64x2 s0 = splat(x0[k]);
      for (int v = 0; v < V; ++v) acc[v] += load(w + 2 * v) * s0;
    }
    for (int v = 0; v < V; ++v) store(Z + j * m + i0 + 2 * v, acc[v]);
  }
}

// Row i alone (odd row counts, the 1-unit output layer): two columns per vector instead.
void affine_row(const Scalar* W, const Scalar* b, int m, int n_in, const Scalar* X, Eigen::Index n,
                Scalar* Z, int i) {
  const Scalar bias = b ? b[i] : 0.0;
  Eigen::Index j = 0;
  for (; j + 2 <= n; j += 2) {
    const Scalar* x0 = X + j * n_in;
    const Scalar* x1 = x0 + n_in;
    f64x2 acc = splat(bias);
    for (int k = 0; k < n_in; ++k)
      acc += splat(W[static_cast<Eigen::Index>(k) * m + i]) * f64x2{x0[k], x1[k]};
    Z[j * m + i] = acc[0];
    Z[(j + 1) * m + i] = acc[1];
  }
  if (j < n) {
    const Scalar* x0 = X + j * n_in;
    Scalar acc = bias;
    for (int k = 0; k < n_in; ++k) acc += W[static_cast<Eigen::Index>(k) * m + i] * x0[k];
    Z[j * m + i] = acc;
  }
}

// Z (m, n) = W (m, n_in) X (n_in, n) + b 1^T; b may be null (no bias).
void affine(const Scalar* W, const Scalar* b, int m, int n_in, const Scalar* X, Eigen::Index n,
            Scalar* Z) {
  int i = 0;
  for (; i + 8 <= m; i += 8) affine_rows<4>(W, b, m, n_in, X, n, Z, i);
  if (m - i >= 4) {
    affine_rows<2>(W, b, m, n_in, X, n, Z, i);
    i += 4;
  }
  if (m - i >= 2) {
    affine_rows<1>(W, b, m, n_in, X, n, Z, i);
    i += 2;
  }
  if (i < m) affine_row(W, b, m, n_in, X, n, Z, i);
}

// Rows [i0, i0 + 2V) of dW = D X^T and db = D 1. D: (m, n); X: (n_in, n); dW: (m, n_in).
// Every sum runs over j = 0, 1, ... in order.
template <int V>
void outer_rows(const Scalar* D, int m, const Scalar* X, int n_in, Eigen::Index n, Scalar* dW,
                Scalar* db, int i0) {
  for (int k = 0; k < n_in; ++k) {
    f64x2 acc[V];
    for (int v = 0; v < V; ++v) acc[v] = splat(0.0);
    for (Eigen::Index j = 0; j < n; ++j) {
      const f64x2 s = splat(X[j * n_in + k]);
      for (int v = 0; v < V; ++v) acc[v] += load(D + j * m + i0 + 2 * v) * s;
    }
    for (int v = 0; v < V; ++v) store(dW + static_cast<Eigen::Index>(k) * m + i0 + 2 * v, acc[v]);
  }
  f64x2 acc[V];
  for (int v = 0; v < V; ++v) acc[v] = splat(0.0);
  for (Eigen::Index j = 0; j < n; ++j)
    for (int v = 0; v < V; ++v) acc[v] += load(D + j * m + i0 + 2 * v);
  for (int v = 0; v < V; ++v) store(db + i0 + 2 * v, acc[v]);
}

// Row i of dW and db alone: two inputs k per vector.
void outer_row(const Scalar* D, int m, const Scalar* X, int n_in, Eigen::Index n, Scalar* dW,
               Scalar* db, int i) {
  int k = 0;
  for (; k + 2 <= n_in; k += 2) {
    f64x2 acc = splat(0.0);
    for (Eigen::Index j = 0; j < n; ++j) acc += splat(D[j * m + i]) * load(X + j * n_in + k);
    dW[static_cast<Eigen::Index>(k) * m + i] = acc[0];
    dW[static_cast<Eigen::Index>(k + 1) * m + i] = acc[1];
  }
  if (k < n_in) {
    Scalar acc = 0;
    for (Eigen::Index j = 0; j < n; ++j) acc += D[j * m + i] * X[j * n_in + k];
    dW[static_cast<Eigen::Index>(k) * m + i] = acc;
  }
  Scalar acc = 0;
  for (Eigen::Index j = 0; j < n; ++j) acc += D[j * m + i];
  db[i] = acc;
}

// dW (m, n_in) = D (m, n) X (n_in, n)^T and db (m) = D 1.
void outer(const Scalar* D, int m, const Scalar* X, int n_in, Eigen::Index n, Scalar* dW,
           Scalar* db) {
  int i = 0;
  for (; i + 8 <= m; i += 8) outer_rows<4>(D, m, X, n_in, n, dW, db, i);
  if (m - i >= 4) {
    outer_rows<2>(D, m, X, n_in, n, dW, db, i);
    i += 4;
  }
  if (m - i >= 2) {
    outer_rows<1>(D, m, X, n_in, n, dW, db, i);
    i += 2;
  }
  if (i < m) outer_row(D, m, X, n_in, n, dW, db, i);
}

// [SECTION] single-precision display kernels. Blocks are stored unit by unit (each row of a
// block contiguous, kDisplayBlock floats apart), so every layer, whatever its width, runs on
// four points per vector.
constexpr Eigen::Index kDisplayBlock = 256;  // points per block; a multiple of 16

// out (m rows) = W (m, n_in; column-major) in (n_in rows) + b, for nb points (a multiple of 16).
// Four output rows at a time share each load of the inputs; leftover rows go one at a time.
void affine_rows_f32(const float* W, const float* b, int m, int n_in, const float* in,
                     Eigen::Index nb, float* out) {
  using simd::f32x4;
  using simd::load4;
  using simd::splat4;
  int i = 0;
  for (; i + 4 <= m; i += 4)
    for (Eigen::Index j = 0; j < nb; j += 8) {
      f32x4 acc[4][2];
      for (int r = 0; r < 4; ++r) acc[r][0] = acc[r][1] = splat4(b[i + r]);
      for (int k = 0; k < n_in; ++k) {
        const float* x = in + k * kDisplayBlock + j;
        const f32x4 x0 = load4(x), x1 = load4(x + 4);
        const float* w = W + k * m + i;
        for (int r = 0; r < 4; ++r) {
          const f32x4 wr = splat4(w[r]);
          acc[r][0] += wr * x0;
          acc[r][1] += wr * x1;
        }
      }
      for (int r = 0; r < 4; ++r) {
        simd::store4(out + (i + r) * kDisplayBlock + j, acc[r][0]);
        simd::store4(out + (i + r) * kDisplayBlock + j + 4, acc[r][1]);
      }
    }
  for (; i < m; ++i)
    for (Eigen::Index j = 0; j < nb; j += 16) {
      f32x4 acc[4];
      for (int v = 0; v < 4; ++v) acc[v] = splat4(b[i]);
      for (int k = 0; k < n_in; ++k) {
        const f32x4 w = splat4(W[k * m + i]);
        const float* x = in + k * kDisplayBlock + j;
        for (int v = 0; v < 4; ++v) acc[v] += w * load4(x + 4 * v);
      }
      for (int v = 0; v < 4; ++v) simd::store4(out + i * kDisplayBlock + j + 4 * v, acc[v]);
    }
}

// a = f(a) in place for m rows of nb points (a multiple of 16).
void activate_rows_f32(Activation f, float* a, int m, Eigen::Index nb, float k) {
  using simd::f32x4;
  for (int i = 0; i < m; ++i) {
    float* row = a + i * kDisplayBlock;
    switch (f) {
      case Activation::Linear:
        break;
      case Activation::Tanh:
      case Activation::Sigmoid:  // sigma(z) = (1 + tanh(z / 2)) / 2
        for (Eigen::Index j = 0; j < nb; j += 16) {
          f32x4 v[4];
          for (int q = 0; q < 4; ++q) v[q] = simd::load4(row + j + 4 * q);
          if (f == Activation::Sigmoid)
            for (int q = 0; q < 4; ++q) v[q] *= simd::splat4(0.5f);
          simd::tanh<4>(v);
          if (f == Activation::Sigmoid)
            for (int q = 0; q < 4; ++q) v[q] = simd::splat4(0.5f) + simd::splat4(0.5f) * v[q];
          for (int q = 0; q < 4; ++q) simd::store4(row + j + 4 * q, v[q]);
        }
        break;
      case Activation::HardTanh:
        for (Eigen::Index j = 0; j < nb; ++j) row[j] = row[j] < -1 ? -1 : (row[j] > 1 ? 1 : row[j]);
        break;
      case Activation::Softsign:
        for (Eigen::Index j = 0; j < nb; ++j) row[j] = row[j] / (1.0f + std::abs(row[j]));
        break;
      case Activation::Relu:
        for (Eigen::Index j = 0; j < nb; ++j) row[j] = row[j] < 0 ? 0 : row[j];
        break;
      case Activation::LeakyRelu:
        for (Eigen::Index j = 0; j < nb; ++j) row[j] = row[j] > 0 ? row[j] : k * row[j];
        break;
      default:  // any other activation of the table: its scalar form, rounded to float
        for (Eigen::Index j = 0; j < nb; ++j) row[j] = static_cast<float>(activate(f, row[j], k));
        break;
    }
  }
}

}  // namespace

// [SECTION] forward, backward
const Matrix& Network::forward(const Matrix& X, Workspace& ws, Scalar keep, Rng* rng) const {
  const int L = num_layers();
  if (static_cast<int>(ws.z.size()) != L) {
    ws.z.resize(L);
    ws.a.resize(L);
    ws.mask.resize(L);
    ws.fz.resize(L);
    ws.delta.resize(L);
    ws.Wt.resize(L);
  }
  assert(X.rows() == spec_.inputs);
  ws.dropout_active = rng != nullptr && keep < 1.0;
  const Eigen::Index N = X.cols();
  for (int l = 0; l < L; ++l) {
    ws.z[l].resize(layers[l].n_out(), N);
    ws.a[l].resize(layers[l].n_out(), N);
  }
  if (!ws.dropout_active) {
    // Depth first over column blocks: a block's activations are still in cache for the next layer.
    for (Eigen::Index c0 = 0; c0 < N; c0 += kBlock) {
      const Eigen::Index nb = std::min(kBlock, N - c0);
      const Scalar* in = X.data() + c0 * X.rows();  // (n_in, nb)
      for (int l = 0; l < L; ++l) {
        const Layer& layer = layers[l];
        Scalar* z = ws.z[l].data() + c0 * layer.n_out();  // (n_out, nb)
        Scalar* a = ws.a[l].data() + c0 * layer.n_out();
        affine(layer.W.data(), layer.b.data(), layer.n_out(), layer.n_in(), in, nb, z);
        activate(layer.f, z, a, nb * layer.n_out(), spec_.leaky_slope);
        in = a;
      }
    }
    return ws.a[L - 1];
  }
  for (int l = 0; l < L; ++l) {
    const Layer& layer = layers[l];
    const Matrix& in = l == 0 ? X : ws.a[l - 1];  // (n_in, N)
    Matrix& z = ws.z[l];                          // (n_out, N)
    affine(layer.W.data(), layer.b.data(), layer.n_out(), layer.n_in(), in.data(), N, z.data());
    if (l < L - 1) {
      // Inverted dropout: keep each unit with probability p and divide kept units by p, so the
      // expected activation equals the test-time one (the notes' "divide at test time" is
      // backwards).
      Matrix& fz = ws.fz[l];
      activate(layer.f, z, fz, spec_.leaky_slope);
      Matrix& m = ws.mask[l];
      m.resize(z.rows(), N);
      Scalar* mp = m.data();
      for (Eigen::Index i = 0; i < m.size(); ++i) mp[i] = rng->uniform() < keep ? 1.0 / keep : 0.0;
      ws.a[l].array() = fz.array() * m.array();
    } else {
      activate(layer.f, z, ws.a[l], spec_.leaky_slope);
    }
  }
  return ws.a[L - 1];
}

void Network::predict(const Matrix& X, Matrix& scores, Workspace& ws) const {
  const int L = num_layers();
  if (static_cast<int>(ws.a.size()) != L) ws.a.resize(L);
  assert(X.rows() == spec_.inputs);
  const Eigen::Index N = X.cols();
  const Eigen::Index B = std::min(kBlock, N);
  for (int l = 0; l < L - 1; ++l) ws.a[l].resize(layers[l].n_out(), B);
  scores.resize(layers[L - 1].n_out(), N);
  for (Eigen::Index c0 = 0; c0 < N; c0 += kBlock) {
    const Eigen::Index nb = std::min(kBlock, N - c0);
    const Scalar* in = X.data() + c0 * X.rows();  // (n_in, nb)
    for (int l = 0; l < L; ++l) {
      const Layer& layer = layers[l];
      // z and then a = f(z) in place: the same operations as forward, one buffer.
      Scalar* a = l < L - 1 ? ws.a[l].data() : scores.data() + c0 * layer.n_out();  // (n_out, nb)
      affine(layer.W.data(), layer.b.data(), layer.n_out(), layer.n_in(), in, nb, a);
      activate(layer.f, a, a, nb * layer.n_out(), spec_.leaky_slope);
      in = a;
    }
  }
}

void Network::predict_display(const Matrix& X, std::vector<float>& scores, Workspace& ws) const {
  const int L = num_layers();
  assert(X.rows() == spec_.inputs);
  const Eigen::Index N = X.cols();
  const int d = spec_.inputs;
  const int K = layers[L - 1].n_out();
  int widest = d;
  std::size_t params = 0;
  for (const Layer& l : layers) {
    widest = std::max(widest, l.n_out());
    params += static_cast<std::size_t>(l.W.size() + l.b.size());
  }
  // [float weights and biases | block buffer A | block buffer B]
  const std::size_t buffer = static_cast<std::size_t>(widest) * kDisplayBlock;
  ws.display.resize(params + 2 * buffer);
  float* w = ws.display.data();
  for (const Layer& l : layers) {
    for (Eigen::Index i = 0; i < l.W.size(); ++i) *w++ = static_cast<float>(l.W.data()[i]);
    for (Eigen::Index i = 0; i < l.b.size(); ++i) *w++ = static_cast<float>(l.b[i]);
  }
  float* const buf[2] = {w, w + buffer};
  scores.resize(static_cast<std::size_t>(K) * static_cast<std::size_t>(N));
  const float slope = static_cast<float>(spec_.leaky_slope);
  for (Eigen::Index c0 = 0; c0 < N; c0 += kDisplayBlock) {
    const Eigen::Index nb = std::min(kDisplayBlock, N - c0);
    const Eigen::Index padded = (nb + 15) / 16 * 16;  // the kernels take 16 points at a time
    float* in = buf[0];  // the block's inputs, feature by feature; padding points are 0
    const Scalar* x = X.data() + c0 * d;
    for (Eigen::Index j = 0; j < nb; ++j)
      for (int k = 0; k < d; ++k) in[k * kDisplayBlock + j] = static_cast<float>(x[j * d + k]);
    for (int k = 0; k < d; ++k)
      for (Eigen::Index j = nb; j < padded; ++j) in[k * kDisplayBlock + j] = 0.0f;
    const float* p = ws.display.data();
    for (int l = 0; l < L; ++l) {
      const Layer& layer = layers[l];
      float* out = buf[(l + 1) % 2];
      const float* Wf = p;
      const float* bf = p + layer.W.size();
      p = bf + layer.b.size();
      affine_rows_f32(Wf, bf, layer.n_out(), layer.n_in(), in, padded, out);
      activate_rows_f32(layer.f, out, layer.n_out(), padded, slope);
      in = out;
    }
    float* s = scores.data() + c0 * K;
    for (int o = 0; o < K; ++o)
      for (Eigen::Index j = 0; j < nb; ++j) s[j * K + o] = in[o * kDisplayBlock + j];
  }
}

void Network::backward(const Matrix& X, Workspace& ws) {
  const int L = num_layers();
  const Eigen::Index N = X.cols();
  if (static_cast<int>(ws.Wt.size()) != L) ws.Wt.resize(L);
  // delta^(L) = dJ/dS o f'(z^(L))
  Matrix& dL = ws.delta[L - 1];
  dL.resize(ws.dS.rows(), ws.dS.cols());
  for (Eigen::Index i = 0; i < dL.size(); ++i) dL.data()[i] = ws.dS.data()[i];
  multiply_derivative(layers[L - 1].f, ws.z[L - 1].data(), ws.a[L - 1].data(), dL.data(), dL.size(),
                      spec_.leaky_slope);
  for (int l = L - 1; l >= 0; --l) {
    Layer& layer = layers[l];
    const int m = layer.n_out(), n_in = layer.n_in();
    const Matrix& in = l == 0 ? X : ws.a[l - 1];  // (n_in, N)
    // dW = delta a^T, db = delta 1 (the loss already averaged over the batch).
    outer(ws.delta[l].data(), m, in.data(), n_in, N, layer.dW.data(), layer.db.data());
    if (l > 0) {
      // delta^(k) = f'(z^(k)) o (W^(k)T delta^(k+1))  (dropout: times the mask)
      // As W^T's columns are contiguous, the product reuses the forward kernel.
      Matrix& Wt = ws.Wt[l];  // (n_in, n_out)
      Wt.resize(n_in, m);
      for (int i = 0; i < m; ++i)
        for (int k = 0; k < n_in; ++k) Wt(k, i) = layer.W(i, k);
      Matrix& d = ws.delta[l - 1];
      d.resize(n_in, N);
      affine(Wt.data(), nullptr, n_in, m, ws.delta[l].data(), N, d.data());
      const Matrix& fa = ws.dropout_active ? ws.fz[l - 1] : ws.a[l - 1];
      if (ws.dropout_active) d.array() *= ws.mask[l - 1].array();
      multiply_derivative(layers[l - 1].f, ws.z[l - 1].data(), fa.data(), d.data(), d.size(),
                          spec_.leaky_slope);
    }
  }
}

Scalar Network::regularization_loss(Regularization kind, Scalar rate) const {
  if (kind == Regularization::None || rate == 0) return 0;
  Scalar r = 0;
  for (const Layer& l : layers)
    r += kind == Regularization::L2 ? l.W.squaredNorm() : l.W.cwiseAbs().sum();
  return rate * r;
}

Scalar Network::regularize(Regularization kind, Scalar rate) {
  if (kind == Regularization::None || rate == 0) return 0;
  for (Layer& l : layers) {
    if (kind == Regularization::L2) {
      l.dW += (2 * rate) * l.W;  // d/dW lambda ||W||_F^2
    } else {
      l.dW += rate * l.W.unaryExpr([](Scalar w) { return Scalar((w > 0) - (w < 0)); });
    }
  }
  return regularization_loss(kind, rate);
}

Scalar* Network::slot_data(int slot) {
  Layer& l = layers[slot / 2];
  return slot % 2 == 0 ? l.W.data() : l.b.data();
}
const Scalar* Network::slot_data(int slot) const {
  const Layer& l = layers[slot / 2];
  return slot % 2 == 0 ? l.W.data() : l.b.data();
}
Scalar* Network::slot_grad(int slot) {
  Layer& l = layers[slot / 2];
  return slot % 2 == 0 ? l.dW.data() : l.db.data();
}
Eigen::Index Network::slot_size(int slot) const {
  const Layer& l = layers[slot / 2];
  return slot % 2 == 0 ? l.W.size() : l.b.size();
}

}  // namespace nn
