#include "ui/export_progress.hpp"

#include <algorithm>

namespace triad::ui {

void draw_export_job_state(UiFrame& f, const app::ExportJob& job) {
  if (!job.done()) {
    const float button_w = 110 * f.scale;
    ImGui::ProgressBar(static_cast<float>(job.fraction()),
                       ImVec2(ImGui::GetContentRegionAvail().x - button_w - ImGui::GetStyle().ItemSpacing.x, 0));
    ImGui::SameLine();
    ImGui::BeginDisabled(job.cancelling());
    if (ImGui::Button("Cancel##job", ImVec2(button_w, 0))) f.run("export cancel");
    ImGui::EndDisabled();
    return;
  }
  const auto r = job.result();
  if (r && *r) {
    ImGui::TextColored(ImColor(colours::kAccent), "The %s is written:", job.what().c_str());
    ImGui::TextUnformatted(job.output().string().c_str());
    for (const auto& note : job.notes()) ImGui::TextColored(ImColor(colours::kPlayhead), "%s", note.c_str());
  } else {
    ImGui::TextColored(ImColor(colours::kError), "%s", r ? r->error().message.c_str() : "The export stopped.");
  }
}

void ExportProgress::draw(UiFrame& f, ImVec2 video_pos, ImVec2 video_size) {
  const app::ExportJob* job = f.ws.export_job();
  if (!job || f.ws.sharing().export_panel) return;  // the Export panel shows it itself
  const float s = f.scale;
  const float w = std::min(video_size.x - 24 * s, 520 * s);
  const ImVec2 pos(video_pos.x + video_size.x - w - 12 * s, video_pos.y + 12 * s);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(30, 34, 40, 240));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 6 * s);
  // Not a begin_panel(): those stay behind the panels created before them, and this
  // note must float over the video. Height 0: fitted to the content every frame.
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(ImVec2(w, 0));
  if (ImGui::Begin("##export", nullptr,
                   ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                       ImGuiWindowFlags_NoFocusOnAppearing)) {
    const std::string name = job->output().filename().string();
    ImGui::PushTextWrapPos(0);
    if (!job->done()) {
      ImGui::Text("%s %s…", job->cancelling() ? "Cancelling the" : "Writing the", job->what().c_str());
      ImGui::SameLine();
      ImGui::TextColored(ImColor(colours::kMuted), "%s", name.c_str());
      draw_export_job_state(f, *job);
    } else {
      draw_export_job_state(f, *job);
      if (ImGui::Button("Close")) f.run("export dismiss");
    }
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

}  // namespace triad::ui
