// PhraseMatcher: finds dictionary phrases in a token sequence.
//
// The method. Every phrase is a sequence of normalised words (words.h). The
// distinct words form a lexicon, stored in a marisa trie that maps each word
// to a dense id. PETRARCH/TABARI stems ("MINISTR") live in a second marisa
// trie, which is searched with common-prefix search, so a text word finds
// every stem that begins it. The phrases themselves are stored in a trie over
// word ids, whose edges sit in one hash table keyed by (node, word id).
//
// Matching walks the word trie from the first word of each token. Matches
// must start and end on token boundaries, and the leftmost-longest rule
// picks among overlapping ones. We walk from every token start instead of
// running Aho-Corasick with failure links. The two do the same work here:
// almost every walk stops after one or two words, because few words begin a
// name, and leftmost-longest selection needs every match that starts at a
// token anyway. The walk is also simpler to make stem-aware. The cost is
// O(tokens × depth of the longest walk), which is linear in practice.
//
// Thread safety: a built PhraseMatcher is immutable. Its const methods may
// be called from many threads.
#ifndef DYAD_ACTORS_MATCHER_H_
#define DYAD_ACTORS_MATCHER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/status.h"

namespace marisa {
class Trie;
}

namespace dyad::actors {

// A token sequence prepared for matching: its words and token boundaries.
struct WordText {
  std::vector<std::string> words;
  std::vector<std::uint32_t> first_word;  // Per token, then one past the end.
  std::vector<bool> possessive;           // Per token: "Chechnya's".
  std::vector<bool> clitic;               // Per token: a lone "'s".
  // A lone "'s" and a lone hyphen ("al - Qaeda" as the tokenizer splits
  // "al-Qaeda") have no words: phrases run through them.
  std::vector<bool> all_caps;             // Per token: letters, none lower-case.

  // Builds from token forms.
  static WordText FromTokens(std::span<const std::string_view> tokens);
  std::uint32_t num_tokens() const { return static_cast<std::uint32_t>(possessive.size()); }
};

class PhraseMatcher {
 public:
  struct Phrase {
    std::vector<std::string> words;  // Normalised (FormWords); not empty.
    bool stem_last = false;          // The last word is a prefix stem.
    std::uint32_t payload = 0;       // Caller's id (e.g. a form index).
  };

  // A match of the tokens [begin, end).
  struct Match {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::uint32_t node = 0;  // Pass to payloads().
  };

  PhraseMatcher();
  ~PhraseMatcher();
  PhraseMatcher(PhraseMatcher&&) noexcept;
  PhraseMatcher& operator=(PhraseMatcher&&) noexcept;

  // Builds the matcher. A payload given for several phrases of the same words
  // is kept once. Payloads of one node keep the order of `phrases`.
  static StatusOr<PhraseMatcher> Build(const std::vector<Phrase>& phrases);

  // Every match that starts at token `begin`, shortest first.
  void MatchesAt(const WordText& text, std::uint32_t begin, std::vector<Match>* out) const;

  // Leftmost-longest, non-overlapping matches, in text order.
  std::vector<Match> FindLongest(const WordText& text) const;

  // The payloads of a match's node, in phrase order.
  std::span<const std::uint32_t> payloads(std::uint32_t node) const;

  std::size_t num_words() const;  // Lexicon size (exact words).
  std::size_t num_stems() const;
  std::size_t num_nodes() const { return payload_begin_.size(); }

 private:
  static constexpr std::uint32_t kStemBit = 0x80000000u;
  static std::uint64_t Key(std::uint32_t node, std::uint32_t sym) {
    return (static_cast<std::uint64_t>(node) << 32) | sym;
  }
  bool Child(std::uint32_t node, std::uint32_t sym, std::uint32_t* child) const;

  std::unique_ptr<marisa::Trie> words_;
  std::unique_ptr<marisa::Trie> stems_;
  bool any_stem_ = false;
  std::unordered_map<std::uint64_t, std::uint32_t> edges_;
  std::vector<bool> has_stem_edges_;          // Per node.
  std::vector<std::uint32_t> payload_begin_;  // Per node, into payloads_.
  std::vector<std::uint32_t> payload_end_;
  std::vector<std::uint32_t> payloads_;
};

}  // namespace dyad::actors

#endif  // DYAD_ACTORS_MATCHER_H_
