#include "app/retention.hpp"

#include <filesystem>

#include "app/session_rules.hpp"
#include "core/protocol.hpp"
#include "store/workflow.hpp"

namespace triad::app {

namespace fs = std::filesystem;

namespace {
constexpr std::string_view kDeletedMarker = "(deleted ";
}  // namespace

bool recording_deleted_by_retention(const Recording& r) { return r.path.rfind(kDeletedMarker, 0) == 0; }

Result<RetentionState> retention_state(store::Library& lib, RowId session_id, const std::string& today) {
  RetentionState out;
  auto p = store::effective_protocol(lib, session_id);
  if (!p) return p.error();
  out.date = p->protocol.retention_date;
  out.passed = retention_passed(p->protocol, today);
  auto recs = lib.recordings_for_session(session_id);
  if (!recs) return recs.error();
  for (const auto& r : *recs) {
    if (recording_deleted_by_retention(r)) {
      out.deleted.push_back(r.path);
      continue;
    }
    std::error_code ec;
    if (fs::is_regular_file(r.path, ec)) out.files.push_back(r);
  }
  return out;
}

Result<RetentionDeletion> delete_expired_recordings(store::Library& lib, RowId session_id, RowId person_id,
                                                    const std::string& today) {
  auto state = retention_state(lib, session_id, today);
  if (!state) return state.error();
  auto session = lib.get_session(session_id);
  if (!session) return session.error();
  if (!state->date)
    return make_error("Session '" + session->title + "' has no retention date: its recording is kept.");
  if (!state->passed)
    return make_error("The retention date of session '" + session->title + "' (" + *state->date +
                      ") has not passed: its recording is kept until then.");
  if (auto ok = may_set_up_session(lib, session_id, person_id, {SetupChange::What::Details, {}, {}}); !ok)
    return ok.error();
  if (state->files.empty()) return make_error("Session '" + session->title + "' has no recording file left to delete.");
  auto who = lib.get_person(person_id);
  if (!who) return who.error();
  RetentionDeletion out;
  // Each file is removed and then its row says so, one by one: a failure half-way leaves
  // every row true to what is on disk.
  for (const auto& r : state->files) {
    std::error_code ec;
    if (!fs::remove(r.path, ec) && ec)
      return make_error("The recording " + r.path + " could not be deleted: " + ec.message() + ".", ErrorKind::kIoError);
    const std::string note = std::string(kDeletedMarker) + "on " + today + " by " + who->display_name +
                             ": retention date " + *state->date + " passed; was " + r.path + ")";
    if (auto st = lib.set_recording_path(r.id, note); !st) return st.error();
    out.files.push_back(r.path);
  }
  const std::string name = fs::path(out.files.front()).filename().string();
  out.sentence = (out.files.size() == 1 ? "Deleted the recording " + name
                                        : "Deleted " + std::to_string(out.files.size()) + " recording files") +
                 " (retention date " + *state->date + " passed); the comments stay.";
  return out;
}

}  // namespace triad::app
