#pragma once
// The kinds of failure the store reports (base/result.hpp), by the store's short names.
#include "base/result.hpp"

namespace triad::store {

inline constexpr ErrorKind kErrFailure = ErrorKind::kFailed;       // bad input, unknown id, refused by a rule
inline constexpr ErrorKind kErrIo = ErrorKind::kIoError;           // cannot read/write the library file
inline constexpr ErrorKind kErrNotLibrary = ErrorKind::kNotLibrary;  // not a Triad library, or made by a newer Triad

}  // namespace triad::store
