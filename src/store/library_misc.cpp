// Review-time log, settings (key/value for the GUI) and the undo/redo journal.
#include "store/library_internal.hpp"

namespace triad::store {

using namespace detail;

// ---- review time -------------------------------------------------------------------------

Result<ReviewTime> Library::log_review_time(RowId person_id, RowId session_id, std::int64_t started_at_ms,
                                            std::int64_t seconds) {
  if (seconds < 0) return bad_input("Review time cannot be negative.");
  if (auto p = get_person(person_id); !p) return p.error();
  if (auto s = get_session(session_id); !s) return s.error();
  auto st = Stmt::prepare(db_,
                          "INSERT INTO review_time(person_id, session_id, started_at_ms, seconds) VALUES (?1, ?2, ?3, ?4)");
  if (!st) return st.error();
  st->bind(1, person_id).bind(2, session_id).bind(3, started_at_ms).bind(4, seconds);
  if (auto s = st->run(); !s) return s.error();
  return ReviewTime{db_.last_insert_rowid(), person_id, session_id, started_at_ms, seconds};
}

namespace {
std::string review_where(std::optional<RowId> session_id, std::optional<RowId> person_id) {
  std::string w = " WHERE 1";
  if (session_id) w += " AND session_id = ?1";
  if (person_id) w += " AND person_id = ?2";
  return w;
}
}  // namespace

Result<std::vector<ReviewTime>> Library::list_review_time(std::optional<RowId> session_id,
                                                          std::optional<RowId> person_id) {
  return query_all<ReviewTime>(
      db_,
      "SELECT id, person_id, session_id, started_at_ms, seconds FROM review_time" +
          review_where(session_id, person_id) + " ORDER BY started_at_ms, id",
      [&](Stmt& st) {
        if (session_id) st.bind(1, *session_id);
        if (person_id) st.bind(2, *person_id);
      },
      [](const Stmt& st) { return ReviewTime{st.int64(0), st.int64(1), st.int64(2), st.int64(3), st.int64(4)}; });
}

Result<std::int64_t> Library::total_review_seconds(std::optional<RowId> session_id, std::optional<RowId> person_id) {
  auto n = query_one<std::int64_t>(
      db_, "SELECT coalesce(sum(seconds), 0) FROM review_time" + review_where(session_id, person_id),
      [&](Stmt& st) {
        if (session_id) st.bind(1, *session_id);
        if (person_id) st.bind(2, *person_id);
      },
      [](const Stmt& st) { return st.int64(0); });
  if (!n) return n.error();
  return n->value_or(0);
}

// ---- settings ----------------------------------------------------------------------------

Result<std::optional<std::string>> Library::get_setting(std::string_view key) {
  return query_one<std::string>(
      db_, "SELECT value FROM settings WHERE key = ?1", [&](Stmt& st) { st.bind(1, key); },
      [](const Stmt& st) { return st.text(0); });
}

Status Library::set_setting(std::string_view key, std::string_view value) {
  if (key.empty()) return bad_input("A setting needs a key.");
  auto st = Stmt::prepare(db_,
                          "INSERT INTO settings(key, value) VALUES (?1, ?2) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!st) return st.error();
  st->bind(1, key).bind(2, value);
  return st->run();
}

Status Library::erase_setting(std::string_view key) {
  auto st = Stmt::prepare(db_, "DELETE FROM settings WHERE key = ?1");
  if (!st) return st.error();
  st->bind(1, key);
  return st->run();
}

Result<std::vector<std::pair<std::string, std::string>>> Library::list_settings(std::string_view prefix) {
  // substr comparison, not LIKE: keys may contain % and _.
  return query_all<std::pair<std::string, std::string>>(
      db_, "SELECT key, value FROM settings WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key",
      [&](Stmt& st) { st.bind(1, prefix); }, [](const Stmt& st) { return std::pair{st.text(0), st.text(1)}; });
}

// ---- undo journal ------------------------------------------------------------------------

namespace {
UndoEntry read_undo(const Stmt& st) {
  return UndoEntry{st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.int64(5)};
}
constexpr std::string_view kUndoCols = "SELECT id, scope, label, undo_payload, redo_payload, created_at_ms FROM undo_journal ";
}  // namespace

Result<UndoEntry> Library::push_undo(UndoEntry e) {
  if (e.scope.empty()) return bad_input("An undo entry needs a scope.");
  auto tx = begin();
  if (!tx) return tx.error();
  // A new action makes the undone ones unreachable: drop them (the redo side).
  auto drop = Stmt::prepare(db_, "DELETE FROM undo_journal WHERE scope = ?1 AND undone = 1");
  if (!drop) return drop.error();
  drop->bind(1, e.scope);
  if (auto s = drop->run(); !s) return s.error();
  e.created_at_ms = now_ms();
  auto st = Stmt::prepare(db_,
                          "INSERT INTO undo_journal(scope, label, undo_payload, redo_payload, undone, created_at_ms) "
                          "VALUES (?1, ?2, ?3, ?4, 0, ?5)");
  if (!st) return st.error();
  st->bind(1, e.scope).bind(2, e.label).bind(3, e.undo_payload).bind(4, e.redo_payload).bind(5, e.created_at_ms);
  if (auto s = st->run(); !s) return s.error();
  e.id = db_.last_insert_rowid();
  if (auto s = tx->commit(); !s) return s.error();
  return e;
}

Result<std::optional<UndoEntry>> Library::peek_undo(std::string_view scope) {
  return query_one<UndoEntry>(
      db_, std::string(kUndoCols) + "WHERE scope = ?1 AND undone = 0 ORDER BY id DESC LIMIT 1",
      [&](Stmt& st) { st.bind(1, scope); }, read_undo);
}

Result<std::optional<UndoEntry>> Library::peek_redo(std::string_view scope) {
  return query_one<UndoEntry>(
      db_, std::string(kUndoCols) + "WHERE scope = ?1 AND undone = 1 ORDER BY id ASC LIMIT 1",
      [&](Stmt& st) { st.bind(1, scope); }, read_undo);
}

namespace {
Status move_cursor(Library& lib, RowId id, bool undo) {
  auto tx = lib.begin();
  if (!tx) return tx.error();
  auto entry = query_one<std::string>(
      lib.db(), "SELECT scope FROM undo_journal WHERE id = ?1", [&](Stmt& st) { st.bind(1, id); },
      [](const Stmt& st) { return st.text(0); });
  if (!entry) return entry.error();
  if (!*entry) return bad_input("No undo entry with id " + std::to_string(id) + ".");
  auto expected = undo ? lib.peek_undo(**entry) : lib.peek_redo(**entry);
  if (!expected) return expected.error();
  if (!*expected || (*expected)->id != id)
    return bad_input(std::string("Undo entry ") + std::to_string(id) + " is not the next to " +
                     (undo ? "undo" : "redo") + ".");
  auto st = Stmt::prepare(lib.db(), "UPDATE undo_journal SET undone = ?2 WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id).bind(2, undo);
  if (auto s = st->run(); !s) return s;
  return tx->commit();
}
}  // namespace

Status Library::mark_undone(RowId entry_id) { return move_cursor(*this, entry_id, true); }
Status Library::mark_redone(RowId entry_id) { return move_cursor(*this, entry_id, false); }

}  // namespace triad::store
