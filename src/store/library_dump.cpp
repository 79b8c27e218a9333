// Deterministic text dump of a library (see Library::dump for what is in and out).
#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "core/comment_fields.hpp"
#include "store/library_internal.hpp"

namespace triad::store {

using namespace detail;
using nlohmann::json;

namespace {

// One record per line: "<kind> <json object>"; nlohmann::json keeps object keys sorted, so
// the same content always prints the same bytes. Invalid UTF-8 is replaced, not fatal.
std::string line(std::string_view kind, const json& j) {
  return std::string(kind) + " " + j.dump(-1, ' ', false, json::error_handler_t::replace);
}

json opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }
json opt(const std::optional<std::int64_t>& n) { return n ? json(*n) : json(nullptr); }

// JSON kept as text in a column (protocol stems, focus questions), re-printed in the
// dump's canonical form; text that does not parse is dumped as the string it is.
json stored_json(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  return j.is_discarded() ? json(text) : j;
}

// Runs a query whose rows each become one dump line of `kind` (fields read by `row`).
template <class Row>
Status dump_rows(Db& db, std::string_view sql, std::string_view kind, std::vector<std::string>& out, Row&& row) {
  auto lines = query_all<std::string>(db, sql, [](Stmt&) {}, [&](const Stmt& st) { return line(kind, row(st)); });
  if (!lines) return lines.error();
  out.insert(out.end(), lines->begin(), lines->end());
  return ok_status();
}

}  // namespace

Result<std::string> Library::dump() {
  // One read transaction so the dump is a consistent snapshot even while others write.
  const bool nested = db_.in_transaction();
  if (auto s = db_.exec(nested ? "SAVEPOINT triad_dump" : "BEGIN"); !s) return s.error();
  struct EndRead {
    Db& db;
    bool nested;
    ~EndRead() { (void)db.exec(nested ? "RELEASE triad_dump" : "COMMIT"); }
  } end_read{db_, nested};

  std::map<RowId, std::string> person_name, school_name, session_uuid, framework_code, tag_code;
  auto people = list_people();
  if (!people) return people.error();
  auto schools = list_schools();
  if (!schools) return schools.error();
  auto frameworks = list_frameworks();
  if (!frameworks) return frameworks.error();
  auto sessions = list_sessions();
  if (!sessions) return sessions.error();
  for (auto& p : *people) person_name[p.id] = p.display_name;
  for (auto& s : *schools) school_name[s.id] = s.name;
  for (auto& s : *sessions) session_uuid[s.id] = s.uuid;
  for (auto& f : *frameworks) {
    framework_code[f.id] = f.code;
    for (auto& t : f.tags) tag_code[t.id] = t.code;
  }
  auto name_of = [](const std::map<RowId, std::string>& m, std::optional<RowId> id) {
    if (!id) return json(nullptr);
    auto it = m.find(*id);
    return it == m.end() ? json(nullptr) : json(it->second);
  };

  std::vector<std::vector<std::string>> sections;
  auto& out_people = sections.emplace_back();
  for (auto& p : *people) out_people.push_back(line("person", {{"name", p.display_name}}));
  auto& out_schools = sections.emplace_back();
  for (auto& s : *schools) out_schools.push_back(line("school", {{"name", s.name}, {"alliance", s.alliance}}));
  auto& out_frameworks = sections.emplace_back();
  for (auto& f : *frameworks) {
    out_frameworks.push_back(line("framework", {{"code", f.code},
                                                {"name", f.name},
                                                {"description", f.description},
                                                {"child_friendly", f.child_friendly},
                                                {"pupils", f.pupils}}));
    int position = 0;
    for (auto& t : f.tags)
      out_frameworks.push_back(line("tag", {{"framework", f.code},
                                            {"position", ++position},
                                            {"code", t.code},
                                            {"label", t.label},
                                            {"colour", t.colour},
                                            {"hotkey", t.hotkey},
                                            {"parent", name_of(tag_code, t.parent_id)}}));
  }
  auto& out_sessions = sections.emplace_back();
  for (auto& s : *sessions) {
    auto fw = session_frameworks(s.id);
    if (!fw) return fw.error();
    json codes = json::array();
    for (auto& f : *fw) codes.push_back(f.code);
    out_sessions.push_back(line("session", {{"uuid", s.uuid},
                                            {"title", s.title},
                                            {"date", s.date},
                                            {"school", name_of(school_name, s.school_id)},
                                            {"teacher", name_of(person_name, s.teacher_id)},
                                            {"subject", s.subject},
                                            {"year_group", s.year_group},
                                            {"class", s.class_label},
                                            {"focus", s.focus},
                                            {"cycle", s.cycle},
                                            {"cycle_position", s.cycle_position},
                                            {"created_at_ms", s.created_at_ms},
                                            {"updated_at_ms", s.updated_at_ms},
                                            {"frameworks", codes}}));
    auto recs = recordings_for_session(s.id);
    if (!recs) return recs.error();
    for (auto& r : *recs)
      out_sessions.push_back(line("recording", {{"session", s.uuid},
                                                {"fingerprint", r.fingerprint},
                                                {"size_bytes", r.size_bytes},
                                                {"duration_us", r.duration_us},
                                                {"stream_summary", r.stream_summary},
                                                {"sync_offset_us", r.sync_offset_us},
                                                {"drift_ppb", r.drift_ppb},
                                                {"label", r.label},
                                                {"role", std::string(to_string(r.role))},
                                                {"primary", r.primary}}));
  }
  auto& out_comments = sections.emplace_back();
  CommentFilter all;
  all.include_deleted = true;
  auto comments = list_comments(all);
  if (!comments) return comments.error();
  for (auto& c : *comments)
  {
    json fields = comment_fields(c);
    fields["session"] = name_of(session_uuid, c.session_id);
    fields["author"] = name_of(person_name, c.author_id);
    out_comments.push_back(line("comment", std::move(fields)));
  }
  auto& out_review = sections.emplace_back();
  auto review = list_review_time();
  if (!review) return review.error();
  for (auto& r : *review)
    out_review.push_back(line("review", {{"person", name_of(person_name, r.person_id)},
                                         {"session", name_of(session_uuid, r.session_id)},
                                         {"started_at_ms", r.started_at_ms},
                                         {"seconds", r.seconds}}));

  // The workflow tables (migration 2), keyed by session uuid, person name and comment uuid.
  // Left out, like row ids: when this library learned of something (a participant's
  // added_at_ms). Kept: when people did things (set a role, edited the protocol,
  // submitted, revealed, approved, agreed an action): merges carry those exactly.
  auto& out_workflow = sections.emplace_back();
  struct Table {
    std::string_view kind, sql;
    std::function<json(const Stmt&)> row;
  };
  const Table workflow[] = {
      {"participant", "SELECT s.uuid, p.display_name, pa.role, pa.role_set_at_ms FROM participants pa "
       "JOIN sessions s ON s.id = pa.session_id JOIN people p ON p.id = pa.person_id",
       [](const Stmt& st) {
         return json{{"session", st.text(0)}, {"person", st.text(1)}, {"role", st.text(2)}, {"role_set_at_ms", st.int64(3)}};
       }},
      {"protocol", "SELECT s.uuid, pr.framework_code, pr.detective_framework_code, pr.focus_questions, pr.stems, "
       "pr.default_visibility, pr.blind_review, pr.retention_date, pr.updated_at_ms, p.display_name FROM protocols pr "
       "JOIN sessions s ON s.id = pr.session_id LEFT JOIN people p ON p.id = pr.updated_by",
       [](const Stmt& st) {
         return json{{"session", st.text(0)},         {"framework", st.text(1)},
                     {"detective_framework", st.text(2)}, {"focus_questions", stored_json(st.text(3))},
                     {"stems", stored_json(st.text(4))},  {"default_visibility", st.text(5)},
                     {"blind_review", st.int64(6) != 0},  {"retention_date", opt(st.opt_text(7))},
                     {"updated_at_ms", st.int64(8)},      {"updated_by", opt(st.opt_text(9))}};
       }},
      {"submitted", "SELECT s.uuid, p.display_name, r.submitted_at_ms FROM review_submissions r "
       "JOIN sessions s ON s.id = r.session_id JOIN people p ON p.id = r.person_id",
       [](const Stmt& st) {
         return json{{"session", st.text(0)}, {"person", st.text(1)}, {"submitted_at_ms", st.int64(2)}};
       }},
      {"revealed", "SELECT s.uuid, p.display_name, r.revealed_at_ms, r.automatic FROM review_reveals r "
       "JOIN sessions s ON s.id = r.session_id LEFT JOIN people p ON p.id = r.revealed_by",
       [](const Stmt& st) {
         return json{{"session", st.text(0)}, {"by", opt(st.opt_text(1))}, {"revealed_at_ms", st.int64(2)},
                     {"automatic", st.int64(3) != 0}};
       }},
      {"approved", "SELECT a.comment_uuid, p.display_name, a.approved_at_ms FROM comment_approvals a "
       "LEFT JOIN people p ON p.id = a.approved_by",
       [](const Stmt& st) {
         return json{{"comment", st.text(0)}, {"by", opt(st.opt_text(1))}, {"approved_at_ms", st.int64(2)}};
       }},
      {"action", "SELECT s.uuid, a.text, o.display_name, a.comment_uuid, c.display_name, a.created_at_ms, a.done, a.done_at_ms, "
       "a.uuid, a.updated_at_ms FROM actions a JOIN sessions s ON s.id = a.session_id LEFT JOIN people o ON o.id = a.owner_id "
       "LEFT JOIN people c ON c.id = a.created_by",
       [](const Stmt& st) {
         return json{{"session", st.text(0)},        {"text", st.text(1)},
                     {"owner", opt(st.opt_text(2))},  {"comment", opt(st.opt_text(3))},
                     {"created_by", opt(st.opt_text(4))}, {"created_at_ms", st.int64(5)},
                     {"done", st.int64(6) != 0},      {"done_at_ms", opt(st.opt_int64(7))},
                     {"uuid", opt(st.opt_text(8))},   {"updated_at_ms", st.int64(9)}};
       }},
      // Lesson Study (migration 8): the case merges whole by its edit time, predictions one by one.
      {"case", "SELECT s.uuid, lc.pupils, lc.phases, lc.updated_at_ms, p.display_name FROM lesson_study_cases lc "
       "JOIN sessions s ON s.id = lc.session_id LEFT JOIN people p ON p.id = lc.updated_by",
       [](const Stmt& st) {
         return json{{"session", st.text(0)}, {"pupils", stored_json(st.text(1))}, {"phases", stored_json(st.text(2))},
                     {"updated_at_ms", st.int64(3)}, {"updated_by", opt(st.opt_text(4))}};
       }},
      {"prediction", "SELECT s.uuid, p.display_name, pr.pupil, pr.phase, pr.text, pr.created_at_ms, pr.updated_at_ms "
       "FROM predictions pr JOIN sessions s ON s.id = pr.session_id JOIN people p ON p.id = pr.author_id",
       [](const Stmt& st) {
         return json{{"session", st.text(0)}, {"author", st.text(1)}, {"pupil", st.text(2)}, {"phase", st.text(3)},
                     {"text", st.text(4)}, {"created_at_ms", st.int64(5)}, {"updated_at_ms", st.int64(6)}};
       }},
      // Public keys bound to people (migration 5); they travel in facilitators' signed rosters.
      {"key", "SELECT p.display_name, k.public_key FROM person_keys k JOIN people p ON p.id = k.person_id",
       [](const Stmt& st) { return json{{"person", st.text(0)}, {"public_key", st.text(1)}}; }},
  };
  for (const auto& t : workflow)
    if (auto st = dump_rows(db_, t.sql, t.kind, out_workflow, t.row); !st) return st.error();

  std::string out = "triad-library-dump 1\nschema " + std::to_string(schema_version()) + "\n";
  for (auto& section : sections) {
    // Sorted text within each section: independent of row ids and insertion order.
    std::sort(section.begin(), section.end());
    for (auto& l : section) out += l + "\n";
  }
  return out;
}

}  // namespace triad::store
