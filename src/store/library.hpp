#pragma once
// The library: one crash-safe SQLite file holding people, schools, sessions, recordings,
// frameworks/tags, comments (with FTS5 search), review time, settings and an undo journal.
//
// Contracts:
//  - Every write is its own BEGIN IMMEDIATE transaction committed before the call returns
//    (no save step). Calls compose: inside a caller's `begin()` they become savepoints,
//    so an importer can make a whole bundle one atomic write.
//  - Connection: WAL, synchronous=FULL, foreign_keys=ON, busy_timeout 10 s, secure_delete=ON,
//    temp_store=MEMORY; quick_check at open. Several processes may write at once.
//  - One Library per thread (it owns one connection). Movable, not copyable.
//  - Errors: one sentence naming the library file (or the thing not found) and the reason;
//    Error::code is a CLI exit code (1 bad input/unknown, 5 I/O, 8 not a Triad library).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"
#include "store/sqlite.hpp"

namespace triad::store {

enum class OpenMode {
  Create,        // open, creating the file (and its folders) when missing
  ExistingOnly,  // open read-write; a missing file is an error
  ReadOnly,      // open read-only; a missing file is an error; nothing is ever written
};

// Which comments list_comments/count_comments return. Unset fields do not filter.
struct CommentFilter {
  std::optional<RowId> session_id;
  std::optional<RowId> author_id;
  std::optional<std::string> tag;         // tag code or label (case-insensitive)
  std::optional<std::string> kind;        // exact kind code
  std::optional<Visibility> visibility;
  std::optional<std::string> text;        // case-insensitive substring of the text
  std::optional<TimeUs> from_us;          // comments that overlap [from_us, to_us]
  std::optional<TimeUs> to_us;
  bool include_deleted = false;           // tombstones are hidden unless asked for
  std::int64_t limit = 0;                 // 0 = all
  std::int64_t offset = 0;
};
// Ordering of list_comments: session, start_us, end_us, created_at_ms, uuid.

// Fields to change in edit_comment; unset fields stay as they are.
struct CommentEdit {
  std::optional<TimeUs> start_us;
  std::optional<std::optional<TimeUs>> end_us;  // set to nullopt-inside to make it a point comment
  std::optional<std::string> kind;
  std::optional<std::string> text;
  std::optional<Visibility> visibility;
  std::optional<std::string> pupil;
  std::optional<std::vector<std::string>> tags;  // replaces the tag list (codes or labels)
};

struct SearchHit {
  Comment comment;
  std::string snippet;  // text around the match, matches wrapped in [ ]
  double rank = 0;      // relevance (triad_rank, store/search_rank.hpp), lower is better
};

struct ReviewTime {
  RowId id = 0;
  RowId person_id = 0;
  RowId session_id = 0;
  std::int64_t started_at_ms = 0;  // wall clock, Unix ms
  std::int64_t seconds = 0;
};

// One reversible action of the workstation. The payloads are the app's own (JSON, say);
// the store only keeps them in order. Pushing a new entry discards the redo side.
struct UndoEntry {
  RowId id = 0;
  std::string scope;  // e.g. "session:12" so each session has its own history
  std::string label;  // "Add comment", shown in the Edit menu
  std::string undo_payload;
  std::string redo_payload;
  std::int64_t created_at_ms = 0;
};

class Library {
 public:
  // Opens a library file, creating/migrating it as needed (not in ReadOnly mode).
  // Refuses (kNotLibrary), without changing a byte: a non-SQLite file, an SQLite file
  // of another application, a library made by a newer Triad.
  static Result<Library> open(const std::filesystem::path& path, OpenMode mode = OpenMode::Create);
  // A private in-memory library (tests, scratch work).
  static Result<Library> open_memory();
  // $TRIAD_DB, else $XDG_DATA_HOME/triad/library.triad, else ~/.local/share/triad/library.triad.
  // Does not create anything (open() creates folders).
  static Result<std::filesystem::path> default_path();

  Library(Library&&) noexcept = default;
  Library& operator=(Library&&) noexcept = default;
  ~Library() = default;

  const std::filesystem::path& path() const { return path_; }
  // True when opened ReadOnly, or found not writable (file, folder or mount): every write
  // is then refused with "Library ... is read-only" and nothing changes.
  bool read_only() const { return read_only_; }
  // PRAGMA integrity_check; a damaged library gets a sentence with a recovery hint. Imports
  // call it before writing (see store/migrations.hpp check_integrity).
  Status check_integrity(std::string_view refused_action);
  int schema_version() const;
  // The connection, for store-layer repositories in other files (workflow_*.cpp).
  Db& db() { return db_; }
  // Starts a write transaction spanning several calls (see Transaction).
  Result<Transaction> begin() { return Transaction::begin(db_); }

  // ---- people --------------------------------------------------------------------------
  // Adds a person; names are unique, compared case-insensitively; empty names are refused.
  Result<Person> add_person(std::string_view display_name);
  Result<Person> get_person(RowId id);
  // nullopt when nobody has that name (case-insensitive).
  Result<std::optional<Person>> find_person(std::string_view display_name);
  // A number is tried as an id first, then as a name; unknown -> error naming it.
  Result<Person> resolve_person(std::string_view name_or_id);
  Result<std::vector<Person>> list_people();  // by name
  // The library's owner ("me"): created on first need from $USER / getpwuid.
  Result<Person> me();
  Status rename_person(RowId id, std::string_view display_name);

  // ---- schools -------------------------------------------------------------------------
  Result<School> add_school(std::string_view name, std::string_view alliance = {});
  Result<School> get_school(RowId id);
  // Existing school of that name (case-insensitive) or a new one.
  Result<School> find_or_add_school(std::string_view name);
  Result<std::vector<School>> list_schools();

  // ---- sessions ------------------------------------------------------------------------
  // Adds a session; id, uuid (when empty), created_at_ms and updated_at_ms (when 0) are
  // filled in. Title required.
  Result<Session> add_session(Session session);
  Result<Session> get_session(RowId id);
  Result<std::optional<Session>> find_session_by_uuid(std::string_view uuid);
  // A number is tried as an id, then a uuid, then an exact title (must be unique).
  Result<Session> resolve_session(std::string_view id_uuid_or_title);
  Result<std::vector<Session>> list_sessions();  // newest lesson date first, then title
  // Replaces every field but id, uuid and created_at_ms; updated_at_ms becomes now.
  Status update_session(const Session& session);
  // The same with the edit time given, and created_at_ms too when not 0: a bundle merge
  // keeps the winning edit's own time and the earliest creation time.
  Status put_session_metadata(const Session& session, std::int64_t updated_at_ms);

  // ---- recordings ----------------------------------------------------------------------
  Result<Recording> add_recording(Recording recording);
  Result<Recording> get_recording(RowId id);
  Result<std::vector<Recording>> recordings_for_session(RowId session_id);  // primary first
  Result<std::vector<Recording>> find_recordings_by_fingerprint(std::string_view fingerprint);
  // Records where a recording's file is now (after relinking by fingerprint).
  Status set_recording_path(RowId recording_id, std::string_view path);
  Status update_recording(const Recording& recording);
  // Deletes the row (never the file). When it was the session clock, the oldest remaining
  // recording becomes the clock.
  Status remove_recording(RowId recording_id);

  // ---- frameworks and tags -------------------------------------------------------------
  // Adds a framework with its tags (Framework::tags, in order). Codes: framework unique,
  // tag unique within its framework. Returns it with ids filled in.
  Result<Framework> add_framework(Framework framework);
  Result<Framework> get_framework(RowId id);
  Result<std::optional<Framework>> find_framework(std::string_view code);
  Result<std::vector<Framework>> list_frameworks();  // by code, tags in their order
  Result<Tag> add_tag(RowId framework_id, Tag tag);
  // Attaches a framework to a session directly (until protocols supply them).
  Status attach_framework(RowId session_id, RowId framework_id);
  Result<std::vector<Framework>> session_frameworks(RowId session_id);
  // Finds a tag by code or label (case-insensitive) among the session's frameworks.
  Result<Tag> resolve_tag(RowId session_id, std::string_view code_or_label);
  // The built-in "triad-default" framework, created the first time it is asked for.
  Result<Framework> ensure_default_framework();

  // ---- comments ------------------------------------------------------------------------
  // Adds a comment. Fills id, uuid (when empty), created/updated (now), version 1.
  // Checks: session exists, author exists, non-empty text, end > start, start >= 0,
  // tags (codes or labels) resolve within the session's frameworks. Tags are stored and
  // returned as codes.
  Result<Comment> add_comment(Comment comment);
  Result<Comment> get_comment(RowId id);  // tombstones too
  Result<std::optional<Comment>> find_comment_by_uuid(std::string_view uuid);
  Result<std::vector<Comment>> list_comments(const CommentFilter& filter);
  Result<std::int64_t> count_comments(const CommentFilter& filter);
  // SQLite's plan for the query list_comments (count_comments when `count`) runs for this
  // filter, one step per line ("SEARCH c USING INDEX ..."): for tests and benchmarks.
  Result<std::string> explain_comment_query(const CommentFilter& filter, bool count = false);
  // Applies an edit: bumps version, sets updated_at_ms; refused on a tombstone.
  Result<Comment> edit_comment(RowId id, const CommentEdit& edit);
  // Tombstone: keeps uuid/session/author/times, clears text, pupil and tags, sets deleted,
  // bumps version. Deleting a tombstone again is refused.
  Result<Comment> delete_comment(RowId id);
  // FTS5 search over text and pupil (query syntax: FTS5; plain words are ANDed, a
  // malformed query is quoted and retried as a phrase). Tombstones never match.
  Result<std::vector<SearchHit>> search_comments(std::string_view query,
                                                 std::optional<RowId> session_id = std::nullopt,
                                                 std::int64_t limit = 100);
  // For merging: inserts the comment, or replaces the one with the same uuid, keeping
  // uuid, version, created/updated times and the tombstone exactly as given. session_id and
  // author_id are this library's ids; tags are codes resolved in the session's frameworks,
  // else in any framework. Returns the local row id.
  Result<RowId> put_comment_exact(const Comment& comment);
  // The same for many comments in one write, each statement prepared once (a bundle's
  // import). Same checks, same result as put_comment_exact one by one; all or nothing.
  Result<std::vector<RowId>> put_comments_exact(const std::vector<Comment>& comments);

  // ---- review time ---------------------------------------------------------------------
  Result<ReviewTime> log_review_time(RowId person_id, RowId session_id, std::int64_t started_at_ms,
                                     std::int64_t seconds);
  Result<std::vector<ReviewTime>> list_review_time(std::optional<RowId> session_id = std::nullopt,
                                                   std::optional<RowId> person_id = std::nullopt);
  Result<std::int64_t> total_review_seconds(std::optional<RowId> session_id = std::nullopt,
                                            std::optional<RowId> person_id = std::nullopt);

  // ---- settings (key/value for the GUI: layout, recent files, ...) ----------------------
  Result<std::optional<std::string>> get_setting(std::string_view key);
  Status set_setting(std::string_view key, std::string_view value);
  Status erase_setting(std::string_view key);
  // All pairs whose key starts with `prefix`, by key.
  Result<std::vector<std::pair<std::string, std::string>>> list_settings(std::string_view prefix = {});

  // ---- undo journal (one linear history per scope, persisted) --------------------------
  // Appends an action and drops the scope's undone (redo) entries.
  Result<UndoEntry> push_undo(UndoEntry entry);
  // The entry that Undo would revert next / Redo would re-apply next (nullopt: nothing).
  Result<std::optional<UndoEntry>> peek_undo(std::string_view scope);
  Result<std::optional<UndoEntry>> peek_redo(std::string_view scope);
  // Moves the cursor after the app has applied the payload.
  Status mark_undone(RowId entry_id);
  Status mark_redone(RowId entry_id);

  // ---- whole-library text dump ---------------------------------------------------------
  // Deterministic, sorted text: same content => same bytes, whatever the insertion order or
  // row ids. Keys are names (people, schools), codes (frameworks, tags) and uuids (sessions,
  // comments); row ids, recording paths, the owner mark, settings and the undo journal are
  // left out because they are local to one machine. The workflow tables are in too
  // (participants and roles, protocols, review submissions and reveals, approvals, actions;
  // see library_dump.cpp for the import-time fields left out). One record per line,
  // strings JSON-quoted.
  Result<std::string> dump();

 private:
  Library(Db db, std::filesystem::path path) : db_(std::move(db)), path_(std::move(path)) {}
  bool read_only_ = false;
  Db db_;
  std::filesystem::path path_;
};

}  // namespace triad::store
