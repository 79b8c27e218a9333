#include "playback/stepper.hpp"

#include "media/decoder.hpp"

namespace triad::playback {

DecoderStepper::DecoderStepper(std::unique_ptr<media::VideoDecoder> decoder) : decoder_(std::move(decoder)) {}
DecoderStepper::~DecoderStepper() = default;

Result<std::unique_ptr<DecoderStepper>> DecoderStepper::open(const std::filesystem::path& path, int threads) {
  media::DecoderOptions o;
  o.threads = threads;
  o.seek_framedrop = false;  // the first step re-anchors with a seek that keeps the whole GOP
  auto d = media::VideoDecoder::open(path, o);
  if (!d) return d.error();
  return std::unique_ptr<DecoderStepper>(new DecoderStepper(std::move(d.value())));
}

Result<SteppedFrame> DecoderStepper::step(TimeUs from_us, int direction) {
  // Re-anchor only when the player moved elsewhere (played or seeked) since the last step;
  // otherwise the decoder's current frame is already the one on screen and its cache is warm.
  if (!decoder_->has_current() || decoder_->current().pts_us != from_us) {
    auto at = decoder_->seek(from_us);
    if (!at) return at.error();
  }
  auto f = direction > 0 ? decoder_->next_frame() : decoder_->prev_frame();
  if (!f) return f.error();
  SteppedFrame out;
  out.pts_us = f->pts_us;
  out.frame = std::make_shared<const media::VideoFrame>(std::move(f.value()));
  return out;
}

Result<SteppedFrame> DecoderStepper::frame_at(TimeUs t_us) {
  // The decoder's exact seek answers from its cached run when it covers t, and otherwise
  // decodes the GOP before the run and joins it, so going backwards stays cheap.
  auto f = decoder_->seek(t_us);
  if (!f) return f.error();
  SteppedFrame out;
  out.pts_us = f->pts_us;
  out.frame = std::make_shared<const media::VideoFrame>(std::move(f.value()));
  return out;
}

}  // namespace triad::playback
