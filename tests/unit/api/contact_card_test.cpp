// Contact text: what it carries survives the trip through a URI, and text
// that is damaged, altered or hostile is refused with a sentence, never
// half-read.
#include "api/contact_card.h"

#include <gtest/gtest.h>

namespace confab::api {
namespace {

PeerId someId()
{
    std::array<std::uint8_t, PeerId::kSize> bytes{};
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        bytes[i] = static_cast<std::uint8_t>(i * 13 + 7);
    }
    return PeerId(bytes);
}

ContactCard someCard()
{
    return {someId(), QStringLiteral("01234 56789 01234 56789 01234 56789"), QStringLiteral("Zoë & Co = 1?"),
            QStringList{QStringLiteral("192.168.1.20:42042"), QStringLiteral("[fd00::5]:37443")}};
}

QString idText()
{
    return QString::fromStdString(someId().toText());
}

TEST(ContactCard, WhatItCarriesComesBackWhole)
{
    const QString text = formatContactCard(someCard());
    EXPECT_TRUE(text.startsWith(QStringLiteral("confab:") + idText() + QStringLiteral("?fp=")));
    EXPECT_FALSE(text.contains(u' ')) << "one word, so that a double click selects all of it";
    EXPECT_TRUE(looksLikeContactCard(text));

    const auto parsed = parseContactCard(QStringLiteral("  \n") + text + QStringLiteral("\n"));
    ASSERT_TRUE(parsed) << parsed.error().toStdString();
    EXPECT_EQ(parsed.value().id, someId());
    EXPECT_EQ(parsed.value().fingerprint, someCard().fingerprint);
    EXPECT_EQ(parsed.value().name, someCard().name);
    EXPECT_EQ(parsed.value().addresses, someCard().addresses);
}

TEST(ContactCard, AnAddressWithoutAPortGetsTheDefaultOne)
{
    const auto parsed =
        parseContactCard(QStringLiteral("confab:%1?fp=%2&at=10.0.0.7").arg(idText(), QString(30, u'3')));
    ASSERT_TRUE(parsed) << parsed.error().toStdString();
    EXPECT_EQ(parsed.value().addresses, QStringList{QStringLiteral("10.0.0.7:42042")});
    EXPECT_EQ(parsed.value().fingerprint, QStringLiteral("33333 33333 33333 33333 33333 33333"));
    EXPECT_TRUE(parsed.value().name.isEmpty());
}

TEST(ContactCard, FingerprintsCompareWhateverTheSpacing)
{
    EXPECT_TRUE(sameFingerprint(QStringLiteral("01234 56789"), QStringLiteral("0123456789")));
    EXPECT_FALSE(sameFingerprint(QStringLiteral("01234 56789"), QStringLiteral("01234 56788")));
}

TEST(ContactCard, DamagedOrHostileTextIsRefusedWithASentence)
{
    const QString fp(30, u'1');
    const QString id = idText();
    const QString tooManyAddresses =
        QStringLiteral("confab:%1?fp=%2").arg(id, fp) + QStringLiteral("&at=10.0.0.1").repeated(17);
    const QStringList refused{
        QString(),
        QStringLiteral("192.168.1.20:42042"),                               // an address, not a card
        QStringLiteral("https://%1?fp=%2&at=10.0.0.1").arg(id, fp),         // another scheme
        QStringLiteral("confab:%1?fp=%2&at=10.0.0.1").arg(id.left(31), fp), // ID cut short
        QStringLiteral("confab:%1?fp=%2&at=10.0.0.1").arg(id + u'a', fp),   // ID too long
        QStringLiteral("confab:%1!?fp=%2&at=10.0.0.1").arg(id.left(31), fp),
        QStringLiteral("confab:%1?at=10.0.0.1").arg(id),                              // no fingerprint
        QStringLiteral("confab:%1?fp=%2&at=10.0.0.1").arg(id, fp.left(29)),           // one digit short
        QStringLiteral("confab:%1?fp=%2&at=10.0.0.1").arg(id, fp.left(29) + u'x'),    // not a digit
        QStringLiteral("confab:%1?fp=%2&at=10.0.0.1").arg(id, fp + u'1'),             // one digit more
        QStringLiteral("confab:%1?fp=%2").arg(id, fp),                                // nowhere to reach it
        QStringLiteral("confab:%1?fp=%2&at=").arg(id, fp),                            // empty address
        QStringLiteral("confab:%1?fp=%2&at=10.0.0.1:99999").arg(id, fp),              // port out of range
        QStringLiteral("confab:%1?fp=%2&at=%3").arg(id, fp, QStringLiteral("a%20b")), // a space in a host
        QStringLiteral("confab:%1?fp=%2&at=10.0.0.1&name=%3").arg(id, fp, QString(65, u'n')), // name too long
        tooManyAddresses,
        QStringLiteral("confab:%1?fp=%2&at=10.0.0.1&x=%3").arg(id, fp, QString(2100, u'y')), // too long
    };
    for (const QString& text : refused) {
        const auto parsed = parseContactCard(text);
        EXPECT_FALSE(parsed) << text.left(120).toStdString();
        if (!parsed) {
            EXPECT_FALSE(parsed.error().isEmpty());
        }
    }
    EXPECT_FALSE(looksLikeContactCard(QStringLiteral("192.168.1.20")));
    EXPECT_TRUE(looksLikeContactCard(QStringLiteral(" CONFAB:whatever")));
}

TEST(ContactCard, AtMostSixteenAddressesAreWritten)
{
    ContactCard card = someCard();
    card.addresses.clear();
    for (int i = 1; i <= 20; ++i) {
        card.addresses.append(QStringLiteral("10.0.0.%1:42042").arg(i));
    }
    const auto parsed = parseContactCard(formatContactCard(card));
    ASSERT_TRUE(parsed) << parsed.error().toStdString();
    EXPECT_EQ(parsed.value().addresses.size(), kMaxContactCardAddresses);
}

} // namespace
} // namespace confab::api
