#pragma once
// The feedback report: one self-contained HTML file a teacher opens in any browser.
// Everything is inside the file (CSS inline, thumbnails as data: URIs, the timeline as
// inline SVG): no network reference, no script. All text from the library is
// HTML-escaped. A print stylesheet keeps comments whole across pages.
//
// Contents: session metadata, protocol (focus, stems), participants, a timeline strip
// with the comments' positions, the comments grouped by feedback stem, each with the
// exact video frame at its time (media::VideoDecoder::seek), talk and wait time (from the
// cached talk analysis) with the observers' agreement in plain language, tag counts,
// agreed actions and review time. Only comments the viewer may see (core/visibility), never private ones.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "core/talk.hpp"
#include "store/library.hpp"

namespace triad::exchange {

struct ReportOptions {
  RowId session_id = 0;
  RowId viewer_id = 0;
  int thumb_width = 320;  // display width of each thumbnail in pixels
  std::int64_t now_ms = 0;
  // Called after each thumbnail with (done, total); return false to cancel (the report
  // is then not produced). May be empty.
  std::function<bool(int, int)> progress;
  // Who talks when in the lesson, as the talk analysis cached it (app::cached_session_talk
  // reads it; the report never decodes sound). With it the "Talk and wait time" section
  // shows talk shares and the wait time after the questions the export view shows; without
  // it the section says the lesson is not analysed yet.
  std::optional<TalkLabels> talk;
  std::string talk_source;  // which recordings the labels came from, one plain phrase
  // Whose frames each comment shows (issue 15): the session's cameras by recording id, side
  // by side in this order; empty: the session clock's camera alone. Each frame is that
  // camera's picture at the comment's session time (its offset and drift applied).
  std::vector<RowId> cameras;
  bool all_cameras = false;  // every camera of the session, the clock's first (overrides `cameras`)
};

// Builds the HTML. A missing or unreadable recording is not an error: thumbnails are
// replaced by a note saying why. Refused for learning detectives (core/roles).
Result<std::string> build_report(store::Library& lib, const ReportOptions& options);

std::string html_escape(std::string_view s);
std::string base64_encode(const std::uint8_t* data, std::size_t size);

}  // namespace triad::exchange
