// The HTML report: self-contained, escaped, with a real frame per comment.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "exchange/report.hpp"
#include "store/workflow.hpp"
#include "test_util.hpp"
#include "../media_tool.hpp"

namespace triad::exchange {
namespace {
namespace fs = std::filesystem;
using store::Library;

using test::must;

TEST(Report_Html, EscapesTextAndIsSelfContained) {
  fs::path dir = fs::temp_directory_path() / ("triad-report-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  Session s;
  s.title = "Fractions & \"ratios\" <i>lesson</i>";
  s.date = "2026-03-14";
  auto lesson = test::observed_lesson(dir, s, "Tom", "Alice <b>Smith</b>");
  TRIAD_REQUIRE_MEDIA(lesson.has_value(), "the lesson clip");
  Library& lib = lesson->lib;
  RowId sid = lesson->session, alice = lesson->observer;
  auto add = [&](TimeUs at, std::string text, Visibility v, const char* kind) {
    return must(lib.add_comment(test::comment_at(sid, alice, at, std::nullopt, kind, std::move(text), v)));
  };
  add(500'000, "<script>alert('x')</script> & more", Visibility::Triad, "took-away");
  // A tagged comment: the report names the tag by its label, not its code.
  ASSERT_TRUE(lib.attach_framework(sid, must(lib.ensure_default_framework()).id).ok());
  auto fws = must(lib.session_frameworks(sid));
  ASSERT_FALSE(fws.empty());
  ASSERT_FALSE(fws[0].tags.empty());
  const Tag tag = fws[0].tags[0];
  ASSERT_NE(tag.code, tag.label);
  auto tagged = test::comment_at(sid, alice, 3'000'000, std::nullopt, "try", "Try a hinge question", Visibility::Everyone);
  tagged.tags = {tag.code};
  must(lib.add_comment(tagged));
  add(2'000'000, "SECRET private reflection", Visibility::Private, "note");

  ReportOptions opt;
  opt.session_id = sid;
  opt.viewer_id = alice;
  int calls = 0;
  opt.progress = [&](int, int) { return ++calls > 0; };
  std::string html = must(build_report(lib, opt));
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"), std::string::npos);
  EXPECT_NE(html.find("Fractions &amp; &quot;ratios&quot; &lt;i&gt;lesson&lt;/i&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<b>Smith</b>"), std::string::npos);
  EXPECT_EQ(html.find("SECRET"), std::string::npos) << "private comments never appear";
  EXPECT_NE(html.find("<span class=\"tag\">" + tag.label + "</span>"), std::string::npos) << "tags by their labels";
  EXPECT_EQ(html.find("<span class=\"tag\">" + tag.code + "</span>"), std::string::npos) << "never by their codes";
  // Self-contained: every src/href is a data: URI, and no URL appears at all.
  // (Plain scanning: libstdc++'s recursive std::regex overflows the stack on 300 KiB.)
  std::vector<std::string> frames;
  for (const char* attr : {"src=\"", "href=\"", "url("}) {
    for (std::size_t p = html.find(attr); p != std::string::npos; p = html.find(attr, p + 1)) {
      std::size_t v = p + std::string(attr).size();
      EXPECT_EQ(html.compare(v, 5, "data:"), 0) << html.substr(p, 60);
      const std::string png = "data:image/png;base64,";
      if (html.compare(v, png.size(), png) == 0) frames.push_back(html.substr(v + png.size(), html.find('"', v) - v - png.size()));
    }
  }
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  // One embedded frame per shared comment, and they differ (different moments).
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_NE(frames[0], frames[1]);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  // Timeline ticks on round times, each label once (this 4 s clip: every second).
  for (const char* label : {">00:00</text>", ">00:01</text>", ">00:02</text>", ">00:03</text>", ">00:04</text>"}) {
    int n = 0;
    for (std::size_t p = html.find(label); p != std::string::npos; p = html.find(label, p + 1)) ++n;
    EXPECT_EQ(n, 1) << label;
  }

  // Cancelling stops the work and produces nothing.
  opt.progress = [](int, int) { return false; };
  EXPECT_FALSE(build_report(lib, opt).ok());

  fs::path out = dir / "report.html";
  {
    std::ofstream f(out);
    f << html;
  }
  if (const char* keep = std::getenv("TRIAD_KEEP_REPORT")) fs::copy_file(out, keep, fs::copy_options::overwrite_existing);
  fs::remove_all(dir);
}

TEST(Report_Base64, MatchesKnownVectors) {
  auto enc = [](std::string s) { return base64_encode(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()); };
  EXPECT_EQ(enc(""), "");
  EXPECT_EQ(enc("f"), "Zg==");
  EXPECT_EQ(enc("fo"), "Zm8=");
  EXPECT_EQ(enc("foo"), "Zm9v");
  EXPECT_EQ(enc("foobar"), "Zm9vYmFy");
}

}  // namespace
}  // namespace triad::exchange
