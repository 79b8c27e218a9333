#pragma once
// An offscreen colour buffer (FBO + RGBA8 texture). The video panel renders the
// picture here and shows the texture inside the ImGui layout; tests read it back.
#include <cstdint>
#include <vector>

#include "base/result.hpp"
#include "gfx/gl_handles.hpp"

namespace triad::gfx {

class RenderTarget {
 public:
  // (Re)allocates when the size changes; cheap when it does not.
  Status resize(int width, int height);
  void bind() const;    // makes it the draw framebuffer and sets the viewport
  static void unbind();  // back to the window's framebuffer
  GLuint texture() const { return texture_.get(); }
  int width() const { return width_; }
  int height() const { return height_; }

  // RGB bytes, top row first (GL's bottom-up rows are flipped here).
  std::vector<std::uint8_t> read_rgb() const;

 private:
  GlFramebuffer fbo_;
  GlTexture texture_;
  int width_ = 0, height_ = 0;
};

// Reads the currently bound read framebuffer: RGB, top row first.
std::vector<std::uint8_t> read_framebuffer_rgb(int width, int height);

}  // namespace triad::gfx
