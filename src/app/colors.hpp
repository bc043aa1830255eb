// The playground's colours in one place: the diverging map of the boundary (TensorFlow
// Playground's orange-grey-blue, or ColorBrewer's colour-blind-safe orange-white-purple), class
// colours (Okabe-Ito for the safe palette) and the UI's own tones. The shader gets the same
// numbers as uniforms, so points and map always agree.
#pragma once
#include "app_state.hpp"

namespace nn::app {

struct Rgb {
  float r, g, b;
};

struct PaletteColors {
  Rgb neg, mid, pos;  // value -1, 0, +1 (class 0 / class 1 of a binary problem)
  Rgb classes[8];     // multi-class
  const char* name;
};

inline const PaletteColors& palette_colors(Palette p) {
  static constexpr PaletteColors kPlayground = {{0.961f, 0.576f, 0.133f},  // #f59322
                                                {0.910f, 0.918f, 0.922f},  // #e8eaeb
                                                {0.031f, 0.467f, 0.741f},  // #0877bd
                                                {{0.961f, 0.576f, 0.133f},
                                                 {0.031f, 0.467f, 0.741f},
                                                 {0.173f, 0.627f, 0.173f},
                                                 {0.580f, 0.404f, 0.741f},
                                                 {0.839f, 0.153f, 0.157f},
                                                 {0.549f, 0.337f, 0.294f},
                                                 {0.890f, 0.467f, 0.761f},
                                                 {0.498f, 0.498f, 0.498f}},
                                                "Playground (orange-grey-blue)"};
  static constexpr PaletteColors kSafe = {{0.702f, 0.345f, 0.024f},   // #b35806 (PuOr)
                                          {0.969f, 0.969f, 0.969f},   // #f7f7f7
                                          {0.329f, 0.153f, 0.533f},   // #542788
                                          {{0.902f, 0.624f, 0.000f},  // Okabe-Ito: orange
                                           {0.000f, 0.447f, 0.698f},  // blue
                                           {0.000f, 0.620f, 0.451f},  // bluish green
                                           {0.800f, 0.475f, 0.655f},  // reddish purple
                                           {0.941f, 0.894f, 0.259f},  // yellow
                                           {0.337f, 0.706f, 0.914f},  // sky blue
                                           {0.835f, 0.369f, 0.000f},  // vermillion
                                           {0.000f, 0.000f, 0.000f}},
                                          "Colour-blind safe (orange-white-purple)"};
  return p == Palette::Playground ? kPlayground : kSafe;
}

// Colour of a value in [-1, 1] on the diverging map (linear in RGB, as the shader does).
inline Rgb diverging_color(const PaletteColors& pc, float v) {
  v = v < -1 ? -1 : (v > 1 ? 1 : v);
  const Rgb& end = v < 0 ? pc.neg : pc.pos;
  const float t = v < 0 ? -v : v;
  return {pc.mid.r + (end.r - pc.mid.r) * t, pc.mid.g + (end.g - pc.mid.g) * t,
          pc.mid.b + (end.b - pc.mid.b) * t};
}

// Colour of a training point's label: class colour, or the diverging map for regression targets.
inline Rgb label_color(const PaletteColors& pc, int classes, double label, float scale) {
  if (classes == 0) return diverging_color(pc, static_cast<float>(label) / scale);
  const int k = static_cast<int>(label + 0.5);
  if (classes == 2) return k == 0 ? pc.neg : pc.pos;
  return pc.classes[k < 0 ? 0 : (k > 7 ? 7 : k)];
}

}  // namespace nn::app
