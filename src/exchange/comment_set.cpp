#include "exchange/comment_set.hpp"

#include <algorithm>
#include <tuple>

namespace triad::exchange {

std::string CommentSet::author_name(RowId id) const {
  auto it = authors.find(id);
  return it == authors.end() ? std::string() : it->second;
}

RowId CommentSet::author_id(const std::string& name) {
  if (name.empty()) return 0;
  if (author_index_.size() != authors.size()) {
    author_index_.clear();
    for (const auto& [id, n] : authors) author_index_.emplace(n, id);  // the first id of a repeated name wins
  }
  if (auto it = author_index_.find(name); it != author_index_.end()) return it->second;
  RowId next = authors.empty() ? 1 : authors.rbegin()->first + 1;
  authors.emplace(next, name);
  author_index_.emplace(name, next);
  return next;
}

void report_skipped(CommentSet& set, const std::string& source, const std::string& what_plural,
                    const std::vector<std::string>& items) {
  if (items.empty()) return;
  set.skipped += items.size();
  constexpr std::size_t kListed = 10;
  std::string list;
  for (std::size_t i = 0; i < items.size() && i < kListed; ++i) list += (i ? "; " : "") + items[i];
  if (items.size() > kListed) list += "; and " + std::to_string(items.size() - kListed) + " more";
  set.warnings.push_back("'" + source + "': " + std::to_string(items.size()) + " " + what_plural +
                         " were not imported: " + list);
}

void sort_for_export(std::vector<Comment>& comments) {
  std::stable_sort(comments.begin(), comments.end(), [](const Comment& a, const Comment& b) {
    TimeUs ae = a.end_us.value_or(a.start_us), be = b.end_us.value_or(b.start_us);
    return std::tie(a.start_us, ae, a.uuid) < std::tie(b.start_us, be, b.uuid);
  });
}

}  // namespace triad::exchange
