#pragma once
// The one way Triad opens an FFmpeg encoder (media-internal: FFmpeg types). PNG pictures,
// and the H.264, AAC and mov_text encoders of clip cutting all start here, so they fail
// with the same kinds of error: no such encoder in this FFmpeg -> kUnsupported; the
// encoder refuses its settings -> kFailed; out of memory -> kFailed. One sentence each,
// naming what was being encoded ("the PNG encoder", "the H.264 encoder", ...).
#include <functional>

#include "base/result.hpp"
#include "media/ffmpeg_ptr.hpp"

namespace triad::media {

struct EncoderChoice {
  AVCodecID id = AV_CODEC_ID_NONE;
  const char* preferred = nullptr;  // an encoder name tried first ("libx264"), or null
  const char* label = "";           // for messages: "H.264", "PNG", ...
};

// Finds the encoder, lets `configure` set the context (size, format, time base, private
// options via av_opt_set on ctx->priv_data) and opens it.
Result<CodecContextPtr> open_encoder(const EncoderChoice& choice, const std::function<void(AVCodecContext*)>& configure);

}  // namespace triad::media
