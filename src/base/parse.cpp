#include "base/parse.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "base/text.hpp"

namespace triad {
namespace {

// The value as it may be quoted in a sentence: escaped (no terminal control) and short.
std::string quoted(std::string_view text) {
  std::string shown = escape_for_terminal(text.substr(0, 40));
  if (text.size() > 40) shown += "...";
  return "'" + shown + "'";
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

Result<std::int64_t> parse_int(std::string_view text, std::int64_t min, std::int64_t max, std::string_view what) {
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
  auto range = " (a whole number from " + std::to_string(min) + " to " + std::to_string(max) + ").";
  if (!all_digits(digits)) return make_error(quoted(text) + " is not a whole number for " + std::string(what) + range);
  std::int64_t value = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range || (ec == std::errc() && (value < min || value > max)))
    return make_error(quoted(text) + " is out of range for " + std::string(what) + range);
  if (ec != std::errc() || p != text.data() + text.size())
    return make_error(quoted(text) + " is not a whole number for " + std::string(what) + range);
  return value;
}

Result<double> parse_double(std::string_view text, double min, double max, std::string_view what) {
  auto range = " (a number from " + fmt_number(min) + " to " + fmt_number(max) + ").";
  // Only decimal notation: from_chars(general) takes no "nan"/"inf" spellings we did not
  // check for, but it does accept them, so letters other than e/E are refused first.
  bool any_digit = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      any_digit = true;
      continue;
    }
    if (c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E')
      return make_error(quoted(text) + " is not a number for " + std::string(what) + range);
  }
  if (!any_digit || text.empty() || text.front() == '+')
    return make_error(quoted(text) + " is not a number for " + std::string(what) + range);
  double value = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
  if (ec == std::errc::result_out_of_range)
    return make_error(quoted(text) + " is out of range for " + std::string(what) + range);
  if (ec != std::errc() || p != text.data() + text.size())
    return make_error(quoted(text) + " is not a number for " + std::string(what) + range);
  if (!std::isfinite(value) || value < min || value > max)
    return make_error(quoted(text) + " is out of range for " + std::string(what) + range);
  return value;
}

Result<std::int64_t> parse_id(std::string_view text, std::string_view what) {
  return parse_int(text, 1, std::numeric_limits<std::int64_t>::max(), what);
}

bool is_real_date(int year, int month, int day) {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int last = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= last;
}

Result<std::string> parse_date(std::string_view text, std::string_view what) {
  auto bad = [&](const char* why) {
    return make_error(quoted(text) + " is not a date for " + std::string(what) + ": " + why + " (use YYYY-MM-DD).");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !all_digits(text.substr(0, 4)) ||
      !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2)))
    return bad("it is not in the form YYYY-MM-DD");
  auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    std::from_chars(text.data() + at, text.data() + at + n, v);
    return v;
  };
  int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (y < 1000) return bad("the year must have four digits from 1000");
  if (!is_real_date(y, m, d)) return bad("there is no such day in the calendar");
  return std::string(text);
}

}  // namespace triad
