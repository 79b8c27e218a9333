#pragma once
// Calm, legible look: DejaVu Sans at 16 px (times the HiDPI factor), muted dark
// slate with one soft teal accent, generous spacing.
namespace triad::ui {

// Loads the fonts and sets the style. Returns false when DejaVu Sans is missing
// (ImGui's built-in font is used then).
bool apply_theme(float scale);

}  // namespace triad::ui
