// Re-keying across libraries (issue 12: "a second, different key for the same person is
// refused unless the facilitator re-keys them"): Olly loses his laptop and makes a new key;
// until the facilitator's signed re-key reaches a library, his new key is refused there;
// after it, his new key's changes apply everywhere, what his old key signed before the
// re-key still travels (to a library that never saw the old key bound, too), and what the
// old key signs after the re-key is refused. Only the facilitator or teacher may re-key.
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "base/wall_clock.hpp"
#include "exchange/rekey.hpp"
#include "signed_triad.hpp"

namespace triad::exchange {
namespace {
using namespace signed_triad;
using nlohmann::json;

bool has_comment(Laptop& l, const std::string& uuid) {
  auto c = must(l.lib.find_comment_by_uuid(uuid));
  return c.has_value() && !c->deleted;
}
void tick() { std::this_thread::sleep_for(std::chrono::milliseconds(5)); }  // the next change is dated later

// `change` put into `bundle_text` where its kind goes (bundles list changes in kind order).
std::string with_change(const std::string& bundle_text, const Change& change) {
  json doc = json::parse(bundle_text);
  json list = json::array();
  bool placed = false;
  for (auto& c : doc["changes"]) {
    if (!placed && change_kind_rank(c["kind"].get<std::string>()) > change_kind_rank(change.kind)) {
      list.push_back(change_to_json(change));
      placed = true;
    }
    list.push_back(c);
  }
  if (!placed) list.push_back(change_to_json(change));
  doc["changes"] = list;
  return doc.dump();
}

TEST(Rekey_ThreeLibraries, TheNewKeySignsAfterTheFacilitatorsRekeyAndTheOldKeyOnlyBefore) {
  Triad t;
  set_up(t.fran);
  const std::string setup = t.fran.export_bundle();
  ASSERT_TRUE(t.olly.import(setup));
  ASSERT_TRUE(t.oona.import(setup));
  const std::string before_uuid = t.olly.comment("Olly: before the lost laptop", 10'000'000).uuid;
  ASSERT_TRUE(t.fran.import(t.olly.export_bundle()));  // binds Olly's first key in the facilitator's library
  ASSERT_TRUE(store::reveal_reviews(t.fran.lib, t.fran.session(), t.fran.me_id));  // so her bundles carry every comment
  ASSERT_TRUE(t.oona.import(t.fran.export_bundle()));

  // Olly's new laptop: a new key, refused by the facilitator's library as "a different key".
  Laptop olly2(t.dir.path / "olly2.triad", "Olly Observer");
  const std::string new_key = crypto::to_base64(olly2.key.public_key);
  Laptop probe(t.dir.path / "probe.triad", "Olly Observer");  // a bundle signed with a stranger's key as Olly
  tick();

  // Only the facilitator or teacher may re-key: Oona's re-key of Olly is refused, nothing written.
  {
    const std::string key_before = *must(store::person_key(t.fran.lib, t.fran.person("Olly Observer")));
    const Change forged = must(sign_change("rekey", kSession, "Oona Observer", t.oona.key.secret_key,
                                           json{{"person", "Olly Observer"}, {"key", crypto::to_base64(probe.key.public_key)},
                                                {"replaces", key_before}, {"rekeyed_at_ms", now_ms()}}));
    const std::string dump = must(t.fran.lib.dump());
    auto r = t.fran.import(with_change(t.oona.export_bundle(), forged));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "'b.triad-bundle' was not imported: Oona Observer (observer) tried to re-key Olly Observer, "
                                 "which only the session's facilitator or teacher may.");
    EXPECT_EQ(must(t.fran.lib.dump()), dump);
    EXPECT_EQ(*must(store::person_key(t.fran.lib, t.fran.person("Olly Observer"))), key_before);
  }

  // The facilitator re-keys Olly (after comparing the new fingerprint aloud).
  auto made = sign_rekey(t.fran.lib, t.fran.session(), t.fran.me_id, t.fran.key.secret_key, t.fran.person("Olly Observer"),
                         new_key, now_ms());
  ASSERT_TRUE(made) << made.error().message;
  tick();
  const std::string rekeyed = t.fran.export_bundle();
  EXPECT_EQ(json::parse(rekeyed).dump().find("\"kind\":\"rekey\"") != std::string::npos, true);

  // Olly's new laptop takes the session from that bundle (his own new key bound there), his
  // comment from before the loss included.
  auto taken = olly2.import(rekeyed);
  ASSERT_TRUE(taken) << taken.error().message;
  EXPECT_EQ(taken->pending, 0);
  EXPECT_TRUE(has_comment(olly2, before_uuid));
  const std::string after_uuid = olly2.comment("Olly: from the new laptop", 20'000'000).uuid;
  const std::string from_new = olly2.export_bundle();

  // Oona, before the re-key reaches her (Olly's bundle relayed without it): the new key is
  // refused, nothing written.
  {
    json doc = json::parse(from_new);
    json kept = json::array();
    for (auto& c : doc["changes"])
      if (c["kind"] != "rekey") kept.push_back(c);
    doc["changes"] = kept;
    const std::string dump = must(t.oona.lib.dump());
    auto r = t.oona.import(doc.dump());
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("carries a different key from Olly Observer's"), std::string::npos) << r.error().message;
    // The sentence says what to do: only a re-key makes the new key good, then the same file imports.
    EXPECT_NE(r.error().message.find("it is taken once the session's facilitator or observed teacher re-keys Olly Observer "
                                     "(Re-key… in the Session panel, or triad identity rekey --from this bundle): import it "
                                     "again then."),
              std::string::npos)
        << r.error().message;
    EXPECT_EQ(must(t.oona.lib.dump()), dump);
  }
  // With it (Olly's own bundle forwards the facilitator's re-key): accepted, in the facilitator's library too.
  auto later = t.oona.import(from_new);
  ASSERT_TRUE(later) << later.error().message;
  EXPECT_TRUE(has_comment(t.oona, after_uuid));
  auto at_fran = t.fran.import(from_new);
  ASSERT_TRUE(at_fran) << at_fran.error().message;
  EXPECT_TRUE(has_comment(t.fran, after_uuid));

  // A library that never had the old key bound (Rita's, outside the session) takes the
  // facilitator's bundle whole: the old key's comment from before the re-key, the new one's after.
  Laptop rita(t.dir.path / "rita.triad", "Rita Reader");
  auto read = rita.import(t.fran.export_bundle());
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->pending, 0);
  EXPECT_TRUE(has_comment(rita, before_uuid));
  EXPECT_TRUE(has_comment(rita, after_uuid));

  // The old laptop (someone holding the old key) writes after the re-key: refused everywhere.
  const std::string stolen_uuid = t.olly.comment("Olly?: written with the old key after the re-key", 30'000'000).uuid;
  const std::string from_old = t.olly.export_bundle();
  for (Laptop* l : {&t.fran, &t.oona, &rita}) {
    const std::string dump = must(l->lib.dump());
    auto r = l->import(from_old);
    ASSERT_FALSE(r) << l->me;
    EXPECT_EQ(r.error().message, "'b.triad-bundle' was not imported: Olly Observer's comment change (" + stolen_uuid +
                                     ") is signed with the key Olly Observer was re-keyed from, and made after the re-key, "
                                     "so it is not theirs.")
        << l->me;
    EXPECT_EQ(must(l->lib.dump()), dump) << l->me;
  }

  // Olly's new laptop and the facilitator's converge, and re-importing her own bundle changes nothing.
  ASSERT_TRUE(olly2.import(t.fran.export_bundle()));
  const std::string fran_dump = must(t.fran.lib.dump());
  ASSERT_TRUE(t.fran.import(t.fran.export_bundle()));
  EXPECT_TRUE(must(t.fran.lib.dump()) == fran_dump);
  EXPECT_TRUE(must(olly2.lib.dump()) == fran_dump);
}

// Issue 12 (e): changes signed with someone's new key that reach a library holding no key for
// them wait there, unshown (as any unbound key's do); the re-key, arriving later in the
// facilitator's bundle, binds the new key and the waiting changes apply with it, and a
// library that had the re-key first reaches the same dump. (A library holding the old key
// refuses the new key's changes instead, saying to re-key and import again: test above.)
TEST(Rekey_ThreeLibraries, NewKeyChangesWaitingWhereNoKeyIsBoundApplyWithTheRekey) {
  Triad t;
  set_up(t.fran);
  const std::string setup = t.fran.export_bundle();
  ASSERT_TRUE(t.olly.import(setup));
  t.olly.comment("Olly: first laptop", 10'000'000);
  ASSERT_TRUE(t.fran.import(t.olly.export_bundle()));  // binds Olly's first key at the facilitator's
  Laptop olly2(t.dir.path / "olly2.triad", "Olly Observer");
  tick();
  ASSERT_TRUE(sign_rekey(t.fran.lib, t.fran.session(), t.fran.me_id, t.fran.key.secret_key, t.fran.person("Olly Observer"),
                         crypto::to_base64(olly2.key.public_key), now_ms()));
  tick();
  const std::string rekeyed = t.fran.export_bundle();
  ASSERT_TRUE(olly2.import(rekeyed));
  const std::string after_uuid = olly2.comment("Olly: from the new laptop", 20'000'000).uuid;
  // Olly's new bundle without the re-key in it (relayed by someone whose library lacks it).
  json doc = json::parse(olly2.export_bundle());
  json kept = json::array();
  for (auto& c : doc["changes"])
    if (c["kind"] != "rekey") kept.push_back(c);
  doc["changes"] = kept;
  const std::string without_rekey = doc.dump();

  Laptop rita(t.dir.path / "rita.triad", "Rita Reader");  // holds no key for Olly
  auto waited = rita.import(without_rekey);
  ASSERT_TRUE(waited) << waited.error().message;
  EXPECT_GT(waited->pending, 0);
  EXPECT_FALSE(has_comment(rita, after_uuid)) << "unshown until the re-key arrives";
  auto later = rita.import(rekeyed);
  ASSERT_TRUE(later) << later.error().message;
  EXPECT_TRUE(has_comment(rita, after_uuid)) << "applied with the re-key";
  EXPECT_EQ(must(store::list_changes(rita.lib, kSession, true)).size(), 0u) << "nothing left waiting";

  Laptop rex(t.dir.path / "rex.triad", "Rex Reader");  // the other order
  ASSERT_TRUE(rex.import(rekeyed));
  ASSERT_TRUE(rex.import(without_rekey));
  auto strip_me = [](std::string d, const std::string& me) {  // each reader's own person line differs
    std::string out, line;
    std::istringstream in(d);
    while (std::getline(in, line))
      if (line.find(me) == std::string::npos) out += line + "\n";
    return out;
  };
  EXPECT_EQ(strip_me(must(rita.lib.dump()), "Rita Reader"), strip_me(must(rex.lib.dump()), "Rex Reader"));
}

}  // namespace
}  // namespace triad::exchange
