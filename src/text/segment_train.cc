#include "text/segment_train.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <cstring>
#include <functional>
#include <limits>
#include <unordered_map>

#include "text/segment_eval.h"

namespace dyad::text {
namespace {

struct Examples {
  std::vector<std::uint32_t> feats;   // kMaxFeatures slots per example
  std::vector<std::uint8_t> counts;
  static_assert(kMaxFeatures <= 255, "counts are bytes");
  std::vector<std::int8_t> labels;    // +1 sentence ends, -1 not
};

// Words seen inside sentences (not first, not after opening punctuation),
// by case: the lexicons of SplitModel; with unlabelled text's counts
// (options.ortho), also the sentence starters.
void BuildLexicons(const std::vector<std::vector<ConlluSentence>>& corpora,
                   const SplitTrainOptions& options, SplitModel* model) {
  std::unordered_map<std::uint64_t, std::pair<int, int>> counts;  // lower, capitalized
  for (const auto& corpus : corpora) {
    for (const ConlluSentence& s : corpus) {
      for (std::size_t i = 1; i < s.words.size(); ++i) {
        const std::string& f = s.words[i].form;
        const std::string& prev = s.words[i - 1].form;
        if (f.empty() || prev.empty()) continue;
        char pc = prev[0];
        if (prev.size() == 1 && std::strchr(".:;?!\"'(-", pc) != nullptr) continue;
        char c = f[0];
        bool has_lower = false;
        for (char ch : f) has_lower |= ch >= 'a' && ch <= 'z';
        auto& cnt = counts[HashLower(f)];
        if (c >= 'a' && c <= 'z') ++cnt.first;
        if (c >= 'A' && c <= 'Z' && has_lower) ++cnt.second;
      }
    }
  }
  model->lower_words.clear();
  model->proper_words.clear();
  model->starter_words.clear();
  if (options.ortho != nullptr) {
    for (const auto& [hash, w] : options.ortho->words) {
      if (w.start_upper >= 2 && w.start_upper > w.mid_upper) {
        AddToLexicon(&model->starter_words, hash);
      }
    }
  }
  for (const auto& [hash, cnt] : counts) {
    if (cnt.first >= 2 && cnt.first > cnt.second) AddToLexicon(&model->lower_words, hash);
    if (cnt.second >= 2 && cnt.second > cnt.first) AddToLexicon(&model->proper_words, hash);
  }
}

void Collect(const SplitModel& model, const std::vector<ConlluSentence>& gold,
             bool use_paragraphs, Examples* ex) {
  RawText raw = BuildRawText(gold);
  const std::string& text = raw.text;
  std::vector<std::uint8_t> mark(text.size() + 1, 0);  // 1 = sentence start, 2 = end
  for (const Span& s : raw.sentences) {
    mark[s.begin] |= 1;
    mark[s.end] |= 2;
  }
  std::vector<RawToken> toks = TokenizeAll(text, 0, static_cast<std::uint32_t>(text.size()));
  SplitState st;
  std::size_t start = 0;  // first token of the current gold sentence
  bool new_line = false;
  std::uint32_t f[kMaxFeatures];
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (i > start && (mark[toks[i].begin] & 1)) {
      start = i;
      st.Reset(toks[i - 1]);
    }
    const RawToken& c = toks[i];
    if (new_line) st.line_begin = c.begin;
    new_line = c.gap >= 2;
    const RawToken* p = i >= start + 1 ? &toks[i - 1] : nullptr;
    const RawToken* p2 = i >= start + 2 ? &toks[i - 2] : nullptr;
    const RawToken* n = i + 1 < toks.size() ? &toks[i + 1] : nullptr;
    const RawToken* nn = i + 2 < toks.size() ? &toks[i + 2] : nullptr;
    st.Add(text, c);
    RawToken cc = c;
    // Paragraph ends are examples too, as if the paragraphs ran on: they
    // teach which words end and start sentences without punctuation.
    if (use_paragraphs && cc.gap == 3) cc.gap = 1;
    if (ClassifyGap(text, st, p, cc, n) != GapKind::kCandidate) continue;
    bool label = (mark[c.end] & 2) != 0;
    int k = Features(model, text, st, p2, p, cc, n, nn, f);
    ex->feats.insert(ex->feats.end(), f, f + k);
    ex->feats.resize(ex->feats.size() + (kMaxFeatures - k), 0);
    ex->counts.push_back(static_cast<std::uint8_t>(k));
    ex->labels.push_back(label ? 1 : -1);
  }
}

SplitModel TrainPerceptron(const Examples& ex, const SplitTrainOptions& options);
SplitModel TrainLogistic(const Examples& ex, const SplitTrainOptions& options);

// Bagging over shuffles: the mean of models trained with different seeds
// is steadier than any one of them.
std::vector<float> TrainBags(const Examples& ex, const SplitTrainOptions& options) {
  std::vector<float> weights(kModelSize, 0.0f);
  const int bags = std::max(1, options.bags);
  for (int b = 0; b < bags; ++b) {
    SplitTrainOptions o = options;
    o.seed = options.seed + static_cast<unsigned>(b) * 7919u;
    SplitModel one = o.learner == "logistic" ? TrainLogistic(ex, o) : TrainPerceptron(ex, o);
    for (std::uint32_t i = 0; i < kModelSize; ++i) weights[i] += one.weights[i] / bags;
  }
  return weights;
}

}  // namespace

SplitModel TrainSplitModel(const std::vector<std::vector<ConlluSentence>>& corpora,
                           const SplitTrainOptions& options) {
  SplitModel lexicons;
  if (options.lexicons) BuildLexicons(corpora, options, &lexicons);
  Examples ex;
  for (const auto& c : corpora) Collect(lexicons, c, options.paragraph_examples, &ex);
  SplitModel model;
  model.weights = TrainBags(ex, options);
  if (options.gate) {
    // The gate learns from the same examples, with the base features only
    // (Features() writes the kBaseFeatures of BaseFeatures first; a unit
    // test checks it).
    Examples base = ex;
    for (auto& k : base.counts) k = std::min<std::uint8_t>(k, kBaseFeatures);
    model.gate_weights = TrainBags(base, options);
    // The cuts: the lowest gate score of a sentence end and the highest of
    // a gap that is none (by default), so that the gate alone settles no
    // training example wrongly.
    std::vector<float> ends, others;
    for (std::size_t i = 0; i < base.labels.size(); ++i) {
      float score = SplitScore(model.gate_weights, {}, 0, &base.feats[i * kMaxFeatures],
                               base.counts[i]);
      (base.labels[i] > 0 ? ends : others).push_back(score);
    }
    auto quantile = [&](std::vector<float>& v, bool from_top) {
      if (v.empty()) return from_top ? std::numeric_limits<float>::infinity() : 0.0f;
      const double q = std::clamp(options.gate_quantile, 0.0, 1.0);
      auto at = v.begin() + static_cast<std::ptrdiff_t>(q * static_cast<double>(v.size() - 1));
      if (from_top) {
        std::nth_element(v.begin(), at, v.end(), std::greater<float>());
      } else {
        std::nth_element(v.begin(), at, v.end());
      }
      return *at;
    };
    // When the gate separates its training examples, the gaps between the
    // two scores are left to the full model.
    const float lowest_end = quantile(ends, false);
    const float above_others =
        std::nextafter(quantile(others, true), std::numeric_limits<float>::infinity());
    model.gate_cut = std::min(lowest_end, above_others);
    model.gate_end = std::max(lowest_end, above_others);
  }
  model.lower_words = std::move(lexicons.lower_words);
  model.proper_words = std::move(lexicons.proper_words);
  model.starter_words = std::move(lexicons.starter_words);
  return model;
}

void AddOrthoCounts(std::string_view text, OrthoCounts* counts) {
  std::vector<RawToken> toks = TokenizeAll(text, 0, static_cast<std::uint32_t>(text.size()));
  counts->tokens += toks.size();
  for (std::size_t i = 1; i < toks.size(); ++i) {
    const RawToken& t = toks[i];
    const RawToken& prev = toks[i - 1];
    // A capitalized word whose previous word is on the same line.
    if (t.shape != kShapeCapital || prev.gap != 1) continue;
    if (prev.shape == kShapeLower || prev.shape == kShapeComma) {
      ++counts->words[t.hash].mid_upper;
    } else if ((prev.shape == kShapePeriod || prev.shape == kShapeStop) && i >= 2 &&
               toks[i - 2].shape == kShapeLower && toks[i - 2].gap == 0) {
      ++counts->words[t.hash].start_upper;
    }
  }
}

std::vector<ConlluSentence> FilterGumGenres(std::vector<ConlluSentence> sentences,
                                            const std::vector<std::string>& genres) {
  std::vector<ConlluSentence> out;
  bool keep = true;
  for (ConlluSentence& s : sentences) {
    for (const auto& [key, value] : s.comments) {
      if (key != "newdoc id") continue;
      keep = true;
      if (value.rfind("GUM_", 0) == 0) {
        std::size_t us = value.find('_', 4);
        std::string genre = value.substr(4, us == std::string::npos ? std::string::npos : us - 4);
        keep = std::find(genres.begin(), genres.end(), genre) != genres.end();
      }
    }
    if (keep) out.push_back(std::move(s));
  }
  return out;
}

namespace {

SplitModel TrainPerceptron(const Examples& ex, const SplitTrainOptions& options) {
  const std::size_t n = ex.labels.size();
  std::vector<float> w(kModelSize, 0.0f), u(kModelSize, 0.0f);
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::mt19937 rng(options.seed);
  float c = 1;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t idx : order) {
      const std::uint32_t* f = &ex.feats[idx * kMaxFeatures];
      int k = ex.counts[idx];
      float score = 0;
      for (int j = 0; j < k; ++j) score += w[f[j]];
      int y = ex.labels[idx];
      if ((score > 0 ? 1 : -1) != y) {
        for (int j = 0; j < k; ++j) {
          w[f[j]] += static_cast<float>(y);
          u[f[j]] += c * static_cast<float>(y);
        }
      }
      c += 1;
    }
  }
  SplitModel model;
  model.weights.resize(kModelSize);
  for (std::uint32_t i = 0; i < kModelSize; ++i) model.weights[i] = w[i] - u[i] / c;
  return model;
}

SplitModel TrainLogistic(const Examples& ex, const SplitTrainOptions& options) {
  const std::size_t n = ex.labels.size();
  std::vector<float> w(kModelSize, 0.0f), g2(kModelSize, 1e-6f);
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::mt19937 rng(options.seed);
  const float lr = static_cast<float>(options.learning_rate);
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t idx : order) {
      const std::uint32_t* f = &ex.feats[idx * kMaxFeatures];
      int k = ex.counts[idx];
      float score = 0;
      for (int j = 0; j < k; ++j) score += w[f[j]];
      float p = 1.0f / (1.0f + std::exp(-score));
      float g = p - (ex.labels[idx] > 0 ? 1.0f : 0.0f);
      for (int j = 0; j < k; ++j) {
        g2[f[j]] += g * g;
        w[f[j]] -= lr * g / std::sqrt(g2[f[j]]);
      }
    }
  }
  SplitModel model;
  model.weights = std::move(w);
  return model;
}

}  // namespace

void PruneSplitModel(double fraction, SplitModel* model) {
  for (std::vector<float>* weights : {&model->weights, &model->gate_weights}) {
    float max = 0;
    for (float v : *weights) max = std::max(max, std::fabs(v));
    const float cut = static_cast<float>(fraction) * max;
    for (float& v : *weights) {
      if (std::fabs(v) < cut) v = 0;
    }
  }
}

double BiasStep(const SplitModel& model) {
  double scale = 0;
  for (float v : model.weights) scale = std::max(scale, static_cast<double>(std::fabs(v)));
  return scale * 0.04;
}

std::vector<EvalScore> ThresholdCurve(const std::vector<ConlluSentence>& gold,
                                      SplitModel* model) {
  const float bias = model->bias;
  const double unit = BiasStep(*model);
  std::vector<EvalScore> curve(2 * kBiasSteps + 1);
  for (int step = -kBiasSteps; step <= kBiasSteps; ++step) {
    model->bias = static_cast<float>(step * unit);
    auto e = EvaluateSegmenter(gold, model);
    if (e.ok()) curve[static_cast<std::size_t>(step + kBiasSteps)] = e->sentences;
  }
  model->bias = bias;
  return curve;
}

int SmoothedBestStep(const std::vector<double>& f1) {
  // The mean over a window of five neighbouring points, since single points
  // are noisy (a few sentences of a 2,000-sentence dev set).
  constexpr int kWindow = 2;
  double best = -1;
  int best_step = 0;
  for (int i = kWindow; i + kWindow < static_cast<int>(f1.size()); ++i) {
    double sum = 0;
    for (int k = -kWindow; k <= kWindow; ++k) sum += f1[i + k];
    if (sum > best) {
      best = sum;
      best_step = i - kBiasSteps;
    }
  }
  return best_step;
}

double TuneSplitBias(const std::vector<ConlluSentence>& dev, SplitModel* model) {
  std::vector<EvalScore> curve = ThresholdCurve(dev, model);
  std::vector<double> f1;
  for (const EvalScore& p : curve) f1.push_back(p.F1());
  const int step = SmoothedBestStep(f1);
  model->bias = static_cast<float>(step * BiasStep(*model));
  return f1[static_cast<std::size_t>(step + kBiasSteps)];
}

StatusOr<SplitCrossValidation> CrossValidateSplitModel(
    const std::vector<std::vector<ConlluSentence>>& corpora, const SplitTrainOptions& options,
    const std::vector<ConlluSentence>& dev, int folds, bool list_errors, bool curve) {
  if (corpora.empty() || folds < 2) return InvalidArgumentError("cross-validation needs 2 folds");
  const std::vector<ConlluSentence>& first = corpora[0];
  std::vector<int> fold_of(first.size(), 0);
  int doc = -1;
  for (std::size_t i = 0; i < first.size(); ++i) {
    if (first[i].newdoc || doc < 0) ++doc;
    fold_of[i] = doc % folds;
  }
  if (doc + 1 < folds) return InvalidArgumentError("fewer documents than folds");
  SplitCrossValidation cv;
  if (curve) cv.curve.resize(2 * kBiasSteps + 1);
  for (int f = 0; f < folds; ++f) {
    std::vector<std::vector<ConlluSentence>> train;
    train.emplace_back();
    std::vector<ConlluSentence> held;
    for (std::size_t i = 0; i < first.size(); ++i) {
      (fold_of[i] == f ? held : train[0]).push_back(first[i]);
    }
    train.insert(train.end(), corpora.begin() + 1, corpora.end());
    SplitModel model = TrainSplitModel(train, options);
    PruneSplitModel(options.prune, &model);
    if (!dev.empty()) {
      std::vector<EvalScore> dev_curve = ThresholdCurve(dev, &model);
      std::vector<double> f1;
      for (const EvalScore& p : dev_curve) f1.push_back(p.F1());
      const int step = SmoothedBestStep(f1);
      model.bias = static_cast<float>(step * BiasStep(model));
      cv.mean_dev_f1 += f1[static_cast<std::size_t>(step + kBiasSteps)] / folds;
      if (curve) cv.dev_curves.push_back(std::move(dev_curve));
    }
    if (curve) {
      std::vector<EvalScore> fold_curve = ThresholdCurve(held, &model);
      for (std::size_t i = 0; i < fold_curve.size(); ++i) {
        cv.curve[i].gold += fold_curve[i].gold;
        cv.curve[i].system += fold_curve[i].system;
        cv.curve[i].correct += fold_curve[i].correct;
      }
      cv.fold_curves.push_back(std::move(fold_curve));
    }
    auto e = EvaluateSegmenter(held, &model, list_errors);
    if (!e.ok()) return e.status();
    cv.folds.push_back(e->sentences);
    cv.pooled.gold += e->sentences.gold;
    cv.pooled.system += e->sentences.system;
    cv.pooled.correct += e->sentences.correct;
    cv.errors.insert(cv.errors.end(), e->boundary_errors.begin(), e->boundary_errors.end());
  }
  return cv;
}

int PooledThresholdStep(const SplitCrossValidation& cv, int skip_fold, bool with_dev) {
  const std::size_t points = 2 * kBiasSteps + 1;
  std::vector<double> gold(points, 0), system(points, 0), correct(points, 0);
  auto add = [&](const std::vector<EvalScore>& curve, double weight) {
    for (std::size_t i = 0; i < points && i < curve.size(); ++i) {
      gold[i] += weight * static_cast<double>(curve[i].gold);
      system[i] += weight * static_cast<double>(curve[i].system);
      correct[i] += weight * static_cast<double>(curve[i].correct);
    }
  };
  for (std::size_t f = 0; f < cv.fold_curves.size(); ++f) {
    if (static_cast<int>(f) != skip_fold) add(cv.fold_curves[f], 1.0);
  }
  if (with_dev) {
    const double weight = 1.0 / static_cast<double>(cv.dev_curves.size());
    for (const auto& curve : cv.dev_curves) add(curve, weight);
  }
  std::vector<double> f1(points, 0);
  for (std::size_t i = 0; i < points; ++i) {
    if (gold[i] + system[i] > 0) f1[i] = 2 * correct[i] / (gold[i] + system[i]);
  }
  return SmoothedBestStep(f1);
}

EvalScore NestedThresholdScore(const SplitCrossValidation& cv, bool with_dev) {
  EvalScore total;
  for (std::size_t f = 0; f < cv.fold_curves.size(); ++f) {
    const int step = PooledThresholdStep(cv, static_cast<int>(f), with_dev);
    const EvalScore& p = cv.fold_curves[f][static_cast<std::size_t>(step + kBiasSteps)];
    total.gold += p.gold;
    total.system += p.system;
    total.correct += p.correct;
  }
  return total;
}

std::string SplitModelSource(const SplitModel& model, const SplitTrainOptions& options,
                             const std::string& command, std::size_t* entries) {
  char buf[64];
  std::string out;
  out += "// Generated by `" + command + "`. Do not edit.\n";
  out += "// Sentence-splitter weights learned by dyad's own averaged perceptron\n";
  out += "// (src/text/segment_train.cc): hashed feature index -> weight.\n";
  // One weight table as kSeg<name>Scale, kSeg<name>Index and kSeg<name>Weight.
  auto table = [&](const char* name, const std::vector<float>& weights) {
    float max = 0;
    for (float v : weights) max = std::max(max, std::fabs(v));
    if (max == 0) max = 1;
    const float scale = max / 32767.0f;
    const float cut = static_cast<float>(options.prune) * max;
    std::string idx, wts;
    std::size_t count = 0;
    for (std::uint32_t i = 0; i < weights.size(); ++i) {
      float v = weights[i];
      if (std::fabs(v) < cut) continue;
      long q = std::lround(v / scale);
      if (q == 0) continue;
      std::snprintf(buf, sizeof buf, "%u,", i);
      idx += buf;
      std::snprintf(buf, sizeof buf, "%ld,", q);
      wts += buf;
      if (++count % 16 == 0) {
        idx += '\n';
        wts += '\n';
      }
    }
    if (count == 0) {
      idx = "0";
      wts = "0";
    }
    std::snprintf(buf, sizeof buf, "%.9e", static_cast<double>(scale));
    out += std::string("constexpr float kSeg") + name + "Scale = " + buf + "f;\n";
    out += std::string("constexpr std::uint32_t kSeg") + name + "Index[] = {\n" + idx + "};\n";
    out += std::string("constexpr std::int16_t kSeg") + name + "Weight[] = {\n" + wts + "};\n";
    return count;
  };
  std::size_t count = table("Model", model.weights);
  if (entries) *entries = count;
  std::snprintf(buf, sizeof buf, "%.9e", static_cast<double>(model.bias));
  out += "constexpr float kSegModelBias = " + std::string(buf) + "f;\n";
  out += "// The gate (SplitModel::gate_*); one zero entry: none.\n";
  table("Gate", model.gate_weights);
  std::snprintf(buf, sizeof buf, "%.9e", static_cast<double>(model.gate_cut));
  out += "constexpr float kSegGateCut = " + std::string(buf) + "f;\n";
  std::snprintf(buf, sizeof buf, "%.9e", static_cast<double>(model.gate_end));
  out += "constexpr float kSegGateEnd = " + std::string(buf) + "f;\n";
  auto bits = [&](const char* name, const std::vector<std::uint64_t>& set) {
    out += std::string("constexpr std::uint64_t ") + name + "[] = {\n";
    if (set.empty()) out += "0";
    for (std::size_t i = 0; i < set.size(); ++i) {
      std::snprintf(buf, sizeof buf, "0x%llx,", static_cast<unsigned long long>(set[i]));
      out += buf;
      if (i % 8 == 7) out += '\n';
    }
    out += "};\n";
  };
  bits("kSegLowerWords", model.lower_words);
  bits("kSegProperWords", model.proper_words);
  bits("kSegStarterWords", model.starter_words);
  return out;
}

}  // namespace dyad::text
