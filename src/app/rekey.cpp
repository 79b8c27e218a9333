#include "app/rekey.hpp"

#include <set>

#include "app/identity.hpp"
#include "app/person_name.hpp"
#include "base/atomic_file.hpp"
#include "core/roles.hpp"
#include "crypto/signing_key.hpp"
#include "exchange/bundle.hpp"
#include "exchange/rekey.hpp"
#include "store/signed_changes.hpp"
#include "store/workflow.hpp"

namespace triad::app {

namespace {

std::string fingerprint_of(const std::string& b64) {
  auto pk = crypto::public_key_from_base64(b64);
  return pk ? crypto::fingerprint(*pk) : std::string();
}

}  // namespace

// The same rule as the import's (exchange/bundle_import.cpp): the roster's facilitator or
// teacher, re-keying a participant who signs.
Status may_rekey(store::Library& lib, RowId session_id, RowId actor_id, RowId person_id) {
  auto session = lib.get_session(session_id);
  if (!session) return session.error();
  auto mine = store::participant_role(lib, session_id, actor_id);
  if (!mine) return mine.error();
  auto theirs = store::participant_role(lib, session_id, person_id);
  if (!theirs) return theirs.error();
  const std::string who = person_name(lib, actor_id) + " (" +
                          (*mine ? std::string(role_label(**mine)) : std::string("not a participant")) + ")";
  const std::string tried = who + " cannot re-key " + person_name(lib, person_id) + " in session '" + session->title + "'";
  if (!leads_session(*mine))
    return make_error(tried + ": only its facilitator or observed teacher may.");
  if (!*theirs || !is_staff(**theirs))
    return make_error(tried + ": " + person_name(lib, person_id) + " does not sign changes in it.");
  return ok_status();
}

Result<RekeyResult> rekey_person(store::Library& lib, RowId session_id, RowId actor_id, RowId person_id,
                                 const std::string& new_key, const std::string& passphrase, std::int64_t now_ms) {
  if (auto ok = may_rekey(lib, session_id, actor_id, person_id); !ok) return ok.error();
  auto key = unlock_identity(lib, actor_id, passphrase);
  if (!key) return key.error();
  auto made = exchange::sign_rekey(lib, session_id, actor_id, *key, person_id, new_key, now_ms);
  if (!made) return made.error();
  return RekeyResult{person_name(lib, person_id), fingerprint_of(made->old_key), fingerprint_of(made->new_key)};
}

Result<std::vector<RowId>> rekeyable_people(store::Library& lib, RowId session_id, RowId actor_id) {
  std::vector<RowId> out;
  auto mine = store::participant_role(lib, session_id, actor_id);
  if (!mine) return mine.error();
  if (!leads_session(*mine)) return out;
  auto parts = store::list_participants(lib, session_id);
  if (!parts) return parts.error();
  for (const auto& p : *parts) {
    if (!is_staff(p.role)) continue;  // the same two rules as may_rekey
    auto key = store::person_key(lib, p.person_id);
    if (!key) return key.error();
    if (*key) out.push_back(p.person_id);
  }
  return out;
}

Result<RekeyPreview> preview_rekey(store::Library& lib, RowId session_id, RowId actor_id, RowId person_id,
                                   const std::string& new_key) {
  if (auto ok = may_rekey(lib, session_id, actor_id, person_id); !ok) return ok.error();
  const std::string name = person_name(lib, person_id);
  auto old = exchange::check_rekey_key(lib, person_id, name, new_key);
  if (!old) return old.error();
  auto mine = identity_of(lib, actor_id);
  if (!mine) return mine.error();
  if (!*mine || !(**mine).secret_here) {  // the sentence unlocking gives
    auto none = unlock_identity(lib, actor_id, "");
    return none ? make_error(person_name(lib, actor_id) + " has no signing key on this computer.") : none.error();
  }
  return RekeyPreview{name, new_key, fingerprint_of(*old), fingerprint_of(new_key), (**mine).sealed};
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
