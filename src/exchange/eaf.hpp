#pragma once
// ELAN EAF 3.0 export/import (pugixml).
// Export: one top-level tier per reviewer (TIER_ID and PARTICIPANT = the reviewer's name,
// linguistic type "triad-comment"), each comment an ALIGNABLE_ANNOTATION whose id is
// "a_<uuid>"; two Symbolic_Association child tiers per reviewer, "<name> - kind" and
// "<name> - tags" (tags space separated), whose REF_ANNOTATIONs point at the comment.
// TIME_SLOTs are in milliseconds (microseconds truncated); a point comment uses the same
// slot twice. MEDIA_DESCRIPTOR carries a relative MEDIA_URL (the recording's file name).
// Validates against EAFv3.0.xsd.
// Import: time-aligned annotations become comments. With EafTiers::Reviewers a top-level
// tier becomes the author (its PARTICIPANT, else its TIER_ID); with EafTiers::Tags the
// tier's id becomes a tag and the importing person is the author. Annotations on
// unaligned slots take the nearest aligned times around them (ELAN's own interpolation
// is linear; we record a warning instead of guessing finer). Triad's kind/tags tiers are
// read back; other dependent tiers are ignored with a warning.
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "exchange/comment_set.hpp"

namespace triad::exchange {

enum class EafTiers { Reviewers, Tags };

std::string write_eaf(const CommentSet& set, std::string_view date_iso8601 = "1970-01-01T00:00:00Z");
Result<CommentSet> read_eaf(std::string_view bytes, const std::string& source, EafTiers mode = EafTiers::Reviewers);

// "Lesson 3 (1).mp4" -> "Lesson%203%20%281%29.mp4": a relative URI reference for MEDIA_URL.
std::string relative_media_url(std::string_view file_name);

}  // namespace triad::exchange
