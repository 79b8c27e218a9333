#include "ui/analytics_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace triad::ui {

namespace {

using Tab = app::AnalyticsView::Tab;

std::string percent(double share) { return std::to_string(static_cast<int>(share * 100 + 0.5)) + "%"; }

std::string seconds_text(double s) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f s", s);
  return b;
}

void section(const char* title) {
  ImGui::Spacing();
  ImGui::TextColored(ImColor(colours::kMuted), "%s", title);
  ImGui::Separator();
}

// A small filled square in `col` followed by its label, on the current line.
void legend_item(ImU32 col, const char* label, float s) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 2 * s), ImVec2(p.x + h - 4 * s, p.y + h - 2 * s), col,
                                            2 * s);
  ImGui::Dummy(ImVec2(h - 2 * s, h));
  ImGui::SameLine();
  ImGui::TextUnformatted(label);
  ImGui::SameLine(0, 18 * s);
}

// Teacher / pupil / silence shares as one horizontal bar.
void share_bar(ImDrawList* dl, ImVec2 p, ImVec2 size, double teacher, double pupil, float s) {
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), colours::kSilence, 2 * s);
  const float xt = p.x + static_cast<float>(std::clamp(teacher, 0.0, 1.0)) * size.x;
  const float xp = std::min(p.x + size.x, xt + static_cast<float>(std::clamp(pupil, 0.0, 1.0)) * size.x);
  dl->AddRectFilled(p, ImVec2(xt, p.y + size.y), colours::kTeacherTalk);
  dl->AddRectFilled(ImVec2(xt, p.y), ImVec2(xp, p.y + size.y), colours::kPupilTalk);
}

bool tab_button(UiFrame& f, const char* label, bool active, const char* command, const char* tip) {
  if (active) ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(60, 100, 104, 255));
  const bool clicked = ImGui::Button(label);
  if (active) ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
  if (clicked && !active) f.run(command);
  return clicked;
}

}  // namespace

void AnalyticsPanel::draw(UiFrame& f, ImVec2 pos, ImVec2 max_size) {
  auto& ws = f.ws;
  const auto& an = ws.analytics();
  if (!an.window_open() || !ws.session()) return;
  const float s = f.scale;
  const float w = std::min(max_size.x, 1120 * s);
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(ImVec2(w, max_size.y));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(30, 34, 40, 255));
  bool open = true;
  if (ImGui::Begin("Lesson analytics", &open,
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                       ImGuiWindowFlags_NoSavedSettings)) {
    tab_button(f, "Talk and wait time", an.tab() == Tab::Talk, "analytics talk", "Who talks when, wait time (T)");
    ImGui::SameLine();
    tab_button(f, "Agreement", an.tab() == Tab::Agreement, "analytics agreement",
               "How alike the reviewers coded the lesson (Shift+A)");
    ImGui::SameLine();
    tab_button(f, "Growth", an.tab() == Tab::Growth, "analytics growth", "The cycle's lessons side by side (Shift+G)");
    ImGui::SameLine();
    ImGui::TextColored(ImColor(colours::kMuted), "  Worked out on this machine; nothing leaves it.");
    ImGui::Separator();
    ImGui::BeginChild("##analytics-body", ImVec2(0, 0), false);
    ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x);
    switch (an.tab()) {
      case Tab::Talk: draw_talk(f); break;
      case Tab::Agreement: draw_agreement(f); break;
      case Tab::Growth: draw_growth(f); break;
    }
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
  }
  ImGui::End();
  ImGui::PopStyleColor();
  if (!open) f.run("analytics off");
}

void AnalyticsPanel::draw_talk(UiFrame& f) {
  const auto& an = f.ws.analytics();
  const float s = f.scale;
  if (an.talk_running()) {
    ImGui::TextUnformatted("Analysing the lesson's talk in the background; keep reviewing meanwhile.");
    ImGui::ProgressBar(static_cast<float>(an.talk_fraction()), ImVec2(360 * s, 0));
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) f.run("analyse cancel");
  }
  if (!an.talk_error().empty()) ImGui::TextColored(ImColor(colours::kError), "%s", an.talk_error().c_str());
  if (!an.talk()) {
    if (!an.talk_running()) {
      ImGui::TextWrapped("Measure teacher talk, pupil talk, silence and the wait time after each question marked "
                         "in the comments (kind \"question\" or tagged questioning).");
      if (ImGui::Button("Analyse the talk (T)")) f.run("analyse");
    }
    return;
  }
  const TalkAnalysis& t = *an.talk();
  legend_item(colours::kTeacherTalk, "Teacher", s);
  legend_item(colours::kPupilTalk, "Pupils", s);
  legend_item(colours::kSilence, "Silence", s);
  legend_item(colours::kLongWait, "Wait over 3 s", s);
  ImGui::NewLine();
  ImGui::Spacing();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float bar_w = std::min(ImGui::GetContentRegionAvail().x, 720 * s);
  share_bar(ImGui::GetWindowDrawList(), p, ImVec2(bar_w, 18 * s), t.teacher_share, t.pupil_share, s);
  ImGui::Dummy(ImVec2(bar_w, 18 * s));
  ImGui::Text("Teacher talk %s (%s)   Pupil talk %s (%s)   Silence %s (%s)", percent(t.teacher_share).c_str(),
              format_time_short(t.teacher_us).c_str(), percent(t.pupil_share).c_str(),
              format_time_short(t.pupil_us).c_str(), percent(t.silence_share).c_str(),
              format_time_short(t.silence_us).c_str());
  ImGui::Text("%d turns between teacher and pupils; the longest teacher monologue is %s, at %s.", t.turns,
              format_time_short(t.longest_teacher_monologue_us).c_str(),
              format_time_short(t.longest_teacher_monologue_start_us).c_str());
  ImGui::TextColored(ImColor(colours::kMuted), "%s: %s", t.method.c_str(), t.confidence_note.c_str());

  section("Wait time after questions (Rowe's wait time I)");
  if (t.wait_times.empty()) {
    ImGui::TextWrapped(an.questions().empty()
                           ? "No moment is marked as a question yet: comment with the kind \"question\" or the tag "
                             "questioning at each question."
                           : "No marked question has a teacher utterance with a pause after it.");
  } else {
    std::vector<double> waits;
    for (const auto& w : t.wait_times) waits.push_back(to_seconds(w.wait_us()));
    std::vector<double> sorted = waits;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted.size() % 2 ? sorted[sorted.size() / 2]
                                            : (sorted[sorted.size() / 2 - 1] + sorted[sorted.size() / 2]) / 2;
    double mean = 0;
    for (double v : waits) mean += v;
    mean /= static_cast<double>(waits.size());
    const auto over = std::count_if(waits.begin(), waits.end(), [](double v) { return v * 1e6 > colours::kLongWaitUs; });
    ImGui::Text("Mean wait %s, median %s over %zu questions; %d waited more than 3 s.", seconds_text(mean).c_str(),
                seconds_text(median).c_str(), waits.size(), static_cast<int>(over));
    for (std::size_t i = 0; i < t.wait_times.size(); ++i) {
      const WaitTime& w = t.wait_times[i];
      ImGui::PushID(static_cast<int>(i));
      const std::string line = format_time_short(w.at_us) + "   waited " + seconds_text(waits[i]);
      ImGui::PushStyleColor(ImGuiCol_Text, w.wait_us() > colours::kLongWaitUs ? colours::kLongWait : colours::kText);
      if (ImGui::Selectable(line.c_str(), false, 0, ImVec2(260 * s, 0))) f.run("seek " + format_seconds(w.at_us));
      ImGui::PopStyleColor();
      ImGui::PopID();
    }
  }
  if (!t.wait_times_after_answers.empty()) {
    double mean = 0;
    for (const auto& w : t.wait_times_after_answers) mean += to_seconds(w.wait_us());
    mean /= static_cast<double>(t.wait_times_after_answers.size());
    ImGui::Spacing();
    ImGui::Text("After pupils' answers (wait time II): mean %s over %zu answers.", seconds_text(mean).c_str(),
                t.wait_times_after_answers.size());
  }
}

void AnalyticsPanel::draw_agreement(UiFrame& f) {
  const auto& an = f.ws.analytics();
  const float s = f.scale;
  if (!an.agreement()) {
    if (ImGui::Button("Compare the reviewers' codes (Shift+A)")) f.run("analytics agreement");
    return;
  }
  const AgreementReport& r = *an.agreement();
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ImColor(colours::kMuted), "Time unit");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90 * s);
  const std::string unit = seconds_text(to_seconds(r.unit_us));
  if (ImGui::BeginCombo("##unit", unit.c_str())) {
    for (int u : {1, 2, 5, 10})
      if (ImGui::Selectable((std::to_string(u) + " s").c_str(), r.unit_us == seconds_us(u)))
        f.run("agreement on --unit " + std::to_string(u));
    ImGui::EndCombo();
  }
  if (r.observers.size() < 2) {
    ImGui::TextWrapped("Agreement needs two or more reviewers who tagged comments in this lesson.");
  }
  for (const auto& line : r.lines) ImGui::TextWrapped("%s", line.c_str());

  if (!r.pairs.empty()) {
    section("Kappa per pair of observers (time-unit Cohen's kappa)");
    for (const auto& p : r.pairs) {
      ImGui::Text("%s and %s: kappa %.2f (agreed at %s of %d moments; %s by chance)", p.a_name.c_str(),
                  p.b_name.c_str(), p.figures.kappa, percent(p.figures.observed).c_str(), r.slices,
                  percent(p.figures.chance).c_str());
      ImGui::Indent(18 * s);
      for (const auto& tag : p.tags) {
        const Tag* t = f.ws.tag_by_code(tag.tag);
        const std::string name = t ? t->label : tag.tag;
        const std::string k = tag.kappa ? "kappa " + std::to_string(*tag.kappa).substr(0, 4) : "no kappa";
        ImGui::TextColored(ImColor(t ? parse_colour(t->colour) : colours::kMuted), "%s", name.c_str());
        ImGui::SameLine();
        ImGui::Text("both at %d of %d moments, %s", tag.both, tag.moments, k.c_str());
      }
      ImGui::Unindent(18 * s);
    }
    if (r.fleiss) ImGui::Text("All %zu observers together: Fleiss' kappa %.2f", r.observers.size(), r.fleiss->kappa);
  }

  section("Seen differently (click to go there)");
  int shown = 0;
  for (const auto& p : r.pairs) {
    for (const auto& d : p.disagreements) {
      if (shown >= 60) break;
      ImGui::PushID(shown++);
      const std::string line = format_time_short(d.start_us) + " - " + format_time_short(d.end_us) + "   " +
                               p.a_name + " and " + p.b_name + " saw it differently";
      if (ImGui::Selectable(line.c_str())) f.run("seek " + format_seconds(d.start_us));
      ImGui::PopID();
    }
  }
  if (shown == 0) ImGui::TextColored(ImColor(colours::kMuted), "No moment was seen differently.");

  if (!r.balance.empty()) {
    section("Strengths and suggestions");
    for (const auto& b : r.balance)
      ImGui::Text("%s: %d strength%s, %d suggestion%s (%d comments)", b.name.c_str(), b.strengths,
                  b.strengths == 1 ? "" : "s", b.suggestions, b.suggestions == 1 ? "" : "s", b.comments);
  }
}

void AnalyticsPanel::draw_growth(UiFrame& f) {
  const auto& an = f.ws.analytics();
  const float s = f.scale;
  if (!an.growth_note().empty()) ImGui::TextWrapped("%s", an.growth_note().c_str());
  if (!an.growth()) return;
  const auto& rows = *an.growth();
  const auto& cycle = f.ws.session()->cycle;
  ImGui::Text("Cycle \"%s\": %zu lesson%s", cycle.c_str(), rows.size(), rows.size() == 1 ? "" : "s");
  if (rows.empty()) return;

  // Two charts side by side: mean wait time per lesson, talk shares per lesson.
  const float avail = ImGui::GetContentRegionAvail().x;
  const float chart_w = std::min((avail - 24 * s) / 2, 480 * s), chart_h = 150 * s;
  const float label_h = ImGui::GetTextLineHeightWithSpacing();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  double max_wait = 3.0;
  for (const auto& r : rows)
    if (r.wait_time_mean_s) max_wait = std::max(max_wait, *r.wait_time_mean_s);
  max_wait = std::ceil(max_wait);
  const float slot = chart_w / static_cast<float>(rows.size());
  const float bar_w = std::min(slot * 0.6f, 60 * s);

  ImGui::Spacing();
  ImGui::TextColored(ImColor(colours::kMuted), "Mean wait time after questions (s)");
  ImGui::SameLine(chart_w + 24 * s);
  ImGui::TextColored(ImColor(colours::kMuted), "Talk: teacher, pupils, silence");
  const ImVec2 o = ImGui::GetCursorScreenPos();
  // Wait-time chart with its 3 s line.
  dl->AddRectFilled(o, ImVec2(o.x + chart_w, o.y + chart_h), colours::kLaneBg, 3 * s);
  const float y3 = o.y + chart_h - static_cast<float>(3.0 / max_wait) * chart_h;
  dl->AddLine(ImVec2(o.x, y3), ImVec2(o.x + chart_w, y3), colours::kLongWait, 1.0f * s);
  dl->AddText(ImVec2(o.x + 4 * s, y3 - ImGui::GetTextLineHeight()), colours::kLongWait, "3 s");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const float cx = o.x + slot * (static_cast<float>(i) + 0.5f);
    const std::string num = std::to_string(i + 1);
    dl->AddText(ImVec2(cx - ImGui::CalcTextSize(num.c_str()).x / 2, o.y + chart_h + 2 * s), colours::kMuted,
                num.c_str());
    if (!r.wait_time_mean_s) {
      dl->AddText(ImVec2(cx - ImGui::CalcTextSize("-").x / 2, o.y + chart_h - label_h), colours::kMuted, "-");
      continue;
    }
    const float top = o.y + chart_h - static_cast<float>(*r.wait_time_mean_s / max_wait) * chart_h;
    dl->AddRectFilled(ImVec2(cx - bar_w / 2, top), ImVec2(cx + bar_w / 2, o.y + chart_h),
                      *r.wait_time_mean_s * 1e6 > colours::kLongWaitUs ? colours::kLongWait : colours::kAccent);
    const std::string v = seconds_text(*r.wait_time_mean_s);
    dl->AddText(ImVec2(cx - ImGui::CalcTextSize(v.c_str()).x / 2, std::max(o.y, top - label_h)), colours::kText,
                v.c_str());
  }
  // Talk-share chart: one stacked column per lesson.
  const ImVec2 o2(o.x + chart_w + 24 * s, o.y);
  dl->AddRectFilled(o2, ImVec2(o2.x + chart_w, o2.y + chart_h), colours::kLaneBg, 3 * s);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const float cx = o2.x + slot * (static_cast<float>(i) + 0.5f);
    const std::string num = std::to_string(i + 1);
    dl->AddText(ImVec2(cx - ImGui::CalcTextSize(num.c_str()).x / 2, o2.y + chart_h + 2 * s), colours::kMuted,
                num.c_str());
    if (!r.analysed) {
      dl->AddText(ImVec2(cx - ImGui::CalcTextSize("-").x / 2, o2.y + chart_h - label_h), colours::kMuted, "-");
      continue;
    }
    const float x0 = cx - bar_w / 2, x1 = cx + bar_w / 2, bottom = o2.y + chart_h;
    const float yt = bottom - static_cast<float>(r.teacher_share) * chart_h;
    const float yp = yt - static_cast<float>(r.pupil_share) * chart_h;
    dl->AddRectFilled(ImVec2(x0, o2.y), ImVec2(x1, bottom), colours::kSilence);
    dl->AddRectFilled(ImVec2(x0, yt), ImVec2(x1, bottom), colours::kTeacherTalk);
    dl->AddRectFilled(ImVec2(x0, std::max(o2.y, yp)), ImVec2(x1, yt), colours::kPupilTalk);
  }
  ImGui::Dummy(ImVec2(avail, chart_h + label_h + 4 * s));

  section("Lessons");
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
  if (ImGui::BeginTable("##growth", 7, flags)) {
    ImGui::TableSetupColumn("#");
    ImGui::TableSetupColumn("Lesson", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Wait mean");
    ImGui::TableSetupColumn("Wait median");
    ImGui::TableSetupColumn("Teacher / pupils");
    ImGui::TableSetupColumn("Questions");
    ImGui::TableSetupColumn("Actions done");
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& r = rows[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%zu", i + 1);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.title.c_str());
      if (!r.date.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImColor(colours::kMuted), "%s", r.date.c_str());
      }
      if (!r.note.empty()) ImGui::TextColored(ImColor(colours::kMuted), "%s", r.note.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.wait_time_mean_s ? seconds_text(*r.wait_time_mean_s).c_str() : "-");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.wait_time_median_s ? seconds_text(*r.wait_time_median_s).c_str() : "-");
      ImGui::TableNextColumn();
      if (r.analysed) ImGui::Text("%s / %s", percent(r.teacher_share).c_str(), percent(r.pupil_share).c_str());
      else ImGui::TextColored(ImColor(colours::kMuted), "not analysed");
      ImGui::TableNextColumn();
      ImGui::Text("%d", r.questions);
      ImGui::TableNextColumn();
      ImGui::Text("%d of %d", r.actions_done, r.actions_agreed);
    }
    ImGui::EndTable();
  }
}

}  // namespace triad::ui
