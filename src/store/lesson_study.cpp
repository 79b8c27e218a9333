#include "store/lesson_study.hpp"

#include <nlohmann/json.hpp>

#include "core/framework.hpp"
#include "store/library_internal.hpp"

namespace triad::store {

using namespace detail;
using nlohmann::json;

Result<LessonStudyCase> get_case(Library& lib, RowId session_id) {
  auto st = Stmt::prepare(lib.db(),
                          "SELECT pupils, phases, updated_at_ms, updated_by FROM lesson_study_cases WHERE session_id = ?1");
  if (!st) return st.error();
  st->bind(1, session_id);
  auto row = st->step();
  if (!row) return row.error();
  LessonStudyCase c;
  c.session_id = session_id;
  if (!*row) return c;
  // Written by put_case, so a failure here means a damaged file: said, never defaulted.
  const std::string where = "The Lesson Study case of session " + std::to_string(session_id) + " in library " +
                            lib.path().string();
  json pupils = json::parse(st->text(0), nullptr, false), phases = json::parse(st->text(1), nullptr, false);
  auto pu = pupils_from_json(pupils, "its pupils");
  if (!pu) return make_error(where + " is damaged (" + pu.error().message + ").");
  auto ph = phases_from_json(phases, "its phases");
  if (!ph) return make_error(where + " is damaged (" + ph.error().message + ").");
  c.pupils = std::move(*pu);
  c.phases = std::move(*ph);
  c.updated_at_ms = st->int64(2);
  c.updated_by = st->opt_int64(3).value_or(0);
  return c;
}

Status put_case(Library& lib, const LessonStudyCase& c) {
  if (auto v = validate_case(c); !v) return bad_input(v.error().message);
  auto st = Stmt::prepare(lib.db(),
                          "INSERT INTO lesson_study_cases(session_id, pupils, phases, updated_at_ms, updated_by) "
                          "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(session_id) DO UPDATE SET pupils = excluded.pupils, "
                          "phases = excluded.phases, updated_at_ms = excluded.updated_at_ms, updated_by = excluded.updated_by");
  if (!st) return st.error();
  st->bind(1, c.session_id).bind(2, pupils_to_json(c.pupils).dump()).bind(3, phases_to_json(c.phases).dump());
  st->bind(4, c.updated_at_ms);
  if (c.updated_by) st->bind(5, c.updated_by);
  else st->bind_null(5);
  return st->run();
}

namespace {
constexpr std::string_view kPredictionCols =
    "SELECT id, session_id, author_id, pupil, phase, text, created_at_ms, updated_at_ms FROM predictions ";
Prediction read_prediction(const Stmt& st) {
  Prediction p;
  p.id = st.int64(0);
  p.session_id = st.int64(1);
  p.author_id = st.int64(2);
  p.pupil = st.text(3);
  p.phase = st.text(4);
  p.text = st.text(5);
  p.created_at_ms = st.int64(6);
  p.updated_at_ms = st.int64(7);
  return p;
}
}  // namespace

Result<std::vector<Prediction>> list_predictions(Library& lib, RowId session_id) {
  return query_all<Prediction>(
      lib.db(), std::string(kPredictionCols) + "WHERE session_id = ?1 ORDER BY pupil, phase, author_id",
      [&](Stmt& st) { st.bind(1, session_id); }, read_prediction);
}

Result<std::optional<Prediction>> find_prediction(Library& lib, RowId session_id, RowId author_id, const std::string& pupil,
                                                  const std::string& phase) {
  return query_one<Prediction>(
      lib.db(), std::string(kPredictionCols) + "WHERE session_id = ?1 AND author_id = ?2 AND pupil = ?3 AND phase = ?4",
      [&](Stmt& st) { st.bind(1, session_id).bind(2, author_id).bind(3, pupil).bind(4, phase); }, read_prediction);
}

Result<Prediction> put_prediction(Library& lib, const Prediction& p) {
  if (!is_pupil_code(p.pupil))
    return bad_input("Pupil '" + p.pupil + "' is not a pupil code such as 'Pupil A' or 'P3'; names are never stored.");
  if (auto s = check_lesson_phase(LessonPhase{p.phase, 0}); !s) return bad_input(s.error().message);
  if (auto s = check_prediction_text(p.text); !s) return bad_input(s.error().message);
  auto st = Stmt::prepare(lib.db(),
                          "INSERT INTO predictions(session_id, author_id, pupil, phase, text, created_at_ms, updated_at_ms) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(session_id, author_id, pupil, phase) DO UPDATE SET "
                          "text = excluded.text, created_at_ms = excluded.created_at_ms, updated_at_ms = excluded.updated_at_ms");
  if (!st) return st.error();
  st->bind(1, p.session_id).bind(2, p.author_id).bind(3, p.pupil).bind(4, p.phase).bind(5, p.text);
  st->bind(6, p.created_at_ms).bind(7, p.updated_at_ms);
  if (auto r = st->run(); !r) return r.error();
  auto stored = find_prediction(lib, p.session_id, p.author_id, p.pupil, p.phase);
  if (!stored) return stored.error();
  if (!*stored) return make_error("A prediction was written but cannot be read back from " + lib.path().string() + ".");
  return **stored;
}

Result<std::map<RowId, std::int64_t>> first_comment_times(Library& lib, RowId session_id) {
  auto rows = query_all<std::pair<RowId, std::int64_t>>(
      lib.db(), "SELECT author_id, min(created_at_ms) FROM comments WHERE session_id = ?1 GROUP BY author_id",
      [&](Stmt& st) { st.bind(1, session_id); },
      [](const Stmt& st) { return std::pair<RowId, std::int64_t>(st.int64(0), st.int64(1)); });
  if (!rows) return rows.error();
  return std::map<RowId, std::int64_t>(rows->begin(), rows->end());
}

Status delete_prediction(Library& lib, RowId session_id, RowId author_id, const std::string& pupil, const std::string& phase) {
  auto st = Stmt::prepare(lib.db(),
                          "DELETE FROM predictions WHERE session_id = ?1 AND author_id = ?2 AND pupil = ?3 AND phase = ?4");
  if (!st) return st.error();
  st->bind(1, session_id).bind(2, author_id).bind(3, pupil).bind(4, phase);
  return st->run();
}

Result<std::size_t> comments_by_author(Library& lib, RowId session_id, RowId author_id) {
  auto n = query_one<std::int64_t>(
      lib.db(), "SELECT count(*) FROM comments WHERE session_id = ?1 AND author_id = ?2",
      [&](Stmt& st) { st.bind(1, session_id).bind(2, author_id); }, [](const Stmt& st) { return st.int64(0); });
  if (!n) return n.error();
  return static_cast<std::size_t>(n->value_or(0));
}

}  // namespace triad::store
