#include "app/background_priority.hpp"

#include <gtest/gtest.h>

#include <thread>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace triad::app {
namespace {

#if defined(__linux__)
int nice_of_this_thread() {
  errno = 0;
  return ::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)));
}

// Only the calling thread is lowered (the window's thread keeps its priority), and threads
// it starts afterwards (FFmpeg's decoder threads) inherit the lower priority.
TEST(BackgroundPriority, LowersOnlyTheCallingThreadAndWhatItStarts) {
  const int before = nice_of_this_thread();
  int worker = 0, grandchild = 0;
  std::thread t([&] {
    lower_this_thread_priority();
    worker = nice_of_this_thread();
    std::thread g([&] { grandchild = nice_of_this_thread(); });
    g.join();
  });
  t.join();
  EXPECT_EQ(nice_of_this_thread(), before);
  EXPECT_EQ(worker, 19);
  EXPECT_EQ(grandchild, worker);
}
#endif

}  // namespace
}  // namespace triad::app
