// Test helper shared by the NER tests: a model with given labels and no weights.
#ifndef DYAD_ANALYZE_NER_TEST_UTIL_H_
#define DYAD_ANALYZE_NER_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "analyze/ner.h"

namespace dyad::analyze {

// A model with these labels and no weights (decoding uses given scores);
// `features` is the model's feature-set field (0: none written).
inline Ner WithLabels(const std::vector<std::string>& labels, std::uint64_t features = 0) {
  ByteWriter w;
  w.Strings(labels);
  FlatMap().Save(&w);
  PerceptronTrainer(static_cast<int>(labels.size())).Average(0.0f).Save(&w);
  if (features) w.Varint(features);
  Ner ner;
  ByteReader r(w.data());
  EXPECT_TRUE(ner.Load(&r));
  return ner;
}

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_NER_TEST_UTIL_H_
