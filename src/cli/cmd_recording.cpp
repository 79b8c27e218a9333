// `triad recording add|list|align|offset|remove`: the cameras and microphones of a session,
// a thin front over app/recordings.hpp and app/recording_align.hpp.
#include "cli/cmd_recording.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/recording_align.hpp"
#include "app/recordings.hpp"
#include "base/time.hpp"
#include "cli/library_access.hpp"
#include "core/recording_clock.hpp"
#include "media/decoder.hpp"
#include "media/png_writer.hpp"

namespace triad::cli {
namespace {

using nlohmann::json;

std::string ppm_text(std::int64_t ppb) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.3f", static_cast<double>(ppb) / 1000.0);
  return buf;
}

json recording_json(const Recording& r) {
  return json{{"id", r.id},
              {"label", r.label},
              {"role", std::string(to_string(r.role))},
              {"path", r.path},
              {"offset_us", r.sync_offset_us},
              {"drift_ppb", r.drift_ppb},
              {"drift_ppm", static_cast<double>(r.drift_ppb) / 1000.0},
              {"clock", r.primary},
              {"duration_us", r.duration_us},
              {"fingerprint", r.fingerprint}};
}

void print_recording(Context& ctx, const Recording& r) {
  if (ctx.json) {
    *ctx.out << recording_json(r).dump() << "\n";
    return;
  }
  const SessionSpan span = session_span(r);
  *ctx.out << r.id << "  " << (r.label.empty() ? "-" : r.label) << "  " << to_string(r.role) << "  offset "
           << format_seconds(r.sync_offset_us) << " s  drift " << ppm_text(r.drift_ppb) << " ppm  session "
           << format_time(span.start_us) << " - " << format_time(span.end_us) << (r.primary ? "  [clock]" : "") << "  "
           << r.path << "\n";
}

struct AddArgs {
  std::string session, file, label, role = "camera";
};

void run_add(Context& ctx, const AddArgs& a) {
  auto role = parse_recording_role(a.role);
  if (!role) return ctx.fail("--role: '" + a.role + "' is not a role (use camera, microphone or teacher-mic).", kUsage);
  auto opened = open_session(ctx, store::OpenMode::ExistingOnly, a.session);
  if (!opened && fail(ctx, opened.error())) return;
  auto r = app::add_recording(opened->lib, opened->session.id, app::AddRecording{a.file, a.label, *role});
  if (!r && fail(ctx, r.error())) return;
  if (ctx.json) return print_recording(ctx, *r);
  *ctx.out << "Recording " << r->id << " added to session '" << opened->session.title << "'"
           << (r->primary ? " as its clock" : " at offset 0 (align it with `triad recording align`)") << ".\n";
}

void run_list(Context& ctx, const std::string& session) {
  auto opened = open_session(ctx, store::OpenMode::ExistingOnly, session);
  if (!opened && fail(ctx, opened.error())) return;
  auto recs = app::list_recordings(opened->lib, opened->session.id);
  if (!recs && fail(ctx, recs.error())) return;
  if (ctx.json) {
    json arr = json::array();
    for (const auto& r : *recs) arr.push_back(recording_json(r));
    *ctx.out << arr.dump(2) << "\n";
    return;
  }
  if (recs->empty()) *ctx.out << "Session '" << opened->session.title << "' has no recordings.\n";
  for (const auto& r : *recs) print_recording(ctx, r);
}

struct OffsetArgs {
  std::string session, set;
  long long recording = 0;
  double nudge_ms = 0;
  bool nudge_given = false;
};

void run_offset(Context& ctx, const OffsetArgs& a) {
  if (a.set.empty() == !a.nudge_given) return ctx.fail("Give exactly one of --set TIME or --nudge MS.", kUsage);
  std::optional<TimeUs> set;
  if (!a.set.empty()) {
    auto t = parse_time(a.set);
    if (!t) return ctx.fail("--set: " + t.error().message, kUsage);
    set = *t;
  }
  auto opened = open_session(ctx, store::OpenMode::ExistingOnly, a.session);
  if (!opened && fail(ctx, opened.error())) return;
  auto& lib = opened->lib;
  const RowId sid = opened->session.id;
  auto r = set ? app::set_recording_offset(lib, sid, a.recording, *set)
               : app::nudge_recording(lib, sid, a.recording, static_cast<TimeUs>(std::llround(a.nudge_ms * 1000.0)));
  if (!r && fail(ctx, r.error())) return;
  print_recording(ctx, *r);
}

void run_remove(Context& ctx, const std::string& session, long long recording) {
  auto opened = open_session(ctx, store::OpenMode::ExistingOnly, session);
  if (!opened && fail(ctx, opened.error())) return;
  if (auto s = app::remove_recording(opened->lib, opened->session.id, recording); !s && fail(ctx, s.error())) return;
  if (!ctx.json) *ctx.out << "Recording " << recording << " removed from the session (the file was left alone).\n";
}

// A one-line progress bar on stderr, only when stderr is a terminal.
bool show_progress(const std::string& what, double f) {
  static int last = -1;
  if (isatty(STDERR_FILENO) == 0) return true;
  const int pct = static_cast<int>(f * 100);
  if (pct != last) std::fprintf(stderr, "\r%s %3d%%%s", what.c_str(), pct, pct >= 100 ? "\n" : "");
  last = pct;
  return true;
}

void run_align(Context& ctx, const std::string& session, long long recording) {
  auto opened = open_session(ctx, store::OpenMode::ExistingOnly, session);
  if (!opened && fail(ctx, opened.error())) return;
  auto& lib = opened->lib;
  const RowId sid = opened->session.id;
  auto recs = app::list_recordings(lib, sid);
  if (!recs && fail(ctx, recs.error())) return;
  std::vector<RowId> todo;
  if (recording > 0) {
    todo.push_back(recording);
  } else {
    for (const auto& r : *recs)
      if (!r.primary) todo.push_back(r.id);
    if (todo.empty())
      return ctx.fail("Session '" + opened->session.title + "' has no recording besides its clock to align.");
  }
  json all = json::array();
  for (RowId id : todo) {
    const std::string what = "aligning recording " + std::to_string(id);
    auto out = app::align_recording(lib, sid, id, [&](double f) { return show_progress(what, f); });
    if (!out) {
      ctx.fail(out.error());
      continue;
    }
    if (ctx.json) {
      json j = recording_json(out->recording);
      j["confidence"] = out->sound.confidence;
      j["points_used"] = out->sound.points_used;
      j["points_tried"] = out->sound.points_tried;
      j["worst_residual_us"] = out->sound.worst_residual_us;
      j["overlap_us"] = out->sound.overlap_us;
      all.push_back(j);
      continue;
    }
    char line[256];
    std::snprintf(line, sizeof line,
                  "Recording %lld aligned: offset %s s, drift %s ppm (confidence %.1f, %d of %d points agree within "
                  "%.1f ms).\n",
                  static_cast<long long>(id), format_seconds(out->recording.sync_offset_us).c_str(),
                  ppm_text(out->recording.drift_ppb).c_str(), out->sound.confidence, out->sound.points_used,
                  out->sound.points_tried, static_cast<double>(out->sound.worst_residual_us) / 1000.0);
    *ctx.out << line;
  }
  if (ctx.json) *ctx.out << all.dump(2) << "\n";
}

}  // namespace

void run_recording_frame(Context& ctx, const RecordingFrameArgs& a) {
  auto t = parse_time(a.at);
  if (!t) return ctx.fail("--at: " + t.error().message, kUsage);
  if (a.recording <= 0) return ctx.fail("--recording N is needed with --session.", kUsage);
  auto opened = open_session(ctx, store::OpenMode::ExistingOnly, a.session);
  if (!opened && fail(ctx, opened.error())) return;
  auto got = app::recording_frame_at(opened->lib, opened->session.id, a.recording, *t);
  if (!got && fail(ctx, got.error())) return;
  if (a.md5 || a.out.empty()) *ctx.out << got->frame.pts_us << ' ' << media::frame_md5(got->frame) << "\n";
  if (!a.out.empty()) {
    Status s = media::write_png(got->frame, a.out, a.width);
    if (!s) return ctx.fail(s.error());
  }
}

void register_recording_commands(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("recording", "The cameras and microphones of a session, on one session clock");
  cmd->require_subcommand(1);
  {
    auto a = std::make_shared<AddArgs>();
    auto* sub = cmd->add_subcommand("add", "Add a camera or microphone to a session (the first one is its clock)");
    add_session_option(sub, a->session);
    sub->add_option("FILE", a->file, "The recording's file")->required();
    sub->add_option("--label", a->label, "What people call it: \"Front\", \"Pupil table\", \"Teacher mic\"");
    sub->add_option("--role", a->role, "camera (default), microphone or teacher-mic");
    sub->callback([&ctx, a] { run_add(ctx, *a); });
  }
  {
    auto session = std::make_shared<std::string>();
    auto* sub = cmd->add_subcommand("list", "List a session's recordings: label, role, offset, drift (clock first)");
    add_session_option(sub, *session);
    sub->callback([&ctx, session] { run_list(ctx, *session); });
  }
  {
    auto session = std::make_shared<std::string>();
    auto rec = std::make_shared<long long>(0);
    auto* sub = cmd->add_subcommand(
        "align", "Align recordings to the session clock by their sound (all others, or --recording N); "
                 "exit 1 with the reason, nothing stored, when the sound does not match");
    add_session_option(sub, *session);
    sub->add_option("--recording", *rec, "Only this recording");
    sub->callback([&ctx, session, rec] { run_align(ctx, *session, *rec); });
  }
  {
    auto a = std::make_shared<OffsetArgs>();
    auto* sub = cmd->add_subcommand("offset", "Place a recording by hand: the session time of its time 0, or a nudge");
    add_session_option(sub, a->session);
    sub->add_option("--recording", a->recording, "Recording id (see `triad recording list`)")->required();
    sub->add_option("--set", a->set, "Session time at which the recording's time 0 falls (may be negative: --set=-3.2)");
    auto* n = sub->add_option("--nudge", a->nudge_ms, "Move it later (+) or earlier (-) by this many milliseconds");
    sub->callback([&ctx, a, n] {
      a->nudge_given = n->count() > 0;
      run_offset(ctx, *a);
    });
  }
  {
    auto session = std::make_shared<std::string>();
    auto rec = std::make_shared<long long>(0);
    auto* sub = cmd->add_subcommand("remove", "Remove a recording from a session (the file is left alone)");
    add_session_option(sub, *session);
    sub->add_option("--recording", *rec, "Recording id")->required();
    sub->callback([&ctx, session, rec] { run_remove(ctx, *session, *rec); });
  }
}

}  // namespace triad::cli
