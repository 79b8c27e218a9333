// Review records as bundles carry them (exchange/bundle_import.cpp): submissions, the
// reveal and approvals written exactly as they arrived, the caller keeps the earliest one
// (so the order of imports never matters); submissions keep the earliest time here. The signature and role checks are the
// importer's; these only write.
#include "store/workflow_internal.hpp"

namespace triad::store {

using namespace detail;

Status put_submission_exact(Library& lib, RowId session_id, RowId person_id, std::int64_t at_ms) {
  auto st = Stmt::prepare(lib.db(),
                          "INSERT INTO review_submissions(session_id, person_id, submitted_at_ms) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT(session_id, person_id) DO UPDATE SET submitted_at_ms = min(submitted_at_ms, excluded.submitted_at_ms)");
  if (!st) return st.error();
  st->bind(1, session_id).bind(2, person_id).bind(3, at_ms);
  return st->run();
}

Status put_reveal_exact(Library& lib, RowId session_id, RowId by, std::int64_t at_ms, bool automatic) {
  // Which of two reveals wins is decided by the caller (it compares names, which travel).
  auto st = Stmt::prepare(lib.db(),
                          "INSERT INTO review_reveals(session_id, revealed_by, revealed_at_ms, automatic) VALUES (?1, ?2, ?3, ?4) "
                          "ON CONFLICT(session_id) DO UPDATE SET revealed_by = excluded.revealed_by, "
                          "revealed_at_ms = excluded.revealed_at_ms, automatic = excluded.automatic");
  if (!st) return st.error();
  st->bind(1, session_id).bind(2, by).bind(3, at_ms).bind(4, automatic);
  return st->run();
}

Status put_approval_exact(Library& lib, const std::string& comment_uuid, RowId by, std::int64_t at_ms) {
  auto st = Stmt::prepare(lib.db(),
                          "INSERT INTO comment_approvals(comment_uuid, approved_by, approved_at_ms) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT(comment_uuid) DO UPDATE SET approved_by = excluded.approved_by, "
                          "approved_at_ms = excluded.approved_at_ms");
  if (!st) return st.error();
  st->bind(1, comment_uuid).bind(2, by).bind(3, at_ms);
  return st->run();
}

Result<std::vector<Approval>> list_approvals(Library& lib, RowId session_id) {
  return query_all<Approval>(
      lib.db(),
      "SELECT a.comment_uuid, a.approved_by, a.approved_at_ms FROM comment_approvals a "
      "JOIN comments c ON c.uuid = a.comment_uuid WHERE c.session_id = ?1 ORDER BY a.comment_uuid",
      [&](Stmt& st) { st.bind(1, session_id); },
      [](const Stmt& st) { return Approval{st.text(0), st.opt_int64(1).value_or(0), st.int64(2)}; });
}

Result<std::optional<Approval>> find_approval(Library& lib, const std::string& comment_uuid) {
  return query_one<Approval>(
      lib.db(), "SELECT comment_uuid, approved_by, approved_at_ms FROM comment_approvals WHERE comment_uuid = ?1",
      [&](Stmt& st) { st.bind(1, comment_uuid); },
      [](const Stmt& st) { return Approval{st.text(0), st.opt_int64(1).value_or(0), st.int64(2)}; });
}

}  // namespace triad::store
