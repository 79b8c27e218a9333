#include "playback/clock.hpp"

namespace triad::playback {

TimeUs SteadyClock::now_us() const {
  using namespace std::chrono;
  return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
}

void SteadyClock::wait_until(TimeUs deadline_us) {
  using namespace std::chrono;
  const steady_clock::time_point deadline{duration_cast<steady_clock::duration>(microseconds(deadline_us))};
  std::unique_lock lock(mutex_);
  cv_.wait_until(lock, deadline, [&] { return woken_; });
  woken_ = false;
}

void SteadyClock::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

}  // namespace triad::playback
