// Lemmas and UD features from a word and its predicted tag.
//
// Method. Known words: a lexicon from the training treebank maps (form,
// tag), then (lower-case form, tag), to the most frequent (lemma, feats)
// pair. Unknown words: learned suffix edit rules. Every training word type
// yields a rule "strip k bytes, append s" (on the lower-cased or the
// original form, whichever shares the longer prefix with the lemma); the
// rules are counted per (tag, final 0..6 bytes of the form), and an
// unknown word takes the most frequent rule of its longest suffix seen at
// least twice (so "-ies" NNS -> "y", "-ped" VBD -> strip "ped" add "p" only
// when the data supports it). Features of unknown words are the most
// frequent features of their tag (English morphology is mostly in the
// XPOS). Deterministic: ties break on the smaller rule string.
//
// Base-form list (optional, from WordNet at training time; see
// docs/analysis.md for the licence). For an unknown noun, verb, adjective
// or adverb (class from the UPOS, inflection from the XPOS) the lemma is
// checked against the base forms of its class, as WordNet's morphy does:
// an inflected form first looks up the irregular forms ("shot" -> "shoot",
// "feet" -> "foot"); then the learned rule's lemma is kept if it is a base
// form; else the first of morphy's detachment rules (plus undoubling a
// final consonant: "modelling" -> "model") that yields a base form wins;
// else the form itself if it is a base form; else the learned lemma.
// Lemmas found in the list are lower-case ("Stylish" JJ -> "stylish").
//
// Thread safety: immutable after Load().
#ifndef DYAD_ANALYZE_MORPHOLOGY_H_
#define DYAD_ANALYZE_MORPHOLOGY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyze/flat_map.h"
#include "analyze/model_io.h"

namespace dyad::analyze {

// Base forms and irregular inflected forms per word class
// (1 noun, 2 verb, 3 adjective, 4 adverb); all lower-case.
struct BaseForms {
  std::vector<std::pair<std::string, int>> lemmas;  // (lemma, class)
  struct Irregular {
    std::string form;
    int word_class;
    std::string lemma;
  };
  std::vector<Irregular> irregular;
};

struct MorphExample {
  std::string_view form, lemma, feats;
  int tag;
};

class Morphology {
 public:
  // Builds the lexicon and rules from tagged training words.
  static Morphology Train(const std::vector<MorphExample>& examples, int num_tags);
  // Adds a base-form list for unknown words; upos/xpos name each tag id.
  void SetBaseForms(const BaseForms& forms, const std::vector<std::string>& upos,
                    const std::vector<std::string>& xpos);

  // Sets *lemma and *feats (may be "" for none) for `form` tagged `tag`.
  void Analyze(std::string_view form, int tag, std::string* lemma, std::string* feats) const;

  void Save(ByteWriter* w) const;
  bool Load(ByteReader* r);

 private:
  struct Rule {
    std::uint8_t strip = 0;
    std::uint8_t lower = 0;  // apply to the lower-cased form
    std::uint32_t append = 0;  // string id
  };
  std::uint32_t Intern(const std::string& s);
  void ApplyRule(const Rule& r, std::string_view form, std::string* lemma) const;
  bool IsBase(std::string_view lower, int word_class) const;
  // The base-form refinement of an unknown word's learned lemma.
  void CheckBase(std::string_view form, int tag, std::string* lemma) const;

  std::vector<std::string> strings_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> entries_;  // (lemma, feats) ids
  FlatMap exact_;  // (form, tag) -> entry
  FlatMap lower_;  // (lower form, tag) -> entry
  std::vector<Rule> rules_;
  FlatMap rule_of_;  // (tag, suffix) -> rule
  std::vector<std::uint32_t> tag_feats_;  // tag -> feats id
  std::vector<std::uint8_t> tag_class_;   // tag -> word class | kInflected; empty = no list
  static constexpr std::uint8_t kInflected = 8;
  FlatMap base_;       // (lemma, class) -> 1
  FlatMap irregular_;  // (form, class) -> lemma string id
  std::unordered_map<std::string, std::uint32_t> intern_;  // training only
};

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_MORPHOLOGY_H_
