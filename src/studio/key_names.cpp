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

}  // namespace triad::studio
