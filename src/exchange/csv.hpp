#pragma once
// CSV export/import (RFC 4180: comma separated, CRLF record ends, fields quoted when they
// hold a comma, quote or line break; quotes doubled). UTF-8 with a BOM so spreadsheet
// programs pick the right encoding.
//
// Formula injection: a spreadsheet evaluates a cell beginning with = + - @ TAB or CR.
// Such cells are written with a leading apostrophe. So that this stays reversible, a cell
// that already begins with apostrophes followed by one of those characters gets one more
// apostrophe; the importer removes exactly one apostrophe from cells of that shape.
//
// Columns (header row, in this order): uuid, start, end, start_seconds, end_seconds,
// author, kind, tags (space separated codes), visibility, pupil, text, parent_uuid,
// version, created_at_ms, updated_at_ms. `start`/`end` are hh:mm:ss.mmm for people;
// `*_seconds` carry the exact microseconds. The importer needs a start column (either)
// and a text column; other columns are optional and matched case-insensitively.
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "exchange/comment_set.hpp"

namespace triad::exchange {

std::string write_csv(const CommentSet& set);
// `source` names the file in error messages.
Result<CommentSet> read_csv(std::string_view bytes, const std::string& source);

// Low-level pieces, exposed for tests.
std::string csv_neutralise(std::string_view cell);
std::string csv_unneutralise(std::string_view cell);
Result<std::vector<std::vector<std::string>>> parse_csv_records(std::string_view text, const std::string& source);

}  // namespace triad::exchange
