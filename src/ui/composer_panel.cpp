#include "ui/composer_panel.hpp"

#include <imgui_stdlib.h>

#include "app/command.hpp"
#include "core/protocol.hpp"
#include "ui/panel_window.hpp"

namespace triad::ui {

void ComposerPanel::draw(UiFrame& f, ImVec2 pos, ImVec2 size) {
  auto& ws = f.ws;
  auto& c = ws.composer();
  if (!c.open) {
    was_open_ = false;
    return;
  }
  const float s = f.scale;
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(34, 40, 46, 255));
  if (begin_panel("##composer", pos, size)) {
    std::string when = format_time(c.start_us);
    if (c.end_us) when += " – " + format_time(*c.end_us);
    ImGui::TextUnformatted(c.editing_id ? "Edit comment at" : "New comment at");
    ImGui::SameLine();
    ImGui::TextColored(ImColor(colours::kAccent), "%s", when.c_str());
    if (c.editing_id) {
      ImGui::SameLine();
      if (ImGui::SmallButton("Set to current frame")) f.run("compose-at");
    }

    // Only the protocol's feedback stems, as buttons; required ones are marked.
    bool any_required = false;
    int stem_number = 0;
    for (const auto& k : ws.kinds()) {
      ++stem_number;
      const bool on = c.kind == k;
      const FeedbackStem* st = find_stem(ws.session_info().protocol, k);
      const bool required = st && st->required;
      any_required = any_required || required;
      const std::string stem = ws.stem_label(k) + (required ? " *" : "");
      const float w = ImGui::CalcTextSize(stem.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
      if (ImGui::GetCursorPosX() + w > ImGui::GetContentRegionMax().x) ImGui::NewLine();
      if (on) ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(60, 100, 104, 255));
      if (ImGui::SmallButton(stem.c_str())) {
        refocus_ = true;
        f.run("compose-kind " + app::quote_word(k));
        // Starting the text with a sentence stem ("I took away…") helps the reader; only
        // when nothing is typed yet.
        const std::string label = ws.stem_label(k);
        const std::string ellipsis = "\xE2\x80\xA6";
        if (c.text.empty() && label.size() > ellipsis.size() &&
            label.compare(label.size() - ellipsis.size(), ellipsis.size(), ellipsis) == 0)
          f.run("compose-text " + app::quote_word(label.substr(0, label.size() - ellipsis.size()) + " "));
      }
      if (on) ImGui::PopStyleColor();
      if (ImGui::IsItemHovered() && stem_number <= 9) ImGui::SetTooltip("Alt+%d", stem_number);
      ImGui::SameLine();
    }
    if (any_required) {
      const char* hint = "* the protocol asks for a stem";
      if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(hint).x > ImGui::GetContentRegionMax().x) ImGui::NewLine();
      ImGui::TextColored(ImColor(colours::kMuted), "%s", hint);
      ImGui::SameLine();
    }
    ImGui::NewLine();

    // Tags with hotkeys.
    for (const auto& t : ws.tags()) {
      const bool on = std::find(c.tags.begin(), c.tags.end(), t.code) != c.tags.end();
      std::string label = (t.hotkey.empty() ? "" : t.hotkey + " ") + t.label;
      const ImU32 col = parse_colour(t.colour, on ? 255 : 70);
      ImGui::PushStyleColor(ImGuiCol_Button, col);
      ImGui::PushStyleColor(ImGuiCol_Text, on ? IM_COL32(20, 22, 26, 255) : colours::kText);
      const float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
      if (ImGui::GetCursorPosX() + w > ImGui::GetContentRegionMax().x) ImGui::NewLine();
      if (ImGui::SmallButton(label.c_str())) {
        refocus_ = true;
        f.run("compose-tag " + app::quote_word(t.code));
      }
      ImGui::PopStyleColor(2);
      ImGui::SameLine();
    }
    ImGui::NewLine();

    // Who will see it: private (a reflection only you see), the triad, or everyone.
    ImGui::TextColored(ImColor(colours::kMuted), "Seen by");
    for (const auto& [v, label] : {std::pair{Visibility::Private, "Only me"}, std::pair{Visibility::Triad, "The triad"},
                                   std::pair{Visibility::Everyone, "Everyone"}}) {
      ImGui::SameLine();
      const bool on = c.visibility == v;
      if (on) ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(60, 100, 104, 255));
      if (ImGui::SmallButton(label)) {
        refocus_ = true;
        f.run(std::string("compose-visibility ") + std::string(to_string(v)));
      }
      if (on) ImGui::PopStyleColor();
    }

    // Lesson Study: which case pupil the comment is about (one lane each on the timeline).
    if (const auto& lanes = ws.session_info().pupils; !lanes.empty()) {
      ImGui::TextColored(ImColor(colours::kMuted), "Pupil");
      for (std::size_t i = 0; i <= lanes.size(); ++i) {
        const std::string code = i < lanes.size() ? lanes[i] : std::string();
        const std::string label = code.empty() ? "None" : code;
        const float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
        ImGui::SameLine();
        if (ImGui::GetCursorPosX() + w > ImGui::GetContentRegionMax().x) ImGui::NewLine();
        const bool on = c.pupil == code;
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(60, 100, 104, 255));
        if (ImGui::SmallButton(label.c_str())) {
          refocus_ = true;
          f.run("compose-pupil " + (code.empty() ? std::string("none") : app::quote_word(code)));
        }
        if (on) ImGui::PopStyleColor();
      }
    }

    float button_row_h = ImGui::GetFrameHeightWithSpacing();
    if (!c.error.empty())
      button_row_h += ImGui::CalcTextSize(c.error.c_str(), nullptr, false, ImGui::GetContentRegionAvail().x).y +
                      ImGui::GetStyle().ItemSpacing.y;
    wanted_height = ImGui::GetCursorPosY() + 90 * s + button_row_h + ImGui::GetStyle().WindowPadding.y * 2;
    if (!was_open_ || refocus_) ImGui::SetKeyboardFocusHere();
    was_open_ = true;
    refocus_ = false;
    float button_row = ImGui::GetFrameHeightWithSpacing();
    if (!c.error.empty()) {
      // Why "Save" was refused, in the composer itself (the protocol's words).
      const float wrap = ImGui::GetContentRegionAvail().x;
      button_row += ImGui::CalcTextSize(c.error.c_str(), nullptr, false, wrap).y + ImGui::GetStyle().ItemSpacing.y;
    }
    const ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine;
    // Typing goes through `compose-text` like every other change (a script can replay it);
    // the box edits a copy that follows the composer whenever the box is not being typed in.
    if (!text_active_) text_ = c.text;
    const bool enter = ImGui::InputTextMultiline("##text", &text_,
                                                 ImVec2(-1, std::max(40.0f, ImGui::GetContentRegionAvail().y - button_row)),
                                                 flags);
    text_active_ = ImGui::IsItemActive();
    if (text_ != c.text) f.run("compose-text " + app::quote_word(text_));
    if (enter) f.run(ImGui::GetIO().KeyShift ? "submit --rewind" : "submit");
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) f.run("cancel");
    if (!c.error.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, colours::kError);
      ImGui::PushTextWrapPos(0);
      ImGui::TextUnformatted(c.error.c_str());
      ImGui::PopTextWrapPos();
      ImGui::PopStyleColor();
    }
    if (ImGui::Button("Save (Enter)")) f.run("submit");
    ImGui::SameLine();
    if (ImGui::Button("Save, rewind")) f.run("submit --rewind");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Shift+Enter: save and replay the last seconds");
    ImGui::SameLine();
    if (ImGui::Button("Cancel (Esc)")) f.run("cancel");
  }
  ImGui::End();
  ImGui::PopStyleColor();
}

}  // namespace triad::ui
