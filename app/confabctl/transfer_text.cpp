#include "transfer_text.h"

#include <QJsonArray>
#include <QLocale>

#include <cmath>

namespace confab::app {
namespace {

QString size(const QJsonValue& bytes)
{
    return QLocale::c().formattedDataSize(bytes.toInteger(), 1, QLocale::DataSizeSIFormat);
}

QString duration(double seconds)
{
    const qint64 total = std::llround(seconds);
    if (total >= 3600) {
        return QStringLiteral("%1:%2:%3")
            .arg(total / 3600)
            .arg(total / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(total % 60, 2, 10, QLatin1Char('0'));
    }
    return QStringLiteral("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

bool isTransfer(const QJsonObject& result)
{
    return result.contains(QStringLiteral("total_bytes")) && result.contains(QStringLiteral("direction"));
}

QString transferLine(const QJsonObject& t)
{
    const bool outgoing = t.value(QStringLiteral("direction")).toString() == QLatin1String("out");
    QString peer = t.value(QStringLiteral("peer_name")).toString();
    if (peer.isEmpty()) {
        peer = t.value(QStringLiteral("peer")).toString().left(8);
    }
    QStringList names;
    for (const auto& name : t.value(QStringLiteral("names")).toArray()) {
        names.append(name.toString());
    }
    QString state = t.value(QStringLiteral("state")).toString();
    if (t.value(QStringLiteral("paused")).toBool() && state == QLatin1String("transferring")) {
        state = QStringLiteral("paused");
    }
    const qint64 total = t.value(QStringLiteral("total_bytes")).toInteger();
    const qint64 done = t.value(QStringLiteral("bytes_done")).toInteger();
    QString line = QStringLiteral("%1  %2 %3  %4  %5  %6 file(s)  %7")
                       .arg(t.value(QStringLiteral("id")).toString().left(12),
                            outgoing ? QStringLiteral("to") : QStringLiteral("from"), peer, state,
                            names.join(QStringLiteral(", ")))
                       .arg(t.value(QStringLiteral("files")).toInteger())
                       .arg(size(t.value(QStringLiteral("total_bytes"))));
    if (state == QLatin1String("transferring") && total > 0) {
        line += QStringLiteral("  %1%").arg(done * 100 / total);
        const double speed = t.value(QStringLiteral("bytes_per_second")).toDouble();
        if (speed > 0) {
            line += QStringLiteral("  %1/s  %2 left")
                        .arg(size(QJsonValue(static_cast<qint64>(speed))),
                             duration(t.value(QStringLiteral("seconds_left")).toDouble()));
        }
    }
    const QString problem = t.value(QStringLiteral("problem")).toString();
    if (!problem.isEmpty()) {
        line += QStringLiteral("  — ") + problem;
    }
    return line;
}

} // namespace confab::app
