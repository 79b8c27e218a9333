#version 330 core
// Y'CbCr -> R'G'B' for every picture layout Triad uploads:
//   u_layout 0: three planes (Y, Cb, Cr), each R8 or R16
//   u_layout 1: NV12/P010 style (Y in R, Cb/Cr interleaved in an RG texture)
//   u_layout 2: luma only (grey)
//   u_layout 3: packed RGBA (already R'G'B'; shown as is)
// Samples come back normalised by the texture format (v / 255 or v / 65535);
// u_code_scale turns them back into code values (e.g. 0..1023 for 10-bit in
// 16-bit containers) so the offsets and multipliers below stay in code units,
// exactly as the matrices and ranges are written in BT.601/709/2020.
in vec2 v_uv;
out vec4 o_colour;

uniform sampler2D u_plane0;
uniform sampler2D u_plane1;
uniform sampler2D u_plane2;
uniform int u_layout;
uniform float u_code_scale;
uniform vec3 u_offset;  // black level of Y and the chroma midpoint, in code values
uniform vec3 u_mul;     // code value -> normalised Y' [0,1] and Cb/Cr [-0.5,0.5]
uniform mat3 u_yuv_to_rgb;

void main() {
  if (u_layout == 3) {
    o_colour = vec4(texture(u_plane0, v_uv).rgb, 1.0);
    return;
  }
  vec3 code;
  code.x = texture(u_plane0, v_uv).r;
  if (u_layout == 1) {
    code.yz = texture(u_plane1, v_uv).rg;
  } else if (u_layout == 0) {
    code.y = texture(u_plane1, v_uv).r;
    code.z = texture(u_plane2, v_uv).r;
  }
  code *= u_code_scale;
  vec3 yuv = (code - u_offset) * u_mul;
  if (u_layout == 2) yuv.yz = vec2(0.0);
  vec3 rgb = u_yuv_to_rgb * yuv;
  o_colour = vec4(clamp(rgb, 0.0, 1.0), 1.0);
}
