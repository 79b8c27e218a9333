#include "exchange/report.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "core/agreement.hpp"
#include "core/lesson_study.hpp"
#include "core/protocol.hpp"
#include "core/recording_clock.hpp"
#include "core/roles.hpp"
#include "core/visibility.hpp"
#include "exchange/export_view.hpp"
#include "media/decoder.hpp"
#include "media/png_writer.hpp"
#include "store/lesson_study.hpp"
#include "store/workflow.hpp"

namespace triad::exchange {

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string base64_encode(const std::uint8_t* d, std::size_t n) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((n + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < n; i += 3) {
    std::uint32_t v = (std::uint32_t(d[i]) << 16) | (std::uint32_t(d[i + 1]) << 8) | d[i + 2];
    out += k[v >> 18];
    out += k[(v >> 12) & 63];
    out += k[(v >> 6) & 63];
    out += k[v & 63];
  }
  if (i < n) {
    std::uint32_t v = std::uint32_t(d[i]) << 16;
    if (i + 1 < n) v |= std::uint32_t(d[i + 1]) << 8;
    out += k[v >> 18];
    out += k[(v >> 12) & 63];
    out += i + 1 < n ? k[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

namespace {

// Text with line breaks kept (escaped first, then <br>).
std::string html_text(std::string_view s) {
  std::string e = html_escape(s), out;
  for (char c : e) {
    if (c == '\n') out += "<br>";
    else if (c != '\r') out += c;
  }
  return out;
}

// One colour per stem, stable: the palette index follows the protocol's stem order.
const char* stem_colour(std::size_t i) {
  static const char* palette[] = {"#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b83280", "#2c7a7b", "#975a16"};
  return palette[i % 7];
}

std::string duration_text(std::int64_t ms) {
  std::int64_t minutes = (ms + 30000) / 60000;
  if (minutes < 60) return std::to_string(minutes) + " min";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld h %02lld min", static_cast<long long>(minutes / 60),
                static_cast<long long>(minutes % 60));
  return buf;
}

// The timeline's tick spacing: the smallest round step (1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10,
// 15, 30 min, then hours) giving at most 10 intervals, so the labels read as distinct whole
// times (00:00, 05:00, 10:00) instead of tenths of an odd length (04:42, 09:24).
TimeUs tick_step(TimeUs duration) {
  static const int seconds[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};
  for (int s : seconds)
    if (duration <= 10 * s * kUsPerSecond) return s * kUsPerSecond;
  TimeUs hour = 3600 * kUsPerSecond;
  return (duration + 10 * hour - 1) / (10 * hour) * hour;
}

constexpr const char* kCss = R"CSS(
:root { --ink:#1a202c; --muted:#5a6473; --line:#e2e8f0; --paper:#fff; --wash:#f7f8fa; }
* { box-sizing: border-box; }
body { margin:0; background:var(--wash); color:var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 32px 28px 48px; background: var(--paper); }
header.report { border-bottom: 3px solid var(--ink); padding-bottom: 16px; margin-bottom: 24px; }
header.report .kicker { text-transform: uppercase; letter-spacing: .12em; font-size: 12px; color: var(--muted); }
h1 { font-size: 30px; line-height: 1.2; margin: 4px 0 8px; }
h2 { font-size: 19px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 22px 0 10px; display:flex; align-items:center; gap:10px; }
.meta { display:flex; flex-wrap:wrap; gap: 6px 22px; color: var(--muted); font-size: 14px; }
.meta b { color: var(--ink); font-weight: 600; }
.grid2 { display:grid; grid-template-columns: 1fr 1fr; gap: 24px; }
.card { background: var(--wash); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.card h4 { margin: 0 0 6px; font-size: 13px; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); }
.card ul { margin: 0; padding-left: 18px; }
.focus { font-size: 16px; }
.people li { list-style: none; margin-left: -18px; }
.role { color: var(--muted); font-size: 13px; }
.timeline { margin: 8px 0 4px; }
.timeline svg { width: 100%; height: auto; display:block; }
.legend { display:flex; flex-wrap:wrap; gap: 4px 16px; font-size: 13px; color: var(--muted); }
.swatch { display:inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; vertical-align: middle; }
.comment { display:grid; grid-template-columns: 240px 1fr; gap: 16px; padding: 14px 0; border-top: 1px solid var(--line);
  break-inside: avoid; page-break-inside: avoid; }
.thumb { position: relative; align-self: start; }
.thumb img { width: 240px; height: auto; border-radius: 6px; display:block; background:#000; }
.thumb .when { position:absolute; left:6px; bottom:6px; background: rgba(0,0,0,.72); color:#fff; font-size: 12px;
  padding: 1px 6px; border-radius: 4px; font-variant-numeric: tabular-nums; }
.comment.multi { grid-template-columns: auto 1fr; }
.thumbs { display:flex; gap: 8px; align-self: start; }
.thumbs.many .thumb img, .thumbs.many .nothumb { width: 160px; }
.nothumb { width: 240px; aspect-ratio: 16/9; border-radius: 6px; background: #edf0f4; color: var(--muted);
  display:flex; align-items:center; justify-content:center; text-align:center; font-size: 12px; padding: 8px; }
.byline { font-size: 13px; color: var(--muted); margin-bottom: 4px; }
.byline b { color: var(--ink); }
.text { font-size: 15px; white-space: normal; overflow-wrap: anywhere; }
.tags { margin-top: 6px; }
.tag { display:inline-block; font-size: 12px; border: 1px solid var(--line); background: var(--wash);
  border-radius: 999px; padding: 0 8px; margin: 0 4px 4px 0; }
.predicted td { vertical-align: top; } .prediction { margin-bottom: 4px; } .observed { margin-bottom: 4px; color: var(--ink, inherit); }
.pupil { display:inline-block; font-size: 12px; background:#fefcbf; border-radius: 4px; padding: 0 6px; margin-left: 6px; }
.reply { margin-top: 8px; padding: 6px 10px; border-left: 3px solid var(--line); font-size: 14px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
td, th { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .06em; }
.bar { height: 8px; background: #a3bffa; border-radius: 4px; }
.done { color: #2f855a; font-weight: 600; }
.open { color: #c05621; font-weight: 600; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 10px; }
@media screen and (max-width: 640px) {
  main { padding: 20px 16px 32px; }
  .grid2, .comment { grid-template-columns: 1fr; }
  .comment { gap: 8px; }
  .thumb img, .nothumb { width: 100%; max-width: 480px; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .comment { grid-template-columns: 190px 1fr; }
  .thumb img, .nothumb { width: 190px; }
  a { color: inherit; text-decoration: none; }
  @page { margin: 14mm 12mm; }
}
)CSS";

// One chosen camera of the report and the frames it gave (comment uuid -> data URI), or why not.
struct CameraFrames {
  Recording recording;
  std::string name;  // its label, else "Camera N"
  std::unique_ptr<media::VideoDecoder> decoder;
  std::string unavailable;  // why the recording cannot be read ("" when it can)
  std::map<std::string, std::string> thumbs;
  std::map<std::string, std::string> errors;  // comment uuid -> why it has no frame (a sentence)
};

// The cameras whose frames the report shows, in order (ReportOptions::cameras).
Result<std::vector<Recording>> report_cameras(const std::vector<Recording>& recs, const ReportOptions& opt) {
  std::vector<Recording> out;
  const Recording* clock = session_clock(recs);
  if (clock == nullptr) return out;
  if (opt.all_cameras) {
    out.push_back(*clock);
    for (const auto& r : recs)
      if (r.id != clock->id && r.role == RecordingRole::Camera) out.push_back(r);
    return out;
  }
  if (opt.cameras.empty()) {
    out.push_back(*clock);
    return out;
  }
  for (RowId id : opt.cameras) {
    auto it = std::find_if(recs.begin(), recs.end(), [id](const Recording& r) { return r.id == id; });
    if (it == recs.end())
      return make_error("Recording " + std::to_string(id) + " is not one of this session's (see `triad recording list`).");
    if (it->role != RecordingRole::Camera && it->id != clock->id)
      return make_error("Recording " + std::to_string(id) + " is a microphone: it has no picture for the report.");
    if (std::none_of(out.begin(), out.end(), [id](const Recording& r) { return r.id == id; })) out.push_back(*it);
  }
  return out;
}

// The frame (or the note saying why there is none) of one camera for one comment.
std::string thumb_html(const CameraFrames* cam, const Comment& c, const std::string& when,
                       const std::string& no_video_reason, bool named) {
  std::string h = "<div class=\"thumb\">";
  const std::string label = named ? cam->name + " · " + when : when;
  if (cam != nullptr) {
    if (auto t = cam->thumbs.find(c.uuid); t != cam->thumbs.end()) {
      h += "<img alt=\"" + html_escape((named ? cam->name + ": video" : std::string("Video")) + " frame at " +
                                         format_time(c.start_us)) +
           "\" src=\"" + t->second + "\">";
      return h + "<span class=\"when\">" + html_escape(label) + "</span></div>";
    }
  }
  std::string why = no_video_reason;
  if (cam != nullptr && !cam->unavailable.empty()) why = cam->unavailable;
  else if (cam != nullptr)
    if (auto e = cam->errors.find(c.uuid); e != cam->errors.end()) why = e->second;
  if (named && cam != nullptr && why.rfind(cam->name, 0) != 0) why = cam->name + ": " + why;
  return h + "<div class=\"nothumb\">" + html_escape(why) + "</div><span class=\"when\">" + html_escape(label) +
         "</span></div>";
}

}  // namespace

Result<std::string> build_report(store::Library& lib, const ReportOptions& opt) {
  // What the report may show (comments, names, pupils) is the export view's decision.
  auto view = export_view(lib, {opt.session_id, opt.viewer_id, Audience::Triad, false});
  if (!view) return view.error();
  const Session* session = &view->session;
  auto eff = store::effective_protocol(lib, opt.session_id);
  if (!eff) return eff.error();
  const Protocol& protocol = eff->protocol;
  auto name_of = [&](RowId id) -> std::string { return view->name(id); };
  const std::vector<Comment>& shown = view->comments;
  std::vector<const Comment*> top;
  std::map<std::string, std::vector<const Comment*>> replies;
  for (const auto& c : shown) {
    if (c.parent_uuid) replies[*c.parent_uuid].push_back(&c);
    else top.push_back(&c);
  }

  // Thumbnails: the exact frame at each comment's session time, from each chosen camera.
  auto recs = lib.recordings_for_session(opt.session_id);
  if (!recs) return recs.error();
  auto chosen = report_cameras(*recs, opt);
  if (!chosen) return chosen.error();
  std::string no_video_reason = "No recording is linked to this session.";
  TimeUs duration = 0;
  if (const Recording* clock = session_clock(*recs)) duration = clock->duration_us;
  std::vector<CameraFrames> cameras;
  for (std::size_t i = 0; i < chosen->size(); ++i) {
    CameraFrames cam{(*chosen)[i], camera_name((*chosen)[i], i + 1), nullptr, {}, {}, {}};
    auto dec = media::VideoDecoder::open(cam.recording.path);
    if (dec) {
      cam.decoder = std::move(*dec);
      if (i == 0 && cam.recording.id == session_clock(*recs)->id && cam.decoder->duration_us() > 0)
        duration = cam.decoder->duration_us();
    } else {
      cam.unavailable = "Video not available: " + dec.error().message;
    }
    cameras.push_back(std::move(cam));
  }
  for (const auto* c : top) duration = std::max(duration, c->end_us.value_or(c->start_us) + kUsPerSecond);
  if (duration <= 0) duration = kUsPerSecond;

  int done = 0, total = static_cast<int>(top.size());
  std::vector<const Comment*> by_time = top;
  std::sort(by_time.begin(), by_time.end(), [](const Comment* a, const Comment* b) { return a->start_us < b->start_us; });
  for (const auto* c : by_time) {  // in time order: each decoder moves forward
    for (auto& cam : cameras) {
      if (!cam.decoder) continue;
      const SessionSpan span = session_span(cam.recording);
      if (c->start_us < span.start_us || (span.end_us > span.start_us && c->start_us >= span.end_us)) {
        cam.errors[c->uuid] = c->start_us < span.start_us ? cam.name + " starts at " + format_time(span.start_us)
                                                          : cam.name + " ended at " + format_time(span.end_us);
        continue;
      }
      auto frame = cam.decoder->seek(recording_time_at(cam.recording, c->start_us));
      if (frame) {
        auto png = media::encode_png(*frame, opt.thumb_width * 2);  // 2x for sharp screens and print
        if (png)
          cam.thumbs[c->uuid] = "data:image/png;base64," + base64_encode(png->data(), png->size());
        else
          cam.errors[c->uuid] = "Frame not available: " + png.error().message;
      } else {
        cam.errors[c->uuid] = "Frame not available: " + frame.error().message;
      }
    }
    ++done;
    if (opt.progress && !opt.progress(done, total)) return make_error("The report was cancelled.");
  }

  // Stems: the protocol's, in order, then any other kinds found.
  // Tags are shown by their labels (from the session's frameworks), never their codes.
  std::map<std::string, std::string> tag_label;
  if (auto fws = lib.session_frameworks(opt.session_id))
    for (const auto& f : *fws)
      for (const auto& t : f.tags) tag_label[t.code] = t.label;
  std::vector<std::pair<std::string, std::string>> stems;  // code, label
  for (const auto& s : protocol.stems) stems.emplace_back(s.code, s.label);
  for (const auto* c : top)
    if (std::none_of(stems.begin(), stems.end(), [&](auto& s) { return s.first == c->kind; }))
      stems.emplace_back(c->kind, c->kind);
  auto stem_index = [&](const std::string& code) {
    for (std::size_t i = 0; i < stems.size(); ++i)
      if (stems[i].first == code) return i;
    return std::size_t{0};
  };

  std::string h;
  h.reserve(1 << 16);
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n";
  h += "<title>Feedback: " + html_escape(session->title) + "</title>\n<style>" + std::string(kCss) + "</style>\n</head>\n<body>\n<main>\n";

  // Header.
  h += "<header class=\"report\"><div class=\"kicker\">Lesson feedback report</div><h1>" + html_escape(session->title) + "</h1><div class=\"meta\">";
  auto meta = [&](const char* label, const std::string& value) {
    if (!value.empty()) h += "<span>" + std::string(label) + " <b>" + html_escape(value) + "</b></span>";
  };
  meta("Date", session->date);
  if (session->teacher_id) meta("Teacher", name_of(*session->teacher_id));
  meta("Subject", session->subject);
  meta("Year", session->year_group);
  meta("Class", session->class_label);
  meta("School", view->school);
  if (!session->cycle.empty())
    meta("Cycle", session->cycle + (session->cycle_position ? " #" + std::to_string(session->cycle_position) : ""));
  meta("Recording", format_time_short(duration));
  h += "</div></header>\n";

  // Focus and people.
  h += "<section class=\"grid2\"><div class=\"card focus\"><h4>Focus</h4>";
  std::vector<std::string> focus = protocol.focus_questions;
  if (focus.empty() && !session->focus.empty()) focus.push_back(session->focus);
  if (focus.empty()) h += "<p>No focus was recorded.</p>";
  else {
    h += "<ul>";
    for (const auto& q : focus) h += "<li>" + html_text(q) + "</li>";
    h += "</ul>";
  }
  h += "<h4 style=\"margin-top:12px\">Feedback stems</h4><ul>";
  for (const auto& s : protocol.stems) h += "<li>" + html_escape(s.label) + "</li>";
  h += "</ul>";
  if (protocol.blind_review) h += "<p class=\"role\">Blind review: comments were hidden from each other until the reveal.</p>";
  h += "</div><div class=\"card\"><h4>Who took part</h4><ul class=\"people\">";
  auto parts = store::list_participants(lib, opt.session_id);
  if (!parts) return parts.error();
  if (parts->empty()) h += "<li>No participants recorded.</li>";
  for (const auto& p : *parts)
    h += "<li>" + html_escape(name_of(p.person_id)) + " <span class=\"role\">· " + html_escape(role_label(p.role)) + "</span></li>";
  h += "</ul></div></section>\n";

  // Timeline strip (SVG, 1000 units wide).
  h += "<h2>Timeline</h2><div class=\"timeline\"><svg viewBox=\"0 0 1000 64\" role=\"img\" aria-label=\"Comment positions in the lesson\">";
  h += "<rect x=\"0\" y=\"26\" width=\"1000\" height=\"12\" rx=\"6\" fill=\"#edf0f4\"/>";
  for (TimeUs t = 0, step = tick_step(duration); t <= duration; t += step) {
    double x = 1000.0 * static_cast<double>(t) / static_cast<double>(duration);
    char tick[200];
    std::snprintf(tick, sizeof tick, "<line x1=\"%.1f\" y1=\"40\" x2=\"%.1f\" y2=\"46\" stroke=\"#a0aec0\"/>", x, x);
    h += tick;
    std::snprintf(tick, sizeof tick, "<text x=\"%.1f\" y=\"60\" font-size=\"13\" fill=\"#5a6473\" text-anchor=\"%s\">%s</text>",
                  x, t == 0 ? "start" : x > 960 ? "end" : "middle", format_time_short(t).c_str());
    h += tick;
  }
  for (const auto* c : by_time) {
    double x1 = 1000.0 * static_cast<double>(c->start_us) / static_cast<double>(duration);
    const char* col = stem_colour(stem_index(c->kind));
    char mark[300];
    if (c->end_us) {
      double x2 = 1000.0 * static_cast<double>(*c->end_us) / static_cast<double>(duration);
      std::snprintf(mark, sizeof mark, "<rect x=\"%.1f\" y=\"26\" width=\"%.1f\" height=\"12\" fill=\"%s\" opacity=\"0.45\"/>", x1,
                    std::max(2.0, x2 - x1), col);
      h += mark;
    }
    std::snprintf(mark, sizeof mark, "<circle cx=\"%.1f\" cy=\"18\" r=\"6\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"1.5\"/>", x1, col);
    h += mark;
  }
  h += "</svg></div><div class=\"legend\">";
  for (std::size_t i = 0; i < stems.size(); ++i) {
    auto n = std::count_if(top.begin(), top.end(), [&](const Comment* c) { return c->kind == stems[i].first; });
    if (n == 0) continue;
    h += std::string("<span><i class=\"swatch\" style=\"background:") + stem_colour(i) + "\"></i>" + html_escape(stems[i].second) +
         " (" + std::to_string(n) + ")</span>";
  }
  h += "</div>\n";

  // Talk and wait time: from the cached analysis only, at the questions this report shows.
  h += "<h2>Talk and wait time</h2>";
  if (!opt.talk) {
    h += "<p class=\"role\">Talk: not analysed yet — run Analyse (in the window, or <code>triad analyse --session " +
         std::to_string(opt.session_id) + "</code>) and make the report again.</p>";
  } else {
    const TalkAnalysis talk = summarise_talk(*opt.talk, question_moments(shown));
    auto pct = [](double share) {
      char b[16];
      std::snprintf(b, sizeof b, "%.0f%%", share * 100);
      return std::string(b);
    };
    auto secs = [](TimeUs t) {
      char b[32];
      std::snprintf(b, sizeof b, "%.1f s", to_seconds(t));
      return std::string(b);
    };
    h += "<p>" + html_escape(talk_summary_line(talk)) + "</p>";
    h += "<section class=\"grid2\"><div><table><tr><th>Who</th><th>Seconds</th><th>Share</th><th></th></tr>";
    const std::tuple<const char*, TimeUs, double, const char*> rows[] = {
        {"Teacher talk", talk.teacher_us, talk.teacher_share, "#2b6cb0"},
        {"Pupil talk", talk.pupil_us, talk.pupil_share, "#c05621"},
        {"Silence", talk.silence_us, talk.silence_share, "#a0aec0"}};
    for (const auto& [label, us, share, colour] : rows) {
      char bar[160];
      std::snprintf(bar, sizeof bar, "<div class=\"bar\" style=\"width:%d%%;background:%s\"></div>",
                    static_cast<int>(share * 100 + 0.5), colour);
      char sec[32];
      std::snprintf(sec, sizeof sec, "%.1f", to_seconds(us));
      h += std::string("<tr><td>") + label + "</td><td>" + sec + "</td><td>" + pct(share) + "</td><td style=\"width:40%\">" +
           bar + "</td></tr>";
    }
    h += "</table><p class=\"role\">" + html_escape("Read from " + (opt.talk_source.empty() ? talk.method : opt.talk_source) +
                                                    ". " + talk.confidence_note) + "</p></div><div>";
    if (talk.wait_times.empty()) {
      h += "<p>No question is marked, so there is no wait time to show. Mark questions (kind question, or the "
           "questioning tag) to see it.</p>";
    } else {
      h += "<table><tr><th>Wait time</th><th></th></tr><tr><td>Questions with a wait</td><td>" +
           std::to_string(talk.wait_times.size()) + "</td></tr><tr><td>Mean</td><td>" +
           secs(*mean_wait_us(talk.wait_times)) + "</td></tr><tr><td>Median</td><td>" +
           secs(*median_wait_us(talk.wait_times)) + "</td></tr></table>";
      const auto longer = long_waits(talk.wait_times);
      if (longer.empty()) {
        h += "<p>No wait of 3 s or more.</p>";
      } else {
        h += "<h4>Waits of 3 s or more</h4><ul class=\"waits\">";
        for (const auto& w : longer)
          h += "<li>" + html_escape(format_time_short(w.at_us)) + ": " + secs(w.wait_us()) + " (" +
               html_escape(format_time_short(w.from_us)) + "–" + html_escape(format_time_short(w.to_us)) + ")</li>";
        h += "</ul>";
      }
    }
    h += "</div></section>\n";
  }
  {  // The observers' agreement, in plain language, over the same comments.
    std::map<RowId, std::string> names;
    for (const auto& c : shown) names.emplace(c.author_id, name_of(c.author_id));
    const AgreementReport agreement = compute_agreement(shown, names);
    h += "<h3>How the observers saw it</h3>";
    if (agreement.lines.empty()) h += "<p>Nothing to compare yet.</p>";
    else {
      h += "<ul class=\"agreement\">";
      for (const auto& line : agreement.lines) h += "<li>" + html_escape(line) + "</li>";
      h += "</ul>";
    }
  }

  // Comments grouped by stem.
  h += "<h2>Comments</h2>";
  if (top.empty()) h += "<p>No shared comments yet.</p>";
  for (std::size_t i = 0; i < stems.size(); ++i) {
    std::vector<const Comment*> group;
    for (const auto* c : by_time)
      if (c->kind == stems[i].first) group.push_back(c);
    if (group.empty()) continue;
    h += std::string("<h3><i class=\"swatch\" style=\"background:") + stem_colour(i) + "\"></i>" + html_escape(stems[i].second) + "</h3>";
    for (const auto* c : group) {
      std::string when = format_time_short(c->start_us);
      if (c->end_us) when += "–" + format_time_short(*c->end_us);
      if (cameras.size() <= 1) {
        h += "<article class=\"comment\">";
        h += thumb_html(cameras.empty() ? nullptr : &cameras.front(), *c, when, no_video_reason, false);
        h += "<div>";
      } else {  // several cameras: their frames side by side, each named
        h += std::string("<article class=\"comment multi\"><div class=\"thumbs") + (cameras.size() > 2 ? " many" : "") +
             "\">";
        for (const auto& cam : cameras) h += thumb_html(&cam, *c, when, no_video_reason, true);
        h += "</div><div>";
      }
      h += "<div class=\"byline\"><b>" + html_escape(name_of(c->author_id)) + "</b> · " + html_escape(format_time(c->start_us));
      if (!c->pupil.empty()) h += "<span class=\"pupil\">" + html_escape(c->pupil) + "</span>";
      h += "</div><div class=\"text\">" + html_text(c->text) + "</div>";
      if (!c->tags.empty()) {
        h += "<div class=\"tags\">";
        for (const auto& t : c->tags)
          h += "<span class=\"tag\">" + html_escape(tag_label.count(t) ? tag_label.at(t) : t) + "</span>";
        h += "</div>";
      }
      if (auto r = replies.find(c->uuid); r != replies.end())
        for (const auto* reply : r->second)
          h += "<div class=\"reply\"><b>" + html_escape(name_of(reply->author_id)) + ":</b> " + html_text(reply->text) + "</div>";
      h += "</div></article>\n";
    }
  }

  // Lesson Study: each case pupil's predictions beside what was observed, phase by phase.
  auto lesson_case = store::get_case(lib, opt.session_id);
  if (!lesson_case) return lesson_case.error();
  if (!lesson_case->pupils.empty()) {
    auto predictions = store::list_predictions(lib, opt.session_id);
    if (!predictions) return predictions.error();
    auto viewer_role = store::participant_role(lib, opt.session_id, opt.viewer_id);
    if (!viewer_role) return viewer_role.error();
    if (*viewer_role == Role::LearningDetective) predictions->clear();  // staff work
    const PredictedObserved po = build_predicted_observed(*lesson_case, *predictions, shown);
    h += "<h2>Lesson Study: predicted vs observed</h2><table class=\"predicted\"><tr><th>Pupil</th>";
    for (const auto& ph : po.phases)
      h += "<th>" + html_escape(ph.name) + " <span class=\"role\">from " + html_escape(format_time_short(ph.start_us)) + "</span></th>";
    h += "</tr>";
    for (const auto& row : po.pupils) {
      h += "<tr><td><span class=\"pupil\">" + html_escape(row.pupil.code) + "</span>";
      if (!row.pupil.description.empty()) h += "<br><span class=\"role\">" + html_escape(row.pupil.description) + "</span>";
      h += "</td>";
      for (const auto& cell : row.phases) {
        h += "<td>";
        for (const auto& p : cell.predicted)
          h += "<div class=\"prediction\"><b>Predicted</b> (" + html_escape(name_of(p.author_id)) + "): " + html_text(p.text) + "</div>";
        for (const auto& c : cell.observed)
          h += "<div class=\"observed\"><b>Observed</b> " + html_escape(format_time_short(c.start_us)) + " (" +
               html_escape(name_of(c.author_id)) + "): " + html_text(c.text) + "</div>";
        if (cell.predicted.empty() && cell.observed.empty()) h += "<span class=\"role\">&mdash;</span>";
        h += "</td>";
      }
      h += "</tr>";
    }
    h += "</table>\n";
  }

  // Tag counts (labels from the session's frameworks).
  std::map<std::string, int> tag_count;
  for (const auto* c : top)
    for (const auto& t : c->tags) ++tag_count[t];
  h += "<section class=\"grid2\"><div><h2>Tags</h2>";
  if (tag_count.empty()) h += "<p>No tags used.</p>";
  else {
    std::vector<std::pair<std::string, int>> sorted(tag_count.begin(), tag_count.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](auto& a, auto& b) { return a.second > b.second; });
    int most = sorted.front().second;
    h += "<table><tr><th>Tag</th><th>Comments</th><th></th></tr>";
    for (auto& [code, n] : sorted) {
      std::string label = tag_label.count(code) ? tag_label[code] : code;
      char bar[120];
      std::snprintf(bar, sizeof bar, "<div class=\"bar\" style=\"width:%d%%\"></div>", 100 * n / most);
      h += "<tr><td>" + html_escape(label) + "</td><td>" + std::to_string(n) + "</td><td style=\"width:45%\">" + bar + "</td></tr>";
    }
    h += "</table>";
  }
  h += "</div><div><h2>Review time</h2>";
  auto rt = store::review_time_by_person(lib, opt.session_id);
  if (!rt) return rt.error();
  if (rt->empty()) h += "<p>No review time was logged.</p>";
  else {
    std::int64_t sum = 0;
    h += "<table><tr><th>Reviewer</th><th>Time</th></tr>";
    for (auto& [pid, ms] : *rt) {
      sum += ms;
      h += "<tr><td>" + html_escape(name_of(pid)) + "</td><td>" + duration_text(ms) + "</td></tr>";
    }
    h += "<tr><td><b>Total</b></td><td><b>" + duration_text(sum) + "</b></td></tr></table>";
  }
  h += "</div></section>\n";

  // Actions.
  h += "<h2>Agreed actions</h2>";
  auto actions = store::list_actions(lib, opt.session_id);
  if (!actions) return actions.error();
  std::vector<Action> all_actions = eff->carried_actions;
  all_actions.insert(all_actions.end(), actions->begin(), actions->end());
  if (all_actions.empty()) h += "<p>No actions recorded.</p>";
  else {
    h += "<table><tr><th>Action</th><th>Who</th><th>Status</th></tr>";
    for (const auto& a : all_actions) {
      h += "<tr><td>" + html_text(a.text) + (a.session_id != opt.session_id ? " <span class=\"role\">(carried over)</span>" : "") +
           "</td><td>" + (a.owner_id ? html_escape(name_of(*a.owner_id)) : "") + "</td><td>" +
           (a.done ? "<span class=\"done\">Done</span>" : "<span class=\"open\">Open</span>") + "</td></tr>";
    }
    h += "</table>";
  }
  h += "<footer>Made with Triad from a private library. Private comments are never included; pupils appear only by code. "
       "Times are positions in the lesson recording.</footer>\n</main>\n</body>\n</html>\n";
  return h;
}

}  // namespace triad::exchange
