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


EventActor MakeActor(const ActorMention& m) {
  EventActor a;
  a.text = m.text;
  a.code = m.code;
  a.span = m.span;
  a.present = true;
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
                              std::vector<int>* mention_of_actor) {
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
  mention_of_actor->clear();
  int last_end = -1;
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
    if (begin < 0 || begin < last_end) continue;  // No tokens, or overlapping.
    s.actors.push_back({begin, end, static_cast<int>(m), am.code.code});
    mention_of_actor->push_back(static_cast<int>(m));
    last_end = end;
  }
  return s;
}

void CodeDocument(const Coder& coder, AnalyzedDocument* doc) {
  std::vector<int> mention_of;
  std::vector<CodedEvent> coded;
  std::vector<CoderSentence> sentences;
  sentences.reserve(doc->sentences.size());
  // Mentions by sentence, once: scanning every mention for every sentence
  // would be quadratic in the document's length.
  std::vector<std::vector<int>> by_sentence(doc->sentences.size());
  for (std::size_t m = 0; m < doc->mentions.size(); ++m) {
    std::uint32_t si = doc->mentions[m].sentence;
    if (si < by_sentence.size()) by_sentence[si].push_back(static_cast<int>(m));
  }
  for (std::size_t i = 0; i < doc->sentences.size(); ++i) {
    sentences.push_back(ToCoderSentence(doc->sentences[i], doc->mentions, by_sentence[i], &mention_of));
    // A document discard anywhere (a match report, a film review) silences
    // the whole document.
    if (coder.Discarded(sentences.back(), true)) return;
  }
  int quote_open_from = -1;  // First sentence of an open multi-sentence quote.
  std::size_t quote_first_event = 0;
  for (std::size_t i = 0; i < doc->sentences.size(); ++i) {
    const Sentence& sent = doc->sentences[i];
    const CoderSentence& cs = sentences[i];
    coded.clear();
    int speaker = -1;
    coder.Code(cs, &coded, &speaker);
    std::size_t first_new = doc->events.size();
    for (const CodedEvent& ce : coded) {
      Event e;
      e.sentence = static_cast<std::uint32_t>(i);
      e.cameo = ce.code;
      FillFromCodebook(&e);
      if (ce.source >= 0) e.source = MakeActor(doc->mentions[cs.actors[ce.source].id]);
      if (ce.target >= 0) e.target = MakeActor(doc->mentions[cs.actors[ce.target].id]);
      if (ce.attribution >= 0) e.attribution = MakeActor(doc->mentions[cs.actors[ce.attribution].id]);
      e.trigger.begin = sent.tokens[ce.trigger_begin].span.begin;
      e.trigger.end = sent.tokens[ce.trigger_end - 1].span.end;
      e.trigger_text = doc->document.text.substr(e.trigger.begin, e.trigger.size());
      e.modality = ce.modality;
      e.negated = ce.negated;
      e.alleged = ce.alleged;
      e.evidence = sent.span;
      doc->events.push_back(std::move(e));
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
        EventActor who = MakeActor(doc->mentions[cs.actors[speaker].id]);
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
