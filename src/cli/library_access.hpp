#pragma once
// What every library-using subcommand does first: open the library named by --db, find who
// is acting (--as), and report a failure as one stderr line with its exit code.
#include "cli/context.hpp"
#include "store/library.hpp"

namespace triad::cli {

// Opens --db / $TRIAD_DB / the default location. Readers pass OpenMode::ExistingOnly so a
// missing library is reported, not created; writers create it on first use.
Result<store::Library> open_library(Context& ctx, store::OpenMode mode);

// The acting person: --as NAME|ID, else the library's owner (created on first need).
Result<Person> actor(Context& ctx, store::Library& lib);

// Reports `e` and returns true, for `if (!x && fail(ctx, x.error())) return;`.
bool fail(Context& ctx, const Error& e);

}  // namespace triad::cli

namespace triad::cli {

// The usual start of a per-session subcommand: the library, the session named by `session_ref`
// (id, uuid or title) and the acting person, or the first error.
struct SessionScope {
  store::Library lib;
  Session session;
  Person me;
};
Result<SessionScope> open_session_as(Context& ctx, store::OpenMode mode, const std::string& session_ref);

// The same for subcommands that act as nobody in particular (show, list, edit a session):
// no acting person is looked up, so a read never creates the library's owner.
struct LibrarySession {
  store::Library lib;
  Session session;
};
Result<LibrarySession> open_session(Context& ctx, store::OpenMode mode, const std::string& session_ref);

// `--session S` (id, uuid or title), required: the option nearly every subcommand takes.
CLI::Option* add_session_option(CLI::App* cmd, std::string& session);

}  // namespace triad::cli
