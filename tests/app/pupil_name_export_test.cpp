// A pupil's name never leaves the library. Today's store refuses a name in a comment's
// pupil field, but a library written by an older Triad can still hold one; the export
// view (exchange/export_view.hpp) must keep it in, whichever route the comment takes:
// the HTML report, CSV, JSON, WebVTT, SRT, EAF, a bundle, or a clip's captions.
// Each route is also checked to carry the comment itself, so the test cannot pass by
// leaving the comment out.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/clip_plan.hpp"
#include "base/uuid.hpp"
#include "app/identity.hpp"
#include "exchange/bundle.hpp"
#include "exchange/clip.hpp"
#include "exchange/flat_io.hpp"
#include "exchange/report.hpp"
#include "store/sqlite.hpp"
#include "store/workflow.hpp"
#include "test_media.hpp"

using namespace triad;
namespace fs = std::filesystem;

namespace {

constexpr const char* kName = "Alice Smith";
constexpr const char* kText = "Counted on her fingers before answering";

class PupilNameExport : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("triad-pupil-name-" + new_uuid());
    fs::create_directories(dir_);
    auto l = store::Library::open(dir_ / "library.triad");
    ASSERT_TRUE(l.ok()) << l.error().message;
    lib_.emplace(std::move(*l));
    auto jo = lib_->add_person("Jo");
    auto sam = lib_->add_person("Sam");
    ASSERT_TRUE(jo.ok() && sam.ok());
    jo_ = jo->id;
    Session s;
    s.title = "Y8 fractions";
    auto session = lib_->add_session(s);
    ASSERT_TRUE(session.ok());
    session_ = session->id;
    auto fw = lib_->ensure_default_framework();
    ASSERT_TRUE(fw.ok());
    ASSERT_TRUE(lib_->attach_framework(session_, fw->id).ok());
    // Participants, so the rules of a triad (visibility, roles) are all in play.
    ASSERT_TRUE(store::add_participant(*lib_, session_, jo_, Role::Teacher).ok());
    ASSERT_TRUE(store::add_participant(*lib_, session_, sam->id, Role::Observer).ok());
  }
  void TearDown() override {
    lib_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // A comment with a pupil code, then its pupil field overwritten with a name as an older
  // Triad could have stored it (raw SQL: the store itself refuses names).
  std::string comment_naming_a_pupil() {
    Comment c;
    c.session_id = session_;
    c.author_id = jo_;
    c.start_us = seconds_us(2);
    c.kind = "note";
    c.text = kText;
    c.pupil = "Pupil A";
    c.visibility = Visibility::Everyone;
    auto added = lib_->add_comment(c);
    EXPECT_TRUE(added.ok()) << added.error().message;
    auto st = store::Stmt::prepare(lib_->db(), "UPDATE comments SET pupil = ?1 WHERE uuid = ?2");
    EXPECT_TRUE(st.ok());
    st->bind(1, std::string(kName)).bind(2, added->uuid);
    EXPECT_TRUE(st->run().ok());
    auto back = lib_->find_comment_by_uuid(added->uuid);
    EXPECT_TRUE(back.ok() && *back);
    EXPECT_EQ((*back)->pupil, kName) << "the library must really hold the name for the test to mean anything";
    return added->uuid;
  }

  void add_recording(const fs::path& video) {
    Recording r;
    r.session_id = session_;
    r.path = video.string();
    r.fingerprint = "test-" + new_uuid();
    r.duration_us = seconds_us(6);
    ASSERT_TRUE(lib_->add_recording(r).ok());
  }

  static void expect_clean(const std::string& route, const std::string& bytes) {
    EXPECT_NE(bytes.find(kText), std::string::npos) << route << " does not carry the comment at all";
    EXPECT_EQ(bytes.find(kName), std::string::npos) << route << " lets the pupil's name out";
    EXPECT_EQ(bytes.find("Alice"), std::string::npos) << route << " lets the pupil's name out";
  }

  fs::path dir_;
  std::optional<store::Library> lib_;
  RowId jo_ = 0, session_ = 0;
};

TEST_F(PupilNameExport, NoFlatFormatReportOrBundleCarriesTheName) {
  comment_naming_a_pupil();
  auto set = exchange::collect_for_export(*lib_, session_, jo_, {});
  ASSERT_TRUE(set.ok()) << set.error().message;
  for (auto [route, format] : {std::pair{"CSV", exchange::FlatFormat::Csv}, {"JSON", exchange::FlatFormat::Json},
                               {"WebVTT", exchange::FlatFormat::WebVtt}, {"SRT", exchange::FlatFormat::Srt},
                               {"EAF", exchange::FlatFormat::Eaf}})
    expect_clean(route, exchange::render_flat(*set, format));

  ASSERT_TRUE(app::create_identity(*lib_, jo_, "").ok());  // bundles are signed by their exporter
  for (auto audience : {exchange::Audience::Triad, exchange::Audience::Everyone}) {
    auto bundle = app::export_signed_bundle(*lib_, session_, audience, jo_, "", 1);
    ASSERT_TRUE(bundle.ok()) << bundle.error().message;
    expect_clean("the bundle", bundle->text);
  }

  exchange::ReportOptions opt;
  opt.session_id = session_;
  opt.viewer_id = jo_;
  auto html = exchange::build_report(*lib_, opt);
  ASSERT_TRUE(html.ok()) << html.error().message;
  expect_clean("the report", *html);
}

TEST_F(PupilNameExport, ReportWithThumbnailsAndClipCaptionsDoNotCarryTheName) {
  const fs::path video = test::make_clip("pupil-name-6s.mp4",
                                         "-f lavfi -i testsrc2=size=320x240:rate=25:duration=6 -c:v libx264 -pix_fmt yuv420p");
  ASSERT_FALSE(video.empty()) << "ffmpeg is present but could not make the test clip";
  add_recording(video);
  const std::string uuid = comment_naming_a_pupil();

  exchange::ReportOptions opt;
  opt.session_id = session_;
  opt.viewer_id = jo_;
  auto html = exchange::build_report(*lib_, opt);
  ASSERT_TRUE(html.ok()) << html.error().message;
  expect_clean("the report", *html);

  app::ClipRequest request;
  request.session_id = session_;
  request.exporter_id = jo_;
  request.comments = {uuid};
  request.pre_us = seconds_us(1);
  request.post_us = seconds_us(1);
  auto plan = app::plan_clip(*lib_, request);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->segments.size(), 1u);
  expect_clean("the clip's caption", plan->segments.front().text);
  exchange::ClipOptions clip;
  clip.subtitle = true;
  const fs::path out = dir_ / "clip.mp4";
  auto written = exchange::write_clip(plan->recording_path, plan->segments, out, clip);
  ASSERT_TRUE(written.ok()) << written.error().message;
  std::ifstream in(out, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  expect_clean("the clip file", bytes.str());
}

}  // namespace
