// The `triad` CLI's fronts on the sharing use cases the window uses (app/share_files,
// app/retention): `bundle import --dry-run` and `import --dry-run` say what the import would
// do and leave the library file byte for byte as it was; the real import then does it;
// `session delete-recording` refuses before the retention date and deletes after it.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/uuid.hpp"
#include "store/library.hpp"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class ShareCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("triad-share-cli-" + triad::new_uuid());
    fs::create_directories(dir_);
    binary_ = fs::path(TRIAD_BINARY_DIR) / "src" / "cli" / "triad";
    ASSERT_TRUE(fs::exists(binary_)) << binary_;
    video_ = dir_ / "lesson.mp4";
    std::ofstream(video_) << std::string(50000, 'v');
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  // Runs `triad --db DB ARGS`; returns the exit code, output in out_.
  int triad(const fs::path& db, const std::string& args) {
    const fs::path log = dir_ / "out.txt";
    const int rc = std::system(("\"" + binary_.string() + "\" --db \"" + db.string() + "\" " + args + " >\"" +
                                log.string() + "\" 2>&1")
                                   .c_str());
    out_ = slurp(log);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  }
  // Tom's lesson, shared as a bundle.
  fs::path tom_bundle() {
    const fs::path tom = dir_ / "tom.triad";
    const std::string as = "--as \"Tom Teacher\" ";
    for (const std::string& step : {std::string("person add \"Tom Teacher\""),
                                    as + "session create --title \"Y8 Fractions\" --teacher \"Tom Teacher\"",
                                    as + "participant add --session 1 --person \"Tom Teacher\" --role teacher",
                                    as + "comment add --session 1 --at 3 --text \"I rushed the plenary\" --visibility triad",
                                    as + "comment add --session 1 --at 7 --text \"Wait time\" --visibility triad",
                                    as + "identity create"})
      EXPECT_EQ(triad(tom, step), 0) << step << ": " << out_;
    const fs::path bundle = dir_ / "y8.triad-bundle";
    EXPECT_EQ(triad(tom, as + "bundle export --session 1 -o \"" + bundle.string() + "\""), 0) << out_;
    return bundle;
  }

  fs::path dir_, binary_, video_;
  std::string out_;
};

TEST_F(ShareCli, BundleDryRunSaysWhatItWouldDoAndWritesNothing) {
  const fs::path bundle = tom_bundle();
  const fs::path mine = dir_ / "sam.triad";
  ASSERT_EQ(triad(mine, "person add \"Sam Mentor\""), 0) << out_;
  const std::string before = slurp(mine);
  ASSERT_EQ(triad(mine, "--as \"Sam Mentor\" bundle import \"" + bundle.string() + "\" --dry-run"), 0) << out_;
  EXPECT_NE(out_.find("Would merge"), std::string::npos) << out_;
  EXPECT_NE(out_.find("2 added"), std::string::npos) << out_;
  EXPECT_NE(out_.find("nothing was written"), std::string::npos) << out_;
  EXPECT_EQ(slurp(mine), before) << "the dry run changed the library file";
  ASSERT_EQ(triad(mine, "--as \"Sam Mentor\" --json bundle import \"" + bundle.string() + "\" --dry-run"), 0) << out_;
  EXPECT_NE(out_.find("\"dry_run\":true"), std::string::npos) << out_;
  ASSERT_EQ(triad(mine, "--as \"Sam Mentor\" bundle import \"" + bundle.string() + "\""), 0) << out_;
  EXPECT_NE(out_.find("Merged"), std::string::npos) << out_;
  EXPECT_NE(out_.find("2 added"), std::string::npos) << out_;
  ASSERT_EQ(triad(mine, "--as \"Sam Mentor\" session list"), 0);
  EXPECT_NE(out_.find("Y8 Fractions"), std::string::npos) << out_;
}

TEST_F(ShareCli, FlatDryRunWritesNothing) {
  const fs::path lib = dir_ / "lib.triad";
  ASSERT_EQ(triad(lib, "person add Jo"), 0) << out_;
  ASSERT_EQ(triad(lib, "--as Jo session create --title Plain"), 0) << out_;
  const fs::path csv = dir_ / "notes.srt";
  std::ofstream(csv) << "1\n00:00:01,000 --> 00:00:02,000\nFirst note\n\n2\n00:00:05,000 --> 00:00:06,000\nSecond\n";
  const std::string before = slurp(lib);
  ASSERT_EQ(triad(lib, "--as Jo import --session 1 \"" + csv.string() + "\" --dry-run"), 0) << out_;
  EXPECT_NE(out_.find("Would import"), std::string::npos) << out_;
  EXPECT_NE(out_.find("2 added"), std::string::npos) << out_;
  EXPECT_EQ(slurp(lib), before);
  ASSERT_EQ(triad(lib, "--as Jo import --session 1 \"" + csv.string() + "\""), 0) << out_;
  EXPECT_NE(out_.find("Imported"), std::string::npos) << out_;
  EXPECT_NE(slurp(lib), before);
}

TEST_F(ShareCli, DeleteRecordingOnlyAfterTheRetentionDate) {
  const fs::path lib = dir_ / "lib.triad";
  const std::string as = "--as Jo ";
  ASSERT_EQ(triad(lib, "person add Jo"), 0) << out_;
  ASSERT_EQ(triad(lib, as + "session create --title Kept --teacher Jo"), 0) << out_;
  // A recording row for the placeholder file (the CLI would probe a real video).
  {
    auto l = triad::store::Library::open(lib, triad::store::OpenMode::ExistingOnly);
    ASSERT_TRUE(l.ok()) << l.error().message;
    triad::Recording r;
    r.session_id = 1;
    r.path = video_.string();
    r.fingerprint = "tfp1:test";
    ASSERT_TRUE(l->add_recording(r).ok());
  }
  ASSERT_EQ(triad(lib, as + "comment add --session 1 --at 3 --text \"Stays\""), 0) << out_;
  EXPECT_NE(triad(lib, as + "session delete-recording --session 1"), 0) << "no retention date";
  EXPECT_NE(out_.find("no retention date"), std::string::npos) << out_;
  ASSERT_EQ(triad(lib, as + "protocol set --session 1 --retention 2999-01-01"), 0) << out_;
  EXPECT_NE(triad(lib, as + "session delete-recording --session 1"), 0);
  EXPECT_NE(out_.find("has not passed"), std::string::npos) << out_;
  EXPECT_TRUE(fs::exists(video_));
  ASSERT_EQ(triad(lib, as + "protocol set --session 1 --retention 2020-01-31"), 0) << out_;
  ASSERT_EQ(triad(lib, as + "session delete-recording --session 1"), 0) << out_;
  EXPECT_NE(out_.find("Deleted the recording lesson.mp4"), std::string::npos) << out_;
  EXPECT_FALSE(fs::exists(video_));
  ASSERT_EQ(triad(lib, as + "session show 1"), 0) << out_;
  EXPECT_NE(out_.find("deleted on"), std::string::npos) << out_;
  EXPECT_EQ(out_.find("missing"), std::string::npos) << "not offered for relinking: " << out_;
  ASSERT_EQ(triad(lib, as + "comment list --session 1"), 0) << out_;
  EXPECT_NE(out_.find("Stays"), std::string::npos) << out_;
}

// `identity rekey` (issue 12): Olly's new key (made on his new computer) is bound in Tom's
// library only by the session's observed teacher, who sees its fingerprint to compare aloud;
// Olly himself (an observer) is refused with one sentence and nothing is written; the signed
// re-key then travels in Tom's bundle.
TEST_F(ShareCli, RekeyIsTheFacilitatorsOrTeachersAndTravels) {
  const fs::path tom = dir_ / "tom.triad";
  const std::string as = "--as \"Tom Teacher\" ";
  for (const std::string& step : {std::string("person add \"Tom Teacher\""), std::string("person add \"Olly Observer\""),
                                  as + "session create --title \"Y8 Fractions\" --teacher \"Tom Teacher\"",
                                  as + "participant add --session 1 --person \"Tom Teacher\" --role teacher",
                                  as + "participant add --session 1 --person \"Olly Observer\" --role observer",
                                  as + "identity create", std::string("--as \"Olly Observer\" identity create")})
    ASSERT_EQ(triad(tom, step), 0) << step << ": " << out_;
  const fs::path olly2 = dir_ / "olly2.triad";
  ASSERT_EQ(triad(olly2, "person add \"Olly Observer\""), 0) << out_;
  ASSERT_EQ(triad(olly2, "--as \"Olly Observer\" identity create"), 0) << out_;
  ASSERT_EQ(triad(olly2, "--as \"Olly Observer\" --json identity show"), 0) << out_;
  const auto fresh = nlohmann::json::parse(out_);
  const std::string key = fresh["public_key"], fingerprint = fresh["fingerprint"];

  const std::string before = slurp(tom);
  EXPECT_NE(triad(tom, "--as \"Olly Observer\" identity rekey --session 1 --person \"Olly Observer\" --key " + key), 0);
  EXPECT_NE(out_.find("cannot re-key Olly Observer in session 'Y8 Fractions': only its facilitator or observed teacher may."),
            std::string::npos)
      << out_;
  EXPECT_EQ(std::count(out_.begin(), out_.end(), '\n'), 1) << out_;
  EXPECT_EQ(slurp(tom), before) << "a refused re-key wrote something";

  ASSERT_EQ(triad(tom, as + "identity rekey --session 1 --person \"Olly Observer\" --key " + key), 0) << out_;
  EXPECT_NE(out_.find("Olly Observer is re-keyed"), std::string::npos) << out_;
  EXPECT_NE(out_.find("new fingerprint " + fingerprint), std::string::npos) << out_;
  ASSERT_EQ(triad(tom, "--json identity show --person \"Olly Observer\""), 0) << out_;
  EXPECT_EQ(nlohmann::json::parse(out_)["public_key"], key);
  const fs::path bundle = dir_ / "y8.triad-bundle";
  ASSERT_EQ(triad(tom, as + "bundle export --session 1 -o \"" + bundle.string() + "\""), 0) << out_;
  EXPECT_NE(slurp(bundle).find("\"rekey\""), std::string::npos);
}

// `identity rekey --from BUNDLE` (issue 12): Olly's new laptop shares a comment signed with his
// new key; Tom's library, holding his old key, refuses that bundle and writes nothing; Tom
// re-keys Olly from the very bundle that was refused (its key's fingerprint printed to compare
// aloud, the one Olly's laptop shows), and the same bundle then imports.
TEST_F(ShareCli, RekeyFromTheRefusedBundleLetsTheSameBundleImport) {
  const fs::path tom = dir_ / "tom.triad", olly2 = dir_ / "olly2.triad";
  const fs::path setup = dir_ / "setup.triad-bundle", from_olly = dir_ / "from-olly.triad-bundle";
  const std::string as = "--as \"Tom Teacher\" ", olly = "--as \"Olly Observer\" ";
  for (const std::string& step : {std::string("person add \"Tom Teacher\""), std::string("person add \"Olly Observer\""),
                                  as + "session create --title \"Y8 Fractions\" --teacher \"Tom Teacher\"",
                                  as + "participant add --session 1 --person \"Tom Teacher\" --role teacher",
                                  as + "participant add --session 1 --person \"Olly Observer\" --role observer",
                                  as + "identity create", as + "bundle export --session 1 -o \"" + setup.string() + "\""})
    ASSERT_EQ(triad(tom, step), 0) << step << ": " << out_;
  // Olly's new laptop: the session from Tom's bundle, his new key, a comment, his bundle.
  for (const std::string& step : {std::string("person add \"Olly Observer\""), olly + "bundle import \"" + setup.string() + "\"",
                                  olly + "identity create",
                                  olly + "comment add --session 1 --at 3 --text \"Written on the new laptop\" --visibility triad",
                                  olly + "bundle export --session 1 -o \"" + from_olly.string() + "\""})
    ASSERT_EQ(triad(olly2, step), 0) << step << ": " << out_;
  ASSERT_EQ(triad(olly2, olly + "--json identity show"), 0) << out_;
  const std::string fingerprint = nlohmann::json::parse(out_)["fingerprint"];
  // His old key, made on Tom's computer before the new laptop.
  ASSERT_EQ(triad(tom, olly + "identity create"), 0) << out_;

  const std::string before = slurp(tom);
  EXPECT_NE(triad(tom, as + "bundle import \"" + from_olly.string() + "\""), 0);
  EXPECT_NE(out_.find("carries a different key from Olly Observer's"), std::string::npos) << out_;
  EXPECT_EQ(slurp(tom), before) << "a refused bundle wrote something";

  ASSERT_EQ(triad(tom, as + "identity rekey --session 1 --person \"Olly Observer\" --from \"" + from_olly.string() + "\""), 0)
      << out_;
  EXPECT_NE(out_.find("Olly Observer is re-keyed"), std::string::npos) << out_;
  EXPECT_NE(out_.find("new fingerprint " + fingerprint), std::string::npos) << out_;

  ASSERT_EQ(triad(tom, as + "bundle import \"" + from_olly.string() + "\""), 0) << out_;
  ASSERT_EQ(triad(tom, as + "comment list --session 1"), 0) << out_;
  EXPECT_NE(out_.find("Written on the new laptop"), std::string::npos) << out_;
}

}  // namespace
