// png_stats FILE [--min-colors N] [--max-dominant F]: loads a PNG (stb_image from libstb), prints
// its size, number of distinct colours and the share of its most frequent colour, and fails if
// the picture looks blank (too few colours or one colour covering almost everything).
#include <stb/stb_image.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: png_stats FILE [--min-colors N] [--max-dominant F]\n");
    return 2;
  }
  long min_colors = 50;
  double max_dominant = 0.95;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--min-colors") == 0) min_colors = std::atol(argv[i + 1]);
    if (std::strcmp(argv[i], "--max-dominant") == 0) max_dominant = std::atof(argv[i + 1]);
  }
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(argv[1], &w, &h, &n, 4);
  if (!px) {
    std::fprintf(stderr, "png_stats: cannot read %s: %s\n", argv[1], stbi_failure_reason());
    return 1;
  }
  std::unordered_map<unsigned, long> counts;
  const long total = static_cast<long>(w) * h;
  for (long i = 0; i < total; ++i) {
    const unsigned char* p = px + 4 * i;
    ++counts[(unsigned(p[0]) << 16) | (unsigned(p[1]) << 8) | unsigned(p[2])];
  }
  stbi_image_free(px);
  long dominant = 0;
  for (const auto& kv : counts) dominant = std::max(dominant, kv.second);
  const double share = total > 0 ? static_cast<double>(dominant) / total : 1.0;
  std::printf("%s: %dx%d, %zu colours, dominant colour %.1f%%\n", argv[1], w, h, counts.size(),
              100.0 * share);
  if (static_cast<long>(counts.size()) < min_colors || share > max_dominant) {
    std::fprintf(stderr, "png_stats: %s looks blank\n", argv[1]);
    return 1;
  }
  return 0;
}
