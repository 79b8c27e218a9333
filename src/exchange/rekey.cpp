#include "exchange/rekey.hpp"

#include <nlohmann/json.hpp>

#include "crypto/canonical_json.hpp"
#include "exchange/bundle_data.hpp"
#include "exchange/signed_change.hpp"
#include "store/signed_changes.hpp"

namespace triad::exchange {

Result<std::string> check_rekey_key(store::Library& lib, RowId person_id, const std::string& person,
                                    const std::string& new_key) {
  if (!crypto::public_key_from_base64(new_key))
    return make_error("'" + new_key + "' is not an Ed25519 public key (base64, as `triad identity show --json` prints it).");
  auto old = store::person_key(lib, person_id);
  if (!old) return old.error();
  if (!*old)
    return make_error(person + " has no signing key bound here yet: their first signed change binds it, so no re-key is needed.");
  if (**old == new_key) return make_error(person + "'s signing key here is already that key.");
  auto holder = store::person_with_key(lib, new_key);
  if (!holder) return holder.error();
  if (*holder) {
    auto p = lib.get_person(**holder);
    return make_error("That signing key already belongs to " + (p ? p->display_name : std::string("someone else")) +
                      ", so it cannot be bound to " + person + ".");
  }
  return **old;
}

Result<RekeyMade> sign_rekey(store::Library& lib, RowId session_id, RowId signer_id, const crypto::SecretKey& key,
                             RowId person_id, const std::string& new_key, std::int64_t now_ms) {
  auto session = lib.get_session(session_id);
  if (!session) return session.error();
  detail::TravelNames names(lib, *session);
  auto me = names.name_of(signer_id);
  if (!me) return me.error();
  auto person = names.name_of(person_id);
  if (!person) return person.error();
  auto mine = store::person_key(lib, signer_id);
  if (!mine) return mine.error();
  if (!*mine || **mine != crypto::to_base64(key.public_key()))
    return make_error(*me + " has no signing key bound in this library, or the key given is not theirs; create or unlock " +
                      *me + "'s identity first.");
  auto old = check_rekey_key(lib, person_id, *person, new_key);
  if (!old) return old.error();
  nlohmann::json data{{"person", *person}, {"key", new_key}, {"replaces", *old}, {"rekeyed_at_ms", now_ms}};
  if (auto ok = detail::check_data("rekey", data, "the re-key of " + *person); !ok) return ok.error();
  auto c = sign_change("rekey", session->uuid, *me, key, std::move(data));
  if (!c) return c.error();
  auto canonical = crypto::canonical_json(c->data);
  if (!canonical) return canonical.error();
  auto tx = lib.begin();
  if (!tx) return tx.error();
  if (auto s = store::bind_person_key(lib, person_id, new_key, now_ms, true); !s) return s.error();
  if (auto s = store::put_change(lib, {session->uuid, "rekey", new_key, *me, c->key, *canonical, c->sig, false}); !s)
    return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return RekeyMade{*person, *old, new_key};
}

}  // namespace triad::exchange
