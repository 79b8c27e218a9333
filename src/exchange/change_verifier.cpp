#include "exchange/change_verifier.hpp"

#include <algorithm>
#include <exception>
#include <new>
#include <system_error>

namespace triad::exchange {

ChangeVerifier::ChangeVerifier(const std::vector<Change>& changes, const BatchVouchers* vouchers)
    : changes_(changes),
      vouchers_(vouchers && !vouchers->empty() ? vouchers : nullptr),
      verdict_(new std::atomic<unsigned char>[changes.size()]),
      canonical_(changes.size()),
      hash_(changes.size()),
      why_(changes.size()) {
  for (std::size_t i = 0; i < changes.size(); ++i) verdict_[i].store(kUnchecked, std::memory_order_relaxed);
  if (changes.size() < kThreadedFrom) return;
  threads_.reserve(kWorkers);
  for (unsigned w = 0; w < kWorkers; ++w) {
    try {
      threads_.emplace_back([this] { work(); });
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the ones started (or take() itself) do the work
    }
  }
}

ChangeVerifier::~ChangeVerifier() {
  stop_.store(true, std::memory_order_relaxed);
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

void ChangeVerifier::check(std::size_t i) noexcept {
  unsigned char verdict = kRefused;
  try {
    const Change& c = changes_[i];
    auto r = canonical_data_of(c);
    if (r && vouchers_ && vouchers_->vouches(c, *r))
      vouched_.fetch_add(1, std::memory_order_relaxed);  // its author's batch signature covers it
    else if (r)
      r = verify_change_with(c, std::move(*r));
    if (r) {
      if (c.kind == "comment") hash_[i] = canonical_data_hash(*r);
      canonical_[i] = std::move(*r);
      verdict = kValid;
    } else {
      why_[i] = r.error().message;
    }
  } catch (const std::bad_alloc&) {
    verdict = kOutOfMemory;
  } catch (const std::exception& e) {
    try {
      why_[i] = std::string("its signature could not be checked (") + e.what() + ")";
    } catch (...) {
      verdict = kOutOfMemory;
    }
  } catch (...) {
    try {
      why_[i] = "its signature could not be checked (an unexpected error)";
    } catch (...) {
      verdict = kOutOfMemory;
    }
  }
  verdict_[i].store(verdict, std::memory_order_release);
}

void ChangeVerifier::work() noexcept {
  const std::size_t n = changes_.size();
  while (!stop_.load(std::memory_order_relaxed)) {
    const std::size_t first = next_.fetch_add(kBlock, std::memory_order_relaxed);
    if (first >= n) break;
    const std::size_t last = std::min(n, first + kBlock);
    for (std::size_t i = first; i < last; ++i) check(i);
    // Locking before notifying closes the gap between take()'s test of a flag and its wait.
    { std::lock_guard<std::mutex> lock(mutex_); }
    done_.notify_all();
  }
}

Result<std::string> ChangeVerifier::take(std::size_t i) {
  if (threads_.empty()) {
    check(i);
  } else if (verdict_[i].load(std::memory_order_acquire) == kUnchecked) {
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return verdict_[i].load(std::memory_order_acquire) != kUnchecked; });
  }
  switch (verdict_[i].load(std::memory_order_acquire)) {
    case kValid: return std::move(canonical_[i]);
    case kOutOfMemory: return make_error("its signature could not be checked: the computer ran out of memory");
    default: return make_error(std::move(why_[i]));
  }
}

}  // namespace triad::exchange
