// Subcommands of the exchange area: bundle export/import, export, import, report, clip.
// Owned by the exchange work; registered from main.cpp. Every file is written atomically
// (base/atomic_file.hpp): an interrupted run never leaves half a file under the final name.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/clip_plan.hpp"
#include "app/talk_analysis.hpp"
#include "base/atomic_file.hpp"
#include "base/wall_clock.hpp"
#include "base/parse.hpp"
#include "cli/context.hpp"
#include "cli/library_access.hpp"
#include "core/roles.hpp"
#include "core/visibility.hpp"
#include "app/identity.hpp"
#include "app/share_files.hpp"
#include "exchange/bundle.hpp"
#include "exchange/clip.hpp"
#include "exchange/flat_io.hpp"
#include "exchange/report.hpp"
#include "store/library.hpp"
#include "store/workflow.hpp"

namespace triad::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using store::Library;
using store::OpenMode;

// ---- bundle ------------------------------------------------------------------------------

struct BundleArgs {
  std::string session, audience = "triad", output, input;
  bool force = false, dry_run = false;
};

void bundle_export(Context& ctx, const BundleArgs& a) {
  auto audience = exchange::parse_audience(a.audience);
  if (!audience && fail(ctx, make_error("'" + a.audience + "' is not an audience (use triad or everyone).", ErrorKind::kUsage)))
    return;
  auto opened = open_session_as(ctx, OpenMode::ExistingOnly, a.session);
  if (!opened && fail(ctx, opened.error())) return;
  auto& [lib, session, me] = *opened;
  // Signed with the exporter's key; a sealed key's passphrase comes from $TRIAD_PASSPHRASE.
  const char* pass = std::getenv("TRIAD_PASSPHRASE");
  auto made = app::export_bundle_file(lib, session.id, *audience, me.id, pass ? pass : "", now_ms(), a.output);
  if (!made && fail(ctx, made.error())) return;
  for (const auto& w : made->warnings) *ctx.err << "triad: warning: " << w << "\n";
  if (ctx.json)
    *ctx.out << json{{"file", a.output}, {"bytes", made->bytes}, {"signed", made->signed_now}, {"forwarded", made->forwarded}}.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  else
    *ctx.out << "Wrote bundle " << a.output << " (" << made->bytes << " bytes; " << made->signed_now << " changes signed by "
             << me.display_name << ", " << made->forwarded << " forwarded with their authors' signatures)\n";
}

void bundle_import(Context& ctx, const BundleArgs& a) {
  // Everything is checked before the library is even opened: a rejected bundle cannot
  // change a byte of it.
  app::ImportRequest request;
  request.file = a.input;
  request.kind = app::ImportKind::Bundle;
  request.force = a.force;
  request.now_ms = now_ms();
  auto file = app::read_import_file(request);
  if (!file && fail(ctx, file.error())) return;
  auto lib = open_library(ctx, OpenMode::Create);
  if (!lib && fail(ctx, lib.error())) return;
  // An import builds on what is there: a damaged library is refused before it is written to.
  if (auto st = lib->check_integrity("imported into"); !st && fail(ctx, st.error())) return;
  request.library_checked = true;
  auto me = actor(ctx, *lib);
  if (!me && fail(ctx, me.error())) return;
  request.importer_id = me->id;
  // The same call as the window's Import panel; --dry-run rolls everything back.
  auto report = app::import_read_file(*lib, request, *file, a.dry_run);
  if (!report && fail(ctx, report.error())) return;
  for (const auto& w : report->warnings) *ctx.err << "triad: warning: " << w << "\n";
  if (ctx.json) {
    json j{{"session_uuid", report->session_uuid}, {"session_created", report->session_created},
           {"added", report->added},               {"updated", report->updated},
           {"unchanged", report->unchanged},       {"pending", report->pending},
           {"refused_waiting", report->refused_waiting}};
    j["changes"] = report->other_changes;  // the other kinds of change, by kind
    if (a.dry_run) {
      j["dry_run"] = true;
      j["tombstoned"] = report->tombstoned;
      j["new_people"] = report->new_people;
    }
    *ctx.out << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    *ctx.out << (a.dry_run ? "Would merge " : "Merged ") << a.input << " into '" << file->bundle->title << "'"
             << (a.dry_run && report->session_created ? " (a new session)" : "") << ": " << report->added
             << " added, " << report->updated << " updated, " << report->unchanged << " unchanged"
             << (a.dry_run && report->tombstoned ? ", " + std::to_string(report->tombstoned) + " deleted" : std::string())
             << (a.dry_run && !report->new_people.empty() ? ", " + std::to_string(report->new_people.size()) + " new people" : std::string())
             << (report->other_changes.empty() ? std::string() : ", " + app::other_changes_phrase(report->other_changes))
             << (report->pending ? ", " + std::to_string(report->pending) + " waiting (for their signer's key, or a reveal for the submissions)" : std::string())
             << (report->refused_waiting ? ", " + std::to_string(report->refused_waiting) + " waiting changes refused (see the warnings)" : std::string())
             << (a.dry_run ? "; nothing was written" : "") << "\n";
  }
}

// ---- export / import ---------------------------------------------------------------------

struct FlatArgs {
  std::string session, format, output, input, tiers = "reviewers";
  std::optional<std::string> author, tag, kind;
  bool dry_run = false;
};

void flat_export(Context& ctx, const FlatArgs& a) {
  auto format = exchange::parse_flat_format(a.format);
  if (!format && fail(ctx, make_error("'" + a.format + "' is not an export format (csv, json, vtt, srt, eaf).", ErrorKind::kUsage)))
    return;
  auto opened = open_session_as(ctx, OpenMode::ExistingOnly, a.session);
  if (!opened && fail(ctx, opened.error())) return;
  auto& [lib, session, me] = *opened;
  auto written = app::export_flat_file(lib, session.id, me.id, *format, {a.author, a.tag, a.kind}, a.output);
  if (!written && fail(ctx, written.error())) return;
  if (ctx.json)
    *ctx.out << json{{"file", a.output}, {"comments", *written}}.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  else
    *ctx.out << "Wrote " << *written << (*written == 1 ? " comment" : " comments") << " to " << a.output << "\n";
}

void flat_import(Context& ctx, const FlatArgs& a) {
  std::optional<exchange::FlatFormat> format =
      a.format.empty() ? exchange::guess_flat_format(a.input) : exchange::parse_flat_format(a.format);
  if (!format &&
      fail(ctx, make_error("Cannot tell the format of '" + a.input + "'; give --format csv|json|vtt|srt|eaf.", ErrorKind::kUsage)))
    return;
  auto tiers = a.tiers == "tags" ? exchange::EafTiers::Tags : exchange::EafTiers::Reviewers;
  if (a.tiers != "tags" && a.tiers != "reviewers" &&
      fail(ctx, make_error("--tiers takes reviewers or tags, not '" + a.tiers + "'.", ErrorKind::kUsage)))
    return;
  app::ImportRequest request;
  request.file = a.input;
  request.kind = app::ImportKind::Flat;
  request.format = format;
  request.tiers = tiers;
  request.default_kind = a.kind;
  request.now_ms = now_ms();
  auto file = app::read_import_file(request);
  if (!file && fail(ctx, file.error())) return;
  auto opened = open_session_as(ctx, OpenMode::ExistingOnly, a.session);
  if (!opened && fail(ctx, opened.error())) return;
  auto& [lib, session, me] = *opened;
  request.session_id = session.id;
  request.importer_id = me.id;
  // The same call as the window's Import panel; --dry-run rolls everything back.
  auto report = app::import_read_file(lib, request, *file, a.dry_run);
  if (!report && fail(ctx, report.error())) return;
  for (const auto& w : report->warnings) *ctx.err << "triad: warning: " << w << "\n";
  if (ctx.json) {
    json j{{"added", report->added},     {"updated", report->updated}, {"unchanged", report->unchanged},
           {"skipped", report->skipped}, {"mapping", report->mapping}};
    if (a.dry_run) j["dry_run"] = true;
    *ctx.out << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    for (const auto& m : report->mapping) *ctx.out << "  " << m << "\n";
    *ctx.out << (a.dry_run ? "Would import " : "Imported ") << a.input << ": " << report->added << " added, "
             << report->updated << " updated, " << report->unchanged << " unchanged"
             << (report->skipped ? ", " + std::to_string(report->skipped) + " skipped" : "")
             << (a.dry_run ? "; nothing was written" : "") << "\n";
  }
}

// ---- report ------------------------------------------------------------------------------

// Ctrl-C during long work: the first press asks the work to stop at the next step (no
// half file is left: outputs are written atomically at the end); a second press kills.
volatile std::sig_atomic_t g_cancel = 0;
extern "C" void on_sigint(int) {
  if (g_cancel) std::_Exit(130);
  g_cancel = 1;
}

// A progress bar on stderr when it is a terminal; silent otherwise (scripts, tests).
struct Progress {
  bool tty = ::isatty(STDERR_FILENO) == 1;
  std::string label;
  void (*previous)(int) = nullptr;
  explicit Progress(std::string l) : label(std::move(l)) {
    g_cancel = 0;
    previous = std::signal(SIGINT, on_sigint);
  }
  ~Progress() {
    std::signal(SIGINT, previous == SIG_ERR ? SIG_DFL : previous);
    if (tty) std::fprintf(stderr, "\r\033[K");
  }
  bool operator()(int done, int total) {
    if (tty && total > 0) {
      int width = 30, filled = width * done / total;
      std::fprintf(stderr, "\r%s [%.*s%*s] %d/%d", label.c_str(), filled, "##############################",
                   width - filled, "", done, total);
      std::fflush(stderr);
    }
    return g_cancel == 0;
  }
};

struct ReportArgs {
  std::string session, output;
  int width = 320;
  std::vector<RowId> recordings;
  bool all_cameras = false;
};

void report_cmd(Context& ctx, const ReportArgs& a) {
  auto opened = open_session_as(ctx, OpenMode::ExistingOnly, a.session);
  if (!opened && fail(ctx, opened.error())) return;
  auto& [lib, session, me] = *opened;
  Progress progress("Thumbnails");
  exchange::ReportOptions opt;
  opt.session_id = session.id;
  opt.viewer_id = me.id;
  opt.thumb_width = a.width;
  opt.cameras = a.recordings;
  opt.all_cameras = a.all_cameras;
  opt.now_ms = now_ms();
  opt.progress = [&progress](int d, int t) { return progress(d, t); };
  if (auto talk = app::cached_session_talk(lib, session.id)) {  // the cache only: never decodes sound here
    opt.talk = std::move(talk->labels);
    opt.talk_source = std::move(talk->source);
  }
  auto html = exchange::build_report(lib, opt);
  if (!html && fail(ctx, html.error())) return;
  if (auto w = write_file_atomically(a.output, *html); !w && fail(ctx, Error{w.error().message, ErrorKind::kIoError})) return;
  if (ctx.json)
    *ctx.out << json{{"file", a.output}, {"bytes", html->size()}}.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  else
    *ctx.out << "Wrote report " << a.output << " (" << html->size() / 1024 << " KiB)\n";
}

// ---- clip --------------------------------------------------------------------------------

struct ClipArgs {
  std::string session, output;
  std::vector<std::string> comments;
  double pre = 5, post = 10;
  bool subtitle = false, burn_in = false;
  std::optional<RowId> recording;
  std::string sound;
};

void clip_cmd(Context& ctx, const ClipArgs& a) {
  if (a.pre < 0 || a.post < 0 || a.pre > 600 || a.post > 600) {
    ctx.fail("--pre and --post take 0 to 600 seconds.", kUsage);
    return;
  }
  app::ClipRequest request;
  if (!a.sound.empty()) {
    request.sound = app::parse_sound_choice(a.sound);
    if (!request.sound) {
      ctx.fail("--sound is a recording id (see `triad recording list`), mix or clock, not '" + a.sound + "'.", kUsage);
      return;
    }
  }
  auto opened = open_session_as(ctx, OpenMode::ExistingOnly, a.session);
  if (!opened && fail(ctx, opened.error())) return;
  auto& [lib, session, me] = *opened;
  request.session_id = session.id;
  request.exporter_id = me.id;
  request.comments = a.comments;
  request.pre_us = static_cast<TimeUs>(a.pre * 1e6);
  request.post_us = static_cast<TimeUs>(a.post * 1e6);
  request.recording_id = a.recording;
  auto plan = app::plan_clip(lib, request);
  if (!plan && fail(ctx, plan.error())) return;
  Progress progress("Clip");
  exchange::ClipOptions opt;
  opt.subtitle = a.subtitle;
  opt.burn_in = a.burn_in;
  opt.sound = plan->sound;
  opt.progress = [&progress](TimeUs done, TimeUs total) {
    return progress(static_cast<int>(done / 100000), static_cast<int>(total / 100000));
  };
  auto r = exchange::write_clip(plan->recording_path, plan->segments, a.output, opt);
  if (!r && fail(ctx, r.error())) return;
  std::string video = r->video_copied ? "copied without re-encoding" : "re-encoded (" + r->reencode_reason + ")";
  if (ctx.json)
    *ctx.out << json{{"file", a.output},
                     {"duration_us", r->duration_us},
                     {"frames", r->video_frames},
                     {"video_copied", r->video_copied},
                     {"video", video}}
                    .dump(-1, ' ', false, json::error_handler_t::replace)
             << "\n";
  else
    *ctx.out << "Wrote " << a.output << " (" << format_time(r->duration_us) << ", " << r->video_frames << " frames, video "
             << video << ")\n";
}

}  // namespace

void register_exchange_commands(CLI::App& app, Context& ctx) {
  auto* bundle = app.add_subcommand("bundle", "Share a session's comments with the triad without a server");
  bundle->require_subcommand(1);
  auto ba = std::make_shared<BundleArgs>();
  auto* bex = bundle->add_subcommand("export", "Write the comments an audience may see (never private ones, never the video)");
  bex->add_option("--session", ba->session, "Session id, uuid or title")->required();
  bex->add_option("--for", ba->audience, "Audience: triad (default) or everyone");
  bex->add_option("-o,--output", ba->output, "Bundle file to write")->required();
  bex->callback([&ctx, ba] { bundle_export(ctx, *ba); });
  auto* bim = bundle->add_subcommand("import", "Merge a bundle (all or nothing; importing twice changes nothing)");
  bim->add_option("file", ba->input, "Bundle file")->required();
  bim->add_flag("--force", ba->force, "Merge even when the bundle was made for a different recording");
  bim->add_flag("--dry-run", ba->dry_run, "Say what the import would add or change, and write nothing");
  bim->callback([&ctx, ba] { bundle_import(ctx, *ba); });

  auto fa = std::make_shared<FlatArgs>();
  auto* ex = app.add_subcommand("export", "Export a session's comments as CSV, JSON, WebVTT, SRT or ELAN EAF");
  ex->add_option("--session", fa->session, "Session id, uuid or title")->required();
  ex->add_option("--format", fa->format, "csv, json, vtt, srt or eaf")->required();
  ex->add_option("-o,--output", fa->output, "File to write")->required();
  ex->add_option("--author", fa->author, "Only this author's comments (name or id)");
  ex->add_option("--tag", fa->tag, "Only comments with this tag code");
  ex->add_option("--kind", fa->kind, "Only comments with this feedback stem code");
  ex->callback([&ctx, fa] { flat_export(ctx, *fa); });

  auto* im = app.add_subcommand("import", "Import comments from CSV, JSON, WebVTT, SRT or ELAN EAF into a session, all as yours "
                                          "(a file naming anyone else is refused in a session with participants; "
                                          "in a plain session the name starts the comment's text)");
  im->add_option("--session", fa->session, "Session id, uuid or title")->required();
  im->add_option("file", fa->input, "File to read")->required();
  im->add_option("--format", fa->format, "csv, json, vtt, srt or eaf (default: from the file name)");
  im->add_option("--tiers", fa->tiers, "EAF: tiers name who spoke (default; the name starts the text) or become tags");
  im->add_option("--kind", fa->kind,
                 "Feedback stem for comments the file gives none (one of the session protocol's stems); "
                 "without it, a protocol with required stems refuses such a file");
  im->add_flag("--dry-run", fa->dry_run, "Say what the import would add, and write nothing");
  im->callback([&ctx, fa] { flat_import(ctx, *fa); });

  auto ra = std::make_shared<ReportArgs>();
  auto* rep = app.add_subcommand("report", "Write a self-contained HTML feedback report with video frames");
  rep->add_option("--session", ra->session, "Session id, uuid or title")->required();
  rep->add_option("-o,--output", ra->output, "HTML file to write")->required();
  rep->add_option("--thumb-width", ra->width, "Thumbnail width in CSS pixels (default 320)")->check(CLI::Range(64, 1920));
  rep->add_option("--recording", ra->recordings,
                  "Frames from this camera of the session (`triad recording list`); repeat it for several side by side; "
                  "default: the session clock's");
  rep->add_flag("--all-cameras", ra->all_cameras, "Frames from every camera of the session, side by side");
  rep->callback([&ctx, ra] { report_cmd(ctx, *ra); });

  auto ca = std::make_shared<ClipArgs>();
  auto* clip = app.add_subcommand("clip", "Cut the video around comments into one MP4 (metadata stripped)");
  clip->add_option("--session", ca->session, "Session id, uuid or title")->required();
  clip->add_option("--comment", ca->comments, "Comment id or uuid; repeat for a highlights reel")->required();
  clip->add_option("--pre", ca->pre, "Seconds before each comment (default 5)");
  clip->add_option("--post", ca->post, "Seconds after each comment (or its end) (default 10)");
  clip->add_option("-o,--output", ca->output, "MP4 file to write")->required();
  clip->add_option("--recording", ca->recording, "Cut from this camera of the session (`triad recording list`); default: the session clock's");
  clip->add_option("--sound", ca->sound,
                   "The clip's sound: a recording id (a camera or microphone of the session, placed by its offset and drift; "
                   "silence where it has none), mix, or clock; default: the picture's own");
  clip->add_flag("--subtitle", ca->subtitle, "Add the comment text as a subtitle track");
  clip->add_flag("--burn-in", ca->burn_in, "Draw the comment text onto the picture");
  clip->callback([&ctx, ca] { clip_cmd(ctx, *ca); });
}

}  // namespace triad::cli
