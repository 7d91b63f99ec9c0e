#include "emit/event_tables.h"

#include <cerrno>
#include <cstring>

#include "code/codebook.h"
#include "emit/event_json.h"

namespace dyad {
namespace {

void Csv(std::string_view v, std::string* out) {
  bool quote = v.find_first_of(",\"\n\r") != std::string_view::npos;
  if (!quote) {
    out->append(v);
    return;
  }
  out->push_back('"');
  for (char c : v) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

// Tab-separated fields may not hold tabs or newlines.
void Tsv(std::string_view v, std::string* out) {
  for (char c : v) out->push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
}

std::string Num(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", d);
  return buf;
}

std::string CompactDate(const std::string& iso) {
  std::string d;
  for (char c : iso) {
    if (c >= '0' && c <= '9') d += c;
    if (d.size() == 8) break;
  }
  return d;
}

std::string Sectors(const ActorCode& c) {
  std::string s;
  for (const auto& x : c.sectors) s += x;
  return s;
}

Status WriteAll(std::FILE* out, const std::string& s) {
  if (!s.empty() && std::fwrite(s.data(), 1, s.size(), out) != s.size()) {
    return IoError(std::string("write failed: ") + std::strerror(errno));
  }
  if (std::fflush(out) != 0) return IoError(std::string("flush failed: ") + std::strerror(errno));
  return Status::OK();
}

class TableWriter : public RecordWriter {
 public:
  using RowFn = void (*)(const AnalyzedDocument&, const Event&, std::string*);
  TableWriter(std::FILE* out, RowFn row, bool csv_header) : out_(out), row_(row), header_(csv_header) {}
  Status Write(const AnalyzedDocument& doc) override {
    std::string buf;
    if (header_) {
      AppendEventCsvHeader(&buf);
      header_ = false;
    }
    for (const Event& e : doc.events) row_(doc, e, &buf);
    return WriteAll(out_, buf);
  }
  Status WriteError(std::string_view, std::string_view, const Status&) override {
    return Status::OK();  // Tables have no error rows; errors go to stderr.
  }
  Status Finish() override {
    if (header_) {  // No document at all: still write the header.
      std::string buf;
      AppendEventCsvHeader(&buf);
      header_ = false;
      return WriteAll(out_, buf);
    }
    return Status::OK();
  }

 private:
  std::FILE* out_;
  RowFn row_;
  bool header_;
};

}  // namespace

void AppendEventCsvHeader(std::string* out) {
  out->append(
      "doc,sent,id,date,source_text,source,target_text,target,cameo,cameo_name,root,quad,"
      "goldstein,plover_event,plover_mode,source_plover_country,source_plover_sector,"
      "source_plover_other,target_plover_country,target_plover_sector,target_plover_other,"
      "trigger,modality,negated,alleged,attribution,"
      "evidence_begin,evidence_end,text\n");
}

void AppendEventCsvRow(const AnalyzedDocument& doc, const Event& e, std::string* out) {
  auto f = [&](std::string_view v) {
    Csv(v, out);
    out->push_back(',');
  };
  f(doc.document.id);
  f(std::to_string(e.sentence));
  f(EventId(doc, e));
  f(e.date);
  f(e.source.present ? e.source.text : "");
  f(e.source.present ? e.source.code.code : "");
  f(e.target.present ? e.target.text : "");
  f(e.target.present ? e.target.code.code : "");
  f(e.cameo);
  f(e.cameo_name);
  f(e.root);
  f(std::to_string(e.quad));
  f(Num(e.goldstein));
  f(e.plover.event);
  f(e.plover.mode);
  for (const EventActor* a : {&e.source, &e.target}) {
    const PloverActorCode& p = a->code.plover;
    std::string other;
    for (const auto& o : p.other_sectors) other += (other.empty() ? "" : ";") + o;
    f(a->present ? p.country : "");
    f(a->present ? p.sector : "");
    f(a->present ? other : "");
  }
  f(e.trigger_text);
  f(ModalityName(e.modality));
  f(e.negated ? "true" : "false");
  f(e.alleged ? "true" : "false");
  f(e.attribution ? e.attribution->text : "");
  f(std::to_string(e.evidence.begin));
  f(std::to_string(e.evidence.end));
  std::string_view text;
  if (e.evidence.end <= doc.document.text.size()) {
    text = std::string_view(doc.document.text).substr(e.evidence.begin, e.evidence.size());
  }
  Csv(text, out);
  out->push_back('\n');
}

void AppendEventPhoenixRow(const AnalyzedDocument& doc, const Event& e, std::string* out) {
  std::string date = CompactDate(e.date.empty() ? doc.document.date : e.date);
  const code::CameoInfo* info = code::LookupCameo(e.cameo);
  auto f = [&](std::string_view v, bool last = false) {
    Tsv(v, out);
    out->push_back(last ? '\n' : '\t');
  };
  f(EventId(doc, e));
  f(date);
  f(date.size() >= 4 ? date.substr(0, 4) : "");
  f(date.size() >= 6 ? date.substr(4, 2) : "");
  f(date.size() >= 8 ? date.substr(6, 2) : "");
  for (const EventActor* a : {&e.source, &e.target}) {
    f(a->present ? a->code.code : "");
    f(a->present ? a->code.country : "");
    f(a->present ? Sectors(a->code) : "");
    f("");  // Attribute: not coded.
  }
  f(e.cameo);
  f(e.root);
  f(info ? std::to_string(info->phoenix_quad) : "");
  f(Num(e.goldstein));
  f("");  // Issues.
  f(e.place ? Num(e.place->lat) : "");
  f(e.place ? Num(e.place->lon) : "");
  f(e.place ? e.place->name : "");
  f("");  // StateName.
  f(e.place ? e.place->country : "");
  f(doc.document.id + "-" + std::to_string(e.sentence));
  f(doc.document.url);
  f("", true);  // NewsSources.
}

void AppendEventPetrarchRow(const AnalyzedDocument& doc, const Event& e, std::string* out) {
  auto f = [&](std::string_view v, bool last = false) {
    Tsv(v, out);
    out->push_back(last ? '\n' : '\t');
  };
  f(CompactDate(e.date.empty() ? doc.document.date : e.date));
  f(e.source.present ? e.source.code.code : "---");
  f(e.target.present ? e.target.code.code : "---");
  f(e.cameo);
  f(EventId(doc, e));
  f(doc.document.url, true);
}

std::unique_ptr<RecordWriter> MakeEventTableWriter(std::string_view format, std::FILE* out) {
  if (format == "csv") return std::make_unique<TableWriter>(out, AppendEventCsvRow, true);
  if (format == "phoenix") return std::make_unique<TableWriter>(out, AppendEventPhoenixRow, false);
  if (format == "petrarch") return std::make_unique<TableWriter>(out, AppendEventPetrarchRow, false);
  return nullptr;
}

}  // namespace dyad
