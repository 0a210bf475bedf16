#pragma once

#include <QString>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace confab::test {

// A scratch folder removed with the test; profiles, databases and control
// sockets go in named subfolders or files of it.
class TempDir {
public:
    TempDir() { EXPECT_TRUE(m_dir.isValid()) << "cannot create a temporary folder"; }

    [[nodiscard]] QString path() const { return m_dir.path(); }
    // A path inside the folder (not created).
    [[nodiscard]] QString path(const QString& name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
};

} // namespace confab::test
