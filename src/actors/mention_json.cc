#include "actors/mention_json.h"

namespace dyad::actors {

void WritePloverActorCode(JsonWriter& w, const PloverActorCode& p) {
  w.BeginObject();
  w.Field("country", p.country);
  w.Field("sector", p.sector);
  w.Key("other_sectors");
  w.BeginArray();
  for (const auto& s : p.other_sectors) w.String(s);
  w.EndArray();
  w.EndObject();
}

void AppendMentionRecords(const AnalyzedDocument& doc, std::string* out) {
  for (std::size_t i = 0; i < doc.mentions.size(); ++i) {
    const ActorMention& m = doc.mentions[i];
    JsonWriter w(out);
    w.BeginObject();
    w.Field("doc", doc.document.id);
    w.FieldInt("sent", m.sentence);
    w.FieldInt("mention", static_cast<std::int64_t>(i));
    w.Field("text", m.text);
    w.FieldSpan("span", m.span.begin, m.span.end);
    w.FieldSpan("tokens", m.token_begin, m.token_end);
    w.Field("code", m.code.code);
    w.Field("country", m.code.country);
    w.Key("sectors");
    w.BeginArray();
    for (const auto& s : m.code.sectors) w.String(s);
    w.EndArray();
    w.Field("person", m.code.person);
    w.Key("plover");
    WritePloverActorCode(w, m.code.plover);
    w.Field("how", ResolutionName(m.how));
    w.FieldInt("antecedent", m.antecedent);
    w.FieldInt("compound", m.compound);
    w.FieldBool("place", m.place);
    w.EndObject();
    out->push_back('\n');
  }
}

}  // namespace dyad::actors
