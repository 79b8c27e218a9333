#include "ui/recordings_section.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "app/command.hpp"
#include "app/recordings.hpp"

namespace triad::ui {

namespace {

std::string drift_text(std::int64_t ppb) {
  if (ppb == 0) return "no drift";
  char buf[48];
  std::snprintf(buf, sizeof buf, "drift %+.1f ppm", static_cast<double>(ppb) / 1000.0);
  return buf;
}

// Lays a row's items out left to right, going on to the next line where the next item would
// run past the panel's right edge: in the Session panel's narrow column at 1600x900 a
// microphone's buttons wrap rather than get cut off.
struct Flow {
  float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  bool first = true;
  void next(float width) {
    if (!first) {
      ImGui::SameLine();
      if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
    }
    first = false;
  }
};

float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
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

// "Add a camera or microphone…": the file (in-window browser), what it is called and its
// role, then `recording-add`; once added, "Align by sound" is offered for it at once.
void RecordingsSection::draw_add(UiFrame& f) {
  auto& ws = f.ws;
  const float s = f.scale;
  const app::RecordingForm& form = ws.recording_form();
  ImGui::Spacing();
  if (form.added != 0) {
    const auto& recs = ws.recordings();
    auto it = std::find_if(recs.begin(), recs.end(), [&](const Recording& r) { return r.id == form.added; });
    if (it != recs.end()) {
      const std::string id = "r" + std::to_string(it->id);
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(ImColor(colours::kAccent), "%s is added at the start of the session. Align it by its sound now?",
                         ws.recording_title(*it).c_str());
      ImGui::PopTextWrapPos();
      ImGui::BeginDisabled(ws.align_state().running);
      if (ImGui::Button("Align by sound##added")) f.run("align " + id);
      ImGui::EndDisabled();
      ImGui::SameLine();
      if (ImGui::Button("Not now")) f.run("recording-add cancel");
    }
  }
  if (!form.adding) {
    if (ImGui::Button("Add a camera or microphone\xE2\x80\xA6")) {
      picked_.clear();
      label_.clear();
      role_ = 0;
      f.run("recording-add");
    }
  } else {
    ImGui::TextUnformatted("Choose its file:");
    if (auto p = browser_.draw(f, "##add-recording", 150 * s, "recordings", picked_, "No folders or recordings here."))
      picked_ = *p;
    ImGui::TextColored(ImColor(colours::kMuted), "%s",
                       picked_.empty() ? "No file chosen yet." : std::filesystem::path(picked_).filename().string().c_str());
    static constexpr RecordingRole kRoles[] = {RecordingRole::Camera, RecordingRole::Microphone, RecordingRole::TeacherMic};
    Flow flow;
    const float label_w = std::min(220 * s, ImGui::GetContentRegionAvail().x);
    flow.next(label_w);
    ImGui::SetNextItemWidth(label_w);
    ImGui::InputTextWithHint("##add-label", "Name, e.g. Teacher mic", &label_);
    const float role_w = 180 * s;
    flow.next(role_w);
    ImGui::SetNextItemWidth(role_w);
    if (ImGui::BeginCombo("##add-role", app::recording_role_label(kRoles[role_]).c_str())) {
      for (int i = 0; i < 3; ++i)
        if (ImGui::Selectable(app::recording_role_label(kRoles[i]).c_str(), i == role_)) role_ = i;
      ImGui::EndCombo();
    }
    flow.next(button_width("Add"));
    ImGui::BeginDisabled(picked_.empty());
    if (ImGui::Button("Add"))
      f.run("recording-add " + app::quote_word(picked_) + " --label " + app::quote_word(label_) + " --role " +
            std::string(to_string(kRoles[role_])));
    ImGui::EndDisabled();
    flow.next(button_width("Cancel##add"));
    if (ImGui::Button("Cancel##add")) f.run("recording-add cancel");
  }
  if (!form.error.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImColor(colours::kError), "%s", form.error.c_str());
    ImGui::PopTextWrapPos();
  }
}

void RecordingsSection::draw(UiFrame& f) {
  auto& ws = f.ws;
  const float s = f.scale;
  const auto& recs = ws.recordings();
  const auto& clock = ws.clock_recording();
  const std::string clock_name = clock ? ws.recording_title(*clock) : std::string("Camera 1");
  ImGui::TextUnformatted(clock_name.c_str());
  ImGui::SameLine();
  ImGui::TextColored(ImColor(colours::kMuted), "the session clock: the other recordings are placed on its time");
  if (recs.size() < 2) {
    ImGui::TextColored(ImColor(colours::kMuted), "No other camera or microphone yet: add one below, then align it by its sound.");
  }
  draw_sound(f);
  const app::AlignState& job = ws.align_state();
  const auto cams = ws.cameras();
  // Every recording but the clock, cameras and microphones, in the session's order.
  for (std::size_t i = 1; i < recs.size(); ++i) {
    const Recording& r = recs[i];
    const std::string id = "r" + std::to_string(r.id);
    TimeUs frame_us = 0;
    for (const auto& c : cams)
      if (c.recording.id == r.id) frame_us = c.frame_duration_us;
    const bool video = r.role == RecordingRole::Camera;
    ImGui::PushID(static_cast<int>(r.id));
    ImGui::Spacing();
    Flow flow;
    const std::string name = ws.recording_title(r);
    const std::string role = "(" + app::recording_role_label(r.role) + ")";
    const std::string where = "starts at " + format_time(r.sync_offset_us) + " of the session, " + drift_text(r.drift_ppb);
    flow.next(ImGui::CalcTextSize(name.c_str()).x);
    ImGui::TextUnformatted(name.c_str());
    flow.next(ImGui::CalcTextSize(role.c_str()).x);
    ImGui::TextColored(ImColor(colours::kMuted), "%s", role.c_str());
    flow.next(ImGui::CalcTextSize(where.c_str()).x);
    ImGui::TextColored(ImColor(colours::kMuted), "%s", where.c_str());
    flow.first = true;
    flow.next(button_width("Align by sound"));
    ImGui::BeginDisabled(job.running);
    if (ImGui::Button("Align by sound")) f.run("align " + id);
    ImGui::EndDisabled();
    // Nudges: a frame of this camera (only a camera has frames), or 10 ms (a lapel
    // microphone's lip-sync step).
    if (video) {
      flow.next(button_width("-1 frame"));
      ImGui::BeginDisabled(frame_us <= 0);
      if (ImGui::Button("-1 frame")) f.run("camera-offset " + id + " -1f");
      ImGui::EndDisabled();
    }
    flow.next(button_width("-10 ms"));
    if (ImGui::Button("-10 ms")) f.run("camera-offset " + id + " -10");
    flow.next(button_width("+10 ms"));
    if (ImGui::Button("+10 ms")) f.run("camera-offset " + id + " +10");
    if (video) {
      flow.next(button_width("+1 frame"));
      ImGui::BeginDisabled(frame_us <= 0);
      if (ImGui::Button("+1 frame")) f.run("camera-offset " + id + " +1f");
      ImGui::EndDisabled();
    }
    std::string& typed = typed_[r.id];
    const float input_w = 110 * s;
    flow.next(input_w + ImGui::GetStyle().ItemSpacing.x + button_width("Set start"));
    ImGui::SetNextItemWidth(input_w);
    const bool entered = ImGui::InputTextWithHint("##start", "start, e.g. 3.2", &typed, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button("Set start") || entered) && !typed.empty()) f.run("camera-offset " + id + " " + app::quote_word(typed));
    const app::RecordingForm& form = ws.recording_form();
    flow.next(button_width("Remove\xE2\x80\xA6"));
    ImGui::BeginDisabled(form.removing == r.id);
    if (ImGui::Button("Remove\xE2\x80\xA6")) f.run("recording-remove " + id);
    ImGui::EndDisabled();
    if (form.removing == r.id) {
      // The confirmation step: said in place, under the row it is about.
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(ImColor(colours::kError), "Remove %s from this session? Its file stays on this computer.", name.c_str());
      ImGui::PopTextWrapPos();
      ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(150, 60, 56, 255));
      if (ImGui::Button("Remove")) f.run("recording-remove " + id + " confirm");
      ImGui::PopStyleColor();
      ImGui::SameLine();
      if (ImGui::Button("Keep it")) f.run("recording-remove cancel");
    }
    ImGui::PopID();
  }
  draw_add(f);
  if (job.recording_id == 0) return;
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
