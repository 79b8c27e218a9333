// Migration 1: the store's core tables. Never edit a released migration: add the next one.
// Times are INTEGER microseconds (media) or Unix milliseconds (wall clock), never REAL.
#include "store/migrations.hpp"

namespace triad::store {
namespace {

constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE people (
  id            INTEGER PRIMARY KEY,
  display_name  TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(display_name)) > 0),
  is_owner      INTEGER NOT NULL DEFAULT 0 CHECK (is_owner IN (0, 1)),
  created_at_ms INTEGER NOT NULL
);
-- At most one owner ("me") per library.
CREATE UNIQUE INDEX people_one_owner ON people(is_owner) WHERE is_owner = 1;

CREATE TABLE schools (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
  alliance TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sessions (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
  date           TEXT NOT NULL DEFAULT '',
  school_id      INTEGER REFERENCES schools(id) ON DELETE SET NULL,
  teacher_id     INTEGER REFERENCES people(id) ON DELETE SET NULL,
  subject        TEXT NOT NULL DEFAULT '',
  year_group     TEXT NOT NULL DEFAULT '',
  class_label    TEXT NOT NULL DEFAULT '',
  focus          TEXT NOT NULL DEFAULT '',
  cycle          TEXT NOT NULL DEFAULT '',
  cycle_position INTEGER NOT NULL DEFAULT 0 CHECK (cycle_position >= 0),
  created_at_ms  INTEGER NOT NULL
);
CREATE INDEX sessions_teacher ON sessions(teacher_id);
CREATE INDEX sessions_school ON sessions(school_id);

CREATE TABLE recordings (
  id             INTEGER PRIMARY KEY,
  session_id     INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  path           TEXT NOT NULL,
  fingerprint    TEXT NOT NULL,
  size_bytes     INTEGER NOT NULL DEFAULT 0,
  duration_us    INTEGER NOT NULL DEFAULT 0,
  stream_summary TEXT NOT NULL DEFAULT '',
  sync_offset_us INTEGER NOT NULL DEFAULT 0,
  is_primary     INTEGER NOT NULL DEFAULT 1 CHECK (is_primary IN (0, 1))
);
CREATE INDEX recordings_session ON recordings(session_id);
CREATE INDEX recordings_fingerprint ON recordings(fingerprint);

CREATE TABLE frameworks (
  id             INTEGER PRIMARY KEY,
  code           TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(code)) > 0),
  name           TEXT NOT NULL,
  description    TEXT NOT NULL DEFAULT '',
  child_friendly INTEGER NOT NULL DEFAULT 0 CHECK (child_friendly IN (0, 1))
);

CREATE TABLE tags (
  id           INTEGER PRIMARY KEY,
  framework_id INTEGER NOT NULL REFERENCES frameworks(id) ON DELETE CASCADE,
  code         TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(code)) > 0),
  label        TEXT NOT NULL,
  colour       TEXT NOT NULL DEFAULT '',
  hotkey       TEXT NOT NULL DEFAULT '',
  parent_id    INTEGER REFERENCES tags(id) ON DELETE SET NULL,
  position     INTEGER NOT NULL DEFAULT 0,
  UNIQUE (framework_id, code)
);

-- Frameworks attached to a session directly (protocols add theirs in a later migration).
CREATE TABLE session_frameworks (
  session_id   INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  framework_id INTEGER NOT NULL REFERENCES frameworks(id) ON DELETE CASCADE,
  PRIMARY KEY (session_id, framework_id)
) WITHOUT ROWID;

CREATE TABLE comments (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE,
  session_id    INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  author_id     INTEGER NOT NULL REFERENCES people(id),
  start_us      INTEGER NOT NULL CHECK (start_us >= 0),
  end_us        INTEGER CHECK (end_us IS NULL OR end_us > start_us),
  kind          TEXT NOT NULL DEFAULT 'note',
  text          TEXT NOT NULL,
  visibility    TEXT NOT NULL DEFAULT 'triad' CHECK (visibility IN ('private', 'triad', 'everyone')),
  pupil         TEXT NOT NULL DEFAULT '',
  parent_uuid   TEXT,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX comments_session_time ON comments(session_id, start_us);
CREATE INDEX comments_author ON comments(author_id);

CREATE TABLE comment_tags (
  comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (comment_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX comment_tags_tag ON comment_tags(tag_id, comment_id);

-- Full-text index over comment text and pupil code, kept in step by triggers
-- (external content: the text is stored once, in comments).
CREATE VIRTUAL TABLE comments_fts USING fts5(
  text, pupil, content = 'comments', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER comments_fts_ai AFTER INSERT ON comments BEGIN
  INSERT INTO comments_fts(rowid, text, pupil) VALUES (new.id, new.text, new.pupil);
END;
CREATE TRIGGER comments_fts_ad AFTER DELETE ON comments BEGIN
  INSERT INTO comments_fts(comments_fts, rowid, text, pupil) VALUES ('delete', old.id, old.text, old.pupil);
END;
CREATE TRIGGER comments_fts_au AFTER UPDATE OF text, pupil ON comments BEGIN
  INSERT INTO comments_fts(comments_fts, rowid, text, pupil) VALUES ('delete', old.id, old.text, old.pupil);
  INSERT INTO comments_fts(rowid, text, pupil) VALUES (new.id, new.text, new.pupil);
END;

CREATE TABLE review_time (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  session_id    INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  started_at_ms INTEGER NOT NULL,
  seconds       INTEGER NOT NULL CHECK (seconds >= 0)
);
CREATE INDEX review_time_session ON review_time(session_id, person_id);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Undo/redo history per scope: entries in id order; undone = 1 are on the redo side.
CREATE TABLE undo_journal (
  id            INTEGER PRIMARY KEY,
  scope         TEXT NOT NULL,
  label         TEXT NOT NULL,
  undo_payload  TEXT NOT NULL,
  redo_payload  TEXT NOT NULL,
  undone        INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
  created_at_ms INTEGER NOT NULL
);
CREATE INDEX undo_journal_scope ON undo_journal(scope, id);
)sql";

}  // namespace

std::vector<Migration> store_migrations() {
  return {Migration{1, "core tables", kSchemaV1, {}}, store_migration_v3(), store_migration_v4(),
          store_migration_v5(), store_migration_v6(),
          store_migration_v7(), store_migration_v8(), store_migration_v9(), store_migration_v10()};
}

}  // namespace triad::store
