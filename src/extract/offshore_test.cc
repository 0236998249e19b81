#include "extract/offshore.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

namespace vigil {
namespace {

TEST(Offshore, ReadsDistanceAndBearing) {
  auto o = ParseOffset("about 400 nautical miles southwest of");
  ASSERT_TRUE(o.has_value());
  EXPECT_NEAR(o->km, 740.8, 0.01);
  EXPECT_EQ(o->bearing, 225);
  o = ParseOffset("1,200 km north of");
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(o->km, 1200);
  EXPECT_EQ(o->bearing, 0);
  o = ParseOffset("some 90 miles east of");
  ASSERT_TRUE(o.has_value());
  EXPECT_NEAR(o->km, 144.8, 0.1);
  o = ParseOffset("hundreds of miles off");
  ASSERT_TRUE(o.has_value());
  EXPECT_NEAR(o->km, 321.9, 0.1);
  EXPECT_EQ(o->bearing, -1);
  for (const char* no : {"off the coast of", "off", "southwest of", "near", "", "400 nautical miles",
                         "400 parsecs west of", "400 miles upriver of"})
    EXPECT_FALSE(ParseOffset(no).has_value()) << no;
}

TEST(Offshore, DisplacesOnTheSphere) {
  double lat, lon;
  Displace(0, 0, Offset{111.195, 0}, &lat, &lon);  // one degree of latitude
  EXPECT_NEAR(lat, 1.0, 1e-3);
  EXPECT_NEAR(lon, 0.0, 1e-9);
  Displace(0, 179.5, Offset{111.195, 90}, &lat, &lon);  // across the antimeridian
  EXPECT_NEAR(lon, -179.5, 1e-3);
  // 400 nautical miles southwest of Acapulco is far out in the Pacific.
  Displace(16.85, -99.91, Offset{400 * 1.852, 225}, &lat, &lon);
  EXPECT_NEAR(lat, 12.1, 0.2);
  EXPECT_NEAR(lon, -104.8, 0.3);
}

TEST(Offshore, ALandPlaceFarOffshoreBecomesTheSea) {
  auto res = Resources::LoadDefault();
  if (!res.ok()) GTEST_SKIP() << "no compiled resources";
  PlaceMention p;
  p.place_id = "city:3533462";
  p.name = "Acapulco de Juárez";
  p.kind = "city";
  p.country = "MX";
  p.lat = 16.85;
  p.lon = -99.91;
  p.qualifier = "about 400 nautical miles southwest of";
  ASSERT_TRUE(MoveOffshore(**res, &p));
  EXPECT_EQ(p.place_id, "sea:eastern-pacific");
  EXPECT_EQ(p.kind, "sea");
  EXPECT_EQ(p.qualifier, "about 400 nautical miles southwest of Acapulco de Juárez");
  EXPECT_NEAR(p.lat, 12.1, 0.2);
  // Close inshore stays where it is.
  PlaceMention near = p;
  near.place_id = "city:3533462";
  near.kind = "city";
  near.qualifier = "20 miles south of";
  EXPECT_FALSE(MoveOffshore(**res, &near));
  EXPECT_EQ(near.place_id, "city:3533462");
}

}  // namespace
}  // namespace vigil
