#include "tools/run_docs.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "dyad/batch.h"
#include "dyad/input.h"
#include "dyad/output.h"
#include "tools/cli.h"

namespace dyad::cli {
namespace {

std::string FormatDuration(double s) {
  int t = static_cast<int>(s + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d:%02d:%02d", t / 3600, (t / 60) % 60, t % 60);
  return buf;
}

}  // namespace

int RunDocCommand(const DocCommand& spec, int argc, char** argv) {
  std::string input_format = "auto", output = "-", format = spec.default_format;
  std::string invalid_utf8 = "repair", data_dir;
  std::vector<std::string> include, exclude, dictionaries;
  int threads = 0;
  bool fail_fast = false, progress = false, quiet = false, all_modalities = false;
  bool keep_captions = false;
  std::string parser_model;
  int parser_beam = 0;

  const std::string names = RecordFormatList(spec.last_stage);
  Flags flags(spec.usage, spec.description +
                              "\n\nInputs are files, directories (read recursively) or '-' "
                              "for standard input (the default when no input is named).\n"
                              "A document that cannot be read or coded becomes an error "
                              "record and a line on stderr; the run goes on.");
  flags.String("input-format", &input_format, "auto, text, html or jsonl");
  flags.List("include", &include, "in directories, read only files matching this glob");
  flags.List("exclude", &exclude, "in directories, skip files matching this glob");
  flags.String("invalid-utf8", &invalid_utf8,
               "repair (replace bad bytes with U+FFFD) or reject (fail the document)");
  flags.Bool("keep-captions", &keep_captions, "keep photo captions of HTML pages");
  flags.String("output", &output, "write here, atomically ('-' = stdout)");
  flags.String("format", &format, "output format: " + names);
  flags.Int("threads", &threads, "worker threads; 0 = one per core");
  flags.Bool("fail-fast", &fail_fast, "stop at the first failed document");
  flags.Bool("all-modalities", &all_modalities,
             "emit events of every modality (negated, hypothetical, ...)");
  flags.String("data-dir", &data_dir, "where models and dictionaries live");
  flags.List("dict", &dictionaries,
             "actor dictionary file or directory (dyad, PETRARCH or TABARI format) to use "
             "instead of the shipped ones");
  flags.String("parser", &parser_model,
               "parser model: a file name in the models folder (default parser.bin; "
               "parser-beam.bin: the beam-search parser, more accurate and slower) or a path; a "
               "comma-separated list (optional :weight each, the first breaks ties) is a "
               "reparsing ensemble, e.g. parser-beam.bin,parser-r2l-beam.bin,parser.bin");
  flags.Int("beam", &parser_beam,
            "parser beam width, 1-64 (default: the model's own; a greedy-trained parser refuses "
            "a wider beam, and a --parser list refuses any width: its parsers each decode with "
            "their own)");
  bool no_parser_net = false;
  flags.Bool("no-parser-net", &no_parser_net,
             "parse with parser.bin's perceptron alone, without its mixed-in network (faster, "
             "less accurate: docs/analysis.md)");
  bool no_gpe = false;
  flags.Bool("no-gpe", &no_gpe,
             "label every location LOC, as Universal NER does, instead of GPE for the countries, "
             "regions and towns the gazetteer knows (docs/analysis.md, \"GPE\")");
  flags.Bool("progress", &progress, "show a progress line on stderr (default on a terminal)");
  flags.Bool("quiet", &quiet, "no progress line and no summary");
  int code = 0;
  if (!flags.Parse(argc, argv, &code)) return code;

  auto resolved = ResolveRecordFormat(format, spec.last_stage);
  if (!resolved.ok()) {
    PrintError(resolved.status());
    return kExitUsage;
  }
  InputOptions in;
  auto fmt = ParseInputFormat(input_format);
  if (!fmt.ok()) {
    PrintError(fmt.status());
    return kExitUsage;
  }
  in.format = *fmt;
  in.include = include;
  in.exclude = exclude;
  in.keep_captions = keep_captions;
  if (invalid_utf8 == "reject") {
    in.invalid_utf8 = InvalidUtf8Policy::kReject;
  } else if (invalid_utf8 != "repair") {
    std::cerr << "error: --invalid-utf8 must be repair or reject\n";
    return kExitUsage;
  }
  std::vector<std::string> paths = flags.positional();
  if (paths.empty()) {
    if (isatty(0)) {
      std::cerr << flags.Help();
      return kExitUsage;
    }
    paths.push_back("-");
  }
  auto reader = InputReader::Open(paths, in);
  if (!reader.ok()) {
    PrintError(reader.status());
    return kExitUsage;
  }
  PipelineOptions po;
  po.last_stage = spec.last_stage;
  po.data_dir = data_dir;
  po.all_modalities = all_modalities;
  po.dictionaries = dictionaries;
  po.parser_model = parser_model;
  po.parser_beam = parser_beam;
  po.parser_net = !no_parser_net;
  po.gpe = !no_gpe;
  auto pipeline = Pipeline::Create(po);
  if (!pipeline.ok()) {
    PrintError(pipeline.status());
    return kExitUsage;
  }
  auto out = OutputFile::Create(output);
  if (!out.ok()) {
    PrintError(out.status());
    return kExitUsage;
  }
  auto writer = MakeRecordWriter(*resolved, (*out)->file());
  if (!writer.ok()) {
    PrintError(writer.status());
    return kExitUsage;
  }
  const bool show_progress = !quiet && (progress || isatty(2));
  std::uint64_t total_known = (*reader)->total_bytes();
  auto on_progress = [&](const BatchStats& s) {
    if (!show_progress) return;
    double mb = s.bytes / 1e6;
    double rate = s.seconds > 0 ? mb / s.seconds : 0;
    std::string eta;
    if (total_known > 0 && s.bytes > 0 && s.bytes < total_known) {
      eta = "  ETA " + FormatDuration(s.seconds * (double(total_known) / s.bytes - 1));
    }
    std::fprintf(stderr, "\r%llu docs  %.1f MB  %.2f MB/s  %llu errors%s   ",
                 static_cast<unsigned long long>(s.documents), mb, rate,
                 static_cast<unsigned long long>(s.failed), eta.c_str());
    std::fflush(stderr);
  };
  auto on_error = [&](std::string_view id, std::string_view stage, const Status& st) {
    if (show_progress) std::fputs("\r\x1b[K", stderr);
    std::cerr << "error: " << id << ": " << stage << ": " << st.ToString() << "\n";
  };
  BatchOptions bo;
  bo.threads = threads;
  bo.fail_fast = fail_fast;
  auto stats = RunBatch(**reader, **pipeline, **writer, bo, on_progress, on_error);
  if (show_progress) std::fputs("\n", stderr);
  if (!stats.ok()) {
    PrintError("output", stats.status());
    return kExitUsage;
  }
  Status commit = (*out)->Commit();
  if (!commit.ok()) {
    PrintError(commit);
    return kExitUsage;
  }
  if (!quiet && (stats->failed > 0 || show_progress)) {
    std::fprintf(stderr, "dyad: %llu documents, %llu failed, %llu sentences, %llu events in %.2f s\n",
                 static_cast<unsigned long long>(stats->documents),
                 static_cast<unsigned long long>(stats->failed),
                 static_cast<unsigned long long>(stats->sentences),
                 static_cast<unsigned long long>(stats->events), stats->seconds);
  }
  return stats->failed > 0 ? kExitSomeFailed : kExitOk;
}

}  // namespace dyad::cli
