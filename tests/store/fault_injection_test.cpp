// Fault injection at the SQLite seam (tests/store/fault_vfs.hpp): for a comment add, an
// import and a migration, the Nth write, fsync and read fails, for every N until the
// operation runs through without meeting the fault. After each, the library reopened
// without faults is intact (integrity_check) and either unchanged or fully changed: its
// dump is the one from before, or has exactly the lines the fault-free operation adds.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "exchange/flat_io.hpp"
#include "fault_vfs.hpp"
#include "store/library.hpp"
#include "store/migrations.hpp"
#include "store_test_util.hpp"

namespace triad::store {
namespace {

using test::Fault;
using test::FaultVfs;
using test::TempDir;

constexpr int kMaxSteps = 2000;  // far above the I/O of any one operation here

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  std::sort(out.begin(), out.end());
  return out;
}

std::string dump_of(const std::filesystem::path& p) {
  auto lib = Library::open(p, OpenMode::ReadOnly);
  EXPECT_TRUE(lib.ok()) << lib.error().message;
  if (!lib) return "";
  EXPECT_TRUE(lib->check_integrity("checked").ok());
  auto d = lib->dump();
  EXPECT_TRUE(d.ok());
  return d ? *d : "";
}

// Copies the library's main file (checkpointed, so it holds everything) to a fresh path.
std::filesystem::path fresh_copy(const std::filesystem::path& base, const std::filesystem::path& dir, int n) {
  auto p = dir / ("run" + std::to_string(n) + ".triad");
  std::filesystem::copy_file(base, p, std::filesystem::copy_options::overwrite_existing);
  return p;
}

std::filesystem::path make_base(const std::filesystem::path& dir) {
  auto p = dir / "base.triad";
  {
    auto lib = Library::open(p);
    EXPECT_TRUE(lib.ok());
    Session s;
    s.title = "Y8 fractions";
    auto session = lib->add_session(s);
    EXPECT_TRUE(lib->attach_framework(session->id, lib->ensure_default_framework()->id).ok());
    for (int i = 0; i < 3; ++i) {
      Comment c;
      c.session_id = session->id;
      c.author_id = lib->me()->id;
      c.start_us = i * 1'000'000;
      c.kind = "note";
      c.text = "existing " + std::to_string(i);
      EXPECT_TRUE(lib->add_comment(c).ok());
    }
    EXPECT_TRUE(lib->db().exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
  }
  return p;
}

// The operation under test, run on an open library; ok or the error it met.
using Operation = std::function<Status(Library&)>;

// Runs `op` once per N with the Nth `kind` failing; checks all-or-nothing after each.
// Returns how many faults were injected.
int sweep(const std::filesystem::path& base, const std::filesystem::path& dir, Fault kind, const Operation& op,
          const std::vector<std::string>& before, std::size_t lines_added) {
  FaultVfs::Scope scope;
  int injected = 0;
  for (int n = 1; n <= kMaxSteps; ++n) {
    auto path = fresh_copy(base, dir, n);
    Status result = ok_status();
    {
      // Armed before the open: a small library is read whole into the page cache when it
      // opens, so a comment add alone may read nothing at all. Opening is part of every
      // operation a person starts, so its faults count too.
      FaultVfs::arm(kind, n);
      auto lib = Library::open(path);
      result = lib ? op(*lib) : Status(lib.error());
      FaultVfs::disarm();
    }
    bool hit = FaultVfs::hit();
    auto after = lines_of(dump_of(path));
    if (after != before) {
      EXPECT_EQ(after.size(), before.size() + lines_added) << "step " << n << ": partly changed";
      EXPECT_TRUE(std::includes(after.begin(), after.end(), before.begin(), before.end()))
          << "step " << n << ": something existing changed";
    }
    if (result.ok()) {
      EXPECT_EQ(after.size(), before.size() + lines_added) << "step " << n << ": acknowledged but not kept";
    } else {
      EXPECT_TRUE(hit) << "step " << n << ": failed without a fault: " << result.error().message;
    }
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
    if (!hit) break;  // the operation ran past the last step: every step has been failed once
    ++injected;
  }
  return injected;
}

Status add_one(Library& lib) {
  Comment c;
  c.session_id = 1;
  auto me = lib.me();
  if (!me) return me.error();
  c.author_id = me->id;
  c.start_us = 42'000'000;
  c.kind = "note";
  c.text = "fault probe";
  c.tags = {"Questioning"};
  auto added = lib.add_comment(c);
  if (!added) return added.error();
  return ok_status();
}

Status import_three(Library& lib) {
  auto set = exchange::parse_flat("start,end,author,text\n00:00:05.000,,Ann,one\n00:00:06.000,00:00:07.000,Ann,two\n"
                                  "00:00:08.000,,Bea,three\n",
                                  exchange::FlatFormat::Csv, "in.csv");
  if (!set) return set.error();
  auto me = lib.me();
  if (!me) return me.error();
  auto r = exchange::import_flat(lib, 1, *set, me->id, 1'700'000'000'000);
  if (!r) return r.error();
  return ok_status();
}

class FaultInjection : public ::testing::TestWithParam<Fault> {};

TEST_P(FaultInjection, CommentAddIsAllOrNothing) {
  TempDir dir;
  auto base = make_base(dir.path);
  auto before = lines_of(dump_of(base));
  auto clean = fresh_copy(base, dir.path, 0);
  {
    auto lib = Library::open(clean);
    ASSERT_TRUE(add_one(*lib).ok());
  }
  auto full = lines_of(dump_of(clean));
  ASSERT_GT(full.size(), before.size());
  int n = sweep(base, dir.path, GetParam(), add_one, before, full.size() - before.size());
  EXPECT_GT(n, 0);
  std::cout << "comment add: " << n << " faults injected\n";
}

TEST_P(FaultInjection, ImportIsAllOrNothing) {
  TempDir dir;
  auto base = make_base(dir.path);
  auto before = lines_of(dump_of(base));
  auto clean = fresh_copy(base, dir.path, 0);
  {
    auto lib = Library::open(clean);
    auto st = import_three(*lib);
    ASSERT_TRUE(st.ok()) << st.error().message;
  }
  auto full = lines_of(dump_of(clean));
  ASSERT_GT(full.size(), before.size());
  int n = sweep(base, dir.path, GetParam(), import_three, before, full.size() - before.size());
  EXPECT_GT(n, 0);
  std::cout << "import: " << n << " faults injected\n";
}

// The schema as a whole: version and every object's SQL.
std::string schema_of(const std::filesystem::path& p) {
  auto db = Db::open(p, SQLITE_OPEN_READONLY);
  EXPECT_TRUE(db.ok());
  std::string out;
  auto v = Stmt::prepare(*db, "PRAGMA user_version");
  if (v && *v->step()) out += "v" + std::to_string(v->int64(0)) + "\n";
  auto st = Stmt::prepare(*db, "SELECT type, name, coalesce(sql, '') FROM sqlite_schema ORDER BY name");
  while (st && *st->step()) out += st->text(0) + " " + st->text(1) + " " + st->text(2) + "\n";
  auto ic = Stmt::prepare(*db, "PRAGMA integrity_check");
  if (ic && *ic->step()) {
    EXPECT_EQ(ic->text(0), "ok") << p;
  }
  return out;
}

TEST_P(FaultInjection, MigrationIsAllOrNothing) {
  TempDir dir;
  // A library at schema version 1, as the first Triad wrote it.
  auto base = dir / "v1.triad";
  {
    auto db = Db::open(base, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(db->exec(std::string(all_migrations()[0].sql) + "; PRAGMA application_id = " +
                         std::to_string(kApplicationId) + "; PRAGMA user_version = 1;")
                    .ok());
  }
  const std::string old_schema = schema_of(base);
  auto clean = fresh_copy(base, dir.path, 0);
  { ASSERT_TRUE(Library::open(clean).ok()); }
  const std::string new_schema = schema_of(clean);
  ASSERT_NE(old_schema, new_schema);

  FaultVfs::Scope scope;
  int injected = 0;
  for (int n = 1; n <= kMaxSteps; ++n) {
    auto path = fresh_copy(base, dir.path, n);
    FaultVfs::arm(GetParam(), n);
    bool opened = Library::open(path).ok();  // open = migrate
    FaultVfs::disarm();
    bool hit = FaultVfs::hit();
    std::string schema = schema_of(path);
    EXPECT_TRUE(schema == old_schema || schema == new_schema) << "step " << n << ": half-migrated\n" << schema;
    if (opened) {
      EXPECT_EQ(schema, new_schema) << "step " << n;
    }
    if (!hit) break;
    ++injected;
  }
  EXPECT_GT(injected, 0);
  std::cout << "migration: " << injected << " faults injected\n";
}

INSTANTIATE_TEST_SUITE_P(WriteSyncRead, FaultInjection, ::testing::Values(Fault::Write, Fault::Sync, Fault::Read),
                         [](const auto& test) {
                           return std::string(test.param == Fault::Write  ? "Write"
                                              : test.param == Fault::Sync ? "Sync"
                                                                          : "Read");
                         });

}  // namespace
}  // namespace triad::store
