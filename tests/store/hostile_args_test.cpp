// A sweep of hostile arguments over the `triad` CLI, driven as a user (or an attacker with a
// shell) would: huge and negative ids, nan/inf/overflowing times and numbers, invalid UTF-8,
// control bytes, 2 KB strings, over clip / comment / reply / session / protocol / person /
// frame / action / participant. Every run must end with an exit code below 128 (no abort,
// no signal), and afterwards every --json view of the library must still be valid JSON.
//
// The thousand sweep runs call the CLI's entry point (cli/entry.hpp, all of `triad` after
// main()) in a forked child each: a crash still ends that child by a signal, but no run pays
// for loading the binary's 176 shared libraries (0.1 s each, 0.6 s under ASan: 11 minutes of
// CI). The JSON views at the end run the `triad` binary itself, and $TRIAD_CLI_UNDER_TEST
// runs the whole sweep on another binary (to show an older build fails).
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/entry.hpp"

#include "process_util.hpp"
#include "store/library.hpp"
#include "store/workflow.hpp"
#include "store_test_util.hpp"

namespace triad::store {
namespace {

using test::TempDir;

// Another binary to sweep ($TRIAD_CLI_UNDER_TEST), or empty for this build's entry point.
std::string other_cli() {
  const char* other = std::getenv("TRIAD_CLI_UNDER_TEST");
  return other && *other ? other : "";
}

// The binary under test: this build's, or $TRIAD_CLI_UNDER_TEST.
std::string cli_path() { return other_cli().empty() ? TRIAD_CLI : other_cli(); }

// The values thrown at every argument slot.
std::vector<std::string> hostile_values() {
  return {"9223372036854775808",
          "18446744073709551616",
          "-9223372036854775809",
          "-1",
          "0",
          "nan",
          "-nan",
          "inf",
          "-inf",
          "1e999",
          "99999999999999999999:00",
          "2026-02-30",
          "\xff",
          "bad\xffutf",
          "\xc0\xaf\xed\xa0\x80",
          "\x1b]0;owned\x07\x1b[2J",
          std::string("a\x01\x02\x7f\r\x08z"),
          std::string(2048, 'A'),
          std::string(2048, '\xff'),
          ""};
}

class HostileArgs : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(cli_path())) GTEST_SKIP() << "triad binary not built at " << cli_path();
    db = dir / "lib.triad";
    auto lib = Library::open(db);
    ASSERT_TRUE(lib.ok()) << lib.error().message;
    Session s;
    s.title = "Year 8 fractions";
    session = lib->add_session(s)->id;
    ASSERT_TRUE(lib->add_person("Ann").ok());
    ASSERT_TRUE(lib->attach_framework(session, lib->ensure_default_framework()->id).ok());
    // A recording that does not exist: clip gets as far as reading its comment arguments.
    Recording r;
    r.session_id = session;
    r.path = (dir / "missing.mp4").string();
    r.fingerprint = "0";
    r.duration_us = 60'000'000;
    ASSERT_TRUE(lib->add_recording(r).ok());
    Comment c;
    c.session_id = session;
    c.author_id = lib->me()->id;
    c.start_us = 10'000'000;
    c.kind = "note";
    c.text = "Asked why twice";
    auto added = lib->add_comment(c);
    ASSERT_TRUE(added.ok()) << added.error().message;
    comment_uuid = added->uuid;
  }

  // Runs the `triad` binary; returns its exit status (128 + signal when it died of one).
  int run(const std::vector<std::string>& args, std::string* out = nullptr, std::string* err = nullptr) {
    std::vector<std::string> argv{cli_path(), "--db", db.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto child = test::spawn(argv, dir / "err.txt", dir / "out.txt");
    int code = test::wait_for(child.pid);
    if (out) *out = test::file_bytes(dir / "out.txt");
    if (err) *err = test::file_bytes(dir / "err.txt");
    return code;
  }

  // The same run through cli::run_triad in a forked child (the binary when another is under test).
  int run_forked(const std::vector<std::string>& args, std::string* err) {
    if (!other_cli().empty()) return run(args, nullptr, err);
    std::vector<std::string> argv{"triad", "--db", db.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::cout.flush();  // nothing buffered here may be written twice by the child
    std::cerr.flush();
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
      const int o = ::open((dir / "out.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int e = ::open((dir / "err.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (o < 0 || e < 0 || ::dup2(o, STDOUT_FILENO) < 0 || ::dup2(e, STDERR_FILENO) < 0) ::_exit(125);
      std::vector<char*> cargv;
      for (auto& a : argv) cargv.push_back(a.data());
      cargv.push_back(nullptr);
      const int code = cli::run_triad(static_cast<int>(argv.size()), cargv.data());
      std::cout.flush();
      std::cerr.flush();
      std::fflush(nullptr);
      ::_exit(code);  // not exit(): the test process's own atexit work is not the child's
    }
    if (pid < 0) return -1;
    const int code = test::wait_for(pid);
    if (err) *err = test::file_bytes(dir / "err.txt");
    return code;
  }

  TempDir dir;
  std::filesystem::path db;
  RowId session = 0;
  std::string comment_uuid;
};

TEST_F(HostileArgs, EveryCommandEndsBelow128AndEveryJsonViewStaysValid) {
  const std::string S = std::to_string(session);
  const std::string clip = (dir / "c.mp4").string();
  const std::string X = "\x01X\x01";  // placeholder replaced by each hostile value
  // Each template has one X slot.
  const std::vector<std::vector<std::string>> templates = {
      {"clip", "--session", S, "--comment", X, "-o", clip},
      {"clip", "--session", S, "--comment", "1", "--pre", X, "-o", clip},
      {"clip", "--session", S, "--comment", "1", "--post", X, "-o", clip},
      {"clip", "--session", X, "--comment", "1", "-o", clip},
      {"comment", "add", "--session", S, "--at", X, "--text", "t"},
      {"comment", "add", "--session", S, "--at", "1", "--to", X, "--text", "t"},
      {"comment", "add", "--session", S, "--at", "1", "--text", X},
      {"comment", "add", "--session", S, "--at", "1", "--text", "t", "--kind", X},
      {"comment", "add", "--session", S, "--at", "1", "--text", "t", "--tag", X},
      {"comment", "add", "--session", S, "--at", "1", "--text", "t", "--pupil", X},
      {"comment", "add", "--session", S, "--at", "1", "--text", "t", "--visibility", X},
      {"comment", "add", "--session", X, "--at", "1", "--text", "t"},
      {"comment", "edit", X, "--text", "t"},
      {"comment", "edit", "1", "--text", X},
      {"comment", "edit", "1", "--pupil", X},
      {"comment", "edit", "1", "--at", X},
      {"comment", "delete", X},
      {"comment", "list", "--session", X},
      {"comment", "list", "--limit", X},
      {"comment", "list", "--from", X},
      {"comment", "search", X},
      {"comment", "search", "why", "--limit", X},
      {"reply", "--to", X, "--text", "t"},
      {"reply", "--to", comment_uuid, "--text", X},
      {"comment", "reply", "--to", comment_uuid, "--text", X},
      {"session", "create", "--title", X},
      {"session", "create", "--title", "t", "--date", X},
      {"session", "create", "--title", "t", "--position", X, "--cycle", "c"},
      {"session", "create", "--title", "t", "--subject", X, "--school", X},
      {"session", "edit", S, "--title", X},
      {"session", "edit", S, "--focus", X},
      {"session", "edit", S, "--date", X},
      {"session", "edit", S, "--teacher", X},
      {"session", "show", X},
      {"protocol", "set", "--session", S, "--focus", X},
      {"protocol", "set", "--session", S, "--stem", X},
      {"protocol", "set", "--session", S, "--stem", "q=" + X},
      {"protocol", "set", "--session", S, "--retention", X},
      {"protocol", "set", "--session", S, "--require", X},
      {"protocol", "show", "--session", X},
      {"person", "add", X},
      {"--as", X, "comment", "add", "--session", S, "--at", "1", "--text", "t"},
      {"participant", "add", "--session", S, "--person", "Ann", "--role", X},
      {"action", "add", "--session", S, "--text", X},
      {"action", "add", "--session", S, "--text", "t", "--owner", X},
      {"action", "done", X},
      {"meeting", "agenda", "--session", S, "--window", X},
      {"review", "log", "--session", S, "--duration", X},
      {"frame", (dir / "missing.mp4").string(), "--at", X},
      {"frame", (dir / "missing.mp4").string(), "--at", "1", "--width", X},
  };
  std::map<int, int> codes;  // exit code -> how many runs
  int runs = 0;
  for (const auto& t : templates) {
    for (const auto& v : hostile_values()) {
      std::vector<std::string> args;
      for (const auto& a : t) {
        std::string s = a;
        if (auto at = s.find(X); at != std::string::npos) s.replace(at, X.size(), v);
        args.push_back(s);
      }
      std::string err;
      int code = run_forked(args, &err);
      ++runs;
      ++codes[code];
      std::string shown;
      for (const auto& a : args) shown += a.substr(0, 40) + " ";
      ASSERT_GE(code, 0) << shown;
      ASSERT_LT(code, 128) << shown << "\n" << err;
      // Whatever was refused or accepted, nothing raw reached the terminal on stderr.
      EXPECT_EQ(err.find('\x1b'), std::string::npos) << shown;
    }
  }
  std::string summary;
  for (auto [code, n] : codes) summary += " exit " + std::to_string(code) + " x" + std::to_string(n) + ";";
  std::cout << runs << " hostile runs:" << summary << "\n";

  // Every JSON view of what the sweep left in the library parses.
  const std::string json_file = (dir / "export.json").string();
  const std::vector<std::vector<std::string>> views = {
      {"--json", "comment", "list", "--session", S},  {"comment", "list", "--session", S, "--json"},
      {"--json", "meeting", "agenda", "--session", S}, {"--json", "comment", "search", "why"},
      {"--json", "person", "list"},                    {"--json", "session", "list"},
      {"--json", "session", "show", S},                {"--json", "action", "list", "--session", S},
      {"--json", "protocol", "show", "--session", S},
  };
  for (const auto& v : views) {
    std::string out, err;
    int code = run(v, &out, &err);
    EXPECT_EQ(code, 0) << v[1] << " " << v[2] << ": " << err;
    EXPECT_TRUE(nlohmann::json::accept(out)) << v[1] << " " << v[2] << ":\n" << out.substr(0, 400);
  }
  ASSERT_EQ(run({"export", "--session", S, "--format", "json", "-o", json_file}), 0);
  EXPECT_TRUE(nlohmann::json::accept(test::file_bytes(json_file)));
}

}  // namespace
}  // namespace triad::store
