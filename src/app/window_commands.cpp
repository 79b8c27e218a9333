// Commands of the window around a session (the same lines work in scripts and tests):
//   home                       close the session and show the library's sessions
//   home-search "words"        filter the home list (every word must appear)
//   new-session --title T [--date D] [--class C] [--subject S] [--year-group Y] [--teacher NAME]
//               [--focus F] [--framework CODE] [--recording PATH]      make a session and open it
//   person add "Name"          add a person and review as them
//   as NAME                    review as this person (remembered for the next start);
//   as                         the remembered person; nobody chosen yet asks who you are
//   as NAME --offer-key, person add "Name" --offer-key   the same, chosen in "Who is reviewing?":
//                              then offer to make their signing key when they have none
//   who [close]                open (close) "Who is reviewing?"
//   new-session-form [close] [--recording PATH]   show the "New session" form (a dropped file fills it)
//   compose-visibility private|triad|everyone     who will see the comment being written
//   share ID|selected [triad|everyone|private]    change who sees your comment ("share this
//                              reflection"; undoable with Ctrl+Z)
//   browse [FOLDER] [--show recordings|import|all]   list a folder in the in-window file browser
// The live library (poll_library) is here too: another program's writes are noticed
// through PRAGMA data_version and reloaded without touching playhead, selection or composer.
#include <algorithm>
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/comment_actions.hpp"
#include "app/identity.hpp"
#include "app/session_create.hpp"
#include "app/share_files.hpp"
#include "app/workstation.hpp"
#include "store/library_overview.hpp"
#include "core/visibility.hpp"
#include "store/shipped_frameworks.hpp"

namespace triad::app {

namespace {

constexpr const char* kReviewerKey = "studio.reviewer";         // person id of the last choice
constexpr const char* kRecentSessionsKey = "studio.recent_sessions";  // uuids, most recent first
constexpr std::size_t kMaxRecentSessions = 8;

std::vector<std::string> read_recent(store::Library& lib) {
  std::vector<std::string> out;
  auto v = lib.get_setting(kRecentSessionsKey);
  if (!v || !*v) return out;
  auto j = nlohmann::json::parse(**v, nullptr, false);
  if (j.is_array())
    for (auto& e : j)
      if (e.is_string()) out.push_back(e.get<std::string>());
  return out;
}

}  // namespace

Result<Outcome> Workstation::cmd_home_search(const Command& c) {
  home_.search.clear();
  for (const auto& a : c.args) home_.search += (home_.search.empty() ? "" : " ") + a;
  apply_home_search(home_);
  return done();
}

Result<Outcome> Workstation::cmd_compose_visibility(const Command& c) {
  if (!composer_.open) return make_error("Press C to start a comment first.");
  auto v = parse_visibility(c.args.empty() ? "" : c.args[0]);
  if (!v) return make_error("Visibility must be private, triad or everyone.");
  composer_.visibility = *v;
  return done();
}

Result<Outcome> Workstation::cmd_who(const Command& c) {
  view_.identity = c.args.empty() || c.args[0] != "close";
  return done();
}

Result<Outcome> Workstation::cmd_new_session_form(const Command& c) {
  view_.new_session = c.args.empty() || c.args[0] != "close";
  if (auto r = c.option("recording")) home_.draft_recording = *r;
  else if (!view_.new_session) home_.draft_recording.clear();
  if (view_.new_session && home_.frameworks.empty()) reload_home();
  return done();
}

Result<Outcome> Workstation::cmd_browse(const Command& c) {
  std::string dir = c.args.empty() ? folder_.folder : c.args[0];
  // --near FILE: the folder a missing recording was last seen in, when that folder is still
  // there (relinking starts looking beside it); otherwise the usual start.
  if (auto near = c.option("near")) {
    std::error_code ec;
    const std::string parent = std::filesystem::path(*near).parent_path().string();
    dir = !parent.empty() && std::filesystem::is_directory(parent, ec) ? parent : std::string();
  }
  if (dir.empty()) {
    if (!recent_.empty()) dir = std::filesystem::path(recent_.front()).parent_path().string();
    else dir = home_folder();
  }
  // --show import: bundles and comment files for the Import panel (app/share_files.hpp).
  const std::string show = c.option("show").value_or(c.flag("all") ? "all" : "recordings");
  auto listing = show == "import" ? list_folder_with(dir, &looks_importable) : list_folder(dir, show == "all");
  if (listing) listing->show = show;
  if (!listing) {
    folder_.error = listing.error().message;
    return listing.error();
  }
  folder_ = std::move(*listing);
  return done();
}

Visibility Workstation::default_visibility() const {
  if (auto role = reviewer_role()) return initial_visibility(*role, info_.protocol, false);
  return info_.protocol.default_visibility;
}

Result<Outcome> Workstation::cmd_share(const Command& c) {
  auto cm = comment_arg(c, 0);
  if (!cm) return cm.error();
  if (!reviewer_ || cm->author_id != reviewer_->id) return make_error("Only its author can change who sees a comment.");
  auto v = parse_visibility(c.args.size() > 1 ? c.args[1] : "triad");
  if (!v) return make_error("Visibility must be private, triad or everyone, not '" + c.args[1] + "'.");
  if (cm->visibility == *v) return done();
  store::CommentEdit e;
  e.visibility = *v;
  const std::string label = *v == Visibility::Private ? "Make comment private" : "Share comment";
  // The comment use case checks the author and the protocol; the journal makes it undoable.
  auto changed = record_changed(app::edit_comment(lib_, {cm->id, reviewer_->id, e}), label);
  if (!changed) return changed.error();
  return done(*v == Visibility::Private ? "Only you can see this comment now (Ctrl+Z undoes)."
                                        : "Shared with " + std::string(*v == Visibility::Everyone ? "everyone" : "the triad") +
                                              " (Ctrl+Z undoes).");
}

Status Workstation::adopt_default_reviewer() {
  if (auto v = lib_.get_setting(kReviewerKey); v && *v) {
    if (auto p = lib_.resolve_person(**v)) return set_reviewer(std::to_string(p->id));
  }
  if (owner_fallback_) return set_reviewer("");
  view_.identity = true;
  return make_error("Choose who is reviewing first: pick or add your name.");
}

Result<Outcome> Workstation::cmd_choose_reviewer(const Command& c) {
  if (c.args.empty()) {
    if (auto st = adopt_default_reviewer(); !st) {
      if (!owner_fallback_) return done("Who is reviewing? Pick or add your name.");
      return st.error();
    }
    return done("Reviewing as " + reviewer_->display_name + ".");
  }
  if (auto st = set_reviewer(c.args[0]); !st) return st.error();
  (void)lib_.set_setting(kReviewerKey, std::to_string(reviewer_->id));
  view_.identity = false;
  // Chosen in "Who is reviewing?" (--offer-key): this is where a person's signing key is
  // made, once, so what they share is known to be theirs. Someone whose key is known here
  // already (made on this computer, or bound from a roster) is not asked.
  view_.identity_key = false;
  if (c.flag("offer-key")) {
    auto key = identity_of(lib_, reviewer_->id);
    view_.identity_key = key && !*key;
  }
  refresh_key_state();
  return done("Reviewing as " + reviewer_->display_name + ".");
}

Result<Outcome> Workstation::cmd_person(const Command& c) {
  if (c.args.size() < 2 || c.args[0] != "add") return make_error("Usage: person add \"Name\".");
  std::string name = c.args[1];
  for (std::size_t i = 2; i < c.args.size(); ++i) name += " " + c.args[i];
  auto existing = lib_.find_person(name);
  if (!existing) return existing.error();
  RowId id = 0;
  if (*existing) {
    id = (*existing)->id;
  } else {
    auto added = lib_.add_person(name);
    if (!added) return added.error();
    id = added->id;
  }
  Command as{"as", {std::to_string(id)}, {}};
  if (c.flag("offer-key")) as.options.emplace("offer-key", "");
  return cmd_choose_reviewer(as);
}

Result<Outcome> Workstation::cmd_home(const Command&) {
  if (session_) {
    save_view_state();
    composer_ = Composer{};
    session_.reset();
    selected_.reset();
    filters_ = {};
    meeting_ = MeetingState{};
    loop_a_.reset();
    loop_b_.reset();
    interval_in_.reset();
    media_.close();
    media_info_.reset();
    media_error_.reset();
    if (auto st = reload_session_data(); !st) return st.error();
  }
  view_.session_panel = false;
  reload_home();
  return done();
}

Result<Outcome> Workstation::cmd_new_session(const Command& c) {
  NewSession ns;
  auto opt = [&](const char* key) { return c.option(key).value_or(std::string()); };
  ns.fields.title = opt("title");
  if (ns.fields.title.empty() && !c.args.empty()) ns.fields.title = c.args[0];
  if (ns.fields.title.empty()) return make_error("Give the session a title.");
  ns.fields.date = opt("date");
  ns.fields.class_label = opt("class");
  ns.fields.subject = opt("subject");
  ns.fields.year_group = opt("year-group");
  ns.fields.focus = opt("focus");
  ns.teacher = opt("teacher");
  ns.recording = opt("recording");
  for (const auto& f : c.all("framework"))
    if (!f.empty()) ns.frameworks.push_back(f);
  if (reviewer_) ns.actor = reviewer_->id;
  auto made = create_session(lib_, ns);
  if (!made) return made.error();
  view_.new_session = false;
  if (auto st = open_session(std::to_string(made->session.id)); !st) return st.error();
  std::string msg = "Session created: " + made->session.title + ".";
  for (const auto& p : made->problems) msg += " " + p;
  if (!made->note.empty()) msg += " " + made->note;
  return done(msg);
}

void Workstation::reload_home() {
  auto cards = load_session_cards(lib_, read_recent(lib_));
  home_.loaded = true;  // also on failure: the error is shown, not retried every frame
  if (!cards) {
    home_.error = cards.error().message;
    return;
  }
  home_.error.clear();
  home_.library_name = lib_.path().filename().string();
  home_.cards = std::move(*cards);
  home_.loaded = true;
  apply_home_search(home_);
  load_framework_choices();
}

void Workstation::load_framework_choices() {
  // What the form's framework choice offers: the library's, then shipped ones not yet in it.
  home_.frameworks.clear();
  if (auto fws = lib_.list_frameworks())
    for (const auto& f : *fws) home_.frameworks.push_back(f.code);
  for (const auto& code : store::shipped_framework_codes())
    if (std::find(home_.frameworks.begin(), home_.frameworks.end(), code) == home_.frameworks.end())
      home_.frameworks.push_back(code);
}

namespace {

// The same recordings placed the same way, in any order.
bool same_recordings(std::vector<Recording> a, std::vector<Recording> b) {
  if (a.size() != b.size()) return false;
  auto by_id = [](const Recording& x, const Recording& y) { return x.id < y.id; };
  std::sort(a.begin(), a.end(), by_id);
  std::sort(b.begin(), b.end(), by_id);
  for (std::size_t i = 0; i < a.size(); ++i) {
    const Recording &x = a[i], &y = b[i];
    if (x.id != y.id || x.path != y.path || x.duration_us != y.duration_us || x.sync_offset_us != y.sync_offset_us ||
        x.primary != y.primary || x.label != y.label || x.role != y.role || x.drift_ppb != y.drift_ppb)
      return false;
  }
  return true;
}

}  // namespace

void Workstation::poll_library() {
  auto v = store::data_version(lib_);
  if (!v) return;
  const bool changed = data_version_ && *data_version_ != *v;
  data_version_ = *v;
  if (session_ && (!polled_recordings_ || polled_recordings_->first != session_->id)) {
    // A session just opened: what its recordings are now is what later polls compare with.
    if (auto recs = lib_.recordings_for_session(session_->id)) polled_recordings_.emplace(session_->id, std::move(*recs));
  }
  if (!changed) return;
  // Another program wrote: reload what is shown. The player, the selection (when the
  // comment still exists) and the composer are left as they are.
  if (session_) {
    if (auto s = lib_.get_session(session_->id)) session_ = *s;
    if (auto st = reload_session_data(); !st) status_ = st.error().message;
    // Recordings added, removed or placed elsewhere (`triad recording add|offset|align|remove`):
    // the tiles, the Recordings section and the sound follow. Only then, since reopening the
    // other cameras costs their decoders a seek; and only for a difference between two polls
    // (what the window itself shows may come from elsewhere: a file opened by its path).
    if (auto recs = lib_.recordings_for_session(session_->id)) {
      const bool moved = polled_recordings_ && polled_recordings_->first == session_->id &&
                         !same_recordings(*recs, polled_recordings_->second);
      polled_recordings_.emplace(session_->id, std::move(*recs));
      if (moved) reload_recordings();
    }
  } else {
    reload_home();
  }
}

void Workstation::update_window() {
  poll_library();
  if (!session_) {
    if (!home_.loaded) reload_home();
    remembered_session_.reset();
    return;
  }
  if (remembered_session_ == session_->id) return;
  // A session was opened: it goes to the top of the home screen's recent ones.
  remembered_session_ = session_->id;
  auto recent = read_recent(lib_);
  recent.erase(std::remove(recent.begin(), recent.end(), session_->uuid), recent.end());
  recent.insert(recent.begin(), session_->uuid);
  if (recent.size() > kMaxRecentSessions) recent.resize(kMaxRecentSessions);
  (void)lib_.set_setting(kRecentSessionsKey, nlohmann::json(recent).dump());
  home_.loaded = false;  // reloaded (with this order) when the home screen shows again
  if (home_.frameworks.empty()) load_framework_choices();  // the setup's framework choice
}

}  // namespace triad::app
