// §3.2 computational graph: one sample (or a few columns) through the current network as a graph
// of operations in topological order, evaluated forward and then backward one node at a time, so
// the graph panel can show "upstream x local = downstream" with the numbers at every node.
// A test proves its parameter gradients equal Network::backward's dW/db (to 1e-12).
//
// Nodes for layer l (0-based; the notes' k = l + 1), which maps a^(k) to z^(k+1):
//   W^(k), b^(k)               leaves (parameters)
//   m^(k+1) = W^(k) a^(k)      matmul: two inputs, one local gradient each
//   z^(k+1) = m^(k+1) + b^(k)  add bias
//   a^(k+1) = f(z^(k+1))       activation; the last one is the score s
// then J = loss(s, y) and, with regularization, R = lambda sum_k ||W^(k)||^2 (or |W| for L1) and
// J_R = J + R: then every W^(k) has two consumers and its gradient is the sum of both branches.
// Evaluation mode (no dropout): the graph is the function of the weights that backprop and the
// gradient check differentiate. Columns are samples. For max_margin the "sample" is a (true,
// corrupted) pair given as two columns [x_true, x_corrupted] with y = {1, 0} (the loss's own
// layout), so J = max(0, 1 + s_c - s).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "loss.hpp"
#include "network.hpp"
#include "session.hpp"
#include "types.hpp"

namespace nn {

enum class NodeKind { Input, Weight, Bias, MatMul, AddBias, Activation, Loss, Regularizer, Sum };
const char* name(NodeKind k);  // "input", "weight", "bias", "matmul", "add_bias", "activation", ...

// How a node's gradient (upstream, same shape as its value) becomes the gradient it sends to one
// of its inputs (downstream, the input's shape), given the local gradient:
//   Elementwise  downstream = upstream o local        (f'(z), or ones for m in m + b)
//   RightMatMul  downstream = upstream * local        (W in W a: local = a^T; b in z = m + b 1^T:
//                                                       local = 1, a column of N ones)
//   LeftMatMul   downstream = local * upstream        (a in W a: local = W^T)
//   ScalarTimes  downstream = upstream(0,0) * local   (scalar nodes: J -> s local = dJ/ds;
//                                                       R -> W local = 2 lambda W; J_R -> J local =
//                                                       1)
enum class LocalForm { Elementwise, RightMatMul, LeftMatMul, ScalarTimes };
const char* name(LocalForm f);  // "elementwise", "right_matmul", "left_matmul", "scalar_times"

struct GraphEdge {
  int input = -1;  // node id of the input
  LocalForm form = LocalForm::Elementwise;
  Matrix local;         // local gradient (set in the forward step: it needs forward values only)
  Matrix downstream;    // what this node sends to the input (set in the backward step)
  std::string formula;  // "dJ/da1 = W1^T dJ/dm2"
};

struct GraphNode {
  int id = -1;
  NodeKind kind = NodeKind::Input;
  std::string name;              // "z2", "W1", "s", "J"
  std::string label;             // "z2 = m2 + b1"
  int layer = -1;                // network layer index (0-based) for parameter/layer nodes, else -1
  int column = 0, row = 0;       // layout hint: the main chain is row 0, left to right; W above
                                 // (row -1) and b below (row 1) the op that reads them; R below J
  std::vector<int> inputs;       // node ids, in the order of edges
  std::vector<int> consumers;    // node ids that take this node as input
  std::vector<GraphEdge> edges;  // one per input
  Matrix value;                  // forward value; leaves hold it from the start
  Matrix grad;                   // dJ/d(node), same shape as value; the sum of contributions
  // (consumer id, what it sent): several consumers' contributions add up to grad.
  std::vector<std::pair<int, Matrix>> contributions;
  bool forward_done = false;
  bool backward_done = false;
  bool is_leaf() const { return inputs.empty(); }
};

struct GraphOptions {
  Loss loss = Loss::Logistic;
  Scalar margin = 1.0;
  Regularization regularization = Regularization::None;
  Scalar rate = 0.0;  // regularization strength lambda; the R node exists only when rate > 0
};

class Graph {
 public:
  Graph() = default;
  // X (inputs, N): the sample columns; y (N): labels as the loss reads them (see loss.hpp).
  // Copies the parameters, so the network may change afterwards without touching the graph.
  Graph(const Network& net, const Matrix& X, const Vector& y, const GraphOptions& opt);

  const std::vector<GraphNode>& nodes() const { return nodes_; }
  const GraphNode& node(int id) const { return nodes_[static_cast<std::size_t>(id)]; }
  int size() const { return static_cast<int>(nodes_.size()); }

  // Evaluates the next node in topological order; false once every node is done.
  bool forward_step();
  // Processes the next node in reverse topological order (needs the forward pass complete; the
  // first call seeds dJ/dJ = 1 at the root); false once every node is done or forward is not.
  bool backward_step();
  void forward();   // all remaining forward steps
  void backward();  // forward if needed, then all remaining backward steps
  void reset();     // back to the state after construction (leaves hold their values)

  int forward_cursor() const { return forward_cursor_; }    // nodes evaluated so far (0..size)
  int backward_cursor() const { return backward_cursor_; }  // nodes processed so far (0..size)
  bool forward_complete() const { return forward_cursor_ == size(); }
  bool backward_complete() const { return backward_cursor_ == size(); }
  int last_node() const { return last_node_; }  // the node the last step touched, -1 after reset

  // Lookups for the views and tests (layer = network layer index, 0-based).
  int input_node() const { return 0; }
  int weight_node(int layer) const { return weight_nodes_[static_cast<std::size_t>(layer)]; }
  int bias_node(int layer) const { return bias_nodes_[static_cast<std::size_t>(layer)]; }
  int z_node(int layer) const { return z_nodes_[static_cast<std::size_t>(layer)]; }
  int a_node(int layer) const { return a_nodes_[static_cast<std::size_t>(layer)]; }
  int score_node() const { return a_nodes_.back(); }
  int loss_node() const { return loss_node_; }  // J (data loss)
  int root() const { return size() - 1; }       // J, or J_R with regularization
  double loss() const;                          // root value after the forward pass, else NaN
  const GraphOptions& options() const { return opt_; }
  const Vector& labels() const { return y_; }

 private:
  int add(NodeKind kind, std::string node_name, std::string label, int layer,
          std::vector<int> inputs);
  void place();  // column/row layout hints
  void evaluate(GraphNode& n);
  void propagate(GraphNode& n);

  GraphOptions opt_;
  Vector y_;
  std::vector<Activation> f_;  // per layer
  Scalar leaky_slope_ = 0.01;
  std::vector<GraphNode> nodes_;
  std::vector<int> weight_nodes_, bias_nodes_, z_nodes_, a_nodes_;
  int loss_node_ = -1;
  int forward_cursor_ = 0, backward_cursor_ = 0, last_node_ = -1;
};

// Session helpers. A "sample" is one training column, or for max_margin one (true, corrupted)
// pair (pair p = columns p and P + p of the training inputs); index counts those.
int session_sample_count(const Session& s);
// X (inputs, 1 or 2) and y as the loss reads them. Throws ConfigError if index is out of range.
void session_sample(const Session& s, int index, Matrix& X, Vector& y);
// The last training batch (before the first step: the first batch_size training columns, pairs
// kept together for max_margin), so the views have a batch from the start.
void session_batch(const Session& s, Matrix& X, Vector& y);
GraphOptions graph_options(const Config& cfg);  // loss, margin, regularization of the config
Graph make_graph(const Session& s, int index);  // the graph of training sample `index`

// "4x1": rows x cols, for shape labels.
std::string shape_text(const Matrix& m);
std::string shape_text(Eigen::Index rows, Eigen::Index cols);

}  // namespace nn
