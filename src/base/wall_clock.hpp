#pragma once
// The wall clock, for the few things that are stamped with it (comment edits, review-time
// logs, bundle and report dates, a new session's date). Media time is never this: it is
// TimeUs (base/time.hpp).
#include <cstdint>
#include <string>

namespace triad {

// Milliseconds since the Unix epoch (UTC).
std::int64_t now_ms();
// Today's date in the person's local time zone, "YYYY-MM-DD" (a lesson's date, the day a
// retention date is compared with).
std::string today_iso();

}  // namespace triad
