#pragma once
// SubRip (.srt) export/import.
// Export: numbered cues, "hh:mm:ss,mmm --> hh:mm:ss,mmm", UTF-8, CRLF line ends (what
// most players expect). Cue text: first line "[kind] Author: text...", then the rest of
// the text, then a line "#tag1 #tag2" when tagged. SRT carries no identifiers and no
// point comments: re-importing creates new comments, and point comments come back as
// intervals of kPointCueUs.
// Import: BOM, CRLF/CR/LF, UTF-8 or (when not valid UTF-8) Windows-1252, files without cue
// numbers, HTML-like tags (<i>, <font ...>) and {\an8} overrides removed from the text.
// Cues with a malformed timing line are skipped with a warning; a file with no valid cue
// is an error.
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "exchange/comment_set.hpp"

namespace triad::exchange {

std::string write_srt(const CommentSet& set);
Result<CommentSet> read_srt(std::string_view bytes, const std::string& source);

}  // namespace triad::exchange
