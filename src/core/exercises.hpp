// Exercises: one to three per lesson (docs/lessons.md), written from the notes' own questions and
// the usual classroom tasks, each with a goal checked by the machine on the live state: the
// session (config, weights, losses, steps) and what the learner did since the exercise opened
// (answers checked with "Check your own work", gradient checks run, a divergence seen).
// An exercise starts from its lesson's config, where its goal is not met.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "checker.hpp"
#include "config.hpp"
#include "session.hpp"

namespace nn {

// An answer checked with "Check your own work" while the exercise was open.
struct CheckRecord {
  CheckQuantity quantity = CheckQuantity::Dw;
  int layer = 1;     // the notes' k of the question
  int i = 1, j = 1;  // 1-based, as the question
  bool correct = false;
  Regularization regularization = Regularization::None;  // the config it was checked under
  double rate = 0;
};

// A gradient check run while the exercise was open (§2.1).
struct GradCheckRecord {
  double eps = 1e-5;
  double max_relative_error = 0;
};

struct ExerciseContext {
  std::vector<CheckRecord> checks;
  std::vector<GradCheckRecord> gradchecks;
  bool diverged = false;   // a run diverged since the exercise opened
  Config diverged_config;  // the config of the first run that diverged
};

struct Exercise {
  std::string id;      // "s2_7_diverge_fix"
  std::string lesson;  // the lesson it belongs to (opened with it)
  std::string goal;    // one or two sentences: what to reach, as checked
  std::function<bool(Session&, const ExerciseContext&)> met;
};

// All exercises, in the lessons' order.
const std::vector<Exercise>& all_exercises();
const Exercise* find_exercise(const std::string& id);
std::vector<const Exercise*> lesson_exercises(const std::string& lesson_id);

// Schema fields (config_fields) whose values differ between a and b ("one change" = 1).
int config_difference(const Config& a, const Config& b);
// Hidden units that are dead on the training split: a <= 0 for every training sample (ReLU,
// §2.4), and the hidden units in all.
int dead_units(Session& s, int* total = nullptr);

}  // namespace nn
