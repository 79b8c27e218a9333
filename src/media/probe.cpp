// probe(): the header-level description of a recording and its plain-language problems.
#include "media/probe.hpp"

#include <algorithm>
#include <cctype>
#include <cinttypes>
#include <cstdio>
#include <system_error>

extern "C" {
#include <libavutil/avutil.h>
#include <libavutil/channel_layout.h>
#include <libavutil/pixdesc.h>
}

#include "media/ffmpeg_ptr.hpp"
#include "media/open_input.hpp"
#include "media/stream_select.hpp"

namespace triad::media {
namespace fs = std::filesystem;

namespace {

const char* or_empty(const char* s) { return s ? s : ""; }

TimeUs to_us(std::int64_t ts, AVRational tb) {
  return ts == AV_NOPTS_VALUE ? 0 : av_rescale_q(ts, tb, AVRational{1, 1000000});
}

StreamKind kind_of(AVMediaType type) {
  switch (type) {
    case AVMEDIA_TYPE_VIDEO: return StreamKind::Video;
    case AVMEDIA_TYPE_AUDIO: return StreamKind::Audio;
    case AVMEDIA_TYPE_SUBTITLE: return StreamKind::Subtitle;
    case AVMEDIA_TYPE_DATA: return StreamKind::Data;
    case AVMEDIA_TYPE_ATTACHMENT: return StreamKind::Attachment;
    default: return StreamKind::Other;
  }
}

// A frame rate varies when the container's sample table holds frame durations that differ
// by more than jitter. Only the index is read (MP4/MOV carry one entry per frame), so this
// costs nothing; without a full index fall back to comparing r_frame_rate and avg_frame_rate.
bool looks_variable(AVStream* st) {
  const int n = avformat_index_get_entries_count(st);
  if (n > 2 && st->nb_frames > 0 && n >= st->nb_frames) {
    std::int64_t min_d = INT64_MAX, max_d = 0;
    std::int64_t prev = AV_NOPTS_VALUE;
    for (int i = 0; i < n; ++i) {
      const AVIndexEntry* e = avformat_index_get_entry(st, i);
      if (e == nullptr) break;
      if (prev != AV_NOPTS_VALUE) {
        const std::int64_t d = e->timestamp - prev;
        if (d > 0) {
          min_d = std::min(min_d, d);
          max_d = std::max(max_d, d);
        }
      }
      prev = e->timestamp;
    }
    return max_d > 0 && min_d != INT64_MAX && max_d * 2 > min_d * 3;  // > 1.5x apart
  }
  const AVRational r = st->r_frame_rate, a = st->avg_frame_rate;
  if (r.num <= 0 || r.den <= 0 || a.num <= 0 || a.den <= 0) return false;
  const double ratio = av_q2d(r) / av_q2d(a);
  return ratio > 1.05 || ratio < 0.95;
}

// For files with a full sample index (MP4/MOV): the media time of the first sample that
// lies beyond the end of the file, i.e. where a cut-off recording really ends. -1 if none.
TimeUs truncation_point(const AVFormatContext* ctx, AVStream* st, std::int64_t file_size) {
  const int n = avformat_index_get_entries_count(st);
  for (int i = 0; i < n; ++i) {
    const AVIndexEntry* e = avformat_index_get_entry(st, i);
    if (e != nullptr && e->pos + e->size > file_size) {
      const TimeUs start = ctx->start_time == AV_NOPTS_VALUE ? 0 : ctx->start_time;
      return std::max<TimeUs>(0, to_us(e->timestamp, st->time_base) - start);
    }
  }
  return -1;
}

std::string rate_text(Ratio r) {
  if (!r.known()) return "";
  char buf[32];
  const double fps = static_cast<double>(r.num) / r.den;  // display only
  if (r.num % r.den == 0)
    std::snprintf(buf, sizeof buf, "%d fps", r.num / r.den);
  else
    std::snprintf(buf, sizeof buf, "%.3g fps", fps);
  return buf;
}

}  // namespace

const char* to_string(StreamKind kind) {
  switch (kind) {
    case StreamKind::Video: return "video";
    case StreamKind::Audio: return "audio";
    case StreamKind::Subtitle: return "subtitle";
    case StreamKind::Data: return "data";
    case StreamKind::Attachment: return "attachment";
    case StreamKind::Other: break;
  }
  return "other";
}

ProbeInfo describe(AVFormatContext* ctx, const fs::path& path) {
  ProbeInfo info;
  info.path = path.string();
  info.container = or_empty(ctx->iformat->name);
  info.container_long = or_empty(ctx->iformat->long_name);
  std::error_code ec;
  info.size_bytes = static_cast<std::int64_t>(fs::file_size(path, ec));
  if (ec) info.size_bytes = 0;
  info.bit_rate = ctx->bit_rate;
  const TimeUs file_start = ctx->start_time == AV_NOPTS_VALUE ? 0 : ctx->start_time;
  info.start_us = file_start;
  info.duration_us = ctx->duration == AV_NOPTS_VALUE ? 0 : std::max<std::int64_t>(0, ctx->duration);

  for (unsigned i = 0; i < ctx->nb_streams; ++i) {
    AVStream* st = ctx->streams[i];
    const AVCodecParameters* par = st->codecpar;
    StreamInfo s;
    s.index = static_cast<int>(i);
    s.kind = kind_of(par->codec_type);
    s.codec = par->codec_id == AV_CODEC_ID_NONE ? "none" : avcodec_get_name(par->codec_id);
    if (par->codec_tag != 0) {
      char tag[AV_FOURCC_MAX_STRING_SIZE] = {};
      av_fourcc_make_string(tag, par->codec_tag);
      // A tag of letters and digits only: otherwise it is a number (e.g. "[0][0][0][0]").
      const std::string t(tag);
      if (t.size() == 4 && std::all_of(t.begin(), t.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == ' '; }))
        s.codec_tag = t;
    }
    s.profile = or_empty(avcodec_profile_name(par->codec_id, par->profile));
    s.decodable = avcodec_find_decoder(par->codec_id) != nullptr;
    s.attached_picture = (st->disposition & AV_DISPOSITION_ATTACHED_PIC) != 0;
    s.is_default = (st->disposition & AV_DISPOSITION_DEFAULT) != 0;
    if (const AVDictionaryEntry* lang = av_dict_get(st->metadata, "language", nullptr, 0)) s.language = lang->value;
    if (st->start_time != AV_NOPTS_VALUE) s.start_us = to_us(st->start_time, st->time_base) - file_start;
    if (st->duration != AV_NOPTS_VALUE && st->duration > 0) s.duration_us = to_us(st->duration, st->time_base);
    s.frame_count = st->nb_frames;
    s.bit_rate = par->bit_rate;
    if (s.kind == StreamKind::Video) {
      const auto pix = static_cast<AVPixelFormat>(par->format);
      s.pixel_format = or_empty(av_get_pix_fmt_name(pix));
      if (const AVPixFmtDescriptor* d = av_pix_fmt_desc_get(pix)) s.bits_per_sample = d->comp[0].depth;
      if (par->color_space != AVCOL_SPC_UNSPECIFIED) s.colour_space = or_empty(av_color_space_name(par->color_space));
      if (par->color_range != AVCOL_RANGE_UNSPECIFIED) s.colour_range = or_empty(av_color_range_name(par->color_range));
      if (par->color_primaries != AVCOL_PRI_UNSPECIFIED)
        s.colour_primaries = or_empty(av_color_primaries_name(par->color_primaries));
      if (par->color_trc != AVCOL_TRC_UNSPECIFIED) s.colour_transfer = or_empty(av_color_transfer_name(par->color_trc));
      s.width = par->width;
      s.height = par->height;
      AVRational sar = av_guess_sample_aspect_ratio(ctx, st, nullptr);
      if (sar.num > 0 && sar.den > 0) s.sample_aspect = Ratio{sar.num, sar.den};
      s.rotation = stream_rotation_ffprobe(st);
      s.rotation_cw = stream_rotation_cw(st);
      int dw = s.width, dh = s.height;
      if (s.sample_aspect.known() && s.sample_aspect.num != s.sample_aspect.den)
        dw = static_cast<int>(av_rescale(s.width, s.sample_aspect.num, s.sample_aspect.den));
      if (s.rotation_cw == 90 || s.rotation_cw == 270) std::swap(dw, dh);
      s.display_width = dw;
      s.display_height = dh;
      if (st->r_frame_rate.num > 0 && st->r_frame_rate.den > 0)
        s.nominal_frame_rate = Ratio{st->r_frame_rate.num, st->r_frame_rate.den};
      if (st->avg_frame_rate.num > 0 && st->avg_frame_rate.den > 0)
        s.average_frame_rate = Ratio{st->avg_frame_rate.num, st->avg_frame_rate.den};
      s.variable_frame_rate = !s.attached_picture && looks_variable(st);
    } else if (s.kind == StreamKind::Audio) {
      s.sample_rate = par->sample_rate;
      s.channels = par->ch_layout.nb_channels;
      char layout[128] = {};
      if (par->ch_layout.nb_channels > 0 && av_channel_layout_describe(&par->ch_layout, layout, sizeof layout) > 0)
        s.channel_layout = layout;
      s.sample_format = or_empty(av_get_sample_fmt_name(static_cast<AVSampleFormat>(par->format)));
    }
    info.streams.push_back(std::move(s));
  }

  info.video_stream = pick_video_stream(ctx);
  info.audio_stream = pick_audio_stream(ctx, info.video_stream);

  // Problems a teacher can act on, in plain words.
  auto& problems = info.problems;
  if (info.video_stream < 0) {
    if (const std::string why = undecodable_picture(info); !why.empty())
      problems.push_back("no picture: " + why + "; only sound is available");
    else if (info.audio_stream >= 0)
      problems.push_back("no picture: the file holds sound only");
  }
  if (info.audio_stream < 0 && info.video_stream >= 0) problems.push_back("no sound track");
  if (info.video_stream < 0 && info.audio_stream < 0) problems.push_back("no playable audio or video stream");
  for (const auto& s : info.streams)
    if ((s.kind == StreamKind::Video || s.kind == StreamKind::Audio) && !s.decodable && !s.attached_picture)
      problems.push_back(std::string(to_string(s.kind)) + " stream " + std::to_string(s.index) + " uses " +
                         codec_words(s) + "; this installation cannot decode it");
  if (info.duration_us == 0) problems.push_back("the file does not say how long it is");

  TimeUs cut = -1;
  for (int idx : {info.video_stream, info.audio_stream}) {
    if (idx < 0) continue;
    const TimeUs t = truncation_point(ctx, ctx->streams[idx], info.size_bytes);
    if (t >= 0 && (cut < 0 || t < cut)) cut = t;
  }
  if (cut >= 0) problems.push_back("file ends at " + format_time_short(cut) + " — recording was cut off");

  if (const StreamInfo* v = info.video()) {
    if (v->variable_frame_rate) problems.push_back("variable frame rate (common for phone recordings)");
    if (v->width <= 0 || v->height <= 0) problems.push_back("the picture size is unknown; the video may be damaged");
    if (v->duration_us > 0 && info.duration_us > 0 && info.duration_us - (v->start_us + v->duration_us) > 2 * kUsPerSecond)
      problems.push_back("the picture stops at " + format_time_short(v->start_us + v->duration_us) +
                         ", before the end of the file at " + format_time_short(info.duration_us));
  }
  if (info.video() && info.audio()) {
    const TimeUs gap = info.video()->start_us - info.audio()->start_us;
    if (gap > 500 * kUsPerMs || gap < -500 * kUsPerMs)
      problems.push_back(std::string(gap > 0 ? "the picture starts " : "the sound starts ") +
                         format_seconds(gap > 0 ? gap : -gap) + " s after the " + (gap > 0 ? "sound" : "picture"));
  }
  return info;
}

Result<ProbeInfo> probe(const fs::path& path, const OpenOptions& options) {
  auto ctx = open_input(path, options);
  if (!ctx) return ctx.error();
  return describe(ctx->get(), path);
}

std::string codec_words(const StreamInfo& s) {
  if (s.codec != "none") return "codec " + s.codec;
  if (!s.codec_tag.empty()) return "codec '" + s.codec_tag + "', unknown to FFmpeg";
  return "an unknown codec";
}

std::string undecodable_picture(const ProbeInfo& info) {
  if (info.video_stream >= 0) return {};
  for (const auto& s : info.streams)
    if (s.kind == StreamKind::Video && !s.attached_picture && !s.decodable)
      return "its video (" + codec_words(s) + ") cannot be decoded on this computer";
  return {};
}

std::string ProbeInfo::summary() const {
  std::string out = container.substr(0, container.find(','));
  out += ", " + (duration_us > 0 ? format_time_short(duration_us) : std::string("length unknown"));
  if (const StreamInfo* v = video()) {
    out += ", " + v->codec + " " + std::to_string(v->width) + "x" + std::to_string(v->height);
    const std::string rate = rate_text(v->average_frame_rate.known() ? v->average_frame_rate : v->nominal_frame_rate);
    if (!rate.empty()) out += " " + rate;
    if (v->variable_frame_rate) out += " (variable)";
    if (v->rotation_cw != 0) out += ", turned " + std::to_string(v->rotation_cw) + "°";
  } else {
    out += ", no video";
  }
  if (const StreamInfo* a = audio()) {
    out += ", " + a->codec + " " + std::to_string(a->sample_rate) + " Hz";
    out += a->channel_layout.empty() ? " " + std::to_string(a->channels) + " ch" : " " + a->channel_layout;
  } else {
    out += ", no sound";
  }
  if (!problems.empty())
    out += "; " + std::to_string(problems.size()) + (problems.size() == 1 ? " problem" : " problems");
  return out;
}

}  // namespace triad::media
