// `triad identity create|show|list`: signing keys of the people who act (app/identity.hpp).
// The passphrase of a sealed key comes from $TRIAD_PASSPHRASE (never from the command line,
// where other users could read it in the process list).
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/identity.hpp"
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
