// Migration 5: a cache of analyses computed from a recording's content (talk analysis:
// who talks when). Keyed by the content fingerprint(s) and the algorithm's version, so a
// moved or renamed file keeps its result and a better algorithm recomputes. Holds nothing
// that cannot be recomputed: bundles do not carry it. Never edit a released migration.
#include "store/migrations.hpp"

namespace triad::store {
namespace {

constexpr std::string_view kSchemaV5 = R"sql(
CREATE TABLE analysis_cache (
  kind          TEXT NOT NULL,     -- e.g. 'talk'
  key           TEXT NOT NULL,     -- content fingerprint(s) of the inputs
  version       INTEGER NOT NULL,  -- the algorithm's version
  result_json   TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  PRIMARY KEY (kind, key, version)
) WITHOUT ROWID;
)sql";

}  // namespace

Migration store_migration_v5() { return Migration{5, "analysis cache", kSchemaV5, {}}; }

}  // namespace triad::store
