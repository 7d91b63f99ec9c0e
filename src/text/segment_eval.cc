#include "text/segment_eval.h"

#include <algorithm>
#include <cstdio>

#include "text/segmenter.h"
#include "text/sentence_splitter.h"
#include "util/json_writer.h"

namespace dyad::text {
namespace {

// Byte length of the whitespace character at s[i], 0 if none. The same set
// as the tokenizer's: ASCII whitespace and controls, Unicode spaces.
std::size_t SpaceLength(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return (c <= 0x20 || c == 0x7F) ? 1 : 0;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  if ((c == 0xE2 || c == 0xE3 || c == 0xE1 || c == 0xEF) && i + 2 < s.size()) {
    unsigned b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
    char32_t cp = ((c & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
    if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 ||
        cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF) {
      return 3;
    }
  }
  return 0;
}

struct CharSpan {
  std::uint32_t start = 0, end = 0;
};

struct EvalWord {
  CharSpan span;            // of the word, or of its multi-word token
  bool multiword = false;
  std::string form;         // lower-cased
};

struct Side {
  std::vector<CharSpan> tokens, sentences, multiwords;
  std::vector<EvalWord> words;
};

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  }
  return out;
}

// Appends the non-whitespace bytes of `form` to *chars; returns its span.
CharSpan AddForm(std::string_view form, std::string* chars) {
  CharSpan sp;
  sp.start = static_cast<std::uint32_t>(chars->size());
  for (std::size_t i = 0; i < form.size();) {
    std::size_t n = SpaceLength(form, i);
    if (n) {
      i += n;
    } else {
      chars->push_back(form[i++]);
    }
  }
  sp.end = static_cast<std::uint32_t>(chars->size());
  return sp;
}

Side GoldSide(const std::vector<ConlluSentence>& gold, std::string* chars) {
  Side side;
  for (const ConlluSentence& s : gold) {
    std::uint32_t sent_start = static_cast<std::uint32_t>(chars->size());
    std::size_t m = 0;
    for (std::size_t i = 0; i < s.words.size();) {
      const ConlluWord& w = s.words[i];
      if (m < s.mwts.size() && s.mwts[m].first == w.id) {
        const ConlluMwt& mw = s.mwts[m++];
        CharSpan sp = AddForm(mw.form, chars);
        side.tokens.push_back(sp);
        side.multiwords.push_back(sp);
        while (i < s.words.size() && s.words[i].id <= mw.last) {
          side.words.push_back({sp, true, LowerAscii(s.words[i].form)});
          ++i;
        }
        continue;
      }
      CharSpan sp = AddForm(w.form, chars);
      side.tokens.push_back(sp);
      side.words.push_back({sp, false, LowerAscii(w.form)});
      ++i;
    }
    side.sentences.push_back({sent_start, static_cast<std::uint32_t>(chars->size())});
  }
  return side;
}

Side SystemSide(const std::string& text, const std::vector<Sentence>& system, std::string* chars) {
  // Non-whitespace offset of every byte.
  std::vector<std::uint32_t> pos(text.size() + 1);
  std::uint32_t k = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = SpaceLength(text, i);
    if (n) {
      for (std::size_t j = 0; j < n; ++j) pos[i + j] = k;
      i += n;
    } else {
      pos[i] = k++;
      chars->push_back(text[i]);
      ++i;
    }
  }
  pos[text.size()] = k;
  auto span = [&](Span s) { return CharSpan{pos[s.begin], pos[s.end]}; };
  Side side;
  for (const Sentence& s : system) {
    if (s.tokens.empty()) continue;
    std::size_t m = 0;
    for (std::size_t i = 0; i < s.tokens.size();) {
      if (m < s.mwts.size() && s.mwts[m].first == i) {
        const MultiWordToken& mw = s.mwts[m++];
        CharSpan sp = span(mw.span);
        side.tokens.push_back(sp);
        side.multiwords.push_back(sp);
        for (; i <= mw.last && i < s.tokens.size(); ++i) {
          side.words.push_back({sp, true, LowerAscii(s.tokens[i].form)});
        }
        continue;
      }
      CharSpan sp = span(s.tokens[i].span);
      side.tokens.push_back(sp);
      side.words.push_back({sp, false, LowerAscii(s.tokens[i].form)});
      ++i;
    }
    side.sentences.push_back({pos[s.tokens.front().span.begin], pos[s.tokens.back().span.end]});
  }
  return side;
}

EvalScore SpansScore(const std::vector<CharSpan>& gold, const std::vector<CharSpan>& system) {
  EvalScore s;
  s.gold = gold.size();
  s.system = system.size();
  std::size_t gi = 0, si = 0;
  while (gi < gold.size() && si < system.size()) {
    if (system[si].start < gold[gi].start) {
      ++si;
    } else if (gold[gi].start < system[si].start) {
      ++gi;
    } else {
      s.correct += gold[gi].end == system[si].end;
      ++gi;
      ++si;
    }
  }
  return s;
}

// Word alignment of conll18_ud_eval.py (align_words and helpers).
bool BeyondEnd(const std::vector<EvalWord>& w, std::size_t i, std::uint32_t end) {
  if (i >= w.size()) return true;
  if (w[i].multiword) return w[i].span.start >= end;
  return w[i].span.end > end;
}

std::uint32_t ExtendEnd(const EvalWord& w, std::uint32_t end) {
  return (w.multiword && w.span.end > end) ? w.span.end : end;
}

EvalScore AlignWords(const std::vector<EvalWord>& g, const std::vector<EvalWord>& s) {
  EvalScore score;
  score.gold = g.size();
  score.system = s.size();
  std::size_t gi = 0, si = 0;
  std::vector<std::uint32_t> lcs;
  while (gi < g.size() && si < s.size()) {
    if (g[gi].multiword || s[si].multiword) {
      // Find the multiword region.
      std::uint32_t end;
      if (g[gi].multiword) {
        end = g[gi].span.end;
        if (!s[si].multiword && s[si].span.start < g[gi].span.start) ++si;
      } else {
        end = s[si].span.end;
        if (!g[gi].multiword && g[gi].span.start < s[si].span.start) ++gi;
      }
      std::size_t gs = gi, ss = si;
      while (!BeyondEnd(g, gi, end) || !BeyondEnd(s, si, end)) {
        if (gi < g.size() && (si >= s.size() || g[gi].span.start <= s[si].span.start)) {
          end = ExtendEnd(g[gi], end);
          ++gi;
        } else {
          end = ExtendEnd(s[si], end);
          ++si;
        }
      }
      if (si > ss && gi > gs) {
        std::size_t ng = gi - gs, ns = si - ss;
        lcs.assign((ng + 1) * (ns + 1), 0);
        auto at = [&](std::size_t a, std::size_t b) -> std::uint32_t& { return lcs[a * (ns + 1) + b]; };
        for (std::size_t a = ng; a-- > 0;) {
          for (std::size_t b = ns; b-- > 0;) {
            std::uint32_t v = 0;
            if (g[gs + a].form == s[ss + b].form) v = 1 + at(a + 1, b + 1);
            v = std::max({v, at(a + 1, b), at(a, b + 1)});
            at(a, b) = v;
          }
        }
        std::size_t a = 0, b = 0;
        while (a < ng && b < ns) {
          if (g[gs + a].form == s[ss + b].form) {
            ++score.correct;
            ++a;
            ++b;
          } else if (at(a, b) == at(a + 1, b)) {
            ++a;
          } else {
            ++b;
          }
        }
      }
    } else {
      if (g[gi].span.start == s[si].span.start && g[gi].span.end == s[si].span.end) {
        ++score.correct;
        ++gi;
        ++si;
      } else if (g[gi].span.start <= s[si].span.start) {
        ++gi;
      } else {
        ++si;
      }
    }
  }
  return score;
}

void WriteScore(JsonWriter& w, const char* name, const EvalScore& s) {
  w.Key(name);
  w.BeginObject();
  w.FieldInt("gold", static_cast<std::int64_t>(s.gold));
  w.FieldInt("system", static_cast<std::int64_t>(s.system));
  w.FieldInt("correct", static_cast<std::int64_t>(s.correct));
  w.Key("precision");
  w.Double(100 * s.Precision());
  w.Key("recall");
  w.Double(100 * s.Recall());
  w.Key("f1");
  w.Double(100 * s.F1());
  w.EndObject();
}

}  // namespace

RawText BuildRawText(const std::vector<ConlluSentence>& gold) {
  RawText raw;
  for (std::size_t i = 0; i < gold.size(); ++i) {
    const ConlluSentence& s = gold[i];
    if (i > 0) raw.text += (s.newdoc || s.newpar) ? "\n\n" : " ";
    std::uint32_t begin = static_cast<std::uint32_t>(raw.text.size());
    if (!s.text.empty()) {
      raw.text += s.text;
    } else {
      std::size_t m = 0;
      for (std::size_t j = 0; j < s.words.size();) {
        const ConlluWord& w = s.words[j];
        bool space = true;
        if (m < s.mwts.size() && s.mwts[m].first == w.id) {
          raw.text += s.mwts[m].form;
          space = !NoSpaceAfter(s.mwts[m].misc);
          while (j < s.words.size() && s.words[j].id <= s.mwts[m].last) ++j;
          ++m;
        } else {
          raw.text += w.form;
          space = !NoSpaceAfter(w.misc);
          ++j;
        }
        if (space && j < s.words.size()) raw.text += ' ';
      }
    }
    // Trim trailing whitespace of the sentence from its span.
    std::uint32_t end = static_cast<std::uint32_t>(raw.text.size());
    raw.sentences.push_back({begin, end});
  }
  return raw;
}

StatusOr<SegmentEval> ScoreSegmentation(const std::vector<ConlluSentence>& gold,
                                        const RawText& raw, const std::vector<Sentence>& system,
                                        bool list_errors) {
  std::string gold_chars, system_chars;
  Side g = GoldSide(gold, &gold_chars);
  Side s = SystemSide(raw.text, system, &system_chars);
  if (gold_chars != system_chars) {
    std::size_t i = 0;
    while (i < gold_chars.size() && i < system_chars.size() && gold_chars[i] == system_chars[i]) ++i;
    auto around = [&](const std::string& c) {
      std::size_t b = i > 20 ? i - 20 : 0;
      return c.substr(b, 40);
    };
    return InvalidArgumentError("the gold forms and the text differ after " + std::to_string(i) +
                                " characters: gold '" + around(gold_chars) + "' vs text '" +
                                around(system_chars) + "'");
  }
  SegmentEval e;
  e.tokens = SpansScore(g.tokens, s.tokens);
  e.sentences = SpansScore(g.sentences, s.sentences);
  e.multiwords = SpansScore(g.multiwords, s.multiwords);
  e.words = AlignWords(g.words, s.words);
  if (list_errors) {
    std::vector<std::uint32_t> ge, se;
    for (const CharSpan& c : g.sentences) ge.push_back(c.end);
    for (const CharSpan& c : s.sentences) se.push_back(c.end);
    std::size_t i = 0, j = 0;
    auto context = [&](std::uint32_t at) {
      std::uint32_t b = at > 30 ? at - 30 : 0;
      // Keep whole UTF-8 characters.
      while (b > 0 && (static_cast<unsigned char>(gold_chars[b]) & 0xC0) == 0x80) --b;
      std::uint32_t en = std::min<std::uint32_t>(at + 30, gold_chars.size());
      while (en < gold_chars.size() && (static_cast<unsigned char>(gold_chars[en]) & 0xC0) == 0x80) ++en;
      return gold_chars.substr(b, at - b) + " || " + gold_chars.substr(at, en - at);
    };
    while (i < ge.size() || j < se.size()) {
      if (j >= se.size() || (i < ge.size() && ge[i] < se[j])) {
        e.boundary_errors.push_back("- " + context(ge[i++]));
      } else if (i >= ge.size() || se[j] < ge[i]) {
        e.boundary_errors.push_back("+ " + context(se[j++]));
      } else {
        ++i;
        ++j;
      }
    }
  }
  return e;
}

StatusOr<SegmentEval> EvaluateSegmenter(const std::vector<ConlluSentence>& gold,
                                        const SplitModel* model, bool list_errors) {
  RawText raw = BuildRawText(gold);
  if (raw.text.size() >= 0xFFFFFFF0u) return InvalidArgumentError("text too large");
  std::vector<Sentence> system;
  SegmentRangeWithModel(model ? *model : DefaultSplitModel(), raw.text, 0,
                        static_cast<std::uint32_t>(raw.text.size()), 0, &system);
  return ScoreSegmentation(gold, raw, system, list_errors);
}

std::string FormatSegmentEval(const SegmentEval& e) {
  std::string out = "Metric     | Precision |    Recall |  F1 Score | gold / system / correct\n";
  out += "-----------+-----------+-----------+-----------+------------------------\n";
  auto line = [&](const char* name, const EvalScore& s) {
    char buf[200];
    std::snprintf(buf, sizeof buf, "%-10s | %9.2f | %9.2f | %9.2f | %llu / %llu / %llu\n", name,
                  100 * s.Precision(), 100 * s.Recall(), 100 * s.F1(),
                  static_cast<unsigned long long>(s.gold), static_cast<unsigned long long>(s.system),
                  static_cast<unsigned long long>(s.correct));
    out += buf;
  };
  line("Tokens", e.tokens);
  line("Sentences", e.sentences);
  line("Words", e.words);
  line("Multiwords", e.multiwords);
  return out;
}

std::string SegmentEvalJson(const SegmentEval& e) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  WriteScore(w, "tokens", e.tokens);
  WriteScore(w, "sentences", e.sentences);
  WriteScore(w, "words", e.words);
  WriteScore(w, "multiwords", e.multiwords);
  w.EndObject();
  return out;
}

}  // namespace dyad::text
