#pragma once
// Panels are fixed, undecorated ImGui windows placed by ui/workspace.cpp.
#include <imgui.h>

namespace triad::ui {

inline bool begin_panel(const char* id, ImVec2 pos, ImVec2 size, ImGuiWindowFlags extra = 0) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus | extra;
  return ImGui::Begin(id, nullptr, flags);
}

}  // namespace triad::ui
