// The workstation's command table: every command a key, a panel, a script or a test can
// run, one entry each (after mpv's command table, player/command.c). An entry names the
// command, says in one line how it is used, what must be open first (checked once, in
// Workstation::execute, with one sentence for all) and which handler runs it. The
// handlers live with their feature:
//   app/workstation.cpp         media, transport, comments, the composer, view, keys, scripts
//   app/workflow_commands.cpp   review, meeting mode and its agenda, replies, actions, exports,
//                               the session panel and lesson analytics (app/analytics_view.cpp)
//   app/window_commands.cpp     home, identity, new session, sharing, the file browser
//   app/rekey_commands.cpp      re-keying a participant from the Session panel
//   app/setup_commands.cpp      participants and protocol
//   app/lesson_study_commands.cpp  Lesson Study: case pupils, phases, predictions, pupil picker
// Names and aliases are unique (tests/app/command_table_test.cpp).
#include <algorithm>
#include <unordered_map>

#include "app/workstation.hpp"

namespace triad::app {

namespace {

using Needs = CommandSpec::Needs;

}  // namespace

const std::vector<CommandSpec>& Workstation::command_table() {
  using W = Workstation;
  using C = const Command&;
  static const std::vector<CommandSpec> table = {
      // ---- media and transport (app/workstation.cpp)
      {"open", {}, "open PATH: open a recording", Needs::Nothing, [](W& w, C c) { return w.cmd_open(c); }},
      {"session", {}, "session ID|TITLE: open a session and its recording", Needs::Nothing,
       [](W& w, C c) -> Result<Outcome> {
         if (c.args.empty()) return make_error("Usage: session ID.");
         if (auto st = w.open_session(c.args[0]); !st) return st.error();
         return done("Session: " + w.session_->title);
       }},
      {"play", {}, "play [MILLISECONDS]: play (a script keeps running that long)", Needs::Media,
       [](W& w, C c) { return w.cmd_play(c); }},
      {"pause", {}, "pause", Needs::Media,
       [](W& w, C) -> Result<Outcome> {
         w.media_.pause();
         return done();
       }},
      {"toggle-play", {}, "toggle-play: play, or stop playing either way (Space, K)", Needs::Media,
       [](W& w, C) { return w.cmd_shuttle(ShuttleKey::Stop); }},
      {"faster-play", {}, "faster-play: the older name of `shuttle forward`", Needs::Media,
       [](W& w, C) { return w.cmd_shuttle(ShuttleKey::Forward); }},
      {"shuttle", {}, "shuttle back|stop|forward: the J, K and L keys", Needs::Media,
       [](W& w, C c) { return w.cmd_shuttle_way(c); }},
      {"seek", {}, "seek TIME | +SECONDS | -SECONDS", Needs::Media, [](W& w, C c) { return w.cmd_seek(c); }},
      {"scrub", {}, "scrub TIME: preview while the timeline is dragged", Needs::Media,
       [](W& w, C c) { return w.cmd_scrub(c); }},
      {"scrub-end", {}, "scrub-end TIME: land exactly where the drag ended", Needs::Media,
       [](W& w, C c) { return w.cmd_scrub(c); }},
      {"end", {}, "end: go to the last frame", Needs::Media, [](W& w, C c) { return w.cmd_end(c); }},
      // ---- the session's cameras (app/camera_commands.cpp)
      {"camera", {}, "camera next|N: the camera shown large, which frame steps move (1 = the session clock)",
       Needs::Media, [](W& w, C c) { return w.cmd_camera(c); }},
      {"layout", {}, "layout side|large|pip|next: how the session's cameras share the picture", Needs::Media,
       [](W& w, C c) { return w.cmd_layout(c); }},
      {"camera-offset", {}, "camera-offset N|rID TIME | +MS | -MS | +Ff | -Ff: place camera N or recording ID (a microphone too) on the session clock by hand (F frames, cameras only)",
       Needs::Session, [](W& w, C c) { return w.cmd_camera_offset(c); }},
      {"align", {}, "align N|rID | align cancel|wait|dismiss: align camera N or recording ID (a microphone too) to the session clock by its sound (a job with progress)",
       Needs::Session, [](W& w, C c) { return w.cmd_align(c); }},
      {"recording-add", {}, "recording-add | recording-add FILE [--label L] [--role camera|microphone|teacher-mic] | recording-add cancel: add a camera or microphone to the session (no FILE: the Recordings section's form)",
       Needs::Session, [](W& w, C c) { return w.cmd_recording_add(c); }},
      {"recording-remove", {}, "recording-remove N|rID [confirm] | recording-remove cancel: remove a recording from the session (asked first; its file stays)",
       Needs::Session, [](W& w, C c) { return w.cmd_recording_remove(c); }},
      {"sound", {}, "sound clock|mix|N|rID: the sound heard: the session clock's, camera N's, recording ID's (a microphone too) or all mixed; kept per session",
       Needs::Session, [](W& w, C c) { return w.cmd_sound(c); }},
      {"step", {}, "step [+N|-N]: frames forward or back (one by default)", Needs::Media,
       [](W& w, C c) { return w.cmd_step(c); }},
      {"speed", {}, "speed 0.25..2", Needs::Nothing, [](W& w, C c) { return w.cmd_speed(c); }},
      {"faster", {}, "faster: the next speed up", Needs::Nothing, [](W& w, C c) { return w.cmd_speed(c); }},
      {"slower", {}, "slower: the next speed down", Needs::Nothing, [](W& w, C c) { return w.cmd_speed(c); }},
      {"volume", {}, "volume 0..100", Needs::Nothing,
       [](W& w, C c) { return w.cmd_set(Command{"set", {"volume", c.args.empty() ? "" : c.args[0]}, {}}); }},
      {"mute", {}, "mute", Needs::Nothing,
       [](W& w, C) -> Result<Outcome> {
         w.media_.set_volume_percent(0);
         return done("Muted.");
       }},
      {"loop-a", {}, "loop-a: the loop starts here", Needs::Media, [](W& w, C c) { return w.cmd_loop(c); }},
      {"loop-b", {}, "loop-b: the loop ends here", Needs::Media, [](W& w, C c) { return w.cmd_loop(c); }},
      {"loop-clear", {}, "loop-clear", Needs::Nothing, [](W& w, C c) { return w.cmd_loop(c); }},
      {"zoom", {}, "zoom FACTOR: the timeline around the playhead (2 closer, 0.5 wider)", Needs::Nothing,
       [](W& w, C c) { return w.cmd_zoom(c); }},
      {"view", {}, "view START [SPAN|all]: the part of the recording the timeline shows", Needs::Nothing,
       [](W& w, C c) { return w.cmd_view(c); }},

      // ---- comments and the composer (app/workstation.cpp)
      {"in", {}, "in: an interval starts here (I)", Needs::Media, [](W& w, C c) { return w.cmd_in(c); }},
      {"out", {}, "out: the interval ends here and the comment box opens (O)", Needs::Media,
       [](W& w, C c) { return w.cmd_out(c); }},
      {"compose", {}, "compose [--kind STEM]: start a comment here", Needs::Nothing,
       [](W& w, C c) { return w.cmd_compose(c); }},
      {"compose-text", {}, "compose-text \"text\": the comment being written", Needs::Nothing,
       [](W& w, C c) { return w.cmd_compose_text(c); }},
      {"compose-at", {}, "compose-at [TIME]: move the comment being written (to the playhead without TIME)",
       Needs::Nothing, [](W& w, C c) { return w.cmd_compose_at(c); }},
      {"compose-kind", {}, "compose-kind STEM: its feedback stem", Needs::Nothing,
       [](W& w, C c) { return w.cmd_compose_kind(c); }},
      {"compose-tag", {}, "compose-tag TAG|HOTKEY: add or remove a tag", Needs::Nothing,
       [](W& w, C c) { return w.cmd_compose_tag(c); }},
      {"compose-visibility", {}, "compose-visibility private|triad|everyone", Needs::Nothing,
       [](W& w, C c) { return w.cmd_compose_visibility(c); }},
      {"submit", {}, "submit [--rewind]: save the comment being written", Needs::Nothing,
       [](W& w, C c) { return w.submit_composer(c.flag("rewind")); }},
      {"cancel", {}, "cancel: drop the comment being written", Needs::Nothing,
       [](W& w, C c) { return w.cmd_cancel(c); }},
      {"comment", {}, "comment KIND \"text\" [--tag T]... [--at TIME] [--end TIME]", Needs::Nothing,
       [](W& w, C c) { return w.cmd_comment(c); }},
      {"marker", {}, "marker N: an instant marker with the tag on hotkey N (1-9)", Needs::Nothing,
       [](W& w, C c) { return w.cmd_marker(c); }},
      {"edit", {}, "edit ID \"new text\"", Needs::Nothing, [](W& w, C c) { return w.cmd_edit(c); }},
      {"retag", {}, "retag ID [TAG]...: the comment's tags, all at once", Needs::Nothing, [](W& w, C c) { return w.cmd_edit(c); }},
      {"retime", {}, "retime ID [TIME]: move the comment (to the playhead without TIME)", Needs::Nothing, [](W& w, C c) { return w.cmd_edit(c); }},
      {"delete", {}, "delete ID (Ctrl+Z brings it back)", Needs::Nothing, [](W& w, C c) { return w.cmd_edit(c); }},
      {"kind", {}, "kind ID KIND: the comment's feedback stem", Needs::Nothing, [](W& w, C c) { return w.cmd_edit(c); }},
      {"edit-in-composer", {}, "edit-in-composer ID|selected", Needs::Nothing,
       [](W& w, C c) { return w.cmd_edit_in_composer(c); }},
      {"share", {}, "share ID|selected [triad|everyone|private]: who sees your comment", Needs::Nothing,
       [](W& w, C c) { return w.cmd_share(c); }},
      {"undo", {}, "undo", Needs::Nothing, [](W& w, C) { return w.undo_or_redo(true); }},
      {"redo", {}, "redo", Needs::Nothing, [](W& w, C) { return w.undo_or_redo(false); }},
      {"next-comment", {}, "next-comment", Needs::Nothing, [](W& w, C) { return w.cmd_jump_comment(+1); }},
      {"prev-comment", {}, "prev-comment", Needs::Nothing, [](W& w, C) { return w.cmd_jump_comment(-1); }},
      {"jump", {}, "jump ID|selected: select a comment and go to it", Needs::Nothing,
       [](W& w, C c) { return w.cmd_jump(c); }},
      {"filter", {}, "filter author|tag|kind|visibility|text VALUE | filter clear",
       Needs::Nothing, [](W& w, C c) { return w.cmd_filter(c); }},
      {"set", {}, "set reaction-lag SECONDS | set rewind SECONDS | set volume PERCENT", Needs::Nothing,
       [](W& w, C c) { return w.cmd_set(c); }},

      // ---- review, meeting mode, exports, analytics (app/workflow_commands.cpp)
      {"submit-review", {}, "submit-review: hand in your review (blind review)", Needs::Session,
       [](W& w, C c) { return w.cmd_review(c); }},
      {"reveal", {}, "reveal: show everyone's reviews (blind review)", Needs::Session,
       [](W& w, C c) { return w.cmd_review(c); }},
      {"meeting", {}, "meeting on|off|toggle | window SECONDS | shared on|off", Needs::Nothing,
       [](W& w, C c) { return w.cmd_meeting(c); }},
      {"next-item", {}, "next-item: the next agenda item, looped", Needs::Nothing,
       [](W& w, C c) { return w.cmd_agenda_step(c); }},
      {"prev-item", {}, "prev-item", Needs::Nothing, [](W& w, C c) { return w.cmd_agenda_step(c); }},
      {"item", {}, "item N: go to agenda item N", Needs::Nothing, [](W& w, C c) { return w.cmd_item(c); }},
      {"play-item", {}, "play-item [N]: loop the agenda item with its pre-roll", Needs::Nothing,
       [](W& w, C c) { return w.cmd_item(c); }},
      {"reply", {}, "reply ID|selected \"text\" [--visibility V]", Needs::Nothing,
       [](W& w, C c) { return w.cmd_reply(c); }},
      {"action", {}, "action add \"text\" [--owner NAME] [--comment ID] | action done|open ID", Needs::Nothing,
       [](W& w, C c) { return w.cmd_action(c); }},
      {"export", {}, "export report PATH [--all-cameras] | export bundle|csv|json|vtt|srt|eaf PATH | export clip PATH [PRE] [POST] [--comment ID] | export cancel|wait|dismiss",
       Needs::Nothing, [](W& w, C c) { return w.cmd_export(c); }},
      // ---- sharing and the recording's files (app/sharing_commands.cpp)
      {"export-panel", {}, "export-panel [on|off] [report|clip|csv|json|vtt|srt|eaf|bundle-triad|bundle-everyone]",
       Needs::Session, [](W& w, C c) { return w.cmd_export_panel(c); }},
      {"import-panel", {}, "import-panel [on|off]: choose a bundle or a comments file to import", Needs::Nothing,
       [](W& w, C c) { return w.cmd_import_panel(c); }},
      {"import", {}, "import preview FILE [--force] | import confirm | import cancel: what it adds, then import",
       Needs::Nothing, [](W& w, C c) { return w.cmd_import(c); }},
      {"identity", {}, "identity create [--passphrase P] | later: your signing key, for bundles", Needs::Nothing,
       [](W& w, C c) { return w.cmd_identity_key(c); }},
      {"rekey", {}, "rekey PERSON [--key BASE64 | --from BUNDLE] | rekey confirm [--passphrase P] | rekey cancel: bind a participant's new signing key (facilitator or observed teacher)",
       Needs::Session, [](W& w, C c) { return w.cmd_rekey(c); }},
      {"retention", {}, "retention delete|confirm|dismiss: the recording after the protocol's retention date",
       Needs::Session, [](W& w, C c) { return w.cmd_retention(c); }},
      {"relink", {}, "relink FOLDER: find the session's moved recording by its fingerprint", Needs::Session,
       [](W& w, C c) { return w.cmd_relink(c); }},
      {"session-panel", {}, "session-panel [on|off]: protocol, triad, exports", Needs::Nothing,
       [](W& w, C c) { return w.cmd_session_panel(c); }},
      {"analyse", {"analyze"}, "analyse [--teacher-mic FILE] | analyse cancel|wait: the talk analysis", Needs::Session,
       [](W& w, C c) { return w.cmd_analytics(c); }},
      {"agreement", {}, "agreement [on|off] [--unit SECONDS]: observer agreement", Needs::Session,
       [](W& w, C c) { return w.cmd_analytics(c); }},
      {"growth", {}, "growth [on|off]: growth across the cycle's lessons", Needs::Session,
       [](W& w, C c) { return w.cmd_analytics(c); }},
      {"analytics", {}, "analytics [on|off|talk|agreement|growth]: the figures window", Needs::Session,
       [](W& w, C c) { return w.cmd_analytics(c); }},

      // ---- the window around a session (app/window_commands.cpp, app/setup_commands.cpp)
      {"home", {}, "home: close the session and show the library's sessions", Needs::Nothing,
       [](W& w, C c) { return w.cmd_home(c); }},
      {"home-search", {}, "home-search \"words\": filter the home list", Needs::Nothing,
       [](W& w, C c) { return w.cmd_home_search(c); }},
      {"new-session", {}, "new-session --title T [--date D] [--class C] [--framework CODE] [--recording PATH] ...",
       Needs::Nothing, [](W& w, C c) { return w.cmd_new_session(c); }},
      {"new-session-form", {}, "new-session-form [close] [--recording PATH]", Needs::Nothing,
       [](W& w, C c) { return w.cmd_new_session_form(c); }},
      {"person", {}, "person add \"Name\": add a person and review as them", Needs::Nothing,
       [](W& w, C c) { return w.cmd_person(c); }},
      {"as", {}, "as [NAME]: review as this person (without a name: the remembered one)", Needs::Nothing,
       [](W& w, C c) { return w.cmd_choose_reviewer(c); }},
      {"who", {}, "who [close]: \"Who is reviewing?\"", Needs::Nothing, [](W& w, C c) { return w.cmd_who(c); }},
      {"browse", {}, "browse [FOLDER | --near FILE] [--show recordings|import|all]: the in-window file browser (--near: the folder FILE is in, when it still exists)", Needs::Nothing,
       [](W& w, C c) { return w.cmd_browse(c); }},
      {"participant", {}, "participant add NAME ROLE | remove NAME | role NAME ROLE", Needs::Session,
       [](W& w, C c) { return w.cmd_setup(c); }},
      {"protocol", {}, "protocol set [--focus Q]... [--framework CODE] [--stem code=Label]... [--blind on|off] ...",
       Needs::Session, [](W& w, C c) { return w.cmd_setup(c); }},

      // ---- Lesson Study (app/lesson_study_commands.cpp)
      {"lesson-study", {}, "lesson-study [on|off]: case pupils, phases, predictions, predicted vs observed", Needs::Session,
       [](W& w, C c) { return w.cmd_lesson_study(c); }},
      {"case-pupil", {}, "case-pupil add CODE [--description D] | remove CODE: Lesson Study case pupils (never names)",
       Needs::Session, [](W& w, C c) { return w.cmd_lesson_study(c); }},
      {"lesson-phase", {}, "lesson-phase add NAME --at TIME | remove NAME: the lesson's phases", Needs::Session,
       [](W& w, C c) { return w.cmd_lesson_study(c); }},
      {"predict", {}, "predict PUPIL PHASE \"text\": your prediction, before your first comment", Needs::Session,
       [](W& w, C c) { return w.cmd_lesson_study(c); }},
      {"compose-pupil", {}, "compose-pupil CODE|none: the case pupil the comment is about", Needs::Nothing,
       [](W& w, C c) { return w.cmd_lesson_study(c); }},

      // ---- view, keys and scripts (app/workstation.cpp)
      {"search", {}, "search: focus the comment search", Needs::Nothing,
       [](W& w, C) -> Result<Outcome> {
         w.view_.focus_search = true;
         return done();
       }},
      {"help", {}, "help: the list of keys (?)", Needs::Nothing,
       [](W& w, C) -> Result<Outcome> {
         w.view_.help = !w.view_.help;
         return done();
       }},
      {"settings", {}, "settings", Needs::Nothing,
       [](W& w, C) -> Result<Outcome> {
         w.view_.settings = !w.view_.settings;
         return done();
       }},
      {"fullscreen", {}, "fullscreen", Needs::Nothing,
       [](W& w, C) -> Result<Outcome> {
         w.view_.fullscreen = !w.view_.fullscreen;
         return done();
       }},
      {"escape", {}, "escape: close what is open, else leave full screen", Needs::Nothing,
       [](W& w, C c) { return w.cmd_escape(c); }},
      {"key", {}, "key NAME: what the key does (key C, key Ctrl+Z)", Needs::Nothing,
       [](W& w, C c) { return w.cmd_key(c); }},
      {"bind", {}, "bind KEY \"command\"", Needs::Nothing, [](W& w, C c) { return w.cmd_bind(c); }},
      {"unbind", {}, "unbind KEY", Needs::Nothing, [](W& w, C c) { return w.cmd_bind(c); }},
      {"reset-keys", {}, "reset-keys: the default keys", Needs::Nothing, [](W& w, C c) { return w.cmd_reset_keys(c); }},
      {"wait", {}, "wait MILLISECONDS | wait overview: until the timeline's pictures and sounds are made (scripts)", Needs::Nothing, [](W& w, C c) { return w.cmd_wait(c); }},
      {"screenshot", {}, "screenshot OUT.png (scripts)", Needs::Nothing, [](W& w, C c) { return w.cmd_screenshot(c); }},
      {"mouse", {}, "mouse drag X0 Y0 X1 Y1 | double-click X Y | move X Y (scripts: the window plays it as the pointer)", Needs::Nothing,
       [](W& w, C c) { return w.cmd_mouse(c); }},
      {"press", {}, "press KEY: the window plays it as a real key press, text boxes included (scripts)", Needs::Nothing,
       [](W& w, C c) { return w.cmd_press(c); }},
      {"quit", {}, "quit", Needs::Nothing,
       [](W&, C) -> Result<Outcome> {
         Outcome o;
         o.quit = true;
         return o;
       }},
  };
  return table;
}

const CommandSpec* Workstation::find_command(std::string_view name) {
  static const std::unordered_map<std::string_view, const CommandSpec*> by_name = [] {
    std::unordered_map<std::string_view, const CommandSpec*> m;
    for (const CommandSpec& s : command_table()) {
      m.emplace(s.name, &s);  // the first entry of a name wins; the test demands there is one
      for (std::string_view a : s.aliases) m.emplace(a, &s);
    }
    return m;
  }();
  auto it = by_name.find(name);
  return it == by_name.end() ? nullptr : it->second;
}

}  // namespace triad::app
