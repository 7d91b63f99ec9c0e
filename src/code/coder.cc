// The event coder.
//
// What it is. A pattern coder in the tradition of TABARI and PETRARCH: a
// dictionary of trigger words, each with patterns that refine the CAMEO code
// and place the actors, applied to one sentence at a time. What it adds is
// (a) roles from the dependency parse when there is one, with a shallow
// positional reading as the fallback, so that it works on tokens alone;
// (b) composition of control verbs ("urged X to release", "vowed to
// punish") into one appeal / demand / threat / intent event; (c) modality
// and attribution as fields instead of silent drops.
//
// What it is not. There is no learned component and no cross-sentence
// reasoning here: names, subject pronouns and "the groups" are resolved by
// the actors stage; object pronouns left over ("a zone for them") and
// multi-sentence quotations are handled by the code stage (stage.cc), which
// passes them in as actors and the speaker.
//
// Steps, per sentence:
//   1. Triggers. For each token outside an actor mention, the dictionary
//      returns the entries whose head word matches its form or lemma. The
//      entry's whole trigger phrase must match around it ("call on"). With
//      POS tags, a verb entry needs a VERB token and a noun entry a NOUN;
//      without them, a verb directly after "the/a/an" is taken for a noun.
//   2. Code. The block's patterns are tried most specific first (weight =
//      literal words x2 + actor slots); elements separated by spaces may
//      have up to kMaxGap tokens between them, '_'-joined ones none. A
//      matched pattern gives the code and may fix source and target; "---"
//      silences the trigger. Without a match the entry's default code holds.
//   3. Roles. Dependency reading: subject (nsubj), object (obj, iobj), then
//      obliques (obl, nmod), with passives (nsubj:pass -> target, obl:agent
//      -> source), and control: an xcomp takes its subject from the
//      governor's object when it has one ("urged Putin to ensure"), else
//      from the governor's subject ("vowed to carry out"); conj and acl
//      inherit the governor's subject. Shallow reading: source = nearest
//      actor before the trigger that is not the object of a preposition,
//      target = first actor after it; passive ("was/been" + -ed/-en) swaps
//      them and takes the source from "by X".
//   4. Composition (see coder.h).
//   5. Modality from the left context of the trigger (or its aux/advmod
//      dependents): not/never -> negated; should/must/could/may/might/
//      would -> hypothetical; will/shall -> future; if/unless earlier in the
//      sentence -> conditional; allegedly/reportedly -> alleged.
//   6. Attribution (see coder.h).
//   7. Compounds: actors separated only by "," / "and" / "&" form one
//      group; an event is emitted for every source x target pair.
// Tests: coder_test.cc (our own sentences) and the suite figures in
// tests/events_suites_test.cc.
#include "code/coder.h"

#include "code/pattern_syntax.h"

#include <algorithm>
#include <cstdint>
#include <array>
#include <string_view>

#include "code/codebook.h"

namespace dyad::code {
namespace {

constexpr int kMaxGap = 12;

bool In(std::string_view w, std::initializer_list<std::string_view> set) {
  for (auto s : set) {
    if (w == s) return true;
  }
  return false;
}

bool IsBe(std::string_view f) {
  return In(f, {"IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "GET", "GOT", "GETS", "'S"});
}

bool IsPreposition(std::string_view f) {
  return In(f, {"IN", "AT", "ON", "FROM", "WITH", "TO", "FOR", "OF", "BY", "AGAINST", "NEAR",
                "INTO", "OVER", "ACROSS", "THROUGH", "TOWARD", "TOWARDS", "ABOUT", "DURING",
                "UNDER", "BETWEEN", "AMONG", "INSIDE", "OUTSIDE"});
}

// Words of the closed classes (prepositions, determiners, pronouns,
// conjunctions, auxiliaries, particles). A token tagged with a closed-class
// tag that is none of these words is a tagging error ("riot police beat
// protesters" with "beat" read as a preposition): its tag is not trusted.
bool IsFunctionWord(std::string_view f) {
  return In(f, {"A", "AN", "THE", "THIS", "THAT", "THESE", "THOSE", "SOME", "ANY", "NO", "EVERY",
                "EACH", "ALL", "BOTH", "EITHER", "NEITHER", "MANY", "MUCH", "FEW", "SEVERAL", "OTHER",
                "ANOTHER", "SUCH", "WHAT", "WHICH", "WHOSE", "WHO", "WHOM", "I", "ME", "MY", "WE",
                "US", "OUR", "YOU", "YOUR", "HE", "HIM", "HIS", "SHE", "HER", "IT", "ITS", "THEY",
                "THEM", "THEIR", "ONE", "ONES", "MINE", "OURS", "YOURS", "HERS", "THEIRS",
                "HIMSELF", "HERSELF", "ITSELF", "THEMSELVES", "OURSELVES", "IN", "AT", "ON", "FROM",
                "WITH", "TO", "FOR", "OF", "BY", "AGAINST", "NEAR", "INTO", "ONTO", "OVER",
                "ACROSS", "THROUGH", "THROUGHOUT", "TOWARD", "TOWARDS", "ABOUT", "DURING", "UNDER",
                "BETWEEN", "AMONG", "AMID", "INSIDE", "OUTSIDE", "WITHIN", "WITHOUT", "AROUND",
                "AFTER", "BEFORE", "SINCE", "UNTIL", "TILL", "UPON", "UP", "DOWN", "OFF", "OUT",
                "BEHIND", "BEYOND", "BELOW", "ABOVE", "BENEATH", "BESIDE", "BESIDES", "DESPITE",
                "EXCEPT", "LIKE", "UNLIKE", "VIA", "PER", "PLUS", "MINUS", "VERSUS", "VS", "VS.",
                "ALONG", "ALONGSIDE", "PAST", "ATOP", "AMONGST", "AS", "THAN", "AND", "OR", "BUT",
                "NOR", "SO", "YET", "IF", "UNLESS", "BECAUSE", "ALTHOUGH", "THOUGH", "WHILE",
                "WHEREAS", "WHETHER", "WHEN", "WHERE", "ONCE", "LEST", "BE", "IS", "ARE", "WAS",
                "WERE", "BEEN", "BEING", "AM", "'S", "'RE", "'M", "HAVE", "HAS", "HAD", "'VE",
                "'D", "DO", "DOES", "DID", "WILL", "WOULD", "SHALL", "SHOULD", "CAN", "COULD",
                "MAY", "MIGHT", "MUST", "OUGHT", "'LL", "NOT", "N'T", "CA", "WO", "THERE", "HERE",
                "&", "DUE", "ACCORDING", "INSTEAD", "NEXT", "OPPOSITE", "ABOARD", "CONCERNING",
                "REGARDING", "INCLUDING", "FOLLOWING", "BARRING", "PENDING", "GIVEN"});
}

bool ClosedClassTag(std::string_view upos) {
  return In(upos, {"ADP", "SCONJ", "CCONJ", "DET", "PRON", "AUX", "PART"});
}

// A personal or relative pronoun: a subject that stands for another.
bool IsPronoun(const CoderToken& t) {
  return t.upos == "PRON" || In(t.form, {"IT", "THEY", "HE", "SHE", "WE", "I", "YOU", "WHO", "WHICH", "THAT"});
}

bool IsPossessive(std::string_view f) {
  return f == "'S" || f == "'" || f == "\xE2\x80\x99S" || f == "\xE2\x80\x99";
}

bool IsPunct(const CoderToken& t) {
  if (t.upos == "PUNCT") return true;
  return t.form.size() == 1 && std::string_view(".,;:!?\"'()").find(t.form[0]) != std::string_view::npos;
}

bool LemmaIs(const CoderToken& t, std::initializer_list<std::string_view> lemmas) {
  for (auto l : lemmas) {
    if (t.lemma == l || IsInflectionOf(t.form, l)) return true;
  }
  return false;
}

bool IsSpeechVerb(const CoderToken& t) {
  if (In(t.form, {"SAID", "SAYS", "SAY", "TOLD", "TELLS", "STATED", "STATES", "ANNOUNCED",
                  "ADDED", "DECLARED", "CLAIMED", "WROTE", "NOTED", "REPORTED", "INSISTED",
                  "EXPLAINED", "ASSERTED", "REMARKED", "SAYING"})) {
    return true;
  }
  return In(t.lemma, {"SAY", "TELL", "STATE", "ANNOUNCE", "DECLARE", "CLAIM", "WRITE", "NOTE",
                      "INSIST", "EXPLAIN", "ASSERT"});
}

bool IsIntentVerb(const CoderToken& t) {
  return LemmaIs(t, {"VOW", "PLEDGE", "PROMISE", "THREATEN", "PLAN", "INTEND", "SWEAR", "VOWED"}) ||
         In(t.form, {"SWORE", "SWORN"});
}

int RootNum(const std::string& code) {
  if (code.size() < 2 || !std::isdigit(static_cast<unsigned char>(code[0])) ||
      !std::isdigit(static_cast<unsigned char>(code[1]))) {
    return -1;
  }
  return (code[0] - '0') * 10 + (code[1] - '0');
}

// Appeal (02x) for an act that someone is urged to do.
std::string AppealFor(const std::string& act) {
  if (act.starts_with("084")) return "0253";  // Release persons / property.
  switch (RootNum(act)) {
    case 4: return "026";
    case 5: return "022";
    case 6: return "021";
    case 7: return "023";
    case 8: return "025";
    case 3: return "020";
    default: return "020";
  }
}

// Demand (10x) for an act that someone is told to do.
std::string DemandFor(const std::string& act) {
  if (act.starts_with("084")) return "1053";
  switch (RootNum(act)) {
    case 4: return "106";
    case 5: return "102";
    case 6: return "101";
    case 7: return "103";
    case 8: return "105";
    default: return "100";
  }
}

// Threat (13x) for a conflictual act announced as intended, or intent (03x)
// for a cooperative one.
std::string IntentFor(const std::string& act) {
  int r = RootNum(act);
  if (act.starts_with("084")) return "0353";
  switch (r) {
    case 4: return "036";
    case 5: return "032";
    case 6: return "031";
    case 7: return "033";
    case 8: return "035";
    case 16: return "131";
    case 17: return act.starts_with("172") ? "132" : "137";
    case 14: return "133";
    case 18: case 19: case 20: return "138";
    default: break;
  }
  return "";
}

// Rejection (12x) of an act someone refuses or declines to do.
std::string RejectFor(const std::string& act) {
  if (act.starts_with("084")) return "1243";
  switch (RootNum(act)) {
    case 4: return "125";
    case 6: return "121";
    case 7: return "122";
    case 8: return "124";
    default: return "120";
  }
}

bool IsRefusalVerb(const CoderToken& t) {
  return LemmaIs(t, {"REFUSE", "DECLINE"});
}

struct Trigger {
  int begin = 0, end = 0;  // Token range of the trigger phrase.
  int head = 0;            // The head token.
  std::string code, code2;
  int src = -1, tgt = -1;  // Placed by the pattern.
  bool both = false;       // '%' placed a reciprocal compound.
  bool from_pattern = false;
  int chars = 0;  // Letters and digits of the pattern words matched (TABARI).
  std::uint64_t skipped = 0;  // Actors (index < 64) a '^' passed over: no role for them.
  bool noun = false;
  bool suppressed = false;
  Modality modality = Modality::kAsserted;
  bool negated = false, alleged = false;
  bool must = false;  // The modal is "must" / "have to" (a demand when reported).
  // A predicate nominal ("X will be a forbidden zone for Y"): its subject is
  // what the act is about, not who does it.
  bool predicative = false;
};

class SentenceCoder {
 public:
  SentenceCoder(const CoderSentence& s, const VerbDictionary& d, const CoderOptions& o)
      : s_(s), d_(d), o_(o), n_(static_cast<int>(s.tokens.size())) {
    actor_at_.assign(n_, -1);
    for (int a = 0; a < static_cast<int>(s.actors.size()); ++a) {
      for (int t = std::max(0, s.actors[a].begin); t < std::min(n_, s.actors[a].end); ++t) actor_at_[t] = a;
    }
    BuildGroups();
    if (s.parsed) BuildChildren();
  }

  void Run(std::vector<CodedEvent>* out);
  int speaker() const { return speaker_; }
  void Count(Complexity* c) const;

 private:
  // --- Matching helpers -------------------------------------------------
  bool TokMatches(const DictWord& w, int t) const {
    return t >= 0 && t < n_ && WordMatches(w, s_.tokens[t].form, s_.tokens[t].lemma);
  }
  // Phrase starting at t; returns end or -1. A word with `gap_before`
  // (TABARI: written after a blank) may have other words before it, up to
  // kMaxGap, not across a comma or a conjunction.
  // Only the first `n` words of `ph` are matched (a synset member's
  // designator is matched by the caller).
  int PhraseAt(const std::vector<DictWord>& ph, int t, std::size_t n = SIZE_MAX) const {
    int p = t;
    for (std::size_t i = 0; i < ph.size() && i < n; ++i) {
      if (i > 0 && ph[i].gap_before) {
        int q = p;
        while (q < n_ && q <= p + kMaxGap && !TokMatches(ph[i], q) && !GapBarrier(q)) ++q;
        if (!TokMatches(ph[i], q) || q > p + kMaxGap) return -1;
        p = q + 1;
      } else {
        if (!TokMatches(ph[i], p)) return -1;
        ++p;
      }
    }
    return p;
  }
  // Phrase ending at t (its last word at t); returns its start or -1.
  int PhraseEndingAt(const std::vector<DictWord>& ph, int t, std::size_t n = SIZE_MAX) const {
    int p = t;  // Where word i may end at the latest.
    const int size = static_cast<int>(std::min(ph.size(), n));
    for (int i = size - 1; i >= 0; --i) {
      bool gap = i + 1 < size && ph[i + 1].gap_before;
      if (gap) {
        int q = p;
        while (q >= 0 && q >= p - kMaxGap && !TokMatches(ph[i], q) && !GapBarrier(q)) --q;
        if (!TokMatches(ph[i], q) || q < p - kMaxGap) return -1;
        p = q - 1;
      } else {
        if (!TokMatches(ph[i], p)) return -1;
        --p;
      }
    }
    return p + 1;
  }
  // A synset member's designator: the actor `a` takes its role.
  static void Designate(char role, int a, Trigger* tr) {
    if (role == '$' || role == '%') tr->src = a;
    if (role == '+' || role == '%') tr->tgt = a;
    if (role == '%') tr->both = true;
  }
  bool GapBarrier(int t) const {
    if (t < 0 || t >= n_) return true;
    const std::string& f = s_.tokens[t].form;
    return f == "," || f == ";" || f == "AND" || f == "BUT" || f == "OR" || f == "NOR";
  }
  bool MatchAfter(const std::vector<PatternElem>& el, std::size_t i, int p, bool adjacent,
                  Trigger* tr) const;
  bool MatchBefore(const std::vector<PatternElem>& el, int i, int p, bool adjacent,
                   Trigger* tr) const;
  bool FindTrigger(int t, Trigger* tr) const;

  // --- Roles --------------------------------------------------------------
  void BuildGroups();
  bool ListGap(int from, int to, bool* has_and) const;
  void BuildChildren();
  // The actor heading or inside the noun phrase of `node`; `depth` bounds
  // the descent (a malformed parse may have cycles).
  int ActorOfNode(int node, int depth = 0) const;
  int ChildActor(int node, std::initializer_list<std::string_view> rels) const;
  void DepRoles(const Trigger& tr, int* src, int* tgt) const;
  // `blocked` (optional) is set when a governor's subject is no actor.
  int InheritedSubject(int h, bool* blocked = nullptr) const;
  void ShallowRoles(const Trigger& tr, int* src, int* tgt) const;
  int ClauseStart(int t) const;
  bool ClauseConjunction(int t) const;
  bool IsPassive(const Trigger& tr) const;
  bool Locative(int a) const;
  bool Predicative(const Trigger& tr) const;
  bool Anaphoric(const Trigger& tr) const;
  int StatementAuthor(const Trigger& tr) const;
  bool DeniedAbility(const Trigger& tr) const;
  void Modal(Trigger* tr) const;

  const CoderSentence& s_;
  const VerbDictionary& d_;
  const CoderOptions& o_;
  int n_;
  std::vector<int> actor_at_;
  std::vector<int> group_of_;               // actor -> group
  std::vector<std::vector<int>> groups_;    // group -> actors
  std::vector<std::vector<int>> children_;  // token -> dependents
  int speaker_ = -1;
};

// Whether the tokens [from, to) can separate two members of a list of
// actors: list punctuation and conjunctions, plus determiners and
// adjectives ("Arnor, Calenardhon and the evil awful Gondor"). With POS tags
// the modifiers are DET/ADJ; without them, short lower-case words that are
// not prepositions, relative pronouns or dictionary triggers.
bool SentenceCoder::ListGap(int from, int to, bool* has_and) const {
  *has_and = false;
  if (to <= from || to - from > 5) return false;
  for (int t = from; t < to; ++t) {
    const CoderToken& tok = s_.tokens[t];
    const std::string& f = tok.form;
    if (f == "AND" || f == "&" || f == "NOR" || f == "OR") {
      *has_and = true;
      continue;
    }
    if (f == "NEITHER" || f == "EITHER" || f == "BOTH") continue;
    if (f == "," || f == "AS" || f == "WELL" || f == "THE") continue;
    if (!tok.upos.empty()) {
      if (tok.upos == "DET" || tok.upos == "ADJ" || tok.upos == "PUNCT" || tok.upos == "CCONJ") continue;
      return false;
    }
    if (tok.capitalized && t > 0 && s_.tokens[t - 1].form != "," && s_.tokens[t - 1].form != "AND") {
      return false;
    }
    if (IsPreposition(f) || In(f, {"WHO", "WHICH", "THAT", "WHOSE", "OR", "NOR", "BUT", "WHILE",
                                   "SAID", "SAYS", "'S", "-", "\"", "(", ")"})) {
      return false;
    }
    thread_local std::vector<int> cands;
    cands.clear();
    d_.Lookup(f, tok.lemma, &cands);
    if (!cands.empty()) return false;
  }
  return true;
}

void SentenceCoder::BuildGroups() {
  int na = static_cast<int>(s_.actors.size());
  group_of_.assign(na, -1);
  for (int a = 0; a < na; ++a) {
    if (a > 0) {
      bool has_and = false;
      bool joined = ListGap(s_.actors[a - 1].end, s_.actors[a].begin, &has_and);
      // "A, B" alone is apposition as often as a list: require an "and" in
      // this gap or, for "A, B and C", in the next one.
      if (joined && !has_and) {
        // Look along the rest of the list for its "and".
        joined = false;
        for (int b = a; b + 1 < na; ++b) {
          bool next_and = false;
          if (!ListGap(s_.actors[b].end, s_.actors[b + 1].begin, &next_and)) break;
          if (next_and) {
            joined = true;
            break;
          }
        }
      }
      if (joined) {
        group_of_[a] = group_of_[a - 1];
        groups_[group_of_[a]].push_back(a);
        continue;
      }
    }
    group_of_[a] = static_cast<int>(groups_.size());
    groups_.push_back({a});
  }
}

void SentenceCoder::BuildChildren() {
  children_.assign(n_, {});
  for (int t = 0; t < n_; ++t) {
    int h = s_.tokens[t].head;
    if (h >= 0 && h < n_ && h != t) children_[h].push_back(t);
  }
}

bool SentenceCoder::MatchAfter(const std::vector<PatternElem>& el, std::size_t i, int p,
                               bool adjacent, Trigger* tr) const {
  if (i == el.size()) return true;
  const PatternElem& e = el[i];
  bool next_adj = e.adjacent_to_next;
  switch (e.kind) {
    case ElemKind::kSkip:
      return MatchAfter(el, i + 1, p, adjacent || next_adj, tr);
    case ElemKind::kSkipActor:
      // The first actor after p, with the rest of its compound.
      for (int t = p; t < n_ && t <= p + kMaxGap; ++t) {
        int a = actor_at_[t];
        if (a < 0 || s_.actors[a].begin != t) {
          if (adjacent && t > p + 1) return false;
          continue;
        }
        std::uint64_t save = tr->skipped;
        for (int m : groups_[group_of_[a]]) {
          if (m < 64) tr->skipped |= std::uint64_t{1} << m;
        }
        if (MatchAfter(el, i + 1, s_.actors[groups_[group_of_[a]].back()].end, next_adj, tr)) return true;
        tr->skipped = save;
        return false;
      }
      return false;
    case ElemKind::kSource:
    case ElemKind::kTarget:
    case ElemKind::kBoth: {
      for (int t = p; t < n_ && t <= p + kMaxGap; ++t) {
        int a = actor_at_[t];
        if (a < 0 || s_.actors[a].begin != t) {
          if (adjacent && t > p + 1) return false;  // Allow one determiner.
          continue;
        }
        Trigger save = *tr;
        if (e.kind == ElemKind::kSource) tr->src = a;
        if (e.kind == ElemKind::kTarget) tr->tgt = a;
        if (e.kind == ElemKind::kBoth) { tr->src = a; tr->tgt = a; tr->both = true; }
        if (MatchAfter(el, i + 1, s_.actors[a].end, next_adj, tr)) return true;
        *tr = save;
        if (adjacent) return false;
        // Only the first actor after p fills a slot (TABARI convention).
        return false;
      }
      return false;
    }
    case ElemKind::kPhrase: {
      int limit = adjacent ? p : std::min(n_ - 1, p + kMaxGap);
      for (int t = p; t <= limit; ++t) {
        for (const auto& alt : e.alts) {
          const char role = alt.size() > 1 ? alt.back().role : 0;
          int end = PhraseAt(alt, t, role ? alt.size() - 1 : alt.size());
          if (end < 0) continue;
          Trigger save = *tr;
          if (role) {
            int a = end < n_ ? actor_at_[end] : -1;
            if (a < 0 || s_.actors[a].begin != end) continue;
            Designate(role, a, tr);
            end = s_.actors[a].end;
          }
          tr->chars += e.alternatives ? PhraseChars(alt) : e.chars;
          if (MatchAfter(el, i + 1, end, next_adj, tr)) return true;
          *tr = save;
        }
      }
      return false;
    }
  }
  return false;
}

// Matches el[0..i] leftwards so that el[i] ends at or before p.
bool SentenceCoder::MatchBefore(const std::vector<PatternElem>& el, int i, int p, bool adjacent,
                                Trigger* tr) const {
  if (i < 0) return true;
  const PatternElem& e = el[i];
  bool prev_adj = i > 0 && el[i - 1].adjacent_to_next;
  switch (e.kind) {
    case ElemKind::kSkip:
      return MatchBefore(el, i - 1, p, adjacent || prev_adj, tr);
    case ElemKind::kSkipActor:
      for (int t = p; t >= 0 && t >= p - kMaxGap; --t) {
        int a = actor_at_[t];
        if (a < 0 || s_.actors[a].end - 1 != t) {
          if (adjacent) return false;
          continue;
        }
        std::uint64_t save = tr->skipped;
        for (int m : groups_[group_of_[a]]) {
          if (m < 64) tr->skipped |= std::uint64_t{1} << m;
        }
        if (MatchBefore(el, i - 1, s_.actors[groups_[group_of_[a]].front()].begin - 1, prev_adj, tr)) {
          return true;
        }
        tr->skipped = save;
        return false;
      }
      return false;
    case ElemKind::kSource:
    case ElemKind::kTarget:
    case ElemKind::kBoth: {
      for (int t = p; t >= 0 && t >= p - kMaxGap; --t) {
        int a = actor_at_[t];
        if (a < 0 || s_.actors[a].end - 1 != t) {
          if (adjacent) return false;
          continue;
        }
        Trigger save = *tr;
        if (e.kind == ElemKind::kSource) tr->src = a;
        if (e.kind == ElemKind::kTarget) tr->tgt = a;
        if (e.kind == ElemKind::kBoth) { tr->src = a; tr->tgt = a; tr->both = true; }
        if (MatchBefore(el, i - 1, s_.actors[a].begin - 1, prev_adj, tr)) return true;
        *tr = save;
        return false;
      }
      return false;
    }
    case ElemKind::kPhrase: {
      int limit = adjacent ? p : std::max(0, p - kMaxGap);
      for (int t = p; t >= limit; --t) {
        for (const auto& alt : e.alts) {
          const char role = alt.size() > 1 ? alt.back().role : 0;
          int a = role ? actor_at_[t] : -1;
          if (role && (a < 0 || s_.actors[a].end - 1 != t)) continue;
          int start = PhraseEndingAt(alt, role ? s_.actors[a].begin - 1 : t, role ? alt.size() - 1 : alt.size());
          if (start < 0) continue;
          Trigger save = *tr;
          if (role) Designate(role, a, tr);
          tr->chars += e.alternatives ? PhraseChars(alt) : e.chars;
          if (MatchBefore(el, i - 1, start - 1, prev_adj, tr)) return true;
          *tr = save;
        }
      }
      return false;
    }
  }
  return false;
}

bool SentenceCoder::FindTrigger(int t, Trigger* out) const {
  thread_local std::vector<int> cands;
  cands.clear();
  const CoderToken& tok = s_.tokens[t];
  d_.Lookup(tok.form, tok.lemma, &cands);
  for (int ci : cands) {
    const VerbEntry& e = d_.entries()[ci];
    // POS filter. A closed-class tag on an open-class word is a tagging
    // error: the token is then read as if it had no tag.
    bool tagged = !tok.upos.empty() && !(ClosedClassTag(tok.upos) && !IsFunctionWord(tok.form));
    // A verb right after an article or a plural demonstrative is a noun
    // whatever its tag ("these arrests carry a price").
    if (!e.noun && t > 0 && In(s_.tokens[t - 1].form, {"THE", "A", "AN", "THESE", "THOSE"}) &&
        !o_.tabari_reading) {
      continue;
    }
    if (o_.use_pos && tagged) {
      if (e.noun) {
        if (tok.upos != "NOUN") continue;
      } else if (tok.upos != "VERB") {
        continue;
      }
    } else if (!e.noun && t > 0 && In(s_.tokens[t - 1].form, {"THE", "A", "AN", "THESE", "THOSE"})) {
      continue;
    } else if (o_.tabari_reading && !e.noun && t > 0 && tok.capitalized &&
               s_.tokens[t - 1].form != "." && s_.tokens[t - 1].form != "\"") {
      continue;  // TABARI: a capitalized word inside a sentence is a name.
    }
    // "a proposed deal", "the detained lawyers", "reject proposed changes":
    // a participle modifying a noun.
    // With a parse, a participle with an object or subject of its own is a
    // verb ("... and sealed off the square").
    bool own_args = false;
    if (s_.parsed && tok.xpos == "VBN") {
      for (int c : children_[t]) {
        const std::string& r = s_.tokens[c].deprel;
        own_args |= r == "obj" || r == "dobj" || r.starts_with("nsubj");
      }
    }
    if (!e.noun && tok.xpos == "VBN" && t > 0 && t + 1 < n_ && !own_args) {
      const CoderToken& prev = s_.tokens[t - 1];
      const CoderToken& next = s_.tokens[t + 1];
      bool after_modifier = prev.upos == "DET" || prev.upos == "ADJ" || prev.xpos == "PRP$" ||
                            prev.xpos == "POS";
      bool before_noun = (next.upos == "NOUN" || next.upos == "ADJ" || next.upos == "PROPN") &&
                         !IsBe(prev.form) && !LemmaIs(prev, {"HAVE", "GET"}) && prev.upos != "NOUN" &&
                         prev.upos != "PROPN" && prev.upos != "PRON";
      if (after_modifier || before_noun) continue;
    }
    int begin = t - e.head;
    if (begin < 0) continue;
    int end = PhraseAt(e.words, begin);  // Past the last word (a blank allows a gap).
    if (end < 0) continue;
    bool overlaps_actor = false;
    for (int k = begin; k < end; ++k) {
      if (actor_at_[k] >= 0) overlaps_actor = true;
    }
    if (overlaps_actor) continue;
    const VerbBlock& b = d_.blocks()[e.block];
    Trigger tr;
    tr.begin = begin;
    tr.end = end;
    tr.head = t;
    tr.noun = e.noun;
    bool matched = false;
    const Trigger base = tr;
    for (const VerbPattern& p : b.patterns) {
      // TABARI: a match through shorter alternatives still tries the
      // patterns longer than what it matched.
      if (matched && !(p.tabari_length && p.weight > tr.chars)) break;
      Trigger cand = base;
      if (!MatchAfter(p.after, 0, end, false, &cand)) continue;
      bool before_adj = !p.before.empty() && p.before.back().adjacent_to_next;
      if (!MatchBefore(p.before, static_cast<int>(p.before.size()) - 1, begin - 1, before_adj, &cand)) {
        continue;
      }
      cand.code = p.code;
      cand.code2 = p.code2;
      cand.from_pattern = true;
      tr = cand;
      matched = true;
    }
    if (!matched) {
      tr.code = e.code.empty() ? b.code : e.code;
      tr.code2 = e.code.empty() ? b.code2 : e.code2;
    }
    if (tr.code.empty() || tr.code == "---" || tr.code[0] == '-') {
      if (matched) return false;  // A null pattern silences the trigger.
      continue;
    }
    *out = tr;
    return true;
  }
  return false;
}

int SentenceCoder::ActorOfNode(int node, int depth) const {
  if (node < 0 || node >= n_ || depth > 4) return -1;
  if (actor_at_[node] >= 0) return actor_at_[node];
  // Look through the noun phrase: compound, flat, appos, nmod:poss, amod.
  for (int c : children_[node]) {
    const std::string& r = s_.tokens[c].deprel;
    if (r.starts_with("compound") || r.starts_with("flat") || r == "appos" ||
        r == "nmod:poss" || r == "amod" || r == "nmod" || r == "name") {
      if (r == "nmod") {
        // "a group of youths" names its members; "a bomb near the town of
        // X" does not make X the bomber.
        bool locative = false;
        for (int cc : children_[c]) {
          if (s_.tokens[cc].deprel == "case" &&
              In(s_.tokens[cc].form, {"NEAR", "IN", "AT", "OUTSIDE", "INSIDE", "AROUND", "ACROSS",
                                      "THROUGHOUT", "WITHIN"})) {
            locative = true;
          }
        }
        if (locative && o_.locatives) continue;
      }
      int a = ActorOfNode(c, depth + 1);
      if (a >= 0 && !(depth >= 0 && r == "nmod" && s_.actors[a].place)) return a;
    }
  }
  return -1;
}

int SentenceCoder::ChildActor(int node, std::initializer_list<std::string_view> rels) const {
  for (int c : children_[node]) {
    for (auto r : rels) {
      const std::string& dr = s_.tokens[c].deprel;
      if (dr == r || (r.back() == ':' && dr.starts_with(r))) {
        int a = ActorOfNode(c);
        if (a >= 0) return a;
      }
    }
  }
  return -1;
}

// Control, raising, coordination, relative clauses: the subject a verb
// without its own subject inherits from its governors.
int SentenceCoder::InheritedSubject(int h, bool* blocked) const {
  int cur = h;
  for (int hops = 0; hops < 4; ++hops) {
    const std::string& r = s_.tokens[cur].deprel;
    int gov = s_.tokens[cur].head;
    if (gov < 0 || gov >= n_) break;
    int subj = -1;
    if (r == "xcomp" || r == "ccomp") {
      int gobj = ChildActor(gov, {"obj", "dobj", "iobj"});
      subj = r == "xcomp" && gobj >= 0 ? gobj : ChildActor(gov, {"nsubj", "nsubj:pass", "nsubjpass"});
    } else if (r == "conj" || r == "advcl" || r.starts_with("acl") || r == "parataxis") {
      subj = r.starts_with("acl") ? ActorOfNode(gov) : ChildActor(gov, {"nsubj", "nsubj:pass", "nsubjpass"});
    } else {
      break;
    }
    if (subj >= 0) return subj;
    // A governor with a subject that is no actor ("a bomb killed one and
    // wounded two, the army said") passes that subject on, not a speaker's.
    if (o_.content_of_speech_acts && (r == "conj" || r == "advcl")) {
      for (int c : children_[gov]) {
        if ((s_.tokens[c].deprel == "nsubj" || s_.tokens[c].deprel == "nsubj:pass") &&
            !IsPronoun(s_.tokens[c])) {
          if (blocked) *blocked = true;
          return -1;
        }
      }
    }
    cur = gov;
  }
  return -1;
}

void SentenceCoder::DepRoles(const Trigger& tr, int* src, int* tgt) const {
  int h = tr.head;
  bool passive = false;
  for (int c : children_[h]) {
    const std::string& r = s_.tokens[c].deprel;
    if (r == "nsubj:pass" || r == "aux:pass" || r == "nsubjpass" || r == "auxpass") passive = true;
  }
  int subj = ChildActor(h, {"nsubj", "nsubj:pass", "nsubjpass", "csubj"});
  int obj = ChildActor(h, {"obj", "dobj", "iobj"});
  int agent = -1, obl = -1;
  for (int c : children_[h]) {
    const std::string& r = s_.tokens[c].deprel;
    if (!(r.starts_with("obl") || r.starts_with("nmod"))) continue;
    if (r == "obl:tmod" || r == "nmod:tmod") continue;
    int a = ActorOfNode(c);
    if (a < 0 || Locative(a)) continue;
    bool by = r == "obl:agent";
    for (int cc : children_[c]) {
      if (s_.tokens[cc].deprel == "case" && s_.tokens[cc].form == "BY") by = true;
    }
    if (by && passive) {
      if (agent < 0) agent = a;
    } else if (obl < 0) {
      obl = a;
    }
  }
  // A clause with a subject of its own (an actor or not: "a bomb killed")
  // inherits none.
  bool own_subject = false;
  for (int c : children_[h]) own_subject |= s_.tokens[c].deprel.starts_with("nsubj") && !IsPronoun(s_.tokens[c]);
  if (subj < 0 && !(own_subject && o_.content_of_speech_acts)) subj = InheritedSubject(h);
  if (tr.noun) {
    // "threats against X" / "arrest of X": target from the noun's modifier;
    // source from the governing verb's subject ("made threats").
    *tgt = -1;
    for (int c : children_[h]) {
      const std::string& r = s_.tokens[c].deprel;
      if (!(r.starts_with("nmod") || r.starts_with("obl")) || r == "nmod:poss") continue;
      int a = ActorOfNode(c);
      if (a >= 0 && !Locative(a)) {
        *tgt = a;
        break;
      }
    }
    int gov = s_.tokens[h].head;
    *src = -1;
    // The governing verb's subject does the act when the noun is its object
    // ("made threats", "carried out arrests"), not when the noun is the
    // subject ("these arrests carry a price") or a predicate nominal.
    const std::string& hr = s_.tokens[h].deprel;
    bool noun_is_subject = hr.starts_with("nsubj") || hr.starts_with("csubj") || tr.predicative;
    if (gov >= 0 && gov < n_ && !noun_is_subject) {
      *src = ChildActor(gov, {"nsubj", "nsubj:pass"});
      if (*src < 0) *src = InheritedSubject(gov);
    }
    if (*src < 0) *src = ChildActor(h, {"nmod:poss"});
    if (tr.predicative) *src = -1;
    return;
  }
  using AP = CoderOptions::AgentlessPassive;
  if (passive && agent < 0 && o_.agentless_passive == AP::kActive) passive = false;
  if (passive) {
    *tgt = subj;
    *src = agent;
  } else {
    *src = subj;
    *tgt = obj >= 0 ? obj : obl;
  }
}

// An actor inside a locative phrase is where the act happened: "at the
// Kremlin", "outside the court", and for bare place names also "in Minsk",
// "across Chechnya". Patterns may still place such an actor explicitly.
bool SentenceCoder::Locative(int a) const {
  if (a < 0 || !o_.locatives) return false;
  int t = s_.actors[a].begin - 1;
  for (int k = 0; k < 3 && t >= 0; ++k, --t) {
    const CoderToken& p = s_.tokens[t];
    bool modifier = In(p.form, {"THE", "A", "AN", "HER", "HIS", "THEIR", "ITS", "OUR"}) ||
                    p.upos == "DET" || p.upos == "ADJ" || p.xpos == "PRP$";
    if (!modifier) break;
  }
  if (t < 0) return false;
  const std::string& f = s_.tokens[t].form;
  if (In(f, {"AT", "NEAR", "OUTSIDE", "INSIDE", "AROUND", "WITHIN", "NEARBY", "OUTSIDE"})) return true;
  return s_.actors[a].place && In(f, {"IN", "ACROSS", "THROUGHOUT", "ACROSS"});
}

// A noun trigger that is the predicate of a copula: "X will be a forbidden
// zone for Y", "the city is now a no-go area".
bool SentenceCoder::Predicative(const Trigger& tr) const {
  if (!tr.noun) return false;
  if (s_.parsed) {
    for (int c : children_[tr.head]) {
      if (s_.tokens[c].deprel == "cop") return true;
    }
    if (s_.tokens[tr.head].deprel != "root" && s_.tokens[tr.head].deprel != "ccomp") return false;
  }
  for (int t = tr.begin - 1; t >= 0 && t >= tr.begin - 3; --t) {
    const CoderToken& p = s_.tokens[t];
    if (actor_at_[t] >= 0 || IsPunct(p)) break;
    if (In(p.form, {"IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "'S", "'RE", "BECOME",
                    "BECOMES", "BECAME", "REMAIN", "REMAINS", "REMAINED"})) {
      return true;
    }
  }
  return false;
}

// A nominal trigger with a demonstrative ("these arrests", "that attack")
// refers back to an act already reported; it is not a new event.
bool SentenceCoder::Anaphoric(const Trigger& tr) const {
  if (!tr.noun || tr.begin == 0) return false;
  const CoderToken& p = s_.tokens[tr.begin - 1];
  if (In(p.form, {"THESE", "THOSE", "THIS", "SUCH"})) return true;
  return p.form == "THAT" && (p.upos.empty() || p.upos == "DET");
}

// The author of a statement that a participle describes: "statements by X,
// <apposition>, threatening Y", "X's remarks accusing Y". Returns the actor
// or -1. Only tokens of the statement's noun phrase may come between.
int SentenceCoder::StatementAuthor(const Trigger& tr) const {
  if (!s_.tokens[tr.head].form.ends_with("ING")) return -1;
  if (tr.begin == 0 || s_.tokens[tr.begin - 1].form != ",") return -1;
  for (int t = tr.begin - 2; t >= 0 && t >= tr.begin - 14; --t) {
    const CoderToken& p = s_.tokens[t];
    if (actor_at_[t] >= 0) continue;
    if (LemmaIs(p, {"STATEMENT", "REMARK", "COMMENT", "SPEECH", "LETTER", "MESSAGE", "VIDEO",
                    "POST", "TWEET", "DECLARATION", "DECREE", "ADDRESS", "INTERVIEW",
                    "BROADCAST", "ANNOUNCEMENT", "WORDS"}) &&
        p.upos != "VERB") {
      if (t + 2 < n_ && s_.tokens[t + 1].form == "BY" && actor_at_[t + 2] >= 0) return actor_at_[t + 2];
      int k = t - 1;
      while (k >= 0 && actor_at_[k] < 0 && s_.tokens[k].upos == "ADJ") --k;
      if (k >= 0 && IsPossessive(s_.tokens[k].form)) --k;
      if (k >= 0 && actor_at_[k] >= 0) return actor_at_[k];
      return -1;
    }
    if (p.upos == "VERB" || p.upos == "AUX" || IsSpeechVerb(p)) return -1;
    if (p.form == "BY" || p.form == "," || p.form == "OF" || IsPossessive(p.form)) continue;
    if (!p.upos.empty() && !In(p.upos, {"NOUN", "PROPN", "ADJ", "DET", "PART", "PUNCT"})) return -1;
  }
  return -1;
}

bool SentenceCoder::IsPassive(const Trigger& tr) const {
  const CoderToken& h = s_.tokens[tr.head];
  bool participle = h.xpos == "VBN" ||
                    (h.xpos.empty() && (h.form.ends_with("ED") || h.form.ends_with("EN")));
  if (!participle) return false;
  for (int t = tr.begin - 1; t >= 0 && t >= tr.begin - 3; --t) {
    const CoderToken& p = s_.tokens[t];
    if (IsBe(p.form)) return true;
    if (actor_at_[t] >= 0 || IsPunct(p)) break;
  }
  return false;
}

bool SentenceCoder::DeniedAbility(const Trigger& tr) const {
  // "... no longer be able to <trigger>", "... not be allowed to <trigger>".
  int to = tr.begin - 1;
  while (to >= 0 && to >= tr.begin - 3 && s_.tokens[to].form != "TO") --to;
  if (to < 1 || s_.tokens[to].form != "TO") return false;
  const std::string& a = s_.tokens[to - 1].form;
  if (!In(a, {"ABLE", "ALLOWED", "PERMITTED"})) return false;
  for (int t = to - 2; t >= 0 && t >= to - 6; --t) {
    if (In(s_.tokens[t].form, {"NOT", "N'T", "NO", "NEVER", "LONGER"})) return true;
    if (actor_at_[t] >= 0) break;
  }
  return false;
}

void SentenceCoder::ShallowRoles(const Trigger& tr, int* src, int* tgt) const {
  auto before = [&]() {
    if (o_.tabari_reading) {
      // TABARI (manual 5.8, 7.6): the source is the first actor of the
      // clause before the verb; a clause with none keeps the sentence's
      // ("X accepts ... or assail Y"), the first actor of the sentence.
      int start = ClauseStart(tr.begin);
      for (int from : {start, 0}) {
        for (int t = from; t < tr.begin; ++t) {
          if (actor_at_[t] >= 0) return groups_[group_of_[actor_at_[t]]].front();
        }
      }
    }
    for (int t = tr.begin - 1; t >= 0; --t) {
      int a = actor_at_[t];
      if (a < 0) continue;
      int b = s_.actors[a].begin;
      if (b > 0 && IsPreposition(s_.tokens[b - 1].form) && s_.tokens[b - 1].form != "OF" &&
          s_.tokens[b - 1].form != "BY") {
        t = b;
        continue;
      }
      // Use the first member of a compound group.
      return groups_[group_of_[a]].front();
    }
    return -1;
  };
  // The target is another actor than the source: neither a member of its
  // group nor an actor with the same code ("Fornost ... its embassy"); a
  // pronoun coded as the whole group ("them" = A/B) is the group.
  auto excluded = [&](int a, int exclude_group) {
    if (exclude_group < 0) return false;
    if (group_of_[a] == exclude_group) return true;
    if (!o_.target_distinct_code || s_.actors[groups_[exclude_group].front()].code.empty()) return false;
    if (s_.actors[a].code == s_.actors[groups_[exclude_group].front()].code) return true;
    if (!o_.tabari_reading || s_.actors[a].code.find('/') == std::string::npos) return false;
    std::string_view rest = s_.actors[a].code;
    while (!rest.empty()) {
      std::size_t slash = rest.find('/');
      std::string_view part = rest.substr(0, slash);
      bool member = false;
      for (int m : groups_[exclude_group]) member |= s_.actors[m].code == part;
      if (!member) return false;
      rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    }
    return true;
  };
  auto after = [&](int from, int exclude_group) {
    for (int t = from; t < n_; ++t) {
      const std::string& f = s_.tokens[t].form;
      if (f == ";" ) break;
      // TABARI codes clause by clause: the target is in the verb's clause.
      if (o_.tabari_reading && ClauseConjunction(t)) break;
      int a = actor_at_[t];
      if (a < 0) continue;
      if (excluded(a, exclude_group) || Locative(a)) {
        t = s_.actors[a].end - 1;
        continue;
      }
      return a;
    }
    return -1;
  };
  if (o_.tabari_reading && tr.tgt >= 0 && tr.src < 0) {
    // TABARI (manual 5.8): with the target found by the pattern, the source
    // is the first actor with a code distinct from the target's, before
    // the verb or, greedily, after it.
    int exclude = group_of_[tr.tgt];
    for (int t = ClauseStart(tr.begin); t < tr.begin && *src < 0; ++t) {
      int a = actor_at_[t];
      if (a >= 0 && !excluded(a, exclude)) *src = groups_[group_of_[a]].front();
    }
    if (*src < 0) *src = after(tr.end, exclude);
    *tgt = tr.tgt;
    return;
  }
  if (IsPassive(tr)) {
    using AP = CoderOptions::AgentlessPassive;
    int by = -1;
    for (int t = tr.end; t < n_ && t < tr.end + 4; ++t) {
      if (s_.tokens[t].form == "BY") {
        by = t;
        break;
      }
    }
    if (by >= 0 || o_.agentless_passive != AP::kActive) {
      *tgt = before();
      *src = -1;
      if (by >= 0) {
        int a = after(by + 1, -1);
        if (a >= 0 && s_.actors[a].begin <= by + 3) *src = a;
      }
      return;
    }
  }
  *src = before();
  // TABARI (manual 5.8): the target is distinct from the source, the one a
  // pattern designated if it did.
  int known_src = o_.tabari_reading && tr.src >= 0 ? tr.src : *src;
  int exclude = known_src >= 0 ? group_of_[known_src] : -1;
  *tgt = after(tr.end, exclude);
  if (*tgt < 0 && o_.tabari_reading) {
    // TABARI (manual 5.8): with no target after the verb, the first actor
    // of the clause before it that is not the source ("X urged Y to assist
    // it" -> Y).
    for (int t = ClauseStart(tr.begin); t < tr.begin; ++t) {
      int a = actor_at_[t];
      if (a < 0) continue;
      bool skipped = a < 64 && (tr.skipped >> a & 1);  // Passed over by a '^'.
      if (!excluded(a, exclude) && !skipped) {
        *tgt = a;
        break;
      }
      t = s_.actors[a].end - 1;
    }
  }
}

// TABARI's clauses (manual 7.6): a conjunction (AND, BUT, OR, NOR) or ";"
// that is not inside a list of actors starts a new clause. Returns the
// first token of the clause that holds token `t`.
int SentenceCoder::ClauseStart(int t) const {
  for (int k = t - 1; k >= 0; --k) {
    if (s_.tokens[k].form == ";" || ClauseConjunction(k)) return k + 1;
  }
  return 0;
}

// Whether token t is a conjunction (AND, BUT, OR, NOR) that starts a new
// clause: not one inside a list of actors ("A and the evil B"), nor, in the
// TABARI reading, one inside a compound noun or adjective phrase (manual
// 7.5.1: "<noun> and <adjective>* <noun>", "<adjective> and <adjective>",
// with the nouns and adjectives of the actors files' lists, passed in as
// NOUN / ADJ tags).
bool SentenceCoder::ClauseConjunction(int t) const {
  if (actor_at_[t] >= 0 || !In(s_.tokens[t].form, {"AND", "BUT", "OR", "NOR"})) return false;
  if (t == 0 || t + 1 >= n_ || s_.tokens[t].form == "BUT") return true;
  if (actor_at_[t - 1] >= 0) {
    if (actor_at_[t + 1] >= 0) return false;
    for (int k = t + 2; k < n_ && k <= t + 4; ++k) {
      if (actor_at_[k] >= 0) {
        if (group_of_[actor_at_[k]] == group_of_[actor_at_[t - 1]]) return false;
        break;
      }
    }
  }
  if (o_.tabari_reading) {
    const std::string& before = s_.tokens[t - 1].upos;
    if (before == "ADJ" && s_.tokens[t + 1].upos == "ADJ") return false;
    if (before == "NOUN") {
      int k = t + 1;
      while (k < n_ && actor_at_[k] < 0 && s_.tokens[k].upos == "ADJ") ++k;
      if (k < n_ && actor_at_[k] < 0 && s_.tokens[k].upos == "NOUN") return false;
    }
  }
  return true;
}

void SentenceCoder::Modal(Trigger* tr) const {
  auto look = [&](const CoderToken& t) {
    const std::string& f = t.form;
    if (In(f, {"NOT", "N'T", "NEVER", "NO", "CANNOT", "DIDN'T", "WON'T", "CAN'T", "DOESN'T",
               "DON'T", "WOULDN'T", "HASN'T", "HAVEN'T", "WASN'T", "WEREN'T", "FAILED"})) {
      tr->negated = true;
    } else if (In(f, {"SHOULD", "MUST", "OUGHT", "COULD", "MIGHT", "MAY"})) {
      if (tr->modality == Modality::kAsserted) tr->modality = Modality::kHypothetical;
      if (f == "MUST") tr->must = true;
    } else if (f == "WOULD" || f == "'D") {
      // Reported future ("said they would boycott") or hypothetical.
      if (tr->modality == Modality::kAsserted) tr->modality = Modality::kFuture;
    } else if (In(f, {"WILL", "SHALL", "'LL", "WILLING", "PREPARED", "READY", "COMMITTED",
                      "PLANS", "PLANNED", "INTENDS"})) {
      if (tr->modality == Modality::kAsserted) tr->modality = Modality::kFuture;
    } else if (In(f, {"ALLEGEDLY", "REPORTEDLY", "PURPORTEDLY", "SUSPECTED", "ALLEGED"})) {
      tr->alleged = true;
    }
  };
  if (s_.parsed) {
    for (int c : children_[tr->head]) {
      const std::string& r = s_.tokens[c].deprel;
      if (r == "aux" || r == "advmod" || r == "neg" || r == "aux:pass") look(s_.tokens[c]);
    }
    // A nominal act takes the modality of the clauses above it: "X should
    // make clear that these arrests ...", "X will carry out arrests".
    if (tr->noun) {
      int g = s_.tokens[tr->head].head;
      for (int hops = 0; hops < 3 && g >= 0 && g < n_; ++hops) {
        for (int c : children_[g]) {
          const std::string& r = s_.tokens[c].deprel;
          if (r == "aux" || r == "advmod" || r == "neg") look(s_.tokens[c]);
        }
        const std::string& gr = s_.tokens[g].deprel;
        if (gr != "ccomp" && gr != "xcomp" && gr != "conj" && gr != "advcl") break;
        g = s_.tokens[g].head;
      }
    }
    // "failed to reach an agreement": the act did not happen.
    if (s_.tokens[tr->head].deprel == "xcomp") {
      int g = s_.tokens[tr->head].head;
      if (g >= 0 && g < n_ && LemmaIs(s_.tokens[g], {"FAIL"})) tr->negated = true;
    }
    // Readiness governs the act from above: "is willing to withdraw".
    for (int t = tr->begin - 1; t >= 0 && t >= tr->begin - 3; --t) {
      const std::string& f = s_.tokens[t].form;
      if (actor_at_[t] >= 0 || IsPunct(s_.tokens[t])) break;
      if (In(f, {"WILLING", "PREPARED", "READY", "COMMITTED"})) {
        if (tr->modality == Modality::kAsserted) tr->modality = Modality::kFuture;
      }
    }
  } else {
    for (int t = tr->begin - 1; t >= 0 && t >= tr->begin - 4; --t) {
      const CoderToken& p = s_.tokens[t];
      if (actor_at_[t] >= 0 || IsPunct(p)) break;
      look(p);
    }
  }
  for (int t = tr->end; t < n_ && t < tr->end + 2; ++t) {
    if (In(s_.tokens[t].form, {"ALLEGEDLY", "REPORTEDLY"})) tr->alleged = true;
  }
  for (int t = 0; t < tr->begin; ++t) {
    if (In(s_.tokens[t].form, {"IF", "UNLESS"})) {
      if (tr->modality == Modality::kAsserted) tr->modality = Modality::kConditional;
    }
  }
  if (tr->negated) tr->modality = Modality::kNegated;
  else if (tr->alleged && tr->modality == Modality::kAsserted) tr->modality = Modality::kAlleged;
}

void SentenceCoder::Count(Complexity* c) const {
  int first_verb = -1;
  std::vector<bool> in_trigger(n_, false);
  for (int t = 0; t < n_; ++t) {
    if (actor_at_[t] >= 0) continue;
    Trigger tr;
    if (!FindTrigger(t, &tr)) continue;
    for (int k = tr.begin; k < tr.end; ++k) in_trigger[k] = true;
    if (!tr.noun) {
      ++c->verbs;
      if (first_verb < 0) first_verb = tr.begin;
    }
    t = std::max(t, tr.end - 1);
  }
  for (int t = 0; t < n_; ++t) {
    if (!in_trigger[t] && ClauseConjunction(t)) ++c->conjunctions;
  }
  c->actor_before_first_verb =
      first_verb >= 0 && !s_.actors.empty() && s_.actors.front().begin < first_verb;
}

void SentenceCoder::Run(std::vector<CodedEvent>* out) {
  std::vector<Trigger> trs;
  for (int t = 0; t < n_; ++t) {
    if (actor_at_[t] >= 0) continue;
    Trigger tr;
    if (!FindTrigger(t, &tr)) continue;
    tr.predicative = Predicative(tr);
    if (Anaphoric(tr)) tr.suppressed = true;
    // A gerund clause as the subject ("Jailing a journalist is an attack on
    // ...") states a generality, not an act.
    if (s_.parsed && o_.content_of_speech_acts && s_.tokens[tr.head].xpos == "VBG" && s_.tokens[tr.head].deprel.starts_with("csubj")) {
      tr.suppressed = true;
    }
    Modal(&tr);
    trs.push_back(std::move(tr));
    t = std::max(t, trs.back().end - 1);
  }

  // TABARI's subordinate codes ("SAID [023?]") code only when the sentence
  // has no other event; dominant ones ("[111!]") silence all others.
  {
    bool plain = false, dominant = false;
    for (const Trigger& tr : trs) {
      plain |= !tr.code.ends_with("?");
      dominant |= tr.code.ends_with("!");
    }
    for (Trigger& tr : trs) {
      if ((plain && tr.code.ends_with("?")) || (dominant && !tr.code.ends_with("!"))) tr.suppressed = true;
    }
    for (Trigger& tr : trs) {
      if (tr.code.ends_with("?") || tr.code.ends_with("!")) tr.code.pop_back();
    }
  }

  // The same code twice within a few tokens is one act read twice
  // ("impose collective punishment": the verb's and the noun's pattern).
  for (std::size_t i = 1; i < trs.size(); ++i) {
    for (std::size_t k = 0; k < i; ++k) {
      if (!trs[k].suppressed && trs[k].code == trs[i].code && trs[i].begin - trs[k].end <= 3) {
        trs[i].suppressed = true;
        break;
      }
    }
  }

  // Roles.
  struct Roles { int src = -1, tgt = -1; };
  std::vector<Roles> roles(trs.size());
  for (std::size_t i = 0; i < trs.size(); ++i) {
    int src = -1, tgt = -1;
    if (s_.parsed) DepRoles(trs[i], &src, &tgt);
    // A subject across a dash, bracket or credit sign is usually a parse
    // that ran over a dateline or caption ("... Reuters (Moscow) - X should").
    bool dropped_subject = false;
    if (src >= 0 && s_.actors[src].end <= trs[i].begin) {
      for (int t = s_.actors[src].end; t < trs[i].begin; ++t) {
        const std::string& f = s_.tokens[t].form;
        if (f == "(" || f == ")" || f == "\xE2\x80\x93" || f == "\xE2\x80\x94" || f == "--" ||
            f == "\xC2\xA9") {
          src = -1;
          dropped_subject = true;
          break;
        }
      }
    }
    if (src < 0 || tgt < 0) {
      // The parse may miss a role (or be wrong); fill the gaps from the
      // positional reading when it proposes a different actor.
      int ssrc = -1, stgt = -1;
      ShallowRoles(trs[i], &ssrc, &stgt);
      // A parsed subject that is not an actor ("crowds burned down") means
      // the act has no coded source; do not borrow one.
      bool subject_node = false;
      if (s_.parsed && !trs[i].noun && !dropped_subject) {
        for (int c : children_[trs[i].head]) {
          if (s_.tokens[c].deprel == "nsubj" || s_.tokens[c].deprel == "nsubj:pass") subject_node = true;
        }
        // "crowds burned down ...": a reduced relative's noun is its subject.
        if (s_.tokens[trs[i].head].deprel.starts_with("acl")) subject_node = true;
        // "a bomb killed one and wounded two": the conjunct's subject too.
        bool blocked = false;
        if (!subject_node && o_.content_of_speech_acts && InheritedSubject(trs[i].head, &blocked) < 0 && blocked) {
          subject_node = true;
        }
      }
      if (src < 0 && ssrc != tgt && !subject_node) src = ssrc;
      if (tgt < 0 && stgt != src) tgt = stgt;
    }
    if (trs[i].predicative) src = -1;
    if (int author = StatementAuthor(trs[i]); author >= 0) {
      src = author;
      if (tgt == author) tgt = -1;
    }
    roles[i].src = trs[i].src >= 0 ? trs[i].src : src;
    roles[i].tgt = trs[i].tgt >= 0 ? trs[i].tgt : tgt;
    if (roles[i].src == roles[i].tgt && !trs[i].both) roles[i].tgt = -1;
  }

  // TABARI's CODE BY CLAUSE (manual 7.6): the first trigger of each clause
  // that makes an event (one with a target, unless a default target fills
  // it) is coded; the clause's later triggers are not.
  if (o_.one_per_clause) {
    int last_kept = -1;
    for (std::size_t i = 0; i < trs.size(); ++i) {
      if (trs[i].suppressed) continue;
      if (last_kept >= 0) {
        bool new_clause = false;
        for (int t = trs[last_kept].end; t < trs[i].begin && !new_clause; ++t) {
          const std::string& f = s_.tokens[t].form;
          if (f == ";" || f == "WHILE" || ClauseConjunction(t)) new_clause = true;
        }
        if (!new_clause) {
          trs[i].suppressed = true;
          continue;
        }
      }
      if (o_.clause_event_needs_target && roles[i].tgt < 0) {
        trs[i].suppressed = true;
        continue;
      }
      last_kept = static_cast<int>(i);
    }
  }

  // Composition: T1 ... TO T2.
  for (std::size_t j = 0; j < trs.size() && o_.compose; ++j) {
    Trigger& t2 = trs[j];
    if (t2.suppressed) continue;
    bool to_before = false;
    for (int t = t2.begin - 1; t >= 0 && t >= t2.begin - 4; --t) {
      if (s_.tokens[t].form == "TO") { to_before = true; break; }
      if (actor_at_[t] >= 0 || IsPunct(s_.tokens[t])) break;
    }
    int gov_tok = -1;
    if (s_.parsed && s_.tokens[t2.head].deprel == "xcomp") gov_tok = s_.tokens[t2.head].head;
    if (!to_before && gov_tok < 0) continue;
    // Governing trigger: the nearest earlier trigger within 8 tokens.
    int gi = -1;
    for (int i = static_cast<int>(j) - 1; i >= 0; --i) {
      if (trs[i].suppressed) continue;
      if (trs[i].head == gov_tok || (gov_tok < 0 && t2.begin - trs[i].end <= 8)) {
        gi = i;
        break;
      }
    }
    if (gi >= 0) {
      Trigger& t1 = trs[gi];
      int r1 = RootNum(t1.code);
      std::string composed;
      if (r1 == 2) composed = AppealFor(t2.code);
      else if (r1 == 10) composed = DemandFor(t2.code);
      else if (r1 == 3 || r1 == 13) composed = IntentFor(t2.code);
      else if (r1 == 12) composed = RejectFor(t2.code);
      if (!composed.empty() && (!t1.from_pattern || t1.code.size() <= 3)) {
        // Keep a pattern's more specific code (e.g. 0253 from "call for release").
        if (!(t1.from_pattern && t1.code.size() == 4)) t1.code = composed;
      }
      if (r1 == 2 || r1 == 10 || r1 == 3 || r1 == 13 || r1 == 12) {
        if (roles[gi].tgt < 0) roles[gi].tgt = roles[j].tgt;
        t2.suppressed = true;
      }
      continue;
    }
    // Uncoded intent verb ("vowed to punish", "pledged to impose").
    int vt = -1;
    bool saw_to = false;
    for (int t = t2.begin - 1; t >= 0 && t >= t2.begin - 6; --t) {
      if (s_.tokens[t].form == "TO") saw_to = true;
      if (saw_to && IsIntentVerb(s_.tokens[t])) { vt = t; break; }
      if (actor_at_[t] >= 0 || IsPunct(s_.tokens[t])) break;
    }
    if (vt < 0 && gov_tok >= 0 && IsIntentVerb(s_.tokens[gov_tok])) vt = gov_tok;
    // Refusal ("refused to release" -> 1243).
    int rt = -1;
    saw_to = false;
    for (int t = t2.begin - 1; t >= 0 && t >= t2.begin - 4; --t) {
      if (s_.tokens[t].form == "TO") saw_to = true;
      if (saw_to && IsRefusalVerb(s_.tokens[t])) { rt = t; break; }
      if (actor_at_[t] >= 0 || IsPunct(s_.tokens[t])) break;
    }
    if (rt >= 0) {
      t2.code = RejectFor(t2.code);
      t2.code2.clear();
      t2.begin = rt;
      t2.modality = Modality::kAsserted;
      continue;
    }
    if (vt >= 0) {
      std::string composed = IntentFor(t2.code);
      if (!composed.empty()) {
        t2.code = composed;
        t2.code2.clear();
        t2.begin = std::min(t2.begin, vt);
        t2.modality = Modality::kAsserted;
      } else {
        t2.modality = Modality::kIntended;
      }
    }
  }

  // What is asked, refused or threatened is not an event of its own: a
  // trigger under an appeal, intent, demand, rejection or threat trigger in
  // the parse ("demanded a truce before allowing convoys", "rejected an
  // offer to host talks") is that act's content; under an accusation it is
  // alleged ("accused X of violating Y"). Conjoined verbs are acts of their
  // own.
  if (s_.parsed && o_.content_of_speech_acts) {
    std::vector<int> trig_at(n_, -1);
    for (std::size_t i = 0; i < trs.size(); ++i) {
      if (!trs[i].suppressed) trig_at[trs[i].head] = static_cast<int>(i);
    }
    for (std::size_t j = 0; j < trs.size(); ++j) {
      if (trs[j].suppressed) continue;
      int cur = trs[j].head;
      for (int hops = 0; hops < 5; ++hops) {
        const std::string& r = s_.tokens[cur].deprel;
        if (r == "conj" || r == "parataxis" || r == "root" || r.empty()) break;
        int g = s_.tokens[cur].head;
        if (g < 0 || g >= n_ || g == cur) break;
        // Under a verb with a modal ("must reach an agreement that stops
        // the fighting"): the act is as hypothetical as its governor.
        bool modal_gov = false;
        for (int c : children_[g]) {
          if (s_.tokens[c].deprel == "aux" &&
              In(s_.tokens[c].form, {"SHOULD", "MUST", "OUGHT", "COULD", "MIGHT", "MAY"})) {
            modal_gov = true;
          }
        }
        if (modal_gov && trig_at[g] < 0) {
          if (trs[j].modality == Modality::kAsserted) trs[j].modality = Modality::kHypothetical;
          break;
        }
        int gi = trig_at[g];
        if (gi >= 0 && gi != static_cast<int>(j)) {
          int rg = RootNum(trs[gi].code);
          if (rg == 2 || rg == 3 || rg == 10 || rg == 12 || rg == 13) {
            trs[j].suppressed = true;
          } else if (trs[gi].code.starts_with("112") && trs[j].modality == Modality::kAsserted) {
            // What one is accused of is alleged; what one is condemned for
            // ("condemned statements threatening Y") is presupposed.
            trs[j].alleged = true;
            trs[j].modality = Modality::kAlleged;
          }
          break;
        }
        cur = g;
      }
    }
  }

  // Killing by state armed forces is conventional military force (19), not
  // unconventional violence (18): "troops killed", "aircraft killed".
  for (std::size_t i = 0; i < trs.size(); ++i) {
    Trigger& tr = trs[i];
    int src = roles[i].src;
    if (src < 0 || (tr.code != "1823" && tr.code != "180")) continue;
    const std::string& c = s_.actors[src].code;
    bool military = false;
    for (std::size_t k = 3; k + 3 <= c.size(); k += 3) {
      if (c.compare(k, 3, "MIL") == 0) military = true;
    }
    if (military) tr.code = "190";
  }
  // The converse: an armed attack (190) by a non-state actor on civilians,
  // refugees or other non-combatants is unconventional violence (180):
  // "militiamen attacked a refugee camp". Attacks on police or soldiers
  // stay 190.
  if (o_.content_of_speech_acts) {
    auto has_sector = [](const std::string& c, std::initializer_list<std::string_view> sectors) {
      for (std::size_t k = 0; k + 3 <= c.size(); k += 3) {
        for (auto sec : sectors) {
          if (c.compare(k, 3, sec) == 0) return true;
        }
      }
      return false;
    };
    for (std::size_t i = 0; i < trs.size(); ++i) {
      Trigger& tr = trs[i];
      int src = roles[i].src, tgt = roles[i].tgt;
      if (tr.code != "190" || src < 0 || tgt < 0) continue;
      const std::string& sc = s_.actors[src].code;
      const std::string& tc = s_.actors[tgt].code;
      if (has_sector(sc, {"MIL", "GOV", "COP", "SPY"})) continue;
      if (has_sector(tc, {"CVL", "REF", "EDU", "MED", "REL", "HRI", "AGR", "LAB", "HLH"})) tr.code = "180";
    }
  }

  // The aim of a protest is part of it: "blocked roads, demanding ...",
  // "staged rallies ... to demand reforms".
  for (std::size_t i = 1; i < trs.size(); ++i) {
    int ri = RootNum(trs[i].code);
    if (ri != 10 && ri != 11 && ri != 12) continue;
    bool aim = s_.tokens[trs[i].head].form.ends_with("ING") ||
               (trs[i].begin > 0 && s_.tokens[trs[i].begin - 1].form == "TO");
    if (!aim) continue;
    for (std::size_t k = 0; k < i; ++k) {
      if (!trs[k].suppressed && RootNum(trs[k].code) == 14) {
        trs[i].suppressed = true;
        break;
      }
    }
  }
  // Refused agreement: "will not accept", "failed to reach an agreement",
  // "did not agree to talks" is a rejection (12x), asserted.
  for (Trigger& tr : trs) {
    if (!o_.negated_agreement_as_rejection || !tr.negated || tr.suppressed) continue;
    // "would not negotiate", "will not meet": a stated refusal to talk.
    bool refused_talks = RootNum(tr.code) == 4 && tr.modality == Modality::kNegated &&
                         tr.begin >= 2 && In(s_.tokens[tr.begin - 2].form, {"WILL", "WOULD", "WO"});
    if (refused_talks) {
      tr.code = "125";
      tr.code2.clear();
      tr.negated = false;
      tr.modality = Modality::kAsserted;
      continue;
    }
    if (RootNum(tr.code) != 3 && !tr.code.starts_with("057")) continue;
    // The act an intent (03x) is about: 031 material cooperation (06), 033
    // aid (07), 035 yielding (08), 036 meeting (04); the rest reject (120).
    std::string act;
    if (tr.code.starts_with("031")) act = "06";
    else if (tr.code.starts_with("033")) act = "07";
    else if (tr.code.starts_with("035")) act = "08";
    else if (tr.code.starts_with("036")) act = "04";
    tr.code = act.empty() ? "120" : RejectFor(act);
    tr.code2.clear();
    tr.negated = false;
    tr.modality = Modality::kAsserted;
  }
  // Announced acts: a cooperative act in the future is an intent (03x), a
  // conflictual one a threat (13x) -- the CAMEO / PLOVER convention for
  // future-tense reports.
  for (Trigger& tr : trs) {
    if (!o_.future_as_intent || tr.modality != Modality::kFuture || tr.negated) continue;
    int r = RootNum(tr.code);
    if (r == 2 || r == 3 || r == 10 || r == 13 || r == 11 || r == 12) continue;
    std::string composed = IntentFor(tr.code);
    // "will withdraw ... unless X": an announced act with a condition on
    // the other side is a threat, whatever the act.
    for (int t = tr.end; t < n_; ++t) {
      if (s_.tokens[t].form == "UNLESS") {
        if (RootNum(composed) != 13) composed = "131";
        break;
      }
    }
    if (composed.empty()) continue;
    tr.code = composed;
    tr.code2.clear();
    tr.modality = Modality::kAsserted;
  }
  // Consequences: ", killing three" after an attack is part of that attack.
  for (std::size_t i = 1; i < trs.size(); ++i) {
    const Trigger& prev = trs[i - 1];
    Trigger& tr = trs[i];
    int rp = RootNum(prev.code), ri = RootNum(tr.code);
    bool violent = rp >= 18 && rp <= 20;
    if (violent && ri >= 18 && ri <= 20 && tr.begin > 0 && s_.tokens[tr.begin - 1].form == "," &&
        s_.tokens[tr.head].form.ends_with("ING")) {
      tr.suppressed = true;
    }
  }
  // Conjoined verb phrases share the subject: "X pledged ... and made threats".
  for (std::size_t i = 1; i < trs.size(); ++i) {
    if (trs[i].src >= 0 || s_.parsed) continue;
    int and_at = -1;
    for (int t = trs[i].begin - 1; t >= trs[i - 1].end && t >= trs[i].begin - 4; --t) {
      if (actor_at_[t] >= 0) break;
      if (s_.tokens[t].form == "AND") { and_at = t; break; }
    }
    if (and_at < 0) continue;
    bool actor_between = false;
    for (int t = and_at + 1; t < trs[i].begin; ++t) actor_between |= actor_at_[t] >= 0;
    if (actor_between) continue;
    int prev_src = roles[i - 1].src;
    if (prev_src >= 0) {
      if (roles[i].tgt == prev_src) roles[i].tgt = -1;
      roles[i].src = prev_src;
    }
  }

  // Attribution: speech verbs and their speaker.
  int speech_tok = -1, speaker = -1;
  for (int t = 0; t < n_; ++t) {
    if (actor_at_[t] >= 0 || !IsSpeechVerb(s_.tokens[t])) continue;
    speech_tok = t;
    bool named_subject = false;  // A subject that is no actor: "..., he said".
    if (s_.parsed) {
      speaker = ChildActor(t, {"nsubj"});
      for (int c : children_[t]) named_subject |= s_.tokens[c].deprel == "nsubj";
    }
    if (speaker < 0 && !named_subject) {
      // "X said" (X within 3 tokens before) or "said X".
      for (int k = t - 1; k >= 0 && k >= t - 4; --k) {
        if (actor_at_[k] >= 0) { speaker = actor_at_[k]; break; }
        if (IsPunct(s_.tokens[k])) break;  // "... with X, officials said": X is not the speaker.
      }
      if (speaker < 0 && t + 1 < n_ && actor_at_[t + 1] >= 0) speaker = actor_at_[t + 1];
    }
    if (speaker >= 0) break;
  }
  for (int t = 0; t + 2 < n_ && speaker < 0; ++t) {
    if (s_.tokens[t].form == "ACCORDING" && s_.tokens[t + 1].form == "TO" && actor_at_[t + 2] >= 0) {
      speech_tok = t;
      speaker = actor_at_[t + 2];
    }
  }

  speaker_ = speaker;
  std::vector<CodedEvent> local;
  auto emit = [&](const Trigger& tr, int src, int tgt, const std::string& code, int attribution) {
    CodedEvent e;
    e.code = code;
    e.source = src;
    e.target = tgt;
    e.trigger_begin = tr.begin;
    e.trigger_end = tr.end;
    e.modality = tr.modality;
    e.negated = tr.negated;
    e.alleged = tr.alleged;
    e.attribution = attribution;
    e.from_pattern = tr.from_pattern;
    local.push_back(e);
  };
  for (std::size_t i = 0; i < trs.size(); ++i) {
    const Trigger& tr = trs[i];
    if (tr.suppressed) continue;
    int src = roles[i].src, tgt = roles[i].tgt;
    int attribution = -1;
    if (speaker >= 0 && tr.head != speech_tok && speaker != src && !o_.tabari_reading) {
      attribution = speaker;
      // "... burned down its embassy, a senior official said": the speaker
      // reports the act; it is not its target.
      if (tgt >= 0 && group_of_[tgt] == group_of_[speaker] && s_.actors[speaker].begin > tr.end) tgt = -1;
      int r = RootNum(tr.code);
      if (src < 0 && (r == 2 || r == 10 || r == 11 || r == 12 || r == 13)) src = speaker;
      // "X should Y", reported: an appeal by the speaker to X.
      if (tr.modality == Modality::kHypothetical && r != 2 && r != 10 && src >= 0) {
        Trigger appeal = tr;
        appeal.modality = Modality::kAsserted;
        appeal.negated = false;
        emit(appeal, speaker, src, tr.must ? DemandFor(tr.code) : AppealFor(tr.code), -1);
      }
      // "X said Y will no longer be able to / will not be allowed to Z": a
      // threat of administrative sanctions by X against Y.
      if (src >= 0 && src != speaker && DeniedAbility(tr)) {
        Trigger threat = tr;
        threat.modality = Modality::kAsserted;
        threat.negated = false;
        emit(threat, speaker, src, "132", -1);
        continue;
      }
    }
    emit(tr, src, tgt, tr.code, attribution);
    // The paired code is the target's act: none without a target.
    if (!tr.code2.empty() && tr.code2 != "---" && tgt >= 0) emit(tr, tgt, src, tr.code2, attribution);
  }

  // "X said Y must / should <act>" where the act is not in the dictionary:
  // still a demand (100) or appeal (020) by X to Y.
  if (speaker >= 0 && o_.reported_modals) {
    for (int t = 0; t + 1 < n_; ++t) {
      const std::string& f = s_.tokens[t].form;
      if (f != "MUST" && f != "SHOULD") continue;
      bool covered = false;
      for (const Trigger& tr : trs) {
        if (tr.begin > t && tr.begin <= t + 3) covered = true;
      }
      if (covered) continue;
      int subject = -1;
      for (int k = t - 1; k >= 0 && k >= t - 6; --k) {
        if (k == speech_tok || IsPunct(s_.tokens[k])) break;
        if (actor_at_[k] >= 0) {
          subject = groups_[group_of_[actor_at_[k]]].front();
          break;
        }
      }
      if (subject < 0 || group_of_[subject] == group_of_[speaker]) continue;
      Trigger modal;
      modal.begin = t;
      modal.end = t + 1;
      modal.head = t;
      emit(modal, speaker, subject, f == "MUST" ? "100" : "020", -1);
    }
  }

  // Filter and expand compounds; the same act coded twice (a paired code
  // over a reciprocal compound) is kept once.
  std::size_t first_out = out->size();
  auto seen = [&](const CodedEvent& x) {
    for (std::size_t k = first_out; k < out->size(); ++k) {
      const CodedEvent& y = (*out)[k];
      if (y.source == x.source && y.target == x.target && y.code == x.code) return true;
    }
    return false;
  };
  for (const CodedEvent& e : local) {
    if (!o_.all_modalities && !Coder::KeptByDefault(e.code, e.modality)) continue;
    std::vector<int> srcs = e.source >= 0 ? groups_[group_of_[e.source]] : std::vector<int>{-1};
    std::vector<int> tgts = e.target >= 0 ? groups_[group_of_[e.target]] : std::vector<int>{-1};
    bool reciprocal = e.source >= 0 && e.source == e.target;
    for (int a : srcs) {
      for (int b : tgts) {
        if (reciprocal ? a == b : (a >= 0 && a == b)) continue;
        if (o_.require_dyad && (a < 0 || b < 0)) continue;
        if (a < 0 && b < 0 && !o_.keep_actorless) continue;
        CodedEvent x = e;
        x.source = a;
        x.target = b;
        if (!seen(x)) out->push_back(x);
      }
    }
  }
}

}  // namespace

bool Coder::KeptByDefault(const std::string& code, Modality m) {
  if (m == Modality::kAsserted) return true;
  int r = RootNum(code);
  // Announced and intended acts are what these codes are about; a condition
  // ("unless the president agrees") or a modal ("must agree") is not an act.
  if (r == 2 || r == 3 || r == 10 || r == 13) return m == Modality::kFuture || m == Modality::kIntended;
  return m == Modality::kIntended && false;
}

bool Coder::Discarded(const CoderSentence& s, bool document) const {
  if (dict_ == nullptr) return false;
  const auto& list = document ? dict_->document_discards() : dict_->sentence_discards();
  for (const auto& phrase : list) {
    if (phrase.empty()) continue;
    const DictWord& first = phrase[0];
    for (std::size_t t = 0; t + phrase.size() <= s.tokens.size(); ++t) {
      // A word matches only a form with its first byte (WordMatches,
      // IsInflectionOf), or an inflected word by its lemma: a cheap test
      // before the full match, which is the hot path of this loop.
      const std::string& form = s.tokens[t].form;
      if (!first.text.empty() && !form.empty() && form[0] != first.text[0] &&
          !(first.mode == WordMode::kInflect && s.tokens[t].lemma == first.text)) {
        continue;
      }
      bool ok = true;
      for (std::size_t k = 0; k < phrase.size() && ok; ++k) {
        ok = WordMatches(phrase[k], s.tokens[t + k].form, s.tokens[t + k].lemma);
      }
      if (ok) return true;
    }
  }
  return false;
}

Complexity Coder::Measure(const CoderSentence& s) const {
  Complexity c;
  if (s.tokens.empty() || dict_ == nullptr) return c;
  SentenceCoder(s, *dict_, options_).Count(&c);
  return c;
}

void Coder::Code(const CoderSentence& s, std::vector<CodedEvent>* out, int* speaker) const {
  if (speaker) *speaker = -1;
  if (s.tokens.empty() || dict_ == nullptr) return;
  if (Discarded(s, false)) return;
  SentenceCoder sc(s, *dict_, options_);
  sc.Run(out);
  if (speaker) *speaker = sc.speaker();
}

}  // namespace dyad::code
