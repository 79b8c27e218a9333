#pragma once
// Settings: reaction lag, rewind after a comment, and key remapping (click "Change",
// press the new key; the studio routes that key press here instead of running it).
#include <optional>
#include <string>

#include "ui/ui_frame.hpp"

namespace triad::ui {

struct SettingsPanel {
  void draw(UiFrame& f, ImVec2 viewport);
  bool capturing() const { return capture_.has_value(); }
  // The next key chord while capturing: rebinds it.
  void capture(UiFrame& f, const std::string& chord);

 private:
  std::optional<std::string> capture_;  // the command being given a new key
  std::optional<std::string> capture_old_chord_;
};

}  // namespace triad::ui
