// Model files: the zlib stream round-trips (written with zlib, inflated with
// libdeflate), and damaged files are kDataLoss errors that name the file;
// Analyzer::Load, which reads its model files on several threads, reports
// the damaged one.
#include "analyze/model_io.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "analyze/analyzer.h"
#include "dyad/pipeline.h"
#include "pipeline/stages.h"
#include "tests/test_util.h"

namespace dyad::analyze {
namespace {

constexpr char kMagic[] = "DYADTEST";

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void Spit(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// A payload zlib compresses well and one it cannot (pseudo-random bytes).
std::string Payload(bool random) {
  std::string p;
  std::uint32_t x = 12345;
  for (int i = 0; i < 300000; ++i) {
    x = x * 1103515245u + 12345u;
    p.push_back(random ? static_cast<char>(x >> 24) : static_cast<char>('a' + i % 7));
  }
  return p;
}

TEST(ModelFile, RoundTrips) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/m.bin";
  for (bool random : {false, true}) {
    const std::string payload = Payload(random);
    ASSERT_TRUE(WriteModelFile(path, kMagic, 3, payload).ok());
    auto read = ReadModelFile(path, kMagic, 3);
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    EXPECT_EQ(*read, payload);
  }
  ASSERT_TRUE(WriteModelFile(path, kMagic, 3, "").ok());
  auto empty = ReadModelFile(path, kMagic, 3);
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_EQ(*empty, "");
}

TEST(ModelFile, DamageIsDataLossNamingTheFile) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/m.bin";
  ASSERT_TRUE(WriteModelFile(path, kMagic, 3, Payload(true)).ok());
  const std::string good = Slurp(path);
  auto expect_loss = [&](const std::string& bytes, const char* what) {
    Spit(path, bytes);
    auto read = ReadModelFile(path, kMagic, 3);
    ASSERT_FALSE(read.ok()) << what;
    EXPECT_EQ(read.status().code(), StatusCode::kDataLoss) << what;
    EXPECT_NE(read.status().ToString().find("m.bin"), std::string::npos)
        << what << ": " << read.status().ToString();
  };
  expect_loss(good.substr(0, good.size() / 2), "truncated stream");
  std::string flipped = good;
  flipped[good.size() / 2] ^= 0x5a;
  expect_loss(flipped, "a damaged byte in the stream");
  std::string longer = good;
  longer[12] = static_cast<char>(longer[12] + 1);  // the size field, one byte more
  expect_loss(longer, "size field larger than the stream");
  std::string shorter = good;
  shorter[12] = static_cast<char>(shorter[12] - 1);
  expect_loss(shorter, "size field smaller than the stream");
  expect_loss(good.substr(0, 10), "shorter than the header");
  expect_loss("", "an empty file (read, not mapped)");
  std::string other = good;
  other[0] = 'X';
  expect_loss(other, "another magic");
  Spit(path, good);
  auto v = ReadModelFile(path, kMagic, 4);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().ToString().find("version 3"), std::string::npos) << v.status().ToString();
  auto missing = ReadModelFile(dir.path() + "/none.bin", kMagic, 3);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

// The large arrays of a loaded model start on a 2 MB boundary (so that they
// can be backed by huge pages); small ones come from malloc; a vector keeps
// its contents as it grows across the threshold.
TEST(ModelArray, LargeArraysStartOnHugePageBoundaries) {
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  ModelArray<std::uint32_t> big(std::size_t{3} << 20, 7u);  // 12 MB
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(big.data()) % kHuge, 0u);
  EXPECT_EQ(big.front(), 7u);
  EXPECT_EQ(big.back(), 7u);
  ModelArray<std::uint8_t> small(100, 1);
  EXPECT_EQ(small[99], 1);
  ModelArray<std::uint64_t> grown;
  for (std::uint64_t i = 0; i < 400000; ++i) grown.push_back(i * 3);  // 3.2 MB at the end
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(grown.data()) % kHuge, 0u);
  for (std::uint64_t i = 0; i < grown.size(); i += 9973) ASSERT_EQ(grown[i], i * 3);
  EXPECT_EQ(grown.back(), 399999u * 3);
}

// The analyzer loads the tagger, each parser and the NER model on threads of
// their own: a damaged parser file among intact ones is reported by name.
TEST(ModelFile, AnalyzerNamesTheDamagedFileAmongThoseLoadedTogether) {
  const std::string shipped = internal::ResolveDataDir(PipelineOptions{}) + "/models";
  testing::TempDir dir;
  for (const char* f : {"tagger.bin", "parser.bin", "parser-beam.bin", "ner.bin"}) {
    std::filesystem::copy_file(shipped + "/" + f, dir.path() + "/" + f);
  }
  const std::string r2l = Slurp(shipped + "/parser-r2l-beam.bin");
  Spit(dir.path() + "/parser-r2l-beam.bin", r2l.substr(0, r2l.size() / 3));
  AnalyzerOptions o;
  ASSERT_TRUE(SetParserSpec("parser-beam.bin,parser-r2l-beam.bin,parser.bin", &o).ok());
  for (int i = 0; i < 3; ++i) {
    auto a = Analyzer::Load(dir.path(), o);
    ASSERT_FALSE(a.ok());
    EXPECT_EQ(a.status().code(), StatusCode::kDataLoss);
    EXPECT_NE(a.status().ToString().find("parser-r2l-beam.bin"), std::string::npos)
        << a.status().ToString();
  }
  // Several damaged files: the first in the order tagger, parsers, NER is reported.
  const std::string tagger = Slurp(dir.path() + "/tagger.bin");
  const std::string ner = Slurp(dir.path() + "/ner.bin");
  Spit(dir.path() + "/ner.bin", ner.substr(0, ner.size() / 2));
  auto both = Analyzer::Load(dir.path(), o);
  ASSERT_FALSE(both.ok());
  EXPECT_NE(both.status().ToString().find("parser-r2l-beam.bin"), std::string::npos)
      << both.status().ToString();
  Spit(dir.path() + "/tagger.bin", tagger.substr(0, tagger.size() / 2));
  for (int i = 0; i < 3; ++i) {
    auto all = Analyzer::Load(dir.path(), o);
    ASSERT_FALSE(all.ok());
    EXPECT_NE(all.status().ToString().find("tagger.bin"), std::string::npos)
        << all.status().ToString();
  }
  Spit(dir.path() + "/tagger.bin", tagger);
  Spit(dir.path() + "/ner.bin", ner);

  // Intact, the same files load.
  Spit(dir.path() + "/parser-r2l-beam.bin", r2l);
  auto a = Analyzer::Load(dir.path(), o);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ((*a)->ensemble().size(), 3);
}

}  // namespace
}  // namespace dyad::analyze
