#pragma once
// SDL key events -> the chord names of app/key_bindings.hpp ("Ctrl+Shift+Z", "?", "Left").
#include <SDL.h>

#include <string>

namespace triad::studio {

// Empty for keys that are only modifiers or that Triad does not name.
std::string chord_of(const SDL_KeyboardEvent& key);

}  // namespace triad::studio
