#pragma once
// The frameworks Triad ships (assets/frameworks/<code>.json, core::shipped_frameworks_dir)
// and the one rule for using them: a framework named by a protocol or chosen for a new
// session is taken from the library, else imported from the shipped file of that code
// the first time it is needed. Used by `session create`, `protocol set`, the window's
// "New session" and comment checks (a protocol naming the default framework works with
// no import step).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"
#include "store/library.hpp"

namespace triad::store {

// The shipped framework of that code, read and validated; nullopt when none ships.
Result<std::optional<Framework>> read_shipped_framework(std::string_view code);
// Codes of every shipped framework, sorted.
std::vector<std::string> shipped_framework_codes();
// The library's framework of that code, importing the shipped one when absent; an error
// naming the code when it is neither in the library nor shipped.
Result<Framework> ensure_framework(Library& lib, std::string_view code);

}  // namespace triad::store
