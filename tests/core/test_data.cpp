// Tests of the data pipeline: dataset geometry, noise and seeds, train/test split, preprocessing
// (training statistics only, whitening to identity covariance), input features, the NER-window
// corpus, and the dataset CSV reader/writer.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "core/dataset.hpp"
#include "core/preprocess.hpp"
#include "io/csv.hpp"

using namespace nn;

namespace {

DataConfig data_config(DatasetKind kind, int points, double noise, int classes = 2) {
  DataConfig c;
  c.dataset = kind;
  c.points = points;
  c.noise = noise;
  c.classes = classes;
  return c;
}

Points gen(DatasetKind kind, int points, double noise, std::uint64_t seed, int classes = 2) {
  Rng rng(seed);
  return generate(data_config(kind, points, noise, classes), rng);
}

// Population covariance (divide by N) of the columns of X (d, N).
Matrix covariance(const Matrix& X) {
  Matrix c = X.colwise() - X.rowwise().mean();
  return c * c.transpose() / static_cast<double>(X.cols());
}

struct Case {
  DatasetKind kind;
  int classes;
};

const Case kCases[] = {
    {DatasetKind::Circle, 2}, {DatasetKind::Xor, 2},       {DatasetKind::Gauss, 2},
    {DatasetKind::Gauss, 3},  {DatasetKind::Gauss, 5},     {DatasetKind::Spiral, 2},
    {DatasetKind::Spiral, 3}, {DatasetKind::Spiral, 5},    {DatasetKind::Moons, 2},
    {DatasetKind::Plane, 0},  {DatasetKind::MultiGauss, 0}};
constexpr int kCaseCount = static_cast<int>(sizeof(kCases) / sizeof(kCases[0]));

}  // namespace

TEST_CASE("each dataset has the right count, labels and range", "[data]") {
  const Case c = kCases[GENERATE(range(0, kCaseCount))];
  const double noise = GENERATE(0.0, 0.5, 2.0);
  const int n = 503;  // not a multiple of any K: remainders must be placed too
  Points p = gen(c.kind, n, noise, 7, c.classes == 0 ? 2 : c.classes);
  CAPTURE(static_cast<int>(c.kind), c.classes, noise);
  REQUIRE(p.X.rows() == 2);
  REQUIRE(p.X.cols() == n);
  REQUIRE(p.y.size() == n);
  REQUIRE(p.pair.empty());
  CHECK(p.classes == c.classes);
  CHECK(p.X.allFinite());
  CHECK(p.X.cwiseAbs().maxCoeff() <= kExtent);
  if (c.classes > 0) {
    std::vector<int> count(c.classes, 0);
    for (int j = 0; j < n; ++j) {
      REQUIRE(p.y(j) == std::floor(p.y(j)));
      REQUIRE(p.y(j) >= 0);
      REQUIRE(p.y(j) < c.classes);
      ++count[static_cast<int>(p.y(j))];
    }
    for (int k = 0; k < c.classes; ++k) CHECK(count[k] >= n / c.classes - n / 4);
    if (c.kind != DatasetKind::Xor)  // xor's classes are balanced only on average
      for (int k = 0; k < c.classes; ++k) CHECK(std::abs(count[k] - n / c.classes) <= 1);
  } else {
    CHECK(p.y.cwiseAbs().maxCoeff() <= 1.05);
    CHECK(p.y.cwiseAbs().maxCoeff() >= 0.5);  // uses most of [-1, 1]
  }
}

TEST_CASE("clean geometry at noise 0", "[data]") {
  const int n = 1000;
  SECTION("circle: class 1 inside radius 2.5, class 0 in the ring 3.5..5") {
    Points p = gen(DatasetKind::Circle, n, 0.0, 3);
    for (int j = 0; j < n; ++j) {
      double r = p.X.col(j).norm();
      if (p.y(j) == 1)
        REQUIRE(r <= 2.5 + 1e-12);
      else
        REQUIRE((r >= 3.5 - 1e-12 && r <= 5.0 + 1e-12));
    }
  }
  SECTION("xor: padded off the axes, class 1 where x1 x2 >= 0") {
    Points p = gen(DatasetKind::Xor, n, 0.0, 3);
    for (int j = 0; j < n; ++j) {
      REQUIRE(std::abs(p.X(0, j)) >= 0.3);
      REQUIRE(std::abs(p.X(1, j)) >= 0.3);
      REQUIRE(std::abs(p.X(0, j)) <= 5.3);
      REQUIRE(p.y(j) == (p.X(0, j) * p.X(1, j) >= 0 ? 1.0 : 0.0));
    }
  }
  SECTION("gauss: two clusters at (2, 2) (class 1) and (-2, -2) (class 0)") {
    Points p = gen(DatasetKind::Gauss, n, 0.0, 3);
    Eigen::Vector2d m0 = Eigen::Vector2d::Zero(), m1 = Eigen::Vector2d::Zero();
    int n0 = 0, n1 = 0;
    for (int j = 0; j < n; ++j) {
      if (p.y(j) == 1) {
        m1 += p.X.col(j);
        ++n1;
      } else {
        m0 += p.X.col(j);
        ++n0;
      }
    }
    m0 /= n0;
    m1 /= n1;
    CHECK(m1(0) == Approx(2.0).margin(0.1));
    CHECK(m1(1) == Approx(2.0).margin(0.1));
    CHECK(m0(0) == Approx(-2.0).margin(0.1));
    CHECK(m0(1) == Approx(-2.0).margin(0.1));
  }
  SECTION("gauss with K = 4: K separated cluster centres") {
    Points p = gen(DatasetKind::Gauss, n, 0.0, 3, 4);
    std::vector<Eigen::Vector2d> m(4, Eigen::Vector2d::Zero());
    std::vector<int> cnt(4, 0);
    for (int j = 0; j < n; ++j) {
      int k = static_cast<int>(p.y(j));
      m[k] += p.X.col(j);
      ++cnt[k];
    }
    for (int k = 0; k < 4; ++k) m[k] /= cnt[k];
    for (int a = 0; a < 4; ++a)
      for (int b = a + 1; b < 4; ++b) CHECK((m[a] - m[b]).norm() > 3.0);
  }
  SECTION("spiral: every arm within radius 5") {
    Points p = gen(DatasetKind::Spiral, n, 0.0, 3, 3);
    for (int j = 0; j < n; ++j) REQUIRE(p.X.col(j).norm() <= 5.0 + 1e-12);
  }
  SECTION("plane: target (x1 + x2) / 12") {
    Points p = gen(DatasetKind::Plane, n, 0.0, 3);
    for (int j = 0; j < n; ++j)
      REQUIRE(p.y(j) == Approx((p.X(0, j) + p.X(1, j)) / 12.0).margin(1e-15));
  }
  SECTION("multi_gauss: signed bumps, +1 near (-4, 2.5) and -1 near (0, 2.5)") {
    Points p = gen(DatasetKind::MultiGauss, 4000, 0.0, 3);
    for (int j = 0; j < p.X.cols(); ++j) {
      if ((p.X.col(j) - Eigen::Vector2d(-4, 2.5)).norm() < 0.3) REQUIRE(p.y(j) > 0.9);
      if ((p.X.col(j) - Eigen::Vector2d(0, 2.5)).norm() < 0.3) REQUIRE(p.y(j) < -0.9);
    }
  }
}

TEST_CASE("datasets are deterministic for a seed and differ across seeds", "[data]") {
  const Case c = kCases[GENERATE(range(0, kCaseCount))];
  const double noise = GENERATE(0.0, 0.3);
  const int K = c.classes == 0 ? 2 : c.classes;
  CAPTURE(static_cast<int>(c.kind), K, noise);
  Points a = gen(c.kind, 200, noise, 11, K);
  Points b = gen(c.kind, 200, noise, 11, K);
  Points other = gen(c.kind, 200, noise, 12, K);
  CHECK(a.X == b.X);
  CHECK(a.y == b.y);
  CHECK(a.X != other.X);
}

TEST_CASE("generated points are bit-identical on every platform (golden values)", "[data]") {
  // Produced natively; the wasm build of this suite must give the very same doubles (the
  // generators use their own sin/cos/exp, not libm's, for exactly this).
  struct Golden {
    DatasetKind kind;
    double x0_0, x1_13, y13, x0_19, y19;
  };
  const Golden golden[] = {
      {DatasetKind::Circle, -4.33508788898442, -0.50414930421087711, 1, 1.0318985963723217, 1},
      {DatasetKind::Spiral, 1.369962616424119, -2.0297803199661559, 1, -2.5786574444350889, 2},
      {DatasetKind::Moons, -4.397488398723576, -2.1960020609124342, 1, 3.0567237901726827, 1},
      {DatasetKind::MultiGauss, 4.046659159598974, -1.7171554977603494, 0.37443955496019471,
       -0.67430238534911691, 0.24509652859684247},
      {DatasetKind::Gauss, -1.9018315912283776, -2.0423732692110956, 1, -1.8829727758678028, 2},
  };
  for (const Golden& g : golden) {
    CAPTURE(static_cast<int>(g.kind));
    Points p = gen(g.kind, 20, 0.25, 42, 3);
    CHECK(p.X(0, 0) == g.x0_0);
    CHECK(p.X(1, 13) == g.x1_13);
    CHECK(p.y(13) == g.y13);
    CHECK(p.X(0, 19) == g.x0_19);
    CHECK(p.y(19) == g.y19);
  }
}

TEST_CASE("circle positions are r (sin a, cos a) of the Rng stream, to 1e-14", "[data]") {
  // Replays the circle generator's draws (class 0 ring first) and checks its portable sin/cos.
  Points p = gen(DatasetKind::Circle, 400, 0.0, 17);
  Rng rng(17);
  for (int j = 0; j < 200; ++j) {
    double r = rng.uniform(0.7 * 5.0, 5.0);
    double a = rng.uniform(0.0, 2.0 * 3.14159265358979323846);
    REQUIRE(p.X(0, j) == Approx(r * std::sin(a)).margin(1e-14));
    REQUIRE(p.X(1, j) == Approx(r * std::cos(a)).margin(1e-14));
  }
}

TEST_CASE("noise is a Normal(0, noise) jitter of each coordinate on every dataset", "[data]") {
  const Case c = kCases[GENERATE(range(0, kCaseCount))];
  const double noise = GENERATE(0.1, 0.3);
  const int K = c.classes == 0 ? 2 : c.classes;
  CAPTURE(static_cast<int>(c.kind), K, noise);
  // Same seed: the clean positions are the same, so the difference is the jitter alone.
  Points clean = gen(c.kind, 3000, 0.0, 5, K);
  Points noisy = gen(c.kind, 3000, noise, 5, K);
  CHECK(clean.y == noisy.y);  // labels come from the clean geometry
  double sum = 0, sum2 = 0;
  int m = 0;
  for (int j = 0; j < clean.X.cols(); ++j) {
    for (int i = 0; i < 2; ++i) {
      if (std::abs(noisy.X(i, j)) == kExtent) continue;  // clamped to the canvas
      double d = noisy.X(i, j) - clean.X(i, j);
      sum += d;
      sum2 += d * d;
      ++m;
    }
  }
  REQUIRE(m > 5000);
  double mean = sum / m;
  double sd = std::sqrt(sum2 / m - mean * mean);
  CHECK(mean == Approx(0.0).margin(0.05 * noise));
  CHECK(sd == Approx(noise).epsilon(0.05));
}

TEST_CASE("noise never moves a point off the canvas", "[data]") {
  Points p = gen(DatasetKind::Plane, 2000, 2.0, 1);
  CHECK(p.X.cwiseAbs().maxCoeff() == kExtent);  // some were clamped
  CHECK(p.X.cwiseAbs().maxCoeff() <= kExtent);
}

TEST_CASE("generate rejects what it cannot make", "[data]") {
  Rng rng(1);
  CHECK_THROWS_AS(generate(data_config(DatasetKind::User, 100, 0), rng), ConfigError);
  CHECK_THROWS_AS(generate(data_config(DatasetKind::Spiral, 100, 0, 6), rng), ConfigError);
  CHECK_THROWS_AS(generate(data_config(DatasetKind::Gauss, 100, 0, 1), rng), ConfigError);
  CHECK_THROWS_AS(generate(data_config(DatasetKind::Circle, 1, 0), rng), ConfigError);
  CHECK_THROWS_AS(generate(data_config(DatasetKind::Circle, 100, -1), rng), ConfigError);
}

TEST_CASE("split honours the train fraction and keeps every point once", "[data]") {
  Points all = gen(DatasetKind::Spiral, 500, 0.2, 9, 3);
  const double fraction = GENERATE(0.1, 0.3, 0.5, 0.9);
  Rng rng(4);
  Split s = split(all, fraction, rng);
  CHECK(s.train.X.cols() == std::lround(500 * fraction));
  CHECK(s.train.X.cols() + s.test.X.cols() == 500);
  CHECK(s.train.classes == 3);
  CHECK(s.test.classes == 3);
  // Every original column appears exactly once (positions are distinct almost surely).
  std::multiset<std::pair<double, double>> before, after;
  for (int j = 0; j < 500; ++j) before.insert({all.X(0, j), all.y(j)});
  for (const Points* p : {&s.train, &s.test})
    for (int j = 0; j < p->X.cols(); ++j) after.insert({p->X(0, j), p->y(j)});
  CHECK(before == after);
  // Shuffled: the first training points are not the first generated ones.
  CHECK(s.train.X.leftCols(10) != all.X.leftCols(10));
  // Deterministic.
  Rng rng2(4);
  Split s2 = split(all, fraction, rng2);
  CHECK(s2.train.X == s.train.X);
  CHECK(s2.test.X == s.test.X);
}

TEST_CASE("split keeps at least one point on each side", "[data]") {
  Points all = gen(DatasetKind::Circle, 10, 0.0, 1);
  Rng rng(1);
  CHECK(split(all, 0.01, rng).train.X.cols() == 1);
  CHECK(split(all, 0.99, rng).test.X.cols() == 1);
  Points two = gen(DatasetKind::Circle, 2, 0.0, 1);
  Split s = split(two, 0.9, rng);
  CHECK(s.train.X.cols() == 1);
  CHECK(s.test.X.cols() == 1);
}

TEST_CASE("whitening gives zero mean and identity covariance on the training split", "[data]") {
  // Correlated, shifted, anisotropic data.
  Rng rng(21);
  const int n = 400;
  Matrix X(3, n);
  for (int j = 0; j < n; ++j) {
    double a = rng.normal(), b = rng.normal(), c = rng.normal();
    X(0, j) = 5 + 3 * a;
    X(1, j) = -2 + 2 * a + 0.5 * b;
    X(2, j) = 0.1 * c + a - b;
  }
  Preprocessor pre;
  pre.fit(Preprocess::Whiten, X);
  Matrix W;
  pre.transform(X, W);
  REQUIRE(W.rows() == 3);
  REQUIRE(W.cols() == n);
  CHECK(W.rowwise().mean().cwiseAbs().maxCoeff() < 1e-12);
  CHECK((covariance(W) - Matrix::Identity(3, 3)).cwiseAbs().maxCoeff() < 1e-9);
  CHECK(pre.kind() == Preprocess::Whiten);
}

TEST_CASE("whitening works on a 2D dataset and on 20-d NER windows", "[data]") {
  Points all = gen(DatasetKind::Gauss, 300, 0.4, 2);
  Rng rng(2);
  Split s = split(all, 0.5, rng);
  Preprocessor pre;
  pre.fit(Preprocess::Whiten, s.train.X);
  Matrix W;
  pre.transform(s.train.X, W);
  CHECK((covariance(W) - Matrix::Identity(2, 2)).cwiseAbs().maxCoeff() < 1e-9);

  Rng r2(3);
  Points ner = make_ner_windows(200, r2);
  pre.fit(Preprocess::Whiten, ner.X);
  pre.transform(ner.X, W);
  CHECK(W.rows() == 20);
  CHECK(W.allFinite());
}

TEST_CASE("mean and standardize use training statistics only", "[data]") {
  Rng rng(5);
  Matrix train(2, 100), test(2, 50);
  for (int j = 0; j < 100; ++j) {
    train(0, j) = 1 + 2 * rng.normal();
    train(1, j) = -3 + 0.5 * rng.normal();
  }
  for (int j = 0; j < 50; ++j) {
    test(0, j) = 4 + 2 * rng.normal();  // shifted: its own mean must survive
    test(1, j) = -3 + 0.5 * rng.normal();
  }
  const Vector train_mean = train.rowwise().mean();
  const Vector test_mean = test.rowwise().mean();
  Matrix out;

  Preprocessor mean;
  mean.fit(Preprocess::Mean, train);
  CHECK((mean.mean() - train_mean).cwiseAbs().maxCoeff() < 1e-12);
  mean.transform(train, out);
  CHECK(out.rowwise().mean().cwiseAbs().maxCoeff() < 1e-12);
  mean.transform(test, out);
  CHECK((out.rowwise().mean() - (test_mean - train_mean)).cwiseAbs().maxCoeff() < 1e-12);
  CHECK(out.rowwise().mean()(0) > 1.0);  // not re-centred on the test split
  CHECK((out.col(3) - (test.col(3) - train_mean)).cwiseAbs().maxCoeff() == 0.0);

  Preprocessor st;
  st.fit(Preprocess::Standardize, train);
  st.transform(train, out);
  CHECK(out.rowwise().mean().cwiseAbs().maxCoeff() < 1e-12);
  for (int i = 0; i < 2; ++i) CHECK(covariance(out)(i, i) == Approx(1.0).epsilon(1e-12));
  st.transform(test, out);
  CHECK(out.rowwise().mean()(0) > 0.5);
  double sd0 = std::sqrt(covariance(train)(0, 0));
  CHECK(out(0, 7) == Approx((test(0, 7) - train_mean(0)) / sd0).epsilon(1e-12));

  Preprocessor none;
  none.fit(Preprocess::None, train);
  none.transform(test, out);
  CHECK(out == test);
}

TEST_CASE("a zero-variance column does not produce NaN", "[data]") {
  Matrix train(2, 20);
  for (int j = 0; j < 20; ++j) {
    train(0, j) = 0.1;  // constant (its computed mean is not exactly 0.1)
    train(1, j) = j * 0.5;
  }
  const Preprocess kind = GENERATE(Preprocess::Mean, Preprocess::Standardize, Preprocess::Whiten);
  Preprocessor pre;
  pre.fit(kind, train);
  Matrix out;
  pre.transform(train, out);
  CHECK(out.allFinite());
  CHECK(pre.linear().allFinite());
  // The constant direction stays ~0 (row 0 for mean/standardize, the last singular direction for
  // whiten), rather than its rounding noise being blown up.
  CHECK(out.rowwise().lpNorm<Eigen::Infinity>().minCoeff() < 1e-6);
  if (kind != Preprocess::Whiten) CHECK(out.row(0).cwiseAbs().maxCoeff() < 1e-6);
  Matrix one = Matrix::Constant(2, 1, 3.0);
  pre.transform(one, out);
  CHECK(out.allFinite());
}

TEST_CASE("a single training point and fewer points than dimensions stay finite", "[data]") {
  Matrix one(2, 1);
  one << 1.0, 2.0;
  Preprocessor pre;
  Matrix out;
  for (Preprocess k : {Preprocess::Standardize, Preprocess::Whiten}) {
    pre.fit(k, one);
    pre.transform(one, out);
    CHECK(out.allFinite());
  }
  Rng rng(1);
  Points ner = make_ner_windows(3, rng);  // 6 points in 20 dimensions
  pre.fit(Preprocess::Whiten, ner.X);
  pre.transform(ner.X, out);
  CHECK(out.allFinite());
  CHECK_THROWS_AS(pre.transform(one, out), ConfigError);  // wrong dimension
}

TEST_CASE("features expand to x1, x2, x1^2, x2^2, x1 x2, sin x1, sin x2 in the given order",
          "[data]") {
  Matrix P(2, 2);
  P << 1.0, -2.0,  //
      0.5, 3.0;
  Matrix F;
  const std::vector<Feature> all = {Feature::X1,   Feature::X2,    Feature::X1Sq, Feature::X2Sq,
                                    Feature::X1X2, Feature::SinX1, Feature::SinX2};
  expand_features(P, all, F);
  REQUIRE(F.rows() == 7);
  REQUIRE(F.cols() == 2);
  const double want[7][2] = {{1.0, -2.0},
                             {0.5, 3.0},
                             {1.0, 4.0},
                             {0.25, 9.0},
                             {0.5, -6.0},
                             {0.8414709848078965, -0.9092974268256817},
                             {0.479425538604203, 0.1411200080598672}};
  for (int f = 0; f < 7; ++f)
    for (int j = 0; j < 2; ++j) CHECK(F(f, j) == Approx(want[f][j]).margin(1e-15));

  // A subset, in the order asked for.
  expand_features(P, {Feature::SinX2, Feature::X1X2, Feature::X1}, F);
  REQUIRE(F.rows() == 3);
  CHECK(F(0, 1) == Approx(0.1411200080598672).margin(1e-15));
  CHECK(F(1, 1) == -6.0);
  CHECK(F(2, 0) == 1.0);

  Matrix twenty = Matrix::Zero(20, 3);
  CHECK_THROWS_AS(expand_features(twenty, all, F), ConfigError);
}

namespace {
// Index of the vocabulary word whose vector equals the 4 rows starting at `row` of column j.
int word_at(const Matrix& X, int row, int j) {
  const Matrix V = ner_word_vectors();
  for (int w = 0; w < V.cols(); ++w)
    if (V.col(w) == X.block(row, j, 4, 1)) return w;
  return -1;
}
}  // namespace

TEST_CASE("NER windows: x in R^20, true windows centred on a location, paired corruptions",
          "[data]") {
  const int P = GENERATE(5, 14, 40);
  Rng rng(8);
  Points p = make_ner_windows(P, rng);
  REQUIRE(p.X.rows() == 20);
  REQUIRE(p.X.cols() == 2 * P);
  REQUIRE(p.y.size() == 2 * P);
  REQUIRE(p.pair.size() == static_cast<size_t>(2 * P));
  REQUIRE(p.text.size() == static_cast<size_t>(2 * P));
  CHECK(p.classes == 2);
  const auto& vocab = ner_vocabulary();
  REQUIRE(vocab.size() == static_cast<size_t>(ner_word_vectors().cols()));
  CHECK(vocab[0] == "<pad>");
  for (int i = 0; i < P; ++i) {
    const int c = p.pair[i];
    REQUIRE(c == i + P);
    REQUIRE(p.pair[c] == i);
    CHECK(p.y(i) == 1.0);
    CHECK(p.y(c) == 0.0);
    // Every 4-d block is a vocabulary word.
    for (int k = 0; k < 5; ++k) {
      REQUIRE(word_at(p.X, 4 * k, i) >= 0);
      REQUIRE(word_at(p.X, 4 * k, c) >= 0);
    }
    const int centre = word_at(p.X, 8, i);
    const int replaced = word_at(p.X, 8, c);
    CHECK(ner_is_location(centre));
    CHECK_FALSE(ner_is_location(replaced));
    CHECK(replaced != 0);  // never "<pad>"
    // Corrupted differs from its true window only in the centre word's 4 dimensions.
    CHECK(p.X.block(0, i, 8, 1) == p.X.block(0, c, 8, 1));
    CHECK(p.X.block(12, i, 8, 1) == p.X.block(12, c, 8, 1));
    CHECK(p.X.block(8, i, 4, 1) != p.X.block(8, c, 4, 1));
    // The text shows the centre in brackets.
    CHECK(p.text[i].find("[" + vocab[centre] + "]") != std::string::npos);
    CHECK(p.text[c].find("[" + vocab[replaced] + "]") != std::string::npos);
  }
  if (P >= 1) CHECK(p.text[0] == "Museums in [Paris] are amazing");
  // Deterministic for a seed.
  Rng again(8);
  Points q = make_ner_windows(P, again);
  CHECK(q.X == p.X);
  CHECK(q.text == p.text);
}

TEST_CASE("NER windows pad at sentence edges and generate() makes points/2 pairs", "[data]") {
  Rng rng(1);
  Points p = make_ner_windows(14, rng);
  // "We drove from Berlin to Vienna": Vienna is the last word, so two pads follow it.
  bool found = false;
  for (int i = 0; i < 14; ++i) {
    if (p.text[i] == "Berlin to [Vienna] <pad> <pad>") found = true;
  }
  CHECK(found);
  Rng rng2(1);
  DataConfig cfg = data_config(DatasetKind::NerWindow, 60, 0.5);
  Points g = generate(cfg, rng2);
  CHECK(g.X.rows() == 20);
  CHECK(g.X.cols() == 60);
}

TEST_CASE("NER split keeps (true, corrupted) pairs together in the max-margin layout", "[data]") {
  Rng rng(6);
  Points all = make_ner_windows(30, rng);
  Split s = split(all, 0.7, rng);
  CHECK(s.train.X.cols() == 2 * 21);
  CHECK(s.test.X.cols() == 2 * 9);
  for (const Points* side : {&s.train, &s.test}) {
    const int P = static_cast<int>(side->X.cols()) / 2;
    REQUIRE(side->pair.size() == static_cast<size_t>(2 * P));
    REQUIRE(side->text.size() == static_cast<size_t>(2 * P));
    for (int i = 0; i < P; ++i) {
      REQUIRE(side->pair[i] == i + P);
      REQUIRE(side->pair[i + P] == i);
      CHECK(side->y(i) == 1.0);
      CHECK(side->y(i + P) == 0.0);
      CHECK(side->X.block(0, i, 8, 1) == side->X.block(0, i + P, 8, 1));
      CHECK(side->X.block(12, i, 8, 1) == side->X.block(12, i + P, 8, 1));
      CHECK(ner_is_location(word_at(side->X, 8, i)));
    }
  }
}

// ---- CSV ----

TEST_CASE("CSV round trip is exact", "[data][csv]") {
  const Case c = GENERATE(Case{DatasetKind::Spiral, 3}, Case{DatasetKind::Moons, 2},
                          Case{DatasetKind::MultiGauss, 0});
  Points all = gen(c.kind, 300, 0.37, 13, c.classes == 0 ? 2 : c.classes);
  Rng rng(2);
  Split s = split(all, 0.6, rng);
  const std::string text = write_points_csv(s);
  CHECK(text.rfind("x1,x2,label,split\n", 0) == 0);
  CsvData back = read_points_csv(text);
  const auto n_train = s.train.X.cols();
  const auto n = n_train + s.test.X.cols();
  REQUIRE(back.points.X.cols() == n);
  REQUIRE(back.split.size() == static_cast<size_t>(n));
  CHECK(back.points.classes == c.classes);
  CHECK(back.points.X.leftCols(n_train) == s.train.X);
  CHECK(back.points.X.rightCols(n - n_train) == s.test.X);
  CHECK(back.points.y.head(n_train) == s.train.y);
  CHECK(back.points.y.tail(n - n_train) == s.test.y);
  for (Eigen::Index j = 0; j < n; ++j) REQUIRE(back.split[j] == (j < n_train ? 0 : 1));
  // Writing what was read gives the same text.
  Split again;
  again.train.X = back.points.X.leftCols(n_train);
  again.train.y = back.points.y.head(n_train);
  again.test.X = back.points.X.rightCols(n - n_train);
  again.test.y = back.points.y.tail(n - n_train);
  CHECK(write_points_csv(again) == text);
}

TEST_CASE("CSV reader tolerates BOM, CRLF, blank lines, spaces; header optional", "[data][csv]") {
  SECTION("header, BOM, CRLF, blank lines, spaces, split names and numbers") {
    CsvData d = read_points_csv(
        "\xEF\xBB\xBFX1, x2 ,Label,SPLIT\r\n\r\n 1.5 , -2,1, train\r\n0,0,0,test\r\n  \r\n"
        "3e-1,4,2,1\r\n-1,1,0,0\r\n5,5,1,\r\n");
    REQUIRE(d.points.X.cols() == 5);
    CHECK(d.points.X(0, 0) == 1.5);
    CHECK(d.points.X(1, 0) == -2.0);
    CHECK(d.points.X(0, 2) == 0.3);
    CHECK(d.points.classes == 3);
    CHECK(d.split == std::vector<int>{0, 1, 1, 0, -1});
  }
  SECTION("no header, no split column, no final newline") {
    CsvData d = read_points_csv("1,2,0\n3,4,1");
    REQUIRE(d.points.X.cols() == 2);
    CHECK(d.points.classes == 2);
    CHECK(d.split == std::vector<int>{-1, -1});
    CHECK(d.points.y(1) == 1.0);
  }
  SECTION("a single class still gives 2 classes") {
    CHECK(read_points_csv("x1,x2,label\n1,2,0\n").points.classes == 2);
  }
  SECTION("any non-integer label makes it regression") {
    CsvData d = read_points_csv("1,2,0\n3,4,0.25\n5,6,-7\n");
    CHECK(d.points.classes == 0);
    CHECK(d.points.y(2) == -7.0);
  }
}

TEST_CASE("CSV reader rejects malformed input naming the line", "[data][csv]") {
  struct Bad {
    const char* text;
    const char* where;  // expected in the message
  };
  const Bad bad[] = {
      {"", "line 1"},                                           // empty file
      {"\n\n  \n", "line 1"},                                   // only blank lines
      {"x1,x2,label\n", "line"},                                // header only
      {"x1,x2,label\n1,2,0\n3,4\n", "line 3"},                  // too few columns
      {"1,2,0\n3,4,1,train,9\n", "line 2"},                     // too many columns
      {"1,2\n", "line 1"},                                      // 2 columns from the start
      {"x1,x2,label\n1,abc,0\n", "line 2, column 2"},           // not a number
      {"x1,x2,label\n1,2,0\n1,2,1x\n", "line 3, column 3"},     // trailing garbage
      {"1,nan,0\n", "line 1, column 2"},                        // NaN
      {"1,2,0\n-inf,2,0\n", "line 2, column 1"},                // infinity
      {"1,2,0\n1,1000.5,1\n", "line 2, column 2"},              // out of range
      {"1,2,0\n1,,1\n", "line 2, column 2"},                    // empty value
      {"1,2,0\n1,2,7\n", "line 2, column 3"},                   // class label beyond 0..4
      {"1,2,0\n1,2,-1\n", "line 2, column 3"},                  // -1/+1 labels
      {"1,2,0,train\n1,2,1,validation\n", "line 2, column 4"},  // bad split
      {"x,y,label\n1,2,0\n", "line 1, column 1"},               // wrong header
      {"x1,x2,label,split\n1,2,0\n", "line 2"},                 // split column missing in a row
      {"\xEF\xBB\xBF\r\n1;2;0\r\n", "line 2"},                  // wrong separator
  };
  for (const Bad& b : bad) {
    CAPTURE(b.text);
    try {
      read_points_csv(b.text);
      FAIL("accepted malformed CSV");
    } catch (const ConfigError& e) {
      const std::string msg = e.what();
      CAPTURE(msg);
      CHECK(e.field == "csv");
      CHECK(msg.find(b.where) != std::string::npos);
    }
  }
}

TEST_CASE("CSV reader limits the row count", "[data][csv]") {
  std::string text;
  text.reserve(100002 * 6);
  for (int i = 0; i < 100000; ++i) text += "1,2,0\n";
  CHECK(read_points_csv(text).points.X.cols() == 100000);
  text += "1,2,1\n";
  try {
    read_points_csv(text);
    FAIL("accepted 100001 rows");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).find("line 100001") != std::string::npos);
  }
}

TEST_CASE("CSV writer refuses 20-d windows", "[data][csv]") {
  Rng rng(1);
  Split s;
  s.train = make_ner_windows(3, rng);
  CHECK_THROWS_AS(write_points_csv(s), ConfigError);
}
