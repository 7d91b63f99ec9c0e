#include "util/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace dyad {
namespace {

TEST(JsonWriter, NestedAndEscaped) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Field("doc", "a\"b\\c\n\x01");
  w.Key("list");
  w.BeginArray();
  w.Int(1);
  w.Double(-9.5);
  w.Bool(true);
  w.Null();
  w.EndArray();
  w.Key("meta");
  w.Raw("{\"x\":1}");
  w.FieldSpan("span", 3, 7);
  w.EndObject();
  EXPECT_EQ(out,
            "{\"doc\":\"a\\\"b\\\\c\\n\\u0001\",\"list\":[1,-9.5,true,null],"
            "\"meta\":{\"x\":1},\"span\":[3,7]}");
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["doc"], "a\"b\\c\n\x01");
}

}  // namespace
}  // namespace dyad
