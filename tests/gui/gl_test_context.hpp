#pragma once
// A hidden GL 3.3 window for GPU tests; tests skip (with the reason) when no display exists.
#include <cstdlib>
#include <memory>
#include <string>

#include "platform/gl_window.hpp"

namespace triad::test {

// Returns the window, or an empty pointer and sets `why` when tests must skip.
inline std::unique_ptr<platform::GlWindow> open_test_gl(std::string& why) {
  const char* display = std::getenv("DISPLAY");
  if (!display || !*display) {
    why = "no DISPLAY: GPU tests run under Xvfb (scripts/test.sh starts one)";
    return nullptr;
  }
  platform::WindowOptions o;
  o.title = "triad gfx test";
  o.width = 320;
  o.height = 240;
  o.hidden = true;
  o.vsync = false;
  auto w = platform::GlWindow::create(o);
  if (!w) {
    why = w.error().message;
    return nullptr;
  }
  return std::move(w.value());
}

}  // namespace triad::test
