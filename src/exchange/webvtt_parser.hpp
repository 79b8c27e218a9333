#pragma once
// The W3C WebVTT parser algorithm (https://w3c.github.io/webvtt/#webvtt-parser-algorithm):
// signature, header, blocks, cue timings and settings, regions. It produces what a
// browser's TextTrack would hold, so the web-platform-tests expectations apply directly.
//
// Deliberate limits (documented deviations from the letter of the spec):
//  - timestamps whose hour field exceeds 2,000,000,000 fail to parse (they would overflow
//    int64 microseconds; the spec uses unbounded reals);
//  - STYLE blocks are recognised and skipped (no CSS is kept);
//  - cue text is kept raw (markup included), as TextTrackCue.text is; see
//    webvtt_cue_plain_text() for the text shown to people.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.hpp"

namespace triad::exchange {

struct VttRegion {
  std::string id;
  double width = 100;
  std::int64_t lines = 3;
  double region_anchor_x = 0, region_anchor_y = 100;
  double viewport_anchor_x = 0, viewport_anchor_y = 100;
  std::string scroll;  // "" or "up"
};

struct VttCue {
  std::string id;
  TimeUs start_us = 0;
  TimeUs end_us = 0;  // may be below start_us: the parser keeps what the file says
  std::string text;   // raw cue text, lines joined with '\n'
  std::optional<double> line;  // nullopt = "auto"
  bool snap_to_lines = true;
  std::string line_align = "start";        // start | center | end
  std::optional<double> position;          // nullopt = "auto"
  std::string position_align = "auto";     // line-left | center | line-right | auto
  double size = 100;
  std::string align = "center";            // start | center | end | left | right
  std::string vertical;                    // "" | "rl" | "lr"
  std::optional<std::size_t> region;       // index into VttFile::regions
};

// A block that looked like a cue (its line holds "-->") but whose timings could not be
// read, so the spec drops it; importers report these instead of losing them silently.
struct VttRejectedCue {
  std::size_t line = 0;  // 1-based line of the timing line in the decoded text
  bool negative = false;  // the start time begins with '-' (a negative time)
};

struct VttFile {
  bool signature_ok = false;  // false: not a WebVTT file at all (no cues)
  std::vector<VttCue> cues;
  std::vector<VttRejectedCue> rejected;
  std::vector<VttRegion> regions;
};

VttFile parse_webvtt(std::string_view bytes);

// Cue text as people read it: tags removed, character references decoded.
std::string webvtt_cue_plain_text(std::string_view cue_text);

// "hh:mm:ss.mmm" (hours at least two digits); microseconds are truncated to milliseconds.
std::string format_vtt_timestamp(TimeUs t);

}  // namespace triad::exchange
