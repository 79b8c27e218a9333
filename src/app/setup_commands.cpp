// Session setup from the window (the same rules as the CLI: app/session_setup.hpp and
// the store's workflow rules):
//   participant add NAME ROLE     (the person is added to the library when new)
//   participant remove NAME       participant role NAME ROLE
//   protocol set [--focus Q]... [--framework CODE] [--stem code=Label]... [--require a,b|none]
//                [--visibility private|triad|everyone] [--blind on|off] [--retention DATE|none]
#include <sstream>

#include "app/session_setup.hpp"
#include "app/workstation.hpp"
#include "store/workflow.hpp"

namespace triad::app {

// participant and protocol; the table makes sure a session is open.
Result<Outcome> Workstation::cmd_setup(const Command& c) {
  auto actor = reviewer_id();
  if (!actor) return actor.error();
  const std::string what = c.args.empty() ? "" : c.args[0];
  std::string message;
  if (c.name == "participant") {
    if (c.args.size() < 2 || (what != "add" && what != "remove" && what != "role"))
      return make_error("Usage: participant add NAME ROLE, participant remove NAME or participant role NAME ROLE.");
    std::optional<Role> role;
    if (what != "remove") {
      if (c.args.size() < 3) return make_error("Give the role: teacher, observer, mentor, nqt, learning-detective or facilitator.");
      role = parse_role(c.args[2]);
      if (!role)
        return make_error("'" + c.args[2] +
                        "' is not a role (teacher, observer, mentor, nqt, learning-detective, facilitator).");
    }
    // Adding someone new makes their person row and their place in the triad together: a
    // refused add (the role rules) must not leave a person behind.
    std::optional<store::Transaction> tx;
    if (what == "add") {
      auto t = lib_.begin();
      if (!t) return t.error();
      tx.emplace(std::move(*t));
    }
    auto person = lib_.find_person(c.args[1]);
    if (!person) return person.error();
    Person who;
    if (*person) {
      who = **person;
    } else if (what == "add") {
      auto added = lib_.add_person(c.args[1]);
      if (!added) return added.error();
      who = *added;
    } else {
      auto r = lib_.resolve_person(c.args[1]);
      if (!r) return r.error();
      who = *r;
    }
    if (what == "add") {
      auto p = add_participant_as(lib_, session_->id, who.id, *role, *actor);
      if (!p) return p.error();
      if (auto st = tx->commit(); !st) return st.error();
      message = who.display_name + " joins as " + std::string(role_label(*role)) + ".";
    } else if (what == "remove") {
      if (auto st = remove_participant_as(lib_, session_->id, who.id, *actor); !st) return st.error();
      message = who.display_name + " no longer takes part; their comments stay.";
    } else {
      auto p = change_role_as(lib_, session_->id, who.id, *role, *actor);
      if (!p) return p.error();
      message = who.display_name + " is now " + std::string(role_label(*role)) + ".";
    }
  } else {
    if (what != "set") return make_error("Usage: protocol set [--focus Q] [--framework CODE] [--blind on|off] ...");
    ProtocolChange ch;
    if (auto f = c.all("focus"); !f.empty()) ch.focus = f;
    if (auto f = c.option("framework")) ch.framework = *f;
    if (auto f = c.option("detective-framework")) ch.detective_framework = *f;
    if (auto st = c.all("stem"); !st.empty()) ch.stems = st;
    if (auto r = c.option("require")) {
      ch.required.emplace();
      if (*r != "none") {
        std::stringstream ss(*r);
        for (std::string code; std::getline(ss, code, ',');)
          if (!code.empty()) ch.required->push_back(code);
      }
    }
    if (auto v = c.option("visibility")) {
      auto vis = parse_visibility(*v);
      if (!vis) return make_error("Visibility must be private, triad or everyone, not '" + *v + "'.");
      ch.default_visibility = *vis;
    }
    if (auto b = c.option("blind")) {
      if (*b != "on" && *b != "off") return make_error("Blind review is on or off, not '" + *b + "'.");
      ch.blind_review = *b == "on";
    }
    if (auto r = c.option("retention"))
      ch.retention_date = *r == "none" || r->empty() ? std::optional<std::string>() : std::optional<std::string>(*r);
    auto saved = change_protocol(lib_, session_->id, ch, *actor);
    if (!saved) return saved.error();
    message = "Protocol saved.";
  }
  if (auto st = reload_session_data(); !st) return st.error();
  return done(message);
}

}  // namespace triad::app
