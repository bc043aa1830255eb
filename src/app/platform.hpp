// The loop both platforms share: what a start applies (config, lesson, the page's link, steps),
// one frame of UI + work + drawing, and the fonts that follow the display scale. The desktop
// (platform_desktop.cpp: GLFW window, CLI11 flags, headless mode, screenshots) and the browser
// (platform_web.cpp: a WebGL2 context on the canvas, html5.h input, the page's C exports) each
// wrap it; nothing else in the app knows which one runs.
#pragma once
#include <chrono>
#include <string>

#include "app_state.hpp"
#include "gl_renderer.hpp"

namespace nn::app {

// What a start is asked to do (the desktop's flags; on the web, the page's URL parts).
struct StartOptions {
  std::string config_path;
  std::string lesson;    // open this lesson first
  int graph_steps = -1;  // computational graph: forward pass, then this many backward steps
  long long steps = 0;   // train this many steps before the first frame
  bool play = false;     // start playing
  // A shared link's parts: the page (for "Open full"), its query (embed parameters) and hash
  // (config + seed), and the host page's allowed postMessage origins.
  std::string page_url, query, hash, meta_origins;
  bool meta_given = false;
  bool reduced_motion = false;  // the page prefers reduced motion: no autoplay
};

struct Platform {
  AppState app;
  Renderer renderer;
  float font_scale = 0;    // ui scale the fonts were built for
  float forced_scale = 0;  // --scale (0 = from the display)
  std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
  int frames_left = -1;  // screenshot mode: frames until the picture is taken
};

double platform_seconds(const Platform& p);

// Reads --config (a JSON file) into cfg; false with a message naming the file on a bad one.
bool platform_read_config(const std::string& path, Config& cfg, std::string* error);

// After the GL context exists: ImGui, the renderer, the session for cfg, the lesson, the link's
// query and hash (their warnings are printed). Returns 0, or 2 for bad input (config, lesson) and
// 1 for a GL failure, with the message in *error.
int platform_start(Platform& p, const Config& cfg, const StartOptions& o, const char* glsl_version,
                   std::string* error);

// Builds the fonts again when the display scale changed (scale = device pixels per point).
void platform_fonts(Platform& p, float scale);

// One frame's UI and work, between the backend's NewFrame and ImGui::Render.
void platform_ui(Platform& p);
// Draws the frame (the boundary/thumbnail textures, then ImGui's draw data) into fb_w x fb_h.
void platform_draw(Platform& p, int fb_w, int fb_h);

}  // namespace nn::app
