#pragma once
// When the window may stop redrawing at full rate: a paused workstation with nobody touching
// it should not redraw a 1600x900 window sixty times a second (a laptop's battery; on a
// software GL, most of a core). The loop reports each frame whether anything happened
// (input, a new picture, playback, background work, a script); after a few quiet frames
// (ImGui needs them to settle hover and layout) it may wait for the next event, with a
// timeout so clocks and progress still move. Pure: the window does the waiting.
#include <chrono>

namespace triad::app {

class IdlePacer {
 public:
  static constexpr int kSettleFrames = 3;
  static constexpr std::chrono::milliseconds kIdleWait{100};

  // Called once per frame; returns true when the window may wait (up to kIdleWait) for an
  // event before the next frame instead of drawing at full rate.
  bool frame(bool activity) {
    quiet_frames_ = activity ? 0 : quiet_frames_ + 1;
    return quiet_frames_ > kSettleFrames;
  }

 private:
  int quiet_frames_ = 0;
};

}  // namespace triad::app
