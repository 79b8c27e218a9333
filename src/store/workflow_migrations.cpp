// Migration 2: the workflow area's tables (protocols, participants and roles, blind
// review submissions and reveals, approvals of learning-detective comments, actions,
// case-study pupil lanes of frameworks). Never edit a released migration: add the next.
// Times are Unix milliseconds (wall clock), INTEGER.
#include "store/migrations.hpp"

namespace triad::store {
namespace {

constexpr std::string_view kWorkflowV2 = R"sql(
-- Who takes part in a session and as what. One role per person per session.
CREATE TABLE participants (
  session_id  INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('teacher', 'observer', 'mentor', 'nqt', 'learning-detective', 'facilitator')),
  added_at_ms INTEGER NOT NULL,
  PRIMARY KEY (session_id, person_id)
) WITHOUT ROWID;
CREATE INDEX participants_person ON participants(person_id);

-- The protocol agreed before observing. Sessions of a lesson-study cycle without a row
-- inherit the latest earlier one (core/cycle.hpp). Lists are JSON text (small, read whole).
CREATE TABLE protocols (
  session_id               INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  framework_code           TEXT NOT NULL,
  detective_framework_code TEXT NOT NULL,
  focus_questions          TEXT NOT NULL DEFAULT '[]',
  stems                    TEXT NOT NULL,
  default_visibility       TEXT NOT NULL DEFAULT 'triad' CHECK (default_visibility IN ('private', 'triad', 'everyone')),
  blind_review             INTEGER NOT NULL DEFAULT 0 CHECK (blind_review IN (0, 1)),
  retention_date           TEXT,
  updated_at_ms            INTEGER NOT NULL,
  updated_by               INTEGER REFERENCES people(id) ON DELETE SET NULL
);

CREATE TABLE review_submissions (
  session_id      INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  submitted_at_ms INTEGER NOT NULL,
  PRIMARY KEY (session_id, person_id)
) WITHOUT ROWID;

-- At most one reveal per session, recorded with who and when.
CREATE TABLE review_reveals (
  session_id     INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  revealed_by    INTEGER REFERENCES people(id) ON DELETE SET NULL,
  revealed_at_ms INTEGER NOT NULL,
  automatic      INTEGER NOT NULL DEFAULT 0 CHECK (automatic IN (0, 1))
);

-- Learning-detective comments a facilitator approved for staff (by uuid: survives merges).
CREATE TABLE comment_approvals (
  comment_uuid   TEXT PRIMARY KEY,
  approved_by    INTEGER REFERENCES people(id) ON DELETE SET NULL,
  approved_at_ms INTEGER NOT NULL
) WITHOUT ROWID;

-- Agreed next steps; open ones are carried into later sessions of the cycle.
CREATE TABLE actions (
  id            INTEGER PRIMARY KEY,
  session_id    INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
  owner_id      INTEGER REFERENCES people(id) ON DELETE SET NULL,
  comment_uuid  TEXT,
  created_by    INTEGER REFERENCES people(id) ON DELETE SET NULL,
  created_at_ms INTEGER NOT NULL,
  done          INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  done_at_ms    INTEGER
);
CREATE INDEX actions_session ON actions(session_id);

-- Case-study pupil lanes of a framework (Lesson Study: Pupil A/B/C), as codes.
-- Primary-key columns come first: SQLite 3.40's quick_check wrongly reports NULLs in a
-- WITHOUT ROWID table whose key columns do not lead (and the store runs quick_check at open).
CREATE TABLE framework_pupils (
  framework_id INTEGER NOT NULL REFERENCES frameworks(id) ON DELETE CASCADE,
  code         TEXT NOT NULL,
  position     INTEGER NOT NULL,
  PRIMARY KEY (framework_id, code)
) WITHOUT ROWID;
)sql";

}  // namespace

std::vector<Migration> workflow_migrations() {
  return {Migration{2, "workflow tables", kWorkflowV2, {}}};
}

}  // namespace triad::store
