#pragma once
// Compiles and links a GLSL program from files in the shader folder.
#include <filesystem>
#include <string>

#include "base/result.hpp"
#include "gfx/gl_handles.hpp"

namespace triad::gfx {

// Where shaders are read from, first match wins: $TRIAD_SHADER_DIR; the source
// tree's shaders/ baked in at build time; a shaders/ folder next to the executable.
std::filesystem::path shader_dir();

// Loads `<dir>/<name>.vert` and `<dir>/<name>.frag`. Errors name the file and
// carry the compiler's log.
Result<GlProgram> load_program(const std::filesystem::path& dir, const std::string& name);

}  // namespace triad::gfx
