#pragma once
// The bodies of the libFuzzer targets (tests/fuzz/fuzz_main.cpp, one executable each),
// shared with the gtest that replays tests/fuzz/regressions/<target>/* in the normal suite
// (tests/exchange/fuzz_regression_test.cpp), so a crash once found stays fixed.
// Each body must return normally for every input: errors are values, never crashes.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/time.hpp"
#include "core/framework.hpp"
#include "exchange/bundle.hpp"
#include "exchange/flat_io.hpp"
#include "exchange/text_encoding.hpp"
#include "media/probe.hpp"

namespace triad::fuzz {

inline std::string_view bytes_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Imported text must be valid UTF-8 whatever the input: a broken byte that reached the
// library would make every JSON view of it throw.
inline void check_set(const exchange::CommentSet& set) {
  for (const auto& c : set.comments)
    if (!exchange::is_valid_utf8(c.text) || c.start_us < 0 || (c.end_us && *c.end_us <= c.start_us)) std::abort();
  for (const auto& [id, name] : set.authors)
    if (!exchange::is_valid_utf8(name)) std::abort();
}

inline void flat(exchange::FlatFormat format, const std::uint8_t* data, std::size_t size) {
  for (auto tiers : {exchange::EafTiers::Reviewers, exchange::EafTiers::Tags}) {
    auto set = exchange::parse_flat(bytes_of(data, size), format, "fuzz", tiers);
    if (!set) return;
    check_set(*set);
    // What was read can be written back in every format.
    for (auto out : {exchange::FlatFormat::Csv, exchange::FlatFormat::Json, exchange::FlatFormat::WebVtt,
                     exchange::FlatFormat::Srt, exchange::FlatFormat::Eaf})
      (void)exchange::render_flat(*set, out);
    if (format != exchange::FlatFormat::Eaf) return;
  }
}

inline void csv(const std::uint8_t* d, std::size_t n) { flat(exchange::FlatFormat::Csv, d, n); }
inline void json(const std::uint8_t* d, std::size_t n) { flat(exchange::FlatFormat::Json, d, n); }
inline void webvtt(const std::uint8_t* d, std::size_t n) { flat(exchange::FlatFormat::WebVtt, d, n); }
inline void srt(const std::uint8_t* d, std::size_t n) { flat(exchange::FlatFormat::Srt, d, n); }
inline void eaf(const std::uint8_t* d, std::size_t n) { flat(exchange::FlatFormat::Eaf, d, n); }

inline void bundle(const std::uint8_t* d, std::size_t n) { (void)exchange::parse_bundle(bytes_of(d, n), "fuzz"); }

inline void framework(const std::uint8_t* d, std::size_t n) {
  auto fw = parse_framework(bytes_of(d, n), "fuzz");
  if (fw) (void)framework_to_json(*fw);
}

inline void time(const std::uint8_t* d, std::size_t n) {
  auto t = parse_time(bytes_of(d, n));
  if (t) (void)format_time(*t);
}

// The media probe on a file that lives in memory (memfd): the same path a user's file takes.
inline void probe(const std::uint8_t* d, std::size_t n) {
  int fd = ::memfd_create("triad-fuzz", 0);
  if (fd < 0) return;
  std::size_t off = 0;
  while (off < n) {
    ssize_t w = ::write(fd, d + off, n - off);
    if (w <= 0) break;
    off += static_cast<std::size_t>(w);
  }
  media::OpenOptions options;
  options.deadline = std::chrono::milliseconds(2000);
  (void)media::probe("/proc/self/fd/" + std::to_string(fd), options);
  ::close(fd);
}

}  // namespace triad::fuzz
