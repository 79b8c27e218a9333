#include "store/search_rank.hpp"

#include <array>
#include <cmath>
#include <memory>
#include <vector>

namespace triad::store {
namespace {

struct PhraseWeights {
  std::vector<double> idf;  // per phrase of the query, computed once per query
};

int count_row(const Fts5ExtensionApi*, Fts5Context*, void* count) {
  ++*static_cast<sqlite3_int64*>(count);
  return SQLITE_OK;
}

// Inverse document frequency of every phrase, as bm25() computes it (never below a small
// positive floor, so a word in most rows still counts a little).
int phrase_weights(const Fts5ExtensionApi* api, Fts5Context* fts, PhraseWeights*& out) {
  out = static_cast<PhraseWeights*>(api->xGetAuxdata(fts, 0));
  if (out) return SQLITE_OK;
  auto weights = std::make_unique<PhraseWeights>();
  sqlite3_int64 rows = 0;
  int rc = api->xRowCount(fts, &rows);
  const int phrases = api->xPhraseCount(fts);
  for (int i = 0; rc == SQLITE_OK && i < phrases; ++i) {
    sqlite3_int64 hits = 0;
    rc = api->xQueryPhrase(fts, i, &hits, count_row);
    double idf = std::log((static_cast<double>(rows - hits) + 0.5) / (static_cast<double>(hits) + 0.5));
    weights->idf.push_back(idf > 1e-6 ? idf : 1e-6);
  }
  if (rc != SQLITE_OK) return rc;
  out = weights.get();
  return api->xSetAuxdata(fts, weights.release(), [](void* p) { delete static_cast<PhraseWeights*>(p); });
}

void triad_rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int, sqlite3_value**) {
  PhraseWeights* w = nullptr;
  int rc = phrase_weights(api, fts, w);
  // Called once per matching row (a fifth of 100,000 for two common words). Each phrase's
  // hits in the row are counted by walking that phrase's own position list (xPhraseFirst):
  // xInstCount would first merge every phrase's positions into one sorted, allocated list
  // that ranking does not need. The counts of up to 16 phrases stay on the stack.
  const std::size_t phrases = w ? w->idf.size() : 0;
  std::array<double, 16> small{};
  std::vector<double> large(phrases > small.size() ? phrases : 0, 0.0);
  double* freq = phrases > small.size() ? large.data() : small.data();
  for (std::size_t i = 0; rc == SQLITE_OK && i < phrases; ++i) {
    Fts5PhraseIter it;
    int column = 0, offset = 0;
    rc = api->xPhraseFirst(fts, static_cast<int>(i), &it, &column, &offset);
    for (; rc == SQLITE_OK && column >= 0; api->xPhraseNext(fts, &it, &column, &offset)) freq[i] += 1.0;
  }
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  constexpr double k1 = 1.2;
  double score = 0;
  for (std::size_t i = 0; i < phrases; ++i) score += w->idf[i] * freq[i] * (k1 + 1) / (freq[i] + k1);
  sqlite3_result_double(ctx, -score);
}

}  // namespace

Status register_search_rank(Db& db) {
  // SQLite hands out its FTS5 API through a pointer-typed parameter of `SELECT fts5(?1)`.
  fts5_api* api = nullptr;
  auto st = Stmt::prepare(db, "SELECT fts5(?1)");
  if (!st) return st.error();
  sqlite3_bind_pointer(st->handle(), 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  if (auto r = st->step(); !r) return r.error();
  if (!api || api->iVersion < 2)
    return make_error("The SQLite of this system has no usable FTS5 full-text search; Triad needs it.", kErrIo);
  if (api->xCreateFunction(api, "triad_rank", nullptr, triad_rank, nullptr) != SQLITE_OK)
    return db.error("register the search ranking");
  return ok_status();
}

}  // namespace triad::store
