// Repository operations of store::Library on real files and in memory.
#include <cmath>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "store/library.hpp"
#include "store/migrations.hpp"
#include "store_test_util.hpp"

namespace triad::store {
namespace {

using test::TempDir;

struct Fixture {
  Library lib;
  Person me;
  Session session;
  Framework fw;
};

Fixture make_fixture() {
  auto lib = Library::open_memory();
  EXPECT_TRUE(lib.ok()) << (lib ? "" : lib.error().message);
  auto me = lib->add_person("Ann Observer");
  EXPECT_TRUE(me.ok());
  Session s;
  s.title = "Year 8 fractions";
  s.date = "2026-03-14";
  auto session = lib->add_session(s);
  EXPECT_TRUE(session.ok()) << (session ? "" : session.error().message);
  auto fw = lib->ensure_default_framework();
  EXPECT_TRUE(fw.ok());
  EXPECT_TRUE(lib->attach_framework(session->id, fw->id).ok());
  return Fixture{std::move(*lib), *me, *session, *fw};
}

Comment draft(const Fixture& f, TimeUs at, std::string text) {
  Comment c;
  c.session_id = f.session.id;
  c.author_id = f.me.id;
  c.start_us = at;
  c.kind = "took-away";
  c.text = std::move(text);
  return c;
}

TEST(Library, OpenCreatesFoldersAndStampsSchema) {
  TempDir dir;
  auto path = dir / "deep/er/lib.triad";
  auto lib = Library::open(path);
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(lib->schema_version(), latest_schema_version());
  auto id = check_library_file(path);
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(id->application_id, kApplicationId);
  EXPECT_FALSE(id->empty);
}

TEST(Library, ConnectionPragmas) {
  TempDir dir;
  auto lib = Library::open(dir / "lib.triad");
  ASSERT_TRUE(lib.ok());
  auto pragma = [&](const char* sql) {
    auto st = Stmt::prepare(lib->db(), sql);
    EXPECT_TRUE(st.ok());
    auto row = st->step();
    EXPECT_TRUE(row.ok() && *row);
    return st->text(0);
  };
  EXPECT_EQ(pragma("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(pragma("PRAGMA synchronous"), "2");  // FULL
  EXPECT_EQ(pragma("PRAGMA foreign_keys"), "1");
  EXPECT_EQ(pragma("PRAGMA secure_delete"), "1");
  EXPECT_EQ(pragma("PRAGMA temp_store"), "2");  // MEMORY
  EXPECT_EQ(pragma("PRAGMA busy_timeout"), "10000");
}

TEST(Library, OpenExistingOnlyRefusesMissingFile) {
  TempDir dir;
  auto lib = Library::open(dir / "none.triad", OpenMode::ExistingOnly);
  ASSERT_FALSE(lib.ok());
  EXPECT_NE(lib.error().message.find("none.triad"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir / "none.triad"));
}

TEST(Library, ReadOnlyModeReadsButCannotWrite) {
  TempDir dir;
  {
    auto lib = Library::open(dir / "lib.triad");
    ASSERT_TRUE(lib.ok());
    ASSERT_TRUE(lib->add_person("Bea").ok());
  }
  auto ro = Library::open(dir / "lib.triad", OpenMode::ReadOnly);
  ASSERT_TRUE(ro.ok()) << ro.error().message;
  EXPECT_EQ(ro->list_people()->size(), 1u);
  EXPECT_FALSE(ro->add_person("Cal").ok());
}

TEST(Library, DefaultPathFollowsEnvironment) {
  const char* old_db = std::getenv("TRIAD_DB");
  std::string saved_db = old_db ? old_db : "";
  const char* old_xdg = std::getenv("XDG_DATA_HOME");
  std::string saved_xdg = old_xdg ? old_xdg : "";
  setenv("TRIAD_DB", "/tmp/x/lib.triad", 1);
  EXPECT_EQ(Library::default_path().value(), "/tmp/x/lib.triad");
  unsetenv("TRIAD_DB");
  setenv("XDG_DATA_HOME", "/data", 1);
  EXPECT_EQ(Library::default_path().value(), "/data/triad/library.triad");
  unsetenv("XDG_DATA_HOME");
  auto p = Library::default_path();
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->string().ends_with(".local/share/triad/library.triad"));
  if (old_db) setenv("TRIAD_DB", saved_db.c_str(), 1);
  if (old_xdg) setenv("XDG_DATA_HOME", saved_xdg.c_str(), 1);
}

TEST(Library, PeopleAreUniqueByNameCaseInsensitive) {
  auto lib = Library::open_memory();
  ASSERT_TRUE(lib.ok());
  auto a = lib->add_person("  Dee Mentor ");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->display_name, "Dee Mentor");
  EXPECT_FALSE(lib->add_person("dee mentor").ok());
  EXPECT_FALSE(lib->add_person("   ").ok());
  EXPECT_EQ(lib->resolve_person("DEE MENTOR")->id, a->id);
  EXPECT_EQ(lib->resolve_person(std::to_string(a->id))->id, a->id);
  auto unknown = lib->resolve_person("Nobody");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("Nobody"), std::string::npos);
  ASSERT_TRUE(lib->rename_person(a->id, "Dee M").ok());
  EXPECT_EQ(lib->get_person(a->id)->display_name, "Dee M");
  ASSERT_TRUE(lib->add_person("Al").ok());
  auto people = lib->list_people();
  ASSERT_EQ(people->size(), 2u);
  EXPECT_EQ((*people)[0].display_name, "Al");
}

TEST(Library, MeIsCreatedOnceFromUser) {
  auto lib = Library::open_memory();
  ASSERT_TRUE(lib.ok());
  const char* user = std::getenv("USER");
  std::string saved = user ? user : "";
  setenv("USER", "owner-under-test", 1);
  auto me = lib->me();
  ASSERT_TRUE(me.ok()) << me.error().message;
  EXPECT_EQ(me->display_name, "owner-under-test");
  setenv("USER", "someone-else", 1);
  EXPECT_EQ(lib->me()->id, me->id);
  EXPECT_EQ(lib->list_people()->size(), 1u);
  if (user) setenv("USER", saved.c_str(), 1); else unsetenv("USER");
}

TEST(Library, MeAdoptsExistingPersonOfSameName) {
  auto lib = Library::open_memory();
  ASSERT_TRUE(lib.ok());
  const char* user = std::getenv("USER");
  std::string saved = user ? user : "";
  setenv("USER", "sam", 1);
  auto sam = lib->add_person("Sam");
  ASSERT_TRUE(sam.ok());
  EXPECT_EQ(lib->me()->id, sam->id);
  EXPECT_EQ(lib->list_people()->size(), 1u);
  if (user) setenv("USER", saved.c_str(), 1); else unsetenv("USER");
}

TEST(Library, SchoolsAndSessions) {
  auto lib = Library::open_memory();
  ASSERT_TRUE(lib.ok());
  auto school = lib->find_or_add_school("Hill Primary");
  ASSERT_TRUE(school.ok());
  EXPECT_EQ(lib->find_or_add_school("hill primary")->id, school->id);
  EXPECT_FALSE(lib->add_school("Hill Primary").ok());
  auto teacher = lib->add_person("Tess");
  Session s;
  s.title = "Y5 science";
  s.date = "2026-02-01";
  s.school_id = school->id;
  s.teacher_id = teacher->id;
  s.subject = "Science";
  s.cycle = "Spring cycle";
  s.cycle_position = 2;
  auto added = lib->add_session(s);
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->uuid.size(), 36u);
  auto got = lib->get_session(added->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->title, "Y5 science");
  EXPECT_EQ(got->school_id, school->id);
  EXPECT_EQ(got->cycle_position, 2);
  EXPECT_EQ(lib->resolve_session("y5 SCIENCE")->id, added->id);
  EXPECT_EQ(lib->resolve_session(added->uuid)->id, added->id);
  EXPECT_EQ(lib->resolve_session(std::to_string(added->id))->id, added->id);
  EXPECT_FALSE(lib->resolve_session("Missing").ok());

  got->focus = "Questioning for reasoning";
  got->date = "2026-02-02";
  ASSERT_TRUE(lib->update_session(*got).ok());
  EXPECT_EQ(lib->get_session(added->id)->focus, "Questioning for reasoning");

  Session bad;
  bad.title = "x";
  bad.date = "14/03/2026";
  EXPECT_FALSE(lib->add_session(bad).ok());
  bad.date = "";
  bad.title = " ";
  EXPECT_FALSE(lib->add_session(bad).ok());
  bad.title = "x";
  bad.teacher_id = 999;
  EXPECT_FALSE(lib->add_session(bad).ok());
  EXPECT_EQ(lib->list_sessions()->size(), 1u);
  // Two sessions with one title: the title alone is ambiguous.
  Session twin;
  twin.title = "Y5 science";
  ASSERT_TRUE(lib->add_session(twin).ok());
  EXPECT_FALSE(lib->resolve_session("Y5 science").ok());
}

TEST(Library, RecordingsAndFingerprintLookup) {
  auto f = make_fixture();
  Recording r;
  r.session_id = f.session.id;
  r.path = "/videos/lesson.mp4";
  r.fingerprint = "tfp1:abc";
  r.size_bytes = 1234;
  r.duration_us = seconds_us(3000);
  r.stream_summary = "h264 1280x720";
  auto added = f.lib.add_recording(r);
  ASSERT_TRUE(added.ok()) << added.error().message;
  auto found = f.lib.find_recordings_by_fingerprint("tfp1:abc");
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().id, added->id);
  ASSERT_TRUE(f.lib.set_recording_path(added->id, "/moved/lesson.mp4").ok());
  EXPECT_EQ(f.lib.get_recording(added->id)->path, "/moved/lesson.mp4");
  auto second = r;
  second.primary = false;
  second.fingerprint = "tfp1:def";
  second.sync_offset_us = -1500000;
  ASSERT_TRUE(f.lib.add_recording(second).ok());
  auto list = f.lib.recordings_for_session(f.session.id);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_TRUE(list->front().primary);
  EXPECT_EQ(list->back().sync_offset_us, -1500000);
  r.session_id = 999;
  EXPECT_FALSE(f.lib.add_recording(r).ok());
}

TEST(Library, FrameworksAndTagResolution) {
  auto f = make_fixture();
  EXPECT_GE(f.fw.tags.size(), 5u);
  EXPECT_EQ(f.lib.ensure_default_framework()->id, f.fw.id);  // created once
  Framework other;
  other.code = "jpd";
  other.name = "JPD";
  other.tags = {Tag{0, 0, "questioning", "Asking questions", "#000000", "", {}}, Tag{0, 0, "wait-time", "Wait time", "", "", {}}};
  auto added = f.lib.add_framework(other);
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->tags.size(), 2u);
  EXPECT_FALSE(f.lib.add_framework(other).ok());  // duplicate code
  EXPECT_EQ(f.lib.resolve_tag(f.session.id, "QUESTIONING")->framework_id, f.fw.id);
  EXPECT_EQ(f.lib.resolve_tag(f.session.id, "Engagement")->code, "engagement");
  auto unknown = f.lib.resolve_tag(f.session.id, "wait-time");  // not attached yet
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("wait-time"), std::string::npos);
  ASSERT_TRUE(f.lib.attach_framework(f.session.id, added->id).ok());
  ASSERT_TRUE(f.lib.attach_framework(f.session.id, added->id).ok());  // idempotent
  EXPECT_EQ(f.lib.resolve_tag(f.session.id, "wait time")->code, "wait-time");
  EXPECT_EQ(f.lib.session_frameworks(f.session.id)->size(), 2u);
  EXPECT_TRUE(f.lib.find_framework("JPD")->has_value());
  EXPECT_EQ(f.lib.list_frameworks()->size(), 2u);
}

TEST(Library, AddAndGetComment) {
  auto f = make_fixture();
  auto c = draft(f, seconds_us(754) + 500000, "Asked why twice");
  c.end_us = seconds_us(800);
  c.tags = {"Questioning", "pace"};
  c.pupil = "Pupil A";
  auto added = f.lib.add_comment(c);
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->version, 1);
  EXPECT_GT(added->created_at_ms, 0);
  EXPECT_EQ(added->tags, (std::vector<std::string>{"pace", "questioning"}));
  auto got = f.lib.get_comment(added->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->uuid, added->uuid);
  EXPECT_EQ(got->start_us, 754500000);
  EXPECT_EQ(got->end_us, seconds_us(800));
  EXPECT_EQ(got->text, "Asked why twice");
  EXPECT_EQ(got->pupil, "Pupil A");
  EXPECT_EQ(got->tags, added->tags);
  auto by_uuid = f.lib.find_comment_by_uuid(added->uuid);
  ASSERT_TRUE(by_uuid.ok() && by_uuid->has_value());
  EXPECT_EQ((*by_uuid)->id, added->id);
  EXPECT_FALSE(f.lib.find_comment_by_uuid("00000000-0000-4000-8000-000000000000")->has_value());
}

TEST(Library, AddCommentRefusesBadInputAndChangesNothing) {
  auto f = make_fixture();
  auto c = draft(f, 1000, "ok");
  auto end_before = c;
  end_before.end_us = 500;
  EXPECT_FALSE(f.lib.add_comment(end_before).ok());
  auto empty = draft(f, 0, "   ");
  EXPECT_FALSE(f.lib.add_comment(empty).ok());
  auto no_session = c;
  no_session.session_id = 4242;
  EXPECT_FALSE(f.lib.add_comment(no_session).ok());
  auto no_author = c;
  no_author.author_id = 4242;
  EXPECT_FALSE(f.lib.add_comment(no_author).ok());
  auto bad_tag = c;
  bad_tag.tags = {"questioning", "no-such-tag"};
  auto r = f.lib.add_comment(bad_tag);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("no-such-tag"), std::string::npos);
  auto negative = draft(f, -1, "x");
  EXPECT_FALSE(f.lib.add_comment(negative).ok());
  auto bad_kind = c;
  bad_kind.kind = "Took Away!";
  EXPECT_FALSE(f.lib.add_comment(bad_kind).ok());
  // Pupils are codes even in a plain session: a name is refused, so no export can carry one.
  auto named = c;
  named.pupil = "Jamie Smith";
  auto refused = f.lib.add_comment(named);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("names are never stored"), std::string::npos) << refused.error().message;
  named.uuid = "0000000a-0000-4000-8000-000000000001";
  EXPECT_FALSE(f.lib.put_comment_exact(named).ok());
  CommentFilter all;
  all.include_deleted = true;
  EXPECT_EQ(*f.lib.count_comments(all), 0);
  auto st = Stmt::prepare(f.lib.db(), "SELECT count(*) FROM comment_tags");
  ASSERT_TRUE(st->step().value());
  EXPECT_EQ(st->int64(0), 0);  // the failed tagged add left no tag rows behind
}

TEST(Library, ListFilters) {
  auto f = make_fixture();
  auto bob = f.lib.add_person("Bob");
  auto add = [&](TimeUs at, std::optional<TimeUs> end, RowId author, std::string kind, Visibility v,
                 std::vector<std::string> tags, std::string text) {
    auto c = draft(f, at, text);
    c.end_us = end;
    c.author_id = author;
    c.kind = kind;
    c.visibility = v;
    c.tags = tags;
    auto r = f.lib.add_comment(c);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.value();
  };
  auto c1 = add(seconds_us(10), {}, f.me.id, "took-away", Visibility::Triad, {"questioning"}, "Open question 50%");
  auto c2 = add(seconds_us(20), seconds_us(60), bob->id, "try", Visibility::Private, {"pace"}, "Slow the start");
  auto c3 = add(seconds_us(90), {}, bob->id, "question", Visibility::Everyone, {"questioning", "pace"}, "Why this order?");
  ASSERT_TRUE(f.lib.delete_comment(c3.id).ok());

  auto ids = [&](CommentFilter flt) {
    flt.session_id = f.session.id;
    std::vector<RowId> out;
    auto list = f.lib.list_comments(flt);
    EXPECT_TRUE(list.ok());
    for (auto& c : *list) out.push_back(c.id);
    return out;
  };
  using V = std::vector<RowId>;
  EXPECT_EQ(ids({}), (V{c1.id, c2.id}));
  CommentFilter d;
  d.include_deleted = true;
  EXPECT_EQ(ids(d), (V{c1.id, c2.id, c3.id}));
  CommentFilter a;
  a.author_id = bob->id;
  EXPECT_EQ(ids(a), (V{c2.id}));
  CommentFilter t;
  t.tag = "Questioning";
  EXPECT_EQ(ids(t), (V{c1.id}));
  CommentFilter k;
  k.kind = "try";
  EXPECT_EQ(ids(k), (V{c2.id}));
  CommentFilter v;
  v.visibility = Visibility::Triad;
  EXPECT_EQ(ids(v), (V{c1.id}));
  CommentFilter tx;
  tx.text = "50%";  // % is literal, not a wildcard
  EXPECT_EQ(ids(tx), (V{c1.id}));
  tx.text = "SLOW";
  EXPECT_EQ(ids(tx), (V{c2.id}));
  CommentFilter range;  // overlap: c2 spans 20..60 s
  range.from_us = seconds_us(30);
  range.to_us = seconds_us(40);
  EXPECT_EQ(ids(range), (V{c2.id}));
  range.from_us = seconds_us(0);
  range.to_us = seconds_us(10);
  EXPECT_EQ(ids(range), (V{c1.id}));
  CommentFilter page;
  page.limit = 1;
  page.offset = 1;
  EXPECT_EQ(ids(page), (V{c2.id}));
  CommentFilter count;
  count.session_id = f.session.id;
  EXPECT_EQ(*f.lib.count_comments(count), 2);
}

TEST(Library, EditBumpsVersionAndDeleteLeavesTombstone) {
  auto f = make_fixture();
  auto c = f.lib.add_comment(draft(f, seconds_us(5), "First words"));
  ASSERT_TRUE(c.ok());
  CommentEdit e;
  e.text = "Second words";
  e.end_us = std::optional<TimeUs>(seconds_us(9));
  e.tags = std::vector<std::string>{"Feedback"};
  e.visibility = Visibility::Everyone;
  auto edited = f.lib.edit_comment(c->id, e);
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  EXPECT_EQ(edited->version, 2);
  EXPECT_GE(edited->updated_at_ms, c->updated_at_ms);
  EXPECT_EQ(edited->text, "Second words");
  EXPECT_EQ(edited->end_us, seconds_us(9));
  EXPECT_EQ(edited->tags, std::vector<std::string>{"feedback"});
  EXPECT_EQ(edited->created_at_ms, c->created_at_ms);

  CommentEdit bad;
  bad.end_us = std::optional<TimeUs>(seconds_us(1));
  EXPECT_FALSE(f.lib.edit_comment(c->id, bad).ok());
  EXPECT_EQ(f.lib.get_comment(c->id)->version, 2);  // refused edit changed nothing

  auto gone = f.lib.delete_comment(c->id);
  ASSERT_TRUE(gone.ok());
  EXPECT_TRUE(gone->deleted);
  EXPECT_EQ(gone->version, 3);
  EXPECT_EQ(gone->text, "");
  EXPECT_TRUE(gone->tags.empty());
  EXPECT_EQ(gone->uuid, c->uuid);
  EXPECT_FALSE(f.lib.delete_comment(c->id).ok());
  EXPECT_FALSE(f.lib.edit_comment(c->id, e).ok());
  EXPECT_FALSE(f.lib.delete_comment(987654).ok());
}

TEST(Library, FtsSearch) {
  auto f = make_fixture();
  ASSERT_TRUE(f.lib.add_comment(draft(f, seconds_us(1), "Great use of wait time after questions")).ok());
  ASSERT_TRUE(f.lib.add_comment(draft(f, seconds_us(2), "Pupils were confused by the diagram")).ok());
  auto c3 = f.lib.add_comment(draft(f, seconds_us(3), "Questioning moved to pairs; café réussi"));
  ASSERT_TRUE(c3.ok());
  auto hits = f.lib.search_comments("questions");
  ASSERT_TRUE(hits.ok()) << hits.error().message;
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_NE(hits->front().snippet.find("[questions]"), std::string::npos);
  EXPECT_EQ(f.lib.search_comments("question*")->size(), 2u);  // FTS5 prefix query
  EXPECT_EQ(f.lib.search_comments("cafe reussi")->size(), 1u);  // diacritics folded
  EXPECT_EQ(f.lib.search_comments("pupils diagram")->size(), 1u);
  EXPECT_EQ(f.lib.search_comments("pupils questions")->size(), 0u);  // words are ANDed
  auto odd = f.lib.search_comments("pairs; \"café");  // unbalanced quote: retried as words
  ASSERT_TRUE(odd.ok()) << odd.error().message;
  EXPECT_EQ(odd->size(), 1u);
  EXPECT_FALSE(f.lib.search_comments("   ").ok());
  ASSERT_TRUE(f.lib.delete_comment(c3->id).ok());
  EXPECT_EQ(f.lib.search_comments("pairs")->size(), 0u);  // tombstones never match
  CommentEdit e;
  e.text = "Now about seating plans";
  auto first = f.lib.search_comments("wait");
  ASSERT_EQ(first->size(), 1u);
  ASSERT_TRUE(f.lib.edit_comment(first->front().comment.id, e).ok());
  EXPECT_EQ(f.lib.search_comments("wait")->size(), 0u);  // index follows edits
  EXPECT_EQ(f.lib.search_comments("seating")->size(), 1u);
  EXPECT_EQ(f.lib.search_comments("seating", f.session.id + 1)->size(), 0u);
}

// The rank is BM25 without length normalisation (store/search_rank.hpp): per query word,
// idf * f * (k1 + 1) / (f + k1) with k1 = 1.2, f the word's hits in the row. Checked by
// value, so a change in how the hits are counted shows here.
TEST(Library, SearchRanksByHitsPerWord) {
  auto f = make_fixture();
  for (int i = 0; i < 6; ++i)
    ASSERT_TRUE(f.lib.add_comment(draft(f, seconds_us(10 + i), "Nothing to see in lesson " + std::to_string(i))).ok());
  ASSERT_TRUE(f.lib.add_comment(draft(f, seconds_us(1), "fractions once, and misconception")).ok());
  ASSERT_TRUE(f.lib.add_comment(draft(f, seconds_us(2), "fractions and fractions again: misconception misconception misconception")).ok());
  ASSERT_TRUE(f.lib.add_comment(draft(f, seconds_us(3), "fractions alone")).ok());
  auto hits = f.lib.search_comments("fractions misconception");
  ASSERT_TRUE(hits.ok()) << hits.error().message;
  ASSERT_EQ(hits->size(), 2u);
  EXPECT_EQ(hits->at(0).comment.start_us, seconds_us(2));
  EXPECT_EQ(hits->at(1).comment.start_us, seconds_us(1));
  // 9 rows: "fractions" in 3, "misconception" in 2.
  const double idf_f = std::log((9 - 3 + 0.5) / (3 + 0.5)), idf_m = std::log((9 - 2 + 0.5) / (2 + 0.5));
  auto part = [](double idf, double hits_in_row) { return idf * hits_in_row * 2.2 / (hits_in_row + 1.2); };
  EXPECT_NEAR(hits->at(0).rank, -(part(idf_f, 2) + part(idf_m, 3)), 1e-9);
  EXPECT_NEAR(hits->at(1).rank, -(part(idf_f, 1) + part(idf_m, 1)), 1e-9);
}

// A page of a session's search: the session's best matches in rank order, ties in the
// order added, a full page although the better matches of the library are in another
// session, and the snippet of each hit.
TEST(Library, SessionSearchPageFollowsTheRankingWithinTheSession) {
  auto f = make_fixture();
  Session other;
  other.title = "Year 9 algebra";
  auto o = f.lib.add_session(other);
  ASSERT_TRUE(o.ok()) << o.error().message;
  for (int i = 0; i < 6; ++i) {  // the library's best matches, all in the other session
    Comment c = draft(f, seconds_us(100 + i), "fractions fractions fractions in the other lesson");
    c.session_id = o->id;
    ASSERT_TRUE(f.lib.add_comment(c).ok());
  }
  for (int i = 0; i < 8; ++i)  // equal scores, added in this order
    ASSERT_TRUE(f.lib.add_comment(draft(f, seconds_us(50 - i), "fractions once, tie " + std::to_string(i))).ok());
  ASSERT_TRUE(f.lib.add_comment(draft(f, seconds_us(70), "fractions and fractions: the best here")).ok());
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(f.lib.add_comment(draft(f, seconds_us(200 + i), "no match")).ok());
  auto hits = f.lib.search_comments("fractions", f.session.id, 5);
  ASSERT_TRUE(hits.ok()) << hits.error().message;
  ASSERT_EQ(hits->size(), 5u);
  EXPECT_EQ(hits->at(0).comment.start_us, seconds_us(70));
  EXPECT_NE(hits->at(0).snippet.find("[fractions] and [fractions]"), std::string::npos) << hits->at(0).snippet;
  for (std::size_t i = 1; i < hits->size(); ++i) {
    EXPECT_EQ(hits->at(i).comment.session_id, f.session.id);
    EXPECT_EQ(hits->at(i).comment.text, "fractions once, tie " + std::to_string(i - 1));
    EXPECT_LT(hits->at(i - 1).rank, hits->at(i).rank + 1e-12);
  }
  auto all = f.lib.search_comments("fractions", f.session.id, 0);  // no limit: every match
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 9u);
  auto library = f.lib.search_comments("fractions", std::nullopt, 3);
  ASSERT_TRUE(library.ok());
  ASSERT_EQ(library->size(), 3u);
  for (const auto& h : *library) EXPECT_EQ(h.comment.session_id, o->id);
}

TEST(Library, PutCommentExactInsertsAndReplaces) {
  auto f = make_fixture();
  Comment c = draft(f, seconds_us(7), "From a bundle");
  c.uuid = "3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e";
  c.version = 5;
  c.created_at_ms = 1000;
  c.updated_at_ms = 2000;
  c.tags = {"questioning"};
  auto id = f.lib.put_comment_exact(c);
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto got = f.lib.get_comment(*id);
  EXPECT_EQ(got->uuid, c.uuid);
  EXPECT_EQ(got->version, 5);
  EXPECT_EQ(got->created_at_ms, 1000);
  EXPECT_EQ(got->updated_at_ms, 2000);
  EXPECT_EQ(got->tags, std::vector<std::string>{"questioning"});
  c.version = 6;
  c.deleted = true;
  c.updated_at_ms = 3000;
  auto again = f.lib.put_comment_exact(c);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *id);  // replaced in place
  got = f.lib.get_comment(*id);
  EXPECT_TRUE(got->deleted);
  EXPECT_EQ(got->version, 6);
  EXPECT_EQ(got->text, "");
  EXPECT_TRUE(got->tags.empty());
  EXPECT_EQ(f.lib.search_comments("bundle")->size(), 0u);
  c.uuid = "not-a-uuid";
  EXPECT_FALSE(f.lib.put_comment_exact(c).ok());
}

TEST(Library, TransactionsComposeAndRollBack) {
  auto f = make_fixture();
  {
    auto tx = f.lib.begin();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(f.lib.add_comment(draft(f, 1, "inside a batch")).ok());
    ASSERT_TRUE(f.lib.add_person("Batch Person").ok());
    // no commit: everything rolls back
  }
  EXPECT_EQ(*f.lib.count_comments({}), 0);
  EXPECT_FALSE(f.lib.find_person("Batch Person")->has_value());
  {
    auto tx = f.lib.begin();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(f.lib.add_comment(draft(f, 1, "kept")).ok());
    // A failing nested call rolls back only itself.
    EXPECT_FALSE(f.lib.add_comment(draft(f, 1, "")).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  EXPECT_EQ(*f.lib.count_comments({}), 1);
}

TEST(Library, ReviewTimeSettingsAndUndoJournal) {
  auto f = make_fixture();
  ASSERT_TRUE(f.lib.log_review_time(f.me.id, f.session.id, 1000, 60).ok());
  ASSERT_TRUE(f.lib.log_review_time(f.me.id, f.session.id, 5000, 30).ok());
  EXPECT_FALSE(f.lib.log_review_time(f.me.id, f.session.id, 5000, -1).ok());
  EXPECT_FALSE(f.lib.log_review_time(f.me.id, 999, 5000, 1).ok());
  EXPECT_EQ(*f.lib.total_review_seconds(f.session.id), 90);
  EXPECT_EQ(f.lib.list_review_time(f.session.id, f.me.id)->size(), 2u);

  EXPECT_FALSE(f.lib.get_setting("ui.layout")->has_value());
  ASSERT_TRUE(f.lib.set_setting("ui.layout", "a").ok());
  ASSERT_TRUE(f.lib.set_setting("ui.layout", "b").ok());
  ASSERT_TRUE(f.lib.set_setting("ui_x", "c").ok());
  ASSERT_TRUE(f.lib.set_setting("recent.1", "/v.mp4").ok());
  EXPECT_EQ(**f.lib.get_setting("ui.layout"), "b");
  EXPECT_EQ(f.lib.list_settings("ui.")->size(), 1u);  // '.' and '_' are literal
  EXPECT_EQ(f.lib.list_settings()->size(), 3u);
  ASSERT_TRUE(f.lib.erase_setting("ui.layout").ok());
  EXPECT_FALSE(f.lib.get_setting("ui.layout")->has_value());

  auto e1 = f.lib.push_undo({0, "session:1", "Add comment", "u1", "r1", 0});
  auto e2 = f.lib.push_undo({0, "session:1", "Edit comment", "u2", "r2", 0});
  ASSERT_TRUE(e1.ok() && e2.ok());
  EXPECT_EQ((*f.lib.peek_undo("session:1"))->id, e2->id);
  EXPECT_FALSE(f.lib.peek_redo("session:1")->has_value());
  EXPECT_FALSE(f.lib.mark_undone(e1->id).ok());  // not the top
  ASSERT_TRUE(f.lib.mark_undone(e2->id).ok());
  EXPECT_EQ((*f.lib.peek_undo("session:1"))->id, e1->id);
  EXPECT_EQ((*f.lib.peek_redo("session:1"))->id, e2->id);
  ASSERT_TRUE(f.lib.mark_redone(e2->id).ok());
  ASSERT_TRUE(f.lib.mark_undone(e2->id).ok());
  auto e3 = f.lib.push_undo({0, "session:1", "Delete comment", "u3", "r3", 0});  // drops redo side
  ASSERT_TRUE(e3.ok());
  EXPECT_FALSE(f.lib.peek_redo("session:1")->has_value());
  EXPECT_EQ((*f.lib.peek_undo("session:1"))->undo_payload, "u3");
  EXPECT_FALSE(f.lib.peek_undo("session:2")->has_value());
}

}  // namespace
}  // namespace triad::store
