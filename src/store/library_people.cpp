// People (including the owner, "me") and schools.
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

#include "store/library_internal.hpp"

namespace triad::store {

using namespace detail;

Result<Person> Library::add_person(std::string_view display_name) {
  std::string name = trim(display_name);
  if (name.empty()) return bad_input("A person needs a name.");
  if (auto existing = find_person(name); !existing)
    return existing.error();
  else if (*existing)
    return bad_input("There is already a person called '" + (*existing)->display_name + "' (id " +
                     std::to_string((*existing)->id) + ").");
  auto st = Stmt::prepare(db_, "INSERT INTO people(display_name, created_at_ms) VALUES (?1, ?2)");
  if (!st) return st.error();
  st->bind(1, name).bind(2, now_ms());
  if (auto s = st->run(); !s) return s.error();
  return Person{db_.last_insert_rowid(), name};
}

Result<Person> Library::get_person(RowId id) {
  auto p = query_one<Person>(
      db_, "SELECT p.id, p.display_name FROM people p WHERE p.id = ?1", [&](Stmt& st) { st.bind(1, id); },
      [](const Stmt& row) { return read_person(row); });
  if (!p) return p.error();
  if (!*p) return bad_input("No person with id " + std::to_string(id) + ".");
  return **p;
}

Result<std::optional<Person>> Library::find_person(std::string_view display_name) {
  std::string name = trim(display_name);
  return query_one<Person>(
      db_, "SELECT p.id, p.display_name FROM people p WHERE p.display_name = ?1 COLLATE NOCASE",
      [&](Stmt& st) { st.bind(1, name); }, [](const Stmt& row) { return read_person(row); });
}

Result<Person> Library::resolve_person(std::string_view name_or_id) {
  RowId id = 0;
  if (parse_row_id(name_or_id, id)) {
    auto p = get_person(id);
    if (p) return p;
  }
  auto p = find_person(name_or_id);
  if (!p) return p.error();
  if (!*p)
    return bad_input("No person called '" + std::string(name_or_id) + "' (add them with `triad person add`).");
  return **p;
}

Result<std::vector<Person>> Library::list_people() {
  return query_all<Person>(
      db_, "SELECT p.id, p.display_name FROM people p ORDER BY p.display_name COLLATE NOCASE, p.id",
      [](Stmt&) {}, [](const Stmt& row) { return read_person(row); });
}

Result<Person> Library::me() {
  auto owner = query_one<Person>(
      db_, "SELECT p.id, p.display_name FROM people p WHERE p.is_owner = 1", [](Stmt&) {},
      [](const Stmt& row) { return read_person(row); });
  if (!owner) return owner.error();
  if (*owner) return **owner;

  std::string name;
  if (const char* user = std::getenv("USER"); user && *user) name = user;
  if (name.empty())
    if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_name) name = pw->pw_name;
  if (name.empty()) name = "me";

  auto tx = begin();
  if (!tx) return tx.error();
  // Another process may have made the owner meanwhile: insert only when still missing, and
  // adopt an existing person of the same name rather than duplicating them.
  auto st = Stmt::prepare(db_,
                          "INSERT INTO people(display_name, is_owner, created_at_ms) "
                          "SELECT ?1, 1, ?2 WHERE NOT EXISTS (SELECT 1 FROM people WHERE is_owner = 1) "
                          "ON CONFLICT(display_name) DO UPDATE SET is_owner = 1 "
                          "WHERE NOT EXISTS (SELECT 1 FROM people WHERE is_owner = 1)");
  if (!st) return st.error();
  st->bind(1, name).bind(2, now_ms());
  if (auto s = st->run(); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  auto made = query_one<Person>(
      db_, "SELECT p.id, p.display_name FROM people p WHERE p.is_owner = 1", [](Stmt&) {},
      [](const Stmt& row) { return read_person(row); });
  if (!made) return made.error();
  if (!*made) return make_error("Cannot record the library owner in " + path_.string() + ".", kErrIo);
  return **made;
}

Status Library::rename_person(RowId id, std::string_view display_name) {
  std::string name = trim(display_name);
  if (name.empty()) return bad_input("A person needs a name.");
  if (auto p = get_person(id); !p) return p.error();
  if (auto other = find_person(name); !other)
    return other.error();
  else if (*other && (*other)->id != id)
    return bad_input("There is already a person called '" + (*other)->display_name + "'.");
  auto st = Stmt::prepare(db_, "UPDATE people SET display_name = ?1 WHERE id = ?2");
  if (!st) return st.error();
  st->bind(1, name).bind(2, id);
  return st->run();
}

// ---- schools ---------------------------------------------------------------------------

Result<School> Library::add_school(std::string_view name_in, std::string_view alliance) {
  std::string name = trim(name_in);
  if (name.empty()) return bad_input("A school needs a name.");
  auto st = Stmt::prepare(db_, "INSERT INTO schools(name, alliance) VALUES (?1, ?2)");
  if (!st) return st.error();
  st->bind(1, name).bind(2, trim(alliance));
  if (auto s = st->run(); !s) {
    if ((sqlite3_extended_errcode(db_.handle()) & 0xff) == SQLITE_CONSTRAINT)
      return bad_input("There is already a school called '" + name + "'.");
    return s.error();
  }
  return School{db_.last_insert_rowid(), name, trim(alliance)};
}

Result<School> Library::get_school(RowId id) {
  auto s = query_one<School>(
      db_, "SELECT s.id, s.name, s.alliance FROM schools s WHERE s.id = ?1", [&](Stmt& st) { st.bind(1, id); },
      [](const Stmt& st) { return read_school(st); });
  if (!s) return s.error();
  if (!*s) return bad_input("No school with id " + std::to_string(id) + ".");
  return **s;
}

Result<School> Library::find_or_add_school(std::string_view name_in) {
  std::string name = trim(name_in);
  auto s = query_one<School>(
      db_, "SELECT s.id, s.name, s.alliance FROM schools s WHERE s.name = ?1 COLLATE NOCASE",
      [&](Stmt& st) { st.bind(1, name); }, [](const Stmt& st) { return read_school(st); });
  if (!s) return s.error();
  if (*s) return **s;
  return add_school(name);
}

Result<std::vector<School>> Library::list_schools() {
  return query_all<School>(
      db_, "SELECT s.id, s.name, s.alliance FROM schools s ORDER BY s.name COLLATE NOCASE", [](Stmt&) {},
      [](const Stmt& st) { return read_school(st); });
}

}  // namespace triad::store
