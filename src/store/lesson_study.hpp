#pragma once
// Lesson Study cases and predictions, persisted (migration 8, store/schema_v8_lesson_study.cpp).
// The rules are core/lesson_study.hpp's; who may change what and when is decided by
// app/lesson_study.hpp (for the CLI and the window) and exchange/bundle_import.cpp (for
// bundles). This file validates what it stores (a case always passes validate_case, a
// prediction's text check_prediction_text) and stores it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/lesson_study.hpp"
#include "store/library.hpp"

namespace triad::store {

// The session's case; an empty one (no pupils, no phases, updated_at_ms 0) when none is stored.
Result<LessonStudyCase> get_case(Library& lib, RowId session_id);
// Replaces the session's case with `c` as given (its updated_at_ms and updated_by kept):
// refused when validate_case refuses it. An empty case is stored too (it can win a merge).
Status put_case(Library& lib, const LessonStudyCase& c);

// The session's predictions, by (pupil, phase, author).
Result<std::vector<Prediction>> list_predictions(Library& lib, RowId session_id);
Result<std::optional<Prediction>> find_prediction(Library& lib, RowId session_id, RowId author_id,
                                                  const std::string& pupil, const std::string& phase);
// Writes a prediction as given, replacing the author's one for the same (pupil, phase):
// refused when its text fails check_prediction_text or the pupil is not a pupil code.
Result<Prediction> put_prediction(Library& lib, const Prediction& p);

// How many comments `author_id` has on the session, replies and deleted ones included
// (core check_prediction_timing).
Result<std::size_t> comments_by_author(Library& lib, RowId session_id, RowId author_id);

// When each author first commented on the session (their earliest comment's created_at_ms,
// replies and deleted ones included): the import's form of check_prediction_timing.
Result<std::map<RowId, std::int64_t>> first_comment_times(Library& lib, RowId session_id);
// Removes the author's prediction for (pupil, phase), if any (one made after watching,
// found so once their earlier comment arrived in a bundle).
Status delete_prediction(Library& lib, RowId session_id, RowId author_id, const std::string& pupil, const std::string& phase);

}  // namespace triad::store
