// Re-keying from the window (issue 12), the same use case as `triad identity rekey`
// (app/rekey.hpp); the step's state is app/sharing_state.hpp's RekeyStep:
//   rekey PERSON                    open the step for a participant (their key here shown)
//   rekey PERSON --key BASE64       ... with their new public key, pasted
//   rekey PERSON --from BUNDLE      ... with the key they signed a (refused) bundle with
//   rekey confirm [--passphrase P]  bind it, signed by the reviewer (a sealed key's
//                                   passphrase: typed in the step, else $TRIAD_PASSPHRASE)
//   rekey cancel                    close the step; nothing is bound
// Nothing is written before `rekey confirm`; every refusal is one sentence, kept in the step.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>

#include "app/identity.hpp"
#include "app/rekey.hpp"
#include "app/workstation.hpp"

namespace triad::app {

void Workstation::refresh_rekeyable() {
  sharing_.rekeyable.clear();
  if (!session_ || !reviewer_) return;
  if (auto people = rekeyable_people(lib_, session_->id, reviewer_->id)) sharing_.rekeyable = std::move(*people);
}

bool Workstation::may_rekey(RowId person_id) const {
  return std::find(sharing_.rekeyable.begin(), sharing_.rekeyable.end(), person_id) != sharing_.rekeyable.end();
}

Result<Outcome> Workstation::cmd_rekey(const Command& c) {
  const std::string what = c.args.empty() ? "" : c.args[0];
  if (what.empty())
    return make_error("Usage: rekey PERSON [--key BASE64 | --from BUNDLE], rekey confirm [--passphrase P] or rekey cancel.");
  if (what == "cancel") {
    sharing_.rekey.reset();
    return done();
  }
  auto me = reviewer_id();
  if (!me) return me.error();

  if (what == "confirm") {
    if (!sharing_.rekey || !sharing_.rekey->preview)
      return make_error("Give the new key first: paste it, or choose the bundle that was refused for it.");
    RekeyStep& step = *sharing_.rekey;
    std::string pass;
    if (auto p = c.option("passphrase")) pass = *p;
    else if (const char* env = std::getenv("TRIAD_PASSPHRASE")) pass = env;
    auto made = rekey_person(lib_, session_->id, *me, step.person_id, step.preview->new_key, pass, clock_.now_ms());
    std::fill(pass.begin(), pass.end(), '\0');
    if (!made) {
      step.error = made.error().message;
      return made.error();
    }
    step.error.clear();
    step.done = made->person + " is re-keyed: their new fingerprint is " + made->new_fingerprint +
                "; what they sign with their old key from now on is refused.";
    refresh_rekeyable();
    return done(made->person + " is re-keyed.");
  }

  auto person = lib_.resolve_person(what);
  if (!person) return person.error();
  if (auto ok = app::may_rekey(lib_, session_->id, *me, person->id); !ok) return ok.error();
  auto theirs = identity_of(lib_, person->id);
  if (!theirs) return theirs.error();
  if (!*theirs)
    return make_error(person->display_name +
                      " has no signing key bound here yet: their first signed change binds it, so no re-key is needed.");
  RekeyStep step;
  step.person_id = person->id;
  step.person = person->display_name;
  step.old_fingerprint = (**theirs).fingerprint;
  const auto key = c.option("key");
  const auto from = c.option("from");
  if (key && from) return make_error("Give the new key either pasted (--key) or from a bundle (--from), not both.");
  std::string new_key;
  Status given = ok_status();
  if (key) {
    new_key = *key;
    // Pasted keys come with the line breaks and spaces of wherever they were copied from.
    new_key.erase(std::remove_if(new_key.begin(), new_key.end(), [](unsigned char ch) { return std::isspace(ch); }),
                  new_key.end());
  } else if (from) {
    std::error_code ec;
    step.from = std::filesystem::absolute(*from, ec).lexically_normal().string();
    auto k = key_signed_in_bundle(step.from, person->display_name);
    if (k) new_key = *k;
    else given = k.error();
  }
  if (given && (key || from)) {
    auto p = preview_rekey(lib_, session_->id, *me, person->id, new_key);
    if (p) step.preview = std::move(*p);
    else given = p.error();
  }
  if (!given) step.error = given.error().message;
  sharing_.rekey = std::move(step);
  if (!given) return given.error();
  if (!sharing_.rekey->preview) return done();
  return done("Compare the new fingerprint aloud with " + person->display_name + " before re-keying them.");
}

}  // namespace triad::app
