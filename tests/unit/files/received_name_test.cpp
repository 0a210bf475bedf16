#include "files/received_name.h"
#include "support/hostile_names.h"

#include <QSet>

#include <gtest/gtest.h>

namespace confab::files {
namespace {

QString repeated(const QString& part, int times)
{
    QString out;
    for (int i = 0; i < times; ++i) {
        out += part;
    }
    return out;
}

int bytesOf(const QString& name)
{
    return static_cast<int>(name.toUtf8().size());
}

TEST(ReceivedName, HostileCorpus)
{
    const std::vector<HostileName> cases = hostileNames();
    EXPECT_GE(cases.size(), 40U);
    for (const HostileName& c : cases) {
        EXPECT_EQ(cleanReceivedName(c.received), c.expected) << c.why;
    }
}

TEST(ReceivedName, WhatComesOutIsAlwaysANameOfItsOwn)
{
    for (const HostileName& c : hostileNames()) {
        const QString name = cleanReceivedName(c.received);
        EXPECT_FALSE(name.isEmpty()) << c.why;
        EXPECT_NE(name, QStringLiteral(".")) << c.why;
        EXPECT_NE(name, QStringLiteral("..")) << c.why;
        EXPECT_FALSE(name.contains(QLatin1Char('/'))) << c.why;
        EXPECT_LE(bytesOf(name), kMaxNameBytes) << c.why;
        // Cleaning is done once and for all.
        EXPECT_EQ(cleanReceivedName(name), name) << c.why;
    }
}

TEST(ReceivedName, NamesThatDifferOnlyInCompositionBecomeOne)
{
    EXPECT_EQ(cleanReceivedName(QStringLiteral("Cafe\u0301")),
              cleanReceivedName(QStringLiteral("Caf\u00e9")));
    EXPECT_EQ(cleanReceivedName(QStringLiteral("A\u030angstr\u00f6m")),
              cleanReceivedName(QStringLiteral("\u00c5ngstr\u00f6m")));
}

TEST(ReceivedName, LongNamesKeepTheirExtension)
{
    const QString ascii = cleanReceivedName(repeated(QStringLiteral("a"), 300) + QStringLiteral(".txt"));
    EXPECT_EQ(ascii, repeated(QStringLiteral("a"), 251) + QStringLiteral(".txt"));

    // Two bytes a character: cut on a character, never inside one.
    const QString accented =
        cleanReceivedName(repeated(QStringLiteral("\u00e9"), 200) + QStringLiteral(".jpeg"));
    EXPECT_EQ(accented, repeated(QStringLiteral("\u00e9"), 125) + QStringLiteral(".jpeg"));
    EXPECT_EQ(bytesOf(accented), 255);

    // A thumb with a skin tone is one character of 8 bytes: never halved.
    const QString thumb = QStringLiteral("\U0001F44D\U0001F3FD");
    const QString thumbs = cleanReceivedName(repeated(thumb, 40) + QStringLiteral(".png"));
    EXPECT_EQ(thumbs, repeated(thumb, 31) + QStringLiteral(".png"));

    // A 300-byte "extension" is no extension: the name is cut at its end.
    const QString noExtension = cleanReceivedName(repeated(QStringLiteral("x"), 10) + QStringLiteral(".") +
                                                  repeated(QStringLiteral("y"), 300));
    EXPECT_EQ(noExtension,
              repeated(QStringLiteral("x"), 10) + QStringLiteral(".") + repeated(QStringLiteral("y"), 244));

    // What is left of the stem is cleaned again: no trailing dot or space.
    const QString dotted =
        cleanReceivedName(repeated(QStringLiteral("b"), 249) + QStringLiteral(". ccc.txt"));
    EXPECT_EQ(dotted, repeated(QStringLiteral("b"), 249) + QStringLiteral(".txt"));
}

TEST(ReceivedPath, PartsOfASentFolder)
{
    const auto parts = cleanReceivedPath(QStringLiteral("photos/2026/a.jpg"));
    ASSERT_TRUE(parts.ok()) << toString(parts.error());
    EXPECT_EQ(parts.value(),
              (QStringList{QStringLiteral("photos"), QStringLiteral("2026"), QStringLiteral("a.jpg")}));

    const auto cleaned = cleanReceivedPath(QStringLiteral("dir/CON/file.\u202e/Cafe\u0301"));
    ASSERT_TRUE(cleaned.ok());
    EXPECT_EQ(cleaned.value(), (QStringList{QStringLiteral("dir"), QStringLiteral("_CON"),
                                            QStringLiteral("file"), QStringLiteral("Caf\u00e9")}));

    // A backslash is a character of a name here, not a separator.
    const auto backslashes = cleanReceivedPath(QStringLiteral("a\\..\\b"));
    ASSERT_TRUE(backslashes.ok());
    EXPECT_EQ(backslashes.value(), QStringList{QStringLiteral("a_.._b")});
}

TEST(ReceivedPath, PathsThatLeaveOrBlurTheirFolderAreRefused)
{
    const std::vector<std::pair<QString, PathRefusal>> refused = {
        {QString(), PathRefusal::Empty},
        {QStringLiteral("/etc/passwd"), PathRefusal::Absolute},
        {QStringLiteral("//server/share"), PathRefusal::Absolute},
        {QStringLiteral("C:/Windows"), PathRefusal::Absolute},
        {QStringLiteral("c:x"), PathRefusal::Absolute},
        {QStringLiteral("../x"), PathRefusal::DotPart},
        {QStringLiteral("a/b/../../x"), PathRefusal::DotPart},
        {QStringLiteral("./x"), PathRefusal::DotPart},
        {QStringLiteral("a/."), PathRefusal::DotPart},
        {QStringLiteral("a//b"), PathRefusal::EmptyPart},
        {QStringLiteral("a/"), PathRefusal::EmptyPart},
        {repeated(QStringLiteral("d/"), kMaxDepth) + QStringLiteral("f"), PathRefusal::TooDeep},
    };
    for (const auto& [path, why] : refused) {
        const auto result = cleanReceivedPath(path);
        ASSERT_FALSE(result.ok()) << path.toStdString();
        EXPECT_EQ(result.error(), why) << path.toStdString() << ": " << toString(result.error());
    }
    const auto deepest =
        cleanReceivedPath(repeated(QStringLiteral("d/"), kMaxDepth - 1) + QStringLiteral("f"));
    ASSERT_TRUE(deepest.ok());
    EXPECT_EQ(deepest.value().size(), kMaxDepth);
}

TEST(UnusedName, NumbersANameInUseBeforeItsExtension)
{
    QSet<QString> inFolder;
    const auto taken = [&inFolder](const QString& name) { return inFolder.contains(name.toCaseFolded()); };
    EXPECT_EQ(unusedName(QStringLiteral("report.pdf"), taken), QStringLiteral("report.pdf"));
    inFolder << QStringLiteral("report.pdf");
    EXPECT_EQ(unusedName(QStringLiteral("report.pdf"), taken), QStringLiteral("report (1).pdf"));
    inFolder << QStringLiteral("report (1).pdf");
    EXPECT_EQ(unusedName(QStringLiteral("report.pdf"), taken), QStringLiteral("report (2).pdf"));

    inFolder << QStringLiteral("notes") << QStringLiteral(".bashrc") << QStringLiteral("archive.tar.gz");
    EXPECT_EQ(unusedName(QStringLiteral("notes"), taken), QStringLiteral("notes (1)"));
    EXPECT_EQ(unusedName(QStringLiteral(".bashrc"), taken), QStringLiteral(".bashrc (1)"));
    EXPECT_EQ(unusedName(QStringLiteral("archive.tar.gz"), taken), QStringLiteral("archive (1).tar.gz"));

    // The folder's disk may not tell case apart: README.TXT is readme.txt there.
    inFolder << QStringLiteral("readme.txt");
    EXPECT_EQ(unusedName(QStringLiteral("README.TXT"), taken), QStringLiteral("README (1).TXT"));

    // A name of the longest kind stays within the limit, extension and number kept.
    const QString longest = repeated(QStringLiteral("a"), 251) + QStringLiteral(".txt");
    inFolder << longest.toCaseFolded();
    const QString numbered = unusedName(longest, taken);
    EXPECT_EQ(numbered, repeated(QStringLiteral("a"), 247) + QStringLiteral(" (1).txt"));
    EXPECT_LE(bytesOf(numbered), kMaxNameBytes);
}

} // namespace
} // namespace confab::files
