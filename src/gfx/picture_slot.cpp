#include "gfx/picture_slot.hpp"

#include "gfx/shader_program.hpp"

namespace triad::gfx {

PictureSlot::PictureSlot(std::function<void()> wakeup) { sink_.set_wakeup(std::move(wakeup)); }

Status PictureSlot::ensure_renderer() {
  if (renderer_) return ok_status();
  auto r = VideoRenderer::create(shader_dir());
  if (!r) return r.error();
  renderer_ = std::move(*r);
  return ok_status();
}

PictureSlot::Refreshed PictureSlot::refresh(int w, int h, bool show, std::string* error) {
  Refreshed out;
  if (!ensure_renderer()) return out;
  out.fresh = sink_.upload_pending(*renderer_, error);
  if (!show || !renderer_->has_picture() || w <= 0 || h <= 0 || !target_.resize(w, h)) return out;
  if (out.fresh || w != drawn_w_ || h != drawn_h_) {
    target_.bind();
    renderer_->draw(w, h, {12 / 255.0f, 13 / 255.0f, 15 / 255.0f});
    RenderTarget::unbind();
    drawn_w_ = w;
    drawn_h_ = h;
  }
  out.texture = target_.texture();
  return out;
}

}  // namespace triad::gfx
