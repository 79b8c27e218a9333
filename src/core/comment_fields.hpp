#pragma once
// The one JSON shape of a comment's own fields, shared by every JSON view of a comment:
// the CLI's --json output, the undo journal, the dump and the signed bundle. Each view adds
// only what it alone knows (local row ids, a person's name, a session's uuid), so a field
// is named, typed and nulled the same way everywhere.
//
//   uuid, start_us, end_us (null: a point), kind, text, visibility, pupil,
//   parent_uuid (null: not a reply), created_at_ms, updated_at_ms, version, deleted,
//   tags (sorted, without repeats: the set a comment has, in one order for signing)
#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "core/model.hpp"

namespace triad {

nlohmann::json comment_fields(const Comment& c);

// Reads the fields comment_fields() writes into `out` (ids and names are the caller's);
// a missing or wrongly typed field is an error naming it. `end_us`/`parent_uuid` may be
// null or absent.
Status read_comment_fields(const nlohmann::json& j, Comment& out);

}  // namespace triad
