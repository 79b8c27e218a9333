// The talk analysis on synthetic lessons with known truth: talk shares within 5
// percentage points, wait time after each marked question within 0.3 s.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <chrono>
#include <thread>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include "../app/fake_media.hpp"
#include "app/recordings.hpp"
#include "app/talk_analysis.hpp"
#include "app/workstation.hpp"
#include "store/library.hpp"
#include "store/workflow.hpp"
#include "synthetic_lesson.hpp"

using namespace triad;
namespace fs = std::filesystem;

namespace {

fs::path temp_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("triad_talk_" + std::to_string(::getpid())) / name;
  fs::create_directories(d);
  return d;
}

// A library holding one session with the lesson as its recording and a question comment at
// each question (at its start or just after its end, as observers do).
struct LessonLibrary {
  store::Library lib;
  Session session;
  Person observer;
};

LessonLibrary make_library(const test::LessonAudio& audio) {
  auto lib = store::Library::open_memory();
  EXPECT_TRUE(lib.ok());
  LessonLibrary l{std::move(*lib), {}, {}};
  auto me = l.lib.me();
  l.observer = *me;
  Session s;
  s.title = "Synthetic lesson";
  s.date = "2026-03-14";
  l.session = *l.lib.add_session(s);
  Recording r;
  r.session_id = l.session.id;
  r.path = audio.room.string();
  r.fingerprint = "synthetic";
  r.duration_us = audio.truth.duration_us;
  EXPECT_TRUE(l.lib.add_recording(r).ok());
  int i = 0;
  for (const auto& q : audio.truth.questions) {
    Comment c;
    c.session_id = l.session.id;
    c.author_id = l.observer.id;
    // Alternate: marked while the question is asked, or a second after it ended.
    c.start_us = (i++ % 2 == 0) ? q.asked_at_us + 500'000 : q.ended_us + 1'000'000;
    c.kind = "question";
    c.text = "question";
    auto added = l.lib.add_comment(c);
    EXPECT_TRUE(added.ok()) << (added.ok() ? "" : added.error().message);
  }
  return l;
}

void expect_matches_truth(const TalkAnalysis& a, const test::LessonTruth& t, const std::string& what) {
  const double d = to_seconds(t.duration_us);
  const double teacher_true = to_seconds(t.teacher_us) / d, pupil_true = to_seconds(t.pupil_us) / d;
  std::printf("[%s] teacher %.1f%% (truth %.1f%%), pupil %.1f%% (truth %.1f%%), confidence %.2f: %s\n", what.c_str(),
              a.teacher_share * 100, teacher_true * 100, a.pupil_share * 100, pupil_true * 100, a.confidence,
              a.confidence_note.c_str());
  EXPECT_NEAR(a.teacher_share, teacher_true, 0.05) << what;
  EXPECT_NEAR(a.pupil_share, pupil_true, 0.05) << what;
  ASSERT_EQ(a.wait_times.size(), t.questions.size()) << what;
  for (std::size_t i = 0; i < t.questions.size(); ++i) {
    const double got = to_seconds(a.wait_times[i].wait_us()), want = to_seconds(t.questions[i].wait_us);
    std::printf("[%s]   question %zu: wait %.2f s (truth %.2f s)\n", what.c_str(), i + 1, got, want);
    EXPECT_NEAR(got, want, 0.3) << what << ", question " << i + 1;
  }
}

}  // namespace

class TalkLesson : public ::testing::TestWithParam<double> {};

TEST_P(TalkLesson, SharesAndWaitTimesMatchTheTruth) {
  if (!test::have_voice_tools()) GTEST_SKIP() << "espeak-ng / sox not installed";
  const double noise = GetParam();
  test::LessonOptions o;
  o.noise_db = noise;
  auto audio = test::build_lesson(temp_dir("noise" + std::to_string(static_cast<int>(-noise))), test::standard_lesson(), o);
  ASSERT_TRUE(audio) << "building the synthetic lesson failed";
  auto l = make_library(*audio);
  auto run = app::analyse_session_talk(l.lib, l.session.id, l.observer.id);
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_FALSE(run->from_cache);
  EXPECT_EQ(run->analysis.method, "one room microphone (voices clustered)");
  expect_matches_truth(run->analysis, audio->truth, "room mic, noise " + std::to_string(static_cast<int>(noise)) + " dBFS");
}

// Quiet room and a noisy one (speech peaks at -3 dBFS, -6 dB in the mix; pink noise).
INSTANTIATE_TEST_SUITE_P(NoiseLevels, TalkLesson, ::testing::Values(-90.0, -40.0));
// Known limit: at -28 dBFS pink noise (about 8 dB SNR) shares still hold (41.7% vs 44.3%
// teacher) but a noise burst is taken for a voice in one wait (0.64 s measured, 1.20 s true).
// Kept, disabled, so the limit stays visible: run with --gtest_also_run_disabled_tests.
INSTANTIATE_TEST_SUITE_P(DISABLED_VeryNoisy, TalkLesson, ::testing::Values(-28.0));

TEST(TalkAnalysis, TeacherMicrophoneDecidesWhoIsTeacher) {
  if (!test::have_voice_tools()) GTEST_SKIP() << "espeak-ng / sox not installed";
  test::LessonOptions o;
  o.teacher_mic = true;
  o.noise_db = -45;
  auto audio = test::build_lesson(temp_dir("mic"), test::standard_lesson(), o);
  ASSERT_TRUE(audio && audio->teacher_mic);
  auto l = make_library(*audio);
  app::TalkRunOptions ro;
  ro.teacher_mic = *audio->teacher_mic;
  auto run = app::analyse_session_talk(l.lib, l.session.id, l.observer.id, ro);
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->analysis.method, "teacher microphone");
  expect_matches_truth(run->analysis, audio->truth, "teacher mic");
}

TEST(TalkAnalysis, OverlappingSpeechAndLongSilences) {
  if (!test::have_voice_tools()) GTEST_SKIP() << "espeak-ng / sox not installed";
  using test::Line;
  using test::Who;
  // A pupil talks over the end of the teacher's sentence; two long silences (group work).
  std::vector<Line> lines{
      {Who::Teacher, 0, "Let us begin by reading the poem together, slowly and carefully.", 20.0, false},
      {Who::Teacher, 0, "What do you think the poet means by the silent river?", 2.2, true},
      {Who::Pupil, 1, "Maybe that the river is frozen in winter.", -0.6, false},
      {Who::Teacher, 0, "Frozen, yes, a lovely idea.", 25.0, false},
      {Who::Teacher, 0, "Talk to your partner. How does the poem make you feel?", 3.1, true},
      {Who::Pupil, 0, "It makes me feel calm and a little bit sad.", 0.9, false},
      {Who::Teacher, 0, "Calm and sad together. Good.", 1.0, false},
  };
  auto audio = test::build_lesson(temp_dir("overlap"), lines, {.noise_db = -50});
  ASSERT_TRUE(audio);
  auto l = make_library(*audio);
  auto run = app::analyse_session_talk(l.lib, l.session.id, l.observer.id);
  ASSERT_TRUE(run.ok()) << run.error().message;
  expect_matches_truth(run->analysis, audio->truth, "overlap and long silences");
  EXPECT_GT(run->analysis.silence_share, 0.4);
}

TEST(TalkAnalysis, SecondRunComesFromTheCache) {
  if (!test::have_voice_tools()) GTEST_SKIP() << "espeak-ng / sox not installed";
  std::vector<test::Line> lines{
      {test::Who::Teacher, 0, "Let us count the apples in the basket together, slowly.", 0.6, false},
      {test::Who::Teacher, 0, "How many apples are there altogether?", 1.5, true},
      {test::Who::Pupil, 0, "It is seven.", 1.0, false}};
  auto audio = test::build_lesson(temp_dir("cache"), lines);
  ASSERT_TRUE(audio);
  auto l = make_library(*audio);
  auto first = app::analyse_session_talk(l.lib, l.session.id, l.observer.id);
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = app::analyse_session_talk(l.lib, l.session.id, l.observer.id);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(first->from_cache);
  EXPECT_TRUE(second->from_cache);
  EXPECT_EQ(first->analysis.teacher_us, second->analysis.teacher_us);
  EXPECT_EQ(first->analysis.frame_speaker, second->analysis.frame_speaker);
  // The JSON the CLI prints carries the contract's fields.
  auto j = app::talk_json(second->analysis);
  for (const char* k : {"teacher_talk_s", "pupil_talk_s", "silence_s", "wait_times"}) EXPECT_TRUE(j.contains(k)) << k;
  ASSERT_EQ(j["wait_times"].size(), 1u);
  EXPECT_TRUE(j["wait_times"][0].contains("at_us"));
  EXPECT_TRUE(j["wait_times"][0].contains("wait_s"));
}

TEST(TalkAnalysis, JobReportsProgressAndCancels) {
  if (!test::have_voice_tools()) GTEST_SKIP() << "espeak-ng / sox not installed";
  auto audio = test::build_lesson(temp_dir("job"), test::standard_lesson());
  ASSERT_TRUE(audio);
  app::TalkSources s;
  s.room = audio->room;
  {
    app::TalkJob job(s);
    while (!job.done()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto r = job.take();
    ASSERT_TRUE(r && r->ok());
    EXPECT_DOUBLE_EQ(job.fraction(), 1.0);
    EXPECT_FALSE((*r)->frame_speaker.empty());
  }
  app::TalkJob cancelled(s);
  cancelled.cancel();
  while (!cancelled.done()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto r = cancelled.take();
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->ok());  // cancelled at its first progress step
}

// The window's side (app/analytics_view through the Workstation, as triad-studio's `T`
// key runs it): `analyse` returns at once with the job running in the background, each
// frame's update() takes the result when it is done and caches it, and the next window
// shows it from the cache at once.
TEST(TalkAnalysis, WindowRunsItInTheBackgroundAndTheNextStartReadsTheCache) {
  if (!test::have_voice_tools()) GTEST_SKIP() << "espeak-ng / sox not installed";
  auto audio = test::build_lesson(temp_dir("window"), test::standard_lesson());
  ASSERT_TRUE(audio);
  auto l = make_library(*audio);
  test::FakeMedia media;
  TalkAnalysis first;
  {
    app::Workstation ws(l.lib, media);
    ASSERT_TRUE(ws.execute("session " + std::to_string(l.session.id)).ok());
    auto r = ws.execute("analyse");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->message, "Analysing the lesson's talk: the room sound " + audio->room.filename().string() +
                              " alone (voices clustered)...");
    const auto& an = ws.analytics();
    EXPECT_TRUE(an.talk_running()) << "the command must not wait for the analysis";
    EXPECT_FALSE(an.talk());
    EXPECT_TRUE(an.window_open());
    const auto until = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    while (an.talk_running() && std::chrono::steady_clock::now() < until) {
      ws.update();  // one UI frame
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_FALSE(an.talk_running());
    ASSERT_TRUE(an.talk()) << an.talk_error();
    first = *an.talk();
    EXPECT_EQ(first.wait_times.size(), audio->truth.questions.size());
    EXPECT_EQ(an.questions().size(), audio->truth.questions.size());
  }
  app::Workstation again(l.lib, media);
  ASSERT_TRUE(again.execute("session " + std::to_string(l.session.id)).ok());
  auto r = again.execute("analyse");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->message, "Talk analysis (cached): the room sound " + audio->room.filename().string() +
                            " alone (voices clustered).");
  EXPECT_FALSE(again.analytics().talk_running());
  ASSERT_TRUE(again.analytics().talk());
  EXPECT_EQ(again.analytics().talk()->teacher_us, first.teacher_us);
  EXPECT_EQ(again.analytics().talk()->frame_speaker, first.frame_speaker);
}

// A lesson the room microphone alone misreads: one pupil explains at length while the
// teacher only prompts, so the dominant, consistent voice is the pupil's. With the
// teacher's lapel microphone added to the session as a recording of role teacher-mic
// (started 1.5 s after the room camera and placed by that offset), the analysis reads the
// teacher from it on its own (nothing passed), says so, and gets the shares and waits right.
TEST(TalkAnalysis, TeacherMicRecordingIsPickedUpAndPlacedByItsOffset) {
  if (!test::have_voice_tools()) GTEST_SKIP() << "espeak-ng / sox not installed";
  using test::Line;
  using test::Who;
  const std::vector<Line> lines = {
      {Who::Teacher, 0, "Why?", 2.0, true},
      {Who::Pupil, 0, "Because the leaves catch the sunlight and the plant uses that energy to turn water and carbon "
                      "dioxide from the air into sugar, and it keeps the sugar in its roots for later.", 0.8, false},
      {Who::Teacher, 0, "And then?", 3.5, true},
      {Who::Pupil, 0, "Then at night there is no light, so the plant stops making sugar, but it still breathes, so it "
                      "uses some of the sugar it stored during the day, just like we use our food.", 0.9, false},
      {Who::Teacher, 0, "Tell me more.", 1.2, true},
      {Who::Pupil, 0, "In spring the seeds need water and warmth before they can grow their first leaves, because "
                      "until then they live on the food packed inside the seed.", 1.0, false},
  };
  test::LessonOptions o;
  o.teacher_mic = true;
  o.noise_db = -45;
  o.lead_in_s = 2.5;  // the microphone, started 1.5 s late, still hears the first question
  const fs::path dir = temp_dir("lapel");
  auto audio = test::build_lesson(dir, lines, o);
  ASSERT_TRUE(audio && audio->teacher_mic);
  const fs::path lapel = dir / "lapel.wav";
  ASSERT_EQ(std::system(("sox \"" + audio->teacher_mic->string() + "\" \"" + lapel.string() + "\" trim 1.5").c_str()), 0);
  auto l = make_library(*audio);

  auto room_only = app::analyse_session_talk(l.lib, l.session.id, l.observer.id);
  ASSERT_TRUE(room_only.ok()) << room_only.error().message;
  EXPECT_EQ(room_only->analysis.method, "one room microphone (voices clustered)");
  const double teacher_true = to_seconds(audio->truth.teacher_us) / to_seconds(audio->truth.duration_us);
  std::printf("[room only] teacher %.1f%% (truth %.1f%%)\n", room_only->analysis.teacher_share * 100, teacher_true * 100);
  EXPECT_GT(std::abs(room_only->analysis.teacher_share - teacher_true), 0.10) << "the room alone should misread this lesson";

  auto mic = app::add_recording(l.lib, l.session.id, {lapel.string(), "Lapel", RecordingRole::TeacherMic});
  ASSERT_TRUE(mic.ok()) << mic.error().message;
  ASSERT_TRUE(app::set_recording_offset(l.lib, l.session.id, mic->id, 1'500'000).ok());
  auto with_mic = app::analyse_session_talk(l.lib, l.session.id, l.observer.id);
  ASSERT_TRUE(with_mic.ok()) << with_mic.error().message;
  EXPECT_FALSE(with_mic->from_cache) << "a new source is a new analysis";
  EXPECT_EQ(with_mic->analysis.method, "teacher microphone");
  EXPECT_EQ(with_mic->source, "teacher talk from the teacher microphone Lapel (lapel.wav), pupil talk from the room sound " +
                                  audio->room.filename().string());
  expect_matches_truth(with_mic->analysis, audio->truth, "teacher-mic recording, 1.5 s offset");
  EXPECT_GT(std::abs(with_mic->analysis.teacher_share - room_only->analysis.teacher_share), 0.10);
}
