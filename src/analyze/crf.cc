#include "analyze/crf.h"

namespace dyad::analyze {

double ChainMarginals::Run(int n, int nl, const float* em, const float* tr,
                           const std::vector<char>& allowed, const std::vector<char>& last) {
  n_ = n, nl_ = nl, em_ = em, tr_ = tr, allowed_ = &allowed;
  alpha_.assign(static_cast<std::size_t>(n) * nl, kNone);
  beta_.assign(static_cast<std::size_t>(n) * nl, kNone);
  log_z_ = kNone;
  if (n == 0) return log_z_;
  for (int l = 0; l < nl; ++l) {
    if (Allowed(-1, l)) alpha_[l] = T(0, -1, l) + E(0, l);
  }
  for (int i = 1; i < n; ++i) {
    for (int l = 0; l < nl; ++l) {
      double a = kNone;
      for (int p = 0; p < nl; ++p) {
        if (alpha_[(i - 1) * nl + p] == kNone || !Allowed(p, l)) continue;
        a = LogSumExp(a, alpha_[(i - 1) * nl + p] + T(i, p, l));
      }
      if (a != kNone) alpha_[i * nl + l] = a + E(i, l);
    }
  }
  for (int l = 0; l < nl; ++l) {
    if (last[l]) beta_[(n - 1) * nl + l] = 0.0;
  }
  for (int i = n - 2; i >= 0; --i) {
    for (int p = 0; p < nl; ++p) {
      double b = kNone;
      for (int l = 0; l < nl; ++l) {
        if (beta_[(i + 1) * nl + l] == kNone || !Allowed(p, l)) continue;
        b = LogSumExp(b, T(i + 1, p, l) + E(i + 1, l) + beta_[(i + 1) * nl + l]);
      }
      beta_[i * nl + p] = b;
    }
  }
  for (int l = 0; l < nl; ++l) {
    if (alpha_[(n - 1) * nl + l] != kNone && beta_[(n - 1) * nl + l] != kNone) {
      log_z_ = LogSumExp(log_z_, alpha_[(n - 1) * nl + l] + beta_[(n - 1) * nl + l]);
    }
  }
  return log_z_;
}

double ChainMarginals::Edge(int i, int p, int l) const {
  if (i == 0) return p == -1 ? Node(0, l) : 0.0;
  if (p < 0 || alpha_[(i - 1) * nl_ + p] == kNone || beta_[i * nl_ + l] == kNone || !Allowed(p, l)) {
    return 0.0;
  }
  return Prob(alpha_[(i - 1) * nl_ + p] + T(i, p, l) + E(i, l) + beta_[i * nl_ + l]);
}

double ChainMarginals::Score(const int* y) const {
  double s = T(0, -1, y[0]) + E(0, y[0]);
  for (int i = 1; i < n_; ++i) s += T(i, y[i - 1], y[i]) + E(i, y[i]);
  return s;
}

}  // namespace dyad::analyze
