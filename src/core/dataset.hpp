// Toy datasets (§2.5 playground data, §1.3 NER windows), seeded through Rng. Positions live in
// the square [-kExtent, kExtent]^2 (as in TensorFlow Playground); noise is the standard deviation
// of a normal jitter added to each coordinate, in those units, for every dataset alike.
#pragma once
#include <string>
#include <vector>

#include "config.hpp"
#include "rng.hpp"
#include "types.hpp"

namespace nn {

constexpr double kExtent = 6.0;

struct Points {
  Matrix X;  // (d, N) raw positions: d = 2 for the 2D sets, 20 for ner_window
  Vector y;  // (N) class index 0..K-1, or a real target for regression
  int classes = 2;         // 0 for regression
  // ner_window only: pair[i] = index of the corrupted partner of true window i (else empty),
  // and a short text per column ("Museums in [Paris] are amazing"). Columns [0, P) are the true
  // windows, [P, 2P) their partners in the same order; the link is symmetric (pair[i + P] = i).
  std::vector<int> pair;
  std::vector<std::string> text;
};

struct Split {
  Points train, test;
};

// Generates cfg.points points of cfg.dataset (not User) with cfg.noise and cfg.classes.
Points generate(const DataConfig& cfg, Rng& rng);
// Shuffles and splits with cfg.train_fraction (at least one point on each side).
// For ner_window, (true, corrupted) pairs stay together on one side.
Split split(const Points& all, double train_fraction, Rng& rng);

// The §1.3 toy corpus: 4-d word vectors, 5-word windows (x in R^20), true windows centred on a
// location, corrupted windows with the centre word replaced. Deterministic given rng.
Points make_ner_windows(int pairs, Rng& rng);
// The vocabulary and fixed 4-d word vectors (for the lesson's display).
const std::vector<std::string>& ner_vocabulary();
Matrix ner_word_vectors();       // (4, V): column j is the vector of ner_vocabulary()[j]
bool ner_is_location(int word);  // word = index into ner_vocabulary()

}  // namespace nn
