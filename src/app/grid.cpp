// Progressive grid evaluation: thumbnails first (small grid, every layer's activations), then the
// boundary (>= 256^2 points, the output scores), each in chunks that fit the frame's time budget.
// The network is a snapshot taken when a job starts, so a picture never mixes two weight states.
#include "grid.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/preprocess.hpp"

namespace nn::app {

namespace {

constexpr int kFeatureTiles = 7;
constexpr Eigen::Index kMinChunk = 256;
constexpr int kPreviewRes = 64;
constexpr double kPreviewAboveSeconds = 0.25;

double seconds_now() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

// Decides how the output is coloured, from the loss and the data.
void describe_boundary(const Session& s, BoundaryPicture& b, int res) {
  b.res = res;
  const Network& net = s.network();
  const int outputs = net.layers.empty() ? 1 : net.layers.back().n_out();
  b.classes = std::max(2, outputs);
  b.transform = 0;
  b.scale = 1;
  if (outputs > 1) {
    b.mode = MapMode::Classes;
    return;
  }
  b.mode = MapMode::Diverging;
  if (s.is_regression()) {
    const Vector& y = s.train_targets();
    const double m = y.size() > 0 ? y.cwiseAbs().maxCoeff() : 1.0;
    b.scale = static_cast<float>(m > 1e-9 ? m : 1.0);
  } else if (s.config().loss == Loss::Logistic &&
             s.config().network.output_activation == Activation::Linear) {
    b.transform = 1;
  }
}

void start_job(GridState& g, const Session& s, long long model_version,
               long long structure_version) {
  GridJob& j = g.job;
  // A new network shape has an unknown cost per point: start with small chunks.
  if (structure_version != g.shown_structure_version)
    g.seconds_per_point = std::max(g.seconds_per_point, 2e-5);
  j.active = true;
  j.phase = 0;
  j.next = 0;
  j.model_version = model_version;
  j.structure_version = structure_version;
  j.net = s.network();  // same shapes as last time: assignment without allocation
  // A network too slow for a full grid within ~kPreviewAboveSeconds first shows a coarse
  // picture (kPreviewRes^2); the full one follows as soon as the weights hold still.
  const bool same_model =
      g.shown_model_version == model_version && g.shown_structure_version == structure_version;
  const double full_cost = static_cast<double>(g.res) * g.res * g.seconds_per_point;
  const int res = full_cost > kPreviewAboveSeconds && !same_model ? kPreviewRes : g.res;
  describe_boundary(s, j.boundary, res);
  j.boundary.values.resize(static_cast<std::size_t>(res) * res * 2);

  // One thumbnail per feature and per unit of every layer.
  const int L = j.net.num_layers();
  int tiles = kFeatureTiles;
  for (int l = 0; l < L; ++l) tiles += j.net.layers[l].n_out();
  const std::size_t T2 = static_cast<std::size_t>(g.thumb_res) * g.thumb_res;
  j.thumbs.resize(static_cast<std::size_t>(tiles) * T2);
}

// Fills j.raw with grid points [first, first + n) of a res x res grid.
void fill_positions(Matrix& raw, int res, Eigen::Index first, Eigen::Index n) {
  raw.resize(2, n);
  for (Eigen::Index k = 0; k < n; ++k) grid_position(res, first + k, raw(0, k), raw(1, k));
}

void run_thumb_chunk(GridState& g, const Session& s, Eigen::Index n) {
  GridJob& j = g.job;
  const int T = g.thumb_res;
  const std::size_t T2 = static_cast<std::size_t>(T) * T;
  fill_positions(j.raw, T, j.next, n);
  s.preprocessor().transform(j.raw, j.pre);
  expand_features(j.pre, all_features(), j.feats);  // (7, n)
  for (int f = 0; f < kFeatureTiles; ++f)
    for (Eigen::Index k = 0; k < n; ++k)
      j.thumbs[static_cast<std::size_t>(f) * T2 + static_cast<std::size_t>(j.next + k)] =
          static_cast<float>(j.feats(f, k));
  s.to_inputs(j.raw, j.inputs);
  j.net.forward(j.inputs, j.ws);
  std::size_t tile = kFeatureTiles;
  for (int l = 0; l < j.net.num_layers(); ++l) {
    const Matrix& act = j.ws.a[static_cast<std::size_t>(l)];  // (units, n)
    for (Eigen::Index u = 0; u < act.rows(); ++u, ++tile)
      for (Eigen::Index k = 0; k < n; ++k)
        j.thumbs[tile * T2 + static_cast<std::size_t>(j.next + k)] = static_cast<float>(act(u, k));
  }
}

void run_boundary_chunk(GridState& g, const Session& s, Eigen::Index n) {
  GridJob& j = g.job;
  fill_positions(j.raw, j.boundary.res, j.next, n);
  s.to_inputs(j.raw, j.inputs);
  // The picture is drawn from single-precision scores (Network::predict_display, ~2.2x faster
  // than the exact double path, within ~1e-6 relative): the texture holds 16-bit floats, so the
  // extra digits of the exact scores never reach the screen. Exports and tests use predict_grid.
  j.net.predict_display(j.inputs, j.scores, j.ws);  // outputs x n floats, point by point
  const std::size_t K = static_cast<std::size_t>(j.net.layers.back().n_out());
  const float* S = j.scores.data();
  float* out = j.boundary.values.data() + 2 * static_cast<std::size_t>(j.next);
  if (j.boundary.mode == MapMode::Classes) {
    for (Eigen::Index k = 0; k < n; ++k) {
      const float* col = S + static_cast<std::size_t>(k) * K;
      std::size_t best = 0;
      for (std::size_t c = 1; c < K; ++c)
        if (col[c] > col[best]) best = c;
      double sum = 0;
      for (std::size_t c = 0; c < K; ++c)
        sum += std::exp(static_cast<double>(col[c]) - static_cast<double>(col[best]));
      out[2 * k] = static_cast<float>(best);
      out[2 * k + 1] = static_cast<float>(1.0 / sum);  // softmax probability of the argmax
    }
  } else {
    for (Eigen::Index k = 0; k < n; ++k) {
      const double v = S[static_cast<std::size_t>(k) * K];
      // Half floats hold up to 65504; the shader saturates long before.
      out[2 * k] = static_cast<float>(std::isfinite(v) ? std::clamp(v, -1e4, 1e4) : 0.0);
      out[2 * k + 1] = 0;
    }
  }
}

void finish_thumbs(GridState& g) {
  GridJob& j = g.job;
  Atlas& a = g.atlas;
  const int T = g.thumb_res;
  const std::size_t T2 = static_cast<std::size_t>(T) * T;
  const int L = j.net.num_layers();
  a.tile = T;
  a.layer_units.resize(static_cast<std::size_t>(L));
  a.layer_first.resize(static_cast<std::size_t>(L));
  int tiles = kFeatureTiles;
  for (int l = 0; l < L; ++l) {
    a.layer_first[l] = tiles;
    a.layer_units[l] = j.net.layers[l].n_out();
    tiles += a.layer_units[l];
  }
  a.per_row = 16;
  const int rows = (tiles + a.per_row - 1) / a.per_row;
  a.width = a.per_row * T;
  a.height = rows * T;
  a.values.assign(static_cast<std::size_t>(a.width) * a.height, 0.0f);
  a.tile_scale.resize(static_cast<std::size_t>(tiles));
  for (int t = 0; t < tiles; ++t) {
    const float* src = j.thumbs.data() + static_cast<std::size_t>(t) * T2;
    float m = 0;
    for (std::size_t k = 0; k < T2; ++k)
      if (std::isfinite(src[k])) m = std::max(m, std::fabs(src[k]));
    const float scale = std::max(1.0f, m);
    a.tile_scale[t] = scale;
    const int tx = (t % a.per_row) * T, ty = (t / a.per_row) * T;
    for (int r = 0; r < T; ++r)
      for (int c = 0; c < T; ++c) {
        const float v = src[static_cast<std::size_t>(r) * T + c];
        a.values[static_cast<std::size_t>(ty + r) * a.width + tx + c] =
            std::isfinite(v) ? v / scale : 0.0f;
      }
  }
  ++a.version;
}

}  // namespace

bool Atlas::matches(const Network& net) const {
  if (!valid() || static_cast<int>(layer_units.size()) != net.num_layers()) return false;
  for (int l = 0; l < net.num_layers(); ++l)
    if (layer_units[l] != net.layers[l].n_out()) return false;
  return true;
}

void Atlas::tile_uv(int t, float& u0, float& v0, float& u1, float& v1) const {
  const float tx = static_cast<float>((t % per_row) * tile);
  const float ty = static_cast<float>((t / per_row) * tile);
  const float w = static_cast<float>(width), h = static_cast<float>(height);
  u0 = (tx + 0.5f) / w;
  v0 = (ty + 0.5f) / h;
  u1 = (tx + tile - 0.5f) / w;
  v1 = (ty + tile - 0.5f) / h;
}

bool grid_update(GridState& g, const Session& s, long long model_version,
                 long long structure_version, double budget_s) {
  g.available = s.raw().train.X.rows() == 2;
  if (!g.available) {
    g.job.active = false;
    g.boundary.mode = MapMode::None;
    return false;
  }
  GridJob& j = g.job;
  if (j.active && j.structure_version != structure_version) j.active = false;  // stale shapes
  if (!j.active) {
    const bool current =
        g.shown_model_version == model_version && g.shown_structure_version == structure_version;
    if (current && g.boundary.res >= g.res) return false;  // up to date and full resolution
    start_job(g, s, model_version, structure_version);
  }
  const double t0 = seconds_now();
  bool completed = false;
  do {  // at least one chunk per call, then as many as the budget allows
    const Eigen::Index total = j.phase == 0
                                   ? static_cast<Eigen::Index>(g.thumb_res) * g.thumb_res
                                   : static_cast<Eigen::Index>(j.boundary.res) * j.boundary.res;
    const double left = std::max(0.0, budget_s - (seconds_now() - t0));
    const double want = left / std::max(g.seconds_per_point, 1e-9);
    const Eigen::Index n = std::min(
        total - j.next, std::max(kMinChunk, static_cast<Eigen::Index>(std::min(want, 1e9))));
    const double c0 = seconds_now();
    if (j.phase == 0)
      run_thumb_chunk(g, s, n);
    else
      run_boundary_chunk(g, s, n);
    const double per = (seconds_now() - c0) / static_cast<double>(n);
    if (n >= kMinChunk) g.seconds_per_point = 0.7 * g.seconds_per_point + 0.3 * per;
    j.next += n;
    if (j.next >= total) {
      if (j.phase == 0) {
        finish_thumbs(g);
        j.phase = 1;
        j.next = 0;
      } else {
        std::swap(g.boundary.values, j.boundary.values);
        const int version = g.boundary.version + 1;
        g.boundary.res = j.boundary.res;
        g.boundary.mode = j.boundary.mode;
        g.boundary.transform = j.boundary.transform;
        g.boundary.scale = j.boundary.scale;
        g.boundary.classes = j.boundary.classes;
        g.boundary.version = version;
        g.shown_model_version = j.model_version;
        g.shown_structure_version = j.structure_version;
        j.active = false;
        completed = true;
      }
    }
  } while (j.active && seconds_now() - t0 < budget_s);
  return completed;
}

void grid_finish(GridState& g, const Session& s, long long model_version,
                 long long structure_version) {
  // Huge budgets until the full-resolution picture of this model is done (a preview first,
  // possibly, then the full grid).
  for (int guard = 0; guard < 8; ++guard) {
    grid_update(g, s, model_version, structure_version, 1e9);
    const bool current =
        g.shown_model_version == model_version && g.shown_structure_version == structure_version;
    if (!g.available || (current && !g.job.active && g.boundary.res >= g.res)) return;
  }
}

}  // namespace nn::app
