#pragma once
// Merge rules for comments travelling between libraries. Pure: no I/O.
//
// A comment is identified by its UUID. Of two versions of the same comment the winner is:
//   1. the higher `version` (every edit bumps it; a deletion is an edit that sets the
//      tombstone, so a later deletion beats an earlier text and a later restore beats an
//      earlier deletion);
//   2. on equal versions, a tombstone over a live comment (two people who both saw
//      version n, one deleting and one editing, resolve to "deleted": the safer outcome,
//      and the editor's words are still in their own export);
//   3. then the later `updated_at_ms`;
//   4. then the greater canonical serialisation (a byte string of every field), so
//      the choice never depends on argument order.
// Because the winner is the maximum of a total order, merging is idempotent, commutative
// and associative. Local row ids (`id`, `session_id`, `author_id`) are not part of the
// comparison: they differ between libraries and are resolved by the caller.
#include <cstdint>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace triad {

// Canonical, unambiguous serialisation of every portable field (no local row ids).
// `author_key` identifies the author across libraries (e.g. the display name); when the
// caller gives none, merge_wins uses "#<author_id>" (right inside one library).
std::string canonical_comment(const Comment& c, const std::string& author_key = {});

// True when `a` beats `b` under the rules above (strict: false for identical comments).
bool merge_wins(const Comment& a, const Comment& b, const std::string& a_author = {},
                const std::string& b_author = {});

// The winning version of one comment (a.uuid must equal b.uuid).
const Comment& merge_pick(const Comment& a, const Comment& b);

// Merges two comment lists by UUID. The result is sorted by UUID, one entry per UUID.
std::vector<Comment> merge_comments(const std::vector<Comment>& a, const std::vector<Comment>& b);

// ---- the session's own records: metadata, protocol, participants' roles ----------------
// These travel in bundles too and follow the same law: each library keeps the maximum of
// a total order over the versions it has seen, so the order of imports never matters.
//
// Session metadata and the protocol are "last writer wins": a `Stamped` record is the
// time of its last edit plus a canonical serialisation of everything else (who edited,
// every field), and the greater pair wins. The serialisation only breaks ties between
// edits made in the same millisecond.
struct Stamped {
  std::int64_t at_ms = 0;
  std::string canonical;
};
bool stamped_wins(const Stamped& a, const Stamped& b);  // strict: false for equal records

// Canonical form of a session's portable metadata (the school and teacher by name). The
// creation time is left out: merges keep the earliest one recorded.
std::string canonical_session(const Session& s, const std::string& school, const std::string& teacher);

// A participant's role as one library knows it, with when it was last set.
struct RoleClaim {
  Role role = Role::Observer;
  std::int64_t set_at_ms = 0;
};
// A learning-detective claim beats any staff claim, whatever its time: a person any
// library knows as a pupil is treated as a pupil everywhere (they then see no staff
// comments, and their own comments wait for approval), the safe side for a child. The
// store refuses switching sides locally, so this only decides between libraries that
// disagree. Otherwise the later claim wins, then the greater role name.
bool role_claim_wins(const RoleClaim& a, const RoleClaim& b);  // strict

}  // namespace triad
