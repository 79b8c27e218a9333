#include "gfx/render_target.hpp"

#include <cstring>
#include <string>

namespace triad::gfx {

Status RenderTarget::resize(int width, int height) {
  if (width <= 0 || height <= 0) return make_error("An offscreen picture needs a positive size.");
  if (fbo_ && width == width_ && height == height_) return ok_status();
  if (!fbo_) fbo_ = make_framebuffer();
  texture_ = make_texture();
  glBindTexture(GL_TEXTURE_2D, texture_.get());
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindTexture(GL_TEXTURE_2D, 0);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_.get());
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture_.get(), 0);
  const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (status != GL_FRAMEBUFFER_COMPLETE) {
    width_ = height_ = 0;
    return make_error("The graphics driver refused an offscreen buffer of " + std::to_string(width) + "x" +
                      std::to_string(height) + " pixels.");
  }
  width_ = width;
  height_ = height;
  return ok_status();
}

void RenderTarget::bind() const {
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_.get());
  glViewport(0, 0, width_, height_);
}

void RenderTarget::unbind() { glBindFramebuffer(GL_FRAMEBUFFER, 0); }

std::vector<std::uint8_t> read_framebuffer_rgb(int width, int height) {
  std::vector<std::uint8_t> rows(static_cast<std::size_t>(width) * height * 3);
  if (rows.empty()) return rows;
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, rows.data());
  const std::size_t stride = static_cast<std::size_t>(width) * 3;
  std::vector<std::uint8_t> flipped(rows.size());
  for (int y = 0; y < height; ++y) {
    std::memcpy(flipped.data() + static_cast<std::size_t>(y) * stride,
                rows.data() + static_cast<std::size_t>(height - 1 - y) * stride, stride);
  }
  return flipped;
}

std::vector<std::uint8_t> RenderTarget::read_rgb() const {
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_.get());
  auto out = read_framebuffer_rgb(width_, height_);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  return out;
}

}  // namespace triad::gfx
