#pragma once
// Helpers shared by the screenshot tests: PNG reading, colour comparison, running a
// command, running triad-studio on a script, reading a screenshot's text, and the
// stripe-barcode test video whose frames carry their own index.
#include <png.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "../made_once.hpp"

namespace triad::test {

namespace fs = std::filesystem;

struct Image {
  int w = 0, h = 0;
  std::vector<std::uint8_t> rgb;
  std::array<int, 3> at(int x, int y) const {
    const std::size_t i = (static_cast<std::size_t>(y) * w + x) * 3;
    return {rgb[i], rgb[i + 1], rgb[i + 2]};
  }
};

inline bool read_png(const fs::path& path, Image& out) {
  png_image img{};
  img.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&img, path.c_str())) return false;
  img.format = PNG_FORMAT_RGB;
  out.w = static_cast<int>(img.width);
  out.h = static_cast<int>(img.height);
  out.rgb.resize(PNG_IMAGE_SIZE(img));
  const bool ok = png_image_finish_read(&img, nullptr, out.rgb.data(), 0, nullptr) != 0;
  png_image_free(&img);
  return ok;
}

inline bool near(std::array<int, 3> a, std::array<int, 3> b, int tol) {
  return std::abs(a[0] - b[0]) <= tol && std::abs(a[1] - b[1]) <= tol && std::abs(a[2] - b[2]) <= tol;
}

inline int run(const std::string& cmd) {
  int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

inline std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Runs `studio` with `args`, the script `script_text` (written beside the screenshot) and
// --screenshot `shot`; its output is appended to `work_dir`/studio.log (studio_log()).
inline int run_studio(const fs::path& studio, const fs::path& work_dir, const std::string& args,
                      const std::string& script_text, const fs::path& shot, const std::string& env = "") {
  const fs::path script = work_dir / ("script-" + shot.stem().string() + ".txt");
  std::ofstream(script) << script_text;
  return run(env + "\"" + studio.string() + "\" " + args + " --script \"" + script.string() + "\" --screenshot \"" +
             shot.string() + "\" >>\"" + (work_dir / "studio.log").string() + "\" 2>&1");
}

inline std::string studio_log(const fs::path& work_dir) {
  std::ifstream in(work_dir / "studio.log");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Copies the screenshot where a person can look at it (TRIAD_SCREENSHOT_DIR), if set.
inline void keep_screenshot(const fs::path& shot) {
  if (const char* d = std::getenv("TRIAD_SCREENSHOT_DIR"); d && *d) {
    std::error_code ec;
    fs::copy_file(shot, fs::path(d) / shot.filename(), fs::copy_options::overwrite_existing, ec);
  }
}

// The part of a screenshot inside (x0, y0)-(x1, y1), written beside it: OCR of one panel
// alone, so the comment list, the transport and the timeline around it do not break its lines
// up (how much of them shows changes with the machine's load: thumbnails still coming...).
inline fs::path crop(const fs::path& shot, int x0, int y0, int x1, int y1) {
  Image img;
  if (!read_png(shot, img)) return {};
  x1 = std::min(x1, img.w);
  y1 = std::min(y1, img.h);
  std::vector<std::uint8_t> part;
  for (int y = y0; y < y1; ++y)
    part.insert(part.end(), img.rgb.begin() + (static_cast<std::size_t>(y) * img.w + x0) * 3,
                img.rgb.begin() + (static_cast<std::size_t>(y) * img.w + x1) * 3);
  const fs::path out = shot.parent_path() / (shot.stem().string() + "-crop.png");
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  png.width = static_cast<png_uint_32>(x1 - x0);
  png.height = static_cast<png_uint_32>(y1 - y0);
  png.format = PNG_FORMAT_RGB;
  if (!png_image_write_to_file(&png, out.c_str(), 0, part.data(), 0, nullptr)) return {};
  return out;
}

// Why a test that reads a screenshot's text cannot run here ("" when it can): tesseract is
// installed by scripts/deps.sh, so only a machine set up some other way lacks it.
inline std::string ocr_unavailable() {
  if (run("tesseract --version >/dev/null 2>&1") != 0) return "tesseract (OCR) is not installed";
  return "";
}

// The screenshot's text, lower case, read by tesseract after inverting it (the dark theme
// reads badly as it is); "" when the picture cannot be read or written.
inline std::string ocr_text(const fs::path& shot, const fs::path& work_dir) {
  Image img;
  if (!read_png(shot, img)) return "";
  for (auto& b : img.rgb) b = static_cast<std::uint8_t>(255 - b);
  const fs::path inverted = work_dir / (shot.stem().string() + "-inverted.png");
  png_image out{};
  out.version = PNG_IMAGE_VERSION;
  out.width = static_cast<png_uint_32>(img.w);
  out.height = static_cast<png_uint_32>(img.h);
  out.format = PNG_FORMAT_RGB;
  if (!png_image_write_to_file(&out, inverted.c_str(), 0, img.rgb.data(), 0, nullptr)) return "";
  const fs::path base = work_dir / (shot.stem().string() + "-ocr");
  if (run("tesseract \"" + inverted.string() + "\" \"" + base.string() + "\" >/dev/null 2>&1") != 0) return "";
  std::ifstream in(base.string() + ".txt");
  return lower(std::string(std::istreambuf_iterator<char>(in), {}));
}

// 10 stripes: red, bits 7..0 of the frame index (white = 1, grey = 0), red.
inline std::string barcode_filter(int rate = 25) {
  std::string f = "color=c=0x404040:size=640x360:rate=" + std::to_string(rate) + ",format=yuv420p";
  f += ",drawbox=x=0:y=0:w=64:h=360:color=red:t=fill,drawbox=x=576:y=0:w=64:h=360:color=red:t=fill";
  for (int k = 0; k < 8; ++k) {
    const int x = 64 + (7 - k) * 64;
    f += ",drawbox=x=" + std::to_string(x) + ":y=0:w=64:h=360:color=white:t=fill:enable='eq(mod(floor(n/" +
         std::to_string(1 << k) + "),2),1)'";
  }
  return f;
}

// Why a window test cannot run here (no display, no ffmpeg CLI), or empty when it can.
inline std::string gui_unavailable() {
  const char* display = std::getenv("DISPLAY");
  if (!display || !*display) return "GUI test skipped: no DISPLAY (scripts/test.sh runs the suite under Xvfb)";
  if (run("ffmpeg -version >/dev/null 2>&1") != 0) return "GUI test skipped: the ffmpeg CLI is not installed";
  return {};
}

// The 10-second barcode lesson with a tone, as every screenshot test uses it (another frame
// rate or length for a second camera). Returns the ffmpeg command when it failed, empty on
// success.
inline std::string make_barcode_video(const fs::path& out, int rate = 25, int seconds = 10) {
  const std::string args = "-f lavfi -i \"" + barcode_filter(rate) + "\" -f lavfi -i sine=frequency=330 -t " +
                           std::to_string(seconds) + " -c:v libx264 -preset ultrafast -g " + std::to_string(2 * rate) +
                           " -bf 2 -c:a aac -shortest";
  // Encoded once per machine (made_once.hpp); the test gets its own copy.
  const fs::path made = made_once(args, "barcode.mp4", [&](const fs::path& part) {
    return run("ffmpeg -nostdin -v error -y " + args + " \"" + part.string() + "\"") == 0;
  });
  return !made.empty() && private_copy(made, out) ? std::string() : "ffmpeg -nostdin -v error -y " + args + " " + out.string();
}

// Reads the frame index from the video area: finds the red end stripes along a row, between
// x0 and x1 (one camera's tile when several are shown).
inline int read_barcode_between(const Image& img, int y, int x0, int x1) {
  int left = -1, right = -1;
  for (int x = x0; x < x1 && x < img.w; ++x) {
    auto p = img.at(x, y);
    if (p[0] > 200 && p[1] < 60 && p[2] < 60) {
      if (left < 0) left = x;
      right = x;
    }
  }
  if (left < 0 || right - left < 100) return -1;
  const double stripe = (right - left + 1) / 10.0;
  int n = 0;
  for (int k = 0; k < 8; ++k) {
    const int x = static_cast<int>(left + stripe * (1 + (7 - k) + 0.5));
    const auto p = img.at(x, y);
    if (p[0] > 160 && p[1] > 160 && p[2] > 160) n |= 1 << k;
  }
  return n;
}

inline int read_barcode(const Image& img, int y) { return read_barcode_between(img, y, 0, img.w * 3 / 4); }

}  // namespace triad::test
