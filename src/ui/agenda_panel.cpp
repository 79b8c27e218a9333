#include "ui/agenda_panel.hpp"

#include <imgui_stdlib.h>

#include "app/command.hpp"
#include "core/roles.hpp"
#include "ui/panel_window.hpp"

namespace triad::ui {

namespace {

const Comment* find_comment(const app::Workstation& ws, const std::string& uuid) {
  for (const auto& c : ws.comments())
    if (c.uuid == uuid) return &c;
  return nullptr;
}

std::string role_of(const app::Workstation& ws, RowId person) {
  for (const auto& p : ws.participants())
    if (p.person_id == person) return std::string(role_label(p.role));
  return {};
}

std::string key_hint(const app::Workstation& ws, const char* command) {
  auto chords = ws.keys().chords_for(command);
  return chords.empty() ? std::string() : " (" + chords.front() + ")";
}

}  // namespace

void AgendaPanel::draw(UiFrame& f, ImVec2 pos, ImVec2 size) {
  auto& ws = f.ws;
  const float s = f.scale;
  const auto& m = ws.meeting();
  if (begin_panel("##agenda", pos, size)) {
    ImGui::TextUnformatted("Meeting");
    ImGui::SameLine();
    ImGui::TextColored(ImColor(colours::kMuted), "%zu agenda item%s from %zu comments", m.items.size(),
                       m.items.size() == 1 ? "" : "s", ws.comments().size());
    const std::string leave = "Leave" + key_hint(ws, "meeting toggle");
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x -
                                                         ImGui::CalcTextSize(leave.c_str()).x -
                                                         ImGui::GetStyle().FramePadding.x * 2));
    if (ImGui::SmallButton(leave.c_str())) f.run("meeting off");

    // Previous / Play item / Next, sharing the row.
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float bw = (ImGui::GetContentRegionAvail().x - 2 * gap) / 3;
    ImGui::BeginDisabled(m.items.empty());
    if (ImGui::Button("Previous", ImVec2(bw, 0))) f.run("prev-item");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Previous item%s", key_hint(ws, "prev-item").c_str());
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(60, 100, 104, 255));
    if (ImGui::Button(("Play item" + key_hint(ws, "play-item")).c_str(), ImVec2(bw, 0))) f.run("play-item");
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Loops the item from a few seconds before it");
    ImGui::SameLine();
    if (ImGui::Button("Next", ImVec2(bw, 0))) f.run("next-item");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Next item%s", key_hint(ws, "next-item").c_str());
    ImGui::EndDisabled();

    // The lesson's talk, as analysed (or a note that it is not yet).
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImColor(colours::kMuted), "%s",
                       app::meeting_talk_line(ws.analytics().talk(), ws.analytics().talk_running()).c_str());
    ImGui::PopTextWrapPos();

    // How the agenda groups comments: the window, and whether only shared moments count.
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ImColor(colours::kMuted), "Group comments within");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90 * s);
    const std::string window = std::to_string((m.options.window_us + kUsPerSecond / 2) / kUsPerSecond) + " s";
    if (ImGui::BeginCombo("##window", window.c_str())) {
      for (int sec : {2, 3, 5, 10, 20, 30})
        if (ImGui::Selectable((std::to_string(sec) + " s").c_str(), m.options.window_us == seconds_us(sec)))
          f.run("meeting window " + std::to_string(sec));
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    bool shared = m.options.shared_only;
    if (ImGui::Checkbox("Shared only", &shared)) f.run(std::string("meeting shared ") + (shared ? "on" : "off"));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Only moments two or more people flagged");

    // The agenda, then the actions (a fixed share of the column at the bottom).
    const float actions_h = std::min(size.y * 0.34f, 230 * s);
    ImGui::BeginChild("##items", ImVec2(0, std::max(60.0f, ImGui::GetContentRegionAvail().y - actions_h)), false);
    if (m.items.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, colours::kMuted);
      ImGui::TextWrapped("Nothing on the agenda yet: the triad's comments appear here.");
      ImGui::PopStyleColor();
    }
    for (std::size_t i = 0; i < m.items.size(); ++i) {
      const AgendaItem& it = m.items[i];
      const bool current = m.current == static_cast<int>(i);
      ImGui::PushID(static_cast<int>(i));
      const ImVec2 p0 = ImGui::GetCursorScreenPos();
      const float line = ImGui::GetTextLineHeightWithSpacing();
      if (ImGui::Selectable("##item", current, 0, ImVec2(0, line * 2 + 4 * s))) f.run("item " + std::to_string(it.number));
      if (current && scrolled_to_ != m.current) {
        ImGui::SetScrollHereY(0.1f);
        scrolled_to_ = m.current;
      }
      ImDrawList* dl = ImGui::GetWindowDrawList();
      float x = p0.x + 6 * s;
      const std::string num = std::to_string(it.number);
      dl->AddText(ImVec2(x, p0.y + 2 * s), current ? colours::kPlayhead : colours::kMuted, num.c_str());
      x += 28 * s;
      std::string when = format_time_short(it.start_us);
      if (it.end_us > it.start_us) when += " – " + format_time_short(it.end_us);
      dl->AddText(ImVec2(x, p0.y + 2 * s), colours::kMuted, when.c_str());
      float tx = x + ImGui::CalcTextSize(when.c_str()).x + 12 * s;
      for (const auto& code : it.tags) {
        const Tag* t = ws.tag_by_code(code);
        const ImU32 col = t ? parse_colour(t->colour) : colours::kMuted;
        const std::string label = t ? t->label : code;
        if (tx + ImGui::CalcTextSize(label.c_str()).x + 14 * s > p0.x + ImGui::GetContentRegionAvail().x) break;
        dl->AddCircleFilled(ImVec2(tx + 4 * s, p0.y + 2 * s + line / 2 - 1), 4.5f * s, col);
        dl->AddText(ImVec2(tx + 12 * s, p0.y + 2 * s), col, label.c_str());
        tx += ImGui::CalcTextSize(label.c_str()).x + 24 * s;
      }
      // Who flagged it (the second line).
      std::string who;
      for (RowId a : it.authors) who += (who.empty() ? "" : ", ") + ws.person_name(a);
      dl->AddText(ImVec2(x, p0.y + 2 * s + line), colours::kText, who.c_str());
      if (it.shared()) {
        const char* badge = "shared";
        const float bx = x + ImGui::CalcTextSize(who.c_str()).x + 10 * s;
        dl->AddText(ImVec2(bx, p0.y + 2 * s + line), colours::kAccent, badge);
      }
      if (current) draw_item_comments(f, it);
      ImGui::PopID();
    }
    ImGui::EndChild();
    draw_actions(f);
  }
  ImGui::End();
}

void AgendaPanel::draw_item_comments(UiFrame& f, const AgendaItem& item) {
  auto& ws = f.ws;
  const float s = f.scale;
  ImGui::Indent(22 * s);
  ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - 8 * s);
  for (const auto& uuid : item.comment_uuids) {
    const Comment* c = find_comment(ws, uuid);
    if (!c) continue;
    ImGui::PushID(uuid.c_str());
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, comment_colour(ws, *c));
    ImGui::TextUnformatted("\xE2\x97\x8F");  // ●
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextColored(ImColor(colours::kMuted), "%s", format_time_short(c->start_us).c_str());
    ImGui::SameLine();
    ImGui::TextUnformatted(ws.person_name(c->author_id).c_str());
    ImGui::SameLine();
    ImGui::TextColored(ImColor(colours::kMuted), "%s", ws.stem_label(c->kind).c_str());
    ImGui::TextWrapped("%s", c->text.c_str());
    // Replies, threaded: the observed teacher answers here.
    for (const auto& [reply, depth] : ws.thread_of(uuid)) {
      ImGui::Indent(18 * s * static_cast<float>(depth));
      std::string by = ws.person_name(reply->author_id);
      const std::string role = role_of(ws, reply->author_id);
      if (!role.empty()) by += " \xC2\xB7 " + role;
      ImGui::TextColored(ImColor(colours::kAccent), "\xE2\x86\xB3 %s", by.c_str());  // ↳ name · role
      ImGui::Indent(18 * s);
      ImGui::TextWrapped("%s", reply->text.c_str());
      ImGui::Unindent(18 * s);
      ImGui::Unindent(18 * s * static_cast<float>(depth));
    }
    if (replying_to_ == c->id) {
      if (focus_reply_) {
        ImGui::SetKeyboardFocusHere();
        focus_reply_ = false;
      }
      ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - 150 * s);
      const bool enter = ImGui::InputTextWithHint("##reply", "Your reply", &reply_text_,
                                                  ImGuiInputTextFlags_EnterReturnsTrue);
      ImGui::SameLine();
      if ((ImGui::Button("Send") || enter) && !reply_text_.empty()) {
        f.run("reply " + std::to_string(c->id) + " " + app::quote_word(reply_text_));
        reply_text_.clear();
        replying_to_.reset();
      }
      ImGui::SameLine();
      if (ImGui::Button("Cancel")) replying_to_.reset();
    } else if (ImGui::SmallButton("Reply")) {
      replying_to_ = c->id;
      reply_text_.clear();
      focus_reply_ = true;
    }
    ImGui::PopID();
  }
  ImGui::PopTextWrapPos();
  ImGui::Unindent(22 * s);
  ImGui::Spacing();
  ImGui::Separator();
}

void AgendaPanel::draw_actions(UiFrame& f) {
  auto& ws = f.ws;
  const float s = f.scale;
  const auto& info = ws.session_info();
  ImGui::Separator();
  ImGui::TextUnformatted("Agreed actions");
  ImGui::BeginChild("##actions", ImVec2(0, -(ImGui::GetFrameHeightWithSpacing() + 4 * s)), false);
  if (info.actions.empty() && info.carried_actions.empty())
    ImGui::TextColored(ImColor(colours::kMuted), "None yet. Agree a next step below.");
  ImGui::PushTextWrapPos(0);
  for (const auto& a : info.carried_actions) {
    ImGui::TextColored(ImColor(colours::kMuted), "From an earlier lesson:");
    ImGui::SameLine();
    ImGui::TextWrapped("%s", a.text.c_str());
  }
  for (const auto& a : info.actions) {
    ImGui::PushID(static_cast<int>(a.id));
    bool done = a.done;
    if (ImGui::Checkbox("##done", &done)) f.run(std::string("action ") + (done ? "done " : "open ") + std::to_string(a.id));
    ImGui::SameLine();
    std::string text = a.text;
    if (a.owner_id) text += "  — " + ws.person_name(*a.owner_id);
    if (a.done) ImGui::TextColored(ImColor(colours::kMuted), "%s", text.c_str());
    else ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopID();
  }
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
  const float bw = 90 * s;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - bw - ImGui::GetStyle().ItemSpacing.x);
  const bool enter = ImGui::InputTextWithHint("##action", "Agree a next step…", &action_text_,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Add", ImVec2(bw, 0)) || enter) && !action_text_.empty()) {
    f.run("action add " + app::quote_word(action_text_));
    action_text_.clear();
  }
}

}  // namespace triad::ui
