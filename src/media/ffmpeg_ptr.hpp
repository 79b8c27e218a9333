#pragma once
// RAII for every FFmpeg handle Triad touches: each alias is a unique_ptr whose deleter
// calls the matching FFmpeg free function, so no code path can leak or double-free one.
// Include only inside media/ (and playback/, exchange/ where they must): FFmpeg types
// never cross the public headers used by UI code.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/frame.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <memory>
#include <string>

namespace triad::media {

// An *input* format context (from avformat_open_input / media::open_input). The deleter
// also releases what open_input attached to it: the custom AVIOContext (when
// AVFMT_FLAG_CUSTOM_IO is set) and the interrupt-callback state.
struct InputFormatDeleter {
  void operator()(AVFormatContext* ctx) const;
};
using FormatContextPtr = std::unique_ptr<AVFormatContext, InputFormatDeleter>;

struct CodecContextDeleter {
  void operator()(AVCodecContext* ctx) const { avcodec_free_context(&ctx); }
};
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;

struct FrameDeleter {
  void operator()(AVFrame* f) const { av_frame_free(&f); }
};
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;

struct PacketDeleter {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;

struct SwsContextDeleter {
  void operator()(SwsContext* s) const { sws_freeContext(s); }
};
using SwsContextPtr = std::unique_ptr<SwsContext, SwsContextDeleter>;

struct SwrContextDeleter {
  void operator()(SwrContext* s) const { swr_free(&s); }
};
using SwrContextPtr = std::unique_ptr<SwrContext, SwrContextDeleter>;

struct FilterGraphDeleter {
  void operator()(AVFilterGraph* g) const { avfilter_graph_free(&g); }
};
using FilterGraphPtr = std::unique_ptr<AVFilterGraph, FilterGraphDeleter>;

struct DictionaryDeleter {
  void operator()(AVDictionary* d) const { av_dict_free(&d); }
};

// Allocating helpers: return nullptr only when FFmpeg is out of memory.
inline FramePtr make_frame() { return FramePtr(av_frame_alloc()); }
inline PacketPtr make_packet() { return PacketPtr(av_packet_alloc()); }

// FFmpeg's text for an AVERROR code ("Invalid data found when processing input").
std::string av_error_string(int errnum);

}  // namespace triad::media
