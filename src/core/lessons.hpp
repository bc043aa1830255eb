// Lessons: one preset per section of the lecture notes (docs/notes.md, §1.1 ... §3.2). Each sets
// a validated Config, names the views to open, and says in two to four sentences what to look
// at, with the corrected formula (and the notes' slip, where docs/notes.md lists one).
// docs/lessons.md lists them; a test keeps that file and this table in step.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "config.hpp"

namespace nn {

enum class View {
  Network,      // network diagram (weights, dropped units)
  Boundary,     // decision boundary over the input plane, neuron thumbnails
  Loss,         // loss curves
  Inspector,    // backprop inspector (§1.5, §1.6, §3.1)
  GradCheck,    // gradient check panel (§2.1)
  Graph,        // computational graph (§3.2)
  Activations,  // f, f' and z histograms (§2.4)
  Init,         // activation / gradient variance per layer (§2.6)
  Schedule,     // alpha(t) (§2.7)
  Race,         // optimizer race and 2D loss surface (§2.8-2.9)
  Preprocess,   // raw vs preprocessed points (§2.5)
  Dropout,      // dropout explanation and masks (§2.3)
};
inline constexpr KindRow<View> kViewKinds[] = {
    {View::Network, "network", "Network", "network diagram: weights, dropped units", ""},
    {View::Boundary, "boundary", "Boundary", "decision boundary and neuron thumbnails", ""},
    {View::Loss, "loss", "Loss", "train and test loss curves", ""},
    {View::Inspector, "inspector", "Backprop inspector", "one step of backprop, number by number",
     "§1.5, §1.6, §3.1"},
    {View::GradCheck, "gradcheck", "Gradient check", "analytic vs centred-difference gradients",
     "§2.1"},
    {View::Graph, "graph", "Computational graph", "forward values and backward gradients", "§3.2"},
    {View::Activations, "activations", "Activations", "f, f′ and z histograms", "§2.4"},
    {View::Init, "init", "Initialization", "activation and gradient variance per layer", "§2.6"},
    {View::Schedule, "schedule", "Learning rate", "α(t) of the schedule", "§2.7"},
    {View::Race, "race", "Optimizer race", "optimizers side by side, 2D loss surfaces", "§2.8-2.9"},
    {View::Preprocess, "preprocess", "Preprocessing", "raw vs preprocessed points", "§2.5"},
    {View::Dropout, "dropout", "Dropout", "dropout masks and the keep probability", "§2.3"},
};
inline constexpr int kViewCount = sizeof(kViewKinds) / sizeof(kViewKinds[0]);
static_assert(rows_in_enum_order(kViewKinds), "one row per View, in enum order");
const std::vector<View>& all_views();
const char* name(View v);  // "network", "boundary", "loss", "inspector", "gradcheck", "graph",
                           // "activations", "init", "schedule", "race", "preprocess", "dropout"
View parse_view(const std::string& s, const std::string& field);

// A named alternative the lesson invites you to compare (e.g. the three inits of §2.6, a
// learning rate that diverges in §2.7). Its config validates; it may diverge on purpose.
struct LessonVariant {
  std::string label;
  Config config;
};

// A slip of the notes (docs/notes.md lists them, with the ones found in the Chinese text): what the
// notes write, the corrected formula, and one sentence saying why.
struct NotesSlip {
  std::string notes;      // "sigma(z) = 1 / (1 + exp(z))"
  std::string corrected;  // "sigma(z) = 1 / (1 + exp(-z))"
  std::string why;        // one sentence
};

// The parameter the inspector opens on: W_ij^(layer+1) of layer `layer` (0-based), or its bias.
struct InspectTarget {
  int layer = -1;  // -1: none (the app picks the first weight)
  int i = 0, j = 0;
  bool bias = false;
};

struct Lesson {
  std::string id;                // "s1_1_single_neuron"
  std::string section;           // "1.1"
  std::string title;             // "One sigmoid neuron"
  std::string text;              // 2-4 sentences: what to look at
  std::string formula;           // the corrected formula (docs/notes.md, per section)
  std::vector<NotesSlip> slips;  // the notes' slips in this section (card and formula tooltip)
  Config config;                 // validated; trains without diverging
  std::vector<View> views;
  std::vector<OptimizerConfig> race;    // optimizers for the race view (empty: none)
  std::vector<LessonVariant> variants;  // alternatives to compare (empty: none)
  InspectTarget inspect;                // the inspector's parameter on open
  double play_steps_per_second = 0;     // > 0: Play runs this slowly so live numbers can be read
};

// "Slip in the notes: they write X; correct: Y. Why." (one line per slip, no trailing newline).
std::string slip_text(const NotesSlip& s);
// The whole card as the app shows it: the text, the formula, then one line per slip.
std::string card_text(const Lesson& l);

// The lessons in the notes' order.
std::vector<Lesson> all_lessons();
std::optional<Lesson> find_lesson(const std::string& id);

}  // namespace nn
