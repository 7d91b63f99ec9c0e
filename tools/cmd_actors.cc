// dyad actors: lists the coded actor mentions of documents, to debug
// dictionaries and the resolver.
#include <cstdio>
#include <iostream>

#include "actors/mention_json.h"
#include "dyad/input.h"
#include "dyad/pipeline.h"
#include "tools/cli.h"

namespace dyad::cli {
namespace {

// "Russian police [RUSCOP agent]" lines, one per mention.
std::string TextRecords(const AnalyzedDocument& doc) {
  std::string out;
  for (std::size_t i = 0; i < doc.mentions.size(); ++i) {
    const ActorMention& m = doc.mentions[i];
    char head[64];
    std::snprintf(head, sizeof head, "%u\t%u-%u\t", m.sentence, m.span.begin, m.span.end);
    out += head + m.text + "\t" + (m.code.code.empty() ? "-" : m.code.code) + "\t" +
           ResolutionName(m.how);
    if (m.antecedent >= 0) out += "\t-> " + doc.mentions[m.antecedent].text;
    if (m.compound >= 0) out += "\tcompound=" + std::to_string(m.compound);
    if (m.place) out += "\tplace";
    out += "\n";
  }
  return out;
}

int Run(int argc, char** argv) {
  std::string format = "jsonl", data_dir, date, input_format = "auto";
  Flags flags("dyad actors [options] [FILE|DIR|-]...",
              "Segments documents and lists their coded actor mentions: span, text, CAMEO "
              "code and how each was resolved (dictionary, agent, title, apposition, "
              "coreference, ner). --format jsonl (default; one object per mention) or text.");
  flags.String("format", &format, "output: jsonl or text");
  flags.String("input-format", &input_format, "input: auto, text, html or jsonl");
  flags.String("data", &data_dir, "data directory (default: the built-in search path)");
  flags.String("date", &date, "document date (YYYY-MM-DD) when the input has none");
  std::vector<std::string> dicts;
  flags.List("dict", &dicts,
             "actor dictionary file or directory (dyad, PETRARCH or TABARI) to use instead "
             "of the shipped ones");
  int code = 0;
  if (!flags.Parse(argc, argv, &code)) return code;
  if (format != "jsonl" && format != "text") {
    std::fprintf(stderr, "error: --format must be jsonl or text\n");
    return kExitUsage;
  }
  std::vector<std::string> paths = flags.positional();
  if (paths.empty()) paths.push_back("-");
  InputOptions in_opts;
  auto fmt = ParseInputFormat(input_format);
  if (!fmt.ok()) {
    PrintError(fmt.status());
    return kExitUsage;
  }
  in_opts.format = *fmt;
  auto reader = InputReader::Open(paths, in_opts);
  if (!reader.ok()) {
    PrintError(reader.status());
    return kExitUsage;
  }
  PipelineOptions opts;
  opts.data_dir = data_dir;
  opts.last_stage = StageId::kActors;
  opts.dictionaries = dicts;
  auto pipeline = Pipeline::Create(opts);
  if (!pipeline.ok()) {
    PrintError(pipeline.status());
    return kExitUsage;
  }
  int exit_code = kExitOk;
  InputItem item;
  while ((*reader)->Next(&item)) {
    if (!item.status.ok()) {
      PrintError(item.id, item.status);
      exit_code = kExitSomeFailed;
      continue;
    }
    if (item.document.date.empty()) item.document.date = date;
    auto out = (*pipeline)->Run(std::move(item.document));
    if (!out.ok()) {
      PrintError(item.id, out.status());
      exit_code = kExitSomeFailed;
      continue;
    }
    std::string buf;
    if (format == "jsonl") {
      actors::AppendMentionRecords(*out, &buf);
    } else {
      buf = TextRecords(*out);
    }
    std::fwrite(buf.data(), 1, buf.size(), stdout);
  }
  return exit_code;
}

const Registrar kRegister({"actors", "list coded actor mentions with spans and how they resolved",
                           Run});

}  // namespace
}  // namespace dyad::cli
