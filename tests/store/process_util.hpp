#pragma once
// Runs child processes for the durability, concurrency and CLI tests (POSIX).
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

extern char** environ;

namespace triad::store::test {

struct Child {
  pid_t pid = -1;
  int stdout_fd = -1;  // read end of the child's stdout pipe (-1 when redirected to a file)
};

// Starts `argv` with stdout to a pipe (or to `stdout_file`), stderr to `stderr_file`.
inline Child spawn(const std::vector<std::string>& args, const std::filesystem::path& stderr_file,
                   const std::filesystem::path& stdout_file = {}) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  int pipefd[2] = {-1, -1};
  if (stdout_file.empty()) {
    if (pipe(pipefd) != 0) return {};
    posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, pipefd[0]);
    posix_spawn_file_actions_addclose(&fa, pipefd[1]);
  } else {
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  Child c;
  if (posix_spawn(&c.pid, argv[0], &fa, nullptr, argv.data(), environ) != 0) c.pid = -1;
  posix_spawn_file_actions_destroy(&fa);
  if (pipefd[1] >= 0) close(pipefd[1]);
  c.stdout_fd = pipefd[0];
  return c;
}

// Reads a pipe to EOF.
inline std::string drain(int fd) {
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0) {
      out.append(buf, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;
  }
  close(fd);
  return out;
}

// Exit status: the exit code, or 128 + signal number.
inline int wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace triad::store::test
