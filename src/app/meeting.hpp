#pragma once
// Meeting mode: the comment list gives way to the agenda (core/agenda.hpp), built from
// the comments the reviewer may see (all reviewers' merged). One item is current;
// "next"/"previous" move through them and "play item" loops the current item with its
// pre-roll using the workstation's A-B loop. Plain state, UI thread only.
#include <optional>
#include <string>
#include <vector>

#include "core/agenda.hpp"
#include "core/talk.hpp"
#include "core/model.hpp"

namespace triad::app {

struct MeetingState {
  bool on = false;
  AgendaOptions options;          // window 5 s, pre-roll 3 s, post-roll 2 s by default
  std::vector<AgendaItem> items;  // rebuilt whenever the visible comments change
  int current = -1;               // index into items; -1 = none chosen yet

  const AgendaItem* current_item() const {
    return current >= 0 && current < static_cast<int>(items.size()) ? &items[static_cast<std::size_t>(current)]
                                                                     : nullptr;
  }
};

// Rebuilds the agenda from the visible comments. The current item stays the one that
// holds the same first comment (or the nearest later one), so adding a reply or a
// comment does not move the meeting along.
void rebuild_agenda(MeetingState& m, const std::vector<Comment>& visible, std::optional<TimeUs> duration_us);

// The meeting's talk line, shown above the agenda (window) and before it (`triad meeting
// agenda`): "Talk: Teacher talk 62% ..., wait time after 6 questions: mean 1.8 s ..." from
// the talk analysis, or "Talk: not analysed yet — run Analyse." (`running`: "being analysed").
std::string meeting_talk_line(const std::optional<TalkAnalysis>& talk, bool running = false);

// The item whose loop contains `t` (the first), or nullopt.
std::optional<int> item_at(const MeetingState& m, TimeUs t);

}  // namespace triad::app
