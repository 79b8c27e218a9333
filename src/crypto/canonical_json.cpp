#include "crypto/canonical_json.hpp"

#include <optional>
#include <utility>
#include <vector>

namespace triad::crypto {
using nlohmann::json;

namespace {

bool has_float(const json& j) {
  switch (j.type()) {
    case json::value_t::number_float: return true;
    case json::value_t::object:
    case json::value_t::array:
      for (const auto& v : j) if (has_float(v)) return true;
      return false;
    default: return false;
  }
}

}  // namespace

Result<std::string> canonical_json(const json& j) {
  if (has_float(j)) return make_error("A signed record holds a fractional number; only integers can be signed.");
  // nlohmann's object is a std::map<std::string, ...>: keys come out sorted by bytes.
  // ensure_ascii=false keeps UTF-8 as is; invalid UTF-8 throws, which we turn into a refusal.
  try {
    return j.dump(-1, ' ', false, json::error_handler_t::strict);
  } catch (const json::exception&) {
    return make_error("A signed record holds text that is not valid UTF-8.");
  }
}

namespace {

// Builds the document as nlohmann's own DOM parser does, and refuses a key repeated in one
// object when it is read: the object being filled is a std::map, so the check is the
// insertion itself (no key sets on the side, no second pass). Not recursive: nesting costs
// a pointer on `stack_`, never a frame.
class StrictDomBuilder {
 public:
  explicit StrictDomBuilder(json& root) : root_(root) {}
  bool null() { return put(nullptr); }
  bool boolean(bool v) { return put(v); }
  bool number_integer(json::number_integer_t v) { return put(v); }
  bool number_unsigned(json::number_unsigned_t v) { return put(v); }
  bool number_float(json::number_float_t v, const json::string_t&) { return put(v); }
  bool string(json::string_t& v) { return put(std::move(v)); }
  bool binary(json::binary_t&) { return false; }  // JSON text has none
  bool start_object(std::size_t) { return open(json::value_t::object); }
  bool start_array(std::size_t) { return open(json::value_t::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(json::string_t& k) {
    auto& object = stack_.back()->get_ref<json::object_t&>();
    auto [it, inserted] = object.emplace(k, nullptr);
    if (!inserted) {
      duplicate_ = std::move(k);
      return false;
    }
    slot_ = &it->second;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

  const std::optional<std::string>& duplicate() const { return duplicate_; }

 private:
  template <class V>
  json* place(V&& v) {
    if (stack_.empty()) {
      root_ = json(std::forward<V>(v));
      return &root_;
    }
    json* top = stack_.back();
    if (top->is_array()) {
      auto& array = top->get_ref<json::array_t&>();
      array.emplace_back(std::forward<V>(v));
      return &array.back();
    }
    *slot_ = json(std::forward<V>(v));
    return slot_;
  }
  template <class V>
  bool put(V&& v) {
    place(std::forward<V>(v));
    return true;
  }
  bool open(json::value_t type) {
    stack_.push_back(place(type));
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  json& root_;
  std::vector<json*> stack_;  // the open objects and arrays, innermost last
  json* slot_ = nullptr;      // the value of the key just read
  std::optional<std::string> duplicate_;
};

}  // namespace

Result<json> parse_json_strict(std::string_view text, const std::string& source) {
  json doc;
  StrictDomBuilder builder(doc);
  const bool complete = json::sax_parse(text.begin(), text.end(), &builder, json::input_format_t::json, true, false);
  if (builder.duplicate())
    return make_error("'" + source + "' names the key \"" + *builder.duplicate() + "\" twice in one object.");
  if (!complete) return make_error("'" + source + "' is not complete JSON (truncated or damaged).");
  return doc;
}

}  // namespace triad::crypto
