#include "software_version.h"

namespace confab {

const char* softwareVersion()
{
    return CONFAB_SOFTWARE_VERSION; // set for this file alone by core/base/CMakeLists.txt
}

} // namespace confab
