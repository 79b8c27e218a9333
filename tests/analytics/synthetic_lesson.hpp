#pragma once
// Synthetic lessons for the talk analysis, built at test time from espeak-ng voices and
// sox (never committed): a teacher in a low male voice, pupils in higher voices, known
// timing, optional noise, a teacher microphone track, overlapping speech, long silences.
// The truth (who talks when, the waits) is known from the pieces' measured lengths.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/time.hpp"

namespace triad::test {

// True when espeak-ng and sox are on PATH.
bool have_voice_tools();

enum class Who { Teacher, Pupil };

struct Line {
  Who who = Who::Teacher;
  int voice = 0;             // pupils: 0..2 (three different children)
  std::string text;
  double pause_after_s = 0;  // silence after this line (negative: the next line overlaps by that much)
  bool question = false;     // marked as a question by an observer
};

struct LessonTruth {
  TimeUs duration_us = 0;
  TimeUs teacher_us = 0, pupil_us = 0;  // overlaps count for both
  struct Question {
    TimeUs asked_at_us = 0;  // start of the teacher's line
    TimeUs ended_us = 0;     // end of it
    TimeUs wait_us = 0;      // silence until the next voice
  };
  std::vector<Question> questions;
};

struct LessonAudio {
  std::filesystem::path room;                        // what one room microphone hears
  std::optional<std::filesystem::path> teacher_mic;  // the teacher's own microphone
  LessonTruth truth;
};

struct LessonOptions {
  double noise_db = -90;          // pink noise level (dBFS) added to the room (and the mic, 15 dB lower)
  bool teacher_mic = false;       // also write a teacher-microphone track (pupils leak in 30 dB down)
  double lead_in_s = 0.5;
};

// Builds `lines` into WAV files in `dir` (16 kHz mono). Returns nullopt when a tool failed.
std::optional<LessonAudio> build_lesson(const std::filesystem::path& dir, const std::vector<Line>& lines,
                                        const LessonOptions& options = {});

// A ~70 s lesson: six rounds of teacher question, a wait of 0.8..5 s, a pupil's answer, a
// short pause, teacher feedback; one 12 s silence (pupils writing).
std::vector<Line> standard_lesson();

}  // namespace triad::test
