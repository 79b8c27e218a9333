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
  for (const auto& [id, n] : authors)
    if (n == name) return id;
  RowId next = authors.empty() ? 1 : authors.rbegin()->first + 1;
  authors.emplace(next, name);
  return next;
}

void sort_for_export(std::vector<Comment>& comments) {
  std::stable_sort(comments.begin(), comments.end(), [](const Comment& a, const Comment& b) {
    TimeUs ae = a.end_us.value_or(a.start_us), be = b.end_us.value_or(b.start_us);
    return std::tie(a.start_us, ae, a.uuid) < std::tie(b.start_us, be, b.uuid);
  });
}

}  // namespace triad::exchange
