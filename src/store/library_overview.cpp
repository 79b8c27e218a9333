// Aggregates for the home screen: one GROUP BY per table, so a library of hundreds of
// sessions and a hundred thousand comments is summed in one pass each.
#include "store/library_overview.hpp"

#include "store/library_internal.hpp"

namespace triad::store {

using namespace detail;

namespace {

// Runs `sql` (no parameters) and hands every row to `row`.
template <class Row>
Status each_row(Library& lib, std::string_view sql, Row&& row) {
  auto st = Stmt::prepare(lib.db(), sql);
  if (!st) return st.error();
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) return ok_status();
    row(*st);
  }
}

}  // namespace

Result<LibraryActivity> library_activity(Library& lib) {
  LibraryActivity a;
  // One read transaction: the figures agree with each other even while another
  // program writes.
  const bool own_read = !lib.db().in_transaction();
  if (own_read)
    if (auto st = lib.db().exec("BEGIN"); !st) return st.error();
  struct EndRead {
    Library& lib;
    bool own;
    ~EndRead() {
      if (own) (void)lib.db().exec("COMMIT");
    }
  } end_read{lib, own_read};
  auto st = each_row(lib,
                     "SELECT session_id, author_id, count(*) FROM comments "
                     "WHERE deleted = 0 AND parent_uuid IS NULL GROUP BY session_id, author_id",
                     [&](const Stmt& s) { a.comments[s.int64(0)][s.int64(1)] = s.int64(2); });
  if (!st) return st.error();
  st = each_row(lib, "SELECT session_id, person_id, role FROM participants ORDER BY session_id, added_at_ms",
                [&](const Stmt& s) {
                  Participant p;
                  p.session_id = s.int64(0);
                  p.person_id = s.int64(1);
                  p.role = parse_role(s.text(2)).value_or(Role::Observer);
                  a.participants[p.session_id].push_back(p);
                });
  if (!st) return st.error();
  st = each_row(lib, "SELECT session_id, person_id FROM review_submissions",
                [&](const Stmt& s) { a.submitted[s.int64(0)].insert(s.int64(1)); });
  if (!st) return st.error();
  st = each_row(lib, "SELECT session_id FROM review_reveals", [&](const Stmt& s) { a.revealed.insert(s.int64(0)); });
  if (!st) return st.error();
  st = each_row(lib, "SELECT session_id, count(*) FROM actions WHERE done = 0 GROUP BY session_id",
                [&](const Stmt& s) { a.open_actions[s.int64(0)] = s.int64(1); });
  if (!st) return st.error();
  st = each_row(lib, "SELECT session_id, blind_review FROM protocols",
                [&](const Stmt& s) { a.blind[s.int64(0)] = s.int64(1) != 0; });
  if (!st) return st.error();
  st = each_row(lib, "SELECT session_id, path FROM recordings ORDER BY is_primary ASC, id DESC",
                [&](const Stmt& s) { a.primary_recording[s.int64(0)] = s.text(1); });  // the primary one wins (last)
  if (!st) return st.error();
  return a;
}

Result<std::int64_t> data_version(Library& lib) {
  auto st = Stmt::prepare(lib.db(), "PRAGMA data_version");
  if (!st) return st.error();
  auto r = st->step();
  if (!r) return r.error();
  if (!*r) return make_error("The library " + lib.path().string() + " did not answer PRAGMA data_version.", ErrorKind::kIoError);
  return st->int64(0);
}

}  // namespace triad::store
