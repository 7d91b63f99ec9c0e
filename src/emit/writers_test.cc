#include <string>

#include "dyad/output.h"
#include "gtest/gtest.h"

namespace dyad {
namespace {

TEST(RecordFormatTest, JsonlNamesEachCommandsOwnRecords) {
  EXPECT_EQ(*ResolveRecordFormat("jsonl", StageId::kEnrich), "events");
  EXPECT_EQ(*ResolveRecordFormat("jsonl", StageId::kCode), "events");
  EXPECT_EQ(*ResolveRecordFormat("jsonl", StageId::kAnalyze), "sentences");
  EXPECT_EQ(*ResolveRecordFormat("jsonl", StageId::kSegment), "sentences");
  EXPECT_EQ(*ResolveRecordFormat("jsonl", StageId::kIngest), "document");
}

TEST(RecordFormatTest, KeepsFormatsTheRunFills) {
  EXPECT_EQ(*ResolveRecordFormat("csv", StageId::kEnrich), "csv");
  EXPECT_EQ(*ResolveRecordFormat("conllu", StageId::kEnrich), "conllu");
  EXPECT_EQ(*ResolveRecordFormat("conllu", StageId::kAnalyze), "conllu");
  EXPECT_EQ(*ResolveRecordFormat("document", StageId::kIngest), "document");
}

TEST(RecordFormatTest, RefusesFormatsTheRunLeavesEmpty) {
  auto csv = ResolveRecordFormat("csv", StageId::kAnalyze);
  ASSERT_FALSE(csv.ok());
  const std::string m(csv.status().message());
  EXPECT_NE(m.find("'csv' needs the code stage"), std::string::npos) << m;
  EXPECT_NE(m.find("stops after analyze"), std::string::npos) << m;
  EXPECT_NE(m.find("sentences, conllu, text, document, jsonl (sentences)"), std::string::npos)
      << m;
  EXPECT_FALSE(ResolveRecordFormat("events", StageId::kActors).ok());
  EXPECT_FALSE(ResolveRecordFormat("sentences", StageId::kIngest).ok());
  auto unknown = ResolveRecordFormat("xml", StageId::kSegment);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(std::string(unknown.status().message()).find("unknown output format 'xml'"),
            std::string::npos);
}

TEST(RecordFormatTest, ListsWhatEachRunCanWrite) {
  EXPECT_EQ(RecordFormatList(StageId::kAnalyze),
            "sentences, conllu, text, document, jsonl (sentences)");
  EXPECT_EQ(RecordFormatList(StageId::kIngest), "text, document, jsonl (document)");
  const std::string full = RecordFormatList(StageId::kEnrich);
  for (const auto& n : RecordWriterNames()) EXPECT_NE(full.find(n), std::string::npos) << n;
  EXPECT_NE(full.find("jsonl (events)"), std::string::npos) << full;
}

TEST(RecordFormatTest, EveryWriterNameIsAFormatOfAFullRun) {
  for (const auto& n : RecordWriterNames()) {
    EXPECT_TRUE(ResolveRecordFormat(n, StageId::kEnrich).ok()) << n;
    EXPECT_TRUE(MakeRecordWriter(n, stdout).ok()) << n;
  }
}

}  // namespace
}  // namespace dyad
