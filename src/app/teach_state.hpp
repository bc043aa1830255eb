// State of the teaching views: which views are open, the active lesson, and each view's
// cached results from the core (inspector report, gradient check, graph, race, surface...). Plain
// data in AppState::teach, so the views draw from state only and run headless in the smoke test.
// The math lives in src/core (inspector, gradcheck, graph, race, activation_stats, lessons).
#pragma once
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/activation_stats.hpp"
#include "core/checker.hpp"
#include "core/exercises.hpp"
#include "core/gradcheck.hpp"
#include "core/graph.hpp"
#include "core/inspector.hpp"
#include "core/lessons.hpp"
#include "core/race.hpp"
#include "core/walk.hpp"

namespace nn::app {

// nn::kViewCount (core/lessons.hpp) sizes the per-view arrays; the race offers every optimizer of
// the kind table (core/config.hpp), so a new optimizer joins it.
constexpr int kRaceChoices = kOptimizerCount;

struct InspectorView {
  bool batch = false;  // false: one training sample; true: the last batch's mean
  int sample = 0;      // training sample (pair for max_margin), or the shown column of the batch
  InspectorReport report;
  bool valid = false;
  std::string error;
  long long model_version = -1;  // what the report was computed for
  int key_layer = -1, key_i = -1, key_j = -1, key_kind = -1, key_sample = -1, key_batch = -1;
};

// "Check your own work" under the inspector: the student types a value for the selected
// parameter (or the unit it feeds) and the sample shown, and presses Check.
struct CheckView {
  int quantity = 1;         // 0 delta (of the unit the parameter feeds), 1 gradient, 2 update
  double value = 0;         // what the student typed
  bool hide_steps = false;  // the inspector's steps hidden while the student works
  bool has_result = false;
  CheckResult result;
  std::string error;
  long long model_version = -1;  // the weights the result is for
};

// The open exercise (core/exercises.hpp): its goal is evaluated on the live state; once met it
// stays passed until the exercise is opened again.
struct ExerciseView {
  std::string id;  // "" = none open
  ExerciseContext context;
  bool passed = false;
};

// Step-through on the network diagram (core/walk.hpp): one sample, one step per click or key.
struct WalkView {
  bool active = false;
  Walk walk;
  int step = 0;                  // the step shown (0 = the input)
  int sample = 0;                // the training sample walked
  long long model_version = -1;  // the weights the walk was made for
};

struct GradCheckView {
  double eps = 1e-5;      // the centred difference's step (§2.1: the exercise looks for the best)
  double ran_eps = 1e-5;  // the step of the shown result
  bool has_result = false;
  GradCheckResult result;
  std::vector<std::string> layer_names;  // "W^(1), b^(1) (tanh)"
  std::vector<bool> layer_kinks;         // relu / leaky relu / hardtanh layer
  long long model_version = -1;          // the weights the check ran on
  int near_zero = 0;                     // parameters with |analytic| and |numeric| < 1e-9
  bool max_margin = false;               // hinge kink at the margin
};

struct GraphView {
  Graph graph;
  bool built = false;
  int sample = 0;
  int selected = -1;  // node id
  long long model_version = -1;
};

struct ActivationsView {
  int layer = 0;  // network layer whose f, f' is plotted
  std::vector<LayerActivationStats> stats;
  long long model_version = -1;
};

// One run of the §2.6 comparison: a variant trained for a fixed number of steps.
struct InitRun {
  std::string label;
  std::vector<double> step;
  std::vector<std::vector<double>> activation_var, gradient_var;  // [layer][point]
  std::vector<double> train_loss;
};

struct InitView {
  bool log_scale = true;
  std::vector<InitRun> runs;  // empty until "Compare" ran
  int compare_steps = 300;
};

struct ScheduleView {
  int horizon = 2000;  // steps on the x axis
};

struct RaceView {
  // One entry per lane (at most kMaxRaceLanes), any mix of kinds: two Adam lanes may differ
  // only in bias correction (§2.9, the notes' form against the standard one).
  std::vector<OptimizerConfig> lanes;
  std::unique_ptr<Race> race;
  bool running = false;
  int steps_per_frame = 20;
  int target_steps = 1000;
  int thumb_res = 48;
  std::vector<std::vector<float>> thumbs;  // per lane, predict_grid_display scores
  std::vector<long long> thumb_step;       // lane step the thumbnail shows
  // 2D loss surface
  SurfaceKind surface = SurfaceKind::Valley;
  int surface_steps = 150;
  int surface_res = 96;
  std::vector<double> surface_grid;
  std::vector<std::vector<Segment>> contours;  // per level
  std::vector<Trajectory> trajectories;
  bool surface_valid = false;
};

struct TeachState {
  std::array<bool, kViewCount> open{};  // per nn::View (Network/Boundary/Loss: the main layout)
  int focus = -1;                       // view whose tab is selected next frame
  std::optional<Lesson> lesson;         // the active lesson (its card is shown)
  bool show_card = true;
  float column_fraction = 0.5f;  // share of the screen width the teaching column takes
  InspectorView inspector;
  CheckView check;
  ExerciseView exercise;
  WalkView walk;
  std::map<std::string, bool> exercise_passed;  // per exercise id tried: passed or not (yet)
  GradCheckView gradcheck;
  GraphView graph;
  ActivationsView activations;
  InitView init;
  ScheduleView schedule;
  RaceView race;
};

}  // namespace nn::app
