#pragma once
// Short stretches of a recording's sound as one mono track at a low, fixed analysis rate
// (for the fine step of alignment by sound, media/sound_align.hpp): channels averaged,
// resampled with libswresample, and placed by the stream's timestamps so a gap in the file
// (a paused or dropped stretch) stays a gap of zeros. The file is opened once and each
// stretch is reached by a seek, so a few seconds at a few points along a long lesson cost
// a few seconds of decoding, not the whole track again.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "media/ffmpeg_ptr.hpp"
#include "media/open_input.hpp"

namespace triad::media {

class MonoSpanReader {
 public:
  // Errors: those of open_input; kCorrupt when there is no sound track.
  static Result<MonoSpanReader> open(const std::filesystem::path& path, int rate, const OpenOptions& open = {});

  // `count` samples at the analysis rate, sample i at media time from_us + i / rate; zeros
  // where the file has no sound. At most one hour per call. Errors: kCorrupt or kTimeout
  // for a file that cannot be read there.
  Result<std::vector<float>> read(TimeUs from_us, std::int64_t count);

  int rate() const { return rate_; }

 private:
  MonoSpanReader() = default;
  std::filesystem::path path_;
  OpenOptions open_;
  FormatContextPtr fmt_;
  CodecContextPtr dec_;
  int stream_ = -1;
  int rate_ = 0;
  TimeUs file_start_ = 0;
};

}  // namespace triad::media
