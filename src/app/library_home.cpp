#include "app/library_home.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <sstream>

#include "base/text.hpp"
#include "core/roles.hpp"
#include "store/library_overview.hpp"
#include "store/workflow.hpp"

namespace triad::app {

std::string SessionCard::review_state() const {
  if (revealed) return "revealed";
  if (!blind) return "";
  return std::to_string(submitted) + " of " + std::to_string(reviewers) + " submitted";
}

std::string SessionCard::comments_line() const {
  std::string out;
  for (const auto& [name, n] : comments) {
    if (!out.empty()) out += " · ";
    out += name + " " + std::to_string(n);
  }
  return out;
}

Result<std::vector<SessionCard>> load_session_cards(store::Library& lib, const std::vector<std::string>& recent_uuids) {
  auto sessions = lib.list_sessions();
  if (!sessions) return sessions.error();
  auto people = lib.list_people();
  if (!people) return people.error();
  auto act = store::library_activity(lib);
  if (!act) return act.error();
  std::map<RowId, std::string> names;
  for (const auto& p : *people) names[p.id] = p.display_name;
  auto name_of = [&](RowId id) {
    auto it = names.find(id);
    return it == names.end() ? "Person " + std::to_string(id) : it->second;
  };

  std::vector<SessionCard> cards;
  cards.reserve(sessions->size());
  for (auto& s : *sessions) {
    SessionCard c;
    c.session = std::move(s);
    const RowId id = c.session.id;
    if (c.session.teacher_id) c.teacher = name_of(*c.session.teacher_id);
    if (auto it = act->comments.find(id); it != act->comments.end()) {
      for (const auto& [author, n] : it->second) {
        c.comments.emplace_back(name_of(author), n);
        c.comment_total += n;
      }
      std::stable_sort(c.comments.begin(), c.comments.end(),
                       [](const auto& a, const auto& b) { return a.second > b.second; });
    }
    if (auto it = act->participants.find(id); it != act->participants.end() && !it->second.empty()) {
      c.triad = true;
      const auto& subs = act->submitted[id];
      for (const auto& p : it->second) {
        if (!is_reviewer(p.role)) continue;
        ++c.reviewers;
        if (subs.count(p.person_id)) ++c.submitted;
      }
      if (auto b = act->blind.find(id); b != act->blind.end()) {
        c.blind = b->second;
      } else if (!c.session.cycle.empty()) {
        // Only a session in a cycle can inherit its protocol: ask the one rule for it.
        if (auto eff = store::effective_protocol(lib, id)) c.blind = eff->protocol.blind_review;
      }
    }
    c.revealed = act->revealed.count(id) > 0;
    if (auto it = act->open_actions.find(id); it != act->open_actions.end()) c.open_actions = it->second;
    if (auto it = act->primary_recording.find(id); it != act->primary_recording.end()) {
      c.recording = it->second;
      std::error_code ec;
      c.recording_missing = !std::filesystem::exists(c.recording, ec);
    }
    for (const auto& text : {c.session.title, c.session.date, c.session.class_label, c.session.subject,
                             c.session.year_group, c.session.focus, c.session.cycle, c.teacher, c.recording}) {
      c.haystack += ascii_lower(text);
      c.haystack += '\n';
    }
    for (const auto& [name, n] : c.comments) c.haystack += ascii_lower(name) + '\n';
    cards.push_back(std::move(c));
  }
  // Recently opened sessions first, in the order they were opened; then the rest as
  // list_sessions gives them (newest lesson date first).
  std::map<std::string, std::size_t> rank;
  for (std::size_t i = 0; i < recent_uuids.size(); ++i) rank.emplace(recent_uuids[i], i);
  for (auto& c : cards) c.recent = rank.count(c.session.uuid) > 0;
  std::stable_sort(cards.begin(), cards.end(), [&](const SessionCard& a, const SessionCard& b) {
    if (a.recent != b.recent) return a.recent;
    if (a.recent) return rank[a.session.uuid] < rank[b.session.uuid];
    return false;
  });
  return cards;
}

void apply_home_search(HomeState& home) {
  home.shown.clear();
  std::vector<std::string> words;
  std::istringstream in(ascii_lower(home.search));
  for (std::string w; in >> w;) words.push_back(w);
  for (std::size_t i = 0; i < home.cards.size(); ++i) {
    const auto& h = home.cards[i].haystack;
    if (std::all_of(words.begin(), words.end(), [&](const std::string& w) { return h.find(w) != std::string::npos; }))
      home.shown.push_back(i);
  }
}

}  // namespace triad::app
