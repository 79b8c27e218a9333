#include "cli/library_access.hpp"

#include <filesystem>

namespace triad::cli {

Result<store::Library> open_library(Context& ctx, store::OpenMode mode) {
  std::filesystem::path path = ctx.db_path;
  if (path.empty()) {
    auto def = store::Library::default_path();
    if (!def) return def.error();
    path = *def;
  }
  return store::Library::open(path, mode);
}

Result<Person> actor(Context& ctx, store::Library& lib) {
  if (ctx.as_person.empty()) return lib.me();
  return lib.resolve_person(ctx.as_person);
}

bool fail(Context& ctx, const Error& e) {
  ctx.fail(e);
  return true;
}

}  // namespace triad::cli

namespace triad::cli {

Result<LibrarySession> open_session(Context& ctx, store::OpenMode mode, const std::string& session_ref) {
  auto lib = open_library(ctx, mode);
  if (!lib) return lib.error();
  auto session = lib->resolve_session(session_ref);
  if (!session) return session.error();
  return LibrarySession{std::move(lib.value()), std::move(session.value())};
}

Result<SessionScope> open_session_as(Context& ctx, store::OpenMode mode, const std::string& session_ref) {
  auto opened = open_session(ctx, mode, session_ref);
  if (!opened) return opened.error();
  auto me = actor(ctx, opened->lib);
  if (!me) return me.error();
  return SessionScope{std::move(opened->lib), std::move(opened->session), std::move(me.value())};
}

CLI::Option* add_session_option(CLI::App* cmd, std::string& session) {
  return cmd->add_option("--session", session, "Session id, uuid or title")->required();
}

}  // namespace triad::cli
