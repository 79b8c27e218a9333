#include "app/clip_plan.hpp"

#include <algorithm>

#include "core/recording_clock.hpp"
#include "exchange/export_view.hpp"

namespace triad::app {

Result<ClipPlan> plan_clip(store::Library& lib, const ClipRequest& r) {
  if (r.pre_us < 0 || r.post_us < 0 || r.pre_us > kMaxClipRollUs || r.post_us > kMaxClipRollUs)
    return make_error("Pre- and post-roll take 0 to 600 seconds.");
  auto view = exchange::export_view(lib, {r.session_id, r.exporter_id, exchange::Audience::Triad, false});
  if (!view) return view.error();
  auto recs = lib.recordings_for_session(r.session_id);
  if (!recs) return recs.error();
  if (recs->empty()) return make_error("Session '" + view->session.title + "' has no recording to cut a clip from.");
  ClipPlan plan;
  const Recording* chosen = session_clock(*recs);
  if (r.recording_id) {
    auto it = std::find_if(recs->begin(), recs->end(), [&](const Recording& x) { return x.id == *r.recording_id; });
    if (it == recs->end())
      return make_error("Recording " + std::to_string(*r.recording_id) + " is not a recording of session '" +
                        view->session.title + "'.");
    chosen = &*it;
  }
  const Recording& source = *chosen;
  const bool is_clock = source.id == session_clock(*recs)->id;
  plan.recording_path = source.path;
  if (r.sound) {
    // "clock" names the session clock's sound, whichever camera gives the picture.
    auto beside = sound_beside(*recs, source, *r.sound);
    if (!beside) return beside.error();
    plan.sound = std::move(*beside);
  }
  const TimeUs duration = source.duration_us > 0 ? source.duration_us : (is_clock ? r.fallback_duration_us : 0);
  // Comments are in session time; the cut is in the chosen recording's own time.
  auto own = [&](TimeUs session_us) { return is_clock ? session_us : recording_time_at(source, session_us); };
  for (const auto& key : r.comments) {
    auto it = std::find_if(view->comments.begin(), view->comments.end(),
                           [&](const Comment& c) { return c.uuid == key || std::to_string(c.id) == key; });
    if (it == view->comments.end())
      return make_error("No comment '" + key + "' in session '" + view->session.title + "' that you can export.");
    exchange::ClipSegment seg;
    seg.start_us = std::max<TimeUs>(0, own(it->start_us - r.pre_us));
    seg.end_us = own(it->end_us.value_or(it->start_us) + r.post_us);
    if (duration > 0) seg.end_us = std::min(seg.end_us, duration);
    if (!is_clock && (seg.end_us <= 0 || (duration > 0 && seg.start_us >= duration)))
      return make_error("The camera '" + (source.label.empty() ? source.path : source.label) +
                        "' was not recording around comment '" + key + "'.");
    if (seg.end_us <= seg.start_us) seg.end_us = seg.start_us + kUsPerSecond;
    seg.text = it->text;
    plan.segments.push_back(std::move(seg));
  }
  return plan;
}

}  // namespace triad::app
