#include "app/review_actions.hpp"

#include "app/person_name.hpp"

namespace triad::app {

Result<ReviewSubmitted> submit_review(store::Library& lib, RowId session_id, RowId actor_id) {
  auto out = store::submit_review(lib, session_id, actor_id);
  if (!out) return out.error();
  std::string sentence = person_name(lib, actor_id) + " submitted their review of session " + std::to_string(session_id) + ".";
  if (out->reveal) sentence += " Every reviewer has submitted: the reviews are revealed.";
  return ReviewSubmitted{std::move(*out), std::move(sentence)};
}

Result<ReviewsRevealed> reveal_reviews(store::Library& lib, RowId session_id, RowId actor_id) {
  auto r = store::reveal_reviews(lib, session_id, actor_id);
  if (!r) return r.error();
  return ReviewsRevealed{*r, "Reviews of session " + std::to_string(session_id) + " revealed by " +
                                 person_name(lib, actor_id) + ": the triad now sees each other's comments (never private ones)."};
}

Result<std::string> approve_detective_comment(store::Library& lib, const std::string& comment_uuid, RowId actor_id) {
  if (auto st = store::approve_detective_comment(lib, comment_uuid, actor_id); !st) return st.error();
  return "Comment " + comment_uuid + " approved for staff.";
}

}  // namespace triad::app
