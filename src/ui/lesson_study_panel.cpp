#include "ui/lesson_study_panel.hpp"

#include <imgui_stdlib.h>

#include "app/command.hpp"

namespace triad::ui {

namespace {

void section(const char* title) {
  ImGui::Spacing();
  ImGui::TextColored(ImColor(colours::kMuted), "%s", title);
  ImGui::Separator();
}

// The next free code after the case's: "Pupil A", "Pupil B", ...
std::string next_code(const LessonStudyCase& c) {
  for (char l = 'A'; l <= 'Z'; ++l) {
    const std::string code = std::string("Pupil ") + l;
    bool used = false;
    for (const auto& p : c.pupils) used |= p.code == code;
    if (!used) return code;
  }
  return "";
}

}  // namespace

void LessonStudyPanel::draw_setup(UiFrame& f) {
  auto& ws = f.ws;
  const auto& lc = ws.lesson_study().lesson_case;
  const float s = f.scale;
  section("Case pupils: describe, never name");
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(ImColor(colours::kMuted),
                     "Codes only (Pupil A, B, C). Say what to watch for, e.g. \"quiet, confident with number bonds\"; "
                     "never a name or anything that identifies the child.");
  ImGui::PopTextWrapPos();
  if (ImGui::BeginTable("##pupils", 3, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("##code", ImGuiTableColumnFlags_WidthFixed, 90 * s);
    ImGui::TableSetupColumn("##desc", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("##act", ImGuiTableColumnFlags_WidthFixed, 150 * s);
    for (const auto& p : lc.pupils) {
      ImGui::PushID(p.code.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextColored(ImColor(colours::kAccent), "%s", p.code.c_str());
      ImGui::TableNextColumn();
      auto [it, fresh] = descriptions_.try_emplace(p.code, p.description);
      ImGui::SetNextItemWidth(-1);
      ImGui::InputTextWithHint("##d", "What to watch for (never a name)", &it->second);
      ImGui::TableNextColumn();
      ImGui::BeginDisabled(it->second == p.description);
      if (ImGui::SmallButton("Save"))
        f.run("case-pupil add " + app::quote_word(p.code) + " --description " + app::quote_word(it->second));
      ImGui::EndDisabled();
      ImGui::SameLine();
      if (ImGui::SmallButton("Remove")) {
        descriptions_.erase(p.code);
        f.run("case-pupil remove " + app::quote_word(p.code));
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (new_code_.empty()) new_code_ = next_code(lc);
  ImGui::SetNextItemWidth(90 * s);
  ImGui::InputTextWithHint("##new-code", "Pupil D", &new_code_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-150 * s);
  ImGui::InputTextWithHint("##new-desc", "Describe, never name", &new_description_);
  ImGui::SameLine();
  ImGui::BeginDisabled(new_code_.empty());
  if (ImGui::Button("Add case pupil")) {
    f.run("case-pupil add " + app::quote_word(new_code_) + " --description " + app::quote_word(new_description_));
    new_code_.clear();
    new_description_.clear();
  }
  ImGui::EndDisabled();

  section("Lesson phases");
  for (const auto& ph : lc.phases) {
    ImGui::PushID(ph.name.c_str());
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%s  from %s", ph.name.c_str(), format_time_short(ph.start_us).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Remove")) f.run("lesson-phase remove " + app::quote_word(ph.name));
    ImGui::PopID();
  }
  if (lc.phases.empty())
    ImGui::TextColored(ImColor(colours::kMuted), "No phases: predictions and comments count for the whole lesson.");
  ImGui::SetNextItemWidth(200 * s);
  ImGui::InputTextWithHint("##new-phase", "Starter, Main task, Plenary", &new_phase_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110 * s);
  ImGui::InputTextWithHint("##new-phase-at", "starts mm:ss", &new_phase_at_);
  ImGui::SameLine();
  ImGui::BeginDisabled(new_phase_.empty() || new_phase_at_.empty());
  if (ImGui::Button("Add phase")) {
    f.run("lesson-phase add " + app::quote_word(new_phase_) + " --at " + app::quote_word(new_phase_at_));
    new_phase_.clear();
    new_phase_at_.clear();
  }
  ImGui::EndDisabled();
}

void LessonStudyPanel::draw_predictions(UiFrame& f) {
  auto& ws = f.ws;
  const auto& v = ws.lesson_study();
  const float s = f.scale;
  section("Your predictions (written before watching)");
  if (v.lesson_case.pupils.empty()) {
    ImGui::TextColored(ImColor(colours::kMuted), "Add the case pupils first.");
    return;
  }
  const bool may = v.cannot_predict.empty();
  if (!may) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImColor(colours::kMuted), "%s", v.cannot_predict.c_str());
    ImGui::PopTextWrapPos();
  }
  const RowId me = ws.reviewer() ? ws.reviewer()->id : 0;
  const auto phases = effective_phases(v.lesson_case);
  ImGui::BeginDisabled(!may);
  for (const auto& p : v.lesson_case.pupils) {
    for (const auto& ph : phases) {
      const auto key = std::pair(p.code, ph.name);
      const Prediction* mine = nullptr;
      for (const auto& pr : v.predictions)
        if (pr.author_id == me && pr.pupil == p.code && pr.phase == ph.name) mine = &pr;
      auto [it, fresh] = drafts_.try_emplace(key, mine ? mine->text : std::string());
      ImGui::PushID((p.code + "\x1f" + ph.name).c_str());
      ImGui::AlignTextToFramePadding();
      ImGui::Text("%s, %s", p.code.c_str(), ph.name.c_str());
      ImGui::SameLine(200 * s);
      ImGui::SetNextItemWidth(-90 * s);
      ImGui::InputTextWithHint("##p", "What do you expect this pupil to do?", &it->second);
      ImGui::SameLine();
      ImGui::BeginDisabled(it->second.empty() || (mine && mine->text == it->second));
      if (ImGui::SmallButton(mine ? "Update" : "Save"))
        f.run("predict " + app::quote_word(p.code) + " " + app::quote_word(ph.name) + " " + app::quote_word(it->second));
      ImGui::EndDisabled();
      ImGui::PopID();
    }
  }
  ImGui::EndDisabled();
}

void LessonStudyPanel::draw_compared(UiFrame& f) {
  auto& ws = f.ws;
  const auto& v = ws.lesson_study().compared;
  const float s = f.scale;
  section("Predicted vs observed");
  if (v.pupils.empty()) {
    ImGui::TextColored(ImColor(colours::kMuted), "No case pupils yet.");
    return;
  }
  const int cols = static_cast<int>(v.phases.size()) + 1;
  if (!ImGui::BeginTable("##compared", cols, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_RowBg |
                                                 ImGuiTableFlags_SizingStretchSame))
    return;
  ImGui::TableSetupColumn("Pupil", ImGuiTableColumnFlags_WidthFixed, 120 * s);
  for (const auto& ph : v.phases) ImGui::TableSetupColumn(ph.name.c_str());
  ImGui::TableHeadersRow();
  for (const auto& row : v.pupils) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(ImColor(colours::kAccent), "%s", row.pupil.code.c_str());
    ImGui::PushTextWrapPos(0);
    if (!row.pupil.description.empty()) ImGui::TextColored(ImColor(colours::kMuted), "%s", row.pupil.description.c_str());
    for (const auto& cell : row.phases) {
      ImGui::TableNextColumn();
      for (const auto& p : cell.predicted)
        ImGui::TextWrapped("Predicted (%s): %s", ws.person_name(p.author_id).c_str(), p.text.c_str());
      for (const auto& c : cell.observed) {
        ImGui::PushID(static_cast<int>(c.id));
        const std::string at = format_time_short(c.start_us);
        if (ImGui::SmallButton(at.c_str())) f.run("jump " + std::to_string(c.id));
        ImGui::SameLine();
        ImGui::TextWrapped("Observed (%s): %s", ws.person_name(c.author_id).c_str(), c.text.c_str());
        ImGui::PopID();
      }
      if (cell.predicted.empty() && cell.observed.empty()) ImGui::TextColored(ImColor(colours::kMuted), "-");
    }
    ImGui::PopTextWrapPos();
  }
  ImGui::EndTable();
}

void LessonStudyPanel::draw(UiFrame& f, ImVec2 pos, ImVec2 max_size) {
  auto& ws = f.ws;
  if (!ws.view().lesson_study || !ws.session()) return;
  if (drafts_for_session_ != ws.session()->id) {
    drafts_.clear();
    descriptions_.clear();
    drafts_for_session_ = ws.session()->id;
  }
  // Boxes follow what is stored once it changes (a saved prediction, an import).
  for (auto it = descriptions_.begin(); it != descriptions_.end();) {
    bool found = false;
    for (const auto& p : ws.lesson_study().lesson_case.pupils) found |= p.code == it->first;
    it = found ? std::next(it) : descriptions_.erase(it);
  }
  const float s = f.scale;
  const float w = std::min(max_size.x, 1120 * s);
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, max_size.y));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(30, 34, 40, 255));
  bool open = true;
  if (ImGui::Begin("Lesson Study", &open,
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                       ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::TextUnformatted(ws.session()->title.c_str());
    // After the lesson the comparison matters most, so it comes first; setting the case
    // up (facilitator or observed teacher) comes last, folded away for everyone else.
    draw_compared(f);
    draw_predictions(f);
    const std::string& cannot = ws.lesson_study().cannot_set_up;
    if (cannot.empty()) {
      draw_setup(f);
    } else {
      section("Case pupils and phases");
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(ImColor(colours::kMuted), "%s", cannot.c_str());
      ImGui::PopTextWrapPos();
    }
    if (!status.empty()) {
      ImGui::Separator();
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(ImColor(status_is_error ? colours::kError : colours::kText), "%s", status.c_str());
      ImGui::PopTextWrapPos();
    }
  }
  ImGui::End();
  ImGui::PopStyleColor();
  if (!open) f.run("lesson-study off");
}

}  // namespace triad::ui
