// The `triad` CLI's store commands, driven as a user would: exit codes, one stderr line on
// bad input, and a library file left byte-for-byte as it was when a command is refused.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "process_util.hpp"
#include "store/library.hpp"
#include "store/migrations.hpp"
#include "store/workflow.hpp"
#include "store_test_util.hpp"

namespace triad::store {
namespace {

using test::file_hash;
using test::TempDir;

struct CliRun {
  int code = -1;
  std::string out, err;
};

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(TRIAD_CLI)) GTEST_SKIP() << "triad binary not built at " << TRIAD_CLI;
    db = dir / "lib.triad";
    auto lib = Library::open(db);
    ASSERT_TRUE(lib.ok()) << lib.error().message;
    Session s;
    s.title = "Year 8 fractions";
    session = lib->add_session(s)->id;
    ASSERT_TRUE(lib->add_person("Ann").ok());
    ASSERT_TRUE(lib->attach_framework(session, lib->ensure_default_framework()->id).ok());
  }

  CliRun run(std::vector<std::string> args, std::optional<std::filesystem::path> use_db = std::nullopt) {
    std::vector<std::string> argv{TRIAD_CLI, "--db", (use_db ? *use_db : db).string()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto child = test::spawn(argv, dir / "err.txt", dir / "out.txt");
    CliRun r;
    r.code = test::wait_for(child.pid);
    r.out = test::file_bytes(dir / "out.txt");
    r.err = test::file_bytes(dir / "err.txt");
    return r;
  }

  // The command is refused with `code`, one line on stderr, and the library is unchanged.
  void expect_refused(const std::vector<std::string>& args, int code, const std::string& mention,
                      std::optional<std::filesystem::path> use_db = std::nullopt) {
    auto path = use_db ? *use_db : db;
    std::string before = file_hash(path);
    CliRun r = run(args, use_db);
    EXPECT_EQ(r.code, code) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_TRUE(r.err.starts_with("triad: ")) << r.err;
    EXPECT_NE(r.err.find(mention), std::string::npos) << r.err;
    EXPECT_EQ(file_hash(path), before) << "the library changed";
  }

  std::vector<std::string> add(std::string at, std::string text) {
    return {"comment", "add", "--session", std::to_string(session), "--at", at, "--tag", "Questioning",
            "--kind", "took-away", "--text", text};
  }

  TempDir dir;
  std::filesystem::path db;
  RowId session = 0;
};

TEST_F(Cli, CommentAddListSearchEditDelete) {
  auto a = add("12:34.5", "Asked why twice");
  a.insert(a.end(), {"--to", "12:40", "--pupil", "Pupil A"});
  CliRun r = run(a);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.err.empty());
  r = run({"--json", "comment", "list", "--session", "Year 8 fractions"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto list = nlohmann::json::parse(r.out);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["start_us"], 754500000);
  EXPECT_EQ(list[0]["end_us"], 760000000);
  EXPECT_EQ(list[0]["tags"][0], "questioning");
  EXPECT_EQ(list[0]["pupil"], "Pupil A");
  std::string id = std::to_string(list[0]["id"].get<long long>());
  r = run({"comment", "search", "why"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("[why]"), std::string::npos) << r.out;
  r = run({"--json", "comment", "edit", id, "--text", "Asked why three times", "--no-end"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto edited = nlohmann::json::parse(r.out);
  EXPECT_EQ(edited["version"], 2);
  EXPECT_TRUE(edited["end_us"].is_null());
  // Another person may not change it.
  ASSERT_EQ(run({"person", "add", "Bob"}).code, 0);
  expect_refused({"--as", "Bob", "comment", "delete", id}, 1, "author");
  r = run({"comment", "delete", id});
  ASSERT_EQ(r.code, 0) << r.err;
  r = run({"comment", "list"});
  EXPECT_NE(r.out.find("No comments"), std::string::npos) << r.out;
  r = run({"comment", "list", "--deleted"});
  EXPECT_NE(r.out.find("(deleted)"), std::string::npos) << r.out;
}

TEST_F(Cli, AuthorDefaultsToOwnerAndAsPicksAnother) {
  setenv("USER", "cli-owner", 1);
  ASSERT_EQ(run(add("1", "mine")).code, 0);
  auto as = add("2", "Ann's");
  as.insert(as.begin(), {"--as", "ann"});
  ASSERT_EQ(run(as).code, 0);
  CliRun r = run({"--json", "comment", "list"});
  auto list = nlohmann::json::parse(r.out);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["author"], "cli-owner");
  EXPECT_EQ(list[1]["author"], "Ann");
}

TEST_F(Cli, RefusesUnknownSession) { expect_refused(
    {"comment", "add", "--session", "999", "--at", "1", "--text", "x"}, 1, "999"); }

TEST_F(Cli, RefusesMalformedTime) { expect_refused(add("12:7x", "text"), 1, "12:7x"); }

TEST_F(Cli, RefusesEndBeforeStart) {
  auto a = add("12:40", "text");
  a.insert(a.end(), {"--to", "12:34"});
  expect_refused(a, 1, "not after the start");
}

TEST_F(Cli, RefusesEmptyText) {
  expect_refused(add("1", ""), 1, "empty");
  expect_refused(add("1", "   "), 1, "empty");
}

TEST_F(Cli, RefusesUnknownTag) {
  auto a = add("1", "text");
  a[7] = "Nonsense";
  expect_refused(a, 1, "Nonsense");
}

TEST_F(Cli, RefusesUnknownAsPerson) {
  auto a = add("1", "text");
  a.insert(a.begin(), {"--as", "Nobody"});
  expect_refused(a, 1, "Nobody");
}

// `triad`'s exit code for "not a Triad library, or a newer one" (cli/exit_codes.cpp, triad --help).
constexpr int kExitNotLibrary = 8;

TEST_F(Cli, RefusesAFileThatIsNotALibrary) {
  auto notes = dir / "notes.txt";
  test::write_bytes(notes, "not a database\n");
  expect_refused(add("1", "x"), kExitNotLibrary, "notes.txt", notes);
  expect_refused({"session", "list"}, kExitNotLibrary, "notes.txt", notes);
  expect_refused({"session", "create", "--title", "T"}, kExitNotLibrary, "notes.txt", notes);
  expect_refused({"dump"}, kExitNotLibrary, "notes.txt", notes);
}

TEST_F(Cli, RefusesANewerLibrary) {
  auto future = dir / "future.triad";
  { ASSERT_TRUE(Library::open(future).ok()); }
  {
    auto raw = Db::open(future, SQLITE_OPEN_READWRITE);
    ASSERT_TRUE(raw->exec("PRAGMA user_version = " + std::to_string(latest_schema_version() + 5)).ok());
  }
  expect_refused({"session", "list"}, kExitNotLibrary, "newer", future);
  expect_refused(add("1", "x"), kExitNotLibrary, "newer", future);
}

TEST_F(Cli, SessionCreateListShowEdit) {
  ASSERT_EQ(run({"person", "add", "Tess Teacher"}).code, 0);
  CliRun r = run({"--json", "session", "create", "--title", "Y5 science", "--date", "2026-02-01", "--teacher",
               "tess teacher", "--school", "Hill Primary", "--cycle", "Spring", "--position", "2"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto s = nlohmann::json::parse(r.out);
  EXPECT_EQ(s["teacher"], "Tess Teacher");
  EXPECT_EQ(s["school"], "Hill Primary");
  std::string id = std::to_string(s["id"].get<long long>());
  expect_refused({"session", "create", "--title", "T", "--teacher", "Nobody"}, 1, "Nobody");
  expect_refused({"session", "create", "--title", "T", "--date", "1/2/2026"}, 1, "1/2/2026");
  r = run({"session", "edit", id, "--focus", "Questioning for reasoning"});
  ASSERT_EQ(r.code, 0) << r.err;
  r = run({"session", "show", id});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Questioning for reasoning"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("triad-default"), std::string::npos) << r.out;
  r = run({"session", "list"});
  EXPECT_NE(r.out.find("Y5 science"), std::string::npos);
  EXPECT_NE(r.out.find("Year 8 fractions"), std::string::npos);
  expect_refused({"session", "show", "No such lesson"}, 1, "No such lesson");
}

TEST_F(Cli, DumpIsStable) {
  ASSERT_EQ(run(add("3", "one")).code, 0);
  ASSERT_EQ(run(add("1", "two")).code, 0);
  CliRun a = run({"dump"});
  CliRun b = run({"dump"});
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out.find("\"text\":\"one\""), std::string::npos);
}

TEST_F(Cli, EverySubcommandHasHelp) {
  for (std::vector<std::string> cmd :
       {std::vector<std::string>{"session", "create"}, {"session", "list"}, {"session", "show"}, {"session", "edit"},
        {"session", "relink"}, {"person", "add"}, {"person", "list"}, {"comment", "add"}, {"comment", "list"},
        {"comment", "edit"}, {"comment", "delete"}, {"comment", "search"}, {"dump"}}) {
    cmd.push_back("--help");
    CliRun r = run(cmd);
    EXPECT_EQ(r.code, 0) << cmd[0];
    EXPECT_GT(r.out.size(), 40u) << cmd[0];
  }
}

// Under a protocol (participants), list and search show only what the actor may see.
TEST_F(Cli, ListAndSearchHideOthersPrivateCommentsInProtocolSessions) {
  {
    auto lib = Library::open(db);
    ASSERT_TRUE(lib.ok());
    auto ann = lib->find_person("Ann");
    auto bob = lib->add_person("Bob");
    ASSERT_TRUE(bob.ok());
    ASSERT_TRUE(add_participant(*lib, session, (*ann)->id, Role::Observer).ok());
    ASSERT_TRUE(add_participant(*lib, session, bob->id, Role::Observer).ok());
    Comment c;
    c.session_id = session;
    c.author_id = bob->id;
    c.start_us = 5;
    c.text = "Bob's private aside";
    c.visibility = Visibility::Private;
    ASSERT_TRUE(lib->add_comment(c).ok());
  }
  CliRun as_ann = run({"--as", "Ann", "comment", "list", "--session", std::to_string(session)});
  ASSERT_EQ(as_ann.code, 0) << as_ann.err;
  EXPECT_EQ(as_ann.out.find("private aside"), std::string::npos) << as_ann.out;
  CliRun all_ann = run({"--as", "Ann", "comment", "list"});
  EXPECT_EQ(all_ann.out.find("private aside"), std::string::npos) << all_ann.out;
  CliRun search_ann = run({"--as", "Ann", "comment", "search", "aside"});
  EXPECT_EQ(search_ann.out.find("aside"), std::string::npos) << search_ann.out;
  CliRun as_bob = run({"--as", "Bob", "comment", "list", "--session", std::to_string(session)});
  EXPECT_NE(as_bob.out.find("private aside"), std::string::npos) << as_bob.out;
  CliRun search_bob = run({"--as", "Bob", "comment", "search", "aside"});
  EXPECT_NE(search_bob.out.find("aside"), std::string::npos) << search_bob.out;
}

// Recording attach and relink need the media library and the ffmpeg CLI for a clip.
TEST_F(Cli, RecordingIsFingerprintedAndRelinked) {
  if (std::system("ffmpeg -version >/dev/null 2>&1") != 0) GTEST_SKIP() << "ffmpeg CLI not available";
  auto clip = dir / "lesson.mp4";
  std::string make = "ffmpeg -v error -f lavfi -i testsrc2=size=160x120:rate=10 -f lavfi -i sine=f=440 -t 2 "
                     "-c:v mpeg4 -c:a aac -shortest -y '" + clip.string() + "'";
  ASSERT_EQ(std::system(make.c_str()), 0);
  CliRun r = run({"--json", "session", "create", "--title", "Filmed", "--recording", clip.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  auto s = nlohmann::json::parse(r.out);
  ASSERT_EQ(s["recordings"].size(), 1u);
  EXPECT_TRUE(s["recordings"][0]["fingerprint"].get<std::string>().starts_with("tfp1:"));
  EXPECT_GT(s["recordings"][0]["duration_us"].get<long long>(), 1000000);
  std::string id = std::to_string(s["id"].get<long long>());

  std::filesystem::create_directories(dir / "moved/deeper");
  std::filesystem::rename(clip, dir / "moved/deeper/renamed.mp4");
  test::write_bytes(dir / "moved/decoy.mp4", "not it");
  r = run({"session", "relink", "--session", id, "--search", (dir / "moved").string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("relinked"), std::string::npos) << r.out;
  r = run({"--json", "session", "show", id});
  auto shown = nlohmann::json::parse(r.out);
  EXPECT_TRUE(shown["recordings"][0]["path"].get<std::string>().ends_with("renamed.mp4"));

  expect_refused({"session", "create", "--title", "Bad", "--recording", (dir / "moved/decoy.mp4").string()}, 3,
                 "decoy.mp4");
}

}  // namespace
}  // namespace triad::store

namespace triad::store {
namespace {

// One step: a shipped framework named at create is imported and becomes the protocol's,
// the focus becomes its focus question, and participants can comment at once.
TEST_F(Cli, SessionCreateWithShippedFrameworkAndFocusIsReadyForComments) {
  CliRun made = run({"--json", "session", "create", "--title", "Y8 Fractions", "--framework", "lesson-study", "--focus",
                     "Which pupils explain their reasoning?"});
  ASSERT_EQ(made.code, 0) << made.err;
  const auto id = nlohmann::json::parse(made.out).at("id").get<RowId>();
  auto lib = Library::open(db);
  ASSERT_TRUE(lib.ok());
  auto own = get_own_protocol(*lib, id);
  ASSERT_TRUE(own.ok() && *own);
  EXPECT_EQ((*own)->framework_code, "lesson-study");
  ASSERT_EQ((*own)->focus_questions.size(), 1u);
  EXPECT_EQ((*own)->focus_questions[0], "Which pupils explain their reasoning?");
  ASSERT_TRUE(add_participant(*lib, id, lib->find_person("Ann")->value().id, Role::Observer).ok());
  CliRun c = run({"--as", "Ann", "comment", "add", "--session", std::to_string(id), "--at", "00:01:00", "--kind", "note",
                  "--text", "Pupil A explained it to B"});
  EXPECT_EQ(c.code, 0) << c.err;
}

// A plain session (no protocol of its own) with participants takes comments: the default
// protocol's shipped framework is imported on first use, with no import step.
TEST_F(Cli, PlainSessionWithParticipantsAcceptsComments) {
  auto lib = Library::open(db);
  ASSERT_TRUE(lib.ok());
  const RowId ann = lib->find_person("Ann")->value().id;
  ASSERT_TRUE(add_participant(*lib, session, ann, Role::Observer).ok());
  CliRun c = run({"--as", "Ann", "comment", "add", "--session", std::to_string(session), "--at", "00:00:10", "--kind",
                  "note", "--text", "Questions were open"});
  EXPECT_EQ(c.code, 0) << c.err;
  EXPECT_EQ(c.err.find("not in the library"), std::string::npos) << c.err;
}

}  // namespace
}  // namespace triad::store
