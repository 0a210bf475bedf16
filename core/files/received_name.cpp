#include "received_name.h"

#include <QCoreApplication>
#include <QTextBoundaryFinder>

#include <string_view>

namespace confab::files {
namespace {

// An extension longer than this is part of the name, not an extension.
constexpr int kMaxExtensionBytes = 32;
constexpr int kMaxNumberedTries = 100000;

int utf8Bytes(const QString& text)
{
    return static_cast<int>(text.toUtf8().size());
}

bool isControl(char32_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
}

// What Windows, macOS or a shell would read as more than a character.
bool isForbiddenElsewhere(char32_t c)
{
    constexpr std::u32string_view kForbidden = U"\\/:*?\"<>|";
    return kForbidden.find(c) != std::u32string_view::npos;
}

// Reserved as device names on Windows, with or without an extension.
bool isDeviceName(const QString& name)
{
    static const QStringList kNames = {
        QStringLiteral("CON"),    QStringLiteral("PRN"),     QStringLiteral("AUX"),  QStringLiteral("NUL"),
        QStringLiteral("CONIN$"), QStringLiteral("CONOUT$"), QStringLiteral("COM¹"), QStringLiteral("COM²"),
        QStringLiteral("COM³"),   QStringLiteral("LPT¹"),    QStringLiteral("LPT²"), QStringLiteral("LPT³")};
    const QString stem = name.section(QLatin1Char('.'), 0, 0).trimmed().toUpper();
    if (kNames.contains(stem)) {
        return true;
    }
    // COM0..COM9 and LPT0..LPT9.
    return stem.size() == 4 &&
           (stem.startsWith(QLatin1String("COM")) || stem.startsWith(QLatin1String("LPT"))) &&
           stem.at(3) >= QLatin1Char('0') && stem.at(3) <= QLatin1Char('9');
}

QString trimEnds(QString name)
{
    name = name.trimmed();
    while (!name.isEmpty() && (name.endsWith(QLatin1Char('.')) || name.back().isSpace())) {
        name.chop(1);
    }
    return name;
}

// Where the extension starts (its dot), or -1: a dot at the start is part
// of a hidden file's name, and a very long "extension" is not one.
qsizetype extensionStart(const QString& name)
{
    qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0 || utf8Bytes(name.mid(dot)) > kMaxExtensionBytes) {
        return -1;
    }
    // "archive.tar.gz" has the extension ".tar.gz".
    if (name.left(dot).endsWith(QLatin1String(".tar"), Qt::CaseInsensitive) && dot > 4) {
        dot -= 4;
    }
    return dot;
}

// `stem` cut on a character (grapheme) boundary so that it takes at most `bytes`.
QString cutToBytes(const QString& stem, int bytes)
{
    QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, stem);
    qsizetype fits = 0;
    for (qsizetype at = graphemes.toNextBoundary(); at > 0; at = graphemes.toNextBoundary()) {
        if (utf8Bytes(stem.left(at)) > bytes) {
            break;
        }
        fits = at;
    }
    return stem.left(fits);
}

// `name` within kMaxNameBytes, its extension (if any) kept whole.
QString fitted(const QString& name, const QString& suffix = {})
{
    if (utf8Bytes(name) + utf8Bytes(suffix) <= kMaxNameBytes) {
        return name;
    }
    const qsizetype dot = extensionStart(name);
    const QString extension = dot < 0 ? QString() : name.mid(dot);
    const QString stem = dot < 0 ? name : name.left(dot);
    const int room = kMaxNameBytes - utf8Bytes(extension) - utf8Bytes(suffix);
    QString cut = trimEnds(cutToBytes(stem, room));
    return (cut.isEmpty() ? QStringLiteral("_") : cut) + extension;
}

} // namespace

QString cleanReceivedName(const QString& received)
{
    const QString composed = received.normalized(QString::NormalizationForm_C);
    QString cleaned;
    cleaned.reserve(composed.size());
    for (const char32_t c : composed.toUcs4()) {
        if (isControl(c) || isForbiddenElsewhere(c) || QChar::category(c) == QChar::Separator_Line ||
            QChar::category(c) == QChar::Separator_Paragraph) {
            cleaned += QLatin1Char('_');
        } else if (QChar::category(c) == QChar::Other_Format) {
            continue; // bidi overrides, zero-width characters: invisible, yet they reorder or hide
        } else {
            cleaned += QString::fromUcs4(&c, 1);
        }
    }
    cleaned = trimEnds(cleaned);
    if (cleaned.isEmpty()) {
        return QStringLiteral("_");
    }
    if (isDeviceName(cleaned)) {
        cleaned.prepend(QLatin1Char('_'));
    }
    return fitted(cleaned);
}

Result<QStringList, PathRefusal> cleanReceivedPath(const QString& received)
{
    if (received.isEmpty()) {
        return PathRefusal::Empty;
    }
    if (received.startsWith(QLatin1Char('/')) ||
        (received.size() >= 2 && received.at(1) == QLatin1Char(':') && received.at(0).isLetter() &&
         received.at(0).unicode() < 0x80)) {
        return PathRefusal::Absolute;
    }
    const QStringList parts = received.split(QLatin1Char('/'));
    if (parts.size() > kMaxDepth) {
        return PathRefusal::TooDeep;
    }
    QStringList cleaned;
    for (const QString& part : parts) {
        if (part.isEmpty()) {
            return PathRefusal::EmptyPart;
        }
        if (part == QLatin1String(".") || part == QLatin1String("..")) {
            return PathRefusal::DotPart;
        }
        cleaned << cleanReceivedName(part);
    }
    return cleaned;
}

QString unusedName(const QString& name, const std::function<bool(const QString&)>& taken)
{
    if (!taken(name)) {
        return name;
    }
    const qsizetype dot = extensionStart(name);
    const QString extension = dot < 0 ? QString() : name.mid(dot);
    const QString stem = dot < 0 ? name : name.left(dot);
    for (int n = 1; n <= kMaxNumberedTries; ++n) {
        const QString number = QStringLiteral(" (%1)").arg(n);
        QString candidate = fitted(stem, number + extension) + number + extension;
        if (!taken(candidate)) {
            return candidate;
        }
    }
    return {};
}

// In English; marked, so that the GUI shows the reason in its own language.
const char* toString(PathRefusal refusal)
{
    switch (refusal) {
    case PathRefusal::Empty:
        return QT_TRANSLATE_NOOP("Transfers", "the name is empty");
    case PathRefusal::Absolute:
        return QT_TRANSLATE_NOOP("Transfers", "the path is absolute");
    case PathRefusal::EmptyPart:
        return QT_TRANSLATE_NOOP("Transfers", "the path has an empty part");
    case PathRefusal::DotPart:
        return QT_TRANSLATE_NOOP("Transfers", "the path has a \".\" or \"..\" part");
    case PathRefusal::TooDeep:
        return QT_TRANSLATE_NOOP("Transfers", "the path nests too many folders");
    }
    return QT_TRANSLATE_NOOP("Transfers", "the path is refused");
}

} // namespace confab::files
