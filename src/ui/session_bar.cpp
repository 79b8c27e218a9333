#include "ui/session_bar.hpp"

#include "core/model.hpp"
#include "ui/panel_window.hpp"

namespace triad::ui {

namespace {

// Cuts text to a width with an ellipsis (UTF-8 safe).
std::string fit(std::string text, float max_w) {
  if (max_w <= 0) return {};
  if (ImGui::CalcTextSize(text.c_str()).x <= max_w) return text;
  while (!text.empty() && ImGui::CalcTextSize((text + "\xE2\x80\xA6").c_str()).x > max_w) {
    text.pop_back();
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
  }
  return text.empty() ? text : text + "\xE2\x80\xA6";
}

}  // namespace

void SessionBar::draw(UiFrame& f, ImVec2 pos, ImVec2 size) {
  auto& ws = f.ws;
  const float s = f.scale;
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(30, 34, 40, 255));
  if (begin_panel("##session", pos, size)) {
    const auto& session = ws.session();
    const float pad = ImGui::GetStyle().FramePadding.x * 2;
    const float gap = ImGui::GetStyle().ItemSpacing.x;

    // Right-hand group, measured first so the left side can be cut to fit:
    // [blind review state] [Session] [Meeting]  Reviewing as: Name (Role)
    std::string who = "Reviewing as: ";
    if (const auto& r = ws.reviewer()) {
      who += r->display_name;
      if (auto role = ws.reviewer_role()) who += " (" + std::string(role_label(*role)) + ")";
    } else {
      who += "nobody yet";
    }
    const auto& info = ws.session_info();
    std::string blind;
    if (session && info.triad && info.protocol.blind_review) {
      blind = info.review.reveal ? "Reviews revealed"
                                 : "Blind review \xC2\xB7 " + std::to_string(info.review.submissions.size()) + " of " +
                                       std::to_string(info.review.submissions.size() + info.review.pending.size()) +
                                       " submitted";
    }
    const char* session_label = "Session";
    const char* meeting_label = ws.meeting().on ? "Leave meeting" : "Meeting";
    const char* analytics_label = "Analytics";
    const char* lesson_study_label = "Lesson Study";
    float right_w = ImGui::CalcTextSize((who + " \xE2\x96\xBE").c_str()).x + 16 * s;
    if (session) {
      right_w += ImGui::CalcTextSize(session_label).x + ImGui::CalcTextSize(meeting_label).x +
                 ImGui::CalcTextSize(analytics_label).x + ImGui::CalcTextSize(lesson_study_label).x + 4 * pad + 5 * gap;
      if (!blind.empty()) right_w += ImGui::CalcTextSize(blind.c_str()).x + 2 * gap;
    }
    // Sharing: [Export] (a session open) [Import]
    right_w += ImGui::CalcTextSize("Import").x + pad + 2 * gap;
    if (session) right_w += ImGui::CalcTextSize("Export").x + pad + gap;
    const float right_x = size.x - right_w;

    const float text_y = (size.y - ImGui::GetTextLineHeight()) / 2;
    if (session) {  // back to the library's sessions
      ImGui::SetCursorPosY((size.y - ImGui::GetFrameHeight()) / 2);
      if (ImGui::Button("\xE2\x97\x82 Sessions")) f.run("home");
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the library's sessions");
      ImGui::SameLine(0, 12 * s);
    }
    ImGui::SetCursorPosY(text_y);
    if (session) {
      std::string line = session->title;
      std::string meta;
      if (!session->date.empty()) meta += " \xC2\xB7 " + session->date;
      if (!session->class_label.empty() || !session->subject.empty())
        meta += " \xC2\xB7 " + session->class_label + " " + session->subject;
      std::string focus = session->focus;
      if (!info.protocol.focus_questions.empty()) focus = info.protocol.focus_questions.front();
      const float left_max = right_x - ImGui::GetCursorPosX() - 24 * s;
      const float title_w = ImGui::CalcTextSize(line.c_str()).x;
      ImGui::TextUnformatted(fit(line, left_max).c_str());
      float used = std::min(title_w, left_max);
      if (!meta.empty() && used + 40 * s < left_max) {
        ImGui::SameLine(0, 0);
        const std::string m = fit(meta, left_max - used);
        ImGui::TextColored(ImColor(colours::kMuted), "%s", m.c_str());
        used += ImGui::CalcTextSize(m.c_str()).x;
      }
      if (!focus.empty() && used + 120 * s < left_max) {
        ImGui::SameLine(0, 0);
        ImGui::TextColored(ImColor(colours::kMuted), " \xC2\xB7 Focus: ");
        used += ImGui::CalcTextSize(" \xC2\xB7 Focus: ").x;
        ImGui::SameLine(0, 0);
        ImGui::TextUnformatted(fit(focus, left_max - used).c_str());
      }
      // The triad and their roles, on hover over the bar.
      if (ImGui::IsWindowHovered() && !ImGui::IsAnyItemHovered() && !ws.participants().empty()) {
        ImGui::BeginTooltip();
        for (const auto& p : ws.participants())
          ImGui::Text("%s \xE2\x80\x94 %s", ws.person_name(p.person_id).c_str(), std::string(role_label(p.role)).c_str());
        ImGui::EndTooltip();
      }
      ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 20 * s, right_x));
      if (!blind.empty()) {
        ImGui::SetCursorPosY(text_y);
        ImGui::TextColored(ImColor(info.review.reveal ? colours::kMuted : colours::kPlayhead), "%s", blind.c_str());
        ImGui::SameLine(0, 2 * gap);
      }
      ImGui::SetCursorPosY((size.y - ImGui::GetFrameHeight()) / 2);
      const bool panel = ws.view().session_panel;
      if (panel) ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(60, 100, 104, 255));
      if (ImGui::Button(session_label)) f.run("session-panel");
      if (panel) ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Protocol, triad, review time and exports (S)");
      ImGui::SameLine();
      ImGui::SetCursorPosY((size.y - ImGui::GetFrameHeight()) / 2);
      const bool lesson_study = ws.view().lesson_study;
      if (lesson_study) ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(60, 100, 104, 255));
      if (ImGui::Button(lesson_study_label)) f.run("lesson-study");
      if (lesson_study) ImGui::PopStyleColor();
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Case pupils (described, never named), lesson phases, predictions before watching, "
                          "predicted vs observed");
      ImGui::SameLine();
      ImGui::SetCursorPosY((size.y - ImGui::GetFrameHeight()) / 2);
      if (ws.meeting().on) ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(60, 100, 104, 255));
      if (ImGui::Button(meeting_label)) f.run("meeting toggle");
      if (ws.meeting().on) ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Meeting mode: the agenda of everyone's comments (M)");
      ImGui::SameLine();
      ImGui::SetCursorPosY((size.y - ImGui::GetFrameHeight()) / 2);
      const bool analytics = ws.analytics().window_open();
      if (analytics) ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(60, 100, 104, 255));
      if (ImGui::Button(analytics_label)) f.run(analytics ? "analytics off" : "analytics talk");
      if (analytics) ImGui::PopStyleColor();
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Lesson analytics, worked out on this machine: talk and wait time (T), observer agreement "
                          "(Shift+A), growth across the cycle (Shift+G)");
      ImGui::SameLine();
      ImGui::SetCursorPosY((size.y - ImGui::GetFrameHeight()) / 2);
      const bool exporting = ws.sharing().export_panel;
      if (exporting) ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(60, 100, 104, 255));
      if (ImGui::Button("Export")) f.run(exporting ? "export-panel off" : "export-panel on");
      if (exporting) ImGui::PopStyleColor();
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Report, clip, comments as CSV / subtitles / ELAN, a bundle for the triad or everyone");
      ImGui::SameLine();
    } else {
      ImGui::TextUnformatted("Triad");
      ImGui::SameLine();
      ImGui::TextColored(ImColor(colours::kMuted), "\xC2\xB7 %s", ws.home().library_name.c_str());
      ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 20 * s, right_x));
    }
    ImGui::SetCursorPosY((size.y - ImGui::GetFrameHeight()) / 2);
    if (ImGui::Button("Import")) f.run(ws.sharing().import_panel ? "import-panel off" : "import-panel on");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A bundle from your triad, or comments from a file: see what it adds first");
    ImGui::SameLine(0, 16 * s);
    // "Reviewing as" stays at the right edge whatever the title length; a click
    // switches person.
    ImGui::SetCursorPosY(text_y);
    ImGui::PushStyleColor(ImGuiCol_Text, colours::kAccent);
    if (ImGui::Selectable((who + " \xE2\x96\xBE").c_str(), false, 0, ImGui::CalcTextSize((who + " \xE2\x96\xBE").c_str())))
      f.run("who");
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Switch who is reviewing");
  }
  ImGui::End();
  ImGui::PopStyleColor();
}

}  // namespace triad::ui
