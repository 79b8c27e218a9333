#include "base/worker_guard.hpp"

#include <cctype>

namespace triad {

std::string unexpected_error_sentence(std::string_view doing, const std::exception_ptr& e) {
  std::string what;
  try {
    if (e) std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    what = ex.what();
  } catch (...) {
    // Not an std::exception: nothing more can be said about it.
  }
  while (!what.empty() && (what.back() == '.' || what.back() == ' ' || what.back() == '\n')) what.pop_back();
  std::string s(doing);
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  s += " stopped on an unexpected error";
  s += what.empty() ? std::string(".") : ": " + what + ".";
  return s;
}

}  // namespace triad
