#include "app/person_name.hpp"

namespace triad::app {

std::string person_name(store::Library& lib, RowId person_id) {
  auto p = lib.get_person(person_id);
  return p ? p->display_name : "person " + std::to_string(person_id);
}

}  // namespace triad::app
