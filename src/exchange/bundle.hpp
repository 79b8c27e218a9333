#pragma once
// Bundles: how a triad shares its review without a server. Format: src/exchange/BUNDLE_FORMAT.md
// (JSON, "format": "triad-bundle", "version": 2): a list of signed changes
// (exchange/signed_change.hpp) beside the frameworks and the recording's fingerprint.
//
// Export signs, with the exporter's key, every change the exporter may make whose current
// state no stored signature covers yet, and forwards everyone else's changes with their own
// signatures, each checked first (one taken here on its author's batch alone may not verify:
// it is left out, said so). It carries what the chosen audience may see (core/visibility can_see for the
// exporting person): never private comments, never the video, pupils only by code, learning
// detectives only by a random pseudonym made once in the library that added them.
// Import checks the whole bundle first (pure), then verifies and authorises each change
// against the session's roster and applies it, all in one transaction: one refused change
// and nothing is written. Changes whose signer's key this library does not know yet wait
// (pending, unshown) until a facilitator's roster binds that key.
#include <cstdint>
#include <optional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "core/framework.hpp"
#include "core/model.hpp"
#include "core/text_limits.hpp"
#include "crypto/signing_key.hpp"
#include "exchange/export_view.hpp"
#include "exchange/signed_change.hpp"
#include "store/library.hpp"

namespace triad::exchange {

inline constexpr int kBundleVersion = 2;

// Limits: one table, checked on export (what does not pass is left out, with a warning)
// and on import, so whatever a library's bundle carries every other library accepts.
// The whole file: a 100,000-comment bundle of ordinary notes is ~75 MiB (a signed change
// carries ~650 bytes besides its text), so 128 MiB; it bounds the parser's memory too.
inline constexpr std::size_t kMaxBundleBytes = 128u << 20;
inline constexpr std::size_t kMaxTextBytes = kMaxCommentTextBytes;  // one comment's text (core/text_limits.hpp)
inline constexpr std::size_t kMaxFieldBytes = 4096;         // names, titles, codes...
inline constexpr std::size_t kMaxChanges = 400000;
inline constexpr int kMaxJsonDepth = 16;
inline constexpr TimeUs kMaxMediaTimeUs = TimeUs{7} * 24 * 3600 * kUsPerSecond;  // a week of video

inline constexpr std::string_view kUnlinkedRecordingPath = "(video not on this machine: relink it)";

// Audience, to_string and parse_audience: exchange/export_view.hpp.

// A bundle whose structure, limits and data fields were checked (signatures are checked on
// import, against the receiving library's roster).
// A camera or microphone of the session as the exporter placed it (issue 15): never the
// file, only what finds it again (the fingerprint) and where it lies on the session clock.
struct BundleRecording {
  std::string fingerprint;
  TimeUs duration_us = 0;
  std::string label;
  RecordingRole role = RecordingRole::Camera;
  TimeUs offset_us = 0;
  std::int64_t drift_ppb = 0;
  bool clock = false;  // the session clock
};

struct Bundle {
  Audience audience = Audience::Triad;
  std::int64_t created_at_ms = 0;
  std::string exported_by;
  std::string session_uuid;
  std::string title;  // from its session change, for messages
  std::vector<Framework> frameworks;
  std::optional<std::string> fingerprint;  // the session clock's (every version 2 bundle)
  TimeUs duration_us = 0;
  std::vector<BundleRecording> recordings;  // every recording, clock first (newer bundles)
  std::vector<Change> changes;  // in kind order (signed_change.hpp kChangeKinds)
  // Signed batches (exchange/change_batch.hpp): the exporter's one signature over the
  // hashes of their own changes here. Checked for shape; their signatures on import.
  std::vector<Change> attestations;
};

struct ExportReport {
  std::string text;
  int signed_now = 0;   // changes the exporter signed in this export
  int forwarded = 0;    // other people's changes passed on with their signatures
  int left_out_unverified = 0;  // other people's changes left out: their own signature does not
                                // verify (taken here on their author's batch); one warning says so
  std::vector<std::string> warnings;  // what was left out, and why
};

// Builds the bundle text for `session_id` as seen by `exporter_id`, signing with `key`
// (which must be the key bound to the exporter here). Refused for learning detectives.
Result<ExportReport> export_bundle(store::Library& lib, RowId session_id, Audience audience, RowId exporter_id,
                                   const crypto::SecretKey& key, std::int64_t now_ms);

// Parses and checks everything that needs no library (version, types, UUIDs, UTF-8, times,
// sizes, nesting, pupil codes, unknown fields). `source` names the file in error messages.
Result<Bundle> parse_bundle(std::string_view bytes, const std::string& source);

struct ImportReport {
  bool session_created = false;
  int added = 0;      // comments new to this library
  int updated = 0;    // comments replaced by a newer version
  int unchanged = 0;  // comments this library already had in the winning version
  int applied = 0;    // changes of every kind that changed this library
  std::map<std::string, int> applied_by_kind;  // the same, by kind ("case", "prediction", "protocol"...)
  int vouched = 0;    // changes verified through their author's signed batch, not one by one
  int pending = 0;    // changes waiting here: for their signer's key to be bound, or (a
                      // reviewer's reveal) for every reviewer's submission to arrive
  int refused_waiting = 0;  // waiting changes checked again by this import and refused (their
                            // key bound, their signer's role not allowing them): they stay
                            // unapplied; each has a sentence in `warnings`
  std::vector<std::string> warnings;
};

// Verifies, authorises and merges a parsed bundle in one transaction. Refused when the
// session's recording fingerprint differs from the bundle's, unless `force`.
Result<ImportReport> import_bundle(store::Library& lib, const Bundle& bundle, RowId importer_id, bool force,
                                   const std::string& source);

}  // namespace triad::exchange
