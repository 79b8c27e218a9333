#include "app/rekey.hpp"

#include <set>

#include "app/identity.hpp"
#include "app/person_name.hpp"
#include "base/atomic_file.hpp"
#include "crypto/signing_key.hpp"
#include "exchange/bundle.hpp"
#include "exchange/rekey.hpp"
#include "store/signed_changes.hpp"
#include "store/workflow.hpp"

namespace triad::app {

Result<RekeyResult> rekey_person(store::Library& lib, RowId session_id, RowId actor_id, RowId person_id,
                                 const std::string& new_key, const std::string& passphrase, std::int64_t now_ms) {
  auto session = lib.get_session(session_id);
  if (!session) return session.error();
  auto mine = store::participant_role(lib, session_id, actor_id);
  if (!mine) return mine.error();
  auto theirs = store::participant_role(lib, session_id, person_id);
  if (!theirs) return theirs.error();
  const std::string who = person_name(lib, actor_id) + " (" +
                          (*mine ? std::string(role_label(**mine)) : std::string("not a participant")) + ")";
  const std::string tried = who + " cannot re-key " + person_name(lib, person_id) + " in session '" + session->title + "'";
  // The same rule as the import's (exchange/bundle_import.cpp): the roster's facilitator or teacher.
  if (!*mine || !(**mine == Role::Facilitator || **mine == Role::Teacher))
    return make_error(tried + ": only its facilitator or observed teacher may.");
  if (!*theirs || **theirs == Role::LearningDetective)
    return make_error(tried + ": " + person_name(lib, person_id) + " does not sign changes in it.");
  auto key = unlock_identity(lib, actor_id, passphrase);
  if (!key) return key.error();
  auto made = exchange::sign_rekey(lib, session_id, actor_id, *key, person_id, new_key, now_ms);
  if (!made) return made.error();
  auto fp = [](const std::string& b64) {
    auto pk = crypto::public_key_from_base64(b64);
    return pk ? crypto::fingerprint(*pk) : std::string();
  };
  return RekeyResult{person_name(lib, person_id), fp(made->old_key), fp(made->new_key)};
}

Result<std::string> key_signed_in_bundle(const std::string& bundle_path, const std::string& person) {
  auto text = read_file(bundle_path, exchange::kMaxBundleBytes);
  if (!text) return text.error();
  auto b = exchange::parse_bundle(*text, bundle_path);
  if (!b) return b.error();
  std::set<std::string> keys;
  for (const auto& c : b->changes)
    if (c.signer == person) keys.insert(c.key);
  if (keys.empty()) return make_error("'" + bundle_path + "' holds no change signed by " + person + ".");
  if (keys.size() > 1)
    return make_error("'" + bundle_path + "' holds changes signed by " + person + " with " + std::to_string(keys.size()) +
                      " different keys; give the new one with --key.");
  return *keys.begin();
}

}  // namespace triad::app
