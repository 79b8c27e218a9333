#include "ui/comment_list_panel.hpp"

#include <imgui_stdlib.h>

#include "app/command.hpp"
#include "core/roles.hpp"
#include "ui/panel_window.hpp"

namespace triad::ui {

void CommentListPanel::draw(UiFrame& f, ImVec2 pos, ImVec2 size) {
  auto& ws = f.ws;
  const float s = f.scale;
  if (begin_panel("##comments", pos, size)) {
    ImGui::TextUnformatted("Comments");
    ImGui::SameLine();
    const auto& visible = ws.visible_comments();
    ImGui::TextColored(ImColor(colours::kMuted), "%zu of %zu", visible.size(), ws.comments().size());

    // Filters on one row: author, tag, kind; search below.
    const auto& flt = ws.filters();
    const float combo_w = (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
    ImGui::SetNextItemWidth(combo_w);
    std::string author_label = flt.author_id ? ws.person_name(*flt.author_id) : "Everyone";
    if (ImGui::BeginCombo("##author", author_label.c_str())) {
      if (ImGui::Selectable("Everyone", !flt.author_id)) f.run("filter author all");
      std::vector<RowId> seen;
      for (const auto& c : ws.comments()) {
        if (std::find(seen.begin(), seen.end(), c.author_id) != seen.end()) continue;
        seen.push_back(c.author_id);
        if (ImGui::Selectable(ws.person_name(c.author_id).c_str(), flt.author_id == c.author_id))
          f.run("filter author " + std::to_string(c.author_id));
      }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(combo_w);
    const Tag* ftag = flt.tag.empty() ? nullptr : ws.tag_by_code(flt.tag);
    if (ImGui::BeginCombo("##tag", ftag ? ftag->label.c_str() : (flt.tag.empty() ? "All tags" : flt.tag.c_str()))) {
      if (ImGui::Selectable("All tags", flt.tag.empty())) f.run("filter tag all");
      for (const auto& t : ws.tags()) {
        ImGui::PushStyleColor(ImGuiCol_Text, parse_colour(t.colour));
        ImGui::TextUnformatted("\xE2\x97\x8F");  // ●
        ImGui::PopStyleColor();
        ImGui::SameLine();
        if (ImGui::Selectable(t.label.c_str(), flt.tag == t.code)) f.run("filter tag " + app::quote_word(t.code));
      }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(combo_w);
    if (ImGui::BeginCombo("##kind", flt.kind.empty() ? "All stems" : ws.stem_label(flt.kind).c_str())) {
      if (ImGui::Selectable("All stems", flt.kind.empty())) f.run("filter kind all");
      for (const auto& k : ws.kinds())
        if (ImGui::Selectable(ws.stem_label(k).c_str(), flt.kind == k))
          f.run("filter kind " + k);
      ImGui::EndCombo();
    }
    if (ws.take_search_focus()) ImGui::SetKeyboardFocusHere();
    if (!ImGui::IsAnyItemActive()) search_ = flt.text;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##search", "Search comments (Ctrl+F)", &search_))
      f.run("filter text " + app::quote_word(search_));

    // The "Comment" button (or the composer, drawn over this area by the workspace).
    const float button_h = ImGui::GetFrameHeight() + 8 * s;
    const float list_h = ImGui::GetContentRegionAvail().y - button_h - ImGui::GetStyle().ItemSpacing.y;
    ImGui::BeginChild("##list", ImVec2(0, std::max(list_h, 40.0f)), false);
    const float row_h = ImGui::GetTextLineHeightWithSpacing() * 2 + 8 * s;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(visible.size()), row_h);
    // Keep the selected comment in view when it changes from the keyboard (N / P).
    int selected_index = -1;
    for (std::size_t i = 0; i < visible.size(); ++i)
      if (ws.selected_comment() == visible[i]->id) selected_index = static_cast<int>(i);
    if (selected_index >= 0 && scrolled_to_ != ws.selected_comment()) {
      ImGui::SetScrollY(std::max(0.0f, selected_index * row_h - ImGui::GetWindowHeight() / 3));
      scrolled_to_ = ws.selected_comment();
    }
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const Comment& c = *visible[static_cast<std::size_t>(i)];
        ImGui::PushID(static_cast<int>(c.id));
        const ImVec2 p0 = ImGui::GetCursorScreenPos();
        const bool selected = ws.selected_comment() == c.id;
        if (ImGui::Selectable("##row", selected, ImGuiSelectableFlags_AllowDoubleClick,
                              ImVec2(0, row_h - ImGui::GetStyle().ItemSpacing.y))) {
          if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) f.run("edit-in-composer " + std::to_string(c.id));
          else f.run("jump " + std::to_string(c.id));
        }
        if (ImGui::IsItemHovered() && !c.parent_uuid) {
          // The exact time (hh:mm:ss.mmm) and the whole text, wrapped, on hover.
          ImGui::BeginTooltip();
          std::string exact = format_time(c.start_us);
          if (c.end_us) exact += " \xE2\x80\x93 " + format_time(*c.end_us);
          ImGui::TextColored(ImColor(colours::kAccent), "%s", exact.c_str());
          if (c.visibility == Visibility::Private) {
            ImGui::SameLine();
            ImGui::TextColored(ImColor(colours::kMuted), "private");
          }
          ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
          ImGui::TextUnformatted(c.text.c_str());
          if (!c.pupil.empty()) ImGui::TextColored(ImColor(colours::kMuted), "Pupil %s", c.pupil.c_str());
          ImGui::PopTextWrapPos();
          ImGui::EndTooltip();
        }
        if (ImGui::BeginPopupContextItem("##menu")) {
          if (ImGui::MenuItem("Edit…")) f.run("edit-in-composer " + std::to_string(c.id));
          if (ImGui::MenuItem("Set to current frame")) f.run("retime " + std::to_string(c.id));
          if (ImGui::MenuItem("Delete")) f.run("delete " + std::to_string(c.id));
          const bool mine = ws.reviewer() && ws.reviewer()->id == c.author_id;
          if (mine && c.visibility == Visibility::Private && ImGui::MenuItem("Share this reflection with the triad"))
            f.run("share " + std::to_string(c.id) + " triad");
          if (mine && c.visibility != Visibility::Private && ImGui::MenuItem("Make it private again"))
            f.run("share " + std::to_string(c.id) + " private");
          const auto role = ws.reviewer_role();
          if ((!role || may_export(*role)) && ImGui::MenuItem("Export a clip of it…")) {  // in the session panel
            f.run("jump " + std::to_string(c.id));
            f.run("session-panel on");
          }
          ImGui::EndPopup();
        }
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float line = ImGui::GetTextLineHeightWithSpacing();
        if (c.parent_uuid) {
          // A reply, threaded under the comment it answers: "↳ Jo Williams", then its text.
          const float rx = p0.x + 30 * s;
          const std::string by = "\xE2\x86\xB3 " + ws.person_name(c.author_id);
          dl->AddText(ImVec2(rx, p0.y + 3 * s), colours::kAccent, by.c_str());
          std::string text = c.text;
          for (auto& ch : text)
            if (ch == '\n') ch = ' ';
          const float max_w = ImGui::GetContentRegionAvail().x - 50 * s;
          if (ImGui::CalcTextSize(text.c_str()).x > max_w) {
            while (!text.empty() && ImGui::CalcTextSize((text + "\xE2\x80\xA6").c_str()).x > max_w) {
              text.pop_back();
              while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
            }
            text += "\xE2\x80\xA6";
          }
          dl->AddText(ImVec2(rx + 18 * s, p0.y + 3 * s + line), colours::kText, text.c_str());
          ImGui::PopID();
          continue;
        }
        float x = p0.x + 6 * s;
        std::string when = format_time_short(c.start_us);
        if (c.end_us) when += "–" + format_time_short(*c.end_us);
        dl->AddText(ImVec2(x, p0.y + 3 * s), colours::kMuted, when.c_str());
        x += ImGui::CalcTextSize(when.c_str()).x + 10 * s;
        std::string who = ws.person_name(c.author_id);
        dl->AddText(ImVec2(x, p0.y + 3 * s), colours::kText, who.c_str());
        x += ImGui::CalcTextSize(who.c_str()).x + 12 * s;
        const ImU32 col = comment_colour(ws, c);
        dl->AddCircleFilled(ImVec2(x, p0.y + 3 * s + line / 2 - 1), 5 * s, col);
        x += 10 * s;
        std::string label;
        for (const auto& code : c.tags) {
          const Tag* t = ws.tag_by_code(code);
          if (!label.empty()) label += ", ";
          label += t ? t->label : code;
        }
        if (label.empty()) label = ws.stem_label(c.kind);
        dl->AddText(ImVec2(x, p0.y + 3 * s), col, label.c_str());
        if (c.visibility == Visibility::Private) {
          // A small padlock at the row's right: only the author sees this comment.
          const float lx = p0.x + ImGui::GetContentRegionAvail().x - 16 * s, ly = p0.y + 5 * s;
          dl->AddRect(ImVec2(lx + 2 * s, ly), ImVec2(lx + 8 * s, ly + 7 * s), colours::kMuted, 3 * s, 0, 1.5f * s);
          dl->AddRectFilled(ImVec2(lx, ly + 5 * s), ImVec2(lx + 10 * s, ly + 13 * s), colours::kMuted, 1.5f * s);
        }
        // Second line: the text, cut to the row width.
        const float max_w = ImGui::GetContentRegionAvail().x - 20 * s;
        std::string text = c.text;
        for (auto& ch : text)
          if (ch == '\n') ch = ' ';
        if (ImGui::CalcTextSize(text.c_str()).x > max_w) {
          while (!text.empty() && ImGui::CalcTextSize((text + "…").c_str()).x > max_w) {
            text.pop_back();
            while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
          }
          text += "…";
        }
        dl->AddText(ImVec2(p0.x + 18 * s, p0.y + 3 * s + line), colours::kText, text.c_str());
        ImGui::PopID();
      }
    }
    clipper.End();
    if (visible.empty()) {
      ImGui::TextColored(ImColor(colours::kMuted),
                         ws.comments().empty() ? "No comments yet. Press C to comment on this moment,\nor 1-9 for an instant tagged marker."
                                               : "No comment matches the filters.");
    }
    ImGui::EndChild();

    if (!ws.composer().open) {
      std::string label = "Comment";
      auto chords = ws.keys().chords_for("compose");
      if (!chords.empty()) label += " (" + chords.front() + ")";
      ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(60, 100, 104, 255));
      if (ImGui::Button(label.c_str(), ImVec2(-1, button_h - 4 * s))) f.run("compose");
      ImGui::PopStyleColor();
    }
  }
  ImGui::End();
}

}  // namespace triad::ui
