// The workstation's comment commands: the composer, adding, editing, deleting, filtering and
// jumping between comments, and the undo journal behind them (see workstation.hpp).
#include "app/workstation.hpp"

#include <algorithm>

#include "app/comment_actions.hpp"
#include "app/comment_json.hpp"
#include "base/parse.hpp"
#include "base/text.hpp"
#include "base/wall_clock.hpp"
#include "store/workflow.hpp"

namespace triad::app {

// ---------------------------------------------------------------------------------------
// comments and the undo journal

Status Workstation::record_change(const std::string& label, const Comment& before, const Comment& after) {
  store::UndoEntry e;
  e.scope = undo_scope();
  e.label = label;
  e.undo_payload = comment_to_json(before);
  e.redo_payload = comment_to_json(after);
  auto pushed = lib_.push_undo(e);
  if (!pushed) return pushed.error();
  refresh_undo_labels();
  return ok_status();
}

Result<Comment> Workstation::record_added(Result<CommentAdded> added, const std::string& label) {
  if (!added) return added.error();
  const Comment& c = added->comment;
  Comment before = c;
  before.deleted = true;  // undoing an addition leaves a tombstone (so merges see it)
  if (auto st = record_change(label, before, c); !st) return st.error();
  if (auto st = reload_comments(); !st) return st.error();
  selected_ = c.id;
  status_ = added->sentence;
  return c;
}

Result<Comment> Workstation::add_comment_recorded(NewComment c, const std::string& label) {
  // The use case decides plain or protocol session and applies its rules (app/comment_actions.hpp).
  return record_added(app::add_comment(lib_, c), label);
}

Result<Outcome> Workstation::record_changed(Result<CommentChanged> changed, const std::string& label) {
  if (!changed) return changed.error();
  if (auto st = record_change(label, changed->before, changed->after); !st) return st.error();
  if (auto st = reload_comments(); !st) return st.error();
  if (!changed->after.deleted) selected_ = changed->after.id;
  return done(changed->sentence);
}

Status Workstation::apply_snapshot(const Comment& snap) {
  auto cur = lib_.find_comment_by_uuid(snap.uuid);
  if (!cur) return cur.error();
  if (!*cur) return make_error("The comment to restore is no longer in the library.");
  const Comment& now = **cur;
  if (snap.deleted) {
    if (!now.deleted) {
      if (auto d = lib_.delete_comment(now.id); !d) return d.error();
    }
    return ok_status();
  }
  Comment put = snap;
  put.version = now.version + 1;  // a newer version, so merges take the restored state
  put.updated_at_ms = now_ms();
  put.deleted = false;
  auto id = lib_.put_comment_exact(put);
  if (!id) return id.error();
  return ok_status();
}

Result<Outcome> Workstation::undo_or_redo(bool undo) {
  if (!session_) return make_error("Nothing to " + std::string(undo ? "undo" : "redo") + ": no session is open.");
  auto entry = undo ? lib_.peek_undo(undo_scope()) : lib_.peek_redo(undo_scope());
  if (!entry) return entry.error();
  if (!*entry) return done(undo ? "Nothing to undo." : "Nothing to redo.");
  auto snap = comment_from_json(undo ? (*entry)->undo_payload : (*entry)->redo_payload);
  if (!snap) return snap.error();
  if (auto st = apply_snapshot(*snap); !st) return st.error();
  auto mark = undo ? lib_.mark_undone((*entry)->id) : lib_.mark_redone((*entry)->id);
  if (!mark) return mark.error();
  if (auto st = reload_comments(); !st) return st.error();
  return done((undo ? "Undone: " : "Redone: ") + (*entry)->label);
}

Result<Comment> Workstation::comment_arg(const Command& cmd, std::size_t index) {
  if (cmd.args.size() <= index) return make_error("'" + cmd.name + "' needs a comment id.");
  const std::string& a = cmd.args[index];
  if (a == "selected" || a == "current") {
    if (!selected_) return make_error("No comment is selected.");
    return lib_.get_comment(*selected_);
  }
  if (a == "last") {
    if (comments_.empty()) return make_error("There are no comments yet.");
    auto it = std::max_element(comments_.begin(), comments_.end(),
                               [](const Comment& x, const Comment& y) { return x.id < y.id; });
    return *it;
  }
  return find_comment(lib_, a);
}

Result<Outcome> Workstation::open_composer(TimeUs start, std::optional<TimeUs> end) {
  if (!session_) return make_error("Open a recording or a session before commenting.");
  composer_ = Composer{};
  composer_.open = true;
  composer_.start_us = start;
  composer_.end_us = end;
  composer_.kind = default_stem();
  composer_.visibility = default_visibility();  // the protocol's (a self-review starts private)
  composer_.resume_after = media_.playing();  // forward only: typing ends a reverse shuttle for good
  if (playing()) media_.pause();  // the frame must not change while typing
  return done("Commenting at " + format_time(start));
}

Result<Outcome> Workstation::submit_composer(bool rewind) {
  if (!composer_.open) return make_error("There is no comment being written.");
  const bool resume = composer_.resume_after;
  if (composer_.editing_id) {
    store::CommentEdit e;
    e.text = composer_.text;
    e.kind = composer_.kind;
    e.tags = composer_.tags;
    e.visibility = composer_.visibility;
    e.pupil = composer_.pupil;
    e.start_us = composer_.start_us;
    e.end_us = composer_.end_us;
    auto me = reviewer_id();
    if (!me) return me.error();
    auto changed = record_changed(app::edit_comment(lib_, {*composer_.editing_id, *me, e}), "Edit comment");
    if (!changed) {  // the composer stays open so nothing typed is lost, with the reason shown
      composer_.error = changed.error().message;
      return changed.error();
    }
  } else {
    auto author = reviewer_id();
    if (!author) return author.error();
    NewComment c;
    c.session_id = session_->id;
    c.author_id = *author;
    c.start_us = composer_.start_us;
    c.end_us = composer_.end_us;
    c.kind = composer_.kind;
    c.text = composer_.text;
    c.tags = composer_.tags;
    c.visibility = composer_.visibility;  // chosen in the composer; starts as the protocol's
    c.pupil = composer_.pupil;            // the Lesson Study pupil picker
    auto added = add_comment_recorded(std::move(c), "Add comment");
    if (!added) {  // the composer stays open so nothing typed is lost, with the reason shown
      composer_.error = added.error().message;
      return added.error();
    }
  }
  composer_ = Composer{};
  if (resume) {
    const TimeUs back = rewind ? std::max(settings_.resume_rewind_us, seconds_us(3)) : settings_.resume_rewind_us;
    if (back > 0) media_.seek(clamp_time(media_.position() - back));
    media_.play();
  }
  return done("Comment saved.");
}

Result<Outcome> Workstation::cmd_comment(const Command& c) {
  if (!session_) return make_error("Open a recording or a session before commenting.");
  if (c.args.size() < 2) return make_error("Usage: comment KIND \"text\" [--tag T] [--at TIME] [--end TIME].");
  auto author = reviewer_id();
  if (!author) return author.error();
  NewComment cm;
  cm.session_id = session_->id;
  cm.author_id = *author;
  cm.kind = c.args[0];
  cm.text = c.args[1];
  for (std::size_t i = 2; i < c.args.size(); ++i) cm.text += " " + c.args[i];
  cm.start_us = stamp_now();
  if (auto at = c.option("at")) {
    auto t = parse_time(*at);
    if (!t) return t.error();
    cm.start_us = *t;
  }
  if (auto end = c.option("end")) {
    auto t = parse_time(*end);
    if (!t) return t.error();
    cm.end_us = *t;
  }
  if (auto v = c.option("visibility")) {
    auto vis = parse_visibility(*v);
    if (!vis) return make_error("Visibility must be private, triad or everyone, not '" + *v + "'.");
    cm.visibility = *vis;
  }
  if (auto p = c.option("pupil")) cm.pupil = *p;
  cm.tags = c.all("tag");
  auto added = add_comment_recorded(std::move(cm), "Add comment");
  if (!added) return added.error();
  return done(status_);
}

Result<Outcome> Workstation::cmd_marker(const Command& c) {
  if (!session_) return make_error("Open a recording or a session before marking moments.");
  if (c.args.empty()) return make_error("Usage: marker N (the tag's hotkey, 1-9).");
  const Tag* tag = nullptr;
  for (const auto& t : tags_)
    if (t.hotkey == c.args[0]) tag = &t;
  if (!tag) tag = tag_by_code(c.args[0]);
  if (!tag) return make_error("No tag of this session's framework has the hotkey '" + c.args[0] + "'.");
  auto author = reviewer_id();
  if (!author) return author.error();
  NewComment cm;
  cm.session_id = session_->id;
  cm.author_id = *author;
  cm.start_us = stamp_now();
  cm.kind = default_stem();
  cm.text = tag->label;
  cm.tags = {tag->code};
  auto added = add_comment_recorded(std::move(cm), "Add marker");
  if (!added) return added.error();
  return done(tag->label + " marked at " + format_time(added->start_us) + ".");
}

Result<Outcome> Workstation::cmd_edit(const Command& c) {
  auto cm = comment_arg(c, 0);
  if (!cm) return cm.error();
  auto me = reviewer_id();
  if (!me) return me.error();
  store::CommentEdit e;
  std::string label;
  if (c.name == "edit") {
    if (c.args.size() < 2) return make_error("Usage: edit ID \"new text\".");
    std::string text = c.args[1];
    for (std::size_t i = 2; i < c.args.size(); ++i) text += " " + c.args[i];
    e.text = text;
    label = "Edit comment";
  } else if (c.name == "retag") {
    e.tags = std::vector<std::string>(c.args.begin() + 1, c.args.end());
    label = "Retag comment";
  } else if (c.name == "kind") {
    if (c.args.size() < 2) return make_error("Usage: kind ID KIND.");
    e.kind = c.args[1];
    label = "Change kind";
  } else if (c.name == "retime") {
    TimeUs t = media_.position();
    if (c.args.size() >= 2) {
      auto p = parse_time(c.args[1]);
      if (!p) return p.error();
      t = *p;
    }
    e.start_us = t;
    if (cm->end_us) e.end_us = std::optional<TimeUs>(std::max(t + 1, *cm->end_us - cm->start_us + t));
    label = "Re-time comment";
  } else if (c.name == "delete") {
    auto o = record_changed(app::delete_comment(lib_, cm->id, *me), "Delete comment");
    if (o) o->message += " Ctrl+Z brings it back.";
    return o;
  }
  return record_changed(app::edit_comment(lib_, {cm->id, *me, e}), label);
}

Result<Outcome> Workstation::cmd_filter(const Command& c) {
  if (c.args.empty()) return make_error("Usage: filter author|tag|kind|visibility|text VALUE, or filter clear.");
  const std::string& what = c.args[0];
  const std::string value = c.args.size() > 1 ? c.args[1] : "";
  const bool all = value.empty() || value == "all";
  if (what == "clear") {
    filters_ = {};
  } else if (what == "author") {
    if (all) {
      filters_.author_id.reset();
    } else {
      auto p = lib_.resolve_person(value);
      if (!p) return p.error();
      filters_.author_id = p->id;
    }
  } else if (what == "tag") {
    filters_.tag = all ? "" : value;
    if (!all && session_) {
      if (auto t = lib_.resolve_tag(session_->id, value)) filters_.tag = t->code;
    }
  } else if (what == "kind") {
    filters_.kind = all ? "" : value;
  } else if (what == "visibility") {
    if (all) {
      filters_.visibility.reset();
    } else {
      auto v = parse_visibility(value);
      if (!v) return make_error("Visibility must be private, triad or everyone, not '" + value + "'.");
      filters_.visibility = v;
    }
  } else if (what == "text") {
    filters_.text = value;
  } else {
    return make_error("Comments can be filtered by author, tag, kind, visibility or text, not '" + what + "'.");
  }
  return done();
}

Result<Outcome> Workstation::cmd_jump_comment(int direction) {
  auto list = visible_comments();
  if (list.empty()) return done("No comments to jump to.");
  const TimeUs pos = media_.position();
  const Comment* target = nullptr;
  // Strictly after/before the playhead, with a small tolerance so repeated presses move on.
  const TimeUs eps = media_info_ && media_info_->frame_duration_us > 0 ? media_info_->frame_duration_us / 2 : 1000;
  if (direction > 0) {
    for (const Comment* cm : list)
      if (cm->start_us > pos + eps) {
        target = cm;
        break;
      }
  } else {
    for (auto it = list.rbegin(); it != list.rend(); ++it)
      if ((*it)->start_us < pos - eps) {
        target = *it;
        break;
      }
  }
  if (!target) return done(direction > 0 ? "No later comment." : "No earlier comment.");
  selected_ = target->id;
  media_.seek(clamp_time(target->start_us));
  return done();
}

// ---------------------------------------------------------------------------------------
// the composer

Result<Outcome> Workstation::cmd_in(const Command&) {
  interval_in_ = stamp_now();
  return done("Interval starts at " + format_time(*interval_in_));
}

Result<Outcome> Workstation::cmd_out(const Command&) {
  if (!interval_in_) return make_error("Press I at the start of the interval first.");
  const TimeUs end = media_.position();
  if (end <= *interval_in_) return make_error("The interval must end after it starts.");
  const TimeUs start = *interval_in_;
  interval_in_.reset();
  return open_composer(start, end);
}

Result<Outcome> Workstation::cmd_compose(const Command& c) {
  if (composer_.open) return done();
  auto o = open_composer(media_.is_open() ? stamp_now() : 0, std::nullopt);
  if (o && c.option("kind")) composer_.kind = *c.option("kind");
  return o;
}

Result<Outcome> Workstation::cmd_compose_text(const Command& c) {
  if (!composer_.open) return make_error("Press C to start a comment first.");
  composer_.text = c.args.empty() ? "" : c.args[0];
  for (std::size_t i = 1; i < c.args.size(); ++i) composer_.text += " " + c.args[i];
  return done();
}

// compose-at [TIME]: the comment being edited moves to TIME (the playhead without it);
// "Set to current frame" in the composer.
Result<Outcome> Workstation::cmd_compose_at(const Command& c) {
  if (!composer_.open) return make_error("Press C to start a comment first.");
  TimeUs at = media_.position();
  if (!c.args.empty()) {
    auto t = parse_time(c.args[0]);
    if (!t) return t.error();
    at = *t;
  }
  if (at < 0) return make_error("A comment cannot start before the recording does.");
  if (media_info_ && media_info_->duration_us > 0 && at > media_info_->duration_us)
    return make_error("A comment cannot start after the recording's end (" + format_time(media_info_->duration_us) + ").");
  if (composer_.end_us && *composer_.end_us <= at)
    return make_error("The comment's interval would end before it starts; set its end first.");
  composer_.start_us = at;
  return done("Commenting at " + format_time(at));  // the status line still said where it opened
}

Result<Outcome> Workstation::cmd_compose_kind(const Command& c) {
  if (!composer_.open) return make_error("Press C to start a comment first.");
  const std::string a = c.args.empty() ? "" : c.args[0];
  if (!a.empty() && std::find(kinds().begin(), kinds().end(), a) == kinds().end())
    return make_error("'" + a + "' is not one of this protocol's feedback stems.");
  composer_.kind = a;
  composer_.error.clear();
  return done();
}

Result<Outcome> Workstation::cmd_compose_tag(const Command& c) {
  if (!composer_.open) return make_error("Press C to start a comment first.");
  const std::string a = c.args.empty() ? "" : c.args[0];
  std::string code = a;
  for (const auto& t : tags_)
    if (t.hotkey == code || ascii_lower(t.label) == ascii_lower(code)) code = t.code;
  if (!tag_by_code(code)) return make_error("'" + a + "' is not a tag of the framework you use in this session.");
  composer_.error.clear();
  auto it = std::find(composer_.tags.begin(), composer_.tags.end(), code);
  if (it == composer_.tags.end()) composer_.tags.push_back(code);
  else composer_.tags.erase(it);
  return done();
}

Result<Outcome> Workstation::cmd_cancel(const Command&) {
  const bool resume = composer_.resume_after;
  composer_ = Composer{};
  if (resume) media_.play();
  return done();
}

Result<Outcome> Workstation::cmd_edit_in_composer(const Command& c) {
  auto cm = comment_arg(c, 0);
  if (!cm) return cm.error();
  auto o = open_composer(cm->start_us, cm->end_us);
  if (!o) return o;
  composer_.editing_id = cm->id;
  composer_.text = cm->text;
  composer_.kind = cm->kind;
  composer_.tags = cm->tags;
  composer_.visibility = cm->visibility;
  composer_.pupil = cm->pupil;
  return o;
}

Result<Outcome> Workstation::cmd_jump(const Command& c) {
  auto cm = comment_arg(c, 0);
  if (!cm) return cm.error();
  selected_ = cm->id;
  if (media_.is_open()) media_.seek(clamp_time(cm->start_us));
  return done();
}

}  // namespace triad::app
