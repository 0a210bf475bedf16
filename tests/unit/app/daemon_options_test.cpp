#include "confabd/daemon_options.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace confab::app {
namespace {

constexpr std::int64_t kMiB = 1024LL * 1024;

Result<api::NodeConfig, QString> parsed(const std::vector<const char*>& options)
{
    QStringList arguments{QStringLiteral("confabd"), QStringLiteral("--profile"), QStringLiteral("/tmp/p")};
    for (const char* option : options) {
        arguments.append(QString::fromUtf8(option));
    }
    return parseDaemonOptions(arguments);
}

// The configuration, or a failure that shows the message.
api::NodeConfig accepted(const std::vector<const char*>& options)
{
    auto config = parsed(options);
    EXPECT_TRUE(config.ok()) << config.error().toStdString();
    return config.ok() ? std::move(config).value() : api::NodeConfig{};
}

// The message for a refused command line ("" if it was accepted).
std::string refused(const std::vector<const char*>& options)
{
    const auto config = parsed(options);
    EXPECT_FALSE(config.ok());
    return config.ok() ? std::string() : config.error().toStdString();
}

TEST(DaemonOptions, RelayingIsOnWithTheDefaultStoreUnlessToldOtherwise)
{
    const api::NodeConfig config = accepted({});
    EXPECT_TRUE(config.relay.carry);
    EXPECT_EQ(config.relay.storeLimitBytes, 64 * kMiB);
    // The quotas and expiry have no options: they stay as documented.
    EXPECT_EQ(config.relay.perOriginMessages, 200);
    EXPECT_EQ(config.relay.perOriginBytes, kMiB);
    EXPECT_EQ(config.relay.expiryMs, 24LL * 60 * 60 * 1000);
}

TEST(DaemonOptions, RelayOnOrOff)
{
    EXPECT_TRUE(accepted({"--relay", "on"}).relay.carry);
    EXPECT_FALSE(accepted({"--relay", "off"}).relay.carry);
    EXPECT_FALSE(accepted({"--relay=off"}).relay.carry);
    // The last one given wins, as for every single-valued option.
    EXPECT_TRUE(accepted({"--relay", "off", "--relay", "on"}).relay.carry);
    // Turning carrying off leaves the store's limit alone.
    EXPECT_EQ(accepted({"--relay", "off"}).relay.storeLimitBytes, 64 * kMiB);
}

TEST(DaemonOptions, ABadRelayValueSaysWhatIsAllowedAndWhatWasGiven)
{
    for (const char* value : {"yes", "true", "1", "ON", "Off", "", "on "}) {
        const std::string option = std::string("--relay=") + value;
        EXPECT_EQ(refused({option.c_str()}), std::string("--relay must be on or off (not '") + value + "').")
            << option;
    }
}

TEST(DaemonOptions, RelayWithoutAValueIsRefusedByName)
{
    const std::string message = refused({"--relay"});
    EXPECT_NE(message.find("'--relay'"), std::string::npos) << message;
    EXPECT_NE(message.find("Run confabd --help"), std::string::npos) << message;
}

TEST(DaemonOptions, RelayStoreInMebibytesWithinItsRange)
{
    EXPECT_EQ(accepted({"--relay-store-mb", "1"}).relay.storeLimitBytes, kMiB);
    EXPECT_EQ(accepted({"--relay-store-mb", "2"}).relay.storeLimitBytes, 2 * kMiB);
    EXPECT_EQ(accepted({"--relay-store-mb=512"}).relay.storeLimitBytes, 512 * kMiB);
    // The largest does not overflow on the way to bytes.
    EXPECT_EQ(accepted({"--relay-store-mb", "65536"}).relay.storeLimitBytes, 65536 * kMiB);
    // Independent of carrying: a node that does not carry keeps its limit for later.
    const api::NodeConfig config = accepted({"--relay", "off", "--relay-store-mb", "8"});
    EXPECT_FALSE(config.relay.carry);
    EXPECT_EQ(config.relay.storeLimitBytes, 8 * kMiB);
    // The per-neighbour quotas do not follow the total.
    EXPECT_EQ(config.relay.perOriginBytes, kMiB);
}

TEST(DaemonOptions, ABadRelayStoreSizeSaysTheRangeAndWhatWasGiven)
{
    for (const char* value : {"0", "65537", "-1", "abc", "1.5", "8MB", "", "99999999999"}) {
        const std::string option = std::string("--relay-store-mb=") + value;
        EXPECT_EQ(refused({option.c_str()}),
                  std::string("--relay-store-mb needs a whole number of MiB from 1 to 65536 (not '") + value +
                      "').")
            << option;
    }
}

TEST(DaemonOptions, RelayStoreWithoutAValueIsRefusedByName)
{
    const std::string message = refused({"--relay-store-mb"});
    EXPECT_NE(message.find("'--relay-store-mb'"), std::string::npos) << message;
}

TEST(DaemonOptions, EchoCancellationIsOnUnlessTurnedOff)
{
    EXPECT_TRUE(accepted({}).callSettings.voice.echoCancellation);
    EXPECT_TRUE(accepted({"--echo-cancellation", "on"}).callSettings.voice.echoCancellation);
    const api::NodeConfig off = accepted({"--echo-cancellation=off"});
    EXPECT_FALSE(off.callSettings.voice.echoCancellation);
    // The rest of the microphone's processing stays.
    EXPECT_TRUE(off.callSettings.voice.noiseSuppression);
    EXPECT_TRUE(off.callSettings.voice.autoGain);
    EXPECT_EQ(refused({"--echo-cancellation=no"}), "--echo-cancellation must be on or off (not 'no').");
}

} // namespace
} // namespace confab::app
