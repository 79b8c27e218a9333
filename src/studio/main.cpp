// triad-studio: the workstation window.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <exception>
#include <iostream>

#include "media/log.hpp"
#include "studio/studio_app.hpp"

int main(int argc, char** argv) {
  triad::media::quiet_ffmpeg_logs();
  triad::studio::StudioOptions o;
  CLI::App app{"Triad workstation: watch a lesson recording and place timestamped, tagged comments."};
  if (const char* env = std::getenv("TRIAD_DB")) o.db_path = env;
  app.add_option("--db", o.db_path, "Library file (default: $TRIAD_DB, else ~/.local/share/triad/library.triad)");
  app.add_option("--session", o.session, "Open this session (id, uuid or title)");
  app.add_option("--as", o.as_person, "Review as this person (name or id)");
  app.add_option("--script", o.script, "Run these commands (one per line) after start-up");
  app.add_option("--screenshot", o.screenshot, "Write what the window shows to this PNG (after the script) and exit");
  app.add_option("--width", o.width, "Window width in points")->check(CLI::Range(640, 8000));
  app.add_option("--height", o.height, "Window height in points")->check(CLI::Range(480, 8000));
  app.add_option("file", o.file, "A recording to open");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  // Commands already report their own failures in the status line (Workstation::execute
  // catches); this is for start-up and drawing code: a sentence, never an abort.
  try {
    return triad::studio::run_studio(o);
  } catch (const std::exception& e) {
    std::cerr << "triad-studio: internal error: " << e.what() << " (please report this).\n";
  } catch (...) {
    std::cerr << "triad-studio: internal error (please report this).\n";
  }
  return 1;
}
