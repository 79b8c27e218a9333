// The workstation's sharing commands (issue 13; vocabulary in app/sharing_state.hpp): the
// Export panel's file exports, the Import panel's preview and import, the reviewer's signing
// key, and the open session's recording files (retention, relink). The work itself is
// app/share_files, app/retention and app/relink, which the CLI calls too.
#include <filesystem>

#include "app/identity.hpp"
#include "app/relink.hpp"
#include "app/retention.hpp"
#include "app/share_files.hpp"
#include "app/workstation.hpp"
#include "base/wall_clock.hpp"
#include "core/roles.hpp"

namespace triad::app {

namespace fs = std::filesystem;

namespace {

struct ChoiceInfo {
  ExportChoice choice;
  std::string_view code, label, extension;
};
constexpr ChoiceInfo kChoices[kExportChoices] = {
    {ExportChoice::Report, "report", "Feedback report (HTML)", ".html"},
    {ExportChoice::Clip, "clip", "Clip around the selected comment (MP4)", ".mp4"},
    {ExportChoice::Csv, "csv", "Comments as CSV (spreadsheets)", ".csv"},
    {ExportChoice::Json, "json", "Comments as JSON", ".json"},
    {ExportChoice::WebVtt, "vtt", "Comments as WebVTT subtitles", ".vtt"},
    {ExportChoice::Srt, "srt", "Comments as SRT subtitles", ".srt"},
    {ExportChoice::Eaf, "eaf", "Comments for ELAN (EAF)", ".eaf"},
    {ExportChoice::BundleTriad, "bundle-triad", "Bundle for the triad", ".triad-bundle"},
    {ExportChoice::BundleEveryone, "bundle-everyone", "Bundle for everyone", ".triad-bundle"},
};

const ChoiceInfo& info_of(ExportChoice c) { return kChoices[static_cast<int>(c)]; }

Result<fs::path> output_path(const std::string& arg) {
  std::error_code ec;
  const fs::path out = fs::absolute(arg, ec).lexically_normal();
  if (ec || out.filename().empty()) return make_error("'" + arg + "' is not a file name to write to.");
  if (!fs::is_directory(out.parent_path(), ec))
    return make_error("The folder " + out.parent_path().string() + " does not exist.");
  return out;
}

std::string plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string_view export_choice_code(ExportChoice c) { return info_of(c).code; }
std::string_view export_choice_label(ExportChoice c) { return info_of(c).label; }
std::string_view export_choice_extension(ExportChoice c) { return info_of(c).extension; }
std::optional<ExportChoice> parse_export_choice(std::string_view code) {
  for (const auto& i : kChoices)
    if (i.code == code) return i.choice;
  return std::nullopt;
}

// ---- export ------------------------------------------------------------------------------

Result<Outcome> Workstation::cmd_export_panel(const Command& c) {
  bool on = !sharing_.export_panel;
  std::size_t next = 0;
  if (!c.args.empty() && (c.args[0] == "on" || c.args[0] == "off")) {
    on = c.args[0] == "on";
    next = 1;
  }
  if (c.args.size() > next) {
    auto choice = parse_export_choice(c.args[next]);
    if (!choice)
      return make_error("'" + c.args[next] +
                        "' is not an export (report, clip, csv, json, vtt, srt, eaf, bundle-triad, bundle-everyone).");
    sharing_.export_choice = *choice;
    on = true;
  }
  if (on) {
    if (auto role = reviewer_role())
      if (auto st = may_export(*role); !st) return st.error();
    refresh_key_state();
  }
  sharing_.export_panel = on;
  return done();
}

void Workstation::refresh_key_state() {
  sharing_.has_key = sharing_.key_sealed = false;
  sharing_.key_fingerprint.clear();
  if (!reviewer_) return;
  auto key = identity_of(lib_, reviewer_->id);
  if (key && *key) {
    sharing_.has_key = (**key).secret_here;
    sharing_.key_sealed = (**key).sealed;
    sharing_.key_fingerprint = (**key).fingerprint;
  }
}

Result<Outcome> Workstation::cmd_export_file(const Command& c) {
  const std::string& what = c.args[0];
  if (!session_) return make_error("Open a session before exporting.");
  if (c.args.size() < 2) return make_error("Usage: export " + what + " PATH.");
  if (export_ && !export_->done()) return make_error("An export is already running; wait for it or cancel it first.");
  if (auto role = reviewer_role())
    if (auto st = may_export(*role); !st) return st.error();
  auto me = reviewer_id();
  if (!me) return me.error();
  auto out = output_path(c.args[1]);
  if (!out) return out.error();
  if (what == "bundle") {
    auto audience = exchange::parse_audience(c.option("for").value_or("triad"));
    if (!audience) return make_error("'" + c.option("for").value_or("") + "' is not an audience (use triad or everyone).");
    // A sealed key's passphrase: typed in the panel, else $TRIAD_PASSPHRASE as for the CLI.
    std::string pass;
    if (auto p = c.option("passphrase")) pass = *p;
    else if (const char* env = std::getenv("TRIAD_PASSPHRASE")) pass = env;
    // Refused at once (not on the worker) when there is no key to sign with.
    if (auto key = unlock_identity(lib_, *me, pass); !key) return key.error();
    export_ = ExportJob::bundle(lib_.path(), session_->id, *audience, *me, pass, clock_.now_ms(), *out);
    return done("Writing the bundle for " + std::string(exchange::to_string(*audience)) + " to " + out->string() + "…");
  }
  auto format = exchange::parse_flat_format(what);
  if (!format) return make_error("'" + what + "' is not an export format (csv, json, vtt, srt, eaf).");
  export_ = ExportJob::flat(lib_.path(), session_->id, *me, *format, *out);
  return done("Writing the comments to " + out->string() + "…");
}

Result<Outcome> Workstation::cmd_identity_key(const Command& c) {
  if (c.args.size() == 1 && c.args[0] == "later") {  // the key step of "Who is reviewing?" closed
    view_.identity_key = false;
    return done();
  }
  if (c.args.empty() || c.args[0] != "create") return make_error("Usage: identity create [--passphrase P] or identity later.");
  auto me = reviewer_id();
  if (!me) return me.error();
  auto made = create_identity(lib_, *me, c.option("passphrase").value_or(""));
  if (!made) return made.error();
  refresh_key_state();
  return done("Your signing key is made. Fingerprint: " + made->fingerprint + ".");
}

// ---- import ------------------------------------------------------------------------------

Result<Outcome> Workstation::cmd_import_panel(const Command& c) {
  const bool on = c.args.empty() ? !sharing_.import_panel : c.args[0] != "off";
  sharing_.import_panel = on;
  if (!on) sharing_.import.reset();
  sharing_.import_done.clear();
  return done();
}

Result<Outcome> Workstation::cmd_import(const Command& c) {
  const std::string what = c.args.empty() ? "" : c.args[0];
  if (what == "cancel") {
    sharing_.import.reset();
    return done("Nothing was imported.");
  }
  auto me = reviewer_id();
  if (!me) return me.error();
  if (what == "preview") {
    if (c.args.size() < 2) return make_error("Usage: import preview FILE [--force].");
    std::error_code ec;
    ImportPreview p;
    p.file = fs::absolute(c.args[1], ec).lexically_normal().string();
    p.force = c.flag("force");
    ImportRequest r;
    r.file = p.file;
    r.importer_id = *me;
    r.now_ms = clock_.now_ms();
    r.force = p.force;
    if (session_) r.session_id = session_->id;
    // The dry run: the import itself, rolled back.
    auto sum = import_file(lib_, r, true);
    if (sum) p.summary = std::move(*sum);
    else p.refusal = sum.error().message;
    sharing_.import = std::move(p);
    sharing_.import_panel = true;
    sharing_.import_done.clear();
    return done();
  }
  if (what == "confirm") {
    if (!sharing_.import) return make_error("Choose a file to import first.");
    if (!sharing_.import->summary) return make_error(sharing_.import->refusal);
    ImportRequest r;
    r.file = sharing_.import->file;
    r.importer_id = *me;
    r.now_ms = clock_.now_ms();
    r.force = sharing_.import->force;
    r.kind = sharing_.import->summary->kind;
    if (session_) r.session_id = session_->id;
    auto sum = import_file(lib_, r, false);
    if (!sum) {  // the library changed since the preview: say why, keep the panel
      sharing_.import->summary.reset();
      sharing_.import->refusal = sum.error().message;
      return sum.error();
    }
    sharing_.import.reset();
    const std::string title = sum->session_title.empty() ? std::string("the session") : "'" + sum->session_title + "'";
    sharing_.import_done = "Imported " + fs::path(sum->file).filename().string() + " into " + title + ": " +
                           plural(sum->added, "comment", "comments") + " added, " + std::to_string(sum->updated) +
                           " updated.";
    // What is shown comes from the library again (our own write does not bump data_version).
    home_.loaded = false;
    if (session_) {
      if (auto s = lib_.get_session(session_->id)) session_ = *s;
      if (auto st = reload_session_data(); !st) return st.error();
    }
    return done(sharing_.import_done);
  }
  return make_error("Usage: import preview FILE [--force], import confirm or import cancel.");
}

// ---- the recording's files ---------------------------------------------------------------

void Workstation::update_sharing() {
  const RowId open = session_ ? session_->id : 0;
  if (open == sharing_.checked_session) {
    if (open && today_iso() != sharing_.checked_day) refresh_sharing();  // midnight passed with the session open
    return;
  }
  sharing_.retention_dismissed = sharing_.retention_confirming = false;
  sharing_.relink_result.clear();
  sharing_.rekey.reset();  // a re-key step belongs to the session it was opened in
  if (!open) sharing_.export_panel = false;  // back on the home screen (a script may open it before the first frame)
  refresh_sharing();
}

void Workstation::refresh_sharing() {
  sharing_.checked_session = session_ ? session_->id : 0;
  sharing_.checked_day = today_iso();
  sharing_.retention = {};
  sharing_.missing.clear();
  if (!session_) return;
  if (auto r = retention_state(lib_, session_->id, today_iso())) sharing_.retention = std::move(*r);
  if (auto recs = lib_.recordings_for_session(session_->id))
    for (const auto& r : *recs)
      if (!recording_deleted_by_retention(r) && !recording_in_place(r)) sharing_.missing.push_back(r.path);
}

Result<Outcome> Workstation::cmd_retention(const Command& c) {
  const std::string what = c.args.empty() ? "" : c.args[0];
  if (what == "dismiss") {
    sharing_.retention_dismissed = true;
    sharing_.retention_confirming = false;
    return done();
  }
  refresh_sharing();
  if (!sharing_.retention.due()) {
    if (!sharing_.retention.passed)
      return make_error(sharing_.retention.date ? "The retention date " + *sharing_.retention.date + " has not passed."
                                                : std::string("This session has no retention date."));
    return make_error("This session has no recording file left to delete.");
  }
  if (what == "delete") {  // asks first: deleting a file cannot be undone
    sharing_.retention_dismissed = false;
    sharing_.retention_confirming = true;
    return done();
  }
  if (what != "confirm") return make_error("Usage: retention delete, retention confirm or retention dismiss.");
  auto me = reviewer_id();
  if (!me) return me.error();
  // The player lets go of the file before it is deleted.
  const bool was_open = media_info_.has_value();
  if (was_open) media_.close();
  auto deleted = delete_expired_recordings(lib_, session_->id, *me, today_iso());
  if (!deleted) {
    if (was_open) (void)open_session(std::to_string(session_->id));
    sharing_.retention_confirming = false;
    return deleted.error();
  }
  media_info_.reset();
  media_error_ = Error{"The recording was deleted after the retention date; the comments stay.", ErrorKind::kFailed};
  sharing_.retention_confirming = false;
  refresh_sharing();
  return done(deleted->sentence);
}

Result<Outcome> Workstation::cmd_relink(const Command& c) {
  if (c.args.empty()) return make_error("Usage: relink FOLDER.");
  auto report = relink_recordings(lib_, session_->id, c.args[0]);
  if (!report) {
    sharing_.relink_result = report.error().message;
    return report.error();
  }
  refresh_sharing();
  if (report->missing > 0) {
    sharing_.relink_result = "The recording is not under " + c.args[0] + " (nothing changed).";
    return make_error(sharing_.relink_result);
  }
  // Opens the recording where it was found (keeping the playhead saved for the session).
  media_info_.reset();
  if (auto st = open_session(std::to_string(session_->id)); !st) return st.error();
  std::string where;
  for (const auto& r : report->recordings)
    if (r.status == RelinkResult::Status::Relinked) where = r.path;
  sharing_.relink_result = where.empty() ? "The recording was in place." : "Found the recording: " + where;
  return done(sharing_.relink_result);
}

}  // namespace triad::app
