#pragma once
// The point markers of one timeline lane, reduced to what can be seen. A marker is a disc
// 11 px wide; on a densely coded lesson most of them overlap, and the window's frame work
// (on a software GL, mostly triangles: an anti-aliased disc is ~34 of them) must not grow
// with the number of comments:
//  - a marker within kHiddenPx of the last one kept on its lane is hidden under it: skipped;
//  - kept markers less than kRunPx apart form a run. Drawn in time order, each disc of a run
//    shows only a sliver left of the next one, so a run is drawn as what shows: its first
//    disc, then one band per sliver (a plain rectangle, two triangles; neighbours of one
//    colour merged), then its last disc whole. At under kRunPx apart the discs' edges differ
//    from the bands' straight ones by under half a pixel. A lane coded all along in one
//    colour is three shapes; in many colours, one rectangle per kept marker.
// Pure geometry, so the rule is tested without a window.
#include <cstdint>
#include <vector>

namespace triad::app {

struct MarkerShape {
  enum class Kind { Disc, Band };
  Kind kind = Kind::Disc;
  float x0 = 0, x1 = 0;  // a disc: its centre in x0 (= x1); a band: its left and right edges
  std::uint32_t colour = 0;
};

class MarkerRuns {
 public:
  static constexpr int kHiddenPx = 3;
  static constexpr float kRunPx = 4.0f;
  static constexpr float kRadiusPx = 5.5f;

  // `scale`: the window's content scale (sizes are in unscaled pixels).
  explicit MarkerRuns(float scale = 1.0f) : scale_(scale) {}

  // True when a marker at x (markers come in time order, so x never decreases) shows,
  // i.e. is not hidden under the last one kept.
  bool shows(float x) const { return static_cast<int>(x) - last_column_ >= kHiddenPx; }
  // Keeps a marker that shows().
  void add(float x, std::uint32_t colour);
  // What to draw, in drawing order.
  std::vector<MarkerShape> shapes() const;
  float radius() const { return kRadiusPx * scale_; }

 private:
  struct Kept {
    float x;
    std::uint32_t colour;
  };
  void close_run(std::vector<MarkerShape>& out, const std::vector<Kept>& run) const;

  float scale_;
  int last_column_ = -1000;
  std::vector<std::vector<Kept>> runs_;
};

}  // namespace triad::app
