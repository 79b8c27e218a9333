// Clip export policy over media::cut_clip; see clip.hpp.
#include "exchange/clip.hpp"

#include <system_error>

#include "media/clip_cut.hpp"

namespace triad::exchange {

Result<ClipResult> write_clip(const std::filesystem::path& input, const std::vector<ClipSegment>& segments,
                              const std::filesystem::path& output, const ClipOptions& options) {
  if (segments.empty()) return make_error("No clip segment was given.");
  const std::string name = "Cannot make the clip '" + output.filename().string() + "' from '" + input.filename().string() + "': ";
  for (const auto& s : segments)
    if (s.start_us < 0 || s.end_us <= s.start_us) return make_error(name + "a clip segment ends before it starts.");
  std::error_code ec;
  if (std::filesystem::equivalent(input, output, ec))
    return make_error(name + "the clip would overwrite its own recording.");

  std::vector<media::CutSegment> parts;
  parts.reserve(segments.size());
  for (const auto& s : segments) parts.push_back({s.start_us, s.end_us, s.text});
  media::CutOptions cut;
  cut.subtitle = options.subtitle;
  cut.burn_in = options.burn_in;
  cut.crf = options.crf;
  cut.progress = options.progress;
  cut.sound = options.sound;
  auto done = media::cut_clip(input, parts, output, cut);
  if (!done) return done.error();
  ClipResult r;
  r.duration_us = done->duration_us;
  r.video_frames = done->video_frames;
  r.has_audio = done->has_audio;
  r.video_copied = done->video_copied;
  r.reencode_reason = done->reencode_reason;
  return r;
}

}  // namespace triad::exchange
