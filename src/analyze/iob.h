// Reading IOB/BIO named-entity files and extracting entity spans.
//
// Accepted layouts, one token per line, blank lines between sentences,
// '#' comment lines ignored (but "# newdoc" sets IobSentence::newdoc, as
// does a CoNLL 2003 "-DOCSTART-" line):
//   <index> <form> <label> [...]   (Universal NER .iob2)
//   <form> [...] <label>           (CoNLL style: first and last columns)
// Columns are separated by tabs, or by spaces when a line has no tab.
// Labels are normalised to IOB2 over PER, ORG and LOC (WNUT17's person,
// location, corporation and group map to PER, LOC, ORG, ORG; re3d's Person,
// Organisation and Location to PER, ORG, LOC): an I-X that does
// not continue an X entity becomes B-X (IOB1 input), and every other type
// (MISC, OTH, the spurious B-O) becomes O.
#ifndef DYAD_ANALYZE_IOB_H_
#define DYAD_ANALYZE_IOB_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"
#include "text/conllu.h"

namespace dyad::analyze {

struct IobSentence {
  std::vector<std::string> forms;
  std::vector<std::string> labels;
  bool newdoc = false;  // a "# newdoc" comment or "-DOCSTART-" line came before it
  std::string sent_id;  // from a "# sent_id = ..." comment, else empty
  // When not empty (one a word), the POS tag keys (Tagger::tag_key) TrainNer
  // uses instead of the tagger's predictions; a 0 keeps the prediction.
  std::vector<std::uint64_t> tag_keys;
  friend bool operator==(const IobSentence&, const IobSentence&) = default;
};

StatusOr<std::vector<IobSentence>> ParseIob(std::string_view data, const std::string& name);
StatusOr<std::vector<IobSentence>> ReadIob(const std::string& path);

// Normalises a label sequence in place (see above).
void NormalizeIob(std::vector<std::string>* labels);

// For corpora that also mark common-noun and pronoun mentions (re3d: "the
// city", "they", "ground forces"), keeps the names only: a leading "the"
// leaves its entity, an entity without a capitalised word becomes O, and
// one whose words are all capitalised (or "of", "and", "al", ... or
// punctuation inside) stays. Returns false when an entity is neither, a
// description around a name ("the old quarter of Tulsa"): such a sentence
// teaches nothing reliable about the name and is best left out.
bool KeepNamesOnly(const std::vector<std::string>& forms, std::vector<std::string>* labels);

// GUM's entity layer (the MISC "Entity=" annotation of its CoNLL-U files:
// "(ID-etype-..." opens a mention, "ID)" closes one, "(ID-etype-...)" is a
// one-word mention) in Universal NER's conventions. GUM marks every mention
// ("the president", "she") with one of eleven types; UNER marks names of
// persons, organisations and places only. So a person, organization or
// place mention becomes PER, ORG or LOC only where its head (the one word
// whose syntactic head lies outside the mention) is a proper noun, and then
// only over its name: the run of proper nouns around the head (and of
// capitalised words inside it: "New", "United"), with particles ("de") and,
// for organisations and places, joining words between them ("University of
// X", "Bay of the X"), without leading titles of persons ("Dr.",
// "President"). A person
// mention headed by a plural proper noun ("the Icelanders") is a group, not
// a name (UNER: OTH, here O). A name inside another name is not labelled
// (UNER is flat). Returns false, leaving *out unspecified, when the
// sentence cannot be converted reliably: a mention with several heads one
// of which is a proper noun, two names that cross, or malformed entity
// annotation.
bool GumEntitiesToIob(const text::ConlluSentence& s, IobSentence* out);

// Makes every one-word entity whose form is in `words` O; returns how many.
// (UNER labels nationality words, "Israeli", "Americans", as OTH, which
// dyad reads as O; some corpora label them LOC or ORG.)
int UnlabelWords(const std::set<std::string, std::less<>>& words, IobSentence* s);

// Rewrites normalised BIO labels as BILOU (Ratinov & Roth 2009): a
// one-word entity is U-X, the last word of a longer one L-X.
void BioToBilou(std::vector<std::string>* labels);

// Mention replacement (Dai & Adel 2020, "An analysis of simple data
// augmentation for named entity recognition"), so that the model learns the
// contexts that mark a name rather than the names it saw. MentionPool holds
// the distinct mentions of each entity type ("ORG" -> token sequences),
// sorted, so that draws from it do not depend on the corpora's order.
using MentionPool = std::map<std::string, std::vector<std::vector<std::string>>, std::less<>>;
// Adds the mentions of `sentences` to *pool (keeping it sorted and distinct).
void CollectMentions(const std::vector<IobSentence>& sentences, MentionPool* pool);
// A copy of `sentences` in which every mention of a type in `types` that
// `pool` has mentions of is replaced by one drawn from the pool
// (deterministic given `seed`; the mention itself is drawn only when the
// pool has no other). Within a document (IobSentence::newdoc starts one) the
// same mention (type and words) gets the same replacement, so names repeat as
// in the original. A replacement takes the case of the mention it replaces
// when that is all lower-case or all upper-case. The copy's first sentence
// starts a document.
std::vector<IobSentence> ReplaceMentions(const std::vector<IobSentence>& sentences,
                                         const MentionPool& pool,
                                         const std::set<std::string, std::less<>>& types,
                                         std::uint64_t seed);

// Case augmentation (Mayhew, Tsygankova & Roth 2019, "NER and POS when
// nothing is capitalized"): web text often writes names in lower case
// ("went to brellport diner") or a whole line in capitals, which a corpus of
// mostly well-cased text seldom shows. CaseAugment returns case-changed
// copies of some of `sentences`: each sentence (with `entity_sentences_only`,
// each sentence holding an entity) is drawn independently, deterministically
// given `seed`, to be copied all lower-case with probability `lower`, all
// upper-case with probability `upper` (`lower + upper` <= 1), or not at all.
// With `entity_words_only` only the words of its entities change case (a
// name written lower-case in an otherwise cased sentence), and the upper-case
// draw is not made. Only ASCII letters change; labels stay. A copy that
// equals its sentence is left out, and every copy is a document of its own
// (its history starts afresh). With `known_names`, only sentences holding an
// entity, each of whose entities is in it (its words lower-cased and joined
// by spaces: "brellport diner"), are drawn.
struct CaseAugmentOptions {
  double lower = 0, upper = 0;
  bool entity_sentences_only = false;
  bool entity_words_only = false;
  const std::set<std::string, std::less<>>* known_names = nullptr;
};
std::vector<IobSentence> CaseAugment(const std::vector<IobSentence>& sentences,
                                     const CaseAugmentOptions& options, std::uint64_t seed);

struct EntitySpan {
  int begin = 0, end = 0;  // word indices, [begin, end)
  std::string type;
  friend bool operator==(const EntitySpan&, const EntitySpan&) = default;
};

// The entities of a BIO label sequence (an I-X without a B-X opens one).
std::vector<EntitySpan> EntitySpans(const std::vector<std::string>& labels);

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_IOB_H_
