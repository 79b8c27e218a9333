// Migration 10: the signature that covers a comment's current state, kept by the comment
// (issue 12: storing one signed_changes row per comment of a 10,000-comment bundle was the
// largest part of what a signed import costs beyond an unsigned one: a row in a table with
// two indexes keyed by random text, the signature and the comment's UUID. Keeping it by the
// comment took the signed import from 1.95 to 1.73 times the unsigned one; bundle_bench.cpp).
// Never edit a released migration: add the next one.
//
//  - comment_signatures: one row per comment, keyed by the comment's own row id, so a large
//    import appends to one B-tree in id order instead of inserting at random into three.
//    It holds what an export needs to forward the comment under its author's signature:
//    who signed (the change_origins row), the signature, and the BLAKE2b-256 of the signed
//    canonical data, which the export compares with the comment's state now (an edit made
//    here since leaves it unmatched, so it is never forwarded as if signed).
//  - Written only for a change whose state the comment's row took (it won its merge); any
//    other applied comment change (one that lost its merge, or an older library's rows)
//    stays in signed_changes, where find_change still looks. Going with the comment.
// Nothing is moved: libraries from before keep their comment rows in signed_changes.
#include "store/migrations.hpp"

namespace triad::store {
namespace {

constexpr std::string_view kSchemaV10 = R"sql(
CREATE TABLE comment_signatures (
  comment_id INTEGER PRIMARY KEY REFERENCES comments(id) ON DELETE CASCADE,
  origin     INTEGER NOT NULL REFERENCES change_origins(id),
  data_hash  BLOB NOT NULL CHECK (length(data_hash) = 32),
  signature  TEXT NOT NULL
);
)sql";

}  // namespace

Migration store_migration_v10() { return Migration{10, "comment signatures by comment", kSchemaV10, {}}; }

}  // namespace triad::store
