#pragma once
// An SDL2 window with an OpenGL 3.3 core context. Owns SDL's video subsystem for
// its lifetime. Creating one fails with a plain sentence when there is no display.
#include <memory>
#include <string>

#include "base/result.hpp"

struct SDL_Window;

namespace triad::platform {

struct WindowOptions {
  std::string title = "Triad";
  int width = 1600;
  int height = 900;
  bool hidden = false;     // tests and --screenshot runs draw offscreen
  bool resizable = true;
  bool vsync = true;
};

class GlWindow {
 public:
  static Result<std::unique_ptr<GlWindow>> create(const WindowOptions& options);
  ~GlWindow();
  GlWindow(const GlWindow&) = delete;
  GlWindow& operator=(const GlWindow&) = delete;

  SDL_Window* sdl() const { return window_; }
  void* gl_context() const { return context_; }
  void swap();
  // Drawable size in pixels (differs from the window size on HiDPI screens).
  void drawable_size(int& w, int& h) const;
  void window_size(int& w, int& h) const;
  // Ratio of drawable pixels to window points, and the display's DPI over 96.
  float content_scale() const;

 private:
  GlWindow() = default;
  SDL_Window* window_ = nullptr;
  void* context_ = nullptr;
};

}  // namespace triad::platform
