#pragma once
// How the CLI prints a comment: one JSON object (--json) and one line, for every command
// that shows comments (comment list/show/add/edit, search, reply, meeting agenda).
#include <nlohmann/json.hpp>
#include <string>

#include "core/model.hpp"
#include "store/library.hpp"

namespace triad::cli {

// core's comment_fields plus this library's ids, the author's name and the start as text.
nlohmann::json comment_json(store::Library& lib, const Comment& c);
std::string comment_line(store::Library& lib, const Comment& c);

}  // namespace triad::cli
