#pragma once

namespace confab {

// The version every program prints and the package carries: the project's
// version, and the git revision for builds between releases
// (cmake/SoftwareVersion.cmake), such as "0.1.0+git512.ea37c49".
const char* softwareVersion();

} // namespace confab
