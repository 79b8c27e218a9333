#pragma once
// What the flat exchange formats (CSV, JSON, WebVTT, SRT, EAF) read and write: comments
// plus the few names they refer to. Pure data, no store access: the CLI resolves author
// names to people and tag codes to tags when it imports.
#include <map>
#include <cstddef>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace triad::exchange {

// The highest comment version an import accepts: versions count edits, and one near
// INT64_MAX would make the comment uneditable (the store's next edit could not bump it).
constexpr std::int64_t kMaxCommentVersion = 1'000'000'000;

struct CommentSet {
  std::string title;      // session title (written where a format has a header)
  std::string media_url;  // relative URL of the recording (EAF MEDIA_URL), may be empty
  // Author names by Comment::author_id. Importers number authors 1..n in order of first
  // appearance; 0 means "unknown author" (the importing person takes it).
  std::map<RowId, std::string> authors;
  std::vector<Comment> comments;
  // Non-fatal observations made while importing (skipped cues, unaligned EAF slots...).
  std::vector<std::string> warnings;
  // Cues, rows or annotations of the file that did not become comments (each is also
  // described in `warnings`).
  std::size_t skipped = 0;
  // How the reader mapped the file's structure onto comments, one line each, for the
  // import to print (EAF: which tier became what).
  std::vector<std::string> mapping;
  // Readers: Comment::kind is empty when the file gives no feedback stem, and the
  // visibility a file states (CSV, JSON) is recorded here by comment uuid; formats without
  // one (WebVTT, SRT, EAF) leave it out, so the importer applies the protocol's default.
  std::map<std::string, Visibility> stated_visibility;

  std::string author_name(RowId id) const;
  // Returns the id of `name`, adding it when new. Empty name -> 0. Constant time per call
  // (a file may name 100,000 different voices).
  RowId author_id(const std::string& name);

 private:
  std::map<std::string, RowId> author_index_;  // name -> id; rebuilt when `authors` was changed directly
 public:
};

// Records `items` (one short description each: "line 12: the timing cannot be read") as
// skipped: counts them and adds one warning naming the file and the first few.
void report_skipped(CommentSet& set, const std::string& source, const std::string& what_plural,
                    const std::vector<std::string>& items);

// Comment ordering every exporter uses: start time, then end, then uuid (deterministic).
void sort_for_export(std::vector<Comment>& comments);

}  // namespace triad::exchange
