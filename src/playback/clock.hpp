#pragma once
// Injectable time source for the playback engine. Sync logic never reads the system
// clock directly: production uses SteadyClock, tests drive a ManualClock so A/V sync is
// tested without sleeping. Units: microseconds on an arbitrary monotonic origin.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "base/time.hpp"

namespace triad::playback {

class Clock {
 public:
  virtual ~Clock() = default;
  // Monotonic "now" in µs. Thread-safe.
  virtual TimeUs now_us() const = 0;
  // Blocks the calling thread until now_us() >= deadline_us or wake() is called.
  // Returns early on wake(); callers re-check their state. Thread-safe.
  virtual void wait_until(TimeUs deadline_us) = 0;
  // Ends any wait_until in progress (and the next one, if none is in progress).
  virtual void wake() = 0;
};

// std::chrono::steady_clock; waits on a condition variable so wake() is immediate.
class SteadyClock final : public Clock {
 public:
  TimeUs now_us() const override;
  void wait_until(TimeUs deadline_us) override;
  void wake() override;

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool woken_ = false;  // guarded by mutex_
};

// Time moves only when a test calls advance()/set(). wait_until() never sleeps for
// real: it returns at once (the test drives the engine step by step instead).
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimeUs start_us = 0) : now_(start_us) {}
  TimeUs now_us() const override { return now_.load(std::memory_order_acquire); }
  void wait_until(TimeUs /*deadline_us*/) override {}
  void wake() override {}
  void advance(TimeUs delta_us) { now_.fetch_add(delta_us, std::memory_order_acq_rel); }
  void set(TimeUs t_us) { now_.store(t_us, std::memory_order_release); }

 private:
  std::atomic<TimeUs> now_;
};

}  // namespace triad::playback
