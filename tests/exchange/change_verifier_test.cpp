// Checking signatures (exchange/signed_change.hpp verify_change, exchange/change_verifier.hpp):
// the envelope's canonical bytes built around the data's canonical form equal the canonical
// JSON of the whole envelope; each way a change can fail is said as what it is (a change
// whose data cannot be put in canonical form is not "changed after it was signed"); the
// threaded verifier gives every change the verdict the plain check gives, in any order.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "crypto/canonical_json.hpp"
#include "crypto/signing_key.hpp"
#include "exchange/change_batch.hpp"
#include "exchange/change_verifier.hpp"
#include "exchange/signed_change.hpp"
#include "test_util.hpp"

namespace triad::exchange {
namespace {
using nlohmann::json;
using test::must;

constexpr const char* kSession = "5e551011-0000-4000-8000-00000000ab1e";

json comment_data(int i) {
  return json{{"uuid", "00000000-0000-4000-8000-" + std::string(12 - std::to_string(i).size(), '0') + std::to_string(i)},
              {"author", "Zoë Ørsted"},
              {"start_us", 1000 * i},
              {"end_us", nullptr},
              {"kind", "note"},
              {"text", "line one\nline \"two\" \\ tab\t ctrl\x01 é 漢字 " + std::to_string(i)},
              {"visibility", "triad"},
              {"pupil", ""},
              {"parent_uuid", nullptr},
              {"created_at_ms", 1773400000000 + i},
              {"updated_at_ms", 1773400000000 + i},
              {"version", 1},
              {"deleted", false},
              {"tags", json::array({"a", "b"})}};
}

TEST(ChangeVerifier_SignedBytes, EqualTheCanonicalJsonOfTheWholeEnvelope) {
  const auto key = must(crypto::generate_key_pair());
  for (const std::string signer : {"Zoë Ørsted", "Tab\tand \"quote\"", "back\\slash", "Learning detective 0a1b2c", "\x7f del"}) {
    Change c = must(sign_change("comment", kSession, signer, key.secret_key, comment_data(7)));
    const json envelope{{"kind", c.kind}, {"session", c.session}, {"signer", c.signer}, {"key", c.key}, {"data", c.data}};
    EXPECT_EQ(must(signed_bytes(c)), must(crypto::canonical_json(envelope))) << signer;
    EXPECT_EQ(must(signed_bytes_with(c, must(crypto::canonical_json(c.data)))), must(crypto::canonical_json(envelope)));
    EXPECT_EQ(must(verify_change(c)), must(crypto::canonical_json(c.data)));
    // And with its sig, as a signed batch hashes it (exchange/change_batch.hpp).
    EXPECT_EQ(must(change_bytes_with(c, must(crypto::canonical_json(c.data)))), must(crypto::canonical_json(change_to_json(c))));
  }
}

TEST(ChangeVerifier_VerifyChange, SaysWhatFailed) {
  const auto key = must(crypto::generate_key_pair());
  const Change good = must(sign_change("comment", kSession, "Zoë Ørsted", key.secret_key, comment_data(1)));
  ASSERT_TRUE(verify_change(good));

  Change edited = good;
  edited.data["text"] = "rewritten";
  EXPECT_EQ(verify_change(edited).error().message, "it does not match its signature: it was changed after it was signed");

  Change bad_utf8 = good;  // never passes parse_bundle; a caller building changes itself can make one
  bad_utf8.data["text"] = std::string("bad \xff byte");
  auto r = verify_change(bad_utf8);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("cannot be checked"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("not valid UTF-8"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find("changed after"), std::string::npos) << r.error().message;

  Change fraction = good;
  fraction.data["start_us"] = 1.5;
  r = verify_change(fraction);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("fractional number"), std::string::npos) << r.error().message;

  Change no_key = good;
  no_key.key = "not base64";
  EXPECT_EQ(verify_change(no_key).error().message, "its signer's key is not an Ed25519 public key");
}

// Many changes, some forged or uncheckable at random places: the threaded verifier's
// verdicts, taken in order, equal verify_change's, and its threads are really used.
TEST(ChangeVerifier_Threads, GiveEveryChangeThePlainVerdict) {
  const auto key = must(crypto::generate_key_pair());
  std::mt19937 rng(11);
  for (std::size_t n : {std::size_t{10}, ChangeVerifier::kThreadedFrom, std::size_t{1000}}) {
    std::vector<Change> changes;
    for (std::size_t i = 0; i < n; ++i) {
      Change c = must(sign_change("comment", kSession, "Zoë Ørsted", key.secret_key, comment_data(static_cast<int>(i))));
      switch (rng() % 8) {
        case 0: c.data["text"] = "forged " + std::to_string(i); break;
        case 1: c.data["text"] = std::string("\xc3("); break;
        default: break;
      }
      changes.push_back(std::move(c));
    }
    ChangeVerifier v(changes);
    EXPECT_EQ(v.workers(), n >= ChangeVerifier::kThreadedFrom ? ChangeVerifier::kWorkers : 0u) << n;
    for (std::size_t i = 0; i < n; ++i) {
      auto plain = verify_change(changes[i]);
      auto threaded = v.take(i);
      ASSERT_EQ(threaded.ok(), plain.ok()) << "change " << i << " of " << n;
      if (plain)
        EXPECT_EQ(*threaded, *plain);
      else
        EXPECT_EQ(threaded.error().message, plain.error().message);
    }
  }
}

// A verifier given up early (an import refused at its first change) stops and joins its
// threads without waiting for the rest.
TEST(ChangeVerifier_Threads, StopWhenDroppedEarly) {
  const auto key = must(crypto::generate_key_pair());
  std::vector<Change> changes;
  for (int i = 0; i < 2000; ++i)
    changes.push_back(must(sign_change("comment", kSession, "Zoë Ørsted", key.secret_key, comment_data(i))));
  {
    ChangeVerifier v(changes);
    EXPECT_TRUE(v.take(0));
  }  // destructor: stop + join; a hang fails by ctest's timeout, a crash or a TSan/ASan report by itself
}

}  // namespace
}  // namespace triad::exchange
