#pragma once
// Helpers shared by the workflow_*.cpp files (not part of the public API).
#include <string>

#include "store/library_internal.hpp"
#include "store/workflow.hpp"

namespace triad::store::wf {

// "Sam" for messages; falls back to "person N" when the lookup fails.
std::string person_name(Library& lib, RowId person_id);

// The actor's role in the session, or an error saying they are not a participant.
Result<Role> require_participant(Library& lib, RowId session_id, RowId actor_id, std::string_view doing);

// As require_participant, and refuses learning detectives.
Result<Role> require_staff(Library& lib, RowId session_id, RowId actor_id, std::string_view doing);

}  // namespace triad::store::wf
