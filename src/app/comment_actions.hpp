#pragma once
// Adding, replying to, editing and deleting comments: the one implementation behind the
// window's commands (comment, marker, the composer, reply, edit, retag, retime, kind,
// delete) and the CLI's `comment add|edit|delete` and `reply`. Each use case decides
// plain or protocol session (app/session_rules.hpp), applies the rules, writes in one
// transaction and answers with the stored comment(s) and one sentence to show, or with
// the one sentence saying why it was refused. Single-threaded per Library.
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"
#include "store/library.hpp"

namespace triad::app {

struct NewComment {
  RowId session_id = 0;
  RowId author_id = 0;
  TimeUs start_us = 0;
  std::optional<TimeUs> end_us;
  std::string kind = "note";  // a stem code; empty = none (a protocol may require one)
  std::string text;
  std::string pupil;               // a pupil code, never a name
  std::vector<std::string> tags;   // codes or labels of the session's (or the role's) framework
  std::optional<Visibility> visibility;  // nullopt: the protocol's initial visibility (Triad in a plain session)
};

struct NewReply {
  std::string parent_uuid;  // the comment answered
  RowId author_id = 0;
  std::string text;
  std::optional<Visibility> visibility;  // nullopt: the protocol's default (Triad in a plain session)
};

struct CommentChange {
  RowId comment_id = 0;
  RowId actor_id = 0;  // must be the author
  store::CommentEdit edit;
};

// A stored comment and the sentence that confirms it.
struct CommentAdded {
  Comment comment;
  std::string sentence;
};
// Before and after an edit or deletion (the window's undo journal keeps both).
struct CommentChanged {
  Comment before;
  Comment after;
  std::string sentence;
};

// A comment named the way people name one, in both fronts: its row id (digits) or its uuid.
Result<Comment> find_comment(store::Library& lib, const std::string& id_or_uuid);

Result<CommentAdded> add_comment(store::Library& lib, const NewComment& request);
// In a protocol session the author must be a participant who can see the parent; in a
// plain session anyone may reply to a live comment. The reply takes the parent's session
// and time.
Result<CommentAdded> add_reply(store::Library& lib, const NewReply& request);
Result<CommentChanged> edit_comment(store::Library& lib, const CommentChange& request);
// Leaves a tombstone (so the deletion merges); the author's alone.
Result<CommentChanged> delete_comment(store::Library& lib, RowId comment_id, RowId actor_id);

}  // namespace triad::app
