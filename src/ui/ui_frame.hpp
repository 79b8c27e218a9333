#pragma once
// What every panel receives for one UI frame. Panels read the workstation's state and
// ask for changes by appending command lines (app/command.hpp) to `commands`; the
// studio runs them after drawing. Panels do no I/O and keep only view state.
#include <imgui.h>

#include <string>
#include <vector>

#include "app/workstation.hpp"

namespace triad::ui {

struct TimelineImages;  // ui/timeline_images.hpp

struct UiFrame {
  app::Workstation& ws;
  std::vector<std::string>& commands;
  float scale = 1.0f;  // HiDPI factor for sizes written in points
  // The video picture rendered by the studio (GL texture of the last frame's size).
  ImTextureID video_texture = nullptr;
  ImVec2 video_texture_size{0, 0};
  const TimelineImages* timeline_images = nullptr;
  std::string overview_progress;  // "Thumbnails 40%" while the background work runs
  // The session's other cameras, rendered the same way: [i] is ws.cameras()[i] (null: none yet).
  std::vector<ImTextureID> camera_textures;

  void run(std::string line) { commands.push_back(std::move(line)); }
};

// Colours of the calm theme (also used for drawing).
namespace colours {
inline constexpr ImU32 kText = IM_COL32(226, 229, 233, 255);
inline constexpr ImU32 kMuted = IM_COL32(150, 158, 168, 255);
inline constexpr ImU32 kAccent = IM_COL32(102, 170, 176, 255);
inline constexpr ImU32 kPlayhead = IM_COL32(240, 196, 96, 255);
inline constexpr ImU32 kLaneBg = IM_COL32(38, 42, 48, 255);
inline constexpr ImU32 kLaneAlt = IM_COL32(44, 48, 55, 255);
inline constexpr ImU32 kError = IM_COL32(232, 120, 110, 255);
inline constexpr ImU32 kWave = IM_COL32(112, 146, 170, 255);
inline constexpr ImU32 kRecordingWave = IM_COL32(24, 30, 38, 220);  // drawn over a recording's bar
inline constexpr ImU32 kLoop = IM_COL32(102, 170, 176, 60);
// The talk lane and the analytics charts (tests read these pixels).
inline constexpr ImU32 kTeacherTalk = IM_COL32(84, 132, 220, 255);
inline constexpr ImU32 kPupilTalk = IM_COL32(236, 152, 60, 255);
inline constexpr ImU32 kPupilLane = IM_COL32(56, 48, 40, 255);  // Lesson Study case pupils' lanes (warm)
inline constexpr ImU32 kSilence = IM_COL32(58, 62, 70, 255);
// The timeline's recording rows (issue 15; tests read these pixels): the session clock's bar,
// a microphone's (a camera's is kAccent).
inline constexpr ImU32 kClockBar = IM_COL32(120, 128, 138, 255);
inline constexpr ImU32 kMicrophoneBar = IM_COL32(168, 140, 212, 255);
inline constexpr ImU32 kLongWait = IM_COL32(120, 204, 110, 255);   // wait time over 3 s
inline constexpr ImU32 kShortWait = IM_COL32(150, 158, 168, 255);  // a wait of 3 s or less
inline constexpr TimeUs kLongWaitUs = 3'000'000;
}  // namespace colours

// "#RRGGBB" -> colour; a calm grey-blue when the text is not a colour.
ImU32 parse_colour(const std::string& hex, int alpha = 255);
// The colour of a comment: its first tag's, else one per kind.
ImU32 comment_colour(const app::Workstation& ws, const Comment& c);

}  // namespace triad::ui
