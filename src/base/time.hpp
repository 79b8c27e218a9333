#pragma once
// Presentation time is an integer count of microseconds everywhere in Triad.
// Rescaling from AVRational happens only inside media/; storage is INTEGER.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace triad {

using TimeUs = std::int64_t;

constexpr TimeUs kUsPerMs = 1000;
constexpr TimeUs kUsPerSecond = 1000000;
constexpr TimeUs seconds_us(std::int64_t s) { return s * kUsPerSecond; }
constexpr TimeUs millis_us(std::int64_t ms) { return ms * kUsPerMs; }

// Accepts "75", "75.5", "1:15", "01:15.250", "1:02:03.5" (hh:mm:ss.fff).
// Fractions are exact decimal digits (up to 6), never parsed through a float.
Result<TimeUs> parse_time(std::string_view text);

// "hh:mm:ss.mmm" (hours always shown, negative times get a leading '-').
std::string format_time(TimeUs t);
// "mm:ss" for short labels, "h:mm:ss" when an hour or more.
std::string format_time_short(TimeUs t);
// Seconds with exactly six decimals ("12.345678"): machine-readable and exact.
std::string format_seconds(TimeUs t);

}  // namespace triad
