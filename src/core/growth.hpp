#pragma once
// Growth across a lesson-study cycle: each lesson's figures side by side (talk shares,
// wait time, tag counts per focus, actions agreed and done), in cycle order. Pure.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/cycle.hpp"
#include "core/model.hpp"
#include "core/talk.hpp"

namespace triad {

struct LessonGrowth {
  RowId session_id = 0;
  std::string title, date, focus;
  int position = 0;  // cycle position
  bool analysed = false;  // talk figures below are set
  double teacher_share = 0, pupil_share = 0, silence_share = 0;
  std::optional<double> wait_time_mean_s, wait_time_median_s;  // over the marked questions
  int questions = 0;                     // moments marked as questions
  std::map<std::string, int> tag_counts;  // tag code -> top-level comments carrying it
  int actions_agreed = 0, actions_done = 0;
  std::string note;  // why a figure is missing, e.g. "no recording"
};

// One lesson's row. `talk` may be null (not analysed).
LessonGrowth lesson_growth(const Session& session, const std::vector<Comment>& comments,
                           const std::vector<Action>& actions, const TalkAnalysis* talk);

// Rows ordered as the cycle (cycle_order_less).
void sort_cycle(std::vector<LessonGrowth>& rows, const std::vector<Session>& sessions);

// A CSV table, one row per lesson: session_id,position,date,title,teacher_share,...,tag:<code>...
std::string growth_csv(const std::vector<LessonGrowth>& rows);

}  // namespace triad
