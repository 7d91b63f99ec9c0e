// Training the parser: pseudo-projective lifting (Nivre & Nilsson 2005,
// "head" encoding), the arc-eager dynamic oracle of
// Goldberg & Nivre (2012), and error-exploring perceptron training. With
// TrainOptions::non_monotonic, the repair transitions of parser.h and the
// approximate oracle of Honnibal & Johnson (2015) for them.
#include <algorithm>
#include <map>

#include "analyze/features.h"
#include "analyze/train.h"
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

// Lifts non-projective arcs (shortest first) until the tree is projective.
void Projectivize(std::vector<int>* heads, int n) {
  for (int round = 0; round < 4 * n + 4; ++round) {
    int best = -1, best_len = 1 << 30;
    for (int d = 0; d < n; ++d) {
      int h = (*heads)[d];
      int lo = std::min(h, d), hi = std::max(h, d);
      bool proj = true;
      for (int k = lo + 1; k < hi && proj; ++k) proj = Dominates(*heads, h, k, n);
      if (!proj && hi - lo < best_len) best = d, best_len = hi - lo;
    }
    if (best < 0) return;
    int h = (*heads)[best];
    (*heads)[best] = h == n ? n : (*heads)[h];
  }
}

struct Gold {
  std::vector<int> head;   // size n; root = n
  std::vector<int> label;
  std::vector<std::vector<int>> deps;
};

}  // namespace

class ParserTrainer {
 public:
  static void SetModel(Parser* p, LinearModel m) { p->model_ = std::move(m); }
  // A lifted relation pair seen fewer times keeps the plain relation.
  static constexpr int kMinLifted = 20;
  static Status Train(const std::vector<text::ConlluSentence>& train, const Tagger& tagger,
                      const TrainOptions& opts, Parser* parser) {
    Parser& p = *parser;
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
    std::vector<std::vector<WordInfo>> infos;
    std::vector<std::vector<std::uint64_t>> tags;
    std::vector<Gold> golds;
    std::vector<std::string_view> forms;
    for (std::size_t si = 0; si < train.size(); ++si) {
      const auto& s = train[si];
      const int n = static_cast<int>(s.words.size());
      if (proj_heads[si].size() != static_cast<std::size_t>(n)) continue;  // bad heads
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
    }

    PerceptronTrainer pt(nc);
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
        st.Init(n);
        while (!st.Terminal()) {
          int nk = Parser::Features(st, infos[si], tags[si], keys);
          std::fill(scores.begin(), scores.end(), 0.0f);
          pt.Score(keys, nk, scores.data());
          if (nm) {
            RepairCosts(st, g, nl, &cost);
          } else {
            Costs(st, g, nl, &cost);
          }
          int pred = -1, best_gold = -1, min_cost = 1 << 30;
          for (int c = 0; c < nc; ++c) {
            if (cost[c] < 0) continue;  // illegal
            if (pred < 0 || scores[c] > scores[pred]) pred = c;
            min_cost = std::min(min_cost, cost[c]);
          }
          for (int c = 0; c < nc; ++c) {
            if (cost[c] == min_cost && (best_gold < 0 || scores[c] > scores[best_gold])) best_gold = c;
          }
          if (cost[pred] != min_cost) {
            pt.Update(keys, nk, best_gold, pred);
          } else {
            ++correct;
          }
          ++total;
          pt.Tick();
          int next = best_gold;
          if (epoch > 0 && (Mix64(rng++) % 10) < 9) next = pred;
          Parser::Apply(&st, next, nl);
        }
        for (int i = 0; i < n; ++i) {
          arcs_ok += st.head[i] == g.head[i];
          ++arcs;
        }
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

Status TrainParser(const std::vector<text::ConlluSentence>& train, const Tagger& tagger,
                   const TrainOptions& opts, Parser* parser) {
  if (opts.ensemble <= 1) return ParserTrainer::Train(train, tagger, opts, parser);
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
    RETURN_IF_ERROR(ParserTrainer::Train(train, tagger, o, &parsers[k]));
  }
  return MeanParser(parsers, parser);
}

Status MeanParser(const std::vector<Parser>& parsers, Parser* out) {
  if (parsers.empty()) return InvalidArgumentError("no parser to average");
  std::vector<LinearModel> models;
  for (std::size_t i = 0; i < parsers.size(); ++i) {
    const Parser& p = parsers[i];
    const std::string which = "parser " + std::to_string(i + 1) + " of " +
                              std::to_string(parsers.size()) + " differs from the first";
    if (p.non_monotonic() != parsers[0].non_monotonic()) {
      return InvalidArgumentError(which + " in its transition system (--non-monotonic)");
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
