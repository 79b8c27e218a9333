#pragma once
// Inside bundles (not part of the public API): the data each kind of change carries, built
// from a library's state (export) and checked field by field (parse), so that the state a
// library reaches by applying a change rebuilds exactly that change's data.
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "core/cycle.hpp"
#include "core/lesson_study.hpp"
#include "core/model.hpp"
#include "core/review.hpp"
#include "exchange/bundle.hpp"
#include "store/library.hpp"
#include "store/workflow.hpp"

namespace triad::exchange::detail {

// How this library names people in bundles of one session: display names, and for
// learning detectives a random pseudonym kept in the library's settings (made once, the
// first time it is needed; never derived from the name). And back, for imports.
class TravelNames {
 public:
  TravelNames(store::Library& lib, const Session& session) : lib_(lib), session_(session) {}
  Result<std::string> name_of(RowId person_id);  // may create the pseudonym
  // The local person a travelling name stands for (created when new).
  Result<RowId> person_for(const std::string& name);
  // Without creating anyone.
  Result<std::optional<RowId>> find_person(const std::string& name);

 private:
  Status load();
  store::Library& lib_;
  Session session_;
  bool loaded_ = false;
  std::map<RowId, std::string> names_;
  std::map<std::string, RowId> pseudonyms_;  // pseudonym -> local person
};

// A list of recording placements (a `recordings` change's data, and the informative
// top-level list older bundles carry): every field checked for type and range, labels as
// names, at most 16, exactly one clock (bundle.cpp).
Result<std::vector<BundleRecording>> parse_bundle_recordings(const nlohmann::json& list);

// The data of each kind, from state (names already in their travelling form).
nlohmann::json comment_data(const Comment& c, const std::string& author);
nlohmann::json session_data(const Session& s, const std::string& school, const std::string& teacher);
nlohmann::json action_data(const Action& a, const std::optional<std::string>& owner,
                           const std::optional<std::string>& comment_uuid, const std::string& created_by);

// Lesson Study: the case (by = who made its last edit) and one prediction.
nlohmann::json case_data(const LessonStudyCase& c, const std::string& by);
nlohmann::json prediction_data(const Prediction& p, const std::string& author);

// Checks a change's data for its kind (fields, types, limits); `where` names it.
Status check_data(const std::string& kind, const nlohmann::json& data, const std::string& where);

}  // namespace triad::exchange::detail
