#pragma once
// The cycle report: one self-contained HTML file (inline CSS and SVG charts, no script, no
// network) showing a lesson-study cycle's lessons side by side — talk shares, mean and
// median wait time, tag counts, actions agreed and done. All library text is escaped.
#include <string>
#include <vector>

#include "core/growth.hpp"

namespace triad::exchange {

std::string cycle_report_html(const std::string& cycle, const std::vector<LessonGrowth>& rows);

// The charts alone (inline SVG), reused by the report: stacked talk shares per lesson and
// wait time per lesson (mean bar, median tick, the 3 s line Rowe recommends).
std::string talk_share_svg(const std::vector<LessonGrowth>& rows);
std::string wait_time_svg(const std::vector<LessonGrowth>& rows);

}  // namespace triad::exchange
