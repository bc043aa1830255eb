// The JS API's operations (window.nnplay and its postMessage twin) on AppState, with JSON text in
// and out. Platform-free: the web build exports thin C wrappers, the smoke test calls these
// directly.
#pragma once
#include <string>

#include "app_state.hpp"

namespace nn::app {

// {step, epochs, train_loss, test_loss, train_accuracy, test_accuracy, learning_rate, diverged,
//  reason, warning (dead units, a rising loss: training goes on), message (the notice shown),
//  can_undo, playing, fps, steps_per_second, samples_per_second, user_data, config,
//  share: {embed, controls, views, layout, origins, warnings, notice, hash}}.
// Losses and accuracies are evaluated now on the whole splits (null when undefined).
std::string api_state_json(AppState& app);
// {step, playing, diverged, lesson}: what the page's event poller watches (web/nnplay-api.js),
// cheap enough for every poll (nothing is evaluated); it reads the full state only for an event.
std::string api_status_json(const AppState& app);

// Applies a config given as JSON text. replace = false merges the object into the current
// config (JSON merge patch: setConfig({data: {dataset: "xor"}}) changes only the dataset);
// replace = true reads it as a whole config (missing keys take their defaults).
// Returns {"ok": true, "reset": bool} or {"ok": false, "field": ..., "error": ...}.
std::string api_set_config(AppState& app, const std::string& json_text, bool replace);

// Trains n steps now (n is clamped to 0..1e6); returns the steps done.
int api_step(AppState& app, int n);
void api_play(AppState& app);
void api_pause(AppState& app);
void api_reset(AppState& app);

// Check your own work (§1.5-1.6, §2.7-2.9, core/checker.hpp): the question as JSON
// {quantity: "delta"|"dW"|"db"|"update", layer, i, j, sample, value[, bias][, state: {velocity,
// m, v, cache, t}]} with layer, i, j 1-based as the notes write them (W_14^(1): layer 1, i 1,
// j 4; delta_1^(2): layer 2, i 1) and sample the 0-based training sample (a pair for
// max_margin) as in the inspector. Returns {ok: true, correct, expected, tolerance,
// first_wrong_step (1-9 or null), mistake, hint, quantity, steps: [{number, symbol, value}]} or
// {ok: false, field, error}.
std::string api_check_answer(AppState& app, const std::string& json_text);
// Loads the hand-checkable example (teach_ui.hpp): {ok: true} or {ok: false, error}.
std::string api_load_hand_example(AppState& app);

}  // namespace nn::app
