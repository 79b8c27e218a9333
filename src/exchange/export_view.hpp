#pragma once
// What a person may take out of the library for an audience, decided once. Every writer
// (bundle, CSV, JSON, WebVTT, SRT, EAF, the HTML report, clip captions) renders an
// ExportView and reads nothing else from the library about comments or people, so a new
// format is a new renderer and cannot forget a rule. The rules, in one place:
//  - the exporter must be allowed to export (core/roles may_export: not a learning detective);
//  - only comments the exporter may see (core/visibility can_see: blind review, private
//    notes, unapproved detectives' comments), never a private one, and for the
//    `everyone` audience only comments meant for everyone; a reply never dangles;
//  - pupils only by code: a pupil field that is not a code (a name an older Triad could
//    store) is emptied;
//  - learning detectives (pupils themselves) only under a random pseudonym made once;
//  - the recording by file name and fingerprint only, never its path.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"
#include "core/visibility.hpp"
#include "store/library.hpp"

namespace triad::exchange {

enum class Audience { Triad, Everyone };
std::string_view to_string(Audience a);
std::optional<Audience> parse_audience(std::string_view s);
// Private comments never leave; `everyone` takes only comments meant for everyone.
bool audience_allows(Audience a, Visibility v);

struct ExportRequest {
  RowId session_id = 0;
  RowId exporter_id = 0;
  Audience audience = Audience::Triad;
  bool tombstones = false;  // bundles carry deletions (no text, pupil or tags) so they merge
};

struct ExportView {
  Session session;
  SessionAccess access;
  Viewer exporter;
  std::string school;                 // the session's school name, or empty
  std::optional<Recording> recording; // the primary recording; `path` is cleared
  std::string media_file_name;        // its file name (no folders), or empty
  std::vector<Comment> comments;      // what may leave, in the library's list order
  // Every person of the library as an export writes them (detectives by pseudonym).
  std::map<RowId, std::string> names;

  // The name to write for a person; "Someone" for one the library does not know.
  const std::string& name(RowId person_id) const;
  bool is_detective(RowId person_id) const;
};

Result<ExportView> export_view(store::Library& lib, const ExportRequest& request);

// A learning detective's name outside their library is "Learning detective 1a2b3c": random,
// made once in the library that added them (exchange/bundle_data.hpp TravelNames); a
// pseudonym stays as it is wherever it travels.
bool is_detective_pseudonym(std::string_view name);

}  // namespace triad::exchange
