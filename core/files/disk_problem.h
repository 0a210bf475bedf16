#pragma once

#include <QString>

namespace confab::files {

// Why a received drop cannot be written, in words for the person receiving it.
struct DiskProblem {
    enum class Kind {
        Full,        // no room: the disk is full, the quota is used up, the file is too big for it
        NotWritable, // the folder is read-only or not ours to write
        Refused,     // a link, a file or something odd stands where a folder or a partial file goes
        Gone,        // the download folder or a partial file is no longer there
        Other,
    };
    Kind kind = Kind::Other;
    QString message;
};

// What the error `error` (an errno value) means when writing `where` (a path
// to show: a folder or file under the download folder).
DiskProblem diskProblem(int error, const QString& where);

const char* toString(DiskProblem::Kind kind);

} // namespace confab::files
