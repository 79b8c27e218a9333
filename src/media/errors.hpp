#pragma once
// The kinds of failure the media layer reports (base/result.hpp), by their short names, so media
// code can say `make_error(..., kCorrupt)`. What a kind means to a user is the front end's choice.
#include "base/result.hpp"

namespace triad::media {

using enum ::triad::ErrorKind;

}  // namespace triad::media
