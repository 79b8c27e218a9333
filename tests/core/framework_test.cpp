#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/framework.hpp"

using namespace triad;

namespace {

std::string read_asset(const std::string& name) {
  std::ifstream in(std::filesystem::path(TRIAD_SOURCE_DIR) / "assets" / "frameworks" / name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const char* kMinimal = R"({"format":"triad-framework","version":1,"code":"mine","name":"Mine",
  "tags":[{"code":"a","label":"A","colour":"#000000","hotkey":"1"}]})";

std::string with(const std::string& from, const std::string& to) {
  std::string s = kMinimal;
  auto pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return s.replace(pos, from.size(), to);
}

}  // namespace

TEST(Framework_Assets, JpdSetHasTheIssueTagsWithHotkeys) {
  auto def = framework_from_json(read_asset("jpd-peer-observation.json"), "jpd-peer-observation.json");
  ASSERT_TRUE(def.ok()) << def.error().message;
  const Framework& f = def->framework;
  EXPECT_EQ(f.code, "jpd-peer-observation");
  EXPECT_FALSE(f.child_friendly);
  for (const char* code : {"questioning", "wait-time", "assessment-for-learning", "modelling", "praise", "pupil-talk",
                           "collaboration", "engagement", "behaviour", "differentiation", "plenary", "transitions"})
    EXPECT_NE(find_tag(f, code), nullptr) << code;
  int with_hotkey = 0;
  for (const auto& t : f.tags) with_hotkey += !t.hotkey.empty();
  EXPECT_EQ(with_hotkey, 9);
}

TEST(Framework_Assets, LessonStudyHasThreeCaseStudyPupils) {
  auto def = framework_from_json(read_asset("lesson-study.json"), "lesson-study.json");
  ASSERT_TRUE(def.ok()) << def.error().message;
  EXPECT_EQ(def->pupils, (std::vector<std::string>{"Pupil A", "Pupil B", "Pupil C"}));
  EXPECT_FALSE(def->framework.child_friendly);
}

TEST(Framework_Assets, LearningDetectivesIsChildFriendly) {
  auto def = framework_from_json(read_asset("learning-detectives.json"), "learning-detectives.json");
  ASSERT_TRUE(def.ok()) << def.error().message;
  EXPECT_TRUE(def->framework.child_friendly);
  EXPECT_GE(def->framework.tags.size(), 5u);
}

TEST(Framework_Json, RoundTripsExactly) {
  auto def = framework_from_json(read_asset("lesson-study.json"), "lesson-study.json");
  ASSERT_TRUE(def.ok());
  std::string once = framework_to_json(*def);
  auto again = framework_from_json(once, "export");
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(framework_to_json(*again), once);
  EXPECT_EQ(again->framework.tags.size(), def->framework.tags.size());
  EXPECT_EQ(again->framework.tags[3].colour, def->framework.tags[3].colour);
  EXPECT_EQ(again->framework.tags[3].hotkey, def->framework.tags[3].hotkey);
}

TEST(Framework_Json, MinimalUserFrameworkParses) {
  auto def = framework_from_json(kMinimal, "mine.json");
  ASSERT_TRUE(def.ok()) << def.error().message;
  EXPECT_EQ(def->framework.name, "Mine");
  EXPECT_FALSE(def->framework.child_friendly);
  EXPECT_TRUE(def->pupils.empty());
}

TEST(Framework_Json, RefusesBrokenDocumentsNamingTheSource) {
  struct Case {
    std::string text, expect;
  };
  std::vector<Case> cases{
      {"{not json", "mine.json is not valid JSON"},
      {with("\"format\":\"triad-framework\",", ""), "\"format\" must be"},
      {with("\"version\":1", "\"version\":2"), "newer than this Triad"},
      {with("\"colour\"", "\"color\""), "unknown field 'color'"},
      {with("#000000", "black"), "is not #RRGGBB"},
      {with("\"hotkey\":\"1\"", "\"hotkey\":\"0\""), "is not a digit 1-9"},
      {with("\"code\":\"mine\"", "\"code\":\"Mine Framework\""), "lower-case"},
      {with("\"tags\":[", "\"pupils\":[\"Jamie\"],\"tags\":["), "not a pupil code"},
      {with("{\"code\":\"a\",\"label\":\"A\",\"colour\":\"#000000\",\"hotkey\":\"1\"}",
            "{\"code\":\"a\",\"label\":\"A\",\"colour\":\"#000000\",\"hotkey\":\"1\"},"
            "{\"code\":\"b\",\"label\":\"B\",\"colour\":\"#000000\",\"hotkey\":\"1\"}"),
       "hotkey 1 is used by two tags"},
      {with("{\"code\":\"a\",\"label\":\"A\",\"colour\":\"#000000\",\"hotkey\":\"1\"}",
            "{\"code\":\"a\",\"label\":\"A\",\"colour\":\"#000000\"},{\"code\":\"a\",\"label\":\"B\",\"colour\":\"#000000\"}"),
       "appears twice"},
      {with("\"tags\":[{\"code\":\"a\",\"label\":\"A\",\"colour\":\"#000000\",\"hotkey\":\"1\"}]", "\"tags\":[]"),
       "has no tags"},
  };
  for (const auto& c : cases) {
    auto r = framework_from_json(c.text, "mine.json");
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_NE(r.error().message.find(c.expect), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("mine.json"), std::string::npos) << r.error().message;
  }
}

TEST(Framework_PupilCode, CodesNotNames) {
  for (const char* ok : {"Pupil A", "Pupil B", "Pupil 12", "P3", "P10"}) EXPECT_TRUE(is_pupil_code(ok)) << ok;
  for (const char* bad : {"", "Jamie", "Pupil", "Pupil amy", "P", "Pa", "pupil A", "Pupil Jamie"})
    EXPECT_FALSE(is_pupil_code(bad)) << bad;
}

TEST(Framework_Pupils, LanesLiveOnFrameworkAndRoundTripAsCodes) {
  auto f = parse_framework(read_asset("lesson-study.json"), "lesson-study.json");
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->pupils, (std::vector<std::string>{"Pupil A", "Pupil B", "Pupil C"}));
  std::string once = framework_to_json(*f);
  auto again = parse_framework(once, "export");
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->pupils, f->pupils);
  EXPECT_EQ(framework_to_json(*again), once);
  // The older wrapper sees the same lanes both ways.
  auto def = framework_from_json(once, "export");
  ASSERT_TRUE(def.ok());
  EXPECT_EQ(def->pupils, f->pupils);
  EXPECT_EQ(def->framework.pupils, f->pupils);
  EXPECT_EQ(framework_to_json(*def), once);
}

TEST(Framework_Pupils, ExportHasNoFieldForNamesOnlyCodes) {
  auto f = parse_framework(read_asset("lesson-study.json"), "lesson-study.json");
  ASSERT_TRUE(f.ok());
  std::string out = framework_to_json(*f);
  for (const char* field : {"\"name\": \"Lesson Study", "\"pupils\""}) EXPECT_NE(out.find(field), std::string::npos);
  EXPECT_EQ(out.find("pupil_name"), std::string::npos);
  EXPECT_EQ(out.find("\"names\""), std::string::npos);
  for (const auto& p : f->pupils) EXPECT_TRUE(is_pupil_code(p)) << p;
  // A document trying to carry names is refused: no such field, and lanes must be codes.
  EXPECT_FALSE(parse_framework(with("\"tags\":[", "\"pupil_names\":[\"Jamie\"],\"tags\":["), "mine.json").ok());
  EXPECT_FALSE(parse_framework(with("\"tags\":[", "\"pupils\":[\"Jamie Smith\"],\"tags\":["), "mine.json").ok());
  // Built in code, a named lane fails validation, so it cannot be exported by mistake either.
  Framework mine = *f;
  mine.pupils.push_back("Jamie");
  EXPECT_FALSE(validate_framework(mine).ok());
  mine.pupils.back() = "Pupil A";
  EXPECT_FALSE(validate_framework(mine).ok());  // twice
}

TEST(Framework_Tags, LabelsAndCodesBecomeCodes) {
  auto f = parse_framework(read_asset("lesson-study.json"), "lesson-study.json");
  ASSERT_TRUE(f.ok());
  std::vector<std::string> tags{"MISCONCEPTION", "Talk (what they say)", "unknown"};
  tags_to_codes(*f, tags);
  EXPECT_EQ(tags, (std::vector<std::string>{"misconception", "pupil-talk", "unknown"}));
}
