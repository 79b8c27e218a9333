// The one decoder opener; see decoder_open.hpp for the guards and why each exists.
#include "media/decoder_open.hpp"

#include <algorithm>
#include <string>
#include <thread>

extern "C" {
#include <libavutil/cpu.h>
}

#include "media/errors.hpp"

namespace triad::media {

namespace {

// libavcodec's own ceiling for automatically chosen threads (MAX_AUTO_THREADS).
constexpr int kMaxAutoThreads = 16;

const char* kind_of(const AVCodecParameters* par) {
  switch (par->codec_type) {
    case AVMEDIA_TYPE_VIDEO: return "video";
    case AVMEDIA_TYPE_AUDIO: return "sound";
    default: return "stream";
  }
}

}  // namespace

ThreadChoice choose_decoder_threads(const AVCodec* codec, const AVCodecParameters* par, int requested, int cores) {
  const bool frame = (codec->capabilities & AV_CODEC_CAP_FRAME_THREADS) != 0;
  const bool slice = (codec->capabilities & AV_CODEC_CAP_SLICE_THREADS) != 0;
  const bool own = (codec->capabilities & AV_CODEC_CAP_OTHER_THREADS) != 0;
  // Audio decoders are cheap and (in FFmpeg 5.1) single-threaded; one picture at a time
  // was asked for; or the codec cannot use threads at all.
  if (par->codec_type != AVMEDIA_TYPE_VIDEO || requested == 1 || (!frame && !slice && !own)) return {1, 0};
  // A wrapped library with threads of its own (libdav1d, Debian's AV1 decoder) reads
  // thread_count itself and picks from the core count when it is 0, as under the ffmpeg
  // CLI (libdav1d: 1.5 threads per core). Forcing 1 here made AV1 decode single-threaded.
  if (!frame && !slice) return {requested > 1 ? requested : 0, kThreadsOwn};
  int count = requested;
  if (count <= 0) {
    // What libavcodec does for `-threads auto` (the ffmpeg CLI's default): one thread per
    // core and one more, so a thread waiting on its reference picture leaves no core idle.
    // For slice threads it first counts no more cores than the picture has 16-line rows.
    int usable = cores;
    if (!frame && par->height > 0) usable = std::min(usable, (par->height + 15) / 16);
    count = usable > 1 ? std::min(usable + 1, kMaxAutoThreads) : 1;
  }
  if (count <= 1) return {1, 0};
  // Frame threads where the codec has them (every picture in flight on its own thread:
  // the most throughput, as ffmpeg chooses); slice threads otherwise.
  return {count, frame ? FF_THREAD_FRAME : FF_THREAD_SLICE};
}

Result<CodecContextPtr> open_decoder(const std::filesystem::path& path, const AVFormatContext* fmt, int stream_index,
                                     const DecodeSetup& setup) {
  const std::string name = display_name(path);
  if (fmt == nullptr || stream_index < 0 || static_cast<unsigned>(stream_index) >= fmt->nb_streams)
    return make_error("opening a decoder for " + name + " failed: no such stream", kFailed);
  // Reads feeding this decoder must be bounded: only contexts from open_input qualify.
  if (!has_deadline_guard(fmt))
    return make_error("opening a decoder for " + name + " failed: the file was not opened by media::open_input", kFailed);
  const AVStream* st = fmt->streams[stream_index];
  const AVCodecParameters* par = st->codecpar;
  const char* kind = kind_of(par);
  const AVCodec* codec = avcodec_find_decoder(par->codec_id);
  if (codec == nullptr)
    return make_error(name + "'s " + kind + " uses the " + avcodec_get_name(par->codec_id) +
                          " codec, which this installation cannot decode",
                      kUnsupported);
  CodecContextPtr dec(avcodec_alloc_context3(codec));
  if (!dec) return make_error("decoding " + name + " failed: out of memory", kFailed);
  if (int ret = avcodec_parameters_to_context(dec.get(), par); ret < 0)
    return make_error(name + " is damaged: its " + kind + " parameters are not accepted by the decoder (" +
                          av_error_string(ret) + ")",
                      kCorrupt);
  dec->pkt_timebase = st->time_base;
  dec->max_pixels = setup.max_pixels;
  if (setup.show_all) dec->flags2 |= AV_CODEC_FLAG2_SHOW_ALL;
  const int cores = std::max(1, av_cpu_count());
  const ThreadChoice threads = choose_decoder_threads(codec, par, setup.threads, cores);
  dec->thread_count = threads.count;
  // Both kinds allowed, as ffmpeg leaves it: libavcodec takes frame threads when it can
  // (not with AV_CODEC_FLAG_LOW_DELAY, for one) and slice threads otherwise.
  dec->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
  if (int ret = avcodec_open2(dec.get(), codec, nullptr); ret < 0) {
    if (ret == AVERROR(ENOMEM)) return make_error("decoding " + name + " failed: out of memory", kFailed);
    return make_error(name + "'s " + kind + " cannot be decoded: " + av_error_string(ret), kCorrupt);
  }
  return dec;
}

}  // namespace triad::media
