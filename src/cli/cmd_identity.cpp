// `triad identity create|show|list|rekey`: signing keys of the people who act (app/identity.hpp,
// app/rekey.hpp).
// The passphrase of a sealed key comes from $TRIAD_PASSPHRASE (never from the command line,
// where other users could read it in the process list).
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/identity.hpp"
#include "app/rekey.hpp"
#include "base/wall_clock.hpp"
#include "cli/context.hpp"
#include "cli/library_access.hpp"

namespace triad::cli {
namespace {
using nlohmann::json;

json to_json(const app::IdentityInfo& i) {
  return json{{"person", i.person},           {"public_key", i.public_key}, {"fingerprint", i.fingerprint},
              {"secret_here", i.secret_here}, {"sealed", i.sealed}};
}

void print(Context& ctx, const app::IdentityInfo& i) {
  *ctx.out << i.person << "\n  fingerprint " << i.fingerprint << "\n  "
           << (i.secret_here ? (i.sealed ? "secret key on this computer, protected by a passphrase"
                                         : "secret key on this computer, protected only by its file permissions")
                             : "public key only (their secret key is on their own computer)")
           << "\n";
}

}  // namespace

void register_identity_commands(CLI::App& app, Context& ctx) {
  auto* id = app.add_subcommand("identity", "Signing keys: who signs the changes a bundle carries");
  id->require_subcommand(1);
  auto person = std::make_shared<std::string>();

  auto* create = id->add_subcommand("create", "Make the acting person's signing key (--as NAME; passphrase from $TRIAD_PASSPHRASE)");
  create->callback([&ctx] {
    auto lib = open_library(ctx, store::OpenMode::Create);
    if (!lib && fail(ctx, lib.error())) return;
    auto me = actor(ctx, *lib);
    if (!me && fail(ctx, me.error())) return;
    const char* pass = std::getenv("TRIAD_PASSPHRASE");
    auto made = app::create_identity(*lib, me->id, pass ? pass : "");
    if (!made && fail(ctx, made.error())) return;
    if (ctx.json) *ctx.out << to_json(*made).dump() << "\n";
    else print(ctx, *made);
  });

  auto* show = id->add_subcommand("show", "A person's key fingerprint, to compare aloud (default: the acting person)");
  show->add_option("--person", *person, "Name or id");
  show->callback([&ctx, person] {
    auto lib = open_library(ctx, store::OpenMode::ExistingOnly);
    if (!lib && fail(ctx, lib.error())) return;
    auto who = person->empty() ? actor(ctx, *lib) : lib->resolve_person(*person);
    if (!who && fail(ctx, who.error())) return;
    auto i = app::identity_of(*lib, who->id);
    if (!i && fail(ctx, i.error())) return;
    if (!*i && fail(ctx, make_error(who->display_name + " has no signing key known in this library."))) return;
    if (ctx.json) *ctx.out << to_json(**i).dump() << "\n";
    else print(ctx, **i);
  });

  struct RekeyArgs {
    std::string session, person, key, from;
  };
  auto ra = std::make_shared<RekeyArgs>();
  auto* rekey = id->add_subcommand(
      "rekey", "Facilitator: bind a participant's new signing key (lost or new computer), signed so it travels in bundles");
  add_session_option(rekey, ra->session);
  rekey->add_option("--person", ra->person, "The participant re-keyed (name or id)")->required();
  auto* key_opt = rekey->add_option("--key", ra->key, "Their new public key (base64: `triad identity show --json` on their computer)");
  auto* from_opt = rekey->add_option("--from", ra->from, "A bundle they signed with the new key (its import was refused)");
  key_opt->excludes(from_opt);
  rekey->callback([&ctx, ra] {
    if (ra->key.empty() && ra->from.empty() && fail(ctx, make_error("Give the new key with --key or --from BUNDLE.", ErrorKind::kUsage)))
      return;
    auto scope = open_session_as(ctx, store::OpenMode::ExistingOnly, ra->session);
    if (!scope && fail(ctx, scope.error())) return;
    auto who = scope->lib.resolve_person(ra->person);
    if (!who && fail(ctx, who.error())) return;
    std::string key = ra->key;
    if (!ra->from.empty()) {
      auto k = app::key_signed_in_bundle(ra->from, who->display_name);
      if (!k && fail(ctx, k.error())) return;
      key = *k;
    }
    const char* pass = std::getenv("TRIAD_PASSPHRASE");
    auto done = app::rekey_person(scope->lib, scope->session.id, scope->me.id, who->id, key, pass ? pass : "", now_ms());
    if (!done && fail(ctx, done.error())) return;
    if (ctx.json)
      *ctx.out << json{{"person", done->person}, {"public_key", key}, {"fingerprint", done->new_fingerprint},
                       {"old_fingerprint", done->old_fingerprint}}.dump() << "\n";
    else
      *ctx.out << done->person << " is re-keyed in session '" << scope->session.title << "'.\n  new fingerprint "
               << done->new_fingerprint << " (compare it aloud with " << done->person << ")\n  old fingerprint "
               << done->old_fingerprint << " (signs nothing made from now on)\n";
  });

  auto* list = id->add_subcommand("list", "Everyone whose key this library knows, with fingerprints");
  list->callback([&ctx] {
    auto lib = open_library(ctx, store::OpenMode::ExistingOnly);
    if (!lib && fail(ctx, lib.error())) return;
    auto all = app::list_identities(*lib);
    if (!all && fail(ctx, all.error())) return;
    if (ctx.json) {
      json arr = json::array();
      for (auto& i : *all) arr.push_back(to_json(i));
      *ctx.out << arr.dump() << "\n";
    } else {
      for (auto& i : *all) print(ctx, i);
    }
  });
}

}  // namespace triad::cli
