#include "dyad/status.h"

#include <gtest/gtest.h>

#include "util/status_macros.h"

namespace dyad {
namespace {

TEST(Status, OkIsCheap) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
  EXPECT_EQ(s.code(), StatusCode::kOk);
}

TEST(Status, CarriesCodeMessageWhere) {
  Status s(StatusCode::kNotFound, "no such dictionary", "dict.txt:12");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.ToString(), "no such dictionary (dict.txt:12)");
  Status c = s.WithContext("loading actors");
  EXPECT_EQ(c.message(), "loading actors: no such dictionary");
  EXPECT_EQ(c.code(), StatusCode::kNotFound);
  Status copy = s;
  EXPECT_EQ(copy.ToString(), s.ToString());
}

StatusOr<int> Half(int x) {
  if (x % 2) return InvalidArgumentError("odd");
  return x / 2;
}

StatusOr<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int h, Half(x));
  ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

Status Check(int x) {
  CHECK_OR_RETURN(x > 0) << "x=" << x;
  return Status::OK();
}

TEST(StatusOr, ValueOrError) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_FALSE(Quarter(6).ok());
  EXPECT_EQ(Quarter(6).status().message(), "odd");
  Status s = Check(-1);
  EXPECT_NE(s.message().find("x=-1"), std::string_view::npos);
  EXPECT_NE(s.where().find("status_test.cc"), std::string_view::npos);
}

TEST(StatusOr, OkStatusBecomesInternal) {
  StatusOr<int> v{Status::OK()};
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace dyad
