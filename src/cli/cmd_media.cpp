// Subcommands of the media area: probe, frames, frame, thumbs, waveform.
// Owned by the media work; registered from main.cpp. Media errors carry their exit code
// (media/errors.hpp matches cli/context.hpp).
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>


#include "base/time.hpp"
#include "cli/cmd_recording.hpp"
#include "cli/context.hpp"
#include "media/decoder.hpp"
#include "media/fingerprint.hpp"
#include "media/log.hpp"
#include "media/png_writer.hpp"
#include "media/probe.hpp"
#include "media/thumbnails.hpp"
#include "media/waveform.hpp"

namespace triad::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kExitCodes =
    "Exit codes: 0 ok, 3 unsupported format, 4 corrupt or no playable stream, 5 I/O error, "
    "6 timeout, 7 not a regular file.";

// A one-line progress bar on stderr, only when stderr is a terminal.
struct ProgressBar {
  std::string label;
  bool enabled = isatty(STDERR_FILENO) != 0;
  int last = -1;
  bool update(double fraction) {
    if (!enabled) return true;
    const int pct = static_cast<int>(fraction * 100.0);
    if (pct == last) return true;
    last = pct;
    std::fprintf(stderr, "\r%s %3d%%", label.c_str(), pct);
    std::fflush(stderr);
    return true;
  }
  ~ProgressBar() {
    if (enabled && last >= 0) std::fprintf(stderr, "\r%*s\r", static_cast<int>(label.size()) + 6, "");
  }
};

json stream_json(const media::StreamInfo& s) {
  json j = {{"index", s.index},
            {"kind", media::to_string(s.kind)},
            {"codec", s.codec},
            {"codec_tag", s.codec_tag},
            {"profile", s.profile},
            {"decodable", s.decodable},
            {"default", s.is_default},
            {"start_us", s.start_us},
            {"duration_us", s.duration_us},
            {"frame_count", s.frame_count},
            {"bit_rate", s.bit_rate}};
  if (!s.language.empty()) j["language"] = s.language;
  if (s.kind == media::StreamKind::Video) {
    j["attached_picture"] = s.attached_picture;
    j["pixel_format"] = s.pixel_format;
    j["bits_per_sample"] = s.bits_per_sample;
    j["colour_space"] = s.colour_space;
    j["colour_range"] = s.colour_range;
    j["colour_primaries"] = s.colour_primaries;
    j["colour_transfer"] = s.colour_transfer;
    j["width"] = s.width;
    j["height"] = s.height;
    j["display_width"] = s.display_width;
    j["display_height"] = s.display_height;
    j["rotation"] = s.rotation;
    j["rotation_cw"] = s.rotation_cw;
    j["sample_aspect"] = {s.sample_aspect.num, s.sample_aspect.den};
    j["nominal_frame_rate"] = {s.nominal_frame_rate.num, s.nominal_frame_rate.den};
    j["average_frame_rate"] = {s.average_frame_rate.num, s.average_frame_rate.den};
    j["variable_frame_rate"] = s.variable_frame_rate;
  } else if (s.kind == media::StreamKind::Audio) {
    j["sample_rate"] = s.sample_rate;
    j["channels"] = s.channels;
    j["channel_layout"] = s.channel_layout;
    j["sample_format"] = s.sample_format;
  }
  return j;
}

void run_probe(Context& ctx, const std::string& file) {
  auto info = media::probe(file);
  if (!info) return ctx.fail(info.error());
  auto fp = media::fingerprint_file(file);
  if (ctx.json) {
    json j = {{"path", info->path},
              {"container", info->container},
              {"container_long", info->container_long},
              {"size_bytes", info->size_bytes},
              {"bit_rate", info->bit_rate},
              {"start_us", info->start_us},
              {"duration_us", info->duration_us},
              {"video_stream", info->video() ? info->video()->index : -1},
              {"audio_stream", info->audio() ? info->audio()->index : -1},
              {"problems", info->problems},
              {"summary", info->summary()}};
    if (fp) j["fingerprint"] = *fp;
    json streams = json::array();
    for (const auto& s : info->streams) streams.push_back(stream_json(s));
    j["streams"] = streams;
    *ctx.out << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return;
  }
  auto& out = *ctx.out;
  out << info->summary() << "\n";
  out << "container: " << info->container_long << " (" << info->container << ")\n";
  out << "duration: " << (info->duration_us > 0 ? format_time(info->duration_us) : "unknown")
      << "  start: " << format_seconds(info->start_us) << " s\n";
  if (fp) out << "fingerprint: " << *fp << "\n";
  for (const auto& s : info->streams) {
    out << "stream " << s.index << ": " << media::to_string(s.kind) << " " << s.codec;
    if (!s.profile.empty()) out << " (" << s.profile << ")";
    if (s.kind == media::StreamKind::Video) {
      out << " " << s.width << "x" << s.height << " " << s.pixel_format;
      if (!s.colour_space.empty() || !s.colour_range.empty()) out << " " << s.colour_space << "/" << s.colour_range;
      if (s.display_width != s.width || s.display_height != s.height)
        out << ", shown " << s.display_width << "x" << s.display_height;
      if (s.rotation != 0) out << ", rotation " << s.rotation;
      if (s.average_frame_rate.known())
        out << ", " << s.average_frame_rate.num << "/" << s.average_frame_rate.den << " fps avg";
      if (s.nominal_frame_rate.known())
        out << " (" << s.nominal_frame_rate.num << "/" << s.nominal_frame_rate.den << " nominal)";
      if (s.variable_frame_rate) out << ", variable frame rate";
      if (s.attached_picture) out << ", cover picture";
    } else if (s.kind == media::StreamKind::Audio) {
      out << " " << s.sample_rate << " Hz " << s.channels << " ch";
      if (!s.channel_layout.empty()) out << " (" << s.channel_layout << ")";
    }
    if (s.codec == "none" && !s.codec_tag.empty()) out << " (tag '" << s.codec_tag << "')";
    if (!s.decodable) out << ", cannot be decoded here";
    out << "\n";
  }
  for (const auto& p : info->problems) out << "problem: " << p << "\n";
}

void run_frames(Context& ctx, const std::string& file) {
  media::DecoderOptions opt;
  opt.convert_unusual = false;  // md5 hashes the decoder's own picture
  auto dec = media::VideoDecoder::open(file, opt);
  if (!dec) return ctx.fail(dec.error());
  auto& out = *ctx.out;
  std::string line;
  Status s = (*dec)->decode_all([&](const media::VideoFrame& f) {
    line = std::to_string(f.pts_us);
    line += ' ';
    line += media::frame_md5(f);
    line += '\n';
    out << line;
    return static_cast<bool>(out);
  });
  if (!s) return ctx.fail(s.error());
}

struct FrameArgs {
  std::string file, at, out;
  bool md5 = false;
  int width = 0;
  std::string session;      // with --recording: the recording's frame at a session time
  long long recording = 0;
};

void run_frame(Context& ctx, const FrameArgs& a) {
  if (!a.session.empty() || a.recording != 0) {
    if (!a.file.empty()) return ctx.fail("Give either FILE or --session with --recording, not both.", kUsage);
    if (a.session.empty()) return ctx.fail("--recording needs --session.", kUsage);
    return run_recording_frame(ctx, RecordingFrameArgs{a.session, a.at, a.out, a.recording, a.md5, a.width});
  }
  if (a.file.empty()) return ctx.fail("Give a FILE, or --session S --recording N.", kUsage);
  auto t = parse_time(a.at);
  if (!t) return ctx.fail("--at: " + t.error().message, kUsage);
  media::DecoderOptions opt;
  opt.convert_unusual = false;
  opt.cache_bytes = 0;  // one picture, no stepping: decoded frames go straight back to the pool
  auto dec = media::VideoDecoder::open(a.file, opt);
  if (!dec) return ctx.fail(dec.error());
  auto frame = (*dec)->seek(*t);
  if (!frame) return ctx.fail(frame.error());
  if (a.md5 || a.out.empty()) *ctx.out << frame->pts_us << ' ' << media::frame_md5(*frame) << "\n";
  if (!a.out.empty()) {
    Status s = media::write_png(*frame, a.out, a.width);
    if (!s) return ctx.fail(s.error());
  }
}

struct ThumbArgs {
  std::string file, dir;
  int count = 10;
  int width = 160;
};

void run_thumbs(Context& ctx, const ThumbArgs& a) {
  std::error_code ec;
  fs::create_directories(a.dir, ec);
  if (ec) return ctx.fail(a.dir + " could not be created: " + ec.message(), kIoError);
  ProgressBar bar{"thumbnails"};
  int written = 0;
  media::PngEncoder png;
  Status s = media::make_thumbnails(
      a.file, a.count,
      [&](const media::Thumbnail& th) -> Status {
        char name[32];
        std::snprintf(name, sizeof name, "thumb_%04d.png", th.index);
        const fs::path path = fs::path(a.dir) / name;
        if (Status w = png.write(th.frame, path, a.width); !w) return w;
        ++written;
        if (ctx.json)
          *ctx.out << json{{"index", th.index}, {"target_us", th.target_us}, {"pts_us", th.frame.pts_us},
                           {"file", path.string()}}.dump(-1, ' ', false, json::error_handler_t::replace)
                   << "\n";
        else
          *ctx.out << th.index << ' ' << th.frame.pts_us << ' ' << path.string() << "\n";
        return ok_status();
      },
      [&](double f) { return bar.update(f); });
  if (!s) return ctx.fail(s.error());
}

void run_waveform(Context& ctx, const std::string& file, int buckets, bool no_cache) {
  ProgressBar bar{"waveform"};
  media::WaveformOptions opt;
  opt.use_cache = !no_cache;
  opt.progress = [&](double f) { return bar.update(f); };
  auto wf = media::compute_waveform(file, buckets, opt);
  if (!wf) return ctx.fail(wf.error());
  if (ctx.json) {
    json j = {{"sample_rate", wf->sample_rate}, {"channels", wf->channels}, {"duration_us", wf->duration_us},
              {"buckets", wf->min.size()},      {"min", wf->min},           {"max", wf->max}};
    *ctx.out << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    return;
  }
  char buf[64];
  for (std::size_t i = 0; i < wf->min.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%zu %.5f %.5f\n", i, wf->min[i], wf->max[i]);
    *ctx.out << buf;
  }
}

}  // namespace

void register_media_commands(CLI::App& app, Context& ctx) {
  {
    auto* cmd = app.add_subcommand("probe", std::string("Describe a recording: container, streams, problems.\n") + kExitCodes);
    auto file = std::make_shared<std::string>();
    cmd->add_option("FILE", *file, "Recording to describe")->required();
    cmd->add_flag("--json", ctx.json, "Print machine-readable JSON");
    cmd->callback([&ctx, file] { run_probe(ctx, *file); });
  }
  {
    auto* cmd = app.add_subcommand(
        "frames", std::string("Print every decoded video frame in presentation order as '<pts_us> <md5>'\n"
                              "(md5 of the picture planes in their native format, packed; pts in microseconds of media time).\n") +
                      kExitCodes);
    auto file = std::make_shared<std::string>();
    auto md5 = std::make_shared<bool>(false);
    cmd->add_option("FILE", *file, "Recording")->required();
    cmd->add_flag("--md5", *md5, "Print the md5 of each frame (the only output format so far)");
    // The shared_ptrs live as long as the callback: CLI11 writes into them while parsing.
    cmd->callback([&ctx, file, md5] { run_frames(ctx, *file); });
  }
  {
    auto* cmd = app.add_subcommand(
        "frame", std::string("The exact frame shown at a time: the last frame whose pts <= TIME.\n"
                             "With --session S --recording N, TIME is session time (the recording's offset and drift applied).\n") +
                     kExitCodes);
    auto a = std::make_shared<FrameArgs>();
    cmd->add_option("FILE", a->file, "Recording file");
    cmd->add_option("--session", a->session, "Session id, uuid or title (with --recording)");
    cmd->add_option("--recording", a->recording, "Recording id of the session (see `triad recording list`)");
    cmd->add_option("--at", a->at, "Time: seconds (75.5) or [h:]mm:ss[.fff]")->required();
    cmd->add_flag("--md5", a->md5, "Print '<pts_us> <md5>' of the frame");
    cmd->add_option("--out", a->out, "Write the frame as a PNG, upright (rotation applied)");
    cmd->add_option("--width", a->width, "Scale the PNG to this width (height keeps the aspect ratio)")
        ->check(CLI::Range(1, 16384));
    cmd->callback([&ctx, a] { run_frame(ctx, *a); });
  }
  {
    auto* cmd = app.add_subcommand(
        "thumbs", std::string("Write N evenly spaced timeline thumbnails (keyframes) as thumb_NNNN.png.\n") + kExitCodes);
    auto a = std::make_shared<ThumbArgs>();
    cmd->add_option("FILE", a->file, "Recording")->required();
    cmd->add_option("--count", a->count, "Number of thumbnails")->required()->check(CLI::Range(1, 10000));
    cmd->add_option("--out", a->dir, "Folder for the PNG files")->required();
    cmd->add_option("--width", a->width, "Thumbnail width in pixels (default 160)")->check(CLI::Range(8, 4096));
    cmd->add_flag("--json", ctx.json, "Print one JSON object per thumbnail");
    cmd->callback([&ctx, a] { run_thumbs(ctx, *a); });
  }
  {
    auto* cmd = app.add_subcommand(
        "waveform", std::string("Min/max audio peaks per bucket over the whole sound track (cached by fingerprint).\n") +
                        kExitCodes);
    auto file = std::make_shared<std::string>();
    auto buckets = std::make_shared<int>(1000);
    auto no_cache = std::make_shared<bool>(false);
    cmd->add_option("FILE", *file, "Recording")->required();
    cmd->add_option("--buckets", *buckets, "Number of buckets")->required()->check(CLI::Range(1, 10000000));
    cmd->add_flag("--json", ctx.json, "Print JSON");
    cmd->add_flag("--no-cache", *no_cache, "Ignore and do not write the waveform cache");
    cmd->callback([&ctx, file, buckets, no_cache] { run_waveform(ctx, *file, *buckets, *no_cache); });
  }
}

}  // namespace triad::cli
