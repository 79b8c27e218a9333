#pragma once
// The running workstation window: owns the window, GL objects, sinks, player, the
// workstation state and the panels, and runs the frame loop (events -> commands ->
// update -> draw). A script, when given, feeds command lines between frames.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/script.hpp"
#include "base/result.hpp"

namespace triad::studio {

struct StudioOptions {
  std::string db_path;
  std::string session;
  std::string file;
  std::string script;
  std::string screenshot;
  std::string as_person;
  int width = 1600;
  int height = 900;
};

// Returns the process exit code.
int run_studio(const StudioOptions& options);

}  // namespace triad::studio
