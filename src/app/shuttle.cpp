#include "app/shuttle.hpp"

namespace triad::app {

int next_shuttle_rate(std::span<const int> ladder, int percent) {
  for (int r : ladder)
    if (r > percent) return r;
  return ladder.empty() ? percent : ladder.back();
}

Shuttle shuttle_press(const Shuttle& now, ShuttleKey key) {
  Shuttle next = now;
  switch (key) {
    case ShuttleKey::Forward:
      // From a stop (or turning round) L starts at 1x whatever speed [ ] chose; going forward
      // it climbs from the current speed (0.5x -> 1x, 1x -> 1.5x).
      next.forward_percent = now.direction > 0 ? next_shuttle_rate(kShuttleForward, now.forward_percent)
                                               : kShuttleForward[0];
      next.direction = 1;
      break;
    case ShuttleKey::Back:
      next.reverse_percent = now.direction < 0 ? next_shuttle_rate(kShuttleReverse, now.reverse_percent)
                                               : kShuttleReverse[0];
      next.direction = -1;
      break;
    case ShuttleKey::Stop:
      next.direction = now.direction != 0 ? 0 : 1;
      break;
  }
  return next;
}

}  // namespace triad::app
