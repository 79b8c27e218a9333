// The workstation's command table (app/command_table.cpp): every entry is reachable by
// its name, names are unique, the "needs a recording / a session" guard answers once with
// the same sentence, and every default key runs a command the table knows.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "app/command.hpp"
#include "app/key_bindings.hpp"
#include "app/workstation.hpp"
#include "base/uuid.hpp"
#include "fake_media.hpp"

using namespace triad;
using app::CommandSpec;
using app::Workstation;

namespace {

const std::string kUnknownTail = "is not a Triad command (see the help overlay, ?).";

class CommandTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("triad-cmdtab-test-" + new_uuid());
    std::filesystem::create_directories(dir_);
    video_ = (dir_ / "lesson.mp4").string();
    std::ofstream(video_) << "not really a video; the fake player does not read it";
    auto l = store::Library::open(dir_ / "library.triad");
    ASSERT_TRUE(l.ok()) << l.error().message;
    lib_.emplace(std::move(*l));
    fresh();
  }
  void TearDown() override {
    ws_.reset();
    lib_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  void fresh() {  // a new window on the same library: nothing open
    ws_.reset();
    media_ = test::FakeMedia{};
    ws_ = std::make_unique<Workstation>(*lib_, media_);
  }
  // Every name the table answers to: names and aliases.
  static std::vector<std::string> all_names() {
    std::vector<std::string> out;
    for (const CommandSpec& s : Workstation::command_table()) {
      out.emplace_back(s.name);
      for (auto a : s.aliases) out.emplace_back(a);
    }
    return out;
  }

  std::filesystem::path dir_;
  std::string video_;
  std::optional<store::Library> lib_;
  test::FakeMedia media_;
  std::unique_ptr<Workstation> ws_;
};

}  // namespace

TEST_F(CommandTableTest, NamesAreUniqueAndEveryEntryIsComplete) {
  const auto& table = Workstation::command_table();
  ASSERT_GT(table.size(), 50u);
  std::map<std::string, int> seen;
  for (const auto& n : all_names()) ++seen[n];
  for (const auto& [name, count] : seen) EXPECT_EQ(count, 1) << "'" << name << "' is in the table " << count << " times";
  for (const CommandSpec& s : table) {
    EXPECT_FALSE(s.name.empty());
    EXPECT_NE(s.handler, nullptr) << s.name;
    EXPECT_FALSE(s.usage.empty()) << s.name << " has no usage line";
    EXPECT_EQ(s.usage.substr(0, s.name.size()), s.name) << "the usage line of '" << s.name << "' starts with its name";
    EXPECT_EQ(Workstation::find_command(s.name), &s) << s.name;
    for (auto a : s.aliases) EXPECT_EQ(Workstation::find_command(a), &s) << a;
  }
  EXPECT_EQ(Workstation::find_command("frobnicate"), nullptr);
}

TEST_F(CommandTableTest, EveryNameDispatches) {
  // With nothing open, then with a recording and its session open: no name in the table
  // falls through to "not a Triad command" (the answer may be an error: no arguments).
  for (bool with_media : {false, true}) {
    for (const auto& name : all_names()) {
      fresh();
      if (with_media) {
        ASSERT_TRUE(ws_->execute("open " + app::quote_word(video_)).ok());
      }
      auto r = ws_->execute(name);
      if (!r.ok()) {
        EXPECT_EQ(r.error().message.find(kUnknownTail), std::string::npos)
            << "'" << name << "' fell through: " << r.error().message;
      }
    }
  }
  auto r = ws_->execute("frobnicate now");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "'frobnicate' " + kUnknownTail);
}

TEST_F(CommandTableTest, TheGuardRefusesWithOneSentence) {
  // Commands that need a recording are refused before their arguments are read.
  for (const std::string line : {"pause", "play 500", "shuttle sideways", "seek +2", "step -1", "scrub 00:01",
                                 "end", "loop-a", "in", "out", "toggle-play"}) {
    auto r = ws_->execute(line);
    ASSERT_FALSE(r.ok()) << line;
    EXPECT_EQ(r.error().message, "Open a recording first.") << line;
  }
  int media = 0, session = 0;
  for (const CommandSpec& s : Workstation::command_table()) {
    if (s.needs == CommandSpec::Needs::Nothing) continue;
    auto r = ws_->execute(std::string(s.name));
    ASSERT_FALSE(r.ok()) << s.name;
    const bool m = s.needs == CommandSpec::Needs::Media;
    (m ? media : session)++;
    EXPECT_EQ(r.error().message, m ? "Open a recording first." : "Open a session first.") << s.name;
  }
  EXPECT_GE(media, 10);
  EXPECT_GE(session, 4);
  // Once a recording is open the same lines reach their handlers.
  ASSERT_TRUE(ws_->execute("open " + app::quote_word(video_)).ok());
  EXPECT_TRUE(ws_->execute("pause").ok());
  auto bad = ws_->execute("shuttle sideways");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "Usage: shuttle back|stop|forward (the J, K and L keys).");
}

TEST_F(CommandTableTest, EveryDefaultKeyRunsACommandOfTheTable) {
  app::KeyBindings keys;
  for (const auto& b : keys.all()) {
    auto c = app::parse_command(b.command);
    ASSERT_TRUE(c.ok()) << b.chord;
    EXPECT_NE(Workstation::find_command(c->name), nullptr) << b.chord << " runs '" << b.command << "'";
  }
}

TEST_F(CommandTableTest, ShiftSOpensAndClosesTheLessonStudyPanel) {
  ASSERT_TRUE(ws_->execute("open " + app::quote_word(video_)).ok());
  ASSERT_TRUE(ws_->press_key("Shift+S").ok());
  EXPECT_TRUE(ws_->view().lesson_study);
  ASSERT_TRUE(ws_->press_key("Shift+S").ok());
  EXPECT_FALSE(ws_->view().lesson_study);
}

TEST_F(CommandTableTest, HomeKeyGoesToTheStartAndKeepsTheSession) {
  // The Home key's label says "Go to the start"; the `home` command is the home screen.
  ASSERT_TRUE(ws_->execute("open " + app::quote_word(video_)).ok());
  ASSERT_TRUE(ws_->session().has_value());
  ASSERT_TRUE(ws_->execute("seek 00:01:00").ok());
  ASSERT_GT(ws_->position(), 0);
  ASSERT_TRUE(ws_->press_key("Home").ok());
  EXPECT_EQ(ws_->position(), 0);
  EXPECT_TRUE(ws_->session().has_value()) << "Home closed the session";
}
