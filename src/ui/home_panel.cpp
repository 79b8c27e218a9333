#include "ui/home_panel.hpp"

#include <cstring>

#include "app/command.hpp"
#include "ui/panel_window.hpp"

namespace triad::ui {

namespace {

void cell_text(const std::string& text, ImU32 colour = colours::kText) {
  ImGui::PushStyleColor(ImGuiCol_Text, text.empty() ? colours::kMuted : colour);
  ImGui::TextUnformatted(text.empty() ? "\xE2\x80\x94" : text.c_str());
  ImGui::PopStyleColor();
  if (!text.empty() && ImGui::IsItemHovered() && ImGui::CalcTextSize(text.c_str()).x > ImGui::GetItemRectSize().x)
    ImGui::SetTooltip("%s", text.c_str());
}

}  // namespace

void HomePanel::draw(UiFrame& f, ImVec2 pos, ImVec2 size) {
  auto& ws = f.ws;
  const float s = f.scale;
  const auto& home = ws.home();
  if (!search_synced_) {  // a script's home-search shows in the box too
    std::strncpy(search_, home.search.c_str(), sizeof search_ - 1);
    search_synced_ = true;
  }
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(26, 29, 34, 255));
  if (begin_panel("##home", pos, size)) {
    const float margin = 32 * s;
    ImGui::SetCursorPos(ImVec2(margin, 20 * s));
    ImGui::BeginGroup();
    ImGui::TextUnformatted("Sessions");
    ImGui::SameLine();
    ImGui::TextColored(ImColor(colours::kMuted), "%zu in this library", home.cards.size());
    ImGui::EndGroup();

    // Search, then the actions, on one line.
    ImGui::SetCursorPosX(margin);
    ImGui::SetNextItemWidth(360 * s);
    if (ImGui::InputTextWithHint("##home-search", "Search title, class, teacher, focus\xE2\x80\xA6", search_,
                                 sizeof search_))
      f.run("home-search " + app::quote_word(search_));
    ImGui::SameLine(0, 16 * s);
    if (ImGui::Button("New session\xE2\x80\xA6")) f.run("new-session-form");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Title, date, class, focus, framework and the lesson recording");
    ImGui::SameLine();
    ImGui::TextColored(ImColor(colours::kMuted), "or drop a lesson recording anywhere in this window");

    if (const auto& err = ws.media_error()) {  // a recording opened (or dropped) that cannot be played
      ImGui::Dummy(ImVec2(0, 6 * s));
      ImGui::SetCursorPosX(margin);
      ImGui::PushTextWrapPos(size.x - margin);
      ImGui::TextColored(ImColor(colours::kError), "This recording cannot be played. %s", err->message.c_str());
      ImGui::PopTextWrapPos();
    }
    if (!home.error.empty()) {
      ImGui::SetCursorPosX(margin);
      ImGui::TextColored(ImColor(colours::kError), "%s", home.error.c_str());
    }
    ImGui::Dummy(ImVec2(0, 8 * s));
    ImGui::SetCursorPosX(margin);
    const ImVec2 table_size(size.x - 2 * margin, size.y - ImGui::GetCursorPosY() - 20 * s);
    if (home.cards.empty() && home.loaded) {
      ImGui::Dummy(ImVec2(0, 40 * s));
      ImGui::SetCursorPosX(margin);
      ImGui::TextColored(ImColor(colours::kMuted),
                         "No sessions yet. Choose \"New session\" to set up a lesson for review, or drop its "
                         "recording here.");
    } else if (ImGui::BeginTable("##sessions", 8,
                                 ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX,
                                 table_size)) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch, 3.0f);
      ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthStretch, 1.1f);
      ImGui::TableSetupColumn("Class", ImGuiTableColumnFlags_WidthStretch, 1.2f);
      ImGui::TableSetupColumn("Teacher", ImGuiTableColumnFlags_WidthStretch, 1.3f);
      ImGui::TableSetupColumn("Focus", ImGuiTableColumnFlags_WidthStretch, 3.0f);
      ImGui::TableSetupColumn("Comments", ImGuiTableColumnFlags_WidthStretch, 2.0f);
      ImGui::TableSetupColumn("Review", ImGuiTableColumnFlags_WidthStretch, 1.5f);
      ImGui::TableSetupColumn("Actions", ImGuiTableColumnFlags_WidthStretch, 0.9f);
      ImGui::TableHeadersRow();
      ImGuiListClipper clipper;
      clipper.Begin(static_cast<int>(home.shown.size()));
      while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
          const app::SessionCard& c = home.cards[home.shown[static_cast<std::size_t>(row)]];
          ImGui::TableNextRow(0, ImGui::GetFrameHeight());
          ImGui::TableNextColumn();
          ImGui::PushID(static_cast<int>(c.session.id));
          const std::string title = c.session.title;
          if (ImGui::Selectable(title.c_str(), false,
                                ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
            f.run("session " + std::to_string(c.session.id));
          if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::TextUnformatted(c.session.title.c_str());
            if (!c.session.subject.empty() || !c.session.year_group.empty())
              ImGui::TextColored(ImColor(colours::kMuted), "%s %s", c.session.subject.c_str(),
                                 c.session.year_group.c_str());
            if (!c.recording.empty())
              ImGui::TextColored(ImColor(c.recording_missing ? colours::kError : colours::kMuted), "%s%s",
                                 c.recording.c_str(), c.recording_missing ? " (not found)" : "");
            ImGui::EndTooltip();
          }
          if (c.recent || c.recording_missing) {
            ImGui::SameLine();
            if (c.recording_missing) ImGui::TextColored(ImColor(colours::kError), "recording missing");
            else ImGui::TextColored(ImColor(colours::kAccent), "recent");
          }
          ImGui::TableNextColumn();
          cell_text(c.session.date, colours::kMuted);
          ImGui::TableNextColumn();
          cell_text(c.session.class_label);
          ImGui::TableNextColumn();
          cell_text(c.teacher);
          ImGui::TableNextColumn();
          cell_text(c.session.focus, colours::kMuted);
          ImGui::TableNextColumn();
          cell_text(c.comment_total == 0 ? std::string("none") : c.comments_line(),
                    c.comment_total == 0 ? colours::kMuted : colours::kText);
          ImGui::TableNextColumn();
          const std::string review = c.review_state();
          cell_text(review, c.revealed ? colours::kMuted : colours::kPlayhead);
          ImGui::TableNextColumn();
          cell_text(c.open_actions ? std::to_string(c.open_actions) + " open" : std::string(), colours::kText);
          ImGui::PopID();
        }
      }
      ImGui::EndTable();
      if (home.shown.empty() && !home.cards.empty()) {
        ImGui::SetCursorPosX(margin);
        ImGui::TextColored(ImColor(colours::kMuted), "No session matches \"%s\".", home.search.c_str());
      }
    }
  }
  ImGui::End();
  ImGui::PopStyleColor();
}

}  // namespace triad::ui
