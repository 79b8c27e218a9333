// Subcommands of the workflow area: protocol, framework, participant, review, meeting,
// reply (and `comment reply` when the store area has a `comment` command), action.
// Owned by the workflow work; registered from main.cpp. Every command acts as the
// global --as person (name or id; default: the library's owner) and honours --db and
// --json. Rules live in core/ and store/workflow.hpp; this file parses, calls, prints.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "app/action_items.hpp"
#include "app/meeting.hpp"
#include "app/talk_analysis.hpp"
#include "app/comment_actions.hpp"
#include "app/person_name.hpp"
#include "app/review_actions.hpp"
#include "app/session_setup.hpp"
#include "base/atomic_file.hpp"
#include "base/wall_clock.hpp"
#include "base/time.hpp"
#include "cli/comment_view.hpp"
#include "cli/context.hpp"
#include "cli/library_access.hpp"
#include "core/agenda.hpp"
#include "core/agreement.hpp"
#include "core/framework.hpp"
#include "core/protocol.hpp"
#include "core/recording_clock.hpp"
#include "core/review.hpp"
#include "core/roles.hpp"
#include "store/shipped_frameworks.hpp"
#include "store/workflow.hpp"

namespace triad::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using store::Library;
using store::OpenMode;

// ---- shared plumbing --------------------------------------------------------------------


std::string name_of(Library& lib, RowId id) { return app::person_name(lib, id); }

std::string role_of(Library& lib, RowId session, RowId person) {
  auto r = store::participant_role(lib, session, person);
  if (!r || !*r) return "not a participant";
  return std::string(role_label(**r));
}

std::string format_ms_date(std::int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

// What a command acting in one session starts from (cli/library_access.hpp): the library,
// which must exist, the session named and the acting person; nullopt when one of them
// fails, the failure already reported on ctx.
std::optional<SessionScope> open_scope(Context& ctx, const std::string& session_arg) {
  auto scope = open_session_as(ctx, OpenMode::ExistingOnly, session_arg);
  if (!scope && fail(ctx, scope.error())) return std::nullopt;
  return std::move(*scope);
}

// Pointer-like handles, so command bodies read `lib->`, `me->id`, `s->id`.
std::tuple<Library*, const Person*, const Session*> parts(SessionScope& scope) {
  return {&scope.lib, &scope.me, &scope.session};
}

// The same for commands that act as nobody in particular (lists).
std::optional<LibrarySession> open_for_reading(Context& ctx, const std::string& session_arg) {
  auto opened = open_session(ctx, OpenMode::ExistingOnly, session_arg);
  if (!opened && fail(ctx, opened.error())) return std::nullopt;
  return std::move(*opened);
}
std::tuple<Library*, const Session*> parts(LibrarySession& opened) { return {&opened.lib, &opened.session}; }

Result<std::optional<Framework>> read_shipped(const std::string& code) { return store::read_shipped_framework(code); }
std::vector<std::string> shipped_codes() { return store::shipped_framework_codes(); }

Result<Visibility> visibility_arg(const std::string& s) {
  auto v = parse_visibility(s);
  if (!v) return make_error("Visibility '" + s + "' is not private, triad or everyone.");
  return *v;
}

json action_json(Library& lib, const Action& a) {
  json j = {{"id", a.id}, {"session_id", a.session_id}, {"text", a.text}, {"done", a.done},
            {"created_by", name_of(lib, a.created_by)}, {"created_at_ms", a.created_at_ms}};
  j["owner"] = a.owner_id ? json(name_of(lib, *a.owner_id)) : json(nullptr);
  j["comment_uuid"] = a.comment_uuid ? json(*a.comment_uuid) : json(nullptr);
  return j;
}

std::string action_line(Library& lib, const Action& a) {
  std::string s = "#" + std::to_string(a.id) + (a.done ? " [done] " : " [open] ") + a.text;
  if (a.owner_id) s += " (" + name_of(lib, *a.owner_id) + ")";
  return s;
}

// ---- protocol ---------------------------------------------------------------------------

struct ProtocolSetArgs {
  std::string session;
  std::vector<std::string> focus;
  std::string framework, detective_framework, visibility, blind, retention, require;
  std::vector<std::string> stems;
};

void protocol_show(Context& ctx, const std::string& session_arg);

void protocol_set(Context& ctx, const ProtocolSetArgs& a) {
  auto scope = open_scope(ctx, a.session);
  if (!scope) return;
  auto [lib, me, session] = parts(*scope);
  // Only what was asked changes (app/session_setup.hpp), so `--blind on` alone keeps the
  // agreed stems and focus.
  app::ProtocolChange ch;
  if (!a.focus.empty()) ch.focus = a.focus;
  if (!a.framework.empty()) ch.framework = a.framework;
  if (!a.detective_framework.empty()) ch.detective_framework = a.detective_framework;
  if (!a.stems.empty()) ch.stems = a.stems;
  if (!a.require.empty()) {
    ch.required.emplace();
    if (a.require != "none") {
      std::stringstream ss(a.require);
      for (std::string code; std::getline(ss, code, ',');) ch.required->push_back(code);
    }
  }
  if (!a.visibility.empty()) {
    auto v = visibility_arg(a.visibility);
    if (!v && fail(ctx, v.error())) return;
    ch.default_visibility = *v;
  }
  if (!a.blind.empty()) {
    if (a.blind != "on" && a.blind != "off") {
      ctx.fail("--blind takes on or off, not '" + a.blind + "'.", kUsage);
      return;
    }
    ch.blind_review = a.blind == "on";
  }
  if (!a.retention.empty())
    ch.retention_date = a.retention == "none" ? std::optional<std::string>() : std::optional<std::string>(a.retention);
  auto saved = app::change_protocol(*lib, session->id, ch, me->id);
  if (!saved && fail(ctx, saved.error())) return;
  if (!ctx.json) *ctx.out << "Protocol of session " << session->id << " (" << session->title << ") saved.\n";
  protocol_show(ctx, std::to_string(session->id));
}

void protocol_show(Context& ctx, const std::string& session_arg) {
  auto scope = open_scope(ctx, session_arg);
  if (!scope) return;
  auto [lib, me, session] = parts(*scope);
  auto eff = store::effective_protocol(*lib, session->id);
  if (!eff && fail(ctx, eff.error())) return;
  auto parts = store::list_participants(*lib, session->id);
  if (!parts && fail(ctx, parts.error())) return;
  auto review = store::review_state(*lib, session->id);
  if (!review && fail(ctx, review.error())) return;
  auto times = store::review_time_by_person(*lib, session->id);
  if (!times && fail(ctx, times.error())) return;
  const Protocol& p = eff->protocol;
  auto fw = lib->find_framework(p.framework_code);
  if (!fw && fail(ctx, fw.error())) return;

  if (ctx.json) {
    json j = json::parse(protocol_to_json(p));
    j["session_id"] = session->id;
    j["session"] = session->title;
    j["reviewing_as"] = {{"person", me->display_name}, {"role", role_of(*lib, session->id, me->id)}};
    j["inherited_from_session"] = eff->source_session_id && *eff->source_session_id != session->id
                                      ? json(*eff->source_session_id) : json(nullptr);
    j["is_default"] = !eff->source_session_id.has_value();
    j["retention_passed"] = retention_passed(p, today_iso());
    json carried = json::array();
    for (const auto& a : eff->carried_actions) carried.push_back(action_json(*lib, a));
    j["carried_actions"] = carried;
    json people = json::array();
    for (const auto& pp : *parts) {
      auto it = times->find(pp.person_id);
      people.push_back({{"person", name_of(*lib, pp.person_id)},
                        {"person_id", pp.person_id},
                        {"role", std::string(to_string(pp.role))},
                        {"review_ms", it == times->end() ? 0 : it->second}});
    }
    j["participants"] = people;
    json subs = json::array();
    for (const auto& s : review->submissions)
      subs.push_back({{"person", name_of(*lib, s.person_id)}, {"submitted_at_ms", s.submitted_at_ms}});
    j["submissions"] = subs;
    j["reveal"] = review->reveal ? json{{"by", name_of(*lib, review->reveal->revealed_by)},
                                        {"at_ms", review->reveal->revealed_at_ms},
                                        {"automatic", review->reveal->automatic}}
                                 : json(nullptr);
    if (fw && *fw) j["pupils"] = (*fw)->pupils;
    *ctx.out << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return;
  }

  auto& o = *ctx.out;
  o << "Session " << session->id << ": " << session->title;
  if (!session->date.empty()) o << " (" << session->date << ")";
  o << "\nReviewing as: " << me->display_name << " (" << role_of(*lib, session->id, me->id) << ")\n";
  if (!eff->source_session_id)
    o << "Protocol: Triad's default (none agreed yet)\n";
  else if (*eff->source_session_id != session->id)
    o << "Protocol: inherited from session " << *eff->source_session_id << " of cycle '" << session->cycle << "'\n";
  if (p.focus_questions.empty()) o << "Focus: (none)\n";
  for (const auto& q : p.focus_questions) o << "Focus: " << q << "\n";
  o << "Framework: " << p.framework_code;
  if (fw && *fw) {
    o << " (" << (*fw)->name << ")\n  tags:";
    for (const auto& t : (*fw)->tags)
      o << " " << (t.hotkey.empty() ? "" : "[" + t.hotkey + "]") << t.label << ";";
    if (!(*fw)->pupils.empty()) {
      o << "\n  pupils:";
      for (const auto& pu : (*fw)->pupils) o << " " << pu << ";";
    }
  }
  o << "\nLearning detectives use: " << p.detective_framework_code << "\n";
  o << "Stems:";
  for (const auto& s : p.stems) o << " " << s.label << (s.required ? " (required)" : "") << ";";
  o << "\nNew comments: " << to_string(p.default_visibility) << " (self-review: private)\n";
  o << "Blind review: " << (p.blind_review ? "on" : "off");
  if (p.blind_review) {
    o << ", " << review->submissions.size() << " submitted, " << review->pending.size() << " pending";
    if (review->reveal)
      o << ", revealed by " << name_of(*lib, review->reveal->revealed_by) << " at "
        << format_ms_date(review->reveal->revealed_at_ms) << (review->reveal->automatic ? " (all submitted)" : "");
    else
      o << ", not revealed";
  }
  o << "\nRetention: " << (p.retention_date ? "delete the recording after " + *p.retention_date : "none set");
  if (retention_passed(p, today_iso())) o << " (passed: the recording is due for deletion)";
  o << "\n";
  o << "Participants:\n";
  if (parts->empty()) o << "  (none)\n";
  for (const auto& pp : *parts) {
    auto it = times->find(pp.person_id);
    o << "  " << name_of(*lib, pp.person_id) << " - " << role_label(pp.role) << ", review time "
      << format_review_time(it == times->end() ? 0 : it->second) << "\n";
  }
  if (!eff->carried_actions.empty()) {
    o << "Carried from earlier lessons of the cycle:\n";
    for (const auto& a : eff->carried_actions) o << "  " << action_line(*lib, a) << "\n";
  }
}

void register_protocol(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("protocol", "The observation protocol agreed for a session");
  cmd->require_subcommand(1);

  auto args = std::make_shared<ProtocolSetArgs>();
  auto* set = cmd->add_subcommand("set", "Agree or change a session's protocol (unchanged fields are kept)");
  add_session_option(set, args->session);
  set->add_option("--focus", args->focus, "Focus / research question (repeat for several; replaces the list)");
  set->add_option("--framework", args->framework, "Tag framework code (a shipped one is imported on first use)");
  set->add_option("--detective-framework", args->detective_framework, "Child-friendly framework for learning detectives");
  set->add_option("--stem", args->stems,
                  "Feedback stem CODE=Label, or a default code (took-away, try, question, strength, note); "
                  "a trailing ! makes it required. Repeat; replaces the list");
  set->add_option("--require", args->require, "Comma-separated stem codes that are required, or 'none'");
  set->add_option("--visibility", args->visibility, "Default visibility of new comments: private, triad, everyone");
  set->add_option("--blind", args->blind, "Blind review: on or off");
  set->add_option("--retention", args->retention, "Delete the recording after this date (YYYY-MM-DD), or 'none'");
  set->callback([&ctx, args] { protocol_set(ctx, *args); });

  auto session = std::make_shared<std::string>();
  auto* show = cmd->add_subcommand("show", "Show the protocol, participants, review state and review time");
  add_session_option(show, *session);
  show->callback([&ctx, session] { protocol_show(ctx, *session); });
}

// ---- framework --------------------------------------------------------------------------

void framework_list(Context& ctx) {
  // Works without a library: it then lists what ships.
  std::optional<Library> lib;
  std::error_code ec;
  fs::path path = ctx.db_path;
  if (path.empty())
    if (auto def = Library::default_path()) path = *def;
  if (!path.empty() && fs::exists(path, ec)) {
    auto opened = Library::open(path, OpenMode::ExistingOnly);
    if (!opened && fail(ctx, opened.error())) return;
    lib.emplace(std::move(*opened));
  }
  struct Row {
    std::string code, name, where;
    std::size_t tags = 0;
    bool child = false;
    std::vector<std::string> pupils;
  };
  std::map<std::string, Row> rows;
  if (lib) {
    auto fws = lib->list_frameworks();
    if (!fws && fail(ctx, fws.error())) return;
    for (const auto& f : *fws) rows[f.code] = {f.code, f.name, "library", f.tags.size(), f.child_friendly, f.pupils};
  }
  for (const auto& code : shipped_codes()) {
    if (rows.count(code)) continue;
    auto def = read_shipped(code);
    if (!def && fail(ctx, def.error())) return;
    if (!*def) continue;
    const Framework& f = **def;
    rows[code] = {f.code, f.name, "shipped", f.tags.size(), f.child_friendly, f.pupils};
  }
  if (ctx.json) {
    json arr = json::array();
    for (const auto& [code, r] : rows)
      arr.push_back({{"code", r.code}, {"name", r.name}, {"source", r.where}, {"tags", r.tags},
                     {"child_friendly", r.child}, {"pupils", r.pupils}});
    *ctx.out << arr.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return;
  }
  for (const auto& [code, r] : rows) {
    *ctx.out << r.code << "  " << r.name << "  (" << r.tags << " tags" << (r.child ? ", child-friendly" : "")
             << (r.pupils.empty() ? "" : ", " + std::to_string(r.pupils.size()) + " pupil lanes") << "; " << r.where
             << ")\n";
  }
}

void framework_import(Context& ctx, const std::string& file) {
  auto text = read_file(file, 4 << 20);
  if (!text && fail(ctx, Error{text.error().message, ErrorKind::kIoError})) return;
  auto def = parse_framework(*text, file);
  if (!def && fail(ctx, def.error())) return;
  auto lib = open_library(ctx, OpenMode::Create);
  if (!lib && fail(ctx, lib.error())) return;
  auto added = store::import_framework(*lib, *def);
  if (!added && fail(ctx, added.error())) return;
  if (ctx.json)
    *ctx.out << json{{"code", added->code}, {"id", added->id}, {"tags", added->tags.size()}}.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  else
    *ctx.out << "Imported framework " << added->code << " (" << added->name << ", " << added->tags.size()
             << " tags).\n";
}

void framework_export(Context& ctx, const std::string& code, const std::string& out_file) {
  std::optional<Framework> def;
  std::error_code ec;
  fs::path path = ctx.db_path;
  if (path.empty())
    if (auto d = Library::default_path()) path = *d;
  if (!path.empty() && fs::exists(path, ec)) {
    auto lib = open_library(ctx, OpenMode::ExistingOnly);
    if (!lib && fail(ctx, lib.error())) return;
    auto loaded = lib->find_framework(code);
    if (!loaded && fail(ctx, loaded.error())) return;
    def = *loaded;
  }
  if (!def) {
    auto shipped = read_shipped(code);
    if (!shipped && fail(ctx, shipped.error())) return;
    def = *shipped;
  }
  if (!def) {
    ctx.fail("There is no framework '" + code + "' in the library or among the shipped ones.");
    return;
  }
  std::string text = framework_to_json(*def);
  if (out_file.empty() || out_file == "-") {
    *ctx.out << text;
    return;
  }
  if (auto st = write_file_atomically(out_file, text); !st) {
    ctx.fail(st.error().message, kIoError);
    return;
  }
  if (!ctx.json) *ctx.out << "Wrote framework " << code << " to " << out_file << ".\n";
}

void register_framework(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("framework", "Tag frameworks (shipped, imported, your own)");
  cmd->require_subcommand(1);
  cmd->add_subcommand("list", "List frameworks in the library and those shipped with Triad")
      ->callback([&ctx] { framework_list(ctx); });
  auto file = std::make_shared<std::string>();
  auto* imp = cmd->add_subcommand("import", "Add a framework from a JSON file (format: assets/frameworks/README.md)");
  imp->add_option("file", *file, "Framework JSON file")->required();
  imp->callback([&ctx, file] { framework_import(ctx, *file); });
  auto code = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto* exp = cmd->add_subcommand("export", "Write a framework as JSON (stdout unless -o)");
  exp->add_option("code", *code, "Framework code")->required();
  exp->add_option("-o,--output", *out, "Output file");
  exp->callback([&ctx, code, out] { framework_export(ctx, *code, *out); });
}

// ---- participant ------------------------------------------------------------------------

struct ParticipantArgs {
  std::string session, person, role;
};

constexpr const char* kRoleHelp =
    "teacher (observed), observer, mentor, nqt (self-review), learning-detective, facilitator";

// --session, --person and (for add and role) --role: the block add, remove and role share.
void add_participant_options(CLI::App* cmd, ParticipantArgs& a, bool with_role) {
  add_session_option(cmd, a.session);
  cmd->add_option("--person", a.person, "Person (display name or id)")->required();
  if (with_role) cmd->add_option("--role", a.role, kRoleHelp)->required();
}

// What add, remove and role start from: the role asked for (when `with_role`), the scope
// acting as --as, and the person named; nullopt when one fails (reported on ctx).
struct ParticipantTarget {
  SessionScope scope;
  Person person;
  Role role = Role::Observer;
};
std::optional<ParticipantTarget> open_participant_target(Context& ctx, const ParticipantArgs& a, bool with_role) {
  Role role = Role::Observer;
  if (with_role) {
    auto parsed = parse_role(a.role);
    if (!parsed) {
      ctx.fail("Role '" + a.role + "' is not one of teacher, observer, mentor, nqt, learning-detective, facilitator.");
      return std::nullopt;
    }
    role = *parsed;
  }
  auto scope = open_scope(ctx, a.session);
  if (!scope) return std::nullopt;
  auto person = scope->lib.resolve_person(a.person);
  if (!person && fail(ctx, person.error())) return std::nullopt;
  return ParticipantTarget{std::move(*scope), std::move(*person), role};
}

void participant_add(Context& ctx, const ParticipantArgs& a) {
  auto t = open_participant_target(ctx, a, true);
  if (!t) return;
  auto [lib, me, session] = parts(t->scope);
  auto added = app::add_participant_as(*lib, session->id, t->person.id, t->role, me->id);
  if (!added && fail(ctx, added.error())) return;
  if (ctx.json)
    *ctx.out << json{{"session_id", session->id}, {"person", t->person.display_name}, {"person_id", t->person.id},
                     {"role", std::string(to_string(t->role))}}.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  else
    *ctx.out << t->person.display_name << " joins session " << session->id << " as " << role_label(t->role) << ".\n";
}

void participant_remove(Context& ctx, const ParticipantArgs& a) {
  auto t = open_participant_target(ctx, a, false);
  if (!t) return;
  auto [lib, me, session] = parts(t->scope);
  if (auto st = app::remove_participant_as(*lib, session->id, t->person.id, me->id); !st && fail(ctx, st.error()))
    return;
  if (ctx.json)
    *ctx.out << json{{"session_id", session->id}, {"person", t->person.display_name}, {"person_id", t->person.id},
                     {"removed", true}}.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  else
    *ctx.out << t->person.display_name << " no longer takes part in session " << session->id
             << "; their comments stay.\n";
}

void participant_change_role(Context& ctx, const ParticipantArgs& a) {
  auto t = open_participant_target(ctx, a, true);
  if (!t) return;
  auto [lib, me, session] = parts(t->scope);
  auto changed = app::change_role_as(*lib, session->id, t->person.id, t->role, me->id);
  if (!changed && fail(ctx, changed.error())) return;
  if (ctx.json)
    *ctx.out << json{{"session_id", session->id}, {"person", t->person.display_name}, {"person_id", t->person.id},
                     {"role", std::string(to_string(t->role))}}.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  else
    *ctx.out << t->person.display_name << " is now " << role_label(t->role) << " in session " << session->id << ".\n";
}

void participant_list(Context& ctx, const std::string& session_arg) {
  auto opened = open_for_reading(ctx, session_arg);
  if (!opened) return;
  auto [lib, s] = parts(*opened);
  auto people = store::list_participants(*lib, s->id);
  if (!people && fail(ctx, people.error())) return;
  auto times = store::review_time_by_person(*lib, s->id);
  if (!times && fail(ctx, times.error())) return;
  json arr = json::array();
  for (const auto& p : *people) {
    auto it = times->find(p.person_id);
    std::int64_t ms = it == times->end() ? 0 : it->second;
    if (ctx.json)
      arr.push_back({{"person", name_of(*lib, p.person_id)}, {"person_id", p.person_id},
                     {"role", std::string(to_string(p.role))}, {"review_ms", ms}});
    else
      *ctx.out << name_of(*lib, p.person_id) << "\t" << role_label(p.role) << "\treview time "
               << format_review_time(ms) << "\n";
  }
  if (ctx.json) *ctx.out << arr.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

void register_participant(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("participant", "People taking part in a session, with their roles");
  cmd->require_subcommand(1);

  auto a = std::make_shared<ParticipantArgs>();
  auto* add = cmd->add_subcommand("add", "Add a person to a session with a role");
  add_participant_options(add, *a, true);
  add->callback([&ctx, a] { participant_add(ctx, *a); });

  auto* remove = cmd->add_subcommand(
      "remove", "Remove a person from a session (a facilitator or the observed teacher; their comments stay)");
  add_participant_options(remove, *a, false);
  remove->callback([&ctx, a] { participant_remove(ctx, *a); });

  auto* role = cmd->add_subcommand("role", "Give a participant another role (a facilitator or the observed teacher)");
  add_participant_options(role, *a, true);
  role->callback([&ctx, a] { participant_change_role(ctx, *a); });

  auto session = std::make_shared<std::string>();
  auto* list = cmd->add_subcommand("list", "List a session's participants, roles and review time");
  add_session_option(list, *session);
  list->callback([&ctx, session] { participant_list(ctx, *session); });
}

// ---- review -----------------------------------------------------------------------------

void register_review(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("review", "Blind review: submit, reveal, approve; review time");
  cmd->require_subcommand(1);
  auto session = std::make_shared<std::string>();

  auto* submit = cmd->add_subcommand("submit", "Mark your review of the session as submitted");
  add_session_option(submit, *session);
  submit->callback([&ctx, session] {
    auto scope = open_scope(ctx, *session);
    if (!scope) return;
    auto [lib, me, s] = parts(*scope);
    auto out = app::submit_review(*lib, s->id, me->id);
    if (!out && fail(ctx, out.error())) return;
    if (ctx.json) {
      *ctx.out << json{{"session_id", s->id}, {"person", me->display_name},
                       {"submitted_at_ms", out->outcome.submission.submitted_at_ms},
                       {"revealed", out->outcome.reveal.has_value()}}
                      .dump(-1, ' ', false, json::error_handler_t::replace)
               << "\n";
      return;
    }
    *ctx.out << out->sentence << "\n";
  });

  auto* reveal = cmd->add_subcommand("reveal", "Reveal a blind review (facilitator, or once all have submitted)");
  add_session_option(reveal, *session);
  reveal->callback([&ctx, session] {
    auto scope = open_scope(ctx, *session);
    if (!scope) return;
    auto [lib, me, s] = parts(*scope);
    auto r = app::reveal_reviews(*lib, s->id, me->id);
    if (!r && fail(ctx, r.error())) return;
    if (ctx.json)
      *ctx.out << json{{"session_id", s->id}, {"revealed_by", me->display_name},
                       {"revealed_at_ms", r->reveal.revealed_at_ms}}
                      .dump(-1, ' ', false, json::error_handler_t::replace)
               << "\n";
    else
      *ctx.out << r->sentence << "\n";
  });

  auto uuid = std::make_shared<std::string>();
  auto* approve = cmd->add_subcommand("approve", "Facilitator: let staff see a learning detective's comment");
  approve->add_option("--comment", *uuid, "Comment uuid")->required();
  approve->callback([&ctx, uuid] {
    auto lib = open_library(ctx, OpenMode::ExistingOnly);
    if (!lib && fail(ctx, lib.error())) return;
    auto me = actor(ctx, *lib);
    if (!me && fail(ctx, me.error())) return;
    auto approved = app::approve_detective_comment(*lib, *uuid, me->id);
    if (!approved && fail(ctx, approved.error())) return;
    if (ctx.json)
      *ctx.out << json{{"approved", *uuid}, {"by", me->display_name}}.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    else
      *ctx.out << *approved << "\n";
  });

  auto duration = std::make_shared<std::string>();
  auto* log = cmd->add_subcommand("log", "Record time spent reviewing (ending now)");
  add_session_option(log, *session);
  log->add_option("--duration", *duration, "How long, e.g. 25:00 or 1:05:00")->required();
  log->callback([&ctx, session, duration] {
    auto d = parse_time(*duration);
    if (!d && fail(ctx, d.error())) return;
    if (*d <= 0) {
      ctx.fail("A review duration must be longer than zero.");
      return;
    }
    auto scope = open_scope(ctx, *session);
    if (!scope) return;
    auto [lib, me, s] = parts(*scope);
    auto role = store::participant_role(*lib, s->id, me->id);
    if (!role && fail(ctx, role.error())) return;
    if (!*role) {
      ctx.fail(me->display_name + " is not a participant of session " + std::to_string(s->id) + ".");
      return;
    }
    const std::int64_t seconds = *d / kUsPerSecond;
    const std::int64_t now = now_ms();
    auto logged = lib->log_review_time(me->id, s->id, now - seconds * 1000, seconds);
    if (!logged && fail(ctx, logged.error())) return;
    if (!ctx.json) *ctx.out << "Logged " << format_review_time(seconds * 1000) << " of review.\n";
  });

  auto* time = cmd->add_subcommand("time", "Review time per person for a session");
  add_session_option(time, *session);
  time->callback([&ctx, session] {
    auto opened = open_for_reading(ctx, *session);
    if (!opened) return;
    auto [lib, s] = parts(*opened);
    auto times = store::review_time_by_person(*lib, s->id);
    if (!times && fail(ctx, times.error())) return;
    json arr = json::array();
    std::int64_t total = 0;
    for (const auto& [person, ms] : *times) {
      total += ms;
      if (ctx.json)
        arr.push_back({{"person", name_of(*lib, person)}, {"person_id", person}, {"review_ms", ms}});
      else
        *ctx.out << name_of(*lib, person) << "\t" << format_review_time(ms) << "\n";
    }
    if (ctx.json)
      *ctx.out << json{{"session_id", s->id}, {"people", arr}, {"total_ms", total}}.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    else
      *ctx.out << "Total\t" << format_review_time(total) << "\n";
  });
}

// ---- meeting ----------------------------------------------------------------------------

struct AgendaArgs {
  std::string session, window = "5", preroll = "3", postroll = "2";
  bool shared_only = false;
};

void meeting_agenda(Context& ctx, const AgendaArgs& a) {
  AgendaOptions opt;
  opt.shared_only = a.shared_only;
  for (auto [text, field] : {std::pair{&a.window, &opt.window_us}, std::pair{&a.preroll, &opt.preroll_us},
                             std::pair{&a.postroll, &opt.postroll_us}}) {
    auto t = parse_time(*text);
    if (!t && fail(ctx, t.error())) return;
    *field = *t;
  }
  if (auto v = validate_agenda_options(opt); !v && fail(ctx, v.error())) return;
  auto scope = open_scope(ctx, a.session);
  if (!scope) return;
  auto [lib, me, s] = parts(*scope);
  auto recs = lib->recordings_for_session(s->id);
  if (!recs && fail(ctx, recs.error())) return;
  if (const Recording* clock = session_clock(*recs); clock && clock->duration_us > 0) opt.duration_us = clock->duration_us;

  // The one visibility rule decides what this person may see; the agenda is built from that.
  auto visible = store::list_visible_comments(*lib, s->id, me->id);
  if (!visible && fail(ctx, visible.error())) return;
  auto items = build_agenda(*visible, opt);
  if (!opt.shared_only) add_seen_differently(items, compute_agreement(*visible, {}), opt);  // "seen differently"
  auto lines = thread_order(*visible);
  std::map<std::string, const Comment*> by_uuid;
  for (const auto& c : *visible) by_uuid[c.uuid] = &c;
  // Replies of each top-level comment, in thread order with depth.
  std::map<std::string, std::vector<std::pair<const Comment*, int>>> replies;
  std::string root;
  for (const auto& l : lines) {
    const Comment& c = (*visible)[l.index];
    if (l.depth == 0)
      root = c.uuid;
    else
      replies[root].push_back({&c, l.depth});
  }
  auto actions = store::list_actions(*lib, s->id);
  if (!actions && fail(ctx, actions.error())) return;
  // The lesson's talk as last analysed (the cache only: the agenda never decodes sound).
  const std::optional<TalkAnalysis> talk = app::cached_session_analysis(*lib, s->id, *visible);
  const std::string talk_line = app::meeting_talk_line(talk);

  if (ctx.json) {
    json arr = json::array();
    for (const auto& it : items) {
      json authors = json::array(), comments = json::array();
      for (RowId p : it.authors) authors.push_back(name_of(*lib, p));
      for (const auto& u : it.comment_uuids) {
        json cj = comment_json(*lib, *by_uuid.at(u));
        json rj = json::array();
        for (const auto& [r, depth] : replies[u]) {
          json one = comment_json(*lib, *r);
          one["depth"] = depth;
          rj.push_back(one);
        }
        cj["replies"] = rj;
        comments.push_back(cj);
      }
      arr.push_back({{"number", it.number}, {"start_us", it.start_us}, {"end_us", it.end_us},
                     {"loop_start_us", it.loop_start_us}, {"loop_end_us", it.loop_end_us}, {"shared", it.shared()},
                     {"authors", authors}, {"tags", it.tags}, {"comments", comments},
                     {"note", seen_differently(it) ? "seen differently" : ""}});
    }
    json acts = json::array();
    for (const auto& ac : *actions) acts.push_back(action_json(*lib, ac));
    *ctx.out << json{{"session_id", s->id}, {"viewer", me->display_name}, {"window_us", opt.window_us},
                     {"items", arr}, {"actions", acts}, {"talk", talk_line},
                     {"talk_analysed", talk.has_value()}}.dump(2, ' ', false, json::error_handler_t::replace)
             << "\n";
    return;
  }
  auto& o = *ctx.out;
  o << "Agenda for session " << s->id << " (" << s->title << "), as " << me->display_name << ": " << items.size()
    << " item" << (items.size() == 1 ? "" : "s") << "\n";
  o << talk_line << "\n";
  for (const auto& it : items) {
    o << "#" << it.number << "  " << format_time(it.start_us);
    if (it.end_us != it.start_us) o << " - " << format_time(it.end_us);
    o << "  loop " << format_time(it.loop_start_us) << " - " << format_time(it.loop_end_us) << "  ";
    for (std::size_t i = 0; i < it.authors.size(); ++i) o << (i ? ", " : "") << name_of(*lib, it.authors[i]);
    o << (it.shared() ? "  [" + std::to_string(it.authors.size()) + " people]" : "")
      << (seen_differently(it) ? "  (seen differently)" : "") << "\n";
    for (const auto& u : it.comment_uuids) {
      const Comment& c = *by_uuid.at(u);
      o << "    " << format_time(c.start_us) << " " << name_of(*lib, c.author_id) << " (" << c.kind << "): " << c.text;
      if (!c.tags.empty()) {
        o << " [";
        for (std::size_t i = 0; i < c.tags.size(); ++i) o << (i ? ", " : "") << c.tags[i];
        o << "]";
      }
      o << "  {" << c.uuid << "}\n";
      for (const auto& [r, depth] : replies[u])
        o << std::string(4 + 2 * static_cast<std::size_t>(depth), ' ') << "-> " << name_of(*lib, r->author_id) << ": "
          << r->text << "\n";
    }
  }
  if (!actions->empty()) {
    o << "Actions:\n";
    for (const auto& ac : *actions) o << "  " << action_line(*lib, ac) << "\n";
  }
}

void register_meeting(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("meeting", "Feedback meeting: the merged agenda");
  cmd->require_subcommand(1);
  auto a = std::make_shared<AgendaArgs>();
  auto* agenda = cmd->add_subcommand("agenda", "Moments flagged by several people, with loops, replies and actions");
  add_session_option(agenda, a->session);
  agenda->add_option("--window", a->window, "Group comments starting within this many seconds (default 5)");
  agenda->add_option("--preroll", a->preroll, "Loop starts this long before the item (default 3)");
  agenda->add_option("--postroll", a->postroll, "Loop ends this long after the item (default 2)");
  agenda->add_flag("--shared-only", a->shared_only, "Only moments flagged by two or more people");
  agenda->callback([&ctx, a] { meeting_agenda(ctx, *a); });
}

// ---- replies ----------------------------------------------------------------------------

struct ReplyArgs {
  std::string to, text, visibility;
};

void reply(Context& ctx, const ReplyArgs& a) {
  std::optional<Visibility> vis;
  if (!a.visibility.empty()) {
    auto v = visibility_arg(a.visibility);
    if (!v && fail(ctx, v.error())) return;
    vis = *v;
  }
  auto lib = open_library(ctx, OpenMode::ExistingOnly);
  if (!lib && fail(ctx, lib.error())) return;
  auto me = actor(ctx, *lib);
  if (!me && fail(ctx, me.error())) return;
  auto r = app::add_reply(*lib, {a.to, me->id, a.text, vis});
  if (!r && fail(ctx, r.error())) return;
  if (ctx.json)
    *ctx.out << comment_json(*lib, r->comment).dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  else
    *ctx.out << r->sentence << "\n";
}

void add_reply_options(CLI::App* cmd, Context& ctx) {
  auto a = std::make_shared<ReplyArgs>();
  cmd->add_option("--to", a->to, "Uuid of the comment answered")->required();
  cmd->add_option("--text", a->text, "The reply")->required();
  cmd->add_option("--visibility", a->visibility, "private, triad or everyone (default: the protocol's)");
  cmd->callback([&ctx, a] { reply(ctx, *a); });
}

void register_reply(CLI::App& app, Context& ctx) {
  add_reply_options(app.add_subcommand("reply", "Reply under a comment (threaded)"), ctx);
  // The store area owns `comment`; when it is registered (it is, before this area), the
  // reply is offered there too, as `triad comment reply`.
  for (CLI::App* sub : app.get_subcommands([](CLI::App* s) { return s->get_name() == "comment"; }))
    add_reply_options(sub->add_subcommand("reply", "Reply under a comment (threaded)"), ctx);
}

// ---- actions ----------------------------------------------------------------------------

void register_action(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("action", "Agreed next steps, carried into the next lesson of a cycle");
  cmd->require_subcommand(1);

  struct AddArgs {
    std::string session, text, owner, comment;
  };
  auto a = std::make_shared<AddArgs>();
  auto* add = cmd->add_subcommand("add", "Record an agreed next step");
  add_session_option(add, a->session);
  add->add_option("--text", a->text, "What was agreed")->required();
  add->add_option("--owner", a->owner, "Who will do it (name or id; a participant)");
  add->add_option("--comment", a->comment, "Uuid of the comment / agenda moment it came from");
  add->callback([&ctx, a] {
    auto scope = open_scope(ctx, a->session);
    if (!scope) return;
    auto [lib, me, s] = parts(*scope);
    app::NewAction act;
    act.session_id = s->id;
    act.actor_id = me->id;
    act.text = a->text;
    if (!a->owner.empty()) act.owner = a->owner;
    if (!a->comment.empty()) act.comment_uuid = a->comment;
    auto added = app::add_action(*lib, act);
    if (!added && fail(ctx, added.error())) return;
    if (ctx.json)
      *ctx.out << action_json(*lib, added->action).dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    else
      *ctx.out << added->sentence << "\n";
  });

  auto session = std::make_shared<std::string>();
  auto* list = cmd->add_subcommand("list", "This session's actions and those carried from earlier lessons of its cycle");
  add_session_option(list, *session);
  list->callback([&ctx, session] {
    auto opened = open_for_reading(ctx, *session);
    if (!opened) return;
    auto [lib, s] = parts(*opened);
    auto own = store::list_actions(*lib, s->id);
    if (!own && fail(ctx, own.error())) return;
    auto eff = store::effective_protocol(*lib, s->id);
    if (!eff && fail(ctx, eff.error())) return;
    if (ctx.json) {
      json mine = json::array(), carried = json::array();
      for (const auto& x : *own) mine.push_back(action_json(*lib, x));
      for (const auto& x : eff->carried_actions) carried.push_back(action_json(*lib, x));
      *ctx.out << json{{"session_id", s->id}, {"actions", mine}, {"carried", carried}}.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
      return;
    }
    for (const auto& x : eff->carried_actions)
      *ctx.out << action_line(*lib, x) << "  (carried from session " << x.session_id << ")\n";
    for (const auto& x : *own) *ctx.out << action_line(*lib, x) << "\n";
    if (own->empty() && eff->carried_actions.empty()) *ctx.out << "No actions.\n";
  });

  struct DoneArgs {
    RowId id = 0;
    bool reopen = false;
  };
  auto d = std::make_shared<DoneArgs>();
  auto* done = cmd->add_subcommand("done", "Mark an action done (no longer carried forward)");
  done->add_option("id", d->id, "Action id")->required();
  done->add_flag("--reopen", d->reopen, "Mark it open again");
  done->callback([&ctx, d] {
    auto lib = open_library(ctx, OpenMode::ExistingOnly);
    if (!lib && fail(ctx, lib.error())) return;
    auto me = actor(ctx, *lib);
    if (!me && fail(ctx, me.error())) return;
    auto a2 = app::set_action_done(*lib, d->id, !d->reopen, me->id);
    if (!a2 && fail(ctx, a2.error())) return;
    if (ctx.json)
      *ctx.out << action_json(*lib, a2->action).dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    else
      *ctx.out << action_line(*lib, a2->action) << "\n";
  });
}

}  // namespace

void register_workflow_commands(CLI::App& app, Context& ctx) {
  register_protocol(app, ctx);
  register_framework(app, ctx);
  register_participant(app, ctx);
  register_review(app, ctx);
  register_meeting(app, ctx);
  register_reply(app, ctx);
  register_action(app, ctx);
}

}  // namespace triad::cli
