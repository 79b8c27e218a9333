#pragma once
// The rank comment search orders by: triad_rank(comments_fts), an FTS5 auxiliary function
// registered on every library connection.
//
// Why not FTS5's bm25(): bm25 divides by each matching row's length, which FTS5 reads with
// one SQL lookup in comments_fts_docsize per row. A two-word query matching a fifth of
// 100,000 comments spent ~25 ms ranking, against a 10 ms goal for the first page
// (bench/store_bench.cpp). triad_rank is BM25 without the length term (k1 = 1.2, b = 0):
// the same term-frequency saturation and inverse document frequency, read from the index
// alone. Comments are a sentence or two, so their lengths say little about relevance.
// Lower is better, as with bm25().
#include "base/result.hpp"
#include "store/sqlite.hpp"

namespace triad::store {

Status register_search_rank(Db& db);

}  // namespace triad::store
