// Migration 8: Lesson Study cases and predictions (core/lesson_study.hpp).
// Never edit a released migration: add the next one.
//
//  - lesson_study_cases: one row per session that has a case: its case pupils (codes and
//    short descriptions, never names) and the lesson's phases, as JSON lists (small, read
//    and written whole, merged whole by the edit time in bundles, like protocols).
//  - predictions: one author's prediction for one case pupil in one phase, made before
//    watching (app/lesson_study.hpp enforces when), unique per (session, author, pupil, phase).
#include "store/migrations.hpp"

namespace triad::store {
namespace {

constexpr std::string_view kSchemaV8 = R"sql(
CREATE TABLE lesson_study_cases (
  session_id    INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  pupils        TEXT NOT NULL DEFAULT '[]',
  phases        TEXT NOT NULL DEFAULT '[]',
  updated_at_ms INTEGER NOT NULL,
  updated_by    INTEGER REFERENCES people(id) ON DELETE SET NULL
);
CREATE TABLE predictions (
  id            INTEGER PRIMARY KEY,
  session_id    INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  author_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  pupil         TEXT NOT NULL,
  phase         TEXT NOT NULL,
  text          TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  UNIQUE (session_id, author_id, pupil, phase)
);
)sql";

}  // namespace

Migration store_migration_v8() { return Migration{8, "lesson study cases and predictions", kSchemaV8, {}}; }

}  // namespace triad::store
