// Governing-modifier selection; the method is described in attach.h.
#include "enrich/attach.h"

#include <cstdlib>
#include <string>

namespace dyad::enrich {
namespace {

bool Overlaps(Span a, Span b) { return a.begin < b.end && b.begin < a.end; }

// Index of the token holding byte `pos`, else the first token after it.
int TokenAt(const Sentence& s, std::uint32_t pos) {
  for (std::size_t i = 0; i < s.tokens.size(); ++i) {
    if (s.tokens[i].span.end > pos) return static_cast<int>(i);
  }
  return s.tokens.empty() ? -1 : static_cast<int>(s.tokens.size()) - 1;
}

std::string_view Form(const Sentence& s, std::string_view text, int i) {
  Span sp = s.tokens[i].span;
  if (sp.end > text.size()) return {};
  return text.substr(sp.begin, sp.size());
}

bool IsQuote(std::string_view f) {
  return f == "\"" || f == "\xE2\x80\x9C" || f == "\xE2\x80\x9D" || f == "``" || f == "''";
}

// Region id of every token (see attach.h).
std::vector<int> Regions(const Sentence& s, std::string_view text) {
  const int n = static_cast<int>(s.tokens.size());
  std::vector<int> region(n, 0);
  int main_region = 0, next_id = 1;
  int current = 0;
  bool in_quote = false, in_paren = false, in_rel = false;
  int before_nested = 0;
  for (int i = 0; i < n; ++i) {
    std::string_view f = Form(s, text, i);
    if (IsQuote(f)) {
      bool opening = f == "\xE2\x80\x9C" || f == "``" || (f == "\"" && !in_quote);
      if (opening && !in_quote) {
        in_quote = true;
        before_nested = in_rel || in_paren ? main_region : current;
        current = next_id++;
      } else if (in_quote) {
        in_quote = false;
        region[i] = current;
        current = before_nested;
        continue;
      }
    } else if (f == "(" && !in_paren) {
      in_paren = true;
      before_nested = current;
      current = next_id++;
    } else if (f == ")" && in_paren) {
      in_paren = false;
      region[i] = current;
      current = before_nested;
      continue;
    } else if (f == ";" && !in_quote && !in_paren) {
      in_rel = false;
      main_region = next_id++;
      current = main_region;
    } else if (f == "," && in_rel) {
      in_rel = false;
      region[i] = current;
      current = main_region;
      continue;
    } else if (f == "," && !in_quote && !in_paren && i + 1 < n) {
      std::string_view nx = Form(s, text, i + 1);
      if (nx == "which" || nx == "who" || nx == "whom" || nx == "whose" || nx == "where" ||
          nx == "when") {
        in_rel = true;
        main_region = current;
        current = next_id++;
      }
    }
    region[i] = current;
  }
  return region;
}

// The token of a span whose head lies outside the span (its syntactic root).
int SpanRoot(const Sentence& s, Span span) {
  int first = -1;
  for (std::size_t i = 0; i < s.tokens.size(); ++i) {
    const Token& t = s.tokens[i];
    if (!Overlaps(t.span, span)) continue;
    if (first < 0) first = static_cast<int>(i);
    int h = t.head;
    if (h < 0 || h >= static_cast<int>(s.tokens.size()) || !Overlaps(s.tokens[h].span, span)) {
      return static_cast<int>(i);
    }
  }
  return first;
}

int ByParse(const Sentence& s, const std::vector<Span>& candidates, Span trigger) {
  const int n = static_cast<int>(s.tokens.size());
  std::vector<int> attach(candidates.size(), -2);
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    int r = SpanRoot(s, candidates[c]);
    if (r >= 0) attach[c] = s.tokens[r].head;
  }
  // The trigger's path up to the clause it modifies.
  std::vector<int> path;
  int node = TokenAt(s, trigger.begin);
  for (int steps = 0; node >= 0 && node < n && steps < n; ++steps) {
    path.push_back(node);
    const std::string& rel = s.tokens[node].deprel;
    // A noun-modifying clause describes another event; a parataxis (in UD,
    // the "he said" of a quotation) is a clause of its own.
    if (rel == "acl" || rel.rfind("acl:", 0) == 0 || rel == "parataxis") break;
    node = s.tokens[node].head;
  }
  // First, a modifier of a node on the path, nearest node first.
  for (int p : path) {
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      if (attach[c] == p && !Overlaps(candidates[c], trigger)) return static_cast<int>(c);
    }
  }
  // Then a modifier of one of the path's arguments ("attacked a checkpoint
  // in Grozny": the parser may hang "in Grozny" on the object).
  for (int p : path) {
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      int a = attach[c];
      if (a < 0 || a >= n || s.tokens[a].head != p || Overlaps(candidates[c], trigger)) continue;
      const std::string& rel = s.tokens[a].deprel;
      if (rel == "obj" || rel == "iobj" || rel == "obl" || rel.rfind("nsubj", 0) == 0) {
        return static_cast<int>(c);
      }
    }
  }
  return -1;
}

int ByWindow(const Sentence& s, std::string_view text, const std::vector<Span>& candidates,
             Span trigger) {
  if (s.tokens.empty()) return -1;
  std::vector<int> region = Regions(s, text);
  int t = TokenAt(s, trigger.begin);
  // A modifier in another conjunct ("arrested him on Monday and released
  // him on Wednesday") yields to one in the trigger's own, unless it opens
  // the sentence ("On Monday, he ... and ...") and so scopes over all.
  auto separated = [&](int a, int b) {
    if (a > b) std::swap(a, b);
    for (int k = a + 1; k < b; ++k) {
      std::string_view f = Form(s, text, k);
      if (f == "and" || f == "but") return true;
    }
    return false;
  };
  int best = -1, best_dist = 0;
  bool best_own = false;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    if (Overlaps(candidates[c], trigger)) continue;
    int a = TokenAt(s, candidates[c].begin);
    int b = TokenAt(s, candidates[c].end == 0 ? 0 : candidates[c].end - 1);
    if (a < 0 || region[a] != region[t]) continue;
    bool own = a <= 1 || !separated(b < t ? b : a, t);
    // Distance from the trigger to the nearer end; a following candidate
    // pays one extra token so that the preceding one wins a tie.
    int dist = b < t ? t - b : a - t + 1;
    if (best < 0 || (own && !best_own) || (own == best_own && dist < best_dist)) {
      best = static_cast<int>(c), best_dist = dist, best_own = own;
    }
  }
  return best;
}

}  // namespace

int GoverningModifierByParse(const Sentence& s, const std::vector<Span>& candidates,
                             Span trigger) {
  return ByParse(s, candidates, trigger);
}

bool HasParse(const Sentence& s) {
  for (const Token& t : s.tokens) {
    if (!t.deprel.empty()) return true;
  }
  return false;
}

int GoverningModifier(const Sentence& s, std::string_view text,
                      const std::vector<Span>& candidates, Span trigger, bool use_parse) {
  if (candidates.empty()) return -1;
  if (use_parse && HasParse(s)) {
    // Quotations, parentheses and ';'-separated clauses are separate
    // statements whatever the parse says: keep the trigger's region only.
    std::vector<int> region = Regions(s, text);
    int t = TokenAt(s, trigger.begin);
    std::vector<Span> same;
    std::vector<int> index;
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      int a = TokenAt(s, candidates[c].begin);
      if (a >= 0 && t >= 0 && region[a] == region[t]) {
        same.push_back(candidates[c]);
        index.push_back(static_cast<int>(c));
      }
    }
    int c = ByParse(s, same, trigger);
    if (c >= 0) return index[c];
  }
  return ByWindow(s, text, candidates, trigger);
}

}  // namespace dyad::enrich
