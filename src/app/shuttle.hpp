#pragma once
// J / K / L as in editors: which way the picture moves and how fast after a key press.
// Pure: the workstation reads where the player is going, asks shuttle_press() where it
// should go, and tells the player. Rates are percent of real time.
//   L: play forward at 1x; pressed again while going forward, the next faster rate.
//   J: play backwards at 1x; pressed again while going backwards, the next faster rate.
//   K (and Space): stop when moving; when stopped, play forward at the chosen speed.
// Pressing J while going forward (or L going backwards) turns round at 1x.
#include <span>

namespace triad::app {

enum class ShuttleKey { Back, Stop, Forward };

struct Shuttle {
  int direction = 0;         // -1 backwards, 0 stopped, +1 forward
  int forward_percent = 100;  // forward speed; also what K / Space resume at
  int reverse_percent = 100;  // rate backwards, while direction is -1
  bool operator==(const Shuttle&) const = default;
};

// Forward rates stop at the engine's fastest (2x: audio keeps its pitch up to there). Going
// backwards there is no sound, so it may go faster; frames that cannot be decoded in time
// are skipped.
inline constexpr int kShuttleForward[] = {100, 150, 200};
inline constexpr int kShuttleReverse[] = {100, 200, 400};

Shuttle shuttle_press(const Shuttle& now, ShuttleKey key);

// The first rate of `ladder` above `percent`, or the last one (the ladder's top stays).
int next_shuttle_rate(std::span<const int> ladder, int percent);

}  // namespace triad::app
