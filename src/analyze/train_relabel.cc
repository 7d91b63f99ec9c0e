// Training the second-stage arc labeler (relabeler.h): jackknifed parses
// of the training sentences, then an averaged perceptron over their arcs.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "analyze/relabeler.h"
#include "analyze/train.h"
#include "util/status_macros.h"

namespace dyad::analyze {
namespace {

// The tagger's tag key of each word's (predicted) UPOS/XPOS, as the parser
// trainer computes it (an unknown pair gets tag 0's key).
std::vector<std::uint64_t> TagKeys(const text::ConlluSentence& s,
                                   const Tagger& tagger,
                                   const std::map<std::string, int>& tag_ids) {
  std::vector<std::uint64_t> keys;
  for (const auto& w : s.words) {
    auto it = tag_ids.find(JointTag(w));
    keys.push_back(tagger.tag_key(it == tag_ids.end() ? 0 : it->second));
  }
  return keys;
}

std::map<std::string, int> TagIds(const Tagger& tagger) {
  std::map<std::string, int> ids;
  for (int t = 0; t < tagger.num_tags(); ++t)
    ids[tagger.upos(t) + "/" + tagger.xpos(t)] = t;
  return ids;
}

void Prepare(const text::ConlluSentence& s, const Tagger& tagger,
             std::vector<WordInfo>* info) {
  std::vector<std::string_view> forms;
  for (const auto& w : s.words) forms.push_back(w.form);
  tagger.Prepare(forms, info);
}

}  // namespace

class RelabelerTrainer {
 public:
  static Status Train(const std::vector<text::ConlluSentence>& data,
                      const std::vector<PredictedTree>& parses,
                      const Tagger& tagger, const RelabelOptions& opts,
                      Relabeler* out) {
    if (parses.size() != data.size()) {
      return InvalidArgumentError(
          "relabeler: " + std::to_string(parses.size()) + " parses for " +
          std::to_string(data.size()) + " sentences");
    }
    Relabeler& r = *out;
    // Labels: the gold relations and whatever the parser said.
    std::set<std::string> names;
    for (std::size_t i = 0; i < data.size(); ++i) {
      for (const auto& w : data[i].words) names.insert(w.deprel);
      for (const auto& l : parses[i].label) names.insert(l);
    }
    r.labels_.assign(names.begin(), names.end());
    if (r.labels_.size() > Relabeler::kMaxLabels) {
      return InvalidArgumentError("relabeler: more than " +
                                  std::to_string(Relabeler::kMaxLabels) +
                                  " dependency labels");
    }
    r.parser_label_ = opts.parser_label;
    r.min_margin_ = std::max(opts.min_margin, 0.0f);
    r.root_label_ = r.LabelId("root");
    if (r.root_label_ < 0)
      return InvalidArgumentError("relabeler: no root label in training data");
    // Coarse tags.
    std::set<std::string> upos;
    for (int t = 0; t < tagger.num_tags(); ++t) upos.insert(tagger.upos(t));
    std::map<std::string, int> upos_id;
    for (const auto& u : upos)
      upos_id[u] = static_cast<int>(upos_id.size()) + 1;
    r.num_upos_ = static_cast<int>(upos_id.size());
    r.punct_upos_ = upos_id.count("PUNCT") ? upos_id["PUNCT"] : 0;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> tag_pairs;
    for (int t = 0; t < tagger.num_tags(); ++t) {
      tag_pairs.emplace_back(tagger.tag_key(t), static_cast<std::uint32_t>(
                                                    upos_id[tagger.upos(t)]));
    }
    r.upos_of_tag_.Build(tag_pairs);

    // The training sentences as run time sees them.
    const auto tag_ids = TagIds(tagger);
    struct Item {
      std::vector<WordInfo> words;
      std::vector<std::uint64_t> tags;
      std::vector<int> heads, labels,
          gold;  // gold: target label or -1 (not trained)
    };
    std::vector<Item> items;
    std::map<std::uint32_t, Relabeler::LabelSet> allowed;
    Relabeler::Tree tree;
    long arcs = 0, used = 0, parser_right = 0;
    for (std::size_t si = 0; si < data.size(); ++si) {
      const auto& s = data[si];
      const auto& p = parses[si];
      const int n = static_cast<int>(s.words.size());
      if (static_cast<int>(p.head.size()) != n ||
          static_cast<int>(p.label.size()) != n) {
        return InvalidArgumentError("relabeler: the parse of sentence " +
                                    std::to_string(si + 1) + " (" + s.sent_id +
                                    ") has the wrong number of words");
      }
      Item it;
      Prepare(s, tagger, &it.words);
      it.tags = TagKeys(s, tagger, tag_ids);
      it.heads = p.head;
      it.labels.resize(n);
      it.gold.assign(n, -1);
      for (int i = 0; i < n; ++i) it.labels[i] = r.LabelId(p.label[i]);
      r.BuildTree(it.words, it.tags, it.heads, &tree);
      tree.labels = it.labels;
      for (int i = 0; i < n; ++i) {
        const int h = p.head[i];
        if (h < 0 || h >= n) continue;
        ++arcs;
        const int gold_head = s.words[i].head - 1;  // -1 = root
        const int gl = r.LabelId(s.words[i].deprel);
        if (gl == r.root_label_) continue;
        if (gold_head != h && !opts.wrong_heads) continue;
        it.gold[i] = gl;
        ++used;
        parser_right += it.labels[i] == gl;
        auto& set = allowed[Relabeler::PairKey(tree.upos[i], tree.upos[h])];
        set[gl >> 6] |= std::uint64_t{1} << (gl & 63);
      }
      items.push_back(std::move(it));
    }
    std::vector<std::pair<std::uint64_t, std::uint32_t>> index;
    r.allowed_.clear();
    for (const auto& [key, set] : allowed) {
      index.emplace_back(key, static_cast<std::uint32_t>(r.allowed_.size()));
      r.allowed_.push_back(set);
    }
    r.allowed_index_.Build(index);
    if (opts.log) {
      opts.log("relabeler: " + std::to_string(r.num_labels()) + " labels, " +
               std::to_string(arcs) + " predicted arcs, " +
               std::to_string(used) +
               " trained; the parser's label is right on " +
               std::to_string(100.0 * parser_right / std::max<long>(used, 1)) +
               "% of them");
    }

    const int nl = r.num_labels();
    std::vector<LinearModel> members;
    for (int member = 0; member < std::max(opts.ensemble, 1); ++member) {
      PerceptronTrainer pt(nl);
      std::vector<int> order(items.size());
      for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int>(i);
      std::uint64_t rng =
          (opts.seed + static_cast<std::uint64_t>(member)) * 6151 + 29;
      std::uint64_t keys[Relabeler::kMaxFeatures];
      std::vector<float> scores(nl);
      for (int epoch = 0; epoch < opts.epochs; ++epoch) {
        Shuffle(&order, &rng);
        long correct = 0, total = 0;
        for (int si : order) {
          const Item& it = items[si];
          tree.labels = it.labels;
          r.BuildTree(it.words, it.tags, it.heads, &tree);
          for (int d = 0; d < static_cast<int>(it.heads.size()); ++d) {
            if (it.gold[d] < 0) continue;
            const int nk =
                Relabeler::Features(tree, d, opts.parser_label, keys);
            std::fill(scores.begin(), scores.end(), 0.0f);
            pt.Score(keys, nk, scores.data());
            Relabeler::LabelSet allow = r.Allowed(tree, d);
            int pred = -1;
            for (int w = 0; w < 2; ++w) {
              for (std::uint64_t m = allow[w]; m; m &= m - 1) {
                const int l = w * 64 + __builtin_ctzll(m);
                if (pred < 0 || scores[l] > scores[pred]) pred = l;
              }
            }
            if (pred != it.gold[d]) {
              pt.Update(keys, nk, it.gold[d], pred);
            } else {
              ++correct;
            }
            ++total;
            pt.Tick();
          }
        }
        if (opts.log) {
          opts.log("relabeler epoch " + std::to_string(epoch + 1) +
                   ": train label accuracy " +
                   std::to_string(100.0 * correct / std::max<long>(total, 1)));
        }
      }
      members.push_back(pt.Average(2e-3f));
    }
    r.model_ = members.size() == 1 ? std::move(members[0])
                                   : LinearModel::Mean(members);
    if (opts.prune > 0) r.model_.Prune(opts.prune);
    r.from_parser_.clear();
    r.to_parser_.clear();
    return Status::OK();
  }
};

Status TrainRelabeler(const std::vector<text::ConlluSentence>& data,
                      const std::vector<PredictedTree>& parses,
                      const Tagger& tagger, const RelabelOptions& opts,
                      Relabeler* out) {
  return RelabelerTrainer::Train(data, parses, tagger, opts, out);
}

std::vector<int> JackknifeHeldOut(int n, int folds, int f) {
  std::vector<int> out;
  for (int i = f; i < n; i += folds) out.push_back(i);
  return out;
}

std::vector<int> JackknifeTrainingSentences(int n, int folds, int f) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i) {
    if (i % folds != f) out.push_back(i);
  }
  return out;
}

Status JackknifeParses(const std::vector<text::ConlluSentence>& data,
                       const Tagger& tagger, int folds, float prune,
                       const TrainOptions& opts,
                       std::vector<PredictedTree>* out, int threads) {
  if (folds < 2)
    return InvalidArgumentError("jackknifed parses need at least 2 folds");
  const int n = static_cast<int>(data.size());
  out->assign(n, PredictedTree());
  const auto tag_ids = TagIds(tagger);
  std::vector<Status> status(folds);
  auto run_fold = [&](int f) {
    std::vector<text::ConlluSentence> part;
    for (int i : JackknifeTrainingSentences(n, folds, f)) part.push_back(data[i]);
    TrainOptions o = opts;
    o.seed = opts.seed + static_cast<std::uint64_t>(f);
    o.ensemble = 1;
    o.log = nullptr;
    o.checkpoint = nullptr;
    Parser parser;
    status[f] = TrainParser(part, tagger, o, &parser);
    if (!status[f].ok()) return;
    if (prune > 0) parser.Prune(prune);
    std::vector<WordInfo> info;
    std::vector<int> heads, labels;
    for (int i : JackknifeHeldOut(n, folds, f)) {
      Prepare(data[i], tagger, &info);
      const auto keys = TagKeys(data[i], tagger, tag_ids);
      PredictedTree& t = (*out)[i];
      t.head.clear();
      t.label.clear();
      if (data[i].words.empty()) continue;
      parser.Parse(info, keys, &heads, &labels);
      for (std::size_t k = 0; k < heads.size(); ++k) {
        t.head.push_back(heads[k]);
        t.label.push_back(parser.label(labels[k]));
      }
    }
  };
  const int step = threads >= 2 ? 2 : 1;
  for (int f = 0; f < folds; f += step) {
    std::thread second;
    if (step == 2 && f + 1 < folds) second = std::thread(run_fold, f + 1);
    run_fold(f);
    if (second.joinable()) second.join();
    if (opts.log)
      opts.log("jackknifed parser folds done: " +
               std::to_string(std::min(f + step, folds)));
  }
  for (const Status& s : status) RETURN_IF_ERROR(s);
  return Status::OK();
}

Status WriteParses(const std::string& path,
                   const std::vector<PredictedTree>& parses) {
  std::ofstream f(path);
  if (!f) return InvalidArgumentError("cannot write " + path);
  for (const auto& t : parses) {
    for (std::size_t k = 0; k < t.head.size(); ++k) {
      f << (k ? " " : "") << t.head[k] + 1 << ":" << t.label[k];
    }
    f << "\n";
  }
  f.close();
  if (!f) return InvalidArgumentError("cannot write " + path);
  return Status::OK();
}

Status ReadParses(const std::string& path,
                  const std::vector<text::ConlluSentence>& data,
                  std::vector<PredictedTree>* parses) {
  std::ifstream f(path);
  if (!f) return NotFoundError("cannot read " + path);
  parses->clear();
  std::string line;
  bool extra = false;
  while (std::getline(f, line)) {
    const std::size_t i = parses->size();
    if (i >= data.size()) {
      extra = true;
      break;
    }
    PredictedTree t;
    std::istringstream ss(line);
    for (std::string item; ss >> item;) {
      std::size_t colon = item.find(':');
      int h = 0;
      try {
        h = std::stoi(item.substr(0, colon));
      } catch (...) {
        colon = std::string::npos;
      }
      if (colon == std::string::npos || colon == 0 || h < 0 ||
          h > static_cast<int>(data[i].words.size())) {
        return DataLossError(path + ": line " + std::to_string(i + 1) +
                             ": bad item '" + item + "'");
      }
      t.head.push_back(h - 1);
      t.label.push_back(item.substr(colon + 1));
    }
    if (t.head.size() != data[i].words.size()) {
      return DataLossError(path + ": line " + std::to_string(i + 1) + " has " +
                           std::to_string(t.head.size()) + " words, sentence " +
                           data[i].sent_id + " has " +
                           std::to_string(data[i].words.size()));
    }
    parses->push_back(std::move(t));
  }
  if (parses->size() != data.size() || extra) {
    return DataLossError(path + ": " + std::to_string(parses->size()) +
                         "+ lines for " + std::to_string(data.size()) +
                         " sentences");
  }
  return Status::OK();
}

}  // namespace dyad::analyze
