// Subcommands of the playback area. Owned by the playback work; registered from main.cpp.
//   triad play FILE --headless --seconds S [--speed X] [--start T] [--no-audio] [--json]
//   triad play --session S --headless --seconds S [--start T] [--seeks N] [--sound ID|mix|clock] [--json]
// Runs the real pipeline and engine in real time with null sinks and reports how well
// it kept up: frames shown and dropped, A/V offset, CPU time. With --session, every camera
// of the session in lockstep, as the window plays them (app/session_play.hpp).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/session_play.hpp"
#include "base/text.hpp"
#include "base/time.hpp"
#include "cli/context.hpp"
#include "cli/library_access.hpp"
#include "playback/headless.hpp"

namespace triad::cli {

namespace {

struct PlayArgs {
  std::string file;
  bool headless = false;
  std::string seconds = "10";
  std::string start = "0";
  double speed = 1.0;
  int threads = 0;
  bool no_audio = false;
  std::string session;
  int seeks = 0;
  std::string sound;
};

void run_session_play(const PlayArgs& a, TimeUs start, TimeUs seconds, Context& ctx) {
  app::SessionPlayOptions opt;
  if (!a.sound.empty()) {
    opt.sound = app::parse_sound_choice(a.sound);
    if (!opt.sound) {
      ctx.fail("--sound is a recording id (see `triad recording list`), mix or clock, not '" + a.sound + "'.", kUsage);
      return;
    }
  }
  auto lib = open_library(ctx, store::OpenMode::ExistingOnly);
  if (!lib && fail(ctx, lib.error())) return;
  auto session = lib->resolve_session(a.session);
  if (!session && fail(ctx, session.error())) return;
  opt.start_us = start;
  opt.seconds_us = seconds;
  opt.seeks = a.seeks;
  auto r = app::play_session_headless(*lib, session->id, opt);
  if (!r && fail(ctx, r.error())) return;
  if (ctx.json) {
    nlohmann::json cams = nlohmann::json::array();
    for (const auto& c : r->cameras)
      cams.push_back({{"label", c.label}, {"frames_shown", c.frames_shown}, {"frames_dropped", c.frames_dropped}});
    nlohmann::json j = {{"session", session->id},        {"start_us", r->start_us},
                        {"end_us", r->end_us},           {"cameras", cams},
                        {"wall_seconds", r->wall_seconds}, {"cpu_seconds", r->cpu_seconds},
                        {"seek_all_ms", r->seek_all_ms}, {"seek_one_ms", r->seek_one_ms},
                        {"sound", r->sound},             {"sound_frames", r->sound_frames}};
    *ctx.out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  *ctx.out << fmt::format("played session {} -> {} with {} camera(s)\n", format_time(r->start_us),
                          format_time(r->end_us), r->cameras.size());
  *ctx.out << fmt::format("  sound: {}\n", escape_for_terminal(r->sound, false));
  for (const auto& c : r->cameras)
    *ctx.out << fmt::format("  {}: frames shown {}, dropped {}\n", escape_for_terminal(c.label, false),
                            c.frames_shown, c.frames_dropped);
  *ctx.out << fmt::format("CPU {:.2f} s in {:.2f} s wall ({:.0f}% of one core)\n", r->cpu_seconds, r->wall_seconds,
                          r->wall_seconds > 0 ? 100.0 * r->cpu_seconds / r->wall_seconds : 0.0);
  if (a.seeks > 0)
    *ctx.out << fmt::format("exact seek: {:.1f} ms with every camera, {:.1f} ms with one (ratio {:.2f})\n",
                            r->seek_all_ms, r->seek_one_ms, r->seek_one_ms > 0 ? r->seek_all_ms / r->seek_one_ms : 0.0);
}

void run_play(const PlayArgs& a, Context& ctx) {
  if (!a.headless) {
    ctx.fail("`triad play` only plays headless (add --headless); open the file in triad-studio to watch it.", kUsage);
    return;
  }
  auto seconds = parse_time(a.seconds);
  auto start = parse_time(a.start);
  if (!seconds || *seconds <= 0) {
    ctx.fail("--seconds must be a positive time such as 10 or 1:30.", kUsage);
    return;
  }
  if (!start || *start < 0) {
    ctx.fail("--start must be a time such as 75 or 1:15.", kUsage);
    return;
  }
  if (!a.session.empty()) {
    if (!a.file.empty()) {
      ctx.fail("Give a FILE or --session, not both.", kUsage);
      return;
    }
    run_session_play(a, *start, *seconds, ctx);
    return;
  }
  if (!a.sound.empty()) {
    ctx.fail("--sound chooses among a session's recordings: give --session S.", kUsage);
    return;
  }
  if (a.file.empty()) {
    ctx.fail("Give the FILE to play, or --session S for every camera of a session.", kUsage);
    return;
  }
  playback::HeadlessOptions opt;
  opt.start_us = *start;
  opt.seconds_us = *seconds;
  opt.speed = a.speed;
  opt.video_threads = a.threads;
  opt.audio = !a.no_audio;
  auto r = playback::play_headless(a.file, opt);
  if (!r) {
    ctx.fail(r.error());
    return;
  }
  const playback::HeadlessReport& p = *r;
  const double underrun_ms = p.audio_rate ? 1000.0 * static_cast<double>(p.audio_underrun_frames) / p.audio_rate : 0.0;
  if (ctx.json) {
    nlohmann::json j = {
        {"file", a.file},
        {"start_us", p.start_us},
        {"end_us", p.end_us},
        {"duration_us", p.duration_us},
        {"speed", a.speed},
        {"reached_end", p.reached_end},
        {"has_video", p.has_video},
        {"has_audio", p.has_audio},
        {"frames_shown", p.frames_shown},
        {"frames_dropped", p.frames_dropped},
        {"av_offset_max_us", p.av_offset_max_us},
        {"av_offset_mean_us", p.av_offset_mean_us},
        {"audio_underrun_ms", underrun_ms},
        {"wall_seconds", p.wall_seconds},
        {"cpu_seconds", p.cpu_seconds},
        {"cpu_percent", p.wall_seconds > 0 ? 100.0 * p.cpu_seconds / p.wall_seconds : 0.0},
        {"time_to_first_frame_s", p.time_to_first_frame_s},
        {"error", p.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.error)},
    };
    *ctx.out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    *ctx.out << fmt::format("played {} -> {} at {}x{}\n", format_time(p.start_us), format_time(p.end_us), a.speed,
                            p.reached_end ? " (end of file)" : "")
             << fmt::format("frames shown {}, dropped {}\n", p.frames_shown, p.frames_dropped)
             << fmt::format("A/V offset max {:.1f} ms, mean {:.1f} ms\n", p.av_offset_max_us / 1000.0,
                            p.av_offset_mean_us / 1000.0)
             << fmt::format("audio underrun {:.1f} ms\n", underrun_ms)
             << fmt::format("CPU {:.2f} s in {:.2f} s wall ({:.0f}% of one core); first frame after {:.0f} ms\n",
                            p.cpu_seconds, p.wall_seconds,
                            p.wall_seconds > 0 ? 100.0 * p.cpu_seconds / p.wall_seconds : 0.0,
                            p.time_to_first_frame_s * 1000.0);
    if (!p.error.empty()) *ctx.out << "error: " << p.error << "\n";
  }
  if (!p.error.empty()) ctx.exit_code = kIoError;
}

}  // namespace

void register_playback_commands(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<PlayArgs>();
  CLI::App* play = app.add_subcommand("play", "Play a recording in real time and report frames shown/dropped and A/V sync");
  play->add_option("file", args->file, "Video or audio file");
  play->add_option("--session", args->session, "Play every camera of this session in lockstep (id, uuid or title)");
  play->add_option("--seeks", args->seeks, "With --session: time this many exact seeks with every camera and with one")
      ->check(CLI::Range(0, 1000));
  play->add_option("--sound", args->sound,
                   "With --session: the sound heard: a recording id, mix or clock (default: the one kept for the session)");
  play->add_flag("--headless", args->headless, "No window or sound: null video and audio sinks (required)");
  play->add_option("--seconds", args->seconds, "How much media time to play (default 10)");
  play->add_option("--start", args->start, "Where to start, e.g. 75 or 1:15 (default 0)");
  play->add_option("--speed", args->speed, "Playback speed 0.25-2 (audio keeps its pitch)")->check(CLI::Range(0.25, 2.0));
  play->add_option("--threads", args->threads, "Video decoder threads (default 0 = automatic, as the player)")->check(CLI::Range(0, 64));
  play->add_flag("--no-audio", args->no_audio, "Ignore the audio track (video paced by the wall clock)");
  play->add_flag("--json", ctx.json, "Print machine-readable JSON");
  play->callback([args, &ctx] { run_play(*args, ctx); });
}

}  // namespace triad::cli
