// Lesson Study from the window and scripts (the same use cases as `triad pupil|phase|prediction`,
// app/lesson_study.hpp):
//   lesson-study [on|off]                           the Lesson Study panel (toggles without an argument)
//   case-pupil add CODE [--description D] | case-pupil remove CODE
//   lesson-phase add NAME --at TIME | lesson-phase remove NAME
//   predict PUPIL PHASE "text"                      your prediction, before your first comment
//   compose-pupil CODE|none                         the composer's pupil picker
#include "app/lesson_study.hpp"
#include "app/workstation.hpp"
#include "base/wall_clock.hpp"

namespace triad::app {

Status Workstation::reload_lesson_study() {
  if (!session_) {
    lesson_study_ = LessonStudyView{};
    return ok_status();
  }
  auto v = load_lesson_study_view(lib_, session_->id, reviewer_ ? reviewer_->id : 0, comments_);
  if (!v) return v.error();
  lesson_study_ = std::move(*v);
  return ok_status();
}

Result<Outcome> Workstation::cmd_lesson_study(const Command& c) {
  const std::string what = c.args.empty() ? "" : c.args[0];
  if (c.name == "lesson-study") {
    if (!what.empty() && what != "on" && what != "off") return make_error("Usage: lesson-study [on|off].");
    view_.lesson_study = what.empty() ? !view_.lesson_study : what == "on";
    if (view_.lesson_study) {  // one window over the video at a time
      view_.session_panel = false;
      analytics_.close();
    }
    return done();
  }
  if (c.name == "compose-pupil") {
    if (!composer_.open) return make_error("There is no comment being written (C starts one).");
    if (what.empty()) return make_error("Usage: compose-pupil CODE|none.");
    if (what == "none") {
      composer_.pupil.clear();
      return done();
    }
    const auto& lanes = info_.pupils;
    if (std::find(lanes.begin(), lanes.end(), what) == lanes.end()) {
      std::string list;
      for (const auto& l : lanes) list += (list.empty() ? "" : ", ") + l;
      return make_error("'" + what + "' is not one of this session's case pupils" +
                        (list.empty() ? std::string(" (it has none)") : " (" + list + ")") + ".");
    }
    composer_.pupil = what;
    return done();
  }
  auto actor = reviewer_id();
  if (!actor) return actor.error();
  const std::int64_t now = now_ms();
  std::string message;
  if (c.name == "case-pupil") {
    if (c.args.size() != 2 || (what != "add" && what != "remove"))
      return make_error("Usage: case-pupil add CODE [--description \"what to watch for\"] | case-pupil remove CODE.");
    if (what == "add") {
      auto r = set_case_pupil(lib_, session_->id, {c.args[1], c.option("description").value_or("")}, *actor, now);
      if (!r) return r.error();
      message = c.args[1] + " is a case pupil.";
    } else {
      auto r = remove_case_pupil(lib_, session_->id, c.args[1], *actor, now);
      if (!r) return r.error();
      message = c.args[1] + " is no longer a case pupil.";
    }
  } else if (c.name == "lesson-phase") {
    if (c.args.size() != 2 || (what != "add" && what != "remove"))
      return make_error("Usage: lesson-phase add NAME --at TIME | lesson-phase remove NAME.");
    if (what == "add") {
      auto at = c.option("at");
      if (!at) return make_error("Say when the phase starts: lesson-phase add NAME --at TIME.");
      auto t = parse_time(*at);
      if (!t) return t.error();
      auto r = set_lesson_phase(lib_, session_->id, {c.args[1], *t}, *actor, now);
      if (!r) return r.error();
      message = "Phase '" + c.args[1] + "' starts at " + format_time(*t) + ".";
    } else {
      auto r = remove_lesson_phase(lib_, session_->id, c.args[1], *actor, now);
      if (!r) return r.error();
      message = "Phase '" + c.args[1] + "' removed.";
    }
  } else {  // predict
    if (c.args.size() < 3) return make_error("Usage: predict PUPIL PHASE \"what you expect them to do\".");
    std::string text = c.args[2];
    for (std::size_t i = 3; i < c.args.size(); ++i) text += " " + c.args[i];
    auto p = predict(lib_, session_->id, *actor, c.args[0], c.args[1], text, now);
    if (!p) return p.error();
    message = "Prediction for " + p->pupil + " in " + p->phase + " saved.";
  }
  if (auto st = reload_session_data(); !st) return st.error();
  return done(message);
}

}  // namespace triad::app
