#include "ui/composer_panel.hpp"

#include <imgui_stdlib.h>

#include "app/command.hpp"
#include "ui/panel_window.hpp"

namespace triad::ui {

void ComposerPanel::draw(UiFrame& f, ImVec2 pos, ImVec2 size) {
  auto& ws = f.ws;
  auto& c = ws.composer();
  if (!c.open) {
    was_open_ = false;
    return;
  }
  const float s = f.scale;
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(34, 40, 46, 255));
  if (begin_panel("##composer", pos, size)) {
    std::string when = format_time(c.start_us);
    if (c.end_us) when += " – " + format_time(*c.end_us);
    ImGui::TextUnformatted(c.editing_id ? "Edit comment at" : "New comment at");
    ImGui::SameLine();
    ImGui::TextColored(ImColor(colours::kAccent), "%s", when.c_str());
    if (c.editing_id) {
      ImGui::SameLine();
      if (ImGui::SmallButton("Set to current frame")) c.start_us = ws.position();
    }

    // Stems (kinds) as buttons.
    for (const auto& k : ws.kinds()) {
      const bool on = c.kind == k;
      const std::string stem(app::Workstation::kind_label(k));
      const float w = ImGui::CalcTextSize(stem.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
      if (ImGui::GetCursorPosX() + w > ImGui::GetContentRegionMax().x) ImGui::NewLine();
      if (on) ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(60, 100, 104, 255));
      if (ImGui::SmallButton(std::string(app::Workstation::kind_label(k)).c_str())) {
        c.kind = k;
        // Starting the text with the stem helps the reader; only when nothing is typed yet.
        if (c.text.empty() && k != "note" && k != "strength") c.text = std::string(app::Workstation::kind_label(k)) + " ";
      }
      if (on) ImGui::PopStyleColor();
      ImGui::SameLine();
    }
    ImGui::NewLine();

    // Tags with hotkeys.
    for (const auto& t : ws.tags()) {
      const bool on = std::find(c.tags.begin(), c.tags.end(), t.code) != c.tags.end();
      std::string label = (t.hotkey.empty() ? "" : t.hotkey + " ") + t.label;
      const ImU32 col = parse_colour(t.colour, on ? 255 : 70);
      ImGui::PushStyleColor(ImGuiCol_Button, col);
      ImGui::PushStyleColor(ImGuiCol_Text, on ? IM_COL32(20, 22, 26, 255) : colours::kText);
      const float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
      if (ImGui::GetCursorPosX() + w > ImGui::GetContentRegionMax().x) ImGui::NewLine();
      if (ImGui::SmallButton(label.c_str())) f.run("compose-tag " + app::quote_word(t.code));
      ImGui::PopStyleColor(2);
      ImGui::SameLine();
    }
    ImGui::NewLine();

    if (!was_open_) ImGui::SetKeyboardFocusHere();
    was_open_ = true;
    const float button_row = ImGui::GetFrameHeightWithSpacing();
    const ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine;
    const bool enter = ImGui::InputTextMultiline("##text", &c.text,
                                                 ImVec2(-1, std::max(40.0f, ImGui::GetContentRegionAvail().y - button_row)),
                                                 flags);
    if (enter) f.run(ImGui::GetIO().KeyShift ? "submit --rewind" : "submit");
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) f.run("cancel");
    if (ImGui::Button("Save (Enter)")) f.run("submit");
    ImGui::SameLine();
    if (ImGui::Button("Save, rewind")) f.run("submit --rewind");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Shift+Enter: save and replay the last seconds");
    ImGui::SameLine();
    if (ImGui::Button("Cancel (Esc)")) f.run("cancel");
    (void)s;
  }
  ImGui::End();
  ImGui::PopStyleColor();
}

}  // namespace triad::ui
