#include "analyze/ud_eval.h"

#include <time.h>

#include <map>

#include "text/segmenter.h"

namespace dyad::analyze {
namespace {

// CPU time of this thread, in seconds: stable on a loaded machine.
double ThreadSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

struct WordRef {
  const text::ConlluWord* gold = nullptr;
  int gold_head = -1;  // global index of the gold head word, -1 = root
};

bool SameFeats(const std::string& a, const std::string& b) {
  auto norm = [](const std::string& s) { return s == "_" ? std::string() : s; };
  return norm(a) == norm(b);
}

void Score(const text::ConlluWord& g, int g_head_global, const Token& t, int t_head_aligned,
           UdScores* s) {
  // Arguments: t_head_aligned is the gold-global index that the system
  // head aligns to (-1 = root, -2 = unaligned).
  s->upos.correct += g.upos == t.upos;
  s->xpos.correct += g.xpos == t.xpos;
  s->ufeats.correct += SameFeats(g.feats, t.feats);
  s->lemma.correct += g.lemma == t.lemma || g.lemma == "_";
  bool head_ok = t_head_aligned == g_head_global;
  s->uas.correct += head_ok;
  s->las.correct += head_ok && UniversalRelation(g.deprel) == UniversalRelation(t.deprel);
  s->las_full.correct += head_ok && g.deprel == t.deprel;
}

void SetTotals(UdMetric* m, long gold, long system) {
  m->gold = gold;
  m->system = system;
}

}  // namespace

std::string UniversalRelation(const std::string& deprel) {
  return deprel.substr(0, deprel.find(':'));
}

UdScores EvaluateGoldTokenization(const std::vector<text::ConlluSentence>& gold,
                                  const Analyzer& analyzer, std::vector<Sentence>* system,
                                  bool gold_tags) {
  UdScores s;
  std::vector<Sentence> sys(gold.size());
  long words = 0;
  for (std::size_t i = 0; i < gold.size(); ++i) {
    for (const auto& w : gold[i].words) {
      Token t;
      t.form = w.form;
      if (gold_tags) {
        t.upos = w.upos;
        t.xpos = w.xpos;
      }
      sys[i].tokens.push_back(std::move(t));
    }
    words += static_cast<long>(gold[i].words.size());
  }
  double t0 = ThreadSeconds();
  for (auto& sent : sys) analyzer.Analyze(&sent);
  double secs = ThreadSeconds() - t0;
  s.words_per_second = secs > 0 ? static_cast<long>(words / secs) : 0;
  for (std::size_t i = 0; i < gold.size(); ++i) {
    for (std::size_t k = 0; k < gold[i].words.size(); ++k) {
      const auto& g = gold[i].words[k];
      const Token& t = sys[i].tokens[k];
      Score(g, g.head - 1, t, t.head, &s);
    }
  }
  for (UdMetric* m : {&s.sentences, &s.tokens, &s.words, &s.upos, &s.xpos, &s.ufeats, &s.lemma,
                      &s.uas, &s.las, &s.las_full}) {
    SetTotals(m, words, words);
  }
  s.words.correct = s.tokens.correct = words;
  s.sentences.correct = s.sentences.gold = s.sentences.system = static_cast<long>(gold.size());
  if (system) *system = std::move(sys);
  return s;
}

UdScores EvaluateRawText(const std::vector<text::ConlluSentence>& gold, const Analyzer& analyzer) {
  UdScores s;
  // The document text, and the gold surface tokens as byte spans of it:
  // each surface form is found in the sentence text after the previous one
  // (robust to any kind of whitespace between tokens).
  Document doc;
  doc.id = "eval";
  struct GoldTok {
    long begin, end;
    int first_word, nwords;  // global word indices
  };
  std::vector<GoldTok> gtoks;
  std::vector<WordRef> gwords;
  std::vector<std::pair<long, long>> gsents;
  for (std::size_t si = 0; si < gold.size(); ++si) {
    const auto& gs = gold[si];
    std::string text = gs.text;
    if (text.empty()) {
      for (const auto& w : gs.words) text += w.form + " ";
    }
    if (si > 0) doc.text += (gs.newpar || gs.newdoc) ? "\n\n" : " ";
    const long base = static_cast<long>(doc.text.size());
    doc.text += text;
    const long word_base = static_cast<long>(gwords.size());
    std::size_t cursor = 0, m = 0;
    long sent_begin = -1, sent_end = base;
    for (std::size_t k = 0; k < gs.words.size();) {
      GoldTok t;
      t.first_word = static_cast<int>(word_base + k);
      std::string form;
      if (m < gs.mwts.size() && gs.mwts[m].first == static_cast<int>(k) + 1) {
        form = gs.mwts[m].form;
        t.nwords = gs.mwts[m].last - gs.mwts[m].first + 1;
        ++m;
      } else {
        form = gs.words[k].form;
        t.nwords = 1;
      }
      std::size_t at = text.find(form, cursor);
      if (at == std::string::npos) at = cursor;
      t.begin = base + static_cast<long>(at);
      t.end = t.begin + static_cast<long>(form.size());
      cursor = at + form.size();
      if (sent_begin < 0) sent_begin = t.begin;
      sent_end = t.end;
      gtoks.push_back(t);
      k += t.nwords;
    }
    for (const auto& w : gs.words) {
      gwords.push_back({&w, w.head <= 0 ? -1 : static_cast<int>(word_base + w.head - 1)});
    }
    gsents.push_back({sent_begin, sent_end});
  }
  std::vector<Sentence> sys = text::Segment(doc);
  long sys_words = 0;
  for (const auto& st : sys) sys_words += static_cast<long>(st.tokens.size());
  double t0 = ThreadSeconds();
  for (auto& st : sys) analyzer.Analyze(&st);
  double secs = ThreadSeconds() - t0;
  s.words_per_second = secs > 0 ? static_cast<long>(sys_words / secs) : 0;

  std::map<std::pair<long, long>, int> gtok_at;
  for (std::size_t i = 0; i < gtoks.size(); ++i) gtok_at[{gtoks[i].begin, gtoks[i].end}] = static_cast<int>(i);
  std::map<std::pair<long, long>, int> gsent_at;
  for (const auto& gs : gsents) gsent_at[gs] = 1;
  // Align system words to gold words.
  std::vector<std::vector<int>> align(sys.size());  // per sentence, per word: gold word or -1
  long sys_tokens = 0, tok_ok = 0, sent_ok = 0, word_ok = 0;
  for (std::size_t si = 0; si < sys.size(); ++si) {
    const Sentence& st = sys[si];
    align[si].assign(st.tokens.size(), -1);
    if (!st.tokens.empty()) {
      long b = st.tokens.front().span.begin, e = st.tokens.back().span.end;
      sent_ok += gsent_at.count({b, e});
    }
    std::size_t m = 0;
    for (std::size_t k = 0; k < st.tokens.size();) {
      std::size_t nw = 1;
      Span span = st.tokens[k].span;
      if (m < st.mwts.size() && st.mwts[m].first == k) {
        nw = st.mwts[m].last - st.mwts[m].first + 1;
        span = st.mwts[m].span;
        ++m;
      }
      ++sys_tokens;
      auto it = gtok_at.find({static_cast<long>(span.begin), static_cast<long>(span.end)});
      if (it != gtok_at.end()) {
        ++tok_ok;
        const GoldTok& gt = gtoks[it->second];
        if (static_cast<std::size_t>(gt.nwords) == nw) {
          for (std::size_t j = 0; j < nw; ++j) align[si][k + j] = gt.first_word + static_cast<int>(j);
          word_ok += static_cast<long>(nw);
        }
      }
      k += nw;
    }
  }
  for (std::size_t si = 0; si < sys.size(); ++si) {
    const Sentence& st = sys[si];
    for (std::size_t k = 0; k < st.tokens.size(); ++k) {
      int g = align[si][k];
      if (g < 0) continue;
      const Token& t = st.tokens[k];
      int h = t.head < 0 ? -1 : align[si][t.head];
      if (t.head >= 0 && h < 0) h = -2;
      Score(*gwords[g].gold, gwords[g].gold_head, t, h, &s);
    }
  }
  for (UdMetric* m : {&s.words, &s.upos, &s.xpos, &s.ufeats, &s.lemma, &s.uas, &s.las,
                      &s.las_full}) {
    SetTotals(m, static_cast<long>(gwords.size()), sys_words);
  }
  s.words.correct = word_ok;
  s.tokens = {tok_ok, static_cast<long>(gtoks.size()), sys_tokens};
  s.sentences = {sent_ok, static_cast<long>(gsents.size()), static_cast<long>(sys.size())};
  return s;
}

}  // namespace dyad::analyze
