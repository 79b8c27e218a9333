#pragma once
// Error codes the store hands back in Error::code. They equal the CLI exit codes in
// src/cli/context.hpp (store may not include cli/, so they are repeated here).
namespace triad::store {

constexpr int kErrFailure = 1;      // bad input, unknown id, refused by a rule
constexpr int kErrIo = 5;           // cannot read/write the library file
constexpr int kErrNotLibrary = 8;   // not a Triad library, or made by a newer Triad

}  // namespace triad::store
