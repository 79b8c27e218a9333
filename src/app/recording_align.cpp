// Alignment of a session's recordings by sound; see recording_align.hpp.
#include "app/recording_align.hpp"

#include <cmath>
#include <cstdio>

#include "app/background_priority.hpp"
#include "base/time.hpp"
#include "base/worker_guard.hpp"
#include "app/recordings.hpp"
#include "core/recording_clock.hpp"

namespace triad::app {

Result<AlignOutcome> align_to_clock(const Recording& clock, const Recording& other, const media::ProgressFn& progress) {
  if (clock.id == other.id && clock.id != 0)
    return make_error("Recording " + std::to_string(other.id) + " is the session clock: the others are aligned to it.");
  media::SoundAlignOptions opt;
  opt.progress = progress;
  // The loudness track comes with the waveform (its cache): a recording whose waveform the
  // window has drawn is not decoded again, and aligning leaves the waveform ready.
  opt.use_cache = true;
  auto found = media::align_sound_files(clock.path, other.path, opt);
  if (!found) return found.error();
  // The analysis places `other` on the clock recording's own time; session time is that
  // recording's mapping of it (normally the identity). Two points fix offset and rate.
  const TimeUs span = other.duration_us > 0 ? other.duration_us : TimeUs{3600} * 1000000;
  auto on_clock = [&](TimeUs t) {
    const long double clock_t = static_cast<long double>(found->offset_us) +
                                static_cast<long double>(t) * 1e9L / (1e9L + static_cast<long double>(found->drift_ppb));
    return session_time_of(clock, static_cast<TimeUs>(std::llround(clock_t)));
  };
  const TimeUs s0 = on_clock(0), s1 = on_clock(span);
  AlignOutcome out;
  out.sound = *found;
  out.recording = other;
  out.recording.sync_offset_us = s0;
  out.recording.drift_ppb =
      s1 > s0 ? static_cast<std::int64_t>(std::llround(1e9L * span / static_cast<long double>(s1 - s0) - 1e9L)) : 0;
  return out;
}

Result<AlignOutcome> align_recording(store::Library& lib, RowId session_id, RowId recording_id,
                                     const media::ProgressFn& progress) {
  auto other = session_recording(lib, session_id, recording_id);
  if (!other) return other.error();
  auto recs = lib.recordings_for_session(session_id);
  if (!recs) return recs.error();
  const Recording* clock = session_clock(*recs);
  if (clock == nullptr) return make_error("The session has no recordings.");
  auto out = align_to_clock(*clock, *other, progress);
  if (!out) return out.error();
  auto stored = store_alignment(lib, session_id, *out);
  if (!stored) return stored.error();
  out->recording = *stored;
  return out;
}

Result<Recording> store_alignment(store::Library& lib, RowId session_id, const AlignOutcome& outcome) {
  auto now = session_recording(lib, session_id, outcome.recording.id);
  if (!now) return now.error();
  now->sync_offset_us = outcome.recording.sync_offset_us;
  now->drift_ppb = outcome.recording.drift_ppb;
  if (auto s = lib.update_recording(*now); !s) return s.error();
  return now;
}

std::string alignment_sentence(const std::string& name, const AlignOutcome& outcome) {
  char tail[160];
  std::snprintf(tail, sizeof tail, ", its clock drifts %+.1f ppm (confidence %.1f; %d of %d points agree within %.1f ms).",
                static_cast<double>(outcome.recording.drift_ppb) / 1000.0, outcome.sound.confidence,
                outcome.sound.points_used, outcome.sound.points_tried,
                static_cast<double>(outcome.sound.worst_residual_us) / 1000.0);
  return name + " is aligned by its sound: it starts at " + format_time(outcome.recording.sync_offset_us) +
         " of the session" + tail;
}

AlignJob::AlignJob(Recording clock, Recording other, Work work) : clock_(std::move(clock)), other_(std::move(other)) {
  if (!work) work = [](const Recording& c, const Recording& o, const media::ProgressFn& p) { return align_to_clock(c, o, p); };
  worker_ = std::thread([this, work = std::move(work)] {
    lower_this_thread_priority();
    Result<AlignOutcome> r = make_error("aligning was cancelled");
    auto guarded = run_guarded("aligning " + other_.path + " to " + clock_.path, [&] {
      r = work(clock_, other_, [this](double f) {
        fraction_ = f;
        return !cancel_.load();
      });
    });
    if (!guarded) r = guarded.error();
    {
      std::lock_guard lock(mutex_);
      result_ = std::move(r);
    }
    done_ = true;
  });
}

AlignJob::~AlignJob() {
  cancel_ = true;
  if (worker_.joinable()) worker_.join();
}

std::optional<Result<AlignOutcome>> AlignJob::take_result() {
  if (!done_) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto r = std::move(result_);
  result_.reset();
  return r;
}

}  // namespace triad::app
