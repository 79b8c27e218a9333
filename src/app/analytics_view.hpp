#pragma once
// The window's lesson analytics: the talk analysis (run as a background TalkJob, cached in
// the library), observer agreement and the cycle's growth, with the commands that show
// them. Owned by the Workstation; UI thread only (the job's worker never touches this).
//
// Commands (also in scripts): `analyse [--teacher-mic FILE]` starts the talk analysis (a
// cached result shows at once; with a result or a job already there it shows / hides the
// talk figures), `analyse cancel`, `analyse wait` (scripts: blocks until the job is done); `agreement [on|off] [--unit SECONDS]`;
// `growth [on|off]`; `analytics [on|off]` the figures window (talk, agreement, growth tabs).
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/command.hpp"
#include "app/talk_analysis.hpp"
#include "core/agreement.hpp"
#include "core/growth.hpp"
#include "store/library.hpp"

namespace triad::app {

// The session panel's talk figures: {"Teacher talk", "62% (3:05)"}, {"Pupil talk", ...},
// {"Mean wait time", "1.8 s after 6 questions"} (or "no question marked").
std::vector<std::pair<std::string, std::string>> talk_figure_rows(const TalkAnalysis& talk);

class AnalyticsView {
 public:
  enum class Tab { Talk, Agreement, Growth };

  // nullopt when `c` is not an analytics command; else a confirmation or an error.
  std::optional<Result<std::string>> execute(const Command& c, store::Library& lib, const std::optional<Session>& session,
                                             std::optional<RowId> viewer, const std::vector<Comment>& comments);
  // Once per UI frame: takes a finished job's labels, caches them and refreshes the figures
  // when the comments changed (wait times follow the question marks). When a session is
  // first seen, a talk analysis already in the cache is read (never computed), so the
  // session panel and the meeting show its figures without pressing Analyse.
  // `generation`: the workstation's count of comment reloads; figures that depend on the
  // comments are recomputed when it moves, not every frame.
  void update(store::Library& lib, const std::optional<Session>& session, const std::vector<Comment>& comments,
              std::uint64_t generation);
  // The session changed: results of the old one are dropped, a running job cancelled.
  void reset();
  // Escape, or another window over the video: hides the figures (results stay).
  void close() { open_ = false; }

  bool window_open() const { return open_; }
  Tab tab() const { return tab_; }
  const std::optional<TalkAnalysis>& talk() const { return talk_; }
  bool talk_running() const { return job_ != nullptr; }
  double talk_fraction() const { return job_ ? job_->fraction() : 0.0; }
  const std::string& talk_error() const { return talk_error_; }
  // Which recordings the figures were read from (TalkSources::describe()); empty before.
  const std::string& talk_source() const { return talk_source_; }
  const std::vector<TimeUs>& questions() const { return questions_; }  // question moments, by time
  const std::optional<AgreementReport>& agreement() const { return agreement_; }
  const std::optional<std::vector<LessonGrowth>>& growth() const { return growth_; }
  const std::string& growth_note() const { return growth_note_; }

 private:
  void summarise(const std::vector<Comment>& comments);
  void compute_agreement_now(const std::vector<Comment>& comments, store::Library& lib);
  void compute_growth_now(store::Library& lib, const std::optional<Session>& session, std::optional<RowId> viewer);

  bool open_ = false;
  Tab tab_ = Tab::Talk;
  std::optional<RowId> session_id_;
  std::unique_ptr<TalkJob> job_;
  std::optional<TalkSources> sources_;
  std::optional<TalkLabels> labels_;
  std::optional<TalkAnalysis> talk_;
  std::vector<TimeUs> questions_;
  std::string talk_error_;
  std::string talk_source_;
  bool talk_requested_ = false;               // `analyse` ran for this session (not only the cache peek)
  std::optional<RowId> peeked_session_;       // the session whose cache was last looked at
  AgreementOptions agreement_options_;
  std::optional<AgreementReport> agreement_;
  std::optional<std::vector<LessonGrowth>> growth_;
  std::string growth_note_;
  std::optional<std::uint64_t> comments_generation_;  // the generation last summarised
};

}  // namespace triad::app
