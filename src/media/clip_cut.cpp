#include "media/clip_cut.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>

#include "media/decoder_open.hpp"
#include "media/encoder_open.hpp"
#include "media/errors.hpp"
#include "media/ffmpeg_ptr.hpp"
#include "media/open_input.hpp"

extern "C" {
#include <libavutil/audio_fifo.h>
#include <libavutil/channel_layout.h>
#include <libavutil/imgutils.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/opt.h>
}

namespace triad::media {
namespace {

constexpr AVRational kUs{1, 1000000};

struct OutputDeleter {
  void operator()(AVFormatContext* oc) const {
    if (oc->pb && !(oc->oformat->flags & AVFMT_NOFILE)) avio_closep(&oc->pb);
    avformat_free_context(oc);
  }
};
using OutputPtr = std::unique_ptr<AVFormatContext, OutputDeleter>;

struct FifoDeleter {
  void operator()(AVAudioFifo* f) const { av_audio_fifo_free(f); }
};
using FifoPtr = std::unique_ptr<AVAudioFifo, FifoDeleter>;

// A temporary output file that is removed unless committed (renamed into place).
struct TempOutput {
  std::filesystem::path final_path, temp_path;
  bool committed = false;
  ~TempOutput() {
    if (!committed && !temp_path.empty()) ::unlink(temp_path.c_str());
  }
};

// One video packet as the copy planner sees it.
struct PacketTimes {
  std::int64_t pts = 0, dts = 0, duration = 0;  // input stream time base; dts may be AV_NOPTS_VALUE
  TimeUs t = 0;                                 // media time of pts
  bool key = false;
};

// How one segment's video is copied: `packets` packets in decode order from the keyframe.
struct VideoCut {
  std::int64_t key_pts = 0;                  // the keyframe (input stream time base)
  std::int64_t first_dts = 0, last_dts = 0;  // of the copied packets (input stream time base)
                                             // first_dts is derived when the demuxer gives none
  TimeUs key_us = 0;                         // media time of the keyframe: where the segment starts
  int packets = 0;
};

// H.264 and HEVC let at most 16 pictures precede a picture in decode order and follow it
// in display order (num_reorder_frames). So a packet shown before the cut is never more
// than 16 packets after the first one shown at/after it; twice that is read past each end.
constexpr std::size_t kMaxReorder = 16;
constexpr std::size_t kEndSlack = 2 * kMaxReorder;

// The clean cut of [start, end) (rule in clip.hpp) in `pkts`: a segment's video packets in
// decode order from where a seek landed through kEndSlack packets past the end, or to the
// end of the file. None when the video must be re-encoded.
std::optional<VideoCut> find_clean_cut(const std::vector<PacketTimes>& pkts, TimeUs start, TimeUs end) {
  std::size_t k = pkts.size();  // the picture shown at `start`: the latest with t <= start
  for (std::size_t i = 0; i < pkts.size(); ++i)
    if (pkts[i].t <= start && (k == pkts.size() || pkts[i].pts > pkts[k].pts)) k = i;
  if (k == pkts.size() || !pkts[k].key) return std::nullopt;
  // A packet decoded before the keyframe but shown after it would be lost. IDR and IRAP
  // keyframes rule that out; the packets seen before it (all from a keyframe, or at least
  // kMaxReorder of them when a seek lands anywhere, as in MPEG-TS) must show nothing else does.
  if (!pkts.front().key && k < kMaxReorder) return std::nullopt;
  for (std::size_t i = 0; i < k; ++i)
    if (pkts[i].pts >= pkts[k].pts) return std::nullopt;  // shown in the segment, decoded before its start
  std::size_t over = pkts.size();  // the first packet (decode order) shown at/after the end
  for (std::size_t i = k + 1; i < pkts.size(); ++i) {
    if (pkts[i].pts <= pkts[k].pts) return std::nullopt;  // a leading picture (open GOP) refers to the GOP before
    if (pkts[i].t >= end) over = std::min(over, i);
    else if (over < i) return std::nullopt;  // kept, but decoded after a dropped packet it may refer to
    if (i < over && pkts[i].dts == AV_NOPTS_VALUE) return std::nullopt;
  }
  // Matroska stores no dts: the first packet of a file (or after a seek) has none. The
  // keyframe's is then one duration before the next packet's, and never after its pts.
  std::int64_t first_dts = pkts[k].dts;
  if (first_dts == AV_NOPTS_VALUE)
    first_dts = over > k + 1 ? std::min(pkts[k].pts, pkts[k + 1].dts - std::max<std::int64_t>(1, pkts[k].duration)) : pkts[k].pts;
  return VideoCut{pkts[k].pts, first_dts, over > k + 1 ? pkts[over - 1].dts : first_dts, pkts[k].t, static_cast<int>(over - k)};
}

class ClipCutter {
 public:
  ClipCutter(std::filesystem::path in, std::filesystem::path out, const CutOptions& o)
      : in_(std::move(in)), out_(std::move(out)), opt_(o) {}

  Result<CutResult> run(const std::vector<CutSegment>& segments) {
    for (const auto& s : segments)
      if (s.start_us < 0 || s.end_us <= s.start_us) return fail("a clip segment ends before it starts");
    if (auto st = open_source(); !st) return st.error();
    std::vector<CutSegment> parts = segments;  // as written: copied ones start at their keyframe
    result_.reencode_reason = copy_obstacle();
    if (result_.reencode_reason.empty()) {
      cuts_ = plan_copies(segments);
      if (cuts_.empty()) result_.reencode_reason = "cut not on a keyframe";
      for (std::size_t i = 0; i < cuts_.size(); ++i) parts[i].start_us = cuts_[i].key_us;  // at most a picture earlier
    }
    result_.video_copied = !cuts_.empty();
    for (const auto& s : parts) total_us_ += s.end_us - s.start_us;
    if (auto st = open_output(); !st) return st.error();
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (auto st = write_segment(parts[i], cuts_.empty() ? nullptr : &cuts_[i]); !st) return st.error();
      out_offset_us_ += parts[i].end_us - parts[i].start_us;
    }
    if (auto st = finish(); !st) return st.error();
    result_.duration_us = out_offset_us_;
    return result_;
  }

 private:
  Error fail(const std::string& why) const {
    return make_error("Cannot make the clip '" + out_.filename().string() + "' from '" + display_name(in_) +
                      "': " + why + ".");
  }
  Error av_fail(const char* doing, int err) const { return fail(std::string(doing) + " (" + av_error_string(err) + ")"); }

  Status report_progress(TimeUs done_us) const {
    if (opt_.progress && !opt_.progress(done_us, total_us_)) return make_error("The clip export was cancelled.");
    return ok_status();
  }

  // Media time of a timestamp of input stream `index` (µs from the file's start).
  TimeUs media_time(std::int64_t ts, int index) const {
    return av_rescale_q(ts, in_fmt_->streams[index]->time_base, kUs) - start_offset_us_;
  }

  // Positions the input a second before `start_us`: the picture shown there may have an
  // earlier pts, and decoding must begin at a keyframe (AVSEEK_FLAG_BACKWARD finds it).
  void seek_before(TimeUs start_us) {
    std::int64_t target = start_us + start_offset_us_ - kUsPerSecond;
    arm_deadline(in_fmt_.get(), std::chrono::seconds(20));
    av_seek_frame(in_fmt_.get(), -1, std::max<std::int64_t>(target, in_fmt_->start_time == AV_NOPTS_VALUE ? 0 : in_fmt_->start_time),
                  AVSEEK_FLAG_BACKWARD);
  }

  int read_packet(AVPacket* pkt) {
    arm_deadline(in_fmt_.get(), std::chrono::seconds(20));
    return av_read_frame(in_fmt_.get(), pkt);
  }

  // Why the video cannot be copied whatever the cuts; empty when it may be.
  std::string copy_obstacle() const {
    if (opt_.burn_in) return "text burnt in";
    const AVCodecParameters* par = in_fmt_->streams[vindex_]->codecpar;
    // MP4 needs the parameter sets in the sample description (avcC / hvcC).
    if ((par->codec_id != AV_CODEC_ID_H264 && par->codec_id != AV_CODEC_ID_HEVC) || par->extradata_size <= 0)
      return "its video codec cannot be copied into MP4";
    return {};
  }

  // Reads one segment's video packets (no decoding) and finds its clean cut, if any.
  std::optional<VideoCut> plan_copy(const CutSegment& seg) {
    seek_before(seg.start_us);
    std::vector<PacketTimes> pkts;
    PacketPtr pkt = make_packet();
    for (std::size_t past_end = 0; past_end < kEndSlack;) {
      int e = read_packet(pkt.get());
      if (e == AVERROR_EOF) break;
      if (e < 0) return std::nullopt;  // re-encoding meets it again and reports it
      bool usable = true;
      if (pkt->stream_index == vindex_) {
        usable = pkt->pts != AV_NOPTS_VALUE && !(pkt->flags & (AV_PKT_FLAG_CORRUPT | AV_PKT_FLAG_DISCARD));
        if (usable) {
          pkts.push_back({pkt->pts, pkt->dts, pkt->duration, media_time(pkt->pts, vindex_), (pkt->flags & AV_PKT_FLAG_KEY) != 0});
          if (past_end > 0 || pkts.back().t >= seg.end_us) ++past_end;
        }
      }
      av_packet_unref(pkt.get());
      if (!usable) return std::nullopt;
    }
    return find_clean_cut(pkts, seg.start_us, seg.end_us);
  }

  // The cut of every segment, or none when any segment (or the joins between them) would
  // need re-encoding. The copied decode timestamps must keep increasing across the joins.
  std::vector<VideoCut> plan_copies(const std::vector<CutSegment>& segments) {
    std::vector<AVDiscard> saved;  // only video packets are needed: the demuxer skips the rest
    for (unsigned i = 0; i < in_fmt_->nb_streams; ++i) {
      saved.push_back(in_fmt_->streams[i]->discard);
      if (static_cast<int>(i) != vindex_) in_fmt_->streams[i]->discard = AVDISCARD_ALL;
    }
    const AVRational tb = in_fmt_->streams[vindex_]->time_base;
    std::vector<VideoCut> cuts;
    TimeUs offset_us = 0;
    std::int64_t last_dts = std::numeric_limits<std::int64_t>::min();
    for (const auto& seg : segments) {
      std::optional<VideoCut> cut = plan_copy(seg);
      const std::int64_t offset = av_rescale_q(offset_us, kUs, tb);
      if (!cut || cut->first_dts - cut->key_pts + offset <= last_dts) {
        cuts.clear();
        break;
      }
      last_dts = cut->last_dts - cut->key_pts + offset;
      offset_us += seg.end_us - cut->key_us;
      cuts.push_back(*cut);
    }
    for (unsigned i = 0; i < in_fmt_->nb_streams; ++i) in_fmt_->streams[i]->discard = saved[i];
    return cuts;
  }

  // Frame threads as the machine suits (the export runs in a background worker at low
  // priority, so it takes spare cores only).
  Status open_stream_decoder(int index, CodecContextPtr& ctx) {
    DecodeSetup setup;
    setup.threads = index == vindex_ ? 0 : 1;
    auto dec = open_decoder(in_, in_fmt_.get(), index, setup);
    if (!dec) return dec.error();
    ctx = std::move(dec.value());
    return ok_status();
  }

  Status open_source() {
    auto fmt = open_input(in_);
    if (!fmt) return fmt.error();
    in_fmt_ = std::move(*fmt);
    vindex_ = av_find_best_stream(in_fmt_.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (vindex_ < 0) return fail("it has no video stream");
    aindex_ = av_find_best_stream(in_fmt_.get(), AVMEDIA_TYPE_AUDIO, -1, vindex_, nullptr, 0);
    if (auto s = open_stream_decoder(vindex_, vdec_); !s) return s;
    if (opt_.sound) {
      // Another recording's sound (or a mix) in place of the file's own: its audio is not read.
      aindex_ = -1;
      auto mix = SoundMixReader::open(*opt_.sound, AudioFormat{kMixRate, 2, SampleFormat::F32}, 0);
      if (!mix) return mix.error();
      mix_ = std::move(mix.value());
    }
    if (aindex_ >= 0)
      if (auto s = open_stream_decoder(aindex_, adec_); !s) aindex_ = -1;  // a broken audio track: video only
    // Media time 0 = the file's start (as media/ defines it for every Triad time).
    start_offset_us_ = in_fmt_->start_time == AV_NOPTS_VALUE ? 0 : in_fmt_->start_time;
    return ok_status();
  }

  // Video re-encoded: H.264, yuv420p, even size (the display aspect kept through the SAR).
  Status add_encoded_video() {
    const int width = vdec_->width & ~1, height = vdec_->height & ~1;
    if (width <= 0 || height <= 0) return fail("the video has no picture size");
    const AVRational fr = av_guess_frame_rate(in_fmt_.get(), in_fmt_->streams[vindex_], nullptr);
    if (fr.num > 0 && fr.den > 0) video_frame_us_ = std::max<TimeUs>(1, av_rescale(1000000, fr.den, fr.num));
    auto enc = open_encoder({AV_CODEC_ID_H264, "libx264", "H.264"}, [&](AVCodecContext* c) {
      c->width = width;
      c->height = height;
      c->pix_fmt = AV_PIX_FMT_YUV420P;
      c->sample_aspect_ratio = vdec_->sample_aspect_ratio;
      c->time_base = kUs;
      if (fr.num > 0 && fr.den > 0) c->framerate = fr;
      c->thread_count = 2;
      c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER | AV_CODEC_FLAG_BITEXACT;
      av_opt_set(c->priv_data, "preset", "veryfast", 0);
      av_opt_set_int(c->priv_data, "crf", opt_.crf, 0);
    });
    if (!enc) return fail(enc.error().message);
    venc_ = std::move(enc.value());
    vst_ = avformat_new_stream(oc_.get(), nullptr);
    if (!vst_) return fail("out of memory");
    avcodec_parameters_from_context(vst_->codecpar, venc_.get());
    vst_->time_base = {1, 90000};
    vst_->sample_aspect_ratio = venc_->sample_aspect_ratio;
    return ok_status();
  }

  // Video as the source coded it. Only the codec parameters are copied, never the stream's
  // metadata; the source's sample entry (avc1, hvc1, ...) is kept when MP4 knows it.
  Status add_copied_video() {
    const AVStream* in = in_fmt_->streams[vindex_];
    vst_ = avformat_new_stream(oc_.get(), nullptr);
    if (!vst_) return fail("out of memory");
    if (int e = avcodec_parameters_copy(vst_->codecpar, in->codecpar); e < 0) return av_fail("copying the video parameters", e);
    if (av_codec_get_id(oc_->oformat->codec_tag, in->codecpar->codec_tag) != in->codecpar->codec_id)
      vst_->codecpar->codec_tag = 0;
    vst_->time_base = in->time_base;  // the muxer keeps it or a multiple: copied timestamps stay exact
    vst_->sample_aspect_ratio = in->codecpar->sample_aspect_ratio;
    return ok_status();
  }

  Status open_output() {
    std::string tmpl = (out_.parent_path().empty() ? std::filesystem::path(".") : out_.parent_path()) /
                       ("." + out_.filename().string() + ".tmp-XXXXXX");
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) return make_error("cannot create a temporary file for '" + out_.string() + "': " + std::strerror(errno), ErrorKind::kIoError);
    ::close(fd);
    tmp_.final_path = out_;
    tmp_.temp_path = tmpl;

    AVFormatContext* oc = nullptr;
    if (int e = avformat_alloc_output_context2(&oc, nullptr, "mp4", tmpl.c_str()); e < 0 || !oc)
      return av_fail("preparing the MP4 writer", e);
    oc_.reset(oc);
    oc_->flags |= AVFMT_FLAG_BITEXACT;  // no "encoder" tag from the muxer

    if (auto s = cuts_.empty() ? add_encoded_video() : add_copied_video(); !s) return s;
    // Rotation is applied by players from the display matrix; keep the picture upright.
    if (const std::uint8_t* dm = av_stream_get_side_data(in_fmt_->streams[vindex_], AV_PKT_DATA_DISPLAYMATRIX, nullptr)) {
      std::uint8_t* copy = av_stream_new_side_data(vst_, AV_PKT_DATA_DISPLAYMATRIX, sizeof(int32_t) * 9);
      if (copy) std::memcpy(copy, dm, sizeof(int32_t) * 9);
    }

    if (aindex_ >= 0 || mix_) {
      auto enc = open_encoder({AV_CODEC_ID_AAC, nullptr, "AAC"}, [&](AVCodecContext* c) {
        c->sample_fmt = AV_SAMPLE_FMT_FLTP;
        c->sample_rate = mix_ ? kMixRate : adec_->sample_rate > 0 ? adec_->sample_rate : 48000;
        const int channels = mix_ ? 2 : std::min(adec_->ch_layout.nb_channels, 2);
        av_channel_layout_default(&c->ch_layout, channels > 0 ? channels : 2);
        c->bit_rate = 128000;
        c->time_base = {1, c->sample_rate};
        c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER | AV_CODEC_FLAG_BITEXACT;
      });
      if (!enc) return fail(enc.error().message);
      aenc_ = std::move(enc.value());
      ast_ = avformat_new_stream(oc_.get(), nullptr);
      if (!ast_) return fail("out of memory");
      avcodec_parameters_from_context(ast_->codecpar, aenc_.get());
      ast_->time_base = aenc_->time_base;
      SwrContext* swr = nullptr;
      AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
      AVChannelLayout* in_layout = mix_ ? &stereo : &adec_->ch_layout;
      const AVSampleFormat in_format = mix_ ? AV_SAMPLE_FMT_FLT : adec_->sample_fmt;
      const int in_rate = mix_ ? kMixRate : adec_->sample_rate;
      if (swr_alloc_set_opts2(&swr, &aenc_->ch_layout, aenc_->sample_fmt, aenc_->sample_rate, in_layout, in_format,
                              in_rate, 0, nullptr) < 0 ||
          swr_init(swr) < 0) {
        swr_free(&swr);
        return fail("cannot convert its audio");
      }
      swr_.reset(swr);
      fifo_.reset(av_audio_fifo_alloc(aenc_->sample_fmt, aenc_->ch_layout.nb_channels, 4096));
      if (!fifo_) return fail("out of memory");
      result_.has_audio = true;
    }

    if (opt_.subtitle) {
      // mov_text needs an ASS header describing the default style.
      static const char* kAssHeader =
          "[Script Info]\nScriptType: v4.00+\nPlayResX: 384\nPlayResY: 288\n\n[V4+ Styles]\n"
          "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, "
          "Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, "
          "MarginR, MarginV, Encoding\nStyle: Default,Arial,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,"
          "10,0\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n";
      auto enc = open_encoder({AV_CODEC_ID_MOV_TEXT, nullptr, "subtitle"}, [&](AVCodecContext* c) {
        c->time_base = kUs;
        c->subtitle_header = reinterpret_cast<std::uint8_t*>(av_strdup(kAssHeader));
        c->subtitle_header_size = static_cast<int>(std::strlen(kAssHeader));
      });
      if (!enc) return fail(enc.error().message);
      senc_ = std::move(enc.value());
      sst_ = avformat_new_stream(oc_.get(), nullptr);
      if (!sst_) return fail("out of memory");
      avcodec_parameters_from_context(sst_->codecpar, senc_.get());
      sst_->time_base = {1, 1000};
    }
    if (int e = avio_open(&oc_->pb, tmpl.c_str(), AVIO_FLAG_WRITE); e < 0) return av_fail("opening the output file", e);
    AVDictionary* mux = nullptr;
    av_dict_set(&mux, "movflags", "+faststart", 0);
    int e = avformat_write_header(oc_.get(), &mux);
    av_dict_free(&mux);
    if (e < 0) return av_fail("writing the MP4 header", e);
    return ok_status();
  }

  Status write_packets(AVCodecContext* enc, AVStream* st) {
    PacketPtr pkt = make_packet();
    for (;;) {
      int e = avcodec_receive_packet(enc, pkt.get());
      if (e == AVERROR(EAGAIN) || e == AVERROR_EOF) return ok_status();
      if (e < 0) return av_fail("encoding", e);
      // libx264 in FFmpeg 5.1 leaves durations at 0; without one the MP4 edit list ends at
      // the last picture's start and players drop that picture.
      if (pkt->duration == 0 && enc == venc_.get()) pkt->duration = video_frame_us_;
      av_packet_rescale_ts(pkt.get(), enc->time_base, st->time_base);
      pkt->stream_index = st->index;
      if (int w = av_interleaved_write_frame(oc_.get(), pkt.get()); w < 0) return av_fail("writing the clip", w);
    }
  }

  // Words wrapped to lines that fit the picture, at most three (the rest elided): drawtext
  // itself never wraps.
  static std::string wrap_for_burn_in(const std::string& text, int max_chars) {
    std::vector<std::string> lines(1);
    std::string word;
    auto flush_word = [&] {
      if (word.empty()) return;
      if (!lines.back().empty() && static_cast<int>(lines.back().size() + 1 + word.size()) > max_chars) lines.emplace_back();
      if (!lines.back().empty()) lines.back() += ' ';
      lines.back() += word;
      word.clear();
    };
    for (char c : text) {
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') flush_word();
      else word += c;
    }
    flush_word();
    if (lines.size() > 3) {
      lines.resize(3);
      lines[2] += " …";
    }
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
    return out;
  }

  // buffer -> drawtext -> buffersink for one segment's caption. Options are set on the
  // filter objects directly (no filtergraph string), so no text needs escaping, and
  // expansion is off so '%' sequences in a comment stay literal.
  Status build_burn_in(const std::string& text) {
    graph_.reset();
    if (text.empty()) return ok_status();
    graph_.reset(avfilter_graph_alloc());
    if (!graph_) return fail("out of memory");
    char args[256];
    std::snprintf(args, sizeof args, "video_size=%dx%d:pix_fmt=%d:time_base=1/1000000:pixel_aspect=%d/%d", venc_->width,
                  venc_->height, AV_PIX_FMT_YUV420P, std::max(1, venc_->sample_aspect_ratio.num),
                  std::max(1, venc_->sample_aspect_ratio.den));
    if (int e = avfilter_graph_create_filter(&src_ctx_, avfilter_get_by_name("buffer"), "in", args, nullptr, graph_.get()); e < 0)
      return av_fail("preparing the caption", e);
    if (int e = avfilter_graph_create_filter(&sink_ctx_, avfilter_get_by_name("buffersink"), "out", nullptr, nullptr, graph_.get());
        e < 0)
      return av_fail("preparing the caption", e);
    const AVFilter* dt = avfilter_get_by_name("drawtext");
    if (!dt) return fail("this FFmpeg cannot draw text (no drawtext filter)");
    AVFilterContext* draw = avfilter_graph_alloc_filter(graph_.get(), dt, "caption");
    if (!draw) return fail("out of memory");
    int fontsize = std::max(12, venc_->height / 22);
    int max_chars = std::max(12, static_cast<int>(venc_->width * 0.9 / (fontsize * 0.55)));
    std::string wrapped = wrap_for_burn_in(text, max_chars);
    av_opt_set(draw, "text", wrapped.c_str(), AV_OPT_SEARCH_CHILDREN);
    av_opt_set(draw, "expansion", "none", AV_OPT_SEARCH_CHILDREN);
    // Set as strings: fontsize is an expression option in some FFmpeg versions, an int in others.
    av_opt_set(draw, "fontsize", std::to_string(fontsize).c_str(), AV_OPT_SEARCH_CHILDREN);
    av_opt_set(draw, "fontcolor", "white", AV_OPT_SEARCH_CHILDREN);
    av_opt_set(draw, "box", "1", AV_OPT_SEARCH_CHILDREN);
    av_opt_set(draw, "boxcolor", "black@0.6", AV_OPT_SEARCH_CHILDREN);
    av_opt_set(draw, "boxborderw", std::to_string(fontsize / 2).c_str(), AV_OPT_SEARCH_CHILDREN);
    av_opt_set(draw, "x", "(w-text_w)/2", AV_OPT_SEARCH_CHILDREN);
    av_opt_set(draw, "y", "h-text_h-h/14", AV_OPT_SEARCH_CHILDREN);
    if (int e = avfilter_init_str(draw, nullptr); e < 0) return av_fail("preparing the caption (no usable font?)", e);
    if (avfilter_link(src_ctx_, 0, draw, 0) < 0 || avfilter_link(draw, 0, sink_ctx_, 0) < 0) return fail("cannot link the caption filter");
    if (int e = avfilter_graph_config(graph_.get(), nullptr); e < 0) return av_fail("preparing the caption", e);
    return ok_status();
  }

  Status encode_video(const AVFrame* src, TimeUs out_pts) {
    if (!sws_ || sws_w_ != src->width || sws_h_ != src->height || sws_fmt_ != src->format) {
      sws_.reset(sws_getContext(src->width, src->height, static_cast<AVPixelFormat>(src->format), venc_->width,
                                venc_->height, AV_PIX_FMT_YUV420P, SWS_BICUBIC, nullptr, nullptr, nullptr));
      if (!sws_) return fail("cannot convert its pictures");
      sws_w_ = src->width;
      sws_h_ = src->height;
      sws_fmt_ = src->format;
    }
    FramePtr f = make_frame();
    f->format = AV_PIX_FMT_YUV420P;
    f->width = venc_->width;
    f->height = venc_->height;
    if (av_frame_get_buffer(f.get(), 0) < 0) return fail("out of memory");
    sws_scale(sws_.get(), src->data, src->linesize, 0, src->height, f->data, f->linesize);
    f->pts = out_pts;
    f->pict_type = AV_PICTURE_TYPE_NONE;
    f->sample_aspect_ratio = venc_->sample_aspect_ratio;
    if (graph_) {
      if (int e = av_buffersrc_add_frame_flags(src_ctx_, f.get(), AV_BUFFERSRC_FLAG_KEEP_REF); e < 0)
        return av_fail("drawing the caption", e);
      FramePtr drawn = make_frame();
      if (int e = av_buffersink_get_frame(sink_ctx_, drawn.get()); e < 0) return av_fail("drawing the caption", e);
      drawn->pict_type = AV_PICTURE_TYPE_NONE;
      f = std::move(drawn);
    }
    if (int e = avcodec_send_frame(venc_.get(), f.get()); e < 0) return av_fail("encoding video", e);
    ++result_.video_frames;
    return write_packets(venc_.get(), vst_);
  }

  // Encodes whole encoder frames from the FIFO (all of it when `flush`, padding the end).
  Status drain_fifo(bool flush) {
    const int frame_size = aenc_->frame_size > 0 ? aenc_->frame_size : 1024;
    while (av_audio_fifo_size(fifo_.get()) >= frame_size || (flush && av_audio_fifo_size(fifo_.get()) > 0)) {
      int n = std::min(frame_size, av_audio_fifo_size(fifo_.get()));
      FramePtr f = make_frame();
      f->nb_samples = n;
      f->format = aenc_->sample_fmt;
      f->sample_rate = aenc_->sample_rate;
      av_channel_layout_copy(&f->ch_layout, &aenc_->ch_layout);
      if (av_frame_get_buffer(f.get(), 0) < 0) return fail("out of memory");
      av_audio_fifo_read(fifo_.get(), reinterpret_cast<void**>(f->data), n);
      f->pts = audio_samples_out_;
      audio_samples_out_ += n;
      if (int e = avcodec_send_frame(aenc_.get(), f.get()); e < 0) return av_fail("encoding audio", e);
      if (auto s = write_packets(aenc_.get(), ast_); !s) return s;
    }
    return ok_status();
  }

  // Keeps the part of a decoded audio frame inside [seg_start, seg_end), resampled.
  Status take_audio(const AVFrame* fr, const CutSegment& seg) {
    std::int64_t ts = fr->best_effort_timestamp;
    if (ts == AV_NOPTS_VALUE) return ok_status();
    TimeUs t0 = media_time(ts, aindex_);
    const int rate = fr->sample_rate;
    TimeUs t1 = t0 + av_rescale(fr->nb_samples, 1000000, rate);
    if (t1 <= seg.start_us || t0 >= seg.end_us) return ok_status();
    int skip = t0 < seg.start_us ? static_cast<int>(av_rescale(seg.start_us - t0, rate, 1000000)) : 0;
    int keep_end = t1 > seg.end_us ? static_cast<int>(av_rescale(seg.end_us - t0, rate, 1000000)) : fr->nb_samples;
    keep_end = std::clamp(keep_end, 0, fr->nb_samples);
    if (keep_end <= skip) return ok_status();
    // Pointers to the kept samples of each plane (or the interleaved buffer).
    const std::uint8_t* in[AV_NUM_DATA_POINTERS] = {};
    int bps = av_get_bytes_per_sample(static_cast<AVSampleFormat>(fr->format));
    bool planar = av_sample_fmt_is_planar(static_cast<AVSampleFormat>(fr->format));
    int planes = planar ? fr->ch_layout.nb_channels : 1;
    for (int p = 0; p < planes && p < AV_NUM_DATA_POINTERS; ++p)
      in[p] = fr->extended_data[p] + static_cast<std::size_t>(skip) * bps * (planar ? 1 : fr->ch_layout.nb_channels);
    int count = keep_end - skip;
    int out_max = swr_get_out_samples(swr_.get(), count) + 32;
    std::uint8_t** out = nullptr;
    if (av_samples_alloc_array_and_samples(&out, nullptr, aenc_->ch_layout.nb_channels, out_max, aenc_->sample_fmt, 0) < 0)
      return fail("out of memory");
    int got = swr_convert(swr_.get(), out, out_max, in, count);
    Status st = ok_status();
    if (got < 0) st = fail("cannot convert its audio");
    else if (got > 0 && av_audio_fifo_write(fifo_.get(), reinterpret_cast<void**>(out), got) < got) st = fail("out of memory");
    av_freep(&out[0]);
    av_freep(&out);
    if (!st) return st;
    return drain_fifo(false);
  }

  // The chosen sound for the whole segment, read from the mix at the segment's media time.
  Status take_mix(const CutSegment& seg) {
    const std::int64_t want = av_rescale(out_offset_us_ + (seg.end_us - seg.start_us), aenc_->sample_rate, 1000000);
    const std::int64_t have = audio_samples_out_ + av_audio_fifo_size(fifo_.get());
    if (want <= have) return ok_status();
    auto samples = mix_->read(seg.start_us, want - have);
    if (!samples) return fail(samples.error().message);
    const auto count = static_cast<int>(want - have);
    const std::uint8_t* in[1] = {reinterpret_cast<const std::uint8_t*>(samples->data())};
    const int out_max = swr_get_out_samples(swr_.get(), count) + 32;
    std::uint8_t** out = nullptr;
    if (av_samples_alloc_array_and_samples(&out, nullptr, aenc_->ch_layout.nb_channels, out_max, aenc_->sample_fmt, 0) < 0)
      return fail("out of memory");
    const int got = swr_convert(swr_.get(), out, out_max, in, count);
    Status st = ok_status();
    if (got < 0) st = fail("cannot convert the chosen sound");
    else if (got > 0 && av_audio_fifo_write(fifo_.get(), reinterpret_cast<void**>(out), got) < got) st = fail("out of memory");
    av_freep(&out[0]);
    av_freep(&out);
    if (!st) return st;
    return drain_fifo(false);
  }

  Status add_subtitle(const CutSegment& seg) {
    if (!senc_ || seg.text.empty()) return ok_status();
    // ASS dialogue payload: "ReadOrder,Layer,Style,Name,MarginL,MarginR,MarginV,Effect,Text".
    std::string text;
    for (char c : seg.text) {
      if (c == '\n') text += "\\N";
      else if (c == '{') text += "\\{";
      else if (c != '\r') text += c;
    }
    std::string line = "0,0,Default,,0,0,0,," + text;
    AVSubtitleRect rect{};
    rect.type = SUBTITLE_ASS;
    rect.ass = const_cast<char*>(line.c_str());
    AVSubtitleRect* rects[] = {&rect};
    AVSubtitle sub{};
    sub.num_rects = 1;
    sub.rects = rects;
    sub.pts = out_offset_us_;  // in AV_TIME_BASE (µs)
    sub.start_display_time = 0;
    sub.end_display_time = static_cast<std::uint32_t>((seg.end_us - seg.start_us) / 1000);
    std::vector<std::uint8_t> buf(64 * 1024);
    int size = avcodec_encode_subtitle(senc_.get(), buf.data(), static_cast<int>(buf.size()), &sub);
    if (size < 0) return av_fail("encoding the subtitle", size);
    PacketPtr pkt = make_packet();
    if (av_new_packet(pkt.get(), size) < 0) return fail("out of memory");
    std::memcpy(pkt->data, buf.data(), static_cast<std::size_t>(size));
    pkt->pts = pkt->dts = av_rescale_q(out_offset_us_, kUs, sst_->time_base);
    pkt->duration = av_rescale_q(seg.end_us - seg.start_us, kUs, sst_->time_base);
    pkt->stream_index = sst_->index;
    if (int w = av_interleaved_write_frame(oc_.get(), pkt.get()); w < 0) return av_fail("writing the subtitle", w);
    return ok_status();
  }

  // Writes one packet of a copied segment, rebased so the segment's keyframe lands at its
  // place in the clip; packets before the keyframe are skipped. `copied` counts the written.
  Status copy_video(AVPacket* pkt, const VideoCut& cut, const CutSegment& seg, int& copied) {
    if (copied == 0 && (pkt->pts != cut.key_pts || !(pkt->flags & AV_PKT_FLAG_KEY))) return ok_status();
    if (copied == 0) pkt->dts = cut.first_dts;
    TimeUs t = pkt->pts == AV_NOPTS_VALUE || pkt->dts == AV_NOPTS_VALUE ? -1 : media_time(pkt->pts, vindex_);
    if (t < seg.start_us || t >= seg.end_us) return fail("its video changed while the clip was being cut");
    ++copied;
    if (auto s = report_progress(out_offset_us_ + (t - seg.start_us)); !s) return s;
    const AVRational in_tb = in_fmt_->streams[vindex_]->time_base, out_tb = vst_->time_base;
    const std::int64_t base = av_rescale_q(out_offset_us_, kUs, out_tb);
    // B-frames: the first dts is below the first pts (0 in the clip); the MP4 muxer keeps the
    // negative decode times with an edit list, so the first picture is still shown at 0.
    pkt->pts = av_rescale_q(pkt->pts - cut.key_pts, in_tb, out_tb) + base;
    pkt->dts = av_rescale_q(pkt->dts - cut.key_pts, in_tb, out_tb) + base;
    pkt->duration = av_rescale_q(pkt->duration, in_tb, out_tb);
    pkt->pos = -1;
    pkt->stream_index = vst_->index;
    av_packet_free_side_data(pkt);  // the picture only, nothing else from the source
    ++result_.video_frames;
    if (int w = av_interleaved_write_frame(oc_.get(), pkt); w < 0) return av_fail("writing the clip", w);
    return ok_status();
  }

  // One segment: its video copied (`cut`) or decoded and re-encoded (no `cut`), its audio
  // always re-encoded, both cut to [seg.start_us, seg.end_us).
  Status write_segment(const CutSegment& seg, const VideoCut* cut) {
    if (auto s = add_subtitle(seg); !s) return s;
    if (opt_.burn_in)
      if (auto s = build_burn_in(seg.text); !s) return s;
    seek_before(seg.start_us);
    avcodec_flush_buffers(vdec_.get());
    if (adec_) avcodec_flush_buffers(adec_.get());

    FramePtr frame = make_frame(), held = make_frame();
    bool have_held = false, video_done = false, audio_done = aindex_ < 0;
    TimeUs last_out = -1;
    int copied = 0;
    PacketPtr pkt = make_packet();

    auto emit = [&](AVFrame* f, TimeUs media_t) -> Status {
      TimeUs out_t = out_offset_us_ + std::max<TimeUs>(0, media_t - seg.start_us);
      if (out_t <= last_out) return ok_status();  // never two pictures at one time
      last_out = out_t;
      if (auto s = report_progress(out_t); !s) return s;
      return encode_video(f, out_t);
    };
    auto on_video = [&](AVFrame* f) -> Status {
      std::int64_t ts = f->best_effort_timestamp;
      if (ts == AV_NOPTS_VALUE) return ok_status();
      TimeUs t = media_time(ts, vindex_);
      if (t >= seg.end_us) {
        if (have_held) {
          if (auto s = emit(held.get(), seg.start_us); !s) return s;
          have_held = false;
        }
        video_done = true;
        return ok_status();
      }
      if (t <= seg.start_us) {  // candidate for the picture shown at the start
        av_frame_unref(held.get());
        av_frame_ref(held.get(), f);
        have_held = true;
        return ok_status();
      }
      if (have_held) {
        if (auto s = emit(held.get(), seg.start_us); !s) return s;
        have_held = false;
      }
      return emit(f, t);
    };

    auto drain = [&](AVCodecContext* dec, bool is_video) -> Status {
      for (;;) {
        int e = avcodec_receive_frame(dec, frame.get());
        if (e == AVERROR(EAGAIN) || e == AVERROR_EOF) return ok_status();
        if (e < 0) return media_error(in_, e, in_fmt_.get(), "decoding");
        Status s = ok_status();
        if (is_video) {
          if (!video_done) s = on_video(frame.get());
        } else if (!audio_done) {
          std::int64_t ts = frame->best_effort_timestamp;
          if (ts != AV_NOPTS_VALUE && media_time(ts, aindex_) >= seg.end_us)
            audio_done = true;
          else
            s = take_audio(frame.get(), seg);
        }
        av_frame_unref(frame.get());
        if (!s) return s;
      }
    };

    while (!(video_done && audio_done)) {
      int e = read_packet(pkt.get());
      if (e == AVERROR_EOF) break;
      if (e < 0) return media_error(in_, e, in_fmt_.get(), "reading");
      Status s = ok_status();
      if (pkt->stream_index == vindex_ && !video_done && cut) {
        s = copy_video(pkt.get(), *cut, seg, copied);
        video_done = copied == cut->packets;
      } else if (pkt->stream_index == vindex_ && !video_done) {
        if (avcodec_send_packet(vdec_.get(), pkt.get()) >= 0) s = drain(vdec_.get(), true);
      } else if (pkt->stream_index == aindex_ && !audio_done) {
        if (avcodec_send_packet(adec_.get(), pkt.get()) >= 0) s = drain(adec_.get(), false);
      }
      av_packet_unref(pkt.get());
      if (!s) return s.error();
    }
    if (cut && !video_done) return fail("its video changed while the clip was being cut");
    // End of file inside the segment: flush the decoders for their last frames.
    if (!video_done) {
      avcodec_send_packet(vdec_.get(), nullptr);
      if (auto s = drain(vdec_.get(), true); !s) return s;
      if (have_held)
        if (auto s = emit(held.get(), seg.start_us); !s) return s;
    }
    if (!audio_done) {
      avcodec_send_packet(adec_.get(), nullptr);
      if (auto s = drain(adec_.get(), false); !s) return s;
    }
    if (!cut && last_out < 0) return fail("there is no picture between " + format_time(seg.start_us) + " and " + format_time(seg.end_us));
    if (mix_ && aenc_)
      if (auto s = take_mix(seg); !s) return s;
    // The audio of this segment is exactly its length: pad with silence if the file's
    // audio ended early, so later segments stay in sync.
    if (aenc_) {
      std::int64_t want = av_rescale(out_offset_us_ + (seg.end_us - seg.start_us), aenc_->sample_rate, 1000000);
      std::int64_t have = audio_samples_out_ + av_audio_fifo_size(fifo_.get());
      if (want > have) {
        int pad = static_cast<int>(want - have);
        std::uint8_t** silence = nullptr;
        if (av_samples_alloc_array_and_samples(&silence, nullptr, aenc_->ch_layout.nb_channels, pad, aenc_->sample_fmt, 0) < 0)
          return fail("out of memory");
        av_samples_set_silence(silence, 0, pad, aenc_->ch_layout.nb_channels, aenc_->sample_fmt);
        av_audio_fifo_write(fifo_.get(), reinterpret_cast<void**>(silence), pad);
        av_freep(&silence[0]);
        av_freep(&silence);
      } else if (want < have) {
        av_audio_fifo_drain(fifo_.get(), static_cast<int>(std::min<std::int64_t>(have - want, av_audio_fifo_size(fifo_.get()))));
      }
      if (auto s = drain_fifo(false); !s) return s;
    }
    // Reset the resampler between segments so no samples leak across a cut.
    if (swr_) swr_init(swr_.get());
    return ok_status();
  }

  Status finish() {
    // The last picture lasts until the clip's end: mp4 takes the last sample's duration
    // from the packet, which the encoder sets from the frame rate; that is within a frame.
    if (venc_) {
      avcodec_send_frame(venc_.get(), nullptr);
      if (auto s = write_packets(venc_.get(), vst_); !s) return s;
    }
    if (aenc_) {
      if (auto s = drain_fifo(true); !s) return s;
      avcodec_send_frame(aenc_.get(), nullptr);
      if (auto s = write_packets(aenc_.get(), ast_); !s) return s;
    }
    if (int e = av_write_trailer(oc_.get()); e < 0) return av_fail("finishing the MP4", e);
    if (int e = avio_closep(&oc_->pb); e < 0) return av_fail("closing the output file", e);
    int fd = ::open(tmp_.temp_path.c_str(), O_RDONLY);
    if (fd >= 0) {
      ::fsync(fd);
      ::close(fd);
    }
    if (::rename(tmp_.temp_path.c_str(), out_.c_str()) != 0)
      return make_error("cannot rename the clip into place as '" + out_.string() + "': " + std::strerror(errno), ErrorKind::kIoError);
    tmp_.committed = true;
    return ok_status();
  }

  std::filesystem::path in_, out_;
  CutOptions opt_;
  FormatContextPtr in_fmt_;
  int vindex_ = -1, aindex_ = -1;
  CodecContextPtr vdec_, adec_, venc_, aenc_, senc_;
  TempOutput tmp_;  // declared before oc_: destroyed after it, so the file is closed before removal
  OutputPtr oc_;
  AVStream *vst_ = nullptr, *ast_ = nullptr, *sst_ = nullptr;
  SwsContextPtr sws_;
  int sws_w_ = 0, sws_h_ = 0, sws_fmt_ = -1;
  SwrContextPtr swr_;
  FilterGraphPtr graph_;  // burn-in caption of the current segment (owns the two contexts below)
  AVFilterContext *src_ctx_ = nullptr, *sink_ctx_ = nullptr;
  FifoPtr fifo_;
  static constexpr int kMixRate = 48000;
  std::unique_ptr<SoundMixReader> mix_;  // the chosen sound (CutOptions::sound), else null
  std::int64_t audio_samples_out_ = 0;
  TimeUs start_offset_us_ = 0, out_offset_us_ = 0, total_us_ = 0;
  TimeUs video_frame_us_ = 40000;  // nominal picture duration (1 / frame rate)
  std::vector<VideoCut> cuts_;  // one per segment when the video is copied, else empty
  CutResult result_;
};

}  // namespace

Result<CutResult> cut_clip(const std::filesystem::path& input, const std::vector<CutSegment>& segments,
                           const std::filesystem::path& output, const CutOptions& options) {
  if (segments.empty()) return make_error("No clip segment was given.", kFailed);
  // The encoders report statistics at "info" level; our errors carry what matters.
  // (FFmpeg's log level is process-wide, so it is restored afterwards.)
  struct QuietLog {
    int saved = av_log_get_level();
    QuietLog() {
      if (saved > AV_LOG_WARNING) av_log_set_level(AV_LOG_WARNING);
    }
    ~QuietLog() { av_log_set_level(saved); }
  } quiet;
  ClipCutter w(input, output, options);
  return w.run(segments);
}

}  // namespace triad::media
