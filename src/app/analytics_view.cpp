#include "app/analytics_view.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

#include "app/cycle_growth.hpp"

namespace triad::app {

namespace {

// Changes whenever a comment is added, edited (version), moved or deleted.
std::string on_off_usage(const std::string& name) { return "Usage: " + name + " [on|off]."; }

}  // namespace

std::vector<std::pair<std::string, std::string>> talk_figure_rows(const TalkAnalysis& t) {
  auto share = [](double v, TimeUs us) {
    return std::to_string(static_cast<int>(std::lround(v * 100))) + "% (" + format_time_short(us) + ")";
  };
  std::string wait = "no question marked";
  if (auto mean = mean_wait_us(t.wait_times)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f s after %zu question%s", to_seconds(*mean), t.wait_times.size(),
                  t.wait_times.size() == 1 ? "" : "s");
    wait = buf;
  }
  return {{"Teacher talk", share(t.teacher_share, t.teacher_us)},
          {"Pupil talk", share(t.pupil_share, t.pupil_us)},
          {"Mean wait time", wait}};
}

void AnalyticsView::reset() {
  job_.reset();  // cancels and joins
  sources_.reset();
  labels_.reset();
  talk_.reset();
  questions_.clear();
  talk_error_.clear();
  talk_source_.clear();
  talk_requested_ = false;
  agreement_.reset();
  growth_.reset();
  growth_note_.clear();
  comments_generation_.reset();
}

void AnalyticsView::summarise(const std::vector<Comment>& comments) {
  questions_ = question_moments(comments);
  if (labels_) talk_ = summarise_talk(*labels_, questions_);
}

void AnalyticsView::compute_agreement_now(const std::vector<Comment>& comments, store::Library& lib) {
  std::map<RowId, std::string> names;
  for (const auto& c : comments) {
    if (names.count(c.author_id)) continue;
    auto p = lib.get_person(c.author_id);
    names[c.author_id] = p ? p->display_name : "person " + std::to_string(c.author_id);
  }
  agreement_ = compute_agreement(comments, names, agreement_options_);
}

void AnalyticsView::compute_growth_now(store::Library& lib, const std::optional<Session>& session,
                                       std::optional<RowId> viewer) {
  growth_.reset();
  growth_note_.clear();
  if (!session || session->cycle.empty()) {
    growth_note_ = "This lesson is not part of a cycle; set the session's cycle to see growth across lessons.";
    return;
  }
  if (!viewer) return;
  GrowthOptions o;
  o.analyse_missing = false;  // never block the window: lessons not analysed yet say so
  auto rows = cycle_growth(lib, session->cycle, *viewer, o);
  if (!rows) {
    growth_note_ = rows.error().message;
    return;
  }
  growth_ = std::move(*rows);
}

std::optional<Result<std::string>> AnalyticsView::execute(const Command& c, store::Library& lib,
                                                          const std::optional<Session>& session,
                                                          std::optional<RowId> viewer,
                                                          const std::vector<Comment>& comments) {
  const std::string& n = c.name;
  if (n != "analyse" && n != "analyze" && n != "agreement" && n != "growth" && n != "analytics") return std::nullopt;
  const std::string a = c.args.empty() ? "" : c.args[0];
  if (!session) return Result<std::string>(make_error("Open a session first."));
  if (session_id_ != session->id) {
    reset();
    session_id_ = session->id;
  }
  if (n == "analytics") {
    if (a == "talk") {
      tab_ = Tab::Talk;
    } else if (a == "agreement") {
      compute_agreement_now(comments, lib);
      tab_ = Tab::Agreement;
    } else if (a == "growth") {
      compute_growth_now(lib, session, viewer);
      tab_ = Tab::Growth;
    } else if (!a.empty() && a != "on" && a != "off") {
      return Result<std::string>(make_error("Usage: analytics [on|off|talk|agreement|growth]."));
    }
    open_ = a.empty() ? !open_ : a != "off";
    if (open_ && tab_ == Tab::Agreement && !agreement_) compute_agreement_now(comments, lib);
    if (open_ && tab_ == Tab::Growth && !growth_ && growth_note_.empty()) compute_growth_now(lib, session, viewer);
    return Result<std::string>(std::string());
  }
  if (n == "analyse" || n == "analyze") {
    if (a == "cancel") {
      job_.reset();
      return Result<std::string>(std::string("Talk analysis cancelled."));
    }
    if (a == "wait") {  // scripts and tests: the window itself never waits
      if (!job_) {
        if (labels_) return Result<std::string>(std::string("Talk analysis done."));
        return Result<std::string>(make_error(talk_error_.empty() ? "No talk analysis is running." : talk_error_));
      }
      while (!job_->done()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
      update(lib, session, comments, comments_generation_.value_or(0));  // the job's result only
      if (!labels_) return Result<std::string>(make_error(talk_error_));
      return Result<std::string>(std::string("Talk analysis done."));
    }
    if (!a.empty()) return Result<std::string>(make_error("Usage: analyse [--teacher-mic FILE], analyse cancel, analyse wait."));
    if (!c.option("teacher-mic") && (job_ || (labels_ && talk_requested_))) {  // already there: show or hide the figures
      const bool showing = open_ && tab_ == Tab::Talk;
      open_ = !showing;
      tab_ = Tab::Talk;
      return Result<std::string>(std::string());
    }
    std::optional<std::filesystem::path> mic;
    if (auto m = c.option("teacher-mic")) mic = *m;
    auto s = talk_sources(lib, session->id, mic);
    if (!s) {
      talk_error_ = s.error().message;
      return Result<std::string>(s.error());
    }
    open_ = true;
    tab_ = Tab::Talk;
    talk_error_.clear();
    talk_requested_ = true;
    sources_ = *s;
    talk_source_ = s->describe();
    job_.reset();
    if (auto cached = cached_talk_labels(lib, *s)) {
      labels_ = std::move(*cached);
      summarise(comments);
      return Result<std::string>("Talk analysis (cached): " + talk_source_ + ".");
    }
    labels_.reset();
    talk_.reset();
    job_ = std::make_unique<TalkJob>(*s);
    return Result<std::string>("Analysing the lesson's talk: " + talk_source_ + "...");
  }
  if (!a.empty() && a != "on" && a != "off") return Result<std::string>(make_error(on_off_usage(n)));
  const bool show = a.empty() ? !(open_ && tab_ == (n == "agreement" ? Tab::Agreement : Tab::Growth)) : a == "on";
  if (n == "agreement") {
    if (auto u = c.option("unit")) {
      auto t = parse_time(*u);
      if (!t) return Result<std::string>(t.error());
      AgreementOptions o;
      o.unit_us = *t;
      if (auto v = validate_agreement_options(o); !v) return Result<std::string>(v.error());
      agreement_options_ = o;
    }
    compute_agreement_now(comments, lib);
    tab_ = Tab::Agreement;
  } else {
    compute_growth_now(lib, session, viewer);
    tab_ = Tab::Growth;
  }
  open_ = show;
  return Result<std::string>(std::string());
}

void AnalyticsView::update(store::Library& lib, const std::optional<Session>& session,
                           const std::vector<Comment>& comments, std::uint64_t generation) {
  if (session_id_ && (!session || session->id != *session_id_)) {
    reset();
    session_id_ = session ? std::optional<RowId>(session->id) : std::nullopt;
  }
  if (session && peeked_session_ != session->id) {  // once per session: figures already in the cache
    peeked_session_ = session->id;
    session_id_ = session->id;
    if (!labels_ && !job_)
      if (auto cached = cached_session_talk(lib, session->id)) {
        labels_ = std::move(cached->labels);
        talk_source_ = std::move(cached->source);
        summarise(comments);
      }
  }
  if (job_ && job_->done()) {
    auto r = job_->take();
    job_.reset();
    if (r && r->ok()) {
      labels_ = std::move(**r);
      if (sources_) (void)cache_talk_labels(lib, *sources_, *labels_);  // a failed cache write only costs a rerun
      summarise(comments);
    } else if (r) {
      talk_error_ = r->error().message;
    }
  }
  if (comments_generation_ != generation) {
    comments_generation_ = generation;
    summarise(comments);
    if (agreement_) compute_agreement_now(comments, lib);
  }
}

}  // namespace triad::app
