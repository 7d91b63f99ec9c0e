// Evaluation of the event coder against the reference suites.
//
// Suites, each read in its native format (text, parse, expectations):
//   tabari     TABARI Validate.text, with TABARI.Demo.verbs/.actors and
//              Validate.agents; no parse (the coder reads tokens).
//   petrarch   PETRARCH PETR.UnitTest.records (the UDPipe 2.0 parsed copy),
//              with the PETR.Validate.* dictionaries.
//   udpetrarch UniversalPetrarch PETR_Validate_records_2_02.xml (UD parse
//              included), with its 2_02 dictionaries.
// Expectations: TABARI's are read natively from the validation fields in
// Validate.text's comments (manual 10.1, ParseTabariValidation); the
// PETRARCH suites' EventCoding entries as flattened in each suite's gold.tsv
// (one row per expected coding; a row of "-" means "no event"; the TABARI
// gold.tsv stays available as the suite "tabari-gold" for comparison). A
// record is an exact match when the multiset of predicted (source, target,
// code) triples equals the expected one.
//
// Figures: sentence-level exact match; triple P/R/F1 (micro); the same with
// codes cut to their root; a per-category table; a root confusion table
// (expected root x predicted root over source-target pairs).
#ifndef DYAD_CODE_EVAL_H_
#define DYAD_CODE_EVAL_H_

#include <map>
#include <string_view>
#include <string>
#include <vector>

#include "code/coder.h"
#include "dyad/status.h"

namespace dyad::code {

struct GoldTriple {
  std::string source, target, code;  // "---" for a missing actor.
};

struct ParsedToken {
  std::string form, lemma, upos, xpos, deprel;
  int head = -1;  // 0-based; -1 = root.
};

// TABARI's coding options, as the Validate.text records set them in their
// comments ("{ OPTION: DEFAULT: SOURCE [DEFSRC] PRIOR ... }"); each record
// carries the options in effect when it is read.
struct TabariOptions {
  std::string default_source, default_target;  // "" = off.
  bool source_prior = false;  // The default source replaces any source found after the verb.
  bool target_after = false;  // The default target replaces any target found before it.
  enum class CodeBy { kClause, kSentence, kAll } code_by = CodeBy::kClause;
  bool forward = false;  // Pronouns may refer to the previous record's first actor.
  bool convert_agents = false;  // An agent without an actor is an actor ("~COP").
  // Comma-delimited clauses of more than MIN and at most MAX words are
  // dropped before coding (manual 7.8); B* for the first, E* for the last.
  bool comma = true;
  int comma_min = 2, comma_max = 10, comma_emin = 2, comma_emax = 10;
  int comma_bmin = 128, comma_bmax = 0;
  int minimum_words = 8;  // Records with fewer words (a comma is one) are not coded (manual 8.2.3).
  bool yyyy = false;  // SET: YYYY = TRUE: record dates are YYYYMMDD.
  // COMPLEX (manual 8.7): a record with at least `complex_verbs` verbs or
  // `complex_conj` clause conjunctions (0 = off), or with no actor before
  // its first verb (NOACTPRIOR), is too complex to code.
  int complex_verbs = 0, complex_conj = 0;
  bool complex_noactprior = false;
};

// Applies one "OPTION:" command to `o`; unknown commands are ignored.
void ApplyTabariOption(std::string_view command, TabariOptions* o);

struct GoldRecord {
  std::string id, category;
  TabariOptions tabari;  // TABARI suite only.
  int date = 0;  // YYYYMMDD, 0 = unknown.
  std::string text;
  std::vector<ParsedToken> parse;  // Empty when the suite has none.
  std::vector<GoldTriple> events;  // Empty = "no event".
  // TABARI validation semantics (manual 10.1): `open` after a "-{" field
  // (codings beyond `events` are not checked); `none_ok` when a special
  // field ({---}, {###}, {+++}) stands beside the codings (coding nothing
  // also passes, since the special fields are checked first).
  bool open = false;
  bool none_ok = false;
};

struct Counts {
  long tp = 0, fp = 0, fn = 0;
  double Precision() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
  double Recall() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct CategoryFigures {
  int records = 0, exact = 0;
  Counts triples;
};

struct EvalReport {
  std::string suite;
  int records = 0, exact = 0;
  Counts triples, roots;
  std::map<std::string, CategoryFigures> categories;
  std::map<std::pair<std::string, std::string>, int> confusion;  // (gold root, predicted root).
  std::vector<std::string> misses;  // One line per inexact record (for --verbose).
  std::vector<std::string> warnings;  // Dictionary load warnings.
  double exact_rate() const { return records ? double(exact) / records : 0; }
};

struct EvalOptions {
  bool use_parse = true;    // Use the suite's parse when it has one.
  bool verbose = false;     // Fill EvalReport::misses.
  bool all_modalities = true;  // Suites code what the sentence says, whatever the modality.
};

// Reads a TABARI validation text (Validate.text syntax, manual 4.3 and
// 10.1): a record starts at a line whose first character is a digit (the
// date, YYMMDD or YYYYMMDD under "SET: YYYY = TRUE", then the id) and ends
// at a blank line; its text runs to "/*", and the comment's fields are
// "{ SRC / TGT / CODE }" codings, "{---}" / "{###}" / "{+++}" (nothing
// coded), "{ OPTION: ... }" (options for the records after it) and "-{"
// (stop checking). Reading stops at the first record without any field,
// as validation does. Records whose only field is "-{" check nothing and
// are left out. `counts` (may be null) tells how many records were left
// out and how many were not read from the stop on. `options` are those the
// first record starts with (the project's .options file).
struct TabariReadCounts {
  int unchecked = 0;   // records whose only field is "-{"
  int after_stop = 0;  // the record without fields and every record after it
};
std::vector<GoldRecord> ParseTabariValidation(std::string_view text,
                                              TabariReadCounts* counts = nullptr,
                                              TabariOptions options = {});

// The options a TABARI .options file sets (its COMPLEX:, DEFAULT:, COMMA:,
// SET: and FORWARD: commands); defaults when the file cannot be read.
TabariOptions ReadTabariOptionsFile(const std::string& path);

// Reads a suite's records with their expectations. `dir` is the suite's
// folder under shared/data/events/gold. ReadTabariSuite reads
// Validate.text natively; ReadTabariGoldTsv takes the expectations from the
// third-party gold.tsv instead (for comparison).
StatusOr<std::vector<GoldRecord>> ReadTabariSuite(const std::string& dir,
                                                   TabariReadCounts* counts = nullptr);
StatusOr<std::vector<GoldRecord>> ReadTabariGoldTsv(const std::string& dir);
StatusOr<std::vector<GoldRecord>> ReadPetrarchXmlSuite(const std::string& xml_path,
                                                       const std::string& gold_tsv);

// Runs one of "tabari", "tabari-gold", "petrarch", "udpetrarch" from `gold_root`
// (shared/data/events/gold).
StatusOr<EvalReport> RunLegacySuite(const std::string& suite, const std::string& gold_root,
                                    const EvalOptions& options);

// Scores predictions against expectations for one record, adding to report.
void ScoreRecord(const GoldRecord& rec, const std::vector<GoldTriple>& predicted,
                 EvalReport* report, bool verbose);

// A printable report: figures, categories, confusion.
std::string FormatReport(const EvalReport& r);

}  // namespace dyad::code

#endif  // DYAD_CODE_EVAL_H_
