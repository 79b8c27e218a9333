#pragma once
// Meeting mode: all reviewers' visible comments merged on one timeline, grouped into
// agenda items the facilitator steps through, and replies threaded under comments.
//
//   auto mine = visible_comments(viewer, all, access);   // ALWAYS filter first
//   auto items = build_agenda(mine, {.window_us = seconds_us(3)});
//   for (auto& it : items) loop(it.loop_start_us, it.loop_end_us);
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "core/model.hpp"

namespace triad {

struct AgendaOptions {
  TimeUs window_us = seconds_us(5);   // comments whose starts are within this of the previous one group
  TimeUs preroll_us = seconds_us(3);  // the loop starts this much before the first comment
  TimeUs postroll_us = seconds_us(2); // and ends this much after the last one
  std::optional<TimeUs> duration_us;  // clamp loops to the recording when known
  bool shared_only = false;           // keep only moments flagged by two or more people
};

Status validate_agenda_options(const AgendaOptions& o);

struct AgendaItem {
  int number = 0;              // 1-based position in the agenda
  TimeUs start_us = 0;         // first flagged moment
  TimeUs end_us = 0;           // last moment covered (end of the latest interval comment)
  TimeUs loop_start_us = 0;    // start_us - preroll, not before 0
  TimeUs loop_end_us = 0;      // end_us + postroll, not after the duration
  std::vector<RowId> authors;  // distinct people who flagged it, in order of their first comment
  std::vector<std::string> comment_uuids;  // top-level comments in the item, by time
  std::vector<std::string> tags;           // distinct tag codes used, in order of first use

  bool shared() const { return authors.size() >= 2; }
};

// Groups top-level comments (replies are threaded, not clustered) by single linkage
// on start time: sorted by start, a comment joins the current item when it starts at
// most window_us after the previous one. Deleted comments are ignored. Items are in
// time order. Pass only comments the viewer may see (visible_comments).
std::vector<AgendaItem> build_agenda(const std::vector<Comment>& comments, const AgendaOptions& options = {});

// Comments in reading order: top-level comments by time, each followed by its replies
// (depth-first, replies in creation order). Replies whose parent is absent are left out.
struct ThreadLine {
  std::size_t index = 0;  // into the input vector
  int depth = 0;          // 0 = top-level comment, 1 = reply, 2 = reply to a reply...
};
std::vector<ThreadLine> thread_order(const std::vector<Comment>& comments);

}  // namespace triad
