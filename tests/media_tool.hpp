#pragma once
// When an integration test may skip for want of its media: only when the ffmpeg CLI is
// truly absent. With ffmpeg installed, media that cannot be made is a failure (a broken
// generator command must turn the tier red on CI, not green with skips).
#include <gtest/gtest.h>

#include <cstdlib>

namespace triad::test {

inline bool ffmpeg_cli_present() {
  static const bool present = std::system("ffmpeg -version >/dev/null 2>&1") == 0;
  return present;
}

}  // namespace triad::test

// `made`: whether the test's media exists; `what`: what was being made, for the message.
#define TRIAD_REQUIRE_MEDIA(made, what)                                                           \
  do {                                                                                            \
    if (!(made)) {                                                                                \
      if (!::triad::test::ffmpeg_cli_present()) GTEST_SKIP() << "the ffmpeg CLI is not installed, so " << what << " cannot be made"; \
      FAIL() << "ffmpeg is installed but could not make " << what;                                 \
    }                                                                                             \
  } while (0)
