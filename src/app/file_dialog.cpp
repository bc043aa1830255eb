// The desktop Open/Save dialog and file I/O of the File menu (see file_dialog.hpp). The dialog
// is a modal ImGui popup: a path field, the directory's entries (directories first), an
// extension filter; double-click enters a directory or picks a file. PNGs go through
// stb_image_write, which the desktop build already links for screenshots.
#include "file_dialog.hpp"

#include <imgui.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "app.hpp"
#include "core/text.hpp"

namespace nn::app {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> action_extensions(FileAction a) {
  switch (a) {
    case FileAction::Import:
      return {".csv", ".json"};
    case FileAction::ExportConfig:
    case FileAction::ExportModel:
      return {".json"};
    case FileAction::ExportLossCsv:
    case FileAction::ExportDataCsv:
      return {".csv"};
    case FileAction::ExportBoundaryPng:
      return {".png"};
    case FileAction::None:
      break;
  }
  return {};
}

const char* action_title(FileAction a) {
  switch (a) {
    case FileAction::Import:
      return "Import a CSV, config or model";
    case FileAction::ExportConfig:
      return "Export config (JSON)";
    case FileAction::ExportModel:
      return "Export model with weights (JSON)";
    case FileAction::ExportLossCsv:
      return "Export loss history (CSV)";
    case FileAction::ExportBoundaryPng:
      return "Export boundary image (PNG)";
    case FileAction::ExportDataCsv:
      return "Export data (CSV)";
    case FileAction::None:
      break;
  }
  return "";
}

void refresh(FileDialog& d) {
  d.entries = list_directory(
      d.dir, d.filter == 0 ? action_extensions(d.action) : std::vector<std::string>{},
      &d.listing_error);
  d.selected = -1;
}

void enter(FileDialog& d, const fs::path& dir) {
  std::error_code ec;
  const fs::path canon = fs::weakly_canonical(dir, ec);
  d.dir = (ec ? dir : canon).string();
  refresh(d);
}

std::string size_text(unsigned long long bytes) {
  char buf[32];
  if (bytes < 1024)
    std::snprintf(buf, sizeof buf, "%llu B", bytes);
  else if (bytes < 1024ull * 1024)
    std::snprintf(buf, sizeof buf, "%.1f kB", static_cast<double>(bytes) / 1024.0);
  else
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1048576.0);
  return buf;
}

// Open/Save pressed: the path field resolved against the listed directory.
bool confirm(AppState& app, FileDialog& d) {
  std::string field = d.name;
  if (field.empty()) {
    d.error = d.action == FileAction::Import ? "choose a file" : "type a file name";
    return false;
  }
  fs::path p(field);
  if (p.is_relative()) p = fs::path(d.dir) / p;
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    enter(d, p);
    d.name[0] = 0;
    return false;
  }
  if (d.action == FileAction::Import) {
    const ImportResult r = import_file(app, ImportKind::Auto, p.string());
    if (!r.ok) {
      d.error = r.message;  // the banner shows it too, after the dialog closes
      return false;
    }
    return true;
  }
  // Save: add the action's extension when the name has none.
  if (!p.has_extension()) p += action_extensions(d.action).front();
  std::string error;
  if (!export_file(app, d.action, p.string(), &error)) {
    d.error = error;
    return false;
  }
  app_notify(app, "Saved " + p.string());
  return true;
}

}  // namespace

std::vector<FileDialog::Entry> list_directory(const std::string& dir,
                                              const std::vector<std::string>& exts,
                                              std::string* error) {
  std::vector<FileDialog::Entry> dirs, files;
  std::error_code ec;
  fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    if (error) *error = dir + ": " + ec.message();
    return {};
  }
  if (error) error->clear();
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    std::error_code e2;
    if (it->is_directory(e2)) {
      dirs.push_back({name, true, 0});
      continue;
    }
    const std::string ext = lower(it->path().extension().string());
    if (!exts.empty() && std::find(exts.begin(), exts.end(), ext) == exts.end()) continue;
    const auto bytes = it->is_regular_file(e2) ? it->file_size(e2) : 0;
    files.push_back({name, false, e2 ? 0ull : static_cast<unsigned long long>(bytes)});
  }
  const auto by_name = [](const FileDialog::Entry& a, const FileDialog::Entry& b) {
    return a.name < b.name;
  };
  std::sort(dirs.begin(), dirs.end(), by_name);
  std::sort(files.begin(), files.end(), by_name);
  dirs.insert(dirs.end(), files.begin(), files.end());
  return dirs;
}

void file_dialog_open(FileDialog& d, FileAction action) {
  d.visible = true;
  d.opened = false;
  d.action = action;
  d.error.clear();
  d.filter = 0;
  if (d.dir.empty()) {
    std::error_code ec;
    d.dir = fs::current_path(ec).string();
  }
  std::snprintf(d.name, sizeof d.name, "%s", default_export_name(action));
  refresh(d);
}

void desktop_files_frame(AppState& app, FileDialog& d) {
  if (app.file_request != FileAction::None) {
    file_dialog_open(d, app.file_request);
    app.file_request = FileAction::None;
  }
  if (!d.visible) return;
  const float s = app.ui_scale;
  const char* id = "File##nnplay_file_dialog";
  if (!d.opened) {
    ImGui::OpenPopup(id);
    d.opened = true;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(
      ImVec2(std::min(680 * s, vp->WorkSize.x - 20), std::min(460 * s, vp->WorkSize.y - 20)),
      ImGuiCond_Appearing);
  bool keep = true;
  if (!ImGui::BeginPopupModal(id, &keep, ImGuiWindowFlags_NoSavedSettings)) {
    d.visible = false;
    return;
  }
  const bool save = d.action != FileAction::Import;
  if (app.fonts.bold) ImGui::PushFont(app.fonts.bold);
  ImGui::TextUnformatted(action_title(d.action));
  if (app.fonts.bold) ImGui::PopFont();

  // Directory line: Up, the path.
  if (ImGui::Button("Up")) enter(d, fs::path(d.dir).parent_path());
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", d.dir.c_str());

  // Listing.
  const float footer = ImGui::GetFrameHeightWithSpacing() * 3.2f;
  ImGui::BeginChild("##listing", ImVec2(0, -footer), true);
  if (!d.listing_error.empty())
    ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.1f, 1), "%s", d.listing_error.c_str());
  bool pick = false;
  std::string go_into;
  for (int i = 0; i < static_cast<int>(d.entries.size()); ++i) {
    const FileDialog::Entry& e = d.entries[static_cast<std::size_t>(i)];
    const std::string label = e.is_dir ? e.name + "/" : e.name;
    ImGui::PushID(i);
    if (ImGui::Selectable(
            label.c_str(), d.selected == i,
            ImGuiSelectableFlags_AllowDoubleClick | ImGuiSelectableFlags_SpanAllColumns)) {
      d.selected = i;
      if (!e.is_dir) std::snprintf(d.name, sizeof d.name, "%s", e.name.c_str());
      if (ImGui::IsMouseDoubleClicked(0)) {
        if (e.is_dir)
          go_into = e.name;
        else
          pick = true;
      }
    }
    if (!e.is_dir) {
      const std::string sz = size_text(e.bytes);
      ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(sz.c_str()).x);
      ImGui::TextDisabled("%s", sz.c_str());
    }
    ImGui::PopID();
  }
  if (d.entries.empty() && d.listing_error.empty()) ImGui::TextDisabled("(no matching files)");
  ImGui::EndChild();
  if (!go_into.empty()) {
    enter(d, fs::path(d.dir) / go_into);
    d.name[0] = save ? d.name[0] : 0;
  }

  // Path field, filter, buttons.
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(save ? "Save as" : "File");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-170 * s);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  if (ImGui::InputText("##path", d.name, sizeof d.name, ImGuiInputTextFlags_EnterReturnsTrue))
    pick = true;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  std::string exts;
  for (const std::string& e : action_extensions(d.action)) exts += (exts.empty() ? "*" : ", *") + e;
  const char* filters[] = {exts.c_str(), "All files"};
  if (ImGui::Combo("##filter", &d.filter, filters, 2)) refresh(d);
  if (!d.error.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(0.70f, 0.10f, 0.10f, 1), "%s", d.error.c_str());
    ImGui::PopTextWrapPos();
  }
  if (ImGui::Button(save ? "Save" : "Open", ImVec2(90 * s, 0))) pick = true;
  ImGui::SameLine();
  if (ImGui::Button("Cancel", ImVec2(90 * s, 0)) ||
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
    keep = false;
  if (pick && confirm(app, d)) keep = false;
  if (!keep) {
    d.visible = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

ImportResult import_file(AppState& app, ImportKind kind, const std::string& path) {
  const std::string name = fs::path(path).filename().string();
  std::error_code ec;
  const auto bytes = fs::file_size(path, ec);
  std::ifstream in(path, std::ios::binary);
  if (!in || ec) {
    ImportResult r;
    r.field = "file";
    r.error = "cannot read " + path + (ec ? " (" + ec.message() + ")" : "");
    r.message = r.error;
    app_notify(app, r.message);
    return r;
  }
  if (bytes > kMaxImportBytes)  // refused by files_import without reading it all
    return files_import(app, kind, std::string(kMaxImportBytes + 1, ' '), name);
  std::stringstream ss;
  ss << in.rdbuf();
  return files_import(app, kind, ss.str(), name);
}

bool export_file(AppState& app, FileAction action, const std::string& path, std::string* error) {
  if (action == FileAction::ExportBoundaryPng) {
    constexpr int kSize = 512;
    std::vector<std::uint8_t> rgba;
    if (!export_boundary_rgba(app, kSize, rgba, error)) return false;
    if (!stbi_write_png(path.c_str(), kSize, kSize, 4, rgba.data(), kSize * 4)) {
      if (error) *error = "cannot write " + path;
      return false;
    }
    return true;
  }
  std::string text;
  switch (action) {
    case FileAction::ExportConfig:
      text = export_config_json(app);
      break;
    case FileAction::ExportModel:
      text = export_model_json(app);
      break;
    case FileAction::ExportLossCsv:
      text = export_loss_csv(app);
      break;
    case FileAction::ExportDataCsv:
      try {
        text = export_data_csv(app);
      } catch (const ConfigError& e) {
        if (error) *error = e.what();
        return false;
      }
      break;
    default:
      if (error) *error = "not an export";
      return false;
  }
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    if (error) *error = "cannot write " + path;
    return false;
  }
  return true;
}

}  // namespace nn::app
