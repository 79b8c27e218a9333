#pragma once
// Talk analysis, the pure half: from per-frame voice features of a lesson's sound (made
// by media/voice_features.hpp) to who talked when, turn-taking and wait time. No I/O.
//
// Who is talking:
//  - with a teacher microphone, a frame is the teacher's when that microphone hears
//    speech at its own speaking level (pupils leak into it far quieter); any other voiced
//    frame of the room sound is pupil talk;
//  - with one room microphone, speech is cut into short chunks, each described by its
//    pitch (log2 Hz) and spectral shape (MFCC 1..12), the chunks are split into two voices
//    by k-means, and the teacher is the dominant, consistent voice: the cluster with the
//    most talk, divided by (1 + its pitch spread). `confidence` says how far apart the two
//    voices are (pitch d' mapped to 0..1) — close to 0 means "probably one voice".
//
// Wait time (Rowe 1974/1986): wait time I is, for each moment marked as a question, the
// silence between the end of the teacher's utterance and the next voice (anyone);
// wait time II is the silence after a pupil's utterance before the teacher speaks.
//
//   auto t = classify_talk(room, teacher_mic_or_null, question_moments(comments));
//   t.teacher_us, t.wait_times[i].wait_us ...
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/time.hpp"
#include "core/model.hpp"

namespace triad {

constexpr int kMfccCoefficients = 13;

// One analysis frame (10 ms by default) of one microphone.
struct VoiceFrame {
  bool vad = false;        // the voice activity detector's decision
  float level_db = -120;   // RMS level, dB full scale
  float pitch_hz = 0;      // 0 = no pitch measured here (unvoiced, or not sampled)
  bool has_mfcc = false;   // features are sampled on voiced frames only
  std::array<float, kMfccCoefficients> mfcc{};
};

struct VoiceTrack {
  TimeUs frame_us = 10'000;
  std::vector<VoiceFrame> frames;  // frame i covers [i*frame_us, (i+1)*frame_us) of media time
  TimeUs duration() const { return static_cast<TimeUs>(frames.size()) * frame_us; }
};

enum class Speaker : std::uint8_t { Silence = 0, Teacher = 1, Pupil = 2 };
const char* to_string(Speaker s);  // "silence", "teacher", "pupil"

struct TalkSpan {
  TimeUs start_us = 0;
  TimeUs end_us = 0;
  Speaker who = Speaker::Silence;
};

struct WaitTime {
  TimeUs at_us = 0;         // the question moment (I) or the end of the pupil's answer (II)
  TimeUs from_us = 0;       // end of the utterance
  TimeUs to_us = 0;         // start of the next voice
  TimeUs wait_us() const { return to_us - from_us; }
};

struct TalkOptions {
  TimeUs min_speech_us = 120'000;  // voiced runs shorter than this are noise (half of it before bridging)
  TimeUs fill_gap_us = 250'000;    // speech gaps shorter than this are bridged (between words)
  TimeUs same_speaker_gap_us = 600'000;  // a pause this short between two runs of one speaker is their talk
  TimeUs utterance_gap_us = 500'000;  // a silence this long ends an utterance
  TimeUs chunk_us = 400'000;       // clustering unit
  TimeUs question_reach_us = 3'000'000;  // a question mark may sit this far after the question
  float noise_margin_db = 6;       // a voiced frame must be this much above the noise floor
  float teacher_mic_drop_db = 15;  // teacher-mic frames this far below its speech level are leak
};

struct TalkAnalysis {
  TimeUs duration_us = 0;
  TimeUs teacher_us = 0, pupil_us = 0, silence_us = 0;
  double teacher_share = 0, pupil_share = 0, silence_share = 0;  // of the duration, 0..1
  std::vector<TalkSpan> spans;      // teacher and pupil runs, in time order (silence left out)
  int turns = 0;                    // changes of speaker between consecutive utterances
  TimeUs longest_teacher_monologue_us = 0;
  TimeUs longest_teacher_monologue_start_us = 0;
  std::string method;               // "teacher microphone" or "one room microphone (voices clustered)"
  double confidence = 0;            // 0..1, see above
  std::string confidence_note;      // one plain sentence
  std::vector<WaitTime> wait_times;               // Rowe I, one per question moment that has one
  std::vector<WaitTime> wait_times_after_answers; // Rowe II
  std::vector<Speaker> frame_speaker;  // per frame (of frame_us), for drawing a lane
  TimeUs frame_us = 10'000;
};

// The moments marked as questions: comments of kind "question", or tagged "questioning"
// (top-level, not deleted), by time.
std::vector<TimeUs> question_moments(const std::vector<Comment>& comments);

// Who talks in each frame: the expensive, cacheable half (it does not depend on comments).
struct TalkLabels {
  TimeUs frame_us = 10'000;
  std::vector<Speaker> frame_speaker;
  std::string method;
  double confidence = 0;
  std::string confidence_note;
};

// teacher_mic may be null. When given it must share the room track's frame length; frame i
// of both is the same moment (apply sync offsets before).
TalkLabels label_talk(const VoiceTrack& room, const VoiceTrack* teacher_mic, const TalkOptions& options = {});

// Shares, turns, the longest monologue and wait times from the labels.
TalkAnalysis summarise_talk(const TalkLabels& labels, const std::vector<TimeUs>& questions,
                            const TalkOptions& options = {});

// label_talk then summarise_talk.
TalkAnalysis classify_talk(const VoiceTrack& room, const VoiceTrack* teacher_mic,
                           const std::vector<TimeUs>& questions, const TalkOptions& options = {});

// Mean and median of the waits (nullopt when there are none).
std::optional<TimeUs> mean_wait_us(const std::vector<WaitTime>& waits);
std::optional<TimeUs> median_wait_us(const std::vector<WaitTime>& waits);
// The waits of at least `at_least_us` (Rowe: 3 s and more changes what pupils say), by time.
std::vector<WaitTime> long_waits(const std::vector<WaitTime>& waits, TimeUs at_least_us = 3'000'000);

// One plain line for the meeting, the session panel and the report:
//   "Teacher talk 62% (3:05), pupil talk 21% (1:02), silence 17%; wait time after 6 questions:
//    mean 1.8 s, median 1.5 s, 2 of 3 s or more."
// ("no question marked, so no wait time" when there are none).
std::string talk_summary_line(const TalkAnalysis& a);

// Seconds with a decimal point, for JSON and the lines: µs / 1e6.
inline double to_seconds(TimeUs t) { return static_cast<double>(t) / 1e6; }

}  // namespace triad
