// What links carry beside the config (io/link_codec): user points quantised to the display's
// 0.01 and their 200-point limit, the step key, the hide list with bad names, and TensorFlow
// Playground's hash translated to this config.
#include <catch2/catch.hpp>
#include <cmath>

#include "core/session.hpp"
#include "io/link_codec.hpp"
#include "io/url_codec.hpp"

using namespace nn;

namespace {

std::vector<LinkPoint> some_points(int n, int classes) {
  std::vector<LinkPoint> pts;
  for (int i = 0; i < n; ++i) {
    LinkPoint p;
    p.x1 = -5.9 + 0.137 * i;  // off the grid: the codec rounds
    p.x2 = 4.2 - 0.071 * i;
    p.label = classes == 0 ? std::sin(i * 0.3) : i % classes;
    p.split = i % 4 == 3 ? 1 : 0;
    pts.push_back(p);
  }
  return pts;
}

}  // namespace

TEST_CASE("user points round-trip through a link, quantised to 0.01", "[links]") {
  for (int classes : {2, 3, 5, 0}) {
    INFO("classes " << classes);
    const std::vector<LinkPoint> pts = some_points(37, classes);
    const std::string text = encode_link_points(pts, classes);
    // Compact: 2 header bytes + 5 (7 for regression) bytes per point, 4/3 as base64url.
    const std::size_t bytes = 2 + pts.size() * (classes == 0 ? 7 : 5);
    CHECK(text.size() == (bytes * 4 + 2) / 3);
    CHECK(text.find_first_not_of(
              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
          std::string::npos);
    int k = -1;
    const std::vector<LinkPoint> back = decode_link_points(text, k);
    CHECK(k == classes);
    REQUIRE(back.size() == pts.size());
    for (std::size_t i = 0; i < pts.size(); ++i) {
      CHECK(back[i].x1 == snap_to_link_grid(pts[i].x1));
      CHECK(back[i].x2 == snap_to_link_grid(pts[i].x2));
      CHECK(std::fabs(back[i].x1 - pts[i].x1) <= 0.005 + 1e-12);
      CHECK(back[i].label == (classes == 0 ? snap_to_link_grid(pts[i].label) : pts[i].label));
      CHECK(back[i].split == pts[i].split);
    }
    // Points already on the grid come back bit for bit, and encode the same again.
    CHECK(decode_link_points(encode_link_points(back, classes), k) == back);
    CHECK(encode_link_points(back, classes) == text);
  }
  // Hand values: 1.234 -> 1.23, -0.005 -> -0.01 (round half away from zero), 327.67 fits.
  CHECK(snap_to_link_grid(1.234) == 1.23);
  CHECK(snap_to_link_grid(-0.005) == -0.01);
  CHECK(on_link_grid(snap_to_link_grid(2.345)));
  CHECK_FALSE(on_link_grid(0.123));
  int k = 0;
  const std::vector<LinkPoint> edge{{327.67, -327.67, 1, 0}, {0, 0, 0, 1}};
  CHECK(decode_link_points(encode_link_points(edge, 2), k) == edge);
}

TEST_CASE("a link holds at most 200 points; bad values name the problem", "[links]") {
  CHECK_NOTHROW(encode_link_points(some_points(kLinkMaxPoints, 2), 2));
  CHECK_THROWS_WITH(
      encode_link_points(some_points(kLinkMaxPoints + 1, 2), 2),
      Catch::Contains("201 points are more than a link holds (200)") && Catch::Contains("CSV"));
  std::vector<LinkPoint> far = some_points(3, 2);
  far[1].x2 = 400;
  CHECK_THROWS_WITH(encode_link_points(far, 2), Catch::Contains("x2 400"));
  std::vector<LinkPoint> label = some_points(3, 2);
  label[2].label = 2;
  CHECK_THROWS_WITH(encode_link_points(label, 2), Catch::Contains("label 2"));

  int k = 0;
  const std::string ok = encode_link_points(some_points(10, 3), 3);
  CHECK_THROWS_WITH(decode_link_points(ok.substr(0, ok.size() - 3), k), Catch::Contains("ud"));
  CHECK_THROWS_WITH(decode_link_points("AB*C", k), Catch::Contains("character 3"));
  CHECK_THROWS_WITH(decode_link_points("AgI", k), Catch::Contains("unknown format 2"));
  // Decoding refuses what encoding would: 201 points and a label beyond K, built byte by byte.
  const auto b64 = [](const std::vector<unsigned char>& b) {
    const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    for (std::size_t i = 0; i < b.size(); i += 3) {
      const unsigned v = (b[i] << 16) | ((i + 1 < b.size() ? b[i + 1] : 0) << 8) |
                         (i + 2 < b.size() ? b[i + 2] : 0);
      const std::size_t chars = std::min<std::size_t>(4, (b.size() - i) * 4 / 3 + 1);
      for (std::size_t c = 0; c < chars; ++c) out += a[(v >> (18 - 6 * c)) & 63];
    }
    return out;
  };
  std::vector<unsigned char> bytes{1, 2};
  for (int i = 0; i < kLinkMaxPoints + 1; ++i)
    for (unsigned char x : {0, 0, 0, 0, 0}) bytes.push_back(x);
  CHECK_THROWS_WITH(decode_link_points(b64(bytes), k), Catch::Contains("at most 200"));
  bytes.resize(2 + 5 * 3);
  CHECK(decode_link_points(b64(bytes), k).size() == 3);
  bytes[2 + 4] = 2;  // class 2 with K = 2
  CHECK_THROWS_WITH(decode_link_points(b64(bytes), k), Catch::Contains("point 1: label 2"));
  CHECK(decode_link_points(encode_link_points(some_points(200, 2), 2), k).size() == 200);
  // Every point in the test split cannot train.
  std::vector<LinkPoint> tests = some_points(4, 2);
  for (LinkPoint& p : tests) p.split = 1;
  CHECK_THROWS_WITH(decode_link_points(encode_link_points(tests, 2), k),
                    Catch::Contains("test split"));
  CHECK_THROWS_WITH(decode_link_points(encode_link_points(some_points(1, 2), 2), k),
                    Catch::Contains("fewer than 2"));
}

TEST_CASE("the hash keeps ud and step beside the config", "[links]") {
  const LinkHash h = split_link_hash("#v=1&ds=user&ud=AQI&lr=0.1&step=50");
  CHECK(h.config == "v=1&ds=user&lr=0.1");
  CHECK(h.has_points);
  CHECK(h.points == "AQI");
  CHECK(h.has_step);
  CHECK(parse_link_step(h.step) == 50);
  CHECK_FALSE(split_link_hash("v=1&lr=0.1").has_step);
  CHECK_THROWS_WITH(parse_link_step("-3"), Catch::Contains("step"));
  CHECK_THROWS_WITH(parse_link_step("1e3"), Catch::Contains("\"1e3\""));
  // Replays are bounded by work: the default net replays 1e5 steps; a big one fewer.
  Config small;
  CHECK(replay_steps_allowed(small, 50, 250) == 50);
  CHECK(replay_steps_allowed(small, 100000, 250) == 100000);
  Config big;
  big.network.hidden = {64, 64, 64, 64};
  big.batch_size = 1000;
  const long long allowed = replay_steps_allowed(big, 100000, 2500);
  CHECK(allowed < 100000);
  CHECK(allowed > 0);
}

TEST_CASE("the hide list names bad entries once and keeps the good ones", "[links]") {
  std::vector<std::string> warnings;
  const std::vector<std::string> h =
      parse_hide_list("lr, optimizer,sparkles,lr,,sparkles,dataset", &warnings);
  CHECK(h == std::vector<std::string>{"lr", "optimizer", "dataset"});
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("\"sparkles\"") != std::string::npos);
  CHECK(warnings[0].find("allowed: play, step") != std::string::npos);
  warnings.clear();
  CHECK(parse_hide_list("", &warnings).empty());
  CHECK(warnings.empty());
  // Every documented name parses.
  std::string all;
  for (const HideName& n : hideable_controls()) all += std::string(all.empty() ? "" : ",") + n.name;
  CHECK(parse_hide_list(all, &warnings).size() == hideable_controls().size());
  CHECK(warnings.empty());
}

TEST_CASE("a TensorFlow Playground link translates to this config with one line", "[links]") {
  const std::string tf =
      "#activation=relu&batchSize=20&dataset=spiral&regDataset=reg-plane&learningRate=0.1&"
      "regularizationRate=0.003&noise=35&networkShape=6,5,3&seed=0.80857&showTestData=true&"
      "discretize=false&percTrainData=70&x=true&y=true&xTimesY=true&xSquared=false&"
      "ySquared=false&cosX=true&sinX=true&cosY=false&sinY=false&collectStats=false&"
      "problem=classification&initZero=false&hideText=false&regularization=L2&"
      "learningRate_hide=true";
  REQUIRE(is_tf_playground_hash(tf));
  CHECK_FALSE(is_tf_playground_hash("v=1&ds=xor&noise=0.2"));
  CHECK_FALSE(is_tf_playground_hash("noise=0.2&seed=4"));  // ours: v is optional
  CHECK_FALSE(is_tf_playground_hash("v=1&activation=tanh"));

  const TfPlaygroundLink t = translate_tf_playground(tf);
  const Config& c = t.config;
  CHECK(c.data.dataset == DatasetKind::Spiral);
  CHECK(c.data.classes == 2);
  CHECK(c.network.hidden == std::vector<int>{6, 5, 3});
  CHECK(c.network.activation == std::vector<Activation>{Activation::Relu});
  CHECK(c.optimizer.learning_rate == 0.1);
  CHECK(c.regularization.kind == Regularization::L2);
  CHECK(c.regularization.rate == 0.003);
  CHECK(c.batch_size == 20);
  CHECK(c.data.train_fraction == 0.7);
  CHECK(c.data.points == 500);
  CHECK(c.data.noise == 1.01);  // 35 * 5 / sqrt(3) / 100 = 1.0104
  CHECK(c.seed == 80857);
  CHECK(c.features ==
        std::vector<Feature>{Feature::X1, Feature::X2, Feature::X1X2, Feature::SinX1});
  CHECK(c.loss == Loss::Mse);
  CHECK(c.network.output_activation == Activation::Tanh);
  CHECK(t.show_test);
  CHECK_FALSE(t.discretize);
  CHECK(t.hide == std::vector<std::string>{"lr"});
  CHECK(t.unmatched == std::vector<std::string>{"cosX"});
  CHECK_NOTHROW(c.validate());
  const std::string line = t.summary();
  CHECK(line.find('\n') == std::string::npos);
  CHECK(line.find("no equivalent here: cosX.") != std::string::npos);

  // Regression, and bad or foreign values: each named once, the rest still applies.
  const TfPlaygroundLink r = translate_tf_playground(
      "problem=regression&regDataset=reg-gauss&networkShape=&learningRate=fast&tutorial=x&foo=1");
  CHECK(r.config.data.dataset == DatasetKind::MultiGauss);
  CHECK(r.config.data.points == 1200);
  CHECK(r.config.network.hidden.empty());
  CHECK(r.config.optimizer.learning_rate == 0.03);
  CHECK(r.unmatched ==
        std::vector<std::string>{"foo", "learningRate=fast (bad value)", "tutorial"});

  // Twenty-five foreign keys still make one line that names the first few and counts the rest.
  std::string many = "networkShape=3";
  for (int i = 0; i < 25; ++i) many += "&k" + std::to_string(i) + "=1";
  const TfPlaygroundLink m = translate_tf_playground(many);
  CHECK(m.unmatched.size() == 25);
  CHECK(m.summary().find("and 17 more") != std::string::npos);
  // The translated run is a real one: it trains.
  Session s(t.config);
  CHECK(s.step(20) == 20);
  CHECK(std::isfinite(s.train_loss()));
}
