#pragma once
// SDL key events -> the chord names of app/key_bindings.hpp ("Ctrl+Shift+Z", "?", "Left").
#include <SDL.h>

#include <optional>
#include <string>
#include <string_view>

namespace triad::studio {

// Empty for keys that are only modifiers or that Triad does not name.
std::string chord_of(const SDL_KeyboardEvent& key);

// The other way, for a script's `press`: the key and modifiers of a chord that chord_of
// names (normalised as app/key_bindings does), or nothing for one it does not.
std::optional<SDL_Keysym> keysym_of(std::string_view chord);

}  // namespace triad::studio
