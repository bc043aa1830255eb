// The toy datasets of the playground (§2.5) and the §1.3 NER-window corpus, after TensorFlow
// Playground's dataset.ts. Every generator draws a clean position from its geometry, takes the
// label from that clean position, and then jitters the position (see add_noise) so "noise"
// means the same on every dataset. docs/datasets.md describes each set.
#include "dataset.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "pmath.hpp"

namespace nn {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Number of points of class k when n points are shared by K classes (the first n % K get one more).
int class_count(int n, int K, int k) { return n / K + (k < n % K ? 1 : 0); }

void check_points(int n, int min_points) {
  if (n < min_points)
    throw ConfigError("data.points", "at least " + std::to_string(min_points) +
                                         " points are needed (10..5000 allowed), got " +
                                         std::to_string(n));
}

int check_classes(int K) {
  if (K < 2 || K > 5)
    throw ConfigError("data.classes", "2..5 classes allowed, got " + std::to_string(K));
  return K;
}

// Noise, the same on every dataset: each coordinate gets an independent Normal(0, noise) in data
// units, then is clamped to [-kExtent, kExtent] so every point stays on the canvas. The normals are
// drawn even when noise == 0, so a seed gives the same clean positions at every noise level and
// changing the noise slider only moves points, it never reshuffles them.
void add_noise(Matrix& X, double noise, Rng& rng) {
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
      double jitter = rng.normal();
      X(i, j) = std::clamp(X(i, j) + noise * jitter, -kExtent, kExtent);
    }
  }
}

Points make_points(int n, int classes) {
  Points p;
  p.X.resize(2, n);
  p.y.resize(n);
  p.classes = classes;
  return p;
}

// Circle: class 1 uniform in radius [0, 2.5] (inside), class 0 in the ring [3.5, 5].
Points make_circle(int n, Rng& rng) {
  const double radius = 5.0;
  Points p = make_points(n, 2);
  int j = 0;
  for (int k = 0; k < 2; ++k) {
    double r_lo = k == 1 ? 0.0 : 0.7 * radius;
    double r_hi = k == 1 ? 0.5 * radius : radius;
    for (int i = 0; i < class_count(n, 2, k); ++i, ++j) {
      double r = rng.uniform(r_lo, r_hi);
      double angle = rng.uniform(0.0, 2.0 * kPi);
      double sin_a, cos_a;
      portable_sincos(angle, sin_a, cos_a);
      p.X(0, j) = r * sin_a;
      p.X(1, j) = r * cos_a;
      p.y(j) = k;
    }
  }
  return p;
}

// XOR: uniform in [-5, 5]^2, each coordinate pushed 0.3 away from the axes; class 1 where
// x1 x2 >= 0 (first and third quadrants).
Points make_xor(int n, Rng& rng) {
  const double padding = 0.3;
  Points p = make_points(n, 2);
  for (int j = 0; j < n; ++j) {
    double x1 = rng.uniform(-5.0, 5.0);
    x1 += x1 > 0 ? padding : -padding;
    double x2 = rng.uniform(-5.0, 5.0);
    x2 += x2 > 0 ? padding : -padding;
    p.X(0, j) = x1;
    p.X(1, j) = x2;
    p.y(j) = x1 * x2 >= 0 ? 1.0 : 0.0;
  }
  return p;
}

// Gaussian clusters with standard deviation sqrt(0.5) (TF Playground's spread at noise 0).
// K = 2: class 1 at (2, 2) and class 0 at (-2, -2). K > 2: K centres evenly on a circle of
// radius 3.5 starting at the angle of (-2, -2), so neighbouring clusters stay apart.
Points make_gauss(int n, int K, Rng& rng) {
  const double sd = std::sqrt(0.5);
  const double radius = K == 2 ? std::sqrt(8.0) : 3.5;
  Points p = make_points(n, K);
  int j = 0;
  for (int k = 0; k < K; ++k) {
    double sin_a, cos_a;
    portable_sincos(1.25 * kPi + 2.0 * kPi * k / K, sin_a, cos_a);
    double cx = K == 2 ? (k == 1 ? 2.0 : -2.0) : radius * cos_a;
    double cy = K == 2 ? (k == 1 ? 2.0 : -2.0) : radius * sin_a;
    for (int i = 0; i < class_count(n, K, k); ++i, ++j) {
      p.X(0, j) = cx + sd * rng.normal();
      p.X(1, j) = cy + sd * rng.normal();
      p.y(j) = k;
    }
  }
  return p;
}

// Spiral with K arms (one class each): radius r = 5 u and angle 1.75 * 2 pi u + 2 pi k / K for u
// uniform in [0, 1) (TF Playground uses evenly spaced u; random u makes the seed matter at noise
// 0).
Points make_spiral(int n, int K, Rng& rng) {
  Points p = make_points(n, K);
  int j = 0;
  for (int k = 0; k < K; ++k) {
    double delta = 2.0 * kPi * k / K;
    for (int i = 0; i < class_count(n, K, k); ++i, ++j) {
      double u = rng.uniform();
      double r = 5.0 * u;
      double sin_t, cos_t;
      portable_sincos(1.75 * 2.0 * kPi * u + delta, sin_t, cos_t);
      p.X(0, j) = r * sin_t;
      p.X(1, j) = r * cos_t;
      p.y(j) = k;
    }
  }
  return p;
}

// Two interleaving half circles (scikit-learn's make_moons) scaled by 3 and centred:
// class 0 = (cos t, sin t), class 1 = (1 - cos t, 0.5 - sin t), t uniform in [0, pi].
Points make_moons(int n, Rng& rng) {
  const double scale = 3.0;
  Points p = make_points(n, 2);
  int j = 0;
  for (int k = 0; k < 2; ++k) {
    for (int i = 0; i < class_count(n, 2, k); ++i, ++j) {
      double sin_t, cos_t;
      portable_sincos(rng.uniform(0.0, kPi), sin_t, cos_t);
      double x = k == 0 ? cos_t : 1.0 - cos_t;
      double y = k == 0 ? sin_t : 0.5 - sin_t;
      p.X(0, j) = scale * (x - 0.5);
      p.X(1, j) = scale * (y - 0.25);
      p.y(j) = k;
    }
  }
  return p;
}

// §2.5's preprocessing set: two elongated Gaussian clouds along u = (cos 30°, sin 30°), sd 1.6
// along u and 0.3 across it, their centres 0.9 either side of m = (1.5, 1.2) along
// n = (-sin 30°, cos 30°) (class 1 on the +n side). The whole set then has mean m and covariance
// 2.56 u u^T + 0.9 n n^T: std 1.46 along x, 1.15 along y, correlation 0.43, so mean subtraction,
// standardizing and whitening each change the picture.
Points make_stretched(int n, Rng& rng) {
  const double c = std::sqrt(3.0) / 2, s = 0.5;  // cos 30°, sin 30° (exact in IEEE sqrt)
  const double mx = 1.5, my = 1.2, along = 1.6, across = 0.3, offset = 0.9;
  Points p = make_points(n, 2);
  int j = 0;
  for (int k = 0; k < 2; ++k) {
    const double side = k == 1 ? offset : -offset;
    for (int i = 0; i < class_count(n, 2, k); ++i, ++j) {
      const double a = along * rng.normal(), b = side + across * rng.normal();
      p.X(0, j) = mx + a * c - b * s;
      p.X(1, j) = my + a * s + b * c;
      p.y(j) = k;
    }
  }
  return p;
}

// Regression on a plane: uniform in [-6, 6]^2, target (x1 + x2) / 12 in [-1, 1].
Points make_plane(int n, Rng& rng) {
  Points p = make_points(n, 0);
  for (int j = 0; j < n; ++j) {
    p.X(0, j) = rng.uniform(-kExtent, kExtent);
    p.X(1, j) = rng.uniform(-kExtent, kExtent);
    p.y(j) = (p.X(0, j) + p.X(1, j)) / (2.0 * kExtent);
  }
  return p;
}

// Regression on six signed gaussian bumps (sd 1) at TF Playground's regress-gaussian centres;
// the target is their sum, within about [-1, 1] since the bumps barely overlap.
Points make_multi_gauss(int n, Rng& rng) {
  struct Bump {
    double cx, cy, sign;
  };
  const Bump bumps[] = {{-4, 2.5, 1},   {0, 2.5, -1}, {4, 2.5, 1},
                        {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  Points p = make_points(n, 0);
  for (int j = 0; j < n; ++j) {
    double x = rng.uniform(-kExtent, kExtent);
    double y = rng.uniform(-kExtent, kExtent);
    double target = 0.0;
    for (const Bump& b : bumps) {
      double d2 = (x - b.cx) * (x - b.cx) + (y - b.cy) * (y - b.cy);
      target += b.sign * portable_exp(-0.5 * d2);
    }
    p.X(0, j) = x;
    p.X(1, j) = y;
    p.y(j) = target;
  }
  return p;
}

// ---- NER windows (§1.3) ----

struct Word {
  const char* text;
  double v[4];
  bool location;
};

// Fixed 4-d word vectors (generated once from a fixed seed, rounded, and frozen here so the lesson
// can show them). Location names lie near the direction (0.5, 0.5, 0.5, -0.5) with a projection of
// 1.0..1.4; every other word projects to -0.8..0.3 on it, so the task is learnable but a network
// must find that direction. "<pad>" (index 0) is the zero vector.
const Word kWords[] = {
    {"<pad>", {0.00, 0.00, 0.00, 0.00}, false},
    {"Museums", {-0.12, 0.04, 0.01, 0.82}, false},
    {"in", {0.07, -0.28, 0.03, 0.61}, false},
    {"Paris", {0.58, 0.52, 0.45, -0.50}, true},
    {"are", {-0.64, -0.67, -0.24, -0.44}, false},
    {"amazing", {0.86, 0.20, -0.15, 0.36}, false},
    {"I", {-0.72, 0.47, -0.11, 0.99}, false},
    {"flew", {-0.51, 0.38, 0.09, 0.14}, false},
    {"to", {-0.12, -0.37, -0.15, 0.50}, false},
    {"Rome", {0.40, 0.85, 0.46, -0.65}, true},
    {"last", {-0.89, -0.04, 0.07, -0.53}, false},
    {"week", {0.26, 0.23, -0.11, -0.17}, false},
    {"We", {0.19, -0.35, -0.47, -0.12}, false},
    {"drove", {-0.28, 0.73, -0.52, -0.39}, false},
    {"from", {0.80, -0.86, -0.57, -0.04}, false},
    {"Berlin", {0.42, 0.23, 0.88, -0.52}, true},
    {"Vienna", {0.29, 0.71, 0.74, -0.49}, true},
    {"The", {-0.31, -0.33, -0.41, 0.18}, false},
    {"trains", {-1.07, 0.36, 0.20, 0.55}, false},
    {"Tokyo", {0.82, 0.30, 0.65, -0.67}, true},
    {"fast", {-0.95, 0.51, -0.02, 0.22}, false},
    {"She", {-0.18, 0.14, -0.89, 0.29}, false},
    {"moved", {0.36, -0.15, -0.60, 0.63}, false},
    {"London", {0.69, 0.55, 0.55, -0.98}, true},
    {"May", {-0.03, -1.25, -0.10, 0.10}, false},
    {"My", {-0.36, -0.04, -0.29, 0.04}, false},
    {"brother", {-0.32, -0.11, -0.49, 0.54}, false},
    {"lives", {-0.31, -0.25, -0.51, 0.53}, false},
    {"Cairo", {0.68, 0.69, 0.76, -0.58}, true},
    {"now", {0.01, -0.01, -0.13, 0.67}, false},
    {"food", {0.12, 0.04, -0.29, 0.41}, false},
    {"Lima", {0.60, 0.61, 0.81, -0.65}, true},
    {"is", {-0.12, -0.03, -1.37, -0.24}, false},
    {"great", {0.18, -0.06, 0.10, -0.08}, false},
    {"They", {-0.45, 0.23, 0.23, -0.09}, false},
    {"met", {0.50, -0.56, -0.15, -0.40}, false},
    {"Oslo", {0.63, 0.84, 0.57, -0.56}, true},
    {"winter", {-0.72, -0.26, -1.09, -0.53}, false},
    {"Old", {0.87, -1.07, -0.04, 0.37}, false},
    {"streets", {-0.21, 0.07, -0.06, 0.93}, false},
    {"Boston", {0.80, 0.48, 0.47, -0.97}, true},
    {"quiet", {-0.81, -1.15, -0.05, -0.59}, false},
    {"love", {0.26, 0.67, -0.57, 0.91}, false},
    {"the", {-0.50, 0.21, 0.66, -0.17}, false},
    {"beaches", {-0.52, -0.52, 0.03, 0.21}, false},
    {"of", {0.44, -1.45, -0.46, -0.18}, false},
    {"Sydney", {0.54, 0.54, 0.80, -0.57}, true},
    {"He", {-0.02, -0.72, 0.14, -0.17}, false},
    {"works", {-0.24, 0.19, -0.19, 0.89}, false},
    {"near", {-0.62, -0.26, 0.00, 0.14}, false},
    {"Madrid", {0.52, 0.67, 0.50, -0.68}, true},
    {"today", {-0.66, -0.18, 0.47, 0.13}, false},
    {"and", {0.43, -0.45, -0.20, 0.97}, false},
    {"old", {-0.14, 0.13, -0.35, -0.35}, false},
    {"cities", {0.41, 0.30, -0.09, 0.50}, false},
};
constexpr int kVocab = static_cast<int>(sizeof(kWords) / sizeof(kWords[0]));

// The toy corpus: every location occurrence gives one true window (14 in all).
const char* const kCorpus[] = {
    "Museums in Paris are amazing",    "I flew to Rome last week",
    "We drove from Berlin to Vienna",  "The trains in Tokyo are fast",
    "She moved to London in May",      "My brother lives in Cairo now",
    "The food in Lima is great",       "They met in Oslo last winter",
    "Old streets in Boston are quiet", "We love the beaches of Sydney",
    "He works near Madrid today",      "Rome and Paris are old cities",
};

int word_index(const std::string& w) {
  for (int i = 0; i < kVocab; ++i)
    if (w == kWords[i].text) return i;
  return -1;  // unreachable: the corpus uses only vocabulary words
}

constexpr int kWindow = 5;  // words per window; the centre is word 2
constexpr int kDim = 4;     // dimensions per word vector

struct Occurrence {
  int words[kWindow];  // vocabulary indices, "<pad>" beyond the sentence edges
};

std::vector<Occurrence> location_occurrences() {
  std::vector<Occurrence> out;
  for (const char* sentence : kCorpus) {
    std::istringstream in(sentence);
    std::vector<int> tokens;
    for (std::string w; in >> w;) tokens.push_back(word_index(w));
    for (int c = 0; c < static_cast<int>(tokens.size()); ++c) {
      if (!kWords[tokens[c]].location) continue;
      Occurrence o;
      for (int k = 0; k < kWindow; ++k) {
        int t = c - kWindow / 2 + k;
        o.words[k] = t >= 0 && t < static_cast<int>(tokens.size()) ? tokens[t] : 0;
      }
      out.push_back(o);
    }
  }
  return out;
}

void put_window(const int (&words)[kWindow], Points& p, int col) {
  std::string text;
  for (int k = 0; k < kWindow; ++k) {
    for (int d = 0; d < kDim; ++d) p.X(k * kDim + d, col) = kWords[words[k]].v[d];
    if (k > 0) text += ' ';
    text += k == kWindow / 2 ? "[" + std::string(kWords[words[k]].text) + "]"
                             : std::string(kWords[words[k]].text);
  }
  p.text[col] = text;
}

// Copies columns idx of `all` (pair links are rebuilt by the caller).
Points take(const Points& all, const std::vector<int>& idx) {
  Points p;
  p.classes = all.classes;
  p.X.resize(all.X.rows(), static_cast<Eigen::Index>(idx.size()));
  p.y.resize(static_cast<Eigen::Index>(idx.size()));
  for (size_t j = 0; j < idx.size(); ++j) {
    p.X.col(j) = all.X.col(idx[j]);
    p.y(j) = all.y(idx[j]);
  }
  if (!all.text.empty()) {
    p.text.reserve(idx.size());
    for (int i : idx) p.text.push_back(all.text[i]);
  }
  return p;
}

void shuffle(std::vector<int>& v, Rng& rng) {
  for (size_t i = v.size(); i > 1; --i) {
    size_t j = rng.below(static_cast<std::uint32_t>(i));
    std::swap(v[i - 1], v[j]);
  }
}

// Training share of n items: round(fraction n), at least 1 and at most n - 1.
int train_count(int n, double fraction) {
  long t = std::lround(fraction * n);
  return static_cast<int>(std::clamp<long>(t, 1, n - 1));
}

// Pair links for the layout [P true windows, their P partners in the same order]: the link is
// symmetric, pair[i] = i + P for a true window and pair[i + P] = i for its corrupted partner.
std::vector<int> pair_links(int P) {
  std::vector<int> pair(2 * P);
  for (int i = 0; i < P; ++i) {
    pair[i] = i + P;
    pair[i + P] = i;
  }
  return pair;
}

}  // namespace

Points generate(const DataConfig& cfg, Rng& rng) {
  if (!(cfg.noise >= 0.0))
    throw ConfigError("data.noise", "noise must be in 0..2 (a standard deviation in data units)");
  Points p;
  switch (cfg.dataset) {
    case DatasetKind::Circle:
      check_points(cfg.points, 2);
      p = make_circle(cfg.points, rng);
      break;
    case DatasetKind::Xor:
      check_points(cfg.points, 2);
      p = make_xor(cfg.points, rng);
      break;
    case DatasetKind::Gauss:
      check_points(cfg.points, check_classes(cfg.classes));
      p = make_gauss(cfg.points, cfg.classes, rng);
      break;
    case DatasetKind::Spiral:
      check_points(cfg.points, check_classes(cfg.classes));
      p = make_spiral(cfg.points, cfg.classes, rng);
      break;
    case DatasetKind::Moons:
      check_points(cfg.points, 2);
      p = make_moons(cfg.points, rng);
      break;
    case DatasetKind::Plane:
      check_points(cfg.points, 2);
      p = make_plane(cfg.points, rng);
      break;
    case DatasetKind::MultiGauss:
      check_points(cfg.points, 2);
      p = make_multi_gauss(cfg.points, rng);
      break;
    case DatasetKind::Stretched:
      check_points(cfg.points, 2);
      p = make_stretched(cfg.points, rng);
      break;
    case DatasetKind::NerWindow:
      // One (true, corrupted) pair per two points; word vectors are fixed, so noise is not used.
      check_points(cfg.points, 4);
      return make_ner_windows(cfg.points / 2, rng);
    case DatasetKind::User:
      throw ConfigError("data.dataset", "user data comes from a CSV file and cannot be generated");
  }
  add_noise(p.X, cfg.noise, rng);
  return p;
}

Split split(const Points& all, double train_fraction, Rng& rng) {
  const int n = static_cast<int>(all.X.cols());
  Split s;
  if (!all.pair.empty()) {
    // ner_window: shuffle pairs, and keep each side in the [true..., corrupted...] layout.
    const int P = n / 2;
    if (P < 2 || n != 2 * P || static_cast<int>(all.pair.size()) != n)
      throw ConfigError("data.points", "ner_window needs at least 2 (true, corrupted) pairs");
    std::vector<int> order(P);
    for (int i = 0; i < P; ++i) order[i] = i;
    shuffle(order, rng);
    const int P_train = train_count(P, train_fraction);
    auto side = [&](int begin, int end) {
      std::vector<int> idx;
      for (int i = begin; i < end; ++i) idx.push_back(order[i]);
      for (int i = begin; i < end; ++i) idx.push_back(all.pair[order[i]]);
      Points p = take(all, idx);
      p.pair = pair_links(end - begin);
      return p;
    };
    s.train = side(0, P_train);
    s.test = side(P_train, P);
    return s;
  }
  if (n < 2)
    throw ConfigError("data.points", "at least 2 points are needed to split into train and test");
  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  shuffle(order, rng);
  const int n_train = train_count(n, train_fraction);
  s.train = take(all, std::vector<int>(order.begin(), order.begin() + n_train));
  s.test = take(all, std::vector<int>(order.begin() + n_train, order.end()));
  return s;
}

// Layout: columns [0, P) are true windows, [P, 2P) their corrupted partners in the same order
// (pair[i] = i + P), which is what the max-margin loss expects. Pair i uses location occurrence
// i mod 14; from the second pass over the corpus on, the true window's centre is a random location
// name (still a true window), so larger sets are not just copies.
Points make_ner_windows(int pairs, Rng& rng) {
  if (pairs < 1)
    throw ConfigError("data.points", "ner_window needs at least 1 pair (2 points), got " +
                                         std::to_string(2 * pairs) + " points");
  static_assert(kWindow * kDim == 20, "x in R^20");
  const std::vector<Occurrence> occ = location_occurrences();
  std::vector<int> locations, others;
  for (int i = 1; i < kVocab; ++i) (kWords[i].location ? locations : others).push_back(i);

  Points p;
  p.X.resize(kWindow * kDim, 2 * pairs);
  p.y.resize(2 * pairs);
  p.text.resize(2 * pairs);
  p.classes = 2;
  const int n_occ = static_cast<int>(occ.size());
  for (int i = 0; i < pairs; ++i) {
    Occurrence o = occ[i % n_occ];
    if (i >= n_occ)
      o.words[kWindow / 2] = locations[rng.below(static_cast<std::uint32_t>(locations.size()))];
    put_window(o.words, p, i);
    p.y(i) = 1.0;
    o.words[kWindow / 2] = others[rng.below(static_cast<std::uint32_t>(others.size()))];
    put_window(o.words, p, pairs + i);
    p.y(pairs + i) = 0.0;
  }
  p.pair = pair_links(pairs);
  return p;
}

const std::vector<std::string>& ner_vocabulary() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> w;
    for (const Word& word : kWords) w.emplace_back(word.text);
    return w;
  }();
  return words;
}

Matrix ner_word_vectors() {
  Matrix V(kDim, kVocab);  // (4, V)
  for (int j = 0; j < kVocab; ++j)
    for (int d = 0; d < kDim; ++d) V(d, j) = kWords[j].v[d];
  return V;
}

bool ner_is_location(int word) { return word >= 0 && word < kVocab && kWords[word].location; }

}  // namespace nn
