#pragma once
// The workstation's state and every action a reviewer can take, with no window:
// the GUI's keys and buttons, `triad-studio --script` and the tests all call
// execute() with the same command lines (app/command.hpp). Single-threaded: the
// UI thread owns it. Everything that must survive a restart goes to the library
// at once (comments, undo history, settings); nothing here needs "Save".
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "app/analytics_view.hpp"
#include "app/command.hpp"
#include "app/comment_actions.hpp"
#include "app/export_job.hpp"
#include "app/recording_align.hpp"
#include "app/folder_listing.hpp"
#include "app/key_bindings.hpp"
#include "app/lesson_study.hpp"
#include "app/library_home.hpp"
#include "app/media_port.hpp"
#include "app/meeting.hpp"
#include "app/pointer_gesture.hpp"
#include "app/review_clock.hpp"
#include "app/sharing_state.hpp"
#include "app/shuttle.hpp"
#include "app/session_info.hpp"
#include "app/session_sound.hpp"
#include "base/result.hpp"
#include "core/model.hpp"
#include "store/library.hpp"

namespace triad::app {

// What the caller must do after a command (things only the front end can do).
struct Outcome {
  TimeUs wait_us = 0;                      // `play 500`, `wait 200`: keep running this long
  bool wait_overview = false;              // `wait overview`: hold the script until the timeline's pictures and sounds are made
  std::optional<std::string> screenshot;   // `screenshot OUT.png`
  std::optional<PointerGesture> pointer;   // `mouse drag ...`: played by the window in place of the pointer
  std::optional<std::string> press;        // `press Enter`: a key chord the window plays as a real key press
  std::string message;                     // a short confirmation for the status line
  bool quit = false;
};
// A command that did what it was asked, with an optional line for the status bar.
inline Outcome done(std::string message = {}) {
  Outcome o;
  o.message = std::move(message);
  return o;
}

// The comment being typed (C / Enter / "Comment" button / O after I).
struct Composer {
  bool open = false;
  TimeUs start_us = 0;
  std::optional<TimeUs> end_us;
  std::string kind = "note";
  std::string text;
  std::vector<std::string> tags;  // codes
  Visibility visibility = Visibility::Triad;
  std::string pupil;  // a case pupil's code (Lesson Study pupil picker); empty = none
  bool resume_after = false;  // playback was running when the composer opened
  std::optional<RowId> editing_id;  // set when the composer edits an existing comment
  std::string error;  // why the last "Save" was refused (shown in the composer)
};

struct CommentFilters {
  std::optional<RowId> author_id;
  std::string tag;   // code, empty = all
  std::string kind;  // empty = all
  std::optional<Visibility> visibility;
  std::string text;  // case-insensitive substring
  bool any() const { return author_id || !tag.empty() || !kind.empty() || visibility || !text.empty(); }
  bool operator==(const CommentFilters&) const = default;
};

// Panels the keys open and close; kept here so `key ?` in a script does what the key does.
struct ViewFlags {
  bool help = false;
  bool settings = false;
  bool fullscreen = false;
  bool focus_search = false;  // one-shot: the comment list grabs keyboard focus
  bool session_panel = false;  // protocol, participants, review, exports
  bool identity = false;       // "Who is reviewing?" (opens by itself while nobody is chosen)
  bool identity_key = false;   // its second step: the chosen person's signing key (made, or offered)
  bool new_session = false;    // the "New session" form over the home screen
  bool lesson_study = false;   // case pupils, phases, predictions, predicted vs observed
};

struct TimelineView {
  TimeUs start_us = 0;
  TimeUs span_us = 0;  // 0 = whole recording
};

// How a session's cameras share the video area (issue 15), kept per session.
enum class CameraLayout { SideBySide, Large, PictureInPicture };
const char* to_string(CameraLayout l);  // "side", "large", "pip"
std::optional<CameraLayout> parse_camera_layout(std::string_view s);  // those, and long forms

// Aligning a camera or microphone by its sound from the window (`align N|rID`,
// app/align_commands.cpp): the job while it runs, then what came of it until dismissed or
// the next one.
struct AlignState {
  RowId recording_id = 0;   // the recording aligned; 0 = none yet
  std::string name;         // as the window calls it (recording_title)
  bool running = false;
  bool cancelling = false;
  double fraction = 0;      // 0..1 while running
  std::string message;      // once finished: the alignment found, or why there is none
  bool refused = false;     // the message is a refusal (or a cancel)
};

// Adding and removing a session's recordings from the window (`recording-add`,
// `recording-remove`, app/recording_commands.cpp): the Recordings section's form and its
// confirmation step.
struct RecordingForm {
  bool adding = false;   // "Add a camera or microphone…" is open (the file browser lists recordings)
  RowId added = 0;       // just added: "Align by sound" is offered for it
  RowId removing = 0;    // "Remove …?" asked for this recording, waiting for confirm
  std::string error;     // why the last add or remove was refused, one sentence
};

struct Settings {
  TimeUs reaction_lag_us = kUsPerSecond;
  TimeUs resume_rewind_us = 0;  // rewind this much when resuming after a comment
  int volume_percent = 100;
};

class Workstation;

// One entry of the command table (app/command_table.cpp): what a command is called, a
// one-line usage for people, what must be open before it runs (checked once, by
// execute(), with the same sentence for every command) and the function that runs it.
// The handler is reached only through Workstation::execute.
struct CommandSpec {
  enum class Needs { Nothing, Media, Session };
  using Handler = Result<Outcome> (*)(Workstation&, const Command&);
  std::string_view name;
  std::vector<std::string_view> aliases;  // other names; the handler sees the name typed
  std::string_view usage;                 // "seek TIME | +SECONDS | -SECONDS: ..."
  Needs needs = Needs::Nothing;
  Handler handler = nullptr;
};

class Workstation {
 public:
  // Every command the workstation knows, one entry each, grouped by feature; names and
  // aliases are unique. `find_command` answers nullptr for a name that is not a command.
  static const std::vector<CommandSpec>& command_table();
  static const CommandSpec* find_command(std::string_view name);

  Workstation(store::Library& library, MediaPort& media);
  ~Workstation();  // logs the review time still running; cancels a running export
  Workstation(const Workstation&) = delete;
  Workstation& operator=(const Workstation&) = delete;

  // Runs one command line. Errors are plain sentences for the status line.
  Result<Outcome> execute(std::string_view line);
  Result<Outcome> execute(const Command& command);
  // Runs the command bound to a key chord ("Ctrl+Z", "Space", "1", ...).
  Result<Outcome> press_key(std::string_view chord);

  // Called once per UI frame: lets the player progress, applies the A-B loop.
  void update();

  // ---- state for the panels (read-only views) ----
  const std::optional<Session>& session() const { return session_; }
  const std::optional<Person>& reviewer() const { return reviewer_; }
  std::optional<Role> reviewer_role() const;
  const std::vector<Participant>& participants() const { return participants_; }
  const std::vector<Person>& people() const { return people_; }
  std::string person_name(RowId id) const;
  const std::vector<Tag>& tags() const { return tags_; }  // the session's frameworks, hotkeys 1-9 first
  const Tag* tag_by_code(std::string_view code) const;
  const std::optional<MediaInfo>& media_info() const { return media_info_; }
  const std::optional<Error>& media_error() const { return media_error_; }
  const std::vector<Comment>& comments() const { return comments_; }  // all live comments, by time
  // After filters; worked out once per change of the comments or the filters (not per
  // frame: a researcher's session holds tens of thousands).
  const std::vector<const Comment*>& visible_comments() const;
  const CommentFilters& filters() const { return filters_; }
  const Composer& composer() const { return composer_; }
  // Panels read state and change it only through commands (execute); the one exception is
  // a one-shot focus request, which the comment list takes when it has grabbed the focus.
  const ViewFlags& view() const { return view_; }
  bool take_search_focus() { return std::exchange(view_.focus_search, false); }
  const TimelineView& timeline() const { return timeline_; }
  const Settings& settings() const { return settings_; }
  const KeyBindings& keys() const { return keys_; }
  std::optional<TimeUs> loop_a() const { return loop_a_; }
  std::optional<TimeUs> loop_b() const { return loop_b_; }
  std::optional<TimeUs> interval_in() const { return interval_in_; }
  std::optional<RowId> selected_comment() const { return selected_; }
  void select_comment(std::optional<RowId> id) { selected_ = id; }
  TimeUs position() const { return media_.position(); }
  bool playing() const { return media_.playing() || media_.reverse_percent() > 0; }  // either way
  int reverse_percent() const { return media_.reverse_percent(); }  // 0 unless playing backwards
  int speed_percent() const { return speed_percent_; }
  // The session's other cameras beside the open one (empty with one camera), and which
  // camera is large and takes frame steps: 0 = the open file, i = cameras()[i - 1].
  std::vector<CameraView> cameras() const { return media_.cameras(); }
  CameraLayout camera_layout() const { return camera_layout_; }
  const std::optional<Recording>& clock_recording() const { return clock_recording_; }  // the open file's
  std::size_t focused_camera() const { return focused_camera_; }
  // Every recording of the open session (cameras and microphones), the session clock first.
  const std::vector<Recording>& recordings() const { return recordings_; }
  // What a recording is called in the window: its label, else a camera as on its tile
  // ("Camera 2") and a microphone by its number among the session's ("Microphone 1"); a
  // recording not of the open session by its file's name.
  std::string recording_title(const Recording& r) const;
  // The sound heard (`sound`, kept per session; app/session_sound.hpp), and why it could not
  // be played when it could not (the clock's sound plays then).
  const SoundChoice& sound_choice() const { return sound_choice_; }
  const std::string& sound_problem() const { return sound_problem_; }
  const std::string& status() const { return status_; }
  const std::optional<std::string>& undo_label() const { return undo_label_; }
  const std::optional<std::string>& redo_label() const { return redo_label_; }
  const std::vector<std::string>& recent_files() const { return recent_; }
  const std::vector<std::string>& kinds() const;  // the protocol's feedback stems (codes), offered as buttons
  static std::string_view kind_label(std::string_view kind);
  std::string stem_label(std::string_view code) const;  // the protocol's label, else kind_label

  // ---- workflow: session panel, blind review, meeting mode, exports (app/workflow_commands.cpp) ----
  const SessionInfo& session_info() const { return info_; }
  const MeetingState& meeting() const { return meeting_; }
  const ExportJob* export_job() const { return export_.get(); }
  const AlignState& align_state() const { return align_; }
  const RecordingForm& recording_form() const { return recording_form_; }
  // Lesson analytics (talk lane, agreement, growth): `analyse`, `agreement`, `growth`,
  // `analytics` commands (app/analytics_view.hpp), refreshed by update().
  const AnalyticsView& analytics() const { return analytics_; }
  // Lesson Study (app/lesson_study_commands.cpp): reloaded with the comments.
  const LessonStudyView& lesson_study() const { return lesson_study_; }
  std::int64_t review_ms(RowId person) const;  // stored plus the stretch still running
  void set_wall_clock(ReviewClock::WallClock clock) { clock_.set_clock(std::move(clock)); }
  // Replies under a comment (depth 1+) in creation order, threaded (core/agenda thread_order).
  std::vector<std::pair<const Comment*, int>> thread_of(const std::string& comment_uuid) const;

  // ---- sharing and the recording's files: Export and Import panels, retention, relink
  // (app/sharing_commands.cpp) ----
  const SharingState& sharing() const { return sharing_; }
  // May the reviewer re-key this participant (the Session panel's "Re-key…" button)?
  bool may_rekey(RowId person_id) const;

  // ---- the window around a session: home, identity, live library (app/window_commands.cpp) ----
  const HomeState& home() const { return home_; }
  const FolderListing& folder() const { return folder_; }
  // The window never reviews as the OS account by default: with this off, nobody is
  // reviewing until a person is chosen (`as NAME`, remembered for the next start).
  // Headless callers keep the library owner as the fallback.
  void set_owner_fallback(bool on) { owner_fallback_ = on; }
  bool needs_identity() const { return !reviewer_ && !owner_fallback_; }
  // Notices writes by other programs (PRAGMA data_version) and reloads what is shown,
  // keeping the playhead, the selection and the composer. Called by update().
  void poll_library();

  // The layout string the window saves (ImGui ini); kept in the library's settings.
  std::optional<std::string> load_ui_setting(std::string_view key);
  void save_ui_setting(std::string_view key, std::string_view value);
  // Remembers playhead, timeline zoom and filters for the open session.
  void save_view_state();

 private:
  Status open_media(const std::string& path);
  Status open_session(std::string_view id_or_title);
  Status set_reviewer(std::string_view name_or_id);
  Status ensure_session_for_media();
  Status reload_session_data();
  Status reload_comments();
  void restore_view_state();
  void load_settings();
  Result<RowId> reviewer_id();
  TimeUs clamp_time(TimeUs t) const;
  TimeUs stamp_now() const;  // position minus reaction lag, not before 0

  Result<Outcome> open_composer(TimeUs start, std::optional<TimeUs> end);
  Result<Outcome> submit_composer(bool rewind);
  // Adds through app/comment_actions.hpp and records the change in the undo journal.
  Result<Comment> add_comment_recorded(NewComment c, const std::string& label);
  Result<Comment> record_added(Result<CommentAdded> added, const std::string& label);
  Result<Outcome> record_changed(Result<CommentChanged> changed, const std::string& label);
  Status record_change(const std::string& label, const Comment& before, const Comment& after);
  Result<Outcome> undo_or_redo(bool undo);
  Result<Comment> comment_arg(const Command& cmd, std::size_t index);
  Status apply_snapshot(const Comment& snapshot);
  void refresh_undo_labels();
  void remember_recent(const std::string& path);
  std::string undo_scope() const;

  // app/window_commands.cpp
  Result<Outcome> cmd_setup(const Command& c);  // participant, protocol (app/setup_commands.cpp)
  Result<Outcome> cmd_home_search(const Command& c);
  Result<Outcome> cmd_compose_visibility(const Command& c);
  Result<Outcome> cmd_who(const Command& c);
  Result<Outcome> cmd_new_session_form(const Command& c);
  Result<Outcome> cmd_browse(const Command& c);
  Status adopt_default_reviewer();  // remembered person, else (headless) the owner
  Visibility default_visibility() const;  // for a new comment: the protocol's, by the reviewer's role
  Result<Outcome> cmd_share(const Command& c);
  Result<Outcome> cmd_home(const Command& c);
  Result<Outcome> cmd_new_session(const Command& c);
  Result<Outcome> cmd_person(const Command& c);
  Result<Outcome> cmd_choose_reviewer(const Command& c);
  void reload_home();
  void load_framework_choices();
  void update_window();
  HomeState home_;
  FolderListing folder_;
  bool owner_fallback_ = true;
  std::optional<std::int64_t> data_version_;
  // The open session's recordings as the library held them at the last poll (its id first):
  // another program's change to them is a difference between two polls.
  std::optional<std::pair<RowId, std::vector<Recording>>> polled_recordings_;
  std::optional<RowId> remembered_session_;

  // app/sharing_commands.cpp
  Result<Outcome> cmd_export_panel(const Command& c);
  Result<Outcome> cmd_export_file(const Command& c);  // export bundle|csv|json|vtt|srt|eaf PATH
  Result<Outcome> cmd_import_panel(const Command& c);
  Result<Outcome> cmd_import(const Command& c);
  Result<Outcome> cmd_identity_key(const Command& c);
  Result<Outcome> cmd_retention(const Command& c);
  Result<Outcome> cmd_relink(const Command& c);
  void update_sharing();   // per frame: refreshes the notices when another session opens
  void refresh_sharing();  // the open session's retention and missing recordings
  void refresh_key_state();
  // app/rekey_commands.cpp: rekey PERSON [--key K | --from FILE] | confirm | cancel
  Result<Outcome> cmd_rekey(const Command& c);
  void refresh_rekeyable();  // sharing_.rekeyable, for the roster and the reviewer shown
  SharingState sharing_;

  // app/lesson_study_commands.cpp: lesson-study, case-pupil, lesson-phase, predict, compose-pupil
  Result<Outcome> cmd_lesson_study(const Command& c);
  Status reload_lesson_study();
  LessonStudyView lesson_study_;

  // app/workflow_commands.cpp
  Result<Outcome> cmd_agenda_step(const Command& c);  // next-item, prev-item
  Result<Outcome> cmd_item(const Command& c);         // item, play-item
  Result<Outcome> cmd_session_panel(const Command& c);
  Result<Outcome> cmd_analytics(const Command& c);    // analyse, agreement, growth, analytics
  Status reload_workflow();
  void update_workflow();
  std::string default_stem() const;
  Result<Outcome> cmd_meeting(const Command& c);
  Result<Outcome> goto_item(int index, bool play);
  Result<Outcome> cmd_reply(const Command& c);
  Result<Outcome> cmd_action(const Command& c);
  Result<Outcome> cmd_review(const Command& c);
  Result<Outcome> cmd_export(const Command& c);

  // app/camera_commands.cpp: the session's cameras in the video area
  Result<Outcome> cmd_camera(const Command& c);  // camera next|N
  Result<Outcome> cmd_layout(const Command& c);  // layout side|large|pip|next
  Result<Outcome> cmd_camera_offset(const Command& c);  // camera-offset N TIME|+MS|-MS
  void open_other_cameras(const std::vector<Recording>& recordings);
  // app/sound_commands.cpp: sound clock|mix|N|rID, and the choice applied to the player
  Result<Outcome> cmd_sound(const Command& c);
  void apply_sound();
  // A recording named in a command: N, a camera by its tile number (1 = the session clock),
  // or rID, any recording of the session (a microphone too) by its id.
  Result<Recording> recording_arg(std::string_view arg) const;
  std::vector<Recording> recordings_;
  SoundChoice sound_choice_;
  std::string sound_problem_;
  // app/recording_commands.cpp: recording-add [FILE --label L --role R | cancel],
  // recording-remove N|rID [confirm] | cancel; the session's recordings read again after either.
  Result<Outcome> cmd_recording_add(const Command& c);
  Result<Outcome> cmd_recording_remove(const Command& c);
  void reload_recordings();
  RecordingForm recording_form_;
  // app/align_commands.cpp: align N|rID|cancel|wait|dismiss, and its poll from update()
  Result<Outcome> cmd_align(const Command& c);
  void update_align();
  std::unique_ptr<AlignJob> align_job_;
  RowId align_session_ = 0;  // the session the running job's outcome is stored in
  AlignState align_;
  CameraLayout camera_layout_ = CameraLayout::SideBySide;
  std::size_t focused_camera_ = 0;
  std::optional<Recording> clock_recording_;

  // command handlers (the table in app/command_table.cpp names them)
  // app/workstation.cpp: media, transport, the composer, view and script commands
  Result<Outcome> cmd_open(const Command& c);
  Result<Outcome> cmd_play(const Command& c);
  Result<Outcome> cmd_shuttle_way(const Command& c);  // shuttle back|stop|forward
  Result<Outcome> cmd_scrub(const Command& c);        // scrub, scrub-end
  Result<Outcome> cmd_end(const Command& c);
  Result<Outcome> cmd_step(const Command& c);
  Result<Outcome> cmd_speed(const Command& c);        // speed, faster, slower
  Result<Outcome> cmd_loop(const Command& c);         // loop-a, loop-b, loop-clear
  Result<Outcome> cmd_zoom(const Command& c);
  Result<Outcome> cmd_view(const Command& c);
  void follow_playhead();
  Result<Outcome> cmd_in(const Command& c);
  Result<Outcome> cmd_out(const Command& c);
  Result<Outcome> cmd_compose(const Command& c);
  Result<Outcome> cmd_compose_text(const Command& c);
  Result<Outcome> cmd_compose_at(const Command& c);
  Result<Outcome> cmd_compose_kind(const Command& c);
  Result<Outcome> cmd_compose_tag(const Command& c);
  Result<Outcome> cmd_cancel(const Command& c);
  Result<Outcome> cmd_edit_in_composer(const Command& c);
  Result<Outcome> cmd_jump(const Command& c);
  Result<Outcome> cmd_escape(const Command& c);
  Result<Outcome> cmd_key(const Command& c);
  Result<Outcome> cmd_bind(const Command& c);  // bind, unbind
  Result<Outcome> cmd_reset_keys(const Command& c);
  Result<Outcome> cmd_wait(const Command& c);
  Result<Outcome> cmd_screenshot(const Command& c);
  Result<Outcome> cmd_mouse(const Command& c);
  Result<Outcome> cmd_press(const Command& c);
  Result<Outcome> cmd_seek(const Command& c);
  Result<Outcome> cmd_comment(const Command& c);
  Result<Outcome> cmd_marker(const Command& c);
  Result<Outcome> cmd_edit(const Command& c);
  Result<Outcome> cmd_filter(const Command& c);
  Result<Outcome> cmd_set(const Command& c);
  Result<Outcome> cmd_jump_comment(int direction);
  Result<Outcome> cmd_shuttle(ShuttleKey key);  // J / K / L, Space

  store::Library& lib_;
  MediaPort& media_;
  KeyBindings keys_;
  Settings settings_;
  std::optional<Session> session_;
  std::optional<Person> reviewer_;
  std::vector<Participant> participants_;
  std::vector<Person> people_;
  std::vector<Tag> tags_;
  std::optional<MediaInfo> media_info_;
  std::optional<Error> media_error_;
  std::vector<Comment> comments_;
  std::uint64_t comments_generation_ = 0;  // bumped whenever comments_ is reloaded
  mutable std::vector<const Comment*> visible_cache_;
  mutable CommentFilters visible_cache_filters_;
  mutable std::uint64_t visible_cache_generation_ = ~std::uint64_t{0};
  CommentFilters filters_;
  Composer composer_;
  ViewFlags view_;
  TimelineView timeline_;
  std::optional<TimeUs> loop_a_, loop_b_, interval_in_;
  std::optional<RowId> selected_;
  int speed_percent_ = 100;
  std::string status_;
  std::optional<std::string> undo_label_, redo_label_;
  std::vector<std::string> recent_;
  SessionInfo info_;
  std::vector<std::string> kinds_;  // info_.protocol's stem codes
  MeetingState meeting_;
  ReviewClock clock_;
  std::unique_ptr<ExportJob> export_;
  AnalyticsView analytics_;
};

// Human label of a speed: "1x", "0.5x", "1.25x".
std::string speed_label(int percent);

}  // namespace triad::app
