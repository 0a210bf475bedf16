// Addresses as people type them (and as contact text carries them): what is
// accepted comes out in one form; what cannot be dialed says why.
#include "net/host_port.h"

#include <gtest/gtest.h>

namespace confab::net {
namespace {

TEST(HostPort, AcceptedFormsComeOutAsHostColonPort)
{
    const std::pair<const char*, const char*> accepted[] = {
        {"192.168.1.20:42042", "192.168.1.20:42042"},
        {" 10.0.0.7 ", "10.0.0.7:42042"},
        {"[fe80::1]:37443", "[fe80::1]:37443"},
        {"[fd00::5]", "[fd00::5]:42042"},
        {"alice-laptop.local:5000", "alice-laptop.local:5000"},
        {"build_box", "build_box:42042"},
    };
    for (const auto& [typed, shown] : accepted) {
        const auto parsed = HostPort::parse(QString::fromUtf8(typed), kDefaultPort);
        ASSERT_TRUE(parsed) << typed << ": " << parsed.error().toStdString();
        EXPECT_EQ(parsed.value().toString(), QString::fromUtf8(shown));
    }
}

TEST(HostPort, WhatCannotBeDialedIsRefusedWithHowToWriteIt)
{
    for (const char* typed : {"", "   ", ":42042", "10.0.0.1:70000", "10.0.0.1:port", "fe80::1", "[fe80::1",
                              "[10.0.0.1]:5", "a b:5", "host/name", "x@y", "bell\x07", "evil%0a.local"}) {
        const auto parsed = HostPort::parse(QString::fromUtf8(typed), kDefaultPort);
        EXPECT_FALSE(parsed) << typed;
        if (!parsed) {
            EXPECT_TRUE(parsed.error().contains(QStringLiteral("HOST:PORT"))) << parsed.error().toStdString();
        }
    }
}

} // namespace
} // namespace confab::net
