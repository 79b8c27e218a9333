// No exception leaves an app background job: the export, overview, talk analysis and
// alignment workers each turn one into their error state with a sentence naming the work.
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include "app/export_job.hpp"
#include "app/overview_job.hpp"
#include "app/recording_align.hpp"
#include "app/talk_analysis.hpp"
#include "base/worker_guard.hpp"

namespace triad::app {
namespace {

template <class Done>
void wait_for(Done&& done) {  // bounded wait for a worker, not a timing assert
  for (int i = 0; i < 1000 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

TEST(WorkerGuard, SentenceNamesTheWorkAndTheReason) {
  auto st = run_guarded("the report export", [] { throw std::runtime_error("disk said no."); });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message, "The report export stopped on an unexpected error: disk said no.");
  st = run_guarded("aligning a.mp4", [] { throw 42; });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message, "Aligning a.mp4 stopped on an unexpected error.");
  EXPECT_TRUE(run_guarded("nothing", [] {}).ok());
}

TEST(ExportJob_WorkerGuard, AThrowingExportEndsWithItsSentence) {
  auto job = ExportJob::custom("report", "/tmp/never-written.html",
                               [](ExportJob&) -> Status { throw std::runtime_error("out of memory for the page"); });
  job->wait();
  ASSERT_TRUE(job->done());
  auto r = job->result();
  ASSERT_TRUE(r.has_value());
  ASSERT_FALSE(r->ok());
  EXPECT_EQ(r->error().message, "The report export stopped on an unexpected error: out of memory for the page.");
}

TEST(OverviewJob_WorkerGuard, AThrowingStageEndsTheJobWithASentence) {
  OverviewJob job("/nonexistent/lesson.mp4", 4, 100, [](const std::string& stage) {
    if (stage == "Pictures") throw std::runtime_error("thumbnail scaler failed");
  });
  wait_for([&] { return job.done(); });
  ASSERT_TRUE(job.done());
  EXPECT_EQ(job.error(), "The overview of lesson.mp4 stopped on an unexpected error: thumbnail scaler failed.");
  EXPECT_TRUE(job.progress().empty());
}

TEST(OverviewJob_WorkerGuard, NoErrorWhenNothingThrows) {
  OverviewJob job("/nonexistent/lesson.mp4", 2, 10);
  wait_for([&] { return job.done(); });
  ASSERT_TRUE(job.done());
  EXPECT_EQ(job.error(), "");  // a file that cannot be read is not an exception
}

TEST(TalkJob_WorkerGuard, AThrowingAnalysisEndsWithASentence) {
  TalkSources src;
  src.room = "/lessons/room.mp4";
  TalkJob job(src, [](const TalkSources&, const media::ProgressFn&) -> Result<TalkLabels> {
    throw std::length_error("vector too long");
  });
  wait_for([&] { return job.done(); });
  auto r = job.take();
  ASSERT_TRUE(r.has_value());
  ASSERT_FALSE(r->ok());
  EXPECT_EQ(r->error().message,
            "The talk analysis of /lessons/room.mp4 stopped on an unexpected error: vector too long.");
}

TEST(AlignJob_WorkerGuard, AThrowingAlignmentEndsWithASentence) {
  Recording clock, other;
  clock.path = "front.mp4";
  other.path = "mic.wav";
  AlignJob job(clock, other, [](const Recording&, const Recording&, const media::ProgressFn&) -> Result<AlignOutcome> {
    throw "not even an std::exception";
  });
  wait_for([&] { return job.done(); });
  auto r = job.take_result();
  ASSERT_TRUE(r.has_value());
  ASSERT_FALSE(r->ok());
  EXPECT_EQ(r->error().message, "Aligning mic.wav to front.mp4 stopped on an unexpected error.");
}

}  // namespace
}  // namespace triad::app
