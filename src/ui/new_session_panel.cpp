#include "ui/new_session_panel.hpp"

#include <cstring>
#include <ctime>
#include <filesystem>

#include "app/command.hpp"
#include "base/wall_clock.hpp"
#include "ui/panel_window.hpp"

namespace triad::ui {

namespace {

void copy_to(char* dst, std::size_t n, const std::string& src) {
  std::strncpy(dst, src.c_str(), n - 1);
  dst[n - 1] = '\0';
}

// A labelled field on one row: label in the left column, input filling the rest.
bool field(const char* label, const char* id, char* buf, std::size_t n, const char* hint, float label_w) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine(label_w);
  ImGui::SetNextItemWidth(-1);
  return ImGui::InputTextWithHint(id, hint, buf, n);
}

}  // namespace

void NewSessionPanel::draw(UiFrame& f, ImVec2 vp) {
  auto& ws = f.ws;
  const bool open = ws.view().new_session && !ws.session();
  if (!open) {
    was_open_ = false;
    return;
  }
  const auto& home = ws.home();
  if (!was_open_) {  // a fresh form each time it opens
    *title_ = *class_ = *subject_ = *teacher_ = *focus_ = '\0';
    copy_to(date_, sizeof date_, today_iso());
    copy_to(recording_, sizeof recording_, home.draft_recording);
    if (*recording_) copy_to(title_, sizeof title_, std::filesystem::path(recording_).stem().string());
    framework_ = 0;
    browsing_ = false;
    was_open_ = true;
  }
  const float s = f.scale;
  const float label_w = 130 * s;
  if (begin_dialog("##new-session", vp, 760 * s, s)) {
    ImGui::TextUnformatted("New session");
    ImGui::TextColored(ImColor(colours::kMuted), "One filmed lesson to review. Everything but the title can wait.");
    ImGui::Dummy(ImVec2(0, 6 * s));
    field("Title", "##title", title_, sizeof title_, "e.g. Y8 Fractions", label_w);
    field("Date", "##date", date_, sizeof date_, "YYYY-MM-DD", label_w);
    field("Class", "##class", class_, sizeof class_, "e.g. 8B2", label_w);
    field("Subject", "##subject", subject_, sizeof subject_, "e.g. Mathematics", label_w);
    // Teacher: a person of the library, chosen from a list (or typed).
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Teacher");
    ImGui::SameLine(label_w);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##teacher", *teacher_ ? teacher_ : "The teacher observed (optional)")) {
      if (ImGui::Selectable("Nobody yet", !*teacher_)) *teacher_ = '\0';
      for (const auto& p : ws.people())
        if (ImGui::Selectable(p.display_name.c_str(), p.display_name == teacher_))
          copy_to(teacher_, sizeof teacher_, p.display_name);
      ImGui::EndCombo();
    }
    field("Focus", "##focus", focus_, sizeof focus_, "The question the triad agreed to look at", label_w);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Framework");
    ImGui::SameLine(label_w);
    ImGui::SetNextItemWidth(-1);
    const auto& fws = home.frameworks;
    if (framework_ < 0 || framework_ > static_cast<int>(fws.size())) framework_ = 0;
    const std::string current = framework_ == 0 ? "The default (no protocol yet)" : fws[framework_ - 1];
    if (ImGui::BeginCombo("##framework", current.c_str())) {
      if (ImGui::Selectable("The default (no protocol yet)", framework_ == 0)) framework_ = 0;
      for (std::size_t i = 0; i < fws.size(); ++i)
        if (ImGui::Selectable(fws[i].c_str(), framework_ == static_cast<int>(i) + 1)) framework_ = static_cast<int>(i) + 1;
      ImGui::EndCombo();
    }
    // Recording: typed, dropped, or chosen in the browser below.
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Recording");
    ImGui::SameLine(label_w);
    ImGui::SetNextItemWidth(-110 * s);
    ImGui::InputTextWithHint("##recording", "Drop the lesson video here, or browse", recording_, sizeof recording_);
    ImGui::SameLine();
    if (ImGui::Button(browsing_ ? "Hide files" : "Browse\xE2\x80\xA6", ImVec2(-1, 0))) {
      browsing_ = !browsing_;
      if (browsing_) {
        const std::string from = *recording_ ? std::filesystem::path(recording_).parent_path().string() : std::string();
        f.run(from.empty() ? "browse" : "browse " + app::quote_word(from));
      }
    }
    if (browsing_) {
      ImGui::Dummy(ImVec2(0, 2 * s));
      if (auto full = browser_.draw(f, "##files", 220 * s, "recordings", recording_, "No folders or recordings here.")) {
        copy_to(recording_, sizeof recording_, *full);
        if (!*title_) copy_to(title_, sizeof title_, std::filesystem::path(*full).stem().string());
      }
    }
    ImGui::Dummy(ImVec2(0, 10 * s));
    const bool ready = *title_ != '\0';
    if (!ready) ImGui::BeginDisabled();
    if (ImGui::Button("Create session", ImVec2(160 * s, 0))) {
      std::string line = "new-session --title " + app::quote_word(title_);
      auto add = [&](const char* opt, const char* v) {
        if (*v) line += std::string(" --") + opt + " " + app::quote_word(v);
      };
      add("date", date_);
      add("class", class_);
      add("subject", subject_);
      add("teacher", teacher_);
      add("focus", focus_);
      if (framework_ > 0) add("framework", fws[framework_ - 1].c_str());
      add("recording", recording_);
      f.run(line);
    }
    if (!ready) ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(100 * s, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
      f.run("new-session-form close");
  }
  end_dialog();
}

}  // namespace triad::ui
