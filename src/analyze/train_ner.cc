// Training the NER model on BIO data tagged by our own POS tagger.
#include <algorithm>
#include <map>

#include "analyze/features.h"
#include "analyze/train.h"

namespace dyad::analyze {

class NerTrainer {
 public:
  static Status Train(const std::vector<IobSentence>& train, const Tagger& tagger,
                      const TrainOptions& opts, Ner* ner) {
    std::map<std::string, int> ids{{"O", 0}};
    for (const auto& s : train) {
      for (const auto& l : s.labels) ids[l] = 0;
    }
    ner->labels_.clear();
    for (auto& [name, id] : ids) {
      id = static_cast<int>(ner->labels_.size());
      ner->labels_.push_back(name);
    }
    ner->ComputeTypes();
    const int nl = ner->num_labels();
    std::vector<std::vector<WordInfo>> infos(train.size());
    std::vector<std::vector<std::uint64_t>> tags(train.size());
    std::vector<std::vector<int>> gold(train.size());
    std::vector<std::string_view> forms;
    std::vector<int> t;
    for (std::size_t i = 0; i < train.size(); ++i) {
      forms.assign(train[i].forms.begin(), train[i].forms.end());
      tagger.Prepare(forms, &infos[i]);
      tagger.Tag(infos[i], &t);
      for (int x : t) tags[i].push_back(tagger.tag_key(x));
      for (const auto& l : train[i].labels) gold[i].push_back(ids[l]);
    }
    PerceptronTrainer pt(nl);
    std::vector<int> order(train.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::uint64_t rng = opts.seed * 31 + 5;
    std::uint64_t keys[Ner::kMaxFeatures];
    std::vector<float> scores(nl);
    for (int epoch = 0; epoch < opts.epochs; ++epoch) {
      Shuffle(&order, &rng);
      long correct = 0, total = 0;
      for (int si : order) {
        int p1 = -1, p2 = -1;
        for (int i = 0; i < static_cast<int>(gold[si].size()); ++i) {
          int nk = Ner::Features(infos[si], tags[si], i, p1, p2, keys);
          std::fill(scores.begin(), scores.end(), 0.0f);
          pt.Score(keys, nk, scores.data());
          int best = -1;
          for (int l = 0; l < nl; ++l) {
            if ((best < 0 || scores[l] > scores[best]) && ner->Allowed(p1, l)) best = l;
          }
          int g = gold[si][i];
          pt.Update(keys, nk, g, best);
          pt.Tick();
          correct += best == g;
          ++total;
          p2 = p1;
          p1 = best;
        }
      }
      if (opts.log) {
        opts.log("ner epoch " + std::to_string(epoch + 1) + ": train label accuracy " +
                 std::to_string(100.0 * correct / std::max<long>(total, 1)));
      }
    }
    ner->model_ = pt.Average(1e-3f);
    return Status::OK();
  }
};

Status TrainNer(const std::vector<IobSentence>& train, const Tagger& tagger,
                const TrainOptions& opts, Ner* ner) {
  return NerTrainer::Train(train, tagger, opts, ner);
}

}  // namespace dyad::analyze
