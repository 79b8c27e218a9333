#include "ui/help_overlay.hpp"

#include <algorithm>

namespace triad::ui {

void HelpOverlay::draw(UiFrame& f, ImVec2 viewport) {
  auto& view = f.ws.view();
  if (!view.help) return;
  const float s = f.scale;
  const ImVec2 size(std::min(viewport.x - 40, 1040 * s), std::min(viewport.y - 40, 760 * s));
  // Centred and as tall as the list (scrolls when the window is small).
  ImGui::SetNextWindowPos(ImVec2(viewport.x / 2, viewport.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(size.x, 0), size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(30, 34, 40, 255));
  bool open = true;
  if (ImGui::Begin("Keyboard shortcuts", &open,
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                       ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::TextColored(ImColor(colours::kMuted), "Every key can be changed in Settings (Ctrl+,). Esc or ? closes this.");
    if (ImGui::BeginTable("##keys", 4, ImGuiTableFlags_RowBg)) {
      const auto& all = f.ws.keys().all();
      // Chords never cut: their columns fit the widest; descriptions wrap.
      float chord_w = 0;
      for (const auto& b : all) chord_w = std::max(chord_w, ImGui::CalcTextSize(b.chord.c_str()).x);
      for (int col = 0; col < 2; ++col) {
        ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthFixed, chord_w + 8 * s);
        ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthStretch);
      }
      const std::size_t half = (all.size() + 1) / 2;
      for (std::size_t row = 0; row < half; ++row) {
        ImGui::TableNextRow();
        for (std::size_t col = 0; col < 2; ++col) {
          const std::size_t i = row + col * half;
          ImGui::TableNextColumn();
          if (i < all.size()) ImGui::TextColored(ImColor(colours::kAccent), "%s", all[i].chord.c_str());
          ImGui::TableNextColumn();
          if (i < all.size()) ImGui::TextWrapped("%s", all[i].description.c_str());
        }
      }
      ImGui::EndTable();
    }
    // What 1-9 mark in this session (the framework the reviewer uses).
    std::string tags;
    for (const auto& t : f.ws.tags()) {
      if (t.hotkey.empty()) continue;
      tags += (tags.empty() ? "" : "   ") + t.hotkey + " " + t.label;
    }
    if (!tags.empty()) {
      ImGui::Spacing();
      ImGui::TextColored(ImColor(colours::kAccent), "Tags on 1\xE2\x80\x93" "9");
      ImGui::PushTextWrapPos(0);
      ImGui::TextUnformatted(tags.c_str());
      ImGui::PopTextWrapPos();
      ImGui::TextColored(ImColor(colours::kMuted),
                         "While typing a comment: Ctrl+1\xE2\x80\x93" "9 toggles a tag, Alt+1\xE2\x80\x93" "9 picks a stem.");
    }
  }
  ImGui::End();
  ImGui::PopStyleColor();
  if (!open) f.run("help");  // the window's close box: help toggles
}

}  // namespace triad::ui
