// The jackknifed-tags cache of `dyad train parser` and `dyad train relabel`
// (--tags-cache): one line per sentence, "UPOS/XPOS" per word, spaces
// between.
#ifndef DYAD_TOOLS_TAGS_CACHE_H_
#define DYAD_TOOLS_TAGS_CACHE_H_

#include <string>
#include <vector>

#include "text/conllu.h"

namespace dyad::cli {

// Replaces the tags of `data` with the cached ones. False (and `data`
// untouched) when the file is missing or its sentence or word counts differ.
bool ReadTagsCache(const std::string& path,
                   std::vector<text::ConlluSentence>* data);
void WriteTagsCache(const std::string& path,
                    const std::vector<text::ConlluSentence>& data);

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_TAGS_CACHE_H_
