#pragma once
// Comments as WebVTT cues (a browser <track> shows them over the video).
//
// One cue per comment, identified by the comment's UUID:
//   <uuid>
//   00:01:12.000 --> 00:01:17.000
//   <v.took-away Alice Smith>I took away how you used wait time.
//   <c.tags>#questioning #wait-time</c>
// The voice span names the author; its first class is the feedback stem (kind); a class
// "point" marks a point comment, shown for kPointCueUs. Text is escaped (&amp; &lt; &gt;);
// an empty line inside a comment is written as a line holding one space, because an empty
// line would end the cue. Times are written in milliseconds (microseconds truncated).
// Files from elsewhere import too: any cue becomes a comment, a voice span its author.
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "exchange/comment_set.hpp"

namespace triad::exchange {

constexpr TimeUs kPointCueUs = 4 * kUsPerSecond;

std::string write_webvtt(const CommentSet& set);
Result<CommentSet> read_webvtt(std::string_view bytes, const std::string& source);

// Shared with the SRT writer: escape for cue text.
std::string vtt_escape(std::string_view s);

}  // namespace triad::exchange
