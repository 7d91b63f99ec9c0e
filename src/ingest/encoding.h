// Byte-level cleaning of one input: BOMs, legacy encodings, invalid UTF-8,
// NUL bytes and binary junk. Output is always valid UTF-8 in NFC.
#ifndef DYAD_INGEST_ENCODING_H_
#define DYAD_INGEST_ENCODING_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/input.h"
#include "dyad/status.h"

namespace dyad::ingest {

struct DecodedText {
  std::string text;      // Valid UTF-8, NFC.
  std::string encoding;  // What the bytes were decoded from ("UTF-8", "WINDOWS-1252", ...).
  std::vector<std::string> warnings;
};

// Fails with kDataLoss for binary data, or for invalid UTF-8 under
// InvalidUtf8Policy::kReject. `declared` is an encoding named by the input
// itself (an HTML meta charset), tried before detection; may be empty.
StatusOr<DecodedText> DecodeToUtf8(std::string_view bytes,
                                   const InputOptions& options,
                                   std::string_view declared = {});

// Converts bytes in the named encoding (an ICU converter name) to UTF-8.
StatusOr<std::string> ConvertToUtf8(std::string_view bytes, const char* encoding);

// Returns uchardet's guess for the bytes ("" when it has none).
std::string DetectEncoding(std::string_view bytes);

// True when the bytes look like binary data rather than text: NUL bytes or
// other control bytes above a small share of the first 64 KiB.
bool LooksBinary(std::string_view bytes, std::string* why);

// Returns s in Unicode NFC (ICU). s must be valid UTF-8.
std::string NormalizeNfc(std::string_view s);

// True when s is NFC without asking ICU: every character is below U+0300
// (ASCII, Latin-1, Latin Extended-A/B, IPA; no combining marks), in
// U+2002..U+203F (spaces, dashes, quotes, bullets) or U+20AC. Each of
// these is NFC on its own and has a normalization boundary before it
// (tested against ICU), so any string of them is NFC.
bool NfcInertText(std::string_view s);

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_ENCODING_H_
