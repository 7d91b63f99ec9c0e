// PLOVER contexts of a sentence, from a cue table of our own.
//
// PLOVER (plover_ontology.json) tags events with contexts: human_rights,
// terrorism, election, migration, legal, military, ... A context is set when
// one of its cue phrases occurs in the event's sentence. Cues are lower-case
// word sequences; a word ending in '*' matches any word it starts ("refugee*"
// matches "refugees"). The table is in context.cc: our own list of words
// that signal each context, not a copy of any codebook.
#ifndef DYAD_ENRICH_CONTEXT_H_
#define DYAD_ENRICH_CONTEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace dyad::enrich {

// The contexts cued in `text`, in the ontology's order, without repeats.
std::vector<std::string> FindContexts(std::string_view text);

// The PLOVER mode of an event of type `plover_event` ("ASSAULT") cued in
// `text` ("shelling" -> heavy-weapons), from our own mode cue table; "" when
// none is cued or the type has no modes there.
std::string FindMode(std::string_view plover_event, std::string_view text);

// Whether the mode cue table can name `mode` for `plover_event`.
bool ModeKnown(std::string_view plover_event, std::string_view mode);

// Every context name the cue table knows (the ontology's 37 names).
const std::vector<std::string>& KnownContexts();

}  // namespace dyad::enrich

#endif  // DYAD_ENRICH_CONTEXT_H_
