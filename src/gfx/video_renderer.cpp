#include "gfx/video_renderer.hpp"

#include <string>

#include "gfx/colour.hpp"
#include "gfx/quad_geometry.hpp"
#include "gfx/shader_program.hpp"

namespace triad::gfx {

Result<std::unique_ptr<VideoRenderer>> VideoRenderer::create(const std::filesystem::path& dir) {
  auto program = load_program(dir, "video");
  if (!program) return program.error();
  std::unique_ptr<VideoRenderer> r(new VideoRenderer());
  r->program_ = std::move(*program);
  const GLuint p = r->program_.get();
  glUseProgram(p);
  glUniform1i(glGetUniformLocation(p, "u_plane0"), 0);
  glUniform1i(glGetUniformLocation(p, "u_plane1"), 1);
  glUniform1i(glGetUniformLocation(p, "u_plane2"), 2);
  r->loc_layout_ = glGetUniformLocation(p, "u_layout");
  r->loc_code_scale_ = glGetUniformLocation(p, "u_code_scale");
  r->loc_offset_ = glGetUniformLocation(p, "u_offset");
  r->loc_mul_ = glGetUniformLocation(p, "u_mul");
  r->loc_matrix_ = glGetUniformLocation(p, "u_yuv_to_rgb");
  glUseProgram(0);

  r->vao_ = make_vertex_array();
  r->vbo_ = make_buffer();
  glBindVertexArray(r->vao_.get());
  glBindBuffer(GL_ARRAY_BUFFER, r->vbo_.get());
  glBufferData(GL_ARRAY_BUFFER, sizeof(QuadVertex) * 4, nullptr, GL_DYNAMIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(QuadVertex), reinterpret_cast<void*>(0));
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(QuadVertex),
                        reinterpret_cast<void*>(2 * sizeof(float)));
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  return r;
}

Status VideoRenderer::upload(const PictureView& pic) {
  if (pic.width <= 0 || pic.height <= 0) return make_error("The picture to display has no size.");
  const int plane_count = pic.layout == PlaneLayout::Planar ? 3 : pic.layout == PlaneLayout::SemiPlanar ? 2 : 1;
  const int bps = pic.layout == PlaneLayout::Rgba ? 1 : pic.bytes_per_sample();
  for (int i = 0; i < plane_count; ++i) {
    const PlaneView& pv = pic.planes[static_cast<std::size_t>(i)];
    if (!pv.data || pv.width <= 0 || pv.height <= 0) {
      return make_error("The picture to display is missing plane " + std::to_string(i) + ".");
    }
    const bool pair = pic.layout == PlaneLayout::SemiPlanar && i == 1;
    const bool rgba = pic.layout == PlaneLayout::Rgba;
    const int components = rgba ? 4 : pair ? 2 : 1;
    const GLenum internal = rgba ? GL_RGBA8 : bps == 2 ? (pair ? GL_RG16 : GL_R16) : (pair ? GL_RG8 : GL_R8);
    const GLenum format = rgba ? GL_RGBA : pair ? GL_RG : GL_RED;
    const GLenum type = bps == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_BYTE;
    if (pv.stride_bytes % (components * bps) != 0) {
      return make_error("Plane " + std::to_string(i) + " has a row stride that is not a whole number of samples.");
    }
    PlaneTexture& t = planes_[static_cast<std::size_t>(i)];
    glActiveTexture(GL_TEXTURE0 + static_cast<GLenum>(i));
    if (!t.texture) t.texture = make_texture();
    glBindTexture(GL_TEXTURE_2D, t.texture.get());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, pv.stride_bytes / (components * bps));
    if (t.width != pv.width || t.height != pv.height || t.internal_format != internal) {
      glTexImage2D(GL_TEXTURE_2D, 0, static_cast<GLint>(internal), pv.width, pv.height, 0, format, type, pv.data);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
      t.width = pv.width;
      t.height = pv.height;
      t.internal_format = internal;
    } else {
      glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, pv.width, pv.height, format, type, pv.data);
    }
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  }
  glActiveTexture(GL_TEXTURE0);
  info_ = pic;
  info_.planes = {};
  has_picture_ = true;
  return ok_status();
}

void VideoRenderer::draw(int vw, int vh, std::array<float, 3> bg) {
  glViewport(0, 0, vw, vh);
  glClearColor(bg[0], bg[1], bg[2], 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (!has_picture_ || vw <= 0 || vh <= 0) return;

  const auto quad = video_quad(info_.width, info_.height, info_.sar_num, info_.sar_den, info_.rotation_cw, vw, vh);
  // Triangle fan order TL, TR, BR, BL.
  glBindBuffer(GL_ARRAY_BUFFER, vbo_.get());
  glBufferSubData(GL_ARRAY_BUFFER, 0, sizeof(quad), quad.data());
  glBindBuffer(GL_ARRAY_BUFFER, 0);

  const ColourParams c = colour_params(info_);
  glUseProgram(program_.get());
  const int layout = info_.layout == PlaneLayout::Planar       ? 0
                     : info_.layout == PlaneLayout::SemiPlanar ? 1
                     : info_.layout == PlaneLayout::Grey       ? 2
                                                               : 3;
  glUniform1i(loc_layout_, layout);
  glUniform1f(loc_code_scale_, c.code_scale);
  glUniform3fv(loc_offset_, 1, c.offset.data());
  glUniform3fv(loc_mul_, 1, c.mul.data());
  glUniformMatrix3fv(loc_matrix_, 1, GL_TRUE, c.yuv_to_rgb.data());
  for (int i = 0; i < 3; ++i) {
    glActiveTexture(GL_TEXTURE0 + static_cast<GLenum>(i));
    // Unused units keep plane 0 bound so the sampler is always complete.
    const auto& t = planes_[static_cast<std::size_t>(i)].texture ? planes_[static_cast<std::size_t>(i)].texture
                                                                 : planes_[0].texture;
    glBindTexture(GL_TEXTURE_2D, t.get());
  }
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
  glBindVertexArray(vao_.get());
  glDrawArrays(GL_TRIANGLE_FAN, 0, 4);
  glBindVertexArray(0);
  glUseProgram(0);
  glActiveTexture(GL_TEXTURE0);
}

}  // namespace triad::gfx
