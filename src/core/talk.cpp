#include "core/talk.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace triad {

namespace {

using Mask = std::vector<bool>;

float percentile(std::vector<float> v, double p) {
  if (v.empty()) return -120;
  const auto k = static_cast<std::size_t>(std::clamp(p, 0.0, 1.0) * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

// Runs of true in a mask: [begin, end) frame indices.
std::vector<std::pair<std::size_t, std::size_t>> runs(const Mask& m) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < m.size();) {
    if (!m[i]) {
      ++i;
      continue;
    }
    std::size_t e = i;
    while (e < m.size() && m[e]) ++e;
    out.emplace_back(i, e);
    i = e;
  }
  return out;
}

std::size_t frames_of(TimeUs t, TimeUs frame_us) { return static_cast<std::size_t>(std::max<TimeUs>(0, t / frame_us)); }

// The detector's decisions, kept only above the noise floor, with gaps between words
// bridged and clicks dropped. The floor is a low percentile of the frame levels: the
// room's background when nobody talks.
// The teacher's speaking level on their own microphone. It hears two things: the teacher
// close up and everyone else far quieter (leak). The median of all its speech frames is the
// teacher's level only when the teacher talks most; when pupils do, it is the leak's. So
// each stretch of speech gets its median level, and the teacher's level is the median of
// the stretches within `drop_db` of the loudest one (the teacher's own), leak left out.
float mic_speaking_level(const VoiceTrack& mic, const std::vector<bool>& speech, float drop_db);

Mask speech_mask(const VoiceTrack& t, const TalkOptions& o) {
  std::vector<float> levels;
  levels.reserve(t.frames.size());
  for (const auto& f : t.frames) levels.push_back(f.level_db);
  const float floor = percentile(levels, 0.05);
  Mask m(t.frames.size());
  for (std::size_t i = 0; i < m.size(); ++i) m[i] = t.frames[i].vad && t.frames[i].level_db >= floor + o.noise_margin_db;
  const std::size_t fill = frames_of(o.fill_gap_us, t.frame_us), min_len = frames_of(o.min_speech_us, t.frame_us);
  // Clicks and noise bursts go first, so bridging cannot join them to the next word.
  auto drop_short = [&](std::size_t len) {
    for (const auto& [b, e] : runs(m))
      if (e - b < len)
        for (std::size_t i = b; i < e; ++i) m[i] = false;
  };
  drop_short(min_len / 2);
  auto r = runs(m);
  for (std::size_t k = 1; k < r.size(); ++k)
    if (r[k].first - r[k - 1].second < fill)
      for (std::size_t i = r[k - 1].second; i < r[k].first; ++i) m[i] = true;
  drop_short(min_len);
  return m;
}

float mic_speaking_level(const VoiceTrack& mic, const Mask& speech, float drop_db) {
  std::vector<float> stretch;
  for (const auto& [b, e] : runs(speech)) {
    std::vector<float> levels;
    for (std::size_t i = b; i < e; ++i) levels.push_back(mic.frames[i].level_db);
    stretch.push_back(percentile(std::move(levels), 0.5));
  }
  if (stretch.empty()) return -120;
  const float loudest = *std::max_element(stretch.begin(), stretch.end());
  std::vector<float> near;
  for (float l : stretch)
    if (l >= loudest - drop_db) near.push_back(l);
  return percentile(std::move(near), 0.5);
}

struct Chunk {
  std::size_t begin = 0, end = 0;
  bool has_pitch = false;
  double pitch = 0;  // median log2 Hz
  bool has_mfcc = false;
  std::array<double, kMfccCoefficients> mfcc{};
  std::vector<double> feature;
  int cluster = 0;
};

Chunk describe(const VoiceTrack& t, std::size_t b, std::size_t e) {
  Chunk c;
  c.begin = b;
  c.end = e;
  std::vector<double> pitches;
  int n = 0;
  for (std::size_t i = b; i < e; ++i) {
    const auto& f = t.frames[i];
    if (f.pitch_hz > 0) pitches.push_back(std::log2(static_cast<double>(f.pitch_hz)));
    if (f.has_mfcc) {
      for (int k = 0; k < kMfccCoefficients; ++k) c.mfcc[static_cast<std::size_t>(k)] += f.mfcc[static_cast<std::size_t>(k)];
      ++n;
    }
  }
  if (pitches.size() >= 3) {
    std::nth_element(pitches.begin(), pitches.begin() + static_cast<std::ptrdiff_t>(pitches.size() / 2), pitches.end());
    c.pitch = pitches[pitches.size() / 2];
    c.has_pitch = true;
  }
  if (n > 0) {
    for (auto& v : c.mfcc) v /= n;
    c.has_mfcc = true;
  }
  return c;
}

double mean_of(const std::vector<double>& v) {
  return v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}
double sd_of(const std::vector<double>& v) {
  if (v.size() < 2) return 0;
  const double m = mean_of(v);
  double s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / static_cast<double>(v.size() - 1));
}

double dist2(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += (a[i] - b[i]) * (a[i] - b[i]);
  return s;
}

// Splits the room's speech into two voices and labels each frame; returns the confidence.
double cluster_room(const VoiceTrack& room, const Mask& speech, const TalkOptions& o, std::vector<Speaker>& label,
                    std::string& note) {
  std::vector<Chunk> chunks;
  const std::size_t chunk_len = std::max<std::size_t>(1, frames_of(o.chunk_us, room.frame_us));
  for (const auto& [b, e] : runs(speech)) {
    const std::size_t n = std::max<std::size_t>(1, ((e - b) + chunk_len / 2) / chunk_len);
    for (std::size_t k = 0; k < n; ++k) chunks.push_back(describe(room, b + (e - b) * k / n, b + (e - b) * (k + 1) / n));
  }
  for (auto& c : chunks)
    for (std::size_t i = c.begin; i < c.end; ++i) label[i] = Speaker::Teacher;
  if (chunks.size() < 2) {
    note = chunks.empty() ? "No one was heard talking." : "Too little talk to tell voices apart; all of it is counted as the teacher's.";
    return 0;
  }

  // Standardised features: pitch weighted 3, the 12 spectral-shape coefficients sharing weight 1.
  std::vector<double> pitches;
  for (const auto& c : chunks)
    if (c.has_pitch) pitches.push_back(c.pitch);
  const double pm = mean_of(pitches), ps = std::max(sd_of(pitches), 1e-3);
  std::array<double, kMfccCoefficients> mm{}, ms{};
  for (int k = 1; k < kMfccCoefficients; ++k) {
    std::vector<double> v;
    for (const auto& c : chunks)
      if (c.has_mfcc) v.push_back(c.mfcc[static_cast<std::size_t>(k)]);
    mm[static_cast<std::size_t>(k)] = mean_of(v);
    ms[static_cast<std::size_t>(k)] = std::max(sd_of(v), 1e-6);
  }
  const double mfcc_w = 1.0 / std::sqrt(static_cast<double>(kMfccCoefficients - 1));
  for (auto& c : chunks) {
    c.feature.push_back(c.has_pitch ? 3.0 * (c.pitch - pm) / ps : 0.0);
    for (int k = 1; k < kMfccCoefficients; ++k) {
      const auto kk = static_cast<std::size_t>(k);
      c.feature.push_back(c.has_mfcc ? mfcc_w * (c.mfcc[kk] - mm[kk]) / ms[kk] : 0.0);
    }
  }

  // k-means, k = 2, seeded with a low-pitched and a high-pitched chunk.
  std::vector<std::size_t> order(chunks.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return chunks[a].feature[0] < chunks[b].feature[0]; });
  std::array<std::vector<double>, 2> centre{chunks[order[order.size() / 10]].feature,
                                            chunks[order[order.size() - 1 - order.size() / 10]].feature};
  for (int iter = 0; iter < 50; ++iter) {
    bool moved = false;
    for (auto& c : chunks) {
      const int k = dist2(c.feature, centre[0]) <= dist2(c.feature, centre[1]) ? 0 : 1;
      moved = moved || k != c.cluster;
      c.cluster = k;
    }
    for (int k = 0; k < 2; ++k) {
      std::vector<double> sum(centre[0].size(), 0.0);
      double w = 0;
      for (const auto& c : chunks) {
        if (c.cluster != k) continue;
        const double len = static_cast<double>(c.end - c.begin);
        for (std::size_t d = 0; d < sum.size(); ++d) sum[d] += c.feature[d] * len;
        w += len;
      }
      if (w > 0)
        for (std::size_t d = 0; d < sum.size(); ++d) centre[static_cast<std::size_t>(k)][d] = sum[d] / w;
    }
    if (!moved && iter > 0) break;
  }

  // The teacher: the dominant, consistent voice.
  std::array<double, 2> talk{}, score{};
  std::array<std::vector<double>, 2> cp;
  for (const auto& c : chunks) {
    talk[static_cast<std::size_t>(c.cluster)] += static_cast<double>(c.end - c.begin);
    if (c.has_pitch) cp[static_cast<std::size_t>(c.cluster)].push_back(c.pitch);
  }
  for (std::size_t k = 0; k < 2; ++k) score[k] = talk[k] / (1.0 + 2.0 * sd_of(cp[k]));
  const int teacher = score[0] >= score[1] ? 0 : 1;
  for (const auto& c : chunks)
    for (std::size_t i = c.begin; i < c.end; ++i) label[i] = c.cluster == teacher ? Speaker::Teacher : Speaker::Pupil;

  if (cp[0].empty() || cp[1].empty() || talk[0] == 0 || talk[1] == 0) {
    note = "Only one voice was found; all talk is counted as the teacher's.";
    for (auto& l : label)
      if (l == Speaker::Pupil) l = Speaker::Teacher;
    return 0;
  }
  const double s0 = sd_of(cp[0]), s1 = sd_of(cp[1]);
  const double gap = std::fabs(mean_of(cp[0]) - mean_of(cp[1]));
  const double dprime = gap / std::max(std::sqrt((s0 * s0 + s1 * s1) / 2.0), 0.02);
  const double confidence = 1.0 - std::exp(-dprime / 3.0);
  char buf[200];
  std::snprintf(buf, sizeof buf,
                "The teacher's voice (about %.0f Hz) and the pupils' (about %.0f Hz) are %.1f octaves apart; "
                "voices separated with confidence %.0f%%.",
                std::exp2(mean_of(cp[static_cast<std::size_t>(teacher)])),
                std::exp2(mean_of(cp[static_cast<std::size_t>(1 - teacher)])), gap, confidence * 100);
  note = buf;
  return confidence;
}

struct Utterance {
  Speaker who;
  std::size_t begin, end;  // frames
};

// Runs of one speaker, merged across silences shorter than the utterance gap.
std::vector<Utterance> utterances(const std::vector<Speaker>& label, std::size_t gap) {
  std::vector<Utterance> out;
  for (std::size_t i = 0; i < label.size();) {
    if (label[i] == Speaker::Silence) {
      ++i;
      continue;
    }
    std::size_t e = i;
    while (e < label.size() && label[e] == label[i]) ++e;
    if (!out.empty() && out.back().who == label[i] && i - out.back().end < gap)
      out.back().end = e;
    else
      out.push_back({label[i], i, e});
    i = e;
  }
  return out;
}

}  // namespace

const char* to_string(Speaker s) {
  switch (s) {
    case Speaker::Teacher: return "teacher";
    case Speaker::Pupil: return "pupil";
    case Speaker::Silence: break;
  }
  return "silence";
}

std::vector<TimeUs> question_moments(const std::vector<Comment>& comments) {
  std::vector<TimeUs> out;
  for (const auto& c : comments) {
    if (c.deleted || c.parent_uuid) continue;
    const bool tagged = std::find(c.tags.begin(), c.tags.end(), "questioning") != c.tags.end();
    if (c.kind == "question" || tagged) out.push_back(c.start_us);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

TalkLabels label_talk(const VoiceTrack& room, const VoiceTrack* teacher_mic, const TalkOptions& o) {
  TalkLabels r;
  r.frame_us = room.frame_us > 0 ? room.frame_us : 10'000;
  const std::size_t n = room.frames.size();
  auto& label = r.frame_speaker;
  label.assign(n, Speaker::Silence);
  const Mask speech = speech_mask(room, o);

  if (teacher_mic != nullptr && !teacher_mic->frames.empty()) {
    r.method = "teacher microphone";
    const Mask mic = speech_mask(*teacher_mic, o);
    const float teacher_level = mic_speaking_level(*teacher_mic, mic, o.teacher_mic_drop_db);
    std::size_t teacher_frames = 0, heard_in_room = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const bool t = i < mic.size() && mic[i] && teacher_mic->frames[i].level_db >= teacher_level - o.teacher_mic_drop_db;
      if (t) {
        label[i] = Speaker::Teacher;
        ++teacher_frames;
        if (speech[i]) ++heard_in_room;
      } else if (speech[i]) {
        label[i] = Speaker::Pupil;
      }
    }
    // The room hears the teacher a little longer than the microphone's level gate lets
    // through: a stretch of room speech that is mostly the teacher's is all the teacher's.
    for (const auto& [b, e] : runs(speech)) {
      std::size_t t = 0;
      for (std::size_t i = b; i < e; ++i) t += label[i] == Speaker::Teacher;
      if (2 * t >= e - b)
        for (std::size_t i = b; i < e; ++i) label[i] = Speaker::Teacher;
    }
    // How well the two microphones agree on when the teacher speaks.
    r.confidence = teacher_frames == 0 ? 0 : static_cast<double>(heard_in_room) / static_cast<double>(teacher_frames);
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "Teacher talk is read from the teacher's microphone; the room microphone heard %.0f%% of it.",
                  r.confidence * 100);
    r.confidence_note = buf;
  } else {
    r.method = "one room microphone (voices clustered)";
    r.confidence = cluster_room(room, speech, o, label, r.confidence_note);
  }
  // A short pause inside one person's talk (between sentences) is part of their talk.
  const std::size_t bridge = frames_of(o.same_speaker_gap_us, r.frame_us);
  for (std::size_t i = 0; i < n;) {
    if (label[i] != Speaker::Silence) {
      ++i;
      continue;
    }
    std::size_t e = i;
    while (e < n && label[e] == Speaker::Silence) ++e;
    if (i > 0 && e < n && label[i - 1] == label[e] && e - i < bridge)
      for (std::size_t k = i; k < e; ++k) label[k] = label[e];
    i = e;
  }
  return r;
}

TalkAnalysis classify_talk(const VoiceTrack& room, const VoiceTrack* teacher_mic, const std::vector<TimeUs>& questions,
                           const TalkOptions& o) {
  return summarise_talk(label_talk(room, teacher_mic, o), questions, o);
}

TalkAnalysis summarise_talk(const TalkLabels& labels, const std::vector<TimeUs>& questions, const TalkOptions& o) {
  TalkAnalysis r;
  r.frame_us = labels.frame_us > 0 ? labels.frame_us : 10'000;
  r.method = labels.method;
  r.confidence = labels.confidence;
  r.confidence_note = labels.confidence_note;
  const auto& label = labels.frame_speaker;
  const std::size_t n = label.size();
  r.duration_us = static_cast<TimeUs>(n) * r.frame_us;

  std::size_t counts[3] = {0, 0, 0};
  for (auto l : label) ++counts[static_cast<int>(l)];
  r.teacher_us = static_cast<TimeUs>(counts[1]) * r.frame_us;
  r.pupil_us = static_cast<TimeUs>(counts[2]) * r.frame_us;
  r.silence_us = static_cast<TimeUs>(counts[0]) * r.frame_us;
  if (r.duration_us > 0) {
    const double d = static_cast<double>(r.duration_us);
    r.teacher_share = static_cast<double>(r.teacher_us) / d;
    r.pupil_share = static_cast<double>(r.pupil_us) / d;
    r.silence_share = static_cast<double>(r.silence_us) / d;
  }
  for (std::size_t i = 0; i < n;) {
    std::size_t e = i;
    while (e < n && label[e] == label[i]) ++e;
    if (label[i] != Speaker::Silence)
      r.spans.push_back({static_cast<TimeUs>(i) * r.frame_us, static_cast<TimeUs>(e) * r.frame_us, label[i]});
    i = e;
  }

  const auto utts = utterances(label, std::max<std::size_t>(1, frames_of(o.utterance_gap_us, r.frame_us)));
  auto at = [&](std::size_t f) { return static_cast<TimeUs>(f) * r.frame_us; };
  for (std::size_t k = 0; k < utts.size(); ++k) {
    if (k > 0 && utts[k].who != utts[k - 1].who) ++r.turns;
    if (utts[k].who == Speaker::Teacher && at(utts[k].end - utts[k].begin) > r.longest_teacher_monologue_us) {
      r.longest_teacher_monologue_us = at(utts[k].end - utts[k].begin);
      r.longest_teacher_monologue_start_us = at(utts[k].begin);
    }
    // Wait time II: a pupil's utterance answered by the teacher.
    if (utts[k].who == Speaker::Pupil && k + 1 < utts.size() && utts[k + 1].who == Speaker::Teacher)
      r.wait_times_after_answers.push_back({at(utts[k].end), at(utts[k].end), at(utts[k + 1].begin)});
  }

  // Wait time I: the teacher's utterance the question mark points at, then the next voice.
  for (TimeUs q : questions) {
    const Utterance* chosen = nullptr;
    for (const auto& u : utts)
      if (u.who == Speaker::Teacher && at(u.begin) <= q && q < at(u.end)) chosen = &u;
    if (!chosen)  // marked just after the question was asked: the latest that ended shortly before
      for (const auto& u : utts)
        if (u.who == Speaker::Teacher && at(u.end) <= q && q - at(u.end) <= o.question_reach_us) chosen = &u;
    if (!chosen)  // marked just before it was asked
      for (const auto& u : utts)
        if (u.who == Speaker::Teacher && at(u.begin) > q && at(u.begin) - q <= o.question_reach_us) {
          chosen = &u;
          break;
        }
    if (!chosen) continue;
    std::size_t next = chosen->end;
    while (next < n && label[next] == Speaker::Silence) ++next;
    if (next >= n) continue;  // nobody spoke again before the end
    r.wait_times.push_back({q, at(chosen->end), at(next)});
  }
  r.frame_speaker = label;
  return r;
}

std::optional<TimeUs> mean_wait_us(const std::vector<WaitTime>& waits) {
  if (waits.empty()) return std::nullopt;
  TimeUs sum = 0;
  for (const auto& w : waits) sum += w.wait_us();
  const auto n = static_cast<TimeUs>(waits.size());
  return (sum + n / 2) / n;
}

std::optional<TimeUs> median_wait_us(const std::vector<WaitTime>& waits) {
  if (waits.empty()) return std::nullopt;
  std::vector<TimeUs> w;
  for (const auto& x : waits) w.push_back(x.wait_us());
  std::sort(w.begin(), w.end());
  const std::size_t m = w.size() / 2;
  return w.size() % 2 ? w[m] : (w[m - 1] + w[m]) / 2;
}

std::vector<WaitTime> long_waits(const std::vector<WaitTime>& waits, TimeUs at_least_us) {
  std::vector<WaitTime> out;
  for (const auto& w : waits)
    if (w.wait_us() >= at_least_us) out.push_back(w);
  std::sort(out.begin(), out.end(), [](const WaitTime& a, const WaitTime& b) { return a.at_us < b.at_us; });
  return out;
}

std::string talk_summary_line(const TalkAnalysis& a) {
  auto pct = [](double share) { return std::to_string(static_cast<int>(std::lround(share * 100))) + "%"; };
  auto secs = [](TimeUs t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", to_seconds(t));
    return std::string(buf);
  };
  std::string line = "Teacher talk " + pct(a.teacher_share) + " (" + format_time_short(a.teacher_us) + "), pupil talk " +
                     pct(a.pupil_share) + " (" + format_time_short(a.pupil_us) + "), silence " + pct(a.silence_share) + "; ";
  if (a.wait_times.empty()) return line + "no question marked, so no wait time.";
  const std::size_t n = a.wait_times.size();
  line += "wait time after " + std::to_string(n) + (n == 1 ? " question" : " questions") + ": mean " +
          secs(*mean_wait_us(a.wait_times)) + ", median " + secs(*median_wait_us(a.wait_times)) + ", " +
          std::to_string(long_waits(a.wait_times).size()) + " of 3 s or more.";
  return line;
}

}  // namespace triad
