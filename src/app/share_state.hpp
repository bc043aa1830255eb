// State of sharing and embedding: whether the page runs as an embed (?embed=1) and with
// which controls, where the page lives (to build links), the postMessage origins, and the
// Share/Embed dialog's choices. Plain data in AppState::share; the logic is in share.hpp.
#pragma once
#include <string>
#include <vector>

namespace nn::app {

// How much of the controls an embed shows: none, a compact bar (play/pause, step, reset, learning
// rate, "open full playground"), or the whole top bar.
enum class EmbedControls { None, Minimal, Full };

struct ShareDialog {
  bool open = false;     // set by the Share button; the dialog opens next frame
  bool visible = false;  // the dialog was drawn this frame
  bool data = false;     // views the iframe snippet asks for
  bool network = true;
  bool boundary = true;
  bool loss = true;
  bool teaching = true;  // the open teaching views too
  int controls = 1;      // EmbedControls as int (radio buttons)
  int width = 640, height = 400;
  bool autoplay = false;
  bool lesson = true;       // pass the open lesson (if any) as lesson=
  bool autoheight = false;  // autoheight=1: the embed posts its content height to the parent
  char hide[256] = "";      // hide=: controls the embed does not draw (comma list)
  char origins[512] = "";   // origins=: parent pages allowed to drive it (comma list)
  std::string copied;       // "link" / "snippet": which Copy button was pressed last
  double copied_until = 0;
};

struct ShareState {
  bool embed = false;
  EmbedControls controls = EmbedControls::Full;
  // The page without query and hash (http://host/path/index.html); links are built on it.
  std::string page_url;
  // Allowed parent origins for postMessage ("*" = any); empty = none (a list with no valid entry).
  std::vector<std::string> origins{"*"};
  std::vector<std::string> warnings;  // of the query and the hash at start (embedInfo())
  // ?autoheight=1: the page tells the parent the height the layout wants (lti.frameResize).
  bool autoheight = false;
  // The height in CSS pixels the embed's layout wants for its views and controls at the current
  // width (ui.cpp, measured every frame; 0 until the first frame and outside embed mode).
  float content_height = 0;
  std::vector<std::string> hide;  // ?hide=: controls not drawn (link_codec's names)
  std::string lesson;             // ?lesson= (an embed may close the card; Open full keeps it)
  ShareDialog dialog;
  // Where the Share button and the dialog's "Copy" of the link were drawn last frame, in screen
  // pixels {x, y, w, h} (the browser test clicks them; all 0 when not drawn).
  float share_button[4] = {0, 0, 0, 0};
  float copy_link_button[4] = {0, 0, 0, 0};
  // Set by the platform: system clipboard and new-tab opening (null: ImGui's clipboard / none).
  void (*copy_text)(const char* text) = nullptr;
  void (*open_url)(const char* url) = nullptr;
  // The Share dialog's live preview: the embed link in a frame of w x h CSS px over the page
  // (web/page.js); null where there is no page (the desktop).
  void (*preview)(const char* url, int w, int h) = nullptr;
};

}  // namespace nn::app
