// Importing a version 2 bundle: every change is verified (its signature, then its signer's
// key against the one bound here), authorised against the session's roster as this library
// knows it (the changes before it in the bundle included), and merged under core/merge.hpp's
// laws. One refused change and nothing is written; a change whose signer's key is not bound
// here yet waits, stored as pending, and is applied by the import that binds the key.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "core/comment_fields.hpp"
#include "core/recording_clock.hpp"
#include "core/merge.hpp"
#include "core/protocol.hpp"
#include "core/roles.hpp"
#include "crypto/canonical_json.hpp"
#include "exchange/bundle.hpp"
#include "exchange/bundle_data.hpp"
#include "exchange/change_verifier.hpp"
#include "store/lesson_study.hpp"
#include "store/signed_changes.hpp"
#include "store/workflow.hpp"

namespace triad::exchange {
using nlohmann::json;

namespace {

std::string role_words(std::optional<Role> r) {
  return r ? "(" + std::string(to_string(*r)) + ")" : "(not in the session here)";
}

// Everything one import needs while it walks the changes.
struct Importer {
  store::Library& lib;
  const Bundle& b;
  RowId importer_id;
  Session session;
  detail::TravelNames names;
  ImportReport& report;
  std::optional<std::string> creator;  // from the stored genesis
  std::optional<Role> importer_role;
  bool placeholder = false;  // the session row was made by this import: its fields lose to any signed ones

  // Every role claim this library has applied for the session, by travelling name: the
  // signed participant changes it stored (history, including claims that lost the merge)
  // and the roster's current rows. Loaded once, kept up to date as changes apply.
  std::map<std::string, std::vector<RoleClaim>> claims{};
  bool claims_loaded = false;

  Status load_claims() {
    if (claims_loaded) return ok_status();
    auto stored = store::list_changes_of_kind(lib, session.uuid, "participant");
    if (!stored) return stored.error();
    for (const auto& c : *stored) {
      auto d = crypto::parse_json_strict(c.data, "a stored participant change");
      if (!d) return d.error();
      // Stored after the same check when it arrived; checked again, since the library file
      // is outside input too, so a damaged row is a sentence rather than a type_error.
      if (auto ok = detail::check_data(c.kind, *d, "a stored participant change in '" + lib.path().string() + "'"); !ok)
        return ok.error();
      auto role = parse_role((*d)["role"].get<std::string>());
      if (role) claims[(*d)["person"].get<std::string>()].push_back({*role, (*d)["role_set_at_ms"].get<std::int64_t>()});
    }
    auto parts = store::list_participants(lib, session.id);
    if (!parts) return parts.error();
    for (const auto& p : *parts) {
      auto claim = store::participant_claim(lib, session.id, p.person_id);
      if (!claim) return claim.error();
      auto n = names.name_of(p.person_id);
      if (!n) return n.error();
      if (*claim) claims[*n].push_back(**claim);
    }
    claims_loaded = true;
    return ok_status();
  }

  // `name`'s role in the session when a change made at `at_ms` was made: of the claims
  // known here, the latest set at or before that time (a tie: the one role_claim_wins
  // picks). When every known claim is later (laptops' clocks differ; the person was put
  // on the roster after), their earliest claim: it never grants more than they were first
  // given. A learning detective anywhere in the history is a learning detective (as
  // role_claim_wins decides for the roster). nullopt `at_ms`: the roster as it is now.
  Result<std::optional<Role>> role_at(const std::string& name, std::optional<std::int64_t> at_ms) {
    if (auto s = load_claims(); !s) return s.error();
    auto it = claims.find(name);
    if (it == claims.end() || it->second.empty()) return std::optional<Role>();
    const auto& list = it->second;
    std::optional<RoleClaim> best, earliest;
    for (const RoleClaim& c : list) {
      if (c.role == Role::LearningDetective) return std::optional<Role>(Role::LearningDetective);
      if (!earliest || c.set_at_ms < earliest->set_at_ms ||
          (c.set_at_ms == earliest->set_at_ms && role_claim_wins(*earliest, c)))
        earliest = c;
      if (at_ms && c.set_at_ms > *at_ms) continue;
      if (!best || role_claim_wins(c, *best)) best = c;
    }
    return std::optional<Role>((best ? *best : *earliest).role);
  }
  Result<std::optional<Role>> role_of(const std::string& name) { return role_at(name, std::nullopt); }

  // May `name` change the roster, protocol or details by a change made at `at_ms`? The
  // roster decides: the creator's own standing (the chain's root) counts only while the
  // roster gives them no role at all (a plain session; an observed teacher who set it up
  // without being on it), so a creator demoted by a later signed claim has only the role
  // the roster gives them. nullopt `at_ms` (a `key` change carries no time): whether they
  // ever held that authority among the claims known here; claims only accumulate, so the
  // answer does not depend on the order bundles arrive in, and a binding made by a
  // facilitator before her demotion still travels in every roster forwarded since.
  Result<bool> authority(const std::string& name, std::optional<std::int64_t> at_ms) {
    if (at_ms) {
      auto r = role_at(name, at_ms);
      if (!r) return r.error();
      if (*r) return leads_session(*r);
    } else {
      if (auto s = load_claims(); !s) return s.error();
      auto it = claims.find(name);
      if (it != claims.end() && !it->second.empty()) {
        bool ever = false;
        for (const RoleClaim& c : it->second) {
          if (c.role == Role::LearningDetective) return false;
          ever |= leads_session(c.role);
        }
        return ever;
      }
    }
    return creator && *creator == name;
  }

  // When the change says it was made (the time its data carries), for role_at.
  static std::optional<std::int64_t> made_at(const Change& c) {
    const char* field = c.kind == "comment"     ? "updated_at_ms"  // nearly every change of a large bundle
                        : c.kind == "participant" ? "role_set_at_ms"
                        : c.kind == "rekey"      ? "rekeyed_at_ms"
                        : c.kind == "submission" ? "submitted_at_ms"
                        : c.kind == "approval"   ? "approved_at_ms"
                        : c.kind == "reveal"     ? "revealed_at_ms"
                        : (c.kind == "session" || c.kind == "protocol" || c.kind == "comment" || c.kind == "action" ||
                           c.kind == "case" || c.kind == "prediction")
                            ? "updated_at_ms"
                            : nullptr;
    if (!field) return std::nullopt;
    auto it = c.data.find(field);
    if (it == c.data.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<std::int64_t>();
  }

  // Keys re-keys retired, library-wide (a key is bound to a person, not to a session): by
  // (person, old key), the time of the re-key. Loaded once, when a key first does not match.
  std::map<std::pair<std::string, std::string>, std::int64_t> retired{};
  bool retired_loaded = false;
  Result<std::optional<std::int64_t>> retired_at(const std::string& person, const std::string& key) {
    if (!retired_loaded) {
      auto all = store::list_changes_of_kind_everywhere(lib, "rekey");
      if (!all) return all.error();
      for (const auto& c : *all) {
        auto d = crypto::parse_json_strict(c.data, "a stored re-key");
        if (!d) return d.error();
        if (auto ok = detail::check_data("rekey", *d, "a stored re-key in '" + lib.path().string() + "'"); !ok)
          return ok.error();
        auto k = std::pair((*d)["person"].get<std::string>(), (*d)["replaces"].get<std::string>());
        const auto at = (*d)["rekeyed_at_ms"].get<std::int64_t>();
        auto [it, fresh] = retired.emplace(k, at);
        if (!fresh) it->second = std::min(it->second, at);
      }
      retired_loaded = true;
    }
    auto it = retired.find({person, key});
    return it == retired.end() ? std::optional<std::int64_t>() : std::optional<std::int64_t>(it->second);
  }

  // Lesson Study's "before watching" rule (core check_prediction_timing) in a form that does
  // not depend on the order bundles arrive in: a prediction applies only while no comment by
  // its author on the session was created before its last edit. The comments known: this
  // library's and this bundle's own (its author's, which the all-or-nothing import applies
  // with it), kept up to date as comments apply; a comment arriving after such a prediction
  // removes it. Both times are the author's own signed words (a back-dater is not caught).
  std::map<std::string, std::int64_t, std::less<>> first_comment{};  // author -> earliest created_at_ms
  bool first_comment_loaded = false;
  Status load_first_comments() {
    if (first_comment_loaded) return ok_status();
    auto stored = store::first_comment_times(lib, session.id);
    if (!stored) return stored.error();
    auto note = [&](const std::string& author, std::int64_t at) {
      auto [it, fresh] = first_comment.emplace(author, at);
      if (!fresh) it->second = std::min(it->second, at);
    };
    for (const auto& [id, at] : *stored) {
      auto n = names.name_of(id);
      if (!n) return n.error();
      note(*n, at);
    }
    for (const Change& c : b.changes)
      if (c.kind == "comment" && c.data["author"] == c.signer) note(c.signer, c.data["created_at_ms"].get<std::int64_t>());
    first_comment_loaded = true;
    return ok_status();
  }
  // The session's predictions by author (pupil, phase, last edit), loaded when a new comment
  // first needs them; empty for nearly every session, so a large import pays one query.
  std::map<std::string, std::vector<Prediction>, std::less<>> predictions_by{};
  bool predictions_loaded = false;
  static std::string prediction_words(const std::string& author, const std::string& pupil, const std::string& phase) {
    return author + "'s prediction for " + pupil + " in " + phase;
  }
  Status comment_arrived(const std::string& author, std::int64_t created_at_ms) {
    if (first_comment_loaded) {
      auto [it, fresh] = first_comment.emplace(author, created_at_ms);
      if (!fresh) it->second = std::min(it->second, created_at_ms);
    }
    if (!predictions_loaded) {
      auto all = store::list_predictions(lib, session.id);
      if (!all) return all.error();
      for (auto& p : *all) {
        auto n = names.name_of(p.author_id);
        if (!n) return n.error();
        predictions_by[*n].push_back(std::move(p));
      }
      predictions_loaded = true;
    }
    auto it = predictions_by.find(author);
    if (it == predictions_by.end()) return ok_status();
    auto& list = it->second;
    for (auto p = list.begin(); p != list.end();) {
      if (p->updated_at_ms <= created_at_ms) {
        ++p;
        continue;
      }
      if (auto s = store::delete_prediction(lib, session.id, p->author_id, p->pupil, p->phase); !s) return s;
      report.warnings.push_back(prediction_words(author, p->pupil, p->phase) +
                                " was removed: it was made after their first comment on the session, which arrived now "
                                "(predictions are written before watching)");
      p = list.erase(p);
    }
    return ok_status();
  }

  Status load_creator() {
    auto all = store::list_changes_of_kind(lib, session.uuid, "genesis");
    if (!all) return all.error();
    for (auto& c : *all) creator = c.signer;
    return ok_status();
  }

  // Set by refusal(): the change is refused only for now, by state that later changes can
  // complete (a reviewer's reveal before every submission has reached this library). Such a
  // change waits, like one whose signer's key is not bound yet, so that the order in which
  // bundles arrive does not decide whether it applies.
  bool refusal_may_wait = false;

  // Why `c` may not apply here, as one sentence (nullopt: it may).
  Result<std::optional<std::string>> refusal(const Change& c) {
    refusal_may_wait = false;
    const json& d = c.data;
    const auto at = made_at(c);
    auto srole = role_at(c.signer, at);
    if (!srole) return srole.error();
    // Said only in a refusal: most changes are taken, and a sentence for each cost a copy.
    auto who = [&] { return c.signer + " " + role_words(*srole); };
    using R = std::optional<std::string>;
    if (*srole == Role::LearningDetective) return R(who() + " tried to make a " + c.kind + " change; learning detectives never change shared work");
    if (c.kind == "genesis") {
      if (d["creator"] != c.signer) return R(who() + " signed a claim that " + d["creator"].get<std::string>() + " created the session");
      if (creator && *creator != c.signer)
        return R(who() + " claims to have created session '" + session.title + "', which " + *creator + " created");
      return R();
    }
    if (c.kind == "session" || c.kind == "key" || c.kind == "participant" || c.kind == "protocol" || c.kind == "case" ||
        c.kind == "recordings") {
      auto ok = authority(c.signer, at);
      if (!ok) return ok.error();
      std::string what = c.kind == "session"       ? "change the session's details"
                         : c.kind == "key"         ? "bind a signing key to " + d["person"].get<std::string>()
                         : c.kind == "participant" ? "make " + d["person"].get<std::string>() + " " + d["role"].get<std::string>()
                         : c.kind == "case"        ? "change the Lesson Study case pupils or phases"
                         : c.kind == "recordings"  ? "place the session's recordings"
                                                   : "change the protocol";
      if (!*ok) return R(who() + " tried to " + what + ", which only the session's facilitator or teacher may");
      if (c.kind == "protocol" && d["by"] != c.signer) return R(who() + " signed a protocol edit in " + d["by"].get<std::string>() + "'s name");
      if (c.kind == "case" && d["by"] != c.signer) return R(who() + " signed a Lesson Study case edit in " + d["by"].get<std::string>() + "'s name");
      if (c.kind == "participant") {
        // Learning detectives take part only under the pseudonym Triad makes for them
        // (bundle_data.hpp TravelNames), and a pseudonym only as one: a staff member's name
        // made a learning detective would make every later change of theirs apply or not by
        // the order in which the claim arrives (a detective anywhere in the history is one).
        const std::string& person = d["person"].get_ref<const std::string&>();
        const bool detective = d["role"] == "learning-detective";
        if (detective && !is_detective_pseudonym(person))
          return R(who() + " tried to make " + person + " learning-detective, but a learning detective takes part only under "
                   "the pseudonym Triad makes for them, never under a name");
        if (!detective && is_detective_pseudonym(person))
          return R(who() + " tried to make " + person + " " + d["role"].get<std::string>() +
                   ", but a learning detective's pseudonym is never given a staff role");
      }
      return R();
    }
    if (c.kind == "rekey") {
      const std::string person = d["person"].get<std::string>();
      auto ok = authority(c.signer, at);
      if (!ok) return ok.error();
      if (!*ok) return R(who() + " tried to re-key " + person + ", which only the session's facilitator or teacher may");
      auto prole = role_at(person, std::nullopt);
      if (!prole) return prole.error();
      if (!*prole || **prole == Role::LearningDetective)
        return R(who() + " tried to re-key " + person + ", who does not sign changes in the session");
      if (d["key"] == d["replaces"]) return R(who() + " signed a re-key of " + person + " that keeps the same key");
      // A re-key from a key this library does not hold for them (a later link of a chain whose
      // earlier link has not arrived) waits for it, so the order bundles arrive in does not matter.
      auto pid = find_id(person);
      if (!pid) return pid.error();
      if (*pid) {
        auto bound = store::person_key(lib, **pid);
        if (!bound) return bound.error();
        if (*bound && **bound != d["replaces"] && **bound != d["key"]) {
          auto older = retired_at(person, **bound);
          if (!older) return older.error();
          if (!*older) {
            refusal_may_wait = true;
            return R(who() + " re-keyed " + person + " from a key this library does not hold for them");
          }
        }
      }
      return R();
    }
    if (c.kind == "prediction") {
      // Whether it was written before its author's first comment is decided where it was
      // written (app/lesson_study.hpp); here, as for comments, who: only its author, a
      // staff participant (learning detectives are refused above).
      if (d["author"] != c.signer)
        return R(who() + " tried to write a prediction in " + d["author"].get<std::string>() + "'s name, which only " +
                 d["author"].get<std::string>() + " may");
      if (!*srole) return R(who() + " tried to add a Lesson Study prediction without taking part in the session");
      return R();
    }
    if (c.kind == "comment") {
      const std::string& author = d["author"].get_ref<const std::string&>();
      auto local = local_comment(d["uuid"].get_ref<const std::string&>());
      if (!local) return local.error();
      if (*local) {
        if ((*local)->session_id != session.id) return R(who() + " sent comment " + d["uuid"].get<std::string>() + ", which belongs to another session here");
        auto lauthor = names.name_of((*local)->author_id);
        if (!lauthor) return lauthor.error();
        if (*lauthor != author)
          return R(who() + " sent comment " + d["uuid"].get<std::string>() + " as " + author + "'s, but it was written by " + *lauthor);
      }
      if (!*srole) return R(who() + " tried to add or change comment " + d["uuid"].get<std::string>() + " without taking part in the session");
      if (author != c.signer) {
        auto arole = role_at(author, at);
        if (!arole) return arole.error();
        if (!(*arole == Role::LearningDetective && *srole == Role::Facilitator))
          return R(who() + " tried to change comment " + d["uuid"].get<std::string>() + ", which only its author " + author + " may");
      }
      return R();
    }
    if (c.kind == "submission") {
      if (d["person"] != c.signer) return R(who() + " tried to submit " + d["person"].get<std::string>() + "'s review");
      if (!*srole || !is_reviewer(**srole)) return R(who() + " tried to submit a review without being a reviewer of the session");
      return R();
    }
    if (c.kind == "approval") {
      if (d["by"] != c.signer || *srole != Role::Facilitator)
        return R(who() + " tried to approve a learning detective's comment, which only a facilitator may");
      return linked_comment(who(), "approved", d["comment"].get<std::string>());
    }
    if (c.kind == "reveal") {
      if (d["by"] != c.signer) return R(who() + " signed a reveal in " + d["by"].get<std::string>() + "'s name");
      if (*srole == Role::Facilitator) return R();
      auto state = store::review_state(lib, session.id);
      if (!state) return state.error();
      if (*srole && is_reviewer(**srole) && state->pending.empty() && !state->submissions.empty()) return R();
      refusal_may_wait = *srole && is_reviewer(**srole);
      return R(who() + " tried to reveal the blind review before every reviewer had submitted");
    }
    if (c.kind == "action") {
      if (!*srole || !is_staff(**srole)) return R(who() + " tried to record or change an agreed action without being staff of the session");
      auto local = store::find_action_by_uuid(lib, d["uuid"].get<std::string>());
      if (!local) return local.error();
      if (*local && (*local)->session_id != session.id) return R(who() + " sent action " + d["uuid"].get<std::string>() + ", which belongs to another session here");
      if (d["comment"].is_null()) return R();
      return linked_comment(who(), "linked action " + d["uuid"].get<std::string>() + " to", d["comment"].get<std::string>());
    }
    return R(who() + " sent a change of an unknown kind");
  }

  // An approval or an action names a comment by its uuid: never one of another session (a
  // facilitator of one session approving, and so showing, a learning detective's comment in
  // another), and never one this library does not have, which would be left dangling: such
  // a change waits for its comment (still on its way, or waiting for its signer's key) and
  // applies with it, whichever arrives first. Comments of this bundle are written already.
  Result<std::optional<std::string>> linked_comment(const std::string& who, const std::string& did,
                                                    const std::string& uuid) {
    auto target = lib.find_comment_by_uuid(uuid);
    if (!target) return target.error();
    if (!*target) {
      refusal_may_wait = true;
      return std::optional<std::string>(who + " " + did + " comment " + uuid + ", which has not reached this library");
    }
    if ((*target)->session_id != session.id)
      return std::optional<std::string>(who + " " + did + " comment " + uuid + ", which belongs to another session here");
    return std::optional<std::string>();
  }

  // Travelling names resolved once per import (people are only ever added meanwhile).
  std::map<std::string, RowId, std::less<>> person_ids{};
  Result<std::optional<RowId>> find_id(const std::string& name) {
    if (auto it = person_ids.find(name); it != person_ids.end()) return std::optional<RowId>(it->second);
    auto id = names.find_person(name);
    if (!id) return id.error();
    if (*id) person_ids.emplace(name, **id);
    return *id;
  }
  Result<RowId> id_for(const std::string& name) {
    if (auto it = person_ids.find(name); it != person_ids.end()) return it->second;
    auto id = names.person_for(name);
    if (!id) return id.error();
    person_ids.emplace(name, *id);
    return *id;
  }

  // Comments looked up by uuid, once for the refusal and the merge of one change.
  std::map<std::string, std::optional<Comment>, std::less<>> comment_cache{};
  Result<std::optional<Comment>> local_comment(const std::string& uuid) {
    if (auto it = comment_cache.find(uuid); it != comment_cache.end()) return it->second;
    auto c = lib.find_comment_by_uuid(uuid);
    if (!c) return c.error();
    comment_cache.emplace(uuid, *c);
    return *c;
  }

  Result<std::optional<RowId>> opt_person(const json& v) {
    if (v.is_null()) return std::optional<RowId>();
    auto id = names.person_for(v.get<std::string>());
    if (!id) return id.error();
    return std::optional<RowId>(*id);
  }

  // Applies an authorised change; true when the library changed.
  Result<bool> apply(const Change& c) {
    const json& d = c.data;
    if (c.kind == "genesis") {
      creator = c.signer;
      auto cid = names.person_for(c.signer);
      if (!cid) return cid.error();
      if (auto s = store::bind_person_key(lib, *cid, c.key, d["created_at_ms"].get<std::int64_t>()); !s) return s.error();
      const auto at = d["created_at_ms"].get<std::int64_t>();
      if (session.created_at_ms != at) {
        session.created_at_ms = at;
        if (auto s = lib.put_session_metadata(session, session.updated_at_ms); !s) return s.error();
        return true;
      }
      return false;
    }
    if (c.kind == "session") {
      Session in = session;
      in.title = d["title"];
      in.date = d["date"];
      in.subject = d["subject"];
      in.year_group = d["year_group"];
      in.class_label = d["class_label"];
      in.focus = d["focus"];
      in.cycle = d["cycle"];
      in.cycle_position = static_cast<int>(d["cycle_position"].get<std::int64_t>());
      in.updated_at_ms = d["updated_at_ms"];
      std::string local_school, local_teacher;
      if (session.school_id)
        if (auto s = lib.get_school(*session.school_id)) local_school = s->name;
      if (session.teacher_id) {
        auto t = names.name_of(*session.teacher_id);
        if (!t) return t.error();
        local_teacher = *t;
      }
      if (!placeholder && !stamped_wins({in.updated_at_ms, canonical_session(in, d["school"], d["teacher"])},
                        {session.updated_at_ms, canonical_session(session, local_school, local_teacher)}))
        return false;
      in.school_id.reset();
      if (!d["school"].get_ref<const std::string&>().empty()) {
        auto school = lib.find_or_add_school(d["school"].get<std::string>());
        if (!school) return school.error();
        in.school_id = school->id;
      }
      in.teacher_id.reset();
      if (!d["teacher"].get_ref<const std::string&>().empty()) {
        auto t = names.person_for(d["teacher"]);
        if (!t) return t.error();
        in.teacher_id = *t;
      }
      if (auto s = lib.put_session_metadata(in, in.updated_at_ms); !s) return s.error();
      session = in;
      placeholder = false;
      return true;
    }
    if (c.kind == "key") {
      auto pid = names.person_for(d["person"]);
      if (!pid) return pid.error();
      auto before = store::person_key(lib, *pid);
      if (!before) return before.error();
      if (*before && **before == d["key"]) return false;
      if (*before) {  // a binding made before a re-key replaced that key: history, nothing to change
        auto retired_since = retired_at(d["person"].get<std::string>(), d["key"].get<std::string>());
        if (!retired_since) return retired_since.error();
        if (*retired_since) return false;
      }
      if (auto s = store::bind_person_key(lib, *pid, d["key"], b.created_at_ms); !s) return s.error();
      return true;
    }
    if (c.kind == "recordings") {
      // Taken while the session has no recording here (new to this library): a library never
      // changes the placements it has from a bundle; `session relink` finds the files.
      auto recs = lib.recordings_for_session(session.id);
      if (!recs) return recs.error();
      if (!recs->empty()) return false;
      auto placed = detail::parse_bundle_recordings(d["recordings"]);
      if (!placed) return placed.error();
      for (const auto& br : *placed) {
        Recording r;
        r.session_id = session.id;
        r.path = std::string(kUnlinkedRecordingPath);
        r.fingerprint = br.fingerprint;
        r.duration_us = br.duration_us;
        r.label = br.label;
        r.role = br.role;
        r.sync_offset_us = br.clock ? 0 : br.offset_us;
        r.drift_ppb = br.clock ? 0 : br.drift_ppb;
        r.primary = br.clock;
        if (auto rec = lib.add_recording(r); !rec) return rec.error();
      }
      return true;
    }
    if (c.kind == "rekey") {
      const std::string person = d["person"].get<std::string>();
      const std::int64_t at = d["rekeyed_at_ms"].get<std::int64_t>();
      retired.emplace(std::pair(person, d["replaces"].get<std::string>()), at);
      bound_keys.erase({person, d["replaces"].get<std::string>()});  // the old key is checked per change from now on
      auto pid = names.person_for(person);
      if (!pid) return pid.error();
      auto before = store::person_key(lib, *pid);
      if (!before) return before.error();
      if (*before && **before != d["replaces"]) return false;  // bound already, or an older link of the chain
      if (auto s = store::bind_person_key(lib, *pid, d["key"], at, true); !s) return s.error();
      return true;
    }
    if (c.kind == "participant") {
      auto pid = names.person_for(d["person"]);
      if (!pid) return pid.error();
      auto local = store::participant_claim(lib, session.id, *pid);
      if (!local) return local.error();
      const RoleClaim incoming{*parse_role(d["role"].get<std::string>()), d["role_set_at_ms"].get<std::int64_t>()};
      claims[d["person"].get<std::string>()].push_back(incoming);  // history, even when it loses the merge
      if (*local && !role_claim_wins(incoming, **local)) return false;
      if (auto s = store::put_participant_claim(lib, session.id, *pid, incoming); !s) return s.error();
      if (*pid == importer_id) importer_role = incoming.role;
      return true;
    }
    if (c.kind == "protocol") {
      auto p = protocol_from_json(d["protocol"].dump(), "the bundle");
      if (!p) return p.error();
      auto by = names.person_for(d["by"]);
      if (!by) return by.error();
      p->session_id = session.id;
      p->updated_at_ms = d["updated_at_ms"];
      p->updated_by = *by;
      auto own = store::get_own_protocol(lib, session.id);
      if (!own) return own.error();
      if (*own) {
        auto stamp = [](Protocol x, const std::string& editor) {
          x.session_id = 0;
          return Stamped{x.updated_at_ms, editor + '\n' + protocol_to_json(x)};
        };
        std::string local_by;
        if ((*own)->updated_by) {
          auto n = names.name_of((*own)->updated_by);
          if (!n) return n.error();
          local_by = *n;
        }
        if (!stamped_wins(stamp(*p, d["by"]), stamp(**own, local_by))) return false;
      }
      if (auto put = store::put_protocol_exact(lib, *p); !put) return put.error();
      return true;
    }
    if (c.kind == "case") {
      auto local = store::get_case(lib, session.id);
      if (!local) return local.error();
      if (local->updated_at_ms > 0 || !local->empty()) {
        std::string local_by;
        if (local->updated_by) {
          auto n = names.name_of(local->updated_by);
          if (!n) return n.error();
          local_by = *n;
        }
        auto mine = crypto::canonical_json(detail::case_data(*local, local_by));
        auto theirs = crypto::canonical_json(d);
        if (!mine || !theirs) return make_error("a Lesson Study case could not be compared");
        if (!stamped_wins({d["updated_at_ms"].get<std::int64_t>(), *theirs}, {local->updated_at_ms, *mine})) return false;
      }
      LessonStudyCase in;
      in.session_id = session.id;
      auto pupils = pupils_from_json(d["pupils"], "the bundle's case");
      if (!pupils) return pupils.error();
      auto phases = phases_from_json(d["phases"], "the bundle's case");
      if (!phases) return phases.error();
      in.pupils = std::move(*pupils);
      in.phases = std::move(*phases);
      in.updated_at_ms = d["updated_at_ms"];
      auto by = names.person_for(d["by"]);
      if (!by) return by.error();
      in.updated_by = *by;
      if (auto s = store::put_case(lib, in); !s) return s.error();
      return true;
    }
    if (c.kind == "prediction") {
      if (auto s = load_first_comments(); !s) return s.error();
      const std::string& author_name = d["author"].get_ref<const std::string&>();
      if (auto first = first_comment.find(author_name);
          first != first_comment.end() && first->second < d["updated_at_ms"].get<std::int64_t>()) {
        report.warnings.push_back(prediction_words(author_name, d["pupil"], d["phase"]) +
                                  " was made after their first comment on the session, so it was not applied "
                                  "(predictions are written before watching)");
        return false;
      }
      Prediction in;
      in.session_id = session.id;
      auto author = id_for(d["author"].get<std::string>());
      if (!author) return author.error();
      in.author_id = *author;
      in.pupil = d["pupil"];
      in.phase = d["phase"];
      in.text = d["text"];
      in.created_at_ms = d["created_at_ms"];
      in.updated_at_ms = d["updated_at_ms"];
      auto local = store::find_prediction(lib, session.id, in.author_id, in.pupil, in.phase);
      if (!local) return local.error();
      if (*local) {
        auto mine = crypto::canonical_json(detail::prediction_data(**local, d["author"].get<std::string>()));
        auto theirs = crypto::canonical_json(d);
        if (!mine || !theirs) return make_error("a prediction could not be compared");
        if (!stamped_wins({in.updated_at_ms, *theirs}, {(*local)->updated_at_ms, *mine})) return false;
      }
      if (auto s = store::put_prediction(lib, in); !s) return s.error();
      if (predictions_loaded) {  // the list a later comment checks
        auto& list = predictions_by[author_name];
        std::erase_if(list, [&](const Prediction& p) { return p.pupil == in.pupil && p.phase == in.phase; });
        list.push_back(in);
      }
      return true;
    }
    if (c.kind == "comment") {
      Comment in;
      // check_data has already checked every field's type (bundle_data.cpp's schema).
      if (auto read = read_comment_fields(d, in); !read) return read.error();
      in.session_id = session.id;
      auto author = id_for(d["author"].get<std::string>());
      if (!author) return author.error();
      in.author_id = *author;
      auto local = local_comment(in.uuid);
      if (!local) return local.error();
      comment_cache.erase(in.uuid);  // written below: look it up afresh next time
      if (*local) {
        const std::string& a = d["author"].get_ref<const std::string&>();
        if (!merge_wins(in, **local, a, a)) {
          ++report.unchanged;
          return false;
        }
        in.id = (*local)->id;
        ++report.updated;
      } else {
        ++report.added;
        if (auto s = comment_arrived(d["author"].get<std::string>(), in.created_at_ms); !s) return s.error();
      }
      comment_batch.push_back(std::move(in));  // written by flush_comments(), before any later kind
      return true;
    }
    if (c.kind == "submission") {
      auto pid = names.person_for(d["person"]);
      if (!pid) return pid.error();
      auto state = store::review_state(lib, session.id);
      if (!state) return state.error();
      for (const auto& s : state->submissions)
        if (s.person_id == *pid && s.submitted_at_ms <= d["submitted_at_ms"].get<std::int64_t>()) return false;
      if (auto s = store::put_submission_exact(lib, session.id, *pid, d["submitted_at_ms"]); !s) return s.error();
      return true;
    }
    if (c.kind == "approval") {
      auto by = names.person_for(d["by"]);
      if (!by) return by.error();
      auto local = store::find_approval(lib, d["comment"]);
      if (!local) return local.error();
      if (*local) {
        auto lby = names.name_of((*local)->approved_by);
        if (!lby) return lby.error();
        // The earliest approval wins, then the smaller name: the same in every library.
        if (std::pair((*local)->approved_at_ms, *lby) <= std::pair(d["approved_at_ms"].get<std::int64_t>(), d["by"].get<std::string>()))
          return false;
      }
      if (auto s = store::put_approval_exact(lib, d["comment"], *by, d["approved_at_ms"]); !s) return s.error();
      return true;
    }
    if (c.kind == "reveal") {
      auto by = names.person_for(d["by"]);
      if (!by) return by.error();
      auto state = store::review_state(lib, session.id);
      if (!state) return state.error();
      if (state->reveal) {
        auto lby = names.name_of(state->reveal->revealed_by);
        if (!lby) return lby.error();
        if (std::tuple(state->reveal->revealed_at_ms, *lby, state->reveal->automatic) <=
            std::tuple(d["revealed_at_ms"].get<std::int64_t>(), d["by"].get<std::string>(), d["automatic"].get<bool>()))
          return false;
      }
      if (auto s = store::put_reveal_exact(lib, session.id, *by, d["revealed_at_ms"], d["automatic"]); !s) return s.error();
      return true;
    }
    if (c.kind == "action") {
      Action a;
      a.uuid = d["uuid"];
      a.session_id = session.id;
      a.text = d["text"];
      auto owner = opt_person(d["owner"]);
      if (!owner) return owner.error();
      a.owner_id = *owner;
      if (!d["comment"].is_null()) a.comment_uuid = d["comment"].get<std::string>();
      auto by = names.person_for(d["created_by"]);
      if (!by) return by.error();
      a.created_by = *by;
      a.created_at_ms = d["created_at_ms"];
      a.done = d["done"];
      if (!d["done_at_ms"].is_null()) a.done_at_ms = d["done_at_ms"].get<std::int64_t>();
      a.updated_at_ms = d["updated_at_ms"];
      auto local = store::find_action_by_uuid(lib, a.uuid);
      if (!local) return local.error();
      if (*local) {
        std::optional<std::string> lowner;
        if ((*local)->owner_id) {
          auto n = names.name_of(*(*local)->owner_id);
          if (!n) return n.error();
          lowner = *n;
        }
        auto lby = names.name_of((*local)->created_by);
        if (!lby) return lby.error();
        // A bundle leaves out the link to a comment its reader may not see; that is never an
        // edit (links are set once), so a link known here stays.
        json incoming = d;
        if (d["comment"].is_null() && (*local)->comment_uuid) {
          incoming["comment"] = *(*local)->comment_uuid;
          a.comment_uuid = (*local)->comment_uuid;
        }
        auto mine = crypto::canonical_json(detail::action_data(**local, lowner, (*local)->comment_uuid, *lby));
        auto theirs = crypto::canonical_json(incoming);
        if (!mine || !theirs) return make_error("an action could not be compared");
        if (!stamped_wins({a.updated_at_ms, *theirs}, {(*local)->updated_at_ms, *mine})) return false;
      }
      if (auto s = store::put_action_exact(lib, a); !s) return s.error();
      return true;
    }
    return false;
  }

  // Checks the signer's key. Returns "pending" when the key is not bound here yet.
  enum class KeyState { Bound, Pending, Retired };  // Retired: an old key, valid for what it signed before its re-key
  std::set<std::pair<std::string, std::string>> bound_keys{};  // (signer, key) checked Bound in this import
  const std::pair<std::string, std::string>* last_bound = nullptr;  // in bound_keys (a set's elements stay put)
  Result<KeyState> check_key(const Change& c, bool may_bind) {
    // A bundle's changes come by signer, so the last key found bound is nearly always the one
    // asked about: compared in place, without making the pair the set is keyed by.
    if (last_bound && last_bound->first == c.signer && last_bound->second == c.key) return KeyState::Bound;
    if (auto it = bound_keys.find({c.signer, c.key}); it != bound_keys.end()) {  // a binding is never undone by an import
      last_bound = &*it;
      return KeyState::Bound;
    }
    auto state = check_key_uncached(c, may_bind);
    if (state && *state == KeyState::Bound && !(c.kind == "genesis" && !creator)) bound_keys.insert({c.signer, c.key});
    if (state && *state == KeyState::Retired) return KeyState::Bound;  // checked per change (its time), never cached
    return state;
  }
  Result<KeyState> check_key_uncached(const Change& c, bool may_bind) {
    auto sid = find_id(c.signer);
    if (!sid) return sid.error();
    auto holder = store::person_with_key(lib, c.key);
    if (!holder) return holder.error();
    if (*holder && (!*sid || **holder != **sid)) {
      auto p = lib.get_person(**holder);
      return make_error("a " + c.kind + " change signed as " + c.signer + " carries the signing key of " +
                        (p ? p->display_name : std::string("someone else")));
    }
    std::optional<std::string> bound;
    if (*sid) {
      auto k = store::person_key(lib, **sid);
      if (!k) return k.error();
      bound = *k;
    }
    if (bound) {
      if (*bound != c.key) {
        // A key a re-key retired signs what was made up to the re-key, never after it.
        auto until = retired_at(c.signer, c.key);
        if (!until) return until.error();
        if (!*until)
          return make_error("a " + c.kind + " change signed as " + c.signer + " carries a different key from " + c.signer +
                            "'s: it is taken once the session's facilitator or observed teacher re-keys " + c.signer +
                            " (Re-key\xE2\x80\xA6 in the Session panel, or triad identity rekey --from this bundle): import "
                            "it again then");
        const auto at = made_at(c);
        if (at && *at > **until)
          return make_error(c.signer + "'s " + c.kind + " change (" + change_subject(c) + ") is signed with the key " +
                            c.signer + " was re-keyed from, and made after the re-key, so it is not theirs");
        return KeyState::Retired;
      }
      return KeyState::Bound;
    }
    if (c.kind == "genesis" && !creator) return KeyState::Bound;  // bound by apply() below
    // Trust on first use, only in the facilitator's library: a person put on the roster by
    // name gets the key of their first signed change that reaches the facilitator, and the
    // binding travels from there in the facilitator's signed roster ("key" changes).
    if (may_bind && *sid && importer_role == Role::Facilitator) {
      auto r = store::participant_role(lib, session.id, **sid);
      if (!r) return r.error();
      if (*r && *r != Role::LearningDetective) {
        if (auto s = store::bind_person_key(lib, **sid, c.key, b.created_at_ms); !s) return s.error();
        ++report.applied;
        return KeyState::Bound;
      }
    }
    return KeyState::Pending;
  }

  // Comments that won their merge, written together (Library::put_comments_exact) before
  // anything that may refer to them (approvals, actions, the next pass over pending changes).
  std::vector<Comment> comment_batch{};
  // (entry of to_store, entry of comment_batch): a comment's signature waiting for its row's id.
  std::vector<std::pair<std::size_t, std::size_t>> signature_of_batch{};
  Status flush_comments() {
    if (comment_batch.empty()) return ok_status();
    auto put = lib.put_comments_exact(comment_batch);
    comment_batch.clear();
    if (!put) return make_error("a comment cannot be stored: " + put.error().message, put.error().kind);
    for (const auto& [kept, row] : signature_of_batch) to_store[kept].comment_id = (*put)[row];
    signature_of_batch.clear();
    return ok_status();
  }

  // Changes to keep, written together by flush() (one prepared statement).
  std::vector<store::StoredChange> to_store{};
  // `canonical`: the data's canonical JSON when already made (empty: made here).
  // `current`: it was applied and changed what the library holds (a comment's row now holds
  // its state, so the comment keeps its signature: store/signed_changes.hpp).
  // `hash`: a comment's canonical data's hash when already made (empty: made here).
  Status store_change(const Change& c, bool pending, std::string canonical = {}, bool current = false,
                      std::string hash = {}) {
    if (canonical.empty()) {
      auto data = crypto::canonical_json(c.data);
      if (!data) return data.error();
      canonical = std::move(*data);
    }
    store::StoredChange& kept =
        to_store.emplace_back(store::StoredChange{session.uuid, c.kind, change_subject(c), c.signer, c.key, std::move(canonical), c.sig, pending});
    // An applied comment's data is never read back (an export asks only whether the exact
    // state it holds is signed): its hash is kept instead, most of the provenance's size.
    if (!pending && c.kind == "comment") {
      kept.data_hash = hash.empty() ? canonical_data_hash(kept.data) : std::move(hash);
      kept.data.clear();
      kept.current = current;
      // Its comment was just put in the batch (apply), so its row's id comes with the batch.
      if (current && !comment_batch.empty() && comment_batch.back().uuid == kept.subject)
        signature_of_batch.emplace_back(to_store.size() - 1, comment_batch.size() - 1);
    }
    return ok_status();
  }
  Status flush() {
    if (auto c = flush_comments(); !c) return c;
    auto s = store::put_changes(lib, to_store);
    to_store.clear();
    return s;
  }
};

}  // namespace

Result<ImportReport> import_bundle(store::Library& lib, const Bundle& b, RowId importer_id, bool force,
                                   const std::string& source) {
  ImportReport report;
  auto refuse = [&](const std::string& why) { return make_error("'" + source + "' was not imported: " + why + "."); };
  auto tx = lib.begin();
  if (!tx) return tx.error();

  auto existing = lib.find_session_by_uuid(b.session_uuid);
  if (!existing) return existing.error();
  Session session;
  if (*existing) {
    session = **existing;
    if (auto role = store::participant_role(lib, session.id, importer_id); !role) {
      return role.error();
    } else if (*role) {
      if (auto ok = may_import(**role); !ok) return refuse(ok.error().message);
    }
    auto recs = lib.recordings_for_session(session.id);
    if (!recs) return recs.error();
    if (b.fingerprint && !recs->empty()) {
      bool match = false;
      for (const auto& r : *recs) match |= r.fingerprint == *b.fingerprint;
      if (!match && !force)
        return make_error("'" + source + "' was made for a different recording of session '" + session.title +
                          "' (fingerprint " + *b.fingerprint + ", this library has " + session_clock(*recs)->fingerprint +
                          "); use --force to merge anyway.");
      if (!match) report.warnings.push_back("recording fingerprint differs; merged because of --force");
    }
  } else {
    // A placeholder row that the bundle's signed session change then fills (or, refused,
    // the whole transaction is rolled back).
    session.uuid = b.session_uuid;
    session.title = b.title.empty() ? "(untitled)" : b.title;
    auto added = lib.add_session(session);
    if (!added) return added.error();
    session = *added;
    report.session_created = true;
    // Its recordings are placed by the signed `recordings` change (Importer::apply), never
    // by the bundle's unsigned `recording`/`recordings` fields, which anyone could edit.
  }

  // Frameworks first, so tags and the protocol resolve. Only ever added to: a framework or
  // tag this library has is never changed by a bundle.
  auto attached = lib.session_frameworks(session.id);
  if (!attached) return attached.error();
  std::set<std::string> attached_codes;
  for (const auto& f : *attached) attached_codes.insert(f.code);
  for (const auto& def : b.frameworks) {
    auto local = lib.find_framework(def.code);
    if (!local) return local.error();
    if (!*local) {
      auto imported = store::import_framework(lib, def);
      if (!imported) return imported.error();
    } else {
      for (const Tag& t : def.tags)
        if (!find_tag(**local, t.code)) {
          Tag copy = t;
          copy.id = 0;
          copy.parent_id.reset();
          if (auto added = lib.add_tag((**local).id, copy); !added) return added.error();
        }
    }
    if (!attached_codes.count(def.code)) {
      auto fw = lib.find_framework(def.code);
      if (!fw) return fw.error();
      if (*fw)
        if (auto s = lib.attach_framework(session.id, (**fw).id); !s) return s.error();
    }
  }

  Importer im{lib, b, importer_id, session, detail::TravelNames(lib, session), report, std::nullopt, std::nullopt};
  if (auto s = im.load_creator(); !s) return s.error();
  auto irole = store::participant_role(lib, session.id, importer_id);
  if (!irole) return irole.error();
  im.importer_role = *irole;
  im.placeholder = report.session_created;

  // Signatures are checked on worker threads (exchange/change_verifier.hpp) while this one
  // authorises and merges: the walk below waits for change i's verdict before anything
  // else is done with it. The verdict carries the canonical form each change is kept in.
  // Whether changes wait here for this session already: read now, while the session's
  // stored changes are few, rather than after this import stored its own.
  auto waiting_before = store::list_changes(lib, session.uuid, true);
  if (!waiting_before) return waiting_before.error();
  // Batches first: one signature each, by which an author vouches for their changes here;
  // a batch that does not verify refuses the bundle (it was changed after it was signed).
  auto vouchers = BatchVouchers::verify(b.attestations);
  if (!vouchers) return refuse(vouchers.error().message);
  ChangeVerifier verifier(b.changes, &*vouchers);  // joins its threads on every return below
  // The roster's own changes (the session's details, keys, roles) are authorised by roles
  // the same bundle may carry after them: `session` and `key` come before `participant`, and
  // a claim may be listed before the claim of the person who made it. One refused for want
  // of authority is put aside and checked again once every roster change of the bundle is
  // in, so the order of the changes in a bundle never decides whether it is taken (nor does
  // whether the roster arrived in an earlier bundle). Still refused then: the bundle is.
  const int roster_rank = change_kind_rank("participant");
  std::vector<std::pair<std::size_t, std::string>> put_aside;  // (change, its canonical data)
  auto settle_put_aside = [&]() -> Result<std::optional<std::string>> {
    for (bool progress = true; progress && !put_aside.empty();) {
      progress = false;
      for (auto it = put_aside.begin(); it != put_aside.end();) {
        const Change& c = b.changes[it->first];
        auto why = im.refusal(c);
        if (!why) return why.error();
        if (*why) {
          ++it;
          continue;
        }
        auto changed = im.apply(c);
        if (!changed) return std::optional<std::string>(changed.error().message);
        if (*changed) {
          ++report.applied;
          ++report.applied_by_kind[c.kind];
        }
        if (auto s = im.store_change(c, false, std::move(it->second)); !s) return s.error();
        it = put_aside.erase(it);
        progress = true;
      }
    }
    if (put_aside.empty()) return std::optional<std::string>();
    auto why = im.refusal(b.changes[put_aside.front().first]);  // the first in the bundle's order
    if (!why) return why.error();
    return std::optional<std::string>(why->value_or("a roster change could not be authorised"));
  };
  for (std::size_t i = 0; i < b.changes.size(); ++i) {
    const Change& c = b.changes[i];
    if (!put_aside.empty() && change_kind_rank(c.kind) > roster_rank) {
      auto still = settle_put_aside();
      if (!still) return still.error();
      if (*still) return refuse(**still);
    }
    auto canonical = verifier.take(i);
    if (!canonical)
      return refuse(c.signer + "'s " + c.kind + " change (" + change_subject(c) + ") was refused because " +
                    canonical.error().message);
    auto key = im.check_key(c, true);
    if (!key) return refuse(key.error().message);
    if (*key == Importer::KeyState::Pending) {
      if (auto s = im.store_change(c, true, std::move(*canonical)); !s) return s.error();
      ++report.pending;
      continue;
    }
    if (c.kind != "comment")
      if (auto s = im.flush_comments(); !s) return refuse(s.error().message);
    auto why = im.refusal(c);
    if (!why) return why.error();
    if (*why && im.refusal_may_wait) {  // waits for the submissions it needs (re-checked below and by later imports)
      if (auto s = im.store_change(c, true, std::move(*canonical)); !s) return s.error();
      ++report.pending;
      continue;
    }
    if (*why && (c.kind == "session" || c.kind == "key" || c.kind == "participant")) {
      put_aside.emplace_back(i, std::move(*canonical));
      continue;
    }
    if (*why) return refuse(**why);
    auto changed = im.apply(c);
    if (!changed) return refuse(changed.error().message);
    if (*changed) {
      ++report.applied;
      ++report.applied_by_kind[c.kind];
    }
    if (auto s = im.store_change(c, false, std::move(*canonical), *changed, verifier.take_comment_hash(i)); !s)
      return s.error();
  }
  if (!put_aside.empty()) {
    auto still = settle_put_aside();
    if (!still) return still.error();
    if (*still) return refuse(**still);
  }

  // Changes waiting for a key: those whose signer's key is now bound apply (in kind order);
  // the others keep waiting. Repeat while something applies (a key can unlock a role...).
  // With none waiting before and none stored waiting now there is nothing to re-check (the
  // query reads every change of the session: 100,000 rows after a large bundle).
  if (auto s = im.flush(); !s) return refuse(s.error().message);
  std::set<std::string> reported_refusals;  // signatures of waiting changes already said refused
  for (bool progress = !waiting_before->empty() || report.pending > 0; progress;) {
    progress = false;
    auto waiting = store::list_changes(lib, session.uuid, true);
    if (!waiting) return waiting.error();
    std::stable_sort(waiting->begin(), waiting->end(), [](const store::StoredChange& x, const store::StoredChange& y) {
      return change_kind_rank(x.kind) < change_kind_rank(y.kind);
    });
    for (const auto& w : *waiting) {
      // A waiting change found refused keeps waiting, never applied, and is said once in
      // the report (counted, with its sentence), never dropped silently.
      auto refused = [&](const std::string& why) {
        if (!reported_refusals.insert(w.signature).second) return;
        ++report.refused_waiting;
        report.warnings.push_back("a waiting " + w.kind + " change signed by " + w.signer + " (" + w.subject +
                                  ") was checked again and refused; it stays unapplied: " + why);
      };
      auto data = crypto::parse_json_strict(w.data, "a waiting change");
      if (!data) {
        refused(data.error().message);
        continue;
      }
      // Read back from the library file, which anyone may have edited: checked against its
      // kind's schema again, as a bundle's changes are, before anything reads its fields.
      if (auto ok = detail::check_data(w.kind, *data, "a waiting " + w.kind + " change"); !ok) {
        refused(ok.error().message);
        continue;
      }
      Change c{w.kind, w.session_uuid, w.signer, w.public_key, *data, w.signature};
      auto key = im.check_key(c, true);
      if (!key) {
        refused(key.error().message);
        continue;
      }
      if (*key == Importer::KeyState::Pending) continue;  // its signer's key is still not bound here
      if (c.kind != "comment")
        if (auto s = im.flush_comments(); !s) return refuse(s.error().message);
      auto why = im.refusal(c);
      if (!why) {
        refused(why.error().message);
        continue;
      }
      if (*why) {
        if (!im.refusal_may_wait) refused(**why);  // a reveal still waiting for submissions is not refused
        continue;
      }
      auto changed = im.apply(c);
      if (!changed) return refuse(changed.error().message);
      if (*changed) {
      ++report.applied;
      ++report.applied_by_kind[c.kind];
    }
      // Its waiting row goes (put_changes): kept by its comment or made applied.
      if (auto s = im.store_change(c, false, {}, *changed); !s) return s.error();
      --report.pending;
      progress = true;
    }
    if (auto s = im.flush(); !s) return s.error();
  }
  if (report.pending < 0) report.pending = 0;
  report.vouched = static_cast<int>(verifier.vouched());
  if (auto s = tx->commit(); !s) return s.error();
  return report;
}

}  // namespace triad::exchange
