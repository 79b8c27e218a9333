// Choosing the sound heard (issue 15): the window's `sound` command and `triad play
// --session --sound` play the chosen recording's sound (a camera's or a microphone's), or
// all of them mixed, in place of the session clock's, at the session time (offset applied),
// silent before it starts; the choice is kept per session. Real engine and a sound device
// that keeps what it is given; clips with a distinct tone each, made with ffmpeg at test time.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <cmath>
#include <cstring>
#include <mutex>
#include <numbers>
#include <sys/wait.h>
#include <thread>

#include "app/player_media.hpp"
#include "app/recordings.hpp"
#include "app/session_sound.hpp"
#include "app/workstation.hpp"
#include "lesson_sound.hpp"
#include "playback/clock.hpp"
#include "playback/null_sinks.hpp"
#include "store/library.hpp"

namespace triad {
namespace {

namespace fs = std::filesystem;
using test::make_media;

constexpr int kRate = 48000;

// A sound device (real time, by the null sink's clock) that keeps every sample written.
class KeepingSink final : public playback::AudioSink {
 public:
  explicit KeepingSink(playback::Clock& clock) : inner_(clock, media::AudioFormat{}, kRate / 4) {}
  media::AudioFormat format() const override { return inner_.format(); }
  std::int64_t write(const std::uint8_t* data, std::int64_t frames) override {
    const std::int64_t took = inner_.write(data, frames);
    std::lock_guard lock(mutex_);
    const auto* f = reinterpret_cast<const float*>(data);
    kept_.insert(kept_.end(), f, f + took * 2);
    return took;
  }
  std::int64_t frames_buffered() const override { return inner_.frames_buffered(); }
  void set_paused(bool paused) override { inner_.set_paused(paused); }
  void flush() override { inner_.flush(); }
  std::vector<float> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(kept_, {});
  }

 private:
  playback::NullAudioSink inner_;
  std::mutex mutex_;
  std::vector<float> kept_;
};

// Energy of `freq` Hz in channel 0 of interleaved stereo (Goertzel), per sample.
double energy(const std::vector<float>& s, double freq) {
  const double w = 2 * std::numbers::pi * freq / kRate, k = 2 * std::cos(w);
  double a = 0, b = 0;
  for (std::size_t i = 0; i < s.size() / 2; ++i) {
    const double x = s[2 * i] + k * a - b;
    b = a;
    a = x;
  }
  const double n = static_cast<double>(std::max<std::size_t>(1, s.size() / 2));
  return (a * a + b * b - k * a * b) / (n * n);
}

class SessionSound : public ::testing::Test {
 protected:
  static constexpr double kFront = 440, kTable = 1000, kMic = 2500;
  void SetUp() override {
    auto av = [](int fps, double freq, int seconds) {
      return "-f lavfi -i testsrc2=s=160x120:r=" + std::to_string(fps) + ":d=" + std::to_string(seconds) +
             " -f lavfi -i sine=f=" + std::to_string(static_cast<int>(freq)) + ":r=44100:d=" + std::to_string(seconds) +
             " -c:v libx264 -preset ultrafast -g 15 -c:a aac -shortest";
    };
    front = make_media("snd_front.mp4", av(30, kFront, 12));
    table = make_media("snd_table.mp4", av(25, kTable, 10));
    mic = make_media("snd_mic.m4a", "-f lavfi -i sine=f=2500:r=16000:d=8 -c:a aac");
    mute = make_media("snd_mute.mp4", "-f lavfi -i testsrc2=s=160x120:r=25:d=5 -c:v libx264 -preset ultrafast");
    ASSERT_FALSE(front.empty() || table.empty() || mic.empty() || mute.empty()) << "ffmpeg could not make the clips";
    db = test::lesson_dir() / ("sound-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".triad");
    fs::remove(db);
    auto l = store::Library::open(db);
    ASSERT_TRUE(l.ok()) << l.error().message;
    lib.emplace(std::move(*l));
    Session s;
    s.title = "Tones";
    s.date = "2026-12-07";
    auto added = lib->add_session(s);
    ASSERT_TRUE(added.ok());
    session = added->id;
    auto add = [&](const fs::path& p, const char* label, RecordingRole role, TimeUs offset) -> RowId {
      auto r = app::add_recording(*lib, session, {p.string(), label, role});
      EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
      if (!r.ok()) return 0;
      if (offset != 0) {
        EXPECT_TRUE(app::set_recording_offset(*lib, session, r->id, offset).ok());
      }
      return r->id;
    };
    front_id = add(front, "Front", RecordingRole::Camera, 0);
    table_id = add(table, "Pupil table", RecordingRole::Camera, 2'000'000);   // heard over [2, 12) s
    mic_id = add(mic, "Teacher mic", RecordingRole::Microphone, 3'000'000);  // heard over [3, 11) s
    mute_id = add(mute, "No sound", RecordingRole::Camera, 0);
  }
  void TearDown() override {
    ws.reset();
    media.reset();
    lib.reset();
    fs::remove(db);
  }
  void start_window() {
    ws.reset();
    media.reset();
    media = std::make_unique<app::PlayerMedia>(&sink, &video, std::vector<playback::VideoSink*>{&other, &other});
    ws = std::make_unique<app::Workstation>(*lib, *media);
    ASSERT_TRUE(ws->execute("session Tones").ok());
  }
  std::string run(const std::string& line) {
    auto r = ws->execute(line);
    EXPECT_TRUE(r.ok()) << line << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? r->message : "";
  }
  // What the device is given over about half a second of play from session time `at`.
  std::vector<float> heard_at(TimeUs at) {
    run("seek " + std::to_string(static_cast<double>(at) / 1e6));
    EXPECT_TRUE(media->settle(20'000'000));
    sink.take();
    run("play");
    for (int i = 0; i < 25; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      ws->update();
    }
    run("pause");
    auto s = sink.take();
    EXPECT_GT(s.size(), static_cast<std::size_t>(kRate / 4)) << "some sound was played";
    return s;
  }
  // The tone that stands out: its energy over ten times each other's.
  void expect_only(const std::vector<float>& s, double freq, const std::string& what) {
    const double e = energy(s, freq);
    EXPECT_GT(e, 1e-4) << what << ": " << freq << " Hz heard";
    for (double other_f : {kFront, kTable, kMic})
      if (other_f != freq) {
        EXPECT_LT(energy(s, other_f), e / 10) << what << ": " << other_f << " Hz not heard";
      }
  }

  // Runs the `triad` CLI on this library; its exit code, and what it printed in `out`.
  int cli(const std::string& args, std::string* out = nullptr) {
    const fs::path o = test::lesson_dir() / "sound_cli_out.txt";
    const std::string cmd = std::string("'") + TRIAD_CLI + "' --db '" + db.string() + "' " + args + " >'" + o.string() + "' 2>&1";
    const int status = std::system(cmd.c_str());
    if (out) {
      std::ifstream in(o);
      out->assign(std::istreambuf_iterator<char>(in), {});
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  // A file's sound as ffmpeg decodes it: 48 kHz stereo floats (empty when it has none).
  static std::vector<float> decoded_sound(const fs::path& file) {
    const fs::path raw = file.string() + ".f32";
    fs::remove(raw);
    if (!test::shell("ffmpeg -v error -y -i '" + file.string() + "' -vn -f f32le -ac 2 -ar 48000 '" + raw.string() + "'"))
      return {};
    std::ifstream in(raw, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), {});
    std::vector<float> s(bytes.size() / sizeof(float));
    std::memcpy(s.data(), bytes.data(), s.size() * sizeof(float));
    return s;
  }
  static std::vector<float> part(const std::vector<float>& s, double from_s, double to_s) {
    const auto a = std::min(s.size(), static_cast<std::size_t>(from_s * kRate) * 2);
    const auto b = std::min(s.size(), static_cast<std::size_t>(to_s * kRate) * 2);
    return {s.begin() + static_cast<std::ptrdiff_t>(a), s.begin() + static_cast<std::ptrdiff_t>(b)};
  }
  // Adds a comment at session time `at` by the CLI; its id.
  std::string comment_at(const std::string& at) {
    std::string out;
    EXPECT_EQ(cli("--json comment add --session Tones --at " + at + " --text 'Listen'", &out), 0) << out;
    auto j = nlohmann::json::parse(out, nullptr, false);
    return j.is_object() && j.contains("id") ? std::to_string(j["id"].get<std::int64_t>()) : "";
  }

  fs::path front, table, mic, mute, db;
  std::optional<store::Library> lib;
  RowId session = 0, front_id = 0, table_id = 0, mic_id = 0, mute_id = 0;
  playback::SteadyClock clock;
  KeepingSink sink{clock};
  playback::NullVideoSink video, other;
  std::unique_ptr<app::PlayerMedia> media;
  std::unique_ptr<app::Workstation> ws;
};

TEST_F(SessionSound, TheChosenRecordingIsHeardAtItsPlaceAndTheChoiceIsKept) {
  start_window();
  ASSERT_EQ(ws->recordings().size(), 4u);
  expect_only(heard_at(5'000'000), kFront, "by default the session clock's sound");

  EXPECT_EQ(run("sound 2"), "Sound: Pupil table's sound.");  // camera 2 by its tile number
  expect_only(heard_at(5'000'000), kTable, "camera 2");
  EXPECT_EQ(run("sound r" + std::to_string(mic_id)), "Sound: Teacher mic's sound.");  // a microphone by its id
  expect_only(heard_at(5'000'000), kMic, "the microphone");
  // Before the microphone starts (3 s into the session), its sound is silence.
  const auto before = heard_at(1'000'000);
  EXPECT_LT(energy(before, kMic) + energy(before, kFront) + energy(before, kTable), 1e-7) << "silence before it starts";

  // Kept per session: the next window hears the microphone again.
  EXPECT_EQ(app::load_sound_choice(*lib, session), (app::SoundChoice{app::SoundChoice::Kind::Recording, mic_id}));
  start_window();
  EXPECT_EQ(ws->sound_choice().kind, app::SoundChoice::Kind::Recording);
  expect_only(heard_at(6'000'000), kMic, "the microphone after a restart");

  run("sound mix");
  const auto mixed = heard_at(6'000'000);
  for (double f : {kFront, kTable, kMic}) EXPECT_GT(energy(mixed, f), 1e-4) << f << " Hz heard in the mix";
  run("sound clock");
  expect_only(heard_at(6'000'000), kFront, "back to the clock's sound");
  EXPECT_EQ(app::load_sound_choice(*lib, session), app::SoundChoice{});
}

TEST_F(SessionSound, ARecordingWithoutSoundOrNotOfTheSessionIsRefused) {
  start_window();
  run("sound 2");
  auto r = ws->execute("sound r" + std::to_string(mute_id));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("snd_mute.mp4"), std::string::npos) << r.error().message;
  EXPECT_FALSE(ws->execute("sound r999").ok());
  EXPECT_FALSE(ws->execute("sound 9").ok());
  EXPECT_FALSE(ws->execute("sound").ok());
  // The choice stays what it was.
  EXPECT_EQ(ws->sound_choice(), (app::SoundChoice{app::SoundChoice::Kind::Recording, table_id}));
  expect_only(heard_at(5'000'000), kTable, "the choice before the refusals");
}

// A placement that moves (a nudge from the window) moves the sound with it.
TEST_F(SessionSound, TheSoundFollowsANewOffset) {
  start_window();
  run("sound 2");
  run("camera-offset 2 7");  // the table camera now starts at 7 s
  const auto s = heard_at(5'000'000);
  EXPECT_LT(energy(s, kTable), 1e-7) << "silence: the camera has not started at 5 s";
  expect_only(heard_at(8'000'000), kTable, "after its new start");
}

// The window places any recording by its id (`rID`), a microphone too: a typed start and
// 10 ms nudges; a frame nudge is for cameras only; the session clock never moves.
TEST_F(SessionSound, AnyRecordingIsPlacedByItsIdFromTheWindow) {
  start_window();
  const std::string mic_arg = "r" + std::to_string(mic_id);
  EXPECT_EQ(run("camera-offset " + mic_arg + " 4.5"), "Teacher mic now starts at 00:00:04.500 of the session.");
  EXPECT_EQ(app::session_recording(*lib, session, mic_id)->sync_offset_us, 4'500'000);
  EXPECT_EQ(run("camera-offset " + mic_arg + " -10"), "Teacher mic now starts at 00:00:04.490 of the session.");
  EXPECT_EQ(app::session_recording(*lib, session, mic_id)->sync_offset_us, 4'490'000);
  // The window's list follows at once (the Recordings section reads it).
  auto listed = std::find_if(ws->recordings().begin(), ws->recordings().end(), [&](const Recording& r) { return r.id == mic_id; });
  ASSERT_NE(listed, ws->recordings().end());
  EXPECT_EQ(listed->sync_offset_us, 4'490'000);

  auto frames = ws->execute("camera-offset " + mic_arg + " +1f");
  ASSERT_FALSE(frames.ok());
  EXPECT_EQ(frames.error().message, "Teacher mic is a microphone: it has no frames, so nudge it in milliseconds.");
  EXPECT_EQ(app::session_recording(*lib, session, mic_id)->sync_offset_us, 4'490'000);
  // A camera by its id nudges by one of its own frames (25 fps), as by its tile number.
  run("camera-offset r" + std::to_string(table_id) + " +1f");
  EXPECT_EQ(app::session_recording(*lib, session, table_id)->sync_offset_us, 2'040'000);
  run("camera-offset 2 -1f");
  EXPECT_EQ(app::session_recording(*lib, session, table_id)->sync_offset_us, 2'000'000);

  auto on_clock = ws->execute("camera-offset r" + std::to_string(front_id) + " 1");
  ASSERT_FALSE(on_clock.ok());
  EXPECT_NE(on_clock.error().message.find("session clock"), std::string::npos) << on_clock.error().message;
  EXPECT_FALSE(ws->execute("camera-offset r999 1").ok());
  EXPECT_FALSE(ws->execute("camera-offset rx 1").ok());
}

// `align rID` aligns a microphone (or any recording) from the window, as `align N` a camera;
// the clock cannot be aligned to itself.
TEST_F(SessionSound, AMicrophoneIsAlignedByItsIdFromTheWindow) {
  start_window();
  EXPECT_EQ(run("align r" + std::to_string(mic_id)), "Aligning Teacher mic by its sound…");
  EXPECT_EQ(ws->align_state().recording_id, mic_id);
  EXPECT_EQ(ws->align_state().name, "Teacher mic");
  run("align wait");  // tones do not share sound with the camera: refused, said, nothing moves
  EXPECT_FALSE(ws->align_state().running);
  EXPECT_FALSE(ws->align_state().message.empty());
  run("align dismiss");
  auto on_clock = ws->execute("align r" + std::to_string(front_id));
  ASSERT_FALSE(on_clock.ok());
  EXPECT_EQ(on_clock.error().message, "Front is the session clock: the other recordings are aligned to it.");
  EXPECT_FALSE(ws->execute("align r999").ok());
  EXPECT_EQ(ws->align_state().recording_id, 0);
}

// A microphone without a label is "Microphone N" in the window (numbered among the
// session's microphones), a camera without one "Camera N" as on its tile.
TEST_F(SessionSound, UnlabelledRecordingsAreNumberedInTheWindow) {
  const fs::path mic2 = make_media("snd_mic2.m4a", "-f lavfi -i sine=f=700:r=16000:d=4 -c:a aac");
  const fs::path cam3 = make_media("snd_cam3.mp4", "-f lavfi -i testsrc2=s=160x120:r=25:d=3 -c:v libx264 -preset ultrafast");
  ASSERT_FALSE(mic2.empty() || cam3.empty());
  auto m = app::add_recording(*lib, session, {mic2.string(), "", RecordingRole::Microphone});
  auto c = app::add_recording(*lib, session, {cam3.string(), "", RecordingRole::Camera});
  ASSERT_TRUE(m.ok() && c.ok());
  start_window();
  EXPECT_EQ(ws->recording_title(*m), "Microphone 2");  // the labelled Teacher mic is the first
  EXPECT_EQ(ws->recording_title(*c), "Camera 4");      // after Front, Pupil table and No sound
  EXPECT_EQ(run("camera-offset r" + std::to_string(m->id) + " +10"), "Microphone 2 now starts at 00:00:00.010 of the session.");
}

// The window adds a camera or microphone through the same use case as `triad recording add`
// (same refusals, one sentence each, kept for the Recordings section), lists it at once and
// offers to align it; removing asks first, keeps the clock, and takes the sound choice back to
// the clock when the removed recording was the one heard.
TEST_F(SessionSound, RecordingsAreAddedAndRemovedFromTheWindow) {
  const fs::path lapel = make_media("snd_lapel.m4a", "-f lavfi -i sine=f=800:r=16000:d=5 -c:a aac");
  ASSERT_FALSE(lapel.empty());
  start_window();
  run("recording-add");
  EXPECT_TRUE(ws->recording_form().adding);
  EXPECT_EQ(ws->folder().show, "recordings");

  auto refused = ws->execute("recording-add " + app::quote_word(lapel.string()) + " --role camera");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, "snd_lapel.m4a has no picture, so it cannot be a camera; add it as a microphone.");
  EXPECT_EQ(ws->recording_form().error, refused.error().message);
  EXPECT_TRUE(ws->recording_form().adding) << "the form stays open to choose again";
  EXPECT_FALSE(ws->execute("recording-add " + app::quote_word(lapel.string()) + " --role lapel").ok());
  EXPECT_EQ(ws->recordings().size(), 4u);

  EXPECT_EQ(run("recording-add " + app::quote_word(lapel.string()) + " --label Lapel --role teacher-mic"),
            "Lapel is added at the start of the session; align it by its sound to place it.");
  ASSERT_EQ(ws->recordings().size(), 5u);
  const Recording added = ws->recordings().back();
  EXPECT_EQ(added.label, "Lapel");
  EXPECT_EQ(added.role, RecordingRole::TeacherMic);
  EXPECT_FALSE(added.primary);
  EXPECT_EQ(ws->recording_form().added, added.id);
  EXPECT_FALSE(ws->recording_form().adding);
  EXPECT_TRUE(ws->recording_form().error.empty());
  EXPECT_EQ(app::list_recordings(*lib, session)->size(), 5u);
  auto twice = ws->execute("recording-add " + app::quote_word(lapel.string()) + " --role microphone");
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.error().message.find("is already recording"), std::string::npos) << twice.error().message;

  // Removing asks first; the clock stays; confirming removes it from the window and the library.
  const std::string id = "r" + std::to_string(added.id);
  run("sound " + id);
  run("recording-remove " + id);
  EXPECT_EQ(ws->recording_form().removing, added.id);
  EXPECT_EQ(ws->recordings().size(), 5u);
  auto on_clock = ws->execute("recording-remove r" + std::to_string(front_id) + " confirm");
  ASSERT_FALSE(on_clock.ok());
  EXPECT_NE(on_clock.error().message.find("session clock"), std::string::npos) << on_clock.error().message;
  EXPECT_EQ(run("recording-remove " + id + " confirm"), "Lapel is removed from this session (its file is left where it is).");
  EXPECT_EQ(ws->recordings().size(), 4u);
  EXPECT_EQ(app::list_recordings(*lib, session)->size(), 4u);
  EXPECT_EQ(ws->recording_form().removing, 0);
  EXPECT_EQ(ws->sound_choice(), app::SoundChoice{}) << "its sound went with it";
  EXPECT_EQ(app::load_sound_choice(*lib, session), app::SoundChoice{});
  EXPECT_TRUE(fs::exists(lapel)) << "the file is left alone";
}

// `triad play --session --sound`: the CLI plays the chosen sound headless and says which.
// Another program (`triad recording ...` while the window is open) adds, places and removes
// recordings: the open window's recordings follow at its next update, as its comments do.
TEST_F(SessionSound, RecordingsChangedByAnotherProgramReachTheOpenWindow) {
  const fs::path lapel = make_media("snd_lapel2.m4a", "-f lavfi -i sine=f=800:r=16000:d=5 -c:a aac");
  ASSERT_FALSE(lapel.empty());
  start_window();
  ws->update();  // the window's first frame: what the library holds now is what it shows
  ASSERT_EQ(ws->recordings().size(), 4u);
  auto placed = [&](RowId id) -> std::optional<TimeUs> {
    for (const auto& r : ws->recordings())
      if (r.id == id) return r.sync_offset_us;
    return std::nullopt;
  };
  std::string out;
  ASSERT_EQ(cli("recording offset --session Tones --recording " + std::to_string(table_id) + " --set 4.5", &out), 0) << out;
  ws->update();
  EXPECT_EQ(placed(table_id), std::optional<TimeUs>(4'500'000));
  ASSERT_EQ(cli("recording add --session Tones " + app::quote_word(lapel.string()) + " --label Lapel --role teacher-mic", &out), 0)
      << out;
  ws->update();
  ASSERT_EQ(ws->recordings().size(), 5u);
  EXPECT_EQ(ws->recordings().back().label, "Lapel");
  ASSERT_EQ(cli("recording remove --session Tones --recording " + std::to_string(mic_id), &out), 0) << out;
  ws->update();
  EXPECT_EQ(ws->recordings().size(), 4u);
  EXPECT_FALSE(placed(mic_id).has_value());
  EXPECT_EQ(placed(table_id), std::optional<TimeUs>(4'500'000));
}

TEST_F(SessionSound, TheCliPlaysTheChosenSound) {
  std::string out;
  ASSERT_EQ(cli("--json play --session Tones --headless --seconds 1 --start 4 --sound " + std::to_string(mic_id), &out), 0) << out;
  auto j = nlohmann::json::parse(out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << out;
  EXPECT_EQ(j["sound"], "Teacher mic's sound");
  EXPECT_GT(j["sound_frames"].get<std::int64_t>(), 0);
  // Without --sound: the one kept for the session.
  ASSERT_TRUE(app::save_sound_choice(*lib, session, {app::SoundChoice::Kind::Mix, 0}).ok());
  ASSERT_EQ(cli("--json play --session Tones --headless --seconds 1 --start 4", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out, nullptr, false)["sound"], "every recording's sound mixed");
  EXPECT_EQ(cli("play --session Tones --headless --seconds 1 --sound loud", &out), 2) << out;
  EXPECT_EQ(cli("play --session Tones --headless --seconds 1 --sound " + std::to_string(mute_id), &out), 1) << out;
  EXPECT_NE(out.find("snd_mute.mp4"), std::string::npos) << out;
  EXPECT_EQ(cli("play '" + front.string() + "' --headless --seconds 1 --sound mix", &out), 2) << out;
}

// `triad clip --recording N --sound M`: camera N's picture with recording M's sound at the
// same session time (the table camera's [3, 5) s of its own time is the session's [5, 7) s,
// where the microphone plays); silence where the chosen recording has none.
TEST_F(SessionSound, AClipHasOneCamerasPictureAndAnotherRecordingsSound) {
  const std::string six = comment_at("6"), early = comment_at("2.5");
  ASSERT_FALSE(six.empty() || early.empty());
  const fs::path out1 = test::lesson_dir() / "sound_clip_mic.mp4";
  std::string out;
  ASSERT_EQ(cli("clip --session Tones --comment " + six + " --pre 1 --post 1 --recording " + std::to_string(table_id) +
                    " --sound " + std::to_string(mic_id) + " -o '" + out1.string() + "'", &out), 0) << out;
  auto s = decoded_sound(out1);
  ASSERT_GT(s.size(), static_cast<std::size_t>(kRate * 3)) << "two seconds of sound";
  expect_only(part(s, 0.1, 1.9), kMic, "the microphone in the table camera's clip");

  // The front camera's picture from 1.5 s of the session with the microphone, which starts at
  // 3 s: silence for the first 1.5 s, then its tone.
  const fs::path out2 = test::lesson_dir() / "sound_clip_late.mp4";
  ASSERT_EQ(cli("clip --session Tones --comment " + early + " --pre 1 --post 1 --sound r" + std::to_string(mic_id) +
                    " -o '" + out2.string() + "'", &out), 0) << out;
  s = decoded_sound(out2);
  const auto quiet = part(s, 0.05, 1.4), loud = part(s, 1.6, 1.95);
  EXPECT_LT(energy(quiet, kMic) + energy(quiet, kFront), 1e-7) << "silence before the microphone starts";
  expect_only(loud, kMic, "the microphone once it starts");

  // The picture's own sound without --sound; all of them with mix.
  const fs::path out3 = test::lesson_dir() / "sound_clip_mix.mp4";
  ASSERT_EQ(cli("clip --session Tones --comment " + six + " --pre 1 --post 1 --sound mix -o '" + out3.string() + "'", &out), 0) << out;
  s = decoded_sound(out3);
  for (double f : {kFront, kTable, kMic}) EXPECT_GT(energy(part(s, 0.1, 1.9), f), 1e-4) << f << " Hz in the mix";
  EXPECT_EQ(cli("clip --session Tones --comment " + six + " --sound loud -o '" + out3.string() + "'", &out), 2) << out;
}

// The window's clip export (Export panel, `export clip`) has the sound chosen to be heard.
TEST_F(SessionSound, TheWindowsClipHasTheSoundHeard) {
  const std::string six = comment_at("6");
  start_window();
  run("sound r" + std::to_string(mic_id));
  const fs::path out = test::lesson_dir() / "sound_window_clip.mp4";
  fs::remove(out);
  run("export clip \"" + out.string() + "\" 1 1 --comment " + six);
  run("export wait");
  ASSERT_NE(ws->export_job(), nullptr);
  ASSERT_TRUE(ws->export_job()->result() && ws->export_job()->result()->ok());
  expect_only(part(decoded_sound(out), 0.1, 1.9), kMic, "the window's clip");
}

}  // namespace
}  // namespace triad
