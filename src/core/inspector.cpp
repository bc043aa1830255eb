// Backprop inspector: the notes' "error sharing" walk (§1.5.2 for the 4-2-1 case, §1.5.3 for a
// unit fed back from several units) with the numbers of a real forward/backward pass, checked
// against Network::backward and a centred difference.
#include "inspector.hpp"

#include <cmath>
#include <cstdio>

#include "gradcheck.hpp"
#include "graph.hpp"

namespace nn {

const char* name(StepKind k) {
  switch (k) {
    case StepKind::Factor:
      return "factor";
    case StepKind::Result:
      return "result";
    case StepKind::Sum:
      return "sum";
  }
  return "?";
}

namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// Notes-style subscript of 1-based indices: "14" when both are single digits, else "1,12".
std::string sub(int i0, int j0) {
  const int i = i0 + 1, j = j0 + 1;
  if (i < 10 && j < 10) return std::to_string(i) + std::to_string(j);
  return std::to_string(i) + "," + std::to_string(j);
}
std::string sub(int i0) { return std::to_string(i0 + 1); }
std::string sup(int k) { return "^(" + std::to_string(k) + ")"; }

InspectorStep step(StepKind kind, std::string symbol, std::string text, double value) {
  InspectorStep s;
  s.kind = kind;
  s.symbol = std::move(symbol);
  s.text = std::move(text);
  s.value = value;
  return s;
}

ShapeLine shape(const std::string& n, Eigen::Index rows, Eigen::Index cols) {
  return ShapeLine{n, rows, cols, n + ": " + shape_text(rows, cols)};
}

}  // namespace

std::string parameter_name(const ParamRef& p) {
  return p.bias ? "b_" + sub(p.i) + sup(p.layer + 1) : "W_" + sub(p.i, p.j) + sup(p.layer + 1);
}

InspectorReport inspect(const Network& net_in, const Matrix& X, const Vector& y, const ParamRef& p,
                        const InspectorOptions& opt, int shown) {
  const int L = net_in.num_layers();
  if (p.layer < 0 || p.layer >= L)
    throw ConfigError("inspector.layer", "must be 0-" + std::to_string(L - 1));
  const Layer& target = net_in.layers[static_cast<std::size_t>(p.layer)];
  if (p.i < 0 || p.i >= target.n_out())
    throw ConfigError("inspector.i", "must be 0-" + std::to_string(target.n_out() - 1));
  if (!p.bias && (p.j < 0 || p.j >= target.n_in()))
    throw ConfigError("inspector.j", "must be 0-" + std::to_string(target.n_in() - 1));
  const bool pairs = opt.loss == Loss::MaxMargin;
  const Eigen::Index N = X.cols();
  if (N < 1 || y.size() != N || X.rows() != net_in.spec().inputs || (pairs && N % 2 != 0))
    throw ConfigError("inspector.x",
                      "need (inputs, N) samples with N labels (an even N of "
                      "[true | corrupted] columns for max_margin)");
  const Eigen::Index units = pairs ? N / 2 : N;  // what the loss averages over
  if (shown < 0 || shown >= units)
    throw ConfigError("inspector.sample", "must be 0-" + std::to_string(units - 1));

  Network net = net_in;  // the numeric check perturbs parameters; never touch the caller's
  Workspace ws;
  auto loss_fn = [&](bool grad) {
    const Matrix& S = net.forward(X, ws);
    if (!grad)
      return loss_value(opt.loss, S, y, opt.margin) +
             net.regularization_loss(opt.regularization, opt.rate);
    double J = loss_forward_backward(opt.loss, S, y, opt.margin, ws.dS);
    net.backward(X, ws);
    return J + net.regularize(opt.regularization, opt.rate);
  };
  loss_fn(true);
  const Layer& layer = net.layers[static_cast<std::size_t>(p.layer)];
  const double data_grad =
      p.bias
          ? ws.delta[static_cast<std::size_t>(p.layer)].row(p.i).sum()
          : (ws.delta[static_cast<std::size_t>(p.layer)].row(p.i) *
             (p.layer == 0 ? X : ws.a[static_cast<std::size_t>(p.layer - 1)]).row(p.j).transpose())(
                0, 0);
  InspectorReport r;
  r.parameter = parameter_name(p);
  r.samples = static_cast<int>(units);
  r.shown = shown;
  r.analytic = p.bias ? layer.db[p.i] : layer.dW(p.i, p.j);

  // Per-sample errors: the loss's dS carries 1/units (the batch mean); undo it so each column's
  // chain is the gradient of its own loss, and average at the end, as the notes do per sample.
  const double scale = static_cast<double>(units);
  const int k = p.layer + 1;  // notes' index of W^(k)
  const int out_k = L + 1;    // the score s = a^(L+1)
  const Eigen::Index K = net.layers.back().n_out();
  const Scalar slope = net.spec().leaky_slope;
  const Eigen::Index c = shown;  // the column the chain follows (the true window of a pair)
  auto delta = [&](int l, Eigen::Index row, Eigen::Index col) {
    return scale * ws.delta[static_cast<std::size_t>(l)](row, col);
  };
  auto zval = [&](int l, Eigen::Index row, Eigen::Index col) {
    return ws.z[static_cast<std::size_t>(l)](row, col);
  };
  auto input = [&](Eigen::Index row, Eigen::Index col) {  // a_j^(k), or 1 for a bias
    if (p.bias) return 1.0;
    return p.layer == 0 ? X(row, col) : ws.a[static_cast<std::size_t>(p.layer - 1)](row, col);
  };
  const std::string zi = "z_" + sub(p.i) + sup(k + 1), ai = "a_" + sub(p.i) + sup(k + 1);
  const std::string di = "delta_" + sub(p.i) + sup(k + 1);
  const std::string aj = p.bias ? "1" : "a_" + sub(p.j) + sup(k);
  const std::string grad_sym = "dJ/d" + r.parameter;
  r.formula = grad_sym + " = " + di + (p.bias ? "" : " " + aj);
  std::vector<InspectorStep>& st = r.steps;
  const Activation f = layer.f;
  const double fprime = activate_derivative(f, zval(p.layer, p.i, c), slope);
  const std::string fname = name(f);

  if (p.layer == L - 1) {
    // The parameter feeds an output unit directly: error at s_i, through the output neuron.
    const std::string si = K == 1 ? "s" : "s_" + sub(p.i);
    st.push_back(step(StepKind::Factor, "dJ/d" + si,
                      "Start with the error signal at the output " + si + " = a_" + sub(p.i) +
                          sup(out_k) + ": dJ/d" + si + " = " + num(scale * ws.dS(p.i, c)),
                      scale * ws.dS(p.i, c)));
    st.push_back(step(StepKind::Factor, "f'(" + zi + ")",
                      "Multiply by the output neuron's local gradient " + fname + "'(" + zi +
                          ") = " + num(fprime) +
                          (f == Activation::Linear ? " (linear output)" : ""),
                      fprime));
    st.push_back(step(StepKind::Result, di,
                      "The error has reached " + zi + ": " + di + " = " + num(delta(L - 1, p.i, c)),
                      delta(L - 1, p.i, c)));
  } else if (p.layer == L - 2 && K == 1) {
    // The notes' 4-2-1 case (§1.5.2, Figure 6): one path from s back to W_ij^(k), eight steps.
    const Layer& next = net.layers[static_cast<std::size_t>(L - 1)];
    const Activation fo = next.f;
    const double fo_prime = activate_derivative(fo, zval(L - 1, 0, c), slope);
    const std::string zo = "z_1" + sup(out_k), d_o = "delta_1" + sup(out_k);
    const double e = scale * ws.dS(0, c);
    const double w = next.W(0, p.i);
    const double at_a = delta(L - 1, 0, c) * w;
    st.push_back(step(StepKind::Factor, "dJ/ds",
                      "1. Start with the error signal at the output a_1" + sup(out_k) +
                          " = s: dJ/ds = " + num(e) +
                          (e == 0 ? " (the loss is flat here: nothing flows back)"
                           : opt.loss == Loss::MaxMargin ? " (max-margin with J > 0: -1)"
                                                         : ""),
                      e));
    st.push_back(
        step(StepKind::Factor, "f'(" + zo + ")",
             "2. Multiply by the local gradient of the neuron mapping " + zo + " to a_1" +
                 sup(out_k) + ": " + name(fo) + "'(" + zo + ") = " + num(fo_prime) +
                 (fo == Activation::Linear ? " (linear output: the error is unchanged)" : ""),
             fo_prime));
    st.push_back(
        step(StepKind::Result, d_o,
             "3. The error signal has reached " + zo + ": " + d_o + " = " + num(delta(L - 1, 0, c)),
             delta(L - 1, 0, c)));
    st.push_back(step(StepKind::Factor, "W_1" + sub(p.i) + sup(k + 1),
                      "4. Share it back to " + ai + " along the weight on the path W_1" + sub(p.i) +
                          sup(k + 1) + " = " + num(w) + ": the error at " + ai + " is " + d_o +
                          " W_1" + sub(p.i) + sup(k + 1) + " = " + num(at_a),
                      w));
    st.push_back(step(StepKind::Factor, "f'(" + zi + ")",
                      "5. Move it through the neuron mapping " + zi + " to " + ai +
                          ": multiply by its local gradient " + fname + "'(" + zi +
                          ") = " + num(fprime),
                      fprime));
    st.push_back(step(StepKind::Result, di,
                      "6. The error at " + zi + " is " + fname + "'(" + zi + ") W_1" + sub(p.i) +
                          sup(k + 1) + " " + d_o + ", called " + di + " = " +
                          num(delta(p.layer, p.i, c)),
                      delta(p.layer, p.i, c)));
  } else {
    // §1.5.3: a_i^(k+1) fed several units m of layer k+2 (or several outputs); their errors come
    // back along the weights W_mi^(k+1) and add up.
    const int nl = p.layer + 1;
    const Layer& next = net.layers[static_cast<std::size_t>(nl)];
    InspectorStep s =
        step(StepKind::Sum, "sum_m delta_m" + sup(k + 2) + " W_m" + sub(p.i) + sup(k + 1), "", 0);
    std::string expr;
    double sum = 0;
    for (Eigen::Index m = 0; m < next.n_out(); ++m) {
      SumTerm t;
      t.left = delta(nl, m, c);
      t.right = next.W(m, p.i);
      t.text = "delta_" + sub(static_cast<int>(m)) + sup(k + 2) + " W_" +
               sub(static_cast<int>(m), p.i) + sup(k + 1);
      sum += t.left * t.right;
      expr += (m ? " + " : "") + num(t.left) + " x " + num(t.right);
      s.terms.push_back(std::move(t));
    }
    s.value = sum;
    s.text = "The error signals delta" + sup(k + 2) + " of the " + std::to_string(next.n_out()) +
             " unit(s) that " + ai +
             " feeds come back along the weights on their paths and add "
             "up: sum_m delta_m" +
             sup(k + 2) + " W_m" + sub(p.i) + sup(k + 1) + " = " + expr + " = " + num(sum);
    st.push_back(std::move(s));
    st.push_back(step(StepKind::Factor, "f'(" + zi + ")",
                      "Move it through the neuron mapping " + zi + " to " + ai +
                          ": multiply by its local gradient " + fname + "'(" + zi +
                          ") = " + num(fprime),
                      fprime));
    st.push_back(step(StepKind::Result, di,
                      "The error arriving at " + zi + " is " + di + " = " + fname + "'(" + zi +
                          ") sum_m delta_m" + sup(k + 2) + " W_m" + sub(p.i) + sup(k + 1) + " = " +
                          num(delta(p.layer, p.i, c)),
                      delta(p.layer, p.i, c)));
  }
  const double share = delta(p.layer, p.i, c) * input(p.j, c);
  const bool notes_case = p.layer == L - 2 && K == 1;
  const std::string n7 = notes_case ? "7. " : "", n8 = notes_case ? "8. " : "";
  if (p.bias) {
    st.push_back(step(StepKind::Factor, "1",
                      n7 + "A bias is a weight whose input is always 1 (§1.5.3): multiply by 1",
                      1.0));
  } else {
    st.push_back(step(StepKind::Factor, aj,
                      n7 + "Finally share the error to " + r.parameter +
                          ": multiply by the input it carried forward, " + aj + " = " +
                          num(input(p.j, c)),
                      input(p.j, c)));
  }
  st.push_back(step(StepKind::Result, grad_sym,
                    n8 + "So " + grad_sym + " = " + di + (p.bias ? "" : " " + aj) + " = " +
                        num(share) +
                        (pairs       ? " for the true window"
                         : units > 1 ? " for this sample"
                                     : ""),
                    share));

  // The loss averages over samples (pairs): add the other columns' shares.
  if (N > 1) {
    InspectorStep s = step(StepKind::Sum, grad_sym, "", 0);
    double total = 0;
    for (Eigen::Index col = 0; col < N; ++col) {
      SumTerm t;
      t.left = delta(p.layer, p.i, col) * input(p.j, col);
      t.right = 1.0 / scale;
      const bool corrupted = pairs && col >= units;
      t.text = std::string(corrupted ? "corrupted window "
                           : pairs   ? "true window "
                                     : "sample ") +
               std::to_string((corrupted ? col - units : col) + 1);
      total += t.left * t.right;
      s.terms.push_back(std::move(t));
    }
    s.value = total;
    if (pairs && units == 1)
      s.text =
          "J = max(0, Delta + s_c - s) also depends on the corrupted window's score s_c "
          "(dJ/ds_c = -dJ/ds): add its share " +
          num(s.terms[1].left) + " to get " + num(total);
    else
      s.text = "The loss is the mean over " + std::to_string(units) +
               (pairs ? " (true, corrupted) pairs" : " samples") +
               ": average every sample's share = " + num(total);
    st.push_back(std::move(s));
  }
  if (!p.bias && opt.regularization != Regularization::None && opt.rate > 0) {
    const double w = layer.W(p.i, p.j);
    InspectorStep s = step(StepKind::Sum, grad_sym, "", 0);
    s.terms.push_back(SumTerm{data_grad, 1.0, "data loss"});
    if (opt.regularization == Regularization::L2) {
      s.terms.push_back(SumTerm{2 * opt.rate, w, "2 lambda " + r.parameter});
      s.text = "Add the L2 term's gradient 2 lambda " + r.parameter + " = " +
               num(2 * opt.rate * w) +
               " (of lambda ||W||_F^2, §2.2): " + num(data_grad + 2 * opt.rate * w);
    } else {
      const double sgn = (w > 0) - (w < 0);
      s.terms.push_back(SumTerm{opt.rate, sgn, "lambda sign(" + r.parameter + ")"});
      s.text = "Add the L1 term's gradient lambda sign(" + r.parameter +
               ") = " + num(opt.rate * sgn) + " (§2.2): " + num(data_grad + opt.rate * sgn);
    }
    s.value = s.terms[0].left * s.terms[0].right + s.terms[1].left * s.terms[1].right;
    st.push_back(std::move(s));
  }
  double run = 1;
  for (const InspectorStep& s : st) {
    if (s.kind == StepKind::Factor) run *= s.value;
    if (s.kind == StepKind::Sum) run = s.value;
  }
  r.step_result = run;

  // §2.1: centred difference on the same loss, value restored by numeric_derivative.
  const int slot = 2 * p.layer + (p.bias ? 1 : 0);
  const Eigen::Index index = p.bias ? p.i : p.i + static_cast<Eigen::Index>(p.j) * layer.n_out();
  r.numeric = numeric_derivative(net, slot, index, loss_fn, opt.eps);
  r.relative_error = relative_error(r.analytic, r.numeric);

  // §1.6/§3.1 shapes for the whole layer (N columns).
  const std::string ks = sup(k), k1 = sup(k + 1);
  r.shapes.push_back(shape("a" + ks + (k == 1 ? " = x" : ""), layer.n_in(), N));
  r.shapes.push_back(shape("W" + ks, layer.n_out(), layer.n_in()));
  r.shapes.push_back(shape("b" + ks, layer.n_out(), 1));
  r.shapes.push_back(shape("z" + k1 + " = W" + ks + " a" + ks + " + b" + ks, layer.n_out(), N));
  r.shapes.push_back(shape("a" + k1 + " = f(z" + k1 + ")", layer.n_out(), N));
  r.shapes.push_back(shape("delta" + k1, layer.n_out(), N));
  r.shapes.push_back(shape("da" + k1 + "/dz" + k1 + " = diag(f'(z" + k1 + ")) per sample",
                           layer.n_out(), layer.n_out()));
  r.shapes.push_back(
      shape("dW" + ks + " = delta" + k1 + " a" + ks + "T", layer.n_out(), layer.n_in()));
  r.shapes.push_back(shape("db" + ks + " = delta" + k1 + " 1", layer.n_out(), 1));
  if (p.layer < L - 1) {
    const Layer& next = net.layers[static_cast<std::size_t>(p.layer + 1)];
    r.shapes.push_back(shape("W" + k1, next.n_out(), next.n_in()));
    r.shapes.push_back(shape("delta" + sup(k + 2), next.n_out(), N));
    r.shapes.push_back(
        shape("delta" + k1 + " = f'(z" + k1 + ") o (W" + k1 + "T delta" + sup(k + 2) + ")",
              layer.n_out(), N));
  }
  return r;
}

InspectorOptions inspector_options(const Config& cfg) {
  InspectorOptions o;
  o.loss = cfg.loss;
  o.margin = cfg.margin;
  o.regularization = cfg.regularization.kind;
  o.rate = cfg.regularization.rate;
  return o;
}

InspectorReport inspect_sample(const Session& s, const ParamRef& p, int index) {
  Matrix X;
  Vector y;
  session_sample(s, index, X, y);
  return inspect(s.network(), X, y, p, inspector_options(s.config()), 0);
}

InspectorReport inspect_batch(const Session& s, const ParamRef& p, int shown) {
  Matrix X;
  Vector y;
  session_batch(s, X, y);
  return inspect(s.network(), X, y, p, inspector_options(s.config()), shown);
}

}  // namespace nn
