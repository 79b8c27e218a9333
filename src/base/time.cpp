#include "base/time.hpp"

#include <charconv>
#include <cstdio>
#include <limits>
#include <vector>

namespace triad {
namespace {

bool parse_uint(std::string_view s, std::int64_t& out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

Error bad(std::string_view text, const char* why) {
  return make_error("'" + std::string(text) + "' is not a time: " + why +
                    " (use seconds, mm:ss(.fff) or hh:mm:ss(.fff))");
}

}  // namespace

Result<TimeUs> parse_time(std::string_view text) {
  std::string_view s = text;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.empty()) return bad(text, "it is empty");
  bool negative = false;
  if (s.front() == '-') {
    negative = true;
    s.remove_prefix(1);
  }

  std::string_view frac;
  if (auto dot = s.find('.'); dot != std::string_view::npos) {
    frac = s.substr(dot + 1);
    s = s.substr(0, dot);
    if (frac.empty() || frac.size() > 6) return bad(text, "the fraction must have 1 to 6 digits");
  }
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == ':') {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() > 3) return bad(text, "too many ':' fields");

  std::int64_t fields[3] = {0, 0, 0};
  for (std::size_t i = 0; i < parts.size(); ++i)
    if (!parse_uint(parts[i], fields[i])) return bad(text, "fields must be digits");

  std::int64_t h = 0, m = 0, sec = 0;
  if (parts.size() == 1) {
    sec = fields[0];
  } else if (parts.size() == 2) {
    m = fields[0];
    sec = fields[1];
    if (sec >= 60) return bad(text, "seconds must be below 60");
  } else {
    h = fields[0];
    m = fields[1];
    sec = fields[2];
    if (m >= 60 || sec >= 60) return bad(text, "minutes and seconds must be below 60");
  }
  constexpr std::int64_t kMaxSeconds = std::int64_t{1} << 40;  // ~34,000 years: plenty, no overflow
  if (h > kMaxSeconds / 3600 || m > kMaxSeconds / 60 || sec > kMaxSeconds)
    return bad(text, "it is too large");

  std::int64_t us_frac = 0;
  if (!frac.empty()) {
    std::int64_t digits = 0;
    if (!parse_uint(frac, digits)) return bad(text, "the fraction must be digits");
    for (std::size_t i = frac.size(); i < 6; ++i) digits *= 10;
    us_frac = digits;
  }
  TimeUs total = ((h * 3600 + m * 60 + sec) * kUsPerSecond) + us_frac;
  return negative ? -total : total;
}

std::string format_time(TimeUs t) {
  const char* sign = t < 0 ? "-" : "";
  std::uint64_t u = t < 0 ? static_cast<std::uint64_t>(-(t + 1)) + 1 : static_cast<std::uint64_t>(t);
  std::uint64_t ms = u / 1000;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%02llu:%02llu:%02llu.%03llu", sign,
                static_cast<unsigned long long>(ms / 3600000),
                static_cast<unsigned long long>(ms / 60000 % 60),
                static_cast<unsigned long long>(ms / 1000 % 60), static_cast<unsigned long long>(ms % 1000));
  return buf;
}

std::string format_time_short(TimeUs t) {
  const char* sign = t < 0 ? "-" : "";
  std::uint64_t u = t < 0 ? static_cast<std::uint64_t>(-(t + 1)) + 1 : static_cast<std::uint64_t>(t);
  std::uint64_t s = u / 1000000;
  char buf[48];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%s%llu:%02llu:%02llu", sign, static_cast<unsigned long long>(s / 3600),
                  static_cast<unsigned long long>(s / 60 % 60), static_cast<unsigned long long>(s % 60));
  else
    std::snprintf(buf, sizeof buf, "%s%02llu:%02llu", sign, static_cast<unsigned long long>(s / 60),
                  static_cast<unsigned long long>(s % 60));
  return buf;
}

std::string format_seconds(TimeUs t) {
  const char* sign = t < 0 ? "-" : "";
  std::uint64_t u = t < 0 ? static_cast<std::uint64_t>(-(t + 1)) + 1 : static_cast<std::uint64_t>(t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%llu.%06llu", sign, static_cast<unsigned long long>(u / 1000000),
                static_cast<unsigned long long>(u % 1000000));
  return buf;
}

}  // namespace triad
