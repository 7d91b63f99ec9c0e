#include "emit/event_json.h"

#include "actors/mention_json.h"
#include "util/json_writer.h"

namespace dyad {
namespace {

std::string_view Slice(const AnalyzedDocument& doc, Span s) {
  const std::string& t = doc.document.text;
  if (s.begin > t.size() || s.end > t.size() || s.end < s.begin) return {};
  return std::string_view(t).substr(s.begin, s.size());
}

void WriteActor(JsonWriter& w, const EventActor& a) {
  if (!a.present) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Field("text", a.text);
  w.Field("code", a.code.code);
  w.Field("country", a.code.country);
  w.Key("sectors");
  w.BeginArray();
  for (const auto& s : a.code.sectors) w.String(s);
  w.EndArray();
  if (!a.code.person.empty()) w.Field("person", a.code.person);
  w.Key("plover");
  actors::WritePloverActorCode(w, a.code.plover);
  if (!a.refers_to.empty()) w.Field("refers_to", a.refers_to);
  w.FieldSpan("span", a.span.begin, a.span.end);
  w.EndObject();
}

void WriteMeta(JsonWriter& w, const AnalyzedDocument& doc) {
  if (doc.document.passthrough.empty()) return;
  w.Key("meta");
  w.Raw(doc.document.passthrough);
}

// Replaces characters that would break a CoNLL-U line.
std::string ConlluField(std::string_view s) {
  if (s.empty()) return "_";
  std::string out(s);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

}  // namespace

std::string EventId(const AnalyzedDocument& doc, const Event& e) {
  return doc.document.id + ":" + std::to_string(e.sentence) + ":" + std::to_string(e.index);
}

void AppendErrorRecord(std::string_view doc_id, std::string_view stage, const Status& error,
                       std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Field("doc", doc_id);
  w.Key("error");
  w.BeginObject();
  w.Field("stage", stage);
  w.Field("message", error.ToString());
  w.Field("code", StatusCodeName(error.code()));
  w.EndObject();
  w.EndObject();
  out->push_back('\n');
}

void AppendEventRecord(const AnalyzedDocument& doc, const Event& e, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Field("doc", doc.document.id);
  w.FieldInt("sent", e.sentence);
  w.Field("id", EventId(doc, e));
  w.Field("date", e.date);
  w.Field("date_from", e.date_from);
  w.Field("date_precision", e.date_precision);
  w.Key("source");
  WriteActor(w, e.source);
  w.Key("target");
  WriteActor(w, e.target);
  w.Field("cameo", e.cameo);
  w.Field("cameo_name", e.cameo_name);
  w.Field("root", e.root);
  w.FieldInt("quad", e.quad);
  w.Key("goldstein");
  w.Double(e.goldstein);
  w.Key("plover");
  w.BeginObject();
  w.Field("event", e.plover.event);
  w.Field("mode", e.plover.mode);
  w.Key("context");
  w.BeginArray();
  for (const auto& c : e.plover.context) w.String(c);
  w.EndArray();
  w.EndObject();
  w.Key("trigger");
  w.BeginObject();
  w.Field("text", e.trigger_text);
  w.FieldSpan("span", e.trigger.begin, e.trigger.end);
  w.EndObject();
  w.Field("modality", ModalityName(e.modality));
  w.FieldBool("negated", e.negated);
  w.FieldBool("alleged", e.alleged);
  w.Key("attribution");
  if (e.attribution) {
    WriteActor(w, *e.attribution);
  } else {
    w.Null();
  }
  w.Key("place");
  if (e.place) {
    w.BeginObject();
    w.Field("name", e.place->name);
    w.Field("country", e.place->country);
    if (e.place->geonames_id) w.FieldInt("geonames_id", e.place->geonames_id);
    w.Key("lat");
    w.Double(e.place->lat);
    w.Key("lon");
    w.Double(e.place->lon);
    w.Field("from", e.place->from);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Field("event_key", e.event_key);
  w.FieldSpan("evidence", e.evidence.begin, e.evidence.end);
  WriteMeta(w, doc);
  w.EndObject();
  out->push_back('\n');
}

void AppendSentenceRecord(const AnalyzedDocument& doc, std::uint32_t sent, std::string* out) {
  const Sentence& s = doc.sentences[sent];
  JsonWriter w(out);
  w.BeginObject();
  w.Field("doc", doc.document.id);
  w.FieldInt("sent", sent);
  w.FieldSpan("span", s.span.begin, s.span.end);
  w.Field("text", Slice(doc, s.span));
  w.Key("tokens");
  w.BeginArray();
  for (const Token& t : s.tokens) {
    w.BeginObject();
    w.Field("form", t.form);
    w.FieldSpan("span", t.span.begin, t.span.end);
    if (!t.upos.empty()) w.Field("upos", t.upos);
    if (!t.xpos.empty()) w.Field("xpos", t.xpos);
    if (!t.lemma.empty()) w.Field("lemma", t.lemma);
    if (!t.feats.empty()) w.Field("feats", t.feats);
    if (!t.deprel.empty()) {
      w.FieldInt("head", t.head);
      w.Field("deprel", t.deprel);
    }
    if (!t.ner.empty() && t.ner != "O") w.Field("ner", t.ner);
    w.EndObject();
  }
  w.EndArray();
  if (!s.mwts.empty()) {
    w.Key("mwts");
    w.BeginArray();
    for (const MultiWordToken& m : s.mwts) {
      w.BeginObject();
      w.Field("form", Slice(doc, m.span));
      w.FieldSpan("span", m.span.begin, m.span.end);
      w.FieldInt("first", m.first);
      w.FieldInt("last", m.last);
      w.EndObject();
    }
    w.EndArray();
  }
  WriteMeta(w, doc);
  w.EndObject();
  out->push_back('\n');
}

void AppendDocumentRecord(const AnalyzedDocument& doc, std::string* out) {
  const Document& d = doc.document;
  JsonWriter w(out);
  w.BeginObject();
  w.Field("doc", d.id);
  w.Field("url", d.url);
  w.Field("date", d.date);
  w.Field("title", d.title);
  if (!d.author.empty()) w.Field("author", d.author);
  if (!d.canonical_url.empty()) w.Field("canonical_url", d.canonical_url);
  w.Field("language", d.language);
  w.Field("encoding", d.encoding);
  w.Field("text", d.text);
  w.Key("blocks");
  w.BeginArray();
  for (const Block& b : d.blocks) {
    w.BeginObject();
    w.Field("kind", BlockKindName(b.kind));
    w.FieldSpan("span", b.span.begin, b.span.end);
    w.EndObject();
  }
  w.EndArray();
  w.Key("warnings");
  w.BeginArray();
  for (const auto& s : d.warnings) w.String(s);
  w.EndArray();
  WriteMeta(w, doc);
  w.EndObject();
  out->push_back('\n');
}

void AppendConllu(const AnalyzedDocument& doc, std::string* out) {
  *out += "# newdoc id = " + ConlluField(doc.document.id) + "\n";
  for (std::size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    *out += "# sent_id = " + ConlluField(doc.document.id) + "-" + std::to_string(si + 1) + "\n";
    // The text as the surface tokens and their SpaceAfter flags spell it
    // (runs of whitespace and line breaks become one space), so that the
    // sentence validates against its token lines.
    std::string text;
    for (std::size_t i = 0, m = 0; i < s.tokens.size();) {
      std::size_t last = i;
      if (m < s.mwts.size() && s.mwts[m].first == i) {
        text += ConlluField(Slice(doc, s.mwts[m].span));
        last = s.mwts[m].last;
        ++m;
      } else {
        text += ConlluField(s.tokens[i].form);
      }
      i = last + 1;
      if (i < s.tokens.size() && s.tokens[last].space_after) text += ' ';
    }
    *out += "# text = " + text + "\n";
    std::size_t m = 0;
    for (std::size_t i = 0; i < s.tokens.size(); ++i) {
      const Token& t = s.tokens[i];
      if (m < s.mwts.size() && s.mwts[m].first == i) {
        const MultiWordToken& mw = s.mwts[m];
        const Token& last = s.tokens[mw.last];
        *out += std::to_string(mw.first + 1) + "-" + std::to_string(mw.last + 1) + "\t" +
                ConlluField(Slice(doc, mw.span)) + "\t_\t_\t_\t_\t_\t_\t_\t" +
                (last.space_after ? "_" : "SpaceAfter=No") + "\n";
        ++m;
      }
      bool in_mwt = false;
      for (const auto& mw : s.mwts) in_mwt |= (i >= mw.first && i <= mw.last);
      std::string misc = (!in_mwt && !t.space_after) ? "SpaceAfter=No" : "";
      if (!t.ner.empty() && t.ner != "O") misc += (misc.empty() ? "NER=" : "|NER=") + t.ner;
      if (misc.empty()) misc = "_";
      int head = t.deprel.empty() ? -1 : t.head + 1;  // -1 -> root 0
      *out += std::to_string(i + 1) + "\t" + ConlluField(t.form) + "\t" + ConlluField(t.lemma) +
              "\t" + ConlluField(t.upos) + "\t" + ConlluField(t.xpos) + "\t" +
              ConlluField(t.feats) + "\t" + (t.deprel.empty() ? "_" : std::to_string(head)) +
              "\t" + ConlluField(t.deprel) + "\t_\t" + misc + "\n";
    }
    *out += "\n";
  }
}

}  // namespace dyad
