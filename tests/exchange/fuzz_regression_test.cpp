// Replays every input the fuzzers once crashed on (tests/fuzz/regressions/<target>/*)
// through the same target bodies (tests/fuzz/fuzz_targets.hpp), so a fixed crash stays
// fixed in the normal suite (and under the sanitizer job), without clang or libFuzzer.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "../fuzz/fuzz_targets.hpp"
#include "test_util.hpp"

namespace triad::fuzz {
namespace {
namespace fs = std::filesystem;

TEST(Fuzz_Regressions, EveryRecordedCrashInputNowReturns) {
  const std::map<std::string, void (*)(const std::uint8_t*, std::size_t)> bodies = {
      {"csv", csv},       {"json", json}, {"webvtt", webvtt},       {"srt", srt},    {"eaf", eaf},
      {"bundle", bundle}, {"time", time}, {"framework", framework}, {"probe", probe}};
  const fs::path root = fs::path(TRIAD_SOURCE_DIR) / "tests/fuzz";
  std::size_t replayed = 0;
  for (const char* folder : {"regressions", "seeds"}) {
    if (!fs::is_directory(root / folder)) continue;
    for (const auto& dir : fs::directory_iterator(root / folder)) {
      auto body = bodies.find(dir.path().filename().string());
      ASSERT_NE(body, bodies.end()) << "no fuzz target named " << dir.path().filename();
      for (const auto& file : fs::directory_iterator(dir.path())) {
        SCOPED_TRACE(file.path().string());
        const std::string bytes = exchange::test::slurp(file.path());
        body->second(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
        ++replayed;
      }
    }
  }
  EXPECT_GT(replayed, 0u);
  std::cout << "replayed " << replayed << " fuzz inputs\n";
}

}  // namespace
}  // namespace triad::fuzz
