// Frame-time benchmark of the app (scripts/bench runs it natively when the app is built): the
// headless app (tests/app/headless.hpp, no GL) plays the largest network and reports the worst
// and median frame and the boundary grid's time as JSON. Reported, never asserted: wall-clock
// figures depend on the machine's load, so no test gates on them.
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "../tests/app/headless.hpp"
#include "app.hpp"

using namespace nn;
using namespace nn::app;

int main(int argc, char** argv) {
  int frames = 60;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--frames" && i + 1 < argc) {
      frames = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--quick") {
      frames = 20;
    } else {
      std::fprintf(stderr,
                   "usage: nnplay_frame_bench [--frames N] [--quick]; unknown argument %s\n",
                   a.c_str());
      return 2;
    }
  }
  testing::Headless h;
  AppState app;
  Config c;
  c.network.hidden.assign(kMaxHiddenLayers, kMaxUnits);
  app_init(app, c);
  app.playing = true;
  h.frames(app, 3);  // warm-up: first grid, caches, font atlas
  std::vector<double> ms;
  std::vector<double> grid_ms;
  for (int i = 0; i < frames; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    h.frame(app);
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    grid_ms.push_back(app.perf.grid_ms);
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  std::printf("{\n  \"network\": \"%d x %d\",\n  \"frames\": %d,\n  \"steps\": %lld,\n",
              kMaxHiddenLayers, kMaxUnits, frames, static_cast<long long>(app.session->steps()));
  std::printf("  \"frame_ms_median\": %.4g,\n  \"frame_ms_worst\": %.4g,\n", median(ms),
              *std::max_element(ms.begin(), ms.end()));
  std::printf("  \"grid_ms_median\": %.4g,\n  \"grid_ms_worst\": %.4g\n}\n", median(grid_ms),
              *std::max_element(grid_ms.begin(), grid_ms.end()));
  return 0;
}
