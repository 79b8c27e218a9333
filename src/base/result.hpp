#pragma once
// Result<T>: expected failures travel as values (GCC 12 has no std::expected).
// An Error carries one plain sentence for the user and the kind of failure. Kinds are what a
// layer knows about its failure; only a front end turns them into something else (the `triad`
// CLI into exit codes, cli/exit_codes.cpp), so no layer below repeats a front end's numbers.
#include <string>
#include <utility>
#include <variant>

namespace triad {

enum class ErrorKind {
  kFailed,       // bad input, unknown id, refused by a rule, cancelled; anything not below
  kUsage,        // a malformed request (an argument out of its range, a command line)
  kUnsupported,  // media: not a container/codec Triad opens (includes disguised playlists)
  kCorrupt,      // media: the format is known but the data is damaged, or no playable stream
  kIoError,      // a file cannot be read or written
  kTimeout,      // gave up after a deadline
  kNotRegular,   // a directory, device, fifo or socket where a file was expected
  kNotLibrary,   // not a Triad library, or one made by a newer Triad
};

struct Error {
  std::string message;  // one sentence, names the file/thing and the reason
  ErrorKind kind = ErrorKind::kFailed;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result<void> equivalent.
struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() { return Ok{}; }

inline Error make_error(std::string message, ErrorKind kind = ErrorKind::kFailed) {
  return Error{std::move(message), kind};
}

}  // namespace triad
