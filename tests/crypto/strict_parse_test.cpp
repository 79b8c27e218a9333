// parse_json_strict has its own reader (crypto/canonical_json.cpp); it must accept, refuse
// and build exactly what nlohmann's parser does (strict: nothing after the value), with a
// repeated key refused. Held against nlohmann itself on edge cases and on many thousands of
// seeded mutations of real-looking documents.
#include <gtest/gtest.h>

#include <cstring>

#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "crypto/canonical_json.hpp"

using nlohmann::json;
using triad::crypto::parse_json_strict;

namespace {

// The reference: nlohmann's parser, and a SAX pass of its own that stops at the first key
// repeated in one object (sets of keys per open object).
struct DuplicateFinder : nlohmann::json_sax<json> {
  std::vector<std::set<std::string>> keys;
  std::optional<std::string> duplicate;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override {
    keys.emplace_back();
    return true;
  }
  bool key(string_t& k) override {
    if (!keys.back().insert(k).second) {
      duplicate = k;
      return false;
    }
    return true;
  }
  bool end_object() override {
    keys.pop_back();
    return true;
  }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
};

struct Outcome {
  std::optional<json> value;
  std::optional<std::string> duplicate;
};

Outcome reference(const std::string& text) {
  Outcome o;
  DuplicateFinder finder;
  const bool complete = json::sax_parse(text.begin(), text.end(), &finder, json::input_format_t::json, true, false);
  if (finder.duplicate) {
    o.duplicate = finder.duplicate;
    return o;
  }
  if (complete) o.value = json::parse(text, nullptr, false);
  return o;
}

// Same value and the same type at every level (nlohmann's == calls 1u and 1 equal).
bool same(const json& a, const json& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case json::value_t::object: {
      if (a.size() != b.size()) return false;
      auto i = a.begin(), j = b.begin();
      for (; i != a.end(); ++i, ++j)
        if (i.key() != j.key() || !same(*i, *j)) return false;
      return true;
    }
    case json::value_t::array: {
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (!same(a[i], b[i])) return false;
      return true;
    }
    case json::value_t::number_float: {
      const double x = a.get<double>(), y = b.get<double>();
      return std::memcmp(&x, &y, sizeof x) == 0;
    }
    default: return a == b;
  }
}

void expect_as_nlohmann(const std::string& text) {
  const Outcome want = reference(text);
  auto got = parse_json_strict(text, "t");
  if (want.duplicate) {
    ASSERT_FALSE(got) << "accepted a repeated key: " << testing::PrintToString(text);
    EXPECT_NE(got.error().message.find("\"" + *want.duplicate + "\" twice"), std::string::npos)
        << got.error().message << " for " << testing::PrintToString(text);
  } else if (want.value) {
    ASSERT_TRUE(got) << got.error().message << " for " << testing::PrintToString(text);
    EXPECT_TRUE(same(*got, *want.value)) << testing::PrintToString(text) << ": " << got->dump() << " vs "
                                          << want.value->dump();
  } else {
    EXPECT_FALSE(got) << "accepted what nlohmann refuses: " << testing::PrintToString(text);
    if (!got) {
      EXPECT_NE(got.error().message.find("not complete JSON"), std::string::npos) << got.error().message;
    }
  }
}

const char* kSeeds[] = {
    R"({"kind":"comment","session":"5e551011-0000-4000-8000-00000000be4c","signer":"Olly Observer","key":"q83vEjRWeJASNFZ4kBI0VniQEjRWeJASNFZ4kBI0VnI=","data":{"author":"Olly Observer","created_at_ms":1773450000000,"deleted":false,"end_us":null,"kind":"note","parent_uuid":null,"pupil":"","start_us":0,"tags":["jpd.q1"],"text":"feedback \"behaviour\" answer\n\tcafé 日本 😀 \u00e9\ud83d\ude00","updated_at_ms":1773450000000,"uuid":"ef96f7c9-9153-40a6-9114-f306f2f2df30","version":1,"visibility":"triad"},"sig":"AAAA"})",
    " [1, -1, 0, -0, 18446744073709551615, 18446744073709551616, -9223372036854775808, -9223372036854775809, 1.5, -2.5e-3, 1E400, 1e-400, 3e2, true, false, null, \"\", {}, []] ",
    "\xEF\xBB\xBF{\"a\":{\"b\":[{\"c\":\"\\u0000\\u001f\\\\\\/\\b\\f\\n\\r\\t\"}]}}",
};

}  // namespace

TEST(StrictParse_AsNlohmann, EdgeCases) {
  for (const char* t :
       {"", " ", "{", "}", "[", "]", "{}", "[]", "{} ", " {}", "{}x", "{},", "[1,]", "[,1]", "{\"a\":1,}", "{\"a\"}", "{\"a\" 1}",
        "{1:2}", "{\"a\":1 \"b\":2}", "nul", "null", "nulll", "true", "tru", "false", "falsee", "0", "-", "-0", "01", "-01", "1.",
        "1.e3", ".5", "1e", "1e+", "1e+5", "1E-5", "+1", "0x10", "1_000", "\"abc", "\"a\\\"", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"",
        "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\ud800\\udc00\"", "\"\\uDBFF\\uDFFF\"", "\"\\ud800x\"", "\"a\tb\"",
        "\"a\x01\"", "\"\x7f\"", "\"\xC3\xA9\"", "\"\xC3\"", "\"\xC0\x80\"", "\"\xED\xA0\x80\"", "\"\xF4\x90\x80\x80\"",
        "\"\xF0\x9F\x98\x80\"", "\"\xE0\x9F\xBF\"", "\"\xFF\"", "\xEF\xBB\xBF", "\xEF\xBB\xBF[]", "\xEF\xBB[]", " \xEF\xBB\xBF[]",
        "[]\xEF\xBB\xBF", "\xFF", "[1\x00]", "{\"a\":1,\"a\":2}", "{\"a\":{\"a\":1},\"b\":{\"a\":2}}", "{\"a\":1,\"a\"", "{\"a\":[}",
        "[\"\\u0041\\u00e9\\u65e5\"]", "[[[[[]]]]]", "[[[[[]]]]", "{\"\":1}", "{\"\":1,\"\":2}", "\r\n\t[ \r\n\t1 \r\n\t] \r\n\t",
        "[1e309]", "[-1e309]", "[4.9e-324]", "[2.2250738585072011e-308]", "[123456789012345678901234567890]",
        "[-123456789012345678901234567890]", "[9223372036854775807]", "[9223372036854775808]"})
    expect_as_nlohmann(std::string(t, t + std::char_traits<char>::length(t)));
  expect_as_nlohmann(std::string("[1\0]", 4));
  expect_as_nlohmann(std::string("\"a\0b\"", 5));
  for (const char* s : kSeeds) expect_as_nlohmann(s);
}

TEST(StrictParse_AsNlohmann, SeededMutations) {
  const std::string alphabet = std::string("{}[]\":,\\u0123456789abcdefABCDEF-+.eE tnrfl\x01\x1f\x7f\x00", 44) +
                               "\xC3\xA9\xED\xA0\x80\xF0\x9F\x98\x80\xEF\xBB\xBF\xFF\xC0";
  std::mt19937 rng(20261207);
  int cases = 0;
  for (int round = 0; round < 4000; ++round) {
    for (const char* seed : kSeeds) {
      std::string t = seed;
      const int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits && !t.empty(); ++e) {
        const std::size_t at = rng() % t.size();
        const char c = alphabet[rng() % alphabet.size()];
        switch (rng() % 4) {
          case 0: t[at] = c; break;
          case 1: t.insert(t.begin() + static_cast<std::ptrdiff_t>(at), c); break;
          case 2: t.erase(at, 1 + rng() % 3); break;
          default: t.resize(at); break;  // truncated
        }
      }
      expect_as_nlohmann(t);
      ++cases;
      if (HasFailure()) return;
    }
  }
  EXPECT_EQ(cases, 12000);
}
