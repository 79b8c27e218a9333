// Full-text search over comments (FTS5, external-content table kept by triggers).
#include <cstdint>
#include <utility>

#include "store/library_internal.hpp"

namespace triad::store {

using namespace detail;

namespace {

// Each whitespace-separated word as a quoted FTS5 string: the words are ANDed and no
// character in them is read as query syntax ("took-away", "Pupil A's", "C++").
std::string quote_words(std::string_view q) {
  std::string out;
  std::size_t i = 0;
  while (i < q.size()) {
    while (i < q.size() && (q[i] == ' ' || q[i] == '\t' || q[i] == '\n')) ++i;
    if (i >= q.size()) break;
    std::string word;
    while (i < q.size() && q[i] != ' ' && q[i] != '\t' && q[i] != '\n') {
      if (q[i] == '"') word += '"';
      word += q[i++];
    }
    if (!out.empty()) out += ' ';
    out += '"' + word + '"';
  }
  return out;
}

}  // namespace

Result<std::vector<SearchHit>> Library::search_comments(std::string_view query, std::optional<RowId> session_id,
                                                        std::int64_t limit) {
  std::string q = trim(query);
  if (q.empty()) return bad_input("The search text is empty.");
  // Two steps, so the costly columns are made for the page only. First the matches in rank
  // order, read from the full-text index alone (triad_rank, store/search_rank.hpp; ties in
  // the order the comments were added), LIMIT-ed so SQLite keeps only the best rows while
  // ranking; then each hit's row, tags and snippet (snippet() re-tokenises the text).
  // A session's search walks the library's ranking and keeps the session's rows (one
  // narrow lookup per match passed over); when a window of the ranking holds too few of
  // them it is ranked again with a window eight times larger. Tombstones have no text, so
  // they are never in the index; the lookups check anyway.
  const std::int64_t page = limit > 0 ? limit : -1;
  const std::string ranked =
      "SELECT rowid, triad_rank(comments_fts) AS r FROM comments_fts WHERE comments_fts MATCH ?1 "
      "ORDER BY r, rowid LIMIT ?2";
  const std::string in_scope = "SELECT 1 FROM comments WHERE id = ?1 AND session_id = ?2 AND deleted = 0";
  const std::string one = "SELECT " + std::string(kCommentCols) +
                          ", snippet(comments_fts, 0, '[', ']', '...', 12) "
                          "FROM comments_fts JOIN comments c ON c.id = comments_fts.rowid "
                          "WHERE comments_fts MATCH ?1 AND comments_fts.rowid = ?2 AND c.deleted = 0";
  auto run = [&](const std::string& match) -> Result<std::vector<SearchHit>> {
    std::vector<std::pair<RowId, double>> picked;
    for (std::int64_t window = page;; window = window > (INT64_MAX >> 3) ? -1 : window * 8) {
      picked.clear();
      auto ranked_st = db_.pooled(ranked);
      if (!ranked_st) return ranked_st.error();
      Stmt& rk = **ranked_st;
      rk.bind(1, match).bind(2, window);
      std::int64_t seen = 0;
      while (page < 0 || static_cast<std::int64_t>(picked.size()) < page) {
        auto row = rk.step();
        if (!row) return row.error();
        if (!*row) break;
        ++seen;
        const RowId id = rk.int64(0);
        if (session_id) {
          auto hit = query_one<int>(
              db_, in_scope, [&](Stmt& st) { st.bind(1, id).bind(2, *session_id); }, [](const Stmt&) { return 1; });
          if (!hit) return hit.error();
          if (!*hit) continue;
        }
        picked.emplace_back(id, rk.real(1));
      }
      const bool page_full = page > 0 && static_cast<std::int64_t>(picked.size()) >= page;
      if (page_full || window < 0 || seen < window) break;  // full, or the whole ranking was read
    }
    std::vector<SearchHit> hits;
    hits.reserve(picked.size());
    for (const auto& pick : picked) {
      // Named copies: clang 14 cannot capture structured bindings in a lambda (C++20 allows it).
      const auto id = pick.first;
      const auto rank = pick.second;
      auto hit = query_one<SearchHit>(
          db_, one, [&](Stmt& st) { st.bind(1, match).bind(2, id); },
          [&](const Stmt& st) {
            SearchHit h;
            h.comment = read_comment(st);
            h.snippet = st.text(kCommentColCount);
            h.rank = rank;
            return h;
          });
      if (!hit) return hit.error();
      if (*hit) hits.push_back(std::move(**hit));
    }
    return hits;
  };
  auto hits = run(q);
  if (hits) return hits;
  // A query FTS5 cannot parse (stray punctuation) is retried as plain words.
  std::string quoted = quote_words(q);
  if (quoted == q) return hits;
  auto again = run(quoted);
  if (!again)
    return bad_input("Cannot search for '" + q + "': " + hits.error().message);
  return again;
}

}  // namespace triad::store
