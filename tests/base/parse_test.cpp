#include <gtest/gtest.h>

#include <limits>

#include "base/parse.hpp"
#include "base/time.hpp"

using namespace triad;

TEST(Parse_Int, AcceptsTheRangeAndRefusesEverythingElse) {
  EXPECT_EQ(parse_int("0", 0, 10).value(), 0);
  EXPECT_EQ(parse_int("-5", -10, 10).value(), -5);
  EXPECT_EQ(parse_int("9223372036854775807", 0, std::numeric_limits<std::int64_t>::max()).value(),
            std::numeric_limits<std::int64_t>::max());
  for (const char* bad : {"", "-", "+1", " 1", "1 ", "0x10", "1e3", "1.0", "abc", "nan", "inf", "\xff"})
    EXPECT_FALSE(parse_int(bad, -100, 100).ok()) << bad;
  for (const char* big : {"9223372036854775808", "18446744073709551616", "-9223372036854775809", "101", "-101"}) {
    auto r = parse_int(big, -100, 100, "--limit");
    ASSERT_FALSE(r.ok()) << big;
    EXPECT_NE(r.error().message.find("out of range for --limit"), std::string::npos) << r.error().message;
  }
}

TEST(Parse_Id, PositiveOnly) {
  EXPECT_EQ(parse_id("12").value(), 12);
  for (const char* bad : {"0", "-1", "9223372036854775808", "18446744073709551616", "12a", ""})
    EXPECT_FALSE(parse_id(bad).ok()) << bad;
}

TEST(Parse_Double, FiniteDecimalsOnly) {
  EXPECT_DOUBLE_EQ(parse_double("5", 0, 600).value(), 5);
  EXPECT_DOUBLE_EQ(parse_double("0.25", 0, 600).value(), 0.25);
  EXPECT_DOUBLE_EQ(parse_double(".5", 0, 600).value(), 0.5);
  EXPECT_DOUBLE_EQ(parse_double("1e2", 0, 600).value(), 100);
  for (const char* bad : {"nan", "NaN", "-nan", "inf", "-inf", "infinity", "1e999", "0x1p3", "", ".", "-", "+5",
                          "601", "-0.5", "5s", "1e", "\xff"})
    EXPECT_FALSE(parse_double(bad, 0, 600).ok()) << bad;
}

TEST(Parse_Date, RealCalendarDatesOnly) {
  EXPECT_EQ(parse_date("2026-02-28").value(), "2026-02-28");
  EXPECT_TRUE(parse_date("2024-02-29").ok());
  EXPECT_TRUE(parse_date("2000-02-29").ok());
  EXPECT_TRUE(parse_date("2026-12-31").ok());
  for (const char* bad : {"2026-02-30", "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
                          "2026-01-00", "2026-1-1", "26-01-01", "2026/01/01", "0999-01-01", "", "2026-01-01x"}) {
    auto r = parse_date(bad);
    EXPECT_FALSE(r.ok()) << bad;
  }
  EXPECT_NE(parse_date("2026-02-30").error().message.find("no such day"), std::string::npos);
}

TEST(Time_Parse, RefusesNanInfAndOverflow) {
  for (const char* bad : {"nan", "inf", "-inf", "NaN", "1e400", "9223372036854775807", "9223372036854775808",
                          "18446744073709551616", "99999999999:00:00", "-", "--1", "1:nan"})
    EXPECT_FALSE(parse_time(bad).ok()) << bad;
}
