// The desktop's File menu: a small ImGui Open/Save dialog (path field, directory listing through
// std::filesystem, filter by extension; Debian offers no native file-dialog library we can rely
// on) and the file reading/writing behind the menu and the command-line flags. Desktop only: the
// web build uses the browser's file picker and downloads (web/files.js).
#pragma once
#include <string>
#include <vector>

#include "app_state.hpp"
#include "files.hpp"

namespace nn::app {

struct FileDialog {
  bool visible = false;
  bool opened = false;  // the ImGui popup was opened for the current request
  FileAction action = FileAction::None;
  std::string dir;        // the directory listed
  char name[1024] = {0};  // the path field (a name in dir, or a full path)
  int filter = 0;         // 0: the action's extensions, 1: all files
  struct Entry {
    std::string name;
    bool is_dir = false;
    unsigned long long bytes = 0;
  };
  std::vector<Entry> entries;
  std::string listing_error;
  std::string error;  // of the last Open/Save attempt (shown in the dialog)
  int selected = -1;
};

// The entries of dir: sub-directories first, then files whose extension is in exts (all files when
// exts is empty), each group sorted by name. Hidden (dot) entries are left out.
std::vector<FileDialog::Entry> list_directory(const std::string& dir,
                                              const std::vector<std::string>& exts,
                                              std::string* error);

// Opens the dialog for an action (starting in the current directory).
void file_dialog_open(FileDialog& d, FileAction action);
// Takes app.file_request and draws the dialog; call inside the ImGui frame after the UI.
void desktop_files_frame(AppState& app, FileDialog& d);

// The file operations themselves (the dialog and the command-line flags use them).
ImportResult import_file(AppState& app, ImportKind kind, const std::string& path);
bool export_file(AppState& app, FileAction action, const std::string& path, std::string* error);

}  // namespace nn::app
