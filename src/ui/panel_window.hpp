#pragma once
// Panels are fixed, undecorated ImGui windows placed by ui/workspace.cpp; dialogs (new
// session, import, export, re-key) float centred over them.
#include <imgui.h>

#include <algorithm>

namespace triad::ui {

inline bool begin_panel(const char* id, ImVec2 pos, ImVec2 size, ImGuiWindowFlags extra = 0) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus | extra;
  return ImGui::Begin(id, nullptr, flags);
}

// A dialog: centred in the viewport `vp`, undecorated, as tall as its content and `width`
// wide (less on a narrow window), on an opaque background. end_dialog() must follow,
// whatever begin_dialog returned.
inline bool begin_dialog(const char* id, ImVec2 vp, float width, float scale) {
  ImGui::SetNextWindowPos(ImVec2(vp.x / 2, vp.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(width, vp.x - 40 * scale), 0));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(36, 40, 47, 252));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24 * scale, 20 * scale));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize;
  return ImGui::Begin(id, nullptr, flags);
}

inline void end_dialog() {
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

}  // namespace triad::ui
