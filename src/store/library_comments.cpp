// Comments: add, read, filter, edit, tombstone, merge-exact put, and their tags.
#include <algorithm>
#include <variant>

#include <optional>
#include <set>
#include <string_view>

#include "base/uuid.hpp"
#include "core/framework.hpp"
#include "core/text_limits.hpp"
#include "store/bulk_comment_load.hpp"
#include "store/library_internal.hpp"

namespace triad::store {

using namespace detail;

namespace {

const std::string kCommentSelect = "SELECT " + std::string(kCommentCols) + " FROM comments c ";

bool valid_kind(const std::string& kind) {
  if (kind.empty() || kind.size() > 64) return false;
  for (char c : kind)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  return true;
}

// The checks every stored comment passes, whichever way it arrives.
Status check_comment(const Comment& c) {
  if (c.start_us < 0) return bad_input("A comment cannot start before 0:00 (" + format_time(c.start_us) + ").");
  if (c.end_us && *c.end_us <= c.start_us)
    return bad_input("The end time " + format_time(*c.end_us) + " is not after the start time " +
                     format_time(c.start_us) + ".");
  if (!c.deleted && trim(c.text).empty()) return bad_input("The comment text is empty.");
  // The limit every bundle holds too (core/text_limits.hpp): a text stored here always travels.
  if (c.text.size() > kMaxCommentTextBytes)
    return bad_input("The comment text is too long (" + std::to_string(c.text.size()) + " bytes; a comment holds at most " +
                     std::to_string(kMaxCommentTextBytes) + ").");
  if (!valid_kind(c.kind))
    return bad_input("'" + c.kind + "' is not a comment kind (use a code such as took-away, try, question, "
                     "strength, note).");
  if (c.parent_uuid && !is_uuid(*c.parent_uuid)) return bad_input("'" + *c.parent_uuid + "' is not a comment UUID.");
  // Pupils are codes in every session, with or without a protocol: a name stored here could
  // otherwise leave in an export.
  if (!c.pupil.empty() && !is_pupil_code(trim(c.pupil)))
    return bad_input("Pupil '" + c.pupil + "' is not a pupil code such as 'Pupil A' or 'P3'; names are never stored.");
  return ok_status();
}

}  // namespace

// Replaces the tags of a comment. `lenient`: codes not in the session's frameworks may come
// from any framework (bundle import), else they must belong to the session.
static Status set_comment_tags(Library& lib, RowId comment_id, RowId session_id, const std::vector<std::string>& tags,
                               bool lenient, std::vector<std::string>* codes_out) {
  Db& db = lib.db();
  std::vector<RowId> ids;
  std::vector<std::string> codes;
  for (const auto& name : tags) {
    auto tag = lib.resolve_tag(session_id, name);
    if (!tag && lenient) {
      auto any = query_one<Tag>(
          db,
          "SELECT " + std::string(kTagCols) + " FROM tags t WHERE t.code = ?1 COLLATE NOCASE ORDER BY t.framework_id LIMIT 1",
          [&](Stmt& st) { st.bind(1, trim(name)); }, [](const Stmt& st) { return read_tag(st); });
      if (!any) return any.error();
      if (*any) tag = **any;
    }
    if (!tag) return tag.error();
    ids.push_back(tag->id);
    codes.push_back(tag->code);
  }
  auto del_pooled = db.pooled("DELETE FROM comment_tags WHERE comment_id = ?1");
  if (!del_pooled) return del_pooled.error();
  Stmt* del = &**del_pooled;
  del->bind(1, comment_id);
  if (auto s = del->run(); !s) return s;
  auto ins_pooled = db.pooled("INSERT OR IGNORE INTO comment_tags(comment_id, tag_id) VALUES (?1, ?2)");
  if (!ins_pooled) return ins_pooled.error();
  Stmt* ins = &**ins_pooled;
  for (RowId id : ids) {
    ins->reset();
    ins->bind(1, comment_id).bind(2, id);
    if (auto s = ins->run(); !s) return s;
  }
  if (codes_out) *codes_out = std::move(codes);
  return ok_status();
}

Result<Comment> Library::add_comment(Comment c) {
  c.text = trim(c.text);
  c.pupil = trim(c.pupil);
  if (c.kind.empty()) c.kind = "note";
  c.deleted = false;
  if (auto s = check_comment(c); !s) return s.error();
  if (c.uuid.empty()) c.uuid = new_uuid();
  if (!is_uuid(c.uuid)) return bad_input("'" + c.uuid + "' is not a comment UUID.");
  auto tx = begin();
  if (!tx) return tx.error();
  if (auto s = get_session(c.session_id); !s) return s.error();
  if (auto p = get_person(c.author_id); !p) return p.error();
  c.created_at_ms = now_ms();
  c.updated_at_ms = c.created_at_ms;
  c.version = 1;
  auto st_pooled = db_.pooled(
                          "INSERT INTO comments(uuid, session_id, author_id, start_us, end_us, kind, text, visibility, "
                          "pupil, parent_uuid, created_at_ms, updated_at_ms, version, deleted) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1, 0)");
  if (!st_pooled) return st_pooled.error();
  Stmt* st = &**st_pooled;
  st->bind(1, c.uuid).bind(2, c.session_id).bind(3, c.author_id).bind(4, c.start_us).bind(5, c.end_us);
  st->bind(6, c.kind).bind(7, c.text).bind(8, to_string(c.visibility)).bind(9, c.pupil).bind(10, c.parent_uuid);
  st->bind(11, c.created_at_ms).bind(12, c.updated_at_ms);
  if (auto s = st->run(); !s) {
    if ((sqlite3_extended_errcode(db_.handle()) & 0xff) == SQLITE_CONSTRAINT)
      return bad_input("A comment with uuid " + c.uuid + " already exists.");
    return s.error();
  }
  c.id = db_.last_insert_rowid();
  std::vector<std::string> codes;
  if (auto s = set_comment_tags(*this, c.id, c.session_id, c.tags, false, &codes); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  c.tags = std::move(codes);
  return c;
}

Result<Comment> Library::get_comment(RowId id) {
  auto c = query_one<Comment>(
      db_, kCommentSelect + "WHERE c.id = ?1", [&](Stmt& st) { st.bind(1, id); },
      [](const Stmt& st) { return read_comment(st); });
  if (!c) return c.error();
  if (!*c) return bad_input("No comment with id " + std::to_string(id) + ".");
  return **c;
}

Result<std::optional<Comment>> Library::find_comment_by_uuid(std::string_view uuid) {
  return query_one<Comment>(
      db_, kCommentSelect + "WHERE c.uuid = ?1", [&](Stmt& st) { st.bind(1, uuid); },
      [](const Stmt& st) { return read_comment(st); });
}

namespace {

using Param = std::variant<std::int64_t, std::string>;

// WHERE clause and its parameters for a filter (parameters numbered from 1).
std::string filter_where(const CommentFilter& f, std::vector<Param>& params) {
  std::string w = "WHERE 1";
  auto add = [&](const std::string& cond, Param p) {
    params.push_back(std::move(p));
    std::string n = "?" + std::to_string(params.size());
    std::string out = cond;
    for (std::size_t pos; (pos = out.find("?$")) != std::string::npos;) out.replace(pos, 2, n);
    w += " AND " + out;
  };
  if (!f.include_deleted) w += " AND c.deleted = 0";
  if (f.session_id) add("c.session_id = ?$", *f.session_id);
  if (f.author_id) add("c.author_id = ?$", *f.author_id);
  if (f.kind) add("c.kind = ?$", *f.kind);
  if (f.visibility) add("c.visibility = ?$", std::string(to_string(*f.visibility)));
  if (f.tag)
    add("EXISTS (SELECT 1 FROM comment_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.comment_id = c.id "
        "AND (t.code = ?$ COLLATE NOCASE OR t.label = ?$ COLLATE NOCASE))",
        trim(*f.tag));
  if (f.text) {
    // LIKE with our own escape character so % and _ in the needle are literal.
    std::string needle;
    for (char ch : *f.text) {
      if (ch == '%' || ch == '_' || ch == '\\') needle += '\\';
      needle += ch;
    }
    add("c.text LIKE '%' || ?$ || '%' ESCAPE '\\'", needle);
  }
  if (f.from_us) {
    add("coalesce(c.end_us, c.start_us) >= ?$", *f.from_us);
    // Same condition, said so the index can bound the walk from below too: a comment
    // overlapping the window starts at most the session's longest interval before it
    // (comments_session_span answers that in one probe; migration 3, schema_v3.cpp).
    if (f.session_id) {
      params.push_back(*f.from_us);
      const std::string from = "?" + std::to_string(params.size());
      params.push_back(*f.session_id);
      const std::string session = "?" + std::to_string(params.size());
      w += " AND c.start_us >= " + from + " - (SELECT coalesce(max(s.end_us - s.start_us), 0) FROM comments s " +
           "WHERE s.session_id = " + session + ")";
    }
  }
  if (f.to_us) add("c.start_us <= ?$", *f.to_us);
  return w;
}

void bind_params(Stmt& st, const std::vector<Param>& params) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    int idx = static_cast<int>(i + 1);
    if (auto* n = std::get_if<std::int64_t>(&params[i]))
      st.bind(idx, *n);
    else
      st.bind(idx, std::get<std::string>(params[i]));
  }
}

std::string list_sql(const CommentFilter& f, std::vector<Param>& params) {
  std::string sql = kCommentSelect + filter_where(f, params) +
                    " ORDER BY c.session_id, c.start_us, coalesce(c.end_us, c.start_us), c.created_at_ms, c.uuid";
  if (f.limit > 0 || f.offset > 0)
    sql += " LIMIT " + std::to_string(f.limit > 0 ? f.limit : -1) + " OFFSET " + std::to_string(f.offset);
  return sql;
}

std::string count_sql(const CommentFilter& f, std::vector<Param>& params) {
  return "SELECT count(*) FROM comments c " + filter_where(f, params);
}

}  // namespace

Result<std::vector<Comment>> Library::list_comments(const CommentFilter& f) {
  std::vector<Param> params;
  std::string sql = list_sql(f, params);
  return query_all<Comment>(
      db_, sql, [&](Stmt& st) { bind_params(st, params); }, [](const Stmt& st) { return read_comment(st); });
}

Result<std::int64_t> Library::count_comments(const CommentFilter& f) {
  std::vector<Param> params;
  std::string sql = count_sql(f, params);
  auto n = query_one<std::int64_t>(
      db_, sql, [&](Stmt& st) { bind_params(st, params); }, [](const Stmt& st) { return st.int64(0); });
  if (!n) return n.error();
  return n->value_or(0);
}

Result<std::string> Library::explain_comment_query(const CommentFilter& f, bool count) {
  std::vector<Param> params;
  std::string sql = "EXPLAIN QUERY PLAN " + (count ? count_sql(f, params) : list_sql(f, params));
  auto rows = query_all<std::string>(
      db_, sql, [&](Stmt& st) { bind_params(st, params); }, [](const Stmt& st) { return st.text(3); });
  if (!rows) return rows.error();
  std::string out;
  for (const auto& r : *rows) out += r + "\n";
  return out;
}

Result<Comment> Library::edit_comment(RowId id, const CommentEdit& e) {
  auto tx = begin();
  if (!tx) return tx.error();
  auto old = get_comment(id);
  if (!old) return old.error();
  if (old->deleted) return bad_input("Comment " + std::to_string(id) + " was deleted; it cannot be edited.");
  Comment c = *old;
  if (e.start_us) c.start_us = *e.start_us;
  if (e.end_us) c.end_us = *e.end_us;
  if (e.kind) c.kind = *e.kind;
  if (e.text) c.text = trim(*e.text);
  if (e.visibility) c.visibility = *e.visibility;
  if (e.pupil) c.pupil = trim(*e.pupil);
  if (auto s = check_comment(c); !s) return s.error();
  // updated_at never goes backwards even if the wall clock does: merges compare it.
  c.updated_at_ms = std::max(now_ms(), old->updated_at_ms);
  c.version = std::min(old->version, kMaxCommentVersion - 1) + 1;
  auto st = Stmt::prepare(db_,
                          "UPDATE comments SET start_us = ?2, end_us = ?3, kind = ?4, text = ?5, visibility = ?6, "
                          "pupil = ?7, updated_at_ms = ?8, version = ?9 WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id).bind(2, c.start_us).bind(3, c.end_us).bind(4, c.kind).bind(5, c.text);
  st->bind(6, to_string(c.visibility)).bind(7, c.pupil).bind(8, c.updated_at_ms).bind(9, c.version);
  if (auto s = st->run(); !s) return s.error();
  if (e.tags)
    if (auto s = set_comment_tags(*this, id, c.session_id, *e.tags, false, nullptr); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return get_comment(id);
}

Result<Comment> Library::delete_comment(RowId id) {
  auto tx = begin();
  if (!tx) return tx.error();
  auto old = get_comment(id);
  if (!old) return old.error();
  if (old->deleted) return bad_input("Comment " + std::to_string(id) + " is already deleted.");
  // The tombstone keeps identity and times so the deletion merges; the words themselves go
  // (secure_delete overwrites the freed pages).
  auto st = Stmt::prepare(db_,
                          "UPDATE comments SET deleted = 1, text = '', pupil = '', version = min(version, ?3 - 1) + 1, "
                          "updated_at_ms = max(?2, updated_at_ms) WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id).bind(2, now_ms()).bind(3, kMaxCommentVersion);
  if (auto s = st->run(); !s) return s.error();
  auto del = Stmt::prepare(db_, "DELETE FROM comment_tags WHERE comment_id = ?1");
  if (!del) return del.error();
  del->bind(1, id);
  if (auto s = del->run(); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return get_comment(id);
}

Result<RowId> Library::put_comment_exact(const Comment& c) {
  auto ids = put_comments_exact({c});
  if (!ids) return ids.error();
  return ids->front();
}

Result<std::vector<RowId>> Library::put_comments_exact(const std::vector<Comment>& comments) {
  std::vector<RowId> ids;
  if (comments.empty()) return ids;
  auto tx = begin();
  if (!tx) return tx.error();
  // A large batch is indexed for search once, at the end (see store/bulk_comment_load.hpp);
  // its contract wants no row it inserts written twice, so only batches without repeats.
  constexpr std::size_t kIndexOnceFrom = 64;
  std::optional<BulkCommentLoad> bulk;
  if (comments.size() >= kIndexOnceFrom) {
    std::set<std::string_view> uuids;
    for (const Comment& c : comments) uuids.insert(c.uuid);
    if (uuids.size() == comments.size()) {
      auto started = BulkCommentLoad::start(*this);
      if (!started) return started.error();
      bulk.emplace(std::move(*started));
    }
  }
  std::set<RowId> sessions_seen, people_seen;
  auto find_pooled = db_.pooled("SELECT id FROM comments WHERE uuid = ?1");
  if (!find_pooled) return find_pooled.error();
  Stmt* find = &**find_pooled;
  auto upd_pooled = db_.pooled(
                           "UPDATE comments SET session_id = ?2, author_id = ?3, start_us = ?4, end_us = ?5, kind = ?6, "
                           "text = ?7, visibility = ?8, pupil = ?9, parent_uuid = ?10, created_at_ms = ?11, "
                           "updated_at_ms = ?12, version = ?13, deleted = ?14 WHERE id = ?1");
  if (!upd_pooled) return upd_pooled.error();
  Stmt* upd = &**upd_pooled;
  auto ins_pooled = db_.pooled(
                           "INSERT INTO comments(uuid, session_id, author_id, start_us, end_us, kind, text, visibility, "
                           "pupil, parent_uuid, created_at_ms, updated_at_ms, version, deleted) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  if (!ins_pooled) return ins_pooled.error();
  Stmt* ins = &**ins_pooled;
  for (const Comment& c : comments) {
    if (!is_uuid(c.uuid)) return bad_input("'" + c.uuid + "' is not a comment UUID.");
    if (c.version < 1 || c.version > kMaxCommentVersion)
      return bad_input("Comment " + c.uuid + " has version " + std::to_string(c.version) + " (versions run from 1 to " +
                       std::to_string(kMaxCommentVersion) + ").");
    if (auto s = check_comment(c); !s) return s.error();
    if (sessions_seen.insert(c.session_id).second)
      if (auto s = get_session(c.session_id); !s) return s.error();
    if (people_seen.insert(c.author_id).second)
      if (auto p = get_person(c.author_id); !p) return p.error();
    find->reset();
    find->bind(1, c.uuid);
    auto row = find->step();
    if (!row) return row.error();
    RowId id = *row ? find->int64(0) : 0;
    find->reset();
    const bool existed = id != 0;
    Stmt& st = existed ? *upd : *ins;
    st.reset();
    if (existed)
      st.bind(1, id);
    else
      st.bind(1, c.uuid);
    st.bind(2, c.session_id).bind(3, c.author_id).bind(4, c.start_us).bind(5, c.end_us);
    st.bind(6, c.kind).bind(7, c.deleted ? std::string() : c.text).bind(8, to_string(c.visibility));
    st.bind(9, c.deleted ? std::string() : c.pupil).bind(10, c.parent_uuid).bind(11, c.created_at_ms);
    st.bind(12, c.updated_at_ms).bind(13, c.version).bind(14, c.deleted);
    if (auto s = st.run(); !s) return s.error();
    st.reset();
    if (!existed) id = db_.last_insert_rowid();
    std::vector<std::string> tags = c.deleted ? std::vector<std::string>{} : c.tags;
    if (existed || !tags.empty())  // a new comment has no tags to replace
      if (auto s = set_comment_tags(*this, id, c.session_id, tags, true, nullptr); !s) return s.error();
    ids.push_back(id);
  }
  if (bulk)
    if (auto s = bulk->finish(); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return ids;
}

}  // namespace triad::store
