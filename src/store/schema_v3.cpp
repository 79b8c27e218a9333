// Migration 3: the comment time-window query reads an index instead of the table.
// Never edit a released migration: add the next one.
//
// list_comments/count_comments with from_us/to_us ask for comments overlapping a window:
//   coalesce(end_us, start_us) >= from AND start_us <= to.
// Before, the (session_id, start_us) index bounded start_us from above only, and every
// earlier comment's row was read to test its end. Now:
//  - comments_session_window (session_id, start_us, end_us, deleted) covers the test, so
//    the earlier comments are checked inside the index (count_comments never touches the
//    table); it starts with comments_session_time's columns, which it replaces;
//  - comments_session_span (session_id, end_us - start_us) gives the session's longest
//    interval in one index probe, so the query also bounds start_us from below
//    (start_us >= from - longest) and the range it walks is only the window's.
#include "store/migrations.hpp"

namespace triad::store {
namespace {

constexpr std::string_view kSchemaV3 = R"sql(
CREATE INDEX comments_session_window ON comments(session_id, start_us, end_us, deleted);
DROP INDEX comments_session_time;
CREATE INDEX comments_session_span ON comments(session_id, end_us - start_us);
)sql";

}  // namespace

Migration store_migration_v3() { return Migration{3, "comment time-window index", kSchemaV3, {}}; }

}  // namespace triad::store
