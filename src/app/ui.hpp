// The playground's screen: one full-window layout and one draw_xxx(AppState&) per panel. Panels
// only read and edit AppState (no function-static state), so they can run headless in a test,
// and the same state restored from a URL or a lesson draws the same screen.
#pragma once
#include <imgui.h>

#include "app_state.hpp"

namespace nn::app {

// Adds the embedded fonts (DejaVu Sans subsets) at size_px to the current ImGui context's atlas.
// Call before the atlas is built; store the result in AppState::fonts.
UiFonts load_ui_fonts(float size_px);
// Light theme close to TensorFlow Playground, scaled by `scale`.
void apply_ui_style(float scale, bool coarse_pointer = false);

// The whole screen (a full-window ImGui window) and the keyboard shortcuts.
void draw_ui(AppState& app);

// Play/pause, step, reset, menus, speed, counters (phone: the menus and speed folded into one).
void draw_top_bar(AppState& app, bool phone = false);
// Every training setting: a wrapping row, or one per line in a narrow column.
void draw_settings(AppState& app, bool column);
void draw_data_panel(
    AppState& app);  // dataset, noise, points, split, seed, features, preprocessing
void draw_network_panel(AppState& app);  // the network diagram with neuron thumbnails
void draw_output_panel(AppState& app);   // the decision boundary map, points, axes
void draw_loss_panel(AppState& app);     // loss curves, accuracy, learning rate, speed
// Divergence and notices, floating over the panels from `at` (screen pixels), `width` wide.
void draw_banner(AppState& app, ImVec2 at, float width);

// Keyboard: space play/pause, s step, r reset, ? help (ignored while a text field has focus).
void handle_shortcuts(AppState& app);
void draw_help_overlay(AppState& app);     // the shortcuts, over everything ('?')
void draw_first_visit_cue(AppState& app);  // "Press Play or Space" until the first Play

}  // namespace nn::app
