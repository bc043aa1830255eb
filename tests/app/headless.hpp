// One ImGui context without a renderer, for the app's headless tests (app-smoke, app-share):
// the display size is set and the font atlas built, so NewFrame/Render run every panel from
// AppState alone.
#pragma once
#include <imgui.h>

#include "app.hpp"
#include "ui.hpp"

namespace nn::app::testing {

struct Headless {
  explicit Headless(float w = 1280, float h = 720) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(w, h);
    io.DeltaTime = 1.0f / 60.0f;
    fonts = load_ui_fonts(14.0f);
    unsigned char* pixels = nullptr;
    int tw = 0, th = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);
    apply_ui_style(1.0f);
  }
  ~Headless() { ImGui::DestroyContext(); }
  Headless(const Headless&) = delete;
  Headless& operator=(const Headless&) = delete;

  // One frame of the app (panels + update). Textures are fake non-zero handles, so the image
  // code paths run too (nothing is drawn without a renderer).
  void frame(AppState& app) {
    app.fonts = fonts;
    app.tex.boundary = 1;
    app.tex.atlas = 2;
    t += 1.0 / 60.0;
    ImGui::NewFrame();
    app_frame(app, t);
    ImGui::Render();
    vertices = ImGui::GetDrawData()->TotalVtxCount;
  }
  void frames(AppState& app, int n) {
    for (int i = 0; i < n; ++i) frame(app);
  }

  UiFonts fonts;
  double t = 0;
  int vertices = 0;
};

}  // namespace nn::app::testing
