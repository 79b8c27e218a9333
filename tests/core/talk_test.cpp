// The talk classifier on feature tracks written by hand: known speakers, known timing.
// (tests/app/talk_analysis_test.cpp runs the whole chain on synthetic voices.)
#include <gtest/gtest.h>

#include "core/talk.hpp"

using namespace triad;

namespace {

// Appends `seconds` of frames: a voice with this pitch (0 = silence) and spectral tilt.
void add(VoiceTrack& t, double seconds, float pitch, float tilt = 0, float level = -20) {
  const int n = static_cast<int>(seconds * 100 + 0.5);
  for (int i = 0; i < n; ++i) {
    VoiceFrame f;
    f.vad = pitch > 0;
    f.level_db = pitch > 0 ? level : -60;
    if (pitch > 0) {
      f.pitch_hz = pitch * (1.0f + 0.03f * static_cast<float>((i * 7) % 5 - 2));  // a little natural wobble
      f.has_mfcc = true;
      for (int k = 0; k < kMfccCoefficients; ++k) f.mfcc[static_cast<std::size_t>(k)] = tilt * static_cast<float>(k) + static_cast<float>(i % 3);
    }
    t.frames.push_back(f);
  }
}

}  // namespace

TEST(Talk_Classify, RoomVoicesClusteredTeacherIsDominant) {
  // Teacher (110 Hz) 6 s, waits 2 s, pupil (240 Hz) 2 s, 1 s, teacher 5 s, waits 3.5 s, pupil (300 Hz) 1.5 s.
  VoiceTrack room;
  add(room, 1.0, 0);
  add(room, 6.0, 110, -1);   // 1..7
  add(room, 2.0, 0);         // 7..9  wait I = 2.0
  add(room, 2.0, 240, 1);    // 9..11
  add(room, 1.0, 0);         // 11..12 wait II = 1.0
  add(room, 5.0, 110, -1);   // 12..17
  add(room, 3.5, 0);         // 17..20.5 wait I = 3.5
  add(room, 1.5, 300, 1.5);  // 20.5..22
  add(room, 2.0, 0);         // 22..24
  auto r = classify_talk(room, nullptr, {seconds_us(3), seconds_us(17)});
  EXPECT_EQ(r.duration_us, seconds_us(24));
  EXPECT_NEAR(to_seconds(r.teacher_us), 11.0, 0.05);
  EXPECT_NEAR(to_seconds(r.pupil_us), 3.5, 0.05);
  EXPECT_NEAR(to_seconds(r.silence_us), 9.5, 0.05);
  ASSERT_EQ(r.wait_times.size(), 2u);
  EXPECT_NEAR(to_seconds(r.wait_times[0].wait_us()), 2.0, 0.02);
  EXPECT_NEAR(to_seconds(r.wait_times[1].wait_us()), 3.5, 0.02);  // marked at 17 s, just after the question ended
  ASSERT_EQ(r.wait_times_after_answers.size(), 1u);
  EXPECT_NEAR(to_seconds(r.wait_times_after_answers[0].wait_us()), 1.0, 0.02);
  EXPECT_EQ(r.turns, 3);
  EXPECT_EQ(r.longest_teacher_monologue_us, seconds_us(6));
  EXPECT_EQ(r.longest_teacher_monologue_start_us, seconds_us(1));
  EXPECT_GT(r.confidence, 0.8);
}

TEST(Talk_Classify, TeacherMicDecidesAndLeakIsIgnored) {
  VoiceTrack room, mic;
  add(room, 4.0, 110);
  add(room, 1.0, 0);
  add(room, 3.0, 110);  // same pitch as the teacher: clustering could not tell, the mic can
  add(mic, 4.0, 110, 0, -10);
  add(mic, 1.0, 0);
  add(mic, 3.0, 110, 0, -38);  // the pupil leaking into the teacher's microphone, far quieter
  auto r = classify_talk(room, &mic, {});
  EXPECT_EQ(r.method, "teacher microphone");
  EXPECT_NEAR(to_seconds(r.teacher_us), 4.0, 0.05);
  EXPECT_NEAR(to_seconds(r.pupil_us), 3.0, 0.05);
  EXPECT_GT(r.confidence, 0.95);
}

TEST(Talk_Classify, SilenceOnlyAndQuestionsWithoutAnswer) {
  VoiceTrack room;
  add(room, 5.0, 0);
  auto r = classify_talk(room, nullptr, {seconds_us(1)});
  EXPECT_EQ(r.teacher_us, 0);
  EXPECT_EQ(r.silence_us, seconds_us(5));
  EXPECT_TRUE(r.wait_times.empty());
  EXPECT_EQ(r.confidence, 0);
}

TEST(Talk_Questions, KindOrTagMarksAQuestion) {
  Comment a, b, c, d;
  a.start_us = 5;
  a.kind = "question";
  b.start_us = 2;
  b.kind = "note";
  b.tags = {"questioning"};
  c.start_us = 9;
  c.kind = "note";
  d.start_us = 7;
  d.kind = "question";
  d.deleted = true;
  EXPECT_EQ(question_moments({a, b, c, d}), (std::vector<TimeUs>{2, 5}));
}
