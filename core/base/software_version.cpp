#include "software_version.h"

namespace confab {

const char* softwareVersion()
{
    return CONFAB_SOFTWARE_VERSION; // defined for this library by core/base/CMakeLists.txt
}

} // namespace confab
