#pragma once
// JSON export/import of comments (not the bundle: see bundle.hpp). Shape:
//   {"format": "triad-comments", "version": 1, "title": "...", "media_url": "...",
//    "comments": [{"uuid", "start_us", "end_us"|null, "start" (hh:mm:ss.mmm, informative),
//                  "author", "kind", "tags": [...], "visibility", "pupil", "text",
//                  "parent_uuid"|null, "version", "created_at_ms", "updated_at_ms"}]}
// Times are integer microseconds (exact); "start" is only for people reading the file.
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "exchange/comment_set.hpp"

namespace triad::exchange {

std::string write_json(const CommentSet& set);
Result<CommentSet> read_json(std::string_view bytes, const std::string& source);

}  // namespace triad::exchange
