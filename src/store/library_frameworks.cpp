// Frameworks (tag sets), their tags and case-study pupil lanes (framework_pupils, from
// migration 2), and which frameworks a session uses.
#include "core/framework.hpp"
#include "store/library_internal.hpp"

namespace triad::store {

using namespace detail;

namespace {

const std::string kTagSelect = "SELECT " + std::string(kTagCols) + " FROM tags t ";

Status check_code(std::string_view what, const std::string& code) {
  if (code.empty()) return bad_input("A " + std::string(what) + " needs a code.");
  for (char c : code)
    if (c == ' ' || c == '\t' || c == '\n' || c == ',' || c == '\x1f')
      return bad_input("The " + std::string(what) + " code '" + code +
                       "' contains a space or comma; use letters, digits and '-'.");
  return ok_status();
}

}  // namespace

Result<Tag> Library::add_tag(RowId framework_id, Tag tag) {
  tag.code = trim(tag.code);
  tag.label = trim(tag.label);
  if (tag.label.empty()) tag.label = tag.code;
  if (auto c = check_code("tag", tag.code); !c) return c.error();
  auto pos = query_one<std::int64_t>(
      db_, "SELECT coalesce(max(position), 0) + 1 FROM tags WHERE framework_id = ?1",
      [&](Stmt& st) { st.bind(1, framework_id); }, [](const Stmt& st) { return st.int64(0); });
  if (!pos) return pos.error();
  auto st = Stmt::prepare(db_,
                          "INSERT INTO tags(framework_id, code, label, colour, hotkey, parent_id, position) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!st) return st.error();
  st->bind(1, framework_id).bind(2, tag.code).bind(3, tag.label).bind(4, tag.colour).bind(5, tag.hotkey);
  st->bind(6, tag.parent_id).bind(7, pos->value_or(1));
  if (auto s = st->run(); !s) {
    if ((sqlite3_extended_errcode(db_.handle()) & 0xff) == SQLITE_CONSTRAINT)
      return bad_input("Cannot add tag '" + tag.code + "': framework " + std::to_string(framework_id) +
                       " does not exist or already has that code.");
    return s.error();
  }
  tag.id = db_.last_insert_rowid();
  tag.framework_id = framework_id;
  return tag;
}

Result<Framework> Library::add_framework(Framework f) {
  f.code = trim(f.code);
  f.name = trim(f.name);
  if (auto c = check_code("framework", f.code); !c) return c.error();
  if (f.name.empty()) f.name = f.code;
  // Lanes are codes; a name ("Jamie") is refused here so none can ever be stored or exported.
  for (std::size_t i = 0; i < f.pupils.size(); ++i) {
    if (!is_pupil_code(f.pupils[i]))
      return bad_input("Framework '" + f.code + "': pupil lane '" + f.pupils[i] +
                       "' is not a pupil code such as 'Pupil A' or 'P3'; names are never stored.");
    for (std::size_t j = 0; j < i; ++j)
      if (f.pupils[j] == f.pupils[i])
        return bad_input("Framework '" + f.code + "': pupil lane '" + f.pupils[i] + "' appears twice.");
  }
  auto tx = begin();
  if (!tx) return tx.error();
  auto st = Stmt::prepare(db_,
                          "INSERT INTO frameworks(code, name, description, child_friendly) VALUES (?1, ?2, ?3, ?4)");
  if (!st) return st.error();
  st->bind(1, f.code).bind(2, f.name).bind(3, f.description).bind(4, f.child_friendly);
  if (auto s = st->run(); !s) {
    if ((sqlite3_extended_errcode(db_.handle()) & 0xff) == SQLITE_CONSTRAINT)
      return bad_input("There is already a framework with code '" + f.code + "'.");
    return s.error();
  }
  f.id = db_.last_insert_rowid();
  for (auto& t : f.tags) {
    auto added = add_tag(f.id, t);
    if (!added) return added.error();
    t = *added;
  }
  auto lane = Stmt::prepare(db_, "INSERT INTO framework_pupils(framework_id, position, code) VALUES (?1, ?2, ?3)");
  if (!lane) return lane.error();
  int position = 0;
  for (const auto& p : f.pupils) {
    lane->bind(1, f.id).bind(2, ++position).bind(3, p);
    if (auto r = lane->run(); !r) return r.error();
    lane->reset();
  }
  if (auto s = tx->commit(); !s) return s.error();
  return f;
}

namespace {

Result<std::vector<Framework>> frameworks_where(Db& db, const std::string& where, std::optional<RowId> bind_id,
                                                std::optional<std::string> bind_text) {
  auto list = query_all<Framework>(
      db, "SELECT f.id, f.code, f.name, f.description, f.child_friendly FROM frameworks f " + where,
      [&](Stmt& st) {
        if (bind_id) st.bind(1, *bind_id);
        if (bind_text) st.bind(1, *bind_text);
      },
      [](const Stmt& st) {
        Framework f;
        f.id = st.int64(0);
        f.code = st.text(1);
        f.name = st.text(2);
        f.description = st.text(3);
        f.child_friendly = st.int64(4) != 0;
        return f;
      });
  if (!list) return list;
  for (auto& f : *list) {
    auto tags = query_all<Tag>(
        db, kTagSelect + "WHERE t.framework_id = ?1 ORDER BY t.position, t.id", [&](Stmt& st) { st.bind(1, f.id); },
        [](const Stmt& st) { return read_tag(st); });
    if (!tags) return tags.error();
    f.tags = std::move(*tags);
    auto pupils = query_all<std::string>(
        db, "SELECT code FROM framework_pupils WHERE framework_id = ?1 ORDER BY position",
        [&](Stmt& st) { st.bind(1, f.id); }, [](const Stmt& st) { return st.text(0); });
    if (!pupils) return pupils.error();
    f.pupils = std::move(*pupils);
  }
  return list;
}

}  // namespace

Result<Framework> Library::get_framework(RowId id) {
  auto list = frameworks_where(db_, "WHERE f.id = ?1", id, std::nullopt);
  if (!list) return list.error();
  if (list->empty()) return bad_input("No framework with id " + std::to_string(id) + ".");
  return list->front();
}

Result<std::optional<Framework>> Library::find_framework(std::string_view code) {
  auto list = frameworks_where(db_, "WHERE f.code = ?1 COLLATE NOCASE", std::nullopt, trim(code));
  if (!list) return list.error();
  if (list->empty()) return std::optional<Framework>{};
  return std::optional<Framework>{list->front()};
}

Result<std::vector<Framework>> Library::list_frameworks() {
  return frameworks_where(db_, "ORDER BY f.code", std::nullopt, std::nullopt);
}

Status Library::attach_framework(RowId session_id, RowId framework_id) {
  if (auto s = get_session(session_id); !s) return s.error();
  if (auto f = get_framework(framework_id); !f) return f.error();
  auto st = Stmt::prepare(db_, "INSERT OR IGNORE INTO session_frameworks(session_id, framework_id) VALUES (?1, ?2)");
  if (!st) return st.error();
  st->bind(1, session_id).bind(2, framework_id);
  return st->run();
}

Result<std::vector<Framework>> Library::session_frameworks(RowId session_id) {
  return frameworks_where(db_,
                          "WHERE f.id IN (SELECT framework_id FROM session_frameworks WHERE session_id = ?1) "
                          "ORDER BY f.code",
                          session_id, std::nullopt);
}

Result<Tag> Library::resolve_tag(RowId session_id, std::string_view code_or_label) {
  std::string key = trim(code_or_label);
  if (key.empty()) return bad_input("An empty tag name was given.");
  // A code match beats a label match; then the framework attached first.
  auto tag = query_one<Tag>(
      db_,
      kTagSelect +
          "JOIN session_frameworks sf ON sf.framework_id = t.framework_id "
          "WHERE sf.session_id = ?1 AND (t.code = ?2 COLLATE NOCASE OR t.label = ?2 COLLATE NOCASE) "
          "ORDER BY (t.code = ?2 COLLATE NOCASE) DESC, t.framework_id, t.position LIMIT 1",
      [&](Stmt& st) { st.bind(1, session_id).bind(2, key); }, [](const Stmt& st) { return read_tag(st); });
  if (!tag) return tag.error();
  if (*tag) return **tag;
  auto frameworks = session_frameworks(session_id);
  if (!frameworks) return frameworks.error();
  if (frameworks->empty())
    return bad_input("Unknown tag '" + key + "': session " + std::to_string(session_id) + " has no framework.");
  std::string known;
  for (const auto& f : *frameworks)
    for (const auto& t : f.tags) known += (known.empty() ? "" : ", ") + t.label;
  return bad_input("Unknown tag '" + key + "' in session " + std::to_string(session_id) + " (known: " +
                   (known.empty() ? "none" : known) + ").");
}

Result<Framework> Library::ensure_default_framework() {
  auto existing = find_framework("triad-default");
  if (!existing) return existing.error();
  if (*existing) return **existing;
  // A small general-purpose set so a session is usable before protocols supply frameworks.
  Framework f;
  f.code = "triad-default";
  f.name = "Triad default";
  f.description = "General lesson-observation tags, used when a session has no other framework.";
  const std::pair<const char*, const char*> tags[] = {
      {"questioning", "Questioning"}, {"feedback", "Feedback"},     {"engagement", "Engagement"},
      {"behaviour", "Behaviour"},     {"explanation", "Explanation"}, {"modelling", "Modelling"},
      {"differentiation", "Differentiation"}, {"assessment", "Assessment"}, {"pace", "Pace"}};
  const char* colours[] = {"#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#76B7B2",
                           "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F"};
  int i = 0;
  for (auto [code, label] : tags) {
    Tag t;
    t.code = code;
    t.label = label;
    t.colour = colours[i];
    t.hotkey = std::to_string(i + 1);
    f.tags.push_back(t);
    ++i;
  }
  auto added = add_framework(std::move(f));
  if (added || added.error().kind != kErrFailure) return added;
  // Lost a race with another process creating it: use theirs.
  auto again = find_framework("triad-default");
  if (!again) return again.error();
  if (*again) return **again;
  return added;
}

}  // namespace triad::store
