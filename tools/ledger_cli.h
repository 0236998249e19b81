// The ledger's subcommands: resolve, events, export, tally, campaigns, edit.
#ifndef VIGIL_TOOLS_LEDGER_CLI_H_
#define VIGIL_TOOLS_LEDGER_CLI_H_

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "vigil/resources.h"
#include "vigil/status.h"
#include "vigil/store.h"

namespace vigil {

class LedgerCli {
 public:
  // Adds the subcommands to |app|; |db| is the shared --db value.
  LedgerCli(CLI::App* app, std::string* db, std::string* resources_path);
  ~LedgerCli();

  // When one of the subcommands was given: runs it and sets |exit_code|.
  bool Run(int* exit_code);

  // Loads |campaigns_file| (if any) into |store| and resolves; prints a
  // one-line summary unless |quiet|. Used after ingest and extract too.
  // |full|: rebuild every event, not only those whose input changed.
  static Status ResolveStore(Store* store, const Resources* resources,
                             const std::string& campaigns_file, bool quiet, bool full = false);

 private:
  struct Options;
  std::unique_ptr<Options> o_;
};

}  // namespace vigil

#endif  // VIGIL_TOOLS_LEDGER_CLI_H_
