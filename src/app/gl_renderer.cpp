// Render-to-texture colouring of the boundary map and the thumbnail atlas. The GL dialect comes
// from the build (NNPLAY_GLES for WebGL2), not from a platform check: platform.cpp stays the
// only place that knows about the browser.
#include "gl_renderer.hpp"

#if NNPLAY_GLES
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>
#endif

#include <algorithm>
#include <cstdint>

#include "colors.hpp"
#include "shaders.hpp"

namespace nn::app {

namespace {

#if NNPLAY_GLES
const char* const kVert = shaders::kColormapVertEs;
const char* const kFrag = shaders::kColormapFragEs;
#else
const char* const kVert = shaders::kColormapVertCore;
const char* const kFrag = shaders::kColormapFragCore;
#endif

GLuint compile(GLenum type, const char* src, std::string* error) {
  const GLuint sh = glCreateShader(type);
  glShaderSource(sh, 1, &src, nullptr);
  glCompileShader(sh);
  GLint ok = 0;
  glGetShaderiv(sh, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[2048] = {0};
    glGetShaderInfoLog(sh, sizeof log, nullptr, log);
    if (error)
      *error = std::string(type == GL_VERTEX_SHADER ? "vertex" : "fragment") + " shader: " + log;
    glDeleteShader(sh);
    return 0;
  }
  return sh;
}

// Options that change the colours of a picture (a change recolours without a new upload).
struct Colouring {
  MapMode mode = MapMode::Diverging;
  int transform = 0;
  float scale = 1;
  bool discretize = false, contour = false;
  int classes = 2;
  float opacity = 1;
  Palette palette = Palette::Playground;

  long long key() const {
    long long k = static_cast<long long>(mode);
    k = k * 7 + transform;
    k = k * 2 + (discretize ? 1 : 0);
    k = k * 2 + (contour ? 1 : 0);
    k = k * 9 + classes;
    k = k * 3 + static_cast<long long>(palette);
    k = k * 1000003 + static_cast<long long>(scale * 1000.0f);
    k = k * 101 + static_cast<long long>(opacity * 100.0f);
    return k;
  }
};

void upload(GlPicture& p, const float* data, int w, int h, bool two_channel, bool nearest) {
  if (p.src == 0) glGenTextures(1, &p.src);
  glBindTexture(GL_TEXTURE_2D, p.src);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  // Half floats are filterable everywhere (WebGL2 needs an extension to filter 32-bit floats).
  const GLint internal = two_channel ? GL_RG16F : GL_R16F;
  const GLenum format = two_channel ? GL_RG : GL_RED;
  if (p.src_w != w || p.src_h != h) {
    glTexImage2D(GL_TEXTURE_2D, 0, internal, w, h, 0, format, GL_FLOAT, data);
    p.src_w = w;
    p.src_h = h;
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, format, GL_FLOAT, data);
  }
  const GLint filter = nearest ? GL_NEAREST : GL_LINEAR;
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

// (Re)allocates the RGBA target; the texture name stays the same, so draw lists built before a
// resize never point at a deleted texture.
void ensure_target(GlPicture& p, int w, int h) {
  if (p.dst == 0) {
    glGenTextures(1, &p.dst);
    glGenFramebuffers(1, &p.fbo);
  }
  if (p.dst_w == w && p.dst_h == h) return;
  glBindTexture(GL_TEXTURE_2D, p.dst);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindFramebuffer(GL_FRAMEBUFFER, p.fbo);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, p.dst, 0);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  p.dst_w = w;
  p.dst_h = h;
  p.key = 0;  // force a recolour
}

void colour(const Renderer& r, const GlPicture& p, const Colouring& c) {
  const PaletteColors& pc = palette_colors(c.palette);
  glBindFramebuffer(GL_FRAMEBUFFER, p.fbo);
  glViewport(0, 0, p.dst_w, p.dst_h);
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
  glUseProgram(r.program);
  glBindVertexArray(r.vao);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, p.src);
  glUniform1i(r.u_values, 0);
  glUniform1i(r.u_mode, c.mode == MapMode::Classes ? 1 : 0);
  glUniform1i(r.u_transform, c.transform);
  glUniform1f(r.u_scale, c.scale);
  glUniform1i(r.u_discretize, c.discretize ? 1 : 0);
  glUniform1i(r.u_contour, c.contour ? 1 : 0);
  glUniform1f(r.u_opacity, c.opacity);
  glUniform3f(r.u_neg, pc.neg.r, pc.neg.g, pc.neg.b);
  glUniform3f(r.u_mid, pc.mid.r, pc.mid.g, pc.mid.b);
  glUniform3f(r.u_pos, pc.pos.r, pc.pos.g, pc.pos.b);
  // Binary maps keep the diverging end colours for classes 0 and 1.
  float classes[8 * 3];
  for (int k = 0; k < 8; ++k) {
    classes[3 * k + 0] = pc.classes[k].r;
    classes[3 * k + 1] = pc.classes[k].g;
    classes[3 * k + 2] = pc.classes[k].b;
  }
  glUniform3fv(r.u_classes, 8, classes);
  glUniform1i(r.u_class_count, c.classes);
  glUniform4f(r.u_line, 0.2f, 0.2f, 0.24f, 0.6f);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  glUseProgram(0);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

}  // namespace

bool renderer_init(Renderer& r, std::string* error) {
  const GLuint vs = compile(GL_VERTEX_SHADER, kVert, error);
  if (!vs) return false;
  const GLuint fs = compile(GL_FRAGMENT_SHADER, kFrag, error);
  if (!fs) {
    glDeleteShader(vs);
    return false;
  }
  r.program = glCreateProgram();
  glAttachShader(r.program, vs);
  glAttachShader(r.program, fs);
  glLinkProgram(r.program);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(r.program, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[2048] = {0};
    glGetProgramInfoLog(r.program, sizeof log, nullptr, log);
    if (error) *error = std::string("shader link: ") + log;
    return false;
  }
  r.u_values = glGetUniformLocation(r.program, "u_values");
  r.u_mode = glGetUniformLocation(r.program, "u_mode");
  r.u_transform = glGetUniformLocation(r.program, "u_transform");
  r.u_scale = glGetUniformLocation(r.program, "u_scale");
  r.u_discretize = glGetUniformLocation(r.program, "u_discretize");
  r.u_contour = glGetUniformLocation(r.program, "u_contour");
  r.u_opacity = glGetUniformLocation(r.program, "u_opacity");
  r.u_neg = glGetUniformLocation(r.program, "u_neg");
  r.u_mid = glGetUniformLocation(r.program, "u_mid");
  r.u_pos = glGetUniformLocation(r.program, "u_pos");
  r.u_classes = glGetUniformLocation(r.program, "u_classes");
  r.u_class_count = glGetUniformLocation(r.program, "u_class_count");
  r.u_line = glGetUniformLocation(r.program, "u_line");
  glGenVertexArrays(1, &r.vao);  // core profile: drawing needs a bound VAO, even an empty one
  return true;
}

void renderer_update(Renderer& r, AppState& app) {
  const GridState& g = app.grid;
  // Boundary map: the target follows the on-screen size, so the contour stays one pixel wide.
  const BoundaryPicture& b = g.boundary;
  if (b.version > 0 && b.res > 0 && !b.values.empty()) {
    if (r.boundary.version != b.version) {
      upload(r.boundary, b.values.data(), b.res, b.res, true, b.mode == MapMode::Classes);
      r.boundary.version = b.version;
      r.boundary.key = 0;
    }
    const int px = std::clamp(g.display_px, 64, 2048);
    ensure_target(r.boundary, px, px);
    Colouring c;
    c.mode = b.mode;
    c.transform = b.transform;
    c.scale = b.scale;
    c.discretize = app.view.discretize;
    c.contour = app.view.contour;
    c.classes = b.classes;
    c.opacity = 160.0f / 255.0f;  // TensorFlow Playground's heatmap alpha over white
    c.palette = app.view.palette;
    const long long key = c.key() + 1;
    if (r.boundary.key != key) {
      colour(r, r.boundary, c);
      r.boundary.key = key;
    }
    app.tex.boundary = r.boundary.dst;
    app.tex.boundary_version = b.version;
  }
  // Thumbnails: one atlas, coloured at twice its resolution for smooth edges.
  const Atlas& a = g.atlas;
  if (a.valid() && !a.values.empty()) {
    if (r.atlas.version != a.version) {
      upload(r.atlas, a.values.data(), a.width, a.height, false, false);
      r.atlas.version = a.version;
      r.atlas.key = 0;
    }
    ensure_target(r.atlas, a.width * 2, a.height * 2);
    Colouring c;
    c.opacity = 0.9f;
    c.palette = app.view.palette;
    const long long key = c.key() + 1;
    if (r.atlas.key != key) {
      colour(r, r.atlas, c);
      r.atlas.key = key;
    }
    app.tex.atlas = r.atlas.dst;
    app.tex.atlas_version = a.version;
  }
}

void renderer_shutdown(Renderer& r) {
  for (GlPicture* p : {&r.boundary, &r.atlas}) {
    if (p->src) glDeleteTextures(1, &p->src);
    if (p->dst) glDeleteTextures(1, &p->dst);
    if (p->fbo) glDeleteFramebuffers(1, &p->fbo);
    *p = GlPicture{};
  }
  if (r.vao) glDeleteVertexArrays(1, &r.vao);
  if (r.program) glDeleteProgram(r.program);
  r.vao = r.program = 0;
}

bool renderer_context_restored(Renderer& r, AppState& app, std::string* error) {
  r = Renderer{};        // versions -1: the pictures are uploaded and coloured again
  app.tex = Textures{};  // nothing drawn from a handle of the lost context
  return renderer_init(r, error);
}

}  // namespace nn::app
