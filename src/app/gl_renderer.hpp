// GPU side of the pictures: uploads the grid's float buffers as textures and colours them with
// shaders/colormap.{vert,frag}.glsl into RGBA textures that ImGui draws (render-to-texture, so
// ImGui's own shader stays untouched). GL 3.3 core natively, WebGL2 / GLES 3.0 on the web.
#pragma once
#include <string>

#include "app_state.hpp"

namespace nn::app {

// One float picture and its coloured version.
struct GlPicture {
  unsigned src = 0, dst = 0, fbo = 0;
  int src_w = 0, src_h = 0, dst_w = 0, dst_h = 0;
  int version = -1;   // picture version last uploaded
  long long key = 0;  // hash of the colouring options last used
};

struct Renderer {
  unsigned program = 0, vao = 0;
  int u_values = -1, u_mode = -1, u_transform = -1, u_scale = -1, u_discretize = -1, u_contour = -1,
      u_opacity = -1, u_neg = -1, u_mid = -1, u_pos = -1, u_classes = -1, u_class_count = -1,
      u_line = -1;
  GlPicture boundary, atlas;
};

// Compiles the shaders (GLSL ES 3.00 or 330 core, as the build's GL dialect). False + message on
// failure.
bool renderer_init(Renderer& r, std::string* error);
// Uploads new pictures, recolours when the picture or the view options changed, and publishes
// the texture handles in app.tex. Call after app_frame() and before ImGui's draw data is drawn.
void renderer_update(Renderer& r, AppState& app);
void renderer_shutdown(Renderer& r);
// After a lost WebGL context came back: every handle of the old context is gone, so forget them
// (no deletes), mark the published textures stale and compile the shaders again; the next
// renderer_update uploads and colours the current pictures. The training state is untouched.
bool renderer_context_restored(Renderer& r, AppState& app, std::string* error);

}  // namespace nn::app
