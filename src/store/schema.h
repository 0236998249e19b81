#ifndef VIGIL_STORE_SCHEMA_H_
#define VIGIL_STORE_SCHEMA_H_

#include <vector>

namespace vigil {

// The forward migrations; element i takes user_version i to i + 1.
const std::vector<const char*>& Migrations();

}  // namespace vigil

#endif  // VIGIL_STORE_SCHEMA_H_
