#include "ui/timeline_panel.hpp"

#include "app/marker_runs.hpp"
#include "app/recording_extents.hpp"
#include "core/recording_clock.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "ui/panel_window.hpp"
#include "ui/timeline_images.hpp"

namespace triad::ui {

namespace {

// `wave` in the band [x0, x1) x [y_mid - h/2, y_mid + h/2] of a track that shows session
// times [view_start, view_start + view_span) over [track_x0, track_x1): each pixel column
// the peaks of the recording's own time that `media_at` gives for its session times.
template <class MediaAt>
void draw_wave(ImDrawList* dl, const TimelineWave& wave, float x0, float x1, float track_x0, float track_x1, float y_mid,
               float h, TimeUs view_start, TimeUs view_span, ImU32 colour, MediaAt media_at) {
  const std::size_t n = wave.max.size();
  if (wave.empty() || wave.min.size() != n) return;
  // Fit the loudest moment to the lane (classroom microphones record quietly), but never
  // blow near-silence up into noise.
  const float gain = 0.95f / std::max(wave.peak, 0.05f);
  const double us_per_px = static_cast<double>(view_span) / (track_x1 - track_x0);
  const double buckets_per_us = static_cast<double>(n) / static_cast<double>(wave.duration_us);
  for (float x = x0; x < x1; x += 1.0f) {
    const double t0 = static_cast<double>(view_start) + (x - track_x0) * us_per_px;
    const double m0 = static_cast<double>(media_at(static_cast<TimeUs>(t0)));
    const double m1 = static_cast<double>(media_at(static_cast<TimeUs>(t0 + us_per_px)));
    if (m1 <= 0) continue;
    const auto b0 = static_cast<std::size_t>(std::max(0.0, m0 * buckets_per_us));
    if (b0 >= n) break;
    const std::size_t b1 = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(0.0, m1 * buckets_per_us)), b0 + 1, n);
    float lo = 0, hi = 0;
    for (std::size_t b = b0; b < b1; ++b) {
      lo = std::min(lo, wave.min[b]);
      hi = std::max(hi, wave.max[b]);
    }
    dl->AddLine(ImVec2(x, y_mid - hi * gain * h / 2), ImVec2(x, y_mid - lo * gain * h / 2 + 1), colour);
  }
}

}  // namespace

float TimelinePanel::x_of(TimeUs t) const {
  const double frac = static_cast<double>(t - view_start_) / static_cast<double>(std::max<TimeUs>(1, view_span_));
  return track_x0_ + static_cast<float>(frac) * (track_x1_ - track_x0_);
}

float TimelinePanel::lane_y(std::size_t lane) const { return lanes_y0_ + (static_cast<float>(lane) + 0.5f) * lane_h_; }

std::string TimelinePanel::draw_talk_lane(UiFrame& f, ImDrawList* dl, float label_x, float y0, float h) {
  const auto& an = f.ws.analytics();
  const float s = f.scale;
  const std::string label =
      an.talk_running() ? "Talk " + std::to_string(static_cast<int>(an.talk_fraction() * 100)) + "%" : "Talk";
  dl->AddText(ImVec2(label_x, y0 + (h - ImGui::GetTextLineHeight()) / 2), colours::kMuted, label.c_str());
  dl->AddRectFilled(ImVec2(track_x0_, y0), ImVec2(track_x1_, y0 + h), colours::kSilence, 2 * s);
  if (!an.talk()) return {};
  const TalkAnalysis& t = *an.talk();
  const TimeUs view_end = view_start_ + view_span_;
  dl->PushClipRect(ImVec2(track_x0_, y0), ImVec2(track_x1_, y0 + h), true);
  // Teacher and pupil runs (silence is the lane itself); only those in view, at least a
  // pixel wide so a short answer on a long lesson still shows.
  auto first = std::lower_bound(t.spans.begin(), t.spans.end(), view_start_,
                                [](const TalkSpan& sp, TimeUs v) { return sp.end_us < v; });
  for (auto it = first; it != t.spans.end() && it->start_us <= view_end; ++it) {
    const float x0 = x_of(it->start_us), x1 = std::max(x0 + 1.0f, x_of(it->end_us));
    dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y0 + h),
                      it->who == Speaker::Teacher ? colours::kTeacherTalk : colours::kPupilTalk);
  }
  // Wait time after each question: a bar through the silence, green over 3 s, with its
  // length when there is room; a tick on top marks every question moment.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  std::string tip;
  for (const WaitTime& w : t.wait_times) {
    if (w.to_us < view_start_ || w.from_us > view_end) continue;
    const float x0 = x_of(w.from_us), x1 = std::max(x0 + 2.0f, x_of(w.to_us));
    const bool long_wait = w.wait_us() > colours::kLongWaitUs;
    dl->AddRectFilled(ImVec2(x0, y0 + h * 0.25f), ImVec2(x1, y0 + h * 0.75f),
                      long_wait ? colours::kLongWait : colours::kShortWait, 2 * s);
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", to_seconds(w.wait_us()));
    const ImVec2 ts = ImGui::CalcTextSize(text);
    if (x1 - x0 > ts.x + 24 * s)  // only where the bar stays visible on both sides
      dl->AddText(ImVec2((x0 + x1 - ts.x) / 2, y0 + (h - ts.y) / 2), IM_COL32(20, 24, 28, 255), text);
    if (mouse.x >= x0 && mouse.x <= x1 && mouse.y >= y0 && mouse.y <= y0 + h)
      tip = "Wait time " + std::string(text) + " after the question at " + format_time_short(w.at_us);
  }
  for (TimeUs q : an.questions()) {
    if (q < view_start_ || q > view_end) continue;
    const float x = x_of(q);
    dl->AddTriangleFilled(ImVec2(x - 4 * s, y0), ImVec2(x + 4 * s, y0), ImVec2(x, y0 + 6 * s), colours::kText);
  }
  dl->PopClipRect();
  if (tip.empty() && mouse.y >= y0 && mouse.y <= y0 + h && mouse.x >= track_x0_ && mouse.x <= track_x1_) {
    const double frac = (mouse.x - track_x0_) / (track_x1_ - track_x0_);
    const TimeUs at = view_start_ + static_cast<TimeUs>(frac * static_cast<double>(view_span_));
    const std::size_t i = static_cast<std::size_t>(std::max<TimeUs>(0, at) / std::max<TimeUs>(1, t.frame_us));
    const Speaker who = i < t.frame_speaker.size() ? t.frame_speaker[i] : Speaker::Silence;
    tip = std::string(who == Speaker::Teacher ? "Teacher talk" : who == Speaker::Pupil ? "Pupil talk" : "Silence") +
          " at " + format_time_short(at);
  }
  return tip;
}

void TimelinePanel::draw(UiFrame& f, ImVec2 pos, ImVec2 size) {
  auto& ws = f.ws;
  if (begin_panel("##timeline", pos, size, ImGuiWindowFlags_NoScrollWithMouse)) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float s = f.scale;
    const float label_w = 120 * s;
    const TimeUs dur = ws.media_info() ? ws.media_info()->duration_us : 0;
    const auto& tv = ws.timeline();
    view_span_ = (tv.span_us > 0 && tv.span_us < dur) ? tv.span_us : std::max<TimeUs>(dur, 1);
    view_start_ = std::clamp<TimeUs>(tv.start_us, 0, std::max<TimeUs>(0, dur - view_span_));
    if (view_span_ >= dur) view_start_ = 0;

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    track_x0_ = origin.x + label_w;
    track_x1_ = origin.x + width - 4 * s;
    const float ruler_h = 18 * s, thumb_h = 46 * s, wave_h = 34 * s;
    lane_h_ = 24 * s;
    const float y_ruler = origin.y, y_thumb = y_ruler + ruler_h, y_wave = y_thumb + thumb_h + 3 * s;
    lanes_y0_ = y_wave + wave_h + 4 * s;
    // With more than one recording: a thin row each (the clock first), its extent on the
    // session clock (app/recording_extents.hpp works out where each bar goes).
    const auto& recs = ws.recordings();
    const float ext_h = ImGui::GetTextLineHeight() + 2 * s, y_ext = lanes_y0_;
    const std::size_t ext_rows = recs.size() > 1 ? recs.size() : 0;
    if (ext_rows > 0) lanes_y0_ += static_cast<float>(ext_rows) * (ext_h + 2 * s) + 2 * s;
    // The talk lane sits under the waveform once the talk analysis runs or has run.
    const auto& an = ws.analytics();
    const bool talk_lane = an.talk() || an.talk_running();
    const float y_talk = lanes_y0_, talk_h = 22 * s;
    if (talk_lane) lanes_y0_ += talk_h + 4 * s;
    talk_y0_ = talk_lane ? y_talk : -1;
    talk_h_ = talk_lane ? talk_h : 0;
    const float bottom = pos.y + size.y - 6 * s;

    // Ruler ticks: a step that gives ~100 px between labels.
    if (dur > 0) {
      static constexpr TimeUs kSteps[] = {1'000'000, 2'000'000, 5'000'000, 10'000'000, 30'000'000, 60'000'000,
                                          120'000'000, 300'000'000, 600'000'000, 1'800'000'000};
      const double px_per_us = (track_x1_ - track_x0_) / static_cast<double>(view_span_);
      TimeUs step = kSteps[std::size(kSteps) - 1];
      for (TimeUs st : kSteps)
        if (st * px_per_us >= 90 * s) {
          step = st;
          break;
        }
      for (TimeUs t = (view_start_ / step) * step; t <= view_start_ + view_span_; t += step) {
        if (t < view_start_) continue;
        const float x = x_of(t);
        dl->AddLine(ImVec2(x, y_ruler + ruler_h - 6 * s), ImVec2(x, y_ruler + ruler_h), colours::kMuted);
        std::string label = format_time_short(t);
        dl->AddText(ImVec2(x + 3 * s, y_ruler), colours::kMuted, label.c_str());
      }
    }

    // Thumbnail strip and waveform backgrounds.
    dl->AddRectFilled(ImVec2(track_x0_, y_thumb), ImVec2(track_x1_, y_thumb + thumb_h), colours::kLaneBg, 3 * s);
    dl->AddRectFilled(ImVec2(track_x0_, y_wave), ImVec2(track_x1_, y_wave + wave_h), colours::kLaneBg, 3 * s);
    // While the overview is computed its progress ("Pictures 40%") stands in for the row's
    // label, so nothing is drawn over the pictures themselves.
    const std::string& busy = f.overview_progress;
    auto row_label = [&](const char* name) {
      return busy.rfind(name, 0) == 0 ? busy : std::string(name);
    };
    const std::string pictures_label = row_label("Pictures"), sound_label = row_label("Sound");
    dl->AddText(ImVec2(origin.x, y_thumb + (thumb_h - ImGui::GetTextLineHeight()) / 2), colours::kMuted,
                pictures_label.c_str());
    dl->AddText(ImVec2(origin.x, y_wave + (wave_h - ImGui::GetTextLineHeight()) / 2), colours::kMuted,
                sound_label.c_str());
    const TimelineImages* img = f.timeline_images;
    if (img && dur > 0) {
      dl->PushClipRect(ImVec2(track_x0_, y_thumb), ImVec2(track_x1_, y_wave + wave_h), true);
      // Each thumbnail covers its slice; they tile the strip at the current zoom.
      const float tw = thumb_h * (img->thumbs.empty() ? 16.0f / 9.0f : img->thumbs.front().aspect);
      for (float x = track_x0_; x < track_x1_; x += tw) {
        const TimeUs t = view_start_ + static_cast<TimeUs>((x + tw / 2 - track_x0_) / (track_x1_ - track_x0_) *
                                                           static_cast<double>(view_span_));
        const TimelineThumb* best = img->picture_near(t);
        if (best) dl->AddImage(best->texture, ImVec2(x, y_thumb), ImVec2(x + tw - 1, y_thumb + thumb_h), ImVec2(0, 1),
                               ImVec2(1, 0));
      }
      draw_wave(dl, img->wave, track_x0_, track_x1_, track_x0_, track_x1_, y_wave + wave_h / 2, wave_h, view_start_,
                view_span_, colours::kWave, [](TimeUs t) { return t; });
      dl->PopClipRect();
    }

    std::string extent_tip;
    if (dur > 0 && ext_rows > 0) {
      const ImVec2 m = ImGui::GetIO().MousePos;
      for (const auto& bar : app::recording_extents(recs, view_start_, view_span_, track_x0_, track_x1_)) {
        const Recording& r = recs[bar.index];
        const float y0 = y_ext + static_cast<float>(bar.index) * (ext_h + 2 * s);
        dl->AddRectFilled(ImVec2(track_x0_, y0), ImVec2(track_x1_, y0 + ext_h), colours::kLaneBg, 2 * s);
        // The clock in grey (the others are placed on it), cameras and microphones apart.
        const ImU32 colour = bar.index == 0 ? colours::kClockBar
                             : r.role == RecordingRole::Camera ? colours::kAccent
                                                                : colours::kMicrophoneBar;
        if (bar.shown) dl->AddRectFilled(ImVec2(bar.x0, y0 + 3 * s), ImVec2(bar.x1, y0 + ext_h - 3 * s), colour, 2 * s);
        // Its own sound over its bar, placed by its offset and drift, so a recording that
        // lines up with the clock can be seen to (the clock's is the Sound lane above).
        const TimelineWave* own = nullptr;
        if (img && bar.index > 0)
          if (auto w = img->recording_waves.find(r.id); w != img->recording_waves.end()) own = &w->second;
        if (own && bar.shown)
          // Inside the bar with its top and bottom edges left clear, so its extent still reads.
          draw_wave(dl, *own, bar.x0, bar.x1, track_x0_, track_x1_, y0 + ext_h / 2, ext_h - 10 * s, view_start_,
                    view_span_, colours::kRecordingWave, [&r](TimeUs t) { return recording_time_at(r, t); });
        std::string name = ws.recording_title(r);
        if (img && img->recording_wave_busy == r.id && !img->recording_wave_progress.empty())
          name += " " + img->recording_wave_progress;  // its sound still being read
        dl->PushClipRect(ImVec2(origin.x, y0), ImVec2(track_x0_ - 4 * s, y0 + ext_h), true);
        dl->AddText(ImVec2(origin.x, y0 + 1 * s), colours::kMuted, name.c_str());
        dl->PopClipRect();
        if (m.y >= y0 && m.y < y0 + ext_h && m.x >= origin.x && m.x <= track_x1_)
          extent_tip = name + ": " + format_time(bar.start_us) + " to " + format_time(bar.end_us) + " of the session";
      }
    }

    const std::string talk_tip = talk_lane ? draw_talk_lane(f, dl, origin.x, y_talk, talk_h) : std::string();

    // Lanes: one per author, in order of first comment. Work stays flat however many
    // comments a session holds: one pass over the (cached) visible list, only the
    // comments inside the view, and at most one point marker per pixel column per lane.
    std::vector<RowId> authors;
    const auto& all_visible = ws.visible_comments();
    for (const Comment* c : all_visible)
      if (!c->parent_uuid && std::find(authors.begin(), authors.end(), c->author_id) == authors.end())
        authors.push_back(c->author_id);
    if (ws.reviewer() && std::find(authors.begin(), authors.end(), ws.reviewer()->id) == authors.end())
      authors.insert(authors.begin(), ws.reviewer()->id);
    const Comment* hovered = nullptr;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    dl->PushClipRect(ImVec2(origin.x, lanes_y0_), ImVec2(track_x1_ + 2, bottom), true);
    for (std::size_t lane = 0; lane < authors.size(); ++lane) {
      const float y0 = lanes_y0_ + static_cast<float>(lane) * lane_h_;
      dl->AddRectFilled(ImVec2(track_x0_, y0), ImVec2(track_x1_, y0 + lane_h_ - 2 * s),
                        lane % 2 ? colours::kLaneAlt : colours::kLaneBg, 2 * s);
      std::string name = ws.person_name(authors[lane]);
      dl->AddText(ImVec2(origin.x, y0 + (lane_h_ - ImGui::GetTextLineHeight()) / 2), colours::kText, name.c_str());
    }
    // Lesson Study: one lane per case pupil under the reviewers' lanes, holding the comments
    // tagged with that pupil, with the lesson's phases marked across them.
    const auto& pupils = ws.session_info().pupils;
    const std::size_t pupil_lane0 = authors.size();
    for (std::size_t k = 0; k < pupils.size(); ++k) {
      const float y0 = lanes_y0_ + static_cast<float>(pupil_lane0 + k) * lane_h_;
      dl->AddRectFilled(ImVec2(track_x0_, y0), ImVec2(track_x1_, y0 + lane_h_ - 2 * s), colours::kPupilLane, 2 * s);
      dl->AddText(ImVec2(origin.x, y0 + (lane_h_ - ImGui::GetTextLineHeight()) / 2), colours::kPupilTalk,
                  pupils[k].c_str());
    }
    if (!pupils.empty()) {
      const float y0 = lanes_y0_ + static_cast<float>(pupil_lane0) * lane_h_;
      const float y1 = y0 + static_cast<float>(pupils.size()) * lane_h_ - 2 * s;
      for (const auto& ph : ws.lesson_study().lesson_case.phases) {
        if (ph.start_us < view_start_ || ph.start_us > view_start_ + view_span_) continue;
        const float x = x_of(ph.start_us);
        dl->AddLine(ImVec2(x, y0), ImVec2(x, y1), colours::kMuted, 1.0f * s);
        dl->AddText(ImVec2(x + 3 * s, y0), colours::kMuted, ph.name.c_str());
      }
    }
    auto pupil_lane_of = [&](const Comment& c) -> std::optional<std::size_t> {
      if (c.pupil.empty()) return std::nullopt;
      auto it = std::find(pupils.begin(), pupils.end(), c.pupil);
      if (it == pupils.end()) return std::nullopt;
      return pupil_lane0 + static_cast<std::size_t>(it - pupils.begin());
    };
    // One MarkerRuns per lane (reviewers' lanes, then pupils'): only what shows is drawn, so
    // the frame's work stays flat however densely a lesson is coded (app/marker_runs.hpp).
    std::vector<app::MarkerRuns> runs(authors.size() + pupils.size(), app::MarkerRuns(s));
    const Comment* selected_comment = nullptr;
    const TimeUs view_end = view_start_ + view_span_;
    for (const Comment* c : all_visible) {  // in time order
      if (c->parent_uuid) continue;
      if (c->start_us > view_end) break;
      if (c->start_us < view_start_ && (!c->end_us || *c->end_us < view_start_)) continue;
      const std::size_t lane = static_cast<std::size_t>(
          std::find(authors.begin(), authors.end(), c->author_id) - authors.begin());
      const float cy = lane_y(lane) - 1 * s;
      const float x = x_of(c->start_us);
      if (ws.selected_comment() == c->id) selected_comment = c;  // drawn last, over the others
      const auto pl = pupil_lane_of(*c);
      const bool on_pupil_lane = pl && runs[*pl].shows(x);
      const bool on_lane = runs[lane].shows(x);
      if (!c->end_us && !on_pupil_lane && !on_lane) continue;  // hidden under the ones kept there
      const ImU32 colour = comment_colour(ws, *c);  // a tag lookup: only for what is drawn
      if (c->end_us) {
        const float x2 = std::max(x + 4 * s, x_of(*c->end_us));
        dl->AddRectFilled(ImVec2(x, cy - 4 * s), ImVec2(x2, cy + 4 * s), colour, 3 * s);
        if (mouse.x >= x && mouse.x <= x2 && std::fabs(mouse.y - cy) < lane_h_ / 2) hovered = c;
      }
      if (on_pupil_lane) {
        const float py = lane_y(*pl) - 1 * s;
        runs[*pl].add(x, colour);
        if (std::fabs(mouse.x - x) < 6 * s && std::fabs(mouse.y - py) < 8 * s) hovered = c;
      }
      if (!on_lane) continue;
      runs[lane].add(x, colour);
      if (std::fabs(mouse.x - x) < 6 * s && std::fabs(mouse.y - cy) < 8 * s) hovered = c;
    }
    for (std::size_t lane = 0; lane < runs.size(); ++lane) {
      const float y = lane_y(lane) - 1 * s, r = runs[lane].radius();
      for (const auto& m : runs[lane].shapes()) {
        if (m.kind == app::MarkerShape::Kind::Disc) dl->AddCircleFilled(ImVec2(m.x0, y), r, m.colour, 12);
        else dl->AddRectFilled(ImVec2(m.x0, y - r), ImVec2(m.x1, y + r), m.colour);
      }
    }
    if (selected_comment) {  // drawn last, over its neighbours
      const std::size_t lane = static_cast<std::size_t>(
          std::find(authors.begin(), authors.end(), selected_comment->author_id) - authors.begin());
      const float cy = lane_y(lane) - 1 * s, x = x_of(selected_comment->start_us);
      dl->AddCircleFilled(ImVec2(x, cy), 7.0f * s, comment_colour(ws, *selected_comment), 16);
      dl->AddCircle(ImVec2(x, cy), 8.5f * s, colours::kText, 0, 1.5f * s);
    }
    dl->PopClipRect();

    // Loop range and the playhead across everything.
    if (ws.loop_a() && ws.loop_b()) {
      dl->AddRectFilled(ImVec2(x_of(*ws.loop_a()), y_ruler), ImVec2(x_of(*ws.loop_b()), bottom), colours::kLoop);
    }
    if (ws.interval_in()) {
      const float x = x_of(*ws.interval_in());
      dl->AddLine(ImVec2(x, y_ruler), ImVec2(x, bottom), colours::kAccent, 1.5f * s);
    }
    if (dur > 0) {
      const float px = x_of(ws.position());
      if (px >= track_x0_ - 1 && px <= track_x1_ + 1) {
        dl->AddLine(ImVec2(px, y_ruler), ImVec2(px, bottom), colours::kPlayhead, 2.0f * s);
        dl->AddTriangleFilled(ImVec2(px - 6 * s, y_ruler), ImVec2(px + 6 * s, y_ruler), ImVec2(px, y_ruler + 8 * s),
                              colours::kPlayhead);
      }
    }

    // Interaction over the whole track area.
    ImGui::SetCursorScreenPos(ImVec2(track_x0_, y_ruler));
    ImGui::InvisibleButton("##track", ImVec2(std::max(1.0f, track_x1_ - track_x0_), std::max(1.0f, bottom - y_ruler)),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    auto time_at = [&](float x) {
      const double frac = std::clamp((x - track_x0_) / (track_x1_ - track_x0_), 0.0f, 1.0f);
      return view_start_ + static_cast<TimeUs>(frac * static_cast<double>(view_span_));
    };
    if (dur > 0) {
      auto picture_near = [&](TimeUs t) { return img ? img->picture_near(t) : nullptr; };
      auto preview = [&](const TimelineThumb* th) {
        if (!th) return;
        const float w = 200 * s;
        ImGui::Image(th->texture, ImVec2(w, w / th->aspect), ImVec2(0, 1), ImVec2(1, 0));
      };
      if (hovered) {
        ImGui::BeginTooltip();
        ImGui::TextColored(ImColor(colours::kMuted), "%s  %s", format_time(hovered->start_us).c_str(),
                           ws.person_name(hovered->author_id).c_str());
        preview(picture_near(hovered->start_us));
        ImGui::PushTextWrapPos(360 * s);
        ImGui::TextUnformatted(hovered->text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
      } else if (ImGui::IsItemHovered() && !ImGui::IsItemActive() && !talk_tip.empty()) {
        ImGui::SetTooltip("%s", talk_tip.c_str());
      } else if (ImGui::IsItemHovered() && !ImGui::IsItemActive() && !extent_tip.empty()) {
        ImGui::SetTooltip("%s", extent_tip.c_str());
      } else if (ImGui::IsItemHovered() && !ImGui::IsItemActive() && mouse.y < y_wave + wave_h) {
        // Over the ruler, strip or waveform: where a click would land.
        const TimeUs t = time_at(mouse.x);
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(format_time(t).c_str());
        preview(picture_near(t));
        ImGui::EndTooltip();
      }
      if (ImGui::IsItemClicked(ImGuiMouseButton_Left) && hovered) {
        f.run("jump " + std::to_string(hovered->id));
      } else if (ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left) && !hovered) {
        const TimeUs t = time_at(mouse.x);
        if (t != last_seek_sent_) {
          f.run("scrub " + format_seconds(t));
          last_seek_sent_ = t;
        }
      }
      // Release: one exact seek where the pointer stopped.
      if (ImGui::IsItemDeactivated() && last_seek_sent_ >= 0) f.run("scrub-end " + format_seconds(last_seek_sent_));
      if (!ImGui::IsItemActive()) last_seek_sent_ = -1;
      // Pan: right-drag or Shift+wheel. Zoom: wheel around the pointer. Both become a `view`
      // command (the workstation clamps it and follows the playhead while playing).
      const auto view = [&](TimeUs start, TimeUs span) {
        f.run("view " + format_seconds(start) + " " + (span >= dur ? std::string("all") : format_seconds(span)));
      };
      const float wheel = ImGui::GetIO().MouseWheel;
      if (ImGui::IsItemHovered() && wheel != 0) {
        if (ImGui::GetIO().KeyShift) {
          view(view_start_ - static_cast<TimeUs>(wheel * 0.1 * view_span_), view_span_);
        } else {
          const TimeUs anchor = time_at(mouse.x);
          const double factor = wheel > 0 ? 0.8 : 1.25;
          const TimeUs span = std::clamp<TimeUs>(static_cast<TimeUs>(view_span_ * factor), seconds_us(5), dur);
          const double frac = (mouse.x - track_x0_) / (track_x1_ - track_x0_);
          view(std::max<TimeUs>(0, anchor - static_cast<TimeUs>(frac * span)), span);
        }
      }
      if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Right)) {
        const float dx = ImGui::GetIO().MouseDelta.x;
        const TimeUs delta = static_cast<TimeUs>(dx / (track_x1_ - track_x0_) * view_span_);
        if (delta != 0) view(std::max<TimeUs>(0, view_start_ - delta), view_span_);
      }
    }
  }
  ImGui::End();
}

}  // namespace triad::ui
