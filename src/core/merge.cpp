#include "core/merge.hpp"

#include <algorithm>
#include <map>

namespace triad {
namespace {

// Length-prefixed fields: no separator inside a value can make two different comments
// serialise to the same bytes.
void put(std::string& out, std::string_view s) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
  out += ';';
}

}  // namespace

std::string canonical_comment(const Comment& c, const std::string& author_key) {
  std::string out;
  put(out, c.uuid);
  put(out, author_key);
  put(out, std::to_string(c.start_us));
  put(out, c.end_us ? std::to_string(*c.end_us) : "-");
  put(out, c.kind);
  put(out, c.text);
  put(out, to_string(c.visibility));
  put(out, c.pupil);
  put(out, c.parent_uuid.value_or("-"));
  put(out, std::to_string(c.created_at_ms));
  put(out, std::to_string(c.updated_at_ms));
  put(out, std::to_string(c.version));
  put(out, c.deleted ? "1" : "0");
  for (const auto& t : c.tags) put(out, t);  // order kept: equal strings must mean equal comments
  return out;
}

bool merge_wins(const Comment& a, const Comment& b, const std::string& a_author, const std::string& b_author) {
  if (a.version != b.version) return a.version > b.version;
  if (a.deleted != b.deleted) return a.deleted;
  if (a.updated_at_ms != b.updated_at_ms) return a.updated_at_ms > b.updated_at_ms;
  // Without names from the caller, the (shared) author row id stands in.
  const std::string ka = a_author.empty() ? "#" + std::to_string(a.author_id) : a_author;
  const std::string kb = b_author.empty() ? "#" + std::to_string(b.author_id) : b_author;
  return canonical_comment(a, ka) > canonical_comment(b, kb);
}

const Comment& merge_pick(const Comment& a, const Comment& b) { return merge_wins(b, a) ? b : a; }

std::vector<Comment> merge_comments(const std::vector<Comment>& a, const std::vector<Comment>& b) {
  std::map<std::string, Comment> by_uuid;
  for (const auto* list : {&a, &b})
    for (const Comment& c : *list) {
      auto [it, inserted] = by_uuid.emplace(c.uuid, c);
      if (!inserted && merge_wins(c, it->second)) it->second = c;
    }
  std::vector<Comment> out;
  out.reserve(by_uuid.size());
  for (auto& [uuid, c] : by_uuid) out.push_back(std::move(c));
  return out;
}

bool stamped_wins(const Stamped& a, const Stamped& b) {
  if (a.at_ms != b.at_ms) return a.at_ms > b.at_ms;
  return a.canonical > b.canonical;
}

std::string canonical_session(const Session& s, const std::string& school, const std::string& teacher) {
  std::string out;
  for (std::string_view f : {std::string_view(s.uuid), std::string_view(s.title), std::string_view(s.date),
                             std::string_view(school), std::string_view(teacher), std::string_view(s.subject),
                             std::string_view(s.year_group), std::string_view(s.class_label),
                             std::string_view(s.focus), std::string_view(s.cycle)})
    put(out, f);
  put(out, std::to_string(s.cycle_position));
  return out;
}

bool role_claim_wins(const RoleClaim& a, const RoleClaim& b) {
  const bool a_pupil = a.role == Role::LearningDetective, b_pupil = b.role == Role::LearningDetective;
  if (a_pupil != b_pupil) return a_pupil;
  if (a.set_at_ms != b.set_at_ms) return a.set_at_ms > b.set_at_ms;
  return to_string(a.role) > to_string(b.role);
}

}  // namespace triad
