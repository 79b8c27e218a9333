// Recordings of a session: the session clock and time mapping (core), labels, roles and
// drift in the library (store, migration 5), and the `triad recording` / `triad frame
// --session` commands driven as a user would.
#include <cstdlib>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/recordings.hpp"
#include "core/recording_clock.hpp"
#include "media/probe.hpp"
#include "lesson_sound.hpp"
#include "media/decoder.hpp"
#include "store/library.hpp"
#include "store/migrations.hpp"
#include "store/sqlite.hpp"

namespace triad {
namespace {

using nlohmann::json;
using test::lesson_dir;
using test::make_media;

Recording rec(RowId id, bool primary, TimeUs offset = 0, std::int64_t drift_ppb = 0) {
  Recording r;
  r.id = id;
  r.primary = primary;
  r.sync_offset_us = offset;
  r.drift_ppb = drift_ppb;
  r.duration_us = 60'000'000;
  return r;
}

TEST(RecordingClock, SessionClockIsThePrimaryElseTheOldest) {
  EXPECT_EQ(session_clock({}), nullptr);
  std::vector<Recording> v{rec(5, false), rec(3, false), rec(7, true), rec(9, true)};
  EXPECT_EQ(session_clock(v)->id, 7);
  v[2].primary = false;
  EXPECT_EQ(session_clock(v)->id, 9);
  v[3].primary = false;
  EXPECT_EQ(session_clock(v)->id, 3);
}

TEST(RecordingClock, OffsetAndDriftMapBothWays) {
  // Starts 3.2 s into the session; its clock runs 100 ppm fast.
  Recording r = rec(2, false, 3'200'000, 100'000);
  EXPECT_EQ(recording_time_at(r, 3'200'000), 0);
  EXPECT_EQ(recording_time_at(r, 0), -3'200'320);  // before it starts: negative
  // 100 minutes into the recording's own time are 0.6 s less of session time.
  const TimeUs hundred_min = TimeUs{6000} * 1'000'000;
  EXPECT_EQ(session_time_of(r, hundred_min), 3'200'000 + 5'999'400'060);
  for (TimeUs s : {TimeUs{3'200'000}, TimeUs{1'234'567'891}, TimeUs{-5'000'000}, 3'200'000 + hundred_min})
    EXPECT_LE(std::llabs(session_time_of(r, recording_time_at(r, s)) - s), 1) << s;
  const SessionSpan span = session_span(r);
  EXPECT_EQ(span.start_us, 3'200'000);
  EXPECT_EQ(span.end_us, session_time_of(r, r.duration_us));
}

// Another recording's time read from a leader's own time (the sound of one recording beside
// another's picture): the same as going through session time, for any offsets and drifts.
TEST(RecordingClock, PlacementOnAnotherRecordingComposesOffsetAndDrift) {
  const Recording leader = rec(2, false, 1'200'000, 50'000), other = rec(3, false, -700'000, -80'000);
  const Placement p = placement_on(leader, other);
  const TimeUs hundred_min = TimeUs{6000} * 1'000'000;
  for (TimeUs u : {TimeUs{0}, TimeUs{1'900'000}, TimeUs{754'321'000}, hundred_min}) {
    const TimeUs via_session = recording_time_at(other, session_time_of(leader, u));
    const auto placed = static_cast<TimeUs>(std::llround(static_cast<double>(u - p.offset_us) * (1e9 + static_cast<double>(p.drift_ppb)) / 1e9));
    // The composed drift is whole parts per billion: within half a µs per 1000 s.
    EXPECT_LE(std::llabs(placed - via_session), 4) << u;
  }
  // On the session clock (offset 0, no drift) the placement is the recording's own.
  const Placement on_clock = placement_on(rec(1, true), other);
  EXPECT_EQ(on_clock.offset_us, other.sync_offset_us);
  EXPECT_EQ(on_clock.drift_ppb, other.drift_ppb);
}

TEST(RecordingClock, CameraNameIsTheLabelElseItsNumber) {
  Recording r;
  EXPECT_EQ(camera_name(r, 3), "Camera 3");
  r.label = "Pupil table";
  EXPECT_EQ(camera_name(r, 3), "Pupil table");
}

TEST(RecordingRoleNames, RoundTrip) {
  for (auto r : {RecordingRole::Camera, RecordingRole::Microphone, RecordingRole::TeacherMic})
    EXPECT_EQ(parse_recording_role(to_string(r)), r);
  EXPECT_EQ(to_string(RecordingRole::TeacherMic), "teacher-mic");
  EXPECT_FALSE(parse_recording_role("lapel"));
}

struct TempLib {
  std::filesystem::path path = lesson_dir() / ("lib-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                               ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".triad");
  TempLib() { std::filesystem::remove(path); }
  ~TempLib() { std::filesystem::remove(path); }
};

// Libraries made before migration 5 held every recording as primary; upgrading keeps one
// session clock per session (the oldest) and gives the others camera role, no label, no drift.
TEST(RecordingStore, MigrationKeepsOneClockPerSession) {
  TempLib t;
  {
    auto db = store::Db::open(t.path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(db.ok()) << db.error().message;
    for (const auto& m : store::all_migrations()) {
      if (m.version > 4) break;
      ASSERT_TRUE(db->exec(m.sql).ok()) << m.name;
    }
    ASSERT_TRUE(db->exec("PRAGMA application_id = " + std::to_string(store::kApplicationId) +
                         "; PRAGMA user_version = 4;"
                         "INSERT INTO sessions(id, uuid, title, created_at_ms) VALUES "
                         "(1, '8d7f4c1e-1a2b-4c3d-9e8f-0a1b2c3d4e5f', 'L', 0);"
                         "INSERT INTO recordings(id, session_id, path, fingerprint) VALUES (4, 1, '/a', 'fa'), "
                         "(6, 1, '/b', 'fb');")
                    .ok());
  }
  auto lib = store::Library::open(t.path);
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  auto recs = lib->recordings_for_session(1);
  ASSERT_TRUE(recs.ok());
  ASSERT_EQ(recs->size(), 2u);
  EXPECT_TRUE((*recs)[0].primary);
  EXPECT_EQ((*recs)[0].id, 4);
  EXPECT_FALSE((*recs)[1].primary);
  EXPECT_EQ((*recs)[1].role, RecordingRole::Camera);
  EXPECT_EQ((*recs)[1].drift_ppb, 0);
}

TEST(RecordingStore, LabelRoleDriftStoredAndRemovingTheClockPassesIt) {
  TempLib t;
  auto lib = store::Library::open(t.path);
  ASSERT_TRUE(lib.ok());
  Session s;
  s.title = "Fractions";
  const RowId sid = lib->add_session(s)->id;
  Recording a = rec(0, true);
  a.session_id = sid;
  a.path = "/front.mp4";
  a.fingerprint = "f1";
  a.label = "Front";
  Recording b = a;
  b.primary = false;
  b.path = "/lapel.m4a";
  b.fingerprint = "f2";
  b.label = " Teacher mic ";
  b.role = RecordingRole::TeacherMic;
  b.sync_offset_us = 1'750'000;
  b.drift_ppb = -12'345;
  a = *lib->add_recording(a);
  b = *lib->add_recording(b);
  auto got = lib->get_recording(b.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->label, "Teacher mic");
  EXPECT_EQ(got->role, RecordingRole::TeacherMic);
  EXPECT_EQ(got->drift_ppb, -12'345);
  EXPECT_EQ(got->sync_offset_us, 1'750'000);
  ASSERT_TRUE(lib->remove_recording(a.id).ok());
  got = lib->get_recording(b.id);
  EXPECT_TRUE(got->primary);
  EXPECT_EQ(got->sync_offset_us, 1'750'000) << "session time must not move when the clock is removed";
}

// ---- the CLI -------------------------------------------------------------------------

struct CliResult {
  int code = -1;
  std::string out, err;
};

CliResult triad_cli(const std::string& args) {
  const auto out = lesson_dir() / "cli_out.txt", err = lesson_dir() / "cli_err.txt";
  const std::string cmd = std::string("'") + TRIAD_CLI + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(cmd.c_str());
  CliResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  auto slurp = [](const std::filesystem::path& p) {
    std::FILE* f = std::fopen(p.c_str(), "rb");
    std::string s;
    if (!f) return s;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) s.append(buf, n);
    std::fclose(f);
    return s;
  };
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

class RecordingCli : public ::testing::Test {
 protected:
  void SetUp() override {
    speech = test::lesson_speech();
    if (speech.empty()) {
      // Skip only when the tool is absent; a present espeak-ng that makes nothing is a failure.
      if (std::system("espeak-ng --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "espeak-ng is not installed";
      FAIL() << "espeak-ng is installed but the lesson's speech could not be made";
    }
    const std::string sp = "'" + speech.string() + "'";
    auto audio = [&](int input, double start, double len, int rate, int seed, const std::string& extra = "") {
      char buf[512];
      std::snprintf(buf, sizeof buf,
                    "-filter_complex \"[%d:a]atrim=%.3f:%.3f,asetpts=PTS-STARTPTS,aresample=%d%s[s];"
                    "anoisesrc=c=pink:seed=%d:a=0.03:r=%d:d=%.3f[n];[s][n]amix=inputs=2:duration=first:normalize=0[a]\"",
                    input, start, start + len, rate, extra.c_str(), seed, rate, len);
      return std::string(buf);
    };
    // Cameras burn in their own frame number (testsrc2 draws none of its own that tests read).
    front = make_media("cli_front.mp4", "-f lavfi -i testsrc2=s=160x120:r=30:d=40 -i " + sp + " " +
                                            audio(1, 0, 40, 48000, 1) +
                                            " -map 0:v -map \"[a]\" -c:v libx264 -preset ultrafast -g 15 -c:a aac");
    table = make_media("cli_table.mp4", "-f lavfi -i testsrc2=s=160x120:r=25:d=35 -i " + sp + " " +
                                            audio(1, 3.2, 35, 44100, 2, ",volume=0.5,lowpass=f=3000") +
                                            " -map 0:v -map \"[a]\" -c:v libx264 -preset ultrafast -g 25 -c:a aac");
    lapel = make_media("cli_lapel.m4a", "-i " + sp + " " + audio(0, 1.75, 35, 16000, 3) + " -map \"[a]\" -c:a aac");
    auto other = test::other_speech();
    unrelated = make_media("cli_unrelated.m4a", "-i '" + other.string() + "' " + audio(0, 0, 30, 44100, 4) +
                                                    " -map \"[a]\" -c:a aac");
    ASSERT_FALSE(front.empty() || table.empty() || lapel.empty() || unrelated.empty());
    db = lt.path.string();
    ASSERT_EQ(cli("session create --title Fractions").code, 0);
  }
  CliResult cli(const std::string& args) { return triad_cli("--db '" + db + "' " + args); }
  std::filesystem::path speech, front, table, lapel, unrelated;
  TempLib lt;
  std::string db;
};

TEST_F(RecordingCli, AddListAlignOffsetRemoveAndFrame) {
  ASSERT_EQ(cli("recording add --session Fractions '" + front.string() + "' --label Front").code, 0);
  auto r = cli("recording add --session Fractions '" + table.string() + "' --label 'Pupil table'");
  ASSERT_EQ(r.code, 0) << r.err;
  r = cli("recording add --session Fractions '" + lapel.string() + "' --label 'Teacher mic' --role teacher-mic");
  ASSERT_EQ(r.code, 0) << r.err;
  // A microphone cannot be a camera; a bad role is a usage error.
  EXPECT_EQ(cli("recording add --session Fractions '" + unrelated.string() + "'").code, 1);
  EXPECT_EQ(cli("recording add --session Fractions '" + unrelated.string() + "' --role lapel").code, 2);
  ASSERT_EQ(cli("recording add --session Fractions '" + unrelated.string() + "' --role microphone").code, 0);

  r = cli("--json recording list --session Fractions");
  ASSERT_EQ(r.code, 0) << r.err;
  auto list = json::parse(r.out);
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0]["clock"], true);
  EXPECT_EQ(list[0]["label"], "Front");
  EXPECT_EQ(list[2]["role"], "teacher-mic");
  for (const char* k : {"id", "label", "role", "path", "offset_us", "drift_ppb"}) EXPECT_TRUE(list[1].contains(k)) << k;
  const int table_id = list[1]["id"], lapel_id = list[2]["id"], unrelated_id = list[3]["id"];

  // Unrelated sound: exit 1, one sentence, nothing stored.
  r = cli("recording align --session Fractions --recording " + std::to_string(unrelated_id));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("does not share sound"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  ASSERT_EQ(cli("recording remove --session Fractions --recording " + std::to_string(unrelated_id)).code, 0);

  r = cli("--json recording align --session Fractions");
  ASSERT_EQ(r.code, 0) << r.err;
  list = json::parse(cli("--json recording list --session Fractions").out);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_NEAR(list[1]["offset_us"].get<double>(), 3'200'000, 33'333);
  EXPECT_NEAR(list[2]["offset_us"].get<double>(), 1'750'000, 10'000);

  // Must show: the table camera's frame at session time T is its own linear decode at
  // T - offset (drift applied), and the command says so by md5.
  const TimeUs offset = list[1]["offset_us"];
  const std::int64_t drift = list[1]["drift_ppb"];
  Recording placed;
  placed.sync_offset_us = offset;
  placed.drift_ppb = drift;
  for (double t : {3.3, 10.0, 21.37, 37.9}) {
    char at[32];
    std::snprintf(at, sizeof at, "%.3f", t);
    r = cli("frame --session Fractions --recording " + std::to_string(table_id) + " --at " + at + " --md5");
    ASSERT_EQ(r.code, 0) << r.err;
    const TimeUs own = recording_time_at(placed, static_cast<TimeUs>(t * 1e6));
    std::string expected;
    media::DecoderOptions opt;
    opt.convert_unusual = false;
    auto dec = media::VideoDecoder::open(table, opt);
    ASSERT_TRUE(dec.ok());
    ASSERT_TRUE((*dec)->decode_all([&](const media::VideoFrame& f) {
      if (f.pts_us <= own) expected = std::to_string(f.pts_us) + " " + media::frame_md5(f);
      return f.pts_us <= own;
    }).ok());
    EXPECT_EQ(r.out, expected + "\n") << "session time " << t;
  }
  // Before the table camera starts, it says so.
  r = cli("frame --session Fractions --recording " + std::to_string(table_id) + " --at 1.0 --md5");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("has not started"), std::string::npos) << r.err;

  // Typed offset and nudge; the clock does not move.
  r = cli("--json recording offset --session Fractions --recording " + std::to_string(lapel_id) + " --set 2.5");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["offset_us"], 2'500'000);
  r = cli("--json recording offset --session Fractions --recording " + std::to_string(lapel_id) + " --nudge -40");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["offset_us"], 2'460'000);
  EXPECT_EQ(cli("recording offset --session Fractions --recording " + std::to_string(list[0]["id"].get<int>()) +
                " --nudge 5")
                .code,
            1);
  EXPECT_EQ(cli("recording offset --session Fractions --recording " + std::to_string(lapel_id)).code, 2);

  // Both cameras play together headless (the microphone is not a picture): each reports its
  // frames; the figures themselves are bench/cameras_figures.sh's.
  r = cli("--json play --session Fractions --headless --start 5 --seconds 1.5 --seeks 2");
  ASSERT_EQ(r.code, 0) << r.err;
  auto played = json::parse(r.out);
  ASSERT_EQ(played["cameras"].size(), 2u) << r.out;
  EXPECT_EQ(played["cameras"][0]["label"], "Front");
  EXPECT_EQ(played["cameras"][1]["label"], "Pupil table");
  EXPECT_GT(played["cameras"][1]["frames_shown"].get<int>(), 0);
  EXPECT_GT(played["seek_all_ms"].get<double>(), 0);
  EXPECT_GE(played["end_us"].get<TimeUs>(), 5'000'000);
  EXPECT_EQ(cli("play --session Fractions").code, 2) << "headless only, as for a file";

  // A clip from the pupil-table camera: the comment's session time, cut in its own time
  // (about 3.2 s earlier), so the clip's first frame is the table camera's at 10 - 1 - offset.
  r = cli("--json comment add --session Fractions --at 10 --text 'Look at the table'");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string comment_id = std::to_string(json::parse(r.out)["id"].get<int>());
  const auto clip_path = lesson_dir() / "table_clip.mp4";
  r = cli("clip --session Fractions --comment " + comment_id + " --pre 1 --post 1 --recording " +
          std::to_string(table_id) + " -o '" + clip_path.string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  auto probed = media::probe(clip_path);
  ASSERT_TRUE(probed.ok()) << probed.error().message;
  EXPECT_NEAR(static_cast<double>(probed->duration_us), 2e6, 0.2e6);
  ASSERT_NE(probed->video(), nullptr);
  const auto& fr = probed->video()->average_frame_rate;
  ASSERT_TRUE(fr.known());
  EXPECT_NEAR(static_cast<double>(fr.num) / fr.den, 25.0, 0.5) << "the table camera (25 fps), not the front (30 fps)";
  // Before the table camera started: refused with a sentence, nothing written.
  r = cli("--json comment add --session Fractions --at 0.5 --text 'Before the table camera'");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string early = std::to_string(json::parse(r.out)["id"].get<int>());
  const auto early_path = lesson_dir() / "early_clip.mp4";
  r = cli("clip --session Fractions --comment " + early + " --pre 0 --post 1 --recording " + std::to_string(table_id) +
          " -o '" + early_path.string() + "'");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("was not recording"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(early_path));
  r = cli("clip --session Fractions --comment " + comment_id + " --recording 999 -o '" + early_path.string() + "'");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("is not a recording of session"), std::string::npos) << r.err;
  EXPECT_EQ(cli("play").code, 2) << "a file or a session";
}

// Issue 15: the report's frames come from the chosen camera, or from every camera side by
// side, each at the comment's session time; a camera not yet recording says so.
TEST(RecordingReport, FramesFromTheChosenCameraOrEveryCamera) {
  const auto front = make_media("report_front.mp4", "-f lavfi -i testsrc2=s=160x120:r=30:d=20 -c:v libx264 -preset ultrafast -g 15");
  const auto table =
      make_media("report_table.mp4", "-f lavfi -i testsrc2=s=160x120:r=25:d=15 -vf hflip -c:v libx264 -preset ultrafast -g 25");
  ASSERT_FALSE(front.empty() || table.empty());
  TempLib lt;
  const std::string db = "--db '" + lt.path.string() + "' ";
  auto cli = [&](const std::string& args) { return triad_cli(db + args); };
  ASSERT_EQ(cli("session create --title Fractions").code, 0);
  ASSERT_EQ(cli("recording add --session Fractions '" + front.string() + "' --label Front").code, 0);
  ASSERT_EQ(cli("recording add --session Fractions '" + table.string() + "' --label 'Pupil table'").code, 0);
  ASSERT_EQ(cli("recording offset --session Fractions --recording 2 --set 3.2").code, 0);
  ASSERT_EQ(cli("comment add --session Fractions --at 1 --text early").code, 0);
  ASSERT_EQ(cli("comment add --session Fractions --at 10 --text later").code, 0);
  const auto html_of = [&](const std::string& extra) {
    const auto out = lesson_dir() / "report_cameras.html";
    std::filesystem::remove(out);
    auto r = cli("report --session Fractions -o '" + out.string() + "' " + extra);
    EXPECT_EQ(r.code, 0) << extra << ": " << r.err;
    std::ifstream in(out);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const auto count = [](const std::string& h, const std::string& what) {
    std::size_t n = 0;
    for (auto at = h.find(what); at != std::string::npos; at = h.find(what, at + 1)) ++n;
    return n;
  };
  const auto pictures = [](const std::string& h) {  // the data URIs, in order
    std::vector<std::string> out;
    for (auto at = h.find("src=\"data:image/png"); at != std::string::npos; at = h.find("src=\"data:image/png", at + 1))
      out.push_back(h.substr(at, h.find('"', at + 5) - at));
    return out;
  };

  const std::string clock_only = html_of("");
  const std::string table_only = html_of("--recording 2");
  const std::string both = html_of("--all-cameras");
  EXPECT_EQ(pictures(clock_only).size(), 2u);
  // The table camera: no frame before it starts at 3.2 s, and its own frame at 10 s.
  ASSERT_EQ(pictures(table_only).size(), 1u);
  EXPECT_EQ(count(table_only, "Pupil table starts at 00:00:03.200"), 1u);
  EXPECT_NE(pictures(table_only)[0], pictures(clock_only)[1]);
  // Every camera: side by side, each named; the table's frame at 10 s is the one it gave alone.
  EXPECT_EQ(count(both, "class=\"thumbs\""), 2u);
  EXPECT_EQ(count(both, "Front · 00:10"), 1u);
  EXPECT_EQ(count(both, "Pupil table · 00:10"), 1u);
  const auto all = pictures(both);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[1], pictures(clock_only)[1]);
  EXPECT_EQ(all[2], pictures(table_only)[0]);
  // The camera's own time is the session time less its offset: placed at 0, it gives another frame.
  ASSERT_EQ(cli("recording offset --session Fractions --recording 2 --set 0").code, 0);
  const auto unplaced = pictures(html_of("--recording 2"));
  ASSERT_EQ(unplaced.size(), 2u);
  EXPECT_NE(unplaced[1], pictures(table_only)[0]);
  // Refusals name the problem.
  auto r = cli("report --session Fractions -o '" + (lesson_dir() / "x.html").string() + "' --recording 9");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("Recording 9 is not one of this session's"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace triad
