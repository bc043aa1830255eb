// The browser: a WebGL2 context on the page's canvas (no GLFW: emscripten's GLFW layer passes raw
// wheel deltas, ignores touch positions and listens for keys on the whole window), input from
// html5.h callbacks on the canvas into ImGui (input.cpp: one transition per frame, touch
// gestures, the browser's wheel units), keys only while the canvas has the focus, Tab through
// every widget and out of the canvas at the ends (tab_order.cpp), the C functions the page calls
// (window.nnplay in web/nnplay-api.js), and WebGL context loss. The page's own JavaScript lives in
// web/ (page.js is what the app calls: clipboard, new tabs, files, the cursor, announcements).
#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api.hpp"
#include "app.hpp"
#include "core/config.hpp"
#include "files.hpp"
#include "input.hpp"
#include "persist.hpp"
#include "platform.hpp"
#include "share.hpp"
#include "tab_order.hpp"
#include "teach_ui.hpp"

namespace nn::app {
namespace {

struct WebPlatform {
  Platform base;
  WebInput input;
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
  int canvas_w = 0, canvas_h = 0;       // drawing buffer, device pixels
  std::string api_out;                  // keeps the last JSON answer alive for the JS side
  std::string clipboard;                // ImGui's clipboard (copies also go to the system's)
  std::vector<unsigned char> png_rgba;  // the last boundary export (web/files.js reads it)
  // WebGL context loss (web/boot.js): while lost, frames train and run the UI but draw nothing;
  // on restore every GL object is created again.
  bool gl_lost = false, gl_restored = false;
  int cursor = -2;  // the CSS cursor last set (ImGuiMouseCursor)
  bool buttons_down = false;
  double last_frame = 0;  // seconds, for ImGui's DeltaTime
  // Render on demand: a frame runs only while something changes (input, training, a call from
  // the page, a picture in the making) and for a second after, so hover effects and tooltips
  // settle; a paused, untouched app costs nothing. Off screen (scrolled away, a hidden tab)
  // nothing trains or draws.
  double awake_until = 2.0;  // seconds (emscripten_get_now / 1000)
  bool visible = true;
  bool loop_paused = false;
  long long rafs = 0;  // animation frames seen (reduced motion draws every third while playing)
};

WebPlatform* g_web = nullptr;  // the one instance: html5.h callbacks and the exports reach it

void wake();

// The one bridge to the page's JavaScript: window.nnplayPage[name](arg) (web/page.js).
EM_JS(void, js_page_call, (const char* name, const char* arg), {
  const page = window.nnplayPage;
  const f = page && page[UTF8ToString(name)];
  if (f) f(UTF8ToString(arg));
});
// The canvas's position in the page, to turn window-level mouse events into canvas coordinates.
EM_JS(void, js_canvas_origin, (double* xy), {
  const r = Module.canvas.getBoundingClientRect();
  HEAPF64[xy >> 3] = r.left;
  HEAPF64[(xy >> 3) + 1] = r.top;
});
EM_JS(int, js_pointer_coarse, (),
      { return window.matchMedia && window.matchMedia('(pointer: coarse)').matches ? 1 : 0; });

void page(const char* name, const std::string& arg = std::string()) {
  js_page_call(name, arg.c_str());
}

// [SECTION] input

int mods_of(bool ctrl, bool shift, bool alt, bool meta) {
  return (ctrl ? kModCtrl : 0) | (shift ? kModShift : 0) | (alt ? kModAlt : 0) |
         (meta ? kModSuper : 0);
}

void canvas_xy(const EmscriptenMouseEvent* e, double* x, double* y) {
  double origin[2] = {0, 0};
  js_canvas_origin(origin);
  *x = static_cast<double>(e->clientX) - origin[0];
  *y = static_cast<double>(e->clientY) - origin[1];
}

int dom_button(unsigned short b) { return b == 0 ? 0 : b == 2 ? 1 : b == 1 ? 2 : -1; }

EM_BOOL on_mouse_down(int, const EmscriptenMouseEvent* e, void*) {
  wake();
  double x, y;
  canvas_xy(e, &x, &y);
  input_mouse_button(g_web->input, dom_button(e->button), true, x, y);
  g_web->buttons_down = true;
  // Not prevented: the browser gives the canvas the keyboard focus (a click focuses, nothing
  // else does). The middle button's autoscroll is prevented.
  return e->button == 1;
}

EM_BOOL on_mouse_up(int, const EmscriptenMouseEvent* e, void*) {
  wake();
  double x, y;
  canvas_xy(e, &x, &y);
  if (g_web->buttons_down) input_mouse_button(g_web->input, dom_button(e->button), false, x, y);
  g_web->buttons_down = e->buttons != 0;
  return false;
}

EM_BOOL on_mouse_move(int, const EmscriptenMouseEvent* e, void*) {
  double x, y;
  canvas_xy(e, &x, &y);
  // Moves over the page outside the canvas matter only while a button is held (a drag).
  if (g_web->buttons_down || (x >= 0 && y >= 0 && x * g_web->input.scale < g_web->canvas_w &&
                              y * g_web->input.scale < g_web->canvas_h))
    wake();
  input_mouse_move(g_web->input, x, y);
  return false;
}

EM_BOOL on_mouse_leave(int, const EmscriptenMouseEvent*, void*) {
  wake();
  if (!g_web->buttons_down) input_mouse_leave(g_web->input);
  return false;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
  wake();
  const auto mode = static_cast<WheelMode>(std::min<unsigned long>(e->deltaMode, 2));
  const float ux = wheel_units(e->deltaX, mode), uy = wheel_units(e->deltaY, mode);
  double x, y;
  canvas_xy(&e->mouse, &x, &y);
  input_mouse_move(g_web->input, x, y);
  if (!input_wheel_wanted(ux, uy)) return false;  // the page scrolls instead
  input_wheel(g_web->input, e->deltaX, e->deltaY, mode);
  return true;
}

EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*) {
  wake();
  WebInput& in = g_web->input;
  const double now = emscripten_get_now() / 1000.0;
  for (int i = 0; i < e->numTouches; ++i) {
    const EmscriptenTouchPoint& t = e->touches[i];
    if (!t.isChanged) continue;
    const double x = static_cast<double>(t.targetX), y = static_cast<double>(t.targetY);
    switch (type) {
      case EMSCRIPTEN_EVENT_TOUCHSTART:
        input_touch_start(in, static_cast<int>(t.identifier), x, y, now);
        break;
      case EMSCRIPTEN_EVENT_TOUCHMOVE:
        input_touch_move(in, static_cast<int>(t.identifier), x, y, now);
        break;
      case EMSCRIPTEN_EVENT_TOUCHEND:
      case EMSCRIPTEN_EVENT_TOUCHCANCEL:
        input_touch_end(in, static_cast<int>(t.identifier), x, y,
                        type == EMSCRIPTEN_EVENT_TOUCHCANCEL);
        break;
      default:
        break;
    }
  }
  // Prevented: no emulated mouse events after a touch, no page scroll or zoom over the app (the
  // app scrolls its panels itself). A tap still focuses the canvas (page.js).
  if (type == EMSCRIPTEN_EVENT_TOUCHSTART) page("focusCanvas");
  return true;
}

// A single printable character of a KeyboardEvent.key ("a", "?", "ä"), not a named key.
bool printable_key(const char* key) {
  const auto* k = reinterpret_cast<const unsigned char*>(key);
  if (!k[0] || k[0] < 0x20 || k[0] == 0x7f) return false;
  const std::size_t len = std::strlen(key);
  const std::size_t char_len = k[0] < 0x80 ? 1 : k[0] < 0xE0 ? 2 : k[0] < 0xF0 ? 3 : 4;
  return len == char_len;
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void*) {
  wake();
  WebInput& in = g_web->input;
  const int mods = mods_of(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
  const int code = web_key(e->key);
  const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
  if (code == kKeyTab) {
    if (!down) return false;
    if (mods & (kModCtrl | kModAlt | kModSuper)) return false;
    const bool in_popup = !ImGui::GetCurrentContext()->OpenPopupStack.empty();
    const bool taken = tab_order_step((mods & kModShift) != 0);
    if (in_popup) {  // ImGui's own tabbing inside a list or popup
      input_key(in, kKeyTab, true, mods);
      input_key(in, kKeyTab, false, mods);
    }
    return taken;  // false: the browser moves the focus out of the canvas
  }
  const bool printable = printable_key(e->key) && !(mods & (kModCtrl | kModSuper));
  input_key(in, code, down, mods);
  if (!down) return false;
  const bool consumed = input_key_consumed(ImGui::GetIO(), code, mods, printable);
  if (printable && consumed) input_text(in, e->key);
  return consumed;
}

EM_BOOL on_focus(int type, const EmscriptenFocusEvent*, void*) {
  wake();
  if (type == EMSCRIPTEN_EVENT_BLUR) {
    input_blur(g_web->input);
    tab_order_clear_focus();
  } else {
    g_web->input.focused = true;
  }
  return false;
}

void install_input() {
  const char* canvas = "#canvas";
  emscripten_set_mousedown_callback(canvas, nullptr, true, on_mouse_down);
  emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, on_mouse_up);
  emscripten_set_mousemove_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, on_mouse_move);
  emscripten_set_mouseleave_callback(canvas, nullptr, true, on_mouse_leave);
  emscripten_set_wheel_callback(canvas, nullptr, false, on_wheel);
  emscripten_set_touchstart_callback(canvas, nullptr, false, on_touch);
  emscripten_set_touchmove_callback(canvas, nullptr, false, on_touch);
  emscripten_set_touchend_callback(canvas, nullptr, false, on_touch);
  emscripten_set_touchcancel_callback(canvas, nullptr, false, on_touch);
  // Keys only reach the canvas while it has the focus: the page keeps Space, PageDown and Tab.
  emscripten_set_keydown_callback(canvas, nullptr, false, on_key);
  emscripten_set_keyup_callback(canvas, nullptr, false, on_key);
  emscripten_set_focus_callback(canvas, nullptr, false, on_focus);
  emscripten_set_blur_callback(canvas, nullptr, false, on_focus);
}

const char* get_clipboard(void*) { return g_web->clipboard.c_str(); }
void set_clipboard(void*, const char* text) {
  g_web->clipboard = text ? text : "";
  page("copyText", g_web->clipboard);
}

// [SECTION] frame

// The canvas fills its box (CSS); its drawing buffer follows the CSS size times the pixel ratio.
void fit_canvas(WebPlatform& w) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const double dpr = emscripten_get_device_pixel_ratio();
  const int cw = std::max(1, static_cast<int>(std::lround(css_w * dpr)));
  const int ch = std::max(1, static_cast<int>(std::lround(css_h * dpr)));
  if (cw != w.canvas_w || ch != w.canvas_h) {
    emscripten_set_canvas_element_size("#canvas", cw, ch);
    w.canvas_w = cw;
    w.canvas_h = ch;
  }
  w.input.scale = static_cast<float>(dpr);
}

void new_frame(WebPlatform& w, double now, double* last) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(w.canvas_w), static_cast<float>(w.canvas_h));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  io.DeltaTime = *last > 0 ? static_cast<float>(std::max(1e-4, now - *last)) : 1.0f / 60.0f;
  *last = now;
  input_touch_tick(w.input, now);
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  input_apply(w.input, io, g.ActiveId != 0);
}

void update_cursor(WebPlatform& w) {
  const int c = ImGui::GetMouseCursor();
  if (c == w.cursor) return;
  w.cursor = c;
  const char* css = "default";
  switch (c) {
    case ImGuiMouseCursor_TextInput:
      css = "text";
      break;
    case ImGuiMouseCursor_Hand:
      css = "pointer";
      break;
    case ImGuiMouseCursor_ResizeEW:
      css = "ew-resize";
      break;
    case ImGuiMouseCursor_ResizeNS:
      css = "ns-resize";
      break;
    case ImGuiMouseCursor_NotAllowed:
      css = "not-allowed";
      break;
    default:
      break;
  }
  page("setCursor", css);
}

constexpr double kAwakeSeconds = 1.0;  // frames go on this long after the last change

double now_seconds() { return emscripten_get_now() / 1000.0; }
// Something changed (input, a call from the page): frames run for a while. An idle app pauses
// emscripten's main loop altogether (no requestAnimationFrame at all), and this resumes it.
void wake() {
  g_web->awake_until = std::max(g_web->awake_until, now_seconds() + kAwakeSeconds);
  if (g_web->loop_paused) {
    g_web->loop_paused = false;
    emscripten_resume_main_loop();
  }
}

// Whether this animation frame has work: input, training, pending steps, a boundary picture or
// thumbnails not yet computed for the current weights, a notice that is still shown, a resize.
bool frame_needed(WebPlatform& w) {
  const AppState& app = w.base.app;
  ++w.rafs;
  // Off screen the first frame still runs, so the layout (and ?autoheight's content height) is
  // known before the embed is scrolled into view.
  if (!w.visible && app.frame_index > 0) return false;
  if (!w.input.queue.empty() || w.input.touch_id >= 0 || w.gl_restored) wake();
  if (app.playing) {
    // prefers-reduced-motion: the picture changes at a third of the rate.
    return !app.access.reduced_motion || w.rafs % 3 == 0;
  }
  if (app.pending_steps > 0 || app.pending_reset) return true;
  if (app.grid.available && (app.grid.shown_model_version != app.model_version ||
                             app.grid.shown_structure_version != app.structure_version))
    return true;
  if (!app.message.empty() && app.now < app.message_until) return true;
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const double dpr = emscripten_get_device_pixel_ratio();
  if (std::lround(css_w * dpr) != w.canvas_w || std::lround(css_h * dpr) != w.canvas_h) wake();
  return now_seconds() < w.awake_until;
}

void frame(WebPlatform& w) {
  if (!frame_needed(w)) {
    w.loop_paused = true;
    emscripten_pause_main_loop();
    return;
  }
  Platform& p = w.base;
  if (w.gl_restored) {
    w.gl_restored = w.gl_lost = false;
    // Shutdown + Init, not Destroy/CreateDeviceObjects: the backend also remembers the sizes of
    // its vertex and index buffers, and new buffers would never be allocated. The font texture
    // is made in the next NewFrame; our renderer's shaders and textures are made again.
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplOpenGL3_Init("#version 300 es");
    std::string error;
    if (!renderer_context_restored(p.renderer, p.app, &error))
      std::fprintf(stderr, "nnplay: after the WebGL context came back: %s\n", error.c_str());
  }
  fit_canvas(w);
  platform_fonts(p, static_cast<float>(std::max(1.0, emscripten_get_device_pixel_ratio())));
  if (!w.gl_lost) ImGui_ImplOpenGL3_NewFrame();
  new_frame(w, emscripten_get_now() / 1000.0, &w.last_frame);
  platform_ui(p);
  if (p.app.file_request != FileAction::None) {
    page("fileRequest", std::to_string(static_cast<int>(p.app.file_request)));
    p.app.file_request = FileAction::None;
  }
  update_cursor(w);
  if (w.gl_lost) {
    // Every GL call would be ignored, and the textures would be handles of the lost context.
    ImGui::Render();
    return;
  }
  platform_draw(p, w.canvas_w, w.canvas_h);
  // Time to the first drawn frame (scripts/bench --browser): performance.now() counts from the
  // navigation; the browser presents this frame when the callback returns.
  if (p.app.perf.first_frame_ms < 0) p.app.perf.first_frame_ms = emscripten_get_now();
}

void frame_callback(void* arg) { frame(*static_cast<WebPlatform*>(arg)); }

// The page passes its URL parts as argument pairs (web/boot.js).
StartOptions parse_page_args(int argc, char** argv) {
  StartOptions o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--page") o.page_url = value;
    if (key == "--query") o.query = value;
    if (key == "--hash") o.hash = value;
    if (key == "--reduced-motion") o.reduced_motion = value == "1";
    if (key == "--meta-origins") {
      o.meta_origins = value;
      o.meta_given = true;
    }
  }
  return o;
}

void copy_text(const char* text) { js_page_call("copyText", text); }
void open_url(const char* url) { js_page_call("openUrl", url); }
void preview(const char* url, int w, int h) {
  const nlohmann::json arg = {{"url", url}, {"width", w}, {"height", h}};
  js_page_call("preview", arg.dump().c_str());
}

}  // namespace
}  // namespace nn::app

// [SECTION] exports for web/nnplay-api.js and web/files.js

using nn::app::g_web;

extern "C" {
EMSCRIPTEN_KEEPALIVE const char* nnplay_state() {
  g_web->api_out = nn::app::api_state_json(g_web->base.app);
  return g_web->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* nnplay_status() {
  g_web->api_out = nn::app::api_status_json(g_web->base.app);
  return g_web->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* nnplay_set_config(const char* json, int replace) {
  nn::app::wake();
  g_web->api_out = nn::app::api_set_config(g_web->base.app, json ? json : "", replace != 0);
  return g_web->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE int nnplay_step(int n) {
  nn::app::wake();
  return nn::app::api_step(g_web->base.app, n);
}
EMSCRIPTEN_KEEPALIVE void nnplay_play() {
  nn::app::wake();
  nn::app::api_play(g_web->base.app);
}
EMSCRIPTEN_KEEPALIVE void nnplay_pause() {
  nn::app::wake();
  nn::app::api_pause(g_web->base.app);
}
EMSCRIPTEN_KEEPALIVE void nnplay_reset() {
  nn::app::wake();
  nn::app::api_reset(g_web->base.app);
}
// Frames run so far: a cheap check for pollers (web/a11y.js) whether anything can have changed.
EMSCRIPTEN_KEEPALIVE int nnplay_frame() { return g_web->base.app.frame_index; }
// The height (CSS px) the embed's layout wants at its current width, as of the last frame
// (ui.cpp; 0 outside embed mode): ?autoheight=1 posts it to the parent (web/nnplay-api.js).
EMSCRIPTEN_KEEPALIVE int nnplay_content_height() {
  return static_cast<int>(g_web->base.app.share.content_height);
}
// web/page.js: the canvas scrolled into or out of view, or the tab was shown or hidden.
EMSCRIPTEN_KEEPALIVE void nnplay_visible(int visible) {
  g_web->visible = visible != 0;
  if (g_web->visible) nn::app::wake();
}
// web/boot.js: the canvas's webglcontextlost / webglcontextrestored events.
EMSCRIPTEN_KEEPALIVE void nnplay_gl_lost() { g_web->gl_lost = true; }
EMSCRIPTEN_KEEPALIVE void nnplay_gl_restored() {
  g_web->gl_restored = true;
  nn::app::wake();
}
// Check your own work (api.hpp api_check_answer) and the hand-checkable example.
EMSCRIPTEN_KEEPALIVE const char* nnplay_check_answer(const char* question) {
  nn::app::wake();
  g_web->api_out = nn::app::api_check_answer(g_web->base.app, question ? question : "");
  return g_web->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* nnplay_open_exercise(const char* id) {
  nn::app::wake();
  g_web->api_out = nn::app::api_open_exercise(g_web->base.app, id ? id : "");
  return g_web->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* nnplay_step_through(const char* action) {
  nn::app::wake();
  g_web->api_out = nn::app::api_step_through(g_web->base.app, action ? action : "");
  return g_web->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* nnplay_load_hand_example() {
  nn::app::wake();
  g_web->api_out = nn::app::api_load_hand_example(g_web->base.app);
  return g_web->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* nnplay_lessons() {
  g_web->api_out = nn::app::api_lessons_json();
  return g_web->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* nnplay_open_lesson(const char* id) {
  nn::app::wake();
  g_web->api_out = nn::app::api_open_lesson(g_web->base.app, id ? id : "");
  return g_web->api_out.c_str();
}
// Sharing: the link hash of the running config ("" for user-drawn data), links and snippet,
// applying a hash (hashchange), embed mode and origins.
EMSCRIPTEN_KEEPALIVE const char* nnplay_link_hash() {
  g_web->api_out = nn::app::share_hash(g_web->base.app);
  return g_web->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* nnplay_get_link(const char* options) {
  g_web->api_out = nn::app::api_get_link(g_web->base.app, options ? options : "");
  return g_web->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* nnplay_apply_hash(const char* hash) {
  nn::app::wake();
  g_web->api_out = nn::app::api_apply_hash(g_web->base.app, hash ? hash : "");
  return g_web->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* nnplay_embed_info() {
  g_web->api_out = nn::app::share_info_json(g_web->base.app);
  return g_web->api_out.c_str();
}
// The screen's widgets in tab order with their rectangles in CSS pixels (tests locate a control
// here, then press it with the real mouse, finger or keyboard).
EMSCRIPTEN_KEEPALIVE const char* nnplay_widgets() {
  g_web->api_out = nn::app::tab_order_json(g_web->input.scale);
  return g_web->api_out.c_str();
}
// Text pasted into the focused canvas (web/page.js's paste listener): typed into the focused
// text field.
EMSCRIPTEN_KEEPALIVE void nnplay_paste(const char* text) {
  nn::app::wake();
  nn::app::input_text(g_web->input, text ? text : "");
}

// Import/export for web/files.js. A file's text comes in as malloc'd bytes with a length.
EMSCRIPTEN_KEEPALIVE const char* nnplay_export_text(const char* kind) {
  const std::string k = kind ? kind : "";
  nn::app::AppState& app = g_web->base.app;
  try {
    g_web->api_out = k == "config"  ? nn::app::export_config_json(app)
                     : k == "model" ? nn::app::export_model_json(app)
                     : k == "csv"   ? nn::app::export_loss_csv(app)
                     : k == "data"  ? nn::app::export_data_csv(app)
                                    : std::string();
  } catch (const nn::ConfigError&) {  // no 2D points (ner_window): files.js says so
    g_web->api_out.clear();
  }
  return g_web->api_out.c_str();
}
// {"ok": true, "ptr": address of size*size RGBA bytes, "size": size} or {"ok": false, "error"}.
EMSCRIPTEN_KEEPALIVE const char* nnplay_export_boundary(int size) {
  std::string error;
  const int px = std::clamp(size, 16, 4096);
  if (nn::app::export_boundary_rgba(g_web->base.app, px, g_web->png_rgba, &error))
    g_web->api_out = "{\"ok\": true, \"ptr\": " +
                     std::to_string(reinterpret_cast<std::uintptr_t>(g_web->png_rgba.data())) +
                     ", \"size\": " + std::to_string(px) + "}";
  else
    g_web->api_out = "{\"ok\": false, \"error\": \"" + error + "\"}";
  return g_web->api_out.c_str();
}
// web/persist.js: the drawn points as saved text ("" when not on user data), and back.
EMSCRIPTEN_KEEPALIVE const char* nnplay_user_data() {
  g_web->api_out = nn::app::export_user_data(g_web->base.app);
  return g_web->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* nnplay_restore_user_data(const char* text, int keep_settings) {
  nn::app::wake();
  g_web->api_out = nn::app::import_result_json(
      nn::app::restore_user_data(g_web->base.app, text ? text : "", keep_settings != 0));
  return g_web->api_out.c_str();
}
EMSCRIPTEN_KEEPALIVE void nnplay_notify(const char* text) {
  nn::app::wake();
  nn::app::app_notify(g_web->base.app, text ? text : "");
}
EMSCRIPTEN_KEEPALIVE const char* nnplay_import(const char* kind, const char* data, int length,
                                               const char* name) {
  nn::app::wake();
  nn::app::ImportKind k = nn::app::ImportKind::Auto;
  if (!nn::app::parse_import_kind(kind ? kind : "auto", k)) {
    nn::app::ImportResult refused;
    refused.ok = false;
    refused.field = "kind";
    refused.error = refused.message = "kind: expected auto, csv, config or model";
    g_web->api_out = nn::app::import_result_json(refused);
    return g_web->api_out.c_str();
  }
  const std::string text(data ? data : "",
                         data ? static_cast<std::size_t>(std::max(0, length)) : 0);
  g_web->api_out = nn::app::import_result_json(
      nn::app::files_import(g_web->base.app, k, text, name ? name : ""));
  return g_web->api_out.c_str();
}
}

// [SECTION] main

int main(int argc, char** argv) {
  using namespace nn::app;
  static WebPlatform web;  // lives for the whole program (the main loop outlives main())
  g_web = &web;
  const StartOptions opt = parse_page_args(argc, argv);

  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  attrs.majorVersion = 2;
  attrs.minorVersion = 0;
  attrs.alpha = false;
  attrs.antialias = true;
  attrs.premultipliedAlpha = false;
  web.gl = emscripten_webgl_create_context("#canvas", &attrs);
  if (web.gl <= 0) {
    std::fprintf(stderr, "nnplay: could not create a WebGL 2 context\n");
    return 1;
  }
  emscripten_webgl_make_context_current(web.gl);
  fit_canvas(web);

  std::string error;
  if (platform_start(web.base, nn::Config{}, opt, "#version 300 es", &error) != 0) {
    std::fprintf(stderr, "nnplay: %s\n", error.c_str());
    return 1;
  }
  ImGuiIO& io = ImGui::GetIO();
  io.BackendPlatformName = "nnplay_web (html5.h)";
  io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
  io.GetClipboardTextFn = get_clipboard;
  io.SetClipboardTextFn = set_clipboard;
  input_setup_keymap(io);
  web.input.coarse = js_pointer_coarse() != 0;
  web.base.app.access.coarse_pointer = web.input.coarse;
  web.base.app.share.copy_text = copy_text;
  web.base.app.share.open_url = open_url;
  web.base.app.share.preview = preview;
  install_input();
  platform_fonts(web.base, static_cast<float>(std::max(1.0, emscripten_get_device_pixel_ratio())));
  page("ready");
  emscripten_set_main_loop_arg(frame_callback, &web, 0, 1);  // does not return
  return 0;
}
