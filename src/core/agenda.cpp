#include "core/agenda.hpp"

#include <algorithm>
#include <map>

namespace triad {

Status validate_agenda_options(const AgendaOptions& o) {
  if (o.window_us <= 0) return make_error("The agenda window must be longer than zero.");
  if (o.preroll_us < 0 || o.postroll_us < 0) return make_error("Pre-roll and post-roll cannot be negative.");
  if (o.duration_us && *o.duration_us <= 0) return make_error("The recording duration must be longer than zero.");
  return ok_status();
}

std::vector<AgendaItem> build_agenda(const std::vector<Comment>& comments, const AgendaOptions& o) {
  std::vector<const Comment*> top;
  for (const auto& c : comments)
    if (!c.deleted && !c.parent_uuid) top.push_back(&c);
  std::stable_sort(top.begin(), top.end(), [](const Comment* a, const Comment* b) {
    if (a->start_us != b->start_us) return a->start_us < b->start_us;
    return a->created_at_ms < b->created_at_ms;
  });

  std::vector<AgendaItem> items;
  TimeUs prev_start = 0;
  for (const Comment* c : top) {
    if (items.empty() || c->start_us - prev_start > o.window_us) {
      AgendaItem it;
      it.start_us = c->start_us;
      it.end_us = c->start_us;
      items.push_back(std::move(it));
    }
    AgendaItem& it = items.back();
    prev_start = c->start_us;
    it.end_us = std::max(it.end_us, c->end_us.value_or(c->start_us));
    it.comment_uuids.push_back(c->uuid);
    if (std::find(it.authors.begin(), it.authors.end(), c->author_id) == it.authors.end())
      it.authors.push_back(c->author_id);
    for (const auto& t : c->tags)
      if (std::find(it.tags.begin(), it.tags.end(), t) == it.tags.end()) it.tags.push_back(t);
  }

  std::vector<AgendaItem> out;
  for (auto& it : items) {
    if (o.shared_only && !it.shared()) continue;
    it.loop_start_us = std::max<TimeUs>(0, it.start_us - o.preroll_us);
    it.loop_end_us = it.end_us + o.postroll_us;
    if (o.duration_us) it.loop_end_us = std::min(it.loop_end_us, *o.duration_us);
    if (it.loop_end_us <= it.loop_start_us) it.loop_end_us = it.loop_start_us + 1;  // a comment at the very end
    it.number = static_cast<int>(out.size()) + 1;
    out.push_back(std::move(it));
  }
  return out;
}

std::vector<ThreadLine> thread_order(const std::vector<Comment>& comments) {
  std::map<std::string, std::vector<std::size_t>> children;
  std::vector<std::size_t> roots;
  std::map<std::string, std::size_t> by_uuid;
  for (std::size_t i = 0; i < comments.size(); ++i) by_uuid[comments[i].uuid] = i;
  for (std::size_t i = 0; i < comments.size(); ++i) {
    const auto& c = comments[i];
    if (c.deleted) continue;
    if (!c.parent_uuid) {
      roots.push_back(i);
    } else if (by_uuid.count(*c.parent_uuid)) {
      children[*c.parent_uuid].push_back(i);
    }
  }
  auto by_time = [&](std::size_t a, std::size_t b) {
    if (comments[a].start_us != comments[b].start_us) return comments[a].start_us < comments[b].start_us;
    return comments[a].created_at_ms < comments[b].created_at_ms;
  };
  auto by_created = [&](std::size_t a, std::size_t b) { return comments[a].created_at_ms < comments[b].created_at_ms; };
  std::stable_sort(roots.begin(), roots.end(), by_time);
  for (auto& [uuid, list] : children) std::stable_sort(list.begin(), list.end(), by_created);

  std::vector<ThreadLine> out;
  std::vector<bool> emitted(comments.size(), false);
  // Explicit stack rather than recursion: a hostile bundle could nest replies deeply.
  for (std::size_t r : roots) {
    std::vector<ThreadLine> stack{{r, 0}};
    while (!stack.empty()) {
      ThreadLine line = stack.back();
      stack.pop_back();
      if (emitted[line.index]) continue;  // a uuid cycle cannot loop forever
      emitted[line.index] = true;
      out.push_back(line);
      auto it = children.find(comments[line.index].uuid);
      if (it == children.end()) continue;
      for (auto k = it->second.rbegin(); k != it->second.rend(); ++k) stack.push_back({*k, line.depth + 1});
    }
  }
  return out;
}

}  // namespace triad
