#include "ui/help_overlay.hpp"

namespace triad::ui {

void HelpOverlay::draw(UiFrame& f, ImVec2 viewport) {
  auto& view = f.ws.view();
  if (!view.help) return;
  const float s = f.scale;
  const ImVec2 size(std::min(viewport.x - 40, 820 * s), std::min(viewport.y - 40, 720 * s));
  ImGui::SetNextWindowPos(ImVec2((viewport.x - size.x) / 2, (viewport.y - size.y) / 2));
  ImGui::SetNextWindowSize(size);
  ImGui::SetNextWindowBgAlpha(0.97f);
  bool open = true;
  if (ImGui::Begin("Keyboard shortcuts", &open,
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                       ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::TextColored(ImColor(colours::kMuted), "Every key can be changed in Settings (Ctrl+,). Esc or ? closes this.");
    if (ImGui::BeginTable("##keys", 4, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
      const auto& all = f.ws.keys().all();
      const std::size_t half = (all.size() + 1) / 2;
      for (std::size_t row = 0; row < half; ++row) {
        ImGui::TableNextRow();
        for (std::size_t col = 0; col < 2; ++col) {
          const std::size_t i = row + col * half;
          ImGui::TableNextColumn();
          if (i < all.size()) ImGui::TextColored(ImColor(colours::kAccent), "%s", all[i].chord.c_str());
          ImGui::TableNextColumn();
          if (i < all.size()) ImGui::TextUnformatted(all[i].description.c_str());
        }
      }
      ImGui::EndTable();
    }
  }
  ImGui::End();
  if (!open) view.help = false;
}

}  // namespace triad::ui
