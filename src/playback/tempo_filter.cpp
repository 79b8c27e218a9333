#include "playback/tempo_filter.hpp"

#include <cstring>
#include <string>

#include "media/ffmpeg_ptr.hpp"

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
}

namespace triad::playback {

struct TempoFilter::Graph {
  media::FilterGraphPtr graph;
  AVFilterContext* src = nullptr;   // owned by graph
  AVFilterContext* sink = nullptr;  // owned by graph
  media::FramePtr in;
  media::FramePtr out;
  std::int64_t next_pts = 0;
};

namespace {

const char* sample_fmt_name(media::SampleFormat f) { return f == media::SampleFormat::F32 ? "flt" : "s16"; }

Error filter_error(const std::string& what, int err) {
  return make_error("Cannot change the audio speed: " + what + " failed (" + media::av_error_string(err) + ").");
}

// "atempo=0.5,atempo=0.6" for 0.3: each atempo instance accepts 0.5-2 (FFmpeg 5.1 allows
// up to 100, but quality is best inside 0.5-2).
std::string atempo_chain(double speed) {
  std::string chain;
  while (speed < 0.5) {
    chain += "atempo=0.5,";
    speed /= 0.5;
  }
  return chain + "atempo=" + std::to_string(speed);
}

}  // namespace

TempoFilter::TempoFilter(std::unique_ptr<Graph> graph, media::AudioFormat format, double speed)
    : graph_(std::move(graph)), format_(format), speed_(speed) {}

TempoFilter::~TempoFilter() = default;

Result<std::unique_ptr<TempoFilter>> TempoFilter::create(media::AudioFormat format, double speed) {
  if (!(speed >= 0.25 && speed <= 2.0) || speed == 1.0) {
    return make_error("Cannot change the audio speed: " + std::to_string(speed) + " is outside 0.25-2 or needs no change.");
  }
  auto g = std::make_unique<Graph>();
  g->graph.reset(avfilter_graph_alloc());
  g->in = media::make_frame();
  g->out = media::make_frame();
  if (!g->graph || !g->in || !g->out) return make_error("Cannot change the audio speed: out of memory.");
  g->graph->nb_threads = 1;

  AVChannelLayout layout{};
  av_channel_layout_default(&layout, format.channels);
  char layout_name[64] = {};
  av_channel_layout_describe(&layout, layout_name, sizeof layout_name);
  av_channel_layout_uninit(&layout);

  const std::string src_args = "time_base=1/" + std::to_string(format.sample_rate) +
                               ":sample_rate=" + std::to_string(format.sample_rate) +
                               ":sample_fmt=" + sample_fmt_name(format.sample_format) +
                               ":channel_layout=" + layout_name;
  int err = avfilter_graph_create_filter(&g->src, avfilter_get_by_name("abuffer"), "in", src_args.c_str(), nullptr,
                                         g->graph.get());
  if (err < 0) return filter_error("creating the audio source", err);
  err = avfilter_graph_create_filter(&g->sink, avfilter_get_by_name("abuffersink"), "out", nullptr, nullptr,
                                     g->graph.get());
  if (err < 0) return filter_error("creating the audio sink", err);

  // The aformat at the end pins the output to exactly the sink's format.
  const std::string chain = atempo_chain(speed) + ",aformat=sample_fmts=" + sample_fmt_name(format.sample_format) +
                            ":sample_rates=" + std::to_string(format.sample_rate) +
                            ":channel_layouts=" + layout_name;
  AVFilterInOut* outputs = avfilter_inout_alloc();
  AVFilterInOut* inputs = avfilter_inout_alloc();
  if (!outputs || !inputs) {
    avfilter_inout_free(&outputs);
    avfilter_inout_free(&inputs);
    return make_error("Cannot change the audio speed: out of memory.");
  }
  outputs->name = av_strdup("in");
  outputs->filter_ctx = g->src;
  inputs->name = av_strdup("out");
  inputs->filter_ctx = g->sink;
  err = avfilter_graph_parse_ptr(g->graph.get(), chain.c_str(), &inputs, &outputs, nullptr);
  avfilter_inout_free(&outputs);
  avfilter_inout_free(&inputs);
  if (err < 0) return filter_error("parsing '" + chain + "'", err);
  err = avfilter_graph_config(g->graph.get(), nullptr);
  if (err < 0) return filter_error("configuring the filter graph", err);
  return std::unique_ptr<TempoFilter>(new TempoFilter(std::move(g), format, speed));
}

Result<std::int64_t> TempoFilter::process(const std::uint8_t* data, std::int64_t frames,
                                          std::vector<std::uint8_t>& out) {
  const int bpf = format_.bytes_per_frame();
  AVFrame* in = graph_->in.get();
  av_frame_unref(in);
  in->format = format_.sample_format == media::SampleFormat::F32 ? AV_SAMPLE_FMT_FLT : AV_SAMPLE_FMT_S16;
  in->sample_rate = format_.sample_rate;
  av_channel_layout_default(&in->ch_layout, format_.channels);
  in->nb_samples = static_cast<int>(frames);
  in->pts = graph_->next_pts;
  graph_->next_pts += frames;
  int err = av_frame_get_buffer(in, 0);
  if (err < 0) return filter_error("allocating audio", err);
  std::memcpy(in->data[0], data, static_cast<std::size_t>(frames) * bpf);
  err = av_buffersrc_add_frame_flags(graph_->src, in, AV_BUFFERSRC_FLAG_KEEP_REF);
  av_frame_unref(in);
  if (err < 0) return filter_error("feeding audio", err);

  std::int64_t produced = 0;
  for (;;) {
    AVFrame* o = graph_->out.get();
    err = av_buffersink_get_frame(graph_->sink, o);
    if (err == AVERROR(EAGAIN) || err == AVERROR_EOF) break;
    if (err < 0) return filter_error("reading audio", err);
    const std::size_t bytes = static_cast<std::size_t>(o->nb_samples) * bpf;
    const std::size_t at = out.size();
    out.resize(at + bytes);
    std::memcpy(out.data() + at, o->data[0], bytes);
    produced += o->nb_samples;
    av_frame_unref(o);
  }
  return produced;
}

}  // namespace triad::playback
