// libFuzzer target: the dataset CSV reader (read_points_csv). Expected outcomes are points that
// respect the reader's documented limits or an nn::ConfigError("csv", "line L: ..."); accepted
// points written back with write_points_csv must read back bit-exactly.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "fuzz_common.hpp"
#include "io/csv.hpp"

using namespace nn;

namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Train rows (split 0 or unspecified) first, then test rows, as write_points_csv orders them.
Split split_of(const CsvData& d) {
  Split s;
  const Eigen::Index n = d.points.X.cols();
  Eigen::Index n_test = 0;
  for (int v : d.split) n_test += v == 1;
  s.train.X.resize(2, n - n_test);
  s.train.y.resize(n - n_test);
  s.test.X.resize(2, n_test);
  s.test.y.resize(n_test);
  s.train.classes = s.test.classes = d.points.classes;
  Eigen::Index a = 0, b = 0;
  for (Eigen::Index j = 0; j < n; ++j) {
    Points& p = d.split[static_cast<std::size_t>(j)] == 1 ? s.test : s.train;
    Eigen::Index& k = d.split[static_cast<std::size_t>(j)] == 1 ? b : a;
    p.X.col(k) = d.points.X.col(j);
    p.y(k) = d.points.y(j);
    ++k;
  }
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  CsvData d;
  if (!fuzz::run_codec("read_points_csv", [&] { d = read_points_csv(text); })) return 0;

  const Points& p = d.points;
  const Eigen::Index n = p.X.cols();
  fuzz::expect(p.X.rows() == 2, "X does not have 2 rows");
  fuzz::expect(n >= 1 && n <= kCsvMaxRows, "row count out of range: " + std::to_string(n));
  fuzz::expect(p.y.size() == n, "y size differs from X");
  fuzz::expect(d.split.size() == static_cast<std::size_t>(n), "split size differs from X");
  fuzz::expect(p.classes == 0 || (p.classes >= 2 && p.classes <= kCsvMaxClasses),
               "classes out of range: " + std::to_string(p.classes));
  for (Eigen::Index j = 0; j < n; ++j) {
    for (int r = 0; r < 2; ++r)
      fuzz::expect(std::isfinite(p.X(r, j)) && std::fabs(p.X(r, j)) <= kCsvMaxAbs,
                   "coordinate out of range");
    const double y = p.y(j);
    fuzz::expect(std::isfinite(y) && std::fabs(y) <= kCsvMaxAbs, "label out of range");
    if (p.classes > 0)
      fuzz::expect(y == std::floor(y) && y >= 0 && y < p.classes, "class label out of range");
    const int s = d.split[static_cast<std::size_t>(j)];
    fuzz::expect(s >= -1 && s <= 1, "split value out of range");
  }

  // Written back (train rows, then test rows) and read again: the same doubles and split.
  try {
    const Split s = split_of(d);
    const CsvData back = read_points_csv(write_points_csv(s));
    fuzz::expect(back.points.X.cols() == n, "CSV round trip changed the row count");
    fuzz::expect(back.points.classes == p.classes, "CSV round trip changed the class count");
    Eigen::Index k = 0;
    for (int side = 0; side < 2; ++side) {
      const Points& q = side == 0 ? s.train : s.test;
      for (Eigen::Index j = 0; j < q.X.cols(); ++j, ++k) {
        fuzz::expect(same_bits(back.points.X(0, k), q.X(0, j)) &&
                         same_bits(back.points.X(1, k), q.X(1, j)) &&
                         same_bits(back.points.y(k), q.y(j)),
                     "CSV round trip changed a value");
        fuzz::expect(back.split[static_cast<std::size_t>(k)] == side,
                     "CSV round trip changed a split");
      }
    }
  } catch (const std::exception& e) {
    fuzz::bug(std::string("CSV round trip of accepted points threw: ") + e.what());
  }
  return 0;
}
