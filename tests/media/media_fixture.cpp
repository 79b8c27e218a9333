#include "media_fixture.hpp"

#include "../made_once.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>

namespace triad::media::test {

namespace {

const std::string kFF = "ffmpeg -nostdin -hide_banner -loglevel error -y ";

void must(const std::string& cmd) {
  if (run(cmd) != 0) throw std::runtime_error("test media generation failed: " + cmd);
}

void write_text(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

void truncate_to(const fs::path& src, const fs::path& dst, double fraction) {
  fs::copy_file(src, dst, fs::copy_options::overwrite_existing);
  fs::resize_file(dst, static_cast<std::uintmax_t>(static_cast<double>(fs::file_size(dst)) * fraction));
}

void generate(const fs::path& d) {
  auto o = [&](const char* name) { return quote(d / name); };
  const std::string src = "-f lavfi -i testsrc2=size=320x240:rate=25 ";
  must(kFF + src + "-f lavfi -i sine=frequency=440:sample_rate=48000 -t 12 -c:v libx264 -preset veryfast -bf 3 -g 100 "
       "-keyint_min 100 -sc_threshold 0 -pix_fmt yuv420p -c:a aac -b:a 64k -shortest " + o("h264_bframes.mp4"));
  must(kFF + src + "-t 6 -c:v libx264 -preset veryfast -bf 3 -x264-params keyint=40:min-keyint=40:scenecut=0:open-gop=1 "
       "-pix_fmt yuv420p " + o("h264_opengop.mp4"));
  must(kFF + "-f lavfi -i testsrc2=size=320x240:rate=30 -t 4 -c:v libx265 -preset ultrafast "
       "-x265-params log-level=error:keyint=30:min-keyint=30:bframes=3:scenecut=0 " + o("hevc.mp4"));
  must(kFF + src + "-f lavfi -i sine=frequency=300:sample_rate=48000 -t 4 -c:v libvpx-vp9 -deadline realtime "
       "-cpu-used 8 -g 50 -c:a libopus -shortest " + o("vp9.webm"));
  must(kFF + "-f lavfi -i testsrc2=size=320x240:rate=30 -t 5 -vf \"select='not(between(mod(n\\,30)\\,10\\,19))+eq(n\\,15)'\" "
       "-fps_mode vfr -c:v libx264 -preset veryfast -bf 2 -g 30 " + o("vfr.mp4"));
  // ffmpeg 5.1 writes the display matrix from the "rotate" tag only when stream copying;
  // rotate=270 gives ffprobe's -90, the upright-iPhone case (turn 90 degrees clockwise).
  must(kFF + "-f lavfi -i testsrc2=size=320x180:rate=25 -t 3 -c:v libx264 -preset veryfast -bf 2 -g 25 " +
       o("unrotated.mp4"));
  must(kFF + "-i " + o("unrotated.mp4") + " -c copy -metadata:s:v:0 rotate=270 " + o("rotated.mov"));
  must(kFF + src + "-t 4 -c:v libx264 -preset veryfast -bf 2 -g 30 -output_ts_offset 10 -f mpegts " + o("offset.ts"));
  must(kFF + "-f lavfi -i \"aevalsrc=0.5*sin(2*PI*440*t)*lt(t\\,2):s=48000:d=4\" -c:a aac -b:a 96k " + o("audio.m4a"));
  must(kFF + src + "-t 6 -c:v libx264 -preset veryfast -bf 3 -g 50 -movflags +faststart " + o("whole_faststart.mp4"));
  must(kFF + src + "-t 6 -c:v libx264 -preset veryfast -bf 3 -g 50 " + o("whole_moov_end.mp4"));
  truncate_to(d / "whole_faststart.mp4", d / "truncated.mp4", 0.6);
  truncate_to(d / "whole_moov_end.mp4", d / "cutoff.mp4", 0.6);
  {
    fs::copy_file(d / "whole_faststart.mp4", d / "corrupted.mp4", fs::copy_options::overwrite_existing);
    std::fstream f(d / "corrupted.mp4", std::ios::in | std::ios::out | std::ios::binary);
    const auto size = static_cast<std::int64_t>(fs::file_size(d / "corrupted.mp4"));
    std::mt19937 rng(1234);
    for (int i = 0; i < 25; ++i) {
      const std::int64_t at = size / 5 + static_cast<std::int64_t>(rng() % static_cast<std::uint32_t>(size * 3 / 4));
      f.seekp(at);
      for (int k = 0; k < 200; ++k) f.put(static_cast<char>(rng()));
    }
  }
  write_text(d / "playlist.mp4",
             "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.0,\nwhole_faststart.mp4\n#EXT-X-ENDLIST\n");
  write_text(d / "concat.mp4", "ffconcat version 1.0\nfile 'whole_faststart.mp4'\n");
  {
    std::ofstream g(d / "garbage.mp4", std::ios::binary);
    std::mt19937 rng(99);
    for (int i = 0; i < 50000; ++i) g.put(static_cast<char>(rng()));
  }
  write_text(d / "empty.mp4", "");
}

}  // namespace

std::string quote(const fs::path& p) {
  std::string s = "'";
  for (char c : p.string()) s += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return s + "'";
}

int run(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string capture(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen(command.c_str(), "r"), pclose);
  if (!p) return {};
  std::string out;
  std::array<char, 65536> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p.get())) > 0) out.append(buf.data(), n);
  return out;
}

const fs::path& media_dir() {
  static std::once_flag once;
  static fs::path dir;
  std::call_once(once, [] {
    std::string tmpl = (fs::temp_directory_path() / "triad-media-test-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    triad::test::remove_at_exit(tmpl);  // this process's copy of the clips (tests write beside them)
    // Made once per machine: the recipe is this file's text, so editing generate() makes them anew.
    std::string failure;
    const fs::path made = triad::test::made_once(triad::test::source_text(fs::path(TRIAD_SOURCE_DIR) / "tests/media/media_fixture.cpp"),
                                    "media-fixture", [&](const fs::path& d) {
                                      try {
                                        fs::create_directories(d);
                                        generate(d);
                                        return true;
                                      } catch (const std::exception& e) {
                                        failure = e.what();
                                        return false;
                                      }
                                    });
    if (made.empty()) throw std::runtime_error(failure.empty() ? "test media could not be made" : failure);
    if (!triad::test::private_copy(made, tmpl)) throw std::runtime_error("test media could not be copied to " + tmpl);
    dir = tmpl;
  });
  return dir;
}

fs::path clip(const std::string& name) { return media_dir() / name; }

std::vector<RefFrame> ffmpeg_framemd5(const fs::path& file, int stream_index) {
  const std::string out = capture(kFF + "-noautorotate -i " + quote(file) + " -map 0:" +
                                  std::to_string(stream_index) + " -fps_mode passthrough -f framemd5 - 2>/dev/null");
  std::vector<RefFrame> frames;
  std::int64_t tb_num = 1, tb_den = 1;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("#tb ", 0) == 0) {
      std::sscanf(line.c_str(), "#tb %*d: %ld/%ld", &tb_num, &tb_den);
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    long long s, dts, pts, dur, size;
    char md5[64] = {};
    if (std::sscanf(line.c_str(), "%lld, %lld, %lld, %lld, %lld, %63s", &s, &dts, &pts, &dur, &size, md5) == 6) {
      RefFrame f;
      f.pts_us = static_cast<TimeUs>(pts) * 1000000 * tb_num / tb_den;
      f.tick_us = 1000000 * tb_num / tb_den + 1;
      f.md5 = md5;
      frames.push_back(f);
    }
  }
  return frames;
}

fs::path corpus_dir() {
  fs::path dir = TRIAD_CORPUS_DIR;
  if (const char* env = std::getenv("TRIAD_CORPUS_DIR")) dir = env;
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir / "media", ec)) return {};
  return dir;
}

}  // namespace triad::media::test
