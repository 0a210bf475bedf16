#pragma once

#include <QString>

#include <vector>

namespace confab::files {

struct HostileName {
    const char* why;
    QString received;
    QString expected; // what cleanReceivedName makes of it
};

// The hostile-name corpus: what a sender may write as one name, and what
// this node makes of it. The unit tests clean it name by name; the hostile
// peer tool sends it in a drop to a running node.
inline std::vector<HostileName> hostileNames()
{
    const QString bytes251(251, QLatin1Char('a'));
    const QString twoByteLetters(150, QChar(0x00e9));
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
        {"composed twin of the decomposed", QStringLiteral("caf\u00e9.txt"), QStringLiteral("caf\u00e9.txt")},
        {"case twin", QStringLiteral("README.txt"), QStringLiteral("README.txt")},
        {"case twin in lower case", QStringLiteral("readme.txt"), QStringLiteral("readme.txt")},
        {"255 bytes", bytes251 + QStringLiteral(".txt"), bytes251 + QStringLiteral(".txt")},
        {"256 bytes", bytes251 + QStringLiteral("b.txt"), bytes251 + QStringLiteral(".txt")},
        {"304 bytes of two-byte letters", twoByteLetters + QStringLiteral(".txt"),
         twoByteLetters.left(125) + QStringLiteral(".txt")},
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

} // namespace confab::files
