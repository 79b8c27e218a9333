#include "ui/export_panel.hpp"

#include "ui/export_progress.hpp"
#include "ui/panel_window.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>

#include "app/command.hpp"
#include "app/folder_listing.hpp"
#include "app/share_files.hpp"

namespace triad::ui {

namespace {

using app::ExportChoice;

// What each choice carries, in a sentence under the list.
const char* explanation(ExportChoice c) {
  switch (c) {
    case ExportChoice::Report:
      return "A self-contained web page with a picture of each moment: the comments you may see, by time.";
    case ExportChoice::Clip:
      return "The video around the selected comment, its text as a subtitle. Metadata is stripped.";
    case ExportChoice::BundleTriad:
      return "For the others in the triad to import: the comments the triad may see (never private ones, never "
             "the video), signed with your key.";
    case ExportChoice::BundleEveryone:
      return "For anyone to import: only comments shared with everyone, signed with your key.";
    default:
      return "The comments you may see, without private ones, for spreadsheets, subtitles or ELAN.";
  }
}

bool is_bundle(ExportChoice c) { return c == ExportChoice::BundleTriad || c == ExportChoice::BundleEveryone; }

// The file name part a choice suggests: "comments.csv", "report.html", "for the triad.triad-bundle".
std::string suggested_tail(ExportChoice c) {
  const std::string ext(app::export_choice_extension(c));
  switch (c) {
    case ExportChoice::Report: return "report" + ext;
    case ExportChoice::Clip: return "clip" + ext;
    case ExportChoice::BundleTriad: return "for the triad" + ext;
    case ExportChoice::BundleEveryone: return "for everyone" + ext;
    default: return "comments" + ext;
  }
}

}  // namespace

void ExportPanel::draw_job(UiFrame& f) {
  const app::ExportJob* job = f.ws.export_job();
  if (!job) return;
  ImGui::Separator();
  ImGui::PushTextWrapPos(0);
  if (!job->done())
    ImGui::Text("%s the %s\xE2\x80\xA6", job->cancelling() ? "Cancelling" : "Writing", job->what().c_str());
  draw_export_job_state(f, *job);
  ImGui::PopTextWrapPos();
}

void ExportPanel::draw(UiFrame& f, ImVec2 vp) {
  auto& ws = f.ws;
  const auto& sharing = ws.sharing();
  const auto& session = ws.session();
  if (!sharing.export_panel || !session) return;
  const ExportChoice choice = sharing.export_choice;
  if (named_for_session_ != session->id || named_for_choice_ != static_cast<int>(choice)) {
    const std::string folder =
        named_for_session_ == session->id && !path_.empty() ? std::filesystem::path(path_).parent_path().string()
                                                            : app::home_folder();
    path_ = (std::filesystem::path(folder) / app::suggested_export_name(session->title, suggested_tail(choice))).string();
    named_for_session_ = session->id;
    named_for_choice_ = static_cast<int>(choice);
  }
  const float s = f.scale;
  if (begin_dialog("##export-panel", vp, 780 * s, s)) {
    ImGui::TextUnformatted("Export");
    ImGui::SameLine();
    ImGui::TextColored(ImColor(colours::kMuted), "\xC2\xB7 %s", session->title.c_str());
    ImGui::Dummy(ImVec2(0, 4 * s));
    const bool busy = ws.export_job() && !ws.export_job()->done();
    ImGui::BeginDisabled(busy);
    for (int i = 0; i < app::kExportChoices; ++i) {
      const auto c = static_cast<ExportChoice>(i);
      if (c == ExportChoice::Csv || c == ExportChoice::BundleTriad) ImGui::Dummy(ImVec2(0, 2 * s));
      if (ImGui::RadioButton(std::string(app::export_choice_label(c)).c_str(), c == choice))
        f.run("export-panel on " + std::string(app::export_choice_code(c)));
    }
    ImGui::Dummy(ImVec2(0, 4 * s));
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImColor(colours::kMuted), "%s", explanation(choice));
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, 4 * s));

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Save as");
    ImGui::SameLine(110 * s);
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##export-path", &path_);

    bool ready = !path_.empty();
    std::string line;
    if (choice == ExportChoice::Clip) {
      ImGui::SetCursorPosX(110 * s);
      ImGui::SetNextItemWidth(110 * s);
      ImGui::InputInt("s before", &pre_s_);
      ImGui::SameLine();
      ImGui::SetNextItemWidth(110 * s);
      ImGui::InputInt("s after", &post_s_);
      pre_s_ = std::clamp(pre_s_, 0, 600);
      post_s_ = std::clamp(post_s_, 0, 600);
      if (!ws.selected_comment()) {
        ImGui::TextColored(ImColor(colours::kMuted), "Select a comment in the list to cut a clip around it.");
        ready = false;
      }
      line = "export clip " + app::quote_word(path_) + " " + std::to_string(pre_s_) + " " + std::to_string(post_s_);
    } else if (is_bundle(choice)) {
      if (!sharing.has_key) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImColor(colours::kPlayhead),
                           "A bundle is signed with your key, so the others know it is yours. You have none yet.");
        ImGui::PopTextWrapPos();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Passphrase");
        ImGui::SameLine(110 * s);
        ImGui::SetNextItemWidth(260 * s);
        ImGui::InputTextWithHint("##new-pass", "optional, protects the key", &passphrase_, ImGuiInputTextFlags_Password);
        ImGui::SameLine();
        if (ImGui::Button("Make my signing key"))
          f.run("identity create" + (passphrase_.empty() ? std::string() : " --passphrase " + app::quote_word(passphrase_)));
        ready = false;
      } else if (sharing.key_sealed) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Passphrase");
        ImGui::SameLine(110 * s);
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("##pass", "your key's passphrase", &passphrase_, ImGuiInputTextFlags_Password);
      }
      line = "export bundle " + app::quote_word(path_) + " --for " +
             (choice == ExportChoice::BundleEveryone ? "everyone" : "triad") +
             (sharing.key_sealed && !passphrase_.empty() ? " --passphrase " + app::quote_word(passphrase_) : "");
    } else if (choice == ExportChoice::Report && !ws.cameras().empty()) {
      ImGui::SetCursorPosX(110 * s);
      ImGui::Checkbox("Frames from every camera, side by side", &all_cameras_);
      if (!all_cameras_) {
        ImGui::SetCursorPosX(110 * s);
        ImGui::TextColored(ImColor(colours::kMuted), "Frames from the camera shown large (V changes it).");
      }
      line = "export report " + app::quote_word(path_) + (all_cameras_ ? " --all-cameras" : "");
    } else {
      line = "export " + std::string(app::export_choice_code(choice)) + " " + app::quote_word(path_);
    }
    ImGui::EndDisabled();
    draw_job(f);
    if (!error.empty()) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(ImColor(colours::kError), "%s", error.c_str());
      ImGui::PopTextWrapPos();
    }
    ImGui::Dummy(ImVec2(0, 8 * s));
    ImGui::BeginDisabled(busy || !ready);
    if (ImGui::Button("Export", ImVec2(140 * s, 0))) {
      if (ws.export_job() && ws.export_job()->done()) f.run("export dismiss");
      f.run(line);
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Close", ImVec2(100 * s, 0)) ||
        (!busy && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))) {
      if (ws.export_job() && ws.export_job()->done()) f.run("export dismiss");
      f.run("export-panel off");
    }
  }
  end_dialog();
}

}  // namespace triad::ui
