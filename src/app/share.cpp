// Sharing and embedding: URL hash <-> config through src/io/url_codec, the embed query,
// links and the iframe snippet, the Share/Embed dialog and the embed bar. No GL and no #ifdef:
// the platform plugs the system clipboard and window.open in through ShareState's callbacks.
// [SECTION] query parsing   [SECTION] applying   [SECTION] links   [SECTION] JS API   [SECTION] UI
#include "share.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app.hpp"
#include "core/text.hpp"
#include "io/input_limits.hpp"
#include "io/link_codec.hpp"
#include "io/url_codec.hpp"
#include "tab_order.hpp"
#include "teach_ui.hpp"
#include "widgets.hpp"

namespace nn::app {

namespace {

// Names of the main panels; the teaching views use nn::name(View).
constexpr const char* kMainViews[] = {"data", "network", "boundary", "loss"};
constexpr const char* kParams =
    "embed, views, controls, lesson, exercise, autoplay, origins, hide, autoheight";

std::string quote_value(const std::string& s) { return "\"" + excerpt(s) + "\""; }

// A ConfigError's message without the "field: " prefix that what() adds.
std::string bare_message(const ConfigError& e) {
  const std::string what = e.what();
  const std::string head = e.field + ": ";
  return !e.field.empty() && what.compare(0, head.size(), head) == 0 ? what.substr(head.size())
                                                                     : what;
}

// Network, Boundary and Loss are the main panels; the others live in the teaching column.
bool is_teaching_view(View v) {
  return v != View::Network && v != View::Boundary && v != View::Loss;
}

// Characters kept as they are in a query value (RFC 3986 unreserved plus ',' for lists).
std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~' || c == ',') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// A link with thousands of bad fields: at most kMaxWarnings are kept (the last one counts the
// rest), and the banner names the first and counts the others, so it stays within about three
// lines and the heap does not grow with the number of problems.
constexpr std::size_t kMaxWarnings = 20;

void cap_warnings(std::vector<std::string>& w) {
  if (w.size() <= kMaxWarnings) return;
  const std::size_t more = w.size() - (kMaxWarnings - 1);
  w.resize(kMaxWarnings - 1);
  w.push_back("and " + std::to_string(more) + " more problems");
}

// What a warning is about: "data.noise (URL \"noise\")" -> "data.noise", "unknown URL field
// \"zz1\" (allowed: ...)" -> "\"zz1\"".
std::string warning_label(const std::string& warning) {
  std::string label = warning.substr(0, std::min(warning.find(": "), warning.find(" (")));
  const std::string unknown = "unknown URL field ";
  if (label.compare(0, unknown.size(), unknown) == 0) label.erase(0, unknown.size());
  return excerpt(label, 40);
}

void notify_link_problems(AppState& app, const std::vector<std::string>& w) {
  if (w.empty()) return;
  // A TensorFlow Playground link's one line stands alone.
  if (w.size() == 1 && w[0].rfind("Opened a TensorFlow Playground link", 0) == 0) {
    app_notify(app, w[0]);
    app.message_until = app.now + 20.0;
    return;
  }
  // The first warning, then the fields of the others: the banner shows three lines of it and
  // "Show all" unfolds the rest with every warning in full (ui.cpp draw_banner).
  const bool compact = app.share.embed;
  std::string text = (compact ? "Link problems (the rest was applied): "
                              : "This link has problems (the other settings were applied): ") +
                     excerpt(w[0], compact ? 60 : 120);
  // The text stays short whatever the link (thousands of bad fields once made a 2 MB banner);
  // a narrow embed wraps it into more than three lines, which the banner cuts.
  constexpr std::size_t kBudget = 200;
  std::size_t shown = 1;
  for (; shown < w.size(); ++shown) {
    const std::string field = warning_label(w[shown]);
    if (text.size() + field.size() > kBudget) break;
    text += (shown == 1 ? "; also " : ", ") + field;
  }
  if (shown < w.size())
    text += (shown == 1 ? "; and " : " and ") + std::to_string(w.size() - shown) + " more";
  if (w.size() > 1 && !compact) text += " (all in nnplay.embedInfo().warnings)";
  app_notify(app, text);
  app.message_details.assign(w.begin(), w.end());
  cap_warnings(app.message_details);
  app.message_until = app.now + 20.0;  // longer than a notice: it explains a broken link
}

// The steps of a link's step=N, replayed now (bounded by link_codec's replay limit).
void replay_steps(AppState& app, const std::string& text, std::vector<std::string>& warnings) {
  long long asked = 0;
  try {
    asked = parse_link_step(text);
  } catch (const ConfigError& e) {
    warnings.push_back(std::string(e.what()) + "; starting at step 0");
    return;
  }
  const Session& s = *app.session;
  const long long allowed =
      replay_steps_allowed(s.config(), asked, static_cast<int>(s.train_inputs().cols()));
  long long done = 0;
  while (done < allowed) {
    const int chunk = static_cast<int>(std::min<long long>(allowed - done, 1 << 20));
    const int k = app_step(app, chunk);
    done += k;
    if (k < chunk) break;  // diverged (the banner says why)
  }
  if (allowed < asked)
    warnings.push_back("step: replayed " + std::to_string(done) + " of " + std::to_string(asked) +
                       " steps (a link replays at most " + std::to_string(allowed) +
                       " steps of this network at open); Play goes on from here");
}

// Every warning of a hash, uncapped (share_startup adds the query's before capping). A hash is
// ours (v=1&...: the config, then ud= points and step=), or TensorFlow Playground's, translated.
std::vector<std::string> hash_warnings(AppState& app, const std::string& hash) {
  std::vector<std::string> warnings;
  std::string h = hash;
  if (!h.empty() && h[0] == '#') h.erase(0, 1);
  if (h.empty()) return warnings;
  if (h.size() > kMaxLinkBytes) {
    warnings.push_back("link: " + size_limit_message(h.size(), kMaxLinkBytes));
    return warnings;
  }
  std::string error;
  if (is_tf_playground_hash(h)) {
    const TfPlaygroundLink t = translate_tf_playground(h);
    if (!app_set_config(app, t.config, &error)) warnings.push_back("link: " + error);
    app_reset(app);
    app.view.show_test = t.show_test;
    app.view.discretize = t.discretize;
    for (const std::string& name : t.hide)
      if (std::find(app.share.hide.begin(), app.share.hide.end(), name) == app.share.hide.end())
        app.share.hide.push_back(name);
    warnings.push_back(t.summary());
    return warnings;
  }
  const LinkHash parts = split_link_hash(h);
  Config cfg = config_from_url(parts.config, &warnings);
  bool points_applied = false;
  if (parts.has_points) {
    try {
      int classes = 0;
      const std::vector<LinkPoint> pts = decode_link_points(parts.points, classes);
      std::vector<UserPoint> user;
      for (const LinkPoint& p : pts) user.push_back({p.x1, p.x2, p.label, p.split});
      if (!user_set_points(app, cfg, user, classes, &error))
        throw ConfigError("ud", "the points do not fit the link's settings: " + error);
      points_applied = true;
    } catch (const ConfigError& e) {
      warnings.push_back("ud (your points): " + bare_message(e) +
                         "; using the link's generated data");
    }
  }
  if (!points_applied) {
    if (cfg.data.dataset == DatasetKind::User) {
      if (!parts.has_points)
        warnings.push_back(
            "data.dataset (URL \"ds\"): \"user\" data needs its points (ud=...); using "
            "\"circle\"");
      const Config before = cfg;
      cfg.data.dataset = Config{}.data.dataset;
      fit_config_to_data(cfg, before);
    }
    if (!app_set_config(app, cfg, &error)) warnings.push_back("link: " + error);
  }
  app_reset(app);  // a link means fresh weights from its seed, whatever ran before
  if (parts.has_step) replay_steps(app, parts.step, warnings);
  return warnings;
}

std::string allowed_views() {
  std::string out = "data, network, boundary, loss";
  for (View v : all_views())
    if (is_teaching_view(v)) out += std::string(", ") + name(v);
  return out;
}

bool valid_view(const std::string& v) {
  for (const char* m : kMainViews)
    if (v == m) return true;
  for (View t : all_views())
    if (is_teaching_view(t) && v == name(t)) return true;
  return false;
}

bool parse_flag(const std::string& value, bool& out) {
  if (value == "1" || value == "true" || value.empty()) {
    out = true;
    return true;
  }
  if (value == "0" || value == "false") {
    out = false;
    return true;
  }
  return false;
}

bool parse_controls(const std::string& s, EmbedControls& out) {
  if (s == "none")
    out = EmbedControls::None;
  else if (s == "minimal")
    out = EmbedControls::Minimal;
  else if (s == "full")
    out = EmbedControls::Full;
  else
    return false;
  return true;
}

// Views validated against the allowed names; bad names are warned about and skipped.
std::vector<std::string> parse_views(const std::string& list, std::vector<std::string>* warnings) {
  std::vector<std::string> out;
  for (const std::string& raw : split(list, ',')) {
    const std::string v = trim(raw);
    if (v.empty()) continue;
    if (!valid_view(v)) {
      if (warnings)
        warnings->push_back("views: unknown view " + quote_value(v) +
                            " (allowed: " + allowed_views() + "); skipped");
      continue;
    }
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

bool valid_origin(const std::string& o) {
  std::string rest;
  if (o.rfind("https://", 0) == 0)
    rest = o.substr(8);
  else if (o.rfind("http://", 0) == 0)
    rest = o.substr(7);
  else
    return false;
  if (rest.empty() || rest.size() > 253) return false;
  const std::size_t colon = rest.find(':');
  const std::string host = rest.substr(0, colon);
  if (host.empty()) return false;
  for (char c : host)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '.'))
      return false;
  if (colon != std::string::npos) {
    const std::string port = rest.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string::npos)
      return false;
    if (std::stoi(port) > 65535) return false;
  }
  return true;
}

}  // namespace

const char* controls_name(EmbedControls c) {
  switch (c) {
    case EmbedControls::None:
      return "none";
    case EmbedControls::Minimal:
      return "minimal";
    case EmbedControls::Full:
      return "full";
  }
  return "full";
}

// [SECTION] query parsing

std::vector<std::string> parse_origins(const std::string& list, const std::string& param,
                                       std::vector<std::string>* warnings) {
  std::vector<std::string> out;
  for (const std::string& raw : split(list, ',')) {
    std::string o = trim(raw);
    if (o.empty()) continue;
    if (o.size() > 1 && o.back() == '/') o.pop_back();
    // Origins compare in lower case (browsers serialize scheme and host that way).
    if (o != "*") o = lower(o);
    if (o != "*" && !valid_origin(o)) {
      if (warnings)
        warnings->push_back(param + ": " + quote_value(o) +
                            " is not an origin (write https://host or https://host:port, or *); "
                            "skipped");
      continue;
    }
    if (std::find(out.begin(), out.end(), o) == out.end()) out.push_back(o);
  }
  return out;
}

std::vector<std::string> effective_origins(bool meta_given, const std::vector<std::string>& meta,
                                           bool query_given,
                                           const std::vector<std::string>& query) {
  if (meta_given && query_given) {
    const bool meta_any = std::find(meta.begin(), meta.end(), "*") != meta.end();
    if (meta_any) return query;
    std::vector<std::string> both;
    for (const std::string& o : query)
      if (o == "*" || std::find(meta.begin(), meta.end(), o) != meta.end()) {
        // "*" in the query cannot widen the host's list: it means "all of the host's".
        if (o == "*") return meta;
        both.push_back(o);
      }
    return both;
  }
  if (meta_given) return meta;
  if (query_given) return query;
  return {"*"};
}

EmbedOptions parse_embed_query(const std::string& query, std::vector<std::string>* warnings) {
  EmbedOptions opt;
  std::string s = query;
  if (!s.empty() && s[0] == '?') s.erase(0, 1);
  if (s.empty()) return opt;
  auto warn = [&](const std::string& text) {
    if (warnings) warnings->push_back(text);
  };
  for (const std::string& part : split(s, '&')) {
    if (part.empty()) continue;
    const std::size_t eq = part.find('=');
    const std::string key = percent_decode(part.substr(0, eq), true);
    const std::string value =
        eq == std::string::npos ? "" : percent_decode(part.substr(eq + 1), true);
    if (key == "embed") {
      if (!parse_flag(value, opt.embed)) {
        warn("embed: expected 1 or 0, got " + quote_value(value) + "; using 1");
        opt.embed = true;
      }
    } else if (key == "views") {
      opt.views = parse_views(value, warnings);
      if (opt.views.empty())
        warn("views: no valid view in " + quote_value(value) + "; using the default views");
    } else if (key == "controls") {
      if (!parse_controls(value, opt.controls))
        warn("controls: expected none, minimal or full, got " + quote_value(value) +
             "; using minimal");
    } else if (key == "lesson") {
      if (find_lesson(value))
        opt.lesson = value;
      else
        warn("lesson: unknown lesson " + quote_value(value) + " (ids: nnplay.lessons()); ignored");
    } else if (key == "exercise") {
      if (find_exercise(value))
        opt.exercise = value;
      else
        warn("exercise: unknown exercise " + quote_value(value) +
             " (ids: nnplay.lessons()[k].exercises); ignored");
    } else if (key == "autoplay") {
      if (!parse_flag(value, opt.autoplay)) {
        warn("autoplay: expected 1 or 0, got " + quote_value(value) + "; not playing");
        opt.autoplay = false;
      }
    } else if (key == "autoheight") {
      if (!parse_flag(value, opt.autoheight)) {
        warn("autoheight: expected 1 or 0, got " + quote_value(value) + "; off");
        opt.autoheight = false;
      }
    } else if (key == "origins") {
      opt.origins_given = true;
      opt.origins = parse_origins(value, "origins", warnings);
    } else if (key == "hide") {
      opt.hide = parse_hide_list(value, warnings);
    } else {
      warn("unknown parameter " + quote_value(key) + " (allowed: " + kParams + "); ignored");
    }
  }
  return opt;
}

// [SECTION] applying

namespace {

std::vector<LinkPoint> link_points(const AppState& app) {
  std::vector<LinkPoint> pts;
  pts.reserve(app.user_points.size());
  for (const UserPoint& u : app.user_points) pts.push_back({u.x1, u.x2, u.label, u.split});
  return pts;
}

}  // namespace

std::string share_hash(const AppState& app) {
  const std::string config = to_url(app.session->config());
  if (!app.user_mode) return config;
  // User points travel in the hash (ud=) up to 200 of them; a larger set has no link (the hash
  // stays as it was) and is shared as a dataset CSV.
  if (user_incomplete(app) || app.user_points.size() > static_cast<std::size_t>(kLinkMaxPoints))
    return "";
  try {
    return config + "&ud=" + encode_link_points(link_points(app), app.user_classes);
  } catch (const ConfigError&) {  // a value beyond +-327.67 (an imported CSV)
    return "";
  }
}

std::string share_hash_with_step(const AppState& app) {
  std::string hash = share_hash(app);
  const long long steps = app.session->steps();
  if (!hash.empty() && app.replayable && app.step_base == 0 && steps > 0)
    hash += "&step=" + std::to_string(steps);
  return hash;
}

std::string link_data_note(const AppState& app) {
  if (!app.user_mode) return "";
  const std::size_t n = app.user_points.size();
  if (user_incomplete(app)) return "Your data has fewer than 2 points: draw more to share it.";
  if (n > static_cast<std::size_t>(kLinkMaxPoints))
    return "Your " + std::to_string(n) + " points are more than a link holds (" +
           std::to_string(kLinkMaxPoints) + "): share them as File > Export data CSV.";
  if (share_hash(app).empty())
    return "Your points reach beyond what a link stores (|x| <= 327.67): share them as File > "
           "Export data CSV.";
  for (const UserPoint& u : app.user_points)
    if (!on_link_grid(u.x1) || !on_link_grid(u.x2) ||
        (app.user_classes == 0 && !on_link_grid(u.label)))
      return "The link rounds your points to 0.01 (the map's precision); File > Export data CSV "
             "keeps them exactly.";
  return "";
}

bool control_shown(const AppState& app, const char* name) {
  const std::vector<std::string>& h = app.share.hide;
  return std::find(h.begin(), h.end(), name) == h.end();
}

std::vector<std::string> apply_hash(AppState& app, const std::string& hash) {
  std::vector<std::string> warnings = hash_warnings(app, hash);
  notify_link_problems(app, warnings);
  cap_warnings(warnings);
  return warnings;
}

void apply_embed(AppState& app, const EmbedOptions& opt, std::vector<std::string>* warnings) {
  if (!opt.lesson.empty()) {
    std::string error;
    if (!teach_open_lesson(app, opt.lesson, &error) && warnings)
      warnings->push_back("lesson: " + error);
    else
      app.share.lesson = opt.lesson;
  }
  if (!opt.exercise.empty()) {
    std::string error;
    if (!teach_open_exercise(app, opt.exercise, &error) && warnings)
      warnings->push_back("exercise: " + error);
  }
  app.share.hide = opt.hide;
  app.share.autoheight = opt.autoheight;
  if (!opt.embed) {
    // The full page (e.g. an embed's "Open full") opens the teaching views named; the main
    // panels all stay.
    bool any = false;
    for (const std::string& v : opt.views)
      if (valid_view(v) && v != "data" && v != "network" && v != "boundary" && v != "loss") {
        if (!any) app.teach.open.fill(false);
        const View t = parse_view(v, "views");
        teach_open_view(app, t, true);
        if (!any) app.teach.focus = static_cast<int>(t);
        any = true;
      }
    return;
  }
  ShareState& sh = app.share;
  sh.embed = true;
  sh.controls = opt.controls;
  app.layout.top_bar = opt.controls == EmbedControls::Full;
  std::vector<std::string> views = opt.views;
  if (views.empty() && app.teach.lesson)
    for (View v : app.teach.lesson->views) views.push_back(name(v));
  if (views.empty()) views = {"network", "boundary", "loss"};
  const auto has = [&](const char* v) {
    return std::find(views.begin(), views.end(), v) != views.end();
  };
  app.layout.data = has("data");
  app.layout.network = has("network");
  app.layout.output = has("boundary");
  app.layout.loss = has("loss");
  app.teach.open.fill(false);
  bool teaching = false;
  for (View v : all_views()) {
    if (!is_teaching_view(v) || !has(name(v))) continue;
    teach_open_view(app, v, true);
    teaching = true;
  }
  // An embed is small: the lesson's text belongs on the course page around it. The card stays
  // (folded) only beside teaching views, which have the column anyway.
  if (teaching || !app.teach.exercise.id.empty())  // an exercise keeps its card (folded)
    app.teach.show_card = false;
  else
    teach_close_lesson(app);
  // The first teaching view named gets the tab.
  for (const std::string& v : views)
    if (valid_view(v) && v != "data" && v != "network" && v != "boundary" && v != "loss") {
      app.teach.focus = static_cast<int>(parse_view(v, "views"));
      break;
    }
}

std::vector<std::string> share_startup(AppState& app, const std::string& page_url,
                                       const std::string& query, const std::string& hash,
                                       bool meta_given, const std::string& meta_origins) {
  std::vector<std::string> warnings;
  ShareState& sh = app.share;
  sh.page_url = page_url;
  EmbedOptions opt;
  if (query.size() > kMaxLinkBytes)
    warnings.push_back("query: " + size_limit_message(query.size(), kMaxLinkBytes));
  else
    opt = parse_embed_query(query, &warnings);
  const std::vector<std::string> meta =
      meta_given ? parse_origins(meta_origins, "nnplay-allowed-origins", &warnings)
                 : std::vector<std::string>{};
  sh.origins = effective_origins(meta_given, meta, opt.origins_given, opt.origins);
  if ((meta_given || opt.origins_given) && sh.origins.empty())
    warnings.push_back("origins: no allowed origin is left; postMessage calls are refused");
  apply_embed(app, opt, &warnings);
  const std::vector<std::string> from_hash = hash_warnings(app, hash);
  warnings.insert(warnings.end(), from_hash.begin(), from_hash.end());
  if (opt.autoplay) app_set_playing(app, true);
  notify_link_problems(app, warnings);
  cap_warnings(warnings);
  sh.warnings = warnings;
  return warnings;
}

// [SECTION] links

std::string full_link(const std::string& base, const std::string& hash) {
  return (base.empty() ? std::string("index.html") : base) + "#" + hash;
}

std::string embed_link(const std::string& base, const std::string& hash,
                       const EmbedLinkOptions& o) {
  std::string url = (base.empty() ? std::string("index.html") : base) + "?embed=1";
  if (!o.views.empty()) url += "&views=" + url_encode(join(o.views, ","));
  url += std::string("&controls=") + controls_name(o.controls);
  if (!o.lesson.empty()) url += "&lesson=" + url_encode(o.lesson);
  if (o.autoplay) url += "&autoplay=1";
  if (!o.hide.empty()) url += "&hide=" + url_encode(join(o.hide, ","));
  if (!o.origins.empty()) url += "&origins=" + url_encode(join(o.origins, ","));
  if (o.autoheight) url += "&autoheight=1";
  return url + "#" + hash;
}

std::string open_full_link(const AppState& app) {
  std::string url = app.share.page_url.empty() ? std::string("index.html") : app.share.page_url;
  std::string query;
  const std::string lesson = app.teach.lesson ? app.teach.lesson->id : app.share.lesson;
  if (!lesson.empty()) query += "&lesson=" + url_encode(lesson);
  std::vector<std::string> views;
  for (View v : all_views())
    if (is_teaching_view(v) && teach_view_open(app, v)) views.push_back(name(v));
  if (!views.empty()) query += "&views=" + url_encode(join(views, ","));
  if (!query.empty()) url += "?" + query.substr(1);
  return url + "#" + share_hash_with_step(app);
}

void embed_min_size(const EmbedLinkOptions& o, int& width, int& height) {
  const auto has = [&](const char* v) {
    return o.views.empty() ? std::string(v) != "data"
                           : std::find(o.views.begin(), o.views.end(), v) != o.views.end();
  };
  bool teaching = false;
  for (const std::string& v : o.views)
    teaching = teaching || (v != "data" && v != "network" && v != "boundary" && v != "loss");
  // Side by side: the data column, the network, the map (square), the teaching column; the
  // loss plot goes under them (beside the map when it is the only other view).
  int w = 0, mid = 0;
  if (has("data")) w += 180;
  if (has("network")) {
    w += 220;
    mid = std::max(mid, 180);
  }
  if (has("boundary")) {
    w += 200;
    mid = std::max(mid, 200);
  }
  if (teaching) {
    w += 300;
    mid = std::max(mid, 260);
  }
  int h = mid;
  if (has("loss")) {
    if (w == 0 || (has("boundary") && !has("network") && !teaching && !has("data"))) {
      w += 200;
      h = std::max(h, 120);
    } else {
      h += 110;
    }
  }
  if (o.controls == EmbedControls::Minimal) h += 34;
  if (o.controls == EmbedControls::Full) {
    w = std::max(w, 700);
    h += 120;
  }
  width = std::max(w, 200);
  height = std::max(h, 150);
}

std::string embed_size_warning(const EmbedLinkOptions& o) {
  int w = 0, h = 0;
  embed_min_size(o, w, h);
  if (o.width >= w && o.height >= h) return "";
  return std::to_string(o.width) + "x" + std::to_string(o.height) + " is small for " +
         (o.views.empty() ? std::string("the default views") : join(o.views, ", ")) +
         (o.controls == EmbedControls::Full ? " with the full controls" : "") +
         ": they read well from " + std::to_string(w) + "x" + std::to_string(h) +
         " (or choose fewer views).";
}

std::string iframe_snippet(const std::string& base, const std::string& hash,
                           const EmbedLinkOptions& o) {
  std::string src;
  for (char c : embed_link(base, hash, o)) {
    if (c == '&')
      src += "&amp;";
    else if (c == '"')
      src += "&quot;";
    else
      src += c;
  }
  return "<iframe src=\"" + src + "\" width=\"" + std::to_string(o.width) + "\" height=\"" +
         std::to_string(o.height) +
         "\" style=\"border:0\" allow=\"clipboard-write\" title=\"Backprop Playground\" "
         "loading=\"lazy\"></iframe>";
}

EmbedLinkOptions dialog_link_options(const AppState& app) {
  const ShareDialog& d = app.share.dialog;
  EmbedLinkOptions o;
  if (d.data) o.views.push_back("data");
  if (d.network) o.views.push_back("network");
  if (d.boundary) o.views.push_back("boundary");
  if (d.loss) o.views.push_back("loss");
  if (d.teaching)
    for (View v : all_views())
      if (is_teaching_view(v) && teach_view_open(app, v)) o.views.push_back(name(v));
  o.controls = static_cast<EmbedControls>(std::clamp(d.controls, 0, 2));
  if (d.lesson && app.teach.lesson) o.lesson = app.teach.lesson->id;
  o.autoplay = d.autoplay;
  o.width = d.width;
  o.height = d.height;
  o.hide = parse_hide_list(d.hide, nullptr);
  o.origins = parse_origins(d.origins, "origins", nullptr);
  o.origins.erase(std::remove(o.origins.begin(), o.origins.end(), "*"), o.origins.end());
  o.autoheight = d.autoheight;
  return o;
}

// [SECTION] JS API

std::string share_info_json(const AppState& app) {
  using nlohmann::json;
  json views = json::array();
  if (app.layout.data) views.push_back("data");
  if (app.layout.network) views.push_back("network");
  if (app.layout.output) views.push_back("boundary");
  if (app.layout.loss) views.push_back("loss");
  for (View v : all_views())
    if (is_teaching_view(v) && teach_view_open(app, v)) views.push_back(name(v));
  json j;
  j["embed"] = app.share.embed;
  j["controls"] = app.share.embed ? controls_name(app.share.controls) : "full";
  j["views"] = views;
  j["layout"] = {{"top_bar", app.layout.top_bar},
                 {"embed_bar", app.share.embed && app.share.controls == EmbedControls::Minimal},
                 {"data", app.layout.data},
                 {"network", app.layout.network},
                 {"boundary", app.layout.output},
                 {"loss", app.layout.loss}};
  j["origins"] = app.share.origins;
  j["hide"] = app.share.hide;
  j["autoheight"] = app.share.autoheight;
  j["lesson"] = app.teach.lesson ? app.teach.lesson->id : app.share.lesson;
  j["replayable"] = app.replayable && app.step_base == 0;
  j["banner"] = {{"lines", app.banner_lines},
                 {"expanded", app.message_expanded},
                 {"details", app.message_details.size()}};
  j["content_height"] = std::lround(app.share.content_height);
  j["warnings"] = app.share.warnings;
  j["notice"] = !app.message.empty() && app.now < app.message_until ? app.message : "";
  j["hash"] = share_hash(app);
  const ShareState& sh = app.share;
  j["map"] = {{"x", app.map_rect.x}, {"y", app.map_rect.y}, {"size", app.map_rect.size}};
  j["share_button"] = sh.share_button;
  j["copy_link_button"] = sh.copy_link_button;
  j["dialog_open"] = sh.dialog.visible;
  j["dialog_size"] = {sh.dialog.width, sh.dialog.height};
  return j.dump();
}

std::string api_get_link(const AppState& app, const std::string& options_json) {
  using nlohmann::json;
  json out;
  try {
    if (options_json.size() > kMaxLinkBytes)
      throw ConfigError("options", size_limit_message(options_json.size(), kMaxLinkBytes));
    json o = options_json.empty() ? json::object() : json::parse(options_json);
    if (o.is_null()) o = json::object();
    if (!o.is_object()) throw ConfigError("options", "getLink expects an object");
    EmbedLinkOptions lo = dialog_link_options(app);
    bool with_step = false;
    for (const auto& [key, value] : o.items()) {
      if (key == "views") {
        if (!value.is_array()) throw ConfigError("views", "expected an array of view names");
        lo.views.clear();
        for (const json& v : value) {
          if (!v.is_string() || !valid_view(v.get<std::string>()))
            throw ConfigError("views", "unknown view " + excerpt(v.dump()) +
                                           " (allowed: " + allowed_views() + ")");
          lo.views.push_back(v.get<std::string>());
        }
      } else if (key == "controls") {
        if (!value.is_string() || !parse_controls(value.get<std::string>(), lo.controls))
          throw ConfigError("controls", "expected \"none\", \"minimal\" or \"full\"");
      } else if (key == "lesson") {
        if (!value.is_string() ||
            (!value.get<std::string>().empty() && !find_lesson(value.get<std::string>())))
          throw ConfigError("lesson", "unknown lesson " + excerpt(value.dump()));
        lo.lesson = value.get<std::string>();
      } else if (key == "autoplay") {
        if (!value.is_boolean()) throw ConfigError("autoplay", "expected true or false");
        lo.autoplay = value.get<bool>();
      } else if (key == "width" || key == "height") {
        if (!value.is_number_integer() || value.get<long long>() < 100 ||
            value.get<long long>() > 4000)
          throw ConfigError(key, "expected an integer in 100..4000");
        (key == "width" ? lo.width : lo.height) = value.get<int>();
      } else if (key == "hide" || key == "origins") {
        // A comma list or an array of names; a bad entry is an error naming it.
        std::string list;
        if (value.is_string()) {
          list = value.get<std::string>();
        } else if (value.is_array()) {
          for (const json& v : value) {
            if (!v.is_string()) throw ConfigError(key, "expected names, got " + excerpt(v.dump()));
            list += (list.empty() ? "" : ",") + v.get<std::string>();
          }
        } else {
          throw ConfigError(key, "expected an array or a comma list");
        }
        std::vector<std::string> problems;
        const std::vector<std::string> names = key == "hide"
                                                   ? parse_hide_list(list, &problems)
                                                   : parse_origins(list, "origins", &problems);
        if (!problems.empty()) throw ConfigError(key, problems[0]);
        (key == "hide" ? lo.hide : lo.origins) = names;
      } else if (key == "autoheight" || key == "step") {
        if (!value.is_boolean()) throw ConfigError(key, "expected true or false");
        (key == "autoheight" ? lo.autoheight : with_step) = value.get<bool>();
      } else {
        throw ConfigError(key,
                          "unknown option (allowed: views, controls, lesson, autoplay, "
                          "width, height, hide, origins, autoheight, step)");
      }
    }
    const std::string hash = with_step ? share_hash_with_step(app) : share_hash(app);
    out["ok"] = true;
    out["hash"] = hash;
    out["link"] = full_link(app.share.page_url, hash);
    out["embed"] = embed_link(app.share.page_url, hash, lo);
    out["iframe"] = iframe_snippet(app.share.page_url, hash, lo);
    out["full"] = open_full_link(app);
    const std::string note = link_data_note(app);
    if (!note.empty()) out["note"] = note;
    const std::string small = embed_size_warning(lo);
    if (!small.empty()) out["size_warning"] = small;
  } catch (const json::exception& e) {
    out = {{"ok", false}, {"field", "options"}, {"error", std::string("bad JSON: ") + e.what()}};
  } catch (const ConfigError& e) {
    out = {{"ok", false}, {"field", e.field}, {"error", e.what()}};
  }
  return out.dump();
}

std::string api_apply_hash(AppState& app, const std::string& hash) {
  nlohmann::json out;
  out["ok"] = true;
  out["warnings"] = apply_hash(app, hash);
  return out.dump();
}

// [SECTION] UI

void share_copy(AppState& app, const std::string& text, const char* what) {
  if (app.share.copy_text)
    app.share.copy_text(text.c_str());
  else
    ImGui::SetClipboardText(text.c_str());
  app.share.dialog.copied = what;
  app.share.dialog.copied_until = app.now + 2.5;
}

void open_full_playground(AppState& app) {
  const std::string url = open_full_link(app);
  if (app.share.open_url) app.share.open_url(url.c_str());
  // Say what the full page cannot have.
  const std::string note = link_data_note(app);
  if (!note.empty() && share_hash(app).empty())
    app_notify(app, note);
  else if (app.session->steps() > 0 && (!app.replayable || app.step_base != 0))
    app_notify(app,
               "The full playground starts this run at step 0: it was changed while training "
               "(a setting, points or an imported model), so its steps cannot be replayed.");
}

namespace {

void store_rect(float (&r)[4]) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  r[0] = a.x;
  r[1] = a.y;
  r[2] = b.x - a.x;
  r[3] = b.y - a.y;
}

// A read-only text field the user can select in, and a Copy button beside it.
void copy_field(AppState& app, const char* id, const std::string& text, const char* what,
                float width, bool multiline) {
  std::string buf = text;  // ImGui wants a mutable buffer even when read-only
  const ImGuiInputTextFlags ro = ImGuiInputTextFlags_ReadOnly;
  if (multiline)
    ImGui::InputTextMultiline(id, buf.data(), buf.size() + 1,
                              ImVec2(width, ImGui::GetTextLineHeight() * 4.6f), ro);
  else {
    ImGui::SetNextItemWidth(width);
    ImGui::InputText(id, buf.data(), buf.size() + 1, ro);
  }
  ImGui::SameLine();
  ImGui::PushID(id);
  if (ImGui::Button("Copy")) share_copy(app, text, what);
  if (std::string(what) == "link") store_rect(app.share.copy_link_button);
  ImGui::PopID();
  if (app.share.dialog.copied == what && app.now < app.share.dialog.copied_until) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.10f, 0.50f, 0.20f, 1.0f), "copied");
  }
}

constexpr double kEmbedRates[] = {0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0};

}  // namespace

void draw_share_button(AppState& app) {
  if (ImGui::Button("Share")) app.share.dialog.open = true;
  store_rect(app.share.share_button);
  tip("A link to this run (config and seed in the URL) and an iframe snippet for a course page.");
}

void draw_share_dialog(AppState& app) {
  ShareDialog& d = app.share.dialog;
  const float s = app.ui_scale;
  if (d.open) {
    ImGui::OpenPopup("Share / Embed");
    d.open = false;
    // The page's own hide list is the embed's starting point.
    if (d.hide[0] == '\0' && !app.share.hide.empty())
      std::snprintf(d.hide, sizeof d.hide, "%s", join(app.share.hide, ",").c_str());
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(
      ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
      ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), vp->WorkSize);
  bool keep = true;
  d.visible = ImGui::BeginPopupModal("Share / Embed", &keep, ImGuiWindowFlags_AlwaysAutoResize);
  if (!d.visible) return;
  const float field_w = std::min(560.0f * s, vp->WorkSize.x - 120.0f * s);
  const std::string hash = share_hash(app);
  section_title(app, "LINK TO THIS RUN");
  const std::string note = link_data_note(app);
  if (hash.empty()) {
    ImGui::PushTextWrapPos(field_w);
    ImGui::TextUnformatted(note.empty() ? "This run has no link." : note.c_str());
    ImGui::PopTextWrapPos();
    if (app.user_mode && ImGui::Button("Export data CSV"))
      app.file_request = FileAction::ExportDataCsv;
  } else {
    ImGui::TextDisabled(app.user_mode ? "The whole config, the seed and your points: same data, "
                                        "same initial weights, same losses."
                                      : "The whole config and the seed: same data, same initial "
                                        "weights, same losses.");
    copy_field(app, "##link", full_link(app.share.page_url, hash), "link", field_w, false);
    if (!note.empty()) {
      ImGui::PushTextWrapPos(field_w);
      ImGui::TextDisabled("%s", note.c_str());
      ImGui::PopTextWrapPos();
    }
  }
  ImGui::Spacing();
  section_title(app, "EMBED IN A COURSE PAGE");
  ImGui::TextUnformatted("Views");
  ImGui::SameLine();
  ImGui::Checkbox("Data", &d.data);
  ImGui::SameLine();
  ImGui::Checkbox("Network", &d.network);
  ImGui::SameLine();
  ImGui::Checkbox("Boundary", &d.boundary);
  ImGui::SameLine();
  ImGui::Checkbox("Loss", &d.loss);
  ImGui::SameLine();
  ImGui::Checkbox("Open teaching views", &d.teaching);
  ImGui::TextUnformatted("Controls");
  ImGui::SameLine();
  ImGui::RadioButton("None", &d.controls, 0);
  ImGui::SameLine();
  ImGui::RadioButton("Minimal", &d.controls, 1);
  tip("Play/pause, step, reset, learning rate and a link to the full playground.");
  ImGui::SameLine();
  ImGui::RadioButton("Full", &d.controls, 2);
  ImGui::SameLine(0, 18 * s);
  ImGui::Checkbox("Autoplay", &d.autoplay);
  if (app.teach.lesson) {
    ImGui::SameLine();
    ImGui::Checkbox("Lesson", &d.lesson);
    tip("Pass the open lesson (lesson=...): its views open in the embed.");
  }
  ImGui::TextUnformatted("Size");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(70 * s);
  ImGui::InputInt("##w", &d.width, 0);
  ImGui::SameLine();
  ImGui::TextUnformatted("x");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(70 * s);
  ImGui::InputInt("##h", &d.height, 0);
  d.width = std::clamp(d.width, 320, 4000);
  d.height = std::clamp(d.height, 240, 4000);
  static constexpr int kSizes[][2] = {{320, 240}, {400, 300}, {640, 400}, {800, 600}};
  for (const auto& sz : kSizes) {
    ImGui::SameLine();
    char label[24];
    std::snprintf(label, sizeof label, "%dx%d", sz[0], sz[1]);
    if (ImGui::SmallButton(label)) {
      d.width = sz[0];
      d.height = sz[1];
    }
    tab_order_name(ImGui::GetID(label), label);
  }
  ImGui::TextUnformatted("Hide");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(260 * s, field_w * 0.5f));
  ImGui::InputTextWithHint("##hide", "lr,optimizer,...", d.hide, sizeof d.hide);
  {
    static const std::string hide_help =
        "Controls the embed does not draw (comma list): " + hideable_names() +
        " (docs/embedding.md).";
    tip(hide_help.c_str());
  }
  ImGui::SameLine();
  ImGui::Checkbox("Auto-height", &d.autoheight);
  tip("autoheight=1: the embed tells the course page (LMS frame) its content height.");
  ImGui::TextUnformatted("Origins");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(360 * s, field_w * 0.7f));
  ImGui::InputTextWithHint("##origins", "https://course.example.edu", d.origins, sizeof d.origins);
  tip("Parent pages allowed to drive the embed by postMessage (comma list); empty: any.");
  // Bad entries are named here, before they reach a course page.
  std::vector<std::string> problems;
  parse_hide_list(d.hide, &problems);
  parse_origins(d.origins, "origins", &problems);
  const EmbedLinkOptions lo = dialog_link_options(app);
  const std::string small = embed_size_warning(lo);
  if (!small.empty()) problems.push_back("Size: " + small);
  ImGui::PushTextWrapPos(field_w);
  for (std::size_t i = 0; i < problems.size() && i < 3; ++i)
    ImGui::TextColored(ImVec4(0.62f, 0.36f, 0.02f, 1.0f), "%s", excerpt(problems[i], 300).c_str());
  ImGui::PopTextWrapPos();
  if (!hash.empty()) {
    ImGui::TextDisabled("iframe snippet (paste it into the course page's HTML):");
    copy_field(app, "##snippet", iframe_snippet(app.share.page_url, hash, lo), "snippet", field_w,
               true);
    ImGui::TextDisabled("Embed link:");
    const std::string link = embed_link(app.share.page_url, hash, lo);
    copy_field(app, "##embed", link, "embed", field_w, false);
    if (app.share.preview) {
      if (ImGui::Button("Preview")) app.share.preview(link.c_str(), lo.width, lo.height);
      tip("The embed at the chosen size, live, in a frame over this page (Escape closes it).");
    }
  }
  ImGui::Spacing();
  if (ImGui::Button("Close", ImVec2(90 * s, 0))) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void draw_embed_bar(AppState& app) {
  if (!app.share.embed || app.share.controls != EmbedControls::Minimal) return;
  const float s = app.ui_scale;
  Session& ses = *app.session;
  const bool can_play = !ses.diverged() && !user_incomplete(app);
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  const char* full = "Open full";
  // (No "Open full" where there is no browser to open it in: the desktop app's --query.)
  const float full_w =
      app.share.open_url ? ImGui::CalcTextSize(full).x + ImGui::GetStyle().FramePadding.x * 2 : 0;
  // Each item is placed only if it leaves room for the "Open full" button on the right.
  const auto fits = [&](float w) {
    return ImGui::GetCursorScreenPos().x + w + full_w + 8 * s <= right;
  };
  ImGui::BeginDisabled(!can_play && !app.playing);
  ImGui::PushStyleColor(ImGuiCol_Button, app.playing ? ImVec4(0.85f, 0.87f, 0.90f, 1.0f)
                                                     : ImVec4(0.031f, 0.467f, 0.741f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_Text,
                        app.playing ? ImVec4(0.1f, 0.1f, 0.12f, 1.0f) : ImVec4(1, 1, 1, 1));
  if (control_shown(app, "play")) {
    if (ImGui::Button(app.playing ? "||" : "▶", ImVec2(34 * s, 0)))
      app_set_playing(app, !app.playing);
    tip(app.playing ? "Pause (space)." : "Train continuously (space).");
    ImGui::SameLine();
  }
  ImGui::PopStyleColor(2);
  ImGui::EndDisabled();
  if (control_shown(app, "step")) {
    ImGui::BeginDisabled(!can_play);
    if (ImGui::Button("Step")) app.pending_steps += 1;
    ImGui::EndDisabled();
    tip("One training step (s).");
    ImGui::SameLine();
  }
  if (control_shown(app, "reset") && fits(ImGui::CalcTextSize("Reset").x + 12 * s)) {
    if (ImGui::Button("Reset")) app.pending_reset = true;
    tip("New initial weights from the seed (r).");
    ImGui::SameLine();
  }
  const float lr_w = 70 * s;
  if (control_shown(app, "lr") && fits(ImGui::CalcTextSize("lr").x + lr_w + 12 * s)) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("lr");
    ImGui::SameLine();
    preset_combo("##embedlr", app.config.optimizer.learning_rate, kEmbedRates, lr_w);
    tip("Learning rate α.");
    ImGui::SameLine();
  }
  char buf[48], text[64];
  std::snprintf(text, sizeof text, "step %s", group_digits(ses.steps(), buf, sizeof buf));
  if (fits(ImGui::CalcTextSize(text).x)) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::SameLine();
  }
  if (app.share.open_url) {
    ImGui::SetCursorScreenPos(ImVec2(right - full_w, ImGui::GetCursorScreenPos().y));
    if (ImGui::Button(full)) open_full_playground(app);
    tip("Open this run in the full playground (new tab).");
  } else {
    ImGui::NewLine();
  }
  ImGui::Separator();
}

void draw_embed_overlay(AppState& app) {
  if (!app.share.embed || app.share.controls == EmbedControls::Minimal || !app.share.open_url)
    return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float pad = 4 * app.ui_scale;
  ImGui::SetNextWindowPos(
      ImVec2(vp->WorkPos.x + vp->WorkSize.x - pad, vp->WorkPos.y + vp->WorkSize.y - pad),
      ImGuiCond_Always, ImVec2(1, 1));
  ImGui::SetNextWindowBgAlpha(0.0f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoNav |
                                 ImGuiWindowFlags_NoFocusOnAppearing;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  if (ImGui::Begin("##openfull", nullptr, flags)) {
    if (ImGui::SmallButton("Open full playground")) open_full_playground(app);
    tip("Open this run in the full playground (new tab).");
  }
  ImGui::End();
  ImGui::PopStyleVar();
}

}  // namespace nn::app
