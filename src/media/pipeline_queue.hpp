#pragma once
// A bounded, thread-safe FIFO whose items carry the serial of the seek that produced
// them (ffplay's PacketQueue/FrameQueue idea). flush(serial) empties the queue and
// raises its serial; from then on items of an older serial are refused on push and
// never returned by pop, so nothing stale survives a seek even if a producer was in
// the middle of making it. Bounded by item count and by bytes; a single oversized item
// is still accepted into an empty queue so a huge frame can never deadlock the pipeline.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace triad::media {

template <class T>
class SerialQueue {
 public:
  struct Item {
    std::uint64_t serial = 0;
    std::size_t bytes = 0;
    T value;
  };

  SerialQueue(std::size_t max_items, std::size_t max_bytes) : max_items_(max_items), max_bytes_(max_bytes) {}

  // Blocks while the queue is full. Returns false (item dropped) when the item's serial
  // is older than the queue's, when a flush happened while waiting, or when closed.
  bool push(std::uint64_t serial, std::size_t bytes, T value) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return closed_ || serial < serial_ || has_room(bytes); });
    if (closed_ || serial < serial_) return false;
    bytes_ += bytes;
    items_.push_back(Item{serial, bytes, std::move(value)});
    lock.unlock();
    not_empty_.notify_one();
    return true;
  }

  // Blocks until an item of the current serial is available or the queue is closed.
  std::optional<Item> pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    return take_front(lock);
  }

  // Like pop() but gives up after `timeout`.
  template <class Rep, class Period>
  std::optional<Item> pop_for(std::chrono::duration<Rep, Period> timeout) {
    std::unique_lock lock(mutex_);
    not_empty_.wait_for(lock, timeout, [&] { return closed_ || !items_.empty(); });
    return take_front(lock);
  }

  std::optional<Item> try_pop() {
    std::unique_lock lock(mutex_);
    return take_front(lock);
  }

  // Calls f(const Item&) on the front item without removing it; returns false when empty.
  template <class F>
  bool peek(F&& f) const {
    std::lock_guard lock(mutex_);
    if (items_.empty()) return false;
    f(items_.front());
    return true;
  }

  // Drops everything and refuses items older than `serial` from now on.
  void flush(std::uint64_t serial) {
    {
      std::lock_guard lock(mutex_);
      if (serial > serial_) serial_ = serial;
      items_.clear();
      bytes_ = 0;
    }
    not_full_.notify_all();
    not_empty_.notify_all();
  }

  // Ends every wait for good; pushes fail and pops return nothing from now on.
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
      items_.clear();
      bytes_ = 0;
    }
    not_full_.notify_all();
    not_empty_.notify_all();
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return items_.size();
  }
  std::size_t bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
  }
  std::uint64_t serial() const {
    std::lock_guard lock(mutex_);
    return serial_;
  }

 private:
  bool has_room(std::size_t bytes) const {
    if (items_.empty()) return true;
    return items_.size() < max_items_ && bytes_ + bytes <= max_bytes_;
  }

  std::optional<Item> take_front(std::unique_lock<std::mutex>& lock) {
    if (closed_ || items_.empty()) return std::nullopt;
    Item item = std::move(items_.front());
    items_.pop_front();
    bytes_ -= item.bytes;
    lock.unlock();
    not_full_.notify_one();
    return item;
  }

  const std::size_t max_items_;
  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<Item> items_;   // guarded by mutex_; every item has serial == serial_
  std::size_t bytes_ = 0;    // guarded by mutex_
  std::uint64_t serial_ = 0; // guarded by mutex_
  bool closed_ = false;      // guarded by mutex_
};

}  // namespace triad::media
