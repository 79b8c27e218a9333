#pragma once
// A 128-bit integer for exact intermediate products of 64-bit times (µs × ppb, µs × rates)
// that must not overflow or round. GCC and Clang have one; ISO C++ does not, so it is
// named once here, marked as the extension it is (-Wpedantic stays quiet everywhere else).
namespace triad {

__extension__ typedef __int128 Int128;

}  // namespace triad
