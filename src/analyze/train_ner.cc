// Training the NER model on BIO data tagged by our own POS tagger.
#include <algorithm>
#include <functional>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "analyze/crf.h"
#include "analyze/embeddings.h"
#include "analyze/features.h"
#include "analyze/train.h"
#include "geo/gazetteer_builder.h"
#include "util/files.h"
#include "util/status_macros.h"

namespace dyad::analyze {
namespace {

// A training sentence's words and POS tag keys: the tagger's, or its
// tag_keys where given (non-zero).
void TagSentence(const Tagger& tagger, const IobSentence& s, std::vector<WordInfo>* words,
                 std::vector<std::uint64_t>* tags) {
  thread_local std::vector<std::string_view> forms;
  thread_local std::vector<int> t;
  forms.assign(s.forms.begin(), s.forms.end());
  tagger.Prepare(forms, words);
  tagger.Tag(*words, &t);
  tags->clear();
  for (std::size_t k = 0; k < t.size(); ++k) {
    tags->push_back(s.tag_keys.size() == t.size() && s.tag_keys[k] ? s.tag_keys[k]
                                                                     : tagger.tag_key(t[k]));
  }
}

// Splits a name into UD-like tokens: spaces separate, and an inner hyphen
// is its own token ("al-Qaeda" -> "al - Qaeda").
std::vector<std::vector<std::string>> Tokenize(const std::string& name) {
  std::vector<std::string> words, split;
  std::string cur;
  for (char c : name + " ") {
    if (c == ' ') {
      if (!cur.empty()) words.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  bool hyphen = false;
  for (const auto& w : words) {
    std::size_t start = 0, dash;
    while ((dash = w.find('-', start + 1)) != std::string::npos && dash + 1 < w.size()) {
      split.push_back(w.substr(start, dash - start));
      split.push_back("-");
      start = dash + 1;
      hyphen = true;
    }
    split.push_back(w.substr(start));
  }
  std::vector<std::vector<std::string>> out;
  if (!words.empty()) out.push_back(words);
  if (hyphen) out.push_back(split);
  return out;
}

void AddName(const std::string& name, std::uint32_t type, std::vector<GazetteerEntry>* out) {
  for (auto& toks : Tokenize(name)) {
    if (toks.size() > static_cast<std::size_t>(Ner::kMaxGazLen)) continue;
    out->push_back({std::move(toks), type});
  }
}

// Adds the values of `field` lines ("  name X", "  capital X") of a
// dictionary file.
void AddDictField(const std::string& path, const std::string& field, std::uint32_t type,
                  std::vector<GazetteerEntry>* out) {
  auto data = ReadFile(path);
  if (!data.ok()) return;
  const std::string prefix = field + " ";
  std::size_t pos = 0;
  while (pos < data->size()) {
    std::size_t nl = data->find('\n', pos);
    if (nl == std::string::npos) nl = data->size();
    std::string line = data->substr(pos, nl - pos);
    pos = nl + 1;
    std::size_t a = line.find_first_not_of(' ');
    if (a == std::string::npos || line.compare(a, prefix.size(), prefix) != 0) continue;
    std::string name = line.substr(a + prefix.size());
    // Only capitalised names: lower-case entries are common nouns ("police").
    if (!name.empty() && name[0] >= 'A' && name[0] <= 'Z') AddName(name, type, out);
  }
}

void AddDictNames(const std::string& path, std::uint32_t type, std::vector<GazetteerEntry>* out) {
  AddDictField(path, "name", type, out);
}

void AddIsoNames(const std::string& path, const char* list, std::uint32_t type,
                 std::vector<GazetteerEntry>* out) {
  auto data = ReadFile(path);
  if (!data.ok()) return;
  auto j = nlohmann::json::parse(*data, nullptr, false);
  if (j.is_discarded() || !j.contains(list)) return;
  for (const auto& e : j[list]) {
    for (const char* field : {"name", "common_name", "official_name"}) {
      if (e.contains(field) && e[field].is_string()) AddName(e[field].get<std::string>(), type, out);
    }
  }
}

}  // namespace

Status AddCities(const std::string& cities_pbf, std::uint32_t min_population,
                 std::vector<GazetteerEntry>* out) {
  ASSIGN_OR_RETURN(std::string bytes, ReadFile(cities_pbf));
  ASSIGN_OR_RETURN(auto rows, geo::DecodeCitiesPbf(bytes));
  for (const auto& r : rows) {
    if (r.population >= min_population) AddName(r.name, 4, out);
  }
  return Status::OK();
}

std::vector<GazetteerEntry> LoadGazetteer(const std::string& iso_dir, const std::string& dict_dir) {
  std::vector<GazetteerEntry> out;
  AddIsoNames(iso_dir + "/iso_3166-1.json", "3166-1", 4, &out);
  AddIsoNames(iso_dir + "/iso_3166-2.json", "3166-2", 4, &out);
  AddDictNames(dict_dir + "/orgs.dyad", 2, &out);
  AddDictNames(dict_dir + "/nonstate.dyad", 2, &out);
  AddDictNames(dict_dir + "/media.dyad", 2, &out);
  AddDictNames(dict_dir + "/countries.dyad", 4, &out);
  AddDictField(dict_dir + "/countries.dyad", "capital", 4, &out);
  AddDictField(dict_dir + "/countries.dyad", "adjective", 8, &out);
  AddDictField(dict_dir + "/countries.dyad", "demonym", 8, &out);
  std::error_code ec;
  std::vector<std::string> leaders;
  for (const auto& e : std::filesystem::directory_iterator(dict_dir + "/leaders", ec)) {
    leaders.push_back(e.path().string());
  }
  std::sort(leaders.begin(), leaders.end());
  for (const auto& p : leaders) AddDictNames(p, 1, &out);
  return out;
}

Status AddFirstNames(const std::string& name_yml, std::vector<GazetteerEntry>* out) {
  ASSIGN_OR_RETURN(std::string data, ReadFile(name_yml));
  std::size_t pos = 0, lists = 0;
  while (pos < data.size()) {
    std::size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) nl = data.size();
    std::string_view line(data.data() + pos, nl - pos);
    pos = nl + 1;
    std::size_t a = line.find_first_not_of(' ');
    if (a == std::string_view::npos) continue;
    line.remove_prefix(a);
    bool first_names = false;
    for (const char* key : {"male_first_name:", "female_first_name:", "neutral_first_name:"}) {
      first_names |= line.starts_with(key);
    }
    const std::size_t open = line.find('['), close = line.rfind(']');
    if (!first_names || open == std::string_view::npos || close == std::string_view::npos ||
        close < open) {
      continue;
    }
    ++lists;
    std::string_view items = line.substr(open + 1, close - open - 1);
    while (!items.empty()) {
      std::size_t comma = items.find(',');
      std::string_view item = items.substr(0, comma);
      items = comma == std::string_view::npos ? std::string_view() : items.substr(comma + 1);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (!item.empty() && item[0] >= 'A' && item[0] <= 'Z' &&
          item.find(' ') == std::string_view::npos) {
        out->push_back({{std::string(item)}, 16});
      }
    }
  }
  if (lists == 0) {
    return InvalidArgumentError(name_yml + ": no first-name lists (male_first_name: [...])");
  }
  return Status::OK();
}

namespace {

// The files of a SCOWL folder named <variety><kind><size level> (english-proper-names.50 for
// kind "-proper-names."), sorted, with their size levels.
StatusOr<std::vector<std::pair<std::string, int>>> ScowlLists(const std::string& scowl_dir,
                                                              std::string_view kind) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(scowl_dir, ec)) {
    if (e.is_regular_file(ec)) files.push_back(e.path().filename().string());
  }
  if (ec) return InvalidArgumentError(scowl_dir + ": cannot list the folder (" + ec.message() + ")");
  std::sort(files.begin(), files.end());
  std::vector<std::pair<std::string, int>> out;
  for (const std::string& file : files) {
    const std::size_t at = file.find(kind);
    if (at == std::string::npos || at == 0) continue;
    const std::string level = file.substr(at + kind.size());
    if (level.empty() || level.size() > 3 ||
        !std::all_of(level.begin(), level.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    out.emplace_back(scowl_dir + "/" + file, std::stoi(level));
  }
  return out;
}

// Calls `add` for each word of a SCOWL list file; errors name the file and line.
Status ReadScowlList(const std::string& path, const std::function<void(std::string_view)>& add) {
  ASSIGN_OR_RETURN(std::string data, ReadFile(path));
  std::size_t pos = 0, line_no = 0, words = 0;
  while (pos < data.size()) {
    std::size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) nl = data.size();
    std::string_view word(data.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!word.empty() && word.back() == '\r') word.remove_suffix(1);
    if (word.empty()) continue;
    if (word.find_first_of(" \t") != std::string_view::npos) {
      return InvalidArgumentError(path + ":" + std::to_string(line_no) + ": not one word a line");
    }
    ++words;
    add(word);
  }
  if (words == 0) return InvalidArgumentError(path + ": no words (one a line)");
  return Status::OK();
}

}  // namespace

Status AddWordLists(const std::string& scowl_dir, std::uint32_t kinds, bool levels,
                    int common_level, std::vector<GazetteerEntry>* out) {
  static constexpr const char* kKinds[] = {"-proper-names.", "-upper.", "-abbreviations."};
  // The common words: the lower-case words of the word lists up to common_level.
  std::set<std::string, std::less<>> common;
  if (common_level > 0) {
    ASSIGN_OR_RETURN(auto word_lists, ScowlLists(scowl_dir, "-words."));
    for (const auto& [path, size] : word_lists) {
      if (size > common_level) continue;
      RETURN_IF_ERROR(ReadScowlList(path, [&common](std::string_view w) {
        if (w[0] >= 'a' && w[0] <= 'z') common.emplace(w);
      }));
    }
  }
  std::size_t lists = 0;
  std::string lower;
  for (int kind = 0; kind < 3; ++kind) {
    if (!(kinds & (1u << kind))) continue;
    ASSIGN_OR_RETURN(auto files, ScowlLists(scowl_dir, kKinds[kind]));
    for (const auto& [path, size] : files) {
      const int bucket = !levels || size <= 50 ? 0 : (size <= 80 ? 1 : 2);
      const std::uint32_t bit = kWordListBit << (3 * kind + bucket);
      ++lists;
      RETURN_IF_ERROR(ReadScowlList(path, [&](std::string_view word) {
        if (word.ends_with("'s")) return;  // possessives ("Abbott's") add nothing
        LowerAscii(word, &lower);
        if (common.contains(lower)) return;
        out->push_back({{std::string(word)}, bit});
      }));
    }
  }
  if (lists == 0) {
    return InvalidArgumentError(scowl_dir +
                                ": no SCOWL lists of the kinds asked for (english-proper-names.50, "
                                "english-upper.50, english-abbreviations.50, ...)");
  }
  return Status::OK();
}

std::set<std::string, std::less<>> NationalityWords(const std::vector<GazetteerEntry>& gazetteer) {
  std::map<std::string, std::uint32_t> types;
  for (const auto& g : gazetteer) {
    if (g.tokens.size() == 1) types[g.tokens[0]] |= g.types;
  }
  std::set<std::string, std::less<>> out;
  for (const auto& [word, t] : types) {
    if ((t & 8) && !(t & 7)) out.insert(word);
  }
  return out;
}

Status AddOrgNames(const std::string& dict_file, std::vector<GazetteerEntry>* out) {
  if (auto data = ReadFile(dict_file); !data.ok()) return data.status().WithContext(dict_file);
  AddDictNames(dict_file, 2, out);
  return Status::OK();
}

namespace {

std::set<std::string, std::less<>> CommonWords(const BaseForms& common_words) {
  std::set<std::string, std::less<>> common;
  for (const auto& [lemma, word_class] : common_words.lemmas) common.insert(lemma);
  return common;
}

// The filter that --brands and --org-list share: a capitalised name of at least `min_length`
// bytes, not a one-word common word (an all-caps acronym stays).
void AddCleanOrgName(const std::string& name, const std::set<std::string, std::less<>>& common,
                     std::size_t min_length, std::vector<GazetteerEntry>* out) {
  if (name.size() < min_length || name[0] < 'A' || name[0] > 'Z') return;
  const bool acronym =
      std::none_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (!acronym && name.find(' ') == std::string::npos) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (common.contains(lower)) return;
  }
  AddName(name, 2, out);
}

}  // namespace

Status AddBrandNames(const std::string& simple_icons_json, const BaseForms& common_words,
                     std::vector<GazetteerEntry>* out) {
  ASSIGN_OR_RETURN(std::string data, ReadFile(simple_icons_json));
  auto j = nlohmann::json::parse(data, nullptr, false);
  if (j.is_discarded() || !j.is_array()) {
    return InvalidArgumentError(simple_icons_json + ": not a JSON array of icons");
  }
  const auto common = CommonWords(common_words);
  std::size_t titles = 0;
  for (const auto& e : j) {
    if (!e.is_object() || !e.contains("title") || !e["title"].is_string()) continue;
    ++titles;
    AddCleanOrgName(e["title"].get<std::string>(), common, 1, out);
  }
  if (titles == 0) return InvalidArgumentError(simple_icons_json + ": no icon titles");
  return Status::OK();
}

Status AddOrgList(const std::string& list_file, const BaseForms& common_words,
                  std::vector<GazetteerEntry>* out) {
  ASSIGN_OR_RETURN(std::string data, ReadFile(list_file));
  const auto common = CommonWords(common_words);
  std::size_t names = 0;
  std::string_view rest = data;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    ++names;
    AddCleanOrgName(std::string(line), common, 3, out);
  }
  if (names == 0) return InvalidArgumentError(list_file + ": no names (one a line)");
  return Status::OK();
}

namespace {

// One synset of a WordNet data.* file: its words and its (instance) hypernyms.
struct WordNetSynset {
  std::vector<std::string> words;
  std::vector<std::uint32_t> hypernyms;  // `@` and `@i` targets in the same file
  bool instance = false;                 // has an instance hypernym (`@i`)
};

// Parses the synset lines of a data.* file (the licence header's lines start with spaces).
std::map<std::uint32_t, WordNetSynset> ReadWordNetData(const std::string& data) {
  std::map<std::uint32_t, WordNetSynset> out;
  std::size_t pos = 0;
  while (pos < data.size()) {
    std::size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) nl = data.size();
    const std::string line = data.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.empty() || line[0] == ' ') continue;
    std::istringstream in(line.substr(0, line.find(" | ")));
    std::uint32_t offset = 0;
    std::string lexfile, ss_type, hex_count, lex_id;
    if (!(in >> offset >> lexfile >> ss_type >> hex_count)) continue;
    WordNetSynset& s = out[offset];
    const unsigned long words = std::strtoul(hex_count.c_str(), nullptr, 16);
    for (unsigned long k = 0; k < words; ++k) {
      std::string word;
      if (!(in >> word >> lex_id)) break;
      s.words.push_back(word);
    }
    int pointers = 0;
    in >> pointers;
    for (int k = 0; k < pointers; ++k) {
      std::string symbol, pos_tag, source_target;
      std::uint32_t target = 0;
      if (!(in >> symbol >> target >> pos_tag >> source_target)) break;
      if ((symbol == "@" || symbol == "@i") && pos_tag == "n") s.hypernyms.push_back(target);
      s.instance |= symbol == "@i";
    }
  }
  return out;
}

}  // namespace

StatusOr<WordNetInstanceCounts> AddWordNetInstances(const std::string& wordnet_dir,
                                                    std::uint32_t types_kept,
                                                    std::vector<GazetteerEntry>* out) {
  auto read = [](const std::string& path) -> StatusOr<std::string> {
    auto data = ReadFile(path);
    if (!data.ok()) return data.status().WithContext(path);
    return data;
  };
  ASSIGN_OR_RETURN(std::string nouns, read(wordnet_dir + "/data.noun"));
  const auto synsets = ReadWordNetData(nouns);
  // The roots and their types: person.n.01 -> PER; location.n.01, body_of_water.n.01,
  // geological_formation.n.01 and land.n.04 (rivers, mountains, islands) -> LOC;
  // organization.n.01 and university.n.03 (an establishment, where Harvard University is) -> ORG.
  const std::map<std::uint32_t, std::uint32_t> roots = {
      {7846, 1},    {27167, 4},  {9225146, 4}, {9287968, 4},
      {9334396, 4}, {8008335, 2}, {4511002, 2}};
  constexpr std::uint32_t kOrganization = 8008335;
  for (const auto& [offset, type] : roots) {
    if (!synsets.contains(offset)) {
      return InvalidArgumentError(wordnet_dir + "/data.noun: not WordNet 3.0 (no synset " +
                                  std::to_string(offset) + ")");
    }
  }
  // Common words: the lemmas WordNet writes lower-case, of every part of speech ("mercury"
  // for "Mercury"); names are written capitalised.
  std::set<std::string, std::less<>> common;
  auto add_common = [&common](const std::map<std::uint32_t, WordNetSynset>& data) {
    for (const auto& [offset, s] : data) {
      for (const auto& w : s.words) {
        if (!w.empty() && w[0] >= 'a' && w[0] <= 'z') common.insert(w.substr(0, w.find('(')));
      }
    }
  };
  add_common(synsets);
  for (const char* file : {"/data.verb", "/data.adj", "/data.adv"}) {
    ASSIGN_OR_RETURN(std::string data, read(wordnet_dir + file));
    add_common(ReadWordNetData(data));
  }
  std::map<std::uint32_t, std::uint32_t> memo;  // synset -> the root types at or above it
  std::function<std::uint32_t(std::uint32_t, int)> types = [&](std::uint32_t offset, int depth) {
    if (auto m = memo.find(offset); m != memo.end()) return m->second;
    std::uint32_t t = 0;
    if (auto r = roots.find(offset); r != roots.end()) t = r->second;
    auto it = synsets.find(offset);
    if (it != synsets.end() && depth < 64) {
      for (std::uint32_t h : it->second.hypernyms) t |= types(h, depth + 1);
    }
    memo[offset] = t;
    return t;
  };
  WordNetInstanceCounts counts;
  for (const auto& [offset, s] : synsets) {
    std::uint32_t t = 0;
    if (s.instance) {
      ++counts.instances;
      for (std::uint32_t h : s.hypernyms) t |= types(h, 0);
    } else if (offset != kOrganization && (types(offset, 0) & 2)) {
      t = 2;  // a kind of organisation: its capitalised lemmas name one
    }
    t &= types_kept;
    if (t == 0) continue;
    for (std::string name : s.words) {
      std::replace(name.begin(), name.end(), '_', ' ');
      if (name.empty() || name[0] < 'A' || name[0] > 'Z') continue;
      // Acronyms are left out: matched lower-case too, "WHO" and "NT" would mark "who", "nt".
      if (std::none_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
        continue;
      }
      std::string lower;
      LowerAscii(name, &lower);
      if (name.find(' ') == std::string::npos && common.contains(lower)) continue;
      counts.per += (t & 1) != 0;
      counts.org += (t & 2) != 0;
      counts.loc += (t & 4) != 0;
      counts.named_kinds += !s.instance;
      AddName(name, t, out);
    }
  }
  return counts;
}

class NerTrainer {
 public:
  static Status Train(const std::vector<IobSentence>& train, const Tagger& tagger,
                      const std::vector<GazetteerEntry>& gazetteer, const TrainOptions& opts,
                      Ner* ner) {
    if (opts.ner_embedding_levels < 0 || opts.ner_embedding_levels > kMaxEmbeddingLevels) {
      return InvalidArgumentError("ner_embedding_levels must be 0 to " +
                                  std::to_string(kMaxEmbeddingLevels));
    }
    {
      std::map<std::uint64_t, std::uint32_t> types;
      std::vector<WordInfo> w;
      ner->word_lists_ = false;
      std::size_t list_words = 0;
      for (const auto& g : gazetteer) {
        w.resize(g.tokens.size());
        for (std::size_t i = 0; i < g.tokens.size(); ++i) FillWordInfo(g.tokens[i], &w[i]);
        if (g.types >= kWordListBit) {  // AddWordLists(): a one-word mark, not a name
          if (w.size() != 1) continue;
          types[Ner::WordListKey(w[0].lower)] |= g.types / kWordListBit;
          ner->word_lists_ = true;
          ++list_words;
          continue;
        }
        types[Ner::GazKey(w.data(), static_cast<int>(w.size()))] |= g.types;
        types[Ner::GazKeyLower(w.data(), static_cast<int>(w.size()))] |= g.types;
      }
      const std::size_t names = types.size();
      ner->embedding_levels_ = opts.ner_embedding_levels;
      if (opts.ner_embedding_levels) {
        for (const auto& [lower, classes] : opts.ner_embedding_classes) {
          types[Ner::EmbeddingKey(lower)] = classes;
        }
        if (opts.log) {
          opts.log("embedding classes: " + std::to_string(opts.ner_embedding_classes.size()) +
                   " words, " + std::to_string(opts.ner_embedding_levels) + " granularities");
        }
      }
      ner->gaz_.Build({types.begin(), types.end()});
      if (opts.log && list_words) {
        opts.log("gazetteer: word-list entries: " + std::to_string(list_words));
      }
      if (opts.log) opts.log("gazetteer names: " + std::to_string(names));
    }
    std::vector<std::vector<std::string>> labels(train.size());
    for (std::size_t i = 0; i < train.size(); ++i) {
      labels[i] = train[i].labels;
      if (opts.ner_bilou) BioToBilou(&labels[i]);
    }
    std::map<std::string, int> ids{{"O", 0}};
    for (const auto& ls : labels) {
      for (const auto& l : ls) ids[l] = 0;
    }
    ner->labels_.clear();
    for (auto& [name, id] : ids) {
      id = static_cast<int>(ner->labels_.size());
      ner->labels_.push_back(name);
    }
    ner->ComputeTypes();
    ner->char_grams_ = opts.ner_char_grams;
    ner->contexts_ = opts.ner_contexts && opts.ner_history;
    const int nl = ner->num_labels();
    Data d;
    d.infos.resize(train.size());
    d.tags.resize(train.size());
    d.gold.resize(train.size());
    d.gaz.resize(train.size());
    d.chars.resize(train.size());
    std::vector<std::string_view> forms;
    for (std::size_t i = 0; i < train.size(); ++i) {
      forms.assign(train[i].forms.begin(), train[i].forms.end());
      TagSentence(tagger, train[i], &d.infos[i], &d.tags[i]);
      ner->MatchGazetteer(d.infos[i], &d.gaz[i]);
      ner->ExtraKeys(d.infos[i], forms, &d.chars[i]);
      for (const auto& l : labels[i]) d.gold[i].push_back(ids[l]);
      if (i == 0 || train[i].newdoc) d.docs.push_back(static_cast<int>(i));
    }
    d.docs.push_back(static_cast<int>(train.size()));
    std::vector<LinearModel> models;
    for (int run = 0; run < std::max(opts.ensemble, 1); ++run) {
      models.push_back(opts.ner_crf ? TrainOneCrf(d, opts, opts.seed + run, nl, *ner)
                                    : TrainOne(d, opts, opts.seed + run, nl, *ner));
    }
    ner->model_ = models.size() == 1 ? std::move(models[0]) : LinearModel::Mean(models);
    return Status::OK();
  }

 private:
  struct Data {
    std::vector<std::vector<WordInfo>> infos;
    std::vector<std::vector<std::uint64_t>> tags;
    std::vector<std::vector<std::uint32_t>> gaz;
    std::vector<NerChars> chars;
    std::vector<std::vector<int>> gold;
    std::vector<int> docs;  // first sentence of each document, then the end
  };

  // The sentences of an epoch in training order: the units of `order`
  // (with the history, documents: their sentences in order, the first of
  // each marked ~, where the history starts afresh).
  static std::vector<int> EpochSentences(const Data& d, const std::vector<int>& order,
                                         bool history) {
    std::vector<int> sentences;
    for (int u : order) {
      if (history) {
        sentences.push_back(~d.docs[u]);
        for (int k = d.docs[u] + 1; k < d.docs[u + 1]; ++k) sentences.push_back(k);
      } else {
        sentences.push_back(u);
      }
    }
    return sentences;
  }

  // The document history as a training sentence sees it: its history marks
  // (with the history) and its extra keys (its character n-grams, or with
  // --contexts the context keys). A negative `si` starts a document
  // (EpochSentences); Begin returns the sentence's index.
  struct SentenceHistory {
    NerHistory history;
    std::vector<std::uint32_t> marks;
    NerChars contexts;
    int Begin(const Data& d, int si, bool use_history, bool use_contexts,
              const std::uint32_t** h, const NerChars** extra) {
      *h = nullptr;
      if (use_history) {
        if (si < 0) si = ~si, history.Clear();
        history.Marks(d.infos[si], &marks);
        *h = marks.data();
      }
      *extra = &d.chars[si];
      if (use_contexts) {
        history.ContextKeys(d.infos[si], d.chars[si], &contexts);
        *extra = &contexts;
      }
      return si;
    }
  };

  // One structured-perceptron run over the prepared sentences with `seed`;
  // the averaged model. With opts.ner_history the documents are shuffled
  // (their sentences stay in order) and each sentence sees the history of
  // the labels predicted so far in its document, as at run time.
  static LinearModel TrainOne(const Data& d, const TrainOptions& opts, std::uint64_t seed, int nl,
                              const Ner& decoder) {
    const Ner* ner = &decoder;
    const auto& infos = d.infos;
    const auto& tags = d.tags;
    const auto& gaz = d.gaz;
    const auto& gold = d.gold;
    PerceptronTrainer pt(nl);
    const int units = opts.ner_history ? static_cast<int>(d.docs.size()) - 1
                                       : static_cast<int>(infos.size());
    std::vector<int> order(units);
    for (int i = 0; i < units; ++i) order[i] = i;
    std::uint64_t rng = seed * 31 + 5;
    std::uint64_t keys[Ner::kMaxFeatures];
    std::vector<float> em, tr, best;
    std::vector<int> back, pred;
    SentenceHistory sh;
    for (int epoch = 0; epoch < opts.epochs; ++epoch) {
      Shuffle(&order, &rng);
      long correct = 0, total = 0;
      for (int si : EpochSentences(d, order, opts.ner_history)) {
        const std::uint32_t* h;
        const NerChars* extra;
        si = sh.Begin(d, si, opts.ner_history, ner->contexts_, &h, &extra);
        const auto& w = infos[si];
        const auto& g = gold[si];
        const int n = static_cast<int>(g.size());
        em.assign(static_cast<std::size_t>(n) * nl, 0.0f);
        tr.assign(static_cast<std::size_t>(n) * (nl + 1) * nl, 0.0f);
        const std::uint32_t sent = Ner::SentenceShape(w);
        for (int i = 0; i < n; ++i) {
          pt.Score(keys, Ner::Emission(w, tags[si], gaz[si], sent, i, h, *extra, keys),
                   &em[static_cast<std::size_t>(i) * nl]);
          for (int p = -1; p < (i == 0 ? 0 : nl); ++p) {
            pt.Score(keys, Ner::Transition(w, tags[si], gaz[si], i, p, keys),
                     &tr[(static_cast<std::size_t>(i) * (nl + 1) + p + 1) * nl]);
          }
        }
        ner->Decode(n, em.data(), tr.data(), &best, &back, &pred);
        for (int i = 0; i < n; ++i) {
          correct += pred[i] == g[i];
          ++total;
          if (pred[i] != g[i]) {
            pt.Update(keys, Ner::Emission(w, tags[si], gaz[si], sent, i, h, *extra, keys), g[i], pred[i]);
          }
          int gp = i ? g[i - 1] : -1, pp = i ? pred[i - 1] : -1;
          if (gp != pp || g[i] != pred[i]) {
            pt.Update(keys, Ner::Transition(w, tags[si], gaz[si], i, gp, keys), g[i], -1);
            pt.Update(keys, Ner::Transition(w, tags[si], gaz[si], i, pp, keys), pred[i], -1, -1.0f);
          }
        }
        if (opts.ner_history) sh.history.Add(w, pred, *ner);
        pt.Tick();
      }
      if (opts.log) {
        opts.log("ner seed " + std::to_string(seed) + " epoch " + std::to_string(epoch + 1) +
                 ": train label accuracy " +
                 std::to_string(100.0 * correct / std::max<long>(total, 1)));
      }
    }
    return pt.Average(1e-3f);
  }

  // The CRF's weights: per key a row of num_labels floats, kept as scale_ *
  // w_ so that the L2 decay of every weight is one multiplication (Bottou
  // 2010); the gradient being gathered for one sentence; and, for the
  // averaged weights, each weight's sum over the steps, brought up to date
  // lazily (a row only when it changes: it gains w_ times the scales summed
  // since its last change).
  class CrfWeights {
   public:
    explicit CrfWeights(int nc) : nc_(nc) {}
    int Insert(std::uint64_t key) {
      const int r = index_.Insert(key);
      if (static_cast<std::size_t>(r) == stamp_.size()) {
        w_.resize(w_.size() + nc_, 0.0f);
        grad_.resize(grad_.size() + nc_, 0.0f);
        total_.resize(total_.size() + nc_, 0.0);
        stamp_.push_back(scale_sum_);
        touched_.push_back(0);
      }
      return r;
    }
    void Score(const std::uint64_t* keys, int n, float* scores) const {
      for (int i = 0; i < n; ++i) {
        const int r = index_.Find(keys[i]);
        if (r < 0) continue;
        const float* w = &w_[static_cast<std::size_t>(r) * nc_];
        for (int c = 0; c < nc_; ++c) scores[c] += static_cast<float>(scale_ * w[c]);
      }
    }
    // Adds g[0..nc) to the gradient of every key.
    void AddGradient(const std::uint64_t* keys, int n, const float* g) {
      for (int i = 0; i < n; ++i) {
        const int r = Insert(keys[i]);
        float* x = &grad_[static_cast<std::size_t>(r) * nc_];
        for (int c = 0; c < nc_; ++c) x[c] += g[c];
        if (!touched_[r]) touched_[r] = 1, rows_.push_back(r);
      }
    }
    // One SGD step, w <- (1 - eta l2) (w - eta grad), on the gradient
    // gathered since the last step, which it clears.
    void Step(double eta, double l2) {
      std::sort(rows_.begin(), rows_.end());
      for (int r : rows_) Flush(r);
      const double step = eta / scale_;
      for (int r : rows_) {
        const std::size_t b = static_cast<std::size_t>(r) * nc_;
        for (int c = 0; c < nc_; ++c) {
          w_[b + c] -= static_cast<float>(step * grad_[b + c]);
          grad_[b + c] = 0.0f;
        }
        touched_[r] = 0;
      }
      rows_.clear();
      // The weights after this step count once in the average.
      scale_sum_ += scale_;
      ++steps_;
      scale_ *= 1.0 - eta * l2;
      if (scale_ < 1e-6) {
        for (std::size_t r = 0; r < index_.size(); ++r) Flush(static_cast<int>(r));
        for (float& x : w_) x = static_cast<float>(x * scale_);
        // Sums taken from here on are in the new units (scale 1).
        scale_ = 1.0;
        scale_sum_ = 0.0;
        std::fill(stamp_.begin(), stamp_.end(), 0.0);
      }
    }
    // The weights averaged over the steps, |w| < prune dropped.
    LinearModel AverageModel(float prune) {
      for (std::size_t r = 0; r < index_.size(); ++r) Flush(static_cast<int>(r));
      std::vector<float> w(w_.size());
      const double n = static_cast<double>(std::max<std::int64_t>(steps_, 1));
      for (std::size_t i = 0; i < w.size(); ++i) w[i] = static_cast<float>(total_[i] / n);
      return LinearModel::FromDense(nc_, index_.keys(), w, prune);
    }
    std::size_t size() const { return index_.size(); }

   private:
    int nc_;
    KeyIndex index_;  // key -> its row of nc_ weights
    std::vector<float> w_, grad_;
    std::vector<char> touched_;
    void Flush(int r) {
      const std::size_t b = static_cast<std::size_t>(r) * nc_;
      const double d = scale_sum_ - stamp_[r];
      if (d != 0.0) {
        for (int c = 0; c < nc_; ++c) total_[b + c] += d * w_[b + c];
      }
      stamp_[r] = scale_sum_;
    }
    std::vector<int> rows_;
    double scale_ = 1.0;
    double scale_sum_ = 0.0;         // the scales of the steps so far (since the last rescaling)
    std::int64_t steps_ = 0;
    std::vector<double> total_;      // per weight: the sum of its values over the steps
    std::vector<double> stamp_;      // per row: scale_sum_ when its sum was last brought up to date
  };

  // One linear-chain CRF run (Lafferty et al. 2001) over the same features
  // and the same document order and history as TrainOne: per sentence the
  // gradient of the negative log-likelihood (marginals by forward-backward
  // over the allowed label sequences, less the gold counts), then one SGD
  // step with L2 decay; the model is the average of the weights over the
  // steps (averaged SGD, as the perceptron's average). The history holds the
  // Viterbi labels of the current weights, as in TrainOne. Deterministic
  // given `seed`.
  static LinearModel TrainOneCrf(const Data& d, const TrainOptions& opts, std::uint64_t seed,
                                 int nl, const Ner& decoder) {
    const Ner* ner = &decoder;
    CrfWeights cw(nl);
    const int units = opts.ner_history ? static_cast<int>(d.docs.size()) - 1
                                       : static_cast<int>(d.infos.size());
    std::vector<int> order(units);
    for (int i = 0; i < units; ++i) order[i] = i;
    std::uint64_t rng = seed * 31 + 5;
    std::uint64_t keys[Ner::kMaxFeatures];
    std::vector<float> em, tr, best, g(nl);
    ChainMarginals fb;
    std::vector<char> allowed(static_cast<std::size_t>(nl + 1) * nl), last(nl);
    for (int p = -1; p < nl; ++p) {
      for (int l = 0; l < nl; ++l) allowed[(p + 1) * nl + l] = ner->Allowed(p, l);
    }
    for (int l = 0; l < nl; ++l) last[l] = ner->AllowedLast(l);
    std::vector<int> back, pred;
    std::vector<std::uint64_t> ekeys, tkeys;
    std::vector<int> ebegin, tbegin;
    SentenceHistory sh;
    constexpr float kTiny = 1e-4f;
    std::int64_t t = 0;
    for (int epoch = 0; epoch < opts.epochs; ++epoch) {
      Shuffle(&order, &rng);
      long correct = 0, total = 0;
      double loss = 0;
      for (int si : EpochSentences(d, order, opts.ner_history)) {
        const std::uint32_t* h;
        const NerChars* extra;
        si = sh.Begin(d, si, opts.ner_history, ner->contexts_, &h, &extra);
        const auto& w = d.infos[si];
        const auto& gold = d.gold[si];
        const int n = static_cast<int>(gold.size());
        if (n == 0) continue;
        const std::uint32_t sent = Ner::SentenceShape(w);
        ekeys.clear();
        tkeys.clear();
        ebegin.assign(1, 0);
        tbegin.assign(1, 0);
        em.assign(static_cast<std::size_t>(n) * nl, 0.0f);
        tr.assign(static_cast<std::size_t>(n) * (nl + 1) * nl, 0.0f);
        for (int i = 0; i < n; ++i) {
          const int ne = Ner::Emission(w, d.tags[si], d.gaz[si], sent, i, h, *extra, keys);
          ekeys.insert(ekeys.end(), keys, keys + ne);
          ebegin.push_back(static_cast<int>(ekeys.size()));
          cw.Score(keys, ne, &em[static_cast<std::size_t>(i) * nl]);
          for (int p = -1; p < nl; ++p) {
            // The start transition (p = -1) only at i = 0, the others only after it; every
            // slot keeps its tbegin entry so the indices stay aligned.
            if (i == 0 ? p < 0 : p >= 0) {
              const int nt = Ner::Transition(w, d.tags[si], d.gaz[si], i, p, keys);
              tkeys.insert(tkeys.end(), keys, keys + nt);
              cw.Score(keys, nt, &tr[(static_cast<std::size_t>(i) * (nl + 1) + p + 1) * nl]);
            }
            tbegin.push_back(static_cast<int>(tkeys.size()));
          }
        }
        ner->Decode(n, em.data(), tr.data(), &best, &back, &pred);
        for (int i = 0; i < n; ++i) correct += pred[i] == gold[i], ++total;
        const double log_z = fb.Run(n, nl, em.data(), tr.data(), allowed, last);
        loss += log_z - fb.Score(gold.data());
        for (int i = 0; i < n; ++i) {
          float big = 0;
          for (int l = 0; l < nl; ++l) {
            g[l] = static_cast<float>(fb.Node(i, l) - (gold[i] == l ? 1.0 : 0.0));
            big = std::max(big, std::fabs(g[l]));
          }
          if (big >= kTiny) cw.AddGradient(&ekeys[ebegin[i]], ebegin[i + 1] - ebegin[i], g.data());
          for (int p = -1; p < nl; ++p) {
            if (i == 0 ? p >= 0 : p < 0) continue;  // the slots scored above
            big = 0;
            for (int l = 0; l < nl; ++l) {
              const double m = fb.Edge(i, p, l);
              const bool is_gold = gold[i] == l && (i == 0 ? p == -1 : gold[i - 1] == p);
              g[l] = static_cast<float>(m - (is_gold ? 1.0 : 0.0));
              big = std::max(big, std::fabs(g[l]));
            }
            const int slot = i * (nl + 1) + p + 1;
            if (big >= kTiny) {
              cw.AddGradient(&tkeys[tbegin[slot]], tbegin[slot + 1] - tbegin[slot], g.data());
            }
          }
        }
        // The step size of Bottou (2010): eta / (1 + eta l2 t).
        cw.Step(opts.ner_crf_eta / (1.0 + opts.ner_crf_l2 * opts.ner_crf_eta * static_cast<double>(t)),
                opts.ner_crf_l2);
        ++t;
        if (opts.ner_history) sh.history.Add(w, pred, *ner);
      }
      if (opts.log) {
        opts.log("ner crf seed " + std::to_string(seed) + " epoch " + std::to_string(epoch + 1) +
                 ": train label accuracy " +
                 std::to_string(100.0 * correct / std::max<long>(total, 1)) + ", loss " +
                 std::to_string(loss) + ", weights " + std::to_string(cw.size()));
      }
    }
    return cw.AverageModel(opts.ner_crf_prune);
  }
};

Status TrainNer(const std::vector<IobSentence>& train, const Tagger& tagger,
                const std::vector<GazetteerEntry>& gazetteer, const TrainOptions& opts, Ner* ner) {
  return NerTrainer::Train(train, tagger, gazetteer, opts, ner);
}

Status TrainNerWindowNet(const std::vector<IobSentence>& sentences, const Tagger& tagger,
                         const WordVectors& vectors, const NerNetOptions& options, Ner* ner) {
  std::map<std::string, int, std::less<>> ids;
  for (int l = 0; l < ner->num_labels(); ++l) ids.emplace(ner->labels_[l], l);
  std::vector<NerNetSentence> data(sentences.size());
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    const IobSentence& s = sentences[i];
    NerNetSentence& d = data[i];
    TagSentence(tagger, s, &d.words, &d.tags);
    ner->MatchGazetteer(d.words, &d.gaz);
    labels = s.labels;
    if (ner->bilou_) BioToBilou(&labels);
    for (const auto& l : labels) {
      auto it = ids.find(l);
      if (it == ids.end()) {
        return InvalidArgumentError("window network: the label " + l + " of sentence " +
                                    std::to_string(i + 1) + " is not one of the NER model's");
      }
      d.gold.push_back(it->second);
    }
  }
  auto net = NerNet::Train(data, vectors, ner->num_labels(), options);
  if (!net.ok()) return net.status();
  ner->net_ = std::move(*net);
  return Status::OK();
}

TreebankTagMatch UseTreebankTags(const std::vector<text::ConlluSentence>& treebank,
                                 const Tagger& tagger, std::span<IobSentence> sentences) {
  std::map<std::string_view, const text::ConlluSentence*> by_id;
  for (const auto& t : treebank) by_id.emplace(t.sent_id, &t);
  TreebankTagMatch m;
  for (IobSentence& s : sentences) {
    auto it = s.sent_id.empty() ? by_id.end() : by_id.find(s.sent_id);
    const bool same = it != by_id.end() && it->second->words.size() == s.forms.size() &&
                      std::equal(s.forms.begin(), s.forms.end(), it->second->words.begin(),
                                 [](const std::string& f, const text::ConlluWord& w) {
                                   return f == w.form;
                                 });
    if (!same) {
      ++m.unmatched;
      continue;
    }
    ++m.matched;
    s.tag_keys.clear();
    for (const auto& w : it->second->words) {
      const int t = tagger.FindTag(w.upos, w.xpos);
      s.tag_keys.push_back(t >= 0 ? tagger.tag_key(t) : 0);
      m.unknown_tags += t < 0;
    }
  }
  return m;
}

}  // namespace dyad::analyze
