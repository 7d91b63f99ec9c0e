// Input readers: files, directories, stdin; text, HTML and JSONL.
#include "dyad/input.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "ingest/encoding.h"
#include "ingest/html.h"
#include "util/files.h"
#include "util/utf8.h"

namespace dyad {
namespace fs = std::filesystem;

StatusOr<InputFormat> ParseInputFormat(const std::string& name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "text" || name == "txt") return InputFormat::kText;
  if (name == "html") return InputFormat::kHtml;
  if (name == "jsonl") return InputFormat::kJsonl;
  return InvalidArgumentError("unknown input format '" + name +
                              "' (expected auto, text, html or jsonl)");
}

namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

InputFormat FormatFromPath(const std::string& path) {
  std::string lower = path;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (EndsWith(lower, ".jsonl") || EndsWith(lower, ".ndjson")) return InputFormat::kJsonl;
  if (EndsWith(lower, ".html") || EndsWith(lower, ".htm") || EndsWith(lower, ".xhtml")) {
    return InputFormat::kHtml;
  }
  return InputFormat::kAuto;
}

// Splits plain text into blocks at blank lines.
void TextBlocks(Document* doc) {
  const std::string& t = doc->text;
  std::size_t i = 0;
  while (i < t.size()) {
    while (i < t.size() && (t[i] == '\n' || t[i] == '\r')) ++i;
    if (i >= t.size()) break;
    std::size_t e = i;
    while (e < t.size()) {
      std::size_t nl = t.find('\n', e);
      if (nl == std::string::npos) {
        e = t.size();
        break;
      }
      // A blank line (only spaces) ends the block.
      std::size_t k = nl + 1;
      while (k < t.size() && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r')) ++k;
      if (k >= t.size() || t[k] == '\n') {
        e = nl;
        break;
      }
      e = nl + 1;
    }
    std::size_t end = e;
    while (end > i && std::isspace(static_cast<unsigned char>(t[end - 1]))) --end;
    if (end > i) {
      doc->blocks.push_back({{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end)},
                             BlockKind::kParagraph});
    }
    i = e;
  }
}

}  // namespace

StatusOr<Document> DocumentFromBytes(std::string id, std::string_view bytes,
                                     InputFormat format, const InputOptions& options) {
  if (bytes.size() > options.max_document_bytes) {
    return ResourceExhaustedError("document is " + std::to_string(bytes.size()) +
                                  " bytes, over the limit of " +
                                  std::to_string(options.max_document_bytes));
  }
  if (format == InputFormat::kJsonl) {
    return InvalidArgumentError("DocumentFromBytes does not read JSONL");
  }
  if (format == InputFormat::kAuto) {
    format = ingest::SniffHtml(bytes) ? InputFormat::kHtml : InputFormat::kText;
  }
  if (format == InputFormat::kHtml) {
    return ingest::HtmlToDocument(std::move(id), bytes, options);
  }
  auto decoded = ingest::DecodeToUtf8(bytes, options);
  if (!decoded.ok()) return decoded.status();
  Document doc;
  doc.id = std::move(id);
  doc.format = SourceFormat::kText;
  doc.text = std::move(decoded->text);
  doc.encoding = std::move(decoded->encoding);
  doc.warnings = std::move(decoded->warnings);
  if (doc.text.size() > UINT32_MAX) {
    return ResourceExhaustedError("document text is over 4 GiB");
  }
  TextBlocks(&doc);
  if (doc.blocks.empty()) doc.warnings.push_back("empty document");
  return doc;
}

StatusOr<Document> ParseJsonlLine(std::string_view line, const std::string& fallback_id,
                                  const InputOptions& options) {
  std::string repaired;
  std::size_t bad = utf8::FindInvalid(line);
  std::vector<std::string> warnings;
  if (bad != line.size()) {
    if (options.invalid_utf8 == InvalidUtf8Policy::kReject) {
      return DataLossError("invalid UTF-8 at byte " + std::to_string(bad));
    }
    std::size_t n = 0;
    repaired = utf8::Repair(line, &n);
    line = repaired;
    warnings.push_back("replaced " + std::to_string(n) + " invalid UTF-8 sequence(s)");
  }
  nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    return InvalidArgumentError("not a JSON object (malformed or truncated line)");
  }
  if (!j.is_object()) return InvalidArgumentError("JSONL line is not a JSON object");

  auto get_string = [&](const char* key, std::string* out) -> Status {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return Status::OK();
    if (it->is_string()) {
      *out = it->get<std::string>();
    } else if (it->is_number() && std::string_view(key) == "id") {
      *out = it->dump();
    } else {
      return InvalidArgumentError(std::string("field \"") + key + "\" is not a string");
    }
    return Status::OK();
  };
  std::string id, text, html, date, url;
  for (auto [k, v] : {std::pair{"id", &id}, {"text", &text}, {"html", &html},
                      {"date", &date}, {"url", &url}}) {
    Status s = get_string(k, v);
    if (!s.ok()) return s;
  }
  if (id.empty()) id = fallback_id;
  bool has_text = j.contains("text") && j["text"].is_string();
  bool has_html = j.contains("html") && j["html"].is_string();
  if (!has_text && !has_html) {
    return InvalidArgumentError("JSONL line has no \"text\" or \"html\" field");
  }
  StatusOr<Document> doc = has_text ? DocumentFromBytes(id, text, InputFormat::kText, options)
                                    : DocumentFromBytes(id, html, InputFormat::kHtml, options);
  if (!doc.ok()) return doc.status();
  doc->format = has_text ? SourceFormat::kText : SourceFormat::kHtml;
  if (!date.empty()) doc->date = date;
  if (!url.empty()) doc->url = url;
  nlohmann::json rest = nlohmann::json::object();
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    if (k == "id" || k == "text" || k == "html" || k == "date" || k == "url") continue;
    rest[k] = it.value();
  }
  if (!rest.empty()) doc->passthrough = rest.dump();
  doc->warnings.insert(doc->warnings.begin(), warnings.begin(), warnings.end());
  return doc;
}

namespace {

// One input source: a file (text/HTML: one document; JSONL: one per line)
// or stdin.
struct Source {
  std::string path;  // "-" for stdin
  std::uint64_t size = 0;
  std::string error;  // Set for directory entries that cannot be read.
};

class ReaderImpl : public InputReader {
 public:
  ReaderImpl(std::vector<Source> sources, InputOptions options, std::uint64_t total)
      : sources_(std::move(sources)), options_(std::move(options)), total_(total) {}

  bool Next(InputItem* item) override {
    *item = InputItem();
    while (true) {
      if (jsonl_) {
        if (NextJsonl(item)) return true;
        jsonl_ = nullptr;
        owned_stream_.reset();
        continue;
      }
      if (next_ >= sources_.size()) return false;
      const Source& src = sources_[next_++];
      if (!src.error.empty()) {
        item->id = src.path;
        item->status = IoError(src.error);
        return true;
      }
      InputFormat fmt = options_.format;
      if (fmt == InputFormat::kAuto && src.path != "-") fmt = FormatFromPath(src.path);
      if (fmt == InputFormat::kJsonl) {
        OpenJsonl(src.path);
        if (!jsonl_) {
          item->id = src.path;
          item->status = IoError("cannot open");
          return true;
        }
        continue;
      }
      ReadWhole(src, fmt, item);
      return true;
    }
  }

  std::uint64_t total_bytes() const override { return total_; }

 private:
  void ReadWhole(const Source& src, InputFormat fmt, InputItem* item) {
    item->id = src.path == "-" ? "stdin" : src.path;
    std::string bytes;
    if (src.path == "-") {
      std::string buf((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
      bytes = std::move(buf);
    } else {
      auto r = ReadFile(src.path, options_.max_document_bytes);
      if (!r.ok()) {
        item->status = r.status();
        return;
      }
      bytes = std::move(r).value();
    }
    item->bytes = bytes.size();
    auto doc = DocumentFromBytes(item->id, bytes, fmt, options_);
    if (!doc.ok()) {
      item->status = doc.status();
      return;
    }
    item->document = std::move(doc).value();
  }

  void OpenJsonl(const std::string& path) {
    jsonl_path_ = path == "-" ? "stdin" : path;
    line_no_ = 0;
    if (path == "-") {
      jsonl_ = &std::cin;
    } else {
      owned_stream_ = std::make_unique<std::ifstream>(path, std::ios::binary);
      if (!*owned_stream_) {
        owned_stream_.reset();
        return;
      }
      jsonl_ = owned_stream_.get();
    }
  }

  bool NextJsonl(InputItem* item) {
    std::string line;
    while (std::getline(*jsonl_, line)) {
      ++line_no_;
      std::size_t consumed = line.size() + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      bool blank = line.find_first_not_of(" \t") == std::string::npos;
      if (blank) continue;
      std::string where = jsonl_path_ + ":" + std::to_string(line_no_);
      item->bytes = consumed;
      if (line.size() > options_.max_document_bytes) {
        item->id = where;
        item->status = ResourceExhaustedError("JSONL line is over the document size limit");
        return true;
      }
      auto doc = ParseJsonlLine(line, where, options_);
      if (!doc.ok()) {
        // Name the document by its id when the line got that far.
        item->id = where;
        item->status = doc.status();
        return true;
      }
      item->id = doc->id;
      item->document = std::move(doc).value();
      return true;
    }
    return false;
  }

  std::vector<Source> sources_;
  InputOptions options_;
  std::uint64_t total_;
  std::size_t next_ = 0;
  std::istream* jsonl_ = nullptr;
  std::unique_ptr<std::ifstream> owned_stream_;
  std::string jsonl_path_;
  std::uint64_t line_no_ = 0;
};

}  // namespace

StatusOr<std::unique_ptr<InputReader>> InputReader::Open(const std::vector<std::string>& paths,
                                                         const InputOptions& options) {
  std::vector<Source> sources;
  std::uint64_t total = 0;
  for (const std::string& p : paths) {
    if (p == "-") {
      sources.push_back({"-", 0, ""});
      continue;
    }
    std::error_code ec;
    auto st = fs::status(p, ec);
    if (ec || !fs::exists(st)) return NotFoundError("no such file or directory: " + p);
    if (fs::is_directory(st)) {
      auto entries = ListFiles(p, options.include, options.exclude);
      if (!entries.ok()) return entries.status();
      for (auto& e : *entries) {
        total += e.size;
        sources.push_back({e.path, e.size, e.error});
      }
    } else {
      std::uint64_t size = fs::file_size(p, ec);
      if (ec) size = 0;
      total += size;
      sources.push_back({p, size, ""});
    }
  }
  return std::unique_ptr<InputReader>(new ReaderImpl(std::move(sources), options, total));
}

}  // namespace dyad
