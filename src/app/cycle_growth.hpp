#pragma once
// Growth across a cycle: the use case behind `triad growth`, the growth charts and the
// cycle report. Each lesson's talk figures come from the talk analysis (cached; computed
// when missing unless told not to), its tags and actions from the library.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/growth.hpp"
#include "media/progress.hpp"
#include "store/library.hpp"

namespace triad::app {

struct GrowthOptions {
  bool analyse_missing = true;  // run the talk analysis for lessons without a cached one
  media::ProgressFn progress;   // over the whole cycle
};

// The lessons of cycle `name` (sessions whose cycle field equals it), in cycle order, as
// `viewer_id` may see them. Error when no session belongs to the cycle.
Result<std::vector<LessonGrowth>> cycle_growth(store::Library& lib, const std::string& name, RowId viewer_id,
                                               const GrowthOptions& options = {});

// {cycle, lessons: [{session_id, title, date, position, focus, teacher_share, pupil_share,
//  silence_share, wait_time_mean_s, wait_time_median_s, questions, tag_counts, actions: {agreed, done}, note}]}
nlohmann::json growth_json(const std::string& cycle, const std::vector<LessonGrowth>& rows);

}  // namespace triad::app
