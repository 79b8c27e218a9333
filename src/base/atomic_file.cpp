#include "base/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace triad {
namespace fs = std::filesystem;

namespace {
Error io_error(const fs::path& p, const char* what) {
  return make_error("cannot " + std::string(what) + " '" + p.string() + "': " + std::strerror(errno));
}
}  // namespace

Status write_file_atomically(const fs::path& path, const std::function<bool(std::FILE*)>& fill) {
  fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::string tmpl = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return io_error(path, "create a temporary file for");
  ::fchmod(fd, 0644);  // mkstemp makes 0600; exports are ordinary user files
  std::FILE* f = ::fdopen(fd, "wb");
  if (!f) {
    ::close(fd);
    ::unlink(tmpl.c_str());
    return io_error(path, "open a temporary file for");
  }
  bool filled = false;
  try {
    filled = fill(f);
  } catch (...) {
    filled = false;
  }
  bool flushed = filled && std::fflush(f) == 0 && ::fsync(fd) == 0;
  int saved = errno;
  std::fclose(f);
  if (!flushed) {
    ::unlink(tmpl.c_str());
    errno = saved;
    return filled ? io_error(path, "write") : make_error("writing '" + path.string() + "' was cancelled");
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    saved = errno;
    ::unlink(tmpl.c_str());
    errno = saved;
    return io_error(path, "rename into place");
  }
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return ok_status();
}

Status write_file_atomically(const fs::path& path, std::string_view content) {
  return write_file_atomically(path, [&](std::FILE* f) {
    return content.empty() || std::fwrite(content.data(), 1, content.size(), f) == content.size();
  });
}

Result<std::string> read_file(const fs::path& path, std::size_t max_bytes) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return io_error(path, "open");
  std::string out;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    out.append(buf, n);
    if (out.size() > max_bytes) {
      std::fclose(f);
      return make_error("'" + path.string() + "' is too large (over " + std::to_string(max_bytes) + " bytes)");
    }
  }
  bool err = std::ferror(f);
  std::fclose(f);
  if (err) return io_error(path, "read");
  return out;
}

}  // namespace triad
