// The window's sharing commands, headless (the fake player; app/sharing_state.hpp): the
// Export panel's bundle and flat exports through the export job, the Import panel's preview
// that writes nothing and the import on confirmation, the retention offer on opening a
// session and the deletion on confirmation, and relinking a moved recording.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/identity.hpp"
#include "app/share_files.hpp"
#include "app/workstation.hpp"
#include "base/uuid.hpp"
#include "crypto/signing_key.hpp"
#include "fake_media.hpp"
#include "media/fingerprint.hpp"
#include "store/shipped_frameworks.hpp"
#include "store/signed_changes.hpp"
#include "store/workflow.hpp"

using namespace triad;
using app::Workstation;
namespace fs = std::filesystem;

namespace {

class SharingCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("triad-sharing-cmds-" + new_uuid());
    fs::create_directories(dir_);
    auto l = store::Library::open(dir_ / "library.triad");
    ASSERT_TRUE(l.ok()) << l.error().message;
    lib_.emplace(std::move(*l));
    for (const char* code : {"jpd-peer-observation", "learning-detectives"})
      ASSERT_TRUE(store::ensure_framework(*lib_, code).ok());
    jo_ = lib_->add_person("Jo Williams")->id;
    sam_ = lib_->add_person("Sam Patel")->id;
    Session s;
    s.title = "Y8 Fractions";
    s.date = "2026-03-14";
    session_ = lib_->add_session(s)->id;
    video_ = dir_ / "lesson.mp4";
    std::ofstream(video_) << std::string(100000, 'v');
    Recording r;
    r.session_id = session_;
    r.path = video_.string();
    r.fingerprint = *media::fingerprint_file(video_);
    r.size_bytes = 100000;
    r.duration_us = seconds_us(600);
    ASSERT_TRUE(lib_->add_recording(r).ok());
    ASSERT_TRUE(store::add_participant(*lib_, session_, jo_, Role::Teacher).ok());
    ASSERT_TRUE(store::add_participant(*lib_, session_, sam_, Role::Observer).ok());
  }
  void TearDown() override {
    ws_.reset();
    lib_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  void retention(const char* date) {
    Protocol p;
    p.session_id = session_;
    p.retention_date = date;
    auto r = store::set_protocol(*lib_, p, jo_);
    ASSERT_TRUE(r.ok()) << r.error().message;
  }
  void open_as(const std::string& who) {
    ws_.reset();
    ws_ = std::make_unique<Workstation>(*lib_, media_);
    run("as " + app::quote_word(who));
    run("session " + std::to_string(session_));
    ws_->update();
  }
  app::Outcome run(const std::string& line) {
    auto r = ws_->execute(line);
    EXPECT_TRUE(r.ok()) << line << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : app::Outcome{};
  }
  std::string fail(const std::string& line) {
    auto r = ws_->execute(line);
    EXPECT_FALSE(r.ok()) << line << " should have failed";
    return r.ok() ? "" : r.error().message;
  }
  static std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  fs::path dir_, video_;
  std::optional<store::Library> lib_;
  test::FakeMedia media_;
  std::unique_ptr<Workstation> ws_;
  RowId jo_ = 0, sam_ = 0, session_ = 0;
};

TEST_F(SharingCommands, ExportPanelWritesBundlesAndFlatFiles) {
  open_as("Sam Patel");  // an observer's comments go to the triad (the teacher's own start private)
  run("comment took-away \"Clear start\" --at 5");
  run("export-panel on csv");
  EXPECT_TRUE(ws_->sharing().export_panel);
  EXPECT_EQ(ws_->sharing().export_choice, app::ExportChoice::Csv);
  const fs::path csv = dir_ / "out.csv";
  run("export csv " + app::quote_word(csv.string()));
  run("export wait");
  EXPECT_NE(slurp(csv).find("Clear start"), std::string::npos);
  run("export dismiss");
  // A bundle needs the reviewer's signing key: refused at once without one, then made here.
  // The observed teacher shares first (their export starts the session's signed roster).
  open_as("Jo Williams");
  run("export-panel bundle-triad");
  EXPECT_FALSE(ws_->sharing().has_key);
  const fs::path bundle = dir_ / "out.triad-bundle";
  EXPECT_FALSE(fail("export bundle " + app::quote_word(bundle.string())).empty());
  EXPECT_EQ(ws_->export_job(), nullptr) << "no job was started";
  run("identity create");
  EXPECT_TRUE(ws_->sharing().has_key);
  run("export bundle " + app::quote_word(bundle.string()) + " --for triad");
  // Sam's comment was written here, never signed by Sam: the bundle leaves it out, and the
  // window says so beside "written", as the CLI prints it.
  const std::string said = run("export wait").message;
  EXPECT_NE(said.find("left out: Sam Patel's comment change is not signed in this library"), std::string::npos) << said;
  ASSERT_NE(ws_->export_job(), nullptr);
  ASSERT_EQ(ws_->export_job()->notes().size(), 1u);
  EXPECT_NE(ws_->export_job()->notes()[0].find("Sam Patel"), std::string::npos);
  const std::string text = slurp(bundle);
  EXPECT_NE(text.find("triad-bundle"), std::string::npos);
  EXPECT_NE(text.find("Y8 Fractions"), std::string::npos);
  EXPECT_FALSE(fail("export-panel sideways").empty());
}

TEST_F(SharingCommands, ExportCancelLeavesNoFile) {
  open_as("Jo Williams");
  run("comment took-away \"Clear start\" --at 5");
  const fs::path csv = dir_ / "cancelled.csv";
  run("export csv " + app::quote_word(csv.string()));
  run("export cancel");
  auto waited = ws_->execute("export wait");
  // Either it finished before the cancel arrived, or it was cancelled and wrote nothing.
  if (!waited.ok()) {
    EXPECT_NE(waited.error().message.find("cancelled"), std::string::npos) << waited.error().message;
    EXPECT_FALSE(fs::exists(csv));
  }
}

TEST_F(SharingCommands, ImportPreviewWritesNothingAndConfirmImports) {
  // A bundle from another library (Tom's lesson, new here).
  fs::path bundle = dir_ / "tom.triad-bundle";
  {
    auto other = store::Library::open(dir_ / "tom.triad");
    ASSERT_TRUE(other.ok());
    const RowId tom = other->add_person("Tom Teacher")->id;
    ASSERT_TRUE(app::create_identity(*other, tom, "").ok());
    Session s;
    s.title = "Y9 Ratio";
    s.teacher_id = tom;
    const RowId sid = other->add_session(s)->id;
    ASSERT_TRUE(store::add_participant(*other, sid, tom, Role::Teacher).ok());
    auto fw = other->ensure_default_framework();
    ASSERT_TRUE(other->attach_framework(sid, fw->id).ok());
    for (int i = 0; i < 2; ++i) {
      Comment c;
      c.session_id = sid;
      c.author_id = tom;
      c.start_us = seconds_us(i + 1);
      c.kind = "note";
      c.text = "Tom's point " + std::to_string(i);
      c.visibility = Visibility::Triad;
      ASSERT_TRUE(other->add_comment(c).ok());
    }
    ASSERT_TRUE(app::export_bundle_file(*other, sid, exchange::Audience::Triad, tom, "", 1, bundle).ok());
  }
  ws_ = std::make_unique<Workstation>(*lib_, media_);
  run("as \"Sam Patel\"");
  ws_->update();
  run("import-panel on");
  EXPECT_TRUE(ws_->sharing().import_panel);
  run("import preview " + app::quote_word(bundle.string()));
  ASSERT_TRUE(ws_->sharing().import);
  ASSERT_TRUE(ws_->sharing().import->summary) << ws_->sharing().import->refusal;
  const app::ImportSummary sum = *ws_->sharing().import->summary;
  EXPECT_EQ(sum.added, 2);
  EXPECT_TRUE(sum.session_created);
  EXPECT_EQ(sum.session_title, "Y9 Ratio");
  EXPECT_FALSE(lib_->resolve_session("Y9 Ratio").ok()) << "the preview wrote nothing";
  run("key Escape");  // closes the panel, dropping the preview
  EXPECT_FALSE(ws_->sharing().import_panel);
  EXPECT_FALSE(ws_->sharing().import);
  run("import preview " + app::quote_word(bundle.string()));
  run("import cancel");
  EXPECT_FALSE(ws_->sharing().import);
  EXPECT_FALSE(lib_->resolve_session("Y9 Ratio").ok());
  EXPECT_FALSE(fail("import confirm").empty());
  run("import preview " + app::quote_word(bundle.string()));
  run("import confirm");
  EXPECT_TRUE(lib_->resolve_session("Y9 Ratio").ok());
  EXPECT_NE(ws_->sharing().import_done.find("2 comments added"), std::string::npos) << ws_->sharing().import_done;
  ws_->update();
  bool listed = false;
  for (const auto& card : ws_->home().cards) listed |= card.session.title == "Y9 Ratio";
  EXPECT_TRUE(listed) << "the home screen lists the imported session";

  // A damaged file: the preview says why, and nothing can be imported.
  const fs::path bad = dir_ / "bad.triad-bundle";
  std::ofstream(bad) << "{\"format\": \"triad-bundle\", \"version\": 99}";
  run("import preview " + app::quote_word(bad.string()));
  ASSERT_TRUE(ws_->sharing().import);
  EXPECT_FALSE(ws_->sharing().import->summary);
  EXPECT_FALSE(ws_->sharing().import->refusal.empty());
  EXPECT_FALSE(fail("import confirm").empty());
}

TEST_F(SharingCommands, RetentionIsOfferedOnOpenAndDeletesOnConfirmation) {
  retention("2027-07-31");
  open_as("Jo Williams");
  EXPECT_FALSE(ws_->sharing().retention.due()) << "the date has not passed";
  EXPECT_FALSE(fail("retention delete").empty());
  retention("2020-01-31");
  open_as("Jo Williams");
  run("comment took-away \"Clear start\" --at 5");
  EXPECT_TRUE(ws_->sharing().retention.due());
  run("retention delete");
  EXPECT_TRUE(ws_->sharing().retention_confirming);
  EXPECT_TRUE(fs::exists(video_)) << "asked, not yet deleted";
  run("retention confirm");
  EXPECT_FALSE(fs::exists(video_));
  EXPECT_FALSE(ws_->sharing().retention.due());
  EXPECT_FALSE(ws_->media_info());
  EXPECT_EQ(ws_->comments().size(), 1u) << "the comments stay";
  EXPECT_TRUE(ws_->sharing().missing.empty()) << "a deleted recording is not offered for relinking";
  auto recs = lib_->recordings_for_session(session_);
  EXPECT_NE(recs->front().path.find("retention date 2020-01-31"), std::string::npos) << recs->front().path;
}

// The offer follows the date while the session is open: set in the Session panel, or by
// another program (the CLI, an import), it shows without reopening the session.
TEST_F(SharingCommands, RetentionFollowsTheDateWhileTheSessionIsOpen) {
  retention("2027-07-31");
  open_as("Jo Williams");
  ASSERT_FALSE(ws_->sharing().retention.due());
  run("protocol set --retention 2020-01-31");
  ws_->update();
  EXPECT_TRUE(ws_->sharing().retention.due()) << "set in the window's Session panel";
  run("protocol set --retention none");
  ws_->update();
  EXPECT_FALSE(ws_->sharing().retention.due()) << "no date any more";

  auto other = store::Library::open(dir_ / "library.triad");  // another program on the same file
  ASSERT_TRUE(other.ok()) << other.error().message;
  Protocol p;
  p.session_id = session_;
  p.retention_date = "2021-02-01";
  ASSERT_TRUE(store::set_protocol(*other, p, jo_).ok());
  ws_->update();
  EXPECT_TRUE(ws_->sharing().retention.due()) << "written by another program";
  EXPECT_EQ(ws_->sharing().retention.date.value_or(""), "2021-02-01");
}

TEST_F(SharingCommands, MissingRecordingIsFoundAgainByFingerprint) {
  fs::create_directories(dir_ / "usb" / "lessons");
  const fs::path moved = dir_ / "usb" / "lessons" / "y8.mp4";
  fs::rename(video_, moved);
  open_as("Jo Williams");
  ASSERT_EQ(ws_->sharing().missing.size(), 1u);
  EXPECT_FALSE(fail("relink " + app::quote_word((dir_ / "elsewhere").string())).empty());
  run("relink " + app::quote_word((dir_ / "usb").string()));
  EXPECT_TRUE(ws_->sharing().missing.empty());
  ASSERT_TRUE(ws_->media_info());
  EXPECT_EQ(ws_->media_info()->path, moved.string());
}

}  // namespace

// Relinking starts beside where the recording was last seen when that folder still exists,
// else where the browser usually starts (never an error for a folder that has gone).
TEST_F(SharingCommands, BrowseNearAMissingFileListsItsFolderWhileItExists) {
  open_as("Sam Patel");
  const fs::path gone_folder = dir_ / "old-drive" / "lessons";
  fs::create_directories(gone_folder);
  run("browse --near " + app::quote_word((gone_folder / "lesson.mp4").string()));
  EXPECT_EQ(fs::path(ws_->folder().folder), fs::canonical(gone_folder));
  fs::remove_all(dir_ / "old-drive");
  run("browse " + app::quote_word(dir_.string()));
  run("browse --near " + app::quote_word((gone_folder / "lesson.mp4").string()));
  EXPECT_NE(fs::path(ws_->folder().folder), fs::canonical(dir_) / "old-drive" / "lessons");
  EXPECT_TRUE(fs::is_directory(ws_->folder().folder));
}

// Re-keying from the window (issue 12): the observed teacher opens "Re-key…" on Sam's row,
// pastes Sam's new key, sees both fingerprints, and binds it only on confirmation with her
// passphrase (her key is sealed); an observer may not, and a refusal is one sentence that
// writes nothing. The same use case as `triad identity rekey` (app/rekey.hpp).
TEST_F(SharingCommands, RekeyShowsBothFingerprintsAndBindsOnlyOnConfirmation) {
  ::unsetenv("TRIAD_PASSPHRASE");
  ASSERT_TRUE(app::create_identity(*lib_, jo_, "blue kettle").ok());
  auto sams = app::create_identity(*lib_, sam_, "");  // Sam's key, made on this computer once
  ASSERT_TRUE(sams.ok()) << sams.error().message;
  auto fresh = crypto::generate_key_pair();  // his new computer's
  ASSERT_TRUE(fresh.ok());
  const std::string new_key = crypto::to_base64(fresh->public_key);

  open_as("Sam Patel");
  EXPECT_FALSE(ws_->may_rekey(jo_)) << "an observer is offered no re-key";
  const std::string before = *lib_->dump();
  EXPECT_EQ(fail("rekey \"Jo Williams\" --key " + new_key),
            "Sam Patel (Observer) cannot re-key Jo Williams in session 'Y8 Fractions': only its facilitator or observed "
            "teacher may.");
  EXPECT_FALSE(ws_->sharing().rekey);

  open_as("Jo Williams");
  EXPECT_TRUE(ws_->may_rekey(sam_)) << "the observed teacher is offered Sam's re-key";
  run("rekey \"Sam Patel\"");
  ASSERT_TRUE(ws_->sharing().rekey);
  EXPECT_EQ(ws_->sharing().rekey->old_fingerprint, sams->fingerprint);
  EXPECT_FALSE(ws_->sharing().rekey->preview) << "no new key given yet";
  const std::string refused = fail("rekey \"Sam Patel\" --key not-a-key");
  EXPECT_NE(refused.find("is not an Ed25519 public key"), std::string::npos) << refused;
  EXPECT_EQ(ws_->sharing().rekey->error, refused) << "said in the step";
  EXPECT_EQ(fail("rekey \"Sam Patel\" --key " + sams->public_key), "Sam Patel's signing key here is already that key.");

  run("rekey \"Sam Patel\" --key " + new_key);
  ASSERT_TRUE(ws_->sharing().rekey && ws_->sharing().rekey->preview);
  EXPECT_EQ(ws_->sharing().rekey->old_fingerprint, sams->fingerprint);
  EXPECT_EQ(ws_->sharing().rekey->preview->new_fingerprint, crypto::fingerprint(fresh->public_key)) << "to compare aloud";
  EXPECT_TRUE(ws_->sharing().rekey->preview->passphrase_needed) << "Jo's key is sealed";
  EXPECT_TRUE(ws_->sharing().rekey->error.empty());
  EXPECT_EQ(*lib_->dump(), before) << "nothing is bound before confirmation";

  const std::string wrong = fail("rekey confirm --passphrase \"red kettle\"");
  EXPECT_EQ(std::count(wrong.begin(), wrong.end(), '\n'), 0) << wrong;
  EXPECT_EQ(ws_->sharing().rekey->error, wrong);
  EXPECT_EQ(*lib_->dump(), before) << "a wrong passphrase binds nothing";

  run("rekey confirm --passphrase \"blue kettle\"");
  EXPECT_EQ(**store::person_key(*lib_, sam_), new_key);
  EXPECT_NE(ws_->sharing().rekey->done.find(crypto::fingerprint(fresh->public_key)), std::string::npos)
      << ws_->sharing().rekey->done;
  EXPECT_EQ(store::list_changes_of_kind(*lib_, lib_->get_session(session_)->uuid, "rekey")->size(), 1u)
      << "kept, signed, to travel in bundles";
  run("rekey cancel");
  EXPECT_FALSE(ws_->sharing().rekey);
}

// The new key read from the bundle that was refused for it: Sam's new computer shares a
// comment; the observed teacher's library refuses it ("a different key"), she re-keys Sam
// from that very bundle in the window, and the same bundle then imports.
TEST_F(SharingCommands, RekeyFromTheRefusedBundleLetsItImport) {
  ::unsetenv("TRIAD_PASSPHRASE");
  ASSERT_TRUE(app::create_identity(*lib_, jo_, "").ok());
  const fs::path setup = dir_ / "setup.triad-bundle";
  {
    auto b = app::export_signed_bundle(*lib_, session_, exchange::Audience::Triad, jo_, "", 1773500000000);
    ASSERT_TRUE(b.ok()) << b.error().message;
    std::ofstream(setup) << b->text;
  }
  // Sam's new computer: the session from Jo's bundle, his new key, a comment, his bundle.
  const fs::path from_sam = dir_ / "from-sam.triad-bundle";
  std::string new_fingerprint;
  {
    auto l = store::Library::open(dir_ / "sam-new.triad");
    ASSERT_TRUE(l.ok()) << l.error().message;
    const RowId me = l->add_person("Sam Patel")->id;
    app::ImportRequest r;
    r.file = setup.string();
    r.importer_id = me;
    r.now_ms = 1773500000000;
    auto in = app::import_file(*l, r, false);
    ASSERT_TRUE(in.ok()) << in.error().message;
    auto key = app::create_identity(*l, me, "");
    ASSERT_TRUE(key.ok()) << key.error().message;
    new_fingerprint = key->fingerprint;
    const RowId sid = (*l->find_session_by_uuid(lib_->get_session(session_)->uuid))->id;
    Comment c;
    c.session_id = sid;
    c.author_id = me;
    c.kind = "took-away";
    c.text = "Written on the new laptop";
    auto added = store::add_checked_comment(*l, c, Visibility::Triad);
    ASSERT_TRUE(added.ok()) << added.error().message;
    auto b = app::export_signed_bundle(*l, sid, exchange::Audience::Triad, me, "", 1773500001000);
    ASSERT_TRUE(b.ok()) << b.error().message;
    std::ofstream(from_sam) << b->text;
  }
  ASSERT_TRUE(app::create_identity(*lib_, sam_, "").ok());  // his old key, bound here
  app::ImportRequest r;
  r.file = from_sam.string();
  r.importer_id = jo_;
  r.now_ms = 1773500002000;
  auto refused = app::import_file(*lib_, r, false);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("carries a different key"), std::string::npos) << refused.error().message;

  open_as("Jo Williams");
  EXPECT_NE(fail("rekey \"Sam Patel\" --from " + app::quote_word(setup.string())).find("holds no change signed by Sam Patel"),
            std::string::npos)
      << "Jo's own bundle holds nothing of Sam's";
  run("rekey \"Sam Patel\" --from " + app::quote_word(from_sam.string()));
  ASSERT_TRUE(ws_->sharing().rekey && ws_->sharing().rekey->preview);
  EXPECT_EQ(ws_->sharing().rekey->preview->new_fingerprint, new_fingerprint);
  EXPECT_EQ(ws_->sharing().rekey->from, from_sam.string());
  EXPECT_FALSE(ws_->sharing().rekey->preview->passphrase_needed);
  run("rekey confirm");
  auto took = app::import_file(*lib_, r, false);
  ASSERT_TRUE(took.ok()) << took.error().message;
  EXPECT_EQ(took->added, 1);
  EXPECT_NE(lib_->dump()->find("Written on the new laptop"), std::string::npos);
}
