#pragma once
// What the flat exchange formats (CSV, JSON, WebVTT, SRT, EAF) read and write: comments
// plus the few names they refer to. Pure data, no store access: the CLI resolves author
// names to people and tag codes to tags when it imports.
#include <map>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace triad::exchange {

struct CommentSet {
  std::string title;      // session title (written where a format has a header)
  std::string media_url;  // relative URL of the recording (EAF MEDIA_URL), may be empty
  // Author names by Comment::author_id. Importers number authors 1..n in order of first
  // appearance; 0 means "unknown author" (the importing person takes it).
  std::map<RowId, std::string> authors;
  std::vector<Comment> comments;
  // Non-fatal observations made while importing (skipped cues, unaligned EAF slots...).
  std::vector<std::string> warnings;
  // Readers: Comment::kind is empty when the file gives no feedback stem, and the
  // visibility a file states (CSV, JSON) is recorded here by comment uuid; formats without
  // one (WebVTT, SRT, EAF) leave it out, so the importer applies the protocol's default.
  std::map<std::string, Visibility> stated_visibility;

  std::string author_name(RowId id) const;
  // Returns the id of `name`, adding it when new. Empty name -> 0.
  RowId author_id(const std::string& name);
};

// Comment ordering every exporter uses: start time, then end, then uuid (deterministic).
void sort_for_export(std::vector<Comment>& comments);

}  // namespace triad::exchange
