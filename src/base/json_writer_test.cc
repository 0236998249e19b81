#include "base/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include <simdjson.h>

namespace vigil {
namespace {

std::string Numbers(std::initializer_list<double> values) {
  std::string out;
  JsonWriter w(&out);
  w.BeginArray();
  for (double v : values) w.Double(v);
  w.EndArray();
  return out;
}

TEST(JsonWriter, NumbersStayReadable) {
  EXPECT_EQ(Numbers({3, 2.5, -0.25, 64}), "[3,2.5,-0.25,64]");
  EXPECT_EQ(Numbers({std::nan(""), std::numeric_limits<double>::infinity()}), "[null,null]");
  // 7.8e20 once came out as the integer 777777777777777836032, which
  // simdjson refuses: large values are written with an exponent.
  std::string big = Numbers({777777777777777836032.0, 1e300, -1e16});
  EXPECT_EQ(big.find("777777777777777836032"), std::string::npos) << big;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(big).get(root), simdjson::SUCCESS) << big;
  double v = 0;
  ASSERT_EQ(root.at(0).get_double().get(v), simdjson::SUCCESS);
  EXPECT_EQ(v, 777777777777777836032.0);
}

}  // namespace
}  // namespace vigil
