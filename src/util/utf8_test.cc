#include "util/utf8.h"

#include <gtest/gtest.h>

namespace dyad::utf8 {
namespace {

TEST(Utf8, ValidAsciiAndMultibyte) {
  EXPECT_TRUE(IsValid("plain ascii"));
  EXPECT_TRUE(IsValid("Chechnya\xE2\x80\x99s leader"));  // U+2019
  EXPECT_TRUE(IsValid("\xF0\x9F\x98\x80"));               // U+1F600
}

TEST(Utf8, RejectsBadSequences) {
  EXPECT_EQ(FindInvalid("ab\xFF"), 2u);
  EXPECT_EQ(FindInvalid("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(FindInvalid("x\xED\xA0\x80"), 1u);     // surrogate
  EXPECT_EQ(FindInvalid("\xF4\x90\x80\x80"), 0u);  // > U+10FFFF
  EXPECT_EQ(FindInvalid("\xE2\x80"), 0u);          // truncated
}

// The one-pass check agrees with FindInvalid plus a search for NUL, for a
// NUL or a bad byte at every offset around the 32-byte blocks of its fast
// path, after ASCII and after multi-byte text.
TEST(Utf8, IsValidWithoutNulMatchesTwoPassCheck) {
  EXPECT_TRUE(IsValidWithoutNul(""));
  // ASCII of every length up to a few blocks, read within its bounds (a
  // view into a longer buffer whose next byte is NUL).
  const std::string ascii(100, 'a');
  std::string buffer = ascii + std::string(1, '\0');
  for (std::size_t len = 0; len <= ascii.size(); ++len) {
    EXPECT_TRUE(IsValidWithoutNul(std::string_view(buffer).substr(ascii.size() - len, len)))
        << len;
  }
  EXPECT_FALSE(IsValidWithoutNul(std::string_view("\0", 1)));
  for (std::string_view fill : {std::string_view("abcdefgh"), std::string_view("a\xC3\xA9\xE2\x80\x99z")}) {
    std::string base;
    while (base.size() < 100) base += fill;
    EXPECT_TRUE(IsValidWithoutNul(base));
    for (std::string_view bad : {std::string_view("\0", 1), std::string_view("\xFF"),
                                 std::string_view("\xC3"), std::string_view("\xED\xA0\x80"),
                                 std::string_view("\xF4\x90\x80\x80")}) {
      for (std::size_t at = 0; at <= base.size(); ++at) {
        std::string t = base.substr(0, at);
        t += bad;
        t += base.substr(at);
        bool expected = IsValid(t) && t.find('\0') == std::string::npos;
        EXPECT_EQ(IsValidWithoutNul(t), expected) << "at " << at;
        EXPECT_FALSE(expected) << "at " << at;
      }
    }
  }
}

TEST(Utf8, RepairReplacesEachBadRun) {
  std::size_t n = 0;
  std::string r = Repair("a\xFF" "b\xE2\x80" "c", &n);
  EXPECT_EQ(r, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
  EXPECT_EQ(n, 2u);
  EXPECT_TRUE(IsValid(r));
}

TEST(Utf8, DecodeAppendRoundTrip) {
  std::string s;
  for (char32_t cp : {U'a', U'\u00E9', U'\u2019', U'\U0001F600'}) Append(cp, &s);
  std::size_t i = 0;
  EXPECT_EQ(Decode(s, &i), U'a');
  EXPECT_EQ(Decode(s, &i), U'\u00E9');
  EXPECT_EQ(Decode(s, &i), U'\u2019');
  EXPECT_EQ(Decode(s, &i), U'\U0001F600');
  EXPECT_EQ(i, s.size());
}

}  // namespace
}  // namespace dyad::utf8
