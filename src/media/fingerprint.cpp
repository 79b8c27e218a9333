// fingerprint_file: SHA-256 (libavutil) over size + sampled blocks; see fingerprint.hpp.
#include "media/fingerprint.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <system_error>
#include <vector>

extern "C" {
#include <libavutil/mem.h>
#include <libavutil/sha.h>
}

#include "media/errors.hpp"
#include "media/open_input.hpp"

namespace triad::media {
namespace fs = std::filesystem;

namespace {
constexpr std::int64_t kEdgeBytes = 1 << 20;    // first and last MiB
constexpr std::int64_t kBlockBytes = 64 << 10;  // each sampled block
constexpr int kBlocks = 16;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
struct ShaDeleter {
  void operator()(AVSHA* s) const { av_free(s); }
};
}  // namespace

Result<std::string> fingerprint_file(const fs::path& path) {
  const std::string name = display_name(path);
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return make_error(name + " cannot be read: " + (ec ? ec.message() : "no such file"), kIoError);
  if (!fs::is_regular_file(status)) return make_error(name + " is not a regular file", kNotRegular);
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) return make_error(name + " cannot be read: " + std::strerror(errno), kIoError);
  if (std::fseek(file.get(), 0, SEEK_END) != 0) return make_error(name + " cannot be read: seek failed", kIoError);
  const std::int64_t size = ftello(file.get());
  if (size < 0) return make_error(name + " cannot be read: size unknown", kIoError);

  std::unique_ptr<AVSHA, ShaDeleter> sha(av_sha_alloc());
  if (!sha || av_sha_init(sha.get(), 256) < 0) return make_error("fingerprinting " + name + " failed: out of memory", kFailed);
  std::uint8_t size_le[8];
  for (int i = 0; i < 8; ++i) size_le[i] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(size) >> (8 * i));
  av_sha_update(sha.get(), size_le, sizeof size_le);

  // Ranges in file order; overlaps on small files are harmless (the recipe is fixed).
  std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
  ranges.emplace_back(0, std::min(size, kEdgeBytes));
  for (int k = 1; k <= kBlocks; ++k) {
    const std::int64_t at = size * k / (kBlocks + 1);
    ranges.emplace_back(at, std::min(kBlockBytes, size - at));
  }
  ranges.emplace_back(std::max<std::int64_t>(0, size - kEdgeBytes), std::min(size, kEdgeBytes));

  std::vector<std::uint8_t> buf(kEdgeBytes);
  for (const auto& [offset, length] : ranges) {
    if (length <= 0) continue;
    if (fseeko(file.get(), offset, SEEK_SET) != 0) return make_error(name + " cannot be read: seek failed", kIoError);
    const std::size_t got = std::fread(buf.data(), 1, static_cast<std::size_t>(length), file.get());
    if (got != static_cast<std::size_t>(length))
      return make_error(name + " cannot be read: it ended early or a read failed", kIoError);
    av_sha_update(sha.get(), buf.data(), static_cast<unsigned>(got));
  }
  std::uint8_t digest[32];
  av_sha_final(sha.get(), digest);
  static const char* hex = "0123456789abcdef";
  std::string out = kFingerprintPrefix;
  for (std::uint8_t b : digest) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

}  // namespace triad::media
