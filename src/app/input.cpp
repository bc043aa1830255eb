// Browser input for ImGui (see input.hpp): a queue of pointer, wheel, touch and key events applied
// one transition per frame, touch gestures (tap, drag, long press = right-click, drag-to-scroll)
// and the browser's wheel units.
#include "input.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cfloat>
#include <cmath>
#include <cstring>

namespace nn::app {

float wheel_units(double delta, WheelMode mode) {
  double per_unit = kWheelPixelsPerUnit;
  if (mode == WheelMode::Line) per_unit = kWheelLinesPerUnit;
  if (mode == WheelMode::Page) per_unit = kWheelPagesPerUnit;
  if (!std::isfinite(delta)) return 0.0f;
  // The browser's sign: deltaY > 0 scrolls down; ImGui's MouseWheel > 0 scrolls up.
  const double u = -delta / per_unit;
  return static_cast<float>(u > 50 ? 50 : u < -50 ? -50 : u);
}

int web_key(const char* key) {
  if (!key || !*key) return kKeyNone;
  struct Named {
    const char* name;
    int code;
  };
  static constexpr Named kNamed[] = {
      {"Tab", kKeyTab},           {"ArrowLeft", kKeyLeft}, {"ArrowRight", kKeyRight},
      {"ArrowUp", kKeyUp},        {"ArrowDown", kKeyDown}, {"PageUp", kKeyPageUp},
      {"PageDown", kKeyPageDown}, {"Home", kKeyHome},      {"End", kKeyEnd},
      {"Insert", kKeyInsert},     {"Delete", kKeyDelete},  {"Backspace", kKeyBackspace},
      {" ", kKeySpace},           {"Spacebar", kKeySpace}, {"Enter", kKeyEnter},
      {"Escape", kKeyEscape},     {"Esc", kKeyEscape}};
  for (const Named& n : kNamed)
    if (std::strcmp(key, n.name) == 0) return n.code;
  if (key[1] == '\0') {
    const char c = key[0];
    if (c >= 'a' && c <= 'z') return c - 'a' + 'A';
    if (c >= 'A' && c <= 'Z') return c;
  }
  return kKeyNone;
}

void input_setup_keymap(ImGuiIO& io) {
  io.KeyMap[ImGuiKey_Tab] = kKeyTab;
  io.KeyMap[ImGuiKey_LeftArrow] = kKeyLeft;
  io.KeyMap[ImGuiKey_RightArrow] = kKeyRight;
  io.KeyMap[ImGuiKey_UpArrow] = kKeyUp;
  io.KeyMap[ImGuiKey_DownArrow] = kKeyDown;
  io.KeyMap[ImGuiKey_PageUp] = kKeyPageUp;
  io.KeyMap[ImGuiKey_PageDown] = kKeyPageDown;
  io.KeyMap[ImGuiKey_Home] = kKeyHome;
  io.KeyMap[ImGuiKey_End] = kKeyEnd;
  io.KeyMap[ImGuiKey_Insert] = kKeyInsert;
  io.KeyMap[ImGuiKey_Delete] = kKeyDelete;
  io.KeyMap[ImGuiKey_Backspace] = kKeyBackspace;
  io.KeyMap[ImGuiKey_Space] = kKeySpace;
  io.KeyMap[ImGuiKey_Enter] = kKeyEnter;
  io.KeyMap[ImGuiKey_Escape] = kKeyEscape;
  io.KeyMap[ImGuiKey_KeyPadEnter] = kKeyEnter;
  io.KeyMap[ImGuiKey_A] = kKeyA;
  io.KeyMap[ImGuiKey_C] = kKeyC;
  io.KeyMap[ImGuiKey_V] = kKeyV;
  io.KeyMap[ImGuiKey_X] = kKeyX;
  io.KeyMap[ImGuiKey_Y] = kKeyY;
  io.KeyMap[ImGuiKey_Z] = kKeyZ;
}

namespace {

void push_move(WebInput& in, double x, double y) {
  InputEvent e;
  e.type = InputEvent::Type::Move;
  e.x = static_cast<float>(x * in.scale);
  e.y = static_cast<float>(y * in.scale);
  // Consecutive moves collapse into the last one.
  if (!in.queue.empty() && in.queue.back().type == InputEvent::Type::Move)
    in.queue.back() = e;
  else
    in.queue.push_back(e);
}

void push_button(WebInput& in, int button, bool down) {
  InputEvent e;
  e.type = InputEvent::Type::Button;
  e.code = button;
  e.down = down;
  in.queue.push_back(e);
}

void push_off_canvas(WebInput& in) {
  InputEvent e;
  e.type = InputEvent::Type::Move;
  e.x = e.y = -FLT_MAX;
  in.queue.push_back(e);
}

}  // namespace

void input_mouse_move(WebInput& in, double x, double y) { push_move(in, x, y); }

void input_mouse_button(WebInput& in, int button, bool down, double x, double y) {
  if (button < 0 || button > 2) return;
  push_move(in, x, y);
  push_button(in, button, down);
}

void input_mouse_leave(WebInput& in) {
  // Keep the position while a button is held (a drag may leave and come back); the platform
  // releases buttons on the window's mouseup.
  push_off_canvas(in);
}

void input_wheel(WebInput& in, double dx, double dy, WheelMode mode) {
  InputEvent e;
  e.type = InputEvent::Type::Wheel;
  e.x = wheel_units(dx, mode);
  e.y = wheel_units(dy, mode);
  in.queue.push_back(e);
}

void input_touch_start(WebInput& in, int id, double x, double y, double now) {
  if (in.touch_id >= 0) return;  // a second finger: ignored (no pinch)
  in.touch_id = id;
  in.touch_x0 = in.touch_x = x;
  in.touch_y0 = in.touch_y = y;
  in.touch_t0 = now;
  in.touch_pressed = in.touch_long = in.touch_scrolling = false;
  // The pointer moves there now (hover, tooltips); the press waits until the finger moves or
  // lifts, so that a long press can still become a right-click instead.
  push_move(in, x, y);
}

void input_touch_move(WebInput& in, int id, double x, double y, double now) {
  (void)now;
  if (id != in.touch_id || in.touch_long) return;
  in.touch_x = x;
  in.touch_y = y;
  if (!in.touch_pressed) {
    if (std::hypot(x - in.touch_x0, y - in.touch_y0) < kTouchSlopPx) return;
    // A drag: press where the finger went down, then follow it (sliders, the map, scrolling).
    push_move(in, in.touch_x0, in.touch_y0);
    push_button(in, 0, true);
    in.touch_pressed = true;
  }
  push_move(in, x, y);
}

void input_touch_end(WebInput& in, int id, double x, double y, bool cancelled) {
  if (id != in.touch_id) return;
  in.touch_id = -1;
  if (in.touch_long) return;  // the long press already clicked (right button)
  if (!in.touch_pressed) {
    if (cancelled) return;
    // A tap: press and release where the finger went down.
    push_move(in, in.touch_x0, in.touch_y0);
    push_button(in, 0, true);
    push_button(in, 0, false);
  } else {
    push_move(in, x, y);
    if (cancelled) push_off_canvas(in);  // released away from anything: no click
    push_button(in, 0, false);
  }
  push_off_canvas(in);  // no hover stays behind a lifted finger
}

void input_touch_tick(WebInput& in, double now) {
  if (in.touch_id < 0 || in.touch_pressed || in.touch_long) return;
  if (now - in.touch_t0 < kLongPressSeconds) return;
  in.touch_long = true;
  push_move(in, in.touch_x0, in.touch_y0);
  push_button(in, 1, true);
  push_button(in, 1, false);
}

void input_key(WebInput& in, int code, bool down, int mods) {
  if (mods != in.mods) {
    InputEvent m;
    m.type = InputEvent::Type::Mods;
    m.code = mods;
    in.queue.push_back(m);
    in.mods = mods;
  }
  if (code <= kKeyNone || code >= kKeyCount) return;
  InputEvent e;
  e.type = InputEvent::Type::Key;
  e.code = code;
  e.down = down;
  in.queue.push_back(e);
}

void input_text(WebInput& in, const std::string& utf8) {
  if (utf8.empty()) return;
  InputEvent e;
  e.type = InputEvent::Type::Text;
  e.text = utf8;
  in.queue.push_back(e);
}

void input_blur(WebInput& in) {
  in.queue.clear();
  in.focused = false;
  in.mods = 0;
  InputEvent m;
  m.type = InputEvent::Type::Mods;
  m.code = 0;
  in.queue.push_back(m);
  for (int k = 1; k < kKeyCount; ++k) {
    InputEvent e;
    e.type = InputEvent::Type::Key;
    e.code = k;
    e.down = false;
    in.queue.push_back(e);
  }
}

void input_apply(WebInput& in, ImGuiIO& io, bool any_item_active) {
  bool button_done[3] = {false, false, false};
  bool any_transition = false;
  std::vector<bool> key_done(kKeyCount, false);
  std::size_t n = 0;
  for (; n < in.queue.size(); ++n) {
    const InputEvent& e = in.queue[n];
    bool stop = false;
    switch (e.type) {
      case InputEvent::Type::Move:
        // A move after a press or release in this frame waits: ImGui then sees the press where
        // it happened (a quick drag on a slider starts at the finger, not where it ended).
        if (any_transition) {
          stop = true;
          break;
        }
        if (in.touch_pressed && in.touch_id >= 0 && !any_item_active && io.MouseDown[0] &&
            e.x > -FLT_MAX && io.MousePos.x > -FLT_MAX) {
          // Drag-to-scroll: a finger over no widget moves the panel under it.
          const float line = ImGui::GetFontSize() * 5.0f;
          if (line > 0) {
            io.MouseWheel += (e.y - io.MousePos.y) / line;
            io.MouseWheelH += (e.x - io.MousePos.x) / line;
          }
        }
        io.MousePos = ImVec2(e.x, e.y);
        break;
      case InputEvent::Type::Button:
        if (button_done[e.code]) {
          stop = true;
          break;
        }
        io.MouseDown[e.code] = e.down;
        button_done[e.code] = true;
        any_transition = true;
        break;
      case InputEvent::Type::Wheel:
        io.MouseWheelH += e.x;
        io.MouseWheel += e.y;
        break;
      case InputEvent::Type::Key:
        if (key_done[e.code]) {
          stop = true;
          break;
        }
        io.KeysDown[e.code] = e.down;
        key_done[e.code] = true;
        break;
      case InputEvent::Type::Mods:
        io.KeyCtrl = (e.code & kModCtrl) != 0;
        io.KeyShift = (e.code & kModShift) != 0;
        io.KeyAlt = (e.code & kModAlt) != 0;
        io.KeySuper = (e.code & kModSuper) != 0;
        break;
      case InputEvent::Type::Text:
        io.AddInputCharactersUTF8(e.text.c_str());
        break;
    }
    if (stop) break;
  }
  in.queue.erase(in.queue.begin(), in.queue.begin() + static_cast<std::ptrdiff_t>(n));
}

bool input_wheel_wanted(float wheel_x, float wheel_y) {
  const ImGuiContext* ctx = ImGui::GetCurrentContext();
  if (!ctx) return false;
  const ImGuiContext& g = *ctx;
  if (!g.OpenPopupStack.empty()) return true;  // an open list scrolls or stays put
  // The window that takes the wheel: the hovered one, or its first parent that scrolls.
  for (const ImGuiWindow* w = g.HoveredWindow; w; w = w->ParentWindow) {
    if (w->Flags & ImGuiWindowFlags_NoScrollWithMouse) continue;
    const bool down = wheel_y<0, up = wheel_y> 0, right = wheel_x<0, left = wheel_x> 0;
    if ((down && w->Scroll.y < w->ScrollMax.y) || (up && w->Scroll.y > 0) ||
        (right && w->Scroll.x < w->ScrollMax.x) || (left && w->Scroll.x > 0))
      return true;
    if (w->Flags & ImGuiWindowFlags_ChildWindow) continue;  // chains to the parent, as ImGui does
    break;
  }
  return false;
}

bool input_key_consumed(const ImGuiIO& io, int code, int mods, bool printable) {
  const bool command = (mods & (kModCtrl | kModSuper)) != 0;
  if (io.WantTextInput) {
    // A text field takes typing and its editing keys, but leaves the browser its own shortcuts
    // (reload, new tab, ...) except the ones a text field means (copy, paste, cut, undo, all).
    if (!command) return true;
    return code == kKeyA || code == kKeyC || code == kKeyV || code == kKeyX || code == kKeyZ ||
           code == kKeyY || code == kKeyLeft || code == kKeyRight || code == kKeyBackspace ||
           code == kKeyDelete;
  }
  if (command || (mods & kModAlt)) return false;  // browser and system shortcuts stay theirs
  switch (code) {
    case kKeyLeft:
    case kKeyRight:
    case kKeyUp:
    case kKeyDown:
    case kKeySpace:
    case kKeyEnter:
    case kKeyEscape:
    case kKeyBackspace:
    case kKeyDelete:
    case kKeyPageUp:
    case kKeyPageDown:
    case kKeyHome:
    case kKeyEnd:
      return true;
    default:
      return printable;  // the app's one-letter shortcuts (s, r, ?, ...)
  }
}

}  // namespace nn::app
