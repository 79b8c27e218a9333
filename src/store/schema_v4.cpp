// Migration 4: edit times for the records bundles merge besides comments. Never edit a
// released migration: add the next one.
//
// Merging is "each library keeps the newest version it has seen" (core/merge.hpp), so a
// record needs the time of its last edit, carried in bundles and kept as it arrives:
//  - sessions.updated_at_ms: the last change to the session's metadata (title, date, …);
//  - participants.role_set_at_ms: when the person was given their role.
// Existing rows take the time they were created, the best edit time known for them.
#include "store/migrations.hpp"

namespace triad::store {
namespace {

constexpr std::string_view kSchemaV4 = R"sql(
ALTER TABLE sessions ADD COLUMN updated_at_ms INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET updated_at_ms = created_at_ms;
ALTER TABLE participants ADD COLUMN role_set_at_ms INTEGER NOT NULL DEFAULT 0;
UPDATE participants SET role_set_at_ms = added_at_ms;
)sql";

}  // namespace

Migration store_migration_v4() { return Migration{4, "edit times of sessions and roles", kSchemaV4, {}}; }

}  // namespace triad::store
