#pragma once
// Keys -> command lines. Key chords are written "Ctrl+Shift+Z", "Space", "Left",
// "1", "?", ... (modifiers in the order Ctrl, Alt, Shift). The GUI turns its key
// events into these names; `key NAME` in a script goes through the same table.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace triad::app {

struct Binding {
  std::string chord;
  std::string command;      // a command line (app/command.hpp)
  std::string description;  // for the help overlay
};

class KeyBindings {
 public:
  KeyBindings();  // the defaults (../shared/guides/WORKSTATION.md)

  static std::vector<Binding> defaults();
  // "ctrl+shift+z" -> "Ctrl+Shift+Z"; single letters upper-case. Unknown words are kept.
  static std::string normalise(std::string_view chord);

  // The command for a chord, empty when unbound.
  std::string command_for(std::string_view chord) const;
  // Rebinds (or adds) a chord; an empty command unbinds it.
  void bind(std::string_view chord, std::string command, std::string description = {});
  // The chord(s) currently bound to a command (for labels such as "Comment (C)").
  std::vector<std::string> chords_for(std::string_view command) const;
  const std::vector<Binding>& all() const { return bindings_; }

  // Only the differences from the defaults are stored (a JSON object chord -> command).
  std::string overrides_json() const;
  Status apply_overrides_json(std::string_view json);
  void reset() { bindings_ = defaults(); }

 private:
  std::vector<Binding> bindings_;
};

}  // namespace triad::app
