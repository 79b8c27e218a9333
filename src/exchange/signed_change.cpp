#include "exchange/signed_change.hpp"

#include <cctype>

#include "base/text.hpp"
#include "crypto/canonical_json.hpp"
#include "crypto/content_hash.hpp"

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

Status append_canonical_string(std::string& out, const std::string& s) {
  // Most envelope fields (base64, uuids, kinds, plain names) need no escape: canonical JSON
  // writes valid UTF-8 as is and escapes only '"', '\\' and bytes below 0x20. Anything else
  // goes through canonical_json itself (a test holds the two equal).
  bool plain = is_valid_utf8(s);
  for (std::size_t i = 0; plain && i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    plain = b >= 0x20 && b != '"' && b != '\\';
  }
  if (plain) {
    out += '"';
    out += s;
    out += '"';
    return ok_status();
  }
  auto q = crypto::canonical_json(json(s));
  if (!q) return q.error();
  out += *q;
  return ok_status();
}

Result<std::string> signed_bytes_with(const Change& c, const std::string& canonical_data) {
  // The canonical form of envelope(c), built around the data's canonical bytes rather than
  // by copying the data into a new object and serialising it again: keys in byte order
  // ("data" < "key" < "kind" < "session" < "signer"), no whitespace. A test holds it equal
  // to crypto::canonical_json(envelope(c)).
  std::string out;
  out.reserve(canonical_data.size() + c.key.size() + c.session.size() + c.signer.size() + c.kind.size() + 64);
  out += "{\"data\":";
  out += canonical_data;
  for (auto [name, value] : {std::pair{",\"key\":", &c.key}, std::pair{",\"kind\":", &c.kind},
                             std::pair{",\"session\":", &c.session}, std::pair{",\"signer\":", &c.signer}}) {
    out += name;
    if (auto s = append_canonical_string(out, *value); !s) return s.error();
  }
  out += '}';
  return out;
}

Result<std::string> signed_bytes(const Change& c) {
  auto data = crypto::canonical_json(c.data);
  if (!data) return data.error();
  return signed_bytes_with(c, *data);
}

Result<Change> sign_change(std::string kind, std::string session, std::string signer, const crypto::SecretKey& key,
                           json data) {
  Change c{std::move(kind), std::move(session), std::move(signer), crypto::to_base64(key.public_key()), std::move(data), {}};
  auto bytes = signed_bytes(c);
  if (!bytes) return bytes.error();
  c.sig = crypto::sign(key, *bytes);
  return c;
}

namespace {
// canonical_json's sentence, as a clause to follow "its signature cannot be checked: ".
std::string as_clause(std::string why) {
  if (!why.empty() && why.back() == '.') why.pop_back();
  if (!why.empty()) why[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(why[0])));
  return why;
}
}  // namespace

Result<std::string> canonical_data_of(const Change& c) {
  auto data = crypto::canonical_json(c.data);
  if (!data) return make_error("its signature cannot be checked: " + as_clause(data.error().message));
  return data;
}

Result<std::string> verify_change(const Change& c) {
  if (!crypto::public_key_from_base64(c.key)) return make_error("its signer's key is not an Ed25519 public key");
  auto data = canonical_data_of(c);
  if (!data) return data.error();
  return verify_change_with(c, std::move(*data));
}

Result<std::string> verify_change_with(const Change& c, std::string canonical_data) {
  auto pk = crypto::public_key_from_base64(c.key);
  if (!pk) return make_error("its signer's key is not an Ed25519 public key");
  auto bytes = signed_bytes_with(c, canonical_data);
  if (!bytes) return make_error("its signature cannot be checked: " + as_clause(bytes.error().message));
  if (!crypto::verify(*pk, *bytes, c.sig)) return make_error("it does not match its signature: it was changed after it was signed");
  return canonical_data;
}

std::string canonical_data_hash(std::string_view canonical_data) {
  const crypto::ContentHash h = crypto::content_hash(canonical_data);
  return std::string(reinterpret_cast<const char*>(h.data()), h.size());
}

bool signature_ok(const Change& c) { return verify_change(c).ok(); }

json change_to_json(const Change& c) {
  json j = envelope(c);
  j["sig"] = c.sig;
  return j;
}

Result<Change> envelope_from_json(json j, const std::string& where) {
  if (!j.is_object()) return make_error(where + " is not an object");
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "kind" && it.key() != "session" && it.key() != "signer" && it.key() != "key" && it.key() != "data" &&
        it.key() != "sig")
      return make_error(where + " has an unknown field \"" + it.key() + "\"");
  Change c;
  // One lookup per field, its text moved out of the document (the caller is done with it).
  for (auto [name, out] : {std::pair{"kind", &c.kind}, std::pair{"session", &c.session}, std::pair{"signer", &c.signer},
                           std::pair{"key", &c.key}, std::pair{"sig", &c.sig}}) {
    auto it = j.find(name);
    if (it == j.end() || !it->is_string()) return make_error(where + " has no \"" + name + "\" text");
    *out = std::move(it->get_ref<std::string&>());
    if (out->size() > 4096) return make_error(where + " field \"" + name + "\" is too long");
  }
  if (c.signer.empty()) return make_error(where + " names no signer");
  if (!crypto::public_key_from_base64(c.key)) return make_error(where + " has a malformed key");
  auto data = j.find("data");
  if (data == j.end() || !data->is_object()) return make_error(where + " has no data object");
  c.data = std::move(*data);
  return c;
}

Result<Change> change_from_json(json j, const std::string& where) {
  auto c = envelope_from_json(std::move(j), where);
  if (c && !is_change_kind(c->kind)) return make_error(where + " is of an unknown kind '" + c->kind + "'");
  return c;
}

std::string_view change_subject_view(const Change& c, std::string& scratch) {
  auto field = [&](const char* k) -> std::string_view {
    auto it = c.data.find(k);
    return it != c.data.end() && it->is_string() ? std::string_view(it->get_ref<const std::string&>()) : std::string_view();
  };
  if (c.kind == "comment" || c.kind == "action") return field("uuid");
  if (c.kind == "key" || c.kind == "participant" || c.kind == "submission") return field("person");
  if (c.kind == "approval") return field("comment");
  if (c.kind == "rekey") return field("key");  // a key is bound to one person, so each re-key is its own subject
  if (c.kind == "prediction") return scratch = prediction_subject(std::string(field("author")), std::string(field("pupil")),
                                                                 std::string(field("phase")));
  return c.session;  // genesis, session, protocol, case, reveal: one per session
}

std::string change_subject(const Change& c) {
  std::string scratch;
  return std::string(change_subject_view(c, scratch));
}

std::string prediction_subject(const std::string& author, const std::string& pupil, const std::string& phase) {
  return json::array({author, pupil, phase}).dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace triad::exchange
