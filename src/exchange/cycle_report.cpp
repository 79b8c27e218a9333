#include "exchange/cycle_report.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "exchange/report.hpp"

namespace triad::exchange {

namespace {

std::string fmt(double v, int digits = 1) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string label_of(const LessonGrowth& r) {
  return "Lesson " + std::to_string(r.position > 0 ? r.position : 0) + (r.date.empty() ? "" : " (" + r.date + ")");
}

constexpr const char* kTeacher = "#4E79A7";
constexpr const char* kPupil = "#F28E2B";
constexpr const char* kSilence = "#BAB0AC";

}  // namespace

std::string talk_share_svg(const std::vector<LessonGrowth>& rows) {
  const int bar_h = 26, gap = 14, left = 170, width = 420;
  const int h = static_cast<int>(rows.size()) * (bar_h + gap) + 40;
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(left + width + 20) +
                  "\" height=\"" + std::to_string(h) + "\" role=\"img\" aria-label=\"Talk shares per lesson\">";
  int y = 10;
  for (const auto& r : rows) {
    s += "<text x=\"0\" y=\"" + std::to_string(y + 18) + "\" font-size=\"13\">" + html_escape(label_of(r)) + "</text>";
    if (!r.analysed) {
      s += "<text x=\"" + std::to_string(left) + "\" y=\"" + std::to_string(y + 18) +
           "\" font-size=\"12\" fill=\"#666\">not analysed</text>";
    } else {
      double x = left;
      for (auto [share, colour, name] : {std::tuple{r.teacher_share, kTeacher, "teacher"},
                                         std::tuple{r.pupil_share, kPupil, "pupils"},
                                         std::tuple{r.silence_share, kSilence, "silence"}}) {
        const double w = std::max(0.0, share) * width;
        s += "<rect x=\"" + fmt(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" + fmt(w) + "\" height=\"" +
             std::to_string(bar_h) + "\" fill=\"" + colour + "\"><title>" + name + " " + fmt(share * 100, 0) +
             "%</title></rect>";
        if (w > 34)
          s += "<text x=\"" + fmt(x + 4) + "\" y=\"" + std::to_string(y + 18) + "\" font-size=\"12\" fill=\"#fff\">" +
               fmt(share * 100, 0) + "%</text>";
        x += w;
      }
    }
    y += bar_h + gap;
  }
  s += "<rect x=\"" + std::to_string(left) + "\" y=\"" + std::to_string(y) + "\" width=\"12\" height=\"12\" fill=\"" +
       kTeacher + "\"/><text x=\"" + std::to_string(left + 16) + "\" y=\"" + std::to_string(y + 11) +
       "\" font-size=\"12\">teacher</text>";
  s += "<rect x=\"" + std::to_string(left + 90) + "\" y=\"" + std::to_string(y) + "\" width=\"12\" height=\"12\" fill=\"" +
       kPupil + "\"/><text x=\"" + std::to_string(left + 106) + "\" y=\"" + std::to_string(y + 11) +
       "\" font-size=\"12\">pupils</text>";
  s += "<rect x=\"" + std::to_string(left + 170) + "\" y=\"" + std::to_string(y) + "\" width=\"12\" height=\"12\" fill=\"" +
       kSilence + "\"/><text x=\"" + std::to_string(left + 186) + "\" y=\"" + std::to_string(y + 11) +
       "\" font-size=\"12\">silence</text>";
  return s + "</svg>";
}

std::string wait_time_svg(const std::vector<LessonGrowth>& rows) {
  const int bar_w = 60, gap = 50, top = 20, plot_h = 200, left = 40;
  double max_s = 5;
  for (const auto& r : rows) max_s = std::max(max_s, r.wait_time_mean_s.value_or(0) * 1.15);
  const int w = left + static_cast<int>(rows.size()) * (bar_w + gap) + 20;
  auto y_of = [&](double s) { return top + plot_h - s / max_s * plot_h; };
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(w) + "\" height=\"" +
                  std::to_string(top + plot_h + 50) + "\" role=\"img\" aria-label=\"Wait time per lesson\">";
  for (int t = 0; t <= static_cast<int>(max_s); ++t)
    s += "<text x=\"0\" y=\"" + fmt(y_of(t) + 4) + "\" font-size=\"11\" fill=\"#666\">" + std::to_string(t) + " s</text>";
  s += "<line x1=\"" + std::to_string(left) + "\" x2=\"" + std::to_string(w) + "\" y1=\"" + fmt(y_of(3)) + "\" y2=\"" +
       fmt(y_of(3)) + "\" stroke=\"#59A14F\" stroke-dasharray=\"4 3\"><title>3 seconds</title></line>";
  int x = left + gap / 2;
  for (const auto& r : rows) {
    if (r.wait_time_mean_s) {
      const double m = *r.wait_time_mean_s;
      s += "<rect x=\"" + std::to_string(x) + "\" y=\"" + fmt(y_of(m)) + "\" width=\"" + std::to_string(bar_w) +
           "\" height=\"" + fmt(top + plot_h - y_of(m)) + "\" fill=\"" + kTeacher + "\"><title>mean " + fmt(m) +
           " s</title></rect>";
      s += "<text x=\"" + std::to_string(x + 8) + "\" y=\"" + fmt(y_of(m) - 4) + "\" font-size=\"12\">" + fmt(m) +
           " s</text>";
      if (r.wait_time_median_s)
        s += "<line x1=\"" + std::to_string(x - 4) + "\" x2=\"" + std::to_string(x + bar_w + 4) + "\" y1=\"" +
             fmt(y_of(*r.wait_time_median_s)) + "\" y2=\"" + fmt(y_of(*r.wait_time_median_s)) +
             "\" stroke=\"#E15759\" stroke-width=\"3\"><title>median " + fmt(*r.wait_time_median_s) + " s</title></line>";
    } else {
      s += "<text x=\"" + std::to_string(x) + "\" y=\"" + fmt(y_of(0) - 6) + "\" font-size=\"11\" fill=\"#666\">none</text>";
    }
    s += "<text x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(top + plot_h + 18) + "\" font-size=\"12\">" +
         html_escape("Lesson " + std::to_string(r.position)) + "</text>";
    x += bar_w + gap;
  }
  return s + "</svg>";
}

std::string cycle_report_html(const std::string& cycle, const std::vector<LessonGrowth>& rows) {
  std::set<std::string> tags;
  for (const auto& r : rows)
    for (const auto& [t, n] : r.tag_counts) tags.insert(t);
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>Cycle " + html_escape(cycle) + "</title><style>"
      "body{font-family:sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}"
      "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}"
      "th:first-child,td:first-child{text-align:left}svg{max-width:100%;height:auto}"
      "</style></head><body>\n<h1>Growth across the cycle " + html_escape(cycle) + "</h1>\n";
  h += "<p>" + std::to_string(rows.size()) + " lesson" + (rows.size() == 1 ? "" : "s") +
       " side by side. Wait time is the silence after each moment marked as a question before the next voice.</p>\n";
  h += "<h2>Who talked</h2>\n" + talk_share_svg(rows) + "\n<h2>Wait time after questions</h2>\n" + wait_time_svg(rows) +
       "\n<p>Bars: mean; red tick: median; dashed line: 3 seconds.</p>\n";
  h += "<h2>Lessons</h2>\n<table><thead><tr><th>Lesson</th><th>Focus</th><th>Teacher talk</th><th>Pupil talk</th>"
       "<th>Silence</th><th>Mean wait</th><th>Median wait</th><th>Questions</th><th>Actions agreed</th><th>Actions done</th>";
  for (const auto& t : tags) h += "<th>" + html_escape(t) + "</th>";
  h += "</tr></thead><tbody>\n";
  auto pct = [](const LessonGrowth& r, double v) { return r.analysed ? fmt(v * 100, 0) + "%" : std::string("–"); };
  auto secs = [](const std::optional<double>& v) { return v ? fmt(*v) + " s" : std::string("–"); };
  for (const auto& r : rows) {
    h += "<tr><td>" + html_escape(label_of(r) + (r.title.empty() ? "" : ": " + r.title)) + "</td><td>" +
         html_escape(r.focus) + "</td><td>" + pct(r, r.teacher_share) + "</td><td>" + pct(r, r.pupil_share) + "</td><td>" +
         pct(r, r.silence_share) + "</td><td>" + secs(r.wait_time_mean_s) + "</td><td>" + secs(r.wait_time_median_s) +
         "</td><td>" + std::to_string(r.questions) + "</td><td>" + std::to_string(r.actions_agreed) + "</td><td>" +
         std::to_string(r.actions_done) + "</td>";
    for (const auto& t : tags) {
      auto it = r.tag_counts.find(t);
      h += "<td>" + std::to_string(it == r.tag_counts.end() ? 0 : it->second) + "</td>";
    }
    h += "</tr>\n";
  }
  h += "</tbody></table>\n";
  for (const auto& r : rows)
    if (!r.note.empty()) h += "<p>" + html_escape(label_of(r) + ": " + r.note) + "</p>\n";
  return h + "</body></html>\n";
}

}  // namespace triad::exchange
