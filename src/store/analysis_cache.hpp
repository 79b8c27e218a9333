#pragma once
// Results of long analyses of a recording's content (talk analysis), cached in the library
// by content fingerprint and algorithm version (table analysis_cache, migration 5).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "store/library.hpp"

namespace triad::store {

Result<std::optional<std::string>> get_cached_analysis(Library& lib, std::string_view kind, std::string_view key,
                                                       int version);
Status put_cached_analysis(Library& lib, std::string_view kind, std::string_view key, int version,
                           std::string_view result_json, std::int64_t created_at_ms);

}  // namespace triad::store
