#pragma once
// Comment bundles: how a triad shares its work without a server. Format: see
// src/exchange/BUNDLE_FORMAT.md (JSON, "format": "triad-bundle", "version": 1).
//
// Export writes what the chosen audience may see (through core/visibility's can_see for
// the exporting person): never private comments, never the video, pupils only by code,
// learning detectives only by a pseudonym.
// Import validates the whole bundle first (pure, no library access), then applies it in
// one transaction: all or nothing. Comments merge by UUID under core/merge.hpp, so
// importing is idempotent and the order of imports does not matter.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "core/framework.hpp"
#include "core/model.hpp"
#include "exchange/export_view.hpp"
#include "store/library.hpp"

namespace triad::exchange {

inline constexpr int kBundleVersion = 1;

// Limits that keep a hostile bundle from exhausting memory or time.
inline constexpr std::size_t kMaxBundleBytes = 64u << 20;   // whole file
inline constexpr std::size_t kMaxTextBytes = 64u << 10;     // one comment's text
inline constexpr std::size_t kMaxFieldBytes = 4096;         // names, titles, codes...
inline constexpr std::size_t kMaxComments = 200000;
inline constexpr int kMaxJsonDepth = 16;
inline constexpr TimeUs kMaxMediaTimeUs = TimeUs{7} * 24 * 3600 * kUsPerSecond;  // a week of video

// Path of the placeholder recording a bundle creates for a new session (the video is not
// on this machine until the user relinks it; the fingerprint is what matters).
inline constexpr std::string_view kUnlinkedRecordingPath = "(video not on this machine: relink it)";

// Audience, to_string and parse_audience: exchange/export_view.hpp.

struct BundleParticipant {
  std::string name;
  Role role = Role::Observer;
  std::int64_t role_set_at_ms = 0;  // when the role was set (0: an older bundle without it)
};

struct BundleComment {
  Comment comment;     // ids are 0
  std::string author;  // display name (or detective pseudonym)
};

// A validated bundle (the library is not touched to make one).
struct Bundle {
  Audience audience = Audience::Triad;
  std::int64_t created_at_ms = 0;
  std::string exported_by;
  Session session;  // ids 0; uuid set
  std::string school;
  std::string teacher;
  std::optional<std::string> protocol_json;  // core/protocol.hpp JSON
  std::int64_t protocol_updated_at_ms = 0;   // the protocol's last edit, and by whom
  std::string protocol_updated_by;
  std::vector<BundleParticipant> participants;
  std::vector<Framework> frameworks;  // with their pupil lanes (codes)
  std::optional<std::string> fingerprint;
  TimeUs duration_us = 0;
  std::vector<BundleComment> comments;
};

// Builds the bundle text for `session_id` as seen by `exporter_id`. Refused for
// learning detectives (core/roles may_export).
Result<std::string> export_bundle(store::Library& lib, RowId session_id, Audience audience, RowId exporter_id,
                                  std::int64_t now_ms);

// Parses and checks everything (version, types, UUIDs, duplicate ids, UTF-8, times,
// sizes, nesting, pupil codes). `source` names the file in error messages.
Result<Bundle> parse_bundle(std::string_view bytes, const std::string& source);

struct ImportReport {
  bool session_created = false;
  int added = 0;      // comments new to this library
  int updated = 0;    // comments replaced by a newer version
  int unchanged = 0;  // comments this library already had in the winning version
  std::vector<std::string> warnings;
};

// Merges a parsed bundle into the library in one transaction. Refused when the session's
// recording fingerprint differs from the bundle's, unless `force`.
Result<ImportReport> import_bundle(store::Library& lib, const Bundle& bundle, RowId importer_id, bool force,
                                   const std::string& source);

}  // namespace triad::exchange
