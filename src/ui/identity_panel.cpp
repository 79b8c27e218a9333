#include "ui/identity_panel.hpp"

#include <algorithm>
#include <string>

#include "app/command.hpp"

namespace triad::ui {

void IdentityPanel::draw(UiFrame& f, ImVec2 vp) {
  auto& ws = f.ws;
  const bool must = ws.needs_identity();
  if (!must && !ws.view().identity) {
    focus_name_ = true;
    return;
  }
  const float s = f.scale;
  const ImVec2 size(480 * s, 0);
  ImGui::SetNextWindowPos(ImVec2(vp.x / 2, vp.y / 2.6f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(36, 40, 47, 252));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24 * s, 20 * s));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize;
  ImGui::SetNextWindowFocus();
  if (ImGui::Begin("##identity", nullptr, flags)) {
    ImGui::TextUnformatted("Who is reviewing?");
    ImGui::TextColored(ImColor(colours::kMuted), "Your comments and review time are kept under this name.");
    ImGui::Dummy(ImVec2(0, 6 * s));
    const auto& people = ws.people();
    if (!people.empty()) {
      const float list_h = std::min(220 * s, (ImGui::GetFrameHeightWithSpacing()) * static_cast<float>(people.size()) + 8 * s);
      if (ImGui::BeginChild("##people", ImVec2(0, list_h), true)) {
        for (const auto& p : people) {
          const bool current = ws.reviewer() && ws.reviewer()->id == p.id;
          if (ImGui::Selectable(p.display_name.c_str(), current, 0, ImVec2(0, ImGui::GetFrameHeight())))
            f.run("as " + std::to_string(p.id));
        }
      }
      ImGui::EndChild();
      ImGui::Dummy(ImVec2(0, 4 * s));
      ImGui::TextColored(ImColor(colours::kMuted), "Not in the list?");
    }
    if (focus_name_ && people.empty()) {
      ImGui::SetKeyboardFocusHere();
      focus_name_ = false;
    }
    ImGui::SetNextItemWidth(-120 * s);
    const bool enter = ImGui::InputTextWithHint("##name", "Your name", name_, sizeof name_,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    const bool has_name = name_[0] != '\0';
    if (!has_name) ImGui::BeginDisabled();
    const bool add = ImGui::Button("Add me", ImVec2(-1, 0));
    if (!has_name) ImGui::EndDisabled();
    if ((add || enter) && has_name) {
      f.run("person add " + app::quote_word(name_));
      name_[0] = '\0';
    }
    if (!must) {
      ImGui::Dummy(ImVec2(0, 4 * s));
      if (ImGui::Button("Cancel")) f.run("who close");
      if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) f.run("who close");
    }
  }
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

}  // namespace triad::ui
