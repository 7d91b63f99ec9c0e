#include "text/conllu.h"

#include <gtest/gtest.h>

namespace dyad::text {
namespace {

TEST(Conllu, ParsesWordsMwtsAndComments) {
  const char* data =
      "# newdoc id = d1\n"
      "# sent_id = s1\n"
      "# text = Google's fine.\n"
      "1-2\tGoogle's\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "1\tGoogle\tGoogle\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n"
      "2\t's\tbe\tAUX\tVBZ\t_\t3\tcop\t_\t_\n"
      "2.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "3\tfine\tfine\tADJ\tJJ\t_\t0\troot\t_\tSpaceAfter=No\n"
      "4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
      "\n";
  auto s = ParseConllu(data);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->size(), 1u);
  const auto& sent = (*s)[0];
  EXPECT_TRUE(sent.newdoc);
  EXPECT_EQ(sent.text, "Google's fine.");
  EXPECT_EQ(sent.sent_id, "s1");
  ASSERT_EQ(sent.words.size(), 4u);
  ASSERT_EQ(sent.mwts.size(), 1u);
  EXPECT_EQ(sent.mwts[0].last, 2);
  EXPECT_EQ(sent.words[2].head, 0);
  EXPECT_TRUE(NoSpaceAfter(sent.words[2].misc));
  EXPECT_FALSE(NoSpaceAfter(sent.words[3].misc));
}

TEST(Conllu, ReportsBadLineNumber) {
  auto s = ParseConllu("# text = x\n1\tx\t_\n", "f.conllu");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("f.conllu:2"), std::string_view::npos);
}

}  // namespace
}  // namespace dyad::text
