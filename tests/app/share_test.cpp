// Sharing and embedding without a browser (ctest app-share): the embed query and origin
// parsing, the URL hash round trip (same losses after the same steps), a bad hash that names its
// field and keeps the rest, the embed layouts drawn headless at 320x240, the links and snippet,
// and the Share dialog's copy buttons.
#define CATCH_CONFIG_MAIN
#include "share.hpp"

#include <imgui.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api.hpp"
#include "app.hpp"
#include "headless.hpp"
#include "io/link_codec.hpp"
#include "io/url_codec.hpp"
#include "tab_order.hpp"
#include "teach_ui.hpp"
#include "ui.hpp"

using namespace nn;
using namespace nn::app;
using Catch::Contains;

namespace {

using testing::Headless;

bool any_contains(const std::vector<std::string>& v, const std::string& part) {
  for (const std::string& s : v)
    if (s.find(part) != std::string::npos) return true;
  return false;
}

std::string g_copied;
void fake_copy(const char* text) { g_copied = text; }

// Frames with the Tab-order hooks on; afterwards tab_order_widgets() lists the last frame's.
void tab_frames(Headless& h, AppState& app, int n) {
  tab_order_install();
  for (int i = 0; i < n; ++i) {
    tab_order_new_frame();
    h.frame(app);
  }
  tab_order_new_frame();
}

}  // namespace

TEST_CASE("the embed query is parsed; bad values name their parameter", "[share]") {
  std::vector<std::string> w;
  EmbedOptions o = parse_embed_query(
      "?embed=1&views=boundary,loss&controls=none&lesson=s2_3_dropout&autoplay=1", &w);
  CHECK(w.empty());
  CHECK(o.embed);
  CHECK(o.views == std::vector<std::string>{"boundary", "loss"});
  CHECK(o.controls == EmbedControls::None);
  CHECK(o.lesson == "s2_3_dropout");
  CHECK(o.autoplay);
  CHECK_FALSE(o.origins_given);

  w.clear();
  o = parse_embed_query(
      "embed=yes&views=boundary,sparkles&controls=most&lesson=nope&"
      "autoplay=maybe&colour=red",
      &w);
  CHECK(o.embed);  // a bad embed= still embeds (the page asked for it)
  CHECK(o.views == std::vector<std::string>{"boundary"});
  CHECK(o.controls == EmbedControls::Minimal);
  CHECK(o.lesson.empty());
  CHECK_FALSE(o.autoplay);
  REQUIRE(w.size() == 6);
  CHECK_THAT(w[0], Contains("embed:"));
  CHECK_THAT(w[1], Contains("views:") && Contains("sparkles"));
  CHECK_THAT(w[2], Contains("controls:") && Contains("most"));
  CHECK_THAT(w[3], Contains("lesson:") && Contains("nope"));
  CHECK_THAT(w[4], Contains("autoplay:"));
  CHECK_THAT(w[5], Contains("colour"));

  w.clear();
  o = parse_embed_query("embed=1&views=%20graph%2Cinspector", &w);  // percent-escapes
  CHECK(w.empty());
  CHECK(o.views == std::vector<std::string>{"graph", "inspector"});
  w.clear();
  o = parse_embed_query("embed=1&views=nothing", &w);
  CHECK(o.views.empty());  // the default views
  CHECK(any_contains(w, "using the default views"));
}

TEST_CASE("origins: valid entries kept, bad ones named; the host's meta list wins", "[share]") {
  std::vector<std::string> w;
  const auto o = parse_origins(
      "https://A.edu/, http://b.edu:8080,ftp://c.edu,https://d.edu/path,https://e.edu:99999,*",
      "origins", &w);
  CHECK(o == std::vector<std::string>{"https://a.edu", "http://b.edu:8080", "*"});
  REQUIRE(w.size() == 3);
  CHECK_THAT(w[0], Contains("origins") && Contains("ftp://c.edu"));
  CHECK_THAT(w[1], Contains("https://d.edu/path"));
  CHECK_THAT(w[2], Contains("99999"));

  const std::vector<std::string> a{"https://a.edu"}, ab{"https://a.edu", "https://b.edu"}, any{"*"},
      none{};
  CHECK(effective_origins(false, none, false, none) == any);
  CHECK(effective_origins(false, none, true, a) == a);
  CHECK(effective_origins(true, ab, false, none) == ab);
  CHECK(effective_origins(true, a, true, ab) == a);     // the query cannot widen the meta
  CHECK(effective_origins(true, ab, true, any) == ab);  // "*" in the query = all of the host's
  CHECK(effective_origins(true, any, true, a) == a);    // narrowing an open host is fine
  CHECK(effective_origins(false, none, true, none).empty());  // only bad entries: closed

  AppState app;
  app_init(app, Config{});
  w = share_startup(app, "http://x/index.html", "?origins=nonsense", "", false, "");
  CHECK(app.share.origins.empty());
  CHECK(any_contains(w, "postMessage calls are refused"));
}

TEST_CASE("a link reproduces the data, the weights and the losses", "[share]") {
  Config cfg;
  cfg.data.dataset = DatasetKind::Spiral;
  cfg.data.classes = 3;
  cfg.loss = Loss::Softmax;
  cfg.data.noise = 0.15;
  cfg.network.hidden = {7, 5};
  cfg.network.activation = {Activation::Relu};
  cfg.optimizer.kind = OptimizerKind::Adam;
  cfg.optimizer.learning_rate = 0.01;
  cfg.batch_size = 16;
  cfg.seed = 4242;
  AppState a;
  app_init(a, cfg);
  CHECK(app_step(a, 300) == 300);
  const std::string hash = share_hash(a);
  CHECK_THAT(hash, Contains("seed=4242") && Contains("ds=spiral") && Contains("h=7,5"));

  AppState b;
  app_init(b, Config{});
  const std::vector<std::string> w = share_startup(b, "", "", "#" + hash, false, "");
  CHECK(w.empty());
  CHECK(b.session->config() == a.session->config());
  CHECK(b.session->steps() == 0);
  CHECK(app_step(b, 300) == 300);
  CHECK(b.session->train_loss() == a.session->train_loss());  // exactly: deterministic core
  CHECK(b.session->test_loss() == a.session->test_loss());
  CHECK(share_hash(b) == hash);

  // 501 user points (the generated 500 and a click) are more than a link holds.
  user_add_point(b, 1.0, 1.0, false);
  CHECK(share_hash(b).empty());
}

TEST_CASE("a bad hash names the bad fields, keeps the others and shows a message", "[share]") {
  AppState app;
  app_init(app, Config{});
  const std::vector<std::string> w =
      apply_hash(app, "#v=1&ds=xor&noise=lots&lr=0.03&h=3,zz&seed=77");
  const Config& c = app.session->config();
  CHECK(c.data.dataset == DatasetKind::Xor);
  CHECK(c.optimizer.learning_rate == 0.03);
  CHECK(c.seed == 77);
  CHECK(c.data.noise == Config{}.data.noise);
  CHECK(c.network.hidden == Config{}.network.hidden);
  CHECK(any_contains(w, "data.noise"));
  CHECK(any_contains(w, "network.hidden"));
  CHECK_FALSE(any_contains(w, "learning_rate"));
  CHECK_THAT(app.message, Contains("data.noise") && Contains("network.hidden"));
  const auto info = nlohmann::json::parse(share_info_json(app));
  CHECK_THAT(info["notice"].get<std::string>(), Contains("data.noise"));

  // A truncated link ("lr=0." cut off mid-number) keeps what came before.
  AppState t;
  app_init(t, Config{});
  const auto wt = apply_hash(t, "v=1&ds=spiral&cls=3&loss=softmax&lr=0.");
  CHECK(t.session->config().data.dataset == DatasetKind::Spiral);
  CHECK(t.session->config().optimizer.learning_rate == Config{}.optimizer.learning_rate);
  CHECK(any_contains(wt, "learning_rate"));
}

// 20 480 bad fields grew the wasm heap to ~620 MB (a 2 MB banner text) and printed every warning.
TEST_CASE("a link with thousands of bad fields: 20 warnings, a short notice", "[share]") {
  AppState app;
  app_init(app, Config{});
  std::string hash = "v=1&lr=0.1";
  for (int i = 0; i < 5000; ++i) hash += "&zz" + std::to_string(i) + "=1";
  const std::vector<std::string> w = apply_hash(app, hash);
  REQUIRE(w.size() == 20);
  CHECK(w.back() == "and 4981 more problems");
  CHECK(app.session->config().optimizer.learning_rate == 0.1);  // the good field applied
  CHECK(app.message.size() <= 260);  // the banner shows three lines of it, "Show all" the rest
  CHECK(app.message_details.size() == 20);
  CHECK_THAT(app.message, Contains("zz0") && Contains("; also \"zz1\", \"zz2\"") &&
                              Contains(" more (all in nnplay.embedInfo().warnings)"));
  // Past the link limit nothing is applied.
  AppState big;
  app_init(big, Config{});
  const auto wb = apply_hash(big, "v=1&lr=0.1&zz=" + std::string(100000, 'x'));
  REQUIRE(wb.size() == 1);
  CHECK_THAT(wb[0], Contains("link: the input is 97.7 KB; the limit is 64 KB"));
  CHECK(big.session->config().optimizer.learning_rate == Config{}.optimizer.learning_rate);
  // setConfig past 1 MB, straight to the C++ side.
  const auto r = nlohmann::json::parse(
      api_set_config(app, "{\"seed\": 1" + std::string(2u << 20, ' ') + "}", false));
  CHECK(r["ok"] == false);
  CHECK(r["field"] == "json");
  CHECK_THAT(r["error"].get<std::string>(), Contains("the limit is 1 MB"));
}

TEST_CASE("embed layouts: only the chosen views, drawn at 320x240 and 400x300", "[share]") {
  struct Case {
    const char* query;
    bool top, data, network, boundary, loss;
    const char* teaching;  // a teaching view that must be open, or ""
    float min_map;         // the map's side at least this share of the frame's smaller side
  };
  const Case cases[] = {
      {"?embed=1&views=boundary&controls=none", false, false, false, true, false, "", 0.6f},
      {"?embed=1&views=boundary,loss&controls=minimal", false, false, false, true, true, "", 0.5f},
      // Everything at once in a tiny frame is the embedder's choice: it must draw, that is all.
      {"?embed=1&views=data,network,boundary,loss&controls=full", true, true, true, true, true, "",
       0.0f},
      {"?embed=1&lesson=s3_2_computational_graph&controls=minimal", false, false, true, false,
       false, "graph", 0.0f},
      {"?embed=1&views=inspector&lesson=s1_5_elementwise_backprop", false, false, false, false,
       false, "inspector", 0.0f},
  };
  for (const Case& k : cases) {
    for (const auto& size : {ImVec2(320, 240), ImVec2(400, 300)}) {
      INFO(k.query << " at " << size.x << "x" << size.y);
      Headless h(size.x, size.y);
      AppState app;
      app_init(app, Config{});
      app.share.open_url = fake_copy;
      const auto w = share_startup(app, "http://h/index.html", k.query, "", false, "");
      CHECK(w.empty());
      CHECK(app.share.embed);
      CHECK(app.layout.top_bar == k.top);
      CHECK(app.layout.data == k.data);
      CHECK(app.layout.network == k.network);
      CHECK(app.layout.output == k.boundary);
      CHECK(app.layout.loss == k.loss);
      if (*k.teaching) CHECK(teach_view_open(app, parse_view(k.teaching, "t")));
      app.playing = true;
      h.frames(app, 6);
      CHECK(app.session->steps() > 0);
      if (k.min_map > 0) CHECK(app.map_rect.size > k.min_map * std::min(size.x, size.y));
    }
  }
  // autoplay=1 starts training; the "open full playground" link carries the hash.
  Headless h(400, 300);
  AppState app;
  app_init(app, Config{});
  app.share.open_url = fake_copy;
  share_startup(app, "https://u.edu/p/index.html", "embed=1&autoplay=1", "v=1&ds=xor", false, "");
  CHECK(app.playing);
  g_copied.clear();
  open_full_playground(app);
  CHECK(g_copied == "https://u.edu/p/index.html#" + share_hash(app));
  CHECK_THAT(g_copied, Contains("ds=xor"));
}

TEST_CASE("links, the iframe snippet and getLink", "[share]") {
  AppState app;
  app_init(app, Config{});
  apply_hash(app, "v=1&ds=spiral&cls=3&loss=softmax");
  app.share.page_url = "https://c.edu/nn/index.html";
  EmbedLinkOptions o;
  o.views = {"boundary", "loss"};
  o.controls = EmbedControls::None;
  o.lesson = "s2_2_regularization";
  o.autoplay = true;
  o.width = 400;
  o.height = 300;
  const std::string hash = share_hash(app);
  CHECK(embed_link(app.share.page_url, hash, o) ==
        "https://c.edu/nn/index.html?embed=1&views=boundary,loss&controls=none&"
        "lesson=s2_2_regularization&autoplay=1#" +
            hash);
  const std::string snippet = iframe_snippet(app.share.page_url, hash, o);
  CHECK_THAT(snippet, Contains("?embed=1&amp;views=boundary,loss&amp;controls=none"));
  CHECK_THAT(snippet, Contains("width=\"400\" height=\"300\""));
  CHECK(snippet.find("&ds") == std::string::npos);  // every '&' escaped
  CHECK(full_link("", hash) == "index.html#" + hash);

  auto j = nlohmann::json::parse(api_get_link(app, R"({"views":["loss"],"controls":"full"})"));
  CHECK(j["ok"] == true);
  CHECK(j["link"] == "https://c.edu/nn/index.html#" + hash);
  CHECK_THAT(j["embed"].get<std::string>(), Contains("views=loss&controls=full"));
  j = nlohmann::json::parse(api_get_link(app, R"({"views":["sparkles"]})"));
  CHECK(j["ok"] == false);
  CHECK(j["field"] == "views");
  j = nlohmann::json::parse(api_get_link(app, R"({"width": 5})"));
  CHECK(j["field"] == "width");
  j = nlohmann::json::parse(api_get_link(app, "{not json"));
  CHECK(j["ok"] == false);
}

TEST_CASE("the Share dialog draws and its Copy button reaches the clipboard hook", "[share]") {
  AppState app;
  app_init(app, Config{});
  app.share.page_url = "http://h/index.html";
  app.share.copy_text = fake_copy;
  {
    Headless h(1280, 720);
    CHECK_FALSE(app.share.dialog.visible);
    app.share.dialog.open = true;
    h.frames(app, 3);
    CHECK(app.share.dialog.visible);
    CHECK(app.share.copy_link_button[2] > 0);  // the Copy button was laid out
    g_copied.clear();
    share_copy(app, full_link(app.share.page_url, share_hash(app)), "link");
    CHECK(g_copied == "http://h/index.html#v=1");
    h.frames(app, 2);  // shows "copied"
    CHECK(app.share.dialog.copied == "link");
  }
  {
    // Small screens too (the dialog is clamped to the viewport).
    Headless small(320, 240);
    app.share.dialog.open = true;
    small.frames(app, 3);
    CHECK(app.share.dialog.visible);
  }
}

TEST_CASE("autoheight: the content height gives the map its full size and follows the width",
          "[share]") {
  std::vector<std::string> w;
  CHECK(parse_embed_query("?embed=1&autoheight=1", &w).autoheight);
  CHECK(w.empty());
  CHECK_FALSE(parse_embed_query("?embed=1&autoheight=tall", &w).autoheight);
  REQUIRE(w.size() == 1);
  CHECK_THAT(w[0], Contains("autoheight"));

  // The map's side and the content height (CSS px) of an embed drawn at w x h.
  struct Drawn {
    float map, content;
  };
  const auto draw = [](const char* query, float width, float height) {
    Headless h(width, height);
    AppState app;
    app_init(app, Config{});
    share_startup(app, "http://h/index.html", query, "", false, "");
    h.frames(app, 4);
    return Drawn{app.map_rect.size, app.share.content_height};
  };
  for (const char* query : {"?embed=1&views=boundary,loss&controls=minimal&autoheight=1",
                            "?embed=1&views=network,boundary,loss&autoheight=1",
                            "?embed=1&views=boundary&controls=none"}) {
    INFO(query);
    const Drawn short_frame = draw(query, 520, 240);
    const float H = short_frame.content;
    REQUIRE(H >= 240);
    const Drawn at_h = draw(query, 520, H);
    // (Only a little taller: much taller, the loss moves from beside the map to below it.)
    const Drawn taller = draw(query, 520, H + 30);
    // At H the map has the size a taller frame gives it, and H stays H there.
    CHECK(at_h.map >= taller.map - 1);
    CHECK(std::abs(at_h.content - H) <= 1);
    CHECK(std::abs(taller.content - H) <= 1);
    // 40 px less and the map shrinks: H is not more than the layout needs.
    CHECK(draw(query, 520, H - 40).map < at_h.map - 1);
    // A wider frame has a larger map, so it wants more height.
    CHECK(draw(query, 800, 300).content > H);
  }
  // Teaching views alone: the height of what they show, the same at any frame height.
  const char* graph = "?embed=1&lesson=s3_2_computational_graph&views=graph&controls=none";
  const float g = draw(graph, 400, 300).content;
  CHECK(g >= 240);
  CHECK(std::abs(draw(graph, 400, 900).content - g) <= 1);
  // Outside embed mode there is none.
  CHECK(draw("", 800, 600).content == 0);
// What links carry (io/link_codec): drawn points, the step count of Open full, hidden controls,
// TensorFlow Playground links, and the banner that shows three lines of a long notice.
TEST_CASE("drawn points travel in the link and reproduce the run", "[share][links]") {
  Headless h;
  AppState a;
  app_init(a, Config{});
  h.frames(a, 2);
  user_clear(a);
  // Points as clicks give them (off the 0.01 grid: the app snaps them).
  for (int i = 0; i < 30; ++i)
    user_add_point(a, -5 + 0.3337 * i, 4 - 0.2713 * i, i % 3 == 0, i % 5 == 4);
  h.frames(a, 2);
  REQUIRE(a.user_mode);
  REQUIRE(a.user_points.size() == 30);
  for (const UserPoint& u : a.user_points) CHECK(on_link_grid(u.x1));
  const std::string hash = share_hash(a);
  REQUIRE_THAT(hash, Contains("ds=user") && Contains("&ud="));
  CHECK(link_data_note(a).empty());  // exact: nothing is rounded
  app_reset(a);
  app_step(a, 120);

  AppState b;
  app_init(b, Config{});
  const std::vector<std::string> w = apply_hash(b, "#" + hash);
  CHECK(w.empty());
  REQUIRE(b.user_mode);
  REQUIRE(b.user_points.size() == 30);
  for (std::size_t i = 0; i < 30; ++i) {
    CHECK(b.user_points[i].x1 == a.user_points[i].x1);
    CHECK(b.user_points[i].label == a.user_points[i].label);
    CHECK(b.user_points[i].split == a.user_points[i].split);
  }
  app_step(b, 120);
  CHECK(b.session->train_loss() == a.session->train_loss());
  CHECK(b.session->test_loss() == a.session->test_loss());
  CHECK(share_hash(b) == hash);

  // Open full: the steps ride along while the run is replayable, and replay on open.
  const std::string full = open_full_link(a);
  CHECK_THAT(full, Contains("&step=120"));
  AppState c;
  app_init(c, Config{});
  apply_hash(c, full.substr(full.find('#')));
  CHECK(c.session->steps() == 120);
  CHECK(c.session->train_loss() == a.session->train_loss());
  // A setting changed mid-run: no step count (it could not be replayed).
  Config hot = a.session->config();
  hot.optimizer.learning_rate = 0.3;
  REQUIRE(app_set_config(a, hot, nullptr));
  app_step(a, 5);
  CHECK_FALSE(a.replayable);
  CHECK_THAT(open_full_link(a), !Contains("step="));

  // More than 200 points: no link, one clear line.
  AppState big;
  app_init(big, Config{});
  user_add_point(big, 0.5, 0.5, false);  // turns the 500 generated points into the user's
  h.frames(big, 1);
  CHECK(share_hash(big).empty());
  CHECK_THAT(link_data_note(big), Contains("501 points are more than a link holds (200)") &&
                                      Contains("Export data CSV"));
}

TEST_CASE("hide= hides controls; the Share dialog builds the embed", "[share][links]") {
  std::vector<std::string> w;
  const EmbedOptions o =
      parse_embed_query("?embed=1&controls=full&hide=lr,optimizer,nope&autoheight=1", &w);
  CHECK(o.hide == std::vector<std::string>{"lr", "optimizer"});
  CHECK(o.autoheight);
  REQUIRE(w.size() == 1);
  CHECK_THAT(w[0], Contains("\"nope\""));
  Headless h(1280, 720);
  AppState app;
  app_init(app, Config{});
  share_startup(app, "http://x/index.html", "?hide=lr,optimizer,seed", "", false, "");
  tab_frames(h, app, 2);
  bool lr = false, opt = false, batch = false;
  for (const auto& wi : tab_order_widgets()) {
    lr = lr || wi.label == "##lr";
    opt = opt || wi.label == "##optimizer";
    batch = batch || wi.label == "##batch";
  }
  CHECK_FALSE(lr);
  CHECK_FALSE(opt);
  CHECK(batch);  // not hidden
  const auto info = nlohmann::json::parse(share_info_json(app));
  CHECK(info["hide"] == nlohmann::json::array({"lr", "optimizer", "seed"}));
  // getLink carries hide, origins and autoheight into the snippet; bad names are errors.
  const auto l = nlohmann::json::parse(
      api_get_link(app, R"({"hide": ["lr"], "origins": "https://a.edu", "autoheight": true,
               "views": ["network", "boundary", "loss"], "width": 320, "height": 240})"));
  REQUIRE(l["ok"] == true);
  CHECK_THAT(l["embed"].get<std::string>(), Contains("&hide=lr") &&
                                                Contains("&origins=https%3A%2F%2Fa.edu") &&
                                                Contains("&autoheight=1"));
  CHECK_THAT(l["size_warning"].get<std::string>(), Contains("320x240 is small"));
  const auto bad = nlohmann::json::parse(api_get_link(app, R"({"hide": ["lr", "wings"]})"));
  CHECK(bad["ok"] == false);
  CHECK(bad["field"] == "hide");
  CHECK_THAT(bad["error"].get<std::string>(), Contains("\"wings\""));
  EmbedLinkOptions big;
  big.views = {"boundary"};
  big.controls = EmbedControls::None;
  big.width = 400;
  big.height = 300;
  CHECK(embed_size_warning(big).empty());
}

TEST_CASE("a TensorFlow Playground link opens translated with one line", "[share][links]") {
  AppState app;
  app_init(app, Config{});
  const std::vector<std::string> w =
      apply_hash(app,
                 "#activation=tanh&batchSize=10&dataset=xor&regDataset=reg-plane&learningRate=0.01&"
                 "regularizationRate=0&noise=0&networkShape=5,3&seed=0.80857&showTestData=true&"
                 "discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&"
                 "ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&"
                 "problem=classification&initZero=false&hideText=false&batchSize_hide=true");
  REQUIRE(w.size() == 1);
  CHECK_THAT(w[0], Contains("TensorFlow Playground"));
  const Config& c = app.session->config();
  CHECK(c.data.dataset == DatasetKind::Xor);
  CHECK(c.network.hidden == std::vector<int>{5, 3});
  CHECK(c.optimizer.learning_rate == 0.01);
  CHECK(app.view.show_test);
  CHECK(app.share.hide == std::vector<std::string>{"batch"});
  CHECK(share_hash(app).rfind("v=1&", 0) == 0);  // the page's hash becomes ours
}

TEST_CASE("the banner shows at most three lines; Show all unfolds the rest", "[share][links]") {
  Headless h(400, 300);
  AppState app;
  app_init(app, Config{});
  std::string hash = "v=1&lr=0.1";
  for (int i = 0; i < 35; ++i) hash += "&bad" + std::to_string(i) + "=1";
  share_startup(app, "", "?embed=1&views=boundary,loss&controls=minimal", hash, false, "");
  tab_frames(h, app, 2);
  CHECK(app.banner_lines >= 1);
  CHECK(app.banner_lines <= 3);
  bool toggle = false;
  for (const auto& wi : tab_order_widgets()) toggle = toggle || wi.label == "Show all";
  REQUIRE(toggle);  // a widget: mouse, touch and Tab reach it
  app.message_expanded = true;
  h.frames(app, 2);
  CHECK(app.banner_lines > 3);
}
