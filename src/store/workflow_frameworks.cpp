// Frameworks as the workflow imports/exports them: the store's frameworks and tags
// plus the case-study pupil lanes (framework_pupils).
#include "store/workflow_internal.hpp"

namespace triad::store {

using namespace detail;

Result<Framework> import_framework(Library& lib, const FrameworkDefinition& def) {
  if (auto v = validate_framework(def); !v) return bad_input(v.error().message);
  auto existing = lib.find_framework(def.framework.code);
  if (!existing) return existing.error();
  if (*existing)
    return bad_input("The library already has a framework with code '" + def.framework.code +
                     "'; import yours under another code.");
  auto tx = lib.begin();
  if (!tx) return tx.error();
  auto added = lib.add_framework(def.framework);
  if (!added) return added.error();
  auto st = Stmt::prepare(lib.db(), "INSERT INTO framework_pupils(framework_id, position, code) VALUES (?1, ?2, ?3)");
  if (!st) return st.error();
  int pos = 0;
  for (const auto& p : def.pupils) {
    st->bind(1, added->id).bind(2, ++pos).bind(3, p);
    if (auto r = st->run(); !r) return r.error();
    st->reset();
  }
  if (auto c = tx->commit(); !c) return c.error();
  return added;
}

Result<std::optional<FrameworkDefinition>> load_framework(Library& lib, std::string_view code) {
  auto f = lib.find_framework(code);
  if (!f) return f.error();
  if (!*f) return std::optional<FrameworkDefinition>{};
  FrameworkDefinition def;
  def.framework = **f;
  auto pupils = query_all<std::string>(
      lib.db(), "SELECT code FROM framework_pupils WHERE framework_id = ?1 ORDER BY position",
      [&](Stmt& st) { st.bind(1, def.framework.id); }, [](const Stmt& st) { return st.text(0); });
  if (!pupils) return pupils.error();
  def.pupils = std::move(*pupils);
  return std::optional<FrameworkDefinition>{std::move(def)};
}

}  // namespace triad::store
