// Full-screen triangle for the colour-mapping pass (no vertex buffer: positions come from
// gl_VertexID). v_uv runs over [0,1]^2 of the target texture; row 0 of the values texture (the
// top of the input plane, y = +6) maps to v_uv.y = 0, which ImGui draws at the top.
out vec2 v_uv;

void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));  // (0,0) (2,0) (0,2)
  v_uv = p;
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
