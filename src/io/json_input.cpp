// One-pass JSON parsing (see json_input.hpp). nlohmann's DOM parser with a parse callback scans
// the parent array for discarded values after every closed object, so an array of N objects cost
// O(N^2); this SAX handler builds the same value directly and does the checks the callback did
// (duplicate keys, depth, the JSON path of a number beyond a double) in O(1) per event.
#include "io/json_input.hpp"

#include <vector>

#include "core/config.hpp"
#include "core/text.hpp"
#include "io/config_json.hpp"

namespace nn {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxJsonDepth = 64;

std::string key_label(const std::string& key) { return key.empty() ? "\"\"" : excerpt(key); }

class DomBuilder {
 public:
  DomBuilder(const std::string& text, JsonParseWork* work) : text_(text), work_(work) {}

  json result;

  // "optimizer.learning_rate", "layers[0].W[1][2]"; "" at the top level.
  std::string path(std::size_t levels) const {  // of the outermost `levels` levels
    std::string out;
    for (std::size_t i = 0; i < levels; ++i) {
      const Frame& f = frames_[i];
      if (!f.object) {
        // An open child is already in its array; the innermost array is at its next element.
        const std::size_t n = f.value->size();
        out += "[" + std::to_string(i + 1 < frames_.size() && n > 0 ? n - 1 : n) + "]";
      } else if (f.has_key)
        out += (out.empty() ? "" : ".") + key_label(f.key);
    }
    return out;
  }
  std::string field() const {
    const std::string p = path(frames_.size());
    return p.empty() ? "json" : p;
  }

  // The SAX interface (nlohmann::json_sax).
  bool null() { return put(json(nullptr)); }
  bool boolean(bool v) { return put(json(v)); }
  bool number_integer(json::number_integer_t v) { return put(json(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return put(json(v)); }
  bool number_float(json::number_float_t v, const json::string_t&) { return put(json(v)); }
  bool string(json::string_t& v) { return put(json(std::move(v))); }
  bool binary(json::binary_t& v) { return put(json::binary(std::move(v))); }
  bool start_object(std::size_t) { return open_container(json::object(), true); }
  bool start_array(std::size_t) { return open_container(json::array(), false); }
  bool end_object() { return close_container(); }
  bool end_array() { return close_container(); }
  bool key(json::string_t& k) {
    count();
    Frame& f = frames_.back();
    // nlohmann keeps the last of duplicate keys silently; a config with "seed" twice is ambiguous.
    if (f.value->contains(k)) {
      f.key = std::move(k);
      f.has_key = true;
      throw ConfigError(field(),
                        "duplicate key \"" + excerpt(f.key) + "\" (each key may appear only once)");
    }
    f.key = std::move(k);
    f.has_key = true;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const json::parse_error& e) {
    throw_json_syntax_error(text_, e);
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
    // out_of_range 406, "number overflow parsing '1e400'": the number is beyond a double.
    std::string why = e.what();
    const std::size_t q1 = why.find('\''), q2 = why.rfind('\'');
    if (e.id == 406 && q1 != std::string::npos && q2 > q1)
      throw ConfigError(field(), "number " + excerpt(why.substr(q1 + 1, q2 - q1 - 1)) +
                                     " is out of range (beyond +-1.8e308)");
    throw ConfigError(field(), "malformed JSON: " + excerpt(why, 200));
  }

 private:
  struct Frame {
    json* value = nullptr;  // the open object or array (stable: only its last child changes)
    bool object = false;
    bool has_key = false;
    std::string key;  // objects: the key whose value is being read
  };

  void count() {
    if (work_) ++work_->events;
  }
  // Stores v where the parser is and returns where it went.
  json* place(json&& v) {
    if (frames_.empty()) {
      result = std::move(v);
      return &result;
    }
    Frame& f = frames_.back();
    if (!f.object) {
      f.value->get_ref<json::array_t&>().push_back(std::move(v));
      return &f.value->get_ref<json::array_t&>().back();
    }
    json& slot = f.value->get_ref<json::object_t&>()[f.key];
    slot = std::move(v);
    f.has_key = false;
    return &slot;
  }
  bool put(json&& v) {
    count();
    place(std::move(v));
    return true;
  }
  bool open_container(json&& empty, bool object) {
    count();
    if (frames_.size() >= kMaxJsonDepth) {
      // Named by the innermost key ("layers[0].W"), not by sixty "[0]"s.
      std::size_t named = frames_.size();
      while (named > 0 && !frames_[named - 1].object) --named;
      const std::string where = path(named);
      throw ConfigError(where.empty() ? "json" : where,
                        "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    }
    Frame f;
    f.object = object;
    // The key stays set while the child is open, so paths inside it name it.
    if (!frames_.empty() && frames_.back().object) {
      Frame& parent = frames_.back();
      json& slot = parent.value->get_ref<json::object_t&>()[parent.key];
      slot = std::move(empty);
      f.value = &slot;
    } else {
      f.value = place(std::move(empty));
    }
    frames_.push_back(std::move(f));
    return true;
  }
  bool close_container() {
    count();
    frames_.pop_back();
    if (!frames_.empty() && frames_.back().object) frames_.back().has_key = false;
    return true;
  }

  const std::string& text_;
  JsonParseWork* work_;
  std::vector<Frame> frames_;
};

}  // namespace

json parse_json_input(const std::string& text, JsonParseWork* work) {
  // nlohmann's lexer reads a NUL byte as the end of the input, so "{...}\0garbage" would pass.
  const std::size_t nul = text.find('\0');
  if (nul != std::string::npos) {
    int line = 0, column = 0;
    json_line_column(text, nul + 1, line, column);
    throw ConfigError("json", "malformed JSON at line " + std::to_string(line) + ", column " +
                                  std::to_string(column) +
                                  ": a NUL byte (JSON text never has one: a binary file?)");
  }
  DomBuilder builder(text, work);
  // strict: anything but whitespace after the value is an error ("expected end of input").
  json::sax_parse(text, &builder, json::input_format_t::json, true);
  return std::move(builder.result);
}

}  // namespace nn
