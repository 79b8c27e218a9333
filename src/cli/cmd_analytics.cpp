// Subcommands of the lesson-analytics area: agreement (observer agreement), analyse /
// analyze (talk and wait time), growth (a cycle's lessons side by side). Thin: the use
// cases live in app/ (lesson_agreement, talk_analysis, cycle_growth); this file parses,
// calls and prints.
#include <cstdio>
#include <memory>
#include <string>

#include "app/cycle_growth.hpp"
#include "app/lesson_agreement.hpp"
#include "app/talk_analysis.hpp"
#include "base/atomic_file.hpp"
#include "base/time.hpp"
#include "cli/context.hpp"
#include "cli/library_access.hpp"
#include "exchange/cycle_report.hpp"

namespace triad::cli {
namespace {

struct AgreementArgs {
  std::string session, unit = "1";
};

void agreement(Context& ctx, const AgreementArgs& a) {
  AgreementOptions opt;
  auto unit = parse_time(a.unit);
  if (!unit && fail(ctx, unit.error())) return;
  opt.unit_us = *unit;
  if (auto v = validate_agreement_options(opt); !v && fail(ctx, v.error())) return;
  auto scope = open_session_as(ctx, store::OpenMode::ExistingOnly, a.session);
  if (!scope && fail(ctx, scope.error())) return;
  auto r = app::session_agreement(scope->lib, scope->session.id, scope->me.id, opt);
  if (!r && fail(ctx, r.error())) return;
  if (ctx.json) {
    auto j = app::agreement_json(*r);
    j["session_id"] = scope->session.id;
    *ctx.out << j.dump(2) << "\n";
    return;
  }
  auto& o = *ctx.out;
  o << "Agreement in session " << scope->session.id << " (" << scope->session.title << "), time unit "
    << format_seconds(r->unit_us) << " s:\n";
  for (const auto& line : r->lines) o << "  " << line << "\n";
}

struct AnalyseArgs {
  std::string session, teacher_mic;
  bool no_cache = false, progress = false;
};

std::string share(double s) { return std::to_string(static_cast<int>(s * 100 + 0.5)) + "%"; }
std::string secs(TimeUs t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", to_seconds(t));
  return buf;
}

void analyse(Context& ctx, const AnalyseArgs& a) {
  auto scope = open_session_as(ctx, store::OpenMode::ExistingOnly, a.session);
  if (!scope && fail(ctx, scope.error())) return;
  app::TalkRunOptions o;
  if (!a.teacher_mic.empty()) o.teacher_mic = a.teacher_mic;
  o.use_cache = !a.no_cache;
  if (a.progress) {
    o.progress = [&ctx, last = -1](double f) mutable {
      const int pct = static_cast<int>(f * 100);
      if (pct / 10 != last / 10) *ctx.err << "analysing: " << pct << "%\n";
      last = pct;
      return true;
    };
  }
  auto run = app::analyse_session_talk(scope->lib, scope->session.id, scope->me.id, o);
  if (!run && fail(ctx, run.error())) return;
  const auto& t = run->analysis;
  if (ctx.json) {
    auto j = app::talk_json(t);
    j["session_id"] = scope->session.id;
    j["from_cache"] = run->from_cache;
    j["source"] = run->source;
    *ctx.out << j.dump(2) << "\n";
    return;
  }
  auto& out = *ctx.out;
  out << "Talk in session " << scope->session.id << " (" << scope->session.title << "), " << secs(t.duration_us)
      << (run->from_cache ? " (cached)" : "") << ":\n";
  out << "  Teacher talk " << secs(t.teacher_us) << " (" << share(t.teacher_share) << "), pupil talk "
      << secs(t.pupil_us) << " (" << share(t.pupil_share) << "), silence " << secs(t.silence_us) << " ("
      << share(t.silence_share) << ").\n";
  out << "  " << t.turns << " changes of speaker; the longest teacher monologue is " << secs(t.longest_teacher_monologue_us)
      << " from " << format_time_short(t.longest_teacher_monologue_start_us) << ".\n";
  out << "  Read " << run->source << ".\n";
  out << "  " << t.confidence_note << "\n";
  if (t.wait_times.empty()) out << "  No moment is marked as a question, so there is no wait time to show.\n";
  for (const auto& w : t.wait_times)
    out << "  Question at " << format_time_short(w.at_us) << ": waited " << secs(w.wait_us()) << " before the next voice"
        << (w.wait_us() < seconds_us(3) ? "." : " (3 s or more).") << "\n";
  if (!t.wait_times_after_answers.empty()) {
    double sum = 0;
    for (const auto& w : t.wait_times_after_answers) sum += to_seconds(w.wait_us());
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f s", sum / static_cast<double>(t.wait_times_after_answers.size()));
    out << "  After pupils' answers the teacher waited " << buf << " on average (" << t.wait_times_after_answers.size()
        << " answers).\n";
  }
}

struct GrowthArgs {
  std::string cycle, html, csv;
  bool cached_only = false;
};

void growth(Context& ctx, const GrowthArgs& a) {
  auto lib = open_library(ctx, store::OpenMode::ExistingOnly);
  if (!lib && fail(ctx, lib.error())) return;
  auto me = actor(ctx, *lib);
  if (!me && fail(ctx, me.error())) return;
  app::GrowthOptions o;
  o.analyse_missing = !a.cached_only;
  auto rows = app::cycle_growth(*lib, a.cycle, me->id, o);
  if (!rows && fail(ctx, rows.error())) return;
  if (!a.html.empty())
    if (auto w = write_file_atomically(a.html, exchange::cycle_report_html(a.cycle, *rows)); !w && fail(ctx, w.error())) return;
  if (!a.csv.empty())
    if (auto w = write_file_atomically(a.csv, growth_csv(*rows)); !w && fail(ctx, w.error())) return;
  if (ctx.json) {
    *ctx.out << app::growth_json(a.cycle, *rows).dump(2) << "\n";
    return;
  }
  auto& out = *ctx.out;
  out << "Cycle " << a.cycle << ": " << rows->size() << " lesson" << (rows->size() == 1 ? "" : "s") << "\n";
  for (const auto& r : *rows) {
    out << "  Lesson " << r.position << " " << r.date << " " << r.title << ":";
    if (r.analysed)
      out << " teacher " << share(r.teacher_share) << ", pupils " << share(r.pupil_share) << ", silence "
          << share(r.silence_share) << ";";
    if (r.wait_time_mean_s) {
      char buf[80];
      std::snprintf(buf, sizeof buf, " wait time mean %.1f s, median %.1f s;", *r.wait_time_mean_s,
                    r.wait_time_median_s.value_or(0));
      out << buf;
    } else {
      out << " no wait time;";
    }
    out << " " << r.actions_agreed << " actions agreed, " << r.actions_done << " done";
    if (!r.note.empty()) out << " (" << r.note << ")";
    out << "\n";
  }
}

}  // namespace

void register_analytics_commands(CLI::App& app, Context& ctx) {
  auto ag = std::make_shared<AgreementArgs>();
  auto* cmd = app.add_subcommand("agreement", "How alike the reviewers coded the lesson (time-unit kappa)");
  add_session_option(cmd, ag->session);
  cmd->add_option("--unit", ag->unit, "Time unit in seconds (default 1)");
  cmd->callback([&ctx, ag] { agreement(ctx, *ag); });

  auto an = std::make_shared<AnalyseArgs>();
  auto* a = app.add_subcommand("analyse", "Teacher and pupil talk, turn-taking and wait time from the lesson's sound");
  a->alias("analyze");
  add_session_option(a, an->session);
  a->add_option("--teacher-mic", an->teacher_mic, "The teacher's own microphone recording (read teacher talk from it)");
  a->add_flag("--no-cache", an->no_cache, "Analyse again even when a result is cached");
  a->add_flag("--progress", an->progress, "Report progress on stderr");
  a->callback([&ctx, an] { analyse(ctx, *an); });

  auto gr = std::make_shared<GrowthArgs>();
  auto* g = app.add_subcommand("growth", "A lesson-study cycle's lessons side by side: talk, wait time, tags, actions");
  g->add_option("--cycle", gr->cycle, "The cycle's name")->required();
  g->add_option("--html", gr->html, "Also write the cycle report (self-contained HTML with charts) here");
  g->add_option("--csv", gr->csv, "Also write the figures as CSV here");
  g->add_flag("--cached-only", gr->cached_only, "Do not analyse lessons whose talk analysis is not cached yet");
  g->callback([&ctx, gr] { growth(ctx, *gr); });
}

}  // namespace triad::cli
