#include "platform/gl_window.hpp"

#include <SDL.h>

namespace triad::platform {

Result<std::unique_ptr<GlWindow>> GlWindow::create(const WindowOptions& o) {
  if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
    return make_error(std::string("Cannot open a window: no display is available (") + SDL_GetError() + ").");
  }
  std::unique_ptr<GlWindow> w(new GlWindow());
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
  if (o.resizable) flags |= SDL_WINDOW_RESIZABLE;
  flags |= o.hidden ? SDL_WINDOW_HIDDEN : SDL_WINDOW_SHOWN;
  w->window_ = SDL_CreateWindow(o.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o.width, o.height,
                                flags);
  if (!w->window_) {
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return make_error(std::string("Cannot open a window: ") + SDL_GetError() + ".");
  }
  w->context_ = SDL_GL_CreateContext(w->window_);
  if (!w->context_) {
    std::string reason = SDL_GetError();
    // The destructor releases the window and the subsystem.
    return make_error("Cannot start OpenGL 3.3 on this display: " + reason + ".");
  }
  SDL_GL_MakeCurrent(w->window_, w->context_);
  SDL_GL_SetSwapInterval(o.vsync ? 1 : 0);
  return w;
}

GlWindow::~GlWindow() {
  if (context_) SDL_GL_DeleteContext(context_);
  if (window_) SDL_DestroyWindow(window_);
  SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

void GlWindow::swap() { SDL_GL_SwapWindow(window_); }

void GlWindow::drawable_size(int& w, int& h) const { SDL_GL_GetDrawableSize(window_, &w, &h); }
void GlWindow::window_size(int& w, int& h) const { SDL_GetWindowSize(window_, &w, &h); }

float GlWindow::content_scale() const {
  int ww = 0, wh = 0, dw = 0, dh = 0;
  SDL_GetWindowSize(window_, &ww, &wh);
  SDL_GL_GetDrawableSize(window_, &dw, &dh);
  float pixel_ratio = ww > 0 ? static_cast<float>(dw) / static_cast<float>(ww) : 1.0f;
  float ddpi = 0, hdpi = 0, vdpi = 0;
  float dpi_scale = 1.0f;
  int display = SDL_GetWindowDisplayIndex(window_);
  if (display >= 0 && SDL_GetDisplayDPI(display, &ddpi, &hdpi, &vdpi) == 0 && hdpi > 0) {
    dpi_scale = hdpi / 96.0f;
  }
  // Only scale fonts up for clearly HiDPI screens; Xvfb and ordinary monitors report ~96.
  float s = pixel_ratio > 1.0f ? pixel_ratio : (dpi_scale > 1.3f ? dpi_scale : 1.0f);
  return s;
}

}  // namespace triad::platform
