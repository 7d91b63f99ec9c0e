// Vector kernels shared by the inference of the networks (ner_net.h,
// dense_scorer.h) and of the linear models (linear_model.h).
#ifndef DYAD_ANALYZE_KERNELS_H_
#define DYAD_ANALYZE_KERNELS_H_

namespace dyad::analyze {

// y[o] += sum_d x[d] * w[d * n + o] for o < n: a vector times a row-major
// block of a matrix (a word vector times its block of a first layer, or a
// hidden layer times the output layer); zero entries of x are skipped. The
// AVX2 clone is picked at load time where the CPU has it (about 2.3 times
// as fast). Inference only: training keeps plain loops, so that a model's
// bytes depend on the binary and its libm, not on the CPU's extensions.
void AddProduct(const float* x, int dim, const float* w, int n, float* y);
// y[i] += x[i] for i < n: a dense row of a linear model's int16 weights
// added to its integer scores (LinearModel); exact, in any order.
void AddRow16(const short* x, int n, int* y);

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_KERNELS_H_
