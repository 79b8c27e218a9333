#include "store/analysis_cache.hpp"

#include "store/sqlite.hpp"

namespace triad::store {

Result<std::optional<std::string>> get_cached_analysis(Library& lib, std::string_view kind, std::string_view key,
                                                       int version) {
  auto st = Stmt::prepare(lib.db(), "SELECT result_json FROM analysis_cache WHERE kind = ?1 AND key = ?2 AND version = ?3");
  if (!st) return st.error();
  st->bind(1, kind).bind(2, key).bind(3, version);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>{};
  return std::optional<std::string>{st->text(0)};
}

Status put_cached_analysis(Library& lib, std::string_view kind, std::string_view key, int version,
                           std::string_view result_json, std::int64_t created_at_ms) {
  auto st = Stmt::prepare(lib.db(),
                          "INSERT OR REPLACE INTO analysis_cache(kind, key, version, result_json, created_at_ms) "
                          "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!st) return st.error();
  st->bind(1, kind).bind(2, key).bind(3, version).bind(4, result_json).bind(5, created_at_ms);
  return st->run();
}

}  // namespace triad::store
