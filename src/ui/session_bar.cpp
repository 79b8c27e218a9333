#include "ui/session_bar.hpp"

#include "core/model.hpp"
#include "ui/panel_window.hpp"

namespace triad::ui {

void SessionBar::draw(UiFrame& f, ImVec2 pos, ImVec2 size) {
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(30, 34, 40, 255));
  if (begin_panel("##session", pos, size)) {
    const auto& s = f.ws.session();
    ImGui::SetCursorPosY((size.y - ImGui::GetTextLineHeight()) / 2);
    if (s) {
      ImGui::TextUnformatted(s->title.c_str());
      if (!s->date.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImColor(colours::kMuted), "· %s", s->date.c_str());
      }
      if (!s->class_label.empty() || !s->subject.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImColor(colours::kMuted), "· %s %s", s->class_label.c_str(), s->subject.c_str());
      }
      if (!s->focus.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImColor(colours::kMuted), "· Focus:");
        ImGui::SameLine();
        ImGui::TextUnformatted(s->focus.c_str());
      }
      // The triad and their roles, on hover over the bar.
      if (ImGui::IsWindowHovered() && !f.ws.participants().empty()) {
        ImGui::BeginTooltip();
        for (const auto& p : f.ws.participants())
          ImGui::Text("%s — %s", f.ws.person_name(p.person_id).c_str(), std::string(role_label(p.role)).c_str());
        ImGui::EndTooltip();
      }
    } else {
      ImGui::TextColored(ImColor(colours::kMuted), "No session open");
    }
    // "Reviewing as" stays at the right edge whatever the title length.
    std::string who = "Reviewing as: ";
    if (const auto& r = f.ws.reviewer()) {
      who += r->display_name;
      if (auto role = f.ws.reviewer_role()) who += " (" + std::string(role_label(*role)) + ")";
    } else {
      who += "—";
    }
    const float w = ImGui::CalcTextSize(who.c_str()).x;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 20.0f, size.x - w - 16.0f * f.scale));
    ImGui::TextColored(ImColor(colours::kAccent), "%s", who.c_str());
  }
  ImGui::End();
  ImGui::PopStyleColor();
}

}  // namespace triad::ui
