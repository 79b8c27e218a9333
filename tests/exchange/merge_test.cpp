// Merge rules (core/merge): the specific rules, then the algebraic laws as property tests
// on randomly generated libraries (fixed seeds, so failures reproduce).
#include <gtest/gtest.h>

#include <random>

#include "core/merge.hpp"

namespace triad {
namespace {

Comment make(const std::string& uuid, std::int64_t version, std::string text, bool deleted = false,
             std::int64_t updated = 0) {
  Comment c;
  c.uuid = uuid;
  c.version = version;
  c.text = std::move(text);
  c.deleted = deleted;
  c.updated_at_ms = updated;
  return c;
}

const std::string kU = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";

TEST(Merge_Rules, HigherVersionWins) {
  EXPECT_EQ(merge_pick(make(kU, 2, "new"), make(kU, 1, "old", false, 999)).text, "new");
  EXPECT_EQ(merge_pick(make(kU, 1, "old", false, 999), make(kU, 2, "new")).text, "new");
}

TEST(Merge_Rules, TombstoneWinsOnEqualVersionButNotOverNewerEdit) {
  EXPECT_TRUE(merge_pick(make(kU, 3, "edit", false, 50), make(kU, 3, "x", true, 10)).deleted);
  EXPECT_FALSE(merge_pick(make(kU, 4, "restored"), make(kU, 3, "x", true)).deleted);
  EXPECT_TRUE(merge_pick(make(kU, 4, "", true), make(kU, 3, "edit")).deleted);
}

TEST(Merge_Rules, EqualVersionsTieBreakOnUpdatedThenContent) {
  EXPECT_EQ(merge_pick(make(kU, 2, "a", false, 10), make(kU, 2, "b", false, 20)).text, "b");
  EXPECT_EQ(merge_pick(make(kU, 2, "a", false, 20), make(kU, 2, "b", false, 20)).text,
            merge_pick(make(kU, 2, "b", false, 20), make(kU, 2, "a", false, 20)).text);
}

TEST(Merge_Rules, CanonicalFormIsUnambiguous) {
  Comment a = make(kU, 1, "x;1:y"), b = make(kU, 1, "x");
  b.tags = {"y"};
  EXPECT_NE(canonical_comment(a), canonical_comment(b));
}

// ---- property tests -------------------------------------------------------------------

// Few UUIDs and few distinct values, so the same comment appears in several libraries with
// clashing versions, timestamps and contents: the tie-break paths get exercised.
std::vector<Comment> random_library(std::mt19937_64& rng) {
  static const char* uuids[] = {"00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002",
                                "00000000-0000-4000-8000-000000000003", "00000000-0000-4000-8000-000000000004",
                                "00000000-0000-4000-8000-000000000005", "00000000-0000-4000-8000-000000000006"};
  static const char* texts[] = {"", "a", "b", "wait time", "ünï"};
  static const char* kinds[] = {"note", "try", "took-away"};
  std::uniform_int_distribution<int> pick(0, 1 << 20);
  std::vector<Comment> lib;
  for (const char* u : uuids) {
    if (pick(rng) % 3 == 0) continue;  // not every library has every comment
    Comment c;
    c.uuid = u;
    c.version = 1 + pick(rng) % 3;
    c.deleted = pick(rng) % 4 == 0;
    c.updated_at_ms = 1000 * (pick(rng) % 3);
    c.text = texts[pick(rng) % 5];
    c.kind = kinds[pick(rng) % 3];
    c.start_us = 1'000'000 * (pick(rng) % 3);
    if (pick(rng) % 2) c.end_us = c.start_us + 500'000;
    c.author_id = 1 + pick(rng) % 2;
    if (pick(rng) % 2) c.tags = {"questioning"};
    if (pick(rng) % 3 == 0) c.tags.push_back("pace");
    c.visibility = pick(rng) % 2 ? Visibility::Triad : Visibility::Everyone;
    lib.push_back(c);
  }
  std::shuffle(lib.begin(), lib.end(), rng);
  return lib;
}

std::vector<std::string> canon(const std::vector<Comment>& lib) {
  std::vector<std::string> out;
  for (const auto& c : lib) out.push_back(canonical_comment(c, "#" + std::to_string(c.author_id)));
  std::sort(out.begin(), out.end());
  return out;
}

constexpr int kCases = 3000;

TEST(Merge_Records, RoleClaims) {
  const RoleClaim older{Role::Observer, 100}, newer{Role::Mentor, 200}, pupil{Role::LearningDetective, 50};
  EXPECT_TRUE(role_claim_wins(newer, older));
  EXPECT_FALSE(role_claim_wins(older, newer));
  // A pupil stays a pupil whatever a staff claim's time.
  EXPECT_TRUE(role_claim_wins(pupil, newer));
  EXPECT_FALSE(role_claim_wins(newer, pupil));
  // Equal times: the greater role name, so the order of arrival never decides.
  const RoleClaim a{Role::Observer, 300}, b{Role::Mentor, 300};
  EXPECT_NE(role_claim_wins(a, b), role_claim_wins(b, a));
  EXPECT_TRUE(role_claim_wins(a, b));
  EXPECT_FALSE(role_claim_wins(a, a));
}

TEST(Merge_Records, StampedAndSessionCanonical) {
  Session s;
  s.uuid = "u";
  s.title = "Y8";
  Session t = s;
  t.title = "Y9";
  EXPECT_NE(canonical_session(s, "", ""), canonical_session(t, "", ""));
  EXPECT_NE(canonical_session(s, "School", ""), canonical_session(s, "", "School"));
  t.created_at_ms = 5;  // not part of it: merges keep the earliest creation time instead
  t.title = s.title;
  EXPECT_EQ(canonical_session(s, "", ""), canonical_session(t, "", ""));
  EXPECT_TRUE(stamped_wins({2, "a"}, {1, "b"}));
  EXPECT_TRUE(stamped_wins({1, "b"}, {1, "a"}));
  EXPECT_FALSE(stamped_wins({1, "a"}, {1, "a"}));
}

TEST(Merge_Laws, Idempotent) {
  std::mt19937_64 rng(20260314);
  for (int i = 0; i < kCases; ++i) {
    auto x = random_library(rng);
    ASSERT_EQ(canon(merge_comments(x, x)), canon(x)) << "case " << i;
    auto xy = merge_comments(x, random_library(rng));
    ASSERT_EQ(canon(merge_comments(xy, xy)), canon(xy)) << "case " << i;
  }
}

TEST(Merge_Laws, Commutative) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < kCases; ++i) {
    auto a = random_library(rng), b = random_library(rng);
    ASSERT_EQ(canon(merge_comments(a, b)), canon(merge_comments(b, a))) << "case " << i;
  }
}

TEST(Merge_Laws, Associative) {
  std::mt19937_64 rng(99);
  for (int i = 0; i < kCases; ++i) {
    auto a = random_library(rng), b = random_library(rng), c = random_library(rng);
    ASSERT_EQ(canon(merge_comments(merge_comments(a, b), c)), canon(merge_comments(a, merge_comments(b, c))))
        << "case " << i;
  }
}

TEST(Merge_Laws, AbsorbsEarlierState) {
  // Merging in an older snapshot of a library never undoes anything.
  std::mt19937_64 rng(5);
  for (int i = 0; i < kCases; ++i) {
    auto a = random_library(rng), b = random_library(rng);
    auto ab = merge_comments(a, b);
    ASSERT_EQ(canon(merge_comments(ab, a)), canon(ab)) << "case " << i;
  }
}

}  // namespace
}  // namespace triad
