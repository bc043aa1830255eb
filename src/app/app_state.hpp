// AppState: everything the playground shows and edits, in one plain struct (no GL, no window).
// Panels are draw_xxx(AppState&) functions that read it and edit it; after the panels ran, the
// frame applies the edits to the Session (config hot-apply, resets, user data), trains inside a
// time budget and advances the progressive boundary/thumbnail evaluation.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/session.hpp"
#include "grid.hpp"
#include "share_state.hpp"
#include "teach_state.hpp"

struct ImFont;

namespace nn::app {

// Fonts of the current ImGui context (null = ImGui's default font).
struct UiFonts {
  ImFont* regular = nullptr;
  ImFont* bold = nullptr;
};

enum class SpeedMode { TimeBudget, StepsPerFrame };
// A File-menu command waiting for the platform (browser picker/download or desktop dialog).
enum class FileAction {
  None,
  Import,
  ExportConfig,
  ExportModel,
  ExportLossCsv,
  ExportBoundaryPng,
  ExportDataCsv
};
enum class Palette { Playground, ColorBlindSafe };

// What a click in the network diagram selected (the teaching views read it).
// layer -1 = the input features (Neuron only); 0..L-1 = Session::network().layers[layer].
// Neuron: unit i of that layer's output. Link: weight W(i, j) of that layer (unit j of the layer
// below to unit i). Bias: b(i) of that layer.
struct Selection {
  enum class Kind { None, Neuron, Link, Bias };
  Kind kind = Kind::None;
  int layer = -1;
  int i = -1;
  int j = -1;
  bool operator==(const Selection& o) const {
    return kind == o.kind && layer == o.layer && i == o.i && j == o.j;
  }
};

// A point drawn by the user: raw position in [-6, 6]^2, label (class index, or a real target for
// regression) and split (0 train, 1 test).
struct UserPoint {
  double x1 = 0, x2 = 0, label = 0;
  int split = 0;
};

// User data that a replacement left behind (a config or link naming a dataset, a lesson, a
// file): the Data panel's Undo brings it back, with its own undo steps.
struct UserStash {
  std::vector<UserPoint> points;
  int classes = 2;
  Config config;
  std::vector<std::vector<UserPoint>> undo;
};

struct ViewOptions {
  Palette palette = Palette::Playground;
  bool discretize = false;
  bool contour = true;         // decision threshold line on the boundary map
  bool show_train = true;      // training points on the map
  bool show_test = false;      // test points on the map
  bool loss_log = false;       // loss plot y axis
  bool loss_epochs = false;    // loss plot x axis in epochs instead of steps
  bool accuracy_plot = false;  // the accuracy curves (train and test) beside the loss plot
  int add_class = 1;           // class (or +1/-1 target for regression) of a click on the map
};

// Which parts of the screen are shown (embed mode and lessons switch them).
struct LayoutOptions {
  bool top_bar = true;
  bool data = true;
  bool network = true;
  bool output = true;
  bool loss = true;
};

struct SpeedOptions {
  SpeedMode mode = SpeedMode::TimeBudget;
  float budget_ms = 8.0f;    // training time per frame
  int steps_per_frame = 10;  // in StepsPerFrame mode (still capped to keep 30 fps)
  // > 0: a lesson slows Play to this many steps per second so live numbers can be read (§1.5);
  // steps_credit carries the fraction of a step between frames.
  double lesson_steps_per_second = 0;
  double steps_credit = 0;
  double credit_time = -1;  // seconds_now() of the last slow frame, -1: none yet
};

// The app's own counters (state() of the JS API reports them).
// How the user reaches the app: a finger (larger touch targets), the keyboard (the help overlay
// listing every shortcut), a first visit (a cue until the first Play), reduced motion.
struct AccessOptions {
  bool coarse_pointer = false;  // the primary pointer is a finger: controls at least 40 CSS px
  bool show_help = false;       // the keyboard help overlay ('?')
  bool played_once = false;     // the first-visit cue shows until the first Play
  bool reduced_motion = false;  // prefers-reduced-motion: no autoplay, fewer redraws
};

struct PerfCounters {
  double fps = 0;
  double frame_ms = 0;          // work of the whole frame (UI, training, grid, rendering), smoothed
  double ui_ms = 0;             // building the ImGui frame, smoothed
  double render_ms = 0;         // colouring + ImGui rendering, smoothed (set by the platform)
  double colour_ms = 0;         // the colouring passes alone, smoothed (set by the platform)
  double train_ms = 0;          // training in the last frame
  double grid_ms = 0;           // boundary/thumbnail evaluation in the last frame
  double steps_per_second = 0;  // smoothed while playing
  double samples_per_second = 0;
  double last_frame_time = -1;  // seconds
  double rate_time = -1;        // start of the current rate window
  long long rate_steps = 0;     // steps done in the current rate window
  double step_seconds = 0;      // smoothed cost of one training step (for chunking)
  double first_frame_ms = -1;   // web: performance.now() (ms since navigation) after frame 1
};

// Preallocated per-frame buffers of the panels (no allocation per frame once warm).
struct PlotBuffers {
  std::vector<float> train_min, train_max, train_last;  // per pixel column
  std::vector<float> test_min, test_max, test_last;
  std::vector<float> scratch;  // the network diagram's link magnitudes
  // The dataset list's icons: a small sample of each built-in 2D set (index = DatasetKind),
  // generated once with fixed settings; X empty for sets without a plane (NER windows).
  std::vector<Points> dataset_icons;
};

// Scores of the test windows for the ner_window dataset (no input plane to draw).
struct WindowScores {
  Matrix inputs;  // (20, N) preprocessed test windows
  Workspace ws;
  long long model_version = -1;
};

// Texture handles filled by the renderer (0 without GL, e.g. in the headless smoke test).
struct Textures {
  std::uintptr_t boundary = 0;  // RGBA, the coloured boundary map
  std::uintptr_t atlas = 0;     // RGBA, the neuron and feature thumbnails
  int boundary_version = -1;    // GridState::boundary_version the texture shows
  int atlas_version = -1;
};

struct AppState {
  Config config;                     // what the controls edit; applied after the panels ran
  std::unique_ptr<Session> session;  // never null after app_init
  bool playing = false;
  int pending_steps = 0;  // Step button, 's' key, API step(n)
  bool pending_reset = false;

  // User-drawn data (DatasetKind::User). user_mode: the session trains on user_points.
  bool user_mode = false;
  int user_classes = 2;  // 0 = regression (targets +1/-1 from clicks)
  std::vector<UserPoint> user_points;
  std::vector<std::vector<UserPoint>> undo_stack;
  std::optional<UserStash> user_left;  // the points a replacement left behind (Undo restores)
  int user_leaves = 0;                 // how many times user data was left behind
  // An imported CSV without a split column, as read, while unedited: a model import splits it
  // with the model's seed and train fraction, as nnplay-cli --data does (the pair reproduces).
  std::optional<Points> user_csv_unsplit;
  bool user_points_changed = false;
  int drag_point = -1;      // user point being dragged on the map (-1: none)
  bool drag_moved = false;  // the drag has moved it (a press without a move adds a point)
  bool drag_ctrl = false, drag_shift = false;  // the modifiers at the press
  double drag_x1 = 0, drag_x2 = 0;             // where the press was

  Selection selection;
  Selection hover;
  ViewOptions view;
  LayoutOptions layout;
  SpeedOptions speed;
  PerfCounters perf;
  GridState grid;
  Textures tex;
  PlotBuffers plot;
  WindowScores windows;
  TeachState teach;      // the teaching views and lessons (teach_state.hpp)
  ShareState share;      // URL state, embed mode, Share dialog (share_state.hpp, docs/embedding.md)
  AccessOptions access;  // input device, keyboard help, first-visit cue, reduced motion

  // Bumped whenever the weights change (steps, reset) or the session is rebuilt, so the grid
  // evaluation knows when its picture is stale.
  long long model_version = 0;
  long long structure_version = 0;  // bumped when the network shape or the input mapping changes

  // Where the boundary map was drawn last frame, in screen pixels (tests and embeds click it).
  struct MapRect {
    float x = 0, y = 0, size = 0;
  } map_rect;

  FileAction file_request = FileAction::None;  // set by the File menu, taken by the platform
  long long step_base = 0;  // steps an imported model had been trained (its export counts on)
  // The run is the seed's initial weights trained session->steps() steps on the current config
  // and data, so a link with step=N replays it exactly. False after a setting changed mid-run,
  // points were edited with the trained weights kept, or a model was imported.
  bool replayable = true;

  std::string message;       // a transient notice (invalid setting, user data hint)
  double message_until = 0;  // seconds
  // The banner shows at most three lines of the notice; "Show all" unfolds the whole text and
  // these details (e.g. every problem of a link). banner_lines: lines drawn in the last frame.
  std::vector<std::string> message_details;
  bool message_expanded = false;
  int banner_lines = 0;
  double now = 0;         // seconds since start, set by the platform each frame
  float ui_scale = 1.0f;  // device pixel ratio / content scale (sizes are in pixels)
  UiFonts fonts;
  int frame_index = 0;
};

}  // namespace nn::app
