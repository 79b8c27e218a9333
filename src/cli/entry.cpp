// The whole `triad` command line as one function: main.cpp calls it, and the hostile-argument
// sweep (tests/store/hostile_args_test.cpp) calls it in a forked child per run, which spares a
// thousand runs the ~0.1 s each of loading 176 shared libraries (0.6 s under ASan).
#include "cli/entry.hpp"

#include <cstdlib>
#include <iostream>

#include "base/terminal_stream.hpp"
#include "cli/argument_checks.hpp"
#include "cli/context.hpp"
#include "cli/guarded_run.hpp"
#include "media/log.hpp"

namespace triad::cli {
void register_analytics_commands(CLI::App& app, Context& ctx);  // agreement, analyse, growth (cmd_analytics.cpp)
void register_lesson_study_commands(CLI::App& app, Context& ctx);  // pupil, phase, prediction (cmd_lesson_study.cpp)

int run_triad(int argc, char** argv) {
  triad::media::quiet_ffmpeg_logs();
  Context ctx;
  // Untrusted text (comment bodies, names, file names) is printed escaped: no control
  // sequence from a library or an argument reaches the reader's terminal.
  triad::EscapingStreambuf out_buf(std::cout.rdbuf(), [&ctx] { return ctx.json; });
  triad::EscapingStreambuf err_buf(std::cerr.rdbuf(), [] { return false; });
  auto* cout_was = std::cout.rdbuf(&out_buf);
  auto* cerr_was = std::cerr.rdbuf(&err_buf);
  struct Restore {
    std::streambuf *out, *err;
    ~Restore() {
      std::cout.flush();
      std::cerr.flush();
      std::cout.rdbuf(out);
      std::cerr.rdbuf(err);
    }
  } restore{cout_was, cerr_was};
  CLI::App app{
      "Triad: review recorded lessons with timestamped, tagged comments (joint practice development).\n"
      "Exit codes: 0 ok, 1 failure (bad input or refused), 2 usage, 3 unsupported media format,\n"
      "4 corrupt media or no playable stream, 5 I/O error, 6 timeout, 7 not a regular file,\n"
      "8 not a Triad library (or made by a newer Triad)."};
  app.require_subcommand(1);
  // Global options are also accepted after the subcommand (`triad comment list --json`):
  // subcommands created below inherit this and pass options they do not know upwards.
  app.fallthrough();
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
  register_lesson_study_commands(app, ctx);
  check_arguments(app);

  return run_guarded(app, ctx, argc, argv);
}

}  // namespace triad::cli
