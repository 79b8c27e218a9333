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
  // Cues, rows or annotations of the file that did not become comments (the reader's and
  // the import's together); each is described in `warnings`.
  std::size_t skipped = 0;
  std::vector<std::string> warnings;
  std::vector<std::string> mapping;  // how the file's structure was mapped (CommentSet::mapping)
};

struct FlatImportOptions {
  // Names the file in messages ("'notes.csv' cannot be imported: ...").
  std::string source = "the file";
  // Stem for comments whose file gives none (`triad import --kind`). In a session with
  // participants it must be one of the protocol's stems. nullopt: such comments take no
  // stem, which a protocol with required stems refuses.
  std::optional<std::string> default_kind;
};

// Stores the comments into the session in one transaction. A flat file is unsigned, so it
// only ever *adds* comments: it never changes or deletes one this library has (the same
// uuid again is left as it is, with a warning when the file's version differs; a uuid of
// someone else's comment refuses the file), never touches roles, participants or the
// protocol. Unnamed comments belong to `importer_id`.
//
// A session with participants (one run under a protocol, like `comment add` treats it)
// takes imported comments under the same rules as typed ones:
//  - the importer must be a participant, and not a learning detective (core may_import);
//  - every comment is the importer's own: a comment naming another author refuses the
//    file (others share theirs in signed bundles), and nobody is added to the library;
//  - each comment is checked by core's check_comment against the effective protocol and
//    the framework of its author's role (an author who is not a participant is judged as
//    an observer): stems, pupils as lane codes, replies;
//  - a comment without a stem takes options.default_kind when given;
//  - a visibility the file states (CSV, JSON) is kept, as `comment add --visibility` is;
//    otherwise core's initial_visibility: the protocol's default, private for self-review;
//  - tags are matched by code or label in that framework; ones it lacks are left off with
//    a warning (files from other tools carry their own tag names).
// Any comment breaking a rule refuses the whole import, naming every such comment (its
// position in the file, time and author), and nothing is stored.
// A plain session (no participants) takes every comment as the importer's too: a file never
// creates people or speaks for them. A comment the file gives another author keeps that
// name at the start of its text ("Speaker 2: ..."), said in a warning. It takes any comment
// that fits the session's frameworks: unknown tags are dropped with a warning, kinds that
// are not stem codes become "note".
Result<FlatImportReport> import_flat(store::Library& lib, RowId session_id, const CommentSet& set, RowId importer_id,
                                     std::int64_t now_ms, const FlatImportOptions& options);
// The same with default options (kept for existing callers).
Result<FlatImportReport> import_flat(store::Library& lib, RowId session_id, const CommentSet& set, RowId importer_id,
                                     std::int64_t now_ms);

}  // namespace triad::exchange
