#pragma once
// Small builders shared by the workflow tests.
#include <string>

#include "core/model.hpp"

namespace triad::testing {

inline Comment make_comment(std::string uuid, RowId author, double seconds, std::string kind = "note",
                            Visibility vis = Visibility::Triad) {
  Comment c;
  c.uuid = std::move(uuid);
  c.session_id = 1;
  c.author_id = author;
  c.start_us = static_cast<TimeUs>(seconds * 1'000'000);  // test literals only; storage stays integer
  c.kind = std::move(kind);
  c.text = "text of " + c.uuid;
  c.visibility = vis;
  return c;
}

}  // namespace triad::testing
