#pragma once
// One video picture on screen: the sink a player hands its frames to, the renderer that
// converts them (our YUV shaders) and the texture it is drawn into at its tile's size. The
// window has one per camera (the session clock's and each other camera's), so every camera
// is uploaded, converted and sized the same way.
#include <functional>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "gfx/gl.hpp"
#include "gfx/gl_video_sink.hpp"
#include "gfx/render_target.hpp"
#include "gfx/video_renderer.hpp"

namespace triad::gfx {

class PictureSlot {
 public:
  // `wakeup` runs on the player thread after each new frame (an idle window loop wakes for it).
  explicit PictureSlot(std::function<void()> wakeup);

  GlVideoSink& sink() { return sink_; }
  // Makes the renderer if there is none yet (needs the GL context); the error names why not.
  Status ensure_renderer();

  struct Refreshed {
    GLuint texture = 0;  // 0: nothing to show (no picture yet, no size, or no renderer)
    bool fresh = false;  // a new picture arrived this frame
  };
  // UI thread, once per frame: uploads the newest frame and redraws the texture at w x h
  // only when the picture or the size changed, since colour conversion is most of a frame's
  // work on a software GL and a paused picture must cost nothing. `show` false (the media
  // failed) keeps the texture hidden. An upload failure is kept in *error.
  Refreshed refresh(int w, int h, bool show, std::string* error);

 private:
  GlVideoSink sink_;
  std::unique_ptr<VideoRenderer> renderer_;
  RenderTarget target_;
  int drawn_w_ = 0, drawn_h_ = 0;  // the size target_ was last drawn at
};

}  // namespace triad::gfx
