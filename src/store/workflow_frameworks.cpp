// Frameworks as the workflow imports/exports them: validated first (core/framework.hpp),
// then stored with their tags and case-study pupil lanes by Library::add_framework.
#include "store/workflow_internal.hpp"

namespace triad::store {

using namespace detail;

Result<Framework> import_framework(Library& lib, const Framework& f) {
  if (auto v = validate_framework(f); !v) return bad_input(v.error().message);
  auto existing = lib.find_framework(f.code);
  if (!existing) return existing.error();
  if (*existing)
    return bad_input("The library already has a framework with code '" + f.code + "'; import yours under another code.");
  return lib.add_framework(f);
}

Result<Framework> import_framework(Library& lib, const FrameworkDefinition& def) {
  return import_framework(lib, to_framework(def));
}

Result<std::optional<FrameworkDefinition>> load_framework(Library& lib, std::string_view code) {
  auto f = lib.find_framework(code);
  if (!f) return f.error();
  if (!*f) return std::optional<FrameworkDefinition>{};
  return std::optional<FrameworkDefinition>{to_definition(**f)};
}

}  // namespace triad::store
