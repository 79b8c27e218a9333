#pragma once
// "Who is reviewing?": shown by itself while nobody is chosen (the window never takes
// the OS account), and from the person switcher in the session bar. Pick a person of
// the library or add your name; the choice is remembered for the next start. Then, for
// someone with no signing key here yet, a second step makes it (with an optional
// passphrase) and shows its fingerprint to compare aloud with the triad.
#include <string>

#include "ui/ui_frame.hpp"

namespace triad::ui {

struct IdentityPanel {
  void draw(UiFrame& f, ImVec2 viewport);

 private:
  void draw_key_step(UiFrame& f);

  char name_[128] = {};
  std::string passphrase_;
  bool focus_name_ = true;
};

}  // namespace triad::ui
