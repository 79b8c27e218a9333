#pragma once
// Blind review then reveal, and review time.
//
// With blind review on, each reviewer (teacher, observer, mentor, NQT) sees only their
// own comments. A reviewer submits when done; when every reviewer has submitted the
// reveal happens automatically, and a facilitator may reveal earlier. The reveal is
// recorded with who and when; from then on can_see() lets the triad see each other's
// comments (still never private ones).
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"

namespace triad {

struct Protocol;

struct ReviewSubmission {
  RowId session_id = 0;
  RowId person_id = 0;
  std::int64_t submitted_at_ms = 0;  // wall clock, Unix ms
};

struct Reveal {
  RowId session_id = 0;
  RowId revealed_by = 0;  // the facilitator, or the last reviewer to submit
  std::int64_t revealed_at_ms = 0;
  bool automatic = false;  // true when it followed the last submission
};

// Reviewers of the session who have not submitted yet (in participant order).
std::vector<RowId> pending_reviewers(const std::vector<Participant>& participants, const std::set<RowId>& submitted);

// True when the session has at least one reviewer and all of them have submitted.
bool all_reviewers_submitted(const std::vector<Participant>& participants, const std::set<RowId>& submitted);

// May this person submit their review now? Refused for non-reviewer roles, a second
// submission, or when the reviewer has not yet used every required stem (`own` = the
// reviewer's own comments in the session).
Status check_submit(const Protocol& protocol, std::optional<Role> role, bool already_submitted,
                    const std::vector<Comment>& own);

// May this person reveal now? Only under blind review, only once, and only a
// facilitator unless every reviewer has already submitted.
Status check_reveal(const Protocol& protocol, std::optional<Role> role, bool already_revealed, bool all_submitted);

// One logged stretch of reviewing (the GUI logs one per focused viewing period).
struct ReviewInterval {
  RowId session_id = 0;
  RowId person_id = 0;
  std::int64_t start_ms = 0;  // wall clock, Unix ms
  std::int64_t end_ms = 0;    // > start_ms
};

Status validate_interval(const ReviewInterval& iv);

// Review time per person (ms): the union of each person's intervals, so two windows
// open at once do not count twice.
std::map<RowId, std::int64_t> review_time_ms(const std::vector<ReviewInterval>& intervals);

// "1 h 05 min", "12 min 30 s", "45 s": for session panels and reports.
std::string format_review_time(std::int64_t ms);

}  // namespace triad
