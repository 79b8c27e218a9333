#include "ui/recording_notice.hpp"

#include <algorithm>
#include <filesystem>

#include "app/command.hpp"

namespace triad::ui {

void RecordingNotice::draw_retention(UiFrame& f) {
  const auto& sh = f.ws.sharing();
  const auto& files = sh.retention.files;
  const std::string name = std::filesystem::path(files.front().path).filename().string();
  ImGui::PushTextWrapPos(0);
  if (!sh.retention_confirming) {
    ImGui::TextColored(ImColor(colours::kPlayhead), "The retention date of this session (%s) has passed.",
                       sh.retention.date.value_or("").c_str());
    ImGui::TextUnformatted("The triad agreed to delete the recording after it. The comments stay.");
    if (ImGui::Button("Delete the recording\xE2\x80\xA6")) f.run("retention delete");
    ImGui::SameLine();
    if (ImGui::Button("Not now")) f.run("retention dismiss");
  } else {
    ImGui::TextColored(ImColor(colours::kError), "Delete %s for good?", name.c_str());
    ImGui::TextUnformatted(files.size() == 1 ? "The file is removed from this computer; this cannot be undone. "
                                               "The session and its comments stay."
                                             : "Every recording file of the session is removed from this computer; "
                                               "this cannot be undone. The session and its comments stay.");
    ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(150, 60, 56, 255));
    if (ImGui::Button("Delete")) f.run("retention confirm");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) f.run("retention dismiss");
  }
  ImGui::PopTextWrapPos();
}

void RecordingNotice::draw_missing(UiFrame& f) {
  const auto& sh = f.ws.sharing();
  const float s = f.scale;
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(ImColor(colours::kPlayhead), "The recording is not where it was last seen:");
  ImGui::TextColored(ImColor(colours::kMuted), "%s", sh.missing.front().c_str());
  ImGui::PopTextWrapPos();
  if (!finding_) {
    if (ImGui::Button("Find the recording\xE2\x80\xA6")) {
      finding_ = true;
      f.run("browse --near " + app::quote_word(sh.missing.front()));
    }
  } else {
    ImGui::TextUnformatted("Choose the folder it is in (sub-folders are searched too):");
    (void)browser_.draw(f, "##relink-files", 180 * s, "recordings", "", "No folders or recordings here.");
    if (ImGui::Button("Search this folder")) f.run("relink " + app::quote_word(f.ws.folder().folder));
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) finding_ = false;
  }
  if (!sh.relink_result.empty()) ImGui::TextColored(ImColor(colours::kError), "%s", sh.relink_result.c_str());
}

void RecordingNotice::draw(UiFrame& f, ImVec2 video_pos, ImVec2 video_size) {
  const auto& sh = f.ws.sharing();
  const auto& session = f.ws.session();
  if (!session) return;
  if (finding_for_ != session->id) {
    finding_ = false;
    finding_for_ = session->id;
  }
  const bool retention = sh.retention.due() && !sh.retention_dismissed;
  const bool missing = !sh.missing.empty();
  if (!retention && !missing) return;
  const float s = f.scale;
  const float w = std::min(video_size.x - 24 * s, 640 * s);
  ImGui::SetNextWindowPos(ImVec2(video_pos.x + (video_size.x - w) / 2, video_pos.y + 12 * s));
  ImGui::SetNextWindowSize(ImVec2(w, 0));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(44, 40, 34, 245));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 6 * s);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(16 * s, 12 * s));
  if (ImGui::Begin("##recording-notice", nullptr,
                   ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                       ImGuiWindowFlags_NoFocusOnAppearing)) {
    if (retention) draw_retention(f);
    if (retention && missing) ImGui::Separator();
    if (missing) draw_missing(f);
  }
  ImGui::End();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor();
}

}  // namespace triad::ui
