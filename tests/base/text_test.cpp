#include <gtest/gtest.h>

#include "base/text.hpp"

using namespace triad;

TEST(Text_Utf8, ValidatesWellFormedSequencesOnly) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain"));
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
  for (const char* bad : {"\xff", "bad\xffutf", "\xC3", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                          "\xF8\x88\x80\x80\x80", "\x80", "\xE2\x82"})
    EXPECT_FALSE(is_valid_utf8(bad)) << bad;
  EXPECT_EQ(first_invalid_utf8("ab\xff"), 2u);
}

// The validator reads ASCII eight bytes at a time: a bad or multi-byte sequence at every
// offset of a long line, and one split across an eight-byte boundary, are still seen.
TEST(Text_Utf8, FindsTheFirstBadByteAtEveryOffsetOfALongLine) {
  for (std::size_t at = 0; at < 40; ++at) {
    std::string line(40, 'a');
    line[at] = '\xff';
    EXPECT_EQ(first_invalid_utf8(line), at) << at;
    std::string good(40, 'a');
    good.insert(at, "\xE2\x82\xAC");  // a euro sign, wherever it falls
    EXPECT_TRUE(is_valid_utf8(good)) << at;
    std::string cut(at, 'a');
    cut += "\xE2\x82";  // truncated at the end
    EXPECT_EQ(first_invalid_utf8(cut), at) << at;
  }
}

TEST(Text_Utf8, RepairsWithReplacementCharacters) {
  std::size_t n = 0;
  EXPECT_EQ(repair_utf8("bad\xffutf", &n), "bad\xEF\xBF\xBDutf");
  EXPECT_EQ(n, 1u);
  // A truncated 3-byte sequence is one replacement (maximal subpart), then the next char.
  EXPECT_EQ(repair_utf8("\xE2\x82x", &n), "\xEF\xBF\xBDx");
  EXPECT_EQ(n, 1u);
  EXPECT_EQ(repair_utf8("ok"), "ok");
  EXPECT_TRUE(is_valid_utf8(repair_utf8("\xC0\xAF\xED\xA0\x80\xF4\x90")));
}

TEST(Text_Check, RefusesInvalidAndStripsControls) {
  auto bad = check_text("bad\xffutf", "The comment");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("The comment is not valid UTF-8"), std::string::npos);
  EXPECT_EQ(check_text("a\x1b[31mred\x07\r\nnext\tcol", "x").value(), "a[31mred\nnext\tcol");
  EXPECT_FALSE(check_text(std::string(3000, 'a'), "x", 2048).ok());
  EXPECT_EQ(check_name("  Ann\x1b[2J\nBell  ", "The name").value(), "Ann[2J Bell");
  EXPECT_FALSE(check_name("\x01\x02", "The name").ok());
  EXPECT_FALSE(check_name("", "The name").ok());
  EXPECT_EQ(check_name("", "The name", true).value(), "");
  // C1 controls (U+009B is a one-byte CSI on some terminals) go too.
  EXPECT_EQ(check_name("a\xC2\x9B" "b", "x").value(), "ab");
}

TEST(Text_Terminal, EscapesControlsAndInvalidBytes) {
  EXPECT_EQ(escape_for_terminal("a\x1b[2Jb"), "a\\x1b[2Jb");
  EXPECT_EQ(escape_for_terminal("x\xffy"), "x\\xffy");
  EXPECT_EQ(escape_for_terminal("l1\nl2\tc"), "l1\nl2\tc");
  EXPECT_EQ(escape_for_terminal("l1\nl2", false), "l1\\x0al2");
  EXPECT_EQ(escape_for_terminal("\r\x07\x7f"), "\\x0d\\x07\\x7f");
  EXPECT_EQ(escape_for_terminal("c\xC2\x9B" "1m"), "c\\u009b1m");
  EXPECT_EQ(escape_for_terminal("caf\xC3\xA9"), "caf\xC3\xA9");
}

TEST(Text_AsciiLower, LowersAsciiOnlyAndKeepsUtf8) {
  EXPECT_EQ(ascii_lower("Wait TIME"), "wait time");
  EXPECT_EQ(ascii_lower("\xC3\x89L\xC3\x88VE"), "\xC3\x89l\xC3\x88ve") << "É and È are not ASCII: bytes kept, text valid";
  EXPECT_TRUE(is_valid_utf8(ascii_lower("\xC3\x89L\xC3\x88VE")));
  EXPECT_EQ(ascii_lower(""), "");
}
