// Observer agreement: kappa values here were computed by hand (worked in the comments), so
// the code is checked against an independent computation, not against itself.
#include <gtest/gtest.h>

#include "core/agreement.hpp"
#include "test_support.hpp"

using namespace triad;
using triad::testing::make_comment;

namespace {

Comment tagged(std::string uuid, RowId author, double start, std::optional<double> end, std::string tag,
               std::string kind = "note") {
  Comment c = make_comment(std::move(uuid), author, start, std::move(kind));
  if (end) c.end_us = static_cast<TimeUs>(*end * 1'000'000);
  c.tags = {std::move(tag)};
  return c;
}

// Ash (1): questioning [0,5), praise at 7.0.  Bo (2): questioning [0,3), praise at 7.4,
// questioning [8,10). Slices at t = 0..10 s (11):
//   t   0  1  2  3  4  5  6  7  8  9  10
//   Ash Q  Q  Q  Q  Q  -  -  P  -  -  -
//   Bo  Q  Q  Q  -  -  -  -  P  Q  Q  -
// Po = 7/11; each uses Q 5, - 5, P 1 so Pe = (25+25+1)/121 = 51/121;
// kappa = (77-51)/(121-51) = 26/70 = 0.371429.
std::vector<Comment> ash_and_bo() {
  return {tagged("a1", 1, 0, 5.0, "questioning", "strength"), tagged("a2", 1, 7.0, std::nullopt, "praise", "try"),
          tagged("b1", 2, 0, 3.0, "questioning"), tagged("b2", 2, 7.4, std::nullopt, "praise", "strength"),
          tagged("b3", 2, 8.0, 10.0, "questioning", "strength")};
}

const std::map<RowId, std::string> kNames{{1, "Ash"}, {2, "Bo"}, {3, "Cy"}};

}  // namespace

TEST(Agreement_Kappa, TextbookTwoByTwo) {
  // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15. Po = 0.7; A says yes 0.5, B 0.6:
  // Pe = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = 0.2 / 0.5 = 0.4.
  std::vector<std::string> a, b;
  auto add = [&](int n, const char* x, const char* y) {
    for (int i = 0; i < n; ++i) a.push_back(x), b.push_back(y);
  };
  add(20, "y", "y");
  add(5, "y", "n");
  add(10, "n", "y");
  add(15, "n", "n");
  auto k = cohen_kappa(a, b);
  ASSERT_TRUE(k);
  EXPECT_NEAR(k->observed, 0.7, 1e-9);
  EXPECT_NEAR(k->chance, 0.5, 1e-9);
  EXPECT_NEAR(k->kappa, 0.4, 0.001);
  EXPECT_FALSE(cohen_kappa({}, {}));
}

TEST(Agreement_Kappa, FleissByHand) {
  // Subjects AAA, AAB, BBB, ABB: P_i = 1, 1/3, 1, 1/3 -> P = 2/3; p_A = p_B = 1/2 -> Pe = 1/2;
  // kappa = (2/3 - 1/2) / (1/2) = 1/3.
  auto k = fleiss_kappa({{"A", "A", "A"}, {"A", "A", "B"}, {"B", "B", "B"}, {"A", "B", "B"}});
  ASSERT_TRUE(k);
  EXPECT_NEAR(k->kappa, 1.0 / 3.0, 0.001);
}

TEST(Agreement_Slices, IntervalsCoverAndPointsFallInOneSlice) {
  auto cs = ash_and_bo();
  auto ash = slice_codes(cs, 1, 0, 11, seconds_us(1));
  ASSERT_EQ(ash.size(), 11u);
  EXPECT_EQ(ash[4], CodeSet{"questioning"});
  EXPECT_TRUE(ash[5].empty());  // the interval's end is not covered
  EXPECT_EQ(ash[7], CodeSet{"praise"});
  EXPECT_TRUE(ash[6].empty());
  EXPECT_TRUE(ash[8].empty());
  // A point exactly half a unit after a slice time belongs to the next slice only.
  std::vector<Comment> half{tagged("h", 1, 2.5, std::nullopt, "x")};
  auto h = slice_codes(half, 1, 0, 5, seconds_us(1));
  EXPECT_TRUE(h[2].empty());
  EXPECT_EQ(h[3], CodeSet{"x"});
  // Several tags at one moment make one sorted category.
  Comment both = tagged("m", 1, 1.0, std::nullopt, "b");
  both.tags = {"z", "a"};
  auto m = slice_codes({both}, 1, 0, 3, seconds_us(1));
  EXPECT_EQ(m[1], (CodeSet{"a", "z"}));
}

TEST(Agreement_Report, TwoObserversMatchHandComputedKappa) {
  auto r = compute_agreement(ash_and_bo(), kNames);
  EXPECT_EQ(r.slices, 11);
  ASSERT_EQ(r.pairs.size(), 1u);
  const auto& p = r.pairs[0];
  EXPECT_NEAR(p.figures.observed, 7.0 / 11.0, 1e-9);
  EXPECT_NEAR(p.figures.kappa, 26.0 / 70.0, 0.001);
  EXPECT_FALSE(r.fleiss);
  // Disagreements: t = 3..4 and 8..9.
  ASSERT_EQ(p.disagreements.size(), 2u);
  EXPECT_EQ(p.disagreements[0].start_us, seconds_us(3));
  EXPECT_EQ(p.disagreements[0].end_us, seconds_us(5));
  EXPECT_EQ(p.disagreements[1].start_us, seconds_us(8));
  // Questioning: runs 0..4 (both) and 8..9 (Bo only).
  auto q = std::find_if(p.tags.begin(), p.tags.end(), [](const TagAgreement& t) { return t.tag == "questioning"; });
  ASSERT_NE(q, p.tags.end());
  EXPECT_EQ(q->moments, 2);
  EXPECT_EQ(q->both, 1);
  // Plain language first.
  ASSERT_FALSE(r.lines.empty());
  EXPECT_NE(std::find(r.lines.begin(), r.lines.end(),
                      "Ash and Bo both marked questioning at 1 of 2 moments; they saw 00:03 differently."),
            r.lines.end());
  // Balance: Ash 1 strength / 1 suggestion; Bo 2 strengths / 0.
  ASSERT_EQ(r.balance.size(), 2u);
  EXPECT_EQ(r.balance[0].strengths, 1);
  EXPECT_EQ(r.balance[0].suggestions, 1);
  EXPECT_EQ(r.balance[1].strengths, 2);
  EXPECT_NE(std::find(r.lines.begin(), r.lines.end(), "Bo noted 2 strengths to 0 suggestions."), r.lines.end());
}

TEST(Agreement_Report, UnitChangesTheSlices) {
  // With a 2 s unit: slices at 0,2,4,6,8,10 (6); slice t holds points in [t-1, t+1), so
  // both praise points (7.0, 7.4) fall in t=8.
  //   Ash: t0 Q, t2 Q, t4 Q, t6 -, t8 P, t10 -
  //   Bo:  t0 Q, t2 Q, t4 -, t6 -, t8 P+Q, t10 -
  // Po = 4/6. Ash: Q3 -2 P1; Bo: Q2 -3 PQ1 -> Pe = (3*2 + 2*3)/36 = 12/36.
  // kappa = (24/36 - 12/36) / (24/36) = 0.5.
  AgreementOptions o;
  o.unit_us = seconds_us(2);
  auto r = compute_agreement(ash_and_bo(), kNames, o);
  EXPECT_EQ(r.slices, 6);
  ASSERT_EQ(r.pairs.size(), 1u);
  EXPECT_NEAR(r.pairs[0].figures.kappa, 0.5, 0.001);
}

TEST(Agreement_Report, ThreeObserversGetFleiss) {
  auto cs = ash_and_bo();
  cs.push_back(tagged("c1", 3, 0, 5.0, "questioning"));
  cs.push_back(tagged("c2", 3, 7.0, std::nullopt, "praise"));
  auto r = compute_agreement(cs, kNames);
  EXPECT_EQ(r.pairs.size(), 3u);
  ASSERT_TRUE(r.fleiss);
  // Ash and Cy coded identically.
  EXPECT_NEAR(r.pairs[1].figures.kappa, 1.0, 1e-9);
  // Subjects (t 0..10): QQQ x3, QQ- x2 (t3,t4: Ash Q, Bo -, Cy Q), --- x2, PPP, -Q- x2, --- (t10).
  // P_i: 1 for 8 rows, 1/3 for 4 rows... t0-2 (1), t3-4 (1/3), t5-6 (1), t7 (1), t8-9 (1/3), t10 (1)
  // P = (7*1 + 4/3) / 11 = 25/33. Totals of 33: Q 3*3+2*2+2 = 15, - 2*1+2*3+2*2+3 = 15, P 3.
  // Pe = (225 + 225 + 9) / 1089 = 459/1089. kappa = (825/1089 - 459/1089) / (630/1089) = 366/630.
  EXPECT_NEAR(r.fleiss->kappa, 366.0 / 630.0, 0.001);
}

TEST(Agreement_Report, FewerThanTwoObserversSaysSo) {
  auto r = compute_agreement({tagged("a", 1, 0, 2.0, "q")}, kNames);
  EXPECT_TRUE(r.pairs.empty());
  ASSERT_FALSE(r.lines.empty());
  EXPECT_NE(r.lines[0].find("Only one reviewer"), std::string::npos);
  EXPECT_FALSE(validate_agreement_options({.unit_us = 0}));
}

TEST(Agreement_Agenda, DisagreementsBecomeSeenDifferentlyItems) {
  auto cs = ash_and_bo();
  AgendaOptions o;
  o.window_us = seconds_us(1);
  auto items = build_agenda(cs, o);  // starts 0, 0 | 7.0, 7.4, 8.0 -> two items
  ASSERT_EQ(items.size(), 2u);
  auto r = compute_agreement(cs, kNames);
  add_seen_differently(items, r, o);
  // 3..5 overlaps the first item (0..5 with the window), 8..10 the second: both marked, none added.
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(seen_differently(items[0]));
  EXPECT_TRUE(seen_differently(items[1]));
  // A disagreement nowhere near an item becomes its own item, numbered in time order.
  std::vector<AgendaItem> none;
  add_seen_differently(none, r, o);
  ASSERT_EQ(none.size(), 2u);
  EXPECT_EQ(none[0].number, 1);
  EXPECT_EQ(none[0].start_us, seconds_us(3));
  EXPECT_EQ(none[1].start_us, seconds_us(8));
  EXPECT_TRUE(seen_differently(none[1]));
  EXPECT_EQ(none[1].tags, std::vector<std::string>{kSeenDifferentlyTag});
}
