#include "actors/matcher.h"

#include <marisa.h>

#include <algorithm>

#include "actors/words.h"

namespace dyad::actors {

WordText WordText::FromTokens(std::span<const std::string_view> tokens) {
  WordText t;
  t.first_word.reserve(tokens.size() + 1);
  t.possessive.reserve(tokens.size());
  t.clitic.reserve(tokens.size());
  for (std::string_view tok : tokens) {
    t.first_word.push_back(static_cast<std::uint32_t>(t.words.size()));
    bool poss = false;
    bool clitic = IsPossessiveClitic(tok);
    if (clitic) {
      // A lone possessive clitic has no words: a phrase may run through it.
    } else if (tok == "-" || tok == "\xE2\x80\x90" || tok == "\xE2\x80\x91") {
      // So may a hyphen the tokenizer split off ("al - Qaeda" is the form
      // "al-Qaeda", whose words are "al qaeda").
    } else if (TokenWords(tok, &t.words, &poss) == 0) {
      t.words.push_back("");
    }
    t.possessive.push_back(poss);
    t.clitic.push_back(clitic);
    bool upper = false, lower = false;
    for (unsigned char ch : tok) {
      upper |= ch >= 'A' && ch <= 'Z';
      lower |= ch >= 'a' && ch <= 'z';
    }
    t.all_caps.push_back(upper && !lower);
  }
  t.first_word.push_back(static_cast<std::uint32_t>(t.words.size()));
  return t;
}

PhraseMatcher::PhraseMatcher() = default;
PhraseMatcher::~PhraseMatcher() = default;
PhraseMatcher::PhraseMatcher(PhraseMatcher&&) noexcept = default;
PhraseMatcher& PhraseMatcher::operator=(PhraseMatcher&&) noexcept = default;

StatusOr<PhraseMatcher> PhraseMatcher::Build(const std::vector<Phrase>& phrases) {
  PhraseMatcher m;
  m.words_ = std::make_unique<marisa::Trie>();
  m.stems_ = std::make_unique<marisa::Trie>();
  try {
    marisa::Keyset words, stems;
    bool any_stem = false;
    for (const auto& p : phrases) {
      for (size_t i = 0; i < p.words.size(); ++i) {
        const std::string& w = p.words[i];
        if (i + 1 == p.words.size() && p.stem_last) {
          stems.push_back(w.data(), w.size());
          any_stem = true;
        } else {
          words.push_back(w.data(), w.size());
        }
      }
    }
    m.words_->build(words, static_cast<int>(MARISA_DEFAULT_NUM_TRIES) | static_cast<int>(MARISA_TINY_CACHE));
    if (any_stem) m.stems_->build(stems, static_cast<int>(MARISA_DEFAULT_NUM_TRIES) | static_cast<int>(MARISA_TINY_CACHE));
    m.any_stem_ = any_stem;
  } catch (const marisa::Exception& e) {
    return Status(StatusCode::kInternal, std::string("marisa: ") + e.what());
  }
  std::vector<std::vector<std::uint32_t>> node_payloads(1);
  m.has_stem_edges_.push_back(false);
  m.edges_.reserve(phrases.size() * 2);
  marisa::Agent agent;
  for (const auto& p : phrases) {
    if (p.words.empty()) continue;
    std::uint32_t node = 0;
    bool ok = true;
    for (size_t i = 0; i < p.words.size(); ++i) {
      const std::string& w = p.words[i];
      bool stem = i + 1 == p.words.size() && p.stem_last;
      agent.set_query(w.data(), w.size());
      if (!(stem ? m.stems_->lookup(agent) : m.words_->lookup(agent))) {
        ok = false;
        break;
      }
      std::uint32_t sym = static_cast<std::uint32_t>(agent.key().id()) | (stem ? kStemBit : 0);
      auto [it, inserted] =
          m.edges_.try_emplace(Key(node, sym), static_cast<std::uint32_t>(node_payloads.size()));
      if (inserted) {
        node_payloads.emplace_back();
        m.has_stem_edges_.push_back(false);
      }
      if (stem) m.has_stem_edges_[node] = true;
      node = it->second;
    }
    if (!ok) return Status(StatusCode::kInternal, "phrase word missing from lexicon");
    auto& pl = node_payloads[node];
    if (std::find(pl.begin(), pl.end(), p.payload) == pl.end()) pl.push_back(p.payload);
  }
  m.payload_begin_.resize(node_payloads.size());
  m.payload_end_.resize(node_payloads.size());
  for (size_t n = 0; n < node_payloads.size(); ++n) {
    m.payload_begin_[n] = static_cast<std::uint32_t>(m.payloads_.size());
    m.payloads_.insert(m.payloads_.end(), node_payloads[n].begin(), node_payloads[n].end());
    m.payload_end_[n] = static_cast<std::uint32_t>(m.payloads_.size());
  }
  return m;
}

bool PhraseMatcher::Child(std::uint32_t node, std::uint32_t sym, std::uint32_t* child) const {
  auto it = edges_.find(Key(node, sym));
  if (it == edges_.end()) return false;
  *child = it->second;
  return true;
}

void PhraseMatcher::MatchesAt(const WordText& text, std::uint32_t begin,
                              std::vector<Match>* out) const {
  out->clear();
  if (!words_ || begin >= text.num_tokens() || payload_begin_.empty()) return;
  if (text.first_word[begin] == text.first_word[begin + 1]) return;  // No words.
  marisa::Agent agent;
  std::uint32_t node = 0;
  for (std::uint32_t tok = begin; tok < text.num_tokens(); ++tok) {
    std::uint32_t wb = text.first_word[tok], we = text.first_word[tok + 1];
    if (wb == we) continue;  // A clitic: transparent inside a phrase.
    bool dead = false;
    std::vector<Match> stem_matches;
    for (std::uint32_t w = wb; w < we; ++w) {
      const std::string& word = text.words[w];
      // Stems end a phrase, so they only matter at a token's last word.
      if (any_stem_ && w + 1 == we && has_stem_edges_[node]) {
        agent.set_query(word.data(), word.size());
        while (stems_->common_prefix_search(agent)) {
          std::uint32_t child;
          if (Child(node, static_cast<std::uint32_t>(agent.key().id()) | kStemBit, &child) &&
              payload_end_[child] > payload_begin_[child]) {
            stem_matches.push_back({begin, tok + 1, child});
          }
        }
      }
      agent.set_query(word.data(), word.size());
      std::uint32_t child;
      if (!words_->lookup(agent) ||
          !Child(node, static_cast<std::uint32_t>(agent.key().id()), &child)) {
        dead = true;
        break;
      }
      node = child;
    }
    // Shortest first; for equal ends an exact match ranks before a stem match.
    if (!dead && payload_end_[node] > payload_begin_[node]) out->push_back({begin, tok + 1, node});
    out->insert(out->end(), stem_matches.begin(), stem_matches.end());
    if (dead) break;
  }
}

std::vector<PhraseMatcher::Match> PhraseMatcher::FindLongest(const WordText& text) const {
  std::vector<Match> result, at;
  std::uint32_t t = 0;
  while (t < text.num_tokens()) {
    MatchesAt(text, t, &at);
    if (at.empty()) {
      ++t;
      continue;
    }
    // Longest; among equal lengths the first (exact before stem).
    Match best = at.back();
    for (const auto& m : at) {
      if (m.end == best.end) {
        best = m;
        break;
      }
    }
    result.push_back(best);
    t = best.end;
  }
  return result;
}

std::span<const std::uint32_t> PhraseMatcher::payloads(std::uint32_t node) const {
  if (node >= payload_begin_.size()) return {};
  return {payloads_.data() + payload_begin_[node], payload_end_[node] - payload_begin_[node]};
}

std::size_t PhraseMatcher::num_words() const { return words_ ? words_->num_keys() : 0; }
std::size_t PhraseMatcher::num_stems() const { return any_stem_ ? stems_->num_keys() : 0; }

}  // namespace dyad::actors
