#include "app/review_clock.hpp"

#include "base/wall_clock.hpp"

namespace triad::app {

ReviewClock::ReviewClock() : clock_([] { return triad::now_ms(); }) {}

Status ReviewClock::flush(store::Library& lib, std::int64_t now) {
  if (!person_ || !session_) return ok_status();
  const std::int64_t seconds = (now - since_ms_) / 1000;
  if (seconds <= 0) return ok_status();
  // The sub-second remainder carries over into the next stretch.
  auto logged = lib.log_review_time(*person_, *session_, since_ms_, seconds);
  since_ms_ += seconds * 1000;
  if (!logged) return logged.error();
  return ok_status();
}

Status ReviewClock::tick(store::Library& lib, std::optional<RowId> person, std::optional<RowId> session) {
  const std::int64_t now = clock_();
  if (person != person_ || session != session_) {
    Status st = flush(lib, now);
    person_ = person;
    session_ = session;
    since_ms_ = now;
    return st;
  }
  if (now < since_ms_) since_ms_ = now;  // the wall clock went back: start again from here
  if (now - since_ms_ >= kFlushEveryMs) return flush(lib, now);
  return ok_status();
}

Status ReviewClock::stop(store::Library& lib) {
  Status st = flush(lib, clock_());
  person_.reset();
  session_.reset();
  return st;
}

std::int64_t ReviewClock::unlogged_ms() const {
  if (!person_ || !session_) return 0;
  return std::max<std::int64_t>(0, clock_() - since_ms_);
}

}  // namespace triad::app
