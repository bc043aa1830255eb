// Check your own work: the notes' error sharing (§1.5, Figure 6) recomputed column by column with
// switches for the usual mistakes, and the §2.7-2.9 update rules for one scalar.
#include "checker.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

#include "graph.hpp"

namespace nn {

const char* name(CheckQuantity q) {
  switch (q) {
    case CheckQuantity::Delta:
      return "delta";
    case CheckQuantity::Dw:
      return "dW";
    case CheckQuantity::Db:
      return "db";
    case CheckQuantity::Update:
      return "update";
  }
  return "?";
}

CheckQuantity parse_check_quantity(const std::string& s, const std::string& field) {
  for (CheckQuantity q :
       {CheckQuantity::Delta, CheckQuantity::Dw, CheckQuantity::Db, CheckQuantity::Update})
    if (s == name(q)) return q;
  throw ConfigError(field, "unknown quantity \"" + s + "\" (expected delta, dW, db or update)");
}

namespace {

// One way of computing: all false is the correct backprop and update.
struct Mistake {
  bool sign_dJds = false;          // step 1: -dJ/ds
  bool forgot_output_f = false;    // step 2: the output neuron's f' left out
  bool forgot_weight = false;      // step 4: the error shared back without the weights
  bool forgot_fprime = false;      // step 5: f'(z_i) of the parameter's own layer left out
  bool forgot_fprime_all = false;  // step 5: f'(z) left out in every hidden layer
  bool fprime_of_a = false;        // step 5: f'(a) instead of f'(z)
  bool output_form_at_z = false;   // step 5: the output form (sigmoid a(1-a), tanh 1-a^2) fed z
  bool input_z = false;            // step 7: z_j^(k) instead of a_j^(k) as the input
  bool forgot_input = false;       // step 7: a_j left out (dW = delta)
  bool forgot_corrupted = false;   // step 8: the corrupted window's share left out
  bool forgot_reg = false;         // step 8: the regularization term left out
  bool reg_no_2 = false;           // step 8: lambda W instead of 2 lambda W
  bool reg_bias = false;           // step 8: a penalty added to the bias
  // Step 9 (the update rule).
  bool upd_no_lr = false;      // w - g
  bool upd_sign = false;       // w + alpha g
  bool upd_step_only = false;  // the change, not the new weight
  bool upd_unchanged = false;  // the old weight
  bool upd_plain_sgd = false;  // w - alpha g whatever the optimizer
  bool upd_flip_bc = false;    // Adam with bias correction toggled
  bool upd_no_sqrt = false;    // Adam / AdaGrad / RMSProp without the square root
};

struct MistakeRow {
  const char* id;
  Mistake m;
  const char* hint;
};

Mistake with(bool Mistake::*flag) {
  Mistake m;
  m.*flag = true;
  return m;
}

const std::vector<MistakeRow>& mistake_rows() {
  static const std::vector<MistakeRow> rows = {
      {"sign_dJds", with(&Mistake::sign_dJds),
       "Check the sign of dJ/ds: for J = max(0, Delta + s_c - s) it is -1 while the margin is "
       "violated (+1 at s_c), for the logistic loss sigma(s) - y, for squared error s - y."},
      {"forgot_output_fprime", with(&Mistake::forgot_output_f),
       "You left out the output neuron's local gradient f'(z) (step 2)."},
      {"forgot_weight", with(&Mistake::forgot_weight),
       "The error comes back to a_i along the weights on its path: multiply delta by W_mi "
       "(and add over every unit m that a_i feeds), step 4."},
      {"forgot_fprime", with(&Mistake::forgot_fprime),
       "You forgot f'(z): the error at a_i must go through the neuron, delta_i = f'(z_i) "
       "sum_m delta_m W_mi (step 5)."},
      {"forgot_fprime_all", with(&Mistake::forgot_fprime_all),
       "You left out f'(z) in every hidden layer: each neuron the error passes multiplies it by "
       "its local gradient (step 5)."},
      {"fprime_of_a", with(&Mistake::fprime_of_a),
       "You evaluated f' at a = f(z) instead of at z. For the sigmoid f'(z) = a (1 - a) uses a "
       "itself, not sigma(a) (1 - sigma(a)) (step 5)."},
      {"output_form_at_z", with(&Mistake::output_form_at_z),
       "You used z where the derivative's formula needs a: sigmoid' = a (1 - a) and tanh' = "
       "1 - a^2 with a = f(z), not z (1 - z) or 1 - z^2 (step 5)."},
      {"input_z", with(&Mistake::input_z),
       "Multiply by the input the weight carried forward, a_j^(k) = f(z_j^(k)), not by z_j^(k) "
       "(step 7)."},
      {"forgot_input", with(&Mistake::forgot_input),
       "That is delta_i, the gradient of the bias: for the weight W_ij multiply it by the input "
       "a_j it carried forward (step 7)."},
      {"forgot_corrupted", with(&Mistake::forgot_corrupted),
       "J = max(0, Delta + s_c - s) depends on both windows: add the corrupted window's share "
       "(dJ/ds_c = +1) to the true window's (step 8)."},
      {"forgot_reg", with(&Mistake::forgot_reg),
       "The regularization term has a gradient too: add 2 lambda W_ij for L2 (lambda sign(W_ij) "
       "for L1), step 8."},
      {"reg_no_2", with(&Mistake::reg_no_2),
       "The derivative of lambda W^2 is 2 lambda W, not lambda W (step 8)."},
      {"reg_bias", with(&Mistake::reg_bias),
       "Biases are not regularized (§2.2): dJ/db_i is delta_i alone, with no penalty term "
       "(step 8)."},
      {"update_no_lr", with(&Mistake::upd_no_lr),
       "Off by the learning rate: the step is alpha times the gradient (step 9)."},
      {"update_sign", with(&Mistake::upd_sign),
       "Wrong direction: gradient descent subtracts, w - alpha dJ/dw (step 9)."},
      {"update_step_only", with(&Mistake::upd_step_only),
       "That is the change; the question asks for the new weight, the old one plus the change "
       "(step 9)."},
      {"update_unchanged", with(&Mistake::upd_unchanged),
       "That is the weight before the update (step 9)."},
      {"update_plain_sgd", with(&Mistake::upd_plain_sgd),
       "That is plain SGD, w - alpha g; this optimizer keeps a velocity or moments that change "
       "the step (§2.8-2.9, step 9)."},
      {"update_bias_correction", with(&Mistake::upd_flip_bc),
       "Check Adam's bias correction: standard Adam divides m by 1 - b1^t and v by 1 - b2^t, "
       "the notes' form does not (step 9)."},
      {"update_no_sqrt", with(&Mistake::upd_no_sqrt),
       "The adaptive methods divide by the square root of the second moment (step 9)."},
  };
  return rows;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string sup(int k) { return "^(" + std::to_string(k) + ")"; }
std::string sub(int i, int j) {
  if (i < 10 && j < 10) return std::to_string(i) + std::to_string(j);
  return std::to_string(i) + "," + std::to_string(j);
}

// The output form of f' (f'(z) written with a = f(z)) evaluated at x; NaN where there is none.
double output_form(Activation f, double x) {
  switch (f) {
    case Activation::Sigmoid:
      return x * (1 - x);
    case Activation::Tanh:
      return 1 - x * x;
    default:
      return std::numeric_limits<double>::quiet_NaN();
  }
}

struct Target {
  int layer = 0;  // network layer of the parameter (Dw, Db, Update) or of the unit (Delta)
  int i = 0, j = 0;
  bool bias = false;
};

// Steps 1-9 under one way of computing, and the asked quantity.
struct Trace {
  std::vector<std::vector<double>> steps;  // [step 1..9][column or entry]
  double value = 0;
  double grad = 0;  // the gradient the update used (Update)
  double w_old = 0;
};

double reg_grad(const Mistake& m, const CheckOptions& o, double w) {
  if (m.forgot_reg || o.rate <= 0) return 0;
  if (o.regularization == Regularization::L2) return (m.reg_no_2 ? 1.0 : 2.0) * o.rate * w;
  if (o.regularization == Regularization::L1) return o.rate * double((w > 0) - (w < 0));
  return 0;
}

// alpha-scaled step of one scalar under the optimizer (§2.7-2.9), from state st.
double update_weight(const Mistake& m, const OptimizerConfig& c, double lr, const UpdateState& st,
                     double w, double g) {
  if (m.upd_unchanged) return w;
  const double a = m.upd_no_lr ? 1.0 : lr;
  double step = 0;  // the change of w
  OptimizerKind kind = m.upd_plain_sgd ? OptimizerKind::Sgd : c.kind;
  const double eps = c.epsilon;
  auto root = [&](double x) { return m.upd_no_sqrt ? x : std::sqrt(x); };
  switch (kind) {
    case OptimizerKind::Sgd:
      step = -a * g;
      break;
    case OptimizerKind::Momentum: {
      const double v = c.momentum * st.velocity - a * g;
      step = v;
      break;
    }
    case OptimizerKind::Nesterov: {
      const double v = c.momentum * st.velocity - a * g;
      step = -c.momentum * st.velocity + (1 + c.momentum) * v;
      break;
    }
    case OptimizerKind::AdaGrad: {
      const double cache = st.cache + g * g;
      step = -a * g / root(cache + eps);
      break;
    }
    case OptimizerKind::RmsProp: {
      const double cache = c.decay * st.cache + (1 - c.decay) * g * g;
      step = -a * g / root(cache + eps);
      break;
    }
    case OptimizerKind::Adam: {
      const double mm = c.beta1 * st.m + (1 - c.beta1) * g;
      const double vv = c.beta2 * st.v + (1 - c.beta2) * g * g;
      const bool bc = c.bias_correction != m.upd_flip_bc;
      double c1 = 1, c2 = 1;
      if (bc) {
        const long long t = std::max<long long>(st.t, 1);
        c1 = 1 - std::pow(c.beta1, static_cast<double>(t));
        c2 = 1 - std::pow(c.beta2, static_cast<double>(t));
      }
      step = -a * (mm / c1) / (root(vv / c2) + eps);
      break;
    }
  }
  if (m.upd_sign) step = -step;
  if (m.upd_step_only) return step;
  return w + step;
}

Trace trace(const Network& net, const Matrix& X, const Vector& y, const Target& t, CheckQuantity q,
            const CheckOptions& o, const Mistake& m) {
  const int L = net.num_layers();
  const Eigen::Index N = X.cols();
  const Scalar slope = net.spec().leaky_slope;
  // Forward, column by column through plain loops: z[l], a[l] (units, N).
  std::vector<Matrix> z(static_cast<std::size_t>(L)), a(static_cast<std::size_t>(L));
  for (int l = 0; l < L; ++l) {
    const Layer& ly = net.layers[static_cast<std::size_t>(l)];
    const Matrix& in = l == 0 ? X : a[static_cast<std::size_t>(l - 1)];
    Matrix& zl = z[static_cast<std::size_t>(l)];
    Matrix& al = a[static_cast<std::size_t>(l)];
    zl.resize(ly.n_out(), N);
    al.resize(ly.n_out(), N);
    for (Eigen::Index c = 0; c < N; ++c)
      for (int r = 0; r < ly.n_out(); ++r) {
        double s = ly.b[r];
        for (int k = 0; k < ly.n_in(); ++k) s += ly.W(r, k) * in(k, c);
        zl(r, c) = s;
        al(r, c) = activate(ly.f, s, slope);
      }
  }
  // Step 1: dJ/ds per sample (the loss of one sample or one pair: no batch mean to undo).
  Matrix dS;
  loss_forward_backward(o.loss, a.back(), y, o.margin, dS);
  if (m.sign_dJds) dS = -dS;
  // Backward with the switches.
  std::vector<Matrix> fp(static_cast<std::size_t>(L)), delta(static_cast<std::size_t>(L)),
      shared(static_cast<std::size_t>(L));
  for (int l = L - 1; l >= 0; --l) {
    const Layer& ly = net.layers[static_cast<std::size_t>(l)];
    const bool hidden = l < L - 1;
    Matrix& f = fp[static_cast<std::size_t>(l)];
    Matrix& e = shared[static_cast<std::size_t>(l)];
    f.resize(ly.n_out(), N);
    e.resize(ly.n_out(), N);
    for (Eigen::Index c = 0; c < N; ++c)
      for (int r = 0; r < ly.n_out(); ++r) {
        const double zz = z[static_cast<std::size_t>(l)](r, c);
        const double aa = a[static_cast<std::size_t>(l)](r, c);
        double d = activate_derivative(ly.f, zz, slope);
        if (!hidden && m.forgot_output_f) d = 1;
        if (hidden) {
          if (m.fprime_of_a) d = activate_derivative(ly.f, aa, slope);
          if (m.output_form_at_z) {
            const double g = output_form(ly.f, zz);
            if (std::isfinite(g)) d = g;
          }
          if (m.forgot_fprime_all || (m.forgot_fprime && l == t.layer)) d = 1;
        }
        f(r, c) = d;
        double err = 0;
        if (!hidden) {
          err = dS(r, c);
        } else {
          const Layer& nx = net.layers[static_cast<std::size_t>(l + 1)];
          for (int u = 0; u < nx.n_out(); ++u)
            err +=
                delta[static_cast<std::size_t>(l + 1)](u, c) * (m.forgot_weight ? 1.0 : nx.W(u, r));
        }
        e(r, c) = err;
      }
    delta[static_cast<std::size_t>(l)] = (e.array() * f.array()).matrix();
  }
  Trace tr;
  tr.steps.assign(9, {});
  auto entries = [](const Matrix& M) { return std::vector<double>(M.data(), M.data() + M.size()); };
  tr.steps[0] = entries(dS);
  tr.steps[1] = entries(fp.back());
  tr.steps[2] = entries(delta.back());
  const std::size_t tl = static_cast<std::size_t>(t.layer);
  const bool in_output = t.layer == L - 1;
  for (Eigen::Index c = 0; c < N; ++c) {
    if (!in_output) {
      tr.steps[3].push_back(shared[tl](t.i, c));
      tr.steps[4].push_back(fp[tl](t.i, c));
    }
    tr.steps[5].push_back(delta[tl](t.i, c));
  }
  if (q == CheckQuantity::Delta) {
    tr.value = delta[tl](t.i, 0);
    return tr;
  }
  // Steps 7-8: the input and the share of each column, summed over the pair.
  const Layer& ly = net.layers[tl];
  const Eigen::Index used = m.forgot_corrupted && o.loss == Loss::MaxMargin ? 1 : N;
  double g = 0;
  for (Eigen::Index c = 0; c < N; ++c) {
    double in = 1;
    if (!t.bias && !m.forgot_input) {
      if (t.layer == 0)
        in = X(t.j, c);
      else
        in = m.input_z ? z[tl - 1](t.j, c) : a[tl - 1](t.j, c);
    }
    tr.steps[6].push_back(in);
    if (c < used) g += delta[tl](t.i, c) * in;
  }
  const double w = t.bias ? ly.b[t.i] : ly.W(t.i, t.j);
  if (!t.bias)
    g += reg_grad(m, o, w);
  else if (m.reg_bias && o.rate > 0 && o.regularization != Regularization::None)
    g += o.regularization == Regularization::L2 ? 2 * o.rate * w
                                                : o.rate * double((w > 0) - (w < 0));
  tr.steps[7] = {g};
  tr.grad = g;
  tr.w_old = w;
  if (q != CheckQuantity::Update) {
    tr.value = g;
    return tr;
  }
  const double lr = o.optimizer.per_layer_scaling ? o.learning_rate / std::sqrt(double(ly.n_in()))
                                                  : o.learning_rate;
  tr.value = update_weight(m, o.optimizer, lr, o.state, w, g);
  tr.steps[8] = {tr.value};
  return tr;
}

bool same(const std::vector<double>& u, const std::vector<double>& v) {
  if (u.size() != v.size()) return false;
  for (std::size_t k = 0; k < u.size(); ++k) {
    const double d = std::fabs(u[k] - v[k]);
    if (!(d <= 1e-12 * std::max(1.0, std::max(std::fabs(u[k]), std::fabs(v[k]))))) return false;
  }
  return true;
}

double tolerance_of(CheckQuantity q, const CheckOptions& o, double value, double w_old) {
  if (q == CheckQuantity::Update) return o.abs_tol_update + o.rel_tol * std::fabs(value - w_old);
  return o.abs_tol + o.rel_tol * std::fabs(value);
}

}  // namespace

const std::vector<MistakeInfo>& check_mistakes() {
  static const std::vector<MistakeInfo> out = [] {
    std::vector<MistakeInfo> v;
    for (const MistakeRow& r : mistake_rows()) v.push_back({r.id, r.hint});
    return v;
  }();
  return out;
}

CheckResult check_answer(const Network& net, const Matrix& X, const Vector& y,
                         const CheckQuestion& q, const CheckOptions& opt) {
  const int L = net.num_layers();
  Target t;
  t.i = q.i - 1;
  t.j = q.j - 1;
  t.bias = q.quantity == CheckQuantity::Db || (q.quantity == CheckQuantity::Update && q.bias);
  if (q.quantity == CheckQuantity::Delta) {
    if (q.layer < 2 || q.layer > L + 1)
      throw ConfigError("layer", "delta^(k) needs k = 2-" + std::to_string(L + 1) +
                                     " (layer 1 is the input: it has no delta)");
    t.layer = q.layer - 2;
  } else {
    if (q.layer < 1 || q.layer > L)
      throw ConfigError("layer", "W^(k) and b^(k) need k = 1-" + std::to_string(L));
    t.layer = q.layer - 1;
  }
  const Layer& ly = net.layers[static_cast<std::size_t>(t.layer)];
  if (t.i < 0 || t.i >= ly.n_out())
    throw ConfigError("i", "must be 1-" + std::to_string(ly.n_out()));
  const bool needs_j =
      q.quantity == CheckQuantity::Dw || (q.quantity == CheckQuantity::Update && !q.bias);
  if (needs_j && (t.j < 0 || t.j >= ly.n_in()))
    throw ConfigError("j", "must be 1-" + std::to_string(ly.n_in()));
  if (!std::isfinite(q.value)) throw ConfigError("value", "expected a finite number");
  const Eigen::Index want = opt.loss == Loss::MaxMargin ? 2 : 1;
  if (X.cols() != want || y.size() != want || X.rows() != net.spec().inputs)
    throw ConfigError("sample", "need one sample (a [true | corrupted] pair for max_margin)");

  const Trace right = trace(net, X, y, t, q.quantity, opt, Mistake{});
  CheckResult r;
  r.expected = right.value;
  r.tolerance = tolerance_of(q.quantity, opt, right.value, right.w_old);
  const std::string k = sup(q.layer);
  const std::string wname = t.bias ? "b_" + std::to_string(q.i) + k : "W_" + sub(q.i, q.j) + k;
  switch (q.quantity) {
    case CheckQuantity::Delta:
      r.quantity = "delta_" + std::to_string(q.i) + k;
      break;
    case CheckQuantity::Dw:
    case CheckQuantity::Db:
      r.quantity = "dJ/d" + wname;
      break;
    case CheckQuantity::Update:
      r.quantity = wname + " after one " + std::string(name(opt.optimizer.kind)) + " step";
      break;
  }
  const int kk = t.layer + 1;  // notes' k of the parameter's layer
  const std::string unit = std::to_string(t.i + 1);
  const char* symbols[9] = {"dJ/ds", "f'(z_out)", "delta_out", "", "", "", "", "", ""};
  const std::string s4 = "sum_m delta_m W_m" + unit + sup(kk + 1);
  const std::string s5 = "f'(z_" + unit + sup(kk + 1) + ")";
  const std::string s6 = "delta_" + unit + sup(kk + 1);
  const std::string s7 = t.bias ? std::string("1") : "a_" + std::to_string(t.j + 1) + sup(kk);
  const std::string s8 = "dJ/d" + wname;
  const std::string s9 = wname + " new";
  const std::string names[9] = {symbols[0], symbols[1], symbols[2], s4, s5, s6, s7, s8, s9};
  for (int n = 0; n < 9; ++n) {
    const std::vector<double>& v = right.steps[static_cast<std::size_t>(n)];
    r.steps.push_back(
        {n + 1, names[n], v.empty() ? std::numeric_limits<double>::quiet_NaN() : v.front()});
  }
  // The steps that matter for this quantity: 1-6 for delta, 1-8 for a gradient, 1-9 for update.
  const int last = q.quantity == CheckQuantity::Delta    ? 6
                   : q.quantity == CheckQuantity::Update ? 9
                                                         : 8;
  r.steps.resize(static_cast<std::size_t>(last));

  r.correct = std::fabs(q.value - r.expected) <= r.tolerance;
  if (r.correct) {
    r.hint =
        "Right: " + r.quantity + " = " + num(r.expected) + " (within " + num(r.tolerance) + ").";
    return r;
  }
  // Which mistake gives the student's value: the closest variant within its own tolerance that
  // is distinguishable from the right answer.
  double best = std::numeric_limits<double>::infinity();
  std::string also;  // another mistake that gives the same value (named in the hint)
  for (const MistakeRow& row : mistake_rows()) {
    // With one hidden layer "every layer" is "this layer": one name for one mistake.
    if (row.m.forgot_fprime_all && L <= 2) continue;
    const Trace tr = trace(net, X, y, t, q.quantity, opt, row.m);
    if (!std::isfinite(tr.value)) continue;
    const double tol = tolerance_of(q.quantity, opt, tr.value, right.w_old);
    if (std::fabs(tr.value - r.expected) <= r.tolerance) continue;  // same answer: no mistake here
    const double d = std::fabs(q.value - tr.value);
    if (d > tol) continue;
    if (d >= best) {
      if (also.empty() && d - best <= 1e-12 * std::max(1.0, std::fabs(q.value))) also = row.hint;
      continue;
    }
    int first = 0;
    for (int n = 0; n < last && !first; ++n)
      if (!same(tr.steps[static_cast<std::size_t>(n)], right.steps[static_cast<std::size_t>(n)]))
        first = n + 1;
    if (!first) continue;
    best = d;
    also.clear();
    r.first_wrong_step = first;
    r.mistake = row.id;
    r.hint = row.hint;
  }
  if (!also.empty()) r.hint += " Or: " + also;
  if (r.mistake.empty())
    r.hint = "Not right: expected " + num(r.expected) +
             ", and no usual mistake gives your value. Recompute the steps one by one and "
             "compare them with the inspector's.";
  return r;
}

CheckOptions check_options(const Session& s) {
  const Config& c = s.config();
  CheckOptions o;
  o.loss = c.loss;
  o.margin = c.margin;
  o.regularization = c.regularization.kind;
  o.rate = c.regularization.rate;
  o.optimizer = c.optimizer;
  o.learning_rate = s.learning_rate();
  return o;
}

CheckResult check_answer(const Session& s, int sample, const CheckQuestion& q) {
  Matrix X;
  Vector y;
  session_sample(s, sample, X, y);
  return check_answer(s.network(), X, y, q, check_options(s));
}

HandExample hand_checkable_example() {
  HandExample h;
  Config& c = h.config;
  c.data.dataset = DatasetKind::User;
  c.data.points = 10;
  c.data.classes = 2;
  c.data.noise = 0;
  c.preprocess = Preprocess::None;
  c.features = {Feature::X1, Feature::X2};
  c.network.hidden = {2};
  c.network.activation = {Activation::Sigmoid};
  c.network.output_activation = Activation::Linear;
  c.loss = Loss::Mse;
  c.optimizer.kind = OptimizerKind::Sgd;
  c.optimizer.learning_rate = 0.1;
  c.batch_size = 1;
  // Eight points with integer coordinates; the first six train, the last two test.
  const double pts[8][3] = {{1, 2, 1}, {-1, 1, 0}, {2, -1, 1}, {-2, -1, 0},
                            {0, 2, 1}, {1, -2, 0}, {2, 1, 1},  {-1, -2, 0}};
  h.points.X.resize(2, 8);
  h.points.y.resize(8);
  h.points.classes = 2;
  h.split.assign(8, 0);
  for (int k = 0; k < 8; ++k) {
    h.points.X(0, k) = pts[k][0];
    h.points.X(1, k) = pts[k][1];
    h.points.y[k] = pts[k][2];
    if (k >= 6) h.split[static_cast<std::size_t>(k)] = 1;
  }
  Rng rng(1);
  h.network.init(c.network_spec(), Init::Xavier, 0.1, rng);
  Layer& l1 = h.network.layers[0];
  l1.W << 0.1, 0.2, -0.3, 0.4;
  l1.b << 0.1, -0.1;
  Layer& l2 = h.network.layers[1];
  l2.W << 0.5, -0.4;
  l2.b << 0.2;
  return h;
}

}  // namespace nn
