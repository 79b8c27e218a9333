#include "exchange/change_batch.hpp"

#include <algorithm>

#include "crypto/canonical_json.hpp"

namespace triad::exchange {
using nlohmann::json;

Result<std::string> change_bytes_with(const Change& c, const std::string& canonical_data) {
  // As signed_bytes_with, with "sig" in its byte-order place ("session" < "sig" < "signer").
  std::string out;
  out.reserve(canonical_data.size() + c.key.size() + c.session.size() + c.signer.size() + c.kind.size() + c.sig.size() +
              80);
  out += "{\"data\":";
  out += canonical_data;
  for (auto [name, value] : {std::pair{",\"key\":", &c.key}, std::pair{",\"kind\":", &c.kind},
                             std::pair{",\"session\":", &c.session}, std::pair{",\"sig\":", &c.sig},
                             std::pair{",\"signer\":", &c.signer}}) {
    out += name;
    if (auto s = append_canonical_string(out, *value); !s) return s.error();
  }
  out += '}';
  return out;
}

Result<std::optional<Change>> sign_batch(const std::string& session, const std::string& signer,
                                         const crypto::SecretKey& key, const json& changes) {
  const std::string my_key = crypto::to_base64(key.public_key());
  json hashes = json::array();
  for (const json& c : changes) {
    if (c.value("signer", "") != signer || c.value("key", "") != my_key) continue;
    auto bytes = crypto::canonical_json(c);
    if (!bytes) return bytes.error();
    hashes.push_back(crypto::content_hash_base64(*bytes));
  }
  if (hashes.empty()) return std::optional<Change>();
  auto b = sign_change(kBatchKind, session, signer, key, json{{"hashes", std::move(hashes)}});
  if (!b) return b.error();
  return std::optional<Change>(std::move(*b));
}

Result<Change> batch_from_json(json j, const std::string& where) {
  auto c = envelope_from_json(std::move(j), where);
  if (!c) return c.error();
  if (c->kind != kBatchKind) return make_error(where + " is of kind '" + c->kind + "', not \"batch\"");
  for (auto it = c->data.begin(); it != c->data.end(); ++it)
    if (it.key() != "hashes") return make_error(where + "'s data has an unknown field \"" + it.key() + "\"");
  auto hashes = c->data.find("hashes");
  if (hashes == c->data.end() || !hashes->is_array() || hashes->empty())
    return make_error(where + " has no list of hashes");
  crypto::ContentHash h;
  for (const json& x : *hashes)
    if (!x.is_string() || !crypto::base64_decode(x.get_ref<const std::string&>(), h.data(), h.size()))
      return make_error(where + " lists something that is not a base64 BLAKE2b-256 hash");
  return c;
}

Result<BatchVouchers> BatchVouchers::verify(const std::vector<Change>& batches) {
  BatchVouchers out;
  for (const Change& b : batches) {
    // verify_change's own words: "it does not match its signature: ..." or why it cannot be checked.
    if (auto ok = verify_change(b); !ok) return make_error(b.signer + "'s signed batch of changes was refused because " + ok.error().message);
    Batch v{b.session, b.signer, b.key, {}};
    const json& list = b.data["hashes"];  // checked by batch_from_json
    v.hashes.resize(list.size());
    for (std::size_t i = 0; i < list.size(); ++i)
      if (!crypto::base64_decode(list[i].get_ref<const std::string&>(), v.hashes[i].data(), v.hashes[i].size()))
        return make_error(b.signer + "'s signed batch of changes lists something that is not a hash");
    std::sort(v.hashes.begin(), v.hashes.end());
    out.batches_.push_back(std::move(v));
  }
  return out;
}

bool BatchVouchers::vouches(const Change& c, const std::string& canonical_data) const {
  std::optional<crypto::ContentHash> h;
  for (const Batch& b : batches_) {
    // Bound to the same key, name and session: a batch replayed from another session, or
    // signed by someone else, vouches for nothing here.
    if (b.key != c.key || b.signer != c.signer || b.session != c.session) continue;
    if (!h) {
      auto bytes = change_bytes_with(c, canonical_data);
      if (!bytes) return false;  // then verified alone, which says why
      h = crypto::content_hash(*bytes);
    }
    if (std::binary_search(b.hashes.begin(), b.hashes.end(), *h)) return true;
  }
  return false;
}

}  // namespace triad::exchange
