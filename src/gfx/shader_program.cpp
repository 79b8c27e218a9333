#include "gfx/shader_program.hpp"

#include <cstdlib>
#include <system_error>
#include <vector>

#include "base/atomic_file.hpp"

namespace triad::gfx {

namespace fs = std::filesystem;

fs::path shader_dir() {
  std::error_code ec;
  if (const char* env = std::getenv("TRIAD_SHADER_DIR"); env && *env) return env;
#ifdef TRIAD_SHADER_DIR_BAKED
  if (fs::is_regular_file(fs::path(TRIAD_SHADER_DIR_BAKED) / "video.frag", ec)) return TRIAD_SHADER_DIR_BAKED;
#endif
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) return exe.parent_path() / "shaders";
  return "shaders";
}

namespace {

std::string info_log(GLuint object, bool is_program) {
  GLint length = 0;
  if (is_program) glGetProgramiv(object, GL_INFO_LOG_LENGTH, &length);
  else glGetShaderiv(object, GL_INFO_LOG_LENGTH, &length);
  std::vector<char> log(static_cast<std::size_t>(length > 1 ? length : 1), '\0');
  if (is_program) glGetProgramInfoLog(object, length, nullptr, log.data());
  else glGetShaderInfoLog(object, length, nullptr, log.data());
  std::string s(log.data());
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

Result<GlShader> compile(GLenum type, const fs::path& file) {
  auto source = read_file(file, 1 << 20);
  if (!source) return make_error("Cannot read shader " + file.string() + ": " + source.error().message);
  GlShader shader(glCreateShader(type));
  const char* text = source->c_str();
  glShaderSource(shader.get(), 1, &text, nullptr);
  glCompileShader(shader.get());
  GLint ok = 0;
  glGetShaderiv(shader.get(), GL_COMPILE_STATUS, &ok);
  if (!ok) return make_error("Shader " + file.string() + " does not compile: " + info_log(shader.get(), false));
  return shader;
}

}  // namespace

Result<GlProgram> load_program(const fs::path& dir, const std::string& name) {
  auto vs = compile(GL_VERTEX_SHADER, dir / (name + ".vert"));
  if (!vs) return vs.error();
  auto fs_ = compile(GL_FRAGMENT_SHADER, dir / (name + ".frag"));
  if (!fs_) return fs_.error();
  GlProgram program(glCreateProgram());
  glAttachShader(program.get(), vs->get());
  glAttachShader(program.get(), fs_->get());
  glLinkProgram(program.get());
  GLint ok = 0;
  glGetProgramiv(program.get(), GL_LINK_STATUS, &ok);
  if (!ok) {
    return make_error("Shader program " + (dir / name).string() + " does not link: " + info_log(program.get(), true));
  }
  glDetachShader(program.get(), vs->get());
  glDetachShader(program.get(), fs_->get());
  return program;
}

}  // namespace triad::gfx
