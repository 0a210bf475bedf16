#include "confab/platform_arguments.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace confab::app {
namespace {

std::vector<std::string> shielded(std::vector<const char*> argv)
{
    return shieldOwnOptions(static_cast<int>(argv.size()), argv.data());
}

using Words = std::vector<std::string>;

TEST(ShieldOwnOptions, JoinsTheNameWithItsValue)
{
    EXPECT_EQ(shielded({"confab", "--name", "Ada Lovelace", "--profile", "/tmp/p"}),
              (Words{"confab", "--name=Ada Lovelace", "--profile", "/tmp/p"}));
}

TEST(ShieldOwnOptions, LeavesEverythingElseAlone)
{
    // Qt's own options (-platform, -name for X11) and the joined form pass as they are.
    EXPECT_EQ(shielded({"confab", "-platform", "xcb", "-name", "res", "--name=Ada", "--listen", "0.0.0.0:1"}),
              (Words{"confab", "-platform", "xcb", "-name", "res", "--name=Ada", "--listen", "0.0.0.0:1"}));
    EXPECT_EQ(shielded({"confab"}), (Words{"confab"}));
}

TEST(ShieldOwnOptions, AMissingValueIsLeftForTheParserToReport)
{
    EXPECT_EQ(shielded({"confab", "--name"}), (Words{"confab", "--name"}));
}

TEST(ShieldOwnOptions, StopsAtTheEndOfOptions)
{
    EXPECT_EQ(shielded({"confab", "--", "--name", "x"}), (Words{"confab", "--", "--name", "x"}));
}

TEST(ShieldOwnOptions, AValueThatLooksLikeAnOptionStaysTheValue)
{
    EXPECT_EQ(shielded({"confab", "--name", "--weird--", "--peer", "h:1"}),
              (Words{"confab", "--name=--weird--", "--peer", "h:1"}));
}

} // namespace
} // namespace confab::app
