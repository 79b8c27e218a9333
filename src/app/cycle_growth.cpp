#include "app/cycle_growth.hpp"

#include <algorithm>

#include "app/talk_analysis.hpp"
#include "store/workflow.hpp"

namespace triad::app {

using nlohmann::json;

Result<std::vector<LessonGrowth>> cycle_growth(store::Library& lib, const std::string& name, RowId viewer_id,
                                               const GrowthOptions& o) {
  auto all = lib.list_sessions();
  if (!all) return all.error();
  std::vector<Session> sessions;
  for (const auto& s : *all)
    if (!s.cycle.empty() && s.cycle == name) sessions.push_back(s);
  if (sessions.empty()) return make_error("No session belongs to a cycle called \"" + name + "\".");
  std::sort(sessions.begin(), sessions.end(), cycle_order_less);

  std::vector<LessonGrowth> rows;
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    const Session& s = sessions[i];
    auto visible = store::list_visible_comments(lib, s.id, viewer_id);
    if (!visible) return visible.error();
    auto actions = store::list_actions(lib, s.id);
    if (!actions) return actions.error();
    std::optional<TalkAnalysis> talk;
    std::string note;
    auto sources = talk_sources(lib, s.id);
    if (!sources) {
      note = sources.error().message;
    } else if (auto cached = cached_talk_labels(lib, *sources)) {
      talk = summarise_talk(*cached, question_moments(*visible));
    } else if (o.analyse_missing) {
      TalkRunOptions ro;
      const double n = static_cast<double>(sessions.size());
      if (o.progress) ro.progress = [&, i, n](double f) { return o.progress((static_cast<double>(i) + f) / n); };
      auto run = analyse_session_talk(lib, s.id, viewer_id, ro);
      if (!run) return run.error();
      talk = run->analysis;
    } else {
      note = "Not analysed yet.";
    }
    auto row = lesson_growth(s, *visible, *actions, talk ? &*talk : nullptr);
    row.note = note;
    rows.push_back(std::move(row));
  }
  return rows;
}

json growth_json(const std::string& cycle, const std::vector<LessonGrowth>& rows) {
  json lessons = json::array();
  auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
  for (const auto& r : rows) {
    auto share = [&](double v) { return r.analysed ? json(v) : json(nullptr); };
    lessons.push_back({{"session_id", r.session_id},
                       {"title", r.title},
                       {"date", r.date},
                       {"position", r.position},
                       {"focus", r.focus},
                       {"teacher_share", share(r.teacher_share)},
                       {"pupil_share", share(r.pupil_share)},
                       {"silence_share", share(r.silence_share)},
                       {"wait_time_mean_s", opt(r.wait_time_mean_s)},
                       {"wait_time_median_s", opt(r.wait_time_median_s)},
                       {"questions", r.questions},
                       {"tag_counts", r.tag_counts},
                       {"actions", {{"agreed", r.actions_agreed}, {"done", r.actions_done}}},
                       {"note", r.note}});
  }
  return {{"cycle", cycle}, {"lessons", lessons}};
}

}  // namespace triad::app
