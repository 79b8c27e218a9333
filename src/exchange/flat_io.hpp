#pragma once
// Flat-format export/import against the library: which comments go out (visibility,
// filters), how names and tags come back in. Formats themselves live in csv/json_format/
// webvtt/srt/eaf.
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "exchange/comment_set.hpp"
#include "exchange/eaf.hpp"
#include "store/library.hpp"

namespace triad::exchange {

enum class FlatFormat { Csv, Json, WebVtt, Srt, Eaf };
std::optional<FlatFormat> parse_flat_format(std::string_view s);
// From a file name's extension (.csv .json .vtt .srt .eaf); nullopt when unknown.
std::optional<FlatFormat> guess_flat_format(const std::string& path);

struct ExportFilter {
  std::optional<std::string> author;  // display name or id
  std::optional<std::string> tag;     // tag code
  std::optional<std::string> kind;    // stem code
};

// The comments `viewer_id` may see in the session (core/visibility), without private
// ones (they never leave the author's library) and without tombstones, filtered.
// Refused for learning detectives.
Result<CommentSet> collect_for_export(store::Library& lib, RowId session_id, RowId viewer_id, const ExportFilter& f);

std::string render_flat(const CommentSet& set, FlatFormat format);
Result<CommentSet> parse_flat(std::string_view bytes, FlatFormat format, const std::string& source,
                              EafTiers eaf_tiers = EafTiers::Reviewers);

struct FlatImportReport {
  int added = 0, updated = 0, unchanged = 0;
  std::vector<std::string> warnings;
};
// Stores the comments into the session in one transaction (merge by UUID as bundles do).
// Authors are found or added by name; unnamed comments belong to `importer_id`. Tags
// unknown to the library are dropped with a warning; kinds that are not stem codes
// become "note".
Result<FlatImportReport> import_flat(store::Library& lib, RowId session_id, const CommentSet& set, RowId importer_id,
                                     std::int64_t now_ms);

}  // namespace triad::exchange
