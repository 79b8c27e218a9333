#include "app/marker_runs.hpp"

namespace triad::app {

void MarkerRuns::add(float x, std::uint32_t colour) {
  last_column_ = static_cast<int>(x);
  if (runs_.empty() || x - runs_.back().back().x >= kRunPx * scale_) runs_.emplace_back();
  runs_.back().push_back({x, colour});
}

void MarkerRuns::close_run(std::vector<MarkerShape>& out, const std::vector<Kept>& run) const {
  const float r = radius();
  out.push_back({MarkerShape::Kind::Disc, run.front().x, run.front().x, run.front().colour});
  if (run.size() == 1) return;
  // Marker i (between the first and the last) shows from its left edge to the next one's.
  for (std::size_t i = 1; i + 1 < run.size(); ++i) {
    const float left = run[i].x - r, right = run[i + 1].x - r;
    MarkerShape* last = out.empty() ? nullptr : &out.back();
    if (last && last->kind == MarkerShape::Kind::Band && last->colour == run[i].colour && last->x1 >= left)
      last->x1 = right;
    else
      out.push_back({MarkerShape::Kind::Band, left, right, run[i].colour});
  }
  out.push_back({MarkerShape::Kind::Disc, run.back().x, run.back().x, run.back().colour});
}

std::vector<MarkerShape> MarkerRuns::shapes() const {
  std::vector<MarkerShape> out;
  for (const auto& run : runs_) close_run(out, run);
  return out;
}

}  // namespace triad::app
