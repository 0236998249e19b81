// Places far offshore (offshore.h).
#include "extract/offshore.h"

#include <cmath>
#include <cstdlib>
#include <string>

namespace vigil {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kEarthKm = 6371.0;
constexpr double kKmPerNauticalMile = 1.852;
constexpr double kKmPerMile = 1.609344;
constexpr double kOffshoreKm = 50 * kKmPerNauticalMile;

double BearingOf(std::string_view dir) {
  static const struct {
    std::string_view word;
    double degrees;
  } kDirs[] = {{"north", 0},       {"northeast", 45}, {"east", 90},  {"southeast", 135},
               {"south", 180},     {"southwest", 225}, {"west", 270}, {"northwest", 315},
               {"north-northeast", 22.5}, {"east-northeast", 67.5}, {"east-southeast", 112.5},
               {"south-southeast", 157.5}, {"south-southwest", 202.5}, {"west-southwest", 247.5},
               {"west-northwest", 292.5}, {"north-northwest", 337.5}};
  for (const auto& d : kDirs)
    if (dir == d.word) return d.degrees;
  return -1;
}

}  // namespace

std::optional<Offset> ParseOffset(std::string_view q) {
  // "[about|some|roughly|...] N[,NNN] [nautical] miles|km|kilometers DIR of",
  // or "... off" (no bearing); "hundreds of" counts as 200.
  std::string lower;
  for (char c : q) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  double n = 0;
  size_t i = 0;
  if (size_t h = lower.find("hundreds of "); h != std::string::npos) {
    n = 200;
    i = h + 12;
  } else if (size_t t = lower.find("thousands of "); t != std::string::npos) {
    n = 2000;
    i = t + 13;
  } else {
    size_t digit = lower.find_first_of("0123456789");
    if (digit == std::string::npos) return std::nullopt;
    std::string number;
    for (i = digit; i < lower.size() && ((lower[i] >= '0' && lower[i] <= '9') || lower[i] == ',');
         ++i)
      if (lower[i] != ',') number += lower[i];
    if (number.empty() || number.size() > 6) return std::nullopt;
    n = std::atof(number.c_str());
  }
  std::string_view rest = std::string_view(lower).substr(i);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  double unit = 0;
  for (auto [word, km] : {std::pair<std::string_view, double>{"nautical miles ", kKmPerNauticalMile},
                          {"nm ", kKmPerNauticalMile},
                          {"miles ", kKmPerMile},
                          {"kilometers ", 1.0},
                          {"kilometres ", 1.0},
                          {"km ", 1.0}}) {
    if (rest.substr(0, word.size()) == word) {
      unit = km;
      rest.remove_prefix(word.size());
      break;
    }
  }
  if (unit == 0) return std::nullopt;
  if (rest == "off") return Offset{n * unit, -1};
  size_t sp = rest.find(' ');
  if (sp == std::string_view::npos || rest.substr(sp) != " of") return std::nullopt;
  double bearing = BearingOf(rest.substr(0, sp));
  if (bearing < 0) return std::nullopt;
  return Offset{n * unit, bearing};
}

void Displace(double lat, double lon, const Offset& offset, double* to_lat, double* to_lon) {
  const double d = offset.km / kEarthKm, b = offset.bearing * kPi / 180;
  const double p1 = lat * kPi / 180, l1 = lon * kPi / 180;
  const double p2 = std::asin(std::sin(p1) * std::cos(d) + std::cos(p1) * std::sin(d) * std::cos(b));
  const double l2 = l1 + std::atan2(std::sin(b) * std::sin(d) * std::cos(p1),
                                    std::cos(d) - std::sin(p1) * std::sin(p2));
  *to_lat = p2 * 180 / kPi;
  *to_lon = std::remainder(l2 * 180 / kPi, 360.0);
}

bool MoveOffshore(const Resources& res, PlaceMention* place) {
  if (place->kind == "sea" || place->kind == "area") return false;
  std::optional<Offset> offset = ParseOffset(place->qualifier);
  if (!offset || offset->km < kOffshoreKm) return false;
  double lat = place->lat, lon = place->lon;  // "N miles off": the coast's own sea
  if (offset->bearing >= 0) Displace(place->lat, place->lon, *offset, &lat, &lon);
  const PlaceEntry* best = nullptr;
  double best_area = 0;
  for (uint32_t i = 0; i < res.place_count(); ++i) {
    const PlaceEntry& p = res.place(i);
    if (p.kind != PlaceKind::kSea) continue;
    if (p.south == 0 && p.north == 0 && p.west == 0 && p.east == 0) continue;
    bool inside_lon = p.west <= p.east ? lon >= p.west && lon <= p.east
                                       : lon >= p.west || lon <= p.east;
    if (!(lat >= p.south && lat <= p.north && inside_lon)) continue;
    double width = p.west <= p.east ? p.east - p.west : p.east + 360 - p.west;
    double area = (p.north - p.south) * width;
    if (!best || area < best_area) {
      best = &p;
      best_area = area;
    }
  }
  if (!best) return false;
  place->qualifier += " " + place->name;
  place->place_id = std::string(best->id);
  place->name = std::string(best->name);
  place->kind = "sea";
  place->country.clear();
  place->lat = lat;
  place->lon = lon;
  return true;
}

}  // namespace vigil
