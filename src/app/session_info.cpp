#include "app/session_info.hpp"

#include <algorithm>

#include "core/lesson_study.hpp"
#include "store/lesson_study.hpp"

namespace triad::app {

bool SessionInfo::has_required_stems() const {
  return std::any_of(protocol.stems.begin(), protocol.stems.end(), [](const FeedbackStem& s) { return s.required; });
}

bool SessionInfo::submitted(RowId person) const {
  return std::any_of(review.submissions.begin(), review.submissions.end(),
                     [&](const ReviewSubmission& s) { return s.person_id == person; });
}

namespace {

// A framework's name for display; its code when it is not in the library.
std::string framework_name(store::Library& lib, const std::string& code) {
  auto def = store::load_framework(lib, code);
  if (def && *def && !(*def)->framework.name.empty()) return (*def)->framework.name;
  return code;
}

}  // namespace

Result<SessionInfo> load_session_info(store::Library& lib, RowId session_id, std::optional<Role> role, bool triad) {
  SessionInfo info;
  info.triad = triad;
  auto eff = store::effective_protocol(lib, session_id);
  if (!eff) return eff.error();
  info.protocol = std::move(eff->protocol);
  info.protocol_source = eff->source_session_id;
  info.carried_actions = std::move(eff->carried_actions);
  auto review = store::review_state(lib, session_id);
  if (!review) return review.error();
  info.review = std::move(*review);
  auto times = store::review_time_by_person(lib, session_id);
  if (!times) return times.error();
  info.review_ms = std::move(*times);
  auto actions = store::list_actions(lib, session_id);
  if (!actions) return actions.error();
  info.actions = std::move(*actions);
  info.framework_name = framework_name(lib, info.protocol.framework_code);
  info.detective_framework_name = framework_name(lib, info.protocol.detective_framework_code);
  // A Lesson Study case's pupils are the session's lanes (else the framework's, below).
  auto lesson_case = store::get_case(lib, session_id);
  if (!lesson_case) return lesson_case.error();
  if (triad) {
    const std::string& code =
        role == Role::LearningDetective ? info.protocol.detective_framework_code : info.protocol.framework_code;
    auto def = store::load_framework(lib, code);
    if (!def) return def.error();
    if (*def) {
      info.framework = (*def)->framework;
      info.pupils = (*def)->pupils;
    }
  }
  info.pupils = pupil_lanes(*lesson_case, info.pupils);
  return info;
}

}  // namespace triad::app
