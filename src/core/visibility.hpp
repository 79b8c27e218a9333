#pragma once
// Who may see which comment. `can_see` is THE rule: every listing, the agenda, the
// GUI, exports, bundles and reports filter through it (directly or through
// `visible_comments`), so a private comment can never reach another person by a path
// that forgot a check.
//
// The rules, in order:
//   1. Authors always see their own comments.
//   2. Private comments are seen by nobody else, whatever their role.
//   3. A learning detective sees only learning detectives' comments (no staff comments).
//   4. Someone who is not a participant of the session sees only "everyone" comments.
//      (A session with no participants recorded has no triad to tell apart: everyone
//      who opens the library counts as its triad, so plain sessions list normally.)
//   5. A learning detective's comment reaches staff only once a facilitator approved it;
//      facilitators see pending ones (they must read them to approve them).
//   6. Under blind review nobody sees others' comments until the reveal.
// Tombstones (Comment::deleted) are not judged here: listings drop them, merges keep them.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"

namespace triad {

struct Protocol;

// Who is looking. person_id 0 = nobody in particular (e.g. an export for outsiders).
struct Viewer {
  RowId person_id = 0;
  std::optional<Role> role;  // role in this session; nullopt = not a participant
};

// The per-session facts visibility depends on (loaded by the store in one call).
struct SessionAccess {
  std::map<RowId, Role> roles;       // participants of the session and their roles
  bool blind_review = false;         // from the session's protocol
  bool revealed = false;             // blind review revealed (all submitted or facilitator)
  std::set<std::string> approved;    // UUIDs of learning-detective comments a facilitator approved

  // The viewer for `person_id` in this session (role filled in when a participant).
  Viewer viewer(RowId person_id) const;
};

bool can_see(const Viewer& viewer, const Comment& comment, const SessionAccess& access);

// Filters a session's comments for a viewer with can_see; also drops tombstones and
// replies whose parent the viewer cannot see (a thread never dangles).
std::vector<Comment> visible_comments(const Viewer& viewer, const std::vector<Comment>& comments,
                                      const SessionAccess& access);

// Visibility of a new comment: private for self-review (NQT, observed teacher) top-level
// comments, otherwise the protocol's default. Replies follow the protocol default.
Visibility initial_visibility(Role author_role, const Protocol& protocol, bool is_reply);

// Only the author may change a comment's visibility.
Status may_change_visibility(RowId actor_id, const Comment& comment);

}  // namespace triad
