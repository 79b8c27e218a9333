#include "exchange/bundle.hpp"

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "base/uuid.hpp"
#include "core/merge.hpp"
#include "core/protocol.hpp"
#include "core/recording_clock.hpp"
#include "core/roles.hpp"
#include "core/visibility.hpp"
#include "exchange/text_encoding.hpp"
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

Result<std::string> export_bundle(store::Library& lib, RowId session_id, Audience audience, RowId exporter_id,
                                  std::int64_t now_ms) {
  // What leaves (comments, names, pupils, the recording) is the export view's decision.
  auto view = export_view(lib, {session_id, exporter_id, audience, true});
  if (!view) return view.error();
  const Session* session = &view->session;
  auto name_of = [&](RowId id) -> std::string { return view->name(id); };

  json doc;
  doc["format"] = "triad-bundle";
  doc["version"] = kBundleVersion;
  doc["audience"] = std::string(to_string(audience));
  doc["created_at_ms"] = now_ms;
  doc["exported_by"] = name_of(exporter_id);
  const std::string& school = view->school;
  doc["session"] = {{"uuid", session->uuid},
                    {"title", session->title},
                    {"date", session->date},
                    {"school", school},
                    {"teacher", session->teacher_id ? json(name_of(*session->teacher_id)) : json("")},
                    {"subject", session->subject},
                    {"year_group", session->year_group},
                    {"class_label", session->class_label},
                    {"focus", session->focus},
                    {"cycle", session->cycle},
                    {"cycle_position", session->cycle_position},
                    {"created_at_ms", session->created_at_ms},
                    {"updated_at_ms", session->updated_at_ms}};
  auto own = store::get_own_protocol(lib, session_id);
  if (!own) return own.error();
  doc["protocol"] = *own ? json::parse(protocol_to_json(**own)) : json(nullptr);
  if (*own) {
    // The edit's own time and author travel with it, so the newest protocol wins a merge.
    doc["protocol_updated_at_ms"] = (*own)->updated_at_ms;
    doc["protocol_updated_by"] = (*own)->updated_by ? json(name_of((*own)->updated_by)) : json(nullptr);
  }

  json parts = json::array();
  auto plist = store::list_participants(lib, session_id);
  if (!plist) return plist.error();
  for (const auto& p : *plist) {
    auto claim = store::participant_claim(lib, session_id, p.person_id);
    if (!claim) return claim.error();
    parts.push_back({{"name", name_of(p.person_id)},
                     {"role", std::string(to_string(p.role))},
                     {"role_set_at_ms", *claim ? (*claim)->set_at_ms : 0}});
  }
  doc["participants"] = std::move(parts);

  json fws = json::array();
  auto sfw = lib.session_frameworks(session_id);
  if (!sfw) return sfw.error();
  // Framework::pupils are codes (the store refuses anything else): lanes travel, names cannot.
  for (const auto& f : *sfw) fws.push_back(json::parse(framework_to_json(f)));
  doc["frameworks"] = std::move(fws);

  if (view->recording)
    doc["recording"] = {{"fingerprint", view->recording->fingerprint}, {"duration_us", view->recording->duration_us}};
  else
    doc["recording"] = nullptr;

  json comments = json::array();
  for (const auto& c : view->comments) {
    comments.push_back({{"uuid", c.uuid},
                        {"author", name_of(c.author_id)},
                        {"start_us", c.start_us},
                        {"end_us", c.end_us ? json(*c.end_us) : json(nullptr)},
                        {"kind", c.kind},
                        {"text", c.text},
                        {"visibility", std::string(to_string(c.visibility))},
                        {"pupil", c.pupil},
                        {"parent_uuid", c.parent_uuid ? json(*c.parent_uuid) : json(nullptr)},
                        {"created_at_ms", c.created_at_ms},
                        {"updated_at_ms", c.updated_at_ms},
                        {"version", c.version},
                        {"deleted", c.deleted},
                        {"tags", c.tags}});
  }
  doc["comments"] = std::move(comments);
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

// ---- parse -------------------------------------------------------------------------------

namespace {

struct Checker {
  const std::string& source;
  Error fail(const std::string& what) const { return make_error("'" + source + "' is not a valid bundle: " + what + "."); }

  Result<std::string> str(const json& obj, const char* key, const std::string& where, std::size_t max = kMaxFieldBytes,
                          bool required = false) const {
    if (!obj.contains(key) || obj[key].is_null()) {
      if (required) return fail(where + " has no \"" + key + "\"");
      return std::string();
    }
    if (!obj[key].is_string()) return fail(where + " field \"" + key + "\" is not a string");
    const std::string& s = obj[key].get_ref<const std::string&>();
    if (s.size() > max)
      return fail(where + " field \"" + key + "\" is too long (" + std::to_string(s.size()) + " bytes, limit " +
                  std::to_string(max) + ")");
    return s;
  }
  Result<std::int64_t> i64(const json& obj, const char* key, const std::string& where, std::int64_t lo, std::int64_t hi,
                           bool required = true) const {
    if (!obj.contains(key) || obj[key].is_null()) {
      if (required) return fail(where + " has no \"" + key + "\"");
      return std::int64_t{0};
    }
    if (!obj[key].is_number_integer()) return fail(where + " field \"" + key + "\" is not an integer");
    std::int64_t v = obj[key].is_number_unsigned() && obj[key].get<std::uint64_t>() > std::uint64_t(INT64_MAX)
                         ? INT64_MAX
                         : obj[key].get<std::int64_t>();
    if (v < lo || v > hi)
      return fail(where + " field \"" + key + "\" is out of range (" + std::to_string(v) + ")");
    return v;
  }
};

}  // namespace

Result<Bundle> parse_bundle(std::string_view bytes, const std::string& source) {
  Checker ck{source};
  if (bytes.size() > kMaxBundleBytes) return ck.fail("it is larger than " + std::to_string(kMaxBundleBytes >> 20) + " MiB");
  if (bytes.empty()) return ck.fail("it is empty");
  if (!is_valid_utf8(bytes)) return ck.fail("it is not valid UTF-8");
  if (json_depth(bytes) > kMaxJsonDepth) return ck.fail("it is nested too deeply");
  json doc = json::parse(bytes.begin(), bytes.end(), nullptr, false);
  if (doc.is_discarded()) return ck.fail("it is not complete JSON (truncated or damaged)");
  if (!doc.is_object() || !doc.contains("format") || doc["format"] != "triad-bundle")
    return ck.fail("it has no \"format\": \"triad-bundle\"");
  if (!doc.contains("version") || !doc["version"].is_number_integer())
    return ck.fail("it has no version number");
  if (doc["version"].get<std::int64_t>() != kBundleVersion)
    return make_error("'" + source + "' is a version " + doc["version"].dump() + " bundle; this Triad reads version " +
                      std::to_string(kBundleVersion) + ".");
  Bundle b;
  auto aud = ck.str(doc, "audience", "the bundle", 32, true);
  if (!aud) return aud.error();
  auto audience = parse_audience(*aud);
  if (!audience) return ck.fail("audience '" + *aud + "' is neither triad nor everyone");
  b.audience = *audience;
  auto created = ck.i64(doc, "created_at_ms", "the bundle", 0, INT64_MAX / 2, false);
  if (!created) return created.error();
  b.created_at_ms = *created;
  auto by = ck.str(doc, "exported_by", "the bundle");
  if (!by) return by.error();
  b.exported_by = *by;

  if (!doc.contains("session") || !doc["session"].is_object()) return ck.fail("it has no session");
  const json& s = doc["session"];
  auto uuid = ck.str(s, "uuid", "the session", 64, true);
  if (!uuid) return uuid.error();
  if (!is_uuid(*uuid)) return ck.fail("the session uuid '" + *uuid + "' is not a UUID");
  b.session.uuid = *uuid;
  struct {
    const char* key;
    std::string* out;
  } fields[] = {{"title", &b.session.title},      {"date", &b.session.date},
                {"subject", &b.session.subject},  {"year_group", &b.session.year_group},
                {"class_label", &b.session.class_label}, {"focus", &b.session.focus},
                {"cycle", &b.session.cycle},      {"school", &b.school},
                {"teacher", &b.teacher}};
  for (auto& f : fields) {
    auto v = ck.str(s, f.key, "the session");
    if (!v) return v.error();
    *f.out = *v;
  }
  if (b.session.title.empty()) return ck.fail("the session has no title");
  auto pos = ck.i64(s, "cycle_position", "the session", 0, 1000, false);
  if (!pos) return pos.error();
  b.session.cycle_position = static_cast<int>(*pos);
  auto screated = ck.i64(s, "created_at_ms", "the session", 0, INT64_MAX / 2, false);
  if (!screated) return screated.error();
  b.session.created_at_ms = *screated;
  auto supdated = ck.i64(s, "updated_at_ms", "the session", 0, INT64_MAX / 2, false);
  if (!supdated) return supdated.error();
  b.session.updated_at_ms = *supdated;

  if (doc.contains("protocol") && !doc["protocol"].is_null()) {
    if (!doc["protocol"].is_object()) return ck.fail("the protocol is not an object");
    std::string text = doc["protocol"].dump();
    auto p = protocol_from_json(text, source);
    if (!p) return ck.fail("its protocol is invalid (" + p.error().message + ")");
    b.protocol_json = text;
    auto at = ck.i64(doc, "protocol_updated_at_ms", "the protocol", 0, INT64_MAX / 2, false);
    if (!at) return at.error();
    b.protocol_updated_at_ms = *at;
    auto editor = ck.str(doc, "protocol_updated_by", "the protocol");
    if (!editor) return editor.error();
    b.protocol_updated_by = *editor;
  }

  if (doc.contains("participants")) {
    if (!doc["participants"].is_array()) return ck.fail("participants is not a list");
    std::set<std::string> seen;
    for (const json& p : doc["participants"]) {
      if (!p.is_object()) return ck.fail("a participant is not an object");
      auto name = ck.str(p, "name", "a participant", kMaxFieldBytes, true);
      if (!name) return name.error();
      auto role = ck.str(p, "role", "participant '" + *name + "'", 64, true);
      if (!role) return role.error();
      auto r = parse_role(*role);
      if (!r) return ck.fail("participant '" + *name + "' has an unknown role '" + *role + "'");
      if (name->empty()) return ck.fail("a participant has an empty name");
      if (!seen.insert(*name).second) return ck.fail("participant '" + *name + "' appears twice");
      auto set_at = ck.i64(p, "role_set_at_ms", "participant '" + *name + "'", 0, INT64_MAX / 2, false);
      if (!set_at) return set_at.error();
      b.participants.push_back({*name, *r, *set_at});
    }
  }

  if (doc.contains("frameworks")) {
    if (!doc["frameworks"].is_array()) return ck.fail("frameworks is not a list");
    for (const json& f : doc["frameworks"]) {
      auto def = parse_framework(f.dump(), source);
      if (!def) return ck.fail("a framework is invalid (" + def.error().message + ")");
      b.frameworks.push_back(std::move(*def));
    }
  }

  if (doc.contains("recording") && !doc["recording"].is_null()) {
    const json& r = doc["recording"];
    if (!r.is_object()) return ck.fail("recording is not an object");
    auto fp = ck.str(r, "fingerprint", "the recording", 256, true);
    if (!fp) return fp.error();
    if (fp->empty()) return ck.fail("the recording fingerprint is empty");
    b.fingerprint = *fp;
    auto d = ck.i64(r, "duration_us", "the recording", 0, kMaxMediaTimeUs, false);
    if (!d) return d.error();
    b.duration_us = *d;
  }

  if (!doc.contains("comments") || !doc["comments"].is_array()) return ck.fail("it has no comments list");
  if (doc["comments"].size() > kMaxComments) return ck.fail("it has more than " + std::to_string(kMaxComments) + " comments");
  std::set<std::string> uuids;
  std::size_t index = 0;
  for (const json& j : doc["comments"]) {
    ++index;
    std::string where = "comment " + std::to_string(index);
    if (!j.is_object()) return ck.fail(where + " is not an object");
    BundleComment bc;
    Comment& c = bc.comment;
    auto u = ck.str(j, "uuid", where, 64, true);
    if (!u) return u.error();
    if (!is_uuid(*u)) return ck.fail(where + " has uuid '" + *u + "', which is not a UUID");
    if (!uuids.insert(*u).second) return ck.fail("comment uuid " + *u + " appears twice");
    c.uuid = *u;
    where = "comment " + c.uuid;
    auto author = ck.str(j, "author", where, kMaxFieldBytes, true);
    if (!author) return author.error();
    if (author->empty()) return ck.fail(where + " has no author");
    bc.author = *author;
    auto start = ck.i64(j, "start_us", where, 0, kMaxMediaTimeUs);
    if (!start) return start.error();
    c.start_us = *start;
    if (j.contains("end_us") && !j["end_us"].is_null()) {
      auto end = ck.i64(j, "end_us", where, 0, kMaxMediaTimeUs);
      if (!end) return end.error();
      if (*end <= c.start_us) return ck.fail(where + " ends before it starts");
      c.end_us = *end;
    }
    auto kind = ck.str(j, "kind", where, 64, true);
    if (!kind) return kind.error();
    c.kind = *kind;
    auto text = ck.str(j, "text", where, kMaxTextBytes);
    if (!text) return text.error();
    c.text = *text;
    auto vis = ck.str(j, "visibility", where, 32, true);
    if (!vis) return vis.error();
    auto v = parse_visibility(*vis);
    if (!v) return ck.fail(where + " has an unknown visibility '" + *vis + "'");
    if (*v == Visibility::Private) return ck.fail(where + " is private; bundles never carry private comments");
    if (!audience_allows(b.audience, *v)) return ck.fail(where + " is not meant for this bundle's audience");
    c.visibility = *v;
    auto pupil = ck.str(j, "pupil", where, 64);
    if (!pupil) return pupil.error();
    if (!pupil->empty() && !is_pupil_code(*pupil))
      return ck.fail(where + " names a pupil ('" + *pupil + "') instead of using a pupil code");
    c.pupil = *pupil;
    if (j.contains("parent_uuid") && !j["parent_uuid"].is_null()) {
      auto p = ck.str(j, "parent_uuid", where, 64);
      if (!p) return p.error();
      if (!is_uuid(*p)) return ck.fail(where + " has a parent that is not a UUID");
      c.parent_uuid = *p;
    }
    for (auto [key, out] : {std::pair{"created_at_ms", &c.created_at_ms}, std::pair{"updated_at_ms", &c.updated_at_ms}}) {
      auto t = ck.i64(j, key, where, 0, INT64_MAX / 2);
      if (!t) return t.error();
      *out = *t;
    }
    auto version = ck.i64(j, "version", where, 1, std::int64_t{1} << 40);
    if (!version) return version.error();
    c.version = *version;
    if (!j.contains("deleted") || !j["deleted"].is_boolean()) return ck.fail(where + " has no deleted flag");
    c.deleted = j["deleted"].get<bool>();
    if (!c.deleted && c.text.find_first_not_of(" \t\r\n") == std::string::npos) return ck.fail(where + " has no text");
    if (j.contains("tags")) {
      if (!j["tags"].is_array() || j["tags"].size() > 256) return ck.fail(where + " has a bad tag list");
      for (const json& t : j["tags"]) {
        if (!t.is_string() || t.get_ref<const std::string&>().empty() || t.get_ref<const std::string&>().size() > 128)
          return ck.fail(where + " has a bad tag");
        c.tags.push_back(t.get<std::string>());
      }
    }
    b.comments.push_back(std::move(bc));
  }
  return b;
}

// ---- import ------------------------------------------------------------------------------

namespace {

std::string school_name(store::Library& lib, std::optional<RowId> id) {
  if (!id) return {};
  auto s = lib.get_school(*id);
  return s ? s->name : std::string();
}

std::string person_name(store::Library& lib, std::optional<RowId> id) {
  if (!id || *id <= 0) return {};
  auto p = lib.get_person(*id);
  return p ? p->display_name : std::string();
}

// The session's metadata as a merge sees it: its last edit time, then every field (school
// and teacher by name, as they travel).
Stamped session_stamp(const Session& s, const std::string& school, const std::string& teacher) {
  return {s.updated_at_ms, canonical_session(s, school, teacher)};
}

// Newest metadata wins (core/merge.hpp); the creation time is the earliest anyone recorded.
Status merge_session_metadata(store::Library& lib, const Session& local, const Bundle& b,
                              std::optional<RowId> school_id, std::optional<RowId> teacher_id) {
  Session merged = local;
  if (stamped_wins(session_stamp(b.session, b.school, b.teacher),
                   session_stamp(local, school_name(lib, local.school_id), person_name(lib, local.teacher_id)))) {
    merged = b.session;
    merged.id = local.id;
    merged.uuid = local.uuid;
    merged.school_id = school_id;
    merged.teacher_id = teacher_id;
    merged.created_at_ms = local.created_at_ms;
  }
  if (b.session.created_at_ms > 0 && b.session.created_at_ms < merged.created_at_ms)
    merged.created_at_ms = b.session.created_at_ms;
  const bool same = merged.updated_at_ms == local.updated_at_ms && merged.created_at_ms == local.created_at_ms &&
                    merged.school_id == local.school_id && merged.teacher_id == local.teacher_id &&
                    canonical_session(merged, {}, {}) == canonical_session(local, {}, {});
  if (same) return ok_status();
  return lib.put_session_metadata(merged, merged.updated_at_ms);
}

// Whether the bundle's protocol beats the session's own one here (none: it does).
Result<bool> protocol_wins(store::Library& lib, const Protocol& incoming, const std::string& incoming_editor) {
  auto own = store::get_own_protocol(lib, incoming.session_id);
  if (!own) return own.error();
  if (!*own) return true;
  auto stamp = [](Protocol p, const std::string& editor) {
    p.session_id = 0;  // a local row id: not part of what travels
    return Stamped{p.updated_at_ms, editor + '\n' + protocol_to_json(p)};
  };
  return stamped_wins(stamp(incoming, incoming_editor), stamp(**own, person_name(lib, (*own)->updated_by)));
}

}  // namespace

Result<ImportReport> import_bundle(store::Library& lib, const Bundle& b, RowId importer_id, bool force,
                                   const std::string& source) {
  ImportReport report;
  auto tx = lib.begin();
  if (!tx) return tx.error();

  auto person = [&](const std::string& name) -> Result<RowId> {
    auto found = lib.find_person(name);
    if (!found) return found.error();
    if (*found) return (*found)->id;
    auto added = lib.add_person(name);
    if (!added) return added.error();
    return added->id;
  };

  // Everyone the bundle names becomes a person here, whichever of its records win below:
  // the people of a library are then the union of what it imported, in any order.
  std::optional<RowId> teacher_id, school_id, protocol_editor;
  if (!b.teacher.empty()) {
    auto t = person(b.teacher);
    if (!t) return t.error();
    teacher_id = *t;
  }
  if (!b.school.empty()) {
    auto school = lib.find_or_add_school(b.school);
    if (!school) return school.error();
    school_id = school->id;
  }
  if (!b.protocol_updated_by.empty()) {
    auto e = person(b.protocol_updated_by);
    if (!e) return e.error();
    protocol_editor = *e;
  }

  auto existing = lib.find_session_by_uuid(b.session.uuid);
  if (!existing) return existing.error();
  Session session;
  if (*existing) {
    session = **existing;
    if (auto role = store::participant_role(lib, session.id, importer_id); !role) {
      return role.error();
    } else if (*role) {
      if (auto ok = may_import(**role); !ok)
        return make_error("'" + source + "' was not imported: " + ok.error().message);
    }
    // The recording must be the same video, or the times would point at other moments.
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
    if (auto merged = merge_session_metadata(lib, session, b, school_id, teacher_id); !merged) return merged.error();
  } else {
    session = b.session;
    session.school_id = school_id;
    session.teacher_id = teacher_id;
    auto added = lib.add_session(session);
    if (!added) return added.error();
    session = *added;
    report.session_created = true;
    // The video itself never travels, but its fingerprint does: a placeholder recording
    // keeps later bundles checked against it, and relinking by fingerprint fills the path.
    if (b.fingerprint) {
      Recording r;
      r.session_id = session.id;
      r.path = std::string(kUnlinkedRecordingPath);
      r.fingerprint = *b.fingerprint;
      r.duration_us = b.duration_us;
      if (auto rec = lib.add_recording(r); !rec) return rec.error();
    }
  }

  // Frameworks first, so tags and the protocol resolve.
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
          auto fw = lib.find_framework(def.code);
          if (!fw) return fw.error();
          Tag copy = t;
          copy.id = 0;
          copy.parent_id.reset();
          if (auto added = lib.add_tag((**fw).id, copy); !added) return added.error();
        }
    }
    if (!attached_codes.count(def.code)) {
      auto fw = lib.find_framework(def.code);
      if (!fw) return fw.error();
      if (*fw)
        if (auto s = lib.attach_framework(session.id, (**fw).id); !s) return s.error();
    }
  }

  if (b.protocol_json) {
    auto p = protocol_from_json(*b.protocol_json, source);
    if (p) {
      p->session_id = session.id;
      p->updated_at_ms = b.protocol_updated_at_ms;
      p->updated_by = protocol_editor.value_or(0);
      auto wins = protocol_wins(lib, *p, b.protocol_updated_by);
      if (!wins) return wins.error();
      if (*wins)
        if (auto put = store::put_protocol_exact(lib, *p); !put)
          report.warnings.push_back("protocol not applied: " + put.error().message);
    }
  }

  for (const auto& part : b.participants) {
    auto pid = person(part.name);
    if (!pid) return pid.error();
    auto local = store::participant_claim(lib, session.id, *pid);
    if (!local) return local.error();
    const RoleClaim incoming{part.role, part.role_set_at_ms};
    if (*local && !role_claim_wins(incoming, **local)) {
      if ((*local)->role != part.role)
        report.warnings.push_back(part.name + " is " + std::string(to_string((*local)->role)) + " here but " +
                                  std::string(to_string(part.role)) + " in the bundle (an older or weaker claim); kept " +
                                  std::string(to_string((*local)->role)));
      continue;
    }
    if (*local && (*local)->role != part.role)
      report.warnings.push_back(part.name + " is now " + std::string(to_string(part.role)) + " (was " +
                                std::string(to_string((*local)->role)) + " here): the bundle's role is newer" +
                                (part.role == Role::LearningDetective ? " or names a pupil" : ""));
    if (auto put = store::put_participant_claim(lib, session.id, *pid, incoming); !put) return put.error();
  }

  for (const auto& bc : b.comments) {
    Comment c = bc.comment;
    auto author = person(bc.author);
    if (!author) return author.error();
    c.session_id = session.id;
    c.author_id = *author;
    auto local = lib.find_comment_by_uuid(c.uuid);
    if (!local) return local.error();
    if (*local) {
      const Comment& l = **local;
      if (l.session_id != session.id)
        return make_error("'" + source + "' comment " + c.uuid + " belongs to another session in this library.");
      auto lauthor = lib.get_person(l.author_id);
      if (!lauthor) return lauthor.error();
      if (!merge_wins(c, l, bc.author, lauthor->display_name)) {
        ++report.unchanged;
        continue;
      }
      c.id = l.id;
      ++report.updated;
    } else {
      ++report.added;
    }
    if (auto put = lib.put_comment_exact(c); !put)
      return make_error("'" + source + "' comment " + c.uuid + " cannot be stored: " + put.error().message, put.error().code);
  }
  if (auto s = tx->commit(); !s) return s.error();
  return report;
}

}  // namespace triad::exchange
