// Importers decide the encoding per file and say what they did: UTF-8 with or without a
// BOM, UTF-16/32 in both byte orders (with or without a BOM), Windows-1252 only when the
// bytes are not UTF-8, and a file mixing UTF-8 with legacy bytes never read wholly as
// Windows-1252. Every cue or row that does not become a comment is counted and reported.
#include <gtest/gtest.h>

#include "exchange/csv.hpp"
#include "exchange/json_format.hpp"
#include "exchange/srt.hpp"
#include "exchange/text_encoding.hpp"
#include "exchange/webvtt.hpp"

namespace triad::exchange {
namespace {

std::string utf16(std::u16string_view s, bool le, bool bom) {
  std::string out;
  auto put = [&](char16_t u) {
    char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    out += le ? lo : hi;
    out += le ? hi : lo;
  };
  if (bom) put(0xFEFF);
  for (char16_t u : s) put(u);
  return out;
}

std::string utf32(std::u32string_view s, bool le, bool bom) {
  std::string out;
  auto put = [&](char32_t u) {
    char b[4] = {static_cast<char>(u & 0xFF), static_cast<char>((u >> 8) & 0xFF), static_cast<char>((u >> 16) & 0xFF),
                 static_cast<char>(u >> 24)};
    if (le)
      out.append(b, 4);
    else
      for (int i = 3; i >= 0; --i) out += b[i];
  };
  if (bom) put(0xFEFF);
  for (char32_t u : s) put(u);
  return out;
}

bool any_warning_has(const CommentSet& s, std::string_view needle) {
  for (const auto& w : s.warnings)
    if (w.find(needle) != std::string::npos) return true;
  return false;
}

const char16_t* kCsv16 = u"start,text\r\n00:00:01.000,caf\u00e9 \u2713\r\n00:00:02.000,na\u00efve \U0001F600\r\n";
const char32_t* kCsv32 = U"start,text\r\n00:00:01.000,caf\u00e9 \u2713\r\n00:00:02.000,na\u00efve \U0001F600\r\n";
const char16_t* kSrt16 = u"1\r\n00:00:01,000 --> 00:00:02,000\r\ncaf\u00e9\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\n\u2713 \U0001F600\r\n";
const char32_t* kSrt32 = U"1\r\n00:00:01,000 --> 00:00:02,000\r\ncaf\u00e9\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\n\u2713 \U0001F600\r\n";

TEST(ImportEncoding_Wide, Utf16AndUtf32CsvInBothByteOrdersWithAndWithoutBom) {
  for (bool le : {true, false})
    for (bool bom : {true, false}) {
      SCOPED_TRACE(std::string(le ? "LE" : "BE") + (bom ? " with BOM" : " without BOM"));
      for (const std::string& bytes : {utf16(kCsv16, le, bom), utf32(kCsv32, le, bom)}) {
        auto set = read_csv(bytes, "wide.csv");
        ASSERT_TRUE(set.ok()) << set.error().message;
        ASSERT_EQ(set->comments.size(), 2u);
        EXPECT_EQ(set->comments[0].text, "caf\u00e9 \u2713");
        EXPECT_EQ(set->comments[1].text, "na\u00efve \U0001F600");
        EXPECT_TRUE(set->warnings.empty()) << set->warnings.front();
      }
    }
}

TEST(ImportEncoding_Wide, Utf16AndUtf32SrtImport) {
  for (bool le : {true, false})
    for (bool bom : {true, false}) {
      SCOPED_TRACE(std::string(le ? "LE" : "BE") + (bom ? " with BOM" : " without BOM"));
      for (const std::string& bytes : {utf16(kSrt16, le, bom), utf32(kSrt32, le, bom)}) {
        auto set = read_srt(bytes, "wide.srt");
        ASSERT_TRUE(set.ok()) << set.error().message;
        ASSERT_EQ(set->comments.size(), 2u);
        EXPECT_EQ(set->comments[0].text, "caf\u00e9");
        EXPECT_EQ(set->comments[1].start_us, 3'000'000);
        EXPECT_EQ(set->comments[1].text, "\u2713 \U0001F600");
      }
    }
}

TEST(ImportEncoding_Wide, MalformedUnitsAreReplacedAndReported) {
  std::string bytes = utf16(u"1\n00:00:01,000 --> 00:00:02,000\nab", true, true);
  bytes += std::string("\x00\xD8", 2);  // a lone high surrogate
  bytes += utf16(u"c\n", true, false);
  auto set = read_srt(bytes, "broken16.srt");
  ASSERT_TRUE(set.ok()) << set.error().message;
  ASSERT_EQ(set->comments.size(), 1u);
  EXPECT_EQ(set->comments[0].text, "ab\xEF\xBF\xBD" "c");
  EXPECT_TRUE(any_warning_has(*set, "U+FFFD"));
}

TEST(ImportEncoding_Legacy, Windows1252OnlyWhenTheBytesAreNotUtf8) {
  auto utf8 = read_csv("start,text\n1,caf\xC3\xA9\n", "u.csv");
  ASSERT_TRUE(utf8.ok());
  EXPECT_EQ(utf8->comments[0].text, "caf\u00e9");
  EXPECT_TRUE(utf8->warnings.empty());

  auto legacy = read_csv("start,text\n1,caf\xE9 \x93quoted\x94\n", "l.csv");
  ASSERT_TRUE(legacy.ok());
  EXPECT_EQ(legacy->comments[0].text, "caf\u00e9 \u201cquoted\u201d");
  EXPECT_TRUE(any_warning_has(*legacy, "Windows-1252"));
}

TEST(ImportEncoding_Legacy, MixedFileKeepsItsUtf8AndSaysWhichLines) {
  // Line 2 is UTF-8, line 4 has a Windows-1252 byte: neither may turn into mojibake.
  auto set = read_csv("start,text\n1,caf\xC3\xA9\n2,plain\n3,na\xEFve\n", "mixed.csv");
  ASSERT_TRUE(set.ok()) << set.error().message;
  ASSERT_EQ(set->comments.size(), 3u);
  EXPECT_EQ(set->comments[0].text, "caf\u00e9") << "UTF-8 read as Windows-1252 (\"Ã©\")";
  EXPECT_EQ(set->comments[2].text, "na\u00efve");
  ASSERT_TRUE(any_warning_has(*set, "mixes encodings"));
  EXPECT_TRUE(any_warning_has(*set, "line 4"));
  EXPECT_TRUE(any_warning_has(*set, "mixed.csv"));
}

TEST(ImportEncoding_Decode, ReportsWhatItDetected) {
  EXPECT_EQ(decode_import_text("abc", "f").encoding, "UTF-8");
  EXPECT_EQ(decode_import_text("\xEF\xBB\xBF" "abc", "f").encoding, "UTF-8 (with BOM)");
  EXPECT_EQ(decode_import_text("\xEF\xBB\xBF" "abc", "f").text, "abc");
  EXPECT_EQ(decode_import_text(utf16(u"abc", true, false), "f").encoding, "UTF-16LE");
  EXPECT_EQ(decode_import_text(utf16(u"abc", false, true), "f").encoding, "UTF-16BE");
  EXPECT_EQ(decode_import_text(utf32(U"abc", true, false), "f").encoding, "UTF-32LE");
  EXPECT_EQ(decode_import_text(utf32(U"abc", false, true), "f").encoding, "UTF-32BE");
  auto nul = decode_import_text(std::string("start,text\n1,a\0b\n", 17), "f");
  EXPECT_EQ(nul.text, "start,text\n1,a\xEF\xBF\xBD" "b\n");
  EXPECT_FALSE(nul.warnings.empty());
  auto replaced = decode_import_text("ok\n\xFF\xFEzz", "f", LegacyBytes::Replace);
  EXPECT_EQ(replaced.text, "ok\n\xEF\xBF\xBD\xEF\xBF\xBDzz");
  ASSERT_FALSE(replaced.warnings.empty());
  EXPECT_NE(replaced.warnings[0].find("line 2"), std::string::npos) << replaced.warnings[0];
}

TEST(ImportEncoding_Utf8, RepairReplacesEachBrokenSequenceOnce) {
  std::size_t n = 0;
  EXPECT_EQ(repair_utf8("a\xC3(b\xE2\x82\xAC\xF0\x9F", &n), "a\xEF\xBF\xBD(b\xE2\x82\xAC\xEF\xBF\xBD");
  EXPECT_EQ(n, 2u);
  EXPECT_TRUE(is_valid_utf8(repair_utf8("\xED\xA0\x80 surrogate \xC0\xAF overlong")));
}

TEST(ImportWebVtt_Skipped, NegativeStartIsReportedNotDroppedSilently) {
  auto set = read_webvtt("WEBVTT\n\n-00:00:01.000 --> 00:00:02.000\nnegative\n\n"
                         "00:00:03.000 --> 00:00:04.000\nfine\n\n"
                         "00:00:06.000 --> 00:00:05.000\nbackwards\n\n"
                         "id\n00:00:0x.000 --> 00:00:08.000\nunreadable\n",
                         "neg.vtt");
  ASSERT_TRUE(set.ok()) << set.error().message;
  ASSERT_EQ(set->comments.size(), 1u);
  EXPECT_EQ(set->comments[0].text, "fine");
  EXPECT_EQ(set->skipped, 3u);
  ASSERT_TRUE(any_warning_has(*set, "negative")) << (set->warnings.empty() ? "" : set->warnings[0]);
  EXPECT_TRUE(any_warning_has(*set, "line 3"));
  EXPECT_TRUE(any_warning_has(*set, "line 13"));
  EXPECT_TRUE(any_warning_has(*set, "neg.vtt"));
}

TEST(ImportWebVtt_Encoding, Utf16FileAndBrokenBytes) {
  auto wide = read_webvtt(utf16(u"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nh\u00e9\n", true, true), "w.vtt");
  ASSERT_TRUE(wide.ok()) << wide.error().message;
  ASSERT_EQ(wide->comments.size(), 1u);
  EXPECT_EQ(wide->comments[0].text, "h\u00e9");
  auto broken = read_webvtt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nh\xE9llo\n", "b.vtt");
  ASSERT_TRUE(broken.ok());
  EXPECT_EQ(broken->comments[0].text, "h\xEF\xBF\xBDllo");  // the spec's decoder
  EXPECT_TRUE(any_warning_has(*broken, "U+FFFD"));
}

TEST(ImportSrt_Skipped, MalformedCuesAreCounted) {
  auto set = read_srt("1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n-00:00:01,000 --> 00:00:02,000\nneg\n\n"
                      "3\n00:00:xx,000 --> 00:00:02,000\nbad\n",
                      "s.srt");
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->comments.size(), 1u);
  EXPECT_EQ(set->skipped, 2u);
  EXPECT_TRUE(any_warning_has(*set, "before 0:00"));
  EXPECT_TRUE(any_warning_has(*set, "line 10"));
}

TEST(ImportCsv_Version, IsBounded) {
  auto huge = read_csv("start,text,version\n1,a,9223372036854775807\n", "v.csv");
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.error().message.find("version"), std::string::npos);
  auto ok = read_csv("start,text,version\n1,a,7\n", "v.csv");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->comments[0].version, 7);
}

TEST(ImportJson_Types, WronglyTypedFieldsAreRefusedWithASentence) {
  const std::string comment = R"({"start_us": 1000000, "text": "hi"})";
  auto doc = [&](const std::string& top, const std::string& c) {
    return R"({"format": "triad-comments", "version": 1)" + top + R"(, "comments": [)" + c + "]}";
  };
  struct Case {
    std::string bytes, needle;
  };
  const Case cases[] = {
      {R"({"format": 1, "version": 1, "comments": []})", "format"},
      {R"({"format": ["triad-comments"], "version": 1, "comments": []})", "format"},
      {R"({"format": "triad-comments", "version": "1", "comments": []})", "version"},
      {R"({"format": "triad-comments", "version": 1.5, "comments": []})", "version"},
      {doc(R"(, "title": 5)", comment), "\"title\""},
      {doc(R"(, "media_url": [])", comment), "\"media_url\""},
      {doc(R"(, "title": {"a": 1})", comment), "\"title\""},
      {doc("", R"({"start_us": "1", "text": "hi"})"), "\"start_us\""},
      {doc("", R"({"start_us": 1.5, "text": "hi"})"), "\"start_us\""},
      {doc("", R"({"start_us": 18446744073709551615, "text": "hi"})"), "\"start_us\""},
      {doc("", R"({"text": "hi"})"), "\"start_us\""},
      {doc("", R"({"start_us": 1, "text": 5})"), "\"text\""},
      {doc("", R"({"start_us": 1, "text": "a", "tags": "x"})"), "\"tags\""},
      {doc("", R"({"start_us": 1, "text": "a", "tags": [1]})"), "\"tags\""},
      {doc("", R"({"start_us": 1, "text": "a", "author": false})"), "\"author\""},
      {doc("", R"({"start_us": 1, "text": "a", "uuid": 7})"), "\"uuid\""},
      {doc("", R"({"start_us": 1, "text": "a", "end_us": "2"})"), "\"end_us\""},
      {doc("", R"({"start_us": 1, "text": "a", "parent_uuid": 3})"), "\"parent_uuid\""},
      {doc("", R"({"start_us": 1, "text": "a", "version": 9223372036854775807})"), "version"},
      {doc("", R"({"start_us": 1, "text": "a", "version": 0})"), "version"},
      {doc("", R"({"start_us": 1, "text": "a", "created_at_ms": "now"})"), "\"created_at_ms\""},
      {doc("", R"("just a string")"), "comment 1"},
      {doc("", R"({"start_us": 5, "end_us": 2, "text": "a"})"), "impossible times"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.bytes);
    Result<CommentSet> set = make_error("not run");
    EXPECT_NO_THROW(set = read_json(c.bytes, "typed.json"));
    ASSERT_FALSE(set.ok());
    EXPECT_NE(set.error().message.find("typed.json"), std::string::npos) << set.error().message;
    EXPECT_NE(set.error().message.find(c.needle), std::string::npos) << set.error().message;
  }
  auto fine = read_json(doc(R"(, "title": "T", "media_url": "m.mp4")",
                            R"({"start_us": 1, "end_us": null, "parent_uuid": null, "text": "a", "version": 3})"),
                        "typed.json");
  ASSERT_TRUE(fine.ok()) << fine.error().message;
  EXPECT_EQ(fine->comments[0].version, 3);
  EXPECT_EQ(fine->title, "T");
}

}  // namespace
}  // namespace triad::exchange
