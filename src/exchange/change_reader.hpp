#pragma once
// Reads a bundle's list of changes (exchange/bundle.cpp's parse_bundle): each envelope into
// a Change and its data checked against its kind's schema (detail::check_data). That is most
// of a large bundle's parse and each change needs nothing from the others, so a long list is
// read by two threads, each half in order. What depends on the order (kind order, repeats,
// the session, the audience) parse_bundle checks afterwards, change by change, so a bundle
// with several faults is refused for the same first fault whichever thread read it.
#include <cstddef>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "exchange/signed_change.hpp"

namespace triad::exchange {

struct ReadChange {
  // The envelope read, or why not ("change N ..."); empty only when memory ran out.
  std::optional<Result<Change>> change;
  Status data = ok_status();  // its data against its kind's schema ("change N (kind) ...")
};

// Below this many changes a second thread costs more than it saves.
inline constexpr std::size_t kReadChangesThreadedFrom = 2048;

// Moves every change out of `list` (a JSON array), in order.
std::vector<ReadChange> read_changes(nlohmann::json& list);

}  // namespace triad::exchange
