// Dense network forward/backward (§1.6), regularization (§2.2), dropout (§2.3), init (§2.6).
// forward and backward sit next to each other; both reuse the Workspace's buffers, so a warm
// step at a fixed batch size allocates nothing.
#include "network.hpp"

#include <cmath>

namespace nn {

const char* name(Init i) {
  switch (i) {
    case Init::Xavier: return "xavier";
    case Init::Normal: return "normal";
    case Init::He: return "he";
  }
  return "?";
}

Init parse_init(const std::string& s, const std::string& field) {
  for (Init i : {Init::Xavier, Init::Normal, Init::He})
    if (s == name(i)) return i;
  throw ConfigError(field, "unknown init \"" + s + "\" (allowed: xavier, normal, he)");
}

const char* name(Regularization r) {
  switch (r) {
    case Regularization::None: return "none";
    case Regularization::L1: return "l1";
    case Regularization::L2: return "l2";
  }
  return "?";
}

Regularization parse_regularization(const std::string& s, const std::string& field) {
  for (Regularization r : {Regularization::None, Regularization::L1, Regularization::L2})
    if (s == name(r)) return r;
  throw ConfigError(field, "unknown regularization \"" + s + "\" (allowed: none, l1, l2)");
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

const Matrix& Network::forward(const Matrix& X, Workspace& ws, Scalar keep, Rng* rng) const {
  const int L = num_layers();
  if (static_cast<int>(ws.z.size()) != L) {
    ws.z.resize(L);
    ws.a.resize(L);
    ws.mask.resize(L);
    ws.fz.resize(L);
    ws.delta.resize(L);
  }
  ws.dropout_active = rng != nullptr && keep < 1.0;
  const Eigen::Index N = X.cols();
  for (int l = 0; l < L; ++l) {
    const Layer& layer = layers[l];
    const Matrix& in = l == 0 ? X : ws.a[l - 1];  // (n_in, N)
    Matrix& z = ws.z[l];                           // (n_out, N)
    z.resize(layer.n_out(), N);
    z.noalias() = layer.W * in;
    z.colwise() += layer.b;
    const bool hidden = l < L - 1;
    if (hidden && ws.dropout_active) {
      // Inverted dropout: keep each unit with probability p and divide kept units by p, so the
      // expected activation equals the test-time one (the notes' "divide at test time" is backwards).
      Matrix& fz = ws.fz[l];
      activate(layer.f, z, fz, spec_.leaky_slope);
      Matrix& m = ws.mask[l];
      m.resize(z.rows(), N);
      Scalar* mp = m.data();
      for (Eigen::Index i = 0; i < m.size(); ++i) mp[i] = rng->uniform() < keep ? 1.0 / keep : 0.0;
      ws.a[l].resize(z.rows(), N);
      ws.a[l].array() = fz.array() * m.array();
    } else {
      activate(layer.f, z, ws.a[l], spec_.leaky_slope);
    }
  }
  return ws.a[L - 1];
}

void Network::backward(const Matrix& X, Workspace& ws) {
  const int L = num_layers();
  // delta^(L) = dJ/dS o f'(z^(L))
  ws.delta[L - 1] = ws.dS;
  multiply_derivative(layers[L - 1].f, ws.z[L - 1], ws.a[L - 1], ws.delta[L - 1],
                      spec_.leaky_slope);
  for (int l = L - 1; l >= 0; --l) {
    Layer& layer = layers[l];
    const Matrix& in = l == 0 ? X : ws.a[l - 1];  // (n_in, N)
    // dW = delta a^T, db = delta 1 (the loss already averaged over the batch).
    layer.dW.noalias() = ws.delta[l] * in.transpose();
    layer.db.noalias() = ws.delta[l].rowwise().sum();
    if (l > 0) {
      // delta^(k) = f'(z^(k)) o (W^(k)T delta^(k+1))  (dropout: times the mask)
      Matrix& d = ws.delta[l - 1];
      d.resize(layer.n_in(), X.cols());
      d.noalias() = layer.W.transpose() * ws.delta[l];
      const Matrix& fa = ws.dropout_active ? ws.fz[l - 1] : ws.a[l - 1];
      if (ws.dropout_active) d.array() *= ws.mask[l - 1].array();
      multiply_derivative(layers[l - 1].f, ws.z[l - 1], fa, d, spec_.leaky_slope);
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
