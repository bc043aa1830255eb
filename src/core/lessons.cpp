// The lesson table: one per section of docs/notes.md, in order. Configs are built from the
// defaults with only the fields that matter for the lesson changed, so each lesson reads as a
// diff against the playground's start state.
#include "lessons.hpp"

namespace nn {

const std::vector<View>& all_views() {
  static const std::vector<View> all = kind_values(kViewKinds);
  return all;
}

const char* name(View v) { return kind_row(kViewKinds, v).name; }

View parse_view(const std::string& s, const std::string& field) {
  return kind_parse(kViewKinds, s, field, "view");
}

namespace {

Config base(DatasetKind d) {
  Config c;
  c.data.dataset = d;
  c.data.points = 400;
  c.data.noise = 0.0;
  return c;
}

OptimizerConfig optimizer(OptimizerKind k, double lr) {
  OptimizerConfig o;
  o.kind = k;
  o.learning_rate = lr;
  return o;
}

LessonVariant variant(std::string label, Config c) { return LessonVariant{std::move(label), c}; }

NotesSlip slip(std::string notes, std::string corrected, std::string why) {
  return NotesSlip{std::move(notes), std::move(corrected), std::move(why)};
}

}  // namespace

std::string slip_text(const NotesSlip& s) {
  return "The notes write " + s.notes + "; correct: " + s.corrected + ". " + s.why;
}

std::string card_text(const Lesson& l) {
  std::string t = l.text + "\n" + l.formula;
  for (const NotesSlip& s : l.slips) t += "\n" + slip_text(s);
  return t;
}

std::vector<Lesson> all_lessons() {
  std::vector<Lesson> out;

  {  // §1.1
    Lesson l;
    l.id = "s1_1_single_neuron";
    l.section = "1.1";
    l.title = "One sigmoid neuron";
    l.formula = "a = 1 / (1 + exp(-(w^T x + b)))";
    l.text =
        "A network with no hidden layer is one neuron: the score s = w^T x + b goes through the "
        "logistic loss, which applies the sigmoid, so a = sigma(w^T x + b) is the probability "
        "of class 1. Its decision boundary a = 0.5 is the line w^T x + b = 0: watch it "
        "turn and slide until it separates the two clouds. No straight line can solve the "
        "circle or XOR sets; that is what hidden layers are for.";
    Config c = base(DatasetKind::Gauss);
    c.data.noise = 0.5;
    c.network.hidden = {};
    c.loss = Loss::Logistic;
    c.optimizer = optimizer(OptimizerKind::Sgd, 0.1);
    l.config = c;
    l.views = {View::Boundary, View::Network, View::Loss};
    out.push_back(l);
  }
  {  // §1.2
    Lesson l;
    l.id = "s1_2_one_layer";
    l.section = "1.2";
    l.title = "A layer of neurons";
    l.formula = "z = W x + b, a = sigma(z) (elementwise)";
    l.text =
        "Stacking m sigmoid neurons that read the same input gives one layer: W holds one row "
        "per neuron, z = W x + b, and the sigmoid is applied to each entry. Each thumbnail in "
        "the network view is one neuron's activation a_i over the input plane: every one of "
        "them is a soft straight edge. The output combines these edges into the curved "
        "boundary around the circle.";
    Config c = base(DatasetKind::Circle);
    c.network.hidden = {4};
    c.network.activation = {Activation::Sigmoid};
    c.optimizer = optimizer(OptimizerKind::Sgd, 0.3);
    l.config = c;
    l.views = {View::Network, View::Boundary, View::Loss};
    l.slips = {slip("a_i = 1 / (1 + exp(w^(i)T x + b_i)) and sigma(z) = 1 / (1 + exp(z))",
                    "a_i = 1 / (1 + exp(-(w^(i)T x + b_i))), sigma(z) = 1 / (1 + exp(-z))",
                    "With +z a unit would switch off as its input grows (that is sigma(-z)), "
                    "which contradicts the notes' own §1.1 formula a = 1 / (1 + exp(-(w^T x + "
                    "b))).")};
    out.push_back(l);
  }
  {  // §1.3-1.4
    Lesson l;
    l.id = "s1_3_ner_window_max_margin";
    l.section = "1.3-1.4";
    l.title = "Scoring word windows with the max-margin objective";
    l.formula =
        "s = U^T f(W x + b), x in R^20, W in R^{8x20}; J = max(0, Delta + s_c - s), Delta = 1";
    l.text =
        "Each sample is a window of 5 words, each a 4-d vector, so x is 20-d (\"Museums in Paris "
        "are amazing\"): the network scores whether the centre word is a location. Training "
        "pairs every true window with a corrupted one (centre word replaced) and asks for "
        "s > s_c + 1: J = max(0, 1 + s_c - s). Once a pair clears the margin its loss and "
        "gradient are exactly 0, so only violating pairs move the weights. Accuracy counts the "
        "pairs that clear the margin (J = 0): 0% before training for every seed, 98-100% after "
        "300 steps.";
    Config c = base(DatasetKind::NerWindow);
    c.data.points = 200;
    c.loss = Loss::MaxMargin;
    c.margin = 1.0;
    c.network.hidden = {8};
    c.network.activation = {Activation::Sigmoid};
    c.optimizer = optimizer(OptimizerKind::Sgd, 0.1);
    l.config = c;
    l.views = {View::Network, View::Loss, View::Inspector};
    l.slips = {
        slip("\"we only care that the true window scores higher\" and then J = max(s_c - s, "
             "0), which leaves readers asking why s_c - s and not s - s_c",
             "the goal is s - s_c >= Delta; J = max(0, Delta + s_c - s) is positive exactly "
             "when the goal fails, s - s_c < Delta",
             "J measures the violation, so the error comes from the case the corrupted "
             "window scores as high as the true one (or within the margin): s_c - s is "
             "how far the goal is missed, and J = 0 once s > s_c + 1.")};
    out.push_back(l);
  }
  {  // §1.5
    Lesson l;
    l.id = "s1_5_elementwise_backprop";
    l.section = "1.5";
    l.title = "Backpropagation, one weight at a time";
    l.formula =
        "dJ/ds = -1 (J > 0); ds/dW_ij^(1) = delta_i^(2) a_j^(1), delta_i^(2) = W_i^(2) "
        "f'(z_i^(2)); dJ/db_i^(1) = delta_i^(2); delta_j^(k-1) = f'(z_j^(k-1)) sum_i delta_i^(k) "
        "W_ij^(k-1)";
    l.text =
        "This is the notes' 4-2-1 network of Figure 5: four inputs (x1, x2, x1^2, x2^2), two "
        "sigmoid units, one score s, trained with the max-margin loss of §1.4 on (class 1, "
        "class 0) pairs. The inspector opens on W_14^(1) and follows Figure 6's eight "
        "error-sharing steps: while the pair violates the margin the signal starts at exactly "
        "-1 at s (+1 for the corrupted partner), then is multiplied by W_1^(2), by f'(z_1^(2)) "
        "and by the input a_4^(1). A bias is a weight whose input is 1, so its gradient is just "
        "delta_i^(2). The map's s = 0 is no boundary here and accuracy stays near 50%: the loss "
        "only asks s - s_c >= 1 of each pair, so the output bias b^(2) cancels in s_c - s and "
        "gets no gradient, and J falling to 0 is the measure. Play runs at 2 steps per second "
        "so the live numbers can be read.";
    Config c = base(DatasetKind::Circle);
    c.features = {Feature::X1, Feature::X2, Feature::X1Sq, Feature::X2Sq};
    c.network.hidden = {2};
    c.network.activation = {Activation::Sigmoid};
    c.loss = Loss::MaxMargin;
    c.margin = 1.0;
    c.optimizer = optimizer(OptimizerKind::Sgd, 0.3);
    l.config = c;
    l.views = {View::Inspector, View::Network, View::Boundary};
    l.inspect = InspectTarget{0, 0, 3, false};  // W_14^(1): unit 1 of layer 2, input 4
    l.play_steps_per_second = 2;
    out.push_back(l);
  }
  {  // §1.6
    Lesson l;
    l.id = "s1_6_vectorized_backprop";
    l.section = "1.6";
    l.title = "Backpropagation with matrices";
    l.formula = "grad W^(k) = delta^(k+1) a^(k)T; delta^(k) = f'(z^(k)) o (W^(k)T delta^(k+1))";
    l.text =
        "All the per-weight gradients of a layer form one outer product, delta^(k+1) a^(k)T, "
        "and the errors of a whole layer come back in one product with W^(k)T. The engine runs "
        "exactly this on a batch, with samples as columns, computing each delta once and "
        "reusing it for the layer below. The inspector lists the shapes (delta, W, a, dW) so "
        "you can check that every product fits.";
    Config c = base(DatasetKind::Circle);
    c.network.hidden = {4, 3};
    c.network.activation = {Activation::Tanh};
    c.optimizer = optimizer(OptimizerKind::Sgd, 0.1);
    l.config = c;
    l.views = {View::Inspector, View::Network, View::Loss};
    out.push_back(l);
  }
  {  // §2.1
    Lesson l;
    l.id = "s2_1_gradient_check";
    l.section = "2.1";
    l.title = "Gradient check";
    l.formula =
        "f'(theta) ~ (J(theta + eps e_i) - J(theta - eps e_i)) / (2 eps), eps ~ 1e-5, error "
        "O(eps^2)";
    l.text =
        "Each parameter is nudged by +eps and -eps, the loss recomputed, and the centred "
        "difference compared with backprop's gradient; the value is restored afterwards. With "
        "smooth activations the relative error is around 1e-8 or smaller. ReLU and hardtanh "
        "have kinks: a nudge that crosses one gives a visibly larger error there, which is "
        "expected, not a bug.";
    Config c = base(DatasetKind::Circle);
    c.network.hidden = {4, 2};
    c.network.activation = {Activation::Tanh};
    l.config = c;
    l.views = {View::GradCheck, View::Network};
    Config relu = c;
    relu.network.activation = {Activation::Relu};
    l.variants = {variant("tanh (smooth)", c), variant("relu (kinks at z = 0)", relu)};
    out.push_back(l);
  }
  {  // §2.2
    Lesson l;
    l.id = "s2_2_regularization";
    l.section = "2.2";
    l.title = "Regularization";
    l.formula =
        "J_R = J + lambda sum_i ||W^(i)||_F^2 (L2: adds 2 lambda W to the gradient), J + lambda "
        "sum |W| (L1: adds lambda sign(W)); biases not regularized";
    // Figures: seed 42, 3000 steps of each variant (tests/core/test_lessons.cpp re-measures them).
    l.text =
        "A big network on noisy XOR fits the noise; the penalty pulls the weights towards 0 and "
        "smooths the boundary: after 3000 steps the sum of squared weights is 191 without a "
        "penalty, 25 with L2 0.003 and 63 with L1 0.003. This lesson trains with Adam, which "
        "divides the whole gradient by its running RMS, so the pull is rescaled weight by "
        "weight rather than the W -= alpha 2 lambda W per step of plain SGD. L1 pulls every "
        "weight by the same lambda whatever its size, so small weights head for 0, but a "
        "gradient step overshoots 0 and jitters around it: after 3000 steps 14 of the 88 "
        "weights are below 1e-3 and none is exactly 0. Biases are left alone, for the reason "
        "given below.";
    l.slips = {
        slip("the L2 term as lambda ||W||_F, without the square",
             "lambda sum_i ||W^(i)||_F^2, lambda times the sum of the squared weights",
             "L2 regularization means the squared Frobenius norm, whose gradient is 2 lambda W; "
             "the unsquared norm's gradient lambda W / ||W||_F would pull every matrix equally "
             "hard whatever its size."),
        slip("that biases need no penalty because b cancels out of J = 1 + s_c - s",
             "b does not cancel: s - s_c = U^T (f(W x + b) - f(W x_c + b)) depends on b through "
             "f (the inspector shows dJ/db = delta, not 0)",
             "Biases are left out because they multiply no input: they shift where a unit's "
             "edge lies but do not control how steeply the output changes with x (the "
             "curvature), so shrinking them buys no smoothness and can only underfit, for "
             "example by pulling every edge towards the origin.")};
    Config c = base(DatasetKind::Xor);
    c.data.points = 200;
    c.data.noise = 1.0;
    c.network.hidden = {8, 8};
    c.network.activation = {Activation::Tanh};
    c.regularization.kind = Regularization::L2;
    c.regularization.rate = 0.003;
    c.optimizer = optimizer(OptimizerKind::Adam, 0.01);
    l.config = c;
    l.views = {View::Boundary, View::Loss, View::Network};
    Config none = c, l1 = c;
    none.regularization = RegularizationConfig{};
    l1.regularization.kind = Regularization::L1;
    l1.regularization.rate = 0.003;
    l.variants = {variant("none", none), variant("L2 0.003", c), variant("L1 0.003", l1)};
    out.push_back(l);
  }
  {  // §2.3
    Lesson l;
    l.id = "s2_3_dropout";
    l.section = "2.3";
    l.title = "Dropout";
    l.formula =
        "train: keep each hidden unit with probability p and divide kept units by p; test: all "
        "units, unscaled";
    l.text =
        "While training, each hidden unit is kept with probability p (greyed out when dropped), "
        "so no unit can rely on a particular other one. A kept unit's expected output is p "
        "times its full output; inverted dropout, used here, divides kept units by p during "
        "training so the test-time network needs no change.";
    l.slips = {slip("\"divide the outputs by p at test time\"",
                    "multiply by p at test time, or (inverted dropout, as here) divide the kept "
                    "units by p while training",
                    "During training a unit's expected output is p times its full output, so the "
                    "test-time network must be scaled down by p to match, not up by 1/p; dividing "
                    "at test time is backwards.")};
    Config c = base(DatasetKind::Circle);
    c.data.noise = 0.5;
    c.network.hidden = {8, 8};
    c.network.activation = {Activation::Relu};
    c.dropout_keep = 0.8;
    c.optimizer = optimizer(OptimizerKind::Adam, 0.01);
    l.config = c;
    l.views = {View::Dropout, View::Network, View::Loss};
    Config off = c;
    off.dropout_keep = 1.0;
    l.variants = {variant("keep 0.8", c), variant("no dropout", off)};
    out.push_back(l);
  }
  {  // §2.4
    Lesson l;
    l.id = "s2_4_activations";
    l.section = "2.4";
    l.title = "Activation functions";
    l.formula =
        "sigmoid' = s(1-s); tanh = 2 sigma(2z) - 1, tanh' = 1 - tanh^2; hardtanh' = 1 on [-1,1] "
        "else 0; softsign = z/(1+|z|), softsign' = 1/(1+|z|)^2; relu' = [z > 0]; leaky' = 1 or k";
    l.text =
        "The plot shows f and f' for the chosen activation with its saturated (f' below 10% of "
        "f'(0)) or dead (relu, z <= 0) region shaded; the histograms show where each layer's z "
        "actually falls. Units whose z sit in the shaded region pass back almost no gradient. "
        "Try each activation: softsign saturates more slowly than tanh, relu units can die.";
    l.slips = {
        slip("sigma'(z) = -exp(-z) / (1 + exp(-z))",
             "sigma'(z) = exp(-z) / (1 + exp(-z))^2 = sigma(z) (1 - sigma(z))",
             "d/dz (1 + e^-z)^-1 = -(1 + e^-z)^-2 (-e^-z): the two minus signs cancel and the "
             "chain rule squares the denominator (the notes' sigma (1 - sigma) is right)."),
        slip("softsign'(z) = sgn(z) / (1 + z)^2", "softsign'(z) = 1/(1+|z|)^2",
             "softsign rises everywhere, so its slope is positive on both sides of 0; "
             "differentiating z / (1 + |z|) gives (1 + |z| - |z|) / (1 + |z|)^2.")};
    Config c = base(DatasetKind::Circle);
    c.network.hidden = {6, 6};
    c.network.activation = {Activation::Softsign};
    c.optimizer = optimizer(OptimizerKind::Sgd, 0.1);
    l.config = c;
    l.views = {View::Activations, View::Boundary, View::Network};
    for (Activation f : {Activation::Sigmoid, Activation::Tanh, Activation::HardTanh,
                         Activation::Softsign, Activation::Relu, Activation::LeakyRelu}) {
      Config v = c;
      v.network.activation = {f};
      l.variants.push_back(variant(name(f), v));
    }
    out.push_back(l);
  }
  {  // §2.5
    Lesson l;
    l.id = "s2_5_preprocessing";
    l.section = "2.5";
    l.title = "Data preprocessing";
    l.formula =
        "x - mean (mean subtraction), (x - mean) / std (standardize); whiten: X' = U S V^T "
        "(centred, samples as columns), x_white = diag(sqrt(N) / s_i) U^T x'";
    // Figures: the training split of the lesson's seed (tests/core/test_lessons.cpp checks them).
    l.text =
        "The statistics (mean, std, singular vectors) come from the training split only and are "
        "then applied to both splits. This set is two stretched Gaussian clouds tilted by 30 "
        "degrees: its training split has mean (1.5, 1.3), std 1.5 along x and 1.2 along y and "
        "correlation 0.5. Mean subtraction moves the cloud to the origin, standardizing gives "
        "both axes std 1 but keeps the tilt, and whitening also rotates onto the singular "
        "vectors and rescales them, so the covariance becomes the identity and the cloud round. "
        "Compare the raw and the transformed point clouds side by side.";
    l.slips = {
        slip("\"compute U X' to project X' onto the columns of U\", then divide each dimension "
             "by its singular value",
             "U^T X' projects onto the columns of U, then divide dimension i by s_i / "
             "sqrt(N): x_white = diag(sqrt(N) / s_i) U^T x'",
             "Projecting onto U's columns takes dot products with them, which is U^T X'; "
             "and s_i^2 / N is the variance along u_i, so dividing by s_i alone leaves "
             "variance 1/N instead of 1.")};
    Config c = base(DatasetKind::Stretched);
    c.data.noise = 0.0;
    c.preprocess = Preprocess::Whiten;
    c.network.hidden = {6};
    c.network.activation = {Activation::Tanh};
    c.optimizer = optimizer(OptimizerKind::Sgd, 0.1);
    l.config = c;
    l.views = {View::Preprocess, View::Boundary};
    for (Preprocess p :
         {Preprocess::None, Preprocess::Mean, Preprocess::Standardize, Preprocess::Whiten}) {
      Config v = c;
      v.preprocess = p;
      l.variants.push_back(variant(name(p), v));
    }
    out.push_back(l);
  }
  {  // §2.6
    Lesson l;
    l.id = "s2_6_initialization";
    l.section = "2.6";
    l.title = "Weight initialization in a deep narrow network";
    l.formula =
        "Xavier: W ~ U[-sqrt(6/(n_in+n_out)), +sqrt(6/(n_in+n_out))], b = 0; small normal N(0, "
        "0.01^2); He N(0, 2/n_in)";
    // Figures: the first training step of each variant, seed 42 (re-measured by the tests).
    l.text =
        "Six tanh layers of 8 units. At the first step Xavier keeps both variances within two "
        "orders of magnitude (activations 0.38 in layer 1 to 0.04 in layer 6, gradients 0.25 "
        "at the output to 0.0075 in layer 1), while a small normal init N(0, 0.01^2) loses "
        "twenty (gradient variance 1e-21 in layer 1), so the first layers barely learn. "
        "Xavier's argument assumes zero-mean units with f'(0) = 1, as tanh has: with sigmoid "
        "(f' at most 1/4, outputs near 0.5) the gradient variance still falls from 0.24 to "
        "4e-10, try the sigmoid variant. The gradient variance is the spread of delta = dJ/dz "
        "over units and samples: how strongly that layer is being told to change.";
    Config c = base(DatasetKind::Circle);
    c.network.hidden = {8, 8, 8, 8, 8, 8};
    c.network.activation = {Activation::Tanh};
    c.network.init = Init::Xavier;
    c.optimizer = optimizer(OptimizerKind::Sgd, 0.03);
    l.config = c;
    l.views = {View::Init, View::Activations, View::Loss};
    Config small = c, he = c;
    small.network.init = Init::Normal;
    small.network.init_sigma = 0.01;
    he.network.init = Init::He;
    Config sig = c;
    sig.network.activation = {Activation::Sigmoid};
    l.variants = {variant("xavier", c), variant("normal 0.01", small), variant("he", he),
                  variant("sigmoid + xavier", sig)};
    out.push_back(l);
  }
  {  // §2.7
    Lesson l;
    l.id = "s2_7_learning_rate";
    l.section = "2.7";
    l.title = "Learning rate and annealing";
    l.formula =
        "step: alpha *= factor every n steps; exponential: alpha0 e^{-k t}; inverse: "
        "alpha0 tau / max(t, tau); per layer: alpha / sqrt(n_in)";
    l.text =
        "Too small a rate crawls; too large a rate makes the loss jump and can diverge (the run "
        "then stops with a banner, reset to retry). Annealing starts large and shrinks alpha "
        "over time: the plot shows alpha(t) of the chosen schedule. Collobert's per-layer "
        "scaling divides a layer's rate by the square root of its fan-in.";
    Config c = base(DatasetKind::Circle);
    c.network.hidden = {4, 2};
    c.network.activation = {Activation::Tanh};
    c.optimizer = optimizer(OptimizerKind::Sgd, 0.3);
    c.schedule.kind = ScheduleKind::Step;
    c.schedule.every = 200;
    c.schedule.factor = 0.5;
    l.config = c;
    l.views = {View::Schedule, View::Loss};
    Config exp = c, inv = c, big = c;
    exp.schedule.kind = ScheduleKind::Exponential;
    exp.schedule.k = 0.002;
    inv.schedule.kind = ScheduleKind::Inverse;
    inv.schedule.tau = 100;
    // Nothing bounded on the way (linear units, squared error), and a rate far beyond stable:
    // the weights grow geometrically and the loss overflows within a few steps.
    big.loss = Loss::Mse;
    big.network.activation = {Activation::Linear};
    big.schedule = ScheduleConfig{};
    big.optimizer = optimizer(OptimizerKind::Sgd, 1.0);
    l.variants = {variant("step", c), variant("exponential", exp), variant("inverse", inv),
                  variant("too large: lr 1, linear units, mse (diverges)", big)};
    out.push_back(l);
  }
  {  // §2.8
    Lesson l;
    l.id = "s2_8_momentum";
    l.section = "2.8";
    l.title = "Momentum";
    l.formula = "v = mu v - alpha g; x += v";
    l.text =
        "The velocity v accumulates past gradients: along a long shallow valley the steps add "
        "up and speed grows, across a steep one they cancel. The race trains copies from the "
        "same initial weights on the same batches; on the 2D valley surface SGD zig-zags "
        "while momentum rolls along the floor and overshoots a little.";
    Config c = base(DatasetKind::Circle);
    c.network.hidden = {4, 2};
    c.network.activation = {Activation::Tanh};
    c.optimizer = optimizer(OptimizerKind::Momentum, 0.01);
    c.optimizer.momentum = 0.9;
    l.config = c;
    l.views = {View::Race, View::Loss};
    l.race = {optimizer(OptimizerKind::Sgd, 0.01), c.optimizer,
              optimizer(OptimizerKind::Nesterov, 0.01)};
    out.push_back(l);
  }
  {  // §2.9
    Lesson l;
    l.id = "s2_9_adaptive";
    l.section = "2.9";
    l.title = "Adaptive methods: AdaGrad, RMSProp, Adam";
    l.formula =
        "AdaGrad: cache += g^2, x -= alpha g / sqrt(cache + 1e-8); RMSProp: cache = d cache + "
        "(1-d) g^2, x -= alpha g / sqrt(cache + eps); Adam: m = b1 m + (1-b1) g, v = b2 v + (1-b2) "
        "g^2, x -= alpha mhat / "
        "(sqrt(vhat) + eps), mhat = m / (1 - b1^t), vhat = v / (1 - b2^t)";
    // Figures: the race's lanes on the lesson's spiral, seed 42 (re-measured by the tests).
    l.text =
        "Each parameter gets its own step size from the history of its gradients: AdaGrad's "
        "cache only grows, so its steps shrink for good, while RMSProp and Adam forget old "
        "gradients. The race runs five lanes from the same start on the spiral, standard Adam "
        "and the notes' form side by side. The notes' form looks faster early only because it "
        "skips bias correction: its step is (1 - b1^t) / sqrt(1 - b2^t) times the standard "
        "one, 3.2x at t = 1 and at t = 100 and still 1.26x at t = 1000, so it runs as if with a "
        "larger learning rate (after 1000 steps its loss is 0.239, standard Adam's 0.380).";
    l.slips = {
        slip("Adam without bias correction: x -= alpha m / (sqrt(v) + eps)",
             "standard Adam divides m by 1 - b1^t and v by 1 - b2^t: x -= alpha mhat / "
             "(sqrt(vhat) + eps)",
             "m and v start at 0, so early on they underestimate the gradient's moments; the "
             "notes' form is a lane of the race (bias correction off)."),
        slip("RMSProp's x -= alpha g / (sqrt(cache) + eps), eps outside the root",
             "this playground computes x -= alpha g / sqrt(cache + eps), eps = 1e-8 inside the "
             "root as in the notes' own AdaGrad",
             "eps only keeps the division finite: inside the root the denominator never drops "
             "below sqrt(eps) = 1e-4, outside never below 1e-8, so the two agree for every "
             "gradient much larger than 1e-4.")};
    Config c = base(DatasetKind::Spiral);
    c.network.hidden = {8, 8};
    c.network.activation = {Activation::Tanh};
    c.optimizer = optimizer(OptimizerKind::Adam, 0.01);
    c.batch_size = 20;
    l.config = c;
    l.views = {View::Race, View::Loss, View::Boundary};
    OptimizerConfig notes = c.optimizer;
    notes.bias_correction = false;
    l.race = {optimizer(OptimizerKind::Sgd, 0.03), optimizer(OptimizerKind::AdaGrad, 0.1),
              optimizer(OptimizerKind::RmsProp, 0.01), c.optimizer, notes};
    Config nc = c;
    nc.optimizer = notes;
    l.variants = {variant("adam (bias-corrected)", c), variant("adam (notes' form)", nc)};
    out.push_back(l);
  }
  {  // §3.1
    Lesson l;
    l.id = "s3_1_derivation";
    l.section = "3.1";
    l.title = "Deriving the gradients of a 3-layer network";
    l.formula =
        "s = u^T h, h = f(z), z = W x + b; delta = u o f'(z); ds/dW = delta x^T; ds/db = delta; "
        "dh/dz = diag(f'(z))";
    l.text =
        "In s = u^T h the vector u is a column (3x1), like the notes' U; the playground stores "
        "the output layer as W^(2), a 1x3 row (one row per unit it feeds, so z = W a + b reads "
        "the same in every layer), hence u = W^(2)T, while h is the hidden activations and W = "
        "W^(1). The Jacobian "
        "dh/dz is diagonal because f acts elementwise, so multiplying by it is just the "
        "elementwise product with f'(z). The inspector shows each of these with its shape "
        "for the current network: delta is 3x1, x^T is 1x2, so ds/dW is 3x2 like W.";
    Config c = base(DatasetKind::Circle);
    c.network.hidden = {3};
    c.network.activation = {Activation::Sigmoid};
    c.optimizer = optimizer(OptimizerKind::Sgd, 0.3);
    l.config = c;
    l.views = {View::Inspector, View::Network};
    out.push_back(l);
  }
  {  // §3.2
    Lesson l;
    l.id = "s3_2_computational_graph";
    l.section = "3.2";
    l.title = "The computational graph";
    l.formula =
        "forward in topological order; backward in reverse: downstream = upstream x local; one "
        "local gradient per input; gradients from several consumers add up";
    l.text =
        "One sample through the network as a graph of operations: matmul W a, add bias, "
        "activation, loss. Step the forward pass node by node, then the backward pass from "
        "dJ/dJ = 1: at each node the gradient arriving from above times the local gradient "
        "gives what flows to each input. With L2 on, every W also feeds the regularizer, so "
        "its gradient is the sum of two branches.";
    Config c = base(DatasetKind::Xor);
    c.network.hidden = {3};
    c.network.activation = {Activation::Tanh};
    c.regularization.kind = Regularization::L2;
    c.regularization.rate = 0.001;
    c.optimizer = optimizer(OptimizerKind::Sgd, 0.1);
    l.config = c;
    l.views = {View::Graph, View::Network};
    out.push_back(l);
  }
  return out;
}

std::optional<Lesson> find_lesson(const std::string& id) {
  for (Lesson& l : all_lessons())
    if (l.id == id) return l;
  return std::nullopt;
}

}  // namespace nn
