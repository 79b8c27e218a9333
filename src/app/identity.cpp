#include "app/identity.hpp"

#include <map>

#include "base/wall_clock.hpp"
#include "crypto/key_file.hpp"
#include "store/signed_changes.hpp"

namespace triad::app {

namespace {

std::filesystem::path keys_dir(store::Library& lib) { return crypto::keys_dir_for(lib.path()); }

IdentityInfo info_for(RowId id, const std::string& name, const crypto::PublicKey& pk) {
  IdentityInfo i;
  i.person_id = id;
  i.person = name;
  i.public_key = crypto::to_base64(pk);
  i.fingerprint = crypto::fingerprint(pk);
  return i;
}

}  // namespace

Result<IdentityInfo> create_identity(store::Library& lib, RowId person_id, const std::string& passphrase) {
  auto person = lib.get_person(person_id);
  if (!person) return person.error();
  auto existing = identity_of(lib, person_id);
  if (!existing) return existing.error();
  if (*existing)
    return make_error(person->display_name + " already has a signing key (fingerprint " + (*existing)->fingerprint +
                      "); a second key is refused unless a facilitator re-keys them.");
  auto kp = crypto::generate_key_pair();
  if (!kp) return kp.error();
  auto tx = lib.begin();
  if (!tx) return tx.error();
  if (auto s = store::bind_person_key(lib, person_id, crypto::to_base64(kp->public_key), now_ms()); !s) return s.error();
  auto file = crypto::write_key_file(keys_dir(lib), person->display_name, *kp, passphrase);
  if (!file) return file.error();
  if (auto c = tx->commit(); !c) {
    std::error_code ec;
    std::filesystem::remove(file->path, ec);  // the binding did not land: no orphan key file
    return c.error();
  }
  IdentityInfo i = info_for(person_id, person->display_name, kp->public_key);
  i.secret_here = true;
  i.sealed = file->sealed;
  return i;
}

Result<std::optional<IdentityInfo>> identity_of(store::Library& lib, RowId person_id) {
  auto person = lib.get_person(person_id);
  if (!person) return person.error();
  auto bound = store::person_key(lib, person_id);
  if (!bound) return bound.error();
  auto file = crypto::find_key_file(keys_dir(lib), person->display_name);
  if (!file) return file.error();
  std::optional<crypto::PublicKey> pk;
  if (*bound) pk = crypto::public_key_from_base64(**bound);
  else if (*file) pk = (*file)->public_key;
  if (!pk) return std::optional<IdentityInfo>();
  IdentityInfo i = info_for(person_id, person->display_name, *pk);
  // A key file only counts when it holds the key bound here (not a stale one).
  i.secret_here = *file && (*file)->public_key == *pk;
  i.sealed = i.secret_here && (*file)->sealed;
  return std::optional<IdentityInfo>(std::move(i));
}

Result<std::vector<IdentityInfo>> list_identities(store::Library& lib) {
  auto people = lib.list_people();
  if (!people) return people.error();
  std::vector<IdentityInfo> out;
  for (const auto& p : *people) {
    auto i = identity_of(lib, p.id);
    if (!i) return i.error();
    if (*i) out.push_back(std::move(**i));
  }
  return out;
}

Result<crypto::SecretKey> unlock_identity(store::Library& lib, RowId person_id, const std::string& passphrase) {
  auto person = lib.get_person(person_id);
  if (!person) return person.error();
  auto i = identity_of(lib, person_id);
  if (!i) return i.error();
  if (!*i || !(*i)->secret_here)
    return make_error(person->display_name + " has no signing key on this computer; create one with `triad identity create --as \"" +
                      person->display_name + "\"`.");
  auto file = crypto::find_key_file(keys_dir(lib), person->display_name);
  if (!file) return file.error();
  return crypto::unlock_key_file(**file, passphrase);
}

Result<exchange::ExportReport> export_signed_bundle(store::Library& lib, RowId session_id, exchange::Audience audience,
                                                    RowId exporter_id, const std::string& passphrase, std::int64_t now_ms) {
  auto key = unlock_identity(lib, exporter_id, passphrase);
  if (!key) return key.error();
  return exchange::export_bundle(lib, session_id, audience, exporter_id, *key, now_ms);
}

}  // namespace triad::app
