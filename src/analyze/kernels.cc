#include "analyze/kernels.h"

#include <cstddef>

namespace dyad::analyze {

__attribute__((target_clones("avx2", "default"))) void AddProduct(const float* x, int dim,
                                                                   const float* w, int n,
                                                                   float* y) {
  for (int d = 0; d < dim; ++d) {
    const float xd = x[d];
    if (xd == 0.0f) continue;
    const float* row = w + static_cast<std::size_t>(d) * n;
    for (int o = 0; o < n; ++o) y[o] += xd * row[o];
  }
}

}  // namespace dyad::analyze
