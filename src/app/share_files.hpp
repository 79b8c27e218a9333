#pragma once
// Sharing a session through files, for the CLI (`triad bundle export|import`, `triad export`,
// `triad import`) and the window's Export and Import panels alike: one function per action.
//
// Imports run in one transaction around exchange's own (which becomes a savepoint inside it),
// so the same call either writes or, with `dry_run`, works out everything the import would
// do against the real library (signatures, roles, refusals, waiting changes) and rolls it
// all back: the summary a person sees before "Import" is the import itself, not a guess.
// A refused import is an error in both modes, with exchange's sentence.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <map>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"
#include "exchange/bundle.hpp"
#include "exchange/flat_io.hpp"
#include "store/library.hpp"

namespace triad::app {

// ---- export ------------------------------------------------------------------------------

struct BundleFileReport {
  std::size_t bytes = 0;
  int signed_now = 0;
  int forwarded = 0;
  std::vector<std::string> warnings;  // what was left out, and why
};
// Writes the session's bundle for `audience`, signed by `exporter_id` (their key unlocked
// with `passphrase`), atomically to `output`.
Result<BundleFileReport> export_bundle_file(store::Library& lib, RowId session_id, exchange::Audience audience,
                                            RowId exporter_id, const std::string& passphrase, std::int64_t now_ms,
                                            const std::filesystem::path& output);

// Writes the comments `viewer_id` may export (exchange::collect_for_export) in `format`,
// atomically to `output`. Returns how many comments were written.
Result<std::size_t> export_flat_file(store::Library& lib, RowId session_id, RowId viewer_id, exchange::FlatFormat format,
                                     const exchange::ExportFilter& filter, const std::filesystem::path& output);

// The file name a window offers for an export of `session_title` (letters, digits, spaces
// and dashes kept), e.g. "Y8 Fractions comments.csv".
std::string suggested_export_name(const std::string& session_title, const std::string& what_and_extension);

// ---- import ------------------------------------------------------------------------------

enum class ImportKind { Bundle, Flat };

// What a file holds, from its name: a flat format's extension (.csv .json .vtt .srt .eaf)
// is a flat file unless it parses as a bundle (a bundle is JSON too); .triad-bundle and
// anything else is read as a bundle.
struct ImportRequest {
  std::string file;
  std::optional<ImportKind> kind;  // nullopt: from the file (above)
  RowId importer_id = 0;
  std::int64_t now_ms = 0;
  // Bundle: merge even when made for another recording of the session (`--force`).
  bool force = false;
  // Flat files go into an existing session; bundles name their own.
  std::optional<RowId> session_id;
  std::optional<exchange::FlatFormat> format;  // flat: nullopt = from the file name
  exchange::EafTiers tiers = exchange::EafTiers::Reviewers;
  std::optional<std::string> default_kind;
  // The library was checked for damage already (a full integrity check is slow on a big one).
  bool library_checked = false;
};

struct ImportSummary {
  ImportKind kind = ImportKind::Bundle;
  std::string file;
  bool written = false;  // false after a dry run
  // The session it goes into.
  std::string session_uuid;
  std::string session_title;
  bool session_created = false;
  // Comments.
  int added = 0, updated = 0, unchanged = 0;
  int tombstoned = 0;       // of the session's comments, how many more are deleted afterwards
  std::size_t skipped = 0;  // flat: rows or cues that did not become comments
  // Bundle: the other changes that would change this library, by kind (comments are counted
  // above); other_changes_phrase() says them.
  std::map<std::string, int> other_changes;
  // People new to this library (a bundle's roster).
  std::vector<std::string> new_people;
  // Bundle: changes that wait here (unknown key, or a reveal waiting for submissions), and
  // waiting changes checked again and refused.
  int pending = 0;
  int refused_waiting = 0;
  std::vector<std::string> warnings;
  std::vector<std::string> mapping;  // flat: how the file's structure was read
};

// A file read and checked without any library (bundle structure, limits; a flat file's rows).
struct ImportFile {
  ImportKind kind = ImportKind::Bundle;
  std::optional<exchange::Bundle> bundle;
  std::optional<exchange::CommentSet> comments;
};
Result<ImportFile> read_import_file(const ImportRequest& r);

// "1 protocol change, 6 predictions, 2 review submissions": a summary's other changes in
// words, in the order a bundle lists the kinds; "" when there are none.
std::string other_changes_phrase(const std::map<std::string, int>& by_kind);

// Imports what read_import_file read (a bundle, or a flat file into r.session_id), or with
// `dry_run` only says what it would do and writes nothing. The library is checked for
// damage first (an import builds on what is there).
Result<ImportSummary> import_read_file(store::Library& lib, const ImportRequest& r, const ImportFile& file, bool dry_run);
// Both steps.
Result<ImportSummary> import_file(store::Library& lib, const ImportRequest& r, bool dry_run);

// Is this file name one the Import panel offers (bundles and flat formats)?
bool looks_importable(const std::string& name);

}  // namespace triad::app
