// The one encoder opener; see encoder_open.hpp.
#include "media/encoder_open.hpp"

#include <string>

#include "media/errors.hpp"

namespace triad::media {

Result<CodecContextPtr> open_encoder(const EncoderChoice& choice, const std::function<void(AVCodecContext*)>& configure) {
  const std::string what = std::string("the ") + choice.label + " encoder";
  const AVCodec* codec = choice.preferred != nullptr ? avcodec_find_encoder_by_name(choice.preferred) : nullptr;
  if (codec == nullptr) codec = avcodec_find_encoder(choice.id);
  if (codec == nullptr) return make_error("this installation has no " + std::string(choice.label) + " encoder", kUnsupported);
  CodecContextPtr enc(avcodec_alloc_context3(codec));
  if (!enc) return make_error(what + " could not start: out of memory", kFailed);
  if (configure) configure(enc.get());
  if (int ret = avcodec_open2(enc.get(), codec, nullptr); ret < 0)
    return make_error(what + " could not start (" + av_error_string(ret) + ")", kFailed);
  return enc;
}

}  // namespace triad::media
