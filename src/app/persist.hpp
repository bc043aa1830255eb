// Drawn points kept in the browser between visits: web/persist.js stores this text in
// localStorage (keyed by the page's path) and hands it back on the next load. The user data
// travels as the dataset CSV (x1,x2,label,split: src/io/csv) beside the config it trains with
// (src/io/config_json), so restoring goes through the same readers as a file import.
#pragma once
#include <string>

#include "app_state.hpp"
#include "files.hpp"

namespace nn::app {

// {"format": "nnplay-user-data", "version": 1, "points": N, "config": {...}, "csv": "..."};
// "" when the app is not on user data (or it has no points).
std::string export_user_data(const AppState& app);

// Restores what export_user_data wrote: the points (all-or-nothing, as an import) with the saved
// config's settings on them, or with the running config's (keep_settings: a link's settings
// apply to the restored points); the notice says where they came from. On failure nothing
// changes.
ImportResult restore_user_data(AppState& app, const std::string& text, bool keep_settings);

}  // namespace nn::app
