#include "synthetic_lesson.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace triad::test {

namespace fs = std::filesystem;

namespace {

bool run(const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0; }

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::optional<double> duration_s(const fs::path& wav) {
  FILE* p = popen(("soxi -D " + quote(wav.string()) + " 2>/dev/null").c_str(), "r");
  if (!p) return std::nullopt;
  char buf[64] = {0};
  const bool got = fgets(buf, sizeof buf, p) != nullptr;
  pclose(p);
  if (!got) return std::nullopt;
  return std::atof(buf);
}

// espeak-ng voice settings: the teacher a low male voice, three pupils higher and different.
std::string voice_args(const Line& l) {
  if (l.who == Who::Teacher) return "-v en+m3 -p 15 -s 150";
  switch (l.voice % 3) {
    case 0: return "-v en+f4 -p 85 -s 165";
    case 1: return "-v en+f2 -p 70 -s 175";
    default: return "-v en+m1 -p 99 -s 170";  // a boy: male variant at the top of espeak's pitch range
  }
}

// Extra sox effect per pupil voice: children's voices sit higher still.
std::string pupil_shift(const Line& l) {
  if (l.who == Who::Teacher) return "";
  return l.voice % 3 == 2 ? " pitch 500" : " pitch 200";
}

TimeUs us(double s) { return static_cast<TimeUs>(std::llround(s * 1e6)); }

}  // namespace

bool have_voice_tools() { return run("command -v espeak-ng") && run("command -v sox") && run("command -v soxi"); }

std::optional<LessonAudio> build_lesson(const fs::path& dir, const std::vector<Line>& lines, const LessonOptions& o) {
  fs::create_directories(dir);
  LessonAudio out;
  // Each line: synthesise, resample to 16 kHz mono, trim the synthesiser's own silence so
  // the line's length is its speech.
  struct Piece {
    fs::path wav;
    double start = 0, len = 0;
    const Line* line = nullptr;
  };
  std::vector<Piece> pieces;
  double t = o.lead_in_s;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    const fs::path raw = dir / ("raw" + std::to_string(i) + ".wav");
    const fs::path wav = dir / ("line" + std::to_string(i) + ".wav");
    if (!run("espeak-ng " + voice_args(l) + " -w " + quote(raw.string()) + " " + quote(l.text))) return std::nullopt;
    if (!run("sox " + quote(raw.string()) + " -r 16000 -c 1 -b 16 " + quote(wav.string()) + pupil_shift(l) +
             " silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse norm -3"))
      return std::nullopt;
    auto len = duration_s(wav);
    if (!len || *len <= 0) return std::nullopt;
    pieces.push_back({wav, t, *len, &l});
    t += *len + l.pause_after_s;
  }
  const double total = t + 1.0;
  out.truth.duration_us = us(total);

  // Truth: talk per speaker over a 10 ms grid (overlaps count for both), and the waits.
  const std::size_t grid = static_cast<std::size_t>(total * 100) + 1;
  std::vector<char> teacher(grid, 0), pupil(grid, 0), any(grid, 0);
  for (const auto& p : pieces) {
    for (auto k = static_cast<std::size_t>(p.start * 100); k < static_cast<std::size_t>((p.start + p.len) * 100) && k < grid; ++k) {
      (p.line->who == Who::Teacher ? teacher : pupil)[k] = 1;
      any[k] = 1;
    }
  }
  for (std::size_t k = 0; k < grid; ++k) {
    out.truth.teacher_us += teacher[k] ? 10'000 : 0;
    out.truth.pupil_us += pupil[k] ? 10'000 : 0;
  }
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const auto& p = pieces[i];
    if (!p.line->question) continue;
    const double end = p.start + p.len;
    double next = total;
    for (const auto& q : pieces)
      if (q.start >= end - 1e-9 && q.start < next && &q != &p) next = q.start;
    out.truth.questions.push_back({us(p.start), us(end), us(next - end)});
  }

  // Mix: each piece delayed to its start (sox pad), all mixed, plus noise.
  auto mix = [&](const fs::path& target, double teacher_gain_db, double pupil_gain_db, double noise_db) {
    // A silent bed of the full length keeps the mix's length exact; each piece is padded
    // to its start time, then all are summed (-v 1 on every input: sox -m would otherwise
    // scale by the input count).
    const fs::path bed = dir / "bed.wav";
    if (!run("sox -n -r 16000 -c 1 -b 16 " + quote(bed.string()) + " trim 0 " + std::to_string(total))) return false;
    std::string padded_cmd = "sox -m -v 1 " + quote(bed.string());
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      const auto& p = pieces[i];
      const fs::path pad = dir / ("pad" + std::to_string(i) + ".wav");
      const double g = p.line->who == Who::Teacher ? teacher_gain_db : pupil_gain_db;
      if (!run("sox " + quote(p.wav.string()) + " " + quote(pad.string()) + " vol " + std::to_string(g) + " dB pad " +
               std::to_string(p.start)))
        return false;
      padded_cmd += " -v 1 " + quote(pad.string());
    }
    const fs::path speech = dir / (target.stem().string() + "_speech.wav");
    if (!run(padded_cmd + " " + quote(speech.string()) + " trim 0 " + std::to_string(total))) return false;
    if (noise_db > -89) {
      const fs::path noise = dir / (target.stem().string() + "_noise.wav");
      if (!run("sox -n -r 16000 -c 1 -b 16 " + quote(noise.string()) + " synth " + std::to_string(total) +
               " pinknoise norm " + std::to_string(noise_db)))
        return false;
      return run("sox -m -v 1 " + quote(speech.string()) + " -v 1 " + quote(noise.string()) + " " +
                 quote(target.string()));
    }
    fs::copy_file(speech, target, fs::copy_options::overwrite_existing);
    return true;
  };
  out.room = dir / "room.wav";
  if (!mix(out.room, -6, -6, o.noise_db)) return std::nullopt;
  if (o.teacher_mic) {
    out.teacher_mic = dir / "teacher_mic.wav";
    if (!mix(*out.teacher_mic, -3, -33, o.noise_db - 15)) return std::nullopt;
  }
  return out;
}

std::vector<Line> standard_lesson() {
  return {
      {Who::Teacher, 0, "Good morning everyone. Today we are looking at how plants make their food.", 0.6, false},
      {Who::Teacher, 0, "Who can tell me what a plant needs to grow?", 2.4, true},
      {Who::Pupil, 0, "Water and sunlight.", 0.7, false},
      {Who::Teacher, 0, "Yes, water and sunlight. What else does it take from the air?", 3.6, true},
      {Who::Pupil, 1, "Is it carbon dioxide?", 0.5, false},
      {Who::Teacher, 0, "Exactly right. Now think about the leaves. Why are most leaves green?", 1.2, true},
      {Who::Pupil, 2, "Because of chlorophyll.", 1.0, false},
      {Who::Teacher, 0, "Good. Write down three things a plant needs in your books.", 12.0, false},
      {Who::Teacher, 0, "Pens down please. Where does the plant store the food it makes?", 4.8, true},
      {Who::Pupil, 0, "In the roots and in the fruit.", 0.8, false},
      {Who::Teacher, 0, "That's a thoughtful answer. And what happens at night when there is no light?", 0.9, true},
      {Who::Pupil, 1, "It stops making food but it still breathes.", 1.1, false},
      {Who::Teacher, 0, "Brilliant. We will test that idea in our experiment next week.", 1.0, false},
  };
}

}  // namespace triad::test
