// The CLI's catch-all (cli/guarded_run.hpp): an exception escaping a subcommand ends the
// run with exit code 1 and one "triad: ..." sentence, never an abort; usage errors keep
// exit code 2; arguments are checked before any command runs (cli/argument_checks.hpp).
#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>

#include "cli/argument_checks.hpp"
#include "cli/guarded_run.hpp"

namespace triad::cli {
namespace {

struct Harness {
  CLI::App app{"test"};
  Context ctx;
  std::ostringstream out, err;
  Harness() {
    ctx.out = &out;
    ctx.err = &err;
    app.require_subcommand(1);
    app.fallthrough();
    app.add_flag("--json", ctx.json, "json");
  }
  int run(std::vector<std::string> args) {
    ctx.exit_code = kOk;
    err.str("");
    std::vector<const char*> argv{"triad"};
    for (auto& a : args) argv.push_back(a.c_str());
    return run_guarded(app, ctx, static_cast<int>(argv.size()), argv.data());
  }
};

TEST(CliGuard, EscapedExceptionsBecomeExitCodeOneWithASentence) {
  Harness h;
  h.app.add_subcommand("std")->callback([] { throw std::out_of_range("stoll"); });
  h.app.add_subcommand("other")->callback([] { throw 42; });
  EXPECT_EQ(h.run({"std"}), 1);
  EXPECT_EQ(h.err.str(), "triad: internal error, nothing was changed: stoll (please report this).\n");
  Harness h2;
  h2.app.add_subcommand("other")->callback([] { throw 42; });
  EXPECT_EQ(h2.run({"other"}), 1);
  EXPECT_NE(h2.err.str().find("internal error"), std::string::npos);
}

TEST(CliGuard, UsageErrorsKeepExitCodeTwo) {
  Harness h;
  h.app.add_subcommand("ok")->callback([] {});
  EXPECT_EQ(h.run({"nope"}), 2);
  EXPECT_EQ(h.run({}), 2);
}

TEST(CliGuard, GlobalOptionsAreAcceptedAfterTheSubcommand) {
  Harness h;
  auto* list = h.app.add_subcommand("comment")->add_subcommand("list");
  bool json_seen = false;
  list->callback([&] { json_seen = h.ctx.json; });
  EXPECT_EQ(h.run({"comment", "list", "--json"}), 0) << h.err.str();
  EXPECT_TRUE(json_seen);
}

TEST(CliArguments, TextNumbersAndDatesAreCheckedBeforeTheCommandRuns) {
  Harness h;
  std::string text, date;
  std::int64_t limit = 0;
  double pre = 0;
  int ran = 0;
  auto* cmd = h.app.add_subcommand("c");
  cmd->add_option("--text", text);
  cmd->add_option("--date", date);
  cmd->add_option("--limit", limit);
  cmd->add_option("--pre", pre);
  cmd->callback([&] { ++ran; });
  check_arguments(h.app);
  EXPECT_EQ(h.run({"c", "--text", "bad\xffutf"}), 1);
  EXPECT_NE(h.err.str().find("not valid UTF-8"), std::string::npos) << h.err.str();
  EXPECT_EQ(h.run({"c", "--date", "2026-02-30"}), 1);
  EXPECT_EQ(h.run({"c", "--limit", "18446744073709551616"}), 1);
  EXPECT_EQ(h.run({"c", "--pre", "nan"}), 1);
  EXPECT_EQ(h.run({"c", "--pre", "inf"}), 1);
  EXPECT_EQ(ran, 0);
  EXPECT_EQ(h.run({"c", "--text", "red\x1b[31m", "--date", "2024-02-29", "--limit", "5", "--pre", "2.5"}), 0)
      << h.err.str();
  EXPECT_EQ(ran, 1);
  EXPECT_EQ(text, "red[31m");
  EXPECT_EQ(limit, 5);
  EXPECT_DOUBLE_EQ(pre, 2.5);
}

}  // namespace
}  // namespace triad::cli
