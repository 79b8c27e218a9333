#include "core/growth.hpp"

#include <algorithm>
#include <set>

namespace triad {

LessonGrowth lesson_growth(const Session& s, const std::vector<Comment>& comments, const std::vector<Action>& actions,
                           const TalkAnalysis* talk) {
  LessonGrowth g;
  g.session_id = s.id;
  g.title = s.title;
  g.date = s.date;
  g.focus = s.focus;
  g.position = s.cycle_position;
  for (const auto& c : comments) {
    if (c.deleted || c.parent_uuid) continue;
    for (const auto& t : c.tags) g.tag_counts[t] += 1;
  }
  g.questions = static_cast<int>(question_moments(comments).size());
  for (const auto& a : actions) {
    if (a.session_id != s.id) continue;
    g.actions_agreed += 1;
    if (a.done) g.actions_done += 1;
  }
  if (talk) {
    g.analysed = true;
    g.teacher_share = talk->teacher_share;
    g.pupil_share = talk->pupil_share;
    g.silence_share = talk->silence_share;
    std::vector<double> w;
    for (const auto& x : talk->wait_times) w.push_back(to_seconds(x.wait_us()));
    if (!w.empty()) {
      double sum = 0;
      for (double v : w) sum += v;
      g.wait_time_mean_s = sum / static_cast<double>(w.size());
      std::sort(w.begin(), w.end());
      const std::size_t m = w.size() / 2;
      g.wait_time_median_s = w.size() % 2 ? w[m] : (w[m - 1] + w[m]) / 2.0;
    }
  }
  return g;
}

void sort_cycle(std::vector<LessonGrowth>& rows, const std::vector<Session>& sessions) {
  auto find = [&](RowId id) -> const Session* {
    for (const auto& s : sessions)
      if (s.id == id) return &s;
    return nullptr;
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const LessonGrowth& a, const LessonGrowth& b) {
    const Session *sa = find(a.session_id), *sb = find(b.session_id);
    if (sa && sb) return cycle_order_less(*sa, *sb);
    return a.position < b.position;
  });
}

namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string num(std::optional<double> v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", *v);
  return buf;
}

}  // namespace

std::string growth_csv(const std::vector<LessonGrowth>& rows) {
  std::set<std::string> tags;
  for (const auto& r : rows)
    for (const auto& [t, n] : r.tag_counts) tags.insert(t);
  std::string out =
      "session_id,position,date,title,focus,teacher_share,pupil_share,silence_share,wait_time_mean_s,"
      "wait_time_median_s,questions,actions_agreed,actions_done";
  for (const auto& t : tags) out += "," + csv_field("tag:" + t);
  out += "\r\n";
  for (const auto& r : rows) {
    auto share = [&](double v) { return r.analysed ? num(v) : std::string(); };
    out += std::to_string(r.session_id) + "," + std::to_string(r.position) + "," + csv_field(r.date) + "," +
           csv_field(r.title) + "," + csv_field(r.focus) + "," + share(r.teacher_share) + "," + share(r.pupil_share) +
           "," + share(r.silence_share) + "," + num(r.wait_time_mean_s) + "," + num(r.wait_time_median_s) + "," +
           std::to_string(r.questions) + "," + std::to_string(r.actions_agreed) + "," + std::to_string(r.actions_done);
    for (const auto& t : tags) {
      auto it = r.tag_counts.find(t);
      out += "," + std::to_string(it == r.tag_counts.end() ? 0 : it->second);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace triad
