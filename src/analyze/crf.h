// ChainMarginals: forward-backward over a linear chain of labels in which
// some transitions are forbidden (BIO: I-X only after B-X or I-X), for the
// NER's CRF training (train_ner.cc). Log space throughout, so no sequence
// score overflows; a forbidden path contributes nothing (-inf).
//
// Scores, as Ner::Decode reads them: em[i * nl + l] is label l's emission
// score at word i; tr[(i * (nl + 1) + p + 1) * nl + l] the score of l at
// word i after p (p = -1, the start, only at i = 0). allowed[(p + 1) * nl + l]
// says whether l may follow p (p = -1: begin a sentence), last[l] whether a
// sentence may end with l.
#ifndef DYAD_ANALYZE_CRF_H_
#define DYAD_ANALYZE_CRF_H_

#include <cmath>
#include <vector>

namespace dyad::analyze {

class ChainMarginals {
 public:
  static constexpr double kNone = -HUGE_VAL;

  // Runs forward-backward; returns log Z, the log of the summed exp-scores of
  // every allowed sequence (kNone when none is allowed).
  double Run(int n, int nl, const float* em, const float* tr, const std::vector<char>& allowed,
             const std::vector<char>& last);
  double log_z() const { return log_z_; }
  // P(label l at word i).
  double Node(int i, int l) const {
    const double a = alpha_[i * nl_ + l], b = beta_[i * nl_ + l];
    return a == kNone || b == kNone ? 0.0 : Prob(a + b);
  }
  // P(p at word i - 1 and l at word i); at i = 0 the start (p = -1) and l.
  double Edge(int i, int p, int l) const;
  // The log score of one sequence y[0..n) under the scores of the last Run
  // (allowed or not: the caller's gold sequence).
  double Score(const int* y) const;

  static double LogSumExp(double a, double b) {
    if (a == kNone) return b;
    if (b == kNone) return a;
    return a > b ? a + std::log1p(std::exp(b - a)) : b + std::log1p(std::exp(a - b));
  }

 private:
  double T(int i, int p, int l) const {
    return static_cast<double>(tr_[(static_cast<std::size_t>(i) * (nl_ + 1) + p + 1) * nl_ + l]);
  }
  double E(int i, int l) const { return static_cast<double>(em_[static_cast<std::size_t>(i) * nl_ + l]); }
  bool Allowed(int p, int l) const { return (*allowed_)[(p + 1) * nl_ + l] != 0; }
  double Prob(double x) const { return x == kNone ? 0.0 : std::exp(x - log_z_); }

  int n_ = 0, nl_ = 0;
  const float* em_ = nullptr;
  const float* tr_ = nullptr;
  const std::vector<char>* allowed_ = nullptr;
  std::vector<double> alpha_, beta_;
  double log_z_ = kNone;
};

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_CRF_H_
