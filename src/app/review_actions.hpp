#pragma once
// Blind review: submitting one's review, revealing them all, approving a learning
// detective's comment. The one implementation behind the window's `submit-review`,
// `reveal` and the CLI's `review submit|reveal|approve`; the rules are core/review.hpp
// and core/roles.hpp, enforced by store/workflow.hpp. Answers carry the sentence both
// front ends show.
#include <optional>
#include <string>

#include "base/result.hpp"
#include "store/library.hpp"
#include "store/workflow.hpp"

namespace triad::app {

struct ReviewSubmitted {
  store::SubmitOutcome outcome;  // outcome.reveal set when this submission completed a blind review
  std::string sentence;
};
Result<ReviewSubmitted> submit_review(store::Library& lib, RowId session_id, RowId actor_id);

struct ReviewsRevealed {
  Reveal reveal;
  std::string sentence;
};
Result<ReviewsRevealed> reveal_reviews(store::Library& lib, RowId session_id, RowId actor_id);

// A facilitator lets staff see a learning detective's comment.
Result<std::string> approve_detective_comment(store::Library& lib, const std::string& comment_uuid, RowId actor_id);

}  // namespace triad::app
