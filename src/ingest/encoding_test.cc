#include "ingest/encoding.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace dyad::ingest
