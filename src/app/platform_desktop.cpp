// The desktop app: a GLFW window with an OpenGL 3.3 core context, the ImGui GLFW backend for
// input, the command line (CLI11), headless mode (imports, steps, exports without a window),
// screenshots, and the File dialog. The shared loop is platform.cpp.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb/stb_image_write.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "app.hpp"
#include "file_dialog.hpp"
#include "files.hpp"
#include "grid.hpp"
#include "platform.hpp"
#include "share.hpp"
#include "teach_ui.hpp"

namespace nn::app {
namespace {

struct DesktopOptions {
  StartOptions start;
  std::string screenshot;
  int frames = 30;
  std::string size = "1280x720";
  int width = 1280, height = 720;
  float scale = 0;
  // Import/export (docs/files.md): imports apply after --config in this order, exports are
  // written after --steps; --headless does all that without a window and exits.
  std::string import_csv, import_model, import_any;
  std::string export_config, export_model, export_csv, export_png, export_data;
  bool headless = false;
  std::string file_dialog;  // open the File dialog at start: import, export-config, ...
};

// Parses argv with CLI11. Returns -1 to go on, else the exit code (0 after --help).
int parse_args(int argc, char** argv, DesktopOptions& o) {
  CLI::App cli{"nnplay: the Backprop Playground desktop app.", "nnplay"};
  StartOptions& s = o.start;
  cli.add_option("--config", s.config_path, "start from a JSON config (schema in docs/config.md)");
  cli.add_option("--screenshot", o.screenshot, "render --frames frames, write a PNG, exit");
  cli.add_option("--frames", o.frames, "frames before the screenshot (default 30)")
      ->check(CLI::Range(1, 100000));
  cli.add_option("--size", o.size, "window size WxH (default 1280x720, at least 200x150)");
  cli.add_option("--steps", s.steps, "train N steps before the first frame")
      ->check(CLI::Range(0LL, 100000000LL));
  cli.add_flag("--play", s.play, "start training right away");
  cli.add_option("--scale", o.scale, "UI scale (default: the display's)")
      ->check(CLI::Range(0.5f, 4.0f));
  cli.add_option("--lesson", s.lesson, "open a lesson (ids: docs/lessons.md)");
  cli.add_option("--graph-steps", s.graph_steps,
                 "computational graph: run forward, then N backward steps")
      ->check(CLI::Range(0, 100000));
  cli.add_option("--hash", s.hash, "a shared link's hash (v=1&ds=...: config and seed)");
  cli.add_option("--query", s.query,
                 "embed parameters (?embed=1&views=boundary,loss&controls=minimal)");
  cli.add_option("--page", s.page_url, "the page's URL, for links (default: none)");
  cli.add_option("--meta-origins", s.meta_origins, "the host page's allowed origins")
      ->each([&s](const std::string&) { s.meta_given = true; });
  cli.add_option("--import-csv", o.import_csv,
                 "train on the points of a CSV (x1,x2,label[,split])");
  cli.add_option("--import-model,--model", o.import_model,
                 "load a model with weights (nnplay-cli's format)");
  cli.add_option("--import", o.import_any,
                 "a CSV, config or model file (detected from its content)");
  cli.add_option("--export-config", o.export_config, "after --steps: write the config (JSON)");
  cli.add_option("--export-model", o.export_model,
                 "after --steps: write the model with weights (JSON)");
  cli.add_option("--export-csv", o.export_csv, "after --steps: write the loss history (CSV)");
  cli.add_option("--export-data", o.export_data,
                 "after --steps: write the data with its split (CSV, x1,x2,label,split)");
  cli.add_option("--export-png", o.export_png,
                 "after --steps: write the boundary image (PNG, 512x512)");
  cli.add_flag("--headless", o.headless,
               "no window: imports, --hash, --steps, exports, a JSON summary, exit");
  cli.add_option("--file-dialog", o.file_dialog, "open the File dialog at start")
      ->check(CLI::IsMember(
          {"import", "export-config", "export-model", "export-csv", "export-png", "export-data"}));
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  if (std::sscanf(o.size.c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 200 ||
      o.height < 150 || o.width > 16384 || o.height > 16384) {
    std::fprintf(stderr, "nnplay: --size expects WxH (200x150 to 16384x16384), got %s\n",
                 o.size.c_str());
    return 2;
  }
  return -1;
}

// --import-csv, --import-model, --import in that order (a model then trains on the CSV's points).
// A bad file stops the start with its message (file, line, problem) on stderr.
bool apply_imports(AppState& app, const DesktopOptions& o) {
  const std::pair<ImportKind, const std::string*> imports[] = {{ImportKind::Csv, &o.import_csv},
                                                               {ImportKind::Model, &o.import_model},
                                                               {ImportKind::Auto, &o.import_any}};
  for (const auto& [kind, path] : imports) {
    if (path->empty()) continue;
    const ImportResult r = import_file(app, kind, *path);
    if (!r.ok) {
      std::fprintf(stderr, "nnplay: %s\n", r.message.c_str());
      return false;
    }
    std::printf("nnplay: %s\n", r.message.c_str());
  }
  return true;
}

bool apply_exports(AppState& app, const DesktopOptions& o) {
  const std::pair<FileAction, const std::string*> exports[] = {
      {FileAction::ExportConfig, &o.export_config},
      {FileAction::ExportModel, &o.export_model},
      {FileAction::ExportLossCsv, &o.export_csv},
      {FileAction::ExportBoundaryPng, &o.export_png},
      {FileAction::ExportDataCsv, &o.export_data}};
  for (const auto& [action, path] : exports) {
    if (path->empty()) continue;
    std::string error;
    if (!export_file(app, action, *path, &error)) {
      std::fprintf(stderr, "nnplay: %s: %s\n", path->c_str(), error.c_str());
      return false;
    }
    std::printf("nnplay: wrote %s\n", path->c_str());
  }
  return true;
}

void print_summary(AppState& app) {
  Session& s = *app.session;
  const auto finite = [](double v) { return std::isfinite(v) ? v : 0.0; };
  std::printf(
      "{\"steps\": %lld, \"train_loss\": %.17g, \"test_loss\": %.17g, \"user_data\": %s, "
      "\"points\": %lld}\n",
      app.step_base + s.steps(), finite(s.train_loss()), finite(s.test_loss()),
      app.user_mode ? "true" : "false",
      static_cast<long long>(s.raw().train.X.cols() + s.raw().test.X.cols()));
}

// --headless: the file flags, the link (--hash, --query) and --steps without a window (scripts,
// CI); one JSON line on stdout.
int run_headless(Platform& p, const Config& cfg, const DesktopOptions& o) {
  AppState& app = p.app;
  try {
    app_init(app, cfg);
  } catch (const ConfigError& e) {
    std::fprintf(stderr, "nnplay: %s\n", e.what());
    return 2;
  }
  std::string error;
  if (!o.start.lesson.empty() && !teach_open_lesson(app, o.start.lesson, &error)) {
    std::fprintf(stderr, "nnplay: --lesson: %s\n", error.c_str());
    return 2;
  }
  for (const std::string& w : share_startup(app, o.start.page_url, o.start.query, o.start.hash,
                                            o.start.meta_given, o.start.meta_origins))
    std::fprintf(stderr, "nnplay: %s\n", w.c_str());
  if (!apply_imports(app, o)) return 2;
  if (o.start.steps > 0)
    app_step(app, static_cast<int>(std::min<long long>(o.start.steps, 1 << 30)));
  if (!apply_exports(app, o)) return 2;
  print_summary(app);
  return 0;
}

bool write_screenshot(const std::string& path, int w, int h) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * h * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // GL rows start at the bottom; PNG rows at the top.
  std::vector<unsigned char> flipped(pixels.size());
  const std::size_t row = static_cast<std::size_t>(w) * 4;
  for (int y = 0; y < h; ++y)
    std::copy_n(&pixels[static_cast<std::size_t>(h - 1 - y) * row], row, &flipped[y * row]);
  for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;  // opaque
  return stbi_write_png(path.c_str(), w, h, 4, flipped.data(), static_cast<int>(row)) != 0;
}

// The monitor's content scale (times window/framebuffer size, so a macOS-style point-sized
// window is not scaled twice).
float display_scale(GLFWwindow* window) {
  float sx = 1, sy = 1;
  glfwGetWindowContentScale(window, &sx, &sy);
  int ww = 0, wh = 0, fw = 0, fh = 0;
  glfwGetWindowSize(window, &ww, &wh);
  glfwGetFramebufferSize(window, &fw, &fh);
  const float ratio = fw > 0 ? static_cast<float>(ww) / static_cast<float>(fw) : 1.0f;
  return std::max(1.0f, sx * ratio);
}

int run(int argc, char** argv) {
  DesktopOptions opt;
  if (const int code = parse_args(argc, argv, opt); code >= 0) return code;
  static Platform platform;  // lives for the whole program
  Platform& p = platform;
  p.forced_scale = opt.scale;

  Config cfg;
  std::string error;
  if (!opt.start.config_path.empty() && !platform_read_config(opt.start.config_path, cfg, &error)) {
    std::fprintf(stderr, "nnplay: %s\n", error.c_str());
    return 2;
  }
  if (opt.headless) return run_headless(p, cfg, opt);

  if (!glfwInit()) {
    std::fprintf(stderr, "nnplay: glfwInit failed (no display? try xvfb-run)\n");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, opt.screenshot.empty() ? GLFW_TRUE : GLFW_FALSE);
  GLFWwindow* window =
      glfwCreateWindow(opt.width, opt.height, "Backprop Playground", nullptr, nullptr);
  if (!window) {
    std::fprintf(stderr, "nnplay: could not create a window with an OpenGL 3.3 context\n");
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(opt.screenshot.empty() ? 1 : 0);

  if (const int code = platform_start(p, cfg, opt.start, "#version 330 core", &error)) {
    std::fprintf(stderr, "nnplay: %s\n", error.c_str());
    return code;
  }
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  if (!apply_imports(p.app, opt)) return 2;
  if (opt.start.steps > 0)
    app_step(p.app, static_cast<int>(std::min<long long>(opt.start.steps, 1 << 30)));
  if (!apply_exports(p.app, opt)) return 2;
  if (!opt.file_dialog.empty()) {
    const std::pair<const char*, FileAction> names[] = {
        {"import", FileAction::Import},
        {"export-config", FileAction::ExportConfig},
        {"export-model", FileAction::ExportModel},
        {"export-csv", FileAction::ExportLossCsv},
        {"export-png", FileAction::ExportBoundaryPng},
        {"export-data", FileAction::ExportDataCsv}};
    for (const auto& [n, a] : names)
      if (opt.file_dialog == n) p.app.file_request = a;
  }
  if (opt.start.graph_steps >= 0) {
    teach_open_view(p.app, View::Graph, true);
    teach_build_graph(p.app);
    GraphView& g = p.app.teach.graph;
    g.graph.forward();
    for (int k = 0; k < opt.start.graph_steps; ++k) g.graph.backward_step();
    g.selected = g.graph.last_node();
  }
  if (opt.start.play) p.app.playing = true;
  platform_fonts(p, display_scale(window));
  if (!opt.screenshot.empty()) p.frames_left = opt.frames;

  FileDialog dialog;  // the File menu's Open/Save dialog (file_dialog.cpp)
  int exit_code = 0;
  while (!glfwWindowShouldClose(window)) {
    glfwPollEvents();
    platform_fonts(p, display_scale(window));
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // Screenshots show the screen as it is, without hover effects of wherever the cursor sits.
    if (p.frames_left > 0) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    platform_ui(p);
    desktop_files_frame(p.app, dialog);
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(window, &fw, &fh);
    platform_draw(p, fw, fh);
    if (p.frames_left > 0 && --p.frames_left == 0) {
      const PerfCounters& perf = p.app.perf;
      if (write_screenshot(opt.screenshot, fw, fh)) {
        std::printf(
            "nnplay: wrote %s (%dx%d; frame work %.1f ms: ui %.1f, render %.1f, grid %.1f)\n",
            opt.screenshot.c_str(), fw, fh, perf.frame_ms, perf.ui_ms, perf.render_ms,
            perf.grid_ms);
      } else {
        std::fprintf(stderr, "nnplay: could not write %s\n", opt.screenshot.c_str());
        exit_code = 1;
      }
      glfwSetWindowShouldClose(window, GLFW_TRUE);
    }
    glfwSwapBuffers(window);
  }
  renderer_shutdown(p.renderer);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}

}  // namespace
}  // namespace nn::app

int main(int argc, char** argv) { return nn::app::run(argc, argv); }
