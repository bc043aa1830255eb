// Activation functions of §2.4 and their derivatives, applied elementwise to a batch.
// f'(z) is computed from z (and, where cheaper, from a = f(z)); both forms are tested.
#pragma once
#include <string>
#include <vector>

#include "types.hpp"

namespace nn {

enum class Activation { Linear, Sigmoid, Tanh, HardTanh, Softsign, Relu, LeakyRelu };

const std::vector<Activation>& all_activations();
const char* name(Activation f);          // "linear", "sigmoid", "tanh", "hardtanh", "softsign", "relu", "leaky_relu"
Activation parse_activation(const std::string& s, const std::string& field);  // throws ConfigError
std::string activation_names();          // "linear, sigmoid, ..." for messages

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
