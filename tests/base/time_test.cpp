#include <gtest/gtest.h>

#include "base/time.hpp"

using namespace triad;

TEST(Time_Parse, AcceptsSecondsMinutesAndHours) {
  EXPECT_EQ(parse_time("0").value(), 0);
  EXPECT_EQ(parse_time("75").value(), 75'000'000);
  EXPECT_EQ(parse_time("75.5").value(), 75'500'000);
  EXPECT_EQ(parse_time("12:34.5").value(), (12 * 60 + 34) * 1'000'000LL + 500'000);
  EXPECT_EQ(parse_time("01:02:03.250").value(), (3600 + 120 + 3) * 1'000'000LL + 250'000);
  EXPECT_EQ(parse_time("1:02:03").value(), (3600 + 120 + 3) * 1'000'000LL);
  EXPECT_EQ(parse_time(" 2.000001 ").value(), 2'000'001);
  EXPECT_EQ(parse_time("-1.5").value(), -1'500'000);
}

TEST(Time_Parse, FractionIsExactNotFloat) {
  // 0.1 + 0.2 style drift would show here if the parser went through a double.
  EXPECT_EQ(parse_time("4803.123456").value(), 4803'123'456);
  EXPECT_EQ(parse_time("1:40:00.000001").value(), 6000'000'001);
}

TEST(Time_Parse, RejectsMalformed) {
  for (const char* bad : {"", "abc", "1:2:3:4", "12:60", "1:60:00", "1.", ".5x", "1.1234567", "1e3", "1:-2",
                          "99999999999999999999"}) {
    auto r = parse_time(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_NE(r.error().message.find("is not a time"), std::string::npos) << r.error().message;
    }
  }
}

TEST(Time_Format, HoursMinutesSecondsMillis) {
  EXPECT_EQ(format_time(0), "00:00:00.000");
  EXPECT_EQ(format_time(4'681'320'000), "01:18:01.320");
  EXPECT_EQ(format_time(-1'500'000), "-00:00:01.500");
  EXPECT_EQ(format_time_short(194'000'000), "03:14");
  EXPECT_EQ(format_time_short(5'885'000'000), "1:38:05");
  EXPECT_EQ(format_seconds(12'345'678), "12.345678");
}

TEST(Time_RoundTrip, FormatThenParseGivesMillisecondTruncation) {
  for (TimeUs t : {0LL, 1'000LL, 59'999'000LL, 3'600'000'000LL, 6'000'123'000LL}) {
    EXPECT_EQ(parse_time(format_time(t)).value(), t);
    EXPECT_EQ(parse_time(format_seconds(t)).value(), t);
  }
}
