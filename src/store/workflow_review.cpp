// Blind review: submissions and the reveal; review time per person.
#include "core/roles.hpp"
#include "store/workflow_internal.hpp"

namespace triad::store {

using namespace detail;

namespace {

Result<std::optional<Reveal>> get_reveal(Library& lib, RowId session_id) {
  return query_one<Reveal>(
      lib.db(), "SELECT session_id, revealed_by, revealed_at_ms, automatic FROM review_reveals WHERE session_id = ?1",
      [&](Stmt& st) { st.bind(1, session_id); },
      [](const Stmt& st) { return Reveal{st.int64(0), st.opt_int64(1).value_or(0), st.int64(2), st.int64(3) != 0}; });
}

Result<std::vector<ReviewSubmission>> get_submissions(Library& lib, RowId session_id) {
  return query_all<ReviewSubmission>(
      lib.db(),
      "SELECT session_id, person_id, submitted_at_ms FROM review_submissions WHERE session_id = ?1 "
      "ORDER BY submitted_at_ms, person_id",
      [&](Stmt& st) { st.bind(1, session_id); },
      [](const Stmt& st) { return ReviewSubmission{st.int64(0), st.int64(1), st.int64(2)}; });
}

Status insert_reveal(Library& lib, const Reveal& r) {
  auto st = Stmt::prepare(
      lib.db(), "INSERT INTO review_reveals(session_id, revealed_by, revealed_at_ms, automatic) VALUES (?1, ?2, ?3, ?4)");
  if (!st) return st.error();
  st->bind(1, r.session_id).bind(2, r.revealed_by).bind(3, r.revealed_at_ms).bind(4, r.automatic);
  return st->run();
}

std::set<RowId> submitted_ids(const std::vector<ReviewSubmission>& subs) {
  std::set<RowId> out;
  for (const auto& s : subs) out.insert(s.person_id);
  return out;
}

}  // namespace

Result<ReviewState> review_state(Library& lib, RowId session_id) {
  if (auto s = lib.get_session(session_id); !s) return s.error();
  ReviewState state;
  auto subs = get_submissions(lib, session_id);
  if (!subs) return subs.error();
  state.submissions = std::move(*subs);
  auto ps = list_participants(lib, session_id);
  if (!ps) return ps.error();
  state.pending = pending_reviewers(*ps, submitted_ids(state.submissions));
  auto rev = get_reveal(lib, session_id);
  if (!rev) return rev.error();
  state.reveal = *rev;
  return state;
}

Result<SubmitOutcome> submit_review(Library& lib, RowId session_id, RowId actor_id) {
  auto tx = lib.begin();  // read the state and write under one lock: two last submitters cannot both miss the reveal
  if (!tx) return tx.error();
  auto role = participant_role(lib, session_id, actor_id);
  if (!role) return role.error();
  if (auto s = lib.get_session(session_id); !s) return s.error();
  auto eff = effective_protocol(lib, session_id);
  if (!eff) return eff.error();
  auto subs = get_submissions(lib, session_id);
  if (!subs) return subs.error();
  auto done = submitted_ids(*subs);
  CommentFilter f;
  f.session_id = session_id;
  f.author_id = actor_id;
  auto own = lib.list_comments(f);
  if (!own) return own.error();
  if (auto ok = check_submit(eff->protocol, *role, done.count(actor_id) > 0, *own); !ok)
    return bad_input(ok.error().message);

  SubmitOutcome out;
  out.submission = {session_id, actor_id, now_ms()};
  auto st = Stmt::prepare(lib.db(),
                          "INSERT INTO review_submissions(session_id, person_id, submitted_at_ms) VALUES (?1, ?2, ?3)");
  if (!st) return st.error();
  st->bind(1, session_id).bind(2, actor_id).bind(3, out.submission.submitted_at_ms);
  if (auto r = st->run(); !r) return r.error();
  done.insert(actor_id);

  auto ps = list_participants(lib, session_id);
  if (!ps) return ps.error();
  auto rev = get_reveal(lib, session_id);
  if (!rev) return rev.error();
  if (eff->protocol.blind_review && !*rev && all_reviewers_submitted(*ps, done)) {
    Reveal r{session_id, actor_id, out.submission.submitted_at_ms, true};
    if (auto ins = insert_reveal(lib, r); !ins) return ins.error();
    out.reveal = r;
  }
  if (auto c = tx->commit(); !c) return c.error();
  return out;
}

Result<Reveal> reveal_reviews(Library& lib, RowId session_id, RowId actor_id) {
  auto tx = lib.begin();
  if (!tx) return tx.error();
  if (auto s = lib.get_session(session_id); !s) return s.error();
  auto role = participant_role(lib, session_id, actor_id);
  if (!role) return role.error();
  auto eff = effective_protocol(lib, session_id);
  if (!eff) return eff.error();
  auto rev = get_reveal(lib, session_id);
  if (!rev) return rev.error();
  auto subs = get_submissions(lib, session_id);
  if (!subs) return subs.error();
  auto ps = list_participants(lib, session_id);
  if (!ps) return ps.error();
  bool all = all_reviewers_submitted(*ps, submitted_ids(*subs));
  if (auto ok = check_reveal(eff->protocol, *role, rev->has_value(), all); !ok) return bad_input(ok.error().message);
  Reveal r{session_id, actor_id, now_ms(), false};
  if (auto ins = insert_reveal(lib, r); !ins) return ins.error();
  if (auto c = tx->commit(); !c) return c.error();
  return r;
}

Result<std::map<RowId, std::int64_t>> review_time_by_person(Library& lib, RowId session_id) {
  auto logged = lib.list_review_time(session_id);
  if (!logged) return logged.error();
  std::vector<ReviewInterval> ivs;
  for (const auto& t : *logged)
    ivs.push_back({t.session_id, t.person_id, t.started_at_ms, t.started_at_ms + t.seconds * 1000});
  return review_time_ms(ivs);
}

}  // namespace triad::store
