// Subcommands of the store area: session, person, comment, dump. Owned by the store work;
// registered from main.cpp. Every command honours the global --db, --json and --as.
//
// "Nothing changed on bad input": each writing command runs in one transaction that is
// committed only after every check passed, so a refusal leaves the library file as it was
// (the owner row that --as defaults to is created inside that same transaction).
#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "app/comment_actions.hpp"
#include "app/person_name.hpp"
#include "app/recordings.hpp"
#include "app/relink.hpp"
#include "app/retention.hpp"
#include "base/wall_clock.hpp"
#include "app/session_rules.hpp"
#include "base/parse.hpp"
#include "base/time.hpp"
#include "cli/comment_view.hpp"
#include "cli/context.hpp"
#include "app/session_create.hpp"
#include "app/session_setup.hpp"
#include "cli/library_access.hpp"
#include "media/fingerprint.hpp"
#include "media/probe.hpp"
#include "store/library.hpp"
#include "store/workflow.hpp"

namespace triad::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using store::Library;
using store::OpenMode;

// ---- plumbing ------------------------------------------------------------------------------

Result<std::optional<Visibility>> parse_vis(const std::string& s) {
  if (s.empty()) return std::optional<Visibility>{};
  auto v = parse_visibility(s);
  if (!v) return make_error("'" + s + "' is not a visibility (use private, triad or everyone).", ErrorKind::kFailed);
  return std::optional<Visibility>{*v};
}

Result<bool> uses_workflow(Library& lib, RowId session_id) {
  auto mode = app::session_mode(lib, session_id);
  if (!mode) return mode.error();
  return *mode == app::SessionMode::Workflow;
}

std::string person_name(Library& lib, std::optional<RowId> id) { return id ? app::person_name(lib, *id) : ""; }

std::string school_name(Library& lib, std::optional<RowId> id) {
  if (!id) return "";
  auto s = lib.get_school(*id);
  return s ? s->name : "school " + std::to_string(*id);
}

json recording_json(const Recording& r) {
  return json{{"id", r.id},
              {"path", r.path},
              {"fingerprint", r.fingerprint},
              {"size_bytes", r.size_bytes},
              {"duration_us", r.duration_us},
              {"duration", format_time(r.duration_us)},
              {"stream_summary", r.stream_summary},
              {"sync_offset_us", r.sync_offset_us},
              {"primary", r.primary}};
}

json session_json(Library& lib, const Session& s) {
  return json{{"id", s.id},
              {"uuid", s.uuid},
              {"title", s.title},
              {"date", s.date},
              {"school", school_name(lib, s.school_id)},
              {"teacher", person_name(lib, s.teacher_id)},
              {"subject", s.subject},
              {"year_group", s.year_group},
              {"class", s.class_label},
              {"focus", s.focus},
              {"cycle", s.cycle},
              {"cycle_position", s.cycle_position},
              {"created_at_ms", s.created_at_ms}};
}


// ---- session ---------------------------------------------------------------------------------

struct SessionArgs {
  std::string key;  // edit/show: which session
  std::optional<std::string> title, date, subject, year_group, class_label, focus, teacher, school, cycle;
  std::optional<int> position;
  std::vector<std::string> frameworks;
  std::string recording;
};

void add_session_fields(CLI::App* cmd, SessionArgs& a, bool create) {
  auto* title = cmd->add_option("--title", a.title, "Lesson title");
  if (create) title->required();
  cmd->add_option("--date", a.date, "Lesson date, YYYY-MM-DD");
  cmd->add_option("--subject", a.subject, "Subject, e.g. Mathematics");
  cmd->add_option("--year-group", a.year_group, "Year group, e.g. Year 8");
  cmd->add_option("--class", a.class_label, "Class label, e.g. 8B2");
  cmd->add_option("--focus", a.focus, "Focus / research question agreed before observing");
  cmd->add_option("--teacher", a.teacher, "The observed teacher (an existing person: name or id)");
  cmd->add_option("--school", a.school, "School name (added to the library when new)");
  cmd->add_option("--cycle", a.cycle, "Lesson-study cycle name");
  cmd->add_option("--position", a.position, "1-based position of this lesson in the cycle (needs --cycle)");
  cmd->add_option("--framework", a.frameworks,
                  create ? "Attach this framework (code; repeatable). Default: the library's only framework, or "
                           "the built-in 'triad-default' when the library has none"
                         : "Also attach this framework (code; repeatable)");
}

// Copies the given fields onto `s`; resolves teacher and school. Schools are created.
Status apply_session_fields(Library& lib, const SessionArgs& a, Session& s) {
  if (a.title) s.title = *a.title;
  if (a.date) s.date = *a.date;
  if (a.subject) s.subject = *a.subject;
  if (a.year_group) s.year_group = *a.year_group;
  if (a.class_label) s.class_label = *a.class_label;
  if (a.focus) s.focus = *a.focus;
  if (a.cycle) s.cycle = *a.cycle;
  if (a.position) s.cycle_position = *a.position;
  if (a.teacher) {
    if (a.teacher->empty()) {
      s.teacher_id.reset();
    } else {
      auto p = lib.resolve_person(*a.teacher);
      if (!p) return p.error();
      s.teacher_id = p->id;
    }
  }
  if (a.school) {
    if (a.school->empty()) {
      s.school_id.reset();
    } else {
      auto sc = lib.find_or_add_school(*a.school);
      if (!sc) return sc.error();
      s.school_id = sc->id;
    }
  }
  return ok_status();
}

Status attach_frameworks(Library& lib, RowId session_id, const std::vector<std::string>& codes, bool defaulting,
                         std::string& note) {
  if (codes.empty() && defaulting) {
    auto all = lib.list_frameworks();
    if (!all) return all.error();
    if (all->size() > 1) {
      note = "No framework attached (the library has several): use --framework CODE or `triad protocol set`.";
      return ok_status();
    }
    auto fw = all->empty() ? lib.ensure_default_framework() : Result<Framework>(all->front());
    if (!fw) return fw.error();
    return lib.attach_framework(session_id, fw->id);
  }
  for (const auto& code : codes) {
    auto fw = lib.find_framework(code);
    if (!fw) return fw.error();
    if (!*fw) return make_error("No framework '" + code + "' in the library (see `triad framework list`).", ErrorKind::kFailed);
    if (auto s = lib.attach_framework(session_id, (*fw)->id); !s) return s;
  }
  return ok_status();
}

void session_create(Context& ctx, const SessionArgs& a) {
  app::NewSession n;
  if (a.title) n.fields.title = *a.title;
  if (a.date) n.fields.date = *a.date;
  if (a.subject) n.fields.subject = *a.subject;
  if (a.year_group) n.fields.year_group = *a.year_group;
  if (a.class_label) n.fields.class_label = *a.class_label;
  if (a.focus) n.fields.focus = *a.focus;
  if (a.cycle) n.fields.cycle = *a.cycle;
  if (a.position) n.fields.cycle_position = *a.position;
  if (a.teacher) n.teacher = *a.teacher;
  if (a.school) n.school = *a.school;
  n.frameworks = a.frameworks;
  n.recording = a.recording;
  if (!a.recording.empty()) {  // a bad recording is refused before the library is even opened
    auto r = app::describe_recording_file(a.recording, 0, &n.recording_problems);
    if (!r && fail(ctx, r.error())) return;
    n.described = *r;
  }
  auto lib = open_library(ctx, OpenMode::Create);
  if (!lib && fail(ctx, lib.error())) return;
  if (!ctx.as_person.empty()) {
    auto actor = lib->resolve_person(ctx.as_person);
    if (!actor && fail(ctx, actor.error())) return;
    n.actor = actor->id;
  }
  auto made = app::create_session(*lib, n);
  if (!made && fail(ctx, made.error())) return;
  const Session& added = made->session;
  const auto& rec = made->recording;
  if (ctx.json) {
    json j = session_json(*lib, added);
    j["recordings"] = rec ? json::array({recording_json(*rec)}) : json::array();
    j["problems"] = made->problems;
    *ctx.out << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return;
  }
  *ctx.out << "Session " << added.id << " created: " << added.title << " (" << added.uuid << ").\n";
  if (rec) *ctx.out << "Recording: " << rec->path << " — " << rec->stream_summary << "\n";
  for (const auto& p : made->problems) *ctx.out << "Warning: " << p << "\n";
  if (made->protocol_set) *ctx.out << "Protocol set (see `triad protocol show --session " << added.id << "`).\n";
  if (!made->note.empty()) *ctx.out << made->note << "\n";
}

void session_list(Context& ctx) {
  auto lib = open_library(ctx, OpenMode::ExistingOnly);
  if (!lib && fail(ctx, lib.error())) return;
  auto sessions = lib->list_sessions();
  if (!sessions && fail(ctx, sessions.error())) return;
  json arr = json::array();
  for (const auto& s : *sessions) {
    store::CommentFilter f;
    f.session_id = s.id;
    auto n = lib->count_comments(f);
    if (!n && fail(ctx, n.error())) return;
    if (ctx.json) {
      json j = session_json(*lib, s);
      j["comments"] = *n;
      arr.push_back(j);
    } else {
      std::string teacher = person_name(*lib, s.teacher_id);
      *ctx.out << s.id << "  " << (s.date.empty() ? "----------" : s.date) << "  " << s.title
               << (teacher.empty() ? "" : "  (" + teacher + ")") << "  " << *n << " comment" << (*n == 1 ? "" : "s")
               << "\n";
    }
  }
  if (ctx.json)
    *ctx.out << arr.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  else if (sessions->empty())
    *ctx.out << "No sessions yet (create one with `triad session create --title ...`).\n";
}

void session_show(Context& ctx, const std::string& key) {
  auto opened = open_session(ctx, OpenMode::ExistingOnly, key);
  if (!opened && fail(ctx, opened.error())) return;
  Library* lib = &opened->lib;
  const Session* s = &opened->session;
  auto recs = lib->recordings_for_session(s->id);
  if (!recs && fail(ctx, recs.error())) return;
  auto fws = lib->session_frameworks(s->id);
  if (!fws && fail(ctx, fws.error())) return;
  store::CommentFilter f;
  f.session_id = s->id;
  auto n = lib->count_comments(f);
  if (!n && fail(ctx, n.error())) return;
  if (ctx.json) {
    json j = session_json(*lib, *s);
    j["recordings"] = json::array();
    for (const auto& r : *recs) j["recordings"].push_back(recording_json(r));
    j["frameworks"] = json::array();
    for (const auto& fw : *fws) j["frameworks"].push_back(fw.code);
    j["comments"] = *n;
    *ctx.out << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return;
  }
  auto row = [&](const char* label, const std::string& v) {
    if (!v.empty()) *ctx.out << label << v << "\n";
  };
  row("Session:    ", std::to_string(s->id) + "  " + s->uuid);
  row("Title:      ", s->title);
  row("Date:       ", s->date);
  row("School:     ", school_name(*lib, s->school_id));
  row("Teacher:    ", person_name(*lib, s->teacher_id));
  row("Subject:    ", s->subject);
  row("Year group: ", s->year_group);
  row("Class:      ", s->class_label);
  row("Focus:      ", s->focus);
  if (!s->cycle.empty())
    row("Cycle:      ", s->cycle + (s->cycle_position ? " #" + std::to_string(s->cycle_position) : ""));
  for (const auto& fw : *fws) row("Framework:  ", fw.code + " (" + fw.name + ")");
  for (const auto& r : *recs) {
    bool here = fs::exists(r.path) || app::recording_deleted_by_retention(r);
    row("Recording:  ", r.path + (here ? "" : "  [missing: try `triad session relink`]"));
    row("            ", r.stream_summary);
  }
  row("Comments:   ", std::to_string(*n));
}

void session_edit(Context& ctx, const SessionArgs& a) {
  auto opened = open_session(ctx, OpenMode::ExistingOnly, a.key);
  if (!opened && fail(ctx, opened.error())) return;
  Library* lib = &opened->lib;
  Session* s = &opened->session;
  auto tx = lib->begin();
  if (!tx && fail(ctx, tx.error())) return;
  const Session before = *s;
  if (auto st = apply_session_fields(*lib, a, *s); !st && fail(ctx, st.error())) return;
  {  // how a session is described and run is the facilitator's or the teacher's call
    auto me = actor(ctx, *lib);
    if (!me && fail(ctx, me.error())) return;
    const bool more = !a.frameworks.empty() || !a.recording.empty();
    if (auto ok = app::may_edit_session(*lib, before, *s, more, me->id); !ok && fail(ctx, ok.error())) return;
  }
  if (auto st = lib->update_session(*s); !st && fail(ctx, st.error())) return;
  std::string note;
  if (auto st = attach_frameworks(*lib, s->id, a.frameworks, false, note); !st && fail(ctx, st.error())) return;
  if (!a.recording.empty()) {
    std::vector<std::string> problems;
    auto r = app::describe_recording_file(a.recording, s->id, &problems);
    if (!r && fail(ctx, r.error())) return;
    auto existing = lib->recordings_for_session(s->id);
    if (!existing && fail(ctx, existing.error())) return;
    r->primary = existing->empty();
    if (auto added = lib->add_recording(*r); !added && fail(ctx, added.error())) return;
  }
  if (auto c = tx->commit(); !c && fail(ctx, c.error())) return;
  auto now = lib->get_session(s->id);
  if (!now && fail(ctx, now.error())) return;
  if (ctx.json)
    *ctx.out << session_json(*lib, *now).dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  else
    *ctx.out << "Session " << now->id << " updated.\n";
}

void session_relink(Context& ctx, const std::string& key, const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    ctx.fail("Cannot search " + dir + ": it is not a folder.", kIoError);
    return;
  }
  auto opened = open_session(ctx, OpenMode::ExistingOnly, key);
  if (!opened && fail(ctx, opened.error())) return;
  const Session* s = &opened->session;
  auto report = app::relink_recordings(opened->lib, s->id, dir);  // the window's "Find the recording…" too
  if (!report && fail(ctx, report.error())) return;
  json results = json::array();
  for (const auto& r : report->recordings) {
    const std::string status(app::to_string(r.status));
    results.push_back(json{{"recording_id", r.recording_id}, {"status", status}, {"path", r.path}});
    if (!ctx.json)
      *ctx.out << "Recording " << r.recording_id << ": " << status
               << (r.status == app::RelinkResult::Status::NotFound ? "" : " — " + r.path) << "\n";
  }
  if (ctx.json) *ctx.out << results.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  if (report->missing > 0)
    ctx.fail(std::to_string(report->missing) + " recording(s) of session " + std::to_string(s->id) +
             " were not found under " + dir + ".");
}

void session_delete_recording(Context& ctx, const std::string& key) {
  auto opened = open_session_as(ctx, OpenMode::ExistingOnly, key);
  if (!opened && fail(ctx, opened.error())) return;
  auto& [lib, session, me] = *opened;
  auto done = app::delete_expired_recordings(lib, session.id, me.id, today_iso());  // the window's offer too
  if (!done && fail(ctx, done.error())) return;
  if (ctx.json)
    *ctx.out << json{{"deleted", done->files}}.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  else
    *ctx.out << done->sentence << "\n";
}

void register_session(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("session", "Filmed lessons: create, list, show, edit, relink");
  cmd->require_subcommand(1);

  auto ca = std::make_shared<SessionArgs>();
  auto* create = cmd->add_subcommand("create", "Create a session (optionally with its recording, probed and fingerprinted)");
  add_session_fields(create, *ca, true);
  create->add_option("--recording", ca->recording, "Video file of the lesson");
  create->callback([&ctx, ca] { session_create(ctx, *ca); });

  cmd->add_subcommand("list", "List sessions, newest lesson first, with comment counts")->callback([&ctx] {
    session_list(ctx);
  });

  auto key = std::make_shared<std::string>();
  auto* show = cmd->add_subcommand("show", "Show a session: details, frameworks, recordings, comment count");
  show->add_option("session", *key, "Session id, uuid or title")->required();
  show->callback([&ctx, key] { session_show(ctx, *key); });

  auto ea = std::make_shared<SessionArgs>();
  auto* edit = cmd->add_subcommand("edit", "Change a session's details (only the options given; \"\" clears teacher/school)");
  edit->add_option("session", ea->key, "Session id, uuid or title")->required();
  add_session_fields(edit, *ea, false);
  edit->add_option("--recording", ea->recording, "Add a recording (a second camera is not primary)");
  edit->callback([&ctx, ea] { session_edit(ctx, *ea); });

  auto rs = std::make_shared<std::pair<std::string, std::string>>();
  auto* relink = cmd->add_subcommand("relink", "Find a session's moved recordings by content fingerprint");
  relink->add_option("--session", rs->first, "Session id, uuid or title")->required();
  relink->add_option("--search", rs->second, "Folder to search (recursively)")->required();
  relink->callback([&ctx, rs] { session_relink(ctx, rs->first, rs->second); });

  auto dr = std::make_shared<std::string>();
  auto* expire = cmd->add_subcommand("delete-recording",
                                     "Delete a session's recording files once its protocol's retention date has passed "
                                     "(the comments stay)");
  expire->add_option("--session", *dr, "Session id, uuid or title")->required();
  expire->callback([&ctx, dr] { session_delete_recording(ctx, *dr); });
}

// ---- person ----------------------------------------------------------------------------------

void register_person(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("person", "People in the library (observers, teachers, mentors...)");
  cmd->require_subcommand(1);
  auto name = std::make_shared<std::string>();
  auto* add = cmd->add_subcommand("add", "Add a person (names are unique, case-insensitively)");
  add->add_option("name", *name, "Display name")->required();
  add->callback([&ctx, name] {
    auto lib = open_library(ctx, OpenMode::Create);
    if (!lib && fail(ctx, lib.error())) return;
    auto p = lib->add_person(*name);
    if (!p && fail(ctx, p.error())) return;
    if (ctx.json)
      *ctx.out << json{{"id", p->id}, {"name", p->display_name}}.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    else
      *ctx.out << "Person " << p->id << " added: " << p->display_name << "\n";
  });
  cmd->add_subcommand("list", "List people (* marks the library's owner)")->callback([&ctx] {
    auto lib = open_library(ctx, OpenMode::ExistingOnly);
    if (!lib && fail(ctx, lib.error())) return;
    auto people = lib->list_people();
    if (!people && fail(ctx, people.error())) return;
    // Reading must not create the owner: look it up without me().
    std::optional<RowId> owner;
    {
      auto st = store::Stmt::prepare(lib->db(), "SELECT id FROM people WHERE is_owner = 1");
      if (st) {
        auto row = st->step();
        if (row && *row) owner = st->int64(0);
      }
    }
    json arr = json::array();
    for (const auto& p : *people) {
      if (ctx.json)
        arr.push_back(json{{"id", p.id}, {"name", p.display_name}, {"owner", owner == p.id}});
      else
        *ctx.out << p.id << "  " << p.display_name << (owner == p.id ? "  *" : "") << "\n";
    }
    if (ctx.json) *ctx.out << arr.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  });
}

// ---- comment ---------------------------------------------------------------------------------

struct CommentArgs {
  std::string key;  // edit/delete
  std::string session, at, to, kind, text, visibility, pupil;
  std::vector<std::string> tags;
  bool no_end = false;
  bool clear_tags = false;
};

void comment_add(Context& ctx, const CommentArgs& a) {
  // Parse everything that needs no library first.
  auto start = parse_time(a.at);
  if (!start && fail(ctx, start.error())) return;
  std::optional<TimeUs> end;
  if (!a.to.empty()) {
    auto e = parse_time(a.to);
    if (!e && fail(ctx, e.error())) return;
    end = *e;
  }
  auto vis = parse_vis(a.visibility);
  if (!vis && fail(ctx, vis.error())) return;
  auto opened = open_session(ctx, OpenMode::ExistingOnly, a.session);
  if (!opened && fail(ctx, opened.error())) return;
  Library* lib = &opened->lib;
  const Session* s = &opened->session;
  auto tx = lib->begin();
  if (!tx && fail(ctx, tx.error())) return;
  // Inside the transaction: the library's owner, created on first need, must not be left
  // behind by a refused comment (bad input changes nothing).
  auto me = actor(ctx, *lib);
  if (!me && fail(ctx, me.error())) return;
  app::NewComment c;
  c.session_id = s->id;
  c.author_id = me->id;
  c.start_us = *start;
  c.end_us = end;
  c.kind = a.kind;
  c.text = a.text;
  c.pupil = a.pupil;
  c.tags = a.tags;
  c.visibility = *vis;
  auto added = app::add_comment(*lib, c);
  if (!added && fail(ctx, added.error())) return;
  if (auto cm = tx->commit(); !cm && fail(ctx, cm.error())) return;
  if (ctx.json)
    *ctx.out << comment_json(*lib, added->comment).dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  else
    *ctx.out << added->sentence << "\n";
}

// Sessions run under a protocol (they have participants) show only what the acting person
// may see there (private notes, blind review, unapproved detective comments); plain sessions
// show everything. Shared by `comment list` and `comment search`.
class VisibilityGate {
 public:
  VisibilityGate(Context& ctx, Library& lib) : ctx_(ctx), lib_(lib) {}
  Result<bool> allows(const Comment& c) {
    auto it = sessions_.find(c.session_id);
    if (it == sessions_.end()) {
      auto wf = uses_workflow(lib_, c.session_id);
      if (!wf) return wf.error();
      std::optional<std::set<std::string>> uuids;
      if (*wf) {
        if (!me_) {
          auto m = actor(ctx_, lib_);
          if (!m) return m.error();
          me_ = *m;
        }
        auto v = store::list_visible_comments(lib_, c.session_id, me_->id);
        if (!v) return v.error();
        uuids.emplace();
        for (const auto& x : *v) uuids->insert(x.uuid);
      }
      it = sessions_.emplace(c.session_id, std::move(uuids)).first;
    }
    // Tombstones carry no text; they stay listed so deletions are visible with --deleted.
    return !it->second || c.deleted || it->second->count(c.uuid) > 0;
  }

 private:
  Context& ctx_;
  Library& lib_;
  std::optional<Person> me_;
  std::map<RowId, std::optional<std::set<std::string>>> sessions_;  // nullopt: no protocol, all visible
};

struct ListArgs {
  std::string session, author, tag, kind, visibility, text, from, to;
  bool deleted = false;
  std::int64_t limit = 0;
};

void comment_list(Context& ctx, const ListArgs& a) {
  store::CommentFilter f;
  auto vis = parse_vis(a.visibility);
  if (!vis && fail(ctx, vis.error())) return;
  f.visibility = *vis;
  if (!a.from.empty()) {
    auto t = parse_time(a.from);
    if (!t && fail(ctx, t.error())) return;
    f.from_us = *t;
  }
  if (!a.to.empty()) {
    auto t = parse_time(a.to);
    if (!t && fail(ctx, t.error())) return;
    f.to_us = *t;
  }
  if (f.from_us && f.to_us && *f.to_us < *f.from_us) {
    ctx.fail("The range ends (" + format_time(*f.to_us) + ") before it starts (" + format_time(*f.from_us) + ").");
    return;
  }
  if (!a.tag.empty()) f.tag = a.tag;
  if (!a.kind.empty()) f.kind = a.kind;
  if (!a.text.empty()) f.text = a.text;
  f.include_deleted = a.deleted;
  f.limit = a.limit;
  auto lib = open_library(ctx, OpenMode::ExistingOnly);
  if (!lib && fail(ctx, lib.error())) return;
  if (!a.session.empty()) {
    auto s = lib->resolve_session(a.session);
    if (!s && fail(ctx, s.error())) return;
    f.session_id = s->id;
  }
  if (!a.author.empty()) {
    auto p = lib->resolve_person(a.author);
    if (!p && fail(ctx, p.error())) return;
    f.author_id = p->id;
  }
  auto list = lib->list_comments(f);
  if (!list && fail(ctx, list.error())) return;
  VisibilityGate gate(ctx, *lib);
  std::vector<Comment> shown;
  for (auto& c : *list) {
    auto ok = gate.allows(c);
    if (!ok && fail(ctx, ok.error())) return;
    if (*ok) shown.push_back(std::move(c));
  }
  *list = std::move(shown);
  if (ctx.json) {
    json arr = json::array();
    for (const auto& c : *list) arr.push_back(comment_json(*lib, c));
    *ctx.out << arr.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return;
  }
  for (const auto& c : *list) *ctx.out << comment_line(*lib, c) << "\n";
  if (list->empty()) *ctx.out << "No comments.\n";
}

void comment_edit(Context& ctx, const CommentArgs& a) {
  store::CommentEdit e;
  if (!a.at.empty()) {
    auto t = parse_time(a.at);
    if (!t && fail(ctx, t.error())) return;
    e.start_us = *t;
  }
  if (!a.to.empty() && a.no_end) {
    ctx.fail("Give either --to or --no-end, not both.", kUsage);
    return;
  }
  if (!a.to.empty()) {
    auto t = parse_time(a.to);
    if (!t && fail(ctx, t.error())) return;
    e.end_us = std::optional<TimeUs>(*t);
  }
  if (a.no_end) e.end_us = std::optional<TimeUs>();
  if (!a.kind.empty()) e.kind = a.kind;
  if (!a.text.empty()) e.text = a.text;
  if (!a.pupil.empty()) e.pupil = a.pupil;
  if (!a.tags.empty() || a.clear_tags) e.tags = a.clear_tags ? std::vector<std::string>{} : a.tags;
  auto vis = parse_vis(a.visibility);
  if (!vis && fail(ctx, vis.error())) return;
  e.visibility = *vis;
  auto lib = open_library(ctx, OpenMode::ExistingOnly);
  if (!lib && fail(ctx, lib.error())) return;
  auto tx = lib->begin();
  if (!tx && fail(ctx, tx.error())) return;
  auto c = app::find_comment(*lib, a.key);
  if (!c && fail(ctx, c.error())) return;
  auto me = actor(ctx, *lib);
  if (!me && fail(ctx, me.error())) return;
  auto edited = app::edit_comment(*lib, {c->id, me->id, e});
  if (!edited && fail(ctx, edited.error())) return;
  if (auto cm = tx->commit(); !cm && fail(ctx, cm.error())) return;
  if (ctx.json)
    *ctx.out << comment_json(*lib, edited->after).dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  else
    *ctx.out << edited->sentence << "\n";
}

void comment_delete(Context& ctx, const std::string& key) {
  auto lib = open_library(ctx, OpenMode::ExistingOnly);
  if (!lib && fail(ctx, lib.error())) return;
  auto tx = lib->begin();
  if (!tx && fail(ctx, tx.error())) return;
  auto c = app::find_comment(*lib, key);
  if (!c && fail(ctx, c.error())) return;
  auto me = actor(ctx, *lib);
  if (!me && fail(ctx, me.error())) return;
  auto gone = app::delete_comment(*lib, c->id, me->id);
  if (!gone && fail(ctx, gone.error())) return;
  if (auto cm = tx->commit(); !cm && fail(ctx, cm.error())) return;
  if (ctx.json)
    *ctx.out << comment_json(*lib, gone->after).dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  else
    *ctx.out << gone->sentence << "\n";
}

void comment_search(Context& ctx, const std::string& query, const std::string& session, std::int64_t limit) {
  auto lib = open_library(ctx, OpenMode::ExistingOnly);
  if (!lib && fail(ctx, lib.error())) return;
  std::optional<RowId> sid;
  if (!session.empty()) {
    auto s = lib->resolve_session(session);
    if (!s && fail(ctx, s.error())) return;
    sid = s->id;
  }
  auto hits = lib->search_comments(query, sid, limit);
  if (!hits && fail(ctx, hits.error())) return;
  VisibilityGate gate(ctx, *lib);
  std::vector<store::SearchHit> shown;
  for (auto& h : *hits) {
    auto ok = gate.allows(h.comment);
    if (!ok && fail(ctx, ok.error())) return;
    if (*ok) shown.push_back(std::move(h));
  }
  if (ctx.json) {
    json arr = json::array();
    for (const auto& h : shown) {
      json j = comment_json(*lib, h.comment);
      j["snippet"] = h.snippet;
      j["rank"] = h.rank;
      arr.push_back(j);
    }
    *ctx.out << arr.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return;
  }
  for (const auto& h : shown)
    *ctx.out << "#" << h.comment.id << "  session " << h.comment.session_id << "  " << format_time(h.comment.start_us)
             << "  " << h.snippet << "\n";
  if (shown.empty()) *ctx.out << "No matches.\n";
}

void add_comment_fields(CLI::App* cmd, CommentArgs& a, bool add) {
  auto* at = cmd->add_option("--at", a.at, "Start time: seconds, mm:ss(.fff) or hh:mm:ss(.fff)");
  if (add) at->required();
  cmd->add_option("--to", a.to, "End time for an interval comment (after --at)");
  cmd->add_option("--tag", a.tags, "Tag code or label from the session's framework (repeatable)");
  cmd->add_option("--kind", a.kind,
                  add ? "Feedback stem code: took-away, try, question, strength, note (default: note)"
                      : "Feedback stem code");
  auto* text = cmd->add_option("--text", a.text, "The comment");
  if (add) text->required();
  cmd->add_option("--visibility", a.visibility, "private, triad or everyone");
  cmd->add_option("--pupil", a.pupil, "Case-study pupil code (e.g. \"Pupil A\"), never a name");
}

void register_comment(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("comment", "Timestamped, tagged comments on a session");
  cmd->require_subcommand(1);

  auto aa = std::make_shared<CommentArgs>();
  auto* add = cmd->add_subcommand("add", "Add a comment at a moment (or interval) of a session, as --as or the owner");
  add->add_option("--session", aa->session, "Session id, uuid or title")->required();
  add_comment_fields(add, *aa, true);
  add->callback([&ctx, aa] {
    if (aa->kind.empty()) aa->kind = "note";
    comment_add(ctx, *aa);
  });

  auto la = std::make_shared<ListArgs>();
  auto* list = cmd->add_subcommand("list", "List comments in time order, filtered");
  list->add_option("--session", la->session, "Session id, uuid or title");
  list->add_option("--author", la->author, "Author name or id");
  list->add_option("--tag", la->tag, "Tag code or label");
  list->add_option("--kind", la->kind, "Feedback stem code");
  list->add_option("--visibility", la->visibility, "private, triad or everyone");
  list->add_option("--text", la->text, "Text contains this (case-insensitive for ASCII)");
  list->add_option("--from", la->from, "Only comments overlapping from this time on");
  list->add_option("--to", la->to, "Only comments overlapping up to this time");
  list->add_flag("--deleted", la->deleted, "Include deleted comments (tombstones)");
  list->add_option("--limit", la->limit, "At most this many");
  list->callback([&ctx, la] { comment_list(ctx, *la); });

  auto ea = std::make_shared<CommentArgs>();
  auto* edit = cmd->add_subcommand("edit", "Change your comment (only the options given); bumps its version");
  edit->add_option("comment", ea->key, "Comment id or uuid")->required();
  add_comment_fields(edit, *ea, false);
  edit->add_flag("--no-end", ea->no_end, "Make it a point comment (drop the end time)");
  edit->add_flag("--clear-tags", ea->clear_tags, "Remove every tag");
  edit->callback([&ctx, ea] { comment_edit(ctx, *ea); });

  auto key = std::make_shared<std::string>();
  auto* del = cmd->add_subcommand("delete", "Delete your comment (a tombstone stays so the deletion merges)");
  del->add_option("comment", *key, "Comment id or uuid")->required();
  del->callback([&ctx, key] { comment_delete(ctx, *key); });

  struct SearchArgs {
    std::string query, session;
    std::int64_t limit = 50;
  };
  auto sa = std::make_shared<SearchArgs>();
  auto* search = cmd->add_subcommand("search", "Full-text search of comment text and pupil codes (FTS5 syntax)");
  search->add_option("query", sa->query, "Words (all must match), \"a phrase\", prefix*")->required();
  search->add_option("--session", sa->session, "Only this session (id, uuid or title)");
  search->add_option("--limit", sa->limit, "At most this many (default 50)");
  search->callback([&ctx, sa] { comment_search(ctx, sa->query, sa->session, sa->limit); });
}

// ---- dump ------------------------------------------------------------------------------------

void register_dump(CLI::App& app, Context& ctx) {
  app.add_subcommand("dump",
                     "Print the whole library as sorted, deterministic text (same content => same bytes; row ids, "
                     "recording paths, settings and undo history are left out)")
      ->callback([&ctx] {
        auto lib = open_library(ctx, OpenMode::ReadOnly);
        if (!lib && fail(ctx, lib.error())) return;
        auto d = lib->dump();
        if (!d && fail(ctx, d.error())) return;
        *ctx.out << *d;
      });
}

}  // namespace

void register_store_commands(CLI::App& app, Context& ctx) {
  register_session(app, ctx);
  register_person(app, ctx);
  register_comment(app, ctx);
  register_dump(app, ctx);
}

}  // namespace triad::cli
