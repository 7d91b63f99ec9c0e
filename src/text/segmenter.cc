#include "text/segmenter.h"

#include "text/sentence_splitter.h"

namespace dyad::text {
namespace {

void AppendSentence(std::string_view text, std::span<const RawToken> words, std::uint32_t block,
                    std::vector<Sentence>* out) {
  Sentence& s = out->emplace_back();
  s.block = block;
  s.span = {words.front().begin, words.back().end};
  s.tokens.resize(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    const RawToken& w = words[i];
    Token& t = s.tokens[i];
    t.span = {w.begin, w.end};
    t.form.assign(text.data() + w.begin, w.end - w.begin);
    t.space_after = w.gap != 0;
    if (w.mwt == 1) {
      MultiWordToken m;
      m.first = m.last = static_cast<std::uint32_t>(i);
      while (m.last + 1 < words.size() && words[m.last + 1].mwt == 2) ++m.last;
      m.span = {w.begin, words[m.last].end};
      s.mwts.push_back(m);
    }
  }
}

}  // namespace

void SegmentRangeWithModel(const SplitModel& model, std::string_view text, std::uint32_t begin,
                           std::uint32_t end, std::uint32_t block, std::vector<Sentence>* out) {
  if (end > text.size()) end = static_cast<std::uint32_t>(text.size());
  if (begin >= end) return;
  SentenceSplitter splitter(model);
  splitter.Run(text, begin, end, [&](std::span<const RawToken> words) {
    AppendSentence(text, words, block, out);
  });
}

void SegmentRange(std::string_view text, std::uint32_t begin, std::uint32_t end,
                  std::uint32_t block, std::vector<Sentence>* out) {
  SegmentRangeWithModel(DefaultSplitModel(), text, begin, end, block, out);
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
