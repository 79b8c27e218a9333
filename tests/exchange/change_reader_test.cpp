// A long bundle's changes are read on two threads (exchange/change_reader.hpp): the same
// changes in the same order as one thread reads them, and a bundle with faults in both
// halves is refused for the first in the bundle's order, as before.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/uuid.hpp"
#include "exchange/change_reader.hpp"
#include "signed_triad.hpp"

namespace triad::exchange {
namespace {

using nlohmann::json;
using namespace signed_triad;

// Fran's bundle with `copies` more comment changes, each a copy of her one comment with its
// own UUID, placed where comments go in the kind order. parse_bundle checks no signature.
json long_bundle(std::size_t copies) {
  Triad t;
  set_up(t.fran);
  t.fran.comment("Good wait time", 1'000'000);
  json doc = json::parse(t.fran.export_bundle());
  json changes = json::array();
  for (const json& c : doc["changes"]) {
    changes.push_back(c);
    if (c["kind"] != "comment") continue;
    for (std::size_t i = 0; i < copies; ++i) {
      json copy = c;
      copy["data"]["uuid"] = new_uuid();
      changes.push_back(std::move(copy));
    }
  }
  doc["changes"] = std::move(changes);
  doc.erase("attestations");  // its batch lists the changes as exported
  return doc;
}

TEST(ChangeReader, ALongListIsReadOnTwoThreadsInItsOrder) {
  json doc = long_bundle(3000);
  ASSERT_GE(doc["changes"].size(), kReadChangesThreadedFrom);
  auto b = parse_bundle(doc.dump(), "long.triad-bundle");
  ASSERT_TRUE(b.ok()) << b.error().message;
  ASSERT_EQ(b->changes.size(), doc["changes"].size());
  for (std::size_t i = 0; i < b->changes.size(); ++i) {
    ASSERT_EQ(b->changes[i].kind, doc["changes"][i]["kind"]) << i;
    ASSERT_EQ(b->changes[i].data, doc["changes"][i]["data"]) << i;
    ASSERT_EQ(b->changes[i].sig, doc["changes"][i]["sig"]) << i;
  }
  // And read_changes alone gives the same as a short list read on this thread only.
  json tail = json::array();
  for (std::size_t i = 0; i < 10; ++i) tail.push_back(doc["changes"][doc["changes"].size() - 10 + i]);
  json whole = doc["changes"];
  auto many = read_changes(whole);
  auto few = read_changes(tail);
  ASSERT_EQ(few.size(), 10u);
  for (std::size_t i = 0; i < 10; ++i) {
    ASSERT_TRUE(few[i].change && *few[i].change && many[many.size() - 10 + i].change);
    EXPECT_EQ((*few[i].change)->data, (**many[many.size() - 10 + i].change).data);
  }
}

TEST(ChangeReader, AFaultInEitherHalfIsFoundAndTheFirstIsSaid) {
  json doc = long_bundle(3000);
  const std::size_t n = doc["changes"].size();
  const std::size_t early = 200, late = n - 100;  // one in each thread's half
  ASSERT_EQ(doc["changes"][late]["kind"], "comment");
  doc["changes"][late]["data"]["start_us"] = "soon";
  auto late_only = parse_bundle(doc.dump(), "late.triad-bundle");
  ASSERT_FALSE(late_only.ok());
  EXPECT_NE(late_only.error().message.find("change " + std::to_string(late + 1) + " (comment)"), std::string::npos)
      << late_only.error().message;
  doc["changes"][early]["session"] = "5e551011-0000-4000-8000-0000000000bb";
  auto both = parse_bundle(doc.dump(), "both.triad-bundle");
  ASSERT_FALSE(both.ok());
  EXPECT_NE(both.error().message.find("change " + std::to_string(early + 1) + " (comment) belongs to another session"),
            std::string::npos)
      << both.error().message;
}

}  // namespace
}  // namespace triad::exchange
