// Step-through: Network::forward and backward on one sample, cut into the notes' steps.
#include "walk.hpp"

#include <cstdio>

#include "graph.hpp"

namespace nn {

const char* name(WalkPhase p) {
  switch (p) {
    case WalkPhase::Input:
      return "input";
    case WalkPhase::Forward:
      return "forward";
    case WalkPhase::Loss:
      return "loss";
    case WalkPhase::Backward:
      return "backward";
  }
  return "?";
}

namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}
std::string sup(int k) { return "^(" + std::to_string(k) + ")"; }

}  // namespace

int Walk::forward_step(int layer, int unit) const {
  for (std::size_t k = 0; k < steps.size(); ++k)
    if (steps[k].phase == WalkPhase::Forward && steps[k].layer == layer && steps[k].unit == unit)
      return static_cast<int>(k);
  return -1;
}

int Walk::backward_step(int layer, int unit) const {
  for (std::size_t k = 0; k < steps.size(); ++k)
    if (steps[k].phase == WalkPhase::Backward && steps[k].layer == layer && steps[k].unit == unit)
      return static_cast<int>(k);
  return -1;
}

Walk make_walk(const Network& net_in, const Matrix& X, const Vector& y, const WalkOptions& opt) {
  const bool pair = opt.loss == Loss::MaxMargin;
  if (X.cols() != (pair ? 2 : 1) || y.size() != X.cols() || X.rows() != net_in.spec().inputs)
    throw ConfigError("sample", "need one sample (a [true | corrupted] pair for max_margin)");
  Network net = net_in;  // backward writes dW: never the caller's
  Workspace ws;
  const Matrix& S = net.forward(X, ws);
  Walk w;
  w.loss = loss_forward_backward(opt.loss, S, y, opt.margin, ws.dS);
  net.backward(X, ws);
  const int L = net.num_layers();
  w.x = X.col(0);
  w.dS = ws.dS.col(0);
  for (int l = 0; l < L; ++l) {
    const std::size_t k = static_cast<std::size_t>(l);
    w.z.push_back(ws.z[k].col(0));
    w.a.push_back(ws.a[k].col(0));
    w.delta.push_back(ws.delta[k].col(0));
    const Vector in = l == 0 ? Vector(X.col(0)) : Vector(ws.a[k - 1].col(0));
    w.dW.push_back(ws.delta[k].col(0) * in.transpose());
  }
  auto push = [&](WalkPhase p, int layer, int unit, std::string text) {
    w.steps.push_back(WalkStep{p, layer, unit, std::move(text)});
  };
  std::string xs;
  for (Eigen::Index j = 0; j < w.x.size(); ++j) xs += (j ? ", " : "") + num(w.x[j]);
  push(WalkPhase::Input, -1, -1,
       "The sample enters as a^(1) = x = (" + xs + ")" +
           (pair ? " (the true window; its corrupted partner goes through the same network)" : "") +
           ". Forward, each unit computes z = W a + b from the layer below, then a = f(z).");
  for (int l = 0; l < L; ++l) {
    const Layer& ly = net.layers[static_cast<std::size_t>(l)];
    const int k = l + 2;  // notes' index of the layer this unit is in
    for (int i = 0; i < ly.n_out(); ++i) {
      const std::string u = std::to_string(i + 1);
      std::string sum;
      const int shown = std::min(ly.n_in(), 4);
      for (int j = 0; j < shown; ++j) {
        const double in = l == 0 ? w.x[j] : w.a[static_cast<std::size_t>(l - 1)][j];
        sum += (j ? " + " : "") + num(ly.W(i, j)) + " x " + num(in);
      }
      if (shown < ly.n_in()) sum += " + ...";
      const double z = w.z[static_cast<std::size_t>(l)][i];
      const double a = w.a[static_cast<std::size_t>(l)][i];
      push(WalkPhase::Forward, l, i,
           "z_" + u + sup(k) + " = sum_j W_" + u + "j" + sup(k - 1) + " a_j" + sup(k - 1) +
               " + b_" + u + sup(k - 1) + " = " + sum + " + " + num(ly.b[i]) + " = " + num(z) +
               "; a_" + u + sup(k) + " = " + name(ly.f) + "(" + num(z) + ") = " + num(a) +
               (l == L - 1 ? " (the score s)" : ""));
    }
  }
  std::string ds;
  for (Eigen::Index r = 0; r < w.dS.size(); ++r) ds += (r ? ", " : "") + num(w.dS[r]);
  push(WalkPhase::Loss, -1, -1,
       std::string("The loss: J = ") + num(w.loss) +
           ". Backward starts from the error signal dJ/ds = " + ds +
           (pair ? " (max-margin: -1 while the pair violates the margin, 0 once it clears it; "
                   "the corrupted window gets the opposite sign)"
            : opt.loss == Loss::Logistic ? " (logistic: sigma(s) - y)"
            : opt.loss == Loss::Mse      ? " (squared error: s - t)"
                                         : "") +
           ".");
  for (int l = L - 1; l >= 0; --l) {
    const Layer& ly = net.layers[static_cast<std::size_t>(l)];
    const int k = l + 2;
    for (int i = 0; i < ly.n_out(); ++i) {
      const std::string u = std::to_string(i + 1);
      const double fp =
          activate_derivative(ly.f, w.z[static_cast<std::size_t>(l)][i], net.spec().leaky_slope);
      const double d = w.delta[static_cast<std::size_t>(l)][i];
      std::string text;
      if (l == L - 1) {
        text = "delta_" + u + sup(k) + " = f'(z_" + u + sup(k) + ") dJ/ds = " + num(fp) + " x " +
               num(w.dS[i]) + " = " + num(d);
      } else {
        const Layer& nx = net.layers[static_cast<std::size_t>(l + 1)];
        double e = 0;
        for (int m = 0; m < nx.n_out(); ++m)
          e += w.delta[static_cast<std::size_t>(l + 1)][m] * nx.W(m, i);
        text = "delta_" + u + sup(k) + " = f'(z_" + u + sup(k) + ") sum_m delta_m" + sup(k + 1) +
               " W_m" + u + sup(k) + " = " + num(fp) + " x " + num(e) + " = " + num(d);
      }
      text += "; each link into this unit gets dJ/dW_" + u + "j" + sup(k - 1) + " = delta_" + u +
              sup(k) + " a_j" + sup(k - 1) + ", and its bias dJ/db = delta";
      if (pair) text += " (plus the corrupted window's share)";
      push(WalkPhase::Backward, l, i, text);
    }
  }
  return w;
}

Walk make_walk(const Session& s, int index) {
  Matrix X;
  Vector y;
  session_sample(s, index, X, y);
  WalkOptions o;
  o.loss = s.config().loss;
  o.margin = s.config().margin;
  return make_walk(s.network(), X, y, o);
}

}  // namespace nn
