// The platform layer, the one place that knows whether we run in a browser: window and GL
// context (GLFW), the ImGui backends, DPI scale, the main loop (a native loop or
// emscripten_set_main_loop, both calling frame()), the desktop command line and screenshots, and
// the plain C functions the web page calls (window.nnplay in web/nnplay-api.js).
// [SECTION] state   [SECTION] frame   [SECTION] desktop   [SECTION] web exports   [SECTION] main
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "api.hpp"
#include "app.hpp"
#include "files.hpp"
#include "gl_renderer.hpp"
#include "io/config_json.hpp"
#include "share.hpp"
#include "teach_ui.hpp"
#include "ui.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <emscripten/html5.h>
#else
#include <stb/stb_image_write.h>

#include "file_dialog.hpp"
#endif

namespace nn::app {

// [SECTION] state

struct Platform {
  GLFWwindow* window = nullptr;
  AppState app;
  Renderer renderer;
  float font_scale = 0;    // ui scale the fonts were built for
  float forced_scale = 0;  // --scale (0 = from the display)
  std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
  // Desktop screenshot mode.
  std::string screenshot_path;
  int frames_left = -1;
  int exit_code = 0;
  std::string api_out;  // keeps the last JSON answer alive for the JS side
#ifdef __EMSCRIPTEN__
  std::vector<unsigned char> png_rgba;  // the last boundary export (web/files.js reads it)
  // WebGL context loss (issue 8, web/boot.js): while lost, frames train and run the UI but draw
  // nothing; on restore every GL object is created again.
  bool gl_lost = false, gl_restored = false;
#else
  FileDialog dialog;  // the File menu's Open/Save dialog (file_dialog.cpp)
#endif
};

namespace {

Platform* g_platform =
    nullptr;  // the one instance: the emscripten loop and the JS exports reach it

double seconds_since_start(const Platform& p) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - p.t0).count();
}

#ifdef __EMSCRIPTEN__
// Module.setCanvasSize also tells emscripten's GLFW the new size (glfwSetWindowSize would ask
// for fullscreen when the size equals the screen's).
EM_JS(void, js_set_canvas_size, (int w, int h), { Module.setCanvasSize(w, h); });
EM_JS(void, js_ready, (), {
  if (Module.onNnplayReady) Module.onNnplayReady();
});
// File menu (issue 6): web/files.js opens the browser's picker or downloads the export.
EM_JS(void, js_file_request, (int action), {
  if (window.nnplayFiles) window.nnplayFiles.request(action);
});
// Share dialog (issue 6): emscripten's GLFW clipboard stays inside the page, so copies go to the
// system clipboard through the async Clipboard API (a textarea + execCommand fallback where it is
// refused, e.g. an iframe without allow="clipboard-write"); new tabs through window.open.
EM_JS(void, js_copy_text, (const char* text), {
  const t = UTF8ToString(text);
  const fallback = function() {
    const area = document.createElement('textarea');
    area.value = t;
    document.body.appendChild(area);
    area.select();
    try {
      document.execCommand('copy');
    } catch (e) {
      console.warn('nnplay: copy failed', e);
    }
    area.remove();
    const canvas = document.getElementById('canvas');
    if (canvas) canvas.focus();
  };
  if (navigator.clipboard && navigator.clipboard.writeText)
    navigator.clipboard.writeText(t).catch(fallback);
  else
    fallback();
});
EM_JS(void, js_open_url, (const char* url),
      { window.open(UTF8ToString(url), '_blank', 'noopener'); });
#endif

// The UI scale: the device pixel ratio in a browser; the monitor's content scale on the desktop
// (times window/framebuffer size, so a macOS-style point-sized window is not scaled twice).
float display_scale(Platform& p) {
  if (p.forced_scale > 0) return p.forced_scale;
#ifdef __EMSCRIPTEN__
  return static_cast<float>(std::max(1.0, emscripten_get_device_pixel_ratio()));
#else
  float sx = 1, sy = 1;
  glfwGetWindowContentScale(p.window, &sx, &sy);
  int ww = 0, wh = 0, fw = 0, fh = 0;
  glfwGetWindowSize(p.window, &ww, &wh);
  glfwGetFramebufferSize(p.window, &fw, &fh);
  const float ratio = fw > 0 ? static_cast<float>(ww) / static_cast<float>(fw) : 1.0f;
  return std::max(1.0f, sx * ratio);
#endif
}

// On the web the canvas fills the page (CSS); its drawing buffer follows CSS size × DPR.
void fit_canvas(Platform& p) {
#ifdef __EMSCRIPTEN__
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const double dpr = emscripten_get_device_pixel_ratio();
  const int w = std::max(1, static_cast<int>(std::lround(css_w * dpr)));
  const int h = std::max(1, static_cast<int>(std::lround(css_h * dpr)));
  int cw = 0, ch = 0;
  glfwGetWindowSize(p.window, &cw, &ch);
  if (cw != w || ch != h) js_set_canvas_size(w, h);
#else
  (void)p;
#endif
}

void rebuild_fonts_if_needed(Platform& p) {
  const float scale = display_scale(p);
  if (std::fabs(scale - p.font_scale) < 0.01f) return;
  ImGuiIO& io = ImGui::GetIO();
  if (p.font_scale > 0) ImGui_ImplOpenGL3_DestroyFontsTexture();
  io.Fonts->Clear();
  p.app.fonts = load_ui_fonts(std::round(14.0f * scale));
  apply_ui_style(scale);
  p.app.ui_scale = scale;
  if (p.font_scale > 0) ImGui_ImplOpenGL3_CreateFontsTexture();
  p.font_scale = scale;
}

bool write_screenshot(const std::string& path, int w, int h) {
#ifdef __EMSCRIPTEN__
  (void)path, (void)w, (void)h;
  return false;
#else
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
#endif
}

// [SECTION] frame

#ifdef __EMSCRIPTEN__
// A frame while the WebGL context is lost: training and the API go on (app_frame), nothing is
// drawn (every GL call would be ignored, and the textures would be handles of the lost context).
void frame_without_gl(Platform& p) {
  glfwPollEvents();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  app_frame(p.app, seconds_since_start(p));
  ImGui::Render();
}

// The context is back with none of its objects: ImGui's shader, buffers and font texture, and our
// renderer's shaders and textures are made again (the old handles are only forgotten).
void restore_gl(Platform& p) {
  // Shutdown + Init, not Destroy/CreateDeviceObjects: the backend also remembers the sizes of its
  // vertex and index buffers, and new buffers would never be allocated (glDrawElements then
  // fails with "insufficient buffer size"). The font texture is made in the next NewFrame.
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplOpenGL3_Init("#version 300 es");
  std::string error;
  if (!renderer_context_restored(p.renderer, p.app, &error))
    std::fprintf(stderr, "nnplay: after the WebGL context came back: %s\n", error.c_str());
}
#endif

void frame(Platform& p) {
#ifdef __EMSCRIPTEN__
  if (p.gl_restored) {
    p.gl_restored = p.gl_lost = false;
    restore_gl(p);
  }
  if (p.gl_lost) return frame_without_gl(p);
#endif
  glfwPollEvents();
  fit_canvas(p);
  rebuild_fonts_if_needed(p);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // Screenshots show the screen as it is, without hover effects of wherever the cursor sits.
  if (p.frames_left > 0) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui::NewFrame();
  // The screenshot shows a finished boundary even for a network too large to evaluate within a
  // few frames' budget (finished a frame early: the texture appears in the next draw list).
  if (p.frames_left == 1 || p.frames_left == 2)
    grid_finish(p.app.grid, *p.app.session, p.app.model_version, p.app.structure_version);
  app_frame(p.app, seconds_since_start(p));
  // File menu commands: the browser's picker/downloads, or the desktop's own dialog.
#ifdef __EMSCRIPTEN__
  if (p.app.file_request != FileAction::None) {
    js_file_request(static_cast<int>(p.app.file_request));
    p.app.file_request = FileAction::None;
  }
#else
  desktop_files_frame(p.app, p.dialog);
#endif
  ImGui::Render();

  const auto r0 = std::chrono::steady_clock::now();
  renderer_update(p.renderer, p.app);
  const double colour_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - r0).count();
  int fw = 0, fh = 0;
  glfwGetFramebufferSize(p.window, &fw, &fh);
  glViewport(0, 0, fw, fh);
  glClearColor(0.976f, 0.976f, 0.980f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  const double render_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - r0).count();
  PerfCounters& perf = p.app.perf;
  perf.render_ms = perf.render_ms <= 0 ? render_ms : 0.9 * perf.render_ms + 0.1 * render_ms;
  perf.colour_ms = perf.colour_ms <= 0 ? colour_ms : 0.9 * perf.colour_ms + 0.1 * colour_ms;

  if (p.frames_left > 0 && --p.frames_left == 0) {
    if (write_screenshot(p.screenshot_path, fw, fh)) {
      std::printf("nnplay: wrote %s (%dx%d; frame work %.1f ms: ui %.1f, render %.1f, grid %.1f)\n",
                  p.screenshot_path.c_str(), fw, fh, perf.frame_ms, perf.ui_ms, perf.render_ms,
                  perf.grid_ms);
    } else {
      std::fprintf(stderr, "nnplay: could not write %s\n", p.screenshot_path.c_str());
      p.exit_code = 1;
    }
    glfwSetWindowShouldClose(p.window, GLFW_TRUE);
  }
  glfwSwapBuffers(p.window);
#ifdef __EMSCRIPTEN__
  // Time to the first drawn frame (issue 7, scripts/bench --browser): performance.now() counts
  // from the navigation; the browser presents this frame when the callback returns.
  if (perf.first_frame_ms < 0) perf.first_frame_ms = emscripten_get_now();
#endif
}

#ifdef __EMSCRIPTEN__
void frame_callback(void* arg) { frame(*static_cast<Platform*>(arg)); }
#endif

// [SECTION] desktop

struct Options {
  std::string config_path;
  std::string screenshot;
  int frames = 30;
  int width = 1280, height = 720;
  int steps = 0;      // train this many steps before the first frame
  bool play = false;  // start playing
  float scale = 0;
  std::string lesson;    // open this lesson first (issue 5)
  int graph_steps = -1;  // computational graph: forward pass, then this many backward steps
  // Sharing (issue 6): the page's URL parts (boot.js passes them on the web; --hash and --query
  // also work on the desktop, e.g. to open a shared link's run).
  std::string page_url, query, hash, meta_origins;
  bool meta_given = false;
  // Import/export (issue 6, docs/files.md): imports apply after --config in this order, exports
  // are written after --steps; --headless does all that without a window and exits.
  std::string import_csv, import_model, import_any;
  std::string export_config, export_model, export_csv, export_png;
  bool headless = false;
  std::string file_dialog;  // open the File dialog at start: import, export-config, ...
  bool ok = true;
};

void usage() {
  std::printf(
      "nnplay: the Backprop Playground desktop app.\n"
      "  --config FILE        start from a JSON config (schema in docs/config.md)\n"
      "  --screenshot FILE    render --frames frames, write a PNG, exit\n"
      "  --frames N           frames before the screenshot (default 30)\n"
      "  --size WxH           window size (default 1280x720)\n"
      "  --steps N            train N steps before the first frame\n"
      "  --play               start training right away\n"
      "  --scale S            UI scale (default: the display's)\n"
      "  --lesson ID          open a lesson (ids: docs/lessons.md)\n"
      "  --graph-steps N      computational graph: run forward, then N backward steps\n"
      "  --hash H             a shared link's hash (v=1&ds=...: config and seed)\n"
      "  --query Q            embed parameters (?embed=1&views=boundary,loss&controls=minimal)\n"
      "  --import-csv FILE    train on the points of a CSV (x1,x2,label[,split])\n"
      "  --import-model FILE  load a model with weights (nnplay-cli's format); also --model\n"
      "  --import FILE        a CSV, config or model file (detected from its content)\n"
      "  --export-config F    after --steps: write the config (JSON)\n"
      "  --export-model F     after --steps: write the model with weights (JSON)\n"
      "  --export-csv F       after --steps: write the loss history (CSV)\n"
      "  --export-png F       after --steps: write the boundary image (PNG, 512x512)\n"
      "  --headless           no window: imports, --steps, exports, a JSON summary, exit\n"
      "  --file-dialog WHAT   open the File dialog at start (import, export-config,\n"
      "                       export-model, export-csv, export-png)\n");
}

Options parse_args(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "nnplay: %s needs a value\n", a.c_str());
        o.ok = false;
        return "";
      }
      return argv[++i];
    };
    if (a == "--config") {
      o.config_path = next();
    } else if (a == "--screenshot") {
      o.screenshot = next();
    } else if (a == "--frames") {
      o.frames = std::max(1, std::atoi(next().c_str()));
    } else if (a == "--size") {
      const std::string v = next();
      if (std::sscanf(v.c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 200 ||
          o.height < 150) {
        std::fprintf(stderr, "nnplay: --size expects WxH (at least 200x150), got %s\n", v.c_str());
        o.ok = false;
      }
    } else if (a == "--steps") {
      o.steps = std::max(0, std::atoi(next().c_str()));
    } else if (a == "--play") {
      o.play = true;
    } else if (a == "--lesson") {
      o.lesson = next();
    } else if (a == "--graph-steps") {
      o.graph_steps = std::max(0, std::atoi(next().c_str()));
    } else if (a == "--hash") {
      o.hash = next();
    } else if (a == "--query") {
      o.query = next();
    } else if (a == "--page") {
      o.page_url = next();
    } else if (a == "--meta-origins") {
      o.meta_origins = next();
      o.meta_given = true;
    } else if (a == "--import-csv") {
      o.import_csv = next();
    } else if (a == "--import-model" || a == "--model") {
      o.import_model = next();
    } else if (a == "--import") {
      o.import_any = next();
    } else if (a == "--export-config") {
      o.export_config = next();
    } else if (a == "--export-model") {
      o.export_model = next();
    } else if (a == "--export-csv") {
      o.export_csv = next();
    } else if (a == "--export-png") {
      o.export_png = next();
    } else if (a == "--headless") {
      o.headless = true;
    } else if (a == "--file-dialog") {
      o.file_dialog = next();
    } else if (a == "--scale") {
      o.scale = static_cast<float>(std::atof(next().c_str()));
    } else if (a == "--help" || a == "-h") {
      usage();
      std::exit(0);
    } else {
      std::fprintf(stderr, "nnplay: unknown argument %s (see --help)\n", a.c_str());
      o.ok = false;
    }
  }
  return o;
}

#ifndef __EMSCRIPTEN__
// --import-csv, --import-model, --import in that order (a model then trains on the CSV's points).
// A bad file stops the start with its message (file, line, problem) on stderr.
bool apply_imports(AppState& app, const Options& o) {
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

bool apply_exports(AppState& app, const Options& o) {
  const std::pair<FileAction, const std::string*> exports[] = {
      {FileAction::ExportConfig, &o.export_config},
      {FileAction::ExportModel, &o.export_model},
      {FileAction::ExportLossCsv, &o.export_csv},
      {FileAction::ExportBoundaryPng, &o.export_png}};
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

// --headless: the file flags and --steps without a window (scripts, CI); one JSON line on stdout.
int run_headless(AppState& app, const Config& cfg, const Options& o) {
  try {
    app_init(app, cfg);
  } catch (const ConfigError& e) {
    std::fprintf(stderr, "nnplay: %s\n", e.what());
    return 2;
  }
  if (!apply_imports(app, o)) return 2;
  if (o.steps > 0) app_step(app, o.steps);
  if (!apply_exports(app, o)) return 2;
  Session& s = *app.session;
  const auto finite = [](double v) { return std::isfinite(v) ? v : 0.0; };
  std::printf(
      "{\"steps\": %lld, \"train_loss\": %.17g, \"test_loss\": %.17g, \"user_data\": %s, "
      "\"points\": %lld}\n",
      app.step_base + s.steps(), finite(s.train_loss()), finite(s.test_loss()),
      app.user_mode ? "true" : "false",
      static_cast<long long>(s.raw().train.X.cols() + s.raw().test.X.cols()));
  return 0;
}
#endif

}  // namespace

// [SECTION] web exports

#ifdef __EMSCRIPTEN__
extern "C" {
EMSCRIPTEN_KEEPALIVE const char* nnplay_state() {
  g_platform->api_out = api_state_json(g_platform->app);
  return g_platform->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* nnplay_set_config(const char* json, int replace) {
  g_platform->api_out = api_set_config(g_platform->app, json ? json : "", replace != 0);
  return g_platform->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE int nnplay_step(int n) { return api_step(g_platform->app, n); }
EMSCRIPTEN_KEEPALIVE void nnplay_play() { api_play(g_platform->app); }
EMSCRIPTEN_KEEPALIVE void nnplay_pause() { api_pause(g_platform->app); }
EMSCRIPTEN_KEEPALIVE void nnplay_reset() { api_reset(g_platform->app); }
// web/boot.js: the canvas's webglcontextlost / webglcontextrestored events.
EMSCRIPTEN_KEEPALIVE void nnplay_gl_lost() { g_platform->gl_lost = true; }
EMSCRIPTEN_KEEPALIVE void nnplay_gl_restored() { g_platform->gl_restored = true; }
EMSCRIPTEN_KEEPALIVE const char* nnplay_lessons() {
  g_platform->api_out = api_lessons_json();
  return g_platform->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* nnplay_open_lesson(const char* id) {
  g_platform->api_out = api_open_lesson(g_platform->app, id ? id : "");
  return g_platform->api_out.c_str();
}
// Sharing (issue 6): the link hash of the running config ("" for user-drawn data), links and
// snippet, applying a hash (hashchange), embed mode and origins.
EMSCRIPTEN_KEEPALIVE const char* nnplay_link_hash() {
  g_platform->api_out = share_hash(g_platform->app);
  return g_platform->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* nnplay_get_link(const char* options) {
  g_platform->api_out = api_get_link(g_platform->app, options ? options : "");
  return g_platform->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* nnplay_apply_hash(const char* hash) {
  g_platform->api_out = api_apply_hash(g_platform->app, hash ? hash : "");
  return g_platform->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* nnplay_embed_info() {
  g_platform->api_out = share_info_json(g_platform->app);
  return g_platform->api_out.c_str();
}
}
#endif

#ifdef __EMSCRIPTEN__
// Import/export for web/files.js (issue 6). A file's text comes in as malloc'd bytes with a length
// (ccall's string arguments live on the stack, too small for a large file).
extern "C" {
EMSCRIPTEN_KEEPALIVE const char* nnplay_export_text(const char* kind) {
  const std::string k = kind ? kind : "";
  AppState& app = g_platform->app;
  g_platform->api_out = k == "config"  ? export_config_json(app)
                        : k == "model" ? export_model_json(app)
                        : k == "csv"   ? export_loss_csv(app)
                                       : std::string();
  return g_platform->api_out.c_str();
}
// {"ok": true, "ptr": address of size*size RGBA bytes, "size": size} or {"ok": false, "error"}.
EMSCRIPTEN_KEEPALIVE const char* nnplay_export_boundary(int size) {
  std::string error;
  Platform& p = *g_platform;
  const int px = std::clamp(size, 16, 4096);
  if (export_boundary_rgba(p.app, px, p.png_rgba, &error))
    p.api_out = "{\"ok\": true, \"ptr\": " +
                std::to_string(reinterpret_cast<std::uintptr_t>(p.png_rgba.data())) +
                ", \"size\": " + std::to_string(px) + "}";
  else
    p.api_out = "{\"ok\": false, \"error\": \"" + error + "\"}";
  return p.api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE void nnplay_notify(const char* text) {
  app_notify(g_platform->app, text ? text : "");
}
EMSCRIPTEN_KEEPALIVE const char* nnplay_import(const char* kind, const char* data, int length,
                                               const char* name) {
  ImportKind k = ImportKind::Auto;
  parse_import_kind(kind ? kind : "auto", k);
  const std::string text(data ? data : "",
                         data ? static_cast<std::size_t>(std::max(0, length)) : 0);
  g_platform->api_out =
      import_result_json(files_import(g_platform->app, k, text, name ? name : ""));
  return g_platform->api_out.c_str();
}
}
#endif

// [SECTION] main

int run(int argc, char** argv) {
  const Options opt = parse_args(argc, argv);
  if (!opt.ok) return 2;
  static Platform platform;  // lives for the whole program (the web main loop outlives run())
  Platform& p = platform;
  g_platform = &p;
  p.forced_scale = opt.scale;

  Config cfg;
  if (!opt.config_path.empty()) {
    std::ifstream in(opt.config_path);
    if (!in) {
      std::fprintf(stderr, "nnplay: cannot read %s\n", opt.config_path.c_str());
      return 2;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    try {
      cfg = parse_config_json(ss.str());
    } catch (const ConfigError& e) {
      std::fprintf(stderr, "nnplay: %s: %s\n", opt.config_path.c_str(), e.what());
      return 2;
    }
  }

#ifndef __EMSCRIPTEN__
  if (opt.headless) return run_headless(p.app, cfg, opt);
#endif
  if (!glfwInit()) {
    std::fprintf(stderr, "nnplay: glfwInit failed (no display? try xvfb-run)\n");
    return 1;
  }
  int width = opt.width, height = opt.height;
#ifdef __EMSCRIPTEN__
  {
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    const double dpr = emscripten_get_device_pixel_ratio();
    width = std::max(1, static_cast<int>(std::lround(css_w * dpr)));
    height = std::max(1, static_cast<int>(std::lround(css_h * dpr)));
  }
#else
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  if (!opt.screenshot.empty()) glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_FALSE);
#endif
  p.window = glfwCreateWindow(width, height, "Backprop Playground", nullptr, nullptr);
  if (!p.window) {
    std::fprintf(stderr, "nnplay: could not create a window with an OpenGL 3.3 / WebGL2 context\n");
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(p.window);
  glfwSwapInterval(opt.screenshot.empty() ? 1 : 0);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui_ImplGlfw_InitForOpenGL(p.window, true);
#ifdef __EMSCRIPTEN__
  ImGui_ImplOpenGL3_Init("#version 300 es");
#else
  ImGui_ImplOpenGL3_Init("#version 330 core");
#endif
  std::string error;
  if (!renderer_init(p.renderer, &error)) {
    std::fprintf(stderr, "nnplay: %s\n", error.c_str());
    return 1;
  }
  try {
    app_init(p.app, cfg);
  } catch (const ConfigError& e) {
    std::fprintf(stderr, "nnplay: %s\n", e.what());
    return 2;
  }
  if (!opt.lesson.empty() && !teach_open_lesson(p.app, opt.lesson, &error)) {
    std::fprintf(stderr, "nnplay: --lesson: %s\n", error.c_str());
    return 2;
  }
#ifdef __EMSCRIPTEN__
  p.app.share.copy_text = js_copy_text;
  p.app.share.open_url = js_open_url;
#endif
  // The page's query (embed mode, lesson) and hash (config + seed); bad parts become console
  // warnings and an in-app message, and only they fall back to defaults.
  for (const std::string& w :
       share_startup(p.app, opt.page_url, opt.query, opt.hash, opt.meta_given, opt.meta_origins))
    std::fprintf(stderr, "nnplay: %s\n", w.c_str());
#ifndef __EMSCRIPTEN__
  if (!apply_imports(p.app, opt)) return 2;
#endif
  if (opt.steps > 0) app_step(p.app, opt.steps);
#ifndef __EMSCRIPTEN__
  if (!apply_exports(p.app, opt)) return 2;
  if (!opt.file_dialog.empty()) {
    const std::pair<const char*, FileAction> names[] = {
        {"import", FileAction::Import},
        {"export-config", FileAction::ExportConfig},
        {"export-model", FileAction::ExportModel},
        {"export-csv", FileAction::ExportLossCsv},
        {"export-png", FileAction::ExportBoundaryPng}};
    for (const auto& [n, a] : names)
      if (opt.file_dialog == n) p.app.file_request = a;
    if (p.app.file_request == FileAction::None) {
      std::fprintf(stderr,
                   "nnplay: --file-dialog: unknown %s (import, export-config, "
                   "export-model, export-csv, export-png)\n",
                   opt.file_dialog.c_str());
      return 2;
    }
  }
#endif
  if (opt.graph_steps >= 0) {
    teach_open_view(p.app, View::Graph, true);
    teach_build_graph(p.app);
    GraphView& g = p.app.teach.graph;
    g.graph.forward();
    for (int k = 0; k < opt.graph_steps; ++k) g.graph.backward_step();
    g.selected = g.graph.last_node();
  }
  if (opt.play) p.app.playing = true;  // (autoplay=1 of an embed may have started it already)
  rebuild_fonts_if_needed(p);
  if (!opt.screenshot.empty()) {
    p.screenshot_path = opt.screenshot;
    p.frames_left = opt.frames;
  }

#ifdef __EMSCRIPTEN__
  js_ready();
  emscripten_set_main_loop_arg(frame_callback, &p, 0, 1);  // does not return
  return 0;
#else
  while (!glfwWindowShouldClose(p.window)) frame(p);
  renderer_shutdown(p.renderer);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(p.window);
  glfwTerminate();
  return p.exit_code;
#endif
}

}  // namespace nn::app

int main(int argc, char** argv) { return nn::app::run(argc, argv); }
