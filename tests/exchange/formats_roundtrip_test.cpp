// Export -> import round trips for every flat format, and the CSV safety rules.
#include <gtest/gtest.h>

#include <algorithm>

#include "exchange/csv.hpp"
#include "exchange/eaf.hpp"
#include "exchange/json_format.hpp"
#include "exchange/srt.hpp"
#include "exchange/webvtt.hpp"
#include "test_util.hpp"

namespace triad::exchange {
namespace {
using test::essence;
using test::sample_set;

std::vector<std::string> essences(const CommentSet& s, bool uuid, bool point) {
  std::vector<std::string> out;
  for (const auto& c : s.comments) out.push_back(essence(s, c, uuid, point));
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Csv_RoundTrip, KeepsEveryField) {
  CommentSet in = sample_set();
  in.comments[0].visibility = Visibility::Everyone;
  in.comments[0].pupil = "Pupil A";
  in.comments[0].version = 7;
  in.comments[0].created_at_ms = 1700000000123;
  in.comments[0].updated_at_ms = 1700000009999;
  in.comments[1].parent_uuid = in.comments[0].uuid;
  in.comments[1].start_us = 65'250'001;  // microsecond precision survives CSV
  auto out = read_csv(write_csv(in), "x.csv");
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(essences(in, true, true), essences(*out, true, true));
  auto it = std::find_if(out->comments.begin(), out->comments.end(),
                         [&](const Comment& c) { return c.uuid == in.comments[0].uuid; });
  ASSERT_NE(it, out->comments.end());
  EXPECT_EQ(it->visibility, Visibility::Everyone);
  EXPECT_EQ(it->pupil, "Pupil A");
  EXPECT_EQ(it->version, 7);
  EXPECT_EQ(it->created_at_ms, 1700000000123);
  EXPECT_EQ(it->updated_at_ms, 1700000009999);
  auto reply = std::find_if(out->comments.begin(), out->comments.end(),
                            [&](const Comment& c) { return c.uuid == in.comments[1].uuid; });
  ASSERT_NE(reply, out->comments.end());
  EXPECT_EQ(reply->parent_uuid, in.comments[0].uuid);
}

TEST(Csv_Injection, FormulaCellsAreNeutralised) {
  std::string csv = write_csv(sample_set());
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://x\"\") & <b>bold</b>, \"\"quoted\"\"\""), std::string::npos) << csv;
  EXPECT_NE(csv.find(",'-starts with minus,"), std::string::npos) << csv;
  // No cell of the file starts with a formula character.
  auto rows = parse_csv_records(csv.substr(3), "x.csv");
  ASSERT_TRUE(rows.ok());
  for (const auto& row : *rows) {
    for (const auto& cell : row) {
      if (!cell.empty()) {
        EXPECT_EQ(std::string("=+-@\t\r").find(cell[0]), std::string::npos) << cell;
      }
    }
  }
  for (std::string s : {"=1+1", "+x", "-x", "@x", "\tx", "\rx", "'=x", "''@x", "'plain", "plain", ""})
    EXPECT_EQ(csv_unneutralise(csv_neutralise(s)), s) << s;
}

TEST(Csv_Rfc4180, ParsesQuotesCommasAndNewlines) {
  auto rows = parse_csv_records("a,\"b,1\",\"c\"\"d\"\r\n\"multi\nline\",,x\r\n", "x.csv");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0], (std::vector<std::string>{"a", "b,1", "c\"d"}));
  EXPECT_EQ((*rows)[1], (std::vector<std::string>{"multi\nline", "", "x"}));
  auto bad = parse_csv_records("a,\"open\n", "broken.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("broken.csv"), std::string::npos);
}

TEST(Csv_Import, ForeignHeaderNames) {
  auto set = read_csv("Time,Comment,Reviewer\n00:01:05,Good pace,Sam\n1:02:03.5,\"Nice, clear\",Kim\n", "f.csv");
  ASSERT_TRUE(set.ok()) << set.error().message;
  ASSERT_EQ(set->comments.size(), 2u);
  EXPECT_EQ(set->comments[0].start_us, 65'000'000);
  EXPECT_EQ(set->comments[1].start_us, 3'723'500'000);
  EXPECT_EQ(set->comments[1].text, "Nice, clear");
  EXPECT_EQ(set->author_name(set->comments[0].author_id), "Sam");
  EXPECT_FALSE(read_csv("a,b\n1,2\n", "nostart.csv").ok());
}

TEST(Json_RoundTrip, KeepsEveryField) {
  CommentSet in = sample_set();
  in.comments[2].start_us += 7;  // microseconds survive
  auto out = read_json(write_json(in), "x.json");
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(essences(in, true, true), essences(*out, true, true));
  EXPECT_EQ(out->title, in.title);
  EXPECT_FALSE(read_json("{\"format\":\"triad-comments\",\"version\":2,\"comments\":[]}", "v2.json").ok());
  EXPECT_FALSE(read_json("{\"format\":\"triad-comments\",\"version\":1,\"comments\":[{\"start_us\":\"x\"}]}", "t.json").ok());
  EXPECT_FALSE(read_json("[1,", "trunc.json").ok());
}

TEST(WebVtt_RoundTrip, KeepsUuidsAuthorsKindsTagsAndPoints) {
  CommentSet in = sample_set();
  std::string vtt = write_webvtt(in);
  EXPECT_EQ(vtt.rfind("WEBVTT", 0), 0u);
  EXPECT_EQ(vtt.find("<b>"), std::string::npos) << "markup in comment text must be escaped";
  auto out = read_webvtt(vtt, "x.vtt");
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(essences(in, true, true), essences(*out, true, true)) << vtt;
}

TEST(Srt_RoundTrip, KeepsTextAuthorsKindsTags) {
  CommentSet in = sample_set();
  for (auto& c : in.comments)
    if (!c.end_us) c.end_us = c.start_us + kPointCueUs;  // SRT has no point comments
  std::string srt = write_srt(in);
  auto out = read_srt(srt, "x.srt");
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(essences(in, false, true), essences(*out, false, true)) << srt;
}

TEST(Eaf_RoundTrip, KeepsUuidsAuthorsKindsTagsAndPoints) {
  CommentSet in = sample_set();
  auto out = read_eaf(write_eaf(in), "x.eaf");
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(essences(in, true, true), essences(*out, true, true));
  EXPECT_EQ(out->media_url, "./lesson%203.mp4");
}

TEST(Eaf_Import, TiersAsTags) {
  auto out = read_eaf(write_eaf(sample_set()), "x.eaf", EafTiers::Tags);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->comments.size(), 4u);
  for (const auto& c : out->comments) {
    EXPECT_EQ(c.author_id, 0);
    EXPECT_TRUE(std::find(c.tags.begin(), c.tags.end(), "alice-smith") != c.tags.end() ||
                std::find(c.tags.begin(), c.tags.end(), "bob-o-neil") != c.tags.end());
  }
}

TEST(Eaf_Import, RejectsNonXmlAndForeignRoots) {
  auto a = read_eaf("<ANNOTATION_DOCUMENT><TIER", "cut.eaf");
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.error().message.find("cut.eaf"), std::string::npos);
  EXPECT_FALSE(read_eaf("<html/>", "page.eaf").ok());
}

}  // namespace
}  // namespace triad::exchange
