#include "gfx/png_file.hpp"

#include <png.h>

#include <csetjmp>

#include "base/atomic_file.hpp"

namespace triad::gfx {

namespace {

// libpng reports errors by longjmp; keep that inside one function with no C++ objects
// that need destructors between setjmp and the calls.
bool encode(std::FILE* out, const std::uint8_t* rgb, int width, int height) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (!png) return false;
  png_infop info = png_create_info_struct(png);
  if (!info) {
    png_destroy_write_struct(&png, nullptr);
    return false;
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_init_io(png, out);
  png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8, PNG_COLOR_TYPE_RGB,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(png, 3);
  png_write_info(png, info);
  for (int y = 0; y < height; ++y) {
    png_write_row(png, const_cast<png_bytep>(rgb + static_cast<std::size_t>(y) * width * 3));
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

Status write_png_rgb(const std::filesystem::path& path, const std::vector<std::uint8_t>& rgb, int width, int height) {
  if (width <= 0 || height <= 0 || rgb.size() < static_cast<std::size_t>(width) * height * 3) {
    return make_error("Cannot write " + path.string() + ": the picture has no pixels.");
  }
  auto st = write_file_atomically(path, [&](std::FILE* f) { return encode(f, rgb.data(), width, height); });
  if (!st) return make_error("Cannot write the screenshot " + path.string() + ": " + st.error().message, ErrorKind::kIoError);
  return ok_status();
}

}  // namespace triad::gfx
