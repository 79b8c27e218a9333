#pragma once
// The one set of parsers for numbers, dates and ids typed by people or read from files.
// Every front end (CLI arguments, window script lines, import fields) goes through these,
// so "9223372036854775808", "-1", "nan", "inf" or "2026-02-30" get the same refusal
// everywhere: a Result with one sentence naming the value and the accepted range, never
// an exception and never a silently wrapped value. Times are in base/time.hpp (parse_time).
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace triad {

// A whole decimal number in [min, max] (optional leading '-', digits only; no spaces,
// no '+', no hex, no exponent). `what` names the value in the sentence ("--limit").
Result<std::int64_t> parse_int(std::string_view text, std::int64_t min, std::int64_t max,
                               std::string_view what = "the number");

// A finite decimal number in [min, max]: "5", "-2.5", ".5", "1e3". nan, inf, hex floats
// and anything beyond `max` are refused.
Result<double> parse_double(std::string_view text, double min, double max, std::string_view what = "the number");

// A row id as people type it: digits only, 1 .. INT64_MAX ("comment 12").
Result<std::int64_t> parse_id(std::string_view text, std::string_view what = "the id");

// A real calendar date "YYYY-MM-DD" (years 1000-9999, leap years honoured): 2026-02-30 is
// refused. Returns the text as given (it is already canonical).
Result<std::string> parse_date(std::string_view text, std::string_view what = "the date");

// True when y-m-d names a day of the Gregorian calendar.
bool is_real_date(int year, int month, int day);

}  // namespace triad
