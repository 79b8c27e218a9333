#pragma once
// Aligning a session's recordings by their sound (media/sound_align.hpp) onto the session
// clock, storing offset and drift only when the sound matches. align_recording() is the
// use case (CLI and tests call it on their thread); AlignJob runs it for the window in the
// background with progress and cancel, and the UI thread polls it.
#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "base/result.hpp"
#include "core/model.hpp"
#include "media/progress.hpp"
#include "media/sound_align.hpp"
#include "store/library.hpp"

namespace triad::app {

struct AlignOutcome {
  Recording recording;            // as stored after alignment
  media::SoundAlignment sound;    // against the session clock's own time
};

// Aligns recording `recording_id` of the session to its session clock by sound and stores
// the offset and drift. Refused (kFailed, one sentence, nothing stored) when the sound does
// not match, overlaps too little or is silent; the clock itself cannot be aligned.
Result<AlignOutcome> align_recording(store::Library& lib, RowId session_id, RowId recording_id,
                                     const media::ProgressFn& progress = {});

// Stores an outcome (align_to_clock, or an AlignJob's) on the recording as it is now in the
// library: only its offset and drift change (a label edited meanwhile stays).
Result<Recording> store_alignment(store::Library& lib, RowId session_id, const AlignOutcome& outcome);

// "Pupil table is aligned: it starts at 00:00:03.200 of the session, its clock drifts -100.0 ppm
// (confidence 17.5; 9 of 9 points agree within 0.1 ms)." `name` is how the window calls it.
std::string alignment_sentence(const std::string& name, const AlignOutcome& outcome);

// The same analysis without the store: where `other` lies on `clock`'s session time.
// Returns `other` with offset and drift set.
Result<AlignOutcome> align_to_clock(const Recording& clock, const Recording& other, const media::ProgressFn& progress = {});

// align_to_clock on a background thread (lowest priority). The library is not touched from
// the worker: the UI thread stores the outcome it takes (so a cancelled or refused job leaves
// the library as it was).
class AlignJob {
 public:
  // The work the job runs: align_to_clock, or a stand-in (tests).
  using Work = std::function<Result<AlignOutcome>(const Recording&, const Recording&, const media::ProgressFn&)>;
  AlignJob(Recording clock, Recording other, Work work = {});
  ~AlignJob();  // cancels and joins
  AlignJob(const AlignJob&) = delete;
  AlignJob& operator=(const AlignJob&) = delete;

  double fraction() const { return fraction_.load(); }
  bool done() const { return done_.load(); }
  void cancel() { cancel_ = true; }
  bool cancelled() const { return cancel_.load(); }
  // Once done(): the outcome or the sentence saying why not (or "cancelled").
  std::optional<Result<AlignOutcome>> take_result();

 private:
  Recording clock_, other_;
  std::atomic<double> fraction_{0};
  std::atomic<bool> cancel_{false};
  std::atomic<bool> done_{false};
  std::mutex mutex_;
  std::optional<Result<AlignOutcome>> result_;  // guarded by mutex_
  std::thread worker_;
};

}  // namespace triad::app
