#include "ui/video_panel.hpp"

#include "ui/panel_window.hpp"

namespace triad::ui {

namespace {
void centred_text(const char* text, ImU32 colour, float wrap) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 ts = ImGui::CalcTextSize(text, nullptr, false, wrap);
  ImGui::SetCursorPos(ImVec2((avail.x - ts.x) / 2 + ImGui::GetCursorPosX(), (avail.y - ts.y) / 2));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
  ImGui::PushStyleColor(ImGuiCol_Text, colours::kText);
  ImGui::TextColored(ImColor(colour), "%s", text);
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
}
}  // namespace

void VideoPanel::draw(UiFrame& f, ImVec2 pos, ImVec2 size, float fb_scale) {
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(12, 13, 15, 255));
  if (begin_panel("##video", pos, size)) {
    pixel_size = ImVec2(size.x * fb_scale, size.y * fb_scale);
    if (const auto& err = f.ws.media_error()) {
      std::string text = "This recording cannot be played.\n\n" + err->message;
      centred_text(text.c_str(), colours::kError, std::min(size.x - 40, 640.0f * f.scale));
    } else if (!f.ws.media_info()) {
      centred_text("This session has no recording attached. Drop a lesson video here to open it.",
                   colours::kMuted, std::min(size.x - 40, 640.0f * f.scale));
    } else if (!f.ws.media_info()->has_video) {
      // Sound only (a voice recorder, say): nothing to wait for; the sound plays and its
      // waveform is on the timeline.
      centred_text("This recording has sound only: there is no picture to show.\n\nIt plays as usual; follow it on "
                   "the waveform below.",
                   colours::kMuted, std::min(size.x - 40, 640.0f * f.scale));
    } else if (f.video_texture) {
      // The texture is bottom-up (GL), so flip it vertically.
      ImGui::Image(f.video_texture, size, ImVec2(0, 1), ImVec2(1, 0));
    } else {
      centred_text("Loading the picture…", colours::kMuted, size.x - 40);
    }
  }
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
}

}  // namespace triad::ui
