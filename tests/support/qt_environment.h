#pragma once

#include "crypto/sodium_init.h"
#include "wait.h"

#include <QCoreApplication>

#include <gtest/gtest.h>
#include <memory>

namespace confab::test {

// Sockets, timers, SQL drivers and local servers need a QCoreApplication;
// libsodium must be initialised as the applications do at start. One of each
// for the whole test program, created before the first test runs.
class QtEnvironment : public ::testing::Environment {
public:
    void SetUp() override
    {
        ASSERT_TRUE(crypto::initSodium());
        if (QCoreApplication::instance() == nullptr) {
            m_app = std::make_unique<QCoreApplication>(m_argc, m_argv);
        }
    }
    void TearDown() override
    {
        // A closing link keeps its socket until the goodbye has left, and
        // objects go away through deleteLater(): let both finish, or they
        // outlive the application and show up as leaks.
        waitUntil([] { return false; }, kDrainMs);
        m_app.reset();
    }

private:
    static constexpr int kDrainMs = 100;

    // QCoreApplication keeps references to these for its whole life.
    int m_argc = 1;
    char m_name[16] = "confab-test";
    char* m_argv[2] = {m_name, nullptr};
    std::unique_ptr<QCoreApplication> m_app;
};

inline ::testing::Environment* const kQtEnvironment = ::testing::AddGlobalTestEnvironment(new QtEnvironment);

} // namespace confab::test
