#include "app/workstation.hpp"

#include <algorithm>
#include <string_view>
#include <cctype>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/comment_actions.hpp"
#include "app/comment_json.hpp"
#include "base/wall_clock.hpp"
#include "core/recording_clock.hpp"
#include "base/text.hpp"
#include "media/fingerprint.hpp"
#include "store/workflow.hpp"

namespace triad::app {

namespace {

constexpr int kSpeeds[] = {25, 50, 75, 100, 125, 150, 200};
constexpr std::size_t kMaxRecent = 10;

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Whether `text` holds `needle_lower` (already lower-case), ignoring ASCII case, without
// making a lower-case copy of every comment the filter passes over.
bool contains_ignoring_case(std::string_view text, std::string_view needle_lower) {
  return std::search(text.begin(), text.end(), needle_lower.begin(), needle_lower.end(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == static_cast<unsigned char>(b);
         }) != text.end();
}

Result<std::int64_t> parse_int(std::string_view s, std::string_view what) {
  std::int64_t v = 0;
  bool neg = false;
  std::size_t i = 0;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    i = 1;
  }
  if (i >= s.size()) return make_error(std::string(what) + " must be a whole number, not '" + std::string(s) + "'.");
  for (; i < s.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i])) || v > 1'000'000'000'000LL)
      return make_error(std::string(what) + " must be a whole number, not '" + std::string(s) + "'.");
    v = v * 10 + (s[i] - '0');
  }
  return neg ? -v : v;
}

}  // namespace

std::string speed_label(int percent) {
  std::string s = std::to_string(percent / 100);
  int frac = percent % 100;
  if (frac != 0) {
    s += '.';
    s += static_cast<char>('0' + frac / 10);
    if (frac % 10) s += static_cast<char>('0' + frac % 10);
  }
  return s + "x";
}

Workstation::Workstation(store::Library& library, MediaPort& media) : lib_(library), media_(media) {
  load_settings();
}

Workstation::~Workstation() {
  (void)clock_.stop(lib_);
  export_.reset();  // cancels and joins
}

// ---------------------------------------------------------------------------------------
// settings and small helpers

void Workstation::load_settings() {
  auto get = [&](std::string_view key) -> std::optional<std::string> {
    auto v = lib_.get_setting(key);
    return v ? *v : std::nullopt;
  };
  if (auto v = get("studio.reaction_lag_us")) {
    if (auto n = parse_int(*v, "reaction lag"); n && *n >= 0 && *n <= seconds_us(30)) settings_.reaction_lag_us = *n;
  }
  if (auto v = get("studio.resume_rewind_us")) {
    if (auto n = parse_int(*v, "rewind"); n && *n >= 0 && *n <= seconds_us(60)) settings_.resume_rewind_us = *n;
  }
  if (auto v = get("studio.volume_percent")) {
    if (auto n = parse_int(*v, "volume"); n && *n >= 0 && *n <= 100) settings_.volume_percent = static_cast<int>(*n);
  }
  if (auto v = get("studio.key_bindings")) {
    if (auto st = keys_.apply_overrides_json(*v); !st) status_ = st.error().message;
  }
  if (auto v = get("studio.recent_files")) {
    auto j = nlohmann::json::parse(*v, nullptr, false);
    if (j.is_array())
      for (auto& e : j)
        if (e.is_string()) recent_.push_back(e.get<std::string>());
  }
}

std::optional<std::string> Workstation::load_ui_setting(std::string_view key) {
  auto v = lib_.get_setting(std::string("studio.ui.") + std::string(key));
  return v ? *v : std::nullopt;
}

void Workstation::save_ui_setting(std::string_view key, std::string_view value) {
  if (auto st = lib_.set_setting(std::string("studio.ui.") + std::string(key), value); !st) status_ = st.error().message;
}

void Workstation::remember_recent(const std::string& path) {
  std::error_code ec;
  std::string abs = std::filesystem::absolute(path, ec).lexically_normal().string();
  if (ec) abs = path;
  recent_.erase(std::remove(recent_.begin(), recent_.end(), abs), recent_.end());
  recent_.insert(recent_.begin(), abs);
  if (recent_.size() > kMaxRecent) recent_.resize(kMaxRecent);
  (void)lib_.set_setting("studio.recent_files", nlohmann::json(recent_).dump());
}

std::string Workstation::undo_scope() const { return session_ ? "session:" + std::to_string(session_->id) : ""; }

void Workstation::refresh_undo_labels() {
  undo_label_.reset();
  redo_label_.reset();
  if (!session_) return;
  if (auto u = lib_.peek_undo(undo_scope()); u && *u) undo_label_ = (*u)->label;
  if (auto r = lib_.peek_redo(undo_scope()); r && *r) redo_label_ = (*r)->label;
}

std::optional<Role> Workstation::reviewer_role() const {
  if (!reviewer_) return std::nullopt;
  for (const auto& p : participants_)
    if (p.person_id == reviewer_->id) return p.role;
  return std::nullopt;
}

std::string Workstation::person_name(RowId id) const {
  for (const auto& p : people_)
    if (p.id == id) return p.display_name;
  return "Person " + std::to_string(id);
}

const Tag* Workstation::tag_by_code(std::string_view code) const {
  for (const auto& t : tags_)
    if (t.code == code) return &t;
  return nullptr;
}

const std::vector<std::string>& Workstation::kinds() const {
  static const std::vector<std::string> kKinds = {"took-away", "try", "question", "strength", "note"};
  return kinds_.empty() ? kKinds : kinds_;
}

std::string_view Workstation::kind_label(std::string_view kind) {
  if (kind == "took-away") return "I took away...";
  if (kind == "try") return "Why don't you try...";
  if (kind == "question") return "I wonder...";
  if (kind == "strength") return "What went well";
  if (kind == "note") return "Note";
  return kind;
}

TimeUs Workstation::clamp_time(TimeUs t) const {
  if (t < 0) return 0;
  if (media_info_ && media_info_->duration_us > 0 && t > media_info_->duration_us) return media_info_->duration_us;
  return t;
}

// The reaction lag covers the moment between seeing and pressing while the lesson runs;
// paused on a frame, that frame is the moment meant.
TimeUs Workstation::stamp_now() const {
  const TimeUs lag = media_.playing() ? settings_.reaction_lag_us : 0;
  return std::max<TimeUs>(0, media_.position() - lag);
}

const std::vector<const Comment*>& Workstation::visible_comments() const {
  if (visible_cache_generation_ == comments_generation_ && visible_cache_filters_ == filters_) return visible_cache_;
  visible_cache_generation_ = comments_generation_;
  visible_cache_filters_ = filters_;
  auto& out = visible_cache_;
  out.clear();
  const std::string needle = lower(filters_.text);
  for (const auto& c : comments_) {
    if (filters_.author_id && c.author_id != *filters_.author_id) continue;
    if (!filters_.kind.empty() && c.kind != filters_.kind) continue;
    if (filters_.visibility && c.visibility != *filters_.visibility) continue;
    if (!filters_.tag.empty() && std::find(c.tags.begin(), c.tags.end(), filters_.tag) == c.tags.end()) continue;
    if (!needle.empty() && !contains_ignoring_case(c.text, needle) && !contains_ignoring_case(c.pupil, needle))
      continue;
    out.push_back(&c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// sessions, people, media

Status Workstation::set_reviewer(std::string_view name_or_id) {
  auto p = name_or_id.empty() ? lib_.me() : lib_.resolve_person(name_or_id);
  if (!p) return p.error();
  reviewer_ = *p;
  if (auto ppl = lib_.list_people()) people_ = std::move(*ppl);  // "me" may have just been created
  if (auto st = reload_workflow(); !st) return st;  // the role picks the framework
  return reload_comments();  // what one may see depends on who is looking
}

Result<RowId> Workstation::reviewer_id() {
  if (!reviewer_) {
    if (auto st = adopt_default_reviewer(); !st) return st.error();
  }
  return reviewer_->id;
}

Status Workstation::reload_session_data() {
  people_.clear();
  tags_.clear();
  participants_.clear();
  if (auto ppl = lib_.list_people()) people_ = std::move(*ppl);
  if (!session_) return ok_status();
  if (auto parts = store::list_participants(lib_, session_->id)) participants_ = std::move(*parts);
  auto fws = lib_.session_frameworks(session_->id);
  if (!fws) return fws.error();
  if (fws->empty()) {
    // A session without a framework still needs tags for keys 1-9.
    auto def = lib_.ensure_default_framework();
    if (!def) return def.error();
    if (auto st = lib_.attach_framework(session_->id, def->id); !st) return st;
    fws = lib_.session_frameworks(session_->id);
    if (!fws) return fws.error();
  }
  for (const auto& f : *fws)
    for (const auto& t : f.tags) tags_.push_back(t);
  std::stable_sort(tags_.begin(), tags_.end(), [](const Tag& a, const Tag& b) {
    const bool ha = !a.hotkey.empty(), hb = !b.hotkey.empty();
    if (ha != hb) return ha;
    return ha && a.hotkey < b.hotkey;
  });
  if (auto st = reload_workflow(); !st) return st;  // protocol stems and the role's framework
  return reload_comments();
}

Status Workstation::reload_comments() {
  comments_.clear();
  ++comments_generation_;
  if (!session_) return ok_status();
  // Every listing goes through the visibility rule (core/visibility.hpp): private
  // comments, blind review and learning detectives' approvals are honoured here.
  auto list = store::list_visible_comments(lib_, session_->id, reviewer_ ? reviewer_->id : 0);
  if (!list) return list.error();
  comments_.clear();
  ++comments_generation_;
  for (auto& c : *list)
    if (!c.deleted) comments_.push_back(std::move(c));
  for (const auto& c : comments_) {
    if (std::none_of(people_.begin(), people_.end(), [&](const Person& p) { return p.id == c.author_id; })) {
      if (auto ppl = lib_.list_people()) people_ = std::move(*ppl);
      break;
    }
  }
  if (selected_ && std::none_of(comments_.begin(), comments_.end(), [&](const Comment& c) { return c.id == *selected_; }))
    selected_.reset();
  refresh_undo_labels();
  rebuild_agenda(meeting_, comments_, media_info_ ? std::optional<TimeUs>(media_info_->duration_us) : std::nullopt);
  return ok_status();
}

Status Workstation::open_session(std::string_view id_or_title) {
  auto s = lib_.resolve_session(id_or_title);
  if (!s) return s.error();
  if (session_) save_view_state();
  session_ = *s;
  selected_.reset();
  filters_ = {};
  meeting_ = MeetingState{};  // each session's meeting is restored from its own view state
  if (auto st = reload_session_data(); !st) return st;
  if (!reviewer_ && owner_fallback_) {
    if (auto st = adopt_default_reviewer(); !st) return st;
  }
  // Open the session clock's recording when nothing (or another file) is open.
  if (auto recs = lib_.recordings_for_session(session_->id); recs && !recs->empty()) {
    const std::string& path = session_clock(*recs)->path;
    if (!media_info_ || media_info_->path != path) {
      auto info = media_.open(path);
      if (info) {
        media_info_ = *info;
        media_error_.reset();
      } else {
        media_info_.reset();
        media_error_ = info.error();
      }
    }
  }
  restore_view_state();
  return ok_status();
}

Status Workstation::ensure_session_for_media() {
  if (session_ || !media_info_) return ok_status();
  std::error_code ec;
  const std::string abs = std::filesystem::absolute(media_info_->path, ec).lexically_normal().string();
  // A file opened before (even renamed or moved since) belongs to the session made for it then.
  auto fp = media::fingerprint_file(abs);
  if (!fp) return fp.error();
  if (auto known = lib_.find_recordings_by_fingerprint(*fp); known && !known->empty()) {
    const Recording& r = known->front();
    if (r.path != abs) (void)lib_.set_recording_path(r.id, abs);
    auto s = lib_.get_session(r.session_id);
    if (!s) return s.error();
    session_ = *s;
    if (auto st = reload_session_data(); !st) return st;
    restore_view_state();
    return ok_status();
  }
  Session s;
  s.title = std::filesystem::path(media_info_->path).stem().string();
  s.date = today_iso();
  auto added = lib_.add_session(s);
  if (!added) return added.error();
  Recording r;
  r.session_id = added->id;
  r.path = abs;
  r.fingerprint = *fp;
  r.size_bytes = static_cast<std::int64_t>(std::filesystem::file_size(abs, ec));
  if (ec) r.size_bytes = 0;
  r.duration_us = media_info_->duration_us;
  r.stream_summary = media_info_->summary;
  r.primary = true;
  if (auto rec = lib_.add_recording(r); !rec) return rec.error();
  session_ = *added;
  return reload_session_data();
}

Status Workstation::open_media(const std::string& path) {
  if (session_) save_view_state();
  auto info = media_.open(path);
  if (!info) {
    media_info_.reset();
    media_error_ = info.error();
    return info.error();
  }
  media_info_ = *info;
  media_error_.reset();
  loop_a_.reset();
  loop_b_.reset();
  interval_in_.reset();
  timeline_ = {};
  meeting_.current = -1;
  media_.set_speed_percent(speed_percent_);
  media_.set_volume_percent(settings_.volume_percent);
  remember_recent(path);
  // A recording that belongs to the open session keeps it; otherwise find or make its own.
  if (session_) {
    bool belongs = false;
    if (auto recs = lib_.recordings_for_session(session_->id))
      for (const auto& r : *recs) belongs = belongs || r.path == path ||
                                            r.path == std::filesystem::absolute(path).lexically_normal().string();
    if (!belongs) session_.reset();
  }
  return ensure_session_for_media();
}

void Workstation::save_view_state() {
  if (!session_) return;
  nlohmann::json j;
  j["position_us"] = media_.is_open() ? media_.position() : 0;
  j["timeline_start_us"] = timeline_.start_us;
  j["timeline_span_us"] = timeline_.span_us;
  j["meeting"] = meeting_.on;
  j["agenda_item"] = meeting_.current;
  nlohmann::json f;
  if (filters_.author_id) f["author_id"] = *filters_.author_id;
  f["tag"] = filters_.tag;
  f["kind"] = filters_.kind;
  if (filters_.visibility) f["visibility"] = std::string(to_string(*filters_.visibility));
  f["text"] = filters_.text;
  j["filters"] = f;
  (void)lib_.set_setting("studio.session." + std::to_string(session_->id) + ".view", j.dump());
}

void Workstation::restore_view_state() {
  if (!session_) return;
  auto v = lib_.get_setting("studio.session." + std::to_string(session_->id) + ".view");
  if (!v || !*v) return;
  auto j = nlohmann::json::parse(**v, nullptr, false);
  if (!j.is_object()) return;
  timeline_.start_us = std::max<TimeUs>(0, j.value("timeline_start_us", TimeUs{0}));
  timeline_.span_us = std::max<TimeUs>(0, j.value("timeline_span_us", TimeUs{0}));
  meeting_.on = j.value("meeting", false);
  if (const int item = j.value("agenda_item", -1); item >= 0 && item < static_cast<int>(meeting_.items.size())) {
    meeting_.current = item;
    if (meeting_.on) {  // the meeting goes on where it was: the item's loop too
      loop_a_ = clamp_time(meeting_.items[static_cast<std::size_t>(item)].loop_start_us);
      loop_b_ = clamp_time(meeting_.items[static_cast<std::size_t>(item)].loop_end_us);
      if (*loop_b_ <= *loop_a_) loop_a_.reset(), loop_b_.reset();
    }
  }
  if (j.contains("filters") && j["filters"].is_object()) {
    const auto& f = j["filters"];
    if (f.contains("author_id") && f["author_id"].is_number_integer()) filters_.author_id = f["author_id"].get<RowId>();
    filters_.tag = f.value("tag", "");
    filters_.kind = f.value("kind", "");
    if (f.contains("visibility") && f["visibility"].is_string())
      filters_.visibility = parse_visibility(f["visibility"].get<std::string>());
    filters_.text = f.value("text", "");
  }
  const TimeUs pos = j.value("position_us", TimeUs{0});
  if (media_.is_open() && pos > 0) media_.seek(clamp_time(pos));
}

void Workstation::update() {
  media_.update();
  update_workflow();
  update_window();
  analytics_.update(lib_, session_, comments_, comments_generation_);
  if (auto e = media_.error()) media_error_ = *e;
  if (loop_a_ && loop_b_ && *loop_b_ > *loop_a_ && media_.playing() && media_.position() >= *loop_b_) {
    media_.seek(*loop_a_);
  }
}

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

Result<Outcome> Workstation::cmd_set(const Command& c) {
  if (c.args.size() < 2) return make_error("Usage: set reaction-lag SECONDS | set rewind SECONDS | set volume PERCENT.");
  const std::string& key = c.args[0];
  if (key == "reaction-lag" || key == "rewind") {
    auto t = parse_time(c.args[1]);
    if (!t) return t.error();
    if (*t < 0 || *t > seconds_us(30)) return make_error("The " + key + " must be between 0 and 30 seconds.");
    TimeUs& field = key == "rewind" ? settings_.resume_rewind_us : settings_.reaction_lag_us;
    field = *t;
    auto st = lib_.set_setting(key == "rewind" ? "studio.resume_rewind_us" : "studio.reaction_lag_us", std::to_string(*t));
    if (!st) return st.error();
    std::string shown = format_seconds(*t);  // "1.500000" is for scripts; people read "1.5"
    while (shown.find('.') != std::string::npos && (shown.back() == '0' || shown.back() == '.')) shown.pop_back();
    return done(key + " set to " + shown + " s.");
  }
  if (key == "volume") {
    auto n = parse_int(c.args[1], "The volume");
    if (!n) return n.error();
    settings_.volume_percent = static_cast<int>(std::clamp<std::int64_t>(*n, 0, 100));
    media_.set_volume_percent(settings_.volume_percent);
    (void)lib_.set_setting("studio.volume_percent", std::to_string(settings_.volume_percent));
    return done();
  }
  return make_error("There is no setting called '" + key + "'.");
}

Result<Outcome> Workstation::cmd_seek(const Command& c) {  // the table checks a recording is open
  if (c.args.empty()) return make_error("Usage: seek TIME (00:01:02.5) or seek +SECONDS / -SECONDS.");
  std::string a = c.args[0];
  const bool relative = a[0] == '+' || a[0] == '-';
  const bool back = a[0] == '-';
  auto t = parse_time(relative ? std::string_view(a).substr(1) : std::string_view(a));
  if (!t) return t.error();
  TimeUs target = relative ? media_.position() + (back ? -*t : *t) : *t;
  media_.seek(clamp_time(target));
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

Result<Outcome> Workstation::cmd_shuttle(ShuttleKey key) {
  Shuttle now;
  now.direction = media_.reverse_percent() > 0 ? -1 : media_.playing() ? 1 : 0;
  now.forward_percent = speed_percent_;
  now.reverse_percent = std::max(100, media_.reverse_percent());
  const Shuttle next = shuttle_press(now, key);
  if (next.direction > 0) {
    if (next.forward_percent != speed_percent_) {
      speed_percent_ = next.forward_percent;
      media_.set_speed_percent(speed_percent_);
    }
    media_.play();
    // L says how fast; Space and K just resume, as they always did.
    return done(key == ShuttleKey::Forward ? "Forward " + speed_label(speed_percent_) : std::string());
  }
  if (next.direction < 0) {
    if (media_.position() <= 0) {
      media_.pause();
      return done("At the start.");
    }
    media_.play_reverse(next.reverse_percent);
    if (media_.reverse_percent() == 0) return make_error("This recording cannot be played backwards: it has no picture.");
    return done("Backwards " + speed_label(next.reverse_percent));
  }
  media_.pause();
  return done();
}

// ---------------------------------------------------------------------------------------
// dispatch

Result<Outcome> Workstation::press_key(std::string_view chord) {
  std::string line = keys_.command_for(chord);
  if (line.empty()) return make_error("The key " + KeyBindings::normalise(chord) + " does nothing (see ? for the list).");
  return execute(line);
}

Result<Outcome> Workstation::execute(std::string_view line) {
  // Every line (script, key, panel) enters here: text that is not UTF-8 never reaches the
  // library, and no exception ever reaches the window's loop. A bug in one command is shown
  // in the status line and the window keeps running; the library's write in progress rolls
  // back as its transaction unwinds.
  if (auto bad = first_invalid_utf8(line); bad != std::string_view::npos)
    return make_error("The command is not valid UTF-8 text (byte " + std::to_string(bad + 1) + "); nothing was done.");
  try {
    auto cmd = parse_command(line);
    if (!cmd) return cmd.error();
    return execute(*cmd);
  } catch (const std::exception& e) {
    return make_error("Internal error in '" + escape_for_terminal(line.substr(0, 60), false) +
                      "': " + escape_for_terminal(e.what(), false) + " (please report this).");
  } catch (...) {
    return make_error("Internal error in '" + escape_for_terminal(line.substr(0, 60), false) +
                      "' (please report this).");
  }
}

Result<Outcome> Workstation::execute(const Command& c) {
  const CommandSpec* spec = find_command(c.name);
  if (!spec) return make_error("'" + c.name + "' is not a Triad command (see the help overlay, ?).");
  if (spec->needs == CommandSpec::Needs::Media && !media_.is_open()) return make_error("Open a recording first.");
  if (spec->needs == CommandSpec::Needs::Session && !session_) return make_error("Open a session first.");
  return spec->handler(*this, c);
}

// ---------------------------------------------------------------------------------------
// media and transport (the table checks that a recording is open where one is needed)

Result<Outcome> Workstation::cmd_open(const Command& c) {
  if (c.args.empty()) return make_error("Usage: open PATH.");
  if (auto st = open_media(c.args[0]); !st) return st.error();
  return done("Opened " + std::filesystem::path(c.args[0]).filename().string() + ".");
}

Result<Outcome> Workstation::cmd_play(const Command& c) {
  media_.play();
  Outcome o;
  if (!c.args.empty()) {
    auto ms = parse_int(c.args[0], "The play time in milliseconds");
    if (!ms) return ms.error();
    o.wait_us = millis_us(std::max<std::int64_t>(0, *ms));
  }
  return o;
}

Result<Outcome> Workstation::cmd_shuttle_way(const Command& c) {
  const std::string way = c.args.empty() ? "" : c.args[0];
  if (way == "back" || way == "backward" || way == "reverse") return cmd_shuttle(ShuttleKey::Back);
  if (way == "forward") return cmd_shuttle(ShuttleKey::Forward);
  if (way == "stop") return cmd_shuttle(ShuttleKey::Stop);
  return make_error("Usage: shuttle back|stop|forward (the J, K and L keys).");
}

Result<Outcome> Workstation::cmd_scrub(const Command& c) {  // timeline dragging: previews, exact on release
  auto t = parse_time(c.args.empty() ? "" : c.args[0]);
  if (!t) return t.error();
  if (c.name == "scrub") media_.scrub_to(clamp_time(*t));
  else media_.end_scrub(clamp_time(*t));
  return done();
}

Result<Outcome> Workstation::cmd_end(const Command&) {
  TimeUs d = media_info_ ? media_info_->duration_us : 0;
  TimeUs fd = media_info_ && media_info_->frame_duration_us > 0 ? media_info_->frame_duration_us : 40000;
  media_.seek(std::max<TimeUs>(0, d - fd));
  return done();
}

Result<Outcome> Workstation::cmd_step(const Command& c) {
  auto k = parse_int(c.args.empty() ? "+1" : c.args[0], "The number of frames");
  if (!k) return k.error();
  media_.step(static_cast<int>(std::clamp<std::int64_t>(*k, -1000, 1000)));
  return done();
}

Result<Outcome> Workstation::cmd_speed(const Command& c) {
  int p = speed_percent_;
  if (c.name == "speed") {
    const std::string a = c.args.empty() ? "" : c.args[0];
    auto t = parse_time(a);  // "1.25" read as seconds -> exact hundredths
    if (!t) return make_error("Speed must be a number such as 0.5, 1 or 1.5, not '" + a + "'.");
    p = static_cast<int>(*t / 10000);
    if (p < 25 || p > 200) return make_error("Speed must be between 0.25 and 2.");
  } else if (c.name == "faster") {
    for (int s : kSpeeds)
      if (s > p) {
        p = s;
        break;
      }
  } else {
    for (auto it = std::rbegin(kSpeeds); it != std::rend(kSpeeds); ++it)
      if (*it < p) {
        p = *it;
        break;
      }
  }
  speed_percent_ = p;
  media_.set_speed_percent(p);
  return done("Speed " + speed_label(p));
}

Result<Outcome> Workstation::cmd_loop(const Command& c) {
  if (c.name == "loop-a") {
    loop_a_ = media_.position();
    if (loop_b_ && *loop_b_ <= *loop_a_) loop_b_.reset();
    return done("Loop starts at " + format_time(*loop_a_));
  }
  if (c.name == "loop-b") {
    const TimeUs b = media_.position();
    if (!loop_a_ || b <= *loop_a_) return make_error("Set the loop start (A) before a later loop end (B).");
    loop_b_ = b;
    return done("Loop ends at " + format_time(b));
  }
  loop_a_.reset();
  loop_b_.reset();
  return done("Loop cleared.");
}

Result<Outcome> Workstation::cmd_zoom(const Command& c) {  // zoom FACTOR around the playhead: 2 = closer, 0.5 = wider
  const TimeUs dur = media_info_ ? media_info_->duration_us : 0;
  if (dur <= 0) return done();
  TimeUs span = timeline_.span_us > 0 ? timeline_.span_us : dur;
  auto t = parse_time(c.args.empty() ? "" : c.args[0]);
  if (!t || *t <= 0) return make_error("Usage: zoom FACTOR (2 zooms in, 0.5 zooms out).");
  span = std::clamp<TimeUs>(static_cast<TimeUs>(static_cast<long double>(span) * kUsPerSecond / *t),
                            seconds_us(5), dur);
  timeline_.span_us = span >= dur ? 0 : span;
  timeline_.start_us = std::clamp<TimeUs>(media_.position() - span / 2, 0, std::max<TimeUs>(0, dur - span));
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
    if (t.hotkey == code || lower(t.label) == lower(code)) code = t.code;
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
  return o;
}

Result<Outcome> Workstation::cmd_jump(const Command& c) {
  auto cm = comment_arg(c, 0);
  if (!cm) return cm.error();
  selected_ = cm->id;
  if (media_.is_open()) media_.seek(clamp_time(cm->start_us));
  return done();
}

// ---------------------------------------------------------------------------------------
// view, keys and scripts

Result<Outcome> Workstation::cmd_escape(const Command&) {
  if (composer_.open) return execute("cancel");
  if (view_.help || view_.settings || view_.session_panel || analytics_.window_open()) {
    view_.help = view_.settings = view_.session_panel = false;
    analytics_.close();
  } else {
    view_.fullscreen = false;
  }
  return done();
}

Result<Outcome> Workstation::cmd_key(const Command& c) {
  if (c.args.empty()) return make_error("Usage: key NAME (e.g. key C, key Ctrl+Z).");
  return press_key(c.args[0]);
}

Result<Outcome> Workstation::cmd_bind(const Command& c) {
  const bool bind = c.name == "bind";
  if (c.args.empty() || (bind && c.args.size() < 2)) return make_error("Usage: bind KEY \"command\" or unbind KEY.");
  std::string command = bind ? c.args[1] : "";
  for (std::size_t i = 2; i < c.args.size() && bind; ++i) command += " " + quote_word(c.args[i]);
  if (!command.empty()) {
    if (auto parsed = parse_command(command); !parsed) return parsed.error();
  }
  keys_.bind(c.args[0], command);
  if (auto st = lib_.set_setting("studio.key_bindings", keys_.overrides_json()); !st) return st.error();
  return done();
}

Result<Outcome> Workstation::cmd_reset_keys(const Command&) {
  keys_.reset();
  (void)lib_.erase_setting("studio.key_bindings");
  return done("Default keys restored.");
}

Result<Outcome> Workstation::cmd_wait(const Command& c) {
  auto ms = parse_int(c.args.empty() ? "" : c.args[0], "The wait in milliseconds");
  if (!ms) return ms.error();
  Outcome o;
  o.wait_us = millis_us(std::max<std::int64_t>(0, *ms));
  return o;
}

Result<Outcome> Workstation::cmd_screenshot(const Command& c) {
  if (c.args.empty()) return make_error("Usage: screenshot OUT.png.");
  Outcome o;
  o.screenshot = c.args[0];
  return o;
}

Result<Outcome> Workstation::cmd_mouse(const Command& c) {
  auto g = parse_pointer_gesture(c);
  if (!g) return g.error();
  Outcome o;
  o.pointer = *g;
  return o;
}

}  // namespace triad::app
