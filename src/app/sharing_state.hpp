#pragma once
// What the window shows about sharing and the recording's files (issue 13), kept by the
// workstation and changed only by its commands (app/sharing_commands.cpp):
//   export-panel [on|off] [report|clip|csv|json|vtt|srt|eaf|bundle-triad|bundle-everyone]
//   export bundle PATH [--for triad|everyone] [--passphrase P]
//   export csv|json|vtt|srt|eaf PATH                 (report and clip: app/workflow_commands.cpp)
//   import-panel [on|off]
//   import preview FILE [--force]   import confirm   import cancel
//   identity create [--passphrase P]                 the reviewer's signing key, for bundles
//   rekey PERSON [--key BASE64 | --from BUNDLE]      the Session panel's "Re-key…" step: a
//   rekey confirm [--passphrase P]   rekey cancel    participant's new key, compared, then bound
//   retention delete | confirm | dismiss             the recording after the retention date
//   relink FOLDER                                    find a moved recording by fingerprint
#include <optional>
#include <string>
#include <vector>

#include "app/rekey.hpp"
#include "app/retention.hpp"
#include "app/share_files.hpp"
#include "core/model.hpp"

namespace triad::app {

// What the Export panel offers, in its order.
enum class ExportChoice { Report, Clip, Csv, Json, WebVtt, Srt, Eaf, BundleTriad, BundleEveryone };
inline constexpr int kExportChoices = 9;
std::string_view export_choice_code(ExportChoice c);   // "report", "csv", "bundle-triad"...
std::string_view export_choice_label(ExportChoice c);  // "Feedback report (HTML)"...
std::string_view export_choice_extension(ExportChoice c);  // ".html", ".csv", ".triad-bundle"...
std::optional<ExportChoice> parse_export_choice(std::string_view code);

// The import the person chose and what its dry run said.
struct ImportPreview {
  std::string file;
  bool force = false;
  std::optional<ImportSummary> summary;  // set when the import would go through
  std::string refusal;                   // otherwise why it would be refused
};

// The re-key step (app/rekey_commands.cpp over app/rekey.hpp, as `triad identity rekey`):
// a participant's new key, pasted or read from the bundle that was refused for it, shown
// beside their key here as fingerprints to compare aloud, bound only on confirmation.
struct RekeyStep {
  RowId person_id = 0;
  std::string person;                   // display name
  std::string old_fingerprint;          // their key bound here
  std::string from;                     // the bundle the new key was read from ("" when pasted)
  std::optional<RekeyPreview> preview;  // once a new key is given and passes the checks
  std::string error;                    // why the last step was refused: one sentence
  std::string done;                     // once bound: the sentence that says so
};

struct SharingState {
  bool export_panel = false;
  ExportChoice export_choice = ExportChoice::Report;
  bool import_panel = false;
  std::optional<ImportPreview> import;
  std::string import_done;  // the sentence after the last import, shown in the panel

  // The reviewer's signing key, for the bundle choices (refreshed when the panel opens).
  bool has_key = false;
  bool key_sealed = false;
  std::string key_fingerprint;  // "12345 67890 ...", to compare aloud; "" without a key

  // Re-keying (the Session panel's roster): whom the reviewer may re-key in the open session
  // (refreshed with the roster and the reviewer), and the step while it is open.
  std::vector<RowId> rekeyable;
  std::optional<RekeyStep> rekey;

  // About the open session's recording files: worked out when a session opens, and again
  // when its data is reloaded (its protocol's retention date set in the window, or a change
  // from another program) and when the day turns (a window left open past the date).
  RowId checked_session = 0;
  std::string checked_day;  // today_iso() when last worked out
  RetentionState retention;
  bool retention_dismissed = false;
  bool retention_confirming = false;  // "Delete …?" asked, waiting for confirm
  std::vector<std::string> missing;  // recordings not where last seen (and not deleted on purpose)
  std::string relink_result;         // the last relink's sentence
};

}  // namespace triad::app
