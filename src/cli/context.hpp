#pragma once
// What every `triad` subcommand shares: the global options and where to print.
#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

#include "base/result.hpp"

namespace triad::cli {

// Exit codes of the CLI (documented in `triad --help`). The layers below report kinds of
// error (base/result.hpp); exit_code_for is the one place a kind becomes a number.
enum Exit : int {
  kOk = 0,
  kFailure = 1,       // bad input, unknown id, refused by a rule
  kUsage = 2,         // malformed command line
  kUnsupported = 3,   // media: not a format Triad opens
  kCorrupt = 4,       // media: corrupt, or no playable stream
  kIoError = 5,       // cannot read/write a file
  kTimeout = 6,       // media: gave up after the interrupt deadline
  kNotRegular = 7,    // media: not a regular file (directory, device, fifo)
  kNotLibrary = 8,    // --db names a file that is not a Triad library (or is newer)
};

int exit_code_for(ErrorKind kind);

struct Context {
  std::string db_path;    // --db / TRIAD_DB / default library location
  bool json = false;      // --json: machine-readable output
  std::string as_person;  // --as: act as this participant (name or id)
  int exit_code = kOk;
  std::ostream* out = &std::cout;
  std::ostream* err = &std::cerr;

  // Reports a failure as one line on stderr and records the exit code.
  void fail(const std::string& message, Exit code = kFailure) {
    *err << "triad: " << message << "\n";
    exit_code = code;
  }
  void fail(const Error& e) { fail(e.message, static_cast<Exit>(exit_code_for(e.kind))); }
};

// Each area of the CLI registers its subcommands here (one file per area).
void register_store_commands(CLI::App& app, Context& ctx);     // session, person, comment, dump
void register_media_commands(CLI::App& app, Context& ctx);     // probe, frames, frame, thumbs, waveform
void register_playback_commands(CLI::App& app, Context& ctx);  // play
void register_workflow_commands(CLI::App& app, Context& ctx);  // protocol, framework, participant, review, meeting, action
void register_exchange_commands(CLI::App& app, Context& ctx);  // bundle, export, import, report, clip
void register_recording_commands(CLI::App& app, Context& ctx); // recording add|list|align|offset|remove
void register_identity_commands(CLI::App& app, Context& ctx);  // identity create, show, list (signing keys)

}  // namespace triad::cli
