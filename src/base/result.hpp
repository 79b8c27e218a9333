#pragma once
// Result<T>: expected failures travel as values (GCC 12 has no std::expected).
// An Error carries one plain sentence for the user and a machine-readable code.
#include <string>
#include <utility>
#include <variant>

namespace triad {

struct Error {
  std::string message;  // one sentence, names the file/thing and the reason
  int code = 1;         // process exit code when this error ends a CLI command
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

inline Error make_error(std::string message, int code = 1) { return Error{std::move(message), code}; }

}  // namespace triad
