#include "ui/transport_bar.hpp"

#include <string>

#include "base/time.hpp"
#include "ui/panel_window.hpp"

namespace triad::ui {

void TransportBar::draw(UiFrame& f, ImVec2 pos, ImVec2 size) {
  if (begin_panel("##transport", pos, size)) {
    auto& ws = f.ws;
    const bool has_media = ws.media_info().has_value();
    ImGui::SetCursorPosY((size.y - ImGui::GetFrameHeight()) / 2);
    if (!has_media) ImGui::BeginDisabled();
    auto button = [&](const char* label, const char* command, const char* tip) {
      if (ImGui::Button(label)) f.run(command);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
      ImGui::SameLine();
    };
    button("|\xE2\x97\x80", "home", "Start (Home)");  // |◀
    button("\xE2\x97\x80\xE2\x97\x80", "seek -10", "Back 10 s (Shift+Left)");  // ◀◀
    button("\xE2\x97\x81|", "step -1", "Previous frame (,)");      // ◁|
    // ▮▮ / ▶ (geometric shapes: the font is loaded with that range, ui/theme.cpp)
    const char* play_label = ws.playing() ? "\xE2\x96\xAE\xE2\x96\xAE" : "\xE2\x96\xB6";
    ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(60, 100, 104, 255));
    if (ImGui::Button(play_label, ImVec2(44 * f.scale, 0))) f.run("toggle-play");
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play / pause (Space or K; L forward, J backwards)");
    ImGui::SameLine();
    button("|\xE2\x96\xB7", "step +1", "Next frame (.)");          // |▷
    button("\xE2\x96\xB6\xE2\x96\xB6", "seek +10", "Forward 10 s (Shift+Right)");  // ▶▶
    button("\xE2\x96\xB6|", "end", "End (End)");  // ▶|
    if (!has_media) ImGui::EndDisabled();

    ImGui::SameLine(0, 16 * f.scale);
    const TimeUs dur = has_media ? ws.media_info()->duration_us : 0;
    std::string t = format_time(ws.position());
    ImGui::TextUnformatted(t.c_str());
    if (ImGui::IsItemHovered() && has_media && ws.media_info()->frame_duration_us > 0) {
      ImGui::SetTooltip("Frame %lld", static_cast<long long>(ws.position() / ws.media_info()->frame_duration_us));
    }
    ImGui::SameLine();
    ImGui::TextColored(ImColor(colours::kMuted), "/ %s", format_time_short(dur).c_str());

    ImGui::SameLine(0, 16 * f.scale);
    if (ImGui::SmallButton("-")) f.run("slower");
    ImGui::SameLine();
    if (ws.reverse_percent() > 0) {  // J: backwards, at its own rate
      const std::string rev = "\xE2\x97\x80 " + app::speed_label(ws.reverse_percent());  // ◀ 2x
      ImGui::TextColored(ImColor(colours::kAccent), "%s", rev.c_str());
    } else {
      const std::string sp = app::speed_label(ws.speed_percent());
      ImGui::TextUnformatted(sp.c_str());
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Speed: [ slower, ] faster, Backspace 1x; L / J shuttle");
    ImGui::SameLine();
    if (ImGui::SmallButton("+")) f.run("faster");

    if (ws.loop_a() || ws.loop_b()) {
      ImGui::SameLine(0, 16 * f.scale);
      std::string loop = "Loop " + (ws.loop_a() ? format_time_short(*ws.loop_a()) : std::string("?")) + "–" +
                         (ws.loop_b() ? format_time_short(*ws.loop_b()) : std::string("?"));
      ImGui::TextColored(ImColor(colours::kAccent), "%s", loop.c_str());
    }

    // Volume at the right edge.
    const float slider_w = 110 * f.scale;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 8, size.x - slider_w - 40 * f.scale));
    ImGui::TextColored(ImColor(colours::kMuted), "Vol");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(slider_w);
    int vol = ws.settings().volume_percent;
    if (ImGui::SliderInt("##vol", &vol, 0, 100, "%d%%")) f.run("set volume " + std::to_string(vol));
  }
  ImGui::End();
}

}  // namespace triad::ui
