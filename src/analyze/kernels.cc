#include "analyze/kernels.h"

#include <cstddef>

namespace dyad::analyze {

// Blocks of 32 outputs are summed in registers over all of x, so y is read
// and written once per block instead of once per entry of x; each output
// still adds the products in the order of d, so the result is the same to
// the bit as the plain loop's (the tail below).
__attribute__((target_clones("avx2", "default"))) void AddProduct(const float* x, int dim,
                                                                   const float* w, int n,
                                                                   float* y) {
  constexpr int kBlock = 32;
  int o = 0;
  for (; o + kBlock <= n; o += kBlock) {
    float acc[kBlock];
    for (int i = 0; i < kBlock; ++i) acc[i] = y[o + i];
    for (int d = 0; d < dim; ++d) {
      const float xd = x[d];
      if (xd == 0.0f) continue;
      const float* row = w + static_cast<std::size_t>(d) * n + o;
      for (int i = 0; i < kBlock; ++i) acc[i] += xd * row[i];
    }
    for (int i = 0; i < kBlock; ++i) y[o + i] = acc[i];
  }
  if (o == n) return;
  for (int d = 0; d < dim; ++d) {
    const float xd = x[d];
    if (xd == 0.0f) continue;
    const float* row = w + static_cast<std::size_t>(d) * n;
    for (int i = o; i < n; ++i) y[i] += xd * row[i];
  }
}

__attribute__((target_clones("avx2", "default"))) void AddRow16(const short* x, int n, int* y) {
  for (int i = 0; i < n; ++i) y[i] += x[i];
}

}  // namespace dyad::analyze
