#pragma once
// Move-only owners for GL object names. Each must be destroyed while its context
// is current (the window outlives every renderer it creates).
#include <utility>

#include "gfx/gl.hpp"

namespace triad::gfx {

template <void (*Delete)(GLuint)>
class GlName {
 public:
  GlName() = default;
  explicit GlName(GLuint name) : name_(name) {}
  GlName(const GlName&) = delete;
  GlName& operator=(const GlName&) = delete;
  GlName(GlName&& o) noexcept : name_(std::exchange(o.name_, 0)) {}
  GlName& operator=(GlName&& o) noexcept {
    if (this != &o) {
      reset();
      name_ = std::exchange(o.name_, 0);
    }
    return *this;
  }
  ~GlName() { reset(); }
  void reset(GLuint name = 0) {
    if (name_ != 0) Delete(name_);
    name_ = name;
  }
  GLuint get() const { return name_; }
  explicit operator bool() const { return name_ != 0; }

 private:
  GLuint name_ = 0;
};

namespace detail {
inline void delete_texture(GLuint n) { glDeleteTextures(1, &n); }
inline void delete_buffer(GLuint n) { glDeleteBuffers(1, &n); }
inline void delete_vertex_array(GLuint n) { glDeleteVertexArrays(1, &n); }
inline void delete_framebuffer(GLuint n) { glDeleteFramebuffers(1, &n); }
inline void delete_program(GLuint n) { glDeleteProgram(n); }
inline void delete_shader(GLuint n) { glDeleteShader(n); }
}  // namespace detail

using GlTexture = GlName<detail::delete_texture>;
using GlBuffer = GlName<detail::delete_buffer>;
using GlVertexArray = GlName<detail::delete_vertex_array>;
using GlFramebuffer = GlName<detail::delete_framebuffer>;
using GlProgram = GlName<detail::delete_program>;
using GlShader = GlName<detail::delete_shader>;

inline GlTexture make_texture() {
  GLuint n = 0;
  glGenTextures(1, &n);
  return GlTexture(n);
}
inline GlBuffer make_buffer() {
  GLuint n = 0;
  glGenBuffers(1, &n);
  return GlBuffer(n);
}
inline GlVertexArray make_vertex_array() {
  GLuint n = 0;
  glGenVertexArrays(1, &n);
  return GlVertexArray(n);
}
inline GlFramebuffer make_framebuffer() {
  GLuint n = 0;
  glGenFramebuffers(1, &n);
  return GlFramebuffer(n);
}

}  // namespace triad::gfx
