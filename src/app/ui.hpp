// The playground's screen: one full-window layout and one draw_xxx(AppState&) per panel. Panels
// only read and edit AppState (no function-static state), so they can run headless in a test,
// and the same state restored from a URL or a lesson draws the same screen.
#pragma once
#include "app_state.hpp"

namespace nn::app {

// Adds the embedded fonts (DejaVu Sans subsets) at size_px to the current ImGui context's atlas.
// Call before the atlas is built; store the result in AppState::fonts.
UiFonts load_ui_fonts(float size_px);
// Light theme close to TensorFlow Playground, scaled by `scale`.
void apply_ui_style(float scale);

// The whole screen (a full-window ImGui window) and the keyboard shortcuts.
void draw_ui(AppState& app);

void draw_top_bar(AppState& app);  // play/pause, step, reset, speed, training settings
void draw_data_panel(
    AppState& app);  // dataset, noise, points, split, seed, features, preprocessing
void draw_network_panel(AppState& app);  // the network diagram with neuron thumbnails
void draw_output_panel(AppState& app);   // the decision boundary map, points, axes
void draw_loss_panel(AppState& app);     // loss curves, accuracy, learning rate, speed
void draw_banner(AppState& app);         // divergence and notices

// Keyboard: space play/pause, s step, r reset (ignored while a text field has focus).
void handle_shortcuts(AppState& app);

}  // namespace nn::app
