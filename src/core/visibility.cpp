#include "core/visibility.hpp"

#include "core/protocol.hpp"
#include "core/roles.hpp"

namespace triad {

Viewer SessionAccess::viewer(RowId person_id) const {
  Viewer v;
  v.person_id = person_id;
  if (auto it = roles.find(person_id); it != roles.end()) v.role = it->second;
  return v;
}

bool can_see(const Viewer& viewer, const Comment& c, const SessionAccess& access) {
  if (viewer.person_id != 0 && c.author_id == viewer.person_id) return true;
  if (c.visibility == Visibility::Private) return false;

  // An author who is no longer a participant is treated as staff: the stricter side
  // for a learning detective viewer, and no approval gate for their comments.
  auto it = access.roles.find(c.author_id);
  const bool author_is_detective = it != access.roles.end() && it->second == Role::LearningDetective;

  if (viewer.role == Role::LearningDetective) {
    if (!author_is_detective) return false;
  } else if (!viewer.role && !access.roles.empty()) {
    if (c.visibility != Visibility::Everyone) return false;
  }

  if (author_is_detective && viewer.role != Role::LearningDetective) {
    if (viewer.role == Role::Facilitator) return true;
    if (!access.approved.count(c.uuid)) return false;
  }

  if (access.blind_review && !access.revealed) return false;
  return true;
}

std::vector<Comment> visible_comments(const Viewer& viewer, const std::vector<Comment>& comments,
                                      const SessionAccess& access) {
  // A reply is kept only when its whole chain of parents is kept, so hiding a comment
  // also hides the conversation under it.
  std::map<std::string, const Comment*> by_uuid;
  for (const auto& c : comments) by_uuid[c.uuid] = &c;
  std::map<std::string, bool> kept;
  auto keep = [&](const Comment& start) {
    std::vector<const Comment*> chain;
    bool result = true;
    for (const Comment* c = &start; c; ) {
      if (auto k = kept.find(c->uuid); k != kept.end()) {
        result = k->second;
        break;
      }
      chain.push_back(c);
      if (c->deleted || !can_see(viewer, *c, access)) {
        result = false;
        break;
      }
      if (!c->parent_uuid) break;
      auto p = by_uuid.find(*c->parent_uuid);
      if (p == by_uuid.end() || chain.size() > comments.size()) {  // missing parent, or a cycle
        result = false;
        break;
      }
      c = p->second;
    }
    for (const Comment* c : chain) kept[c->uuid] = result;
    return result;
  };
  std::vector<Comment> out;
  for (const auto& c : comments)
    if (keep(c)) out.push_back(c);
  return out;
}

Visibility initial_visibility(Role author_role, const Protocol& protocol, bool is_reply) {
  if (!is_reply && is_self_review(author_role)) return Visibility::Private;
  return protocol.default_visibility;
}

Status may_change_visibility(RowId actor_id, const Comment& comment) {
  if (actor_id == 0 || actor_id != comment.author_id)
    return make_error("Only the author can change the visibility of comment " + comment.uuid + ".");
  return ok_status();
}

}  // namespace triad
