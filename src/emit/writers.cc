// The record writers behind MakeRecordWriter, and OutputFile.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "dyad/output.h"
#include "emit/event_json.h"
#include "emit/event_tables.h"
#include "util/json_writer.h"

namespace dyad {
namespace {

Status WriteAll(std::FILE* out, const std::string& s) {
  if (!s.empty() && std::fwrite(s.data(), 1, s.size(), out) != s.size()) {
    return IoError(std::string("write failed: ") + std::strerror(errno));
  }
  if (std::fflush(out) != 0) return IoError(std::string("flush failed: ") + std::strerror(errno));
  return Status::OK();
}

// Base for JSONL writers: shared error record.
class JsonlWriter : public RecordWriter {
 public:
  explicit JsonlWriter(std::FILE* out) : out_(out) {}
  Status WriteError(std::string_view doc_id, std::string_view stage,
                    const Status& error) override {
    std::string line;
    AppendErrorRecord(doc_id, stage, error, &line);
    return WriteAll(out_, line);
  }

 protected:
  std::FILE* out_;
};

class EventsWriter : public JsonlWriter {
 public:
  using JsonlWriter::JsonlWriter;
  Status Write(const AnalyzedDocument& doc) override {
    std::string buf;
    for (const Event& e : doc.events) {
      AppendEventRecord(doc, e, &buf);
    }
    return WriteAll(out_, buf);
  }
};

class SentencesWriter : public JsonlWriter {
 public:
  using JsonlWriter::JsonlWriter;
  Status Write(const AnalyzedDocument& doc) override {
    std::string buf;
    for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
      AppendSentenceRecord(doc, static_cast<std::uint32_t>(i), &buf);
    }
    return WriteAll(out_, buf);
  }
};

class DocumentWriter : public JsonlWriter {
 public:
  using JsonlWriter::JsonlWriter;
  Status Write(const AnalyzedDocument& doc) override {
    std::string buf;
    AppendDocumentRecord(doc, &buf);
    return WriteAll(out_, buf);
  }
};

class TextWriter : public RecordWriter {
 public:
  explicit TextWriter(std::FILE* out) : out_(out) {}
  Status Write(const AnalyzedDocument& doc) override {
    std::string s = doc.document.text;
    if (!s.empty() && s.back() != '\n') s += '\n';
    return WriteAll(out_, s);
  }
  Status WriteError(std::string_view, std::string_view, const Status&) override {
    return Status::OK();  // Errors go to stderr only; text has no record for them.
  }

 private:
  std::FILE* out_;
};

class ConlluWriter : public RecordWriter {
 public:
  explicit ConlluWriter(std::FILE* out) : out_(out) {}
  Status Write(const AnalyzedDocument& doc) override {
    std::string buf;
    AppendConllu(doc, &buf);
    return WriteAll(out_, buf);
  }
  Status WriteError(std::string_view doc_id, std::string_view stage,
                    const Status& error) override {
    std::string s = "# error doc = " + std::string(doc_id) + " stage = " + std::string(stage) +
                    " message = " + error.ToString() + "\n\n";
    return WriteAll(out_, s);
  }

 private:
  std::FILE* out_;
};

}  // namespace

std::vector<std::string> RecordWriterNames() {
  return {"events", "sentences", "conllu", "text", "document", "csv", "phoenix", "petrarch"};
}

namespace {

// The last stage a format's records need: events need event coding,
// sentences and CoNLL-U need segmentation, the text and the document
// need nothing but ingestion. -2: not a format.
int StageNeeded(std::string_view format) {
  if (format == "events" || format == "csv" || format == "phoenix" || format == "petrarch") {
    return static_cast<int>(StageId::kCode);
  }
  if (format == "sentences" || format == "conllu") return static_cast<int>(StageId::kSegment);
  if (format == "text" || format == "document") return static_cast<int>(StageId::kIngest);
  return -2;
}

std::string JsonlFormat(StageId last_stage) {
  if (last_stage >= StageId::kCode) return "events";
  if (last_stage >= StageId::kSegment) return "sentences";
  return "document";
}

}  // namespace

std::vector<std::string> RecordFormatsFor(StageId last_stage) {
  std::vector<std::string> out;
  for (const auto& n : RecordWriterNames()) {
    if (StageNeeded(n) <= static_cast<int>(last_stage)) out.push_back(n);
  }
  out.push_back("jsonl (" + JsonlFormat(last_stage) + ")");
  return out;
}

std::string RecordFormatList(StageId last_stage) {
  std::string out;
  for (const auto& n : RecordFormatsFor(last_stage)) out += (out.empty() ? "" : ", ") + n;
  return out;
}

StatusOr<std::string> ResolveRecordFormat(std::string_view format, StageId last_stage) {
  if (format == "jsonl") return JsonlFormat(last_stage);
  const int needed = StageNeeded(format);
  if (needed == -2) {
    return InvalidArgumentError("unknown output format '" + std::string(format) +
                                "' (expected one of: " + RecordFormatList(last_stage) +
                                ")");
  }
  if (needed > static_cast<int>(last_stage)) {
    return InvalidArgumentError("output format '" + std::string(format) + "' needs the " +
                                StageName(static_cast<StageId>(needed)) +
                                " stage, which this command does not run (it stops after " +
                                StageName(last_stage) +
                                "); it writes: " + RecordFormatList(last_stage));
  }
  return std::string(format);
}

StatusOr<std::unique_ptr<RecordWriter>> MakeRecordWriter(std::string_view format,
                                                         std::FILE* out) {
  if (format == "events" || format == "jsonl") return std::unique_ptr<RecordWriter>(new EventsWriter(out));
  if (format == "sentences") return std::unique_ptr<RecordWriter>(new SentencesWriter(out));
  if (format == "conllu") return std::unique_ptr<RecordWriter>(new ConlluWriter(out));
  if (format == "text") return std::unique_ptr<RecordWriter>(new TextWriter(out));
  if (format == "document") return std::unique_ptr<RecordWriter>(new DocumentWriter(out));
  if (auto table = MakeEventTableWriter(format, out)) return table;
  std::string names;
  for (const auto& n : RecordWriterNames()) names += (names.empty() ? "" : ", ") + n;
  return InvalidArgumentError("unknown output format '" + std::string(format) +
                              "' (expected one of: " + names + ")");
}

StatusOr<std::unique_ptr<OutputFile>> OutputFile::Create(const std::string& path) {
  std::unique_ptr<OutputFile> f(new OutputFile());
  f->path_ = path;
  if (path == "-") {
    f->file_ = stdout;
    return f;
  }
  f->temp_path_ = path + ".tmp." + std::to_string(getpid());
  f->file_ = std::fopen(f->temp_path_.c_str(), "wb");
  if (!f->file_) {
    return IoError("cannot create " + f->temp_path_ + ": " + std::strerror(errno));
  }
  return f;
}

OutputFile::~OutputFile() {
  if (file_ && file_ != stdout) {
    std::fclose(file_);
    if (!committed_) std::remove(temp_path_.c_str());
  }
}

Status OutputFile::Commit() {
  if (file_ == stdout) {
    std::fflush(stdout);
    committed_ = true;
    return Status::OK();
  }
  if (!file_) return InternalError("output file already closed");
  bool ok = std::fflush(file_) == 0 && fsync(fileno(file_)) == 0;
  ok = (std::fclose(file_) == 0) && ok;
  file_ = nullptr;
  if (!ok) {
    std::remove(temp_path_.c_str());
    return IoError("cannot write " + path_ + ": " + std::strerror(errno));
  }
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    std::remove(temp_path_.c_str());
    return IoError("cannot rename into " + path_ + ": " + std::strerror(errno));
  }
  committed_ = true;
  return Status::OK();
}

}  // namespace dyad
