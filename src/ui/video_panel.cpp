#include "ui/video_panel.hpp"

#include "app/camera_tiles.hpp"
#include "base/time.hpp"
#include "core/recording_clock.hpp"
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
// A camera's name and, when it shows nothing, why; drawn over its tile.
void tile_caption(ImDrawList* dl, ImVec2 p0, ImVec2 p1, const std::string& name, const char* why, bool focused,
                  float scale) {
  const ImVec2 pad(6 * scale, 4 * scale);
  const ImVec2 ts = ImGui::CalcTextSize(name.c_str());
  dl->AddRectFilled(p0, ImVec2(p0.x + ts.x + 2 * pad.x, p0.y + ts.y + 2 * pad.y), IM_COL32(12, 13, 15, 190));
  dl->AddText(ImVec2(p0.x + pad.x, p0.y + pad.y), focused ? colours::kPlayhead : colours::kText, name.c_str());
  if (why != nullptr) {
    const float wrap = std::max(40.0f, p1.x - p0.x - 20 * scale);
    const ImVec2 ws = ImGui::CalcTextSize(why, nullptr, false, wrap);
    const ImVec2 at((p0.x + p1.x - ws.x) / 2, (p0.y + p1.y - ws.y) / 2);
    dl->AddText(nullptr, 0, at, colours::kText, why, nullptr, wrap);
  }
  if (focused) dl->AddRect(p0, p1, colours::kPlayhead, 0, 0, 2 * scale);
}

}  // namespace

void VideoPanel::draw_cameras(UiFrame& f, ImVec2 pos, ImVec2 size, float fb_scale,
                              const std::vector<app::CameraView>& cams) {
  const auto placed = app::place_camera_tiles(f.ws.camera_layout(), cams.size() + 1, f.ws.focused_camera(),
                                              {pos.x, pos.y, size.x, size.y});
  camera_pixel_sizes.assign(cams.size(), ImVec2(0, 0));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const auto& t : placed) {
    const ImVec2 p0(t.rect.x, t.rect.y), p1(t.rect.x + t.rect.w, t.rect.y + t.rect.h);
    const ImVec2 px(t.rect.w * fb_scale, t.rect.h * fb_scale);
    const bool focused = t.camera == f.ws.focused_camera();
    dl->AddRectFilled(p0, p1, IM_COL32(12, 13, 15, 255));
    if (t.camera == 0) {
      pixel_size = px;
      if (f.video_texture) dl->AddImage(f.video_texture, p0, p1, ImVec2(0, 1), ImVec2(1, 0));
      const auto& clock = f.ws.clock_recording();
      const std::string label = clock ? camera_name(*clock, 1) : std::string("Camera 1");
      tile_caption(dl, p0, p1, label, f.video_texture ? nullptr : "Loading the picture…", focused, f.scale);
      continue;
    }
    const auto& cam = cams[t.camera - 1];
    camera_pixel_sizes[t.camera - 1] = px;
    const std::string name = camera_name(cam.recording, t.camera + 1);
    std::string why;
    switch (cam.where) {
      case app::CameraView::Where::BeforeStart:
        why = "Starts at " + format_time(session_span(cam.recording).start_us);
        break;
      case app::CameraView::Where::AfterEnd:
        why = "Ended at " + format_time(session_span(cam.recording).end_us);
        break;
      case app::CameraView::Where::Failed:
        why = "Cannot be shown: " + cam.error;
        break;
      case app::CameraView::Where::Showing:
        break;
    }
    const ImTextureID tex = t.camera - 1 < f.camera_textures.size() ? f.camera_textures[t.camera - 1] : nullptr;
    if (why.empty() && tex) dl->AddImage(tex, p0, p1, ImVec2(0, 1), ImVec2(1, 0));
    if (why.empty() && !tex) why = "Loading the picture…";
    tile_caption(dl, p0, p1, name, why.empty() ? nullptr : why.c_str(), focused, f.scale);
  }
}

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
    } else if (!f.ws.media_info()->has_video && !f.ws.media_info()->picture_problem.empty()) {
      // A picture is there but nothing here decodes it: say which codec, so whoever filmed
      // it can export it again (or the school's IT can look the codec up).
      std::string text = "There is no picture to show: " + f.ws.media_info()->picture_problem +
                         ".\n\nThe sound plays as usual; follow it on the waveform below.";
      centred_text(text.c_str(), colours::kMuted, std::min(size.x - 40, 640.0f * f.scale));
    } else if (!f.ws.media_info()->has_video) {
      // Sound only (a voice recorder, say): nothing to wait for; the sound plays and its
      // waveform is on the timeline.
      centred_text("This recording has sound only: there is no picture to show.\n\nIt plays as usual; follow it on "
                   "the waveform below.",
                   colours::kMuted, std::min(size.x - 40, 640.0f * f.scale));
    } else if (const auto cams = f.ws.cameras(); !cams.empty()) {
      draw_cameras(f, ImGui::GetWindowPos(), size, fb_scale, cams);
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
