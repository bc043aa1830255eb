// Colours a float texture of network outputs for the decision-boundary map and the neuron
// thumbnails. The values come from the core (a batched forward pass over a grid); this shader
// only maps them to colours, so the math is never duplicated on the GPU.
//   u_mode 0 (diverging): R = score s. v = tanh(s / 2) = 2 sigmoid(s) - 1 for the logistic loss
//     (u_transform 1), else v = s / u_scale, clamped to [-1, 1]; negative -> u_neg, 0 -> u_mid,
//     positive -> u_pos (TensorFlow Playground's orange-grey-blue or a colour-blind-safe map).
//     The contour at v = 0 is the decision threshold (sigmoid(s) = 1/2, or s = 0).
//   u_mode 1 (classes): R = argmax class index, G = its softmax probability; texels are read
//     unfiltered (class indices must not be interpolated) and class borders are outlined.
in vec2 v_uv;
out vec4 frag_color;

uniform sampler2D u_values;
uniform int u_mode;
uniform int u_transform;
uniform float u_scale;
uniform int u_discretize;
uniform int u_contour;
uniform float u_opacity;  // weight of the colour over white (TF Playground: 160/255)
uniform vec3 u_neg;
uniform vec3 u_mid;
uniform vec3 u_pos;
uniform vec3 u_classes[8];
uniform int u_class_count;
uniform vec4 u_line;  // contour colour and alpha

vec3 diverging(float v) {
  return v < 0.0 ? mix(u_mid, u_neg, -v) : mix(u_mid, u_pos, v);
}

int class_at(ivec2 p, ivec2 size) {
  p = clamp(p, ivec2(0), size - 1);
  return int(texelFetch(u_values, p, 0).r + 0.5);
}

void main() {
  vec3 white = vec3(1.0);
  if (u_mode == 1) {
    ivec2 size = textureSize(u_values, 0);
    vec2 t = v_uv * vec2(size);  // texel coordinates
    ivec2 p = ivec2(floor(t));
    vec2 texel = texelFetch(u_values, clamp(p, ivec2(0), size - 1), 0).rg;
    int k = clamp(int(texel.r + 0.5), 0, 7);
    float floor_p = 1.0 / float(max(u_class_count, 2));
    float confidence = clamp((texel.g - floor_p) / (1.0 - floor_p), 0.0, 1.0);
    float w = u_discretize == 1 ? 1.0 : mix(0.25, 1.0, confidence);
    vec3 c = mix(white, u_classes[k], u_opacity * w);
    if (u_contour == 1) {
      // Outline where the neighbouring texel (towards the nearer texel edge) has another class.
      vec2 f = fract(t);
      vec2 px = max(fwidth(t), vec2(1e-4));  // texels per output pixel
      ivec2 dir = ivec2(f.x < 0.5 ? -1 : 1, f.y < 0.5 ? -1 : 1);
      vec2 edge = min(f, 1.0 - f) / px;  // distance to the nearer texel edge, in pixels
      float line = 0.0;
      if (edge.x < 1.0 && class_at(p + ivec2(dir.x, 0), size) != k) line = 1.0 - edge.x;
      if (edge.y < 1.0 && class_at(p + ivec2(0, dir.y), size) != k)
        line = max(line, 1.0 - edge.y);
      c = mix(c, u_line.rgb, u_line.a * line);
    }
    frag_color = vec4(c, 1.0);
    return;
  }
  float s = texture(u_values, v_uv).r;
  float v = u_transform == 1 ? tanh(0.5 * s) : s / max(u_scale, 1e-12);
  v = clamp(v, -1.0, 1.0);
  vec3 c = u_discretize == 1 ? (v < 0.0 ? u_neg : (v > 0.0 ? u_pos : u_mid)) : diverging(v);
  c = mix(white, c, u_opacity);
  if (u_contour == 1) {
    float d = abs(v) / max(fwidth(v), 1e-6);  // distance to the v = 0 line, in output pixels
    float line = 1.0 - smoothstep(0.25, 1.25, d);
    c = mix(c, u_line.rgb, u_line.a * line);
  }
  frag_color = vec4(c, 1.0);
}
