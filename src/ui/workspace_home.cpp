#include "ui/workspace.hpp"

namespace triad::ui {

void Workspace::draw_home(UiFrame& f, ImVec2 vp) {
  const app::PanelRects r = app::place_panels(layout, vp.x, vp.y, f.scale, false);
  session_bar.draw(f, ImVec2(0, 0), ImVec2(vp.x, r.bar_h));
  home.draw(f, ImVec2(0, r.bar_h), ImVec2(vp.x, vp.y - r.bar_h));
  import_panel.error = f.ws.sharing().import_panel && status_is_error ? status : std::string();
  if (!status.empty() && !f.ws.sharing().import_panel) {
    const float s = f.scale;
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const ImVec2 ts = ImGui::CalcTextSize(status.c_str());
    const ImVec2 p(16 * s, vp.y - ts.y - 14 * s);
    dl->AddRectFilled(ImVec2(p.x - 6 * s, p.y - 4 * s), ImVec2(p.x + ts.x + 6 * s, p.y + ts.y + 4 * s),
                      IM_COL32(20, 22, 26, 230), 4 * s);
    dl->AddText(p, status_is_error ? colours::kError : colours::kText, status.c_str());
  }
  new_session.draw(f, vp);
  import_panel.draw(f, vp);
  help.draw(f, vp);
  settings.draw(f, vp);
  identity.draw(f, vp);
}

}  // namespace triad::ui
