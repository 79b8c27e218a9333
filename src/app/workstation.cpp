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
#include "base/parse.hpp"
#include "base/text.hpp"
#include "media/fingerprint.hpp"
#include "store/workflow.hpp"

namespace triad::app {

namespace {

constexpr std::size_t kMaxRecent = 10;

// Whether `text` holds `needle_lower` (already lower-case), ignoring ASCII case, without
// making a lower-case copy of every comment the filter passes over.
bool contains_ignoring_case(std::string_view text, std::string_view needle_lower) {
  return std::search(text.begin(), text.end(), needle_lower.begin(), needle_lower.end(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == static_cast<unsigned char>(b);
         }) != text.end();
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
  align_job_.reset();  // likewise
}

// ---------------------------------------------------------------------------------------
// settings and small helpers

void Workstation::load_settings() {
  auto get = [&](std::string_view key) -> std::optional<std::string> {
    auto v = lib_.get_setting(key);
    return v ? *v : std::nullopt;
  };
  if (auto v = get("studio.reaction_lag_us")) {
    if (auto n = parse_int(*v, 0, seconds_us(30), "the reaction lag"); n) settings_.reaction_lag_us = *n;
  }
  if (auto v = get("studio.resume_rewind_us")) {
    if (auto n = parse_int(*v, 0, seconds_us(60), "the rewind"); n) settings_.resume_rewind_us = *n;
  }
  if (auto v = get("studio.volume_percent")) {
    if (auto n = parse_int(*v, 0, 100, "the volume"); n) settings_.volume_percent = static_cast<int>(*n);
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
  const std::string needle = ascii_lower(filters_.text);
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
  // The retention date may have just been set or changed (the Session panel, an import,
  // another program): the offer to delete the recording follows at once, not on reopening.
  if (sharing_.checked_session == session_->id) refresh_sharing();
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
  return reload_lesson_study();  // predicted vs observed follows the comments
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
  camera_layout_ = CameraLayout::SideBySide;
  focused_camera_ = 0;
  recordings_.clear();
  recording_form_ = RecordingForm{};
  sound_choice_ = load_sound_choice(lib_, session_->id);
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
    if (media_info_) open_other_cameras(*recs);
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
  clock_recording_.reset();  // a file on its own: one camera until a session places others
  recordings_.clear();
  sound_choice_ = {};        // and its own sound (the player dropped any other with the file)
  sound_problem_.clear();
  focused_camera_ = 0;
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
  j["camera_layout"] = to_string(camera_layout_);
  j["camera_focus"] = focused_camera_;
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
  if (j.contains("camera_layout") && j["camera_layout"].is_string()) {
    if (auto l = parse_camera_layout(j["camera_layout"].get<std::string>())) camera_layout_ = *l;
  }
  if (j.contains("camera_focus") && j["camera_focus"].is_number_unsigned()) {
    const auto focus = j["camera_focus"].get<std::size_t>();
    if (focus <= media_.cameras().size()) focused_camera_ = focus;
  }
  const TimeUs pos = j.value("position_us", TimeUs{0});
  if (media_.is_open() && pos > 0) media_.seek(clamp_time(pos));
}

void Workstation::update() {
  media_.update();
  update_workflow();
  update_window();
  update_sharing();
  update_align();
  analytics_.update(lib_, session_, comments_, comments_generation_);
  follow_playhead();
  if (auto e = media_.error()) media_error_ = *e;
  if (loop_a_ && loop_b_ && *loop_b_ > *loop_a_ && media_.playing() && media_.position() >= *loop_b_) {
    media_.seek(*loop_a_);
  }
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
    auto n = parse_int(c.args[1], 0, 100, "the volume");
    if (!n) return n.error();
    settings_.volume_percent = static_cast<int>(*n);
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


// ---------------------------------------------------------------------------------------
// dispatch

Result<Outcome> Workstation::press_key(std::string_view chord) {
  // While a comment is being written the digits are text, so their chords act on the
  // composer: Ctrl+digit toggles the tag on that digit, Alt+digit picks the protocol's
  // n-th feedback stem (the order of the composer's stem buttons).
  if (composer_.open) {
    const std::string key = KeyBindings::normalise(chord);
    const auto digit_after = [&](std::string_view prefix) {
      return key.size() == prefix.size() + 1 && key.starts_with(prefix) && key.back() >= '1' && key.back() <= '9';
    };
    if (digit_after("Ctrl+")) return execute(std::string("compose-tag ") + key.back());
    if (digit_after("Alt+")) {
      const auto n = static_cast<std::size_t>(key.back() - '1');
      if (n >= kinds().size())
        return make_error("Alt+" + std::string(1, key.back()) + " picks no stem: this protocol has " +
                          std::to_string(kinds().size()) + " feedback stem" + (kinds().size() == 1 ? "" : "s") + ".");
      return execute("compose-kind " + quote_word(kinds()[n]));
    }
  }
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
// view, keys and scripts

Result<Outcome> Workstation::cmd_escape(const Command&) {
  if (composer_.open) return execute("cancel");
  if (sharing_.rekey) {  // the re-key step (app/rekey_commands.cpp): nothing is bound
    sharing_.rekey.reset();
    return done();
  }
  if (sharing_.export_panel || sharing_.import_panel) {  // app/sharing_commands.cpp; an import not confirmed is dropped
    sharing_.export_panel = sharing_.import_panel = false;
    sharing_.import.reset();
    return done();
  }
  if (view_.help || view_.settings || view_.session_panel || view_.lesson_study || analytics_.window_open()) {
    view_.help = view_.settings = view_.session_panel = view_.lesson_study = false;
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
    auto parsed = parse_command(command);
    if (!parsed) return parsed.error();
    // A key bound to a name no command has would only fail when pressed, long after the typo.
    if (!find_command(parsed->name) || parsed->name == "bind" || parsed->name == "unbind")
      return make_error("'" + parsed->name + "' is not a command a key can run (see the help overlay, ?).");
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
  if (c.args.size() == 1 && c.args[0] == "overview") {  // the window knows when its background work is done
    Outcome o;
    o.wait_overview = true;
    return o;
  }
  auto ms = parse_int(c.args.empty() ? "" : c.args[0], 0, 86'400'000, "the wait in milliseconds");
  if (!ms) return ms.error();
  Outcome o;
  o.wait_us = millis_us(*ms);
  return o;
}

Result<Outcome> Workstation::cmd_screenshot(const Command& c) {
  if (c.args.empty()) return make_error("Usage: screenshot OUT.png.");
  Outcome o;
  o.screenshot = c.args[0];
  return o;
}

// `press CHORD`: unlike `key`, which runs what the chord is bound to, the window plays it as
// the keyboard would (through the text boxes and focus), so a script can check what a real
// Enter does in the composer. Headless, nothing presses it.
Result<Outcome> Workstation::cmd_press(const Command& c) {
  if (c.args.size() != 1) return make_error("Usage: press KEY (a chord such as Enter, Escape or Ctrl+Z).");
  std::string chord = KeyBindings::normalise(c.args[0]);
  if (chord.empty() || chord.size() > 32) return make_error("Usage: press KEY (a chord such as Enter, Escape or Ctrl+Z).");
  Outcome o;
  o.press = std::move(chord);
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
