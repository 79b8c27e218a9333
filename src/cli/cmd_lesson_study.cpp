// Lesson Study from the command line (app/lesson_study.hpp holds the rules):
//   triad pupil add --session S "Pupil A" --description "quiet, confident with number bonds"
//   triad pupil remove --session S "Pupil A"        triad pupil list --session S
//   triad phase add --session S Starter --at 0      triad phase remove --session S Starter
//   triad prediction add --session S --pupil "Pupil A" --phase Starter "Will wait for a partner"
//   triad prediction list --session S               triad prediction compare --session S
// Every command acts as --as and honours --json.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/lesson_study.hpp"
#include "app/person_name.hpp"
#include "base/time.hpp"
#include "base/wall_clock.hpp"
#include "cli/context.hpp"
#include "cli/library_access.hpp"
#include "store/lesson_study.hpp"

namespace triad::cli {
namespace {

using nlohmann::json;

std::string dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

struct LessonStudyArgs {
  std::string session, code, description, name, at, pupil, phase, text;
};

std::optional<SessionScope> scope_for(Context& ctx, const std::string& session) {
  auto scope = open_session_as(ctx, store::OpenMode::ExistingOnly, session);
  if (!scope && fail(ctx, scope.error())) return std::nullopt;
  return std::move(*scope);
}

void print_case(Context& ctx, store::Library& lib, const LessonStudyCase& c) {
  if (ctx.json) {
    *ctx.out << dump(app::case_json(lib, c)) << "\n";
    return;
  }
  if (c.pupils.empty()) *ctx.out << "No case pupils yet.\n";
  for (const auto& p : c.pupils)
    *ctx.out << p.code << (p.description.empty() ? "" : "\t" + p.description) << "\n";
  for (const auto& p : effective_phases(c)) *ctx.out << "phase " << format_time(p.start_us) << "\t" << p.name << "\n";
}

void register_pupil(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("pupil", "Lesson Study case pupils: codes (Pupil A, B, C) with a short description, never names");
  cmd->require_subcommand(1);
  auto a = std::make_shared<LessonStudyArgs>();

  auto* add = cmd->add_subcommand("add", "Add a case pupil, or change its description (facilitator or observed teacher)");
  add_session_option(add, a->session);
  add->add_option("code", a->code, "The pupil's code: \"Pupil A\" or \"P3\"")->required();
  add->add_option("--description", a->description,
                  "What to watch for: a few words that describe the pupil, never their name");
  add->callback([&ctx, a] {
    auto scope = scope_for(ctx, a->session);
    if (!scope) return;
    auto c = app::set_case_pupil(scope->lib, scope->session.id, {a->code, a->description}, scope->me.id, now_ms());
    if (!c && fail(ctx, c.error())) return;
    if (ctx.json) print_case(ctx, scope->lib, *c);
    else *ctx.out << a->code << " is a case pupil of session " << scope->session.id << ".\n";
  });

  auto* remove = cmd->add_subcommand("remove", "Remove a case pupil (their predictions stay stored, unshown)");
  add_session_option(remove, a->session);
  remove->add_option("code", a->code, "The pupil's code")->required();
  remove->callback([&ctx, a] {
    auto scope = scope_for(ctx, a->session);
    if (!scope) return;
    auto c = app::remove_case_pupil(scope->lib, scope->session.id, a->code, scope->me.id, now_ms());
    if (!c && fail(ctx, c.error())) return;
    if (ctx.json) print_case(ctx, scope->lib, *c);
    else *ctx.out << a->code << " is no longer a case pupil of session " << scope->session.id << ".\n";
  });

  auto* list = cmd->add_subcommand("list", "The session's case pupils and lesson phases");
  add_session_option(list, a->session);
  list->callback([&ctx, a] {
    auto opened = open_session(ctx, store::OpenMode::ExistingOnly, a->session);
    if (!opened && fail(ctx, opened.error())) return;
    auto c = store::get_case(opened->lib, opened->session.id);
    if (!c && fail(ctx, c.error())) return;
    print_case(ctx, opened->lib, *c);
  });
}

void register_phase(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("phase", "Lesson Study: the lesson's phases (a name and the session time it starts)");
  cmd->require_subcommand(1);
  auto a = std::make_shared<LessonStudyArgs>();

  auto* add = cmd->add_subcommand("add", "Add a phase, or move one (facilitator or observed teacher)");
  add_session_option(add, a->session);
  add->add_option("name", a->name, "\"Starter\", \"Main task\", \"Plenary\"")->required();
  add->add_option("--at", a->at, "When it starts: SECONDS, MM:SS or HH:MM:SS(.mmm)")->required();
  add->callback([&ctx, a] {
    auto at = parse_time(a->at);
    if (!at && fail(ctx, at.error())) return;
    auto scope = scope_for(ctx, a->session);
    if (!scope) return;
    auto c = app::set_lesson_phase(scope->lib, scope->session.id, {a->name, *at}, scope->me.id, now_ms());
    if (!c && fail(ctx, c.error())) return;
    if (ctx.json) print_case(ctx, scope->lib, *c);
    else *ctx.out << "Phase '" << a->name << "' starts at " << format_time(*at) << ".\n";
  });

  auto* remove = cmd->add_subcommand("remove", "Remove a phase");
  add_session_option(remove, a->session);
  remove->add_option("name", a->name, "The phase's name")->required();
  remove->callback([&ctx, a] {
    auto scope = scope_for(ctx, a->session);
    if (!scope) return;
    auto c = app::remove_lesson_phase(scope->lib, scope->session.id, a->name, scope->me.id, now_ms());
    if (!c && fail(ctx, c.error())) return;
    if (ctx.json) print_case(ctx, scope->lib, *c);
    else *ctx.out << "Phase '" << a->name << "' removed.\n";
  });
}

void register_prediction(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("prediction", "Lesson Study predictions, written before watching, and predicted vs observed");
  cmd->require_subcommand(1);
  auto a = std::make_shared<LessonStudyArgs>();

  auto* add = cmd->add_subcommand(
      "add", "Write (or rewrite) your prediction for a case pupil in a phase; only before your first comment on the lesson");
  add_session_option(add, a->session);
  add->add_option("--pupil", a->pupil, "The case pupil's code")->required();
  add->add_option("--phase", a->phase, "The phase's name (\"Whole lesson\" when the lesson has no phases)")->required();
  add->add_option("text", a->text, "What you expect the pupil to do")->required();
  add->callback([&ctx, a] {
    auto scope = scope_for(ctx, a->session);
    if (!scope) return;
    auto p = app::predict(scope->lib, scope->session.id, scope->me.id, a->pupil, a->phase, a->text, now_ms());
    if (!p && fail(ctx, p.error())) return;
    if (ctx.json) *ctx.out << dump(app::prediction_json(scope->lib, *p)) << "\n";
    else *ctx.out << "Prediction for " << p->pupil << " in " << p->phase << " saved.\n";
  });

  auto* list = cmd->add_subcommand("list", "The predictions you may read");
  add_session_option(list, a->session);
  list->callback([&ctx, a] {
    auto scope = scope_for(ctx, a->session);
    if (!scope) return;
    auto ps = app::visible_predictions(scope->lib, scope->session.id, scope->me.id);
    if (!ps && fail(ctx, ps.error())) return;
    json arr = json::array();
    for (const auto& p : *ps) {
      if (ctx.json) arr.push_back(app::prediction_json(scope->lib, p));
      else
        *ctx.out << p.pupil << "\t" << p.phase << "\t" << app::person_name(scope->lib, p.author_id) << "\t" << p.text << "\n";
    }
    if (ctx.json) *ctx.out << dump(arr) << "\n";
  });

  auto* compare = cmd->add_subcommand("compare", "Predicted vs observed: per case pupil and phase, the predictions beside "
                                                 "the comments tagged with that pupil in that phase");
  add_session_option(compare, a->session);
  compare->callback([&ctx, a] {
    auto scope = scope_for(ctx, a->session);
    if (!scope) return;
    auto v = app::predicted_vs_observed(scope->lib, scope->session.id, scope->me.id);
    if (!v && fail(ctx, v.error())) return;
    if (ctx.json) {
      *ctx.out << dump(app::predicted_observed_json(scope->lib, *v)) << "\n";
      return;
    }
    if (v->pupils.empty()) *ctx.out << "No case pupils yet (triad pupil add).\n";
    for (const auto& row : v->pupils) {
      *ctx.out << row.pupil.code << (row.pupil.description.empty() ? "" : " (" + row.pupil.description + ")") << "\n";
      for (std::size_t i = 0; i < row.phases.size(); ++i) {
        *ctx.out << "  " << v->phases[i].name << " (from " << format_time(v->phases[i].start_us) << ")\n";
        for (const auto& p : row.phases[i].predicted)
          *ctx.out << "    predicted by " << app::person_name(scope->lib, p.author_id) << ": " << p.text << "\n";
        for (const auto& c : row.phases[i].observed)
          *ctx.out << "    observed at " << format_time(c.start_us) << " by " << app::person_name(scope->lib, c.author_id)
                   << ": " << c.text << "\n";
        if (row.phases[i].predicted.empty() && row.phases[i].observed.empty()) *ctx.out << "    (nothing yet)\n";
      }
    }
  });
}

}  // namespace

void register_lesson_study_commands(CLI::App& app, Context& ctx) {
  register_pupil(app, ctx);
  register_phase(app, ctx);
  register_prediction(app, ctx);
}

}  // namespace triad::cli
