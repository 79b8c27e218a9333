// Migration 6: several cameras and microphones per session. Never edit a released
// migration: add the next one.
//
// Each recording gets what people call it (label), what it is (role: camera, microphone,
// teacher-mic) and a clock-rate correction against the session clock in parts per billion
// (integer: never a float in storage). sync_offset_us keeps its meaning: the session time at
// which the recording's own time 0 falls. Until now every recording was inserted primary;
// a session keeps one session clock, its lowest-id primary recording.
#include "store/migrations.hpp"

namespace triad::store {
namespace {

constexpr std::string_view kSchemaV6 = R"sql(
ALTER TABLE recordings ADD COLUMN label TEXT NOT NULL DEFAULT '';
ALTER TABLE recordings ADD COLUMN role TEXT NOT NULL DEFAULT 'camera'
  CHECK (role IN ('camera', 'microphone', 'teacher-mic'));
ALTER TABLE recordings ADD COLUMN drift_ppb INTEGER NOT NULL DEFAULT 0;
UPDATE recordings SET is_primary = 0
  WHERE is_primary = 1
    AND id NOT IN (SELECT min(id) FROM recordings WHERE is_primary = 1 GROUP BY session_id);
)sql";

}  // namespace

Migration store_migration_v6() { return Migration{6, "recording labels, roles and drift", kSchemaV6, {}}; }

}  // namespace triad::store
