#pragma once
// Places every panel in the window (layout of ../shared/guides/WORKSTATION.md):
// session bar on top; video with the transport bar under it on the left; comments
// (or the composer; the agenda in meeting mode) on the right; the timeline along the bottom. The column width and
// timeline height are the persisted layout; splitters on the panels' boundaries change them
// (placement rules: app/panel_layout.hpp).
#include "app/panel_layout.hpp"
#include "ui/agenda_panel.hpp"
#include "ui/analytics_panel.hpp"
#include "ui/comment_list_panel.hpp"
#include "ui/composer_panel.hpp"
#include "ui/export_panel.hpp"
#include "ui/export_progress.hpp"
#include "ui/help_overlay.hpp"
#include "ui/home_panel.hpp"
#include "ui/lesson_study_panel.hpp"
#include "ui/identity_panel.hpp"
#include "ui/import_panel.hpp"
#include "ui/new_session_panel.hpp"
#include "ui/recording_notice.hpp"
#include "ui/rekey_panel.hpp"
#include "ui/session_bar.hpp"
#include "ui/session_panel.hpp"
#include "ui/settings_panel.hpp"
#include "ui/splitter.hpp"
#include "ui/timeline_panel.hpp"
#include "ui/transport_bar.hpp"
#include "ui/video_panel.hpp"

namespace triad::ui {

struct Workspace {
  SessionBar session_bar;
  VideoPanel video;
  TransportBar transport;
  TimelinePanel timeline;
  CommentListPanel comments;
  ComposerPanel composer;
  AgendaPanel agenda;          // meeting mode: in place of the comment list
  SessionPanel session_panel;  // over the video, under the session bar
  AnalyticsPanel analytics;    // lesson analytics, over the video like the session panel
  LessonStudyPanel lesson_study;  // case pupils, phases, predictions, over the video
  ExportProgress export_progress;
  ExportPanel export_panel;        // every export of the session, over the workspace
  ImportPanel import_panel;        // a bundle or comments file, previewed before it is written
  RekeyPanel rekey;                // a participant's new signing key, compared aloud, then bound
  RecordingNotice recording_notice;  // retention date passed, recording missing
  HelpOverlay help;
  SettingsPanel settings;
  HomePanel home;                // no session open: the library's sessions
  NewSessionPanel new_session;   // over the home screen
  IdentityPanel identity;        // "Who is reviewing?"
  SplitterHandle column_splitter;    // between the video and the comments
  SplitterHandle timeline_splitter;  // above the timeline
  app::PanelSizes layout;
  bool layout_changed = false;  // a splitter was released or reset: the owner persists `layout`

  // viewport: the window size in points; fb_scale: pixels per point.
  void draw(UiFrame& f, ImVec2 viewport, float fb_scale);
  // The home screen: the session bar over the library's sessions (ui/workspace_home.cpp).
  void draw_home(UiFrame& f, ImVec2 viewport);
  // The last status/error line shown at the bottom of the video.
  std::string status;
  bool status_is_error = false;
};

}  // namespace triad::ui
