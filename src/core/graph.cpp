// Computational graph (§3.2): build in topological order, forward one node at a time (each node
// also stores its local gradients, which need forward values only), backward in reverse order
// with downstream = upstream x local, contributions from several consumers summed.
#include "graph.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nn {

const char* name(NodeKind k) {
  switch (k) {
    case NodeKind::Input:
      return "input";
    case NodeKind::Weight:
      return "weight";
    case NodeKind::Bias:
      return "bias";
    case NodeKind::MatMul:
      return "matmul";
    case NodeKind::AddBias:
      return "add_bias";
    case NodeKind::Activation:
      return "activation";
    case NodeKind::Loss:
      return "loss";
    case NodeKind::Regularizer:
      return "regularizer";
    case NodeKind::Sum:
      return "sum";
  }
  return "?";
}

const char* name(LocalForm f) {
  switch (f) {
    case LocalForm::Elementwise:
      return "elementwise";
    case LocalForm::RightMatMul:
      return "right_matmul";
    case LocalForm::LeftMatMul:
      return "left_matmul";
    case LocalForm::ScalarTimes:
      return "scalar_times";
  }
  return "?";
}

std::string shape_text(Eigen::Index rows, Eigen::Index cols) {
  return std::to_string(rows) + "x" + std::to_string(cols);
}
std::string shape_text(const Matrix& m) { return shape_text(m.rows(), m.cols()); }

Graph::Graph(const Network& net, const Matrix& X, const Vector& y, const GraphOptions& opt)
    : opt_(opt), y_(y), leaky_slope_(net.spec().leaky_slope) {
  const int L = net.num_layers();
  if (X.rows() != net.spec().inputs)
    throw ConfigError("graph.x", "sample has " + std::to_string(X.rows()) +
                                     " rows, the network takes " +
                                     std::to_string(net.spec().inputs) + " inputs");
  if (y.size() != X.cols())
    throw ConfigError("graph.y", "need one label per sample column (" + std::to_string(X.cols()) +
                                     "), got " + std::to_string(y.size()));
  if (opt.loss == Loss::MaxMargin && (X.cols() < 2 || X.cols() % 2 != 0))
    throw ConfigError("graph.x",
                      "max_margin needs (true, corrupted) pairs: an even number of "
                      "columns [true... | corrupted...], at least 2");
  // Leaves hold their values from the start; forward_step only marks them evaluated.
  nodes_.reserve(static_cast<std::size_t>(5 * L + 4));
  int a_prev = add(NodeKind::Input, "a1", "a1 = x (the input)", -1, {});
  nodes_.back().value = X;
  for (int l = 0; l < L; ++l) {
    const Layer& layer = net.layers[static_cast<std::size_t>(l)];
    const std::string k = std::to_string(l + 1), k1 = std::to_string(l + 2);
    const std::string a_in = l == 0 ? "a1" : "a" + k;
    const bool out = l == L - 1;
    f_.push_back(layer.f);
    const int w = add(NodeKind::Weight, "W" + k, "W" + k + " (" + shape_text(layer.W) + ")", l, {});
    nodes_.back().value = layer.W;
    const int b = add(NodeKind::Bias, "b" + k, "b" + k + " (" + shape_text(layer.b) + ")", l, {});
    nodes_.back().value = layer.b;
    const int m =
        add(NodeKind::MatMul, "m" + k1, "m" + k1 + " = W" + k + " " + a_in, l, {w, a_prev});
    const int z = add(NodeKind::AddBias, "z" + k1, "z" + k1 + " = m" + k1 + " + b" + k, l, {m, b});
    const std::string a_name = out ? "s" : "a" + k1;
    const std::string a_label = out ? "s = a" + k1 + " = " + name(layer.f) + "(z" + k1 + ")"
                                    : "a" + k1 + " = " + name(layer.f) + "(z" + k1 + ")";
    a_prev = add(NodeKind::Activation, a_name, a_label, l, {z});
    weight_nodes_.push_back(w);
    bias_nodes_.push_back(b);
    z_nodes_.push_back(z);
    a_nodes_.push_back(a_prev);
  }
  loss_node_ =
      add(NodeKind::Loss, "J", std::string("J = ") + name(opt.loss) + "(s, y)", -1, {a_prev});
  if (opt.regularization != Regularization::None && opt.rate > 0) {
    std::string sum;
    for (int l = 0; l < L; ++l) {
      const std::string k = std::to_string(l + 1);
      sum += (l ? " + " : "") +
             (opt.regularization == Regularization::L2 ? "||W" + k + "||^2" : "|W" + k + "|");
    }
    const int r = add(NodeKind::Regularizer, "R", "R = lambda (" + sum + ")", -1, weight_nodes_);
    add(NodeKind::Sum, "J_R", "J_R = J + R", -1, {loss_node_, r});
  }
  place();
}

void Graph::place() {
  // The main chain a1 -> m -> z -> a -> ... -> s -> J goes left to right on row 0; each W sits
  // above and each b below the op that reads it; R sits below J, J_R after both.
  for (GraphNode& n : nodes_) {
    switch (n.kind) {
      case NodeKind::Input:
        n.column = 0, n.row = 0;
        break;
      case NodeKind::Weight:
      case NodeKind::Bias:
        break;  // placed with their consumer below
      case NodeKind::Regularizer:
        n.column = nodes_[static_cast<std::size_t>(loss_node_)].column, n.row = 1;
        break;
      default: {
        int c = 0;
        for (int i : n.inputs) {
          const GraphNode& in = nodes_[static_cast<std::size_t>(i)];
          if (in.kind != NodeKind::Weight && in.kind != NodeKind::Bias) c = std::max(c, in.column);
        }
        n.column = c + 1, n.row = 0;
        for (int i : n.inputs) {
          GraphNode& in = nodes_[static_cast<std::size_t>(i)];
          if (in.kind == NodeKind::Weight) in.column = n.column, in.row = -1;
          if (in.kind == NodeKind::Bias) in.column = n.column, in.row = 1;
        }
      }
    }
  }
}

int Graph::add(NodeKind kind, std::string node_name, std::string label, int layer,
               std::vector<int> inputs) {
  GraphNode n;
  n.id = static_cast<int>(nodes_.size());
  n.kind = kind;
  n.name = std::move(node_name);
  n.label = std::move(label);
  n.layer = layer;
  n.inputs = std::move(inputs);
  for (int i : n.inputs) {
    nodes_[static_cast<std::size_t>(i)].consumers.push_back(n.id);
    GraphEdge e;
    e.input = i;
    n.edges.push_back(e);
  }
  nodes_.push_back(std::move(n));
  return nodes_.back().id;
}

void Graph::reset() {
  for (GraphNode& n : nodes_) {
    if (!n.is_leaf()) n.value.resize(0, 0);
    n.grad.resize(0, 0);
    n.contributions.clear();
    for (GraphEdge& e : n.edges) {
      e.local.resize(0, 0);
      e.downstream.resize(0, 0);
    }
    n.forward_done = n.backward_done = false;
  }
  forward_cursor_ = backward_cursor_ = 0;
  last_node_ = -1;
}

double Graph::loss() const {
  if (!forward_complete()) return std::numeric_limits<double>::quiet_NaN();
  return nodes_.back().value(0, 0);
}

void Graph::evaluate(GraphNode& n) {
  auto in = [&](std::size_t e) -> const GraphNode& {
    return nodes_[static_cast<std::size_t>(n.inputs[e])];
  };
  const std::string up = "dJ/d" + n.name;
  switch (n.kind) {
    case NodeKind::Input:
    case NodeKind::Weight:
    case NodeKind::Bias:
      break;  // leaves: value set at construction
    case NodeKind::MatMul: {
      const Matrix& W = in(0).value;  // (n_out, n_in)
      const Matrix& a = in(1).value;  // (n_in, N)
      n.value = W * a;                // (n_out, N)
      n.edges[0].form = LocalForm::RightMatMul;
      n.edges[0].local = a.transpose();  // (N, n_in): dm_ic/dW_ij = a_jc
      n.edges[0].formula = "dJ/d" + in(0).name + " = " + up + " " + in(1).name + "^T";
      n.edges[1].form = LocalForm::LeftMatMul;
      n.edges[1].local = W.transpose();  // (n_in, n_out): dm/da = W
      n.edges[1].formula = "dJ/d" + in(1).name + " = " + in(0).name + "^T " + up;
      break;
    }
    case NodeKind::AddBias: {
      const Matrix& m = in(0).value;  // (n_out, N)
      const Matrix& b = in(1).value;  // (n_out, 1)
      n.value = m;
      n.value.colwise() += b.col(0);
      n.edges[0].form = LocalForm::Elementwise;
      n.edges[0].local = Matrix::Ones(m.rows(), m.cols());
      n.edges[0].formula = "dJ/d" + in(0).name + " = " + up + " o 1";
      n.edges[1].form = LocalForm::RightMatMul;
      n.edges[1].local = Matrix::Ones(m.cols(), 1);  // (N, 1): the bias is added to every column
      n.edges[1].formula = "dJ/d" + in(1).name + " = " + up + " 1  (sum over the columns)";
      break;
    }
    case NodeKind::Activation: {
      const Matrix& z = in(0).value;  // (n_out, N)
      const Activation f = f_[static_cast<std::size_t>(n.layer)];
      activate(f, z, n.value, leaky_slope_);
      Matrix d = Matrix::Ones(z.rows(), z.cols());
      multiply_derivative(f, z, n.value, d, leaky_slope_);
      n.edges[0].form = LocalForm::Elementwise;
      n.edges[0].local = std::move(d);  // f'(z): the diagonal of the Jacobian da/dz (§3.1)
      n.edges[0].formula =
          "dJ/d" + in(0).name + " = " + up + " o " + name(f) + "'(" + in(0).name + ")";
      break;
    }
    case NodeKind::Loss: {
      Matrix dS;
      const Scalar J = loss_forward_backward(opt_.loss, in(0).value, y_, opt_.margin, dS);
      n.value = Matrix::Constant(1, 1, J);
      n.edges[0].form = LocalForm::ScalarTimes;
      n.edges[0].local = std::move(dS);  // (K, N) dJ/ds of the loss itself (batch mean included)
      n.edges[0].formula = "dJ/ds = " + up + " x " + name(opt_.loss) + "'(s, y)";
      break;
    }
    case NodeKind::Regularizer: {
      Scalar r = 0;
      for (std::size_t e = 0; e < n.inputs.size(); ++e) {
        const Matrix& W = in(e).value;
        GraphEdge& edge = n.edges[e];
        edge.form = LocalForm::ScalarTimes;
        if (opt_.regularization == Regularization::L2) {
          r += W.squaredNorm();
          edge.local = (2 * opt_.rate) * W;  // d/dW lambda ||W||_F^2
          edge.formula = "dJ/d" + in(e).name + " += " + up + " x 2 lambda " + in(e).name;
        } else {
          r += W.cwiseAbs().sum();
          edge.local = opt_.rate * W.unaryExpr([](Scalar w) { return Scalar((w > 0) - (w < 0)); });
          edge.formula = "dJ/d" + in(e).name + " += " + up + " x lambda sign(" + in(e).name + ")";
        }
      }
      n.value = Matrix::Constant(1, 1, opt_.rate * r);
      break;
    }
    case NodeKind::Sum: {
      Scalar s = 0;
      for (std::size_t e = 0; e < n.inputs.size(); ++e) {
        s += in(e).value(0, 0);
        n.edges[e].form = LocalForm::ScalarTimes;
        n.edges[e].local = Matrix::Ones(1, 1);
        n.edges[e].formula = "dJ/d" + in(e).name + " = " + up + " x 1";
      }
      n.value = Matrix::Constant(1, 1, s);
      break;
    }
  }
}

void Graph::propagate(GraphNode& n) {
  for (GraphEdge& e : n.edges) {
    GraphNode& target = nodes_[static_cast<std::size_t>(e.input)];
    switch (e.form) {
      case LocalForm::Elementwise:
        e.downstream = n.grad.cwiseProduct(e.local);
        break;
      case LocalForm::RightMatMul:
        e.downstream = n.grad * e.local;
        break;
      case LocalForm::LeftMatMul:
        e.downstream = e.local * n.grad;
        break;
      case LocalForm::ScalarTimes:
        e.downstream = n.grad(0, 0) * e.local;
        break;
    }
    if (target.grad.size() == 0)
      target.grad = Matrix::Zero(target.value.rows(), target.value.cols());
    target.grad += e.downstream;  // branches sum
    target.contributions.emplace_back(n.id, e.downstream);
  }
}

bool Graph::forward_step() {
  if (forward_complete()) return false;
  GraphNode& n = nodes_[static_cast<std::size_t>(forward_cursor_)];
  evaluate(n);
  n.forward_done = true;
  last_node_ = n.id;
  ++forward_cursor_;
  return true;
}

bool Graph::backward_step() {
  if (!forward_complete() || backward_complete()) return false;
  GraphNode& n = nodes_[static_cast<std::size_t>(size() - 1 - backward_cursor_)];
  if (backward_cursor_ == 0) n.grad = Matrix::Ones(1, 1);  // dJ/dJ = 1 seeds the root
  // Reverse topological order: every consumer of n has already sent its contribution.
  if (n.grad.size() == 0) n.grad = Matrix::Zero(n.value.rows(), n.value.cols());
  propagate(n);
  n.backward_done = true;
  last_node_ = n.id;
  ++backward_cursor_;
  return true;
}

int session_sample_count(const Session& s) {
  const Eigen::Index n = s.train_inputs().cols();
  return static_cast<int>(s.config().loss == Loss::MaxMargin ? n / 2 : n);
}

void session_sample(const Session& s, int index, Matrix& X, Vector& y) {
  const int count = session_sample_count(s);
  if (index < 0 || index >= count)
    throw ConfigError("sample", "index must be 0-" + std::to_string(count - 1) + ", got " +
                                    std::to_string(index));
  const Matrix& Xt = s.train_inputs();  // (d, N)
  const Vector& yt = s.train_targets();
  if (s.config().loss == Loss::MaxMargin) {  // [true | corrupted] columns of pair index
    X.resize(Xt.rows(), 2);
    y.resize(2);
    X.col(0) = Xt.col(index);
    X.col(1) = Xt.col(count + index);
    y[0] = yt[index];
    y[1] = yt[count + index];
  } else {
    X = Xt.col(index);
    y = yt.segment(index, 1);
  }
}

void session_batch(const Session& s, Matrix& X, Vector& y) {
  if (s.last_batch_inputs().cols() > 0) {
    X = s.last_batch_inputs();
    y = s.last_batch_targets();
    return;
  }
  const Matrix& Xt = s.train_inputs();
  const Vector& yt = s.train_targets();
  const Eigen::Index count = session_sample_count(s);
  if (s.config().loss == Loss::MaxMargin) {
    const Eigen::Index P = std::min<Eigen::Index>(std::max(1, s.config().batch_size / 2), count);
    X.resize(Xt.rows(), 2 * P);
    y.resize(2 * P);
    X.leftCols(P) = Xt.leftCols(P);
    X.rightCols(P) = Xt.middleCols(count, P);
    y.head(P) = yt.head(P);
    y.tail(P) = yt.segment(count, P);
  } else {
    const Eigen::Index B = std::min<Eigen::Index>(s.config().batch_size, count);
    X = Xt.leftCols(B);
    y = yt.head(B);
  }
}

GraphOptions graph_options(const Config& cfg) {
  GraphOptions o;
  o.loss = cfg.loss;
  o.margin = cfg.margin;
  o.regularization = cfg.regularization.kind;
  o.rate = cfg.regularization.rate;
  return o;
}

Graph make_graph(const Session& s, int index) {
  Matrix X;
  Vector y;
  session_sample(s, index, X, y);
  return Graph(s.network(), X, y, graph_options(s.config()));
}

void Graph::forward() {
  while (forward_step()) {
  }
}

void Graph::backward() {
  forward();
  while (backward_step()) {
  }
}

}  // namespace nn
