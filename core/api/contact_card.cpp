#include "contact_card.h"

#include "net/host_port.h"
#include "proto/limits.h"

#include <QCoreApplication>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace confab::api {
namespace {

const QString kScheme = QStringLiteral("confab");
constexpr int kFingerprintDigits = 30;
constexpr int kFingerprintGroup = 5;

QString digitsOf(const QString& fingerprint)
{
    QString digits = fingerprint;
    digits.remove(QLatin1Char(' '));
    return digits;
}

bool isFingerprint(const QString& digits)
{
    return digits.size() == kFingerprintDigits &&
           std::all_of(digits.begin(), digits.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

QString grouped(const QString& digits)
{
    QStringList groups;
    for (qsizetype at = 0; at < digits.size(); at += kFingerprintGroup) {
        groups.append(digits.mid(at, kFingerprintGroup));
    }
    return groups.join(QLatin1Char(' '));
}

} // namespace

QString formatContactCard(const ContactCard& card)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("fp"), digitsOf(card.fingerprint));
    if (!card.name.isEmpty()) {
        query.addQueryItem(QStringLiteral("name"), card.name);
    }
    for (const QString& address : card.addresses.mid(0, kMaxContactCardAddresses)) {
        query.addQueryItem(QStringLiteral("at"), address);
    }
    QUrl url;
    url.setScheme(kScheme);
    url.setPath(QString::fromStdString(card.id.toText()));
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

bool looksLikeContactCard(const QString& text)
{
    return text.trimmed().startsWith(kScheme + QLatin1Char(':'), Qt::CaseInsensitive);
}

Result<ContactCard, QString> parseContactCard(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.size() > kMaxContactCardChars) {
        return QCoreApplication::translate(
            "Node", "This contact text is too long to be one. Copy it again from the other person's "
                    "\"My Address\" window.");
    }
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().compare(kScheme, Qt::CaseInsensitive) != 0) {
        return QCoreApplication::translate(
            "Node", "This is not contact text from Confab: it starts with \"confab:\".");
    }
    ContactCard card;
    const auto id = PeerId::fromText(url.path().toStdString());
    if (!id) {
        return QCoreApplication::translate("Node",
                                           "The ID in this contact text is damaged. Copy it again, whole.");
    }
    card.id = *id;
    const QUrlQuery query(url);
    const QString digits = query.queryItemValue(QStringLiteral("fp"), QUrl::FullyDecoded);
    if (!isFingerprint(digits)) {
        return QCoreApplication::translate(
            "Node", "The fingerprint in this contact text is missing or damaged. Copy it again, whole.");
    }
    card.fingerprint = grouped(digits);
    card.name = query.queryItemValue(QStringLiteral("name"), QUrl::FullyDecoded).trimmed();
    if (static_cast<std::size_t>(card.name.toUtf8().size()) > proto::kMaxDisplayNameBytes) {
        return QCoreApplication::translate("Node", "The name in this contact text is too long.");
    }
    const QStringList addresses = query.allQueryItemValues(QStringLiteral("at"), QUrl::FullyDecoded);
    if (addresses.isEmpty()) {
        return QCoreApplication::translate("Node", "This contact text has no address to reach its owner at.");
    }
    if (addresses.size() > kMaxContactCardAddresses) {
        return QCoreApplication::translate("Node", "This contact text has too many addresses.");
    }
    for (const QString& address : addresses) {
        auto parsed = net::HostPort::parse(address, net::kDefaultPort);
        if (!parsed) {
            return QCoreApplication::translate("Node", "An address in this contact text cannot be used: %1")
                .arg(parsed.error());
        }
        card.addresses.append(parsed.value().toString());
    }
    return card;
}

bool sameFingerprint(const QString& a, const QString& b)
{
    return digitsOf(a) == digitsOf(b);
}

} // namespace confab::api
