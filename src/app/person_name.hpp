#pragma once
// A person's display name for a sentence ("Jo submitted their review ..."); "person N"
// when the library cannot find them, so a message never fails for want of a name.
#include <string>

#include "store/library.hpp"

namespace triad::app {

std::string person_name(store::Library& lib, RowId person_id);

}  // namespace triad::app
