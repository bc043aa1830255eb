// Malformed and absurd input through every entry point of core/io (config JSON, URL hash, CSV,
// model JSON, Config::validate): each must fail with an nn::ConfigError whose field names the
// problem and whose message is one short printable line, and nothing may crash or throw anything
// else. The crash inputs the fuzzers (fuzz/, scripts/fuzz) found are the regression cases at the
// end; docs/robustness.md lists what broke and how it was fixed.
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/network.hpp"
#include "core/rng.hpp"
#include "io/config_json.hpp"
#include "io/csv.hpp"
#include "io/input_limits.hpp"
#include "io/json_input.hpp"
#include "io/model_json.hpp"
#include "io/url_codec.hpp"

using namespace nn;

namespace {

// Well-formed UTF-8 without control characters: what the CLI prints on one line and what the
// app's API can put in a JSON reply (written independently of nn::excerpt, which it checks).
bool printable_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) return false;
    std::size_t n = c < 0x80                 ? 1
                    : c >= 0xc2 && c <= 0xdf ? 2
                    : c >= 0xe0 && c <= 0xef ? 3
                    : c >= 0xf0 && c <= 0xf4 ? 4
                                             : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
    const auto d = n > 1 ? static_cast<unsigned char>(s[i + 1]) : 0;
    if ((c == 0xe0 && d < 0xa0) || (c == 0xed && d >= 0xa0) || (c == 0xf0 && d < 0x90) ||
        (c == 0xf4 && d >= 0x90))
      return false;
    i += n;
  }
  return true;
}

constexpr std::size_t kMaxMessage = 1000;

// An input with raw bytes, readable in a failure log.
std::string excerpt_for_log(const std::string& s) {
  std::string out;
  for (unsigned char c : s.substr(0, 200)) {
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

struct Outcome {
  bool threw_config_error = false;
  std::string field, what;
};

// Runs f; anything but success or a ConfigError fails the test.
Outcome run(const std::function<void()>& f) {
  Outcome o;
  try {
    f();
  } catch (const ConfigError& e) {
    o.threw_config_error = true;
    o.field = e.field;
    o.what = e.what();
  } catch (const std::exception& e) {
    FAIL("not a ConfigError: " << e.what());
  }
  return o;
}

// The message contract: names a field, reads "<field>: <message>", one short printable line.
void check_message(const Outcome& o) {
  CAPTURE(o.what.substr(0, 300));
  REQUIRE(o.threw_config_error);
  CHECK(!o.field.empty());
  CHECK(o.what.rfind(o.field + ": ", 0) == 0);
  CHECK(o.what.size() > o.field.size() + 2);
  CHECK(o.what.size() <= kMaxMessage);
  CHECK(printable_utf8(o.what));
}

enum class Entry { Json, Url, UrlLenient, Csv, Model, Struct };

struct Case {
  const char* what;  // the kind of bad input
  Entry entry;
  std::string input;                            // JSON, URL hash, CSV or model text
  std::string field;                            // the field the error must name (prefix of what())
  std::string contains;                         // a phrase of the message
  std::function<void(Config&)> edit = nullptr;  // Entry::Struct: the bad edit of a default Config
};

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// A small valid model file (network [] on the default data: one 1x2 layer).
std::string model_text(const std::string& config, const std::string& steps, const std::string& W,
                       const std::string& b = "[0]") {
  return "{\"format\": \"nnplay-model\", \"version\": 1, \"config\": " + config +
         ", \"steps\": " + steps + ", \"layers\": [{\"activation\": \"linear\", \"W\": " + W +
         ", \"b\": " + b + "}]}";
}
const std::string kLinear = "{\"network\": {\"hidden\": []}}";

Outcome run_case(const Case& c) {
  switch (c.entry) {
    case Entry::Json:
      return run([&] { parse_config_json(c.input); });
    case Entry::Url:
      return run([&] { config_from_url(c.input); });
    case Entry::UrlLenient: {
      // Lenient decoding never throws; report the first warning as the "error".
      std::vector<std::string> warnings;
      Outcome o;
      REQUIRE_NOTHROW(config_from_url(c.input, &warnings).validate());
      if (!warnings.empty()) {
        o.threw_config_error = true;
        o.what = warnings[0];
        o.field = o.what.substr(0, o.what.find(':'));
      }
      return o;
    }
    case Entry::Csv:
      return run([&] { read_points_csv(c.input); });
    case Entry::Model:
      return run([&] { parse_model_json(c.input); });
    case Entry::Struct: {
      Config cfg;
      c.edit(cfg);
      return run([&] { cfg.validate(); });
    }
  }
  return {};
}

std::vector<Case> malformed_inputs() {
  const std::string ten_mb(10 * 1024 * 1024, 'x');
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<Case> v = {
      // --- config JSON: absurd sizes ---
      {"10^9 points", Entry::Json, R"({"data": {"points": 1000000000}})", "data.points",
       "10..5000"},
      {"1000 units", Entry::Json, R"({"network": {"hidden": [1000]}})", "network.hidden",
       "1-64 allowed"},
      {"100 layers", Entry::Json, "{\"network\": {\"hidden\": [" + repeat("2,", 99) + "2]}}",
       "network.hidden", "at most 8 hidden layers"},
      {"learning rate 1e308", Entry::Json, R"({"optimizer": {"learning_rate": 1e308}})",
       "optimizer.learning_rate", "(0, 10]"},
      {"learning rate beyond double (1e400)", Entry::Json,
       R"({"optimizer": {"learning_rate": 1e400}})", "optimizer.learning_rate", "out of range"},
      {"negative overflow (-1e400) in a list", Entry::Json,
       R"({"network": {"hidden": [4, -1e400]}})", "network.hidden[1]", "out of range"},
      {"NaN literal", Entry::Json, R"({"optimizer": {"learning_rate": NaN}})", "json",
       "malformed JSON at line 1"},
      {"NaN as a string", Entry::Json, R"({"optimizer": {"learning_rate": "NaN"}})",
       "optimizer.learning_rate", "expected a number"},
      {"learning rate underflow to 0", Entry::Json, R"({"optimizer": {"learning_rate": 1e-400}})",
       "optimizer.learning_rate", "(0, 10]"},
      {"negative batch size", Entry::Json, R"({"batch_size": -5})", "batch_size", "1..1000"},
      {"seed 2^64", Entry::Json, R"({"seed": 18446744073709551616})", "seed", "2^53"},
      {"seed 2^53 + 1", Entry::Json, R"({"seed": 9007199254740993})", "seed", "2^53"},
      {"int overflow in classes", Entry::Json, R"({"data": {"classes": 4294967298}})",
       "data.classes", "out of range"},
      {"deeply nested root", Entry::Json, repeat("[", 100000) + repeat("]", 100000), "json",
       "nested deeper than"},
      {"deeply nested value", Entry::Json, "{\"seed\": " + repeat("[", 100000), "seed",
       "nested deeper than"},
      {"10 MB enum name", Entry::Json, "{\"loss\": \"" + ten_mb + "\"}", "loss", "unknown loss"},
      {"10 MB key", Entry::Json, "{\"" + ten_mb + "\": 1}", "xxxx", "unknown key"},
      {"10 MB number string", Entry::Json, "{\"seed\": \"" + ten_mb + "\"}", "seed",
       "must be an integer"},
      {"duplicate key", Entry::Json, R"({"seed": 1, "seed": 2})", "seed", "duplicate key"},
      {"nested duplicate key", Entry::Json,
       R"({"optimizer": {"kind": "sgd", "learning_rate": 0.1, "kind": "adam"}})", "optimizer.kind",
       "duplicate key"},
      {"truncated JSON", Entry::Json, R"({"seed": 1, "data": {"points": )", "json",
       "malformed JSON at line 1, column "},
      {"unterminated 10 MB string", Entry::Json, "{\"loss\": \"" + ten_mb, "json",
       "malformed JSON at line 1"},
      {"empty text", Entry::Json, "", "json", "malformed JSON"},
      {"not an object", Entry::Json, "[1, 2]", "json", "expected an object"},
      {"null section", Entry::Json, R"({"network": null})", "network", "expected an object"},
      {"empty key", Entry::Json, R"({"": 1})", "\"\"", "unknown key"},
      {"invalid UTF-8", Entry::Json, "{\"loss\": \"\xff\xfe\"}", "json", "malformed JSON"},
      {"multi-byte text cut by the message", Entry::Json,
       "{\"seed\": \"" + repeat("\xc3\xa9", 40) + "\"}", "seed", "must be an integer"},
      {"control characters in a name", Entry::Json, R"({"loss": "a\u0000\n\u001b[31m"})", "loss",
       "unknown loss"},
      {"fractional layer size", Entry::Json, R"({"network": {"hidden": [2.5]}})",
       "network.hidden[0]", "expected an integer"},

      // --- URL hash ---
      {"URL: 10^9 points", Entry::Url, "n=1000000000", "data.points", "10..5000"},
      {"URL: 1000 units", Entry::Url, "h=1000", "network.hidden", "1-64 allowed"},
      {"URL: 100 layers", Entry::Url, "h=" + repeat("2,", 99) + "2", "network.hidden", "at most 8"},
      {"URL: learning rate 1e308", Entry::Url, "lr=1e308", "optimizer.learning_rate", "(0, 10]"},
      {"URL: learning rate 1e999", Entry::Url, "lr=1e999", "optimizer.learning_rate",
       "expected a number"},
      {"URL: NaN", Entry::Url, "lr=NaN", "optimizer.learning_rate", "expected a number"},
      {"URL: negative batch size", Entry::Url, "bs=-5", "batch_size", "1..1000"},
      {"URL: huge seed", Entry::Url, "seed=18446744073709551616", "seed", "2^53"},
      {"URL: duplicate field", Entry::Url, "lr=0.1&ds=xor&lr=0.2", "optimizer.learning_rate",
       "more than once"},
      {"URL: field given by key and path", Entry::Url, "lr=0.1&optimizer.learning_rate=0.2",
       "optimizer.learning_rate", "more than once"},
      {"URL: empty key", Entry::Url, "=5", "url", "unknown URL field"},
      {"URL: binary key", Entry::Url, "%FF%00%1B=1", "???", "unknown URL field"},
      {"URL: 10 MB value", Entry::Url, "ds=" + ten_mb, "data.dataset", "unknown dataset"},
      {"URL: 10 MB key", Entry::Url, ten_mb + "=1", "xxxx", "unknown URL field"},
      {"URL: truncated list", Entry::Url, "v=1&ds=spiral&h=8,", "network.hidden",
       "expected an integer"},
      {"URL: truncated name", Entry::Url, "v=1&ds=spir", "data.dataset", "unknown dataset"},
      {"URL: truncated escape", Entry::Url, "act=tanh%2", "network.activation",
       "unknown activation"},
      {"URL lenient: duplicate field", Entry::UrlLenient, "lr=0.1&lr=0.2",
       "optimizer.learning_rate", "more than once"},
      {"URL lenient: binary garbage", Entry::UrlLenient, "\x01\xff=\x02&h=\xc3", "unknown",
       "ignored"},

      // --- dataset CSV ---
      {"CSV: more than 100000 rows", Entry::Csv, repeat("1,2,0\n", 100001), "csv",
       "line 100001: more than 100000 data rows"},
      {"CSV: 10 MB line of commas", Entry::Csv, std::string(10 * 1024 * 1024, ','), "csv",
       "found 10485761"},
      {"CSV: 10 MB field", Entry::Csv, "1,2," + ten_mb + "\n", "csv", "is not a number"},
      {"CSV: NaN", Entry::Csv, "x1,x2,label\nnan,1,0\n", "csv", "not a finite number"},
      {"CSV: 1e308", Entry::Csv, "1e308,1,0\n", "csv", "outside -1000..1000"},
      {"CSV: label 7", Entry::Csv, "1,2,0\n1,2,7\n", "csv", "not in 0..4"},
      {"CSV: truncated last row", Entry::Csv, "x1,x2,label\n1,2,0\n1,2", "csv",
       "line 3: expected 3 columns"},
      {"CSV: binary garbage", Entry::Csv, std::string("\x00\xff\x1b,\x80,\x01\n", 9), "csv",
       "line 1, column 1"},
      {"CSV: header only", Entry::Csv, "x1,x2,label,split\r\n", "csv", "no data rows"},
      {"CSV: empty", Entry::Csv, "", "csv", "empty file"},

      // --- model JSON ---
      {"model: steps 2^64 - 1", Entry::Model,
       model_text(kLinear, "18446744073709551615", "[[0, 0]]"), "steps", "integer in 0.."},
      {"model: negative steps", Entry::Model, model_text(kLinear, "-1", "[[0, 0]]"), "steps",
       "integer in 0.."},
      // LLONG_MAX was accepted, and training one more step wrapped the count negative.
      {"model: steps 2^63 - 1", Entry::Model,
       model_text(kLinear, "9223372036854775807", "[[0, 0]]"), "steps", "(2^53 - 1)"},
      {"model: steps 2^53", Entry::Model, model_text(kLinear, "9007199254740992", "[[0, 0]]"),
       "steps", "integer in 0..9007199254740991"},
      {"model: weight 1e400", Entry::Model, model_text(kLinear, "1", "[[0, 1e400]]"),
       "layers[0].W[0][1]", "out of range"},
      {"model: NaN weight (null)", Entry::Model, model_text(kLinear, "1", "[[0, null]]"),
       "layers[0].W[0][1]", "expected a finite number"},
      {"model: 1000-unit config", Entry::Model,
       model_text(R"({"network": {"hidden": [1000]}})", "1", "[[0, 0]]"), "config.network.hidden",
       "1-64 allowed"},
      {"model: duplicate key in the config", Entry::Model,
       model_text(R"({"seed": 1, "seed": 1})", "1", "[[0, 0]]"), "config.seed", "duplicate key"},
      {"model: deeply nested weights", Entry::Model,
       model_text(kLinear, "1", repeat("[", 50000) + repeat("]", 50000)), "layers[0].W",
       "nested deeper than"},
      {"model: 10 MB format", Entry::Model, "{\"format\": \"" + ten_mb + "\"}", "format",
       "expected \"nnplay-model\""},
      // nlohmann's lexer reads a NUL byte as the end of the input: the rest was ignored.
      {"JSON: text after a NUL byte", Entry::Json, std::string("{\"seed\": 5}\0garbage", 20),
       "json", "line 1, column 12: a NUL byte"},
      {"JSON: a second value", Entry::Json, "{\"seed\": 5}\n{\"seed\": 6}", "json",
       "line 2, column 1"},
      {"JSON: trailing garbage", Entry::Json, "{\"seed\": 5} x", "json", "expected end of input"},
      {"model: text after a NUL byte", Entry::Model,
       model_text(kLinear, "1", "[[0, 0]]") + std::string("\0{}", 3), "json", "a NUL byte"},
      {"model: weight 1e400 deep in a layer", Entry::Model,
       model_text(kLinear, "1", "[[0, 0]]", "[1e400]"), "layers[0].b[0]", "out of range"},
      {"model: truncated file", Entry::Model, model_text(kLinear, "1", "[[0, 0]]").substr(0, 60),
       "json", "malformed JSON"},

      // --- Config struct (the app's controls) ---
      {"struct: NaN learning rate", Entry::Struct, "", "optimizer.learning_rate", "got nan",
       [nan](Config& c) { c.optimizer.learning_rate = nan; }},
      {"struct: infinite noise", Entry::Struct, "", "data.noise", "[0, 2]",
       [](Config& c) { c.data.noise = std::numeric_limits<double>::infinity(); }},
      {"struct: 10^9 points", Entry::Struct, "", "data.points", "10..5000",
       [](Config& c) { c.data.points = 1000000000; }},
      {"struct: 100 layers", Entry::Struct, "", "network.hidden", "at most 8",
       [](Config& c) { c.network.hidden.assign(100, 4); }},
  };
  return v;
}

}  // namespace

TEST_CASE("malformed inputs fail with a message naming the field", "[robustness]") {
  const std::vector<Case> cases = malformed_inputs();
  REQUIRE(cases.size() >= 30);
  for (const Case& c : cases) {
    INFO(c.what);
    const Outcome o = run_case(c);
    check_message(o);
    CHECK(o.what.rfind(c.field, 0) == 0);
    CHECK(o.what.find(c.contains) != std::string::npos);
  }
}

TEST_CASE("a URL cut anywhere decodes or fails cleanly", "[robustness]") {
  Config cfg;
  cfg.seed = 123456789;
  cfg.data.dataset = DatasetKind::Spiral;
  cfg.data.classes = 3;
  cfg.data.noise = 0.1 + 0.2;
  cfg.features = {Feature::X1, Feature::X2, Feature::SinX1};
  cfg.network.hidden = {8, 8, 4};
  cfg.network.activation = {Activation::Relu, Activation::Tanh, Activation::LeakyRelu};
  cfg.loss = Loss::Softmax;
  cfg.optimizer.kind = OptimizerKind::Adam;
  cfg.optimizer.learning_rate = 0.003;
  cfg.schedule.kind = ScheduleKind::Step;
  const std::string url = "#" + to_url(cfg);
  for (std::size_t cut = 0; cut <= url.size(); ++cut) {
    for (const std::string& part : {url.substr(0, cut), url.substr(cut)}) {
      INFO("\"" << part << "\"");
      const Outcome strict = run([&] { config_from_url(part); });
      if (strict.threw_config_error) check_message(strict);
      std::vector<std::string> warnings;
      Config lenient;
      REQUIRE_NOTHROW(lenient = config_from_url(part, &warnings));
      CHECK_NOTHROW(lenient.validate());
      CHECK(strict.threw_config_error == !warnings.empty());
      for (const std::string& w : warnings) {
        CHECK(w.size() <= kMaxMessage);
        CHECK(printable_utf8(w));
      }
    }
  }
  // The whole link still reproduces the config.
  CHECK(config_from_url(url) == cfg);
}

TEST_CASE("a model or config file cut anywhere fails cleanly", "[robustness]") {
  Config cfg;
  cfg.network.hidden = {3};
  Rng rng(5);
  Network net(cfg.network_spec(), cfg.network.init, cfg.network.init_sigma, rng);
  const std::string model = model_to_json(cfg, net, 17).dump();
  const std::string config = to_json(cfg).dump();  // no trailing newline: every cut is incomplete
  for (const std::string* text : {&model, &config}) {
    for (std::size_t cut = 0; cut < text->size(); ++cut) {
      const std::string part = text->substr(0, cut);
      INFO(part);
      const Outcome o = text == &model ? run([&] { parse_model_json(part); })
                                       : run([&] { parse_config_json(part); });
      check_message(o);
      CHECK(o.field == "json");
    }
  }
  CHECK(parse_model_json(model).steps == 17);
}

TEST_CASE("duplicate URL fields: strict names them, lenient keeps the last", "[robustness]") {
  std::vector<std::string> warnings;
  const Config c = config_from_url("lr=0.1&lr=0.2", &warnings);
  CHECK(c.optimizer.learning_rate == 0.2);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("\"lr\"") != std::string::npos);
  CHECK_THROWS_WITH(config_from_url("v=1&v=1"), Catch::Contains("version"));
}

TEST_CASE("a model's step count up to 2^53 - 1 is accepted", "[robustness]") {
  const Outcome o = run([] {
    CHECK(parse_model_json(model_text(kLinear, "9007199254740991", "[[0, 0]]")).steps ==
          kMaxStepCount);
  });
  CHECK_FALSE(o.threw_config_error);
}

// nlohmann's parse callback made every closed object rescan its parent array (O(N^2): 200 000
// objects took 31 s). parse_json_input does one SAX event per token and the same value comes out.
TEST_CASE("JSON parsing is one pass: work proportional to the input", "[robustness]") {
  const auto objects = [](std::size_t n) {
    std::string t = "[";
    for (std::size_t i = 0; i < n; ++i) t += (i ? ",{\"a\":" : "{\"a\":") + std::to_string(i) + "}";
    return t + "]";
  };
  std::size_t prev = 0;
  for (std::size_t n : {1000u, 2000u, 4000u, 8000u}) {
    const std::string text = objects(n);
    JsonParseWork work;
    const nlohmann::json j = parse_json_input(text, &work);
    REQUIRE(j == nlohmann::json::parse(text));
    // start/end of the array, and per object: start, key, value, end.
    CHECK(work.events == 2 + 4 * n);
    if (prev) CHECK(work.events == 2 * prev - 2);
    prev = work.events;
  }
  // Nested arrays of objects (a model's layers): the same value as nlohmann's own parser.
  const std::string nested = R"({"x": [[{"a": [1, {"b": [2, 3]}]}, {}], [], [[[]]]], "y": null})";
  JsonParseWork work;
  CHECK(parse_json_input(nested, &work) == nlohmann::json::parse(nested));
  CHECK(work.events == 32);
}

TEST_CASE("JSON nesting up to the limit is accepted by the parser", "[robustness]") {
  // The depth limit (64) is far above what the schema needs (a model's W is at depth 4); nesting
  // below it reaches the schema check, which names the field.
  const std::string nested = "{\"seed\": " + repeat("[", 60) + repeat("]", 60) + "}";
  const Outcome o = run([&] { parse_config_json(nested); });
  check_message(o);
  CHECK(o.what.rfind("seed: must be an integer", 0) == 0);
}

// The inputs the fuzzers found against the codecs as first committed (scripts/fuzz; the classes are
// in docs/robustness.md). Each failed the contract: an exception other than ConfigError, a message
// with raw bytes (invalid UTF-8, control characters), a message cut short by a NUL byte (what() is
// a C string), a ConfigError without a field, or an accepted model with a negative step count.
TEST_CASE("fuzzer finds stay fixed", "[robustness]") {
  using namespace std::string_literals;
  struct Find {
    Entry entry;
    std::string input, field;
  };
  const std::vector<Find> finds = {
      // json::out_of_range 406 escaped parse_config_json / parse_model_json.
      {Entry::Json, R"({"optimizer": {"learning_rate": 1e400}})", "optimizer.learning_rate"},
      // nlohmann's "last read: '...'" echoed invalid UTF-8 into the message.
      {Entry::Json,
       "{\xe1"
       "baUUUpu",
       "json"},
      {Entry::Model, "\x8a\"", "json"},
      // "got string ..." was cut after 37 bytes, inside a 2-byte character.
      {Entry::Json,
       R"({"seed": "\u00e9\/u00e9\u00e9/\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"})",
       "seed"},
      // A NUL in a key cut what() to "opt".
      {Entry::Json, R"({"opt\u0000pmizer": {"learning_rate": 1e308}})", "opt?pmizer"},
      {Entry::Url, "n"s + std::string(42, '\0'), "n" + std::string(39, '?') + "..."},
      // A key of NUL bytes: what() was empty.
      {Entry::Url, "#v=1&ds=spiral&"s + std::string(60, '\0'), std::string(40, '?') + "..."},
      // An empty URL key gave a ConfigError with an empty field.
      {Entry::Url, "=5", "url"},
      // Raw bytes of the link in the message.
      {Entry::Url, "v=1&ds=spiral\xda\x9c\x93\x85=3&h=8,", "data.dataset"},
      {Entry::Csv, "1,2,\xeb.", "csv"},
      // An unsigned step count above LLONG_MAX was accepted as a negative count.
      {Entry::Model, model_text(kLinear, "9223372036854775808", "[[0, 0]]"), "steps"},
  };
  for (const Find& f : finds) {
    INFO(excerpt_for_log(f.input));
    Case c{"fuzzer find", f.entry, f.input, f.field, ""};
    const Outcome o = run_case(c);
    check_message(o);
    CHECK(o.field == f.field);
  }
}
