#include "app/comment_actions.hpp"

#include <algorithm>

#include "app/person_name.hpp"
#include "app/session_rules.hpp"
#include "base/parse.hpp"
#include "base/time.hpp"
#include "store/workflow.hpp"

namespace triad::app {

Result<Comment> find_comment(store::Library& lib, const std::string& key) {
  if (!key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    auto id = parse_id(key, "the comment id");
    if (!id) return id.error();
    return lib.get_comment(*id);
  }
  auto c = lib.find_comment_by_uuid(key);
  if (!c) return c.error();
  if (!*c) return make_error("No comment '" + key + "' (give its id or uuid).");
  return **c;
}

Result<CommentAdded> add_comment(store::Library& lib, const NewComment& r) {
  auto tx = lib.begin();
  if (!tx) return tx.error();
  auto mode = session_mode(lib, r.session_id);
  if (!mode) return mode.error();
  Comment c;
  c.session_id = r.session_id;
  c.author_id = r.author_id;
  c.start_us = r.start_us;
  c.end_us = r.end_us;
  c.kind = r.kind;
  c.text = r.text;
  c.pupil = r.pupil;
  c.tags = r.tags;
  Result<Comment> added = make_error("unreachable");
  if (*mode == SessionMode::Workflow) {
    added = store::add_checked_comment(lib, std::move(c), r.visibility);
  } else {
    if (r.visibility) c.visibility = *r.visibility;
    added = lib.add_comment(std::move(c));
  }
  if (!added) return added.error();
  if (auto st = tx->commit(); !st) return st.error();
  return CommentAdded{*added, "Comment " + std::to_string(added->id) + " added at " + format_time(added->start_us) + "."};
}

Result<CommentAdded> add_reply(store::Library& lib, const NewReply& r) {
  auto tx = lib.begin();
  if (!tx) return tx.error();
  auto parent = lib.find_comment_by_uuid(r.parent_uuid);
  if (!parent) return parent.error();
  if (!*parent || (*parent)->deleted) return make_error("No comment with uuid " + r.parent_uuid + ".");
  auto mode = session_mode(lib, (*parent)->session_id);
  if (!mode) return mode.error();
  Result<Comment> added = make_error("unreachable");
  if (*mode == SessionMode::Workflow) {
    added = store::add_reply(lib, r.parent_uuid, r.author_id, r.text, r.visibility);
  } else {
    Comment c;
    c.session_id = (*parent)->session_id;
    c.author_id = r.author_id;
    c.start_us = (*parent)->start_us;
    c.text = r.text;
    c.parent_uuid = (*parent)->uuid;
    if (r.visibility) c.visibility = *r.visibility;
    added = lib.add_comment(std::move(c));
  }
  if (!added) return added.error();
  if (auto st = tx->commit(); !st) return st.error();
  // Replies attach under a thread; the sentence names whose comment starts it.
  Comment top = **parent;
  for (int guard = 0; top.parent_uuid && guard < 1000; ++guard) {
    auto up = lib.find_comment_by_uuid(*top.parent_uuid);
    if (!up || !*up) break;
    top = **up;
  }
  return CommentAdded{*added, "Reply added under " + person_name(lib, top.author_id) + "'s comment."};
}

Result<CommentChanged> edit_comment(store::Library& lib, const CommentChange& r) {
  auto tx = lib.begin();
  if (!tx) return tx.error();
  auto before = lib.get_comment(r.comment_id);
  if (!before) return before.error();
  if (auto st = may_change_comment(lib, *before, r.actor_id); !st) return st.error();
  if (auto st = check_comment_edit(lib, *before, r.edit, r.actor_id); !st) return st.error();
  auto after = lib.edit_comment(before->id, r.edit);
  if (!after) return after.error();
  if (auto st = tx->commit(); !st) return st.error();
  return CommentChanged{*before, *after,
                        "Comment " + std::to_string(after->id) + " updated (version " + std::to_string(after->version) +
                            ")."};
}

Result<CommentChanged> delete_comment(store::Library& lib, RowId comment_id, RowId actor_id) {
  auto tx = lib.begin();
  if (!tx) return tx.error();
  auto before = lib.get_comment(comment_id);
  if (!before) return before.error();
  if (auto st = may_change_comment(lib, *before, actor_id); !st) return st.error();
  auto after = lib.delete_comment(before->id);
  if (!after) return after.error();
  if (auto st = tx->commit(); !st) return st.error();
  return CommentChanged{*before, *after, "Comment " + std::to_string(after->id) + " deleted."};
}

}  // namespace triad::app
