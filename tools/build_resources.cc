// build_resources: compiles data/*.tsv and the npm data packages into
// vigil.res. Run by the build (CMakeLists.txt) whenever an input changes;
// the format is documented in docs/RESOURCES.md, the sources in docs/DATA.md.
//
//   build_resources --data data --npm data/npm/node_modules --out build/vigil.res
//
// Exit codes: 0 written, 1 an input is missing or malformed (nothing is
// written), 2 usage.
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>

#include "resources/compile.h"

int main(int argc, char** argv) {
  vigil::CompileInputs inputs;
  std::string out_path;
  bool quiet = false;
  CLI::App app{"Compiles Vigil's lexicons and gazetteer into one resource file."};
  app.add_option("--data", inputs.data_dir, "directory with the data/*.tsv files")->required();
  app.add_option("--npm", inputs.npm_dir, "node_modules directory with the data packages")
      ->required();
  app.add_option("--out", out_path, "resource file to write")->required();
  app.add_option("--min-city-population", inputs.min_city_population,
                 "leave out smaller cities (capitals are always kept)");
  app.add_flag("--quiet", quiet, "print only warnings and errors");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  std::string bytes;
  vigil::CompileReport report;
  vigil::Status st = vigil::CompileResources(inputs, &bytes, &report);
  for (const std::string& w : report.warnings)
    std::fprintf(stderr, "build_resources: warning: %s\n", w.c_str());
  if (st.ok()) st = vigil::WriteFileAtomically(out_path, bytes);
  if (!st.ok()) {
    std::fprintf(stderr, "build_resources: error: %s\n", st.ToString().c_str());
    return 1;
  }
  if (!quiet) {
    std::fprintf(stderr,
                 "build_resources: wrote %s (%zu bytes): %zu countries, %zu regions, "
                 "%zu cities, %zu seas, %zu areas, %zu actors (%zu outlets), %zu roles, "
                 "%zu triggers, %zu cues, %zu attributions, %zu nouns, %zu number words, "
                 "%zu titles; %zu phrases, %zu hits, %zu prefixes, longest phrase %d tokens\n",
                 out_path.c_str(), bytes.size(), report.countries, report.regions,
                 report.cities, report.seas, report.areas, report.actors, report.outlets,
                 report.roles, report.triggers, report.cues, report.attributions, report.nouns,
                 report.number_words, report.titles, report.phrases, report.hits,
                 report.prefixes, report.max_phrase_tokens);
  }
  return 0;
}
