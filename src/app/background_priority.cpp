#include "app/background_priority.hpp"

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace triad::app {

void lower_this_thread_priority() {
#if defined(__linux__)
  // On Linux the nice value belongs to the thread (its tid), not the whole process.
  const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
  (void)::setpriority(PRIO_PROCESS, tid, 19);
#endif
}

}  // namespace triad::app
