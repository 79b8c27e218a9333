#include "exchange/bundle.hpp"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_set>

#include "base/text.hpp"
#include "base/uuid.hpp"
#include "core/merge.hpp"
#include "core/protocol.hpp"
#include "core/recording_clock.hpp"
#include "core/roles.hpp"
#include "core/visibility.hpp"
#include "crypto/canonical_json.hpp"
#include "exchange/bundle_data.hpp"
#include "exchange/change_batch.hpp"
#include "exchange/change_reader.hpp"
#include "exchange/change_verifier.hpp"
#include "exchange/text_encoding.hpp"
#include "store/lesson_study.hpp"
#include "store/signed_changes.hpp"
#include "store/workflow.hpp"

namespace triad::exchange {
using nlohmann::json;

namespace {

// Deepest nesting of arrays/objects, scanned before parsing so a hostile file cannot
// make the parser (or the destructor) recurse deeply.
int json_depth(std::string_view s) {
  int depth = 0, max_depth = 0;
  bool in_string = false, escaped = false;
  for (char c : s) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') max_depth = std::max(max_depth, ++depth);
    else if (c == ']' || c == '}') --depth;
  }
  return max_depth;
}

}  // namespace

// ---- export ------------------------------------------------------------------------------

Result<ExportReport> export_bundle(store::Library& lib, RowId session_id, Audience audience, RowId exporter_id,
                                   const crypto::SecretKey& key, std::int64_t now_ms) {
  auto session = lib.get_session(session_id);
  if (!session) return session.error();
  auto access = store::load_session_access(lib, session_id);
  if (!access) return access.error();
  Viewer viewer = access->viewer(exporter_id);
  if (viewer.role)
    if (auto s = may_export(*viewer.role); !s) return s.error();
  detail::TravelNames names(lib, *session);
  auto me = names.name_of(exporter_id);
  if (!me) return me.error();
  const std::string my_key = crypto::to_base64(key.public_key());
  auto bound = store::person_key(lib, exporter_id);
  if (!bound) return bound.error();
  if (!*bound || **bound != my_key)
    return make_error(*me + " has no signing key bound in this library, or the key given is not theirs; create or unlock " +
                      *me + "'s identity first.");

  ExportReport report;
  json changes = json::array();
  const std::string& suuid = session->uuid;
  // Changes passed on under someone else's signature, and where each sits in `changes`:
  // their own signatures are checked before they leave (below).
  std::vector<Change> others;
  std::vector<std::size_t> others_at;
  std::vector<bool> signed_here;  // per entry of `changes`: signed in this export (else forwarded)
  auto push = [&](Change c, bool fresh = false) {
    changes.push_back(change_to_json(c));
    signed_here.push_back(fresh);
    if (c.signer != *me || c.key != my_key) {
      others_at.push_back(changes.size() - 1);
      others.push_back(std::move(c));
    }
  };

  auto geneses = store::list_changes_of_kind(lib, suuid, "genesis");
  if (!geneses) return geneses.error();
  std::optional<store::StoredChange> genesis;
  for (auto& c : *geneses) genesis = c;

  auto role_of = [&](RowId id) -> std::optional<Role> {
    auto it = access->roles.find(id);
    return it == access->roles.end() ? std::nullopt : std::optional<Role>(it->second);
  };
  const auto my_role = role_of(exporter_id);
  const bool teacherish = session->teacher_id == exporter_id;
  if (!genesis) {
    // The roster's chain starts at the session's creator: the first person to share the
    // session from this library, who must be one who may set it up.
    if (!(access->roles.empty() || teacherish ||
          leads_session(my_role)))
      return make_error("Session '" + session->title + "' has not been shared yet; its facilitator or observed teacher must export it first (they start its signed roster).");
    auto g = sign_change("genesis", suuid, *me, key, json{{"creator", *me}, {"created_at_ms", session->created_at_ms}});
    if (!g) return g.error();
    auto data = crypto::canonical_json(g->data);
    if (!data) return data.error();
    store::StoredChange sc{suuid, "genesis", suuid, *me, g->key, *data, g->sig, false};
    if (auto s = store::put_change(lib, sc); !s) return s.error();
    genesis = sc;
  }
  // The creator signs as the chain's root only while the roster gives them no role (the
  // import's rule, bundle_import.cpp): a creator demoted since has the role they were given.
  const bool authority = my_role ? leads_session(*my_role) : genesis->signer == *me;

  // One record: forwarded with a stored signature when one covers exactly this state,
  // else signed now when the exporter may make it, else left out (said so).
  auto emit = [&](const std::string& kind, const std::string& subject, json data, bool may_sign,
                  const std::string& who, bool* sent = nullptr) -> Status {
    const std::string where = kind + " " + subject;
    if (auto ok = detail::check_data(kind, data, where); !ok) {
      report.warnings.push_back("left out: " + ok.error().message);
      return ok_status();
    }
    auto text = crypto::canonical_json(data);
    if (!text) return text.error();
    // An applied comment change is kept by its data's hash alone (store/signed_changes.hpp).
    auto stored = store::find_change(lib, suuid, kind, subject, *text, canonical_data_hash(*text));
    if (!stored) return stored.error();
    Change c;
    if (*stored) {
      c = Change{kind, suuid, (*stored)->signer, (*stored)->public_key, std::move(data), (*stored)->signature};
      ++report.forwarded;
    } else if (may_sign) {
      auto s = sign_change(kind, suuid, *me, key, std::move(data));
      if (!s) return s.error();
      c = std::move(*s);
      ++report.signed_now;
      push(std::move(c), true);
      if (sent) *sent = true;
      return ok_status();
    } else {
      report.warnings.push_back("left out: " + who + "'s " + kind + " change is not signed in this library (" + who +
                                " must export it)");
      return ok_status();
    }
    push(std::move(c));
    if (sent) *sent = true;
    return ok_status();
  };

  {
    auto data = crypto::parse_json_strict(genesis->data, "the stored genesis");
    if (!data) return data.error();
    push(Change{"genesis", suuid, genesis->signer, genesis->public_key, *data, genesis->signature});
  }

  std::string school;
  if (session->school_id)
    if (auto s = lib.get_school(*session->school_id)) school = s->name;
  std::string teacher;
  if (session->teacher_id) {
    auto t = names.name_of(*session->teacher_id);
    if (!t) return t.error();
    teacher = *t;
  }
  if (auto s = emit("session", suuid, detail::session_data(*session, school, teacher), authority, "the facilitator"); !s)
    return s.error();

  auto plist = store::list_participants(lib, session_id);
  if (!plist) return plist.error();
  // Re-keys (signed by the facilitator who made them) travel as kept; a key a re-key bound
  // travels in it, not in a `key` change, which a library holding the old key would refuse.
  auto rekeys = store::list_changes_of_kind_everywhere(lib, "rekey");
  if (!rekeys) return rekeys.error();
  std::set<std::pair<std::string, std::string>> rekeyed;  // (person, key a re-key bound)
  std::vector<Change> session_rekeys;
  for (const auto& r : *rekeys) {
    auto data = crypto::parse_json_strict(r.data, "a stored re-key");
    if (!data) return data.error();
    if (auto ok = detail::check_data("rekey", *data, "a stored re-key"); !ok) return ok.error();
    rekeyed.insert({(*data)["person"].get<std::string>(), (*data)["key"].get<std::string>()});
    if (r.session_uuid == suuid) session_rekeys.push_back(Change{"rekey", suuid, r.signer, r.public_key, *data, r.signature});
  }
  for (const auto& p : *plist) {
    auto n = names.name_of(p.person_id);
    if (!n) return n.error();
    auto k = store::person_key(lib, p.person_id);
    if (!k) return k.error();
    if (*k && !rekeyed.count({*n, **k}))
      if (auto s = emit("key", *n, json{{"person", *n}, {"key", **k}}, authority, "the facilitator"); !s) return s.error();
  }
  for (const auto& p : *plist) {
    auto n = names.name_of(p.person_id);
    if (!n) return n.error();
    auto claim = store::participant_claim(lib, session_id, p.person_id);
    if (!claim) return claim.error();
    json data{{"person", *n}, {"role", std::string(to_string(p.role))}, {"role_set_at_ms", *claim ? (*claim)->set_at_ms : 0}};
    if (auto s = emit("participant", *n, std::move(data), authority, "the facilitator"); !s) return s.error();
  }
  for (auto& r : session_rekeys) {
    ++report.forwarded;
    push(std::move(r));
  }
  // Where every camera and microphone sits on the session clock, signed like the session's
  // details (by the facilitator or teacher, forwarded by anyone else) so that no edited
  // bundle places a library's recordings.
  auto recs = lib.recordings_for_session(session_id);
  if (!recs) return recs.error();
  json placed = json::array();
  if (const Recording* clock = session_clock(*recs)) {
    auto put = [&](const Recording& r) {
      placed.push_back({{"fingerprint", r.fingerprint}, {"duration_us", r.duration_us}, {"label", r.label},
                        {"role", std::string(to_string(r.role))}, {"offset_us", r.sync_offset_us},
                        {"drift_ppb", r.drift_ppb}, {"clock", r.id == clock->id}});
    };
    put(*clock);
    for (const auto& r : *recs)
      if (r.id != clock->id) put(r);
    if (auto s = emit("recordings", suuid, json{{"recordings", placed}}, authority, "the facilitator"); !s) return s.error();
  }

  auto own = store::get_own_protocol(lib, session_id);
  if (!own) return own.error();
  if (*own) {
    std::string by = *me;
    if ((*own)->updated_by) {
      auto n = names.name_of((*own)->updated_by);
      if (!n) return n.error();
      by = *n;
    }
    json data{{"protocol", json::parse(protocol_to_json(**own))}, {"updated_at_ms", (*own)->updated_at_ms}, {"by", by}};
    if (auto s = emit("protocol", suuid, std::move(data), authority && by == *me, by); !s) return s.error();
  }

  // Lesson Study: the case (signed by whoever made its last edit, like the protocol) and
  // each prediction (signed by its author).
  auto lesson_case = store::get_case(lib, session_id);
  if (!lesson_case) return lesson_case.error();
  if (lesson_case->updated_at_ms > 0 || !lesson_case->empty()) {
    std::string by = *me;
    if (lesson_case->updated_by) {
      auto n = names.name_of(lesson_case->updated_by);
      if (!n) return n.error();
      by = *n;
    }
    if (auto s = emit("case", suuid, detail::case_data(*lesson_case, by), authority && by == *me, by); !s) return s.error();
  }
  auto predictions = store::list_predictions(lib, session_id);
  if (!predictions) return predictions.error();
  for (const auto& p : *predictions) {
    auto author = names.name_of(p.author_id);
    if (!author) return author.error();
    if (auto s = emit("prediction", prediction_subject(*author, p.pupil, p.phase), detail::prediction_data(p, *author),
                      p.author_id == exporter_id, *author);
        !s)
      return s.error();
  }

  // Which comments may leave is the export view's decision (visibility, audience, private
  // comments, dangling replies, pupil codes), shared with every other export.
  auto view = export_view(lib, {session_id, exporter_id, audience, true});
  if (!view) return view.error();
  const std::vector<Comment>& chosen = view->comments;
  std::set<std::string> kept, left_out;  // left_out: chosen, but not in the bundle (said so)
  int left_out_replies = 0;
  for (const auto& c : chosen) kept.insert(c.uuid);
  for (const auto& c : chosen) {
    if (c.parent_uuid && !kept.count(*c.parent_uuid)) {  // a reply never dangles
      kept.erase(c.uuid);
      if (left_out.count(*c.parent_uuid)) {
        left_out.insert(c.uuid);
        ++left_out_replies;
      }
      continue;
    }
    auto author = names.name_of(c.author_id);
    if (!author) return author.error();
    const bool detective_author = role_of(c.author_id) == Role::LearningDetective;
    const bool may_sign = c.author_id == exporter_id || (detective_author && my_role == Role::Facilitator);
    Comment out = c;
    if (!is_pupil_code(out.pupil)) out.pupil.clear();
    bool sent = false;
    if (auto s = emit("comment", c.uuid, detail::comment_data(out, *author), may_sign, *author, &sent); !s) return s.error();
    if (!sent) {  // left out (not signed here, outside the limits): named by nothing below
      kept.erase(c.uuid);
      left_out.insert(c.uuid);
    }
  }

  // Forwarded changes are checked before they leave (below), and a reply whose comment is
  // left out goes too: which comments travel is settled here, before the approvals and
  // actions that may name them, so that neither names a comment the bundle does not carry.
  std::vector<bool> drop;
  std::string first_unverified;
  auto check_forwarded = [&](std::size_t from) {
    drop.resize(changes.size(), false);
    if (from >= others.size()) return;
    std::vector<Change> batch(others.begin() + static_cast<std::ptrdiff_t>(from), others.end());
    ChangeVerifier verifier(batch);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      auto v = verifier.take(i);
      if (v) continue;
      if (report.left_out_unverified++ == 0)
        first_unverified = batch[i].signer + "'s " + batch[i].kind + " change (" + change_subject(batch[i]) + "): " + v.error().message;
      drop[others_at[from + i]] = true;
      if (batch[i].kind != "genesis") --report.forwarded;  // the genesis is not counted as forwarded
    }
  };
  check_forwarded(0);
  const std::size_t checked_others = others.size();
  {
    // A reply never travels without the comment it answers: one whose parent was left out
    // (not signed here, outside the limits, not verifying) would reach every receiver
    // dangling. Left out too (replies to it as well), said once.
    std::set<std::string> present;
    for (std::size_t i = 0; i < changes.size(); ++i)
      if (!drop[i] && changes[i]["kind"] == "comment") present.insert(changes[i]["data"]["uuid"].get<std::string>());
    int dangling = left_out_replies;
    for (bool more = true; more;) {
      more = false;
      for (std::size_t i = 0; i < changes.size(); ++i) {
        if (drop[i] || changes[i]["kind"] != "comment") continue;
        const json& parent = changes[i]["data"]["parent_uuid"];
        if (parent.is_null() || present.count(parent.get<std::string>())) continue;
        drop[i] = true;
        present.erase(changes[i]["data"]["uuid"].get<std::string>());
        --(signed_here[i] ? report.signed_now : report.forwarded);
        ++dangling;
        more = true;
      }
    }
    if (dangling > 0)
      report.warnings.push_back("left out: " + std::to_string(dangling) + (dangling == 1 ? " reply" : " replies") +
                                " whose comment is not in this bundle (a reply never travels without the comment it answers)");
    kept = std::move(present);
  }

  auto review = store::review_state(lib, session_id);
  if (!review) return review.error();
  for (const auto& sub : review->submissions) {
    auto n = names.name_of(sub.person_id);
    if (!n) return n.error();
    if (auto s = emit("submission", *n, json{{"person", *n}, {"submitted_at_ms", sub.submitted_at_ms}},
                      sub.person_id == exporter_id, *n);
        !s)
      return s.error();
  }
  auto approvals = store::list_approvals(lib, session_id);
  if (!approvals) return approvals.error();
  for (const auto& a : *approvals) {
    if (!kept.count(a.comment_uuid) || !a.approved_by) continue;
    auto n = names.name_of(a.approved_by);
    if (!n) return n.error();
    if (auto s = emit("approval", a.comment_uuid,
                      json{{"comment", a.comment_uuid}, {"by", *n}, {"approved_at_ms", a.approved_at_ms}},
                      a.approved_by == exporter_id, *n);
        !s)
      return s.error();
  }
  if (review->reveal && review->reveal->revealed_by) {
    auto n = names.name_of(review->reveal->revealed_by);
    if (!n) return n.error();
    json data{{"by", *n}, {"revealed_at_ms", review->reveal->revealed_at_ms}, {"automatic", review->reveal->automatic}};
    if (auto s = emit("reveal", suuid, std::move(data), review->reveal->revealed_by == exporter_id, *n); !s) return s.error();
  }

  auto actions = store::list_actions(lib, session_id);
  if (!actions) return actions.error();
  for (const auto& a : *actions) {
    if (a.uuid.empty()) continue;
    std::optional<std::string> owner;
    if (a.owner_id) {
      auto n = names.name_of(*a.owner_id);
      if (!n) return n.error();
      owner = *n;
    }
    auto by = names.name_of(a.created_by);
    if (!by) return by.error();
    // The comment an action came from is named only when this bundle carries that comment:
    // a private comment's uuid never leaves through an action.
    std::optional<std::string> link;
    if (a.comment_uuid && kept.count(*a.comment_uuid)) link = a.comment_uuid;
    const bool staff = my_role && is_staff(*my_role);
    if (auto s = emit("action", a.uuid, detail::action_data(a, owner, link, *by), staff, *by); !s) return s.error();
  }

  json doc;
  doc["format"] = "triad-bundle";
  doc["version"] = kBundleVersion;
  doc["audience"] = std::string(to_string(audience));
  doc["created_at_ms"] = now_ms;
  doc["exported_by"] = *me;
  doc["session"] = suuid;
  doc["title"] = session->title;
  json fws = json::array();
  auto sfw = lib.session_frameworks(session_id);
  if (!sfw) return sfw.error();
  // Framework::pupils are codes (the store refuses anything else): lanes travel, names cannot.
  for (const auto& f : *sfw) fws.push_back(json::parse(framework_to_json(f)));
  doc["frameworks"] = std::move(fws);
  doc["recording"] = recs->empty() ? json(nullptr)
                                   : json{{"fingerprint", session_clock(*recs)->fingerprint}, {"duration_us", session_clock(*recs)->duration_us}};
  // The placements travel in the signed `recordings` change above; the top-level list is
  // kept for people reading the file (and readers from before) and is never applied.
  doc["recordings"] = std::move(placed);
  // A forwarded change travels without its author's batch, so every receiver checks its own
  // signature. One this library took on its author's batch alone (BUNDLE_FORMAT.md, "What a
  // batch trusts") would make every receiver refuse the whole bundle: it is left out, said so.
  check_forwarded(checked_others);  // the approvals, reveal and actions passed on since
  if (report.left_out_unverified > 0) {
    const int n = report.left_out_unverified;
    report.warnings.push_back("left out: " + std::to_string(n) + (n == 1 ? " change" : " changes") +
                              " forwarded from other people, because " + (n == 1 ? "its" : "their") +
                              " own signature does not verify (first: " + first_unverified +
                              "); this library took " + (n == 1 ? "it" : "them") +
                              " on the author's signed batch alone, which no other library sees, and every other library would refuse the whole bundle over " +
                              (n == 1 ? "it" : "them"));
  }
  if (std::find(drop.begin(), drop.end(), true) != drop.end()) {
    json kept_changes = json::array();
    for (std::size_t i = 0; i < changes.size(); ++i)
      if (!drop[i]) kept_changes.push_back(std::move(changes[i]));
    changes = std::move(kept_changes);
  }
  // One signature over the exporter's own changes, so a receiver verifies them at once
  // (exchange/change_batch.hpp); each still carries its own signature for forwarding.
  auto batch = sign_batch(suuid, *me, key, changes);
  if (!batch) return batch.error();
  if (*batch) doc["attestations"] = json::array({change_to_json(**batch)});
  doc["changes"] = std::move(changes);
  report.text = doc.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
  // Whatever a library exports every library accepts: one bundle over the size limit is
  // refused here rather than by every receiver.
  if (report.text.size() > kMaxBundleBytes)
    return make_error("The bundle of session '" + session->title + "' would be " + std::to_string(report.text.size() >> 20) +
                      " MiB, more than the " + std::to_string(kMaxBundleBytes >> 20) +
                      " MiB any library accepts, so it was not made.");
  return report;
}

// ---- parse -------------------------------------------------------------------------------

namespace detail {  // also the check of a signed `recordings` change (bundle_data.cpp)

constexpr std::size_t kMaxBundleRecordings = 16;
constexpr std::int64_t kMaxDriftPpb = 1'000'000;  // 1000 ppm: far beyond any real clock

// The "recordings" list: every field checked for type and range, labels as names.
Result<std::vector<BundleRecording>> parse_bundle_recordings(const json& list) {
  if (!list.is_array()) return make_error("its recordings are not a list");
  if (list.size() > kMaxBundleRecordings)
    return make_error("it places more than " + std::to_string(kMaxBundleRecordings) + " recordings");
  std::vector<BundleRecording> out;
  bool has_clock = false;
  for (const json& r : list) {
    const std::string where = "recording " + std::to_string(out.size() + 1);
    if (!r.is_object()) return make_error(where + " is not an object");
    for (const auto& [key, value] : r.items()) {
      static const std::set<std::string> known = {"fingerprint", "duration_us", "label", "role",
                                                  "offset_us",   "drift_ppb",   "clock"};
      if (!known.count(key)) return make_error(where + " has an unknown field '" + key + "'");
    }
    auto str = [&](const char* k) -> const std::string* {
      return r.contains(k) && r[k].is_string() ? &r[k].get_ref<const std::string&>() : nullptr;
    };
    auto num = [&](const char* k) -> std::optional<std::int64_t> {
      if (!r.contains(k) || !r[k].is_number_integer()) return std::nullopt;
      return r[k].get<std::int64_t>();
    };
    BundleRecording b;
    const std::string* fp = str("fingerprint");
    if (!fp || fp->empty() || fp->size() > 256 || !is_valid_utf8(*fp)) return make_error(where + " has no valid fingerprint");
    b.fingerprint = *fp;
    const auto dur = num("duration_us");
    const auto off = num("offset_us");
    const auto drift = num("drift_ppb");
    if (!dur || *dur < 0 || *dur > kMaxMediaTimeUs) return make_error(where + "'s duration is out of range");
    if (!off || *off < -kMaxMediaTimeUs || *off > kMaxMediaTimeUs) return make_error(where + "'s offset is out of range");
    if (!drift || *drift < -kMaxDriftPpb || *drift > kMaxDriftPpb) return make_error(where + "'s drift is out of range");
    b.duration_us = *dur;
    b.offset_us = *off;
    b.drift_ppb = *drift;
    const std::string* label = str("label");
    if (!label) return make_error(where + " has no label");
    auto clean = check_name(*label, where + "'s label", true, 200);
    if (!clean) return make_error(clean.error().message);
    b.label = *clean;
    const std::string* role = str("role");
    auto parsed = role ? parse_recording_role(*role) : std::nullopt;
    if (!parsed) return make_error(where + " has no valid role");
    b.role = *parsed;
    if (!r.contains("clock") || !r["clock"].is_boolean()) return make_error(where + " does not say whether it is the clock");
    b.clock = r["clock"].get<bool>();
    if (b.clock && has_clock) return make_error("it names two session clocks");
    has_clock |= b.clock;
    out.push_back(std::move(b));
  }
  if (!out.empty() && !has_clock) return make_error("its recordings name no session clock");
  return out;
}

}  // namespace detail

Result<Bundle> parse_bundle(std::string_view bytes, const std::string& source) {
  auto fail = [&](const std::string& what) { return make_error("'" + source + "' is not a valid bundle: " + what + "."); };
  if (bytes.size() > kMaxBundleBytes) return fail("it is larger than " + std::to_string(kMaxBundleBytes >> 20) + " MiB");
  if (bytes.empty()) return fail("it is empty");
  if (!is_valid_utf8(bytes)) return fail("it is not valid UTF-8");
  if (json_depth(bytes) > kMaxJsonDepth) return fail("it is nested too deeply");
  auto parsed = crypto::parse_json_strict(bytes, source);
  if (!parsed) return fail(parsed.error().message.substr(source.size() + 3));
  json& doc = *parsed;  // the changes are moved out of it below
  if (!doc.is_object() || !doc.contains("format") || doc["format"] != "triad-bundle")
    return fail("it has no \"format\": \"triad-bundle\"");
  if (!doc.contains("version") || !doc["version"].is_number_integer()) return fail("it has no version number");
  const auto version = doc["version"].get<std::int64_t>();
  if (version == 1)
    return make_error("'" + source + "' is a version 1 bundle, which nobody signed, so it cannot be trusted; ask its sender to export it again with this Triad (triad bundle export).");
  if (version != kBundleVersion)
    return make_error("'" + source + "' is a version " + doc["version"].dump() + " bundle; this Triad reads version " +
                      std::to_string(kBundleVersion) + ".");
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    static const std::set<std::string> known = {"format", "version", "audience", "created_at_ms", "exported_by", "session",
                                                "title", "frameworks", "recording", "recordings", "changes",
                                                "attestations"};
    if (!known.count(it.key())) return fail("it has an unknown field \"" + it.key() + "\"");
  }
  Bundle b;
  auto str = [&](const char* k, std::size_t max) -> Result<std::string> {
    if (!doc.contains(k) || !doc[k].is_string()) return fail(std::string("it has no \"") + k + "\" text");
    if (doc[k].get_ref<const std::string&>().size() > max) return fail(std::string("its \"") + k + "\" is too long");
    return doc[k].get<std::string>();
  };
  auto aud = str("audience", 32);
  if (!aud) return aud.error();
  auto a = parse_audience(*aud);
  if (!a) return fail("audience '" + *aud + "' is neither triad nor everyone");
  b.audience = *a;
  if (!doc.contains("created_at_ms") || !doc["created_at_ms"].is_number_integer()) return fail("it has no creation time");
  b.created_at_ms = doc["created_at_ms"].get<std::int64_t>();
  auto by = str("exported_by", kMaxFieldBytes);
  if (!by) return by.error();
  b.exported_by = *by;
  auto su = str("session", 64);
  if (!su) return su.error();
  if (!is_uuid(*su)) return fail("the session '" + *su + "' is not a UUID");
  b.session_uuid = *su;
  auto title = str("title", kMaxFieldBytes);
  if (!title) return title.error();
  b.title = *title;

  if (doc.contains("frameworks")) {
    if (!doc["frameworks"].is_array()) return fail("frameworks is not a list");
    for (const json& f : doc["frameworks"]) {
      auto def = parse_framework(f.dump(), source);
      if (!def) return fail("a framework is invalid (" + def.error().message + ")");
      b.frameworks.push_back(std::move(*def));
    }
  }
  if (doc.contains("recording") && !doc["recording"].is_null()) {
    const json& r = doc["recording"];
    if (!r.is_object() || !r.contains("fingerprint") || !r["fingerprint"].is_string() ||
        r["fingerprint"].get_ref<const std::string&>().empty() || r["fingerprint"].get_ref<const std::string&>().size() > 256)
      return fail("its recording has no valid fingerprint");
    b.fingerprint = r["fingerprint"].get<std::string>();
    if (r.contains("duration_us")) {
      if (!r["duration_us"].is_number_integer() || r["duration_us"].get<std::int64_t>() < 0 ||
          r["duration_us"].get<std::int64_t>() > kMaxMediaTimeUs)
        return fail("its recording duration is out of range");
      b.duration_us = r["duration_us"].get<std::int64_t>();
    }
  }

  if (doc.contains("recordings")) {
    auto placed = detail::parse_bundle_recordings(doc["recordings"]);
    if (!placed) return fail(placed.error().message);
    b.recordings = std::move(*placed);
  }

  if (!doc.contains("changes") || !doc["changes"].is_array()) return fail("it has no list of changes");
  if (doc["changes"].size() > kMaxChanges) return fail("it has more than " + std::to_string(kMaxChanges) + " changes");
  // Changes come in kind order, so a repeat can only be of the kind being read: the
  // subjects of that kind alone are kept (a set of (kind, subject) pairs was a quarter of
  // the parse at 100,000 changes), as views into the changes already read (b.changes is
  // reserved below, so they never move) rather than copies.
  std::unordered_set<std::string_view> subjects;
  subjects.reserve(doc["changes"].size());
  std::deque<std::string> computed;  // subjects that are no field of a change (predictions'), kept for their views
  std::size_t index = 0;
  int last_rank = 0;
  bool has_genesis = false;
  b.changes.reserve(doc["changes"].size());
  std::vector<ReadChange> read = read_changes(doc["changes"]);  // two threads for a long list
  for (ReadChange& r : read) {
    ++index;
    if (!r.change) return fail("change " + std::to_string(index) + " could not be read: the computer ran out of memory");
    auto& c = *r.change;
    if (!c) return fail(c.error().message);
    const std::string where = "change " + std::to_string(index) + " (" + c->kind + ")";
    if (c->session != b.session_uuid) return fail(where + " belongs to another session");
    if (!r.data) return fail(r.data.error().message);
    const int rank = change_kind_rank(c->kind);
    if (rank < last_rank) return fail(where + " is out of order");
    if (rank != last_rank) subjects.clear();
    last_rank = rank;
    const Change& kept = b.changes.emplace_back(std::move(*c));
    std::string scratch;
    std::string_view subject = change_subject_view(kept, scratch);
    if (!scratch.empty() && subject.data() == scratch.data()) subject = computed.emplace_back(std::move(scratch));
    if (!subjects.insert(subject).second) return fail(where + " repeats " + kept.kind + " " + std::string(subject));
    if (kept.kind == "comment" && !audience_allows(b.audience, *parse_visibility(kept.data["visibility"].get<std::string>())))
      return fail(where + " is not meant for this bundle's audience");
    has_genesis |= kept.kind == "genesis";
    if (kept.kind == "session" && b.title.empty()) b.title = kept.data["title"].get<std::string>();
  }
  if (!has_genesis) return fail("it does not say who created the session (no genesis change)");
  if (doc.contains("attestations")) {
    json& list = doc["attestations"];
    if (!list.is_array()) return fail("its attestations are not a list");
    if (list.size() > kMaxAttestations) return fail("it has more than " + std::to_string(kMaxAttestations) + " attestations");
    for (json& j : list) {
      const std::string where = "attestation " + std::to_string(b.attestations.size() + 1);
      auto batch = batch_from_json(std::move(j), where);
      if (!batch) return fail(batch.error().message);
      if (batch->data["hashes"].size() > kMaxChanges)
        return fail(where + " lists more than " + std::to_string(kMaxChanges) + " hashes");
      // A batch of another session is kept: its signature is still checked on import, and it
      // vouches for nothing here (change_batch.hpp: a batch vouches only for its own session).
      b.attestations.push_back(std::move(*batch));
    }
  }
  return b;
}

}  // namespace triad::exchange
