// The W3C WebVTT parser against the shared corpus: every web-platform-tests case (wpt/),
// the GPAC files and the vtt.js cases. Skipped with a message when the corpus is absent.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "exchange/webvtt.hpp"
#include "exchange/webvtt_parser.hpp"
#include "test_util.hpp"

namespace triad::exchange {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

TimeUs us_of(double seconds) { return static_cast<TimeUs>(std::llround(seconds * 1e6)); }

// Compares one expected field (WPT names) with the parsed cue; returns "" or a reason.
std::string check_field(const VttFile& f, const VttCue& cue, const std::string& key, const json& want) {
  auto mismatch = [&](const std::string& got) { return key + ": want " + want.dump() + ", got " + got; };
  if (key == "id") return cue.id == want.get<std::string>() ? "" : mismatch(json(cue.id).dump());
  if (key == "text") return cue.text == want.get<std::string>() ? "" : mismatch(json(cue.text).dump());
  if (key == "startTime") return cue.start_us == us_of(want.get<double>()) ? "" : mismatch(std::to_string(cue.start_us));
  if (key == "endTime") return cue.end_us == us_of(want.get<double>()) ? "" : mismatch(std::to_string(cue.end_us));
  if (key == "line") {
    if (want.is_string()) return cue.line ? mismatch(std::to_string(*cue.line)) : "";
    if (!cue.line) return mismatch("auto");
    double w = want.get<double>();
    return std::fabs(*cue.line - w) <= 1e-9 * std::max(1.0, std::fabs(w)) ? "" : mismatch(std::to_string(*cue.line));
  }
  if (key == "snapToLines") return cue.snap_to_lines == want.get<bool>() ? "" : mismatch(cue.snap_to_lines ? "true" : "false");
  if (key == "lineAlign") return cue.line_align == want.get<std::string>() ? "" : mismatch(cue.line_align);
  if (key == "size") return std::fabs(cue.size - want.get<double>()) < 1e-9 ? "" : mismatch(std::to_string(cue.size));
  if (key == "vertical") return cue.vertical == want.get<std::string>() ? "" : mismatch(cue.vertical);
  if (key == "align") return cue.align == want.get<std::string>() ? "" : mismatch(cue.align);
  if (key == "region") {
    if (want.is_null()) return cue.region ? mismatch("region " + f.regions[*cue.region].id) : "";
    return cue.region && f.regions[*cue.region].id == want.get<std::string>() ? "" : mismatch("other region");
  }
  if (key.rfind("region.", 0) == 0) {
    // regions-regionanchor/viewportanchor reference region ids 7..20 that the file never
    // defines (its ids stop at 6), so those cues have no region; the WPT assertions for
    // them are the default values, which we check against a default region.
    static const VttRegion kDefault;
    const VttRegion& r = cue.region ? f.regions[*cue.region] : kDefault;
    std::string field = key.substr(7);
    auto num = [&](double got) { return std::fabs(got - want.get<double>()) < 1e-9 ? "" : mismatch(std::to_string(got)); };
    if (field == "scroll") return r.scroll == want.get<std::string>() ? "" : mismatch(r.scroll);
    if (field == "regionAnchorX") return num(r.region_anchor_x);
    if (field == "regionAnchorY") return num(r.region_anchor_y);
    if (field == "viewportAnchorX") return num(r.viewport_anchor_x);
    if (field == "viewportAnchorY") return num(r.viewport_anchor_y);
    if (field == "width") return num(r.width);
    if (field == "lines") return num(static_cast<double>(r.lines));
  }
  return "unknown expected field " + key;
}

// Assertions that the W3C algorithm cannot satisfy on these bytes. Each is checked against
// the value the algorithm does give, so a change in the parser still shows up here.
//  - newlines: the cues are not separated by blank lines ("text1\rlf\n00:00..."), so by
//    the block rules "lf" is cue text of the first cue, not the next cue's id (the same
//    in Chromium's and Firefox's parsers). Cue count (4) is still asserted from the file.
//  - nulls cue 2: the .test source writes "\03" (NUL then '3'); the rebuild's
//    unicode_escape decoding turned that into U+0003, so the file holds no second NUL.
//  - regions-regionanchor / regions-viewportanchor cue 5: "region:6" names 15 regions
//    with id 6; the algorithm takes the last one (an invalid anchor, so the default
//    0%,100%), while the assertion expects the first.
struct Known {
  const char* file;
  std::size_t cue;
  const char* key;
  json spec_value;
};
const Known kKnown[] = {
    {"newlines", 0, "text", "text1\nlf"},   {"newlines", 1, "id", ""},
    {"newlines", 1, "text", "text2\ncrlf"}, {"newlines", 2, "id", ""},
    {"newlines", 2, "text", "text3\nlfcr"}, {"newlines", 3, "id", ""},
    {"newlines", 3, "text", ""},
    {"nulls", 2, "text", "\xEF\xBF\xBDtext\x03"},
    {"regions-regionanchor", 5, "region.regionAnchorX", 0},
    {"regions-regionanchor", 5, "region.regionAnchorY", 100},
    {"regions-viewportanchor", 5, "region.viewportAnchorX", 0},
    {"regions-viewportanchor", 5, "region.viewportAnchorY", 100},
};

TEST(WebVtt_Wpt, EveryCaseGivesTheExpectedCues) {
  TRIAD_REQUIRE_CORPUS("formats/webvtt/wpt");
  fs::path dir = test::corpus_dir() / "formats/webvtt/wpt";
  json all = json::parse(test::slurp(dir / "expected.json"));
  int cases = 0;
  for (auto& [name, entry] : all.items()) {
    SCOPED_TRACE(name);
    ++cases;
    VttFile f = parse_webvtt(test::slurp(dir / (name + ".vtt")));
    const json& exp = entry["expected"];
    ASSERT_EQ(f.cues.size(), exp["cue_count"].get<std::size_t>());
    if (!exp.contains("cues")) continue;
    const json& cues = exp["cues"];
    ASSERT_EQ(cues.size(), f.cues.size());
    for (std::size_t i = 0; i < cues.size(); ++i)
      for (auto& [key, want] : cues[i].items()) {
        json target = want;
        for (const Known& k : kKnown)
          if (name == k.file && i == k.cue && key == k.key) target = k.spec_value;
        std::string why = check_field(f, f.cues[i], key, target);
        EXPECT_EQ(why, "") << "cue " << i;
      }
  }
  EXPECT_EQ(cases, 17);
}

// GPAC's files, counted by the W3C algorithm (not by ffprobe, whose reader is lenient).
TEST(WebVtt_Gpac, CueCountsAndSpotChecks) {
  TRIAD_REQUIRE_CORPUS("formats/webvtt/gpac");
  fs::path dir = test::corpus_dir() / "formats/webvtt/gpac";
  struct Case {
    const char* file;
    std::size_t cues;
  };
  // GPAC calls invalid1 and invalid3 invalid, but the W3C algorithm lets a cue follow the
  // header without a blank line (the header block stops at the "-->" line), so each gives
  // one cue. timestamps.vtt: only 2 of its 6 timing lines are valid WebVTT timestamps
  // (3-digit minutes/seconds, 4-digit fractions and "hours:minutes.ms" with 3-digit hours
  // all fail); ffprobe's lenient reader counts 6.
  const Case cases[] = {
      {"gpac-testsuite__spec-example-basic.vtt", 13},       {"gpac-testsuite__spec-example-comment.vtt", 2},
      {"gpac-testsuite__spec-example-identifier.vtt", 2},   {"gpac-testsuite__spec-example-multiple-lines.vtt", 3},
      {"gpac-testsuite__spec-example-nested.vtt", 6},       {"gpac-testsuite__spec-example-voice.vtt", 4},
      {"gpac-testsuite__overlapping.vtt", 6},               {"gpac-testsuite__overlapping-start.vtt", 4},
      {"gpac-testsuite__empty.vtt", 0},                     {"gpac-testsuite__invalid1.vtt", 1},
      {"gpac-testsuite__invalid2.vtt", 0},                  {"gpac-testsuite__invalid3.vtt", 1},
      {"gpac-testsuite__timestamps.vtt", 2},                {"gpac-testsuite__multiline-header.vtt", 6},
      {"gpac-testsuite__multiline-header-id.vtt", 6},       {"gpac-testsuite__elephants-dream-subtitles-en.vtt", 89},
      {"gpac-testsuite__elephants-dream-chapters-en.vtt", 7}, {"gpac-testsuite__simple.vtt", 10},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    VttFile f = parse_webvtt(test::slurp(dir / c.file));
    EXPECT_EQ(f.cues.size(), c.cues);
  }
  // Voices become authors when imported as comments.
  auto voice = read_webvtt(test::slurp(dir / "gpac-testsuite__spec-example-voice.vtt"), "voice.vtt");
  ASSERT_TRUE(voice.ok());
  ASSERT_FALSE(voice->comments.empty());
  EXPECT_NE(voice->author_name(voice->comments[0].author_id), "");
  EXPECT_EQ(voice->comments[0].text.find('<'), std::string::npos);
}

// vtt.js (2013-14 draft). Differences from the current algorithm that we do not follow,
// because wpt/ is authoritative: vtt.js calls the centre alignment "middle" (now
// "center"), its default positionAlign is "middle" (now "auto"), and its "line" number
// keeps no distinction between "auto" and a number in some cases. We therefore compare
// cue count, id, text, times, vertical, size and snapToLines — the fields both agree on —
// plus "line" when vtt.js gives a number. Two cases are skipped outright (see below).
TEST(WebVtt_VttJs, CasesWithExpectedCues) {
  TRIAD_REQUIRE_CORPUS("formats/webvtt/vttjs");
  fs::path dir = test::corpus_dir() / "formats/webvtt/vttjs";
  int compared = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != ".vtt") continue;
    fs::path exp_path = entry.path();
    exp_path.replace_extension(".json");
    if (!fs::exists(exp_path)) continue;  // only a -proc.json (DOM output) or a shared file
    // vtt.js reads "000:00.000" and "120:00.000" as hours:minutes with no seconds field;
    // the current algorithm makes a non-two-digit first field the hours and then demands
    // ":ss", and WPT's timings-too-long asserts that rejection.
    if (entry.path().filename() == "min-top-digits.vtt" || entry.path().filename() == "minimum-spots-over-sixty.vtt")
      continue;
    SCOPED_TRACE(entry.path().string());
    json exp = json::parse(test::slurp(exp_path));
    VttFile f = parse_webvtt(test::slurp(entry.path()));
    ++compared;
    ASSERT_EQ(f.cues.size(), exp["cues"].size());
    for (std::size_t i = 0; i < f.cues.size(); ++i) {
      const json& want = exp["cues"][i];
      for (const char* key : {"id", "text", "startTime", "endTime", "vertical", "size", "snapToLines"}) {
        if (want.contains(key)) {
          EXPECT_EQ(check_field(f, f.cues[i], key, want[key]), "") << "cue " << i;
        }
      }
      if (want.contains("line") && want["line"].is_number()) {
        EXPECT_EQ(check_field(f, f.cues[i], "line", want["line"]), "") << "cue " << i;
      }
    }
  }
  EXPECT_GT(compared, 30);
}

}  // namespace
}  // namespace triad::exchange
