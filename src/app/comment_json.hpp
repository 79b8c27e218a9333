#pragma once
// A comment as JSON: the undo journal's payloads are whole snapshots, restored with
// Library::put_comment_exact, so undo/redo survives a restart and merges cleanly.
#include <string>

#include "base/result.hpp"
#include "core/model.hpp"

namespace triad::app {

std::string comment_to_json(const Comment& c);
Result<Comment> comment_from_json(const std::string& text);

}  // namespace triad::app
