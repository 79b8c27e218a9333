#include "app/talk_analysis.hpp"

#include "app/background_priority.hpp"
#include "base/wall_clock.hpp"
#include "base/worker_guard.hpp"
#include "core/recording_clock.hpp"
#include "media/fingerprint.hpp"
#include "media/voice_features.hpp"
#include "store/analysis_cache.hpp"
#include "store/workflow.hpp"

namespace triad::app {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

VoiceTrack to_track(const media::VoiceFeatures& f) {
  VoiceTrack t;
  t.frame_us = f.frame_us;
  t.frames.resize(f.frames.size());
  for (std::size_t i = 0; i < f.frames.size(); ++i) {
    const auto& s = f.frames[i];
    auto& d = t.frames[i];
    d.vad = s.vad;
    d.level_db = s.level_db;
    d.pitch_hz = s.pitch_hz;
    d.has_mfcc = s.has_mfcc;
    for (int k = 0; k < kMfccCoefficients && k < media::kVoiceMfcc; ++k)
      d.mfcc[static_cast<std::size_t>(k)] = s.mfcc[static_cast<std::size_t>(k)];
  }
  return t;
}

// The teacher microphone's frames at the room's frames: room frame i shows session time
// session_time_of(room, middle of frame i); the microphone's frame is the one holding its
// own media time for that moment (offset and drift applied). Outside the microphone's
// recording the frames stay silent.
VoiceTrack align_to_room(const VoiceTrack& mic, const VoiceTrack& room, const TalkSources& s) {
  Recording room_clock, mic_clock;
  room_clock.sync_offset_us = s.room_offset_us;
  room_clock.drift_ppb = s.room_drift_ppb;
  mic_clock.sync_offset_us = s.mic_offset_us;
  mic_clock.drift_ppb = s.mic_drift_ppb;
  VoiceTrack out;
  out.frame_us = room.frame_us;
  out.frames.resize(room.frames.size());
  const TimeUs f = room.frame_us;
  for (std::size_t i = 0; i < room.frames.size(); ++i) {
    const TimeUs session_us = session_time_of(room_clock, static_cast<TimeUs>(i) * f + f / 2);
    const TimeUs mic_us = recording_time_at(mic_clock, session_us);
    if (mic_us < 0) continue;
    const auto j = static_cast<std::size_t>(mic_us / mic.frame_us);
    if (j < mic.frames.size()) out.frames[i] = mic.frames[j];
  }
  return out;
}

std::string file_label(const Recording& r) {
  const std::string name = fs::path(r.path).filename().string();
  return r.label.empty() ? name : r.label + " (" + name + ")";
}

}  // namespace

std::string TalkSources::cache_key() const {
  if (!teacher_mic) return room_fingerprint;
  return room_fingerprint + "|" + mic_fingerprint + "|" + std::to_string(room_offset_us) + "|" +
         std::to_string(room_drift_ppb) + "|" + std::to_string(mic_offset_us) + "|" + std::to_string(mic_drift_ppb);
}

std::string TalkSources::describe() const {
  if (!teacher_mic) return "the room sound " + room_label + " alone (voices clustered)";
  return "teacher talk from the teacher microphone " + mic_label + ", pupil talk from the room sound " + room_label;
}

Result<TalkSources> talk_sources(store::Library& lib, RowId session_id, const std::optional<fs::path>& mic_override) {
  auto recs = lib.recordings_for_session(session_id);
  if (!recs) return recs.error();
  if (recs->empty()) return make_error("Session " + std::to_string(session_id) + " has no recording to analyse.");
  // The room: the session clock, unless that is the teacher's own microphone.
  const Recording* room = session_clock(*recs);
  if (room->role == RecordingRole::TeacherMic)
    for (const auto& r : *recs)
      if (r.role != RecordingRole::TeacherMic) {
        room = &r;
        break;
      }
  const Recording* mic = nullptr;
  if (!mic_override)
    for (const auto& r : *recs)
      if (r.role == RecordingRole::TeacherMic && &r != room) {
        mic = &r;
        break;
      }
  TalkSources s;
  s.room = room->path;
  s.room_label = file_label(*room);
  s.room_offset_us = room->sync_offset_us;
  s.room_drift_ppb = room->drift_ppb;
  if (!fs::exists(s.room))
    return make_error("The recording " + room->path + " is not where it was last seen; relink it before analysing.");
  // The library's own fingerprint of each recording keys the cache: hashing the files again
  // here read megabytes on every session opening, on the window's thread.
  auto fingerprint_of = [](const Recording& r) -> Result<std::string> {
    if (!r.fingerprint.empty()) return r.fingerprint;
    return media::fingerprint_file(r.path);
  };
  auto fp = fingerprint_of(*room);
  if (!fp) return fp.error();
  s.room_fingerprint = *fp;
  if (mic_override) {  // a file given by hand: taken as starting with the room
    auto mfp = media::fingerprint_file(*mic_override);
    if (!mfp) return mfp.error();
    s.teacher_mic = *mic_override;
    s.mic_fingerprint = *mfp;
    s.mic_label = mic_override->filename().string();
    s.mic_offset_us = s.room_offset_us;
    s.mic_drift_ppb = s.room_drift_ppb;
  } else if (mic) {
    if (!fs::exists(mic->path))
      return make_error("The teacher microphone " + mic->path + " is not where it was last seen; relink it before analysing.");
    auto mfp = fingerprint_of(*mic);
    if (!mfp) return mfp.error();
    s.teacher_mic = fs::path(mic->path);
    s.mic_fingerprint = *mfp;
    s.mic_label = file_label(*mic);
    s.mic_offset_us = mic->sync_offset_us;
    s.mic_drift_ppb = mic->drift_ppb;
  }
  return s;
}

Result<TalkLabels> compute_talk_labels(const TalkSources& sources, const media::ProgressFn& progress) {
  const double parts = sources.teacher_mic ? 2.0 : 1.0;
  media::VoiceFeatureOptions o;
  o.progress = [&](double f) { return !progress || progress(f / parts); };
  auto room = media::extract_voice_features(sources.room, o);
  if (!room) return room.error();
  std::optional<media::VoiceFeatures> mic;
  if (sources.teacher_mic) {
    o.progress = [&](double f) { return !progress || progress((1.0 + f) / parts); };
    auto m = media::extract_voice_features(*sources.teacher_mic, o);
    if (!m) return m.error();
    mic = std::move(*m);
  }
  const VoiceTrack room_track = to_track(*room);
  if (mic) {
    const VoiceTrack fitted = align_to_room(to_track(*mic), room_track, sources);  // the room's length decides
    return label_talk(room_track, &fitted);
  }
  return label_talk(room_track, nullptr);
}

std::string labels_to_json(const TalkLabels& l) {
  json runs = json::array();
  const auto& f = l.frame_speaker;
  for (std::size_t i = 0; i < f.size();) {
    std::size_t e = i;
    while (e < f.size() && f[e] == f[i]) ++e;
    runs.push_back({e - i, static_cast<int>(f[i])});
    i = e;
  }
  return json{{"frame_us", l.frame_us},
              {"method", l.method},
              {"confidence", l.confidence},
              {"note", l.confidence_note},
              {"runs", runs}}
      .dump();
}

std::optional<TalkLabels> labels_from_json(const std::string& text) {
  auto j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  try {
    TalkLabels l;
    l.frame_us = j.at("frame_us").get<TimeUs>();
    l.method = j.at("method").get<std::string>();
    l.confidence = j.at("confidence").get<double>();
    l.confidence_note = j.at("note").get<std::string>();
    if (l.frame_us <= 0) return std::nullopt;
    for (const auto& r : j.at("runs")) {
      const auto len = r.at(0).get<std::size_t>();
      const int who = r.at(1).get<int>();
      if (who < 0 || who > 2 || len > (std::size_t{1} << 32) || l.frame_speaker.size() + len > (std::size_t{1} << 32))
        return std::nullopt;
      l.frame_speaker.insert(l.frame_speaker.end(), len, static_cast<Speaker>(who));
    }
    return l;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

std::optional<TalkLabels> cached_talk_labels(store::Library& lib, const TalkSources& sources) {
  auto c = store::get_cached_analysis(lib, "talk", sources.cache_key(), kTalkAlgorithmVersion);
  if (!c || !*c) return std::nullopt;
  return labels_from_json(**c);
}

Status cache_talk_labels(store::Library& lib, const TalkSources& sources, const TalkLabels& labels) {
  return store::put_cached_analysis(lib, "talk", sources.cache_key(), kTalkAlgorithmVersion, labels_to_json(labels),
                                    now_ms());
}

std::optional<CachedTalk> cached_session_talk(store::Library& lib, RowId session_id) {
  auto sources = talk_sources(lib, session_id);
  if (!sources) return std::nullopt;
  auto labels = cached_talk_labels(lib, *sources);
  if (!labels) return std::nullopt;
  return CachedTalk{std::move(*labels), sources->describe()};
}

std::optional<TalkAnalysis> cached_session_analysis(store::Library& lib, RowId session_id,
                                                    const std::vector<Comment>& visible) {
  auto c = cached_session_talk(lib, session_id);
  if (!c) return std::nullopt;
  return summarise_talk(c->labels, question_moments(visible));
}

Result<TalkRun> analyse_session_talk(store::Library& lib, RowId session_id, RowId viewer_id, const TalkRunOptions& o) {
  auto sources = talk_sources(lib, session_id, o.teacher_mic);
  if (!sources) return sources.error();
  TalkRun run;
  run.source = sources->describe();
  std::optional<TalkLabels> labels;
  if (o.use_cache) labels = cached_talk_labels(lib, *sources);
  run.from_cache = labels.has_value();
  if (!labels) {
    auto computed = compute_talk_labels(*sources, o.progress);
    if (!computed) return computed.error();
    labels = std::move(*computed);
    if (o.use_cache)
      if (auto s = cache_talk_labels(lib, *sources, *labels); !s) return s.error();
  }
  auto visible = store::list_visible_comments(lib, session_id, viewer_id);
  if (!visible) return visible.error();
  run.analysis = summarise_talk(*labels, question_moments(*visible));
  return run;
}

json talk_json(const TalkAnalysis& a) {
  auto waits = [](const std::vector<WaitTime>& v) {
    json out = json::array();
    for (const auto& w : v)
      out.push_back({{"at_us", w.at_us}, {"wait_s", to_seconds(w.wait_us())}, {"from_us", w.from_us}, {"to_us", w.to_us}});
    return out;
  };
  double mean = 0;
  for (const auto& w : a.wait_times) mean += to_seconds(w.wait_us());
  json spans = json::array();
  for (const auto& s : a.spans) spans.push_back({{"start_us", s.start_us}, {"end_us", s.end_us}, {"who", to_string(s.who)}});
  return {{"duration_s", to_seconds(a.duration_us)},
          {"teacher_talk_s", to_seconds(a.teacher_us)},
          {"pupil_talk_s", to_seconds(a.pupil_us)},
          {"silence_s", to_seconds(a.silence_us)},
          {"teacher_share", a.teacher_share},
          {"pupil_share", a.pupil_share},
          {"silence_share", a.silence_share},
          {"turns", a.turns},
          {"longest_teacher_monologue_s", to_seconds(a.longest_teacher_monologue_us)},
          {"longest_teacher_monologue_at_us", a.longest_teacher_monologue_start_us},
          {"method", a.method},
          {"wait_time_median_s", a.wait_times.empty() ? json(nullptr) : json(to_seconds(*median_wait_us(a.wait_times)))},
          {"confidence", a.confidence},
          {"confidence_note", a.confidence_note},
          {"wait_times", waits(a.wait_times)},
          {"wait_time_mean_s", a.wait_times.empty() ? json(nullptr) : json(mean / static_cast<double>(a.wait_times.size()))},
          {"wait_times_after_answers", waits(a.wait_times_after_answers)},
          {"spans", spans}};
}

TalkJob::TalkJob(TalkSources sources, Work work) : sources_(std::move(sources)) {
  if (!work) work = [](const TalkSources& s, const media::ProgressFn& p) { return compute_talk_labels(s, p); };
  worker_ = std::thread([this, work = std::move(work)] {
    lower_this_thread_priority();
    Result<TalkLabels> r = make_error("The talk analysis of " + sources_.room.string() + " failed.");
    auto guarded = run_guarded("the talk analysis of " + sources_.room.string(), [&] {
      r = work(sources_, [this](double f) {
        fraction_ = f;
        return !cancel_.load();
      });
    });
    if (!guarded) r = guarded.error();
    {
      std::lock_guard lock(mutex_);
      result_ = std::move(r);
    }
    done_ = true;
  });
}

TalkJob::~TalkJob() {
  cancel_ = true;
  if (worker_.joinable()) worker_.join();
}

std::optional<Result<TalkLabels>> TalkJob::take() {
  if (!done_) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto r = std::move(result_);
  result_.reset();
  return r;
}

}  // namespace triad::app
