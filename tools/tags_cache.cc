#include "tools/tags_cache.h"

#include <fstream>
#include <sstream>

namespace dyad::cli {

bool ReadTagsCache(const std::string& path,
                   std::vector<text::ConlluSentence>* data) {
  std::ifstream in(path);
  if (!in) return false;
  std::vector<std::vector<std::string>> lines;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> tags;
    std::istringstream ss(line);
    for (std::string t; ss >> t;) tags.push_back(t);
    lines.push_back(std::move(tags));
  }
  if (lines.size() != data->size()) return false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].size() != (*data)[i].words.size()) return false;
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    for (std::size_t k = 0; k < lines[i].size(); ++k) {
      const std::string& t = lines[i][k];
      std::size_t slash = t.find('/', 1);
      (*data)[i].words[k].upos = t.substr(0, slash);
      (*data)[i].words[k].xpos =
          slash == std::string::npos ? "" : t.substr(slash + 1);
    }
  }
  return true;
}

void WriteTagsCache(const std::string& path,
                    const std::vector<text::ConlluSentence>& data) {
  std::ofstream out(path);
  for (const auto& s : data) {
    for (std::size_t k = 0; k < s.words.size(); ++k) {
      out << (k ? " " : "") << s.words[k].upos << "/" << s.words[k].xpos;
    }
    out << "\n";
  }
}

}  // namespace dyad::cli
