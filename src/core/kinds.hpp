// One table per kind (activation, loss, optimizer, schedule, init, regularization, preprocessing,
// dataset, feature, teaching view): each enum value's name (JSON, URLs, messages), UI label,
// formula or one-line description and section of the notes, in enum order. Names, parsers, the
// "allowed: ..." lists, the UI's choices and the counts the app sizes its arrays by all come from
// the table; each table's .cpp checks by static_assert that it has one row per value, in order.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "text.hpp"
#include "types.hpp"

namespace nn {

template <typename E>
struct KindRow {
  E value;
  const char* name;     // "leaky_relu": JSON, URLs, the CLI and messages
  const char* label;    // "Leaky ReLU": the UI
  const char* formula;  // "f(z) = max(z, k z)": tooltips and docs
  const char* section;  // "§2.4": where the notes explain it
};

// Row i holds the enum value i: lookups index the table, and a missing row fails to compile.
template <typename E, std::size_t N>
constexpr bool rows_in_enum_order(const KindRow<E> (&rows)[N]) {
  for (std::size_t i = 0; i < N; ++i)
    if (static_cast<std::size_t>(rows[i].value) != i) return false;
  return true;
}

template <typename E, std::size_t N>
constexpr const KindRow<E>& kind_row(const KindRow<E> (&rows)[N], E e) {
  const auto i = static_cast<std::size_t>(e);
  return rows[i < N ? i : 0];
}

template <typename E, std::size_t N>
std::vector<E> kind_values(const KindRow<E> (&rows)[N]) {
  std::vector<E> v;
  for (const KindRow<E>& r : rows) v.push_back(r.value);
  return v;
}

// "linear, sigmoid, tanh" for "allowed: ..." messages.
template <typename E, std::size_t N>
std::string kind_names(const KindRow<E> (&rows)[N]) {
  std::string s;
  for (const KindRow<E>& r : rows) s += (s.empty() ? "" : ", ") + std::string(r.name);
  return s;
}

// The value named s; else ConfigError(field, "unknown <what> "<s>" (allowed: ...)"). Only an
// excerpt of s is echoed: the name may be a 10 MB string or arbitrary bytes from a URL.
template <typename E, std::size_t N>
E kind_parse(const KindRow<E> (&rows)[N], const std::string& s, const std::string& field,
             const char* what) {
  for (const KindRow<E>& r : rows)
    if (s == r.name) return r.value;
  throw ConfigError(field, std::string("unknown ") + what + " \"" + excerpt(s) +
                               "\" (allowed: " + kind_names(rows) + ")");
}

}  // namespace nn
