#pragma once
// `mouse drag X0 Y0 X1 Y1`, `mouse double-click X Y` and `mouse move X Y` in a script:
// pointer gestures the window plays frame by frame in place of the real pointer, so
// screenshot tests can drive what only a pointer can (the splitters). The pointer then stays
// where the gesture left it until the real one moves (so a screenshot shows the hover).
// Coordinates are window points. Pure: the window asks pointer_frames() what the pointer
// does on each of the next frames.
#include <vector>

#include "app/command.hpp"
#include "base/result.hpp"

namespace triad::app {

struct PointerGesture {
  enum class Kind { Drag, DoubleClick, Move };
  Kind kind = Kind::Drag;
  float x0 = 0, y0 = 0;  // where the button goes down
  float x1 = 0, y1 = 0;  // where it is let go (a drag's end; the same point otherwise)
};

// Where the pointer is and whether the left button is down, for one UI frame.
struct PointerFrame {
  float x = 0, y = 0;
  bool down = false;
};

// Reads `mouse drag X0 Y0 X1 Y1` / `mouse double-click X Y` / `mouse move X Y`.
Result<PointerGesture> parse_pointer_gesture(const Command& command);

// The frames of a gesture: a hover first (so the item under the pointer knows it is hovered),
// then the presses, a drag in even steps, and a final frame with the button up.
std::vector<PointerFrame> pointer_frames(const PointerGesture& gesture);

}  // namespace triad::app
