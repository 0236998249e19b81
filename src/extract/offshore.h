// Places far offshore: "about 400 nautical miles southwest of Acapulco" is
// not Acapulco but a point at sea, in the sea around it.
#ifndef VIGIL_EXTRACT_OFFSHORE_H_
#define VIGIL_EXTRACT_OFFSHORE_H_

#include <optional>
#include <string_view>

#include "vigil/extract.h"
#include "vigil/resources.h"

namespace vigil {

// The distance in kilometres and the bearing in degrees (0 north, 90 east)
// that a place qualifier such as "about 400 nautical miles southwest of"
// states; bearing -1 for "hundreds of miles off"; nothing for other
// qualifiers.
struct Offset {
  double km = 0, bearing = 0;
};
std::optional<Offset> ParseOffset(std::string_view qualifier);

// The point |km| along |bearing| from (|lat|, |lon|) on a sphere.
void Displace(double lat, double lon, const Offset& offset, double* to_lat, double* to_lon);

// When |place| is on land and its qualifier puts the event at least 50
// nautical miles away, at a point inside the box of one of |res|'s seas or
// areas: makes |place| that water body (the smallest whose box holds the
// point), with the point as its coordinates and the land place named in its
// qualifier ("about 400 nautical miles southwest of Acapulco"). Returns
// whether it did.
bool MoveOffshore(const Resources& res, PlaceMention* place);

}  // namespace vigil

#endif  // VIGIL_EXTRACT_OFFSHORE_H_
