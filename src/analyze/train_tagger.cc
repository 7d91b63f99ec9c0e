// Training the tagger (averaged perceptron, greedy decoding with the
// model's own previous predictions as history) and the morphology.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "analyze/features.h"
#include "analyze/ner_net.h"
#include "analyze/train.h"
#include "util/status_macros.h"

namespace dyad::analyze {
namespace {

// xorshift64*: a tiny PRNG whose sequence is fixed across platforms.
struct Rng {
  std::uint64_t s;
  explicit Rng(std::uint64_t seed) : s(Mix64(seed + 1) | 1) {}
  std::uint64_t Next() {
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    return s * 2685821657736338717ULL;
  }
};

}  // namespace

void Shuffle(std::vector<int>* v, std::uint64_t* state) {
  Rng rng(*state);
  for (std::size_t i = v->size(); i > 1; --i) {
    std::size_t j = rng.Next() % i;
    std::swap((*v)[i - 1], (*v)[j]);
  }
  *state = rng.Next();
}

bool LicensedForTraining(const std::string& sent_id) {
  if (sent_id.rfind("GUM_", 0) != 0) return true;
  std::size_t end = sent_id.find('_', 4);
  std::string genre = sent_id.substr(4, end == std::string::npos ? std::string::npos : end - 4);
  static const char* kOk[] = {"academic", "bio",    "court",    "interview",
                              "news",     "speech", "textbook", "voyage"};
  for (const char* g : kOk) {
    if (genre == g) return true;
  }
  return false;
}

Status CheckNerTrainingLicence(const std::string& path) {
  std::vector<std::string> parts;
  for (const auto& p : std::filesystem::path(path)) parts.push_back(p.string());
  if (std::find(parts.begin(), parts.end(), "GUM") != parts.end()) {
    return InvalidArgumentError(path +
                                ": GUM mixes CC BY / CC BY-SA genres with NonCommercial ones; its "
                                "entity layer is read only through the genre filter (dyad train "
                                "ner --gum), never as a plain training file");
  }
  auto re3d = std::find(parts.begin(), parts.end(), "re3d");
  if (re3d == parts.end()) return Status::OK();
  static const char* kOk[] = {"CENTCOM", "US_State_Department", "UK_Government",
                              "Australian_Department_of_Foreign_Affairs", "Wikipedia"};
  for (auto it = re3d; it != parts.end(); ++it) {
    for (const char* ok : kOk) {
      if (*it == ok) return Status::OK();
    }
  }
  return InvalidArgumentError(path +
                              ": re3d data outside its licensed sources (CENTCOM, "
                              "US_State_Department, UK_Government, "
                              "Australian_Department_of_Foreign_Affairs, Wikipedia) is not used "
                              "for training: BBC_Online is NonCommercial, the EU delegation's has "
                              "no licence, and the mixed splits contain both");
}

StatusOr<std::vector<IobSentence>> LoadGumNer(const std::string& path, int* dropped) {
  ASSIGN_OR_RETURN(auto gum, text::ReadConllu(path));
  std::vector<IobSentence> out;
  *dropped = 0;
  bool newdoc = false;
  for (const auto& s : gum) {
    newdoc |= s.newdoc;
    // Only GUM ids of a licensed genre: LicensedForTraining passes non-GUM ids.
    if (!s.sent_id.starts_with("GUM_") || !LicensedForTraining(s.sent_id)) continue;
    IobSentence iob;
    if (!GumEntitiesToIob(s, &iob)) {
      ++*dropped;
      continue;
    }
    iob.newdoc = newdoc || out.empty();
    newdoc = false;
    out.push_back(std::move(iob));
  }
  return out;
}

StatusOr<std::vector<text::ConlluSentence>> LoadTrainingTreebanks(const std::string& ud_dir,
                                                                  bool with_gum, bool dev) {
  const std::string part = dev ? "dev" : "train";
  ASSIGN_OR_RETURN(auto out, text::ReadConllu(ud_dir + "/UD_English-EWT/en_ewt-ud-" + part + ".conllu"));
  if (with_gum) {
    ASSIGN_OR_RETURN(auto gum, text::ReadConllu(ud_dir + "/GUM/en_gum-ud-" + part + ".conllu"));
    for (auto& s : gum) {
      if (LicensedForTraining(s.sent_id)) out.push_back(std::move(s));
    }
  }
  return out;
}

StatusOr<BaseForms> LoadWordNet(const std::string& dir) {
  BaseForms out;
  static const char* kClasses[] = {"noun", "verb", "adj", "adv"};
  for (int c = 1; c <= 4; ++c) {
    for (bool exc : {false, true}) {
      std::string path = dir + (exc ? "/" + std::string(kClasses[c - 1]) + ".exc"
                                    : "/index." + std::string(kClasses[c - 1]));
      std::ifstream in(path);
      if (!in) return NotFoundError("WordNet file not found: " + path);
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty() || line[0] == ' ') continue;  // index licence header
        std::istringstream ss(line);
        std::string a, b;
        ss >> a;
        if (exc) ss >> b;
        if (a.find('_') != std::string::npos || (exc && (b.empty() || b.find('_') != std::string::npos))) {
          continue;
        }
        if (exc) {
          out.irregular.push_back({a, c, b});
        } else {
          out.lemmas.emplace_back(a, c);
        }
      }
    }
  }
  return out;
}

std::string JointTag(const text::ConlluWord& w) { return w.upos + "/" + w.xpos; }

class TaggerTrainer {
 public:
  // Greedy tagging with one first-pass model (as Tagger::Tag's first pass).
  static void GreedyTag(const LinearModel& m, const std::vector<WordInfo>& info, int nt,
                        std::vector<int>* tags) {
    tags->resize(info.size());
    std::uint64_t keys[Tagger::kMaxFeatures];
    std::vector<std::int32_t> scores(nt);
    int p1 = -1, p2 = -1;
    for (int i = 0; i < static_cast<int>(info.size()); ++i) {
      int best = 0;
      if (info[i].sure != FlatMap::kMissing) {
        best = static_cast<int>(info[i].sure);
      } else {
        std::fill(scores.begin(), scores.end(), 0);
        m.Score(keys, Tagger::Features(info, i, p1, p2, keys), scores.data());
        best = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
      }
      (*tags)[i] = best;
      p2 = p1;
      p1 = best;
    }
  }

  // One averaged-perceptron model over the sentences `infos` with `gold`
  // tags; with `right`, the second-pass model whose right context is the
  // given first-pass tags. Logs per epoch when `name` is not empty.
  static LinearModel TrainPass(const std::vector<std::vector<WordInfo>>& infos,
                               const std::vector<std::vector<int>>& gold,
                               const std::vector<std::vector<int>>* right, const TrainOptions& opts,
                               std::uint64_t seed, int nt, const std::string& name) {
    PerceptronTrainer pt(nt);
    std::vector<int> order(infos.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::uint64_t rng = seed;
    std::uint64_t keys[Tagger::kMaxFeatures];
    std::vector<float> scores(nt);
    for (int epoch = 0; epoch < opts.epochs; ++epoch) {
      Shuffle(&order, &rng);
      long correct = 0, total = 0;
      for (int si : order) {
        const auto& info = infos[si];
        const int n = static_cast<int>(info.size());
        int p1 = -1, p2 = -1;
        for (int i = 0; i < n; ++i) {
          int g = gold[si][i];
          int best = g;
          if (info[i].sure == FlatMap::kMissing) {
            int nk = Tagger::Features(info, i, p1, p2, keys);
            if (right) {
              const auto& r = (*right)[si];
              nk += Tagger::RightFeatures(info, i, p1, i + 1 < n ? r[i + 1] : -1,
                                          i + 2 < n ? r[i + 2] : -1, keys + nk);
            }
            std::fill(scores.begin(), scores.end(), 0.0f);
            pt.Score(keys, nk, scores.data());
            best = 0;
            for (int c = 1; c < nt; ++c) {
              if (scores[c] > scores[best]) best = c;
            }
            pt.Update(keys, nk, g, best);
            pt.Tick();
          } else {
            best = static_cast<int>(info[i].sure);
          }
          correct += best == g;
          ++total;
          p2 = p1;
          p1 = best;
        }
      }
      if (opts.log && !name.empty()) {
        opts.log(name + " epoch " + std::to_string(epoch + 1) + ": train accuracy " +
                 std::to_string(100.0 * correct / std::max<long>(total, 1)));
      }
    }
    return pt.Average(1e-3f);
  }

  // TrainPass() with opts.tagger_seeds seeds, their weights averaged.
  static LinearModel TrainPassMean(const std::vector<std::vector<WordInfo>>& infos,
                                   const std::vector<std::vector<int>>& gold,
                                   const std::vector<std::vector<int>>* right,
                                   const TrainOptions& opts, std::uint64_t seed, int nt,
                                   const std::string& name) {
    if (opts.tagger_seeds <= 1) return TrainPass(infos, gold, right, opts, seed, nt, name);
    std::vector<LinearModel> models;
    for (int k = 0; k < opts.tagger_seeds; ++k) {
      models.push_back(TrainPass(infos, gold, right, opts, seed + 1000 * k, nt,
                                 name + " (seed " + std::to_string(k + 1) + " of " +
                                     std::to_string(opts.tagger_seeds) + ")"));
    }
    return LinearModel::Mean(models);
  }

  static Status Train(const std::vector<text::ConlluSentence>& train, const TrainOptions& opts,
                      Tagger* tagger, Morphology* morph) {
    if (opts.tagger_net_vectors && !opts.two_pass_tagger) {
      return InvalidArgumentError("the tagger's window network needs the second pass");
    }
    Tagger& t = *tagger;
    std::map<std::string, int> tag_ids;
    for (const auto& s : train) {
      for (const auto& w : s.words) tag_ids[JointTag(w)] = 0;
    }
    if (tag_ids.empty()) return InvalidArgumentError("no training words");
    t.upos_.clear();
    t.xpos_.clear();
    for (auto& [name, id] : tag_ids) {
      id = static_cast<int>(t.upos_.size());
      std::size_t slash = name.find('/');
      t.upos_.push_back(name.substr(0, slash));
      t.xpos_.push_back(name.substr(slash + 1));
    }
    t.ComputeKeys();
    const int nt = t.num_tags();
    // Lexicon: counts of tags per lower-case word.
    std::map<std::string, std::map<int, int>> lex;
    std::string low;
    std::vector<MorphExample> morph_ex;
    for (const auto& s : train) {
      for (const auto& w : s.words) {
        LowerAscii(w.form, &low);
        int tag = tag_ids[JointTag(w)];
        lex[low][tag]++;
        morph_ex.push_back({w.form, w.lemma, w.feats, tag});
      }
    }
    std::vector<std::pair<std::uint64_t, std::uint32_t>> amb, sure;
    for (const auto& [word, counts] : lex) {
      int total = 0, top = 0, top_tag = 0;
      for (auto [tag, c] : counts) {
        total += c;
        if (c > top) top = c, top_tag = tag;
      }
      std::uint64_t h = HashStr(word);
      if (total >= 2) {
        std::uint64_t cls = 0x51;
        for (auto [tag, c] : counts) {
          if (c * 20 >= total) cls = Mix64(cls ^ (tag + 1));
        }
        amb.emplace_back(h, static_cast<std::uint32_t>(cls));
      }
      if (total >= 20 && top * 1000 >= total * 995) sure.emplace_back(h, top_tag);
    }
    t.amb_.Build(amb);
    t.sure_.Build(sure);
    *morph = Morphology::Train(morph_ex, nt);

    // Perceptron.
    std::vector<std::vector<WordInfo>> infos(train.size());
    std::vector<std::vector<int>> gold(train.size());
    std::vector<std::string_view> forms;
    for (std::size_t i = 0; i < train.size(); ++i) {
      forms.clear();
      for (const auto& w : train[i].words) {
        forms.push_back(w.form);
        gold[i].push_back(tag_ids[JointTag(w)]);
      }
      t.Prepare(forms, &infos[i]);
    }
    t.model_ = TrainPassMean(infos, gold, nullptr, opts, opts.seed, nt, "tagger");
    if (opts.two_pass_tagger) {
      // Right-context tags for the second pass: each half of the data is
      // tagged by a first-pass model trained on the other half (half the
      // epochs), so that the training tags are about as noisy as tags of
      // unseen text. The two halves train on two threads.
      std::vector<std::vector<int>> right(infos.size());
      auto fold = [&](int f) {
        std::vector<std::vector<WordInfo>> in;
        std::vector<std::vector<int>> g;
        for (std::size_t i = 0; i < infos.size(); ++i) {
          if (static_cast<int>(i % 2) != f) in.push_back(infos[i]), g.push_back(gold[i]);
        }
        TrainOptions o = opts;
        o.epochs = std::max(1, opts.epochs / 2);
        LinearModel m = TrainPass(in, g, nullptr, o, opts.seed + 77 + f, nt, "");
        for (std::size_t i = f; i < infos.size(); i += 2) GreedyTag(m, infos[i], nt, &right[i]);
      };
      std::thread second(fold, 1);
      fold(0);
      second.join();
      t.second_ = TrainPassMean(infos, gold, &right, opts, opts.seed + 5, nt, "tagger second pass");
      if (opts.tagger_net_vectors) {
        std::vector<NerNetSentence> data(infos.size());
        for (std::size_t i = 0; i < infos.size(); ++i) {
          NerNetSentence& d = data[i];
          d.words = infos[i];
          d.tags.assign(infos[i].size(), 0);  // it reads no tags
          d.gaz.assign(infos[i].size(), 0);
          d.gold = gold[i];
        }
        NerNetOptions no = opts.tagger_net;
        if (!no.log) no.log = opts.log;
        auto net = NerNet::Train(data, *opts.tagger_net_vectors, nt, no);
        if (!net.ok()) return net.status();
        if (!t.set_net(std::make_shared<NerNet>(std::move(*net)), opts.tagger_net_margin)) {
          return InvalidArgumentError("the tagger's window network: a margin in [0, 1e9] is needed");
        }
      }
    }
    if (opts.tagger_prune > 0) t.Prune(opts.tagger_prune);
    return Status::OK();
  }
};

Status TrainTagger(const std::vector<text::ConlluSentence>& train, const TrainOptions& opts,
                   Tagger* tagger, Morphology* morph) {
  return TaggerTrainer::Train(train, opts, tagger, morph);
}

Status JackknifeTags(std::vector<text::ConlluSentence>* data, int folds, const TrainOptions& opts) {
  const int n = static_cast<int>(data->size());
  const std::vector<text::ConlluSentence> original = *data;
  // Folds are independent: train them two at a time on two threads. Each
  // fold writes only its own sentences, so the result does not depend on
  // the schedule.
  std::vector<Status> status(folds);
  auto run_fold = [&](int f) {
    std::vector<text::ConlluSentence> part;
    for (int i = 0; i < n; ++i) {
      if (i % folds != f) part.push_back(original[i]);
    }
    Tagger tagger;
    Morphology morph;
    TrainOptions o = opts;
    o.seed = opts.seed + 1000 + f;
    o.tagger_net.seed = o.seed;
    o.tagger_net.log = nullptr;
    o.log = nullptr;
    status[f] = TrainTagger(part, o, &tagger, &morph);
    if (!status[f].ok()) return;
    std::vector<std::string_view> forms;
    std::vector<WordInfo> info;
    std::vector<int> tags;
    for (int i = f; i < n; i += folds) {
      forms.clear();
      for (const auto& w : (*data)[i].words) forms.push_back(w.form);
      tagger.Prepare(forms, &info);
      tagger.Tag(info, &tags);
      for (std::size_t k = 0; k < forms.size(); ++k) {
        (*data)[i].words[k].upos = tagger.upos(tags[k]);
        (*data)[i].words[k].xpos = tagger.xpos(tags[k]);
      }
    }
  };
  for (int f = 0; f < folds; f += 2) {
    std::thread second;
    if (f + 1 < folds) second = std::thread(run_fold, f + 1);
    run_fold(f);
    if (second.joinable()) second.join();
    if (opts.log) opts.log("jackknife folds done: " + std::to_string(std::min(f + 2, folds)));
  }
  for (const Status& s : status) RETURN_IF_ERROR(s);
  return Status::OK();
}

}  // namespace dyad::analyze
