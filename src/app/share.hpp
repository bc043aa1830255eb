// Sharing and embedding, GL-free so the smoke test runs it: the URL hash that holds the
// whole config (src/io/url_codec), the embed query (?embed=1&views=...&controls=...&lesson=...
// &autoplay=1&origins=...), the links and iframe snippet of the Share/Embed dialog, the compact
// embed bar and the dialog itself. Bad input never stops the page: it becomes a warning that names
// the parameter or field, and that part alone falls back to its default.
#pragma once
#include <string>
#include <vector>

#include "app_state.hpp"

namespace nn::app {

// What ?embed=1&... asks for. views empty = the default set (lesson's views, or network, boundary,
// loss). Names of views: "data", "network", "boundary", "loss" and the teaching views of
// nn::all_views() ("inspector", "graph", ...).
struct EmbedOptions {
  bool embed = false;
  std::vector<std::string> views;
  EmbedControls controls = EmbedControls::Minimal;
  std::string lesson;
  std::string exercise;  // ?exercise=ID: opens the exercise (and its lesson)
  bool autoplay = false;
  bool autoheight = false;  // autoheight=1: the page posts its content height
  bool origins_given = false;
  std::vector<std::string> origins;  // valid entries of origins= (may be empty)
  std::vector<std::string> hide;     // valid names of hide= (io/link_codec hideable_controls)
};

// Parses a query string ("?a=1&b=2", the '?' optional, percent-escapes decoded). Unknown
// parameters and bad values append a warning naming the parameter and are ignored / defaulted.
EmbedOptions parse_embed_query(const std::string& query, std::vector<std::string>* warnings);

// A comma list of origins ("https://a.edu,https://b.edu:8443" or "*"). Valid: "*", or
// http(s)://host[:port] with no path (a trailing '/' is dropped). Invalid entries are skipped with
// a warning naming `param`.
std::vector<std::string> parse_origins(const std::string& list, const std::string& param,
                                       std::vector<std::string>* warnings);

// Origins the page answers: the page's own <meta name="nnplay-allowed-origins"> (meta_given) is
// the host's decision and a query may only narrow it (intersection); either alone is used as is;
// neither = {"*"}.
std::vector<std::string> effective_origins(bool meta_given, const std::vector<std::string>& meta,
                                           bool query_given, const std::vector<std::string>& query);

// The hash of the running config: "v=1&..." (no '#').
std::string share_hash(const AppState& app);

// Applies a URL hash: config_from_url with warnings, then app_set_config and a fresh start from
// the seed. Every warning names its field; they are shown in the app (app_notify: the first and
// a count of the others) and returned, at most 20 (the last then counts the rest). A hash longer
// than kMaxLinkBytes (io/input_limits.hpp) is refused whole with one warning.
std::vector<std::string> apply_hash(AppState& app, const std::string& hash);

// Sets the layout from the embed options (views, controls), opens the lesson first, sets the
// origins; warnings are appended. Does nothing to the layout when !opt.embed (but still opens a
// lesson= and sets origins).
void apply_embed(AppState& app, const EmbedOptions& opt, std::vector<std::string>* warnings);

// Start-up: query, hash and meta origins as the page has them. Applies all of it, notifies the
// warnings in the app, stores them in app.share.warnings and returns them.
std::vector<std::string> share_startup(AppState& app, const std::string& page_url,
                                       const std::string& query, const std::string& hash,
                                       bool meta_given, const std::string& meta_origins);

// Links. base = the page URL without query/hash ("" = relative: "index.html").
struct EmbedLinkOptions {
  std::vector<std::string> views;  // empty: the embed default
  EmbedControls controls = EmbedControls::Minimal;
  std::string lesson;
  bool autoplay = false;
  int width = 640, height = 400;
  std::vector<std::string> hide;     // hide=
  std::vector<std::string> origins;  // origins= (empty: not given)
  bool autoheight = false;           // autoheight=1
};
// The hash of the run with its step count (step=N) when the run can be replayed from its seed.
std::string share_hash_with_step(const AppState& app);
// The link "Open full playground" opens: the config and user points (share_hash), the lesson, the
// open teaching views and, for a replayable run, the step count.
std::string open_full_link(const AppState& app);
// Why the running data is not (exactly) in a link, or "" when it is: more than 200 user points,
// fewer than 2, or points off the 0.01 grid (rounded in the link).
std::string link_data_note(const AppState& app);
// The smallest embed size (CSS px) at which these views and controls read well.
void embed_min_size(const EmbedLinkOptions& o, int& width, int& height);
// "" or a warning that o.width x o.height is too small for its views.
std::string embed_size_warning(const EmbedLinkOptions& o);
// False when ?hide= (or a TF Playground link's *_hide) hides this control (link_codec names).
bool control_shown(const AppState& app, const char* name);
std::string full_link(const std::string& base, const std::string& hash);
std::string embed_link(const std::string& base, const std::string& hash, const EmbedLinkOptions& o);
std::string iframe_snippet(const std::string& base, const std::string& hash,
                           const EmbedLinkOptions& o);
// The dialog's current choices as link options (views from its checkboxes and open views).
EmbedLinkOptions dialog_link_options(const AppState& app);

// JSON for the JS API: {embed, controls, views: [...], layout: {...}, origins, warnings, notice}.
std::string share_info_json(const AppState& app);
// getLink(options JSON) -> {hash, link, embed, iframe, full, note?, size_warning?}; options:
// {views, controls, lesson, autoplay, width, height, hide, origins, autoheight, step}; bad
// options -> {"ok": false, "field", "error"}.
std::string api_get_link(const AppState& app, const std::string& options_json);
// applyHash(hash) -> {ok: true, warnings: [...]}.
std::string api_apply_hash(AppState& app, const std::string& hash);

const char* controls_name(EmbedControls c);

// UI: the Share button (top bar), the dialog, the embed bar (minimal controls) and the
// "open full playground" corner link (no controls / full controls).
void draw_share_button(AppState& app);
void draw_share_dialog(AppState& app);
void draw_embed_bar(AppState& app);      // draws only in embed mode with minimal controls
void draw_embed_overlay(AppState& app);  // draws only in embed mode without the bar
void share_copy(AppState& app, const std::string& text, const char* what);
void open_full_playground(AppState& app);

}  // namespace nn::app
