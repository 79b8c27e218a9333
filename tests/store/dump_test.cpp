// The text dump: deterministic and independent of insertion order and row ids.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "store/library.hpp"
#include "store/workflow.hpp"

namespace triad::store {
namespace {

struct Content {
  std::vector<std::string> people{"Ann", "Bob", "Cy"};
  std::vector<Comment> comments;
  Session session;
};

Content make_content() {
  Content c;
  c.session.uuid = "11111111-2222-4333-8444-555555555555";
  c.session.title = "Y9 poetry";
  c.session.date = "2026-01-20";
  c.session.created_at_ms = 42;
  for (int i = 0; i < 30; ++i) {
    Comment m;
    char uuid[40];
    std::snprintf(uuid, sizeof uuid, "%08d-0000-4000-8000-000000000000", i);
    m.uuid = uuid;
    m.start_us = seconds_us(i % 7);  // ties in time: order must come from the uuid
    m.kind = i % 2 ? "try" : "took-away";
    m.text = "Comment \"" + std::to_string(i) + "\"\nline two\t\x01";
    m.created_at_ms = 1000 + i;
    m.updated_at_ms = 2000 + i;
    m.version = 1 + i % 3;
    m.deleted = i % 10 == 9;
    if (m.deleted) m.text.clear();
    if (i % 3 == 0 && !m.deleted) m.tags = {"questioning", "pace"};
    c.comments.push_back(m);
  }
  return c;
}

std::string build(const Content& content, unsigned seed) {
  auto lib = Library::open_memory();
  EXPECT_TRUE(lib.ok());
  std::mt19937 rng(seed);
  auto people = content.people;
  std::shuffle(people.begin(), people.end(), rng);
  // Unrelated rows first so row ids differ between the two libraries.
  for (unsigned i = 0; i < seed % 5; ++i) {
    EXPECT_TRUE(lib->add_person("tmp" + std::to_string(i)).ok());
  }
  std::map<std::string, RowId> ids;
  for (auto& p : people) ids[p] = lib->add_person(p)->id;
  for (unsigned i = 0; i < seed % 5; ++i) {
    auto tmp = lib->find_person("tmp" + std::to_string(i));
    auto st = Stmt::prepare(lib->db(), "DELETE FROM people WHERE id = ?1");
    st->bind(1, (*tmp)->id);
    EXPECT_TRUE(st->run().ok());
  }
  auto fw = lib->ensure_default_framework();
  auto s = lib->add_session(content.session);
  EXPECT_TRUE(s.ok());
  EXPECT_TRUE(lib->attach_framework(s->id, fw->id).ok());
  auto comments = content.comments;
  std::shuffle(comments.begin(), comments.end(), rng);
  for (auto c : comments) {
    c.session_id = s->id;
    c.author_id = ids[content.people[static_cast<std::size_t>(c.start_us / kUsPerSecond) % 3]];
    auto r = lib->put_comment_exact(c);
    EXPECT_TRUE(r.ok()) << r.error().message;
  }
  auto d = lib->dump();
  EXPECT_TRUE(d.ok());
  return *d;
}

TEST(Dump, SameContentInAnyOrderGivesSameBytes) {
  auto content = make_content();
  std::string a = build(content, 1);
  std::string b = build(content, 2);
  std::string c = build(content, 7);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, c);
  EXPECT_EQ(std::count(a.begin(), a.end(), '\n'), std::count(b.begin(), b.end(), '\n'));
  // Every record is one line: the newline inside comment text is escaped.
  EXPECT_EQ(a.find("line two\t"), std::string::npos);
  EXPECT_NE(a.find("\\nline two"), std::string::npos);
  EXPECT_TRUE(a.starts_with("triad-library-dump 1\n"));
}

TEST(Dump, DifferentContentGivesDifferentBytes) {
  auto content = make_content();
  std::string a = build(content, 1);
  content.comments[4].version += 1;
  std::string b = build(content, 1);
  EXPECT_NE(a, b);
}

TEST(Dump, ExcludesMachineLocalState) {
  auto lib = Library::open_memory();
  ASSERT_TRUE(lib.ok());
  Session s;
  s.title = "t";
  auto session = lib->add_session(s);
  Recording r;
  r.session_id = session->id;
  r.path = "/home/ann/secret-folder/lesson.mp4";
  r.fingerprint = "tfp1:xyz";
  ASSERT_TRUE(lib->add_recording(r).ok());
  ASSERT_TRUE(lib->set_setting("ui.layout", "panel-geometry").ok());
  auto d = lib->dump();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->find("secret-folder"), std::string::npos);
  EXPECT_EQ(d->find("panel-geometry"), std::string::npos);
  EXPECT_NE(d->find("tfp1:xyz"), std::string::npos);
}

// The workflow tables in the dump: the same participants, protocol, submissions and actions
// entered in another order (so with other row ids and added_at times) give the same bytes.
std::string build_workflow(bool reversed) {
  auto lib = Library::open_memory();
  EXPECT_TRUE(lib.ok());
  std::vector<std::string> names{"Ann", "Bob", "Cy", "Di"};
  if (reversed) std::reverse(names.begin(), names.end());
  std::map<std::string, RowId> id;
  for (const auto& n : names) id[n] = lib->add_person(n)->id;
  Session s;
  s.uuid = "11111111-2222-4333-8444-555555555555";
  s.title = "Y9 poetry";
  s.created_at_ms = 42;
  RowId session = lib->add_session(s)->id;
  const std::vector<std::pair<std::string, Role>> roles{
      {"Ann", Role::Teacher}, {"Bob", Role::Observer}, {"Cy", Role::Mentor}, {"Di", Role::Facilitator}};
  for (std::size_t i = 0; i < roles.size(); ++i) {
    const auto& [who, role] = roles[reversed ? roles.size() - 1 - i : i];
    EXPECT_TRUE(add_participant(*lib, session, id[who], role).ok());
  }
  Framework fw;
  fw.code = "mini";
  fw.name = "Mini";
  fw.tags = {Tag{0, 0, "look", "Look", "#112233", "1", std::nullopt}};
  fw.pupils = {"Pupil A", "P7"};
  EXPECT_TRUE(import_framework(*lib, fw).ok());
  Protocol p;
  p.session_id = session;
  p.framework_code = "mini";
  p.detective_framework_code = "mini-kids";
  Framework kids = fw;
  kids.code = "mini-kids";
  kids.child_friendly = true;
  EXPECT_TRUE(import_framework(*lib, kids).ok());
  auto set = set_protocol(*lib, p, id["Di"]);
  EXPECT_TRUE(set.ok()) << set.error().message;
  for (const char* text : {"First step", "Second step"}) {
    Action a;
    a.session_id = session;
    a.text = text;
    a.created_by = id["Di"];
    auto added = add_action(*lib, a);
    EXPECT_TRUE(added.ok()) << added.error().message;
  }
  auto d = lib->dump();
  EXPECT_TRUE(d.ok());
  return *d;
}

TEST(Dump, WorkflowTablesInAnyOrderGiveSameBytes) {
  std::string a = build_workflow(false), b = build_workflow(true);
  EXPECT_NE(a.find("\nparticipant "), std::string::npos) << a;
  EXPECT_NE(a.find("\nprotocol "), std::string::npos) << a;
  EXPECT_NE(a.find("\"pupils\":[\"Pupil A\",\"P7\"]"), std::string::npos) << a;
  // Actions, roles and the protocol carry the time people made them (merges keep those),
  // so only compare with the times (and the actions' random uuids) taken out.
  auto strip_times = [](std::string d) {
    std::string out;
    std::size_t pos = 0;
    for (std::size_t nl; (nl = d.find('\n', pos)) != std::string::npos; pos = nl + 1) {
      std::string line = d.substr(pos, nl - pos);
      for (const char* key : {"\"created_at_ms\":", "\"role_set_at_ms\":", "\"updated_at_ms\":", "\"uuid\":"})
        if (line.rfind("action ", 0) == 0 || line.rfind("participant ", 0) == 0 || line.rfind("protocol ", 0) == 0)
          if (auto k = line.find(key); k != std::string::npos) line.erase(k, line.find_first_of(",}", k) - k);
      out += line + "\n";
    }
    return out;
  };
  EXPECT_EQ(strip_times(a), strip_times(b));
}

}  // namespace
}  // namespace triad::store
