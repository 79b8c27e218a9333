#include "app/key_bindings.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace triad::app {

std::vector<Binding> KeyBindings::defaults() {
  return {
      {"Space", "toggle-play", "Play / pause (either way)"},
      {"K", "toggle-play", "Stop (J / L); play when stopped"},
      {"J", "shuttle back", "Play backwards, silent; again: faster (1x, 2x, 4x)"},
      {"L", "shuttle forward", "Play; again: faster (1x, 1.5x, 2x)"},
      {"Left", "seek -2", "Back 2 s"},
      {"Right", "seek +2", "Forward 2 s"},
      {"Shift+Left", "seek -10", "Back 10 s"},
      {"Shift+Right", "seek +10", "Forward 10 s"},
      {"Ctrl+Left", "seek -60", "Back 60 s"},
      {"Ctrl+Right", "seek +60", "Forward 60 s"},
      {",", "step -1", "Previous frame"},
      {".", "step +1", "Next frame"},
      {"[", "slower", "Slower (down to 0.25x)"},
      {"]", "faster", "Faster (up to 2x)"},
      {"Backspace", "speed 1", "Normal speed"},
      {"Home", "seek 0", "Go to the start"},  // `home` is the home screen
      {"End", "end", "Go to the end"},
      {"C", "compose", "Comment here (stamped minus reaction lag, pauses)"},
      {"Enter", "compose", "Comment here"},
      {"1", "marker 1", "Instant marker with tag 1"},
      {"2", "marker 2", "Instant marker with tag 2"},
      {"3", "marker 3", "Instant marker with tag 3"},
      {"4", "marker 4", "Instant marker with tag 4"},
      {"5", "marker 5", "Instant marker with tag 5"},
      {"6", "marker 6", "Instant marker with tag 6"},
      {"7", "marker 7", "Instant marker with tag 7"},
      {"8", "marker 8", "Instant marker with tag 8"},
      {"9", "marker 9", "Instant marker with tag 9"},
      {"I", "in", "Interval start"},
      {"O", "out", "Interval end (opens the comment box)"},
      {"A", "loop-a", "Loop start"},
      {"B", "loop-b", "Loop end"},
      {"Shift+L", "loop-clear", "Clear the loop"},
      {"N", "next-comment", "Next comment"},
      {"P", "prev-comment", "Previous comment"},
      {"M", "meeting toggle", "Meeting mode (the agenda) on / off"},
      {"Shift+N", "next-item", "Next agenda item (loops it)"},
      {"Shift+P", "prev-item", "Previous agenda item"},
      {"G", "play-item", "Loop the agenda item, with pre-roll"},
      {"S", "session-panel", "Session: protocol, triad, exports"},
      {"Shift+S", "lesson-study", "Lesson Study: case pupils, phases, predictions"},
      {"Ctrl+E", "export-panel", "Export: report, clip, comments as a file, bundle"},
      {"Ctrl+I", "import-panel", "Import a bundle or comments file (summary first)"},
      {"T", "analyse", "Talk analysis: talk lane, wait times"},
      {"Shift+A", "agreement", "Observer agreement between the reviewers"},
      {"Shift+G", "growth", "Growth across the cycle's lessons"},
      {"Ctrl+Z", "undo", "Undo"},
      {"Ctrl+Shift+Z", "redo", "Redo"},
      {"Ctrl+Y", "redo", "Redo"},
      {"Ctrl+F", "search", "Search comments"},
      {"F", "fullscreen", "Full screen"},
      {"V", "camera next", "Next camera: shown large, and frame steps move it"},
      {"Shift+V", "layout next", "Cameras: side by side, one large, picture in picture"},
      {"Escape", "escape", "Leave full screen / close"},
      {"?", "help", "This list of keys"},
      {"Ctrl+,", "settings", "Settings"},
  };
}

KeyBindings::KeyBindings() : bindings_(defaults()) {}

std::string KeyBindings::normalise(std::string_view chord) {
  std::vector<std::string> parts;
  std::string cur;
  for (std::size_t i = 0; i < chord.size(); ++i) {
    // A '+' is a separator unless it is the key itself ("Ctrl++" or "+").
    if (chord[i] == '+' && !cur.empty()) {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += chord[i];
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  if (parts.empty()) return {};
  bool ctrl = false, alt = false, shift = false;
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    std::string m = lower(parts[i]);
    if (m == "ctrl" || m == "control" || m == "cmd") ctrl = true;
    else if (m == "alt") alt = true;
    else if (m == "shift") shift = true;
  }
  std::string key = parts.back();
  if (key.size() == 1) {
    key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
  } else {
    std::string k = lower(key);
    static const std::pair<const char*, const char*> kNames[] = {
        {"space", "Space"}, {"left", "Left"}, {"right", "Right"}, {"up", "Up"}, {"down", "Down"},
        {"home", "Home"}, {"end", "End"}, {"enter", "Enter"}, {"return", "Enter"}, {"escape", "Escape"},
        {"esc", "Escape"}, {"backspace", "Backspace"}, {"delete", "Delete"}, {"tab", "Tab"},
        {"pageup", "PageUp"}, {"pagedown", "PageDown"}, {"comma", ","}, {"period", "."}};
    for (auto [from, to] : kNames)
      if (k == from) key = to;
    if (k.size() >= 2 && k[0] == 'f' && std::isdigit(static_cast<unsigned char>(k[1]))) key = "F" + k.substr(1);
  }
  std::string out;
  if (ctrl) out += "Ctrl+";
  if (alt) out += "Alt+";
  if (shift) out += "Shift+";
  return out + key;
}

std::string KeyBindings::command_for(std::string_view chord) const {
  std::string n = normalise(chord);
  for (const auto& b : bindings_)
    if (b.chord == n) return b.command;
  return {};
}

void KeyBindings::bind(std::string_view chord, std::string command, std::string description) {
  std::string n = normalise(chord);
  auto it = std::find_if(bindings_.begin(), bindings_.end(), [&](const Binding& b) { return b.chord == n; });
  if (command.empty()) {
    if (it != bindings_.end()) bindings_.erase(it);
    return;
  }
  if (description.empty()) {
    for (const auto& d : defaults())
      if (d.command == command) description = d.description;
    if (description.empty()) description = command;
  }
  if (it != bindings_.end()) {
    it->command = std::move(command);
    it->description = std::move(description);
  } else {
    bindings_.push_back({n, std::move(command), std::move(description)});
  }
}

std::vector<std::string> KeyBindings::chords_for(std::string_view command) const {
  std::vector<std::string> out;
  for (const auto& b : bindings_)
    if (b.command == command) out.push_back(b.chord);
  return out;
}

std::string KeyBindings::overrides_json() const {
  nlohmann::json j = nlohmann::json::object();
  auto defs = defaults();
  for (const auto& b : bindings_) {
    auto it = std::find_if(defs.begin(), defs.end(), [&](const Binding& d) { return d.chord == b.chord; });
    if (it == defs.end() || it->command != b.command) j[b.chord] = b.command;
  }
  for (const auto& d : defs) {
    auto it = std::find_if(bindings_.begin(), bindings_.end(), [&](const Binding& b) { return b.chord == d.chord; });
    if (it == bindings_.end()) j[d.chord] = "";  // unbound on purpose
  }
  return j.dump();
}

Status KeyBindings::apply_overrides_json(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return make_error("The stored key bindings are not a JSON object; defaults are used.");
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!it.value().is_string()) continue;
    bind(it.key(), it.value().get<std::string>());
  }
  return ok_status();
}

}  // namespace triad::app
