// End-to-end tests of the dyad CLI: help, exit codes, error records and
// atomic output.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "tests/test_util.h"
#include "util/files.h"

namespace dyad {
namespace {

using testing::RunDyad;
using testing::TempDir;

TEST(Cli, HelpListsCommands) {
  auto r = RunDyad("--help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* c : {"code", "segment", "extract"}) {
    EXPECT_NE(r.out.find(c), std::string::npos) << c;
  }
}

// Every command listed by `dyad --help` answers --help with its usage.
TEST(Cli, EachCommandHasHelp) {
  auto top = RunDyad("--help");
  std::istringstream lines(top.out);
  std::string line;
  bool in_list = false;
  int commands = 0;
  while (std::getline(lines, line)) {
    if (line == "commands:") {
      in_list = true;
      continue;
    }
    if (!in_list) continue;
    if (line.empty()) break;
    // "  eval segment      summary": the name is the text before the run of spaces.
    std::string name = line.substr(2, line.find("  ", 2) - 2);
    auto r = RunDyad(name + " --help");
    EXPECT_EQ(r.exit_code, 0) << name;
    EXPECT_NE(r.out.find("usage: dyad " + name), std::string::npos) << name << ": " << r.out;
    ++commands;
  }
  EXPECT_GE(commands, 3);
  for (const char* c : {"code", "segment", "extract"}) {
    EXPECT_NE(RunDyad(std::string(c) + " --help").out.find("--output"), std::string::npos) << c;
  }
}

TEST(Cli, ProgressLineAndSummary) {
  TempDir dir;
  ASSERT_TRUE(WriteFile(dir.File("a.txt"), "Police detained him.").ok());
  ASSERT_TRUE(WriteFile(dir.File("b.txt"), "Rebels attacked a base.").ok());
  auto r = RunDyad("segment --progress " + dir.path());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("2 docs"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("MB/s"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("0 errors"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("dyad: 2 documents, 0 failed"), std::string::npos) << r.err;
  auto q = RunDyad("segment --progress --quiet " + dir.path());
  EXPECT_EQ(q.err, "");
}

TEST(Cli, ParserNetworkCanBeLeftOut) {
  TempDir dir;
  ASSERT_TRUE(WriteFile(dir.File("a.txt"), "Police detained the editor of a local newspaper.").ok());
  auto with = RunDyad("analyze --quiet " + dir.File("a.txt"));
  auto without = RunDyad("analyze --quiet --no-parser-net " + dir.File("a.txt"));
  EXPECT_EQ(with.exit_code, 0) << with.err;
  EXPECT_EQ(without.exit_code, 0) << without.err;
  // The same tokens, each with a head, either way.
  auto heads = [](const std::string& conllu) {
    int n = 0;
    std::istringstream in(conllu);
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      ++n;
      EXPECT_NE(line.find('\t'), std::string::npos) << line;
    }
    return n;
  };
  EXPECT_EQ(heads(with.out), heads(without.out));
  EXPECT_GT(heads(with.out), 5);
}

// The tagger's network flags (`dyad train tagger`, and `dyad train parser`'s for its
// jackknifed taggers) are checked before any data is read.
TEST(Cli, TrainTaggerRefusesBadNetworkFlags) {
  const std::pair<std::string, std::string> cases[] = {
      {"train tagger --shared /no/such/shared --net-margin 5", "need --window-net"},
      {"train tagger --shared /no/such/shared --prune -1", "--prune"},
      {"train tagger --shared /no/such/shared --window-net /no/such/vectors.vec",
       "/no/such/vectors.vec"},
      {"train tagger --shared /no/such/shared --window-net x.vec --net-margin nope",
       "--net-margin"},
      {"eval ud --tagger-net-weight heavy /no/such/file.conllu", "--tagger-net-weight"},
      {"eval ud --tagger-net-margin -1 /no/such/file.conllu", "--tagger-net-margin"},
      {"eval ud --parser-net-margin abc /no/such/file.conllu", "--parser-net-margin"},
      {"train parser --shared /no/such/shared --tagger-prune x", "--tagger-prune"},
      {"train parser --shared /no/such/shared --tagger-window-net /no/such/vectors.vec",
       "/no/such/vectors.vec"},
      {"train parser --shared /no/such/shared --extra-projective-only", "need --extra-conllu"},
  };
  for (const auto& [args, message] : cases) {
    auto r = RunDyad(args);
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_NE(r.err.find(message), std::string::npos) << args << ": " << r.err;
  }
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(RunDyad("no-such-command").exit_code, 2);
  EXPECT_EQ(RunDyad("segment --no-such-flag x").exit_code, 2);
  auto r = RunDyad("segment /no/such/file.txt");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: "), std::string::npos);
  EXPECT_NE(r.err.find("/no/such/file.txt"), std::string::npos);
  EXPECT_EQ(RunDyad("segment --format nope x").exit_code, 2);
  // A format the command never fills is refused, not written empty.
  auto csv = RunDyad("analyze --format csv x");
  EXPECT_EQ(csv.exit_code, 2);
  EXPECT_NE(csv.err.find("'csv' needs the code stage"), std::string::npos) << csv.err;
}

TEST(Cli, JsonlIsTheCommandsOwnJsonLines) {
  TempDir dir;
  ASSERT_TRUE(WriteFile(dir.File("a.txt"), "Police detained him.").ok());
  auto seg = RunDyad("segment --quiet --format jsonl " + dir.File("a.txt"));
  EXPECT_EQ(seg.exit_code, 0) << seg.err;
  EXPECT_NE(seg.out.find("\"tokens\":[{\"form\":\"Police\""), std::string::npos) << seg.out;
  auto ext = RunDyad("extract --quiet --format jsonl " + dir.File("a.txt"));
  EXPECT_EQ(ext.exit_code, 0) << ext.err;
  EXPECT_NE(ext.out.find("\"blocks\":["), std::string::npos) << ext.out;
}

TEST(Cli, SomeFailedExitsOneAndKeepsTheRest) {
  TempDir dir;
  ASSERT_TRUE(WriteFile(dir.File("a.txt"), "Police detained him.").ok());
  ASSERT_TRUE(WriteFile(dir.File("b.bin"), std::string(1000, '\0')).ok());
  ASSERT_TRUE(WriteFile(dir.File("c.txt"), "Rebels attacked a base.").ok());
  auto r = RunDyad("segment --quiet " + dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("Police detained"), std::string::npos);
  EXPECT_NE(r.out.find("Rebels attacked"), std::string::npos);
  EXPECT_NE(r.out.find("\"error\":{\"stage\":\"ingest\""), std::string::npos);
  EXPECT_NE(r.err.find("b.bin"), std::string::npos);
  // Fail-fast stops at the bad one.
  auto ff = RunDyad("segment --quiet --fail-fast --threads 1 " + dir.path());
  EXPECT_EQ(ff.exit_code, 1);
  EXPECT_EQ(ff.out.find("Rebels attacked"), std::string::npos);
}

TEST(Cli, StdinAndJsonl) {
  TempDir dir;
  std::string in = dir.File("in.jsonl");
  ASSERT_TRUE(WriteFile(in, "{\"id\":\"x1\",\"text\":\"Troops shelled the town.\",\"feed\":\"afp\"}\n").ok());
  auto r = RunDyad("segment --input-format jsonl", in);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"doc\":\"x1\""), std::string::npos);
  EXPECT_NE(r.out.find("\"meta\":{\"feed\":\"afp\"}"), std::string::npos);
}

// `dyad code --dict` codes with the user's own dictionary instead of the
// shipped ones (the fixture's countries and groups are invented).
TEST(Cli, CodeWithOwnDictionary) {
  TempDir dir;
  std::string in = dir.File("in.txt");
  ASSERT_TRUE(WriteFile(in, "Valdorian police detained members of Watchful Eye.\n").ok());
  auto own = RunDyad("code --quiet --dict " DYAD_TEST_FIXTURES "/dict/world.dyad " + in);
  EXPECT_EQ(own.exit_code, 0) << own.err;
  EXPECT_NE(own.out.find("\"code\":\"VLDCOP\""), std::string::npos) << own.out;
  EXPECT_NE(own.out.find("\"code\":\"NGOHRI\""), std::string::npos) << own.out;
  auto shipped = RunDyad("code --quiet " + in);
  EXPECT_EQ(shipped.out.find("VLDCOP"), std::string::npos) << shipped.out;
  auto missing = RunDyad("code --dict /no/such/dict.dyad " + in);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("/no/such/dict.dyad"), std::string::npos) << missing.err;
}

// Fundraising and navigation lines left in scraped text code no event;
// the same verbs in a news sentence do.
TEST(Cli, PageBoilerplateCodesNothing) {
  TempDir dir;
  std::string banner = dir.File("banner.txt"), news = dir.File("news.txt");
  ASSERT_TRUE(WriteFile(banner, "Skip to main content\n\nYour donation helps us defend "
                                "journalists around the world. Donate now.\n").ok());
  ASSERT_TRUE(WriteFile(news, "Police detained two journalists in Minsk.\n").ok());
  auto b = RunDyad("code --quiet " + banner);
  EXPECT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(b.out, "");
  auto n = RunDyad("code --quiet " + news);
  EXPECT_NE(n.out.find("\"cameo\":\"173\""), std::string::npos) << n.out;
}

TEST(Cli, OutputFileIsAtomic) {
  TempDir dir;
  ASSERT_TRUE(WriteFile(dir.File("a.txt"), "One sentence here.").ok());
  std::string out = dir.File("out.jsonl");
  auto r = RunDyad("segment --quiet --output " + out + " " + dir.File("a.txt"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto text = ReadFile(out);
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("One sentence here."), std::string::npos);
  // No temporary file is left behind.
  int files = 0;
  for (auto& e : std::filesystem::directory_iterator(dir.path())) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 2);
  // An output into a missing folder fails before anything is written.
  auto bad = RunDyad("segment --output " + dir.File("no/such/dir/out.jsonl") + " " + dir.File("a.txt"));
  EXPECT_EQ(bad.exit_code, 2);
}

}  // namespace
}  // namespace dyad
