// A first, simple segmenter: whitespace and punctuation tokens, sentence
// ends at . ! ? before whitespace. The news-grade splitter and UD tokenizer
// replace it (issue 2, item 5).
#include "text/segmenter.h"

#include <cctype>

namespace dyad::text {
namespace {

bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool IsPunct(unsigned char c) { return c < 0x80 && std::ispunct(c); }

}  // namespace

void SegmentRange(std::string_view text, std::uint32_t begin, std::uint32_t end,
                  std::uint32_t block, std::vector<Sentence>* out) {
  Sentence cur;
  cur.block = block;
  auto flush = [&] {
    if (cur.tokens.empty()) return;
    cur.span = {cur.tokens.front().span.begin, cur.tokens.back().span.end};
    out->push_back(std::move(cur));
    cur = Sentence();
    cur.block = block;
  };
  std::uint32_t i = begin;
  while (i < end) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (IsSpace(c)) {
      if (!cur.tokens.empty()) cur.tokens.back().space_after = true;
      ++i;
      continue;
    }
    std::uint32_t s = i;
    if (IsPunct(c)) {
      ++i;
    } else {
      while (i < end && !IsSpace(static_cast<unsigned char>(text[i])) &&
             !IsPunct(static_cast<unsigned char>(text[i]))) {
        ++i;
      }
    }
    Token t;
    t.span = {s, i};
    t.form = std::string(text.substr(s, i - s));
    t.space_after = i < end && IsSpace(static_cast<unsigned char>(text[i]));
    cur.tokens.push_back(std::move(t));
    if ((c == '.' || c == '!' || c == '?') && (i >= end || IsSpace(static_cast<unsigned char>(text[i])))) {
      flush();
    }
  }
  flush();
}

std::vector<Sentence> Segment(const Document& doc) {
  std::vector<Sentence> out;
  if (doc.blocks.empty()) {
    SegmentRange(doc.text, 0, static_cast<std::uint32_t>(doc.text.size()), 0, &out);
  } else {
    for (std::uint32_t b = 0; b < doc.blocks.size(); ++b) {
      SegmentRange(doc.text, doc.blocks[b].span.begin, doc.blocks[b].span.end, b, &out);
    }
  }
  return out;
}

}  // namespace dyad::text
