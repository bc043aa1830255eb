// Lessons: one per NOTES-MAP row, unique ids, every config validates and a Session trains it 50
// steps without diverging (variants too, except the one meant to diverge, which must), the
// notes' slips are pointed out, and docs/lessons.md lists every lesson.
// Also the §2.4 activation statistics on hand-built cases.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "core/activation_stats.hpp"
#include "core/lessons.hpp"
#include "core/race.hpp"
#include "core/session.hpp"

using namespace nn;

namespace {
int sentences(const std::string& t) {
  int n = 0;
  for (std::size_t i = 0; i < t.size(); ++i)
    if ((t[i] == '.' || t[i] == '!' || t[i] == '?') && (i + 1 == t.size() || t[i + 1] == ' ')) ++n;
  return n;
}
const Lesson& by_section(const std::vector<Lesson>& all, const std::string& section) {
  for (const Lesson& l : all)
    if (l.section == section) return l;
  FAIL("no lesson for section " << section);
  return all.front();
}
}  // namespace

TEST_CASE("lessons: one per section of the notes, unique ids, texts and views", "[lessons]") {
  const std::vector<Lesson> all = all_lessons();
  const std::vector<std::string> sections = {"1.1", "1.2", "1.3-1.4", "1.5", "1.6", "2.1",
                                             "2.2", "2.3", "2.4",     "2.5", "2.6", "2.7",
                                             "2.8", "2.9", "3.1",     "3.2"};
  REQUIRE(all.size() == sections.size());
  std::set<std::string> ids;
  // "s<chapter>_<section>_<words>", lower case: stable names for URLs and openLesson(id).
  auto id_form = [](const std::string& id) {
    if (id.size() < 6 || id[0] != 's' || id[1] < '1' || id[1] > '3' || id[2] != '_' ||
        id[3] < '1' || id[3] > '9' || id[4] != '_')
      return false;
    for (char ch : id)
      if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) return false;
    return true;
  };
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Lesson& l = all[i];
    INFO(l.id);
    CHECK(l.section == sections[i]);  // the notes' order
    CHECK(id_form(l.id));
    CHECK(ids.insert(l.id).second);  // unique
    CHECK_FALSE(l.title.empty());
    CHECK_FALSE(l.formula.empty());
    CHECK(sentences(l.text) >= 2);
    CHECK(sentences(l.text) <= 4);
    CHECK_FALSE(l.views.empty());
    CHECK(l.race.size() <= static_cast<std::size_t>(kMaxRaceLanes));
    REQUIRE(find_lesson(l.id).has_value());
    CHECK(find_lesson(l.id)->title == l.title);
  }
  CHECK_FALSE(find_lesson("no_such_lesson").has_value());
  for (View v : all_views()) CHECK(parse_view(name(v), "views") == v);
  CHECK_THROWS_AS(parse_view("graphs", "views"), ConfigError);
}

TEST_CASE("lessons: the presets the notes call for", "[lessons]") {
  const std::vector<Lesson> all = all_lessons();
  const Lesson& single = by_section(all, "1.1");
  CHECK(single.config.network.hidden.empty());  // one neuron: a straight-line boundary
  CHECK(single.config.loss == Loss::Logistic);  // linear output + logistic loss = sigmoid neuron
  const Lesson& ner = by_section(all, "1.3-1.4");
  CHECK(ner.config.data.dataset == DatasetKind::NerWindow);
  CHECK(ner.config.loss == Loss::MaxMargin);
  CHECK(ner.config.network_spec().inputs == 20);
  CHECK(ner.config.network.hidden == std::vector<int>{8});  // W in R^{8x20}
  const Lesson& e = by_section(all, "1.5");
  CHECK(e.config.network_spec().inputs == 4);  // the notes' 4-2-1 network
  CHECK(e.config.network.hidden == std::vector<int>{2});
  const Lesson& init = by_section(all, "2.6");
  CHECK(init.config.network.hidden.size() >= 6);  // deep and narrow
  for (int units : init.config.network.hidden) CHECK((units >= 4 && units <= 8));
  std::set<Init> inits;
  for (const LessonVariant& v : init.variants) inits.insert(v.config.network.init);
  CHECK(inits == std::set<Init>{Init::Xavier, Init::Normal, Init::He});
  CHECK_FALSE(by_section(all, "2.8").race.empty());
  CHECK(by_section(all, "2.9").race.size() == 5);
  // The notes' slips that NOTES-MAP lists are pointed out where they occur.
  CHECK(by_section(all, "2.2").slip.find("square") != std::string::npos);
  CHECK(by_section(all, "2.3").slip.find("backwards") != std::string::npos);
  CHECK(by_section(all, "2.4").slip.find("1/(1+|z|)^2") != std::string::npos);
  CHECK(by_section(all, "2.9").slip.find("bias correction") != std::string::npos);
  CHECK(by_section(all, "2.4").formula.find("1/(1+|z|)^2") != std::string::npos);
  // Every view is opened by some lesson.
  std::set<View> used;
  for (const Lesson& l : all) used.insert(l.views.begin(), l.views.end());
  CHECK(used.size() == all_views().size());
}

TEST_CASE("lessons: every config validates and trains 50 steps without diverging",
          "[lessons][session]") {
  for (const Lesson& l : all_lessons()) {
    INFO(l.id);
    REQUIRE_NOTHROW(l.config.validate());
    Session s(l.config);
    const double J0 = s.train_loss();
    CHECK(s.step(50) == 50);
    CHECK_FALSE(s.diverged());
    CHECK(std::isfinite(s.train_loss()));
    CHECK(s.train_loss() < J0 + 1e-9 + 0.05 * std::abs(J0));  // not worse than the start
    for (const LessonVariant& v : l.variants) {
      INFO(v.label);
      REQUIRE_NOTHROW(v.config.validate());
      Session sv(v.config);
      sv.step(50);
      const bool meant_to_diverge = v.label.find("diverges") != std::string::npos;
      CHECK(sv.diverged() == meant_to_diverge);
    }
    if (!l.race.empty()) {
      Race race(l.config, l.race);
      race.set_record_every(50);
      race.step(50);
      for (int i = 0; i < race.lanes(); ++i) CHECK_FALSE(race.diverged(i));
    }
  }
}

TEST_CASE("docs/lessons.md lists every lesson", "[lessons]") {
  std::ifstream f(std::string(NNPLAY_SOURCE_DIR) + "/docs/lessons.md");
  REQUIRE(f.good());
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string doc = ss.str();
  for (const Lesson& l : all_lessons()) {
    INFO(l.id);
    CHECK(doc.find("`" + l.id + "`") != std::string::npos);
    CHECK(doc.find(l.title) != std::string::npos);
  }
}

// ---- §2.4 activation statistics ----

TEST_CASE("activation stats: histogram, saturation, dead and inactive units by hand",
          "[activations]") {
  NetworkSpec spec;
  spec.inputs = 1;
  spec.hidden = {3, 2};
  spec.activations = {Activation::Relu, Activation::Tanh};
  Rng rng(1);
  Network net(spec, Init::Xavier, 0.1, rng);
  Workspace ws;
  ws.z.resize(3);
  ws.a.resize(3);
  // relu layer, 3 units x 4 samples: unit 0 always off (dead), unit 1 on once, unit 2 always on.
  ws.z[0].resize(3, 4);
  ws.z[0] << -1.0, -0.5, -2.0, 0.0,  //
      -1.0, 0.3, -0.2, -4.0,         //
      0.5, 1.0, 2.0, 6.0;            // 6.0 lands above the histogram range
  // tanh layer, 2 units x 4 samples: |z| > atanh(sqrt(0.9)) = 1.818 is saturated.
  ws.z[1].resize(2, 4);
  ws.z[1] << 0.0, 1.8, 1.9, -3.0,  //
      -1.0, 2.5, -5.5, 0.1;        // -5.5 lands below the range
  ws.z[2] = Matrix::Zero(1, 4);
  for (int l = 0; l < 3; ++l) activate(net.layers[l].f, ws.z[l], ws.a[l], 0.01);

  const std::vector<LayerActivationStats> st = activation_stats(net, ws, 10, -5, 5);
  REQUIRE(st.size() == 3);
  const LayerActivationStats& r = st[0];
  CHECK(r.health == UnitHealth::Dead);
  CHECK(r.units == 3);
  CHECK(r.samples == 4);
  CHECK(r.dead == std::vector<bool>{true, false, false});
  CHECK(r.dead_fraction == Approx(1.0 / 3));
  CHECK(r.inactive_fraction == Approx(7.0 / 12));  // z <= 0 (z = 0 counts: relu'(0) = 0)
  CHECK(r.saturated_fraction == 0);
  CHECK(r.z.counts.size() == 10);
  CHECK(r.z.above == 1);
  CHECK(r.z.below == 0);
  CHECK(r.z.total() == 12);
  CHECK(r.z.counts[4] == 4);  // [-1, 0): -1, -0.5, -1, -0.2
  CHECK(r.z.counts[5] == 3);  // [0, 1): 0, 0.3, 0.5
  CHECK(r.z.bin_width() == 1.0);
  const LayerActivationStats& t = st[1];
  CHECK(t.health == UnitHealth::Saturation);
  CHECK(t.saturated_fraction == Approx(4.0 / 8));  // 1.9, -3.0, 2.5, -5.5
  CHECK(t.dead_fraction == 0);
  CHECK(t.z.below == 1);
  CHECK(st[2].health == UnitHealth::None);
  CHECK(st[2].saturated_fraction == 0);
  CHECK(st[2].z.counts[5] == 4);
}

TEST_CASE("activation stats: thresholds agree with f' and hardtanh's |z| > 1", "[activations]") {
  for (Activation f : {Activation::Sigmoid, Activation::Tanh, Activation::Softsign}) {
    INFO(name(f));
    const ActivationCurve c = sample_activation(f, 0.01, 201, -5, 5);
    REQUIRE(c.regions.size() == 2);
    const double t = c.regions[1].lo;
    CHECK(c.regions[0].hi == Approx(-t));
    // At the threshold f' is exactly 10% of f'(0); just inside it is more, just outside less.
    CHECK(activate_derivative(f, t, 0) == Approx(kSaturationRatio * activate_derivative(f, 0, 0)));
    CHECK_FALSE(is_saturated(f, t - 1e-6, 0));
    CHECK(is_saturated(f, t + 1e-6, 0));
    CHECK(is_saturated(f, -t - 1e-6, 0));
  }
  CHECK(sample_activation(Activation::Tanh).regions[1].lo == Approx(1.8184464592320668));
  CHECK(sample_activation(Activation::Sigmoid).regions[1].lo == Approx(3.6368929184641337));
  CHECK(sample_activation(Activation::Softsign).regions[1].lo == Approx(std::sqrt(10.0) - 1));
  CHECK_FALSE(is_saturated(Activation::HardTanh, 1.0, 0));
  CHECK(is_saturated(Activation::HardTanh, 1.0001, 0));
  CHECK(is_saturated(Activation::HardTanh, -1.5, 0));
  CHECK_FALSE(is_saturated(Activation::Relu, -3, 0));
  CHECK(is_inactive(Activation::Relu, 0.0));
  CHECK_FALSE(is_inactive(Activation::Tanh, -3));
}

TEST_CASE("activation curves: samples of f and f', shaded regions", "[activations]") {
  for (Activation f : all_activations()) {
    const ActivationCurve c = sample_activation(f, 0.1, 101, -5, 5);
    INFO(name(f));
    REQUIRE(c.z.size() == 101);
    CHECK(c.z.front() == -5);
    CHECK(c.z.back() == 5);
    CHECK(c.z[50] == 0);
    for (std::size_t i = 0; i < c.z.size(); ++i) {
      CHECK(c.a[i] == activate(f, c.z[i], 0.1));
      CHECK(c.da[i] == activate_derivative(f, c.z[i], 0.1));
    }
    CHECK_FALSE(c.formula.empty());
    for (const Interval& r : c.regions) {
      CHECK(r.lo >= -5);
      CHECK(r.hi <= 5);
      CHECK(r.lo < r.hi);
    }
  }
  CHECK(sample_activation(Activation::Linear).regions.empty());
  const ActivationCurve relu = sample_activation(Activation::Relu);
  REQUIRE(relu.regions.size() == 1);
  CHECK(relu.regions[0].kind == "dead");
  CHECK(relu.regions[0].hi == 0);
  CHECK(sample_activation(Activation::LeakyRelu).regions[0].kind == "leaky");
  const ActivationCurve ht = sample_activation(Activation::HardTanh);
  REQUIRE(ht.regions.size() == 2);
  CHECK(ht.regions[0].hi == -1);
  CHECK(ht.regions[1].lo == 1);
  CHECK(sample_activation(Activation::Softsign).formula.find("1 / (1 + |z|)²") !=
        std::string::npos);
}

TEST_CASE("activation stats on a session: large negative relu biases kill every unit",
          "[activations][session]") {
  Config c;
  c.network.hidden = {8, 8};
  c.network.activation = {Activation::Relu};
  Session s(c);
  s.step(1);
  Network net = s.network();
  Workspace ws;
  net.layers[0].b.setConstant(-100);  // every z of layer 0 far below 0: all units dead
  net.forward(s.last_batch_inputs(), ws);
  const std::vector<LayerActivationStats> st = activation_stats(net, ws);
  REQUIRE(st.size() == 3);
  CHECK(st[0].dead_fraction == 1.0);
  CHECK(st[0].inactive_fraction == 1.0);
  CHECK(st[0].z.below == st[0].units * st[0].samples);
  CHECK(st[0].samples == c.batch_size);
}
