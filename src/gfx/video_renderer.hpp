#pragma once
// Draws decoded pictures with the GPU: planes uploaded as textures (R8/R16, RG8/RG16
// for interleaved chroma), colour converted in shaders/video.frag, rotation and
// pixel aspect applied by the quad. Never touches swscale. GL thread only.
#include <array>
#include <filesystem>
#include <memory>

#include "base/result.hpp"
#include "gfx/gl_handles.hpp"
#include "gfx/picture.hpp"

namespace triad::gfx {

class VideoRenderer {
 public:
  static Result<std::unique_ptr<VideoRenderer>> create(const std::filesystem::path& shader_dir);

  // Copies the picture's planes into textures (reused while size and format stay
  // the same). The caller's buffers may be freed once this returns.
  Status upload(const PictureView& picture);
  bool has_picture() const { return has_picture_; }
  const PictureView& picture_info() const { return info_; }  // plane pointers are stale after upload

  // Draws the last uploaded picture, fitted and letterboxed, into the currently
  // bound framebuffer; clears to `background` first.
  void draw(int viewport_w, int viewport_h, std::array<float, 3> background = {0.0f, 0.0f, 0.0f});

 private:
  VideoRenderer() = default;

  struct PlaneTexture {
    GlTexture texture;
    int width = 0, height = 0;
    GLenum internal_format = 0;
  };

  GlProgram program_;
  GlVertexArray vao_;
  GlBuffer vbo_;
  std::array<PlaneTexture, 3> planes_;
  PictureView info_{};
  bool has_picture_ = false;
  GLint loc_layout_ = -1, loc_code_scale_ = -1, loc_offset_ = -1, loc_mul_ = -1, loc_matrix_ = -1;
};

}  // namespace triad::gfx
