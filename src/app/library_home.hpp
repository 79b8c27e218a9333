#pragma once
// The window's home screen when no session is open: every session of the library as
// a card (title, date, class, teacher, focus, comments per person, blind-review state,
// reveal, open actions, whether its recording is still where it was), newest lesson
// first with the recently opened ones on top, and a search over the cards' text.
// Loaded with a few aggregate queries (store/library_overview.hpp); searching filters
// the loaded cards, once per change of the search text.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"
#include "store/library.hpp"

namespace triad::app {

struct SessionCard {
  Session session;
  std::string teacher;                                        // observed teacher's name, or ""
  std::vector<std::pair<std::string, std::int64_t>> comments;  // per author, most first
  std::int64_t comment_total = 0;
  bool triad = false;      // has participants
  bool blind = false;      // its protocol asks for a blind review
  int reviewers = 0;       // reviewers expected to submit
  int submitted = 0;       // of them, who have
  bool revealed = false;
  std::int64_t open_actions = 0;
  std::string recording;   // primary recording path, "" when none
  bool recording_missing = false;
  bool recent = false;     // opened lately in this library's window
  std::string haystack;    // lower-case text the search looks in

  std::string review_state() const;    // "2 of 3 submitted", "revealed", "" (not blind)
  std::string comments_line() const;   // "Sam 12 · Alex 4"
};

struct HomeState {
  std::vector<SessionCard> cards;    // recent first (in the order opened), then newest lesson first
  std::string search;                // what the search box holds
  std::vector<std::size_t> shown;    // indexes into cards matching the search, in order
  std::string error;                 // why the library could not be listed
  bool loaded = false;
  std::vector<std::string> frameworks;  // codes the "New session" form offers
  std::string library_name;             // the library file's name, for the title bar
  std::string draft_recording;          // the recording the form starts with (a dropped file)
};

// Cards for every session; `recent_uuids` (most recent first) go on top.
Result<std::vector<SessionCard>> load_session_cards(store::Library& lib, const std::vector<std::string>& recent_uuids);
// Fills home.shown from home.search (every word must appear, case-insensitively).
void apply_home_search(HomeState& home);

}  // namespace triad::app
