// Progressive evaluation of the decision-boundary grid and the neuron thumbnails. The grid is fed
// through a snapshot of the network in chunks of points inside a per-frame time budget, so even
// the largest network keeps the UI responsive; finished pictures are handed to the renderer as
// float buffers (the shader colours them). The positions are Session::predict_grid's (cell
// centres, row 0 at y = +kExtent); the boundary uses the single-precision display path, so the
// picture equals Session::predict_grid_display's scores bit for bit (tested).
#pragma once
#include <vector>

#include "core/session.hpp"

namespace nn::app {

enum class MapMode { None, Diverging, Classes };

// The coloured boundary map's input: one (value, confidence) pair per grid cell.
struct BoundaryPicture {
  int res = 0;
  MapMode mode = MapMode::None;
  int transform = 0;  // 1: logistic, the shader shows tanh(s / 2) = 2 sigmoid(s) - 1; 0: s / scale
  float scale = 1;    // 0-transform divisor (regression: max |target|)
  int classes = 2;
  // res*res*2 floats, row-major from the top-left corner: (score, 0) in Diverging mode,
  // (argmax class, its softmax probability) in Classes mode.
  std::vector<float> values;
  int version = 0;  // bumped when a new picture is complete
};

// Thumbnails of every feature and every unit over the input plane, packed into one texture.
// Tiles 0..6 are the seven features (all_features() order, after preprocessing); then each
// network layer's units (layer_first[l] + i). Values are divided by max(1, max |a|) per tile.
struct Atlas {
  int tile = 32;     // texels per tile side (= GridState::thumb_res)
  int per_row = 16;  // tiles per atlas row
  int width = 0, height = 0;
  std::vector<int> layer_units;   // units per network layer of this picture
  std::vector<int> layer_first;   // first tile of each layer
  std::vector<float> values;      // (height, width) row-major
  std::vector<float> tile_scale;  // per tile: the divisor (max(1, max |a|))
  int version = 0;

  bool valid() const { return width > 0; }
  // True if the picture's layer shapes match the given network (else tiles are stale).
  bool matches(const Network& net) const;
  int feature_tile(int f) const { return f; }
  int unit_tile(int layer, int i) const { return layer_first[layer] + i; }
  // Texture coordinates of a tile, inset by half a texel so filtering stays inside it.
  void tile_uv(int t, float& u0, float& v0, float& u1, float& v1) const;
};

// The evaluation in progress (a snapshot of the weights, the chunk buffers).
struct GridJob {
  bool active = false;
  int phase = 0;  // 0 thumbnails, 1 boundary
  long long model_version = -1, structure_version = -1;
  Eigen::Index next = 0;  // next grid point of the current phase
  Network net;            // weights the picture shows
  Workspace ws;
  Matrix raw, pre, feats, inputs;  // (2, n) (2, n) (7, n) (d, n) of the current chunk
  std::vector<float> scores;       // the boundary chunk's single-precision scores
  std::vector<float> thumbs;       // tiles * tile * tile values, tile-major
  BoundaryPicture boundary;        // being filled
};

struct GridState {
  int res = 256;       // boundary grid is res x res (>= 256); a coarse 64^2 preview comes first
                       // while a very large network trains
  int thumb_res = 32;  // thumbnails are thumb_res x thumb_res
  BoundaryPicture boundary;
  Atlas atlas;
  GridJob job;
  long long shown_model_version = -1;  // versions of the last completed boundary
  long long shown_structure_version = -1;
  double seconds_per_point = 2e-7;  // smoothed forward cost per grid point (chunk sizing)
  int display_px = 512;             // size of the map on screen, in pixels (renderer target)
  bool available = true;            // false for ner_window (20-d inputs: no input plane)
};

// Advances the evaluation by about budget_s seconds of work (at least one chunk). Starts a new
// job when the boundary is older than model_version. Returns true if a picture completed.
bool grid_update(GridState& g, const Session& s, long long model_version,
                 long long structure_version, double budget_s);

// Runs the whole evaluation at once (tests, screenshots, the first frame).
void grid_finish(GridState& g, const Session& s, long long model_version,
                 long long structure_version);

// Raw position of grid point p of a res x res grid (Session::predict_grid's layout).
inline void grid_position(int res, Eigen::Index p, double& x1, double& x2) {
  const double h = 2 * kExtent / res;
  const Eigen::Index r = p / res, c = p % res;
  x1 = -kExtent + (static_cast<double>(c) + 0.5) * h;
  x2 = kExtent - (static_cast<double>(r) + 0.5) * h;
}

}  // namespace nn::app
