#include "ui/import_panel.hpp"

#include <algorithm>
#include <filesystem>

#include "app/command.hpp"
#include "ui/panel_window.hpp"

namespace triad::ui {

namespace {

std::string count(int n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

void row(const char* label, const std::string& value, float label_w, ImU32 colour = colours::kText) {
  ImGui::TextColored(ImColor(colours::kMuted), "%s", label);
  ImGui::SameLine(label_w);
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(ImColor(colour), "%s", value.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace

void ImportPanel::draw_summary(UiFrame& f) {
  const auto& p = *f.ws.sharing().import;
  const float s = f.scale;
  const float label_w = 190 * s;
  const std::string name = std::filesystem::path(p.file).filename().string();
  ImGui::TextColored(ImColor(colours::kMuted), "File");
  ImGui::SameLine(label_w);
  ImGui::TextUnformatted(name.c_str());
  if (!p.summary) {
    ImGui::Dummy(ImVec2(0, 4 * s));
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImColor(colours::kError), "It cannot be imported: %s", p.refusal.c_str());
    ImGui::PopTextWrapPos();
    if (!p.force && p.refusal.find("different recording") != std::string::npos) {
      ImGui::TextColored(ImColor(colours::kMuted), "If it is the same lesson filmed or cut differently, you may merge anyway.");
      if (ImGui::Button("Merge anyway")) f.run("import preview " + app::quote_word(p.file) + " --force");
    }
    return;
  }
  const app::ImportSummary& sum = *p.summary;
  ImGui::TextColored(ImColor(colours::kAccent), "Nothing has been written yet. Importing will:");
  ImGui::Dummy(ImVec2(0, 2 * s));
  const std::string title = "'" + sum.session_title + "'";
  row("Session", sum.session_created ? "add the session " + title + " (new to this library)"
                                     : "merge into the session " + title, label_w);
  std::string comments = count(sum.added, "comment added", "comments added") + ", " +
                         std::to_string(sum.updated) + " updated";
  if (sum.tombstoned) comments += " (" + std::to_string(sum.tombstoned) + " of them deleted by their author)";
  comments += ", " + std::to_string(sum.unchanged) + " unchanged";
  if (sum.skipped) comments += ", " + std::to_string(sum.skipped) + " rows skipped";
  row("Comments", comments, label_w);
  if (sum.kind == app::ImportKind::Bundle) {
    std::string people = sum.new_people.empty() ? std::string("nobody new") : "";
    for (std::size_t i = 0; i < sum.new_people.size(); ++i) people += (i ? ", " : "") + sum.new_people[i];
    row("People new here", people, label_w);
    if (const std::string other = app::other_changes_phrase(sum.other_changes); !other.empty())
      row("Also", other, label_w);
    row("Waiting", sum.pending ? count(sum.pending, "change waits", "changes wait") +
                                     " (for their signer's key, or for the review's submissions)"
                               : std::string("nothing"),
        label_w, sum.pending ? colours::kPlayhead : colours::kText);
    if (sum.refused_waiting)
      row("Refused", count(sum.refused_waiting, "waiting change", "waiting changes") + " checked again and refused",
          label_w, colours::kError);
  }
  for (const auto& m : sum.mapping) row("Read as", m, label_w, colours::kMuted);
  if (!sum.warnings.empty()) {
    ImGui::Dummy(ImVec2(0, 2 * s));
    ImGui::PushTextWrapPos(0);
    const std::size_t shown = std::min<std::size_t>(sum.warnings.size(), 5);
    for (std::size_t i = 0; i < shown; ++i) ImGui::TextColored(ImColor(colours::kMuted), "\xE2\x80\xA2 %s", sum.warnings[i].c_str());
    if (sum.warnings.size() > shown)
      ImGui::TextColored(ImColor(colours::kMuted), "\xE2\x80\xA6 and %zu more notes", sum.warnings.size() - shown);
    ImGui::PopTextWrapPos();
  }
}

void ImportPanel::draw(UiFrame& f, ImVec2 vp) {
  auto& ws = f.ws;
  const auto& sharing = ws.sharing();
  if (!sharing.import_panel) {
    was_open_ = false;
    return;
  }
  if (!was_open_) {  // opens on the import files of the folder last browsed
    was_open_ = true;
    if (ws.folder().show != "import") {
      const std::string from = ws.folder().folder;
      f.run("browse" + (from.empty() ? std::string() : " " + app::quote_word(from)) + " --show import");
    }
  }
  const float s = f.scale;
  if (begin_dialog("##import-panel", vp, 820 * s, s)) {
    ImGui::TextUnformatted("Import");
    ImGui::SameLine();
    ImGui::TextColored(ImColor(colours::kMuted), "\xC2\xB7 %s",
                       ws.session() ? ("into " + ws.session()->title + ", or a bundle's own session").c_str()
                                    : "a bundle from your triad");
    ImGui::Dummy(ImVec2(0, 4 * s));
    bool close = false;
    if (!sharing.import_done.empty()) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(ImColor(colours::kAccent), "%s", sharing.import_done.c_str());
      ImGui::PopTextWrapPos();
      ImGui::Dummy(ImVec2(0, 8 * s));
      close = ImGui::Button("Close", ImVec2(100 * s, 0));
    } else if (sharing.import) {
      draw_summary(f);
      ImGui::Dummy(ImVec2(0, 10 * s));
      ImGui::BeginDisabled(!sharing.import->summary);
      if (ImGui::Button("Import", ImVec2(140 * s, 0))) f.run("import confirm");
      ImGui::EndDisabled();
      ImGui::SameLine();
      if (ImGui::Button("Choose another file")) f.run("import cancel");
      ImGui::SameLine();
      close = ImGui::Button("Cancel", ImVec2(100 * s, 0));
    } else {
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(ImColor(colours::kMuted),
                         "Choose a bundle (.triad-bundle) or a comments file (CSV, JSON, WebVTT, SRT, ELAN). You will "
                         "see what it adds or changes before anything is written.");
      ImGui::PopTextWrapPos();
      ImGui::Dummy(ImVec2(0, 2 * s));
      if (auto file = browser_.draw(f, "##import-files", 260 * s, "import", "", "No bundles or comment files here."))
        f.run("import preview " + app::quote_word(*file));
      ImGui::Dummy(ImVec2(0, 8 * s));
      close = ImGui::Button("Cancel", ImVec2(100 * s, 0));
    }
    if (!error.empty()) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(ImColor(colours::kError), "%s", error.c_str());
      ImGui::PopTextWrapPos();
    }
    if (close || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) f.run("import-panel off");
  }
  end_dialog();
}

}  // namespace triad::ui
