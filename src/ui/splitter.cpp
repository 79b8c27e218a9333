#include "ui/splitter.hpp"

namespace triad::ui {

bool SplitterHandle::draw(const char* id, app::Splitter which, ImVec2 line_from, ImVec2 line_to,
                          app::PanelSizes& sizes, ImVec2 viewport, float scale) {
  const bool column = which == app::Splitter::Column;
  const float grip = 8 * scale;  // what the pointer can catch; the line drawn is thinner
  const ImVec2 pos = column ? ImVec2(line_from.x - grip / 2, line_from.y) : ImVec2(line_from.x, line_from.y - grip / 2);
  const ImVec2 size = column ? ImVec2(grip, line_to.y - line_from.y) : ImVec2(line_to.x - line_from.x, grip);
  if (size.x <= 0 || size.y <= 0) return false;

  // A window of its own above the two panels, so the panel under the pointer does not also
  // take the click (e.g. the timeline seeking). Never focused or raised: overlays stay on top.
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowMinSize, ImVec2(1, 1));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoFocusOnAppearing |
                                 ImGuiWindowFlags_NoNav;
  bool persist = false;
  if (ImGui::Begin(id, nullptr, flags)) {
    ImGui::InvisibleButton("##grip", size);
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    if (hovered || active) ImGui::SetMouseCursor(column ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
    if (ImGui::IsItemActivated()) {
      at_start_ = sizes;
      dragging_ = true;
    }
    if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
      sizes = app::reset_splitter(sizes, which);
      dragging_ = false;  // the second click's drag would start from the old size
      persist = true;
    } else if (active && dragging_) {
      const ImVec2 d = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.0f);
      sizes = app::drag_splitter(at_start_, which, column ? d.x : d.y, viewport.x, viewport.y, scale);
    }
    if (ImGui::IsItemDeactivated() && dragging_) {
      dragging_ = false;
      persist = persist || !(sizes == at_start_);
    }
    // The handle: a thin line, brighter while it can be (or is being) dragged.
    const ImU32 colour = active ? colours::kAccent : hovered ? colours::kMuted : IM_COL32(52, 57, 64, 255);
    const float thick = (hovered || active ? 3.0f : 1.0f) * scale;
    ImGui::GetWindowDrawList()->AddLine(line_from, line_to, colour, thick);
  }
  ImGui::End();
  ImGui::PopStyleVar(3);
  return persist;
}

}  // namespace triad::ui
