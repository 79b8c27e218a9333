// Sharing through files as the CLI and the window do it (app/share_files.hpp), and the
// recording upkeep beside it (app/retention.hpp, app/relink.hpp): a bundle exported from one
// library and previewed in another writes nothing, and the preview says what the real
// import then does; flat files the same; a passed retention date deletes the recording on
// request and keeps the comments; a moved recording is found again by its fingerprint.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/identity.hpp"
#include "app/relink.hpp"
#include "app/retention.hpp"
#include "app/share_files.hpp"
#include "base/uuid.hpp"
#include "media/fingerprint.hpp"
#include "store/shipped_frameworks.hpp"
#include "store/workflow.hpp"

using namespace triad;
namespace fs = std::filesystem;

namespace {

class ShareFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("triad-share-files-" + new_uuid());
    fs::create_directories(dir_);
    auto a = store::Library::open(dir_ / "origin.triad");
    ASSERT_TRUE(a.ok()) << a.error().message;
    origin_.emplace(std::move(*a));
    auto b = store::Library::open(dir_ / "other.triad");
    ASSERT_TRUE(b.ok()) << b.error().message;
    other_.emplace(std::move(*b));
    tom_ = origin_->add_person("Tom Teacher")->id;
    ann_ = origin_->add_person("Ann Observer")->id;
    ASSERT_TRUE(app::create_identity(*origin_, tom_, "").ok());
    Session s;
    s.title = "Y8 Fractions";
    s.date = "2026-03-14";
    s.teacher_id = tom_;
    session_ = origin_->add_session(s)->id;
    video_ = dir_ / "lesson.mp4";
    std::ofstream(video_) << std::string(200000, 'v');  // fingerprinted as bytes; never decoded here
    Recording r;
    r.session_id = session_;
    r.path = video_.string();
    r.fingerprint = *media::fingerprint_file(video_);
    r.size_bytes = static_cast<std::int64_t>(fs::file_size(video_));
    r.duration_us = seconds_us(600);
    ASSERT_TRUE(origin_->add_recording(r).ok());
    auto fw = origin_->ensure_default_framework();
    ASSERT_TRUE(fw.ok());
    ASSERT_TRUE(origin_->attach_framework(session_, fw->id).ok());
    ASSERT_TRUE(store::add_participant(*origin_, session_, tom_, Role::Teacher).ok());
    ASSERT_TRUE(store::add_participant(*origin_, session_, ann_, Role::Observer).ok());
    for (int i = 0; i < 3; ++i) comment_ids_.push_back(add_comment(seconds_us(10 * (i + 1)), "Point " + std::to_string(i)));
    me_ = other_->add_person("Someone Else")->id;
  }
  void TearDown() override {
    origin_.reset();
    other_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  RowId add_comment(TimeUs at, const std::string& text) {
    Comment c;
    c.session_id = session_;
    c.author_id = tom_;
    c.start_us = at;
    c.kind = "note";
    c.text = text;
    c.visibility = Visibility::Triad;
    auto added = origin_->add_comment(c);
    EXPECT_TRUE(added.ok()) << added.error().message;
    return added.ok() ? added->id : 0;
  }
  fs::path export_bundle(const std::string& name) {
    const fs::path out = dir_ / name;
    auto r = app::export_bundle_file(*origin_, session_, exchange::Audience::Triad, tom_, "", 1773400000000, out);
    EXPECT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(fs::exists(out));
    return out;
  }
  std::int64_t comments_in(store::Library& lib, bool with_deleted = true) {
    store::CommentFilter f;
    f.include_deleted = with_deleted;
    return *lib.count_comments(f);
  }
  app::ImportRequest request(const fs::path& file, RowId importer) {
    app::ImportRequest r;
    r.file = file.string();
    r.importer_id = importer;
    r.now_ms = 1773400000000;
    return r;
  }

  fs::path dir_, video_;
  std::optional<store::Library> origin_, other_;
  RowId tom_ = 0, ann_ = 0, session_ = 0, me_ = 0;
  std::vector<RowId> comment_ids_;
};

TEST_F(ShareFiles, BundleDryRunWritesNothingAndSaysWhatTheImportDoes) {
  const fs::path bundle = export_bundle("y8.triad-bundle");
  const auto people_before = other_->list_people()->size();
  auto preview = app::import_file(*other_, request(bundle, me_), true);
  ASSERT_TRUE(preview.ok()) << preview.error().message;
  EXPECT_FALSE(preview->written);
  EXPECT_EQ(preview->kind, app::ImportKind::Bundle);
  EXPECT_TRUE(preview->session_created);
  EXPECT_EQ(preview->session_title, "Y8 Fractions");
  EXPECT_EQ(preview->added, 3);
  EXPECT_EQ(preview->new_people.size(), 2u) << "the triad's teacher and observer are new here";
  // Nothing was written: no session, no comment, no person.
  EXPECT_FALSE(*other_->find_session_by_uuid(preview->session_uuid));
  EXPECT_EQ(comments_in(*other_), 0);
  EXPECT_EQ(other_->list_people()->size(), people_before);

  auto real = app::import_file(*other_, request(bundle, me_), false);
  ASSERT_TRUE(real.ok()) << real.error().message;
  EXPECT_TRUE(real->written);
  EXPECT_EQ(real->added, preview->added);
  EXPECT_EQ(real->updated, preview->updated);
  EXPECT_EQ(real->pending, preview->pending);
  EXPECT_EQ(real->new_people, preview->new_people);
  EXPECT_TRUE(*other_->find_session_by_uuid(preview->session_uuid));
  EXPECT_EQ(comments_in(*other_), 3);
}

TEST_F(ShareFiles, BundlePreviewCountsDeletionsAndEditsOfKnownComments) {
  ASSERT_TRUE(app::import_file(*other_, request(export_bundle("first.triad-bundle"), me_), false).ok());
  ASSERT_TRUE(origin_->delete_comment(comment_ids_[0]).ok());
  store::CommentEdit edit;
  edit.text = "Point 1, reworded";
  ASSERT_TRUE(origin_->edit_comment(comment_ids_[1], edit).ok());
  add_comment(seconds_us(50), "A new point");
  const fs::path second = export_bundle("second.triad-bundle");
  auto preview = app::import_file(*other_, request(second, me_), true);
  ASSERT_TRUE(preview.ok()) << preview.error().message;
  EXPECT_FALSE(preview->session_created);
  EXPECT_EQ(preview->added, 1);
  EXPECT_EQ(preview->updated, 2) << "the edit and the deletion";
  EXPECT_EQ(preview->tombstoned, 1);
  EXPECT_TRUE(preview->new_people.empty());
  EXPECT_EQ(comments_in(*other_, false), 3) << "the dry run deleted nothing";
  auto real = app::import_file(*other_, request(second, me_), false);
  ASSERT_TRUE(real.ok()) << real.error().message;
  EXPECT_EQ(real->tombstoned, 1);
  EXPECT_EQ(comments_in(*other_, false), 3);  // 3 - 1 deleted + 1 new
}

TEST_F(ShareFiles, RefusedBundleIsAnErrorInThePreviewToo) {
  const fs::path bundle = export_bundle("y8.triad-bundle");
  ASSERT_TRUE(app::import_file(*other_, request(bundle, me_), false).ok());
  // This library's copy of the session now has another recording: the bundle is refused.
  auto s = other_->find_session_by_uuid(origin_->get_session(session_)->uuid);
  ASSERT_TRUE(s.ok() && *s);
  auto recs = other_->recordings_for_session((**s).id);
  ASSERT_TRUE(recs.ok() && !recs->empty());
  Recording changed = recs->front();
  changed.fingerprint = "tfp1:another";
  ASSERT_TRUE(other_->update_recording(changed).ok());
  auto preview = app::import_file(*other_, request(bundle, me_), true);
  ASSERT_FALSE(preview.ok());
  EXPECT_NE(preview.error().message.find("different recording"), std::string::npos) << preview.error().message;
  auto forced = request(bundle, me_);
  forced.force = true;
  EXPECT_TRUE(app::import_file(*other_, forced, true).ok());
}

TEST_F(ShareFiles, FlatExportAndPreviewedImport) {
  const fs::path csv = dir_ / "y8.csv";
  auto n = app::export_flat_file(*origin_, session_, tom_, exchange::FlatFormat::Csv, {}, csv);
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, 3u);
  // Into a plain session of the other library.
  Session s;
  s.title = "Copy";
  const RowId copy = other_->add_session(s)->id;
  auto fw = other_->ensure_default_framework();
  ASSERT_TRUE(other_->attach_framework(copy, fw->id).ok());
  auto r = request(csv, me_);
  r.session_id = copy;
  auto preview = app::import_file(*other_, r, true);
  ASSERT_TRUE(preview.ok()) << preview.error().message;
  EXPECT_EQ(preview->kind, app::ImportKind::Flat);
  EXPECT_EQ(preview->added, 3);
  EXPECT_EQ(comments_in(*other_), 0);
  auto real = app::import_file(*other_, r, false);
  ASSERT_TRUE(real.ok()) << real.error().message;
  EXPECT_EQ(comments_in(*other_), 3);
  // A flat file needs a session to go into.
  r.session_id.reset();
  EXPECT_FALSE(app::import_file(*other_, r, true).ok());
}

TEST_F(ShareFiles, RetentionDeletesTheRecordingOnlyAfterTheDateAndKeepsTheComments) {
  auto state = app::retention_state(*origin_, session_, "2026-06-01");
  ASSERT_TRUE(state.ok()) << state.error().message;
  EXPECT_FALSE(state->date);
  EXPECT_FALSE(state->due());
  EXPECT_FALSE(app::delete_expired_recordings(*origin_, session_, tom_, "2026-06-01").ok()) << "no date: kept";
  for (const char* code : {"jpd-peer-observation", "learning-detectives"})
    ASSERT_TRUE(store::ensure_framework(*origin_, code).ok());
  Protocol p;
  p.session_id = session_;
  p.retention_date = "2026-05-31";
  auto set = store::set_protocol(*origin_, p, tom_);
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_FALSE(app::retention_state(*origin_, session_, "2026-05-31")->due()) << "the day itself is not past";
  EXPECT_FALSE(app::delete_expired_recordings(*origin_, session_, tom_, "2026-05-31").ok());
  EXPECT_TRUE(fs::exists(video_));
  state = app::retention_state(*origin_, session_, "2026-06-01");
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(state->due());
  // An observer may not; the teacher may.
  EXPECT_FALSE(app::delete_expired_recordings(*origin_, session_, ann_, "2026-06-01").ok());
  EXPECT_TRUE(fs::exists(video_));
  auto done = app::delete_expired_recordings(*origin_, session_, tom_, "2026-06-01");
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_FALSE(fs::exists(video_));
  EXPECT_NE(done->sentence.find("lesson.mp4"), std::string::npos) << done->sentence;
  EXPECT_EQ(comments_in(*origin_, false), 3) << "the comments stay";
  auto after = app::retention_state(*origin_, session_, "2026-06-01");
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->due());
  ASSERT_EQ(after->deleted.size(), 1u);
  EXPECT_NE(after->deleted[0].find("Tom Teacher"), std::string::npos) << after->deleted[0];
  EXPECT_FALSE(app::delete_expired_recordings(*origin_, session_, tom_, "2026-06-01").ok()) << "nothing left";
}

TEST_F(ShareFiles, RelinkFindsAMovedRecordingByFingerprint) {
  const fs::path elsewhere = dir_ / "moved" / "deep";
  fs::create_directories(elsewhere);
  std::ofstream(dir_ / "moved" / "other.mp4") << std::string(200000, 'w');  // same size, other content
  fs::rename(video_, elsewhere / "renamed.mp4");
  auto report = app::relink_recordings(*origin_, session_, (dir_ / "moved").string());
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_EQ(report->recordings.size(), 1u);
  EXPECT_EQ(report->recordings[0].status, app::RelinkResult::Status::Relinked);
  EXPECT_EQ(report->missing, 0);
  auto recs = origin_->recordings_for_session(session_);
  EXPECT_EQ(recs->front().path, (elsewhere / "renamed.mp4").string());
  EXPECT_TRUE(app::recording_in_place(recs->front()));
  // Not under the folder: said, nothing changed.
  fs::create_directories(dir_ / "empty");
  fs::rename(elsewhere / "renamed.mp4", dir_ / "gone.mp4");
  auto missing = app::relink_recordings(*origin_, session_, (dir_ / "empty").string());
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing->missing, 1);
  EXPECT_FALSE(app::relink_recordings(*origin_, session_, (dir_ / "nope").string()).ok());
}

TEST(ImportSummaryWords, OtherChangesAreSaidInBundleOrderWithTheirCounts) {
  EXPECT_EQ(app::other_changes_phrase({}), "");
  EXPECT_EQ(app::other_changes_phrase({{"prediction", 6}, {"protocol", 1}, {"case", 2}, {"unknown", 3}}),
            "1 protocol change, 2 Lesson Study case changes, 6 predictions");
  EXPECT_EQ(app::other_changes_phrase({{"action", 1}, {"submission", 2}}), "2 review submissions, 1 agreed action");
}

}  // namespace
