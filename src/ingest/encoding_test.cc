#include "ingest/encoding.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <string>

#include "util/utf8.h"

namespace dyad::ingest {
namespace {

TEST(NormalizeNfc, ComposesDecomposedText) {
  // "e" + COMBINING ACUTE ACCENT becomes the precomposed U+00E9.
  EXPECT_EQ(NormalizeNfc("Caf\x65\xCC\x81 Nord"), "Caf\xC3\xA9 Nord");
  // Hangul jamo compose too.
  EXPECT_EQ(NormalizeNfc("\xE1\x84\x80\xE1\x85\xA1"), "\xEA\xB0\x80");
}

TEST(NormalizeNfc, LeavesNormalizedTextAlone) {
  EXPECT_EQ(NormalizeNfc("plain ASCII"), "plain ASCII");
  EXPECT_EQ(NormalizeNfc("Caf\xC3\xA9 \xE2\x80\x93 Z\xC3\xBCrich"), "Caf\xC3\xA9 \xE2\x80\x93 Z\xC3\xBCrich");
  EXPECT_EQ(NormalizeNfc(""), "");
}

// NfcInertText's shortcut is sound: each code point it accepts is NFC on
// its own and has a normalization boundary before it (ICU), so no string
// of them changes under NFC. Its neighbours outside the set are refused.
TEST(NormalizeNfc, InertSetIsNfcForIcu) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  ASSERT_TRUE(U_SUCCESS(err));
  int accepted = 0;
  for (UChar32 cp = 1; cp < 0x2100; ++cp) {
    if (cp >= 0xD800 && cp < 0xE000) continue;
    std::string one;
    utf8::Append(static_cast<char32_t>(cp), &one);
    if (!NfcInertText(one)) continue;
    ++accepted;
    EXPECT_TRUE(nfc->hasBoundaryBefore(cp)) << std::hex << cp;
    icu::UnicodeString u(cp);
    EXPECT_TRUE(nfc->isNormalized(u, err)) << std::hex << cp;
  }
  EXPECT_EQ(accepted, 0x2FF + (0x203F - 0x2002 + 1) + 1);
  EXPECT_FALSE(NfcInertText("e\xCC\x81"));          // U+0301 COMBINING ACUTE
  EXPECT_FALSE(NfcInertText("\xE2\x80\x80"));      // U+2000 EN QUAD (-> U+2002)
  EXPECT_FALSE(NfcInertText("\xE1\x84\x80"));      // Hangul jamo
  EXPECT_TRUE(NfcInertText("Z\xC3\xBCrich \xE2\x80\x93 \xE2\x82\xAC" "5"));
}

}  // namespace
}  // namespace dyad::ingest
