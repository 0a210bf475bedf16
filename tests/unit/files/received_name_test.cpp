#include "files/received_name.h"

#include <QSet>

#include <gtest/gtest.h>

namespace confab::files {
namespace {

struct Case {
    const char* why;
    QString received;
    QString expected;
};

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

// The hostile-name corpus: what a sender may write as one name, and what
// this node makes of it.
std::vector<Case> corpus()
{
    return {
        {"parent", QStringLiteral(".."), QStringLiteral("_")},
        {"current", QStringLiteral("."), QStringLiteral("_")},
        {"empty", QString(), QStringLiteral("_")},
        {"only dots", QStringLiteral("...."), QStringLiteral("_")},
        {"only spaces", QStringLiteral("   "), QStringLiteral("_")},
        {"climbing", QStringLiteral("../x"), QStringLiteral(".._x")},
        {"climbing inside", QStringLiteral("a/../../x"), QStringLiteral("a_.._.._x")},
        {"absolute", QStringLiteral("/etc/passwd"), QStringLiteral("_etc_passwd")},
        {"network path", QStringLiteral("//server/share"), QStringLiteral("__server_share")},
        {"drive and backslashes", QStringLiteral("C:\\Windows\\win.ini"),
         QStringLiteral("C__Windows_win.ini")},
        {"climbing with backslashes", QStringLiteral("..\\..\\evil.bat"), QStringLiteral(".._.._evil.bat")},
        {"backslash alone", QStringLiteral("\\"), QStringLiteral("_")},
        {"NUL inside", QString::fromUtf8("a\0b", 3), QStringLiteral("a_b")},
        {"NUL before the extension", QString::fromUtf8("name\0.txt", 9), QStringLiteral("name_.txt")},
        {"ANSI colours", QStringLiteral("\x1b[31mred\x1b[0m.txt"), QStringLiteral("_[31mred_[0m.txt")},
        {"newline", QStringLiteral("line\nbreak"), QStringLiteral("line_break")},
        {"tab at the end", QStringLiteral("end\t"), QStringLiteral("end_")},
        {"bell", QStringLiteral("bell\x07"), QStringLiteral("bell_")},
        {"delete", QStringLiteral("del\x7f"), QStringLiteral("del_")},
        {"C1 next line", QStringLiteral("a\u0085b"), QStringLiteral("a_b")},
        {"C1 escape sequence", QStringLiteral("\u009b31mx"), QStringLiteral("_31mx")},
        {"line separator", QStringLiteral("x\u2028y"), QStringLiteral("x_y")},
        {"right-to-left override", QStringLiteral("photo\u202egnp.exe"), QStringLiteral("photognp.exe")},
        {"embeddings", QStringLiteral("a\u202ab\u202cc"), QStringLiteral("abc")},
        {"isolates", QStringLiteral("\u2066isolate\u2069.txt"), QStringLiteral("isolate.txt")},
        {"marks", QStringLiteral("\u200e\u200fmarks"), QStringLiteral("marks")},
        {"Arabic letter mark", QStringLiteral("a\u061cb"), QStringLiteral("ab")},
        {"zero-width space", QStringLiteral("pay\u200bpal.txt"), QStringLiteral("paypal.txt")},
        {"byte order mark", QStringLiteral("\ufeffbom.txt"), QStringLiteral("bom.txt")},
        {"only an override", QStringLiteral("\u202e"), QStringLiteral("_")},
        {"decomposed", QStringLiteral("cafe\u0301.txt"), QStringLiteral("caf\u00e9.txt")},
        {"CON", QStringLiteral("CON"), QStringLiteral("_CON")},
        {"con with an extension", QStringLiteral("con.txt"), QStringLiteral("_con.txt")},
        {"NUL", QStringLiteral("NUL"), QStringLiteral("_NUL")},
        {"PRN with a space", QStringLiteral("PRN "), QStringLiteral("_PRN")},
        {"AUX with two extensions", QStringLiteral("AUX.tar.gz"), QStringLiteral("_AUX.tar.gz")},
        {"COM1", QStringLiteral("COM1"), QStringLiteral("_COM1")},
        {"COM0", QStringLiteral("com0.log"), QStringLiteral("_com0.log")},
        {"COM superscript", QStringLiteral("COM\u00b9"), QStringLiteral("_COM\u00b9")},
        {"LPT1", QStringLiteral("LPT1"), QStringLiteral("_LPT1")},
        {"LPT9", QStringLiteral("lpt9.txt"), QStringLiteral("_lpt9.txt")},
        {"CONIN$", QStringLiteral("CONIN$"), QStringLiteral("_CONIN$")},
        {"CONOUT$", QStringLiteral("conout$.txt"), QStringLiteral("_conout$.txt")},
        {"not a device", QStringLiteral("CONSOLE.txt"), QStringLiteral("CONSOLE.txt")},
        {"not a device either", QStringLiteral("COM10"), QStringLiteral("COM10")},
        {"trailing dot", QStringLiteral("name."), QStringLiteral("name")},
        {"trailing dots and spaces", QStringLiteral("name. . ."), QStringLiteral("name")},
        {"spaces around", QStringLiteral("  spaced  "), QStringLiteral("spaced")},
        {"spaces after the extension", QStringLiteral("file.txt   "), QStringLiteral("file.txt")},
        {"alternate stream", QStringLiteral("name:stream"), QStringLiteral("name_stream")},
        {"zone identifier", QStringLiteral("file.txt:Zone.Identifier"),
         QStringLiteral("file.txt_Zone.Identifier")},
        {"forbidden elsewhere", QStringLiteral("a*b?c\"d<e>f|g"), QStringLiteral("a_b_c_d_e_f_g")},
        {"everything at once", QString::fromUtf8("..\u202e/..\0", 9), QStringLiteral(".._.._")},
        {"hidden file", QStringLiteral(".bashrc"), QStringLiteral(".bashrc")},
        {"hidden after a space", QStringLiteral(" .hidden"), QStringLiteral(".hidden")},
        {"Cyrillic", QStringLiteral("Привет мир.txt"), QStringLiteral("Привет мир.txt")},
        {"Japanese", QStringLiteral("日本語.txt"), QStringLiteral("日本語.txt")},
        {"emoji", QStringLiteral("🎉party.zip"), QStringLiteral("🎉party.zip")},
        {"fullwidth solidus is a character", QStringLiteral("a\uff0fb"), QStringLiteral("a\uff0fb")},
    };
}

TEST(ReceivedName, HostileCorpus)
{
    const std::vector<Case> cases = corpus();
    EXPECT_GE(cases.size(), 40U);
    for (const Case& c : cases) {
        EXPECT_EQ(cleanReceivedName(c.received), c.expected) << c.why;
    }
}

TEST(ReceivedName, WhatComesOutIsAlwaysANameOfItsOwn)
{
    for (const Case& c : corpus()) {
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
