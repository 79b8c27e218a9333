#pragma once
// Schema versions of a Triad library file.
//
// A library is an SQLite file whose header carries `PRAGMA application_id = kApplicationId`
// and `PRAGMA user_version` = the number of the last migration applied. Migrations form ONE
// global sequence 1, 2, 3, ... (checked at start-up: no gaps, no duplicates). Each area appends
// its own migrations in its own file and takes the next free number:
//   1  store     core tables (store/schema_v1.cpp)
//   2  workflow  protocols, participants, roles, ... (store/workflow_migrations.cpp)
//   3  store     comment time-window indexes (store/schema_v3.cpp)
//   4+ whoever needs the next change; say so in the commit message.
// `workflow_migrations()` is defined in src/store/workflow_migrations.cpp.
//
// Opening never modifies a file it refuses: the identity check runs on a read-only
// connection before anything is written.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "store/sqlite.hpp"

namespace triad::store {

// 'T','R','I','D' — SQLite's registry of application ids has no entry for it.
constexpr std::int32_t kApplicationId = 0x54524944;

struct Migration {
  int version = 0;
  std::string_view name;                // short, for messages: "core tables"
  std::string_view sql;                 // run with exec() when non-empty
  std::function<Status(Db&)> apply;     // or this, for data migrations; may be empty
};

// Every migration known to this build, sorted by version.
const std::vector<Migration>& all_migrations();
// Version a freshly migrated library has (the last entry's version).
int latest_schema_version();

// Defined by the store (schema_v*.cpp and workflow_migrations.cpp).
std::vector<Migration> store_migrations();
std::vector<Migration> workflow_migrations();
Migration store_migration_v3();  // listed by store_migrations()
Migration store_migration_v4();  // listed by store_migrations()
Migration store_migration_v5();  // listed by store_migrations(): analysis cache
Migration store_migration_v6();  // listed by store_migrations(): several recordings per session
Migration store_migration_v7();  // listed by store_migrations(): signing keys and signed changes
Migration store_migration_v8();  // listed by store_migrations(): lesson study cases and predictions
Migration store_migration_v9();  // listed by store_migrations(): compact signed changes
Migration store_migration_v10();  // listed by store_migrations(): a comment's signature kept by the comment

// What the header of an existing file says, read on its own read-only connection.
struct LibraryIdentity {
  bool empty = false;           // zero-length or no tables: a new library may be made here
  std::int32_t application_id = 0;
  int user_version = 0;
};

// Reads the identity without writing. Errors (code kNotLibrary) for: not an SQLite file,
// a foreign application_id, a schema newer than this build. kIoError when unreadable.
Result<LibraryIdentity> check_library_file(const std::filesystem::path& path);

// Applies every pending migration on `db` in ONE immediate transaction and stamps
// application_id and user_version; a failure leaves the file at its previous version.
Status migrate(Db& db);

// PRAGMA integrity_check: ok, or a sentence naming the library, what SQLite found, that it
// was not `refused_action` ("upgraded", "imported into") and how to recover it (kErrIo).
// Run before every write that would build on a damaged file (imports, migrations).
Status check_integrity(Db& db, std::string_view refused_action);

}  // namespace triad::store
