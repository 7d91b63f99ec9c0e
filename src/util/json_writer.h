// A small streaming JSON writer with stable field order.
//
//   JsonWriter w(&out);
//   w.BeginObject(); w.Key("doc"); w.String(id); w.EndObject();
//
// Strings must be valid UTF-8 (Document::text is); control characters are
// escaped. The writer appends to a std::string; the caller writes it out.
#ifndef DYAD_UTIL_JSON_WRITER_H_
#define DYAD_UTIL_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dyad {

// Appends s as a quoted JSON string to *out.
void AppendJsonString(std::string_view s, std::string* out);

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view k);
  void String(std::string_view s);
  void Int(std::int64_t v);
  void Double(double v);
  void Bool(bool v);
  void Null();
  // Inserts already-serialized JSON (e.g. a passthrough object) as a value.
  void Raw(std::string_view json);
  // Convenience: Key(k) then the value.
  void Field(std::string_view k, std::string_view v) { Key(k); String(v); }
  void FieldInt(std::string_view k, std::int64_t v) { Key(k); Int(v); }
  void FieldBool(std::string_view k, bool v) { Key(k); Bool(v); }
  void FieldSpan(std::string_view k, std::uint32_t b, std::uint32_t e);

 private:
  void Open(char c);
  void Close(char c);
  void Separate();
  std::string* out_;
  std::vector<bool> first_;  // Per open container: no element written yet.
  bool after_key_ = false;
};

}  // namespace dyad

#endif  // DYAD_UTIL_JSON_WRITER_H_
