// `triad`: the headless command line over the same libraries as the workstation.
#include <cstdlib>

#include "cli/context.hpp"
#include "media/log.hpp"

namespace triad::cli {
void register_analytics_commands(CLI::App& app, Context& ctx);  // agreement, analyse, growth (cmd_analytics.cpp)
}

int main(int argc, char** argv) {
  using namespace triad::cli;
  triad::media::quiet_ffmpeg_logs();
  Context ctx;
  CLI::App app{
      "Triad: review recorded lessons with timestamped, tagged comments (joint practice development).\n"
      "Exit codes: 0 ok, 1 failure (bad input or refused), 2 usage, 3 unsupported media format,\n"
      "4 corrupt media or no playable stream, 5 I/O error, 6 timeout, 7 not a regular file,\n"
      "8 not a Triad library (or made by a newer Triad)."};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every subcommand");
  if (const char* env = std::getenv("TRIAD_DB")) ctx.db_path = env;
  app.add_option("--db", ctx.db_path,
                 "Library file (default: $TRIAD_DB, else $XDG_DATA_HOME/triad/library.triad, "
                 "else ~/.local/share/triad/library.triad)");
  app.add_flag("--json", ctx.json, "Print machine-readable JSON");
  app.add_option("--as", ctx.as_person, "Act as this person (display name or id)");

  register_store_commands(app, ctx);
  register_media_commands(app, ctx);
  register_playback_commands(app, ctx);
  register_workflow_commands(app, ctx);
  register_exchange_commands(app, ctx);
  register_analytics_commands(app, ctx);
  register_recording_commands(app, ctx);
  register_identity_commands(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : kUsage;
  }
  return ctx.exit_code;
}
