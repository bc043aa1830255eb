// Browser input for ImGui, without GLFW: the page's mouse, wheel, touch/pen and key events (from
// html5.h callbacks on the canvas, platform_web.cpp) become a queue that is applied to ImGui's IO
// one button or key transition per frame, so a tap or a click shorter than a frame is never lost.
// GL-free and emscripten-free so the headless tests drive it natively.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

struct ImGuiIO;

namespace nn::app {

// DOM wheel event deltaMode.
enum class WheelMode { Pixel = 0, Line = 1, Page = 2 };

// One "notch" of a mouse wheel in ImGui units: a browser reports ~100 px (Chromium, Firefox in
// pixel mode) or 3 lines per notch; ImGui scrolls 5 lines of text per unit, so a notch of 0.8
// units moves a list by about 3 rows, as a browser page does.
constexpr double kWheelPixelsPerUnit = 125.0;
constexpr double kWheelLinesPerUnit = 3.75;
constexpr double kWheelPagesPerUnit = 0.1;
// Converts a DOM wheel delta (positive = content moves up, i.e. scroll down) into ImGui's
// MouseWheel units (positive = scroll up).
float wheel_units(double delta, WheelMode mode);

// Touch gestures, in CSS pixels and seconds.
constexpr double kTouchSlopPx = 8.0;       // a finger that moves less is a tap or a long press
constexpr double kLongPressSeconds = 0.5;  // held this long without moving: a right-click

// Key indices into ImGuiIO::KeysDown (ImGui 1.86 leaves the numbering to the backend).
enum WebKey : int {
  kKeyNone = 0,
  kKeyTab = 1,
  kKeyLeft,
  kKeyRight,
  kKeyUp,
  kKeyDown,
  kKeyPageUp,
  kKeyPageDown,
  kKeyHome,
  kKeyEnd,
  kKeyInsert,
  kKeyDelete,
  kKeyBackspace,
  kKeySpace,
  kKeyEnter,
  kKeyEscape,
  kKeyA = 'A',  // letters keep their upper-case code (ImGui's copy/paste/select-all shortcuts)
  kKeyC = 'C',
  kKeyV = 'V',
  kKeyX = 'X',
  kKeyY = 'Y',
  kKeyZ = 'Z',
  kKeyCount = 128
};
// The WebKey of a DOM KeyboardEvent.key ("Tab", "ArrowLeft", "a", ...), kKeyNone if none.
int web_key(const char* key);
// Fills io.KeyMap with the WebKey indices (call once after ImGui::CreateContext).
void input_setup_keymap(ImGuiIO& io);

struct InputEvent {
  enum class Type : std::uint8_t { Move, Button, Wheel, Key, Mods, Text };
  Type type = Type::Move;
  float x = 0, y = 0;  // Move: framebuffer pixels; Wheel: ImGui units (x horizontal)
  int code = 0;        // Button: 0 left, 1 right, 2 middle; Key: WebKey; Mods: bit mask
  bool down = false;
  std::string text;  // Text: UTF-8
};

struct WebInput {
  std::vector<InputEvent> queue;
  float scale = 1;       // framebuffer pixels per CSS pixel (the device pixel ratio)
  bool coarse = false;   // the page's primary pointer is a finger (touch targets grow)
  bool focused = false;  // the canvas has the keyboard focus
  // The finger that acts as the mouse (the first one down), in CSS pixels.
  int touch_id = -1;
  double touch_x0 = 0, touch_y0 = 0, touch_x = 0, touch_y = 0, touch_t0 = 0;
  bool touch_pressed = false;    // the left button went down for this touch (it moved or lifted)
  bool touch_long = false;       // the long press fired (a right-click): the rest is ignored
  bool touch_scrolling = false;  // the finger drags over no widget: it scrolls the panel
  int mods = 0;                  // 1 ctrl, 2 shift, 4 alt, 8 super, as last reported
};

constexpr int kModCtrl = 1, kModShift = 2, kModAlt = 4, kModSuper = 8;

// Mouse and pen, in CSS pixels relative to the canvas.
void input_mouse_move(WebInput& in, double x, double y);
void input_mouse_button(WebInput& in, int button, bool down, double x, double y);
void input_mouse_leave(WebInput& in);
void input_wheel(WebInput& in, double dx, double dy, WheelMode mode);
// Touch (one finger drives the pointer; a second finger is ignored). now = seconds.
void input_touch_start(WebInput& in, int id, double x, double y, double now);
void input_touch_move(WebInput& in, int id, double x, double y, double now);
void input_touch_end(WebInput& in, int id, double x, double y, bool cancelled);
// Fires the long press when due (call every frame before input_apply).
void input_touch_tick(WebInput& in, double now);
// Keys and typed text. mods: kMod* bits.
void input_key(WebInput& in, int web_key_code, bool down, int mods);
void input_text(WebInput& in, const std::string& utf8);
// The canvas lost the focus: every key is released, the keyboard navigation highlight goes away.
void input_blur(WebInput& in);

// Applies queued events to io for one frame: at most one transition per button and per key
// (later ones wait for the next frame), the pointer position up to that point, the wheel summed.
// While a finger drags over no widget (ImGui's active id is 0), the drag scrolls instead.
void input_apply(WebInput& in, ImGuiIO& io, bool any_item_active);

// Whether the panel under the pointer (as of the last frame) scrolls with this wheel movement
// (ImGui units): if not, the page under the canvas gets the wheel (a course page keeps scrolling
// over an embed), as browsers chain scrolling from an element that is at its end.
bool input_wheel_wanted(float wheel_x, float wheel_y);

// Whether a DOM keydown should be kept from the browser (preventDefault): keys the app uses
// while the canvas has the focus. Tab is decided by the tab order (see tab_order.hpp).
bool input_key_consumed(const ImGuiIO& io, int web_key_code, int mods, bool printable);

}  // namespace nn::app
