#include "app/idle_pacer.hpp"

#include <gtest/gtest.h>

namespace triad::app {
namespace {

TEST(IdlePacer, WaitsOnlyAfterSomeQuietFramesAndWakesOnActivity) {
  IdlePacer p;
  for (int i = 0; i < IdlePacer::kSettleFrames; ++i) EXPECT_FALSE(p.frame(false)) << "frame " << i;
  EXPECT_TRUE(p.frame(false));
  EXPECT_TRUE(p.frame(false));
  EXPECT_FALSE(p.frame(true)) << "activity: full rate again";
  for (int i = 0; i < IdlePacer::kSettleFrames; ++i) EXPECT_FALSE(p.frame(false));
  EXPECT_TRUE(p.frame(false));
}

}  // namespace
}  // namespace triad::app
