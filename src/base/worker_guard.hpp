#pragma once
// The one place where a worker thread's body turns an exception into a sentence. An
// exception that leaves a std::thread calls std::terminate: the program would vanish
// without a word. Every thread body (media/pipeline, playback/player, the app's background
// jobs) runs under run_guarded and hands the Error to its own error state.
#include <exception>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace triad {

// "<Doing> stopped on an unexpected error: <what>." for the exception `e`; `doing` names
// the work and the file ("the talk analysis of lesson.mp4").
std::string unexpected_error_sentence(std::string_view doing, const std::exception_ptr& e);

// Runs body(); anything it throws comes back as an Error with that sentence.
template <class F>
Status run_guarded(std::string_view doing, F&& body) noexcept {
  try {
    body();
    return ok_status();
  } catch (...) {
    return make_error(unexpected_error_sentence(doing, std::current_exception()));
  }
}

}  // namespace triad
