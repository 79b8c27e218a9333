#version 330 core
// Full video quad. Positions arrive in clip space and texture coordinates already
// rotated on the CPU (gfx/quad_geometry.cpp), so the shader never needs to know
// about rotation or pixel aspect ratio.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec2 a_uv;
out vec2 v_uv;

void main() {
  v_uv = a_uv;
  gl_Position = vec4(a_pos, 0.0, 1.0);
}
