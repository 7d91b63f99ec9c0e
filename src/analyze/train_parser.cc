// Training the parser: pseudo-projective lifting (Nivre & Nilsson 2005,
// "head" encoding), the arc-eager dynamic oracle of
// Goldberg & Nivre (2012), and error-exploring perceptron training. With
// TrainOptions::non_monotonic, the repair transitions of parser.h and the
// approximate oracle of Honnibal & Johnson (2015) for them. With
// TrainOptions::beam > 1, global training over a beam (TrainGlobal).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <map>
#include <numeric>
#include <set>

#include "analyze/features.h"
#include "analyze/train.h"
#include "util/files.h"
#include "util/status_macros.h"

namespace dyad::analyze {
namespace {

// Whether `a` dominates `d` in heads (root = n; heads[n] unused).
bool Dominates(const std::vector<int>& heads, int a, int d, int n) {
  for (int x = d, steps = 0; x != n && steps <= n; x = heads[x], ++steps) {
    if (x == a) return true;
  }
  return a == n;
}

// Whether d's arc is projective (root = n): every word between d and its
// head is dominated by the head.
bool ArcIsProjective(const std::vector<int>& heads, int d, int n) {
  const int h = heads[d];
  const int lo = std::min(h, d), hi = std::max(h, d);
  for (int k = lo + 1; k < hi; ++k) {
    if (!Dominates(heads, h, k, n)) return false;
  }
  return true;
}

// Lifts non-projective arcs (shortest first) until the tree is projective.
void Projectivize(std::vector<int>* heads, int n) {
  for (int round = 0; round < 4 * n + 4; ++round) {
    int best = -1, best_len = 1 << 30;
    for (int d = 0; d < n; ++d) {
      const int len = std::abs((*heads)[d] - d);
      if (len < best_len && !ArcIsProjective(*heads, d, n)) best = d, best_len = len;
    }
    if (best < 0) return;
    int h = (*heads)[best];
    (*heads)[best] = h == n ? n : (*heads)[h];
  }
}

// Whether no arc crosses another (root = n).
bool IsProjective(const std::vector<int>& heads, int n) {
  for (int d = 0; d < n; ++d) {
    if (!ArcIsProjective(heads, d, n)) return false;
  }
  return true;
}

struct Gold {
  std::vector<int> head;   // size n; root = n
  std::vector<int> label;
  std::vector<std::vector<int>> deps;
};

// From the dynamic oracle's costs (-1 illegal): the prediction (the
// best-scoring legal class), the least cost and the best-scoring class of
// least cost.
struct Choice {
  int pred = -1, best_gold = -1, min_cost = 1 << 30;
};
Choice Choose(const std::vector<int>& cost, const float* scores) {
  Choice ch;
  const int nc = static_cast<int>(cost.size());
  for (int c = 0; c < nc; ++c) {
    if (cost[c] < 0) continue;  // illegal
    if (ch.pred < 0 || scores[c] > scores[ch.pred]) ch.pred = c;
    ch.min_cost = std::min(ch.min_cost, cost[c]);
  }
  for (int c = 0; c < nc; ++c) {
    if (cost[c] == ch.min_cost && (ch.best_gold < 0 || scores[c] > scores[ch.best_gold])) {
      ch.best_gold = c;
    }
  }
  return ch;
}

}  // namespace

class ParserTrainer {
 public:
  static void SetModel(Parser* p, LinearModel m) { p->model_ = std::move(m); }
  // A lifted relation pair seen fewer times keeps the plain relation.
  static constexpr int kMinLifted = 20;
  // `train` is already reversed for a right-to-left parser (TrainParser).
  static Status Train(const std::vector<text::ConlluSentence>& train, const Tagger& tagger,
                      const TrainOptions& opts, Parser* parser) {
    Parser& p = *parser;
    p.right_to_left_ = opts.right_to_left;
    p.lite_ = opts.lite;
    // Projectivize every tree first: a lifted word's relation becomes
    // "rel|headrel" (headrel = the relation of its original head) when that
    // pair is frequent enough, so that the parser can undo the lift.
    std::vector<std::vector<int>> proj_heads(train.size());
    std::vector<std::vector<std::string>> proj_labels(train.size());
    std::map<std::string, int> lifted_count;
    for (std::size_t si = 0; si < train.size(); ++si) {
      const auto& s = train[si];
      const int n = static_cast<int>(s.words.size());
      std::vector<int> h(n);
      bool ok = true;
      for (int i = 0; i < n; ++i) {
        int x = s.words[i].head;
        if (x < 0 || x > n) ok = false;
        h[i] = x == 0 ? n : x - 1;
      }
      if (!ok) continue;
      std::vector<int> orig = h;
      Projectivize(&h, n);
      std::vector<std::string> labs(n);
      for (int i = 0; i < n; ++i) {
        labs[i] = s.words[i].deprel;
        if (h[i] != orig[i]) {
          labs[i] += "|" + (orig[i] == n ? std::string("root") : s.words[orig[i]].deprel);
          ++lifted_count[labs[i]];
        }
      }
      proj_heads[si] = std::move(h);
      proj_labels[si] = std::move(labs);
    }
    std::map<std::string, int> label_ids;
    for (std::size_t si = 0; si < train.size(); ++si) {
      for (auto& lab : proj_labels[si]) {
        auto bar = lab.find('|');
        if (bar != std::string::npos) {
          if (lifted_count[lab] < kMinLifted) lab.resize(bar);
          label_ids[lab.substr(0, bar)] = 0;
        }
        label_ids[lab] = 0;
      }
    }
    p.labels_.clear();
    int lifted_labels = 0;
    for (auto& [name, id] : label_ids) {
      id = static_cast<int>(p.labels_.size());
      p.labels_.push_back(name);
      lifted_labels += name.find('|') != std::string::npos;
    }
    p.SetLabelParts();
    if (opts.log) {
      int lifted = 0;
      for (const auto& [name, count] : lifted_count) lifted += count;
      opts.log("parser: " + std::to_string(lifted) + " arcs lifted, " +
               std::to_string(lifted_labels) + " lifted relation pairs kept as labels");
    }
    if (p.labels_.size() > 256) return InvalidArgumentError("too many dependency labels");
    if (!label_ids.count("root")) return InvalidArgumentError("no root label in training data");
    p.root_label_ = label_ids["root"];
    p.fallback_label_ = label_ids.count("parataxis") ? label_ids["parataxis"] : p.root_label_;
    std::map<std::string, int> tag_ids;
    for (int t = 0; t < tagger.num_tags(); ++t) tag_ids[tagger.upos(t) + "/" + tagger.xpos(t)] = t;

    const int nl = p.num_labels(), nc = p.num_classes();
    if (opts.guide && (!opts.guides || opts.guides->size() != train.size())) {
      return InvalidArgumentError("a guided parser needs one guide parse per training sentence (" +
                                  std::to_string(opts.guides ? opts.guides->size() : 0) +
                                  " for " + std::to_string(train.size()) + ")");
    }
    if (opts.guide && opts.guide->guided()) {
      return InvalidArgumentError("the guide parser is itself guided");
    }
    p.guide_ = opts.guide;
    std::vector<std::vector<WordInfo>> infos;
    std::vector<std::vector<std::uint64_t>> tags;
    std::vector<Gold> golds;
    std::vector<GuideView> views;
    std::vector<std::string_view> forms;
    std::vector<int> source;  // golds[i] is train[source[i]]
    for (std::size_t si = 0; si < train.size(); ++si) {
      const auto& s = train[si];
      const int n = static_cast<int>(s.words.size());
      if (proj_heads[si].size() != static_cast<std::size_t>(n)) continue;  // bad heads
      if (opts.guide) {
        const GuideTree& gt = (*opts.guides)[si];
        if (gt.head.size() != static_cast<std::size_t>(n) || gt.label.size() != gt.head.size()) {
          return InvalidArgumentError("guide parse of training sentence " + std::to_string(si + 1) +
                                      " has " + std::to_string(gt.head.size()) + " words, not " +
                                      std::to_string(n));
        }
        views.emplace_back();
        views.back().Build(gt, opts.right_to_left);
      }
      Gold g;
      g.head = proj_heads[si];
      g.label.resize(n);
      g.deps.resize(n + 1);
      for (int i = 0; i < n; ++i) g.label[i] = label_ids[proj_labels[si][i]];
      for (int i = 0; i < n; ++i) g.deps[g.head[i]].push_back(i);
      forms.clear();
      std::vector<std::uint64_t> t;
      for (const auto& w : s.words) {
        forms.push_back(w.form);
        auto it = tag_ids.find(JointTag(w));
        t.push_back(tagger.tag_key(it == tag_ids.end() ? 0 : it->second));
      }
      infos.emplace_back();
      tagger.Prepare(forms, &infos.back());
      tags.push_back(std::move(t));
      golds.push_back(std::move(g));
      source.push_back(static_cast<int>(si));
    }

    if (opts.dense) {
      if (opts.beam > 1 || opts.guide || opts.lite || (opts.init && !opts.init->dense_)) {
        return InvalidArgumentError(
            "a dense parser is greedy and stands alone: not with --beam, --guide, --lite or "
            "--beam-from");
      }
      p.non_monotonic_ = opts.non_monotonic;
      p.model_ = PerceptronTrainer(nc).Average(0);  // empty: the network scores
      return TrainDense(infos, tags, golds, source, tagger, opts, &p);
    }
    PerceptronTrainer pt(nc);
    if (opts.init) {
      const Parser& init = *opts.init;
      if (init.dense_) {
        return InvalidArgumentError(
            "the parser to start from is a dense (--dense) model: a perceptron cannot start from "
            "its weights");
      }
      bool same = init.labels_ == p.labels_ && init.non_monotonic_ == opts.non_monotonic &&
                  init.lite_ == opts.lite &&
                  init.right_to_left_ == opts.right_to_left;
      if (!same) {
        return InvalidArgumentError(
            "the parser to start from has other labels or another transition system (" +
            std::to_string(init.num_labels()) + " labels vs " + std::to_string(nl) +
            "): it was not trained on the same data with the same --non-monotonic and "
            "--right-to-left");
      }
      pt.SetBase(init.model());
    }
    if (opts.beam > 1) {
      p.non_monotonic_ = opts.non_monotonic;
      p.beam_ = std::min(opts.beam, Parser::kMaxBeam);
      TrainGlobal(infos, tags, golds, views, opts, &p, &pt);
      p.model_ = pt.Average(2e-3f);
      return Status::OK();
    }
    std::vector<int> order(golds.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::uint64_t rng = opts.seed * 7919 + 17;
    std::uint64_t keys[Parser::kMaxFeatures];
    std::vector<float> scores(nc);
    std::vector<int> cost(nc);
    const bool nm = opts.non_monotonic;
    p.non_monotonic_ = nm;
    ParseState st;
    for (int epoch = 0; epoch < opts.epochs; ++epoch) {
      Shuffle(&order, &rng);
      long correct = 0, total = 0, arcs_ok = 0, arcs = 0;
      for (int si : order) {
        const Gold& g = golds[si];
        const int n = static_cast<int>(g.head.size());
        Walk(g, nm, nl, epoch > 0, &rng, &st, &cost, &arcs_ok, [&]() {
          int nk = Parser::Features(st, infos[si], tags[si], keys,
                                    views.empty() ? nullptr : &views[si], p.lite_);
          std::fill(scores.begin(), scores.end(), 0.0f);
          pt.Score(keys, nk, scores.data());
          const Choice ch = Choose(cost, scores.data());
          if (cost[ch.pred] != ch.min_cost) {
            pt.Update(keys, nk, ch.best_gold, ch.pred);
          } else {
            ++correct;
          }
          ++total;
          pt.Tick();
          return ch;
        });
        arcs += n;
      }
      if (opts.checkpoint && epoch + 1 >= opts.checkpoint_from && epoch + 1 < opts.epochs) {
        p.model_ = pt.Average(2e-3f);
        opts.checkpoint(p, epoch + 1);
      }
      if (opts.log) {
        opts.log("parser epoch " + std::to_string(epoch + 1) + ": transitions " +
                 std::to_string(100.0 * correct / std::max<long>(total, 1)) + "%, train UAS " +
                 std::to_string(100.0 * arcs_ok / std::max<long>(arcs, 1)));
      }
    }
    p.model_ = pt.Average(2e-3f);
    return Status::OK();
  }

 private:
  // Walks one training sentence with the dynamic oracle: in each
  // configuration *st, with its costs in *cost, `decide` scores (and
  // learns) and returns its Choice; the walk follows the best least-cost
  // class, or with `explore` the prediction 9 times in 10 (error
  // exploration). Adds the words that end with their gold head to *arcs_ok.
  template <typename Decide>
  static void Walk(const Gold& g, bool nm, int nl, bool explore, std::uint64_t* rng,
                   ParseState* st, std::vector<int>* cost, long* arcs_ok, Decide&& decide) {
    const int n = static_cast<int>(g.head.size());
    st->Init(n);
    while (!st->Terminal()) {
      if (nm) {
        RepairCosts(*st, g, nl, cost);
      } else {
        Costs(*st, g, nl, cost);
      }
      const Choice ch = decide();
      int next = ch.best_gold;
      if (explore && (Mix64((*rng)++) % 10) < 9) next = ch.pred;
      Parser::Apply(st, next, nl);
    }
    for (int i = 0; i < n; ++i) *arcs_ok += st->head[i] == g.head[i];
  }

  // Training of the dense scorer (dense_scorer.h): the same walk through
  // the transitions as the perceptron's, with the dynamic oracle's costs as
  // targets; the first epoch follows the oracle, later ones the network's
  // own prediction 9 times in 10 (error exploration). With
  // TrainOptions::mix_partners, as the partner of perceptrons (train.h).
  static Status TrainDense(const std::vector<std::vector<WordInfo>>& infos,
                           const std::vector<std::vector<std::uint64_t>>& tags,
                           const std::vector<Gold>& golds, const std::vector<int>& source,
                           const Tagger& tagger, const TrainOptions& opts, Parser* parser) {
    Parser& p = *parser;
    const int nl = p.num_labels(), nc = p.num_classes();
    const bool nm = p.non_monotonic_;
    // Each partner's class of each of our classes (-1: a label it lacks).
    const int partners = static_cast<int>(opts.mix_partners.size());
    std::vector<std::vector<int>> partner_class(partners);
    for (int f = 0; f < partners; ++f) {
      const Parser& q = *opts.mix_partners[f];
      if (q.dense_ || q.beam_ > 1 || q.guided() || q.non_monotonic_ != nm ||
          q.right_to_left_ != opts.right_to_left) {
        return InvalidArgumentError(
            "mix partner " + std::to_string(f + 1) +
            " is not a greedy perceptron of the same transition system and direction");
      }
      std::map<std::string, int, std::less<>> qlabel;
      for (int l = 0; l < q.num_labels(); ++l) qlabel.emplace(q.label(l), l);
      std::vector<int>& m = partner_class[f];
      m.assign(nc, -1);
      m[Parser::kShift] = Parser::kShift;
      m[Parser::kReduce] = Parser::kReduce;
      for (int l = 0; l < nl; ++l) {
        auto it = qlabel.find(p.label(l));
        if (it == qlabel.end()) continue;
        m[Parser::kFirstArc + l] = Parser::kFirstArc + it->second;
        m[Parser::kFirstArc + nl + l] = Parser::kFirstArc + q.num_labels() + it->second;
      }
    }
    // The vocabulary: lower-cased forms seen at least twice, most frequent
    // first (ties by key, so the order is deterministic).
    std::map<std::uint64_t, int> counts;
    for (const auto& s : infos) {
      for (const WordInfo& w : s) ++counts[w.lower];
    }
    std::vector<std::pair<int, std::uint64_t>> by_count;
    for (const auto& [key, count] : counts) {
      if (count >= 2) by_count.emplace_back(-count, key);
    }
    std::sort(by_count.begin(), by_count.end());
    std::vector<std::uint64_t> words, tag_keys;
    for (const auto& [count, key] : by_count) words.push_back(key);
    for (int t = 0; t < tagger.num_tags(); ++t) tag_keys.push_back(tagger.tag_key(t));
    // Pretrained vectors: their words (forms of the lower-cased corpus, so
    // keyed as WordInfo::lower) join after the training words, and every
    // vocabulary word with a vector starts from it, scaled to unit length.
    const WordVectors* vec = opts.dense_vectors;
    std::vector<int> vector_row;  // vocabulary index -> row in *vec, or -1
    if (vec) {
      std::map<std::uint64_t, int> row_of;
      for (std::size_t i = 0; i < vec->words.size(); ++i) {
        row_of.emplace(HashStr(vec->words[i]), static_cast<int>(i));
      }
      std::set<std::uint64_t> known(words.begin(), words.end());
      for (std::size_t i = 0; i < vec->words.size(); ++i) {
        const std::uint64_t key = HashStr(vec->words[i]);
        if (known.insert(key).second) words.push_back(key);
      }
      for (std::uint64_t key : words) {
        auto it = row_of.find(key);
        vector_row.push_back(it == row_of.end() ? -1 : it->second);
      }
    }
    DenseNet net;
    net.Init(opts.dense_config, words, tag_keys, nl, nc, opts.seed);
    if (vec) {
      std::vector<float>& emb = *net.mutable_params(DenseNet::kWordGroup);
      const int dim = vec->dim;
      int with_vector = 0;
      for (std::size_t i = 0; i < vector_row.size(); ++i) {
        if (vector_row[i] < 0) continue;
        const float* v = vec->row(static_cast<std::size_t>(vector_row[i]));
        double norm = 0;
        for (int d = 0; d < dim; ++d) norm += static_cast<double>(v[d]) * v[d];
        const float scale = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
        float* out = emb.data() + (DenseNet::kFirstWord + i) * dim;
        for (int d = 0; d < dim; ++d) out[d] = v[d] * scale;
        ++with_vector;
      }
      if (opts.log) {
        opts.log("dense parser: " + std::to_string(with_vector) + " of " +
                 std::to_string(words.size()) + " vocabulary words start from a vector");
      }
    }
    if (opts.init) {
      // Fine-tuning: the network to start from was trained on the same
      // data with the same vectors and network options.
      const Parser& init = *opts.init;
      const DenseNet& from = *init.dense_;
      if (init.labels_ != p.labels_ || init.non_monotonic_ != nm || from.quantized() ||
          from.input_size() != net.input_size() || from.num_classes() != nc ||
          from.config().hidden != opts.dense_config.hidden ||
          from.config().activation != opts.dense_config.activation ||
          from.vocab(DenseNet::kWordGroup) != net.vocab(DenseNet::kWordGroup)) {
        return InvalidArgumentError(
            "the network to start from has other labels, transitions, vocabulary or layers, or "
            "is quantized: train it on the same data with the same --dense options");
      }
      net = from;
    }
    DenseTrainOptions to = opts.dense_train;
    to.seed = opts.seed;
    DenseTrainer trainer(&net, to);
    if (opts.log) {
      opts.log("dense parser: " + std::to_string(words.size()) + " words, " +
               std::to_string(tag_keys.size()) + " tags, input " +
               std::to_string(net.input_size()) + ", hidden " +
               std::to_string(opts.dense_config.hidden) + ", " + std::to_string(nc) + " classes");
    }
    std::vector<std::vector<int>> word_ids(golds.size()), tag_ids(golds.size());
    for (std::size_t si = 0; si < golds.size(); ++si) {
      word_ids[si].resize(infos[si].size());
      tag_ids[si].resize(infos[si].size());
      net.SentenceIds(infos[si], tags[si], word_ids[si].data(), tag_ids[si].data());
    }
    // Word dropout: the probability that each vocabulary id is read as
    // unknown in a training sentence.
    std::vector<float> drop(DenseNet::kFirstWord + words.size(), 0.0f);
    const float alpha = opts.dense_train.word_dropout;
    for (std::size_t i = 0; i < by_count.size() && alpha > 0; ++i) {
      drop[DenseNet::kFirstWord + i] = alpha / (alpha - static_cast<float>(by_count[i].first));
    }
    std::vector<int> sentence_words;
    std::uint64_t drop_rng = opts.seed * 104729 + 5;
    std::vector<int> order(golds.size());
    std::iota(order.begin(), order.end(), 0);
    std::uint64_t rng = opts.seed * 7919 + 17;
    std::vector<float> scores(nc);
    std::vector<int> cost(nc);
    int atoms[DenseNet::kAtoms];
    ParseState st;
    std::vector<float> offset(nc);
    std::vector<std::int32_t> partner_scores(2 * 256 + Parser::kFirstArc);
    std::uint64_t keys[Parser::kMaxFeatures];
    long alone = 0;  // decisions the partner made alone
    // The partner's scores in its trained units as offsets; true where its
    // best legal class leads the second by the margin (it decides alone).
    auto partner_offsets = [&](int si) {
      const Parser& q = *opts.mix_partners[source[si] % partners];
      const std::vector<int>& m = partner_class[source[si] % partners];
      const int nk = Parser::Features(st, infos[si], tags[si], keys, nullptr, q.lite_);
      std::fill(partner_scores.begin(), partner_scores.end(), 0);
      q.model_.Score(keys, nk, partner_scores.data());
      const float unit = q.model_.scale() > 0 ? q.model_.scale() : 1.0f;
      float best = -1e30f, second = -1e30f, low = 1e30f;
      for (int c = 0; c < nc; ++c) {
        if (cost[c] < 0 || m[c] < 0) continue;
        offset[c] = static_cast<float>(partner_scores[m[c]]) * unit;
        low = std::min(low, offset[c]);
        if (offset[c] > best) {
          second = best;
          best = offset[c];
        } else if (offset[c] > second) {
          second = offset[c];
        }
      }
      for (int c = 0; c < nc; ++c) {
        if (cost[c] >= 0 && m[c] < 0) offset[c] = low;
      }
      return second > -1e30f && best - second >= opts.mix_margin;
    };
    auto publish = [&]() { p.dense_ = std::make_shared<DenseNet>(trainer.Averaged()); };
    for (int epoch = 0; epoch < opts.epochs; ++epoch) {
      const auto start = std::chrono::steady_clock::now();
      Shuffle(&order, &rng);
      long correct = 0, total = 0, arcs_ok = 0, arcs = 0;
      double loss = 0;
      for (int si : order) {
        const Gold& g = golds[si];
        const int n = static_cast<int>(g.head.size());
        sentence_words = word_ids[si];
        for (std::size_t i = 0; i < sentence_words.size() && alpha > 0; ++i) {
          const float u = static_cast<float>(Mix64(drop_rng++) >> 40) * (1.0f / 16777216.0f);
          if (u < drop[sentence_words[i]]) sentence_words[i] = DenseNet::UnknownId(infos[si][i]);
        }
        Walk(g, nm, nl, epoch > 0, &rng, &st, &cost, &arcs_ok, [&]() {
          if (partners > 0 && partner_offsets(si)) {
            ++alone;
            return Choose(cost, offset.data());
          }
          if (partners > 0) {
            for (float& o : offset) o /= opts.mix_weight;
          }
          DenseNet::Atoms(st, sentence_words.data(), tag_ids[si].data(), nl, atoms);
          loss += trainer.Example(atoms, cost.data(), scores.data(),
                                  partners > 0 ? offset.data() : nullptr, opts.mix_plain_loss);
          const Choice ch = Choose(cost, scores.data());
          correct += cost[ch.pred] == ch.min_cost;
          ++total;
          return ch;
        });
        arcs += n;
      }
      trainer.Step();
      const double secs =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (opts.checkpoint && epoch + 1 >= opts.checkpoint_from && epoch + 1 < opts.epochs) {
        publish();
        opts.checkpoint(p, epoch + 1);
      }
      if (opts.log) {
        opts.log("dense parser epoch " + std::to_string(epoch + 1) + ": loss " +
                 std::to_string(loss / std::max<long>(total, 1)) + ", transitions " +
                 std::to_string(100.0 * correct / std::max<long>(total, 1)) + "%, train UAS " +
                 std::to_string(100.0 * arcs_ok / std::max<long>(arcs, 1)) + ", " +
                 (partners > 0 ? std::to_string(alone) + " decided by the partners alone, "
                               : std::string()) +
                 std::to_string(static_cast<int>(secs)) + " s");
      }
      alone = 0;
    }
    publish();
    return Status::OK();
  }

  // Global training (Zhang & Nivre 2011; Huang, Fayong & Guo 2012). Each
  // sentence is decoded with a beam of the parser's width, scored by the
  // current weights; beside it a gold beam of the same width follows only
  // oracle transitions (those of least dynamic-oracle cost in their
  // configuration: every gold derivation, not one fixed sequence). After
  // the sentence, one update is made at the step where the best predicted
  // configuration, not itself a gold one, leads the best gold one by most
  // (max violation; the first such step when they tie): the
  // features of the gold prefix's transitions are rewarded, those of the
  // predicted prefix's penalized (from where the two first differ). The
  // averaging clock advances once per sentence. Both beams keep a history
  // tree of (parent, transition) nodes, so a prefix is replayed from its
  // node; a gold configuration that is also in the predicted beam reuses
  // its scores.
  static void TrainGlobal(const std::vector<std::vector<WordInfo>>& infos,
                          const std::vector<std::vector<std::uint64_t>>& tags,
                          const std::vector<Gold>& golds, const std::vector<GuideView>& views,
                          const TrainOptions& opts, Parser* parser, PerceptronTrainer* pt) {
    const Parser& p = *parser;
    const int k = p.beam_, nl = p.num_labels(), nc = p.num_classes();
    const bool nm = p.non_monotonic_;
    struct Node {
      int parent;
      int cls;
    };
    struct Beam {
      std::vector<ParseState> state;
      std::vector<float> score;
      std::vector<int> node;
      int size = 0;
    };
    Beam pred, gold, next_pred, next_gold;
    for (Beam* b : {&pred, &gold, &next_pred, &next_gold}) {
      b->state.resize(k);
      b->score.resize(k);
      b->node.resize(k);
    }
    std::vector<float> pred_scores(static_cast<std::size_t>(k) * nc), own_scores(nc);
    std::vector<int> cost(nc), gold_path, pred_path;
    std::vector<BeamCandidate<float>> pc, gc;
    std::vector<Node> nodes;
    std::uint64_t keys[Parser::kMaxFeatures];
    ParseState replay_gold, replay_pred;
    std::vector<int> order(golds.size());
    std::iota(order.begin(), order.end(), 0);
    std::uint64_t rng = opts.seed * 7919 + 17;
    auto path = [&](int node, std::vector<int>* out) {
      out->clear();
      for (int x = node; x > 0; x = nodes[x].parent) out->push_back(nodes[x].cls);
      std::reverse(out->begin(), out->end());
    };
    for (int epoch = 0; epoch < opts.epochs; ++epoch) {
      Shuffle(&order, &rng);
      long updates = 0, arcs_ok = 0, arcs = 0;
      for (int si : order) {
        const Gold& g = golds[si];
        const auto& words = infos[si];
        const auto& ts = tags[si];
        const GuideView* gv = views.empty() ? nullptr : &views[si];
        const int n = static_cast<int>(g.head.size());
        nodes.assign(1, Node{-1, -1});
        for (Beam* b : {&pred, &gold}) {
          b->state[0].Init(n);
          b->score[0] = 0;
          b->node[0] = 0;
          b->size = 1;
        }
        float worst = -1;
        int viol_pred = -1, viol_gold = -1;
        while (true) {
          pc.clear();
          gc.clear();
          bool done = true;
          for (int i = 0; i < pred.size; ++i) {
            const ParseState& s = pred.state[i];
            if (s.Terminal()) {
              pc.push_back({pred.score[i], i, -1});
              continue;
            }
            done = false;
            float* sc = &pred_scores[static_cast<std::size_t>(i) * nc];
            const int nk = Parser::Features(s, words, ts, keys, gv, p.lite_);
            std::fill(sc, sc + nc, 0.0f);
            pt->Score(keys, nk, sc);
            Parser::ForEachLegal(s, nl, nm, [&](int lo, int hi) {
              for (int c = lo; c < hi; ++c) pc.push_back({pred.score[i] + sc[c], i, c});
            });
          }
          for (int i = 0; i < gold.size; ++i) {
            const ParseState& s = gold.state[i];
            if (s.Terminal()) {
              gc.push_back({gold.score[i], i, -1});
              continue;
            }
            done = false;
            if (nm) {
              RepairCosts(s, g, nl, &cost);
            } else {
              Costs(s, g, nl, &cost);
            }
            int min_cost = 1 << 30;
            for (int c = 0; c < nc; ++c) {
              if (cost[c] >= 0) min_cost = std::min(min_cost, cost[c]);
            }
            const float* sc = nullptr;
            for (int j = 0; j < pred.size && !sc; ++j) {
              if (pred.node[j] == gold.node[i]) sc = &pred_scores[static_cast<std::size_t>(j) * nc];
            }
            if (!sc) {
              const int nk = Parser::Features(s, words, ts, keys, gv, p.lite_);
              std::fill(own_scores.begin(), own_scores.end(), 0.0f);
              pt->Score(keys, nk, own_scores.data());
              sc = own_scores.data();
            }
            for (int c = 0; c < nc; ++c) {
              if (cost[c] == min_cost) gc.push_back({gold.score[i] + sc[c], i, c});
            }
          }
          if (done) break;
          next_pred.size = SelectBest(&pc, k);
          for (int j = 0; j < next_pred.size; ++j) {
            const auto& c = pc[j];
            next_pred.state[j] = pred.state[c.item];
            next_pred.score[j] = c.score;
            next_pred.node[j] = pred.node[c.item];
            if (c.cls >= 0) {
              Parser::Apply(&next_pred.state[j], c.cls, nl);
              nodes.push_back({pred.node[c.item], c.cls});
              next_pred.node[j] = static_cast<int>(nodes.size()) - 1;
            }
          }
          next_gold.size = SelectBest(&gc, k);
          for (int j = 0; j < next_gold.size; ++j) {
            const auto& c = gc[j];
            const int parent = gold.node[c.item];
            int match = -1;
            for (int q = 0; q < next_pred.size && match < 0 && c.cls >= 0; ++q) {
              if (pc[q].cls == c.cls && pred.node[pc[q].item] == parent) match = q;
            }
            next_gold.score[j] = c.score;
            if (match >= 0) {  // the same configuration is in the predicted beam
              next_gold.state[j] = next_pred.state[match];
              next_gold.node[j] = next_pred.node[match];
              continue;
            }
            next_gold.state[j] = gold.state[c.item];
            next_gold.node[j] = parent;
            if (c.cls >= 0) {
              Parser::Apply(&next_gold.state[j], c.cls, nl);
              nodes.push_back({parent, c.cls});
              next_gold.node[j] = static_cast<int>(nodes.size()) - 1;
            }
          }
          std::swap(pred, next_pred);
          std::swap(gold, next_gold);
          // No legal gold transition left (the exact monotonic oracle always
          // has one; the approximate non-monotonic one might not): update
          // with the violations seen so far.
          if (gold.size == 0) break;
          // A violation: the best predicted configuration is not a gold
          // one and scores at least as high as the best gold one (ties
          // count, so that training starts from all-zero weights).
          bool pred_gold = false;
          for (int j = 0; j < gold.size && !pred_gold; ++j) pred_gold = gold.node[j] == pred.node[0];
          const float violation = pred.score[0] - gold.score[0];
          if (!pred_gold && violation >= 0 && violation > worst) {
            worst = violation;
            viol_pred = pred.node[0];
            viol_gold = gold.node[0];
          }
        }
        for (int i = 0; i < n; ++i) arcs_ok += pred.state[0].head[i] == g.head[i];
        arcs += n;
        if (viol_pred >= 0) {
          ++updates;
          path(viol_gold, &gold_path);
          path(viol_pred, &pred_path);
          std::size_t common = 0;
          while (common < gold_path.size() && common < pred_path.size() &&
                 gold_path[common] == pred_path[common]) {
            ++common;
          }
          replay_gold.Init(n);
          for (std::size_t i = 0; i < common; ++i) Parser::Apply(&replay_gold, gold_path[i], nl);
          replay_pred = replay_gold;
          auto update = [&](ParseState* st, const std::vector<int>& cls, float amount) {
            for (std::size_t i = common; i < cls.size(); ++i) {
              const int nk = Parser::Features(*st, words, ts, keys, gv, p.lite_);
              pt->Update(keys, nk, cls[i], -1, amount);
              Parser::Apply(st, cls[i], nl);
            }
          };
          update(&replay_gold, gold_path, 1.0f);
          update(&replay_pred, pred_path, -1.0f);
        }
        pt->Tick();
      }
      if (opts.checkpoint && epoch + 1 >= opts.checkpoint_from && epoch + 1 < opts.epochs) {
        parser->model_ = pt->Average(2e-3f);
        opts.checkpoint(*parser, epoch + 1);
      }
      if (opts.log) {
        opts.log("parser beam " + std::to_string(k) + " epoch " + std::to_string(epoch + 1) +
                 ": updates " + std::to_string(100.0 * updates / std::max<std::size_t>(golds.size(), 1)) +
                 "% of sentences, train UAS " + std::to_string(100.0 * arcs_ok / std::max<long>(arcs, 1)));
      }
    }
  }

  // Dynamic-oracle cost of each class (-1 = illegal): the number of gold
  // arcs still reachable now that the transition would make unreachable.
  static void Costs(const ParseState& st, const Gold& g, int nl, std::vector<int>* cost) {
    const int n = st.n, b = st.b;
    std::fill(cost->begin(), cost->end(), -1);
    const int s0 = st.stack.empty() ? -1 : st.stack.back();
    auto on_stack = [&](int x) { return x < n && st.loc[x] == ParseState::kOnStack; };
    auto deps_in_buffer = [&](int x) {
      int c = 0;
      for (int k : g.deps[x]) c += k >= b;
      return c;
    };
    auto headless_deps_on_stack = [&](int x) {
      int c = 0;
      for (int k : g.deps[x]) c += on_stack(k) && st.head[k] < 0;
      return c;
    };
    if (b < n) {  // SHIFT
      (*cost)[Parser::kShift] = headless_deps_on_stack(b) + on_stack(g.head[b]);
    }
    if (s0 >= 0 && st.head[s0] >= 0) (*cost)[Parser::kReduce] = deps_in_buffer(s0);
    if (s0 >= 0 && st.head[s0] < 0) {  // LEFT
      int base = deps_in_buffer(s0) + (g.head[s0] != b && g.head[s0] >= b);
      for (int l = 0; l < nl; ++l) {
        (*cost)[Parser::kFirstArc + l] = base + (g.head[s0] == b && g.label[s0] != l);
      }
    }
    if (s0 >= 0 && b < n) {  // RIGHT
      int base = headless_deps_on_stack(b);
      int gh = g.head[b];
      if (gh != s0 && (gh >= b || on_stack(gh))) ++base;
      for (int l = 0; l < nl; ++l) {
        (*cost)[Parser::kFirstArc + nl + l] = base + (gh == s0 && g.label[b] != l);
      }
    }
  }

  // The costs with the repair transitions, after Honnibal & Johnson
  // (2015) (approximate, like theirs; never below 0): an arc counts as
  // lost when neither the monotonic transitions nor a repair can still
  // build it. A word that has a head can still take another one by
  // LEFT-ARC, and an Unshift (REDUCE of a headless word) loses no arc: it
  // is preferred when the word has gold arcs to the stack (it gets back
  // to them) and avoided when it has gold arcs to the buffer.
  static void RepairCosts(const ParseState& st, const Gold& g, int nl, std::vector<int>* cost) {
    const int n = st.n;
    std::fill(cost->begin(), cost->end(), -1);
    const int s0 = st.stack.empty() ? -1 : st.stack.back();
    const int n0 = st.B(0);
    auto on_stack = [&](int x) { return x < n && st.loc[x] == ParseState::kOnStack; };
    auto in_buffer = [&](int x) { return x == n || st.loc[x] == ParseState::kInBuffer; };
    auto deps_on_stack = [&](int x) {
      int c = 0;
      for (int k : g.deps[x]) c += on_stack(k);
      return c;
    };
    auto deps_in_buffer = [&](int x) {
      int c = 0;
      for (int k : g.deps[x]) c += in_buffer(k);
      return c;
    };
    const int push_cost = n0 < n ? on_stack(g.head[n0]) + deps_on_stack(n0) : 0;
    const int pop_cost = s0 >= 0 ? in_buffer(g.head[s0]) + deps_in_buffer(s0) : 0;
    for (int c = 0; c < Parser::kFirstArc + 2 * nl; c += c < Parser::kFirstArc ? 1 : nl) {
      if (!Parser::Legal(st, c, nl, /*non_monotonic=*/true)) continue;  // also the step limit
      if (c == Parser::kShift) {
        (*cost)[c] = push_cost;
      } else if (c == Parser::kReduce) {
        int x = pop_cost;
        if (st.head[s0] < 0) x -= on_stack(g.head[s0]) + deps_on_stack(s0);
        (*cost)[c] = std::max(x, 0);
      } else if (c == Parser::kFirstArc) {  // LEFT
        int base = pop_cost;
        if (st.head[s0] >= 0) {
          base += g.head[s0] == st.head[s0];  // overwrites a gold arc
        } else {
          base += on_stack(g.head[s0]) + deps_on_stack(s0);
        }
        const bool to_gold = g.head[s0] == n0;
        for (int l = 0; l < nl; ++l) {
          (*cost)[c + l] = std::max(base - to_gold + (to_gold && g.label[s0] != l), 0);
        }
      } else {  // RIGHT
        int base = push_cost;
        const bool from_gold = g.head[n0] == s0;
        if (!from_gold && in_buffer(g.head[n0]) && !st.unshiftable[n0]) ++base;
        for (int l = 0; l < nl; ++l) {
          (*cost)[c + l] = std::max(base - from_gold + (from_gold && g.label[n0] != l), 0);
        }
      }
    }
  }
};

text::ConlluSentence ReversedSentence(const text::ConlluSentence& s) {
  text::ConlluSentence r = s;
  r.mwts.clear();
  const int n = static_cast<int>(s.words.size());
  for (int i = 0; i < n; ++i) {
    text::ConlluWord& w = r.words[i];
    w = s.words[n - 1 - i];
    w.id = i + 1;
    if (w.head > 0 && w.head <= n) w.head = n + 1 - w.head;
    w.deps.clear();  // enhanced dependencies would name the old ids
  }
  return r;
}

Status TrainParser(const std::vector<text::ConlluSentence>& train, const Tagger& tagger,
                   const TrainOptions& opts, Parser* parser) {
  // A right-to-left parser is trained on the reversed sentences (Train()
  // records the direction in the model).
  std::vector<text::ConlluSentence> reversed;
  if (opts.right_to_left) {
    reversed.reserve(train.size());
    for (const auto& s : train) reversed.push_back(ReversedSentence(s));
  }
  const auto& data = opts.right_to_left ? reversed : train;
  if (opts.ensemble <= 1) return ParserTrainer::Train(data, tagger, opts, parser);
  if (opts.dense) return InvalidArgumentError("a dense parser cannot be an --ensemble (mean weights)");
  // Parameter averaging of independently trained parsers: the same data
  // and labels, only the shuffling and exploration seed differ.
  std::vector<Parser> parsers(opts.ensemble);
  for (int k = 0; k < opts.ensemble; ++k) {
    TrainOptions o = opts;
    o.seed = opts.seed + static_cast<std::uint64_t>(k);
    o.checkpoint = nullptr;
    if (opts.log) {
      opts.log("parser: ensemble member " + std::to_string(k + 1) + ", seed " + std::to_string(o.seed));
    }
    RETURN_IF_ERROR(ParserTrainer::Train(data, tagger, o, &parsers[k]));
  }
  return MeanParser(parsers, parser);
}

StatusOr<std::vector<text::ConlluSentence>> ParseExtraTrees(std::string_view data,
                                                            const std::string& name,
                                                            const Tagger& tagger, int min_agree) {
  ASSIGN_OR_RETURN(std::vector<text::ConlluSentence> all, text::ParseConllu(data, name));
  std::set<std::string, std::less<>> tags;
  for (int t = 0; t < tagger.num_tags(); ++t) tags.insert(tagger.upos(t) + "/" + tagger.xpos(t));
  std::vector<text::ConlluSentence> kept;
  for (auto& s : all) {
    auto fail = [&name](int line, const std::string& why) {
      return InvalidArgumentError(name + ":" + std::to_string(line) + ": " + why);
    };
    const int n = static_cast<int>(s.words.size());
    int roots = 0;
    for (int i = 0; i < n; ++i) {
      const auto& w = s.words[i];
      const int line = w.line;
      if (w.id != i + 1) {
        return fail(line, "word id " + std::to_string(w.id) + " where " + std::to_string(i + 1) +
                              " was expected");
      }
      if (!tags.count(JointTag(w))) {
        return fail(line, "tag " + JointTag(w) + " is not a tag of the tagger (UPOS/XPOS)");
      }
      if (w.head < 0 || w.head > n) {
        return fail(line, "head " + (w.head < 0 ? std::string("_") : std::to_string(w.head)) +
                              " is not a word of the sentence (1-" + std::to_string(n) +
                              ") or 0");
      }
      if (w.deprel.empty() || w.deprel == "_") return fail(line, "no relation");
      if ((w.head == 0) != (w.deprel == "root")) {
        return fail(line, "relation " + w.deprel + " with head " + std::to_string(w.head) +
                              ": only the root word has relation root");
      }
      roots += w.head == 0;
    }
    if (roots != 1) {
      return fail(s.line, std::to_string(roots) + " words attached to the root (one expected)");
    }
    for (int i = 0; i < n; ++i) {  // every word reaches the root: no cycle
      int x = i + 1, steps = 0;
      while (x != 0 && steps <= n) x = s.words[x - 1].head, ++steps;
      if (x != 0) return fail(s.words[i].line, "the heads make a cycle");
    }
    if (min_agree > 0) {
      const std::string* agree = nullptr;
      for (const auto& [key, value] : s.comments) {
        if (key == kAgreeComment) agree = &value;
      }
      if (!agree) {
        return fail(s.line, std::string("no \"# ") + kAgreeComment +
                                " = K\" comment before the sentence (needed to filter by "
                                "agreement)");
      }
      char* end = nullptr;
      const long k = std::strtol(agree->c_str(), &end, 10);
      if (agree->empty() || *end != '\0' || k < 0) {
        return fail(s.line, "bad agreement count '" + *agree + "'");
      }
      if (k < min_agree) continue;
    }
    kept.push_back(std::move(s));
  }
  if (all.empty()) return InvalidArgumentError(name + ": no sentences");
  return kept;
}

StatusOr<std::vector<text::ConlluSentence>> ReadExtraTrees(const std::string& path,
                                                           const Tagger& tagger, int min_agree) {
  auto data = ReadFile(path);
  if (!data.ok()) return data.status().WithContext(path);
  return ParseExtraTrees(*data, path, tagger, min_agree);
}

bool IsProjectiveTree(const text::ConlluSentence& s) {
  const int n = static_cast<int>(s.words.size());
  std::vector<int> heads(n);
  for (int i = 0; i < n; ++i) {
    const int h = s.words[i].head;
    if (h < 0 || h > n) return false;
    heads[i] = h == 0 ? n : h - 1;
  }
  return IsProjective(heads, n);
}

Status MeanParser(const std::vector<Parser>& parsers, Parser* out) {
  if (parsers.empty()) return InvalidArgumentError("no parser to average");
  std::vector<LinearModel> models;
  for (std::size_t i = 0; i < parsers.size(); ++i) {
    const Parser& p = parsers[i];
    const std::string which = "parser " + std::to_string(i + 1) + " of " +
                              std::to_string(parsers.size()) + " differs from the first";
    if (p.dense()) return InvalidArgumentError("parser " + std::to_string(i + 1) +
                                               " is a dense parser: only perceptron weights "
                                               "can be averaged");
    if (p.net()) {
      return InvalidArgumentError("parser " + std::to_string(i + 1) +
                                  " carries a mixed-in network (--mix-net): average the "
                                  "perceptrons, then mix a network into the mean");
    }
    if (p.non_monotonic() != parsers[0].non_monotonic()) {
      return InvalidArgumentError(which + " in its transition system (--non-monotonic)");
    }
    if (p.guided() != parsers[0].guided()) {
      return InvalidArgumentError(which + " in being guided (--guide)");
    }
    if (p.guided() && p.guide() != parsers[0].guide()) {
      // The mean keeps the first file's guide, so every file's must be the same.
      ByteWriter a, b;
      p.guide()->Save(&a);
      parsers[0].guide()->Save(&b);
      if (a.data() != b.data()) return InvalidArgumentError(which + " in its guide parser");
    }
    if (p.lite() != parsers[0].lite()) {
      return InvalidArgumentError(which + " in its feature set (--lite)");
    }
    if (p.right_to_left() != parsers[0].right_to_left()) {
      return InvalidArgumentError(which + " in its direction (--right-to-left)");
    }
    if (p.beam_width() != parsers[0].beam_width()) {
      return InvalidArgumentError(which + " in its beam width (" +
                                  std::to_string(p.beam_width()) + " vs " +
                                  std::to_string(parsers[0].beam_width()) + ")");
    }
    bool same = p.num_labels() == parsers[0].num_labels();
    for (int l = 0; same && l < p.num_labels(); ++l) same = p.label(l) == parsers[0].label(l);
    if (!same) {
      return InvalidArgumentError(which + " in its dependency labels (" +
                                  std::to_string(p.num_labels()) + " vs " +
                                  std::to_string(parsers[0].num_labels()) +
                                  "): not trained on the same data");
    }
    models.push_back(p.model());
  }
  *out = parsers[0];
  ParserTrainer::SetModel(out, LinearModel::Mean(models));
  return Status::OK();
}

}  // namespace dyad::analyze
