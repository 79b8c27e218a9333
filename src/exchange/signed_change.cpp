#include "exchange/signed_change.hpp"

#include "crypto/canonical_json.hpp"

namespace triad::exchange {
using nlohmann::json;

bool is_change_kind(std::string_view kind) { return change_kind_rank(kind) >= 0; }

int change_kind_rank(std::string_view kind) {
  int i = 0;
  for (auto k : kChangeKinds) {
    if (k == kind) return i;
    ++i;
  }
  return -1;
}

namespace {
json envelope(const Change& c) {
  return json{{"kind", c.kind}, {"session", c.session}, {"signer", c.signer}, {"key", c.key}, {"data", c.data}};
}
}  // namespace

Result<std::string> signed_bytes(const Change& c) { return crypto::canonical_json(envelope(c)); }

Result<Change> sign_change(std::string kind, std::string session, std::string signer, const crypto::SecretKey& key,
                           json data) {
  Change c{std::move(kind), std::move(session), std::move(signer), crypto::to_base64(key.public_key()), std::move(data), {}};
  auto bytes = signed_bytes(c);
  if (!bytes) return bytes.error();
  c.sig = crypto::sign(key, *bytes);
  return c;
}

bool signature_ok(const Change& c) {
  auto pk = crypto::public_key_from_base64(c.key);
  if (!pk) return false;
  auto bytes = signed_bytes(c);
  return bytes && crypto::verify(*pk, *bytes, c.sig);
}

json change_to_json(const Change& c) {
  json j = envelope(c);
  j["sig"] = c.sig;
  return j;
}

Result<Change> change_from_json(const json& j, const std::string& where) {
  if (!j.is_object()) return make_error(where + " is not an object");
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "kind" && it.key() != "session" && it.key() != "signer" && it.key() != "key" && it.key() != "data" &&
        it.key() != "sig")
      return make_error(where + " has an unknown field \"" + it.key() + "\"");
  Change c;
  for (auto [name, out] : {std::pair{"kind", &c.kind}, std::pair{"session", &c.session}, std::pair{"signer", &c.signer},
                           std::pair{"key", &c.key}, std::pair{"sig", &c.sig}}) {
    if (!j.contains(name) || !j[name].is_string()) return make_error(where + " has no \"" + name + "\" text");
    *out = j[name].get<std::string>();
    if (out->size() > 4096) return make_error(where + " field \"" + name + "\" is too long");
  }
  if (!is_change_kind(c.kind)) return make_error(where + " is of an unknown kind '" + c.kind + "'");
  if (c.signer.empty()) return make_error(where + " names no signer");
  if (!crypto::public_key_from_base64(c.key)) return make_error(where + " has a malformed key");
  if (!j.contains("data") || !j["data"].is_object()) return make_error(where + " has no data object");
  c.data = j["data"];
  return c;
}

std::string change_subject(const Change& c) {
  auto field = [&](const char* k) {
    auto it = c.data.find(k);
    return it != c.data.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (c.kind == "comment" || c.kind == "action") return field("uuid");
  if (c.kind == "key" || c.kind == "participant" || c.kind == "submission") return field("person");
  if (c.kind == "approval") return field("comment");
  return c.session;  // genesis, session, protocol, reveal: one per session
}

}  // namespace triad::exchange
