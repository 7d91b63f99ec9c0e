// The bad-input contract: every bad document gets an error naming it and the
// reason, and never stops or loses the others.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "dyad/batch.h"
#include "dyad/input.h"
#include "dyad/output.h"
#include "tests/test_util.h"
#include "util/files.h"

namespace dyad {
namespace {

using testing::TempDir;

void Write(const std::string& path, const std::string& data) {
  ASSERT_TRUE(WriteFile(path, data).ok()) << path;
}

std::vector<InputItem> ReadAll(const std::vector<std::string>& paths, InputOptions opts = {}) {
  auto reader = InputReader::Open(paths, opts);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<InputItem> items;
  if (!reader.ok()) return items;
  InputItem it;
  while ((*reader)->Next(&it)) items.push_back(std::move(it));
  return items;
}

TEST(BadInput, InvalidUtf8IsRepairedWithWarning) {
  auto doc = DocumentFromBytes("d", "Kadyrov \xFF\xFE threatened", InputFormat::kText, {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_NE(doc->text.find("Kadyrov"), std::string::npos);
  EXPECT_NE(doc->text.find("threatened"), std::string::npos);
  ASSERT_FALSE(doc->warnings.empty());
}

TEST(BadInput, InvalidUtf8IsRejectedOnRequest) {
  InputOptions opts;
  opts.invalid_utf8 = InvalidUtf8Policy::kReject;
  // Bytes that no legacy encoding explains either.
  auto doc = DocumentFromBytes("d", "ok \xC3\x28 then \xF0\x28\x8C\x28 end \xE2\x28\xA1",
                               InputFormat::kText, opts);
  if (doc.ok()) {
    // uchardet found an encoding: the text must then be valid and warned.
    EXPECT_FALSE(doc->warnings.empty());
  } else {
    EXPECT_EQ(doc.status().code(), StatusCode::kDataLoss);
    EXPECT_NE(doc.status().message().find("invalid UTF-8"), std::string_view::npos);
  }
}

TEST(BadInput, Windows1252IsDetectedAndConverted) {
  // "caf\xE9" and smart quotes in cp1252, in a long enough sample to detect.
  std::string s;
  for (int i = 0; i < 20; ++i) s += "The caf\xE9 owner said \x93no comment\x94 to the r\xE9gion's press. ";
  auto doc = DocumentFromBytes("d", s, InputFormat::kText, {});
  ASSERT_TRUE(doc.ok());
  EXPECT_NE(doc->text.find("caf\xC3\xA9"), std::string::npos) << doc->encoding;
  EXPECT_NE(doc->text.find("\xE2\x80\x9Cno comment\xE2\x80\x9D"), std::string::npos) << doc->encoding;
}

TEST(BadInput, BomIsStripped) {
  auto doc = DocumentFromBytes("d", "\xEF\xBB\xBFHello.", InputFormat::kText, {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "Hello.");
}

TEST(BadInput, Utf16WithBomIsDecoded) {
  std::string s = std::string("\xFF\xFE", 2) + std::string("H\0i\0", 4);
  auto doc = DocumentFromBytes("d", s, InputFormat::kText, {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->text, "Hi");
}

TEST(BadInput, BinaryJunkIsAnError) {
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 7919) % 256));
  auto doc = DocumentFromBytes("junk.bin", junk, InputFormat::kAuto, {});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(doc.status().message().find("binary"), std::string_view::npos);
}

TEST(BadInput, StrayNulBytesAreRemoved) {
  std::string s = "Police detained";
  s += '\0';
  s += " two journalists.";
  auto doc = DocumentFromBytes("d", s, InputFormat::kText, {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "Police detained two journalists.");
  ASSERT_FALSE(doc->warnings.empty());
  EXPECT_NE(doc->warnings[0].find("NUL"), std::string::npos);
}

TEST(BadInput, EmptyFileGivesEmptyDocumentWithWarning) {
  auto doc = DocumentFromBytes("empty.txt", "", InputFormat::kText, {});
  ASSERT_TRUE(doc.ok());
  EXPECT_TRUE(doc->text.empty());
  EXPECT_FALSE(doc->warnings.empty());
}

TEST(BadInput, OverLimitDocumentIsAnError) {
  InputOptions opts;
  opts.max_document_bytes = 10;
  auto doc = DocumentFromBytes("big", "0123456789ab", InputFormat::kText, opts);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), StatusCode::kResourceExhausted);
}

TEST(BadInput, JsonlBadLinesDoNotStopTheFile) {
  TempDir dir;
  std::string path = dir.File("in.jsonl");
  Write(path,
        "{\"id\":\"a\",\"text\":\"Police detained him.\",\"source\":\"x\"}\n"
        "{\"id\":\"b\",\"date\":\"2018-08-20\"}\n"            // no text
        "\n"
        "{\"id\":\"c\",\"text\":\"ok\"\n"                     // truncated
        "{\"id\":\"d\",\"html\":\"<p>Troops shelled the town.</p>\"}\n"
        "{\"id\":\"e\",\"text\":\"cut off");                 // truncated, no newline
  auto items = ReadAll({path});
  ASSERT_EQ(items.size(), 5u);
  EXPECT_TRUE(items[0].status.ok());
  EXPECT_EQ(items[0].id, "a");
  EXPECT_EQ(items[0].document.passthrough, "{\"source\":\"x\"}");
  EXPECT_FALSE(items[1].status.ok());
  EXPECT_NE(items[1].status.message().find("no \"text\""), std::string_view::npos);
  EXPECT_FALSE(items[2].status.ok());
  EXPECT_EQ(items[2].id, path + ":4");  // named by file and line
  EXPECT_TRUE(items[3].status.ok());
  EXPECT_EQ(items[3].document.text, "Troops shelled the town.");
  EXPECT_FALSE(items[4].status.ok());
  EXPECT_EQ(items[4].id, path + ":6");
}

TEST(BadInput, JsonlInvalidUtf8IsRepaired) {
  auto doc = ParseJsonlLine("{\"id\":\"x\",\"text\":\"bad \xFF byte\"}", "f:1", {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->text, "bad \xEF\xBF\xBD byte");
}

TEST(BadInput, FiftyMegabyteSingleLine) {
  TempDir dir;
  std::string line;
  line.reserve(50u << 20);
  const std::string sentence = "Troops shelled the town of Avdiivka on Monday, officials said. ";
  while (line.size() < (50u << 20)) line += sentence;
  Write(dir.File("huge.txt"), line);
  Write(dir.File("huge.jsonl"), "{\"id\":\"h\",\"text\":\"" + line + "\"}\n");
  auto items = ReadAll({dir.path()});
  ASSERT_EQ(items.size(), 2u);
  for (const auto& it : items) {
    ASSERT_TRUE(it.status.ok()) << it.id << ": " << it.status.ToString();
    EXPECT_GE(it.document.text.size(), 50u << 20);
  }
}

TEST(BadInput, DirectoryWithUnreadableFilesGoesOn) {
  TempDir dir;
  Write(dir.File("a.txt"), "First document.");
  Write(dir.File("c.txt"), "Third document.");
  // A broken link cannot be read by anyone, root included.
  ASSERT_EQ(symlink((dir.path() + "/missing-target").c_str(), dir.File("b.txt").c_str()), 0);
  auto items = ReadAll({dir.path()});
  ASSERT_EQ(items.size(), 3u);
  EXPECT_TRUE(items[0].status.ok());
  EXPECT_FALSE(items[1].status.ok());
  EXPECT_NE(items[1].id.find("b.txt"), std::string::npos);
  EXPECT_TRUE(items[2].status.ok());
}

TEST(BadInput, PermissionDeniedFileWhenNotRoot) {
  TempDir dir;
  Write(dir.File("a.txt"), "First.");
  Write(dir.File("locked.txt"), "Secret.");
  std::filesystem::permissions(dir.File("locked.txt"), std::filesystem::perms::none);
  auto items = ReadAll({dir.path()});
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(items[0].status.ok());
  // Root reads anything; everyone else must get an error naming the file.
  if (geteuid() != 0) {
    EXPECT_FALSE(items[1].status.ok());
    EXPECT_NE(items[1].status.message().find("cannot"), std::string_view::npos);
  } else {
    EXPECT_TRUE(items[1].status.ok());
  }
}

TEST(BadInput, MissingPathFailsOpen) {
  auto reader = InputReader::Open({"/no/such/dyad/path"}, {});
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kNotFound);
}

TEST(BadInput, DirectoryGlobs) {
  TempDir dir;
  std::filesystem::create_directories(dir.File("sub"));
  Write(dir.File("a.txt"), "A.");
  Write(dir.File("sub/b.txt"), "B.");
  Write(dir.File("sub/c.md"), "C.");
  InputOptions opts;
  opts.include = {"*.txt"};
  EXPECT_EQ(ReadAll({dir.path()}, opts).size(), 2u);
  opts.exclude = {"sub/*"};
  EXPECT_EQ(ReadAll({dir.path()}, opts).size(), 1u);
}

// A batch over good and bad documents: every document yields its records or
// one error record, in input order, and the batch finishes.
TEST(BadInput, BatchWritesErrorRecordsAndGoesOn) {
  TempDir dir, out_dir;
  Write(dir.File("1.txt"), "Police detained two journalists in Grozny.");
  std::string junk(2048, '\0');
  Write(dir.File("2.bin"), junk);
  Write(dir.File("3.txt"), "");
  Write(dir.File("4.jsonl"), "{\"id\":\"j1\",\"text\":\"Rebels attacked a base.\"}\n{broken\n");
  for (int threads : {1, 2}) {
    auto reader = InputReader::Open({dir.path()}, {});
    ASSERT_TRUE(reader.ok());
    PipelineOptions po;
    po.last_stage = StageId::kSegment;
    auto pipeline = Pipeline::Create(po);
    ASSERT_TRUE(pipeline.ok());
    std::string out_path = out_dir.File("out." + std::to_string(threads));
    std::FILE* f = std::fopen(out_path.c_str(), "wb");
    auto writer = MakeRecordWriter("sentences", f);
    ASSERT_TRUE(writer.ok());
    std::vector<std::string> failed;
    BatchOptions bo;
    bo.threads = threads;
    auto stats = RunBatch(**reader, **pipeline, **writer, bo, nullptr,
                          [&](std::string_view id, std::string_view, const Status&) {
                            failed.emplace_back(id);
                          });
    std::fclose(f);
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->documents, 5u);
    EXPECT_EQ(stats->failed, 2u);
    ASSERT_EQ(failed.size(), 2u);
    EXPECT_NE(failed[0].find("2.bin"), std::string::npos);
    EXPECT_NE(failed[1].find("4.jsonl:2"), std::string::npos);
    auto text = ReadFile(out_path);
    ASSERT_TRUE(text.ok());
    std::vector<std::string> docs;
    std::istringstream lines(*text);
    std::string line;
    while (std::getline(lines, line)) {
      auto j = nlohmann::json::parse(line);
      docs.push_back(j["doc"]);
      if (j.contains("error")) {
        EXPECT_TRUE(j["error"].contains("stage"));
        EXPECT_TRUE(j["error"].contains("message"));
        EXPECT_EQ(j["error"]["stage"], "ingest");
      }
    }
    ASSERT_EQ(docs.size(), 4u);  // 1.txt sentence, 2.bin error, j1 sentence, 4.jsonl:2 error
    EXPECT_NE(docs[0].find("1.txt"), std::string::npos);
    EXPECT_NE(docs[1].find("2.bin"), std::string::npos);
    EXPECT_EQ(docs[2], "j1");
    EXPECT_NE(docs[3].find("4.jsonl:2"), std::string::npos);
  }
}

}  // namespace
}  // namespace dyad
