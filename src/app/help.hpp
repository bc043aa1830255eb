// Tooltip texts: each control's formula as the notes state it (corrected where docs/notes.md says
// the notes slip), so the screen doubles as a formula sheet. Section numbers refer to the notes.
#pragma once

namespace nn::app::help {

// Training
inline constexpr const char* kLearningRate =
    "Learning rate α (§2.7): each step moves every parameter against its gradient, "
    "θ ← θ − α ∂J/∂θ (plain SGD). Too large and the loss diverges; too small and training "
    "crawls.";
inline constexpr const char* kSchedule = "Learning-rate schedule α(t) (§2.7), t = steps done.";
inline constexpr const char* kScheduleConstant = "α(t) = α₀";
inline constexpr const char* kScheduleStep = "Step decay: α(t) = α₀ · factor^⌊t / every⌋";
inline constexpr const char* kScheduleExponential = "Exponential decay: α(t) = α₀ e^(−k t)";
inline constexpr const char* kScheduleInverse = "Inverse: α(t) = α₀ τ / max(t, τ)";
inline constexpr const char* kOptimizer = "Update rule (§2.8–2.9), g = ∂J/∂θ of the batch.";
inline constexpr const char* kSgd = "SGD: θ ← θ − α g";
inline constexpr const char* kMomentum = "Momentum (§2.8): v ← μ v − α g;  θ ← θ + v";
inline constexpr const char* kNesterov =
    "Nesterov momentum: v_prev = v;  v ← μ v − α g;  θ ← θ − μ v_prev + (1 + μ) v";
inline constexpr const char* kAdaGrad =
    "AdaGrad (§2.9): cache ← cache + g²;  θ ← θ − α g / √(cache + ε)";
inline constexpr const char* kRmsProp =
    "RMSProp (§2.9): cache ← d · cache + (1 − d) g²;  θ ← θ − α g / √(cache + ε)";
inline constexpr const char* kAdam =
    "Adam (§2.9): m ← β₁ m + (1 − β₁) g;  v ← β₂ v + (1 − β₂) g²;  M = m / (1 − β₁ᵗ), "
    "V = v / (1 − β₂ᵗ);  θ ← θ − α M / (√V + ε). The notes' form has no bias correction "
    "(M = m, V = v).";
inline constexpr const char* kMomentumMu =
    "μ: how much of the previous velocity is kept (0 ≤ μ < 1).";
inline constexpr const char* kBeta1 = "β₁: decay of Adam's first moment m (0 ≤ β₁ < 1).";
inline constexpr const char* kBeta2 = "β₂: decay of Adam's second moment v (0 ≤ β₂ < 1).";
inline constexpr const char* kDecay = "d: decay of RMSProp's cache of squared gradients.";
inline constexpr const char* kEpsilon = "ε: keeps the division finite when the cache is ~0.";
inline constexpr const char* kBiasCorrection =
    "Standard Adam divides m by (1 − β₁ᵗ) and v by (1 − β₂ᵗ), which matters in the first "
    "steps; off gives the notes' form.";
inline constexpr const char* kPerLayerScaling =
    "Per-layer learning rates (§2.7, Collobert): each layer's α is divided by √(fan-in), "
    "α_l = α / √n_in.";
inline constexpr const char* kBatch =
    "Batch size N: the gradient is averaged over N training points, ∂J/∂W = Δ Aᵀ / N (§1.6). "
    "One epoch = (training points / N) steps.";
inline constexpr const char* kLoss =
    "Loss J on the raw scores s (the loss applies σ/softmax itself).";
inline constexpr const char* kLossMse =
    "Squared error: J = ½ mean (s − y)²; classes use y = −1/+1 (TensorFlow Playground).";
inline constexpr const char* kLossLogistic =
    "Logistic: J = mean log(1 + e^(−y s)), y = ±1; p(class 1) = σ(s) = 1 / (1 + e^(−s)).";
inline constexpr const char* kLossSoftmax =
    "Softmax cross-entropy: J = mean −log softmax(s)_y, softmax(s)_k = e^(s_k) / Σ_j e^(s_j).";
inline constexpr const char* kLossHinge = "Hinge: J = mean max(0, 1 − y s), y = ±1.";
inline constexpr const char* kLossMaxMargin =
    "Max-margin (§1.4): J = mean max(0, Δ + s_c − s) over (true window, corrupted window) "
    "pairs; Δ = margin.";
inline constexpr const char* kMargin = "Δ of the max-margin loss (§1.4): J = max(0, Δ + s_c − s).";
inline constexpr const char* kActivation =
    "Activation f of the hidden layers (§2.4): a = f(z), z = W a_prev + b.";
inline constexpr const char* kActLinear = "Linear: f(z) = z,  f′(z) = 1";
inline constexpr const char* kActTanh = "Tanh: f(z) = tanh z = 2σ(2z) − 1,  f′ = 1 − f²";
inline constexpr const char* kOutputActivation =
    "Output activation: linear scores (the loss applies σ/softmax), or tanh as TensorFlow "
    "Playground does with squared error.";
inline constexpr const char* kLeakySlope = "k of leaky ReLU: f(z) = max(z, k z).";
inline constexpr const char* kInit = "Initial weights (§2.6); biases start at 0.";
inline constexpr const char* kInitXavier =
    "Xavier/Glorot: W ~ U[−√(6/(n_in + n_out)), +√(6/(n_in + n_out))]";
inline constexpr const char* kInitNormal = "Small normal: W ~ N(0, σ²)";
inline constexpr const char* kInitHe = "He: W ~ N(0, 2 / n_in), for ReLU layers";
inline constexpr const char* kInitSigma = "σ of the small-normal initialization.";
inline constexpr const char* kRegularization =
    "Regularization (§2.2) of the weights; biases are never regularized.";
inline constexpr const char* kRegNone = "No penalty.";
inline constexpr const char* kRegL2 =
    "L2: J_R = J + λ Σ_l ‖W_l‖²_F (the squared Frobenius norm), ∂/∂W adds 2λW.";
inline constexpr const char* kRegL1 = "L1: J_R = J + λ Σ_l Σ |W_l|, ∂/∂W adds λ sign(W).";
inline constexpr const char* kRegRate = "λ, the weight of the penalty.";
inline constexpr const char* kDropout =
    "Dropout (§2.3): while training, each hidden unit is kept with probability p. Inverted "
    "dropout divides the kept units by p at train time, so test time uses all units unchanged "
    "(the notes say to divide at test time: that is backwards). 1 = off.";
inline constexpr const char* kSpeed =
    "Training speed: a time budget per frame (many steps per frame at small networks), or a "
    "fixed number of steps per frame. The frame never drops below ~30 fps either way.";
inline constexpr const char* kSeed =
    "Seed of the data, the initial weights, the batches and dropout.";

// Data
inline constexpr const char* kNoise =
    "Standard deviation of the normal jitter added to each coordinate.";
inline constexpr const char* kTrainFraction =
    "Share of the points used for training; the rest test.";
inline constexpr const char* kPreprocess =
    "Preprocessing (§2.5), statistics from the training split only.";
inline constexpr const char* kPreNone = "Raw positions.";
inline constexpr const char* kPreMean = "Mean subtraction: x ← x − mean(x_train).";
inline constexpr const char* kPreStandardize =
    "Standardize: x ← (x − mean) / std, per dimension (std from the training split).";
inline constexpr const char* kPreWhiten =
    "Whiten: centre, rotate onto the singular vectors of the training data (SVD), divide each "
    "dimension by its singular value / √N: identity covariance.";
inline constexpr const char* kFeatures =
    "Input features computed from the (preprocessed) position (x1, x2). Each thumbnail shows "
    "the feature over the input plane.";

}  // namespace nn::app::help
