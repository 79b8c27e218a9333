#include "app/meeting.hpp"

#include <algorithm>

#include "core/agreement.hpp"

namespace triad::app {

void rebuild_agenda(MeetingState& m, const std::vector<Comment>& visible, std::optional<TimeUs> duration_us) {
  std::optional<TimeUs> keep_start;
  std::string keep_uuid;
  if (const AgendaItem* it = m.current_item()) {
    keep_start = it->start_us;
    if (!it->comment_uuids.empty()) keep_uuid = it->comment_uuids.front();
  }
  m.options.duration_us = duration_us;
  m.items = build_agenda(visible, m.options);
  // Where reviewers coded the lesson differently is worth talking about too.
  if (!m.options.shared_only) add_seen_differently(m.items, compute_agreement(visible, {}), m.options);
  m.current = -1;
  if (!keep_start) return;
  for (std::size_t i = 0; i < m.items.size(); ++i) {
    const auto& uuids = m.items[i].comment_uuids;
    if (!keep_uuid.empty() && std::find(uuids.begin(), uuids.end(), keep_uuid) != uuids.end()) {
      m.current = static_cast<int>(i);
      return;
    }
  }
  for (std::size_t i = 0; i < m.items.size(); ++i)
    if (m.items[i].start_us >= *keep_start) {
      m.current = static_cast<int>(i);
      return;
    }
  if (!m.items.empty()) m.current = static_cast<int>(m.items.size()) - 1;
}

std::string meeting_talk_line(const std::optional<TalkAnalysis>& talk, bool running) {
  if (talk) return "Talk: " + talk_summary_line(*talk);
  return running ? "Talk: being analysed…" : "Talk: not analysed yet — run Analyse.";
}

std::optional<int> item_at(const MeetingState& m, TimeUs t) {
  for (std::size_t i = 0; i < m.items.size(); ++i)
    if (t >= m.items[i].loop_start_us && t < m.items[i].loop_end_us) return static_cast<int>(i);
  return std::nullopt;
}

}  // namespace triad::app
