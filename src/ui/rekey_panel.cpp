#include "ui/rekey_panel.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>

#include "app/command.hpp"
#include "ui/panel_window.hpp"

namespace triad::ui {

namespace {

void wipe(std::string& s) {  // a passphrase is not left in memory longer than needed
  std::fill(s.begin(), s.end(), '\0');
  s.clear();
}

void fingerprint_row(const char* label, const std::string& fp, ImU32 colour, float label_w) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ImColor(colours::kMuted), "%s", label);
  ImGui::SameLine(label_w);
  ImGui::TextColored(ImColor(colour), "%s", fp.c_str());
}

}  // namespace

void RekeyPanel::draw_key_choice(UiFrame& f, const app::RekeyStep& step) {
  const float s = f.scale;
  const std::string who = app::quote_word(step.person);
  ImGui::TextColored(ImColor(colours::kMuted), "Their new public key, as their computer shows it (Triad: Export, or `triad identity show`):");
  ImGui::SetNextItemWidth(-120 * s);
  const bool enter = ImGui::InputTextWithHint("##rekey-key", "Paste the new key (base64)", &pasted_,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  ImGui::BeginDisabled(pasted_.empty());
  if ((ImGui::Button("Use this key", ImVec2(-1, 0)) || enter) && !pasted_.empty())
    f.run("rekey " + who + " --key " + app::quote_word(pasted_));
  ImGui::EndDisabled();
  ImGui::Dummy(ImVec2(0, 4 * s));
  ImGui::TextColored(ImColor(colours::kMuted), "Or the bundle of theirs that was refused for its new key:");
  if (auto file = browser_.draw(f, "##rekey-files", 170 * s, "import", step.from, "No bundles here."))
    f.run("rekey " + who + " --from " + app::quote_word(*file));
}

void RekeyPanel::draw(UiFrame& f, ImVec2 vp) {
  auto& ws = f.ws;
  const auto& step = ws.sharing().rekey;
  if (!step) {
    open_for_ = 0;
    pasted_.clear();
    wipe(passphrase_);
    return;
  }
  if (open_for_ != step->person_id) {
    open_for_ = step->person_id;
    pasted_.clear();
    wipe(passphrase_);
  }
  const float s = f.scale;
  const float wrap = 700 * s;
  ImGui::SetNextWindowFocus();
  bool close = false;
  if (begin_dialog("##rekey", vp, 760 * s, s)) {
    const float label_w = 220 * s;
    ImGui::Text("Re-key %s", step->person.c_str());
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
    ImGui::TextColored(ImColor(colours::kMuted),
                       "A new computer or a lost one: %s's changes signed with a new key are refused until you bind "
                       "it here. The re-key is signed by you and travels in your bundles.",
                       step->person.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, 6 * s));
    fingerprint_row(step->done.empty() ? "Key here now" : "Old key (retired)", step->old_fingerprint, colours::kText, label_w);
    if (step->preview) fingerprint_row("New key", step->preview->new_fingerprint, colours::kAccent, label_w);
    ImGui::Dummy(ImVec2(0, 6 * s));
    if (!step->done.empty()) {
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
      ImGui::TextColored(ImColor(colours::kAccent), "%s", step->done.c_str());
      ImGui::PopTextWrapPos();
      ImGui::Dummy(ImVec2(0, 6 * s));
      close = ImGui::Button("Done", ImVec2(120 * s, 0));
    } else if (step->preview) {
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
      ImGui::TextColored(ImColor(colours::kPlayhead),
                         "Read the new fingerprint aloud with %s: it must be the one their computer shows. Bind it "
                         "only if every digit is the same.",
                         step->person.c_str());
      if (!step->from.empty())
        ImGui::TextColored(ImColor(colours::kMuted), "Read from %s.",
                           std::filesystem::path(step->from).filename().string().c_str());
      ImGui::PopTextWrapPos();
      ImGui::Dummy(ImVec2(0, 4 * s));
      if (step->preview->passphrase_needed) {
        ImGui::SetNextItemWidth(320 * s);
        ImGui::InputTextWithHint("##rekey-pass", "Your passphrase (your key is protected)", &passphrase_,
                                 ImGuiInputTextFlags_Password);
      }
      if (ImGui::Button(("Re-key " + step->person).c_str())) {
        f.run("rekey confirm" + (passphrase_.empty() ? std::string() : " --passphrase " + app::quote_word(passphrase_)));
        wipe(passphrase_);
      }
      ImGui::SameLine();
      if (ImGui::Button("Use another key")) f.run("rekey " + app::quote_word(step->person));
      ImGui::SameLine();
      close = ImGui::Button("Cancel", ImVec2(100 * s, 0));
    } else {
      draw_key_choice(f, *step);
      ImGui::Dummy(ImVec2(0, 6 * s));
      close = ImGui::Button("Cancel", ImVec2(100 * s, 0));
    }
    if (!step->error.empty()) {
      ImGui::Dummy(ImVec2(0, 4 * s));
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
      ImGui::TextColored(ImColor(colours::kError), "%s", step->error.c_str());
      ImGui::PopTextWrapPos();
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) close = true;
  }
  end_dialog();
  if (close) f.run("rekey cancel");
}

}  // namespace triad::ui
