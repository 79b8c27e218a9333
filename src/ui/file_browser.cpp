#include "ui/file_browser.hpp"

#include <cstdio>
#include <filesystem>

#include "app/command.hpp"

namespace triad::ui {

std::string size_label(std::int64_t bytes) {
  char buf[32];
  if (bytes >= (1LL << 30)) std::snprintf(buf, sizeof buf, "%.1f GB", static_cast<double>(bytes) / (1LL << 30));
  else if (bytes >= (1LL << 20)) std::snprintf(buf, sizeof buf, "%.0f MB", static_cast<double>(bytes) / (1LL << 20));
  else std::snprintf(buf, sizeof buf, "%lld kB", static_cast<long long>(bytes / 1024));
  return buf;
}

std::optional<std::string> FileBrowser::draw(UiFrame& f, const char* id, float height, const std::string& show,
                                             const std::string& selected, const char* empty_note) {
  const auto& folder = f.ws.folder();
  const float s = f.scale;
  std::optional<std::string> picked;
  const std::string browse_show = show == "recordings" ? std::string() : " --show " + show;
  if (folder.show != show && folder.error.empty()) {  // another panel listed other files here
    f.run("browse" + (folder.folder.empty() ? std::string() : " " + app::quote_word(folder.folder)) + browse_show);
  }
  ImGui::TextColored(ImColor(colours::kMuted), "%s", folder.folder.c_str());
  if (!folder.error.empty()) ImGui::TextColored(ImColor(colours::kError), "%s", folder.error.c_str());
  if (ImGui::BeginChild(id, ImVec2(0, height), true)) {
    const std::filesystem::path dir(folder.folder);
    if (dir.has_parent_path() && dir.parent_path() != dir && ImGui::Selectable("\xE2\x86\xB0  ..  (up one folder)"))
      f.run("browse " + app::quote_word(dir.parent_path().string()) + browse_show);
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(folder.entries.size()));
    while (clip.Step()) {
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        const auto& e = folder.entries[static_cast<std::size_t>(i)];
        const std::string full = (dir / e.name).string();
        const std::string label = (e.folder ? "\xE2\x96\xB8  " : "    ") + e.name;
        if (ImGui::Selectable(label.c_str(), full == selected)) {
          if (e.folder) f.run("browse " + app::quote_word(full) + browse_show);
          else picked = full;
        }
        if (!e.folder) {
          ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 80 * s);
          ImGui::TextColored(ImColor(colours::kMuted), "%s", size_label(e.size_bytes).c_str());
        }
      }
    }
    if (folder.entries.empty()) ImGui::TextColored(ImColor(colours::kMuted), "%s", empty_note);
  }
  ImGui::EndChild();
  return picked;
}

}  // namespace triad::ui
