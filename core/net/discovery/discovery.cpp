#include "discovery.h"

namespace confab::net {

Discovery::~Discovery() = default;

} // namespace confab::net
