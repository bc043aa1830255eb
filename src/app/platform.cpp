// The loop both platforms share (see platform.hpp): start, fonts, one frame of UI and drawing.
#include "platform.hpp"

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#if NNPLAY_GLES
#include <GLES3/gl3.h>
#else
#include <GL/gl.h>
#endif

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "app.hpp"
#include "grid.hpp"
#include "io/config_json.hpp"
#include "share.hpp"
#include "tab_order.hpp"
#include "teach_ui.hpp"
#include "ui.hpp"

namespace nn::app {

double platform_seconds(const Platform& p) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - p.t0).count();
}

bool platform_read_config(const std::string& path, Config& cfg, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read " + path;
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    cfg = parse_config_json(ss.str());
  } catch (const ConfigError& e) {
    *error = path + ": " + e.what();
    return false;
  }
  return true;
}

int platform_start(Platform& p, const Config& cfg, const StartOptions& o, const char* glsl_version,
                   std::string* error) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  // Keyboard navigation: arrows move between widgets, Space/Enter activate, Escape cancels;
  // Tab walks every widget of the screen (tab_order.cpp).
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  tab_order_install();
  ImGui_ImplOpenGL3_Init(glsl_version);
  if (!renderer_init(p.renderer, error)) return 1;
  try {
    app_init(p.app, cfg);
  } catch (const ConfigError& e) {
    *error = e.what();
    return 2;
  }
  if (!o.lesson.empty() && !teach_open_lesson(p.app, o.lesson, error)) {
    *error = "--lesson: " + *error;
    return 2;
  }
  // The page's query (embed mode, lesson) and hash (config + seed); bad parts become console
  // warnings and an in-app message, and only they fall back to defaults.
  for (const std::string& w :
       share_startup(p.app, o.page_url, o.query, o.hash, o.meta_given, o.meta_origins))
    std::fprintf(stderr, "nnplay: %s\n", w.c_str());
  if (o.reduced_motion) {
    // Nothing moves by itself: an embed's autoplay waits for Play.
    p.app.access.reduced_motion = true;
    p.app.playing = false;
  }
  return 0;
}

void platform_fonts(Platform& p, float scale) {
  if (p.forced_scale > 0) scale = p.forced_scale;
  if (std::fabs(scale - p.font_scale) < 0.01f) return;
  ImGuiIO& io = ImGui::GetIO();
  if (p.font_scale > 0) ImGui_ImplOpenGL3_DestroyFontsTexture();
  io.Fonts->Clear();
  p.app.fonts = load_ui_fonts(std::round(14.0f * scale));
  apply_ui_style(scale, p.app.access.coarse_pointer);
  p.app.ui_scale = scale;
  if (p.font_scale > 0) ImGui_ImplOpenGL3_CreateFontsTexture();
  p.font_scale = scale;
}

void platform_ui(Platform& p) {
  tab_order_new_frame();
  ImGui::NewFrame();
  // The screenshot shows a finished boundary even for a network too large to evaluate within a
  // few frames' budget (finished a frame early: the texture appears in the next draw list).
  if (p.frames_left == 1 || p.frames_left == 2)
    grid_finish(p.app.grid, *p.app.session, p.app.model_version, p.app.structure_version);
  app_frame(p.app, platform_seconds(p));
}

void platform_draw(Platform& p, int fb_w, int fb_h) {
  ImGui::Render();
  const auto r0 = std::chrono::steady_clock::now();
  renderer_update(p.renderer, p.app);
  const double colour_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - r0).count();
  glViewport(0, 0, fb_w, fb_h);
  glClearColor(0.976f, 0.976f, 0.980f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  const double render_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - r0).count();
  PerfCounters& perf = p.app.perf;
  perf.render_ms = perf.render_ms <= 0 ? render_ms : 0.9 * perf.render_ms + 0.1 * render_ms;
  perf.colour_ms = perf.colour_ms <= 0 ? colour_ms : 0.9 * perf.colour_ms + 0.1 * colour_ms;
}

}  // namespace nn::app
