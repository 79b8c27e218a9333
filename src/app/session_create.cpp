#include "app/session_create.hpp"

#include <filesystem>

#include "app/recordings.hpp"
#include "core/protocol.hpp"
#include "store/shipped_frameworks.hpp"
#include "store/workflow.hpp"

namespace triad::app {


Result<CreatedSession> create_session(store::Library& lib, const NewSession& n) {
  CreatedSession out;
  // Probe first: a bad recording refuses the whole thing before the library is touched.
  if (n.described) {
    out.recording = n.described;
    out.problems = n.recording_problems;
  } else if (!n.recording.empty()) {
    auto r = describe_recording_file(n.recording, 0, &out.problems);
    if (!r) return r.error();
    out.recording = *r;
  }
  if (!n.fields.date.empty() && !is_iso_date(n.fields.date))
    return make_error("The lesson date must be a calendar date such as 2026-03-14, not '" + n.fields.date + "'.");
  auto tx = lib.begin();
  if (!tx) return tx.error();
  Session s = n.fields;
  if (!n.teacher.empty()) {
    auto p = lib.resolve_person(n.teacher);
    if (!p) return p.error();
    s.teacher_id = p->id;
  }
  if (!n.school.empty()) {
    auto sc = lib.find_or_add_school(n.school);
    if (!sc) return sc.error();
    s.school_id = sc->id;
  }
  auto added = lib.add_session(s);
  if (!added) return added.error();
  out.session = *added;

  if (!n.frameworks.empty() || !s.focus.empty()) {
    // The protocol carries the framework and the focus: comments are checked against it.
    Protocol p;
    p.session_id = added->id;
    if (!n.frameworks.empty()) p.framework_code = n.frameworks.front();
    if (!s.focus.empty()) p.focus_questions = {s.focus};
    for (const auto& code : {p.framework_code, p.detective_framework_code}) {
      auto f = store::ensure_framework(lib, code);
      if (!f) return f.error();
    }
    for (std::size_t i = 1; i < n.frameworks.size(); ++i) {  // further frameworks: attached for tags
      auto f = store::ensure_framework(lib, n.frameworks[i]);
      if (!f) return f.error();
      if (auto st = lib.attach_framework(added->id, f->id); !st) return st.error();
    }
    auto set = store::set_protocol(lib, p, n.actor.value_or(0));
    if (!set) return set.error();
    out.protocol_set = true;
  } else {
    // No protocol asked for: the library's only framework, else the built-in default,
    // gives the keys 1-9 their tags.
    auto all = lib.list_frameworks();
    if (!all) return all.error();
    if (all->size() > 1) {
      out.note = "No framework attached (the library has several): choose one with --framework or `triad protocol set`.";
    } else {
      auto fw = all->empty() ? lib.ensure_default_framework() : Result<Framework>(all->front());
      if (!fw) return fw.error();
      if (auto st = lib.attach_framework(added->id, fw->id); !st) return st.error();
    }
  }
  if (out.recording) {
    out.recording->session_id = added->id;
    auto r = lib.add_recording(*out.recording);
    if (!r) return r.error();
    out.recording = *r;
  }
  if (auto c = tx->commit(); !c) return c.error();
  return out;
}

}  // namespace triad::app
