#pragma once

#include <string>
#include <vector>

namespace confab::app {

// Qt's X11 platform plugin takes "-name NAME" and "--name NAME" off the
// command line (its X11 resource name) while QApplication is built, before
// the app reads its options: `confab --name Ada` started with the saved name
// instead. Returns the arguments to build QApplication from, with Confab's
// own "--name NAME" joined into "--name=NAME", which the plugin leaves alone
// and the option parser reads the same; everything else stays as it is.
std::vector<std::string> shieldOwnOptions(int argc, const char* const* argv);

} // namespace confab::app
