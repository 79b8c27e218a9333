// Protocols: stored per session, inherited along a lesson-study cycle.
#include <nlohmann/json.hpp>
#include <set>

#include "core/roles.hpp"
#include "store/workflow_internal.hpp"

namespace triad::store {

using namespace detail;
using nlohmann::json;

namespace {

constexpr std::string_view kProtocolCols =
    "session_id, framework_code, detective_framework_code, focus_questions, stems, default_visibility, "
    "blind_review, retention_date, updated_at_ms, updated_by";

// The JSON columns were written by set_protocol, so a parse failure means a damaged
// file; it is reported rather than silently replaced by defaults.
Result<Protocol> read_protocol(const Stmt& st, const std::string& library) {
  Protocol p;
  p.session_id = st.int64(0);
  p.framework_code = st.text(1);
  p.detective_framework_code = st.text(2);
  try {
    p.focus_questions = json::parse(st.text(3)).get<std::vector<std::string>>();
    p.stems.clear();
    for (const auto& s : json::parse(st.text(4)))
      p.stems.push_back({s.at("code").get<std::string>(), s.at("label").get<std::string>(), s.value("required", false)});
  } catch (const json::exception&) {
    return make_error("The protocol of session " + std::to_string(p.session_id) + " in library " + library +
                      " is damaged (its stems or focus questions are not valid JSON).");
  }
  p.default_visibility = parse_visibility(st.text(5)).value_or(Visibility::Triad);
  p.blind_review = st.int64(6) != 0;
  p.retention_date = st.opt_text(7);
  p.updated_at_ms = st.int64(8);
  p.updated_by = st.opt_int64(9).value_or(0);
  return p;
}

Result<std::vector<Action>> open_actions_of(Library& lib, const std::vector<Session>& earlier) {
  std::vector<Action> out;
  for (const auto& s : earlier) {
    auto as = list_actions(lib, s.id);
    if (!as) return as.error();
    out.insert(out.end(), as->begin(), as->end());
  }
  return out;
}

}  // namespace

Result<std::optional<Protocol>> get_own_protocol(Library& lib, RowId session_id) {
  auto st = Stmt::prepare(lib.db(), "SELECT " + std::string(kProtocolCols) + " FROM protocols WHERE session_id = ?1");
  if (!st) return st.error();
  st->bind(1, session_id);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return std::optional<Protocol>{};
  auto p = read_protocol(*st, lib.path().string());
  if (!p) return p.error();
  return std::optional<Protocol>{std::move(*p)};
}

Result<EffectiveProtocol> effective_protocol(Library& lib, RowId session_id) {
  auto session = lib.get_session(session_id);
  if (!session) return session.error();
  EffectiveProtocol eff;
  std::vector<Session> cycle_sessions;
  std::set<RowId> with_protocol;
  if (!session->cycle.empty()) {
    auto all = lib.list_sessions();
    if (!all) return all.error();
    for (const auto& s : *all)
      if (s.cycle == session->cycle) cycle_sessions.push_back(s);
    auto ids = query_all<RowId>(
        lib.db(), "SELECT p.session_id FROM protocols p JOIN sessions s ON s.id = p.session_id WHERE s.cycle = ?1",
        [&](Stmt& st) { st.bind(1, session->cycle); }, [](const Stmt& st) { return st.int64(0); });
    if (!ids) return ids.error();
    with_protocol.insert(ids->begin(), ids->end());
  } else {
    auto own = get_own_protocol(lib, session_id);
    if (!own) return own.error();
    if (*own) with_protocol.insert(session_id);
  }
  eff.source_session_id = protocol_source(*session, cycle_sessions, with_protocol);
  if (eff.source_session_id) {
    auto p = get_own_protocol(lib, *eff.source_session_id);
    if (!p) return p.error();
    eff.protocol = std::move(**p);
  }
  auto all_actions = open_actions_of(lib, earlier_in_cycle(*session, cycle_sessions));
  if (!all_actions) return all_actions.error();
  eff.carried_actions = actions_carried_into(*session, cycle_sessions, *all_actions);
  return eff;
}

namespace {

// Validates and writes `p` as given (its updated_at_ms/updated_by included), inside the
// caller's transaction, and attaches both frameworks to the session.
Result<Protocol> write_protocol(Library& lib, Protocol p) {
  auto staff_fw = lib.find_framework(p.framework_code);
  if (!staff_fw) return staff_fw.error();
  if (!*staff_fw)
    return bad_input("Framework '" + p.framework_code + "' is not in the library; import it first.");
  auto kids_fw = lib.find_framework(p.detective_framework_code);
  if (!kids_fw) return kids_fw.error();
  if (!*kids_fw)
    return bad_input("Framework '" + p.detective_framework_code + "' is not in the library; import it first.");
  if (!(*kids_fw)->child_friendly)
    return bad_input("Framework '" + p.detective_framework_code +
                     "' is not child-friendly, so it cannot be the learning detectives' framework.");

  json stems = json::array();
  for (const auto& s : p.stems) stems.push_back({{"code", s.code}, {"label", s.label}, {"required", s.required}});
  auto st = Stmt::prepare(lib.db(), "INSERT OR REPLACE INTO protocols(" + std::string(kProtocolCols) +
                                        ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!st) return st.error();
  st->bind(1, p.session_id).bind(2, (*staff_fw)->code).bind(3, (*kids_fw)->code);
  st->bind(4, json(p.focus_questions).dump(-1, ' ', false, json::error_handler_t::replace))
      .bind(5, stems.dump(-1, ' ', false, json::error_handler_t::replace)).bind(6, to_string(p.default_visibility));
  st->bind(7, p.blind_review).bind(8, p.retention_date).bind(9, p.updated_at_ms);
  if (p.updated_by > 0)
    st->bind(10, p.updated_by);
  else
    st->bind_null(10);
  if (auto r = st->run(); !r) return r.error();
  if (auto r = lib.attach_framework(p.session_id, (*staff_fw)->id); !r) return r.error();
  if (auto r = lib.attach_framework(p.session_id, (*kids_fw)->id); !r) return r.error();
  p.framework_code = (*staff_fw)->code;
  p.detective_framework_code = (*kids_fw)->code;
  return p;
}

}  // namespace

Result<Protocol> set_protocol(Library& lib, Protocol p, RowId actor_id) {
  if (auto v = validate_protocol(p); !v) return bad_input(v.error().message);
  auto tx = lib.begin();
  if (!tx) return tx.error();
  if (auto s = lib.get_session(p.session_id); !s) return s.error();
  auto participants = list_participants(lib, p.session_id);
  if (!participants) return participants.error();
  if (!participants->empty())
    if (auto r = wf::require_staff(lib, p.session_id, actor_id, "set the session's protocol"); !r) return r.error();
  p.updated_at_ms = now_ms();
  p.updated_by = actor_id;
  auto written = write_protocol(lib, std::move(p));
  if (!written) return written;
  if (auto c = tx->commit(); !c) return c.error();
  return written;
}

Result<Protocol> put_protocol_exact(Library& lib, Protocol p) {
  if (auto v = validate_protocol(p); !v) return bad_input(v.error().message);
  auto tx = lib.begin();
  if (!tx) return tx.error();
  if (auto s = lib.get_session(p.session_id); !s) return s.error();
  auto written = write_protocol(lib, std::move(p));
  if (!written) return written;
  if (auto c = tx->commit(); !c) return c.error();
  return written;
}

}  // namespace triad::store
