#include "ui/recordings_section.hpp"

#include <imgui_stdlib.h>

#include <cstdio>

#include "app/command.hpp"

namespace triad::ui {

namespace {

std::string drift_text(std::int64_t ppb) {
  if (ppb == 0) return "no drift";
  char buf[48];
  std::snprintf(buf, sizeof buf, "drift %+.1f ppm", static_cast<double>(ppb) / 1000.0);
  return buf;
}

}  // namespace

// Which recording is heard: one radio button per recording (the clock first), and the mix;
// the buttons wrap onto the next line rather than run out of the panel.
void RecordingsSection::draw_sound(UiFrame& f) {
  auto& ws = f.ws;
  const auto& recs = ws.recordings();
  if (recs.empty()) return;
  const app::SoundChoice& chosen = ws.sound_choice();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Sound heard:");
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  auto radio = [&](const std::string& label, bool on, const std::string& command) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float w = ImGui::GetFrameHeight() + st.ItemInnerSpacing.x + ImGui::CalcTextSize(label.c_str()).x;
    ImGui::SameLine();
    if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
    if (ImGui::RadioButton(label.c_str(), on) && !on) f.run(command);
  };
  for (std::size_t i = 0; i < recs.size(); ++i) {
    const Recording& r = recs[i];
    const bool is_clock = i == 0;
    const bool on = is_clock ? chosen.kind == app::SoundChoice::Kind::Clock
                             : chosen.kind == app::SoundChoice::Kind::Recording && chosen.recording_id == r.id;
    ImGui::PushID(static_cast<int>(r.id));
    radio(ws.recording_title(r), on, is_clock ? std::string("sound clock") : "sound r" + std::to_string(r.id));
    ImGui::PopID();
  }
  if (recs.size() > 1) radio("All mixed", chosen.kind == app::SoundChoice::Kind::Mix, "sound mix");
  if (!ws.sound_problem().empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImColor(colours::kError), "%s Playing the session clock's sound instead.", ws.sound_problem().c_str());
    ImGui::PopTextWrapPos();
  }
}

void RecordingsSection::draw(UiFrame& f) {
  auto& ws = f.ws;
  const float s = f.scale;
  const auto cams = ws.cameras();
  const auto& clock = ws.clock_recording();
  const std::string clock_name = clock && !clock->label.empty() ? clock->label : std::string("Camera 1");
  ImGui::TextUnformatted(clock_name.c_str());
  ImGui::SameLine();
  ImGui::TextColored(ImColor(colours::kMuted), "the session clock: the other recordings are placed on its time");
  if (cams.empty()) {
    ImGui::TextColored(ImColor(colours::kMuted), "No other camera. Add one with `triad recording add`, then align it here.");
  }
  draw_sound(f);
  const app::AlignState& job = ws.align_state();
  for (std::size_t i = 0; i < cams.size(); ++i) {
    const Recording& r = cams[i].recording;
    const std::string n = std::to_string(i + 2);
    const std::string name = r.label.empty() ? "Camera " + n : r.label;
    ImGui::PushID(static_cast<int>(r.id));
    ImGui::Spacing();
    ImGui::TextUnformatted(name.c_str());
    ImGui::SameLine();
    ImGui::TextColored(ImColor(colours::kMuted), "starts at %s of the session, %s", format_time(r.sync_offset_us).c_str(),
                       drift_text(r.drift_ppb).c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(job.running);
    if (ImGui::Button("Align by sound")) f.run("align " + n);
    ImGui::EndDisabled();
    // Nudges: a frame of this camera, or 10 ms (a lapel microphone's lip-sync step).
    const bool frames = cams[i].frame_duration_us > 0;
    ImGui::BeginDisabled(!frames);
    if (ImGui::Button("-1 frame")) f.run("camera-offset " + n + " -1f");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("-10 ms")) f.run("camera-offset " + n + " -10");
    ImGui::SameLine();
    if (ImGui::Button("+10 ms")) f.run("camera-offset " + n + " +10");
    ImGui::SameLine();
    ImGui::BeginDisabled(!frames);
    if (ImGui::Button("+1 frame")) f.run("camera-offset " + n + " +1f");
    ImGui::EndDisabled();
    ImGui::SameLine();
    std::string& typed = typed_[r.id];
    ImGui::SetNextItemWidth(110 * s);
    const bool entered = ImGui::InputTextWithHint("##start", "start, e.g. 3.2", &typed, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button("Set start") || entered) && !typed.empty()) f.run("camera-offset " + n + " " + app::quote_word(typed));
    ImGui::PopID();
  }
  if (job.camera == 0) return;
  ImGui::Spacing();
  ImGui::PushTextWrapPos(0);
  if (job.running) {
    ImGui::Text("%s %s by its sound…", job.cancelling ? "Cancelling the alignment of" : "Aligning", job.name.c_str());
    const float button_w = 110 * s;
    ImGui::ProgressBar(static_cast<float>(job.fraction),
                       ImVec2(ImGui::GetContentRegionAvail().x - button_w - ImGui::GetStyle().ItemSpacing.x, 0));
    ImGui::SameLine();
    ImGui::BeginDisabled(job.cancelling);
    if (ImGui::Button("Cancel##align", ImVec2(button_w, 0))) f.run("align cancel");
    ImGui::EndDisabled();
  } else {
    ImGui::TextColored(ImColor(job.refused ? colours::kError : colours::kAccent), "%s", job.message.c_str());
    if (ImGui::Button("Close##align")) f.run("align dismiss");
  }
  ImGui::PopTextWrapPos();
}

}  // namespace triad::ui
