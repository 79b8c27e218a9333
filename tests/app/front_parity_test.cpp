// The window and the CLI are two fronts over one application core (app/comment_actions,
// app/review_actions): the same request in the same situation gets the same answer,
// accepted or refused, with the same sentence. Each case starts from one library file,
// copied twice: the `triad` binary acts on one copy, the Workstation (what
// `triad-studio --script` drives) on the other, and the answers are compared.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "app/workstation.hpp"
#include "base/uuid.hpp"
#include "core/framework.hpp"
#include "fake_media.hpp"
#include "store/workflow.hpp"

using namespace triad;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string sh_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// What a front answered: accepted or not, and the one sentence it showed.
struct Answer {
  bool ok = false;
  std::string sentence;
};

std::ostream& operator<<(std::ostream& o, const Answer& a) {
  return o << (a.ok ? "accepted: " : "refused: ") << a.sentence;
}

// One thing a person does, as each front spells it.
struct Request {
  std::string who;
  std::string cli;     // arguments after `triad --db LIB --as WHO`
  std::string window;  // a script line, after `as WHO` and `session 1`
};

class FrontParity : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("triad-parity-" + new_uuid());
    fs::create_directories(dir_);
    seed_ = dir_ / "seed.triad";
    binary_ = fs::path(TRIAD_BINARY_DIR) / "src" / "cli" / "triad";
    ASSERT_TRUE(fs::exists(binary_)) << binary_;
    auto l = store::Library::open(seed_);
    ASSERT_TRUE(l.ok()) << l.error().message;
    lib_.emplace(std::move(*l));
    for (const char* name : {"Jo", "Sam", "Pat", "Kim"}) {
      auto p = lib_->add_person(name);
      ASSERT_TRUE(p.ok());
      people_[name] = p->id;
    }
    Session s;
    s.title = "Y8 fractions";
    auto added = lib_->add_session(s);
    ASSERT_TRUE(added.ok());
    session_ = added->id;
    auto fw = lib_->ensure_default_framework();
    ASSERT_TRUE(fw.ok());
    ASSERT_TRUE(lib_->attach_framework(session_, fw->id).ok());
  }
  void TearDown() override {
    lib_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::string comment_by(const std::string& who, const std::string& text, Visibility v = Visibility::Triad) {
    Comment c;
    c.session_id = session_;
    c.author_id = people_.at(who);
    c.start_us = seconds_us(12);
    c.kind = "note";
    c.text = text;
    c.visibility = v;
    auto added = lib_->add_comment(c);
    EXPECT_TRUE(added.ok()) << added.error().message;
    return added.ok() ? added->uuid : "";
  }
  void triad_of(bool blind) {
    for (const char* code : {"jpd-peer-observation", "learning-detectives"}) {
      std::ifstream in(fs::path(TRIAD_SOURCE_DIR) / "assets" / "frameworks" / (std::string(code) + ".json"));
      std::stringstream text;
      text << in.rdbuf();
      auto def = framework_from_json(text.str(), code);
      ASSERT_TRUE(def.ok()) << def.error().message;
      ASSERT_TRUE(store::import_framework(*lib_, *def).ok()) << code;
    }
    for (auto [who, role] : {std::pair{"Jo", Role::Teacher}, {"Sam", Role::Observer}, {"Pat", Role::Facilitator}})
      ASSERT_TRUE(store::add_participant(*lib_, session_, people_.at(who), role).ok());
    Protocol p;
    p.session_id = session_;
    p.blind_review = blind;
    p.stems = {{"note", "Note", false}, {"try", "Why don't you try", false}};
    auto r = store::set_protocol(*lib_, p, people_.at("Pat"));
    ASSERT_TRUE(r.ok()) << r.error().message;
  }

  Answer through_cli(const fs::path& db, const Request& r) {
    const fs::path out = dir_ / "out", err = dir_ / "err";
    std::string cmd = sh_quote(binary_.string()) + " --db " + sh_quote(db.string()) + " --as " + sh_quote(r.who) + " " +
                      r.cli + " >" + sh_quote(out.string()) + " 2>" + sh_quote(err.string());
    int status = std::system(cmd.c_str());
    Answer a;
    a.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    std::string text = a.ok ? slurp(out) : slurp(err);
    if (!a.ok && text.rfind("triad: ", 0) == 0) text = text.substr(7);
    while (!text.empty() && text.back() == '\n') text.pop_back();
    a.sentence = text;
    return a;
  }

  Answer through_window(const fs::path& db, const Request& r) {
    auto l = store::Library::open(db);
    EXPECT_TRUE(l.ok());
    test::FakeMedia media;
    app::Workstation ws(*l, media);
    for (const std::string& line : {"as " + app::quote_word(r.who), "session " + std::to_string(session_)}) {
      auto set = ws.execute(line);
      EXPECT_TRUE(set.ok()) << line << ": " << set.error().message;
    }
    auto o = ws.execute(r.window);
    return o ? Answer{true, o->message} : Answer{false, o.error().message};
  }

  // Runs `r` through both fronts, each on its own copy of the library as it is now,
  // and checks they agree; returns the (common) answer.
  Answer both(const Request& r) {
    lib_.reset();  // the copies must hold everything written so far
    const fs::path for_cli = dir_ / ("cli-" + new_uuid() + ".triad");
    const fs::path for_window = dir_ / ("window-" + new_uuid() + ".triad");
    fs::copy_file(seed_, for_cli);
    fs::copy_file(seed_, for_window);
    Answer cli = through_cli(for_cli, r);
    Answer window = through_window(for_window, r);
    EXPECT_EQ(cli.ok, window.ok) << r.cli << "\n  CLI    " << cli << "\n  window " << window;
    EXPECT_EQ(cli.sentence, window.sentence) << r.cli << " / " << r.window;
    auto l = store::Library::open(seed_);
    EXPECT_TRUE(l.ok());
    lib_.emplace(std::move(*l));
    return cli;
  }

  std::string comment_request(const std::string& kind, const std::string& text) const {
    return "comment add --session " + std::to_string(session_) + " --at 5 --kind " + sh_quote(kind) + " --text " +
           sh_quote(text);
  }
  std::string comment_line(const std::string& kind, const std::string& text) const {
    return "comment " + kind + " " + app::quote_word(text) + " --at 5";
  }
  Request comment(const std::string& who, const std::string& kind, const std::string& text) const {
    return {who, comment_request(kind, text), comment_line(kind, text)};
  }
  Request reply(const std::string& who, const std::string& to, const std::string& text) const {
    return {who, "reply --to " + to + " --text " + sh_quote(text), "reply " + to + " " + app::quote_word(text)};
  }
  Request submit(const std::string& who) const {
    return {who, "review submit --session " + std::to_string(session_), "submit-review"};
  }

  fs::path dir_, seed_, binary_;
  std::optional<store::Library> lib_;
  std::map<std::string, RowId> people_;
  RowId session_ = 0;
};

// A plain session (no participants): comments and replies are taken from anyone; there
// is no review to submit. The window used to accept the reply the CLI refused.
TEST_F(FrontParity, PlainSessionAgreesOnCommentReplyAndSubmit) {
  const std::string first = comment_by("Jo", "Good start");
  EXPECT_TRUE(both(comment("Sam", "note", "Pupils wait")).ok);
  const Answer r = both(reply("Sam", first, "Agreed"));
  EXPECT_TRUE(r.ok) << r;
  EXPECT_EQ(r.sentence, "Reply added under Jo's comment.");
  EXPECT_FALSE(both(comment("Sam", "NOT-A-KIND", "x")).ok);
  EXPECT_FALSE(both(reply("Sam", new_uuid(), "to nothing")).ok);
  EXPECT_FALSE(both(submit("Sam")).ok);
}

// Under a protocol: participants only, the protocol's stems, no peeking at hidden
// comments, and a blind review closes commenting until the reveal.
TEST_F(FrontParity, ProtocolSessionAgreesOnEveryRefusal) {
  triad_of(true);
  const std::string jo_private = comment_by("Jo", "Just for me", Visibility::Private);
  const std::string jo_shared = comment_by("Jo", "For the triad", Visibility::Triad);

  const Answer outsider = both(comment("Kim", "note", "I was not invited"));
  EXPECT_FALSE(outsider.ok);
  EXPECT_NE(outsider.sentence.find("Kim is not a participant"), std::string::npos) << outsider;
  EXPECT_FALSE(both(reply("Kim", jo_shared, "me neither")).ok);
  EXPECT_FALSE(both(comment("Sam", "strength", "not one of the stems")).ok);
  EXPECT_FALSE(both(reply("Sam", jo_private, "what is this?")).ok);
  EXPECT_TRUE(both(comment("Sam", "try", "Wait longer")).ok);
  EXPECT_FALSE(both(submit("Kim")).ok);

  const Answer submitted = both(submit("Sam"));
  EXPECT_TRUE(submitted.ok) << submitted;
  // What follows happens after Sam submitted.
  ASSERT_TRUE(store::submit_review(*lib_, session_, people_.at("Sam")).ok());
  const Answer late = both(comment("Sam", "note", "one more thing"));
  EXPECT_FALSE(late.ok);
  EXPECT_NE(late.sentence.find("has submitted their blind review"), std::string::npos) << late;
  EXPECT_FALSE(both(submit("Sam")).ok) << "twice";
}

}  // namespace
