#pragma once
#include <string>
#include <string_view>

namespace triad {

// A random (version 4) UUID in canonical lower-case form. Comment identity across
// libraries rests on these, so they come from the OS entropy source.
std::string new_uuid();
bool is_uuid(std::string_view s);

}  // namespace triad
