// Full-text search over comments (FTS5, external-content table kept by triggers).
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
  // Two steps, so the costly columns are made for the page only: first the ranked ids
  // (bm25 reads the index alone), then each hit's row, tags and snippet (snippet()
  // re-tokenises the text). Making them for every match before the sort took ~70 ms on
  // 100,000 comments for a two-common-word query; see bench/store_bench.cpp.
  const std::string ranked = "SELECT comments_fts.rowid FROM comments_fts JOIN comments c ON c.id = comments_fts.rowid "
                             "WHERE comments_fts MATCH ?1 AND c.deleted = 0" +
                             std::string(session_id ? " AND c.session_id = ?2" : "") +
                             " ORDER BY bm25(comments_fts), c.start_us, c.uuid LIMIT " + std::to_string(limit > 0 ? limit : -1);
  const std::string one = "SELECT " + std::string(kCommentCols) +
                          ", snippet(comments_fts, 0, '[', ']', '...', 12), bm25(comments_fts) "
                          "FROM comments_fts JOIN comments c ON c.id = comments_fts.rowid "
                          "WHERE comments_fts MATCH ?1 AND comments_fts.rowid = ?2";
  auto run = [&](const std::string& match) -> Result<std::vector<SearchHit>> {
    auto ids = query_all<RowId>(
        db_, ranked,
        [&](Stmt& st) {
          st.bind(1, match);
          if (session_id) st.bind(2, *session_id);
        },
        [](const Stmt& st) { return st.int64(0); });
    if (!ids) return ids.error();
    std::vector<SearchHit> hits;
    hits.reserve(ids->size());
    for (RowId id : *ids) {
      auto hit = query_one<SearchHit>(
          db_, one, [&](Stmt& st) { st.bind(1, match).bind(2, id); },
          [](const Stmt& st) {
            SearchHit h;
            h.comment = read_comment(st);
            h.snippet = st.text(kCommentColCount);
            h.rank = st.real(kCommentColCount + 1);
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
