#include "ui/workspace.hpp"

#include <algorithm>

namespace triad::ui {

void Workspace::draw(UiFrame& f, ImVec2 vp, float fb_scale) {
  if (!f.ws.session()) {
    draw_home(f, vp);
    return;
  }
  const float s = f.scale;
  const bool full = f.ws.view().fullscreen;
  if (!full) {
    // The handles first: ImGui stacks windows that are never raised (all panels) in the
    // reverse order of their first Begin, so these stay above the panels on both sides of
    // each boundary, while overlays opened later (help, settings) still cover them.
    const app::PanelRects before = app::place_panels(layout, vp.x, vp.y, s, false);
    const float top_of_timeline = vp.y - before.timeline_h;
    layout_changed |= column_splitter.draw("##split-column", app::Splitter::Column, ImVec2(before.video_w, before.bar_h),
                                           ImVec2(before.video_w, top_of_timeline), layout, vp, s);
    layout_changed |= timeline_splitter.draw("##split-timeline", app::Splitter::Timeline, ImVec2(0, top_of_timeline),
                                             ImVec2(vp.x, top_of_timeline), layout, vp, s);
  }
  const app::PanelRects r = app::place_panels(layout, vp.x, vp.y, s, full);
  const float bar_h = r.bar_h, transport_h = r.transport_h, timeline_h = r.timeline_h, right_w = r.right_w;
  const float video_w = r.video_w, video_h = r.video_h;

  if (!full) session_bar.draw(f, ImVec2(0, 0), ImVec2(vp.x, bar_h));
  video.draw(f, ImVec2(0, bar_h), ImVec2(video_w, video_h), fb_scale);
  transport.draw(f, ImVec2(0, bar_h + video_h), ImVec2(video_w, transport_h));
  if (!full) {
    const ImVec2 right_pos(video_w, bar_h);
    const ImVec2 right_size(right_w, video_h + transport_h);
    // Meeting mode swaps the comment list for the agenda. Otherwise the composer takes
    // the lower part of the column and the list stays readable above it.
    const float composer_h =
        std::min(std::max(ComposerPanel::preferred_height(s), composer.wanted_height), right_size.y * 0.75f);
    if (f.ws.meeting().on) {
      // A comment written during the meeting opens under the agenda.
      const float h = f.ws.composer().open ? composer_h : 0;
      agenda.draw(f, right_pos, ImVec2(right_w, right_size.y - h));
      composer.draw(f, ImVec2(right_pos.x, right_pos.y + right_size.y - h), ImVec2(right_w, h));
    } else if (f.ws.composer().open) {
      const float h = composer_h;
      comments.draw(f, right_pos, ImVec2(right_w, right_size.y - h));
      composer.draw(f, ImVec2(right_pos.x, right_pos.y + right_size.y - h), ImVec2(right_w, h));
    } else {
      comments.draw(f, right_pos, right_size);
      composer.draw(f, ImVec2(0, 0), ImVec2(0, 0));
    }
    timeline.draw(f, ImVec2(0, vp.y - timeline_h), ImVec2(vp.x, timeline_h));
  }

  // Status line over the bottom of the video: errors stay until the next action.
  // (The reason a file cannot be played is already written in the video area.)
  const bool repeats = f.ws.media_error() && f.ws.media_error()->message == status;
  // The session panel covers the video: it shows the line itself (never overlapping).
  const bool panel_open = (f.ws.view().session_panel || f.ws.view().lesson_study) && !full;
  session_panel.status = panel_open && !repeats ? status : std::string();
  lesson_study.status = session_panel.status;
  session_panel.status_is_error = lesson_study.status_is_error = status_is_error;
  // The Export and Import panels show a refusal at their own foot (the line would cross them).
  const bool share_open = (f.ws.sharing().export_panel || f.ws.sharing().import_panel) && !full;
  export_panel.error = share_open && status_is_error && !repeats ? status : std::string();
  import_panel.error = export_panel.error;
  if (!status.empty() && !repeats && !panel_open && !share_open) {
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const ImVec2 ts = ImGui::CalcTextSize(status.c_str());
    const ImVec2 p(10 * s, bar_h + video_h - ts.y - 14 * s);
    dl->AddRectFilled(ImVec2(p.x - 6 * s, p.y - 4 * s), ImVec2(p.x + ts.x + 6 * s, p.y + ts.y + 4 * s),
                      IM_COL32(20, 22, 26, 220), 4 * s);
    dl->AddText(p, status_is_error ? colours::kError : colours::kText, status.c_str());
  }
  export_progress.draw(f, ImVec2(0, bar_h), ImVec2(video_w, video_h));
  recording_notice.draw(f, ImVec2(0, bar_h), ImVec2(video_w, video_h));
  if (!full) session_panel.draw(f, ImVec2(0, bar_h), ImVec2(video_w, video_h + transport_h));
  if (!full) analytics.draw(f, ImVec2(0, bar_h), ImVec2(video_w, video_h + transport_h));
  if (!full) lesson_study.draw(f, ImVec2(0, bar_h), ImVec2(video_w, video_h + transport_h));
  export_panel.draw(f, vp);
  import_panel.draw(f, vp);
  if (!full) rekey.draw(f, vp);
  help.draw(f, vp);
  settings.draw(f, vp);
  identity.draw(f, vp);
}

}  // namespace triad::ui
