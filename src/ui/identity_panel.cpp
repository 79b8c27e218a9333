#include "ui/identity_panel.hpp"

#include <algorithm>
#include <string>

#include <imgui_stdlib.h>

#include "app/command.hpp"

namespace triad::ui {

void IdentityPanel::draw(UiFrame& f, ImVec2 vp) {
  auto& ws = f.ws;
  const bool must = ws.needs_identity();
  const bool key_step = !must && ws.view().identity_key;
  if (!must && !ws.view().identity && !key_step) {
    focus_name_ = true;
    return;
  }
  const float s = f.scale;
  const ImVec2 size(480 * s, 0);
  ImGui::SetNextWindowPos(ImVec2(vp.x / 2, vp.y / 2.6f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(36, 40, 47, 252));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24 * s, 20 * s));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize;
  ImGui::SetNextWindowFocus();
  const bool shown = ImGui::Begin("##identity", nullptr, flags);
  if (shown && key_step) {
    draw_key_step(f);
  } else if (shown) {
    ImGui::TextUnformatted("Who is reviewing?");
    ImGui::TextColored(ImColor(colours::kMuted), "Your comments and review time are kept under this name.");
    ImGui::Dummy(ImVec2(0, 6 * s));
    const auto& people = ws.people();
    if (!people.empty()) {
      const float list_h = std::min(220 * s, (ImGui::GetFrameHeightWithSpacing()) * static_cast<float>(people.size()) + 8 * s);
      if (ImGui::BeginChild("##people", ImVec2(0, list_h), true)) {
        for (const auto& p : people) {
          const bool current = ws.reviewer() && ws.reviewer()->id == p.id;
          if (ImGui::Selectable(p.display_name.c_str(), current, 0, ImVec2(0, ImGui::GetFrameHeight())))
            f.run("as " + std::to_string(p.id) + " --offer-key");
        }
      }
      ImGui::EndChild();
      ImGui::Dummy(ImVec2(0, 4 * s));
      ImGui::TextColored(ImColor(colours::kMuted), "Not in the list?");
    }
    if (focus_name_ && people.empty()) {
      ImGui::SetKeyboardFocusHere();
      focus_name_ = false;
    }
    ImGui::SetNextItemWidth(-120 * s);
    const bool enter = ImGui::InputTextWithHint("##name", "Your name", name_, sizeof name_,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    const bool has_name = name_[0] != '\0';
    if (!has_name) ImGui::BeginDisabled();
    const bool add = ImGui::Button("Add me", ImVec2(-1, 0));
    if (!has_name) ImGui::EndDisabled();
    if ((add || enter) && has_name) {
      f.run("person add " + app::quote_word(name_) + " --offer-key");
      name_[0] = '\0';
    }
    if (!must) {
      ImGui::Dummy(ImVec2(0, 4 * s));
      if (ImGui::Button("Cancel")) f.run("who close");
      if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) f.run("who close");
    }
  }
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

void IdentityPanel::draw_key_step(UiFrame& f) {
  auto& ws = f.ws;
  const float s = f.scale;
  const float wrap = 430 * s;
  const auto& sharing = ws.sharing();
  ImGui::Text("Your signing key, %s", ws.reviewer() ? ws.reviewer()->display_name.c_str() : "");
  ImGui::Dummy(ImVec2(0, 4 * s));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
  if (sharing.has_key) {
    ImGui::TextColored(ImColor(colours::kMuted), "Your key is made. Its fingerprint, to compare aloud with your triad:");
    ImGui::TextColored(ImColor(colours::kAccent), "%s", sharing.key_fingerprint.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, 6 * s));
    if (ImGui::Button("Done")) f.run("identity later");
    return;
  }
  ImGui::TextColored(ImColor(colours::kMuted),
                     "What you share with your triad travels signed with a key kept on this computer, so they know it "
                     "is yours. If others use this computer, a passphrase keeps the key yours.");
  ImGui::PopTextWrapPos();
  ImGui::Dummy(ImVec2(0, 6 * s));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##key-pass", "Passphrase (optional)", &passphrase_, ImGuiInputTextFlags_Password);
  ImGui::Dummy(ImVec2(0, 4 * s));
  if (ImGui::Button("Make my key")) {
    f.run("identity create" + (passphrase_.empty() ? std::string() : " --passphrase " + app::quote_word(passphrase_)));
    std::fill(passphrase_.begin(), passphrase_.end(), '\0');  // not left in memory longer than needed
    passphrase_.clear();
  }
  ImGui::SameLine();
  if (ImGui::Button("Later")) f.run("identity later");
  ImGui::SameLine();
  ImGui::TextColored(ImColor(colours::kMuted), "(the Export panel can make it too)");
}

}  // namespace triad::ui
