// Renders known Y'CbCr pictures through shaders/video.frag into an offscreen
// buffer and compares every checked pixel with a CPU conversion written
// independently from the standard (Kr/Kb constants, code-value ranges).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "gfx/quad_geometry.hpp"
#include "gfx/render_target.hpp"
#include "gfx/shader_program.hpp"
#include "gfx/video_renderer.hpp"
#include "gl_test_context.hpp"

using namespace triad;
using gfx::ColourMatrix;
using gfx::ColourRange;
using gfx::PlaneLayout;

namespace {

struct Rgb {
  int r, g, b;
};
struct Ycc {
  int y, cb, cr;  // code values at the test's bit depth
};

std::array<double, 2> kr_kb(ColourMatrix m) {
  if (m == ColourMatrix::Bt601) return {0.299, 0.114};
  if (m == ColourMatrix::Bt2020) return {0.2627, 0.0593};
  return {0.2126, 0.0722};
}

// R'G'B' (0..255) -> quantised Y'CbCr codes, used only to make test pictures.
Ycc encode(Rgb c, ColourMatrix m, ColourRange range, int bits) {
  auto [kr, kb] = kr_kb(m);
  const double r = c.r / 255.0, g = c.g / 255.0, b = c.b / 255.0;
  const double y = kr * r + (1 - kr - kb) * g + kb * b;
  const double pb = (b - y) / (2 * (1 - kb));
  const double pr = (r - y) / (2 * (1 - kr));
  const double s = std::ldexp(1.0, bits - 8);
  const double max = std::ldexp(1.0, bits) - 1;
  if (range == ColourRange::Limited) {
    return {int(std::lround((16 + 219 * y) * s)), int(std::lround((128 + 224 * pb) * s)),
            int(std::lround((128 + 224 * pr) * s))};
  }
  const double mid = std::ldexp(1.0, bits - 1);
  auto code = [&](double v) { return int(std::clamp(std::lround(v), 0L, long(max))); };
  return {code(y * max), code(mid + pb * max), code(mid + pr * max)};
}

// The reference: quantised codes -> R'G'B' 0..255, straight from the definitions.
Rgb decode(Ycc c, ColourMatrix m, ColourRange range, int bits) {
  auto [kr, kb] = kr_kb(m);
  const double kg = 1 - kr - kb;
  const double s = std::ldexp(1.0, bits - 8);
  const double max = std::ldexp(1.0, bits) - 1;
  double y, pb, pr;
  if (range == ColourRange::Limited) {
    y = (c.y - 16 * s) / (219 * s);
    pb = (c.cb - 128 * s) / (224 * s);
    pr = (c.cr - 128 * s) / (224 * s);
  } else {
    const double mid = std::ldexp(1.0, bits - 1);
    y = c.y / max;
    pb = (c.cb - mid) / max;
    pr = (c.cr - mid) / max;
  }
  const double r = y + 2 * (1 - kr) * pr;
  const double b = y + 2 * (1 - kb) * pb;
  const double g = (y - kr * r - kb * b) / kg;
  auto to8 = [](double v) { return int(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
  return {to8(r), to8(g), to8(b)};
}

// A picture in memory with its own buffers, as the media layer would hand over.
struct TestPicture {
  gfx::PictureView view;
  std::vector<std::vector<std::uint8_t>> buffers;

  // Fills from a per-pixel code function. chroma_shift: 1 for 4:2:0, 0 for 4:4:4.
  template <class F>
  static TestPicture make(PlaneLayout layout, int w, int h, int bits, bool msb, int chroma_shift, F codes) {
    TestPicture t;
    auto& v = t.view;
    v.layout = layout;
    v.width = w;
    v.height = h;
    v.bits = bits;
    v.msb_aligned = msb;
    const int bps = bits > 8 ? 2 : 1;
    const int shift = msb ? 16 - bits : 0;
    const int cw = w >> chroma_shift, ch = h >> chroma_shift;
    auto put = [&](std::vector<std::uint8_t>& buf, std::size_t index, int code) {
      if (bps == 1) {
        buf[index] = static_cast<std::uint8_t>(code);
      } else {
        std::uint16_t s = static_cast<std::uint16_t>(code << shift);
        std::memcpy(&buf[index * 2], &s, 2);
      }
    };
    // Padded strides on purpose: the uploader must honour them.
    const int pad = 8;
    const int ystride = (w + pad) * bps;
    t.buffers.emplace_back(static_cast<std::size_t>(ystride) * h);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) put(t.buffers[0], std::size_t(y) * (w + pad) + x, codes(x, y).y);
    v.planes[0] = {t.buffers[0].data(), ystride, w, h};
    if (layout == PlaneLayout::Planar) {
      const int cstride = (cw + pad) * bps;
      t.buffers.emplace_back(static_cast<std::size_t>(cstride) * ch);
      t.buffers.emplace_back(static_cast<std::size_t>(cstride) * ch);
      for (int y = 0; y < ch; ++y)
        for (int x = 0; x < cw; ++x) {
          Ycc c = codes(x << chroma_shift, y << chroma_shift);
          put(t.buffers[1], std::size_t(y) * (cw + pad) + x, c.cb);
          put(t.buffers[2], std::size_t(y) * (cw + pad) + x, c.cr);
        }
      v.planes[1] = {t.buffers[1].data(), cstride, cw, ch};
      v.planes[2] = {t.buffers[2].data(), cstride, cw, ch};
    } else if (layout == PlaneLayout::SemiPlanar) {
      const int cstride = (cw + pad) * 2 * bps;
      t.buffers.emplace_back(static_cast<std::size_t>(cstride) * ch);
      for (int y = 0; y < ch; ++y)
        for (int x = 0; x < cw; ++x) {
          Ycc c = codes(x << chroma_shift, y << chroma_shift);
          put(t.buffers[1], (std::size_t(y) * (cw + pad) + x) * 2, c.cb);
          put(t.buffers[1], (std::size_t(y) * (cw + pad) + x) * 2 + 1, c.cr);
        }
      v.planes[1] = {t.buffers[1].data(), cstride, cw, ch};
    }
    // Keep data pointers valid after the vector moves: vectors keep their heap buffers.
    return t;
  }
};

const std::array<Rgb, 8> kBars = {{{191, 191, 191}, {191, 191, 0}, {0, 191, 191}, {0, 191, 0},
                                   {191, 0, 191}, {191, 0, 0}, {0, 0, 191}, {16, 16, 16}}};
constexpr int kBarWidth = 16;

class VideoShader : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    window_ = test::open_test_gl(why);
    if (!window_) GTEST_SKIP() << "GPU test skipped: " << why;
    auto r = gfx::VideoRenderer::create(gfx::shader_dir());
    ASSERT_TRUE(r.ok()) << r.error().message;
    renderer_ = std::move(r.value());
  }

  std::vector<std::uint8_t> render(const gfx::PictureView& pic, int w, int h) {
    EXPECT_TRUE(renderer_->upload(pic).ok());
    EXPECT_TRUE(target_.resize(w, h).ok());
    target_.bind();
    renderer_->draw(w, h);
    auto pixels = target_.read_rgb();
    gfx::RenderTarget::unbind();
    return pixels;
  }

  static Rgb at(const std::vector<std::uint8_t>& px, int w, int x, int y) {
    const std::size_t i = (std::size_t(y) * w + x) * 3;
    return {px[i], px[i + 1], px[i + 2]};
  }

  // Colour bars at the given depth/layout; every pixel at least 2 px from a bar edge is checked.
  void check_bars(PlaneLayout layout, ColourMatrix m, ColourRange range, int bits, bool msb = false) {
    const int w = kBarWidth * int(kBars.size()), h = 32;
    auto codes = [&](int x, int) { return encode(kBars[std::size_t(x / kBarWidth)], m, range, bits); };
    auto pic = TestPicture::make(layout, w, h, bits, msb, 1, codes);
    pic.view.matrix = m;
    pic.view.range = range;
    auto px = render(pic.view, w, h);
    int checked = 0;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const int in_bar = x % kBarWidth;
        if (in_bar < 2 || in_bar > kBarWidth - 3) continue;
        const Rgb want = decode(codes(x, y), m, range, bits);
        const Rgb got = at(px, w, x, y);
        ASSERT_NEAR(got.r, want.r, 2) << "x=" << x << " y=" << y;
        ASSERT_NEAR(got.g, want.g, 2) << "x=" << x << " y=" << y;
        ASSERT_NEAR(got.b, want.b, 2) << "x=" << x << " y=" << y;
        ++checked;
      }
    EXPECT_GT(checked, w * h / 2);
  }

  std::unique_ptr<platform::GlWindow> window_;
  std::unique_ptr<gfx::VideoRenderer> renderer_;
  gfx::RenderTarget target_;
};

}  // namespace

TEST_F(VideoShader, Bars_Bt601_Limited_8bit) { check_bars(PlaneLayout::Planar, ColourMatrix::Bt601, ColourRange::Limited, 8); }
TEST_F(VideoShader, Bars_Bt601_Full_8bit) { check_bars(PlaneLayout::Planar, ColourMatrix::Bt601, ColourRange::Full, 8); }
TEST_F(VideoShader, Bars_Bt709_Limited_8bit) { check_bars(PlaneLayout::Planar, ColourMatrix::Bt709, ColourRange::Limited, 8); }
TEST_F(VideoShader, Bars_Bt709_Full_8bit) { check_bars(PlaneLayout::Planar, ColourMatrix::Bt709, ColourRange::Full, 8); }
TEST_F(VideoShader, Bars_Bt2020_Limited_10bit) { check_bars(PlaneLayout::Planar, ColourMatrix::Bt2020, ColourRange::Limited, 10); }
TEST_F(VideoShader, Bars_Bt709_Limited_10bit) { check_bars(PlaneLayout::Planar, ColourMatrix::Bt709, ColourRange::Limited, 10); }
TEST_F(VideoShader, Bars_Nv12_Bt709_Limited) { check_bars(PlaneLayout::SemiPlanar, ColourMatrix::Bt709, ColourRange::Limited, 8); }
TEST_F(VideoShader, Bars_P010_Bt709_Limited) { check_bars(PlaneLayout::SemiPlanar, ColourMatrix::Bt709, ColourRange::Limited, 10, true); }

// Matrices must differ in the output: a shader that ignored the matrix would pass
// each bars test only if the CPU reference did the same, so check they disagree.
TEST_F(VideoShader, MatrixChoiceChangesOutput) {
  const Ycc code{100, 180, 70};
  Rgb a = decode(code, ColourMatrix::Bt601, ColourRange::Limited, 8);
  Rgb b = decode(code, ColourMatrix::Bt709, ColourRange::Limited, 8);
  EXPECT_GT(std::abs(a.g - b.g) + std::abs(a.r - b.r) + std::abs(a.b - b.b), 10);
  auto codes = [&](int, int) { return code; };
  auto pic = TestPicture::make(PlaneLayout::Planar, 16, 16, 8, false, 1, codes);
  pic.view.matrix = ColourMatrix::Bt601;
  Rgb got601 = at(render(pic.view, 16, 16), 16, 8, 8);
  pic.view.matrix = ColourMatrix::Bt709;
  Rgb got709 = at(render(pic.view, 16, 16), 16, 8, 8);
  EXPECT_NEAR(got601.g, a.g, 2);
  EXPECT_NEAR(got709.g, b.g, 2);
}

// 4:4:4 noise rendered 1:1: every pixel is compared.
TEST_F(VideoShader, Noise444_EveryPixel) {
  std::mt19937 rng(7);
  const int w = 48, h = 40;
  std::vector<Ycc> field(std::size_t(w) * h);
  for (auto& c : field) c = {int(16 + rng() % 220), int(16 + rng() % 225), int(16 + rng() % 225)};
  auto codes = [&](int x, int y) { return field[std::size_t(y) * w + x]; };
  auto pic = TestPicture::make(PlaneLayout::Planar, w, h, 8, false, 0, codes);
  pic.view.matrix = ColourMatrix::Bt709;
  auto px = render(pic.view, w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      Rgb want = decode(codes(x, y), ColourMatrix::Bt709, ColourRange::Limited, 8);
      Rgb got = at(px, w, x, y);
      ASSERT_NEAR(got.r, want.r, 2) << x << "," << y;
      ASSERT_NEAR(got.g, want.g, 2) << x << "," << y;
      ASSERT_NEAR(got.b, want.b, 2) << x << "," << y;
    }
}

// Four quadrants (red, green / blue, white); turned 90° clockwise the bottom-left
// quadrant (blue) must appear at the top-left, and the picture is letterboxed tall.
TEST_F(VideoShader, Rotation90_TurnsClockwise) {
  const std::array<Rgb, 4> quad = {{{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}}};
  const int w = 64, h = 32;
  auto codes = [&](int x, int y) {
    return encode(quad[std::size_t((y >= h / 2) * 2 + (x >= w / 2))], ColourMatrix::Bt709, ColourRange::Full, 8);
  };
  auto pic = TestPicture::make(PlaneLayout::Planar, w, h, 8, false, 0, codes);
  pic.view.range = ColourRange::Full;
  pic.view.rotation_cw = 90;
  auto px = render(pic.view, 32, 64);  // exactly the rotated size
  auto near = [](Rgb a, Rgb b) { return std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b) < 12; };
  EXPECT_TRUE(near(at(px, 32, 4, 4), quad[2])) << "top-left should be the source's bottom-left (blue)";
  EXPECT_TRUE(near(at(px, 32, 27, 4), quad[0])) << "top-right should be the source's top-left (red)";
  EXPECT_TRUE(near(at(px, 32, 27, 59), quad[1])) << "bottom-right should be the source's top-right (green)";
  EXPECT_TRUE(near(at(px, 32, 4, 59), quad[3])) << "bottom-left should be the source's bottom-right (white)";
}

// A 2:1 pixel aspect doubles the displayed width: 64x32 storage fills 128x32 exactly;
// with square pixels the same picture is pillarboxed (black bars left and right).
TEST_F(VideoShader, SampleAspectRatio_WidensPicture) {
  auto codes = [](int, int) { return encode({255, 255, 255}, ColourMatrix::Bt709, ColourRange::Full, 8); };
  auto pic = TestPicture::make(PlaneLayout::Planar, 64, 32, 8, false, 0, codes);
  pic.view.range = ColourRange::Full;
  pic.view.sar_num = 2;
  pic.view.sar_den = 1;
  auto wide = render(pic.view, 128, 32);
  EXPECT_GT(at(wide, 128, 2, 16).r, 250);
  pic.view.sar_num = 1;
  auto square = render(pic.view, 128, 32);
  EXPECT_LT(at(square, 128, 2, 16).r, 5);
  EXPECT_GT(at(square, 128, 64, 16).r, 250);
}

TEST(QuadGeometry, DisplaySizeSwapsForQuarterTurns) {
  auto s = gfx::display_size(1920, 1080, 1, 1, 270);
  EXPECT_DOUBLE_EQ(s[0], 1080);
  EXPECT_DOUBLE_EQ(s[1], 1920);
  auto t = gfx::display_size(720, 576, 16, 15, 0);
  EXPECT_DOUBLE_EQ(t[0], 768);
  EXPECT_EQ(gfx::normalise_rotation(-90), 270);
  auto r = gfx::fit_rect(1920, 1080, 1000, 1000);
  EXPECT_DOUBLE_EQ(r.w, 1000);
  EXPECT_NEAR(r.y, (1000 - 562.5) / 2, 1e-9);
}
