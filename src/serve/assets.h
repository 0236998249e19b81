// The dashboard's files (web/ and the map and chart libraries from
// web/npm), embedded in the binary at build time by tools/embed_assets into
// a generated source file.
#ifndef VIGIL_SERVE_ASSETS_H_
#define VIGIL_SERVE_ASSETS_H_

#include <cstddef>
#include <span>
#include <string_view>

namespace vigil {

struct EmbeddedAsset {
  std::string_view path;          // URL path: "/", "/app.js", "/vendor/d3.min.js"
  std::string_view content_type;
  std::string_view data;
};

std::span<const EmbeddedAsset> EmbeddedAssets();

}  // namespace vigil

#endif  // VIGIL_SERVE_ASSETS_H_
