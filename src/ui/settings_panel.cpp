#include "ui/settings_panel.hpp"

#include "app/command.hpp"

namespace triad::ui {

void SettingsPanel::capture(UiFrame& f, const std::string& chord) {
  if (!capture_) return;
  if (chord != "Escape") {
    if (capture_old_chord_) f.run("unbind " + app::quote_word(*capture_old_chord_));
    f.run("bind " + app::quote_word(chord) + " " + app::quote_word(*capture_));
  }
  capture_.reset();
  capture_old_chord_.reset();
}

void SettingsPanel::draw(UiFrame& f, ImVec2 viewport) {
  auto& view = f.ws.view();
  if (!view.settings) {
    capture_.reset();
    return;
  }
  const float s = f.scale;
  const ImVec2 size(std::min(viewport.x - 40, 760 * s), std::min(viewport.y - 40, 700 * s));
  ImGui::SetNextWindowPos(ImVec2((viewport.x - size.x) / 2, (viewport.y - size.y) / 2), ImGuiCond_Appearing);
  ImGui::SetNextWindowSize(size, ImGuiCond_Appearing);
  bool open = true;
  if (ImGui::Begin("Settings", &open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    const auto& st = f.ws.settings();
    float lag = static_cast<float>(st.reaction_lag_us) / 1e6f;
    ImGui::SetNextItemWidth(260 * s);
    if (ImGui::SliderFloat("Reaction lag (s)", &lag, 0.0f, 5.0f, "%.1f"))
      f.run("set reaction-lag " + format_seconds(static_cast<TimeUs>(lag * 10 + 0.5f) * 100'000));
    ImGui::TextColored(ImColor(colours::kMuted), "A comment is stamped this long before the moment you press C.");
    float rewind = static_cast<float>(st.resume_rewind_us) / 1e6f;
    ImGui::SetNextItemWidth(260 * s);
    if (ImGui::SliderFloat("Rewind after a comment (s)", &rewind, 0.0f, 10.0f, "%.0f"))
      f.run("set rewind " + format_seconds(static_cast<TimeUs>(rewind + 0.5f) * 1'000'000));
    ImGui::Separator();
    ImGui::TextUnformatted("Keys");
    ImGui::SameLine();
    if (ImGui::SmallButton("Restore defaults")) f.run("reset-keys");
    if (capture_) ImGui::TextColored(ImColor(colours::kAccent), "Press the new key for \"%s\" (Esc: keep it)", capture_->c_str());
    if (ImGui::BeginTable("##bindings", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp,
                          ImVec2(0, ImGui::GetContentRegionAvail().y))) {
      const auto all = f.ws.keys().all();  // copy: capturing may rebind while drawing
      int i = 0;
      for (const auto& b : all) {
        ImGui::PushID(i++);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(ImColor(colours::kAccent), "%s", b.chord.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(b.description.c_str());
        if (ImGui::IsItemHovered()) {  // the command the key runs, with its usage from the command table
          std::string tip = b.command;
          if (auto c = app::parse_command(b.command); c.ok())
            if (const app::CommandSpec* spec = app::Workstation::find_command(c->name)) tip += "\n" + std::string(spec->usage);
          ImGui::SetTooltip("%s", tip.c_str());
        }
        ImGui::TableNextColumn();
        if (ImGui::SmallButton("Change")) {
          capture_ = b.command;
          capture_old_chord_ = b.chord;
        }
        ImGui::PopID();
      }
      ImGui::EndTable();
    }
  }
  ImGui::End();
  if (!open) f.run("settings");  // the window's close box: settings toggles
}

}  // namespace triad::ui
