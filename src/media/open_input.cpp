// The robust open: see open_input.hpp for the rules and why each exists.
#include "media/open_input.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <system_error>
#include <vector>

extern "C" {
#include <libavutil/avstring.h>
#include <libavutil/time.h>
}

#include "media/errors.hpp"

namespace triad::media {
namespace fs = std::filesystem;

namespace {

// Lives as long as the AVFormatContext (owned by InputFormatDeleter). Atomics because
// request_cancel/arm_deadline may be called from another thread than the reader.
struct InterruptState {
  std::atomic<std::int64_t> deadline_us{0};  // av_gettime_relative() clock; 0 = none
  std::atomic<bool> cancelled{false};
  std::atomic<bool> expired{false};
};

int interrupt_callback(void* opaque) {
  auto* state = static_cast<InterruptState*>(opaque);
  if (state->cancelled.load(std::memory_order_relaxed)) return 1;
  const std::int64_t deadline = state->deadline_us.load(std::memory_order_relaxed);
  if (deadline != 0 && av_gettime_relative() > deadline) {
    state->expired.store(true, std::memory_order_relaxed);
    return 1;
  }
  return 0;
}

InterruptState* state_of(const AVFormatContext* ctx) {
  if (ctx == nullptr || ctx->interrupt_callback.callback != &interrupt_callback) return nullptr;
  return static_cast<InterruptState*>(ctx->interrupt_callback.opaque);
}

void arm(InterruptState& state, std::chrono::milliseconds budget) {
  state.expired.store(false, std::memory_order_relaxed);
  state.deadline_us.store(av_gettime_relative() + std::chrono::duration_cast<std::chrono::microseconds>(budget).count(),
                          std::memory_order_relaxed);
}

// Demuxer names (FFmpeg 5.1). Anything that reads other files by name (hls, concat,
// image2, dash, ...) or that is a raw elementary stream we never expect is left out.
constexpr const char* kWhitelist =
    "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,mpegts,mpeg,avi,asf,ogg,mp3,wav,w64,flac,aac,aiff,"
    "mxf,dv,flv,caf";

bool is_io_errno(int averror) {
  for (int e : {EIO, ENOENT, EACCES, EPERM, ENXIO, EISDIR, ENODEV, ESTALE, EBADF})
    if (averror == AVERROR(e)) return true;
  return false;
}

struct DictGuard {
  AVDictionary* dict = nullptr;
  ~DictGuard() { av_dict_free(&dict); }
};

}  // namespace

void InputFormatDeleter::operator()(AVFormatContext* ctx) const {
  if (ctx == nullptr) return;
  InterruptState* state = state_of(ctx);
  AVIOContext* pb = (ctx->flags & AVFMT_FLAG_CUSTOM_IO) ? ctx->pb : nullptr;
  if (ctx->iformat != nullptr) {
    avformat_close_input(&ctx);
  } else {
    avformat_free_context(ctx);
  }
  avio_closep(&pb);
  delete state;
}

std::string av_error_string(int errnum) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(errnum, buf, sizeof buf);
  return buf;
}

std::string display_name(const fs::path& path) {
  std::string name = path.filename().string();
  return name.empty() ? path.string() : name;
}

const char* container_whitelist() { return kWhitelist; }

void arm_deadline(AVFormatContext* ctx, std::chrono::milliseconds budget) {
  if (InterruptState* state = state_of(ctx)) arm(*state, budget);
}

void request_cancel(AVFormatContext* ctx) {
  if (InterruptState* state = state_of(ctx)) state->cancelled.store(true);
}

bool seeks_to_start_exactly(const AVFormatContext* ctx) {
  return ctx->iformat != nullptr && std::string_view(ctx->iformat->name).find("mov") != std::string_view::npos;
}

bool has_deadline_guard(const AVFormatContext* ctx) { return state_of(ctx) != nullptr; }

bool deadline_expired(const AVFormatContext* ctx) {
  const InterruptState* state = state_of(ctx);
  return state != nullptr && state->expired.load();
}

Error media_error(const fs::path& path, int averror, const AVFormatContext* ctx, const char* doing) {
  const std::string name = display_name(path);
  if (averror == AVERROR_EXIT) {
    if (deadline_expired(ctx))
      return make_error(name + " took too long while " + doing + " and was given up; it may be damaged or on a slow disk",
                        kTimeout);
    return make_error(std::string(doing) + " " + name + " was cancelled", kFailed);
  }
  if (is_io_errno(averror))
    return make_error(name + " could not be read while " + doing + ": " + av_error_string(averror), kIoError);
  return make_error(name + " is damaged: " + doing + " failed (" + av_error_string(averror) + ")", kCorrupt);
}

Result<FormatContextPtr> open_input(const fs::path& path, const OpenOptions& options) {
  const std::string name = display_name(path);
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    const std::string why = ec ? ec.message() : "no such file";
    return make_error(name + " cannot be opened: " + why, kIoError);
  }
  if (!fs::is_regular_file(status)) {
    const char* what = fs::is_directory(status) ? "a folder" : "a device, pipe or socket";
    return make_error(name + " is not a regular file (it is " + what + ")", kNotRegular);
  }
  if (fs::file_size(path, ec) == 0 && !ec)
    return make_error(name + " is not a video Triad can open: the file is empty", kCorrupt);

  auto state = std::make_unique<InterruptState>();
  arm(*state, options.deadline);
  const AVIOInterruptCB callback{&interrupt_callback, state.get()};

  // "file:" so a name such as "a:b.mp4" can never be read as a protocol prefix.
  const std::string url = "file:" + path.string();
  AVIOContext* pb = nullptr;
  {
    DictGuard io_opts;
    av_dict_set(&io_opts.dict, "protocol_whitelist", "file", 0);
    const int ret = avio_open2(&pb, url.c_str(), AVIO_FLAG_READ, &callback, &io_opts.dict);
    if (ret < 0) return make_error(name + " cannot be opened: " + av_error_string(ret), kIoError);
  }
  auto close_pb = [&pb] { avio_closep(&pb); };

  // Content only: an empty file name keeps extensions out of the decision.
  const AVInputFormat* format = nullptr;
  int ret = av_probe_input_buffer2(pb, &format, "", nullptr, 0, 0);
  if (ret < 0 || format == nullptr) {
    close_pb();
    if (state->expired) return make_error(name + " took too long to identify and was given up", kTimeout);
    if (is_io_errno(ret)) return make_error(name + " could not be read: " + av_error_string(ret), kIoError);
    return make_error(name + " is not a video Triad can open: the data is not a known format", kUnsupported);
  }
  if (av_match_list(format->name, kWhitelist, ',') <= 0) {
    close_pb();
    const std::string_view fmt = format->name;
    const bool playlist = fmt == "hls" || fmt == "concat" || fmt == "ffmetadata" || fmt == "dash" ||
                          fmt.find("image2") != std::string_view::npos || fmt == "tee";
    const std::string kind = format->long_name ? format->long_name : format->name;
    if (playlist)
      return make_error(name + " is not a video Triad can open: it is a playlist or file list (" + kind +
                            "), which could make Triad read other files",
                        kUnsupported);
    return make_error(name + " is not a video Triad can open: its format (" + kind + ") is not supported",
                      kUnsupported);
  }

  AVFormatContext* raw = avformat_alloc_context();
  if (raw == nullptr) {
    close_pb();
    return make_error(name + " cannot be opened: out of memory", kFailed);
  }
  raw->pb = pb;
  raw->flags |= AVFMT_FLAG_CUSTOM_IO;
  raw->interrupt_callback = callback;
  {
    DictGuard opts;
    av_dict_set(&opts.dict, "format_whitelist", kWhitelist, 0);
    av_dict_set(&opts.dict, "protocol_whitelist", "file", 0);
    ret = avformat_open_input(&raw, url.c_str(), format, &opts.dict);  // frees `raw` on failure
  }
  if (ret < 0) {
    close_pb();
    if (state->expired) return make_error(name + " took too long to open and was given up; it may be damaged", kTimeout);
    // The file itself was readable (it was probed); EIO from a demuxer here means a broken structure.
    if (is_io_errno(ret) && ret != AVERROR(EIO))
      return make_error(name + " could not be read: " + av_error_string(ret), kIoError);
    const std::string_view fmt = format->name;
    if (fmt.find("mov") != std::string_view::npos)
      return make_error(name + " is damaged: its index (the moov box) is missing or broken, as when a recording is "
                               "cut off before it was finished",
                        kCorrupt);
    return make_error(name + " is damaged: its " + std::string(format->name) + " structure could not be read (" +
                          av_error_string(ret) + ")",
                      kCorrupt);
  }
  state.release();  // now owned through raw->interrupt_callback.opaque
  FormatContextPtr ctx(raw);

  if (options.find_stream_info && ctx->nb_streams > 0) {
    const unsigned n = ctx->nb_streams;
    std::vector<AVDictionary*> codec_opts(n, nullptr);
    const std::string max_pixels = std::to_string(options.max_pixels);
    for (auto& d : codec_opts) {
      av_dict_set(&d, "max_pixels", max_pixels.c_str(), 0);
      av_dict_set(&d, "threads", "1", 0);
    }
    ret = avformat_find_stream_info(ctx.get(), codec_opts.data());
    for (auto& d : codec_opts) av_dict_free(&d);
    if (ret < 0) {
      if (deadline_expired(ctx.get()))
        return make_error(name + " took too long to open and was given up; it may be damaged", kTimeout);
      if (is_io_errno(ret)) return make_error(name + " could not be read: " + av_error_string(ret), kIoError);
      return make_error(name + " is damaged: its streams could not be identified (" + av_error_string(ret) + ")",
                        kCorrupt);
    }
  }
  if (ctx->nb_streams == 0)
    return make_error(name + " is not a video Triad can open: it holds no audio or video stream", kCorrupt);
  arm_deadline(ctx.get(), options.deadline);
  return ctx;
}

}  // namespace triad::media
