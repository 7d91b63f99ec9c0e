// The code stage: runs the event coder over every sentence of a document.
//
// Resources: the verb dictionary compiled from <data>/verbs/*.dyad (our own
// format, docs/verb-dictionary-format.md). Inputs: the sentences (tokens,
// and tags / lemmas / dependencies when the analyze stage ran) and the actor
// mentions of the actors stage. Output: AnalyzedDocument::events, each with
// its codebook facts (name, root, Goldstein, quad class, PLOVER type and
// mode), trigger, actor spans, evidence span, modality and attribution.
//
// Quotations across sentences: a quote opened in one sentence and closed in
// a later one that names its speaker ('"... ," said Hugh Williamson') gives
// every sentence of the quote that speaker as attribution.
#include <algorithm>
#include <memory>
#include <string>

#include "code/codebook.h"
#include "code/coder.h"
#include "code/stage.h"
#include "pipeline/stages.h"
#include "util/status_macros.h"
#include "util/strings.h"

namespace dyad::code {
namespace {


// `mentions` holds m's antecedent, if any.
EventActor MakeActor(const ActorMention& m, const std::vector<ActorMention>& mentions) {
  EventActor a;
  a.text = m.text;
  a.code = m.code;
  a.span = m.span;
  a.present = true;
  if (m.how == Resolution::kCoreference && m.antecedent >= 0 &&
      static_cast<std::size_t>(m.antecedent) < mentions.size()) {
    a.refers_to = mentions[m.antecedent].text;
  }
  return a;
}

bool HasOpenQuote(std::string_view text, bool* closes) {
  // Counts straight and curly double quotes: odd count = a quote left open
  // (or closed, when one was open before).
  int n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') ++n;
    if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
        static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) == 0x9C || static_cast<unsigned char>(text[i + 2]) == 0x9D)) {
      ++n;
    }
  }
  *closes = n % 2 == 1;
  return n % 2 == 1;
}

}  // namespace


// `in_sentence` lists the indices of the mentions of this sentence, in order.
CoderSentence ToCoderSentence(const Sentence& sent, const std::vector<ActorMention>& mentions,
                              const std::vector<int>& in_sentence,
                              std::vector<std::vector<int>>* mentions_of_actor) {
  CoderSentence s;
  s.tokens.reserve(sent.tokens.size());
  bool parsed = false;
  for (const Token& t : sent.tokens) {
    CoderToken ct;
    ct.form = Upper(t.form);
    ct.lemma = Upper(t.lemma);
    ct.upos = t.upos;
    ct.xpos = t.xpos;
    ct.head = t.head;
    ct.deprel = t.deprel;
    ct.capitalized = !t.form.empty() && std::isupper(static_cast<unsigned char>(t.form[0]));
    if (!t.deprel.empty()) parsed = true;
    s.tokens.push_back(std::move(ct));
  }
  s.parsed = parsed;
  mentions_of_actor->clear();
  int last_begin = -1, last_end = -1;
  for (int m : in_sentence) {
    const ActorMention& am = mentions[m];
    if (am.code.code.empty()) continue;
    int begin = -1, end = -1;
    for (std::size_t k = 0; k < sent.tokens.size(); ++k) {
      const Span& sp = sent.tokens[k].span;
      if (sp.begin >= am.span.begin && sp.end <= am.span.end) {
        if (begin < 0) begin = static_cast<int>(k);
        end = static_cast<int>(k) + 1;
      }
    }
    // "the groups" stands for every member of a compound: several mentions
    // of one span are one actor of the coder that stands for them all.
    if (begin == last_begin && end == last_end && !s.actors.empty()) {
      mentions_of_actor->back().push_back(static_cast<int>(m));
      continue;
    }
    if (begin < 0 || begin < last_end) continue;  // No tokens, or overlapping.
    s.actors.push_back({begin, end, static_cast<int>(s.actors.size()), am.code.code, am.place});
    mentions_of_actor->push_back({static_cast<int>(m)});
    last_begin = begin;
    last_end = end;
  }
  return s;
}

namespace {

// The index of the last token of `m` in `sent`, or -1.
int LastToken(const Sentence& sent, const ActorMention& m) {
  int last = -1;
  for (std::size_t k = 0; k < sent.tokens.size(); ++k) {
    const Span& sp = sent.tokens[k].span;
    if (sp.begin >= m.span.begin && sp.end <= m.span.end) last = static_cast<int>(k);
  }
  return last;
}

bool EndsWithS(const std::string& w) {
  return w.size() > 3 && (w.back() == 's' || w.back() == 'S') && w[w.size() - 2] != 's' &&
         w[w.size() - 2] != 'S';
}

// Whether a mention can be the antecedent of "them" (plural) or of
// "him"/"her" (a singular person or agent).
bool Compatible(const AnalyzedDocument& doc, const ActorMention& m, bool plural) {
  if (m.place || m.code.code.empty()) return false;
  if (m.compound >= 0) return plural;
  const Sentence& sent = doc.sentences[m.sentence];
  int h = LastToken(sent, m);
  if (h < 0) return false;
  const Token& head = sent.tokens[h];
  bool many = head.xpos.empty() ? EndsWithS(head.form) && !std::isupper(static_cast<unsigned char>(head.form[0]))
                                : head.xpos == "NNS" || head.xpos == "NNPS";
  if (plural) return many;
  if (many) return false;
  if (!m.code.person.empty() || m.how == Resolution::kTitle || m.how == Resolution::kApposition) return true;
  // A singular agent noun ("the journalist"), or a mention of unknown
  // provenance; not an organisation name from the dictionary.
  return m.how == Resolution::kAgent || m.how == Resolution::kNone;
}

// Object pronouns ("banned them", "a zone for them", "beat him") that the
// actors stage left unresolved take the most recent compatible mention of
// this or the two previous sentences: "them" a plural agent or a compound
// (every member), "him"/"her" a singular person or agent. A mention that is
// the subject of the pronoun's own clause cannot be its antecedent ("police
// beat them"). Resolved pronouns are added to `extra` (ids from
// doc->mentions.size() on) and to the coder's view of the sentence.
void AddPronounActors(const AnalyzedDocument& doc, std::size_t si,
                      const std::vector<std::vector<int>>& by_sentence, CoderSentence* cs,
                      std::vector<std::vector<int>>* members, std::vector<ActorMention>* extra) {
  const Sentence& sent = doc.sentences[si];
  int n = static_cast<int>(sent.tokens.size());
  std::vector<bool> covered(n, false);
  for (const CoderActor& a : cs->actors) {
    for (int t = std::max(0, a.begin); t < std::min(n, a.end); ++t) covered[t] = true;
  }
  for (int p = 0; p < n; ++p) {
    const Token& tok = sent.tokens[p];
    std::string f = Lower(tok.form);
    bool plural = f == "them";
    if (covered[p] || !(plural || f == "him" || f == "her")) continue;
    if (f == "her") {
      bool possessive = tok.xpos == "PRP$" || tok.deprel == "nmod:poss";
      if (tok.xpos.empty() && p + 1 < n) {
        const std::string nx = Lower(sent.tokens[p + 1].form);
        possessive = !(nx == "." || nx == "," || nx == "and" || nx == "to" || nx == "for" ||
                       nx == "with" || nx == "in" || nx == "on" || nx == "at" || nx == "from");
      }
      if (possessive) continue;
    }
    // The pronoun's clause: its governing verb, through a noun it modifies.
    int gov = tok.head;
    if (gov >= 0 && gov < n && sent.tokens[gov].upos == "NOUN" && sent.tokens[gov].head >= 0) {
      gov = sent.tokens[gov].head;
    }
    int ante = -1;
    for (std::size_t back = 0; back <= 2 && back <= si && ante < 0; ++back) {
      std::size_t s2 = si - back;
      const auto& ms = by_sentence[s2];
      for (auto it = ms.rbegin(); it != ms.rend(); ++it) {
        const ActorMention& m = doc.mentions[*it];
        if (back == 0 && m.span.begin >= tok.span.begin) continue;
        if (!Compatible(doc, m, plural)) continue;
        if (back == 0) {
          int h = LastToken(sent, m);
          if (h < 0) continue;
          bool same_clause_subject;
          if (!sent.tokens[h].deprel.empty()) {
            same_clause_subject = sent.tokens[h].deprel.starts_with("nsubj") &&
                                  (sent.tokens[h].head == gov || sent.tokens[h].head == tok.head);
          } else {
            same_clause_subject = p - h <= 5;
            for (int k = h + 1; k < p; ++k) {
              if (sent.tokens[k].form == "," || sent.tokens[k].form == ";") same_clause_subject = false;
            }
          }
          if (same_clause_subject) continue;
        }
        ante = *it;
        break;
      }
    }
    if (ante < 0) continue;
    // Every member of a compound antecedent.
    std::vector<int> antes;
    const ActorMention& am = doc.mentions[ante];
    if (am.compound >= 0) {
      for (int m : by_sentence[am.sentence]) {
        if (doc.mentions[m].compound == am.compound && !doc.mentions[m].code.code.empty()) antes.push_back(m);
      }
    } else {
      antes.push_back(ante);
    }
    std::vector<int> ids;
    for (int a : antes) {
      ActorMention pm;
      pm.span = tok.span;
      pm.text = tok.form;
      pm.code = doc.mentions[a].code;
      pm.how = Resolution::kCoreference;
      pm.sentence = static_cast<std::uint32_t>(si);
      pm.antecedent = a;
      pm.token_begin = static_cast<std::uint32_t>(p);
      pm.token_end = static_cast<std::uint32_t>(p + 1);
      ids.push_back(static_cast<int>(doc.mentions.size() + extra->size()));
      extra->push_back(std::move(pm));
    }
    auto pos = std::find_if(cs->actors.begin(), cs->actors.end(), [&](const CoderActor& a) { return a.begin > p; });
    std::size_t at = pos - cs->actors.begin();
    cs->actors.insert(pos, CoderActor{p, p + 1, 0, am.code.code, false});
    members->insert(members->begin() + static_cast<std::ptrdiff_t>(at), ids);
    for (std::size_t k = 0; k < cs->actors.size(); ++k) cs->actors[k].id = static_cast<int>(k);
  }
}

}  // namespace

void CodeDocument(const Coder& coder, AnalyzedDocument* doc) {
  std::vector<CodedEvent> coded;
  std::vector<CoderSentence> sentences;
  std::vector<std::vector<std::vector<int>>> members(doc->sentences.size());
  std::vector<ActorMention> extra;  // Pronouns resolved here.
  sentences.reserve(doc->sentences.size());
  // Mentions by sentence, once: scanning every mention for every sentence
  // would be quadratic in the document's length.
  std::vector<std::vector<int>> by_sentence(doc->sentences.size());
  for (std::size_t m = 0; m < doc->mentions.size(); ++m) {
    std::uint32_t si = doc->mentions[m].sentence;
    if (si < by_sentence.size()) by_sentence[si].push_back(static_cast<int>(m));
  }
  for (std::size_t i = 0; i < doc->sentences.size(); ++i) {
    sentences.push_back(ToCoderSentence(doc->sentences[i], doc->mentions, by_sentence[i], &members[i]));
    // A document discard anywhere (a match report, a film review) silences
    // the whole document.
    if (coder.Discarded(sentences.back(), true)) return;
    AddPronounActors(*doc, i, by_sentence, &sentences.back(), &members[i], &extra);
  }
  const std::size_t n_mentions = doc->mentions.size();
  auto mention = [&](int id) -> const ActorMention& {
    return static_cast<std::size_t>(id) < n_mentions ? doc->mentions[id] : extra[id - n_mentions];
  };
  auto referent = [&](int id) {
    int a = mention(id).antecedent;
    return a >= 0 ? a : id;
  };
  int quote_open_from = -1;  // First sentence of an open multi-sentence quote.
  std::size_t quote_first_event = 0;
  for (std::size_t i = 0; i < doc->sentences.size(); ++i) {
    const Sentence& sent = doc->sentences[i];
    const CoderSentence& cs = sentences[i];
    const auto& mem = members[i];
    coded.clear();
    int speaker = -1;
    coder.Code(cs, &coded, &speaker);
    std::size_t first_new = doc->events.size();
    for (const CodedEvent& ce : coded) {
      // An actor that stands for several mentions ("the groups", "them")
      // gives one event per mention.
      std::vector<int> srcs = ce.source >= 0 ? mem[ce.source] : std::vector<int>{-1};
      std::vector<int> tgts = ce.target >= 0 ? mem[ce.target] : std::vector<int>{-1};
      for (int sm : srcs) {
        for (int tm : tgts) {
          // A target that is the source itself ("the rebels vowed to fight
          // until they ...") is no target; the act is kept once.
          if (sm >= 0 && tm >= 0 && referent(sm) == referent(tm)) {
            if (tgts.size() > 1) continue;
            tm = -1;
          }
          Event e;
          e.sentence = static_cast<std::uint32_t>(i);
          e.cameo = ce.code;
          FillFromCodebook(&e);
          if (sm >= 0) e.source = MakeActor(mention(sm), doc->mentions);
          if (tm >= 0) e.target = MakeActor(mention(tm), doc->mentions);
          if (ce.attribution >= 0) e.attribution = MakeActor(mention(mem[ce.attribution][0]), doc->mentions);
          e.trigger.begin = sent.tokens[ce.trigger_begin].span.begin;
          e.trigger.end = sent.tokens[ce.trigger_end - 1].span.end;
          e.trigger_text = doc->document.text.substr(e.trigger.begin, e.trigger.size());
          e.modality = ce.modality;
          e.negated = ce.negated;
          e.alleged = ce.alleged;
          e.evidence = sent.span;
          doc->events.push_back(std::move(e));
        }
      }
    }
    // Multi-sentence quotes.
    std::string_view text(doc->document.text.data() + sent.span.begin, sent.span.size());
    bool toggles = false;
    HasOpenQuote(text, &toggles);
    if (quote_open_from < 0) {
      if (toggles) {
        quote_open_from = static_cast<int>(i);
        quote_first_event = first_new;
      }
    } else if (toggles) {
      // The quote closes here; a speaker named here speaks the whole quote.
      if (speaker >= 0) {
        EventActor who = MakeActor(mention(mem[speaker][0]), doc->mentions);
        for (std::size_t k = quote_first_event; k < first_new; ++k) {
          Event& e = doc->events[k];
          if (!e.attribution && !(e.source.present && e.source.span == who.span)) e.attribution = who;
        }
      }
      quote_open_from = -1;
    }
  }
  std::uint32_t last_sentence = UINT32_MAX, index = 0;
  for (Event& e : doc->events) {
    if (e.sentence != last_sentence) {
      last_sentence = e.sentence;
      index = 0;
    }
    e.index = index++;
  }
}

}  // namespace dyad::code

namespace dyad::internal {
namespace {

using code::CodedEvent;

class CodeStage : public Stage {
 public:
  CodeStage(code::VerbDictionary dict, code::CoderOptions opts)
      : dict_(std::make_unique<code::VerbDictionary>(std::move(dict))), coder_(dict_.get(), opts) {}
  StageId id() const override { return StageId::kCode; }
  Status Run(AnalyzedDocument* doc) const override {
    code::CodeDocument(coder_, doc);
    return Status::OK();
  }

 private:
  std::unique_ptr<code::VerbDictionary> dict_;
  code::Coder coder_;
};

}  // namespace

StatusOr<std::unique_ptr<Stage>> MakeCodeStage(const PipelineOptions& options) {
  std::string dir = ResolveDataDir(options) + "/verbs";
  ASSIGN_OR_RETURN(code::VerbDictionary dict, code::LoadDyadVerbDir(dir));
  code::CoderOptions opts;
  opts.all_modalities = options.all_modalities;
  return std::unique_ptr<Stage>(new CodeStage(std::move(dict), opts));
}

}  // namespace dyad::internal
