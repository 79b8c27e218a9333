#pragma once
// Review time: how long the window is open on a session as a given reviewer. The
// workstation ticks it every frame; it logs whole seconds to the library
// (Library::log_review_time) every minute and when the session or the reviewer
// changes or the workstation closes, so a crash loses at most a minute. Overlapping
// windows are counted once by store::review_time_by_person. UI thread only.
#include <cstdint>
#include <functional>
#include <optional>

#include "core/model.hpp"
#include "store/library.hpp"

namespace triad::app {

class ReviewClock {
 public:
  using WallClock = std::function<std::int64_t()>;  // Unix milliseconds
  static constexpr std::int64_t kFlushEveryMs = 60'000;

  ReviewClock();
  // Tests replace the wall clock.
  void set_clock(WallClock clock) { clock_ = std::move(clock); }
  std::int64_t now_ms() const { return clock_(); }

  // Times (person, session); nullopt for either stops timing. Logs the stretch that
  // ran for the previous pair when the pair changes, and every kFlushEveryMs.
  // Returns an error sentence when logging failed (timing goes on).
  Status tick(store::Library& lib, std::optional<RowId> person, std::optional<RowId> session);
  // Logs what ran and stops.
  Status stop(store::Library& lib);
  // Milliseconds running and not yet logged (shown on top of the stored time).
  std::int64_t unlogged_ms() const;
  std::optional<RowId> person() const { return person_; }
  std::optional<RowId> session() const { return session_; }

 private:
  Status flush(store::Library& lib, std::int64_t now);

  WallClock clock_;
  std::optional<RowId> person_, session_;
  std::int64_t since_ms_ = 0;  // start of the stretch not yet logged
};

}  // namespace triad::app
