// Known answers for the canonical JSON Triad signs (sorted keys, no whitespace, UTF-8 as is,
// integers only, no duplicate keys).
#include <gtest/gtest.h>

#include "crypto/canonical_json.hpp"

using nlohmann::json;
using triad::crypto::canonical_json;
using triad::crypto::parse_json_strict;

namespace {
std::string canon(const std::string& text) {
  auto j = parse_json_strict(text, "t");
  EXPECT_TRUE(j) << text;
  auto c = canonical_json(*j);
  EXPECT_TRUE(c) << text;
  return c ? *c : std::string("<refused>");
}
}  // namespace

TEST(CanonicalJson_KnownAnswers, MatrixExamples) {
  // spec.matrix.org appendices, "Canonical JSON" examples.
  EXPECT_EQ(canon("{}"), "{}");
  EXPECT_EQ(canon(R"({"one": 1, "two": "Two"})"), R"({"one":1,"two":"Two"})");
  EXPECT_EQ(canon(R"({"b": "2", "a": "1"})"), R"({"a":"1","b":"2"})");
  EXPECT_EQ(canon(R"({"auth":{"success":true,"mxid":"@john.doe:example.com","profile":{"display_name":"John Doe","three_pids":[{"medium":"email","address":"john.doe@example.org"},{"medium":"msisdn","address":"123456789"}]}}})"),
            R"({"auth":{"mxid":"@john.doe:example.com","profile":{"display_name":"John Doe","three_pids":[{"address":"john.doe@example.org","medium":"email"},{"address":"123456789","medium":"msisdn"}]},"success":true}})");
  EXPECT_EQ(canon(R"({"a": "日本語"})"), "{\"a\":\"日本語\"}");
  EXPECT_EQ(canon(R"({"本": 2, "日": 1})"), "{\"日\":1,\"本\":2}");
  EXPECT_EQ(canon(R"({"a": "\u65E5"})"), "{\"a\":\"日\"}");
  EXPECT_EQ(canon(R"({"a": null})"), R"({"a":null})");
}

TEST(CanonicalJson_KnownAnswers, EscapesAndIntegers) {
  EXPECT_EQ(canon(R"({"s":"a\"b\\c\n\t\u0001/é"})"), "{\"s\":\"a\\\"b\\\\c\\n\\t\\u0001/é\"}");
  EXPECT_EQ(canon(R"({"big":9007199254740993,"neg":-9223372036854775808,"u":18446744073709551615})"),
            R"({"big":9007199254740993,"neg":-9223372036854775808,"u":18446744073709551615})");
  EXPECT_EQ(canon(R"([3,2,1,{"z":[],"a":{}}])"), R"([3,2,1,{"a":{},"z":[]}])");
  // Keys sort by bytes: upper case before lower case, "a" before "aa".
  EXPECT_EQ(canon(R"({"aa":1,"a":2,"B":3})"), R"({"B":3,"a":2,"aa":1})");
}

TEST(CanonicalJson_Refusals, FloatsDuplicatesAndBadUtf8) {
  auto f = parse_json_strict(R"({"t": 1.5})", "t");
  ASSERT_TRUE(f);
  EXPECT_FALSE(canonical_json(*f));
  auto e = parse_json_strict(R"({"t": 1e3})", "t");
  ASSERT_TRUE(e);
  EXPECT_FALSE(canonical_json(*e));
  auto dup = parse_json_strict(R"({"text": "a", "x": {"k": 1, "k": 2}})", "t");
  ASSERT_FALSE(dup);
  EXPECT_NE(dup.error().message.find("\"k\" twice"), std::string::npos);
  EXPECT_TRUE(parse_json_strict(R"([{"k":1},{"k":2}])", "t"));  // same key in sibling objects is fine
  json bad = std::string("\xff\xfe");
  EXPECT_FALSE(canonical_json(bad));
  EXPECT_FALSE(parse_json_strict("{\"a\":", "t"));
}
