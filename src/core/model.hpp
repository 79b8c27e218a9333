#pragma once
// Domain types shared by every layer. Pure data: no I/O, no SQLite, no FFmpeg.
// Ids: people, sessions, tags... are library-local integer row ids; comments
// also carry a UUID because they travel between libraries in bundles.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.hpp"

namespace triad {

using RowId = std::int64_t;

enum class Role { Teacher, Observer, Mentor, Nqt, LearningDetective, Facilitator };
enum class Visibility { Private, Triad, Everyone };
// What a recording of a session is: a camera (picture and usually sound), a free-standing
// microphone, or the teacher's own (lapel) microphone, which analytics reads as the teacher's voice.
enum class RecordingRole { Camera, Microphone, TeacherMic };

std::string_view to_string(Role r);        // "teacher", "observer", "mentor", "nqt", "learning-detective", "facilitator"
std::optional<Role> parse_role(std::string_view s);
std::string_view role_label(Role r);       // "Teacher (observed)", "NQT (self-review)", ...
std::string_view to_string(Visibility v);  // "private", "triad", "everyone"
std::optional<Visibility> parse_visibility(std::string_view s);
std::string_view to_string(RecordingRole r);  // "camera", "microphone", "teacher-mic"
std::optional<RecordingRole> parse_recording_role(std::string_view s);

struct Person {
  RowId id = 0;
  std::string display_name;
};

struct School {
  RowId id = 0;
  std::string name;
  std::string alliance;  // teaching school alliance / trust, may be empty
};

struct Session {
  RowId id = 0;
  std::string uuid;  // stable across libraries (bundles, merges); the store fills it in
  std::string title;
  std::string date;  // ISO 8601 calendar date "2026-03-14" (lesson date, not a timestamp)
  std::optional<RowId> school_id;
  std::optional<RowId> teacher_id;  // person observed
  std::string subject;
  std::string year_group;
  std::string class_label;
  std::string focus;  // focus / research question agreed before observing
  std::string cycle;  // lesson-study cycle name, empty when not part of one
  int cycle_position = 0;  // 1-based position in the cycle, 0 = none
  std::int64_t created_at_ms = 0;
  // Last change to the fields above (wall clock); bundles carry it so merging keeps the
  // newest metadata (core/merge.hpp).
  std::int64_t updated_at_ms = 0;
};

struct Participant {
  RowId session_id = 0;
  RowId person_id = 0;
  Role role = Role::Observer;
};

struct StreamSummary {
  std::string text;  // e.g. "h264 1920x1080 25 fps; aac 48 kHz stereo"
};

struct Recording {
  RowId id = 0;
  RowId session_id = 0;
  std::string path;         // as last seen on this machine
  std::string fingerprint;  // content fingerprint, survives moves and renames
  std::int64_t size_bytes = 0;
  TimeUs duration_us = 0;
  std::string stream_summary;
  // The session time at which this recording's own time 0 falls (session = offset + media
  // time, before drift; core/recording_clock.hpp maps both ways). Negative when it started
  // before the session clock.
  TimeUs sync_offset_us = 0;
  // The session clock: the recording that sets session time (normally offset 0 and no
  // drift). One per session; core/recording_clock.hpp's session_clock() finds it.
  bool primary = true;
  std::string label;  // shown to people: "Front", "Pupil table", "Teacher mic"; may be empty
  RecordingRole role = RecordingRole::Camera;
  // Clock-rate error against the session clock in parts per billion (ppm * 1000): this
  // recording's media time runs (1e9 + drift_ppb) / 1e9 as fast as session time.
  std::int64_t drift_ppb = 0;
};

struct Tag {
  RowId id = 0;
  RowId framework_id = 0;
  std::string code;    // stable identifier within the framework, e.g. "questioning"
  std::string label;   // shown to people, e.g. "Questioning"
  std::string colour;  // "#RRGGBB"
  std::string hotkey;  // "1".."9" or empty
  std::optional<RowId> parent_id;
};

struct Framework {
  RowId id = 0;
  std::string code;  // e.g. "jpd-peer-observation"
  std::string name;
  std::string description;
  bool child_friendly = false;  // the only kind a learning detective may use
  std::vector<Tag> tags;
  // Case-study pupil lanes (Lesson Study: "Pupil A", "Pupil B", "Pupil C"), in lane order.
  // Codes only (core/framework.hpp is_pupil_code): there is deliberately no field for a
  // pupil's name anywhere in Triad, so no export can carry one. Empty = no lanes.
  std::vector<std::string> pupils;
};

// The highest version a comment may carry. Far beyond any real edit count, and far from
// INT64_MAX so `version + 1` can never overflow (an imported version of INT64_MAX once made
// a comment uneditable). Imports refuse versions above it; edits saturate at it.
constexpr std::int64_t kMaxCommentVersion = 1'000'000'000'000;

struct Comment {
  RowId id = 0;  // local row id
  std::string uuid;
  RowId session_id = 0;
  RowId author_id = 0;
  TimeUs start_us = 0;
  std::optional<TimeUs> end_us;  // interval comments only; > start_us
  std::string kind;              // feedback stem code, e.g. "took-away", "try", "question", "strength", "note"
  std::string text;
  Visibility visibility = Visibility::Triad;
  std::string pupil;  // case-study pupil code ("Pupil A", "P3"), never a name
  std::optional<std::string> parent_uuid;  // reply-to
  std::int64_t created_at_ms = 0;  // wall clock, Unix ms
  std::int64_t updated_at_ms = 0;
  std::int64_t version = 1;  // bumped on every edit; merge: highest version wins; 1..kMaxCommentVersion
  bool deleted = false;      // tombstone: kept so deletions merge
  std::vector<std::string> tags;  // tag codes
};

}  // namespace triad
