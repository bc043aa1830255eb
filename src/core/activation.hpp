// Activation functions of §2.4 and their derivatives, applied elementwise to a batch.
// f'(z) is computed from z (and, where cheaper, from a = f(z)); both forms are tested.
#pragma once
#include <string>
#include <vector>

#include "kinds.hpp"
#include "types.hpp"

namespace nn {

enum class Activation { Linear, Sigmoid, Tanh, HardTanh, Softsign, Relu, LeakyRelu, Elu, Softplus };

// The kind table (kinds.hpp): name, UI label, formula with its derivative, section of the notes.
inline constexpr KindRow<Activation> kActivationKinds[] = {
    {Activation::Linear, "linear", "Linear", "f(z) = z,  f′(z) = 1", "§2.4"},
    {Activation::Sigmoid, "sigmoid", "Sigmoid", "f(z) = 1 / (1 + e^(−z)),  f′ = f (1 − f)", "§2.4"},
    {Activation::Tanh, "tanh", "Tanh", "f(z) = tanh z = 2σ(2z) − 1,  f′ = 1 − f²", "§2.4"},
    {Activation::HardTanh, "hardtanh", "Hard tanh",
     "f(z) = clip(z, −1, 1),  f′ = 1 for −1 < z < 1, else 0", "§2.4"},
    {Activation::Softsign, "softsign", "Softsign",
     "f(z) = z / (1 + |z|),  f′ = 1 / (1 + |z|)²  (the notes' sgn(z)/(1+z)² is wrong)", "§2.4"},
    {Activation::Relu, "relu", "ReLU", "f(z) = max(z, 0),  f′ = 1 if z > 0 else 0", "§2.4"},
    {Activation::LeakyRelu, "leaky_relu", "Leaky ReLU", "f(z) = max(z, k z),  f′ = 1 or k", "§2.4"},
    {Activation::Elu, "elu", "ELU", "f(z) = z if z > 0 else e^z − 1,  f′ = 1 or f + 1", "§2.4"},
    {Activation::Softplus, "softplus", "Softplus", "f(z) = log(1 + e^z),  f′ = σ(z)", "§2.4"},
};
inline constexpr int kActivationCount = sizeof(kActivationKinds) / sizeof(kActivationKinds[0]);
static_assert(rows_in_enum_order(kActivationKinds), "one row per Activation, in enum order");

const std::vector<Activation>& all_activations();
const char* name(
    Activation f);  // "linear", "sigmoid", "tanh", "hardtanh", "softsign", "relu", "leaky_relu"
Activation parse_activation(const std::string& s, const std::string& field);  // throws ConfigError
std::string activation_names();  // "linear, sigmoid, ..." for messages

// Scalar forms (reference for tests and plots).
Scalar activate(Activation f, Scalar z, Scalar k);
Scalar activate_derivative(Activation f, Scalar z, Scalar k);

// a = f(z), elementwise. k = leaky slope.
void activate(Activation f, const Matrix& z, Matrix& a, Scalar k);
// d = f'(z) o d (multiplies in place), elementwise; a = f(z) is passed to avoid recomputation.
void multiply_derivative(Activation f, const Matrix& z, const Matrix& a, Matrix& d, Scalar k);

// The same on n contiguous values (the network's column blocks). a may be z (in place).
void activate(Activation f, const Scalar* z, Scalar* a, Eigen::Index n, Scalar k);
void multiply_derivative(Activation f, const Scalar* z, const Scalar* a, Scalar* d, Eigen::Index n,
                         Scalar k);

// The tanh of every path of the core (scalar, batch, grid): within 3 ulp of the exact value and
// the same bits natively and in wasm, where libm's tanh differs (glibc vs musl). Vectorized.
Scalar portable_tanh(Scalar z);

}  // namespace nn
