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

}  // namespace nn
