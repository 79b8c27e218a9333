#pragma once
// The Recordings section of the Session panel (issue 15): the session clock and every other
// recording, cameras and microphones, with its name, role, where it starts on the session
// clock and its drift; per recording, nudges (10 ms either way, and one frame for a camera),
// a typed start time and "Align by sound", whose job shows its progress and Cancel here, then
// what it found or why it refused. A row's items wrap rather than run past the panel's edge.
// Every button is a command naming the recording by its id (`camera-offset rID`, `align rID`,
// `sound rID`), so scripts do the same. "Sound heard" chooses which
// recording's sound plays (any camera's or a microphone's) or all of them mixed.
#include <map>
#include <string>

#include "ui/file_browser.hpp"
#include "ui/ui_frame.hpp"

namespace triad::ui {

struct RecordingsSection {
  void draw(UiFrame& f);

 private:
  void draw_sound(UiFrame& f);
  void draw_add(UiFrame& f);
  std::map<RowId, std::string> typed_;  // the start time being typed, per recording
  // "Add a camera or microphone…": the file chosen in the browser, its name and role (an
  // index into camera, microphone, teacher microphone) until `recording-add` is run.
  FileBrowser browser_;
  std::string picked_, label_;
  int role_ = 0;
};

}  // namespace triad::ui
