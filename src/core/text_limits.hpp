#pragma once
// The most one comment's text may hold, in bytes of UTF-8: what a library stores (store's
// comment checks), what a flat import may add (a speaker's name put in front included) and
// what a bundle carries (exchange/bundle.hpp's limits table names it kMaxTextBytes). One
// number for every side, so whatever a library accepts its bundle carries and every other
// library accepts.
#include <cstddef>

namespace triad {

inline constexpr std::size_t kMaxCommentTextBytes = std::size_t{64} << 10;

}  // namespace triad
