#pragma once
// Checks the signatures of a bundle's changes on worker threads while the importing thread
// walks the changes in order (exchange/bundle_import.cpp). Ed25519 verification needs no
// library and is most of a large import's CPU time (~47 µs of CPU a signature measured here,
// 100,000 in a big bundle), so two workers check blocks of changes, in order, ahead of the
// walk; the walk waits (on a condition variable, not spinning) only for the verdict it needs next.
//
// Threads: the workers read `changes` and write only their own slots of the verdicts; a
// slot is published by a release store of its flag and read after an acquire load of it.
// The destructor stops and joins the workers (every return path of an import leaves no
// thread behind). No exception leaves a worker: a check that throws becomes a verdict
// saying what failed.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/result.hpp"
#include "exchange/change_batch.hpp"
#include "exchange/signed_change.hpp"

namespace triad::exchange {

class ChangeVerifier {
 public:
  // Below this many changes the threads cost more than they save: each change is checked
  // on the caller's thread when take() asks for it.
  static constexpr std::size_t kThreadedFrom = 256;
  static constexpr unsigned kWorkers = 2;

  // `changes` (and `vouchers`, when given) must outlive the verifier and not change
  // meanwhile. A change a verified batch vouches for (exchange/change_batch.hpp) is taken
  // as verified without its own Ed25519 check; the others are checked one by one.
  explicit ChangeVerifier(const std::vector<Change>& changes, const BatchVouchers* vouchers = nullptr);
  ~ChangeVerifier();
  ChangeVerifier(const ChangeVerifier&) = delete;
  ChangeVerifier& operator=(const ChangeVerifier&) = delete;

  // Change i's verdict, waiting for it when a worker has not reached it yet: the canonical
  // JSON of its data (moved out: ask once per change), or, as a clause to follow
  // "<signer>'s <kind> change", what failed (exchange::verify_change's words).
  Result<std::string> take(std::size_t i);
  // After a valid take(i) of a comment change: the BLAKE2b-256 of its canonical data (how an
  // applied comment's signature is kept, store/signed_changes.hpp), made on the worker too,
  // moved out; empty for other kinds.
  std::string take_comment_hash(std::size_t i) { return std::move(hash_[i]); }

  // How many worker threads run (0: checks happen in take()); for tests.
  std::size_t workers() const { return threads_.size(); }
  // How many changes a batch vouched for so far (their own signature was not checked); for tests.
  std::size_t vouched() const { return vouched_.load(std::memory_order_relaxed); }

 private:
  enum Verdict : unsigned char { kUnchecked = 0, kValid, kRefused, kOutOfMemory };
  void work() noexcept;
  void check(std::size_t i) noexcept;

  static constexpr std::size_t kBlock = 32;  // changes a worker claims at a time

  const std::vector<Change>& changes_;
  const BatchVouchers* vouchers_;
  std::unique_ptr<std::atomic<unsigned char>[]> verdict_;  // one Verdict per change
  std::vector<std::string> canonical_;                    // kValid: the data's canonical JSON
  std::vector<std::string> hash_;                         // kValid comment: its canonical data's hash
  std::vector<std::string> why_;                          // kRefused: what failed
  std::atomic<std::size_t> next_{0};                      // first change no worker has claimed
  std::atomic<bool> stop_{false};
  std::atomic<std::size_t> vouched_{0};
  std::mutex mutex_;  // guards nothing but the wait: a worker locks it before notifying
  std::condition_variable done_;
  std::vector<std::thread> threads_;
};

}  // namespace triad::exchange
