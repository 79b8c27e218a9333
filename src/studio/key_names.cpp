#include "studio/key_names.hpp"

namespace triad::studio {

std::string chord_of(const SDL_KeyboardEvent& e) {
  const SDL_Keycode k = e.keysym.sym;
  const Uint16 mod = e.keysym.mod;
  const bool ctrl = mod & KMOD_CTRL, alt = mod & KMOD_ALT;
  bool shift = mod & KMOD_SHIFT;
  std::string key;
  if (k >= SDLK_a && k <= SDLK_z) {
    key = std::string(1, static_cast<char>('A' + (k - SDLK_a)));
  } else if (k >= SDLK_0 && k <= SDLK_9) {
    key = std::string(1, static_cast<char>('0' + (k - SDLK_0)));
  } else if (k >= SDLK_KP_1 && k <= SDLK_KP_9) {
    key = std::string(1, static_cast<char>('1' + (k - SDLK_KP_1)));
  } else if (k >= SDLK_F1 && k <= SDLK_F12) {
    key = "F" + std::to_string(k - SDLK_F1 + 1);
  } else {
    switch (k) {
      case SDLK_SPACE: key = "Space"; break;
      case SDLK_LEFT: key = "Left"; break;
      case SDLK_RIGHT: key = "Right"; break;
      case SDLK_UP: key = "Up"; break;
      case SDLK_DOWN: key = "Down"; break;
      case SDLK_HOME: key = "Home"; break;
      case SDLK_END: key = "End"; break;
      case SDLK_RETURN:
      case SDLK_KP_ENTER: key = "Enter"; break;
      case SDLK_ESCAPE: key = "Escape"; break;
      case SDLK_BACKSPACE: key = "Backspace"; break;
      case SDLK_DELETE: key = "Delete"; break;
      case SDLK_PAGEUP: key = "PageUp"; break;
      case SDLK_PAGEDOWN: key = "PageDown"; break;
      case SDLK_COMMA: key = ","; break;
      case SDLK_PERIOD: key = "."; break;
      case SDLK_LEFTBRACKET: key = "["; break;
      case SDLK_RIGHTBRACKET: key = "]"; break;
      case SDLK_SLASH:
        // "?" is Shift+/ on most layouts; name it as the character people read on the key.
        if (shift) {
          key = "?";
          shift = false;
        } else {
          key = "/";
        }
        break;
      case SDLK_QUESTION: key = "?"; shift = false; break;
      default: return {};
    }
  }
  std::string out;
  if (ctrl) out += "Ctrl+";
  if (alt) out += "Alt+";
  if (shift) out += "Shift+";
  return out + key;
}

std::optional<SDL_Keysym> keysym_of(std::string_view chord) {
  SDL_Keysym out{};
  std::string_view key = chord;
  for (;;) {  // modifiers first, as normalise writes them
    if (key.rfind("Ctrl+", 0) == 0 && key.size() > 5) out.mod |= KMOD_LCTRL, key.remove_prefix(5);
    else if (key.rfind("Alt+", 0) == 0 && key.size() > 4) out.mod |= KMOD_LALT, key.remove_prefix(4);
    else if (key.rfind("Shift+", 0) == 0 && key.size() > 6) out.mod |= KMOD_LSHIFT, key.remove_prefix(6);
    else break;
  }
  SDL_Keycode k = SDLK_UNKNOWN;
  if (key.size() == 1 && key[0] >= 'A' && key[0] <= 'Z') k = SDLK_a + (key[0] - 'A');
  else if (key.size() == 1 && key[0] >= '0' && key[0] <= '9') k = SDLK_0 + (key[0] - '0');
  else if (key.size() >= 2 && key[0] == 'F' && key.substr(1).find_first_not_of("0123456789") == std::string_view::npos) {
    const int n = std::stoi(std::string(key.substr(1)));
    if (n >= 1 && n <= 12) k = SDLK_F1 + (n - 1);
  } else {
    static constexpr std::pair<std::string_view, SDL_Keycode> named[] = {
        {"Space", SDLK_SPACE},   {"Left", SDLK_LEFT},         {"Right", SDLK_RIGHT},       {"Up", SDLK_UP},
        {"Down", SDLK_DOWN},     {"Home", SDLK_HOME},         {"End", SDLK_END},           {"Enter", SDLK_RETURN},
        {"Escape", SDLK_ESCAPE}, {"Backspace", SDLK_BACKSPACE}, {"Delete", SDLK_DELETE},   {"PageUp", SDLK_PAGEUP},
        {"PageDown", SDLK_PAGEDOWN}, {",", SDLK_COMMA},       {".", SDLK_PERIOD},          {"[", SDLK_LEFTBRACKET},
        {"]", SDLK_RIGHTBRACKET},    {"/", SDLK_SLASH},       {"Tab", SDLK_TAB}};
    for (const auto& [name, code] : named)
      if (key == name) k = code;
    if (key == "?") k = SDLK_SLASH, out.mod |= KMOD_LSHIFT;
  }
  if (k == SDLK_UNKNOWN) return std::nullopt;
  out.sym = k;
  out.scancode = SDL_GetScancodeFromKey(k);
  return out;
}

}  // namespace triad::studio
