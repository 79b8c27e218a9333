// The workstation's workflow commands (issues 5 and 6): the session's protocol and
// review state, blind-review submit and reveal, meeting mode (agenda, item loops,
// replies, agreed actions) and exports from the window. The rules live in core and
// the store (store/workflow.hpp); this file only calls them and keeps the view state.
//
//   submit-review                 reveal
//   meeting on|off|toggle         meeting window SECONDS        meeting shared on|off
//   next-item  prev-item          item N          play-item [N]
//   reply ID|selected "text" [--visibility V]
//   action add "text" [--owner NAME] [--comment ID|selected]      action done|open ID
//   session-panel [on|off]        (toggles without an argument)
//   export report PATH            export clip PATH [PRE_SECONDS] [POST_SECONDS] [--comment ID]
//   export cancel | wait | dismiss
#include <algorithm>
#include <cctype>
#include <filesystem>

#include "app/action_items.hpp"
#include "app/clip_plan.hpp"
#include "app/talk_analysis.hpp"
#include "app/comment_actions.hpp"
#include "app/review_actions.hpp"
#include "app/workstation.hpp"
#include "exchange/flat_io.hpp"
#include "base/uuid.hpp"
#include "base/parse.hpp"
#include "core/roles.hpp"
#include "store/workflow.hpp"

namespace triad::app {

namespace {

std::string join_words(const std::vector<std::string>& args, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < args.size(); ++i) out += (out.empty() ? "" : " ") + args[i];
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// state

Status Workstation::reload_workflow() {
  refresh_rekeyable();  // whom the reviewer may re-key follows the roster and the reviewer
  if (!session_) {
    info_ = SessionInfo{};
    kinds_.clear();
    return ok_status();
  }
  auto info = load_session_info(lib_, session_->id, reviewer_role(), !participants_.empty());
  if (!info) return info.error();
  info_ = std::move(*info);
  kinds_.clear();
  for (const auto& s : info_.protocol.stems) kinds_.push_back(s.code);
  // Under a protocol the composer offers only the framework the reviewer's role uses
  // (a learning detective gets only the child-friendly one).
  if (info_.triad && info_.framework) {
    tags_ = info_.framework->tags;
    std::stable_sort(tags_.begin(), tags_.end(), [](const Tag& a, const Tag& b) {
      const bool ha = !a.hotkey.empty(), hb = !b.hotkey.empty();
      if (ha != hb) return ha;
      return ha && a.hotkey < b.hotkey;
    });
  }
  return ok_status();
}

std::string Workstation::default_stem() const {
  // "note" when the protocol has it and does not insist on a stem; otherwise the
  // reviewer chooses (a missing required stem is refused with the reason).
  if (info_.has_required_stems()) return {};
  const auto& k = kinds();
  return std::find(k.begin(), k.end(), "note") != k.end() ? "note" : std::string();
}

std::string Workstation::stem_label(std::string_view code) const {
  if (const FeedbackStem* s = find_stem(info_.protocol, code)) return s->label;
  return std::string(kind_label(code));
}

std::int64_t Workstation::review_ms(RowId person) const {
  auto it = info_.review_ms.find(person);
  std::int64_t ms = it == info_.review_ms.end() ? 0 : it->second;
  if (clock_.person() == person && session_ && clock_.session() == session_->id) ms += clock_.unlogged_ms();
  return ms;
}

std::vector<std::pair<const Comment*, int>> Workstation::thread_of(const std::string& comment_uuid) const {
  std::vector<std::pair<const Comment*, int>> out;
  const auto lines = thread_order(comments_);
  bool in = false;
  for (const auto& l : lines) {
    const Comment& c = comments_[l.index];
    if (l.depth == 0) {
      if (in) break;
      in = c.uuid == comment_uuid;
      continue;
    }
    if (in) out.emplace_back(&c, l.depth);
  }
  return out;
}

void Workstation::update_workflow() {
  const std::optional<RowId> person = reviewer_ ? std::optional<RowId>(reviewer_->id) : std::nullopt;
  const std::optional<RowId> session = session_ ? std::optional<RowId>(session_->id) : std::nullopt;
  const bool was_running = clock_.person() && clock_.session();
  auto before = clock_.unlogged_ms();
  if (auto st = clock_.tick(lib_, person, session); !st) status_ = st.error().message;
  // A flush moved time from "running" to "stored": show the stored figure again.
  if (was_running && clock_.unlogged_ms() < before && session_) {
    if (auto t = store::review_time_by_person(lib_, session_->id)) info_.review_ms = std::move(*t);
  }
}

// ---------------------------------------------------------------------------------------
// agenda, session panel, analytics

Result<Outcome> Workstation::cmd_agenda_step(const Command& c) {
  if (meeting_.items.empty()) return done("The agenda is empty: nobody has commented yet.");
  const int last = static_cast<int>(meeting_.items.size()) - 1;
  const int i = c.name == "next-item" ? std::min(meeting_.current + 1, last) : std::max(meeting_.current - 1, 0);
  return goto_item(i, false);
}

Result<Outcome> Workstation::cmd_item(const Command& c) {
  int i = meeting_.current < 0 ? 0 : meeting_.current;
  if (!c.args.empty()) {
    const std::string& a = c.args[0];
    auto number = parse_int(a, 1, 1'000'000, "the agenda item");
    if (!number) return make_error("Agenda items are numbered from 1: " + number.error().message);
    i = static_cast<int>(*number) - 1;
  } else if (c.name == "item") {
    return make_error("Usage: item N (the agenda item's number).");
  }
  return goto_item(i, c.name == "play-item");
}

Result<Outcome> Workstation::cmd_session_panel(const Command& c) {  // session-panel [on|off], toggles without an argument
  const std::string a = c.args.empty() ? "" : c.args[0];
  if (!a.empty() && a != "on" && a != "off") return make_error("Usage: session-panel [on|off].");
  view_.session_panel = a.empty() ? !view_.session_panel : a == "on";
  if (view_.session_panel) {  // each covers the video
    analytics_.close();
    view_.lesson_study = false;
  }
  return done();
}

// Lesson analytics: talk lane, agreement, growth (one window over the video at a time).
Result<Outcome> Workstation::cmd_analytics(const Command& c) {
  auto r = analytics_.execute(c, lib_, session_, reviewer_ ? std::optional<RowId>(reviewer_->id) : std::nullopt,
                              comments_);
  // A table entry AnalyticsView does not know answers as an unknown command would (the table test catches it).
  if (!r) return make_error("'" + c.name + "' is not a Triad command (see the help overlay, ?).");
  if (!*r) return r->error();
  if (analytics_.window_open()) view_.session_panel = view_.lesson_study = false;
  return done(**r);
}

// ---------------------------------------------------------------------------------------
// meeting mode

Result<Outcome> Workstation::cmd_meeting(const Command& c) {
  const std::string what = c.args.empty() ? "toggle" : c.args[0];
  if (!session_) return make_error("Open a session before starting the meeting.");
  if (what == "window") {
    if (c.args.size() < 2) return make_error("Usage: meeting window SECONDS (comments this close form one item).");
    auto t = parse_time(c.args[1]);
    if (!t) return t.error();
    AgendaOptions o = meeting_.options;
    o.window_us = *t;
    if (auto st = validate_agenda_options(o); !st) return st.error();
    meeting_.options = o;
    rebuild_agenda(meeting_, comments_, media_info_ ? std::optional<TimeUs>(media_info_->duration_us) : std::nullopt);
    return done("Agenda: comments within " + format_time_short(*t) + " of each other form one item.");
  }
  if (what == "shared") {
    const std::string v = c.args.size() > 1 ? c.args[1] : "";
    if (v != "on" && v != "off") return make_error("Usage: meeting shared on|off (only moments two or more people flagged).");
    meeting_.options.shared_only = v == "on";
    rebuild_agenda(meeting_, comments_, media_info_ ? std::optional<TimeUs>(media_info_->duration_us) : std::nullopt);
    return done(v == "on" ? "Agenda: only moments two or more people flagged." : "Agenda: every flagged moment.");
  }
  bool on = meeting_.on;
  if (what == "on") on = true;
  else if (what == "off") on = false;
  else if (what == "toggle") on = !on;
  else return make_error("Usage: meeting on | off | toggle | window SECONDS | shared on|off.");
  if (on == meeting_.on) return done();
  meeting_.on = on;
  if (!on) {
    loop_a_.reset();
    loop_b_.reset();
    return done("Meeting mode off.");
  }
  composer_ = Composer{};  // the agenda takes the composer's place
  if (meeting_.current < 0) {
    if (auto i = item_at(meeting_, media_.position())) meeting_.current = *i;
  }
  return done("Meeting mode: " + std::to_string(meeting_.items.size()) + " agenda item" +
              (meeting_.items.size() == 1 ? "" : "s") + ". Shift+N / Shift+P move through them.");
}

Result<Outcome> Workstation::goto_item(int index, bool play) {
  if (!session_) return make_error("Open a session first.");
  if (meeting_.items.empty()) return done("The agenda is empty: nobody has commented yet.");
  if (index < 0 || index >= static_cast<int>(meeting_.items.size()))
    return make_error("There is no agenda item " + std::to_string(index + 1) + " (the agenda has " +
                      std::to_string(meeting_.items.size()) + ").");
  meeting_.on = true;
  meeting_.current = index;
  const AgendaItem& it = meeting_.items[static_cast<std::size_t>(index)];
  // The item loops with its pre-roll through the ordinary A-B loop.
  loop_a_ = clamp_time(it.loop_start_us);
  loop_b_ = clamp_time(it.loop_end_us);
  if (*loop_b_ <= *loop_a_) loop_b_.reset();
  for (const auto& c : comments_)
    if (!it.comment_uuids.empty() && c.uuid == it.comment_uuids.front()) selected_ = c.id;
  if (media_.is_open()) {
    media_.seek(*loop_a_);
    if (play) media_.play();
  }
  return done("Item " + std::to_string(it.number) + " of " + std::to_string(meeting_.items.size()) + ": " +
              format_time(it.start_us) + (play ? ", looping." : "."));
}

Result<Outcome> Workstation::cmd_reply(const Command& c) {
  if (!session_) return make_error("Open a session before replying.");
  if (c.args.size() < 2) return make_error("Usage: reply COMMENT \"text\" (COMMENT: its id, or 'selected').");
  // The window's own references (selected, last, a row id) are resolved here; a uuid
  // goes to the use case as typed, which answers as the CLI's `reply --to` does.
  auto parent = comment_arg(c, 0);
  if (!parent && !is_uuid(c.args[0])) return parent.error();
  auto author = reviewer_id();
  if (!author) return author.error();
  NewReply r;
  r.parent_uuid = parent ? parent->uuid : c.args[0];
  r.author_id = *author;
  r.text = join_words(c.args, 1);
  if (auto v = c.option("visibility")) {
    r.visibility = parse_visibility(*v);
    if (!r.visibility) return make_error("Visibility must be private, triad or everyone, not '" + *v + "'.");
  }
  auto added = record_added(app::add_reply(lib_, r), "Reply");
  if (!added) return added.error();
  if (parent) selected_ = parent->id;
  return done(status_);
}

Result<Outcome> Workstation::cmd_action(const Command& c) {
  if (!session_) return make_error("Open a session before recording actions.");
  const std::string what = c.args.empty() ? "" : c.args[0];
  auto me = reviewer_id();
  if (!me) return me.error();
  if (what == "add") {
    if (c.args.size() < 2) return make_error("Usage: action add \"the agreed next step\" [--owner NAME].");
    NewAction a;
    a.session_id = session_->id;
    a.actor_id = *me;
    a.text = join_words(c.args, 1);
    a.owner = c.option("owner");  // none: the observed teacher (app/action_items.hpp)
    if (auto k = c.option("comment")) {
      Command one{"action", {*k}, {}};
      auto cm = comment_arg(one, 0);
      if (!cm) return cm.error();
      a.comment_uuid = cm->uuid;
    } else if (const AgendaItem* it = meeting_.on ? meeting_.current_item() : nullptr; it && !it->comment_uuids.empty()) {
      a.comment_uuid = it->comment_uuids.front();  // the moment being discussed
    }
    auto added = app::add_action(lib_, a);
    if (!added) return added.error();
    if (auto st = reload_workflow(); !st) return st.error();
    return done(added->sentence);
  }
  if (what == "done" || what == "open") {
    if (c.args.size() < 2) return make_error("Usage: action done ID or action open ID.");
    const std::string& id = c.args[1];
    auto action_id = parse_id(id, "the action id");
    if (!action_id) return action_id.error();
    auto r = app::set_action_done(lib_, *action_id, what == "done", *me);
    if (!r) return r.error();
    if (auto st = reload_workflow(); !st) return st.error();
    return done(r->sentence);
  }
  return make_error("Usage: action add \"text\" [--owner NAME], action done ID or action open ID.");
}

Result<Outcome> Workstation::cmd_review(const Command& c) {
  if (!session_) return make_error("Open a session first.");
  auto me = reviewer_id();
  if (!me) return me.error();
  std::string message;
  if (c.name == "submit-review") {
    auto r = app::submit_review(lib_, session_->id, *me);
    if (!r) return r.error();
    message = r->sentence;
  } else {
    auto r = app::reveal_reviews(lib_, session_->id, *me);
    if (!r) return r.error();
    message = r->sentence;
  }
  // What one may see changes with a reveal.
  if (auto st = reload_workflow(); !st) return st.error();
  if (auto st = reload_comments(); !st) return st.error();
  return done(message);
}

// ---------------------------------------------------------------------------------------
// exports

Result<Outcome> Workstation::cmd_export(const Command& c) {
  const std::string what = c.args.empty() ? "" : c.args[0];
  if (what == "cancel") {
    if (!export_ || export_->done()) return done("No export is running.");
    export_->cancel();
    return done("Cancelling the " + export_->what() + " export…");
  }
  if (what == "wait") {
    if (export_) export_->wait();
    if (export_ && export_->result() && !*export_->result()) return export_->result()->error();
    if (!export_) return done("No export is running.");
    std::string said = "Wrote " + export_->output().string();
    for (const auto& note : export_->notes()) said += "; " + note;
    return done(said);
  }
  if (what == "dismiss") {
    if (export_ && !export_->done()) return make_error("Cancel the running export before closing it.");
    export_.reset();
    return done();
  }
  if (what == "bundle" || exchange::parse_flat_format(what)) return cmd_export_file(c);  // app/sharing_commands.cpp
  if (what != "report" && what != "clip")
    return make_error("Usage: export report|clip|bundle|csv|json|vtt|srt|eaf PATH, export cancel.");
  if (!session_) return make_error("Open a session before exporting.");
  if (c.args.size() < 2) return make_error("Usage: export " + what + " PATH.");
  if (export_ && !export_->done())
    return make_error("An export is already running; wait for it or cancel it first.");
  if (auto role = reviewer_role())
    if (auto st = may_export(*role); !st) return st.error();
  auto me = reviewer_id();
  if (!me) return me.error();
  std::error_code ec;
  const std::filesystem::path out = std::filesystem::absolute(c.args[1], ec).lexically_normal();
  if (ec || out.filename().empty()) return make_error("'" + c.args[1] + "' is not a file name to write to.");
  if (!std::filesystem::is_directory(out.parent_path(), ec))
    return make_error("The folder " + out.parent_path().string() + " does not exist.");

  if (what == "report") {
    exchange::ReportOptions opt;
    opt.session_id = session_->id;
    opt.viewer_id = *me;
    opt.now_ms = clock_.now_ms();
    // Frames from every camera (--all-cameras), else from the camera shown large (V), as
    // the reviewer sees the moments.
    opt.all_cameras = c.flag("all-cameras");
    if (const auto cams = media_.cameras(); focused_camera_ > 0 && focused_camera_ <= cams.size())
      opt.cameras.push_back(cams[focused_camera_ - 1].recording.id);
    if (auto talk = cached_session_talk(lib_, session_->id)) {  // the cache only: never decodes sound here
      opt.talk = std::move(talk->labels);
      opt.talk_source = std::move(talk->source);
    }
    export_ = ExportJob::report(lib_.path(), opt, out);
    return done("Writing the report to " + out.string() + "…");
  }

  // A clip around the selected comment, or the comments named by --comment (repeatable: a
  // highlights reel, as the CLI's `clip --comment A --comment B`); pre/post seconds as the CLI's.
  std::vector<std::string> keys = c.all("comment");
  if (keys.empty()) keys.push_back("selected");
  std::vector<std::string> ids;
  for (const auto& key : keys) {
    if (key == "selected" && !selected_) return make_error("Select a comment first: the clip is cut around it.");
    Command which{"export", {key}, {}};
    auto cm = comment_arg(which, 0);
    if (!cm) return make_error("No comment '" + key + "' in this session that you can see.");
    ids.push_back(std::to_string(cm->id));
  }
  auto secs = [&](std::size_t i, TimeUs def) -> Result<TimeUs> {
    if (c.args.size() <= i) return def;
    auto t = parse_time(c.args[i]);
    if (!t) return make_error("Pre- and post-roll take 0 to 600 seconds.");
    return *t;
  };
  ClipRequest request;
  request.session_id = session_->id;
  request.exporter_id = *me;
  request.comments = ids;
  auto pre = secs(2, request.pre_us);
  if (!pre) return pre.error();
  auto post = secs(3, request.post_us);
  if (!post) return post.error();
  request.pre_us = *pre;
  request.post_us = *post;
  request.fallback_duration_us = media_info_ ? media_info_->duration_us : 0;
  // From the camera shown large (V), as the reviewer sees the moment.
  if (const auto cams = media_.cameras(); focused_camera_ > 0 && focused_camera_ <= cams.size())
    request.recording_id = cams[focused_camera_ - 1].recording.id;
  // With the sound the reviewer chose to hear (the Recordings section's "Sound heard").
  request.sound = sound_choice_;
  auto plan = plan_clip(lib_, request);
  if (!plan) return plan.error();
  const exchange::ClipSegment& seg = plan->segments.front();
  exchange::ClipOptions opt;
  opt.subtitle = true;
  opt.sound = plan->sound;
  export_ = ExportJob::clip(plan->recording_path, plan->segments, out, opt);
  if (plan->segments.size() > 1)
    return done("Writing a clip of " + std::to_string(plan->segments.size()) + " moments to " + out.string() + "…");
  return done("Writing the clip " + format_time(seg.start_us) + " – " + format_time(seg.end_us) + " to " +
              out.string() + "…");
}

}  // namespace triad::app
