// Import and export of the playground's files, GL-free and platform-free: the browser (web/files.js
// through platform.cpp's exports), the desktop (file dialog and command-line flags) and the tests
// all go through these. Imports are all-or-nothing: a bad file leaves data, weights and config
// exactly as they were, and the error names the file, the line (and column or field) and the
// problem.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "app_state.hpp"

namespace nn::app {

enum class ImportKind { Auto, Csv, Config, Model };

// Files larger than this are refused before parsing (a 5000-point CSV is about 250 kB).
constexpr std::size_t kMaxImportBytes = 4u << 20;
// Points of an imported CSV: the validator's data.points range (10..5000) caps it; at least 2.
constexpr int kMaxImportPoints = 5000;

struct ImportResult {
  bool ok = false;
  ImportKind kind = ImportKind::Auto;  // what the file was read as
  std::string error;                   // "line 7, column 2: 'abc' is not a number (x2)"
  std::string field;                   // JSON path or "csv"/"json"/"file" (empty on success)
  int line = 0, column = 0;            // 1-based; 0 = not known
  std::string message;                 // what the app shows: "<name>: <error>" or a summary
};

const char* import_kind_name(ImportKind kind);  // "auto", "csv", "config", "model"
bool parse_import_kind(const std::string& text, ImportKind& kind);
// JSON object with "layers" or "format" -> Model, other JSON -> Config, anything else -> Csv.
ImportKind detect_import_kind(const std::string& text);

// Reads a file's text as kind (Auto: detect) and applies it; on failure nothing changes. Shows the
// result in the app's message line (errors stay up longer) and returns it. name = the file name.
ImportResult files_import(AppState& app, ImportKind kind, const std::string& text,
                          const std::string& name);
// {"ok", "kind", "error", "field", "line", "column", "message"} for the JS API.
std::string import_result_json(const ImportResult& r);

// The session's config (src/io config_json, pretty, as examples/*.json are written).
std::string export_config_json(const AppState& app);
// The model with weights, exactly as `nnplay-cli train --save` writes it (src/io/model_json);
// steps count on from an imported model's.
std::string export_model_json(const AppState& app);
// step,epoch,train_loss,test_loss,train_accuracy,test_accuracy,learning_rate: one row per
// recorded history point (nan where a value does not exist, as nnplay-cli's --history).
std::string export_loss_csv(const AppState& app);
// The data as a dataset CSV, x1,x2,label,split (train rows, then test rows, each in the order the
// run trains on them; numbers in their shortest exact form), so importing it gives the same
// points and split and, for your own data, the same run bit for bit. Throws ConfigError("csv")
// for data without an input plane (ner_window).
std::string export_data_csv(const AppState& app);
// The boundary map as the screen colours it (palette, discretize, contour) with the shown points,
// size x size RGBA bytes, row 0 at the top (x2 = +6). Finishes the grid evaluation first so the
// picture matches the current weights. False (with *error) when there is no input plane.
bool export_boundary_rgba(AppState& app, int size, std::vector<std::uint8_t>& rgba,
                          std::string* error);

// The file name a download or save dialog proposes for an export.
const char* default_export_name(FileAction action);

// The top bar's "File" button and menu: Import…, Export config/model/data CSV/loss CSV/boundary
// PNG. A
// choice sets app.file_request; the platform opens the picker, the dialog or the download.
void draw_file_menu(AppState& app);

// 1-based line (and column) where the value at a JSON path ("config.network.hidden[1]",
// "layers[0].W[2][1]") starts in valid JSON text; the deepest existing prefix when the path
// itself does not exist (e.g. an unknown key names its own line); 0 if not even the first part.
int json_path_line(const std::string& text, const std::string& path, int* column = nullptr);

}  // namespace nn::app
