#include "ui/theme.hpp"

#include <imgui.h>

#include <filesystem>

namespace triad::ui {

bool apply_theme(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  // Latin, punctuation, arrows and the geometric shapes used for markers and buttons.
  static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2000, 0x206F, 0x2190, 0x21FF,
                                    0x2300, 0x23FF, 0x25A0, 0x25FF, 0x2600, 0x26FF, 0};
  const char* kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  bool found = std::filesystem::exists(kFont);
  if (found) {
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    io.Fonts->AddFontFromFileTTF(kFont, 16.0f * scale, &cfg, kRanges);
  } else {
    ImFontConfig cfg;
    cfg.SizePixels = 15.0f * scale;
    io.Fonts->AddFontDefault(&cfg);
  }

  ImGuiStyle& s = ImGui::GetStyle();
  s = ImGuiStyle();
  ImGui::StyleColorsDark(&s);
  s.WindowRounding = 0.0f;
  s.FrameRounding = 4.0f;
  s.GrabRounding = 4.0f;
  s.PopupRounding = 6.0f;
  s.ChildRounding = 4.0f;
  s.WindowBorderSize = 0.0f;
  s.FrameBorderSize = 0.0f;
  s.WindowPadding = ImVec2(10, 8);
  s.FramePadding = ImVec2(8, 5);
  s.ItemSpacing = ImVec2(8, 6);
  s.ScrollbarSize = 12.0f;
  ImVec4* c = s.Colors;
  const ImVec4 bg(0.125f, 0.137f, 0.157f, 1.0f);
  const ImVec4 panel(0.149f, 0.165f, 0.188f, 1.0f);
  const ImVec4 frame(0.196f, 0.216f, 0.243f, 1.0f);
  const ImVec4 accent(0.40f, 0.667f, 0.69f, 1.0f);
  c[ImGuiCol_Text] = ImVec4(0.886f, 0.898f, 0.914f, 1.0f);
  c[ImGuiCol_TextDisabled] = ImVec4(0.59f, 0.62f, 0.66f, 1.0f);
  c[ImGuiCol_WindowBg] = bg;
  c[ImGuiCol_ChildBg] = panel;
  c[ImGuiCol_PopupBg] = ImVec4(0.16f, 0.176f, 0.2f, 0.98f);
  c[ImGuiCol_Border] = ImVec4(0.25f, 0.27f, 0.30f, 1.0f);
  c[ImGuiCol_FrameBg] = frame;
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.24f, 0.26f, 0.29f, 1.0f);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.27f, 0.30f, 0.33f, 1.0f);
  c[ImGuiCol_TitleBg] = panel;
  c[ImGuiCol_TitleBgActive] = panel;
  c[ImGuiCol_Button] = frame;
  c[ImGuiCol_ButtonHovered] = ImVec4(0.26f, 0.36f, 0.38f, 1.0f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.30f, 0.45f, 0.47f, 1.0f);
  c[ImGuiCol_Header] = ImVec4(0.22f, 0.30f, 0.32f, 1.0f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.25f, 0.34f, 0.36f, 1.0f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.28f, 0.40f, 0.42f, 1.0f);
  c[ImGuiCol_CheckMark] = accent;
  c[ImGuiCol_SliderGrab] = accent;
  c[ImGuiCol_SliderGrabActive] = accent;
  c[ImGuiCol_Separator] = ImVec4(0.25f, 0.27f, 0.30f, 1.0f);
  c[ImGuiCol_ScrollbarBg] = bg;
  s.ScaleAllSizes(scale);
  return found;
}

}  // namespace triad::ui
