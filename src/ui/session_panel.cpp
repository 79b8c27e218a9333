#include "ui/session_panel.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>

#include "app/command.hpp"
#include "core/review.hpp"
#include "core/roles.hpp"

namespace triad::ui {

namespace {

void section(const char* title) {
  ImGui::Spacing();
  ImGui::TextColored(ImColor(colours::kMuted), "%s", title);
  ImGui::Separator();
}

std::string visibility_text(Visibility v) {
  switch (v) {
    case Visibility::Private: return "private to the author";
    case Visibility::Triad: return "the triad";
    case Visibility::Everyone: return "everyone";
  }
  return "";
}

constexpr Role kRoles[] = {Role::Teacher, Role::Observer, Role::Mentor, Role::Nqt, Role::LearningDetective,
                           Role::Facilitator};

}  // namespace

void SessionPanel::draw_add_participant(UiFrame& f) {
  ImGui::Spacing();
  // Sized to the column, not fixed: at 1600x900 the column is about 500 px and fixed
  // widths pushed the button off its right edge. The button keeps its whole label.
  const char* add_label = "Add to the triad";
  const ImGuiStyle& st = ImGui::GetStyle();
  const float button_w = ImGui::CalcTextSize(add_label).x + st.FramePadding.x * 2;
  const float fields_w = std::max(0.0f, ImGui::GetContentRegionAvail().x - button_w - st.ItemSpacing.x * 2);
  const float name_w = std::min(fields_w * 0.55f, 260 * f.scale);
  ImGui::SetNextItemWidth(name_w);
  ImGui::InputTextWithHint("##new-person", "Name (added when new)", &new_person_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(fields_w - name_w, 200 * f.scale));
  if (ImGui::BeginCombo("##new-role", std::string(role_label(kRoles[new_role_])).c_str())) {
    for (int i = 0; i < static_cast<int>(std::size(kRoles)); ++i)
      if (ImGui::Selectable(std::string(role_label(kRoles[i])).c_str(), i == new_role_)) new_role_ = i;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(new_person_.empty());
  if (ImGui::Button(add_label)) {
    f.run("participant add " + app::quote_word(new_person_) + " " + std::string(to_string(kRoles[new_role_])));
    new_person_.clear();
  }
  ImGui::EndDisabled();
}

// Lesson Study: what the case holds, and the way into its panel (ui/lesson_study_panel.hpp).
void SessionPanel::draw_lesson_study_summary(UiFrame& f) {
  const auto& ls = f.ws.lesson_study();
  section("Lesson Study");
  std::string line;
  for (const auto& p : ls.lesson_case.pupils) line += (line.empty() ? "" : ", ") + p.code;
  if (line.empty()) line = "No case pupils yet";
  line += " \xC2\xB7 " + std::to_string(ls.lesson_case.phases.size()) + " phases \xC2\xB7 " +
          std::to_string(ls.predictions.size()) + " predictions";
  ImGui::TextColored(ImColor(colours::kMuted), "%s", line.c_str());
  if (ImGui::Button("Case pupils and predictions\xE2\x80\xA6")) f.run("lesson-study on");
}

void SessionPanel::draw_protocol_setup(UiFrame& f) {
  auto& ws = f.ws;
  const Protocol& p = ws.session_info().protocol;
  const float s = f.scale;
  if (!ImGui::CollapsingHeader("Change the protocol")) {
    focus_loaded_for_ = 0;
    return;
  }
  if (focus_loaded_for_ != ws.session()->id) {  // start from what applies now
    focus_ = p.focus_questions.empty() ? ws.session()->focus : p.focus_questions.front();
    retention_ = p.retention_date.value_or("");
    focus_loaded_for_ = ws.session()->id;
  }
  ImGui::SetNextItemWidth(-110 * s);
  ImGui::InputTextWithHint("##focus", "The focus / research question agreed before observing", &focus_);
  ImGui::SameLine();
  if (ImGui::Button("Save focus", ImVec2(-1, 0))) f.run("protocol set --focus " + app::quote_word(focus_));
  // Framework: the library's and the shipped ones.
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ImColor(colours::kMuted), "Framework");
  ImGui::SameLine(150 * s);
  ImGui::SetNextItemWidth(260 * s);
  if (ImGui::BeginCombo("##fw", p.framework_code.c_str())) {
    for (const auto& code : ws.home().frameworks)
      if (ImGui::Selectable(code.c_str(), code == p.framework_code) && code != p.framework_code)
        f.run("protocol set --framework " + app::quote_word(code));
    ImGui::EndCombo();
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ImColor(colours::kMuted), "New comments");
  ImGui::SameLine(150 * s);
  for (Visibility v : {Visibility::Private, Visibility::Triad, Visibility::Everyone}) {
    if (ImGui::RadioButton(visibility_text(v).c_str(), p.default_visibility == v) && p.default_visibility != v)
      f.run(std::string("protocol set --visibility ") + std::string(to_string(v)));
    ImGui::SameLine();
  }
  ImGui::NewLine();
  bool blind = p.blind_review;
  if (ImGui::Checkbox("Blind review (reviewers see only their own comments until the reveal)", &blind))
    f.run(std::string("protocol set --blind ") + (blind ? "on" : "off"));
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ImColor(colours::kMuted), "Required stems");
  for (const auto& st : p.stems) {
    ImGui::SameLine();
    bool req = st.required;
    if (ImGui::Checkbox(st.label.c_str(), &req)) {
      std::string list;
      for (const auto& o : p.stems)
        if (o.code == st.code ? req : o.required) list += (list.empty() ? "" : ",") + o.code;
      f.run("protocol set --require " + (list.empty() ? std::string("none") : list));
    }
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ImColor(colours::kMuted), "Delete recording after");
  ImGui::SameLine(150 * s + 60 * s);
  ImGui::SetNextItemWidth(140 * s);
  ImGui::InputTextWithHint("##retention", "YYYY-MM-DD", &retention_);
  ImGui::SameLine();
  if (ImGui::Button("Set date")) f.run("protocol set --retention " + (retention_.empty() ? std::string("none") : retention_));
}

void SessionPanel::draw(UiFrame& f, ImVec2 pos, ImVec2 max_size) {
  auto& ws = f.ws;
  auto& view = ws.view();
  if (!view.session_panel) return;
  const float s = f.scale;
  const auto& session = ws.session();
  // As tall as its content, up to the space over the video and transport bar.
  const float w = std::min(max_size.x, 1120 * s);
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, max_size.y));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(30, 34, 40, 255));
  bool open = true;
  if (ImGui::Begin("Session", &open,
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                       ImGuiWindowFlags_NoSavedSettings)) {
    if (!session) {
      ImGui::TextColored(ImColor(colours::kMuted), "No session is open. Open a recording or a session first.");
    } else {
      const auto& info = ws.session_info();
      const Protocol& p = info.protocol;
      ImGui::TextUnformatted(session->title.c_str());
      ImGui::SameLine();
      ImGui::TextColored(ImColor(colours::kMuted), "%s %s %s", session->date.c_str(), session->class_label.c_str(),
                         session->subject.c_str());

      // Two columns when there is room: what was agreed on the left; the triad, the review
      // and exports on the right. One column on small windows.
      const bool two = ImGui::GetContentRegionAvail().x >= 900 * s &&
                       ImGui::BeginTable("##columns", 2, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerV);
      if (two) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
      }
      section("Focus / research questions");
      ImGui::PushTextWrapPos(0);
      if (p.focus_questions.empty() && session->focus.empty())
        ImGui::TextColored(ImColor(colours::kMuted), "None agreed yet.");
      auto bullet = [](const std::string& text) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s", text.c_str());
      };
      for (const auto& q : p.focus_questions) bullet(q);
      if (p.focus_questions.empty() && !session->focus.empty()) bullet(session->focus);
      ImGui::PopTextWrapPos();

      section(info.triad ? "Protocol" : "Protocol (Triad's default: no triad recorded for this session)");
      if (ImGui::BeginTable("##protocol", 2, ImGuiTableFlags_None)) {
        ImGui::TableSetupColumn("##k", ImGuiTableColumnFlags_WidthFixed, 180 * s);
        ImGui::TableSetupColumn("##v", ImGuiTableColumnFlags_WidthStretch);
        auto row = [](const char* k, const std::string& v) {
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          ImGui::TextColored(ImColor(colours::kMuted), "%s", k);
          ImGui::TableNextColumn();
          ImGui::TextWrapped("%s", v.c_str());
        };
        row("Framework", info.framework_name);
        row("Learning detectives", info.detective_framework_name);
        row("New comments", "visible to " + visibility_text(p.default_visibility) + "; self-review starts private");
        std::string blind = p.blind_review ? "on: each reviewer sees only their own comments until the reveal"
                                           : "off";
        if (p.blind_review && info.review.reveal)
          blind = "revealed by " + ws.person_name(info.review.reveal->revealed_by) +
                  (info.review.reveal->automatic ? " (everyone had submitted)" : "");
        row("Blind review", blind);
        row("Keep recording until", p.retention_date.value_or("no date set"));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(ImColor(colours::kMuted), "Feedback stems");
        ImGui::TableNextColumn();
        for (const auto& st : p.stems) {
          ImGui::TextUnformatted(st.label.c_str());
          if (st.required) {
            ImGui::SameLine();
            ImGui::TextColored(ImColor(colours::kAccent), "(required)");
          }
        }
        ImGui::EndTable();
      }
      draw_protocol_setup(f);

      section("Talk and wait time");
      if (const auto& talk = ws.analytics().talk()) {
        if (ImGui::BeginTable("##talk", 2, ImGuiTableFlags_None)) {
          ImGui::TableSetupColumn("##k", ImGuiTableColumnFlags_WidthFixed, 180 * s);
          ImGui::TableSetupColumn("##v", ImGuiTableColumnFlags_WidthStretch);
          for (const auto& [k, v] : app::talk_figure_rows(*talk)) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(ImColor(colours::kMuted), "%s", k.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(v.c_str());
          }
          ImGui::EndTable();
        }
        if (!ws.analytics().talk_source().empty())
          ImGui::TextColored(ImColor(colours::kMuted), "Read from %s.", ws.analytics().talk_source().c_str());
      } else {
        ImGui::TextColored(ImColor(colours::kMuted), "%s",
                           ws.analytics().talk_running() ? "Being analysed…" : "Not analysed yet — run Analyse.");
      }
      if (two) ImGui::TableNextColumn();

      section("Recordings");
      recordings_.draw(f);

      section("Triad");
      if (ws.participants().empty()) {
        ImGui::TextColored(ImColor(colours::kMuted), "No participants yet: add the triad below.");
      } else if (ImGui::BeginTable("##people", 4, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("Name");
        ImGui::TableSetupColumn("Role");
        ImGui::TableSetupColumn("Review time");
        ImGui::TableSetupColumn("Review");
        ImGui::TableHeadersRow();
        for (const auto& part : ws.participants()) {
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          const bool me = ws.reviewer() && ws.reviewer()->id == part.person_id;
          ImGui::PushID(static_cast<int>(part.person_id));
          if (me) ImGui::TextColored(ImColor(colours::kAccent), "%s (you)", ws.person_name(part.person_id).c_str());
          else ImGui::TextUnformatted(ws.person_name(part.person_id).c_str());
          // Only to the facilitator or observed teacher, on the rows of others who sign here.
          if (!me && ws.may_rekey(part.person_id)) {
            ImGui::SameLine();
            if (ImGui::SmallButton("Re-key\xE2\x80\xA6")) f.run("rekey " + app::quote_word(ws.person_name(part.person_id)));
            if (ImGui::IsItemHovered())
              ImGui::SetTooltip("Bind %s's new signing key (a new or lost computer)", ws.person_name(part.person_id).c_str());
          }
          ImGui::TableNextColumn();
          ImGui::SetNextItemWidth(-1);
          if (ImGui::BeginCombo("##role", std::string(role_label(part.role)).c_str())) {
            for (Role r : kRoles)
              if (ImGui::Selectable(std::string(role_label(r)).c_str(), r == part.role) && r != part.role)
                f.run("participant role " + app::quote_word(ws.person_name(part.person_id)) + " " +
                      std::string(to_string(r)));
            ImGui::Separator();
            if (ImGui::Selectable("Remove from this session"))
              f.run("participant remove " + app::quote_word(ws.person_name(part.person_id)));
            ImGui::EndCombo();
          }
          ImGui::PopID();
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(format_review_time(ws.review_ms(part.person_id)).c_str());
          ImGui::TableNextColumn();
          if (!is_reviewer(part.role)) ImGui::TextColored(ImColor(colours::kMuted), "—");
          else if (info.submitted(part.person_id)) ImGui::TextColored(ImColor(colours::kAccent), "submitted");
          else ImGui::TextColored(ImColor(colours::kMuted), "in progress");
        }
        ImGui::EndTable();
      }
      draw_add_participant(f);
      draw_lesson_study_summary(f);
      if (info.triad) {
        // Only what this person may do: reviewers submit, a facilitator reveals early.
        const auto role = ws.reviewer_role();
        const bool reviewer = role && is_reviewer(*role) && ws.reviewer();
        const bool revealer = role && may_reveal(*role) && p.blind_review && !info.review.reveal;
        ImGui::Spacing();
        if (reviewer) {
          const bool done = info.submitted(ws.reviewer()->id);
          ImGui::BeginDisabled(done);
          if (ImGui::Button(done ? "Review submitted" : "Submit my review\xE2\x80\xA6")) ImGui::OpenPopup("Submit your review?");
          ImGui::EndDisabled();
          // Submitting cannot be undone: say what it locks before it happens.
          ImGui::SetNextWindowSize(ImVec2(520 * f.scale, 0));
          if (ImGui::BeginPopupModal("Submit your review?", nullptr,
                                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
            ImGui::PushTextWrapPos(0);
            if (p.blind_review && !info.review.reveal)
              ImGui::TextUnformatted(
                  "This is a blind review. Once you submit, you cannot add comments to this session until the "
                  "reviews are revealed (when every reviewer has submitted, or a facilitator reveals them). Your "
                  "comments stay hidden from the others until then. Submitting cannot be undone.");
            else
              ImGui::TextUnformatted(
                  "The triad will see that your review is finished. Your comments stay as they are and you can "
                  "still reply in the meeting. Submitting cannot be undone.");
            ImGui::PopTextWrapPos();
            ImGui::Spacing();
            if (ImGui::Button("Submit my review")) {
              f.run("submit-review");
              ImGui::CloseCurrentPopup();
            }
            ImGui::SameLine();
            if (ImGui::Button("Not yet") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
              ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
          }
          if (ImGui::IsItemHovered() && !done && info.has_required_stems())
            ImGui::SetTooltip("Each required stem must be used at least once first.");
          ImGui::SameLine();
        }
        if (revealer) {
          if (ImGui::Button("Reveal all reviews")) f.run("reveal");
          ImGui::SameLine();
        }
        if (p.blind_review && !info.review.reveal)
          ImGui::TextColored(ImColor(colours::kMuted), "%zu of %zu reviews submitted", info.review.submissions.size(),
                             info.review.submissions.size() + info.review.pending.size());
        else
          ImGui::NewLine();
      }

      const auto role = ws.reviewer_role();
      if (!role || may_export(*role)) {
        section("Export");
        // Every export (report, clip, comments files, bundles) is in the Export panel.
        if (ImGui::Button("Export\xE2\x80\xA6")) f.run("export-panel on");
        ImGui::SameLine();
        ImGui::TextColored(ImColor(colours::kMuted), "Report, clip, comments as a file, or a bundle for the triad.");
      }
      if (two) ImGui::EndTable();
      if (!status.empty()) {
        ImGui::Separator();
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImColor(status_is_error ? colours::kError : colours::kText), "%s", status.c_str());
        ImGui::PopTextWrapPos();
      }
    }
  }
  ImGui::End();
  ImGui::PopStyleColor();
  if (!open) f.run("session-panel off");
}

}  // namespace triad::ui
