#pragma once

#include "base/result.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace confab::files {

// Why a received path is refused as a whole (a name inside it that only
// looks odd is cleaned instead, see cleanReceivedName).
enum class PathRefusal {
    Empty,     // "" or only separators
    Absolute,  // starts with "/" (or a drive, "C:")
    EmptyPart, // "a//b", "a/"
    DotPart,   // "." or ".." as a part: it would leave or blur its folder
    TooDeep,   // more than kMaxDepth parts
};

// The most bytes of UTF-8 one name may take on disk (ext4 and most others).
inline constexpr int kMaxNameBytes = 255;
// The most folders a received path may nest.
inline constexpr int kMaxDepth = 64;

// One name as a sender wrote it, made safe to create in a folder on any
// desktop system and to show in a list:
// - composed to NFC, so names that differ only in NFC/NFD are one name;
// - control characters (NUL, escape sequences, C1) and the characters other
//   systems forbid (\ / : * ? " < > |) become "_";
// - bidirectional and invisible format characters (U+202E, U+200B, ...) go,
//   so "txt.exe" cannot pose as "exe.txt";
// - spaces around the name and dots at its end go;
// - a device name of Windows (CON, NUL, COM1, LPT1, CONIN$, also with an
//   extension) gets a "_" in front;
// - at most kMaxNameBytes bytes: the stem is shortened on a character
//   boundary and the extension kept;
// - nothing left gives "_".
// Never empty, never "." or "..", never containing "/".
QString cleanReceivedName(const QString& received);

// A path inside a sent folder, as the sender wrote it ("photos/2026/a.jpg",
// "/" between parts): its parts, each cleaned, or why it is refused.
Result<QStringList, PathRefusal> cleanReceivedPath(const QString& received);

// `name`, or "name (1).ext", "name (2).ext", ... : the first that `taken`
// says is free, within kMaxNameBytes. Comparing names without regard to case
// is up to `taken` (the folder may be on a case-insensitive disk).
QString unusedName(const QString& name, const std::function<bool(const QString&)>& taken);

const char* toString(PathRefusal refusal);

} // namespace confab::files
