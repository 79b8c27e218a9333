#pragma once
// Talk analysis of a session's sound: the use case behind `triad analyse`, the talk lane,
// the session panel's figures and the report. The expensive half (decode, voice features,
// who talks when) runs once per recording content and is cached in the library by
// fingerprint; the cheap half (shares, turns, wait times at the question moments the
// viewer may see) is recomputed every time. Headless; TalkJob runs it off the UI thread.
#include <atomic>
#include <functional>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>

#include "base/result.hpp"
#include "core/talk.hpp"
#include "media/progress.hpp"
#include "store/library.hpp"

namespace triad::app {

// Bumped whenever label_talk or the features change, so cached labels are recomputed.
constexpr int kTalkAlgorithmVersion = 2;  // 2: the teacher microphone's level from the louder of two groups

struct TalkSources {
  std::filesystem::path room;                 // the room sound: the session clock's recording (not a teacher mic)
  std::string room_fingerprint;
  std::string room_label;                     // "Front (front.mp4)", for saying what was read
  std::optional<std::filesystem::path> teacher_mic;  // the teacher's own microphone, when there is one
  std::string mic_fingerprint;
  std::string mic_label;
  // Where both lie on the session clock (core/recording_clock.hpp): offset and drift of
  // each. The microphone is read at the media time that shows the same session moment.
  TimeUs room_offset_us = 0, mic_offset_us = 0;
  std::int64_t room_drift_ppb = 0, mic_drift_ppb = 0;
  std::string cache_key() const;
  // One plain phrase: "teacher talk from the teacher microphone Lapel (lapel.wav), pupil talk
  // from the room sound Front (front.mp4)" or "the room sound Front (front.mp4) alone".
  std::string describe() const;
};

// The session's sources: the room sound is the session clock's recording (or, when that is
// the teacher's microphone, the first other one); the teacher microphone is the session's
// recording of role teacher-mic (`triad recording add --role teacher-mic`), placed by its
// offset and drift, or `teacher_mic_override` (e.g. `triad analyse --teacher-mic FILE`, taken
// as starting with the room). Fingerprints the files (cheap: a few MiB read).
Result<TalkSources> talk_sources(store::Library& lib, RowId session_id,
                                 const std::optional<std::filesystem::path>& teacher_mic_override = std::nullopt);

// The expensive half, no library: decode both sources, features, labels. progress gets
// 0..1 over the whole job; returning false cancels (an Error "... was cancelled").
Result<TalkLabels> compute_talk_labels(const TalkSources& sources, const media::ProgressFn& progress = {});

// Labels as cached (run-length encoded) and back.
std::string labels_to_json(const TalkLabels& labels);
std::optional<TalkLabels> labels_from_json(const std::string& text);

struct TalkRun {
  TalkAnalysis analysis;
  bool from_cache = false;
  std::string source;  // TalkSources::describe()
};
struct TalkRunOptions {
  std::optional<std::filesystem::path> teacher_mic;  // overrides the session's teacher-mic recording
  bool use_cache = true;
  media::ProgressFn progress;
};
// The whole use case: sources, cached or computed labels, then the summary at the
// question moments `viewer_id` may see.
Result<TalkRun> analyse_session_talk(store::Library& lib, RowId session_id, RowId viewer_id,
                                     const TalkRunOptions& options = {});

// teacher_talk_s, pupil_talk_s, silence_s (+ shares), wait_times [{at_us, wait_s}],
// wait_times_after_answers, turns, longest_teacher_monologue_s, method, confidence...
nlohmann::json talk_json(const TalkAnalysis& analysis);

// Cached labels for `sources`, or nullopt (nothing cached / no such table entry).
std::optional<TalkLabels> cached_talk_labels(store::Library& lib, const TalkSources& sources);
Status cache_talk_labels(store::Library& lib, const TalkSources& sources, const TalkLabels& labels);

// The session's talk as last analysed, read from the cache only (never decodes sound): for
// the report, the meeting and the session panel. nullopt when the lesson has not been
// analysed on its current recordings (or they cannot be read).
struct CachedTalk {
  TalkLabels labels;
  std::string source;  // TalkSources::describe()
};
std::optional<CachedTalk> cached_session_talk(store::Library& lib, RowId session_id);
// The same, summarised at the question moments of `visible` (the comments the viewer sees).
std::optional<TalkAnalysis> cached_session_analysis(store::Library& lib, RowId session_id,
                                                    const std::vector<Comment>& visible);

// compute_talk_labels on a worker thread (lowest priority) for the window: poll fraction()
// and done(), then take(). Cancelled and joined by the destructor.
class TalkJob {
 public:
  // The work the job runs: compute_talk_labels, or a stand-in (tests).
  using Work = std::function<Result<TalkLabels>(const TalkSources&, const media::ProgressFn&)>;
  explicit TalkJob(TalkSources sources, Work work = {});
  ~TalkJob();
  TalkJob(const TalkJob&) = delete;
  TalkJob& operator=(const TalkJob&) = delete;
  double fraction() const { return fraction_.load(); }
  bool done() const { return done_.load(); }
  void cancel() { cancel_ = true; }
  // The result once done (once); nullopt before.
  std::optional<Result<TalkLabels>> take();
  const TalkSources& sources() const { return sources_; }

 private:
  TalkSources sources_;
  std::atomic<double> fraction_{0};
  std::atomic<bool> cancel_{false};
  std::atomic<bool> done_{false};
  std::mutex mutex_;
  std::optional<Result<TalkLabels>> result_;  // guarded by mutex_
  std::thread worker_;
};

}  // namespace triad::app
