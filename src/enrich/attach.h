// Which modifier of a sentence governs an event's trigger.
//
// A sentence may hold several dates and places: "On Monday, the court, which
// was set up in 2015, sentenced him to prison in Grozny." The date of the
// sentencing is Monday, not 2015. GoverningModifier picks, among candidate
// modifier spans (dates or locative phrases), the one that modifies the
// trigger's verb or the clause it belongs to.
//
// With a dependency parse (Token::head filled by the analyze stage), a
// candidate governs the trigger when its phrase attaches to the trigger or to
// an ancestor of it, climbing through any relation except out of a noun-
// modifying clause (acl, acl:relcl) or a parataxis (UD's "he said" after a
// quotation): conjoined verbs share the modifiers of the first ("On August
// 23, he pledged ... and made threats"), xcomp and ccomp complements inherit
// their governor's. Failing that, a modifier of one of the path's arguments
// (obj, iobj, obl, nsubj) is taken, since parsers often hang "in Grozny" on
// the object; failing that too, the token window below decides. Either way
// only candidates in the trigger's own region (below) count: a quotation or
// a ';'-separated clause is a statement of its own whatever the parse says.
//
// Without a parse, a token window stands in: the sentence is cut into
// regions (main clauses split at ';', quotations, parentheses, and relative
// clauses opened by ", which / who / where / when" up to the next comma),
// and the nearest candidate in the trigger's own region governs it, the
// preceding one winning a tie. A candidate separated from the trigger by
// "and"/"but" (another conjunct) yields to one that is not, unless it opens
// the sentence ("On Monday, police arrested him and released ..."), where
// it scopes over every conjunct.
#ifndef DYAD_ENRICH_ATTACH_H_
#define DYAD_ENRICH_ATTACH_H_

#include <string_view>
#include <vector>

#include "dyad/document.h"
#include "dyad/sentence.h"

namespace dyad::enrich {

// Whether the analyze stage left a dependency parse on `s`.
bool HasParse(const Sentence& s);

// Returns the index in `candidates` of the span governing `trigger`, or -1
// when none does. All spans are document offsets inside sentence `s` of
// `text`. `use_parse` false forces the token-window method.
int GoverningModifier(const Sentence& s, std::string_view text,
                      const std::vector<Span>& candidates, Span trigger, bool use_parse = true);

// The parse method alone (no region filter, no window fallback): -1 when no
// candidate attaches to the trigger's path or its arguments. For tests.
int GoverningModifierByParse(const Sentence& s, const std::vector<Span>& candidates,
                             Span trigger);

}  // namespace dyad::enrich

#endif  // DYAD_ENRICH_ATTACH_H_
