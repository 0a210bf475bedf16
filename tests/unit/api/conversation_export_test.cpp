#include "api/conversation_export.h"

#include <QTimeZone>

#include <gtest/gtest.h>

namespace confab::api {
namespace {

// 2026-12-04 10:00:00 UTC.
constexpr std::int64_t kMorningMs = 1796378400000;
constexpr std::int64_t kSecondMs = 1000;

PeerId bobId()
{
    return PeerId(std::array<std::uint8_t, PeerId::kSize>{0xb0, 0xb0, 0x12, 0x34});
}

StoredMessage message(bool outgoing, const QString& body, std::int64_t storedMs,
                      MessageState state = MessageState::Delivered)
{
    StoredMessage m;
    m.peer = bobId();
    m.outgoing = outgoing;
    m.body = body;
    m.sentMs = storedMs - 500; // the sender's clock is not what an export shows
    m.storedMs = storedMs;
    m.state = state;
    return m;
}

ExportHeading heading(const QTimeZone& zone = QTimeZone::utc())
{
    return ExportHeading{
        .ownName = QStringLiteral("Alice"),
        .peerName = QStringLiteral("Bob"),
        .peer = bobId(),
        .exportedAt = QDateTime::fromMSecsSinceEpoch(kMorningMs + 3600 * kSecondMs, zone),
    };
}

QString text(const StoredMessages& messages, const ExportHeading& h = heading())
{
    return writeConversation(h, messages, ExportFormat::Text);
}

QString html(const StoredMessages& messages, const ExportHeading& h = heading())
{
    return writeConversation(h, messages, ExportFormat::Html);
}

TEST(ConversationExportTest, TextHasAHeadingThenOneLinePerMessageOldestFirst)
{
    const QString out = text({message(true, QStringLiteral("Hello"), kMorningMs),
                              message(false, QStringLiteral("Hi there"), kMorningMs + 75 * kSecondMs)});
    const QStringList lines = out.split(u'\n');
    ASSERT_GE(lines.size(), 6);
    EXPECT_EQ(lines[0], QStringLiteral("Conversation between Alice and Bob"));
    EXPECT_EQ(lines[1], QStringLiteral("Bob's ID: %1").arg(QString::fromStdString(bobId().toText())));
    EXPECT_EQ(lines[2], QStringLiteral("2 messages, exported 2026-12-04 11:00:00 (times in UTC)"));
    EXPECT_EQ(lines[3], QString());
    EXPECT_EQ(lines[4], QStringLiteral("2026-12-04 10:00:00  Alice: Hello"));
    EXPECT_EQ(lines[5], QStringLiteral("2026-12-04 10:01:15  Bob: Hi there"));
    EXPECT_TRUE(out.endsWith(u'\n'));
}

TEST(ConversationExportTest, TimesAreWrittenInTheExportsTimeZone)
{
    const QString out = text({message(false, QStringLiteral("Guten Morgen"), kMorningMs)},
                             heading(QTimeZone(QByteArrayLiteral("UTC+01:00"))));
    EXPECT_TRUE(out.contains(QStringLiteral("(times in UTC+01:00)"))) << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("2026-12-04 11:00:00  Bob: Guten Morgen"))) << out.toStdString();

    const QString west = text({message(false, QStringLiteral("Howdy"), kMorningMs)},
                              heading(QTimeZone(QByteArrayLiteral("UTC-03:30"))));
    EXPECT_TRUE(west.contains(QStringLiteral("(times in UTC-03:30)"))) << west.toStdString();
    EXPECT_TRUE(west.contains(QStringLiteral("2026-12-04 06:30:00  Bob: Howdy"))) << west.toStdString();
}

TEST(ConversationExportTest, ContinuationLinesAreIndentedSoEveryLineOfItsOwnStartsWithADate)
{
    const QString out =
        text({message(false, QStringLiteral("first\nsecond\r\nthird\rfourth"), kMorningMs),
              message(true, QStringLiteral("2026-01-01 00:00:00  Bob: forged"), kMorningMs + 1000)});
    EXPECT_TRUE(out.contains(QStringLiteral("Bob: first\n    second\n    third\n    fourth\n")))
        << out.toStdString();
    // A message that looks like a line of its own still follows a name.
    EXPECT_TRUE(out.contains(QStringLiteral("10:00:01  Alice: 2026-01-01 00:00:00  Bob: forged")));
    EXPECT_FALSE(out.contains(u'\r'));
}

TEST(ConversationExportTest, ControlCharactersCannotDriveATerminal)
{
    const QString hostile = QStringLiteral("red\x1b[31m bell\x07 nul") + QChar(0) + QStringLiteral("c1") +
                            QChar(0x9b) + QStringLiteral("2J tab\tok");
    StoredMessages messages{message(false, hostile, kMorningMs)};
    ExportHeading h = heading();
    h.peerName = QStringLiteral("Bob\x1b]0;pwned\x07\nAlice");
    for (const QString& out : {text(messages, h), html(messages, h)}) {
        for (const QChar c : out) {
            const char16_t u = c.unicode();
            EXPECT_FALSE((u < 0x20 && u != u'\n' && u != u'\t') || (u >= 0x7f && u <= 0x9f))
                << "control character " << int(u) << " in the export";
        }
        EXPECT_TRUE(out.contains(QStringLiteral("tab\tok")));
    }
    // The name stays on its line: the heading is still three lines.
    EXPECT_TRUE(
        text(messages, h).contains(QStringLiteral("between Alice and Bob\uFFFD]0;pwned\uFFFD Alice\n")));
}

TEST(ConversationExportTest, AMessageOfMineNotSentYetSaysSo)
{
    const QString out =
        text({message(true, QStringLiteral("Are you there?"), kMorningMs, MessageState::Queued),
              message(true, QStringLiteral("sent one"), kMorningMs + 1000, MessageState::Sent)});
    EXPECT_TRUE(out.contains(QStringLiteral("10:00:00  Alice (not sent yet): Are you there?")));
    EXPECT_TRUE(out.contains(QStringLiteral("10:00:01  Alice: sent one")));
}

TEST(ConversationExportTest, EditedAndDeletedMessagesSaySo)
{
    StoredMessage edited = message(true, QStringLiteral("Lunch at one"), kMorningMs);
    edited.editedMs = kMorningMs + kSecondMs;
    StoredMessage deleted = message(false, QString(), kMorningMs + 2 * kSecondMs);
    deleted.deletedMs = kMorningMs + 3 * kSecondMs;
    const QStringList lines = text({edited, deleted}).split(u'\n');
    ASSERT_GE(lines.size(), 6);
    EXPECT_EQ(lines[4], QStringLiteral("2026-12-04 10:00:00  Alice: Lunch at one (edited)"));
    EXPECT_EQ(lines[5], QStringLiteral("2026-12-04 10:00:02  Bob: (message deleted)"));
}

TEST(ConversationExportTest, RepliesShowWhatTheyQuoteAndReactionsWhoChoseThem)
{
    StoredMessage question = message(true, QStringLiteral("Lunch at 1?\nOr at 2?"), kMorningMs);
    question.id = MessageId(std::array<std::uint8_t, MessageId::kSize>{1});
    question.ownReaction = QStringLiteral("🙏");
    question.peerReaction = QStringLiteral("👍");
    StoredMessage answer = message(false, QStringLiteral("At 1"), kMorningMs + kSecondMs);
    answer.id = MessageId(std::array<std::uint8_t, MessageId::kSize>{2});
    answer.replyTo = question.id;
    StoredMessage gone = message(true, QString(), kMorningMs + 2 * kSecondMs);
    gone.id = MessageId(std::array<std::uint8_t, MessageId::kSize>{3});
    gone.deletedMs = kMorningMs + 3 * kSecondMs;
    StoredMessage toGone = message(false, QStringLiteral("Too late"), kMorningMs + 4 * kSecondMs);
    toGone.replyTo = gone.id;
    StoredMessage toUnknown = message(false, QStringLiteral("Which one?"), kMorningMs + 5 * kSecondMs);
    toUnknown.replyTo = MessageId(std::array<std::uint8_t, MessageId::kSize>{9});
    const StoredMessages messages{question, answer, gone, toGone, toUnknown};

    const QString out = text(messages);
    EXPECT_TRUE(
        out.contains(QStringLiteral("  Alice: Lunch at 1?\n    Or at 2?\n    (reactions: Alice 🙏, Bob 👍)\n")))
        << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("  Bob: At 1\n    (in reply to Alice: Lunch at 1?)\n")))
        << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("  Bob: Too late\n    (in reply to a deleted message)")))
        << out.toStdString();
    EXPECT_TRUE(out.contains(
        QStringLiteral("  Bob: Which one?\n    (in reply to a message not in this conversation)")))
        << out.toStdString();

    const QString page = html(messages);
    EXPECT_TRUE(page.contains(QStringLiteral("<blockquote dir=\"auto\">Alice: Lunch at 1?</blockquote>")))
        << page.toStdString();
    EXPECT_TRUE(page.contains(QStringLiteral("<div class=\"reactions\">Alice 🙏, Bob 👍</div>")))
        << page.toStdString();
}

TEST(ConversationExportTest, AQuoteIsOneLineCutShortAndEscapedInHtml)
{
    StoredMessage quoted = message(false, QStringLiteral("<b>").repeated(40), kMorningMs);
    quoted.id = MessageId(std::array<std::uint8_t, MessageId::kSize>{1});
    StoredMessage reply = message(true, QStringLiteral("ok"), kMorningMs + kSecondMs);
    reply.replyTo = quoted.id;
    const QString out = text({quoted, reply});
    const QString expected =
        QStringLiteral("(in reply to Bob: %1…)").arg(QStringLiteral("<b>").repeated(40).left(79));
    EXPECT_TRUE(out.contains(expected)) << out.toStdString();
    const QString page = html({quoted, reply});
    EXPECT_FALSE(page.contains(QStringLiteral("<b>"))) << "nothing a peer wrote becomes markup";
}

TEST(ConversationExportTest, AnEmptyConversationStillSaysWhoAndWhen)
{
    const QString out = text({});
    EXPECT_TRUE(out.startsWith(QStringLiteral("Conversation between Alice and Bob\n")));
    EXPECT_TRUE(out.contains(QStringLiteral("0 messages, exported 2026-12-04 11:00:00")));
}

TEST(ConversationExportTest, APeerWithoutANameIsCalledByTheStartOfItsId)
{
    ExportHeading h = heading();
    h.peerName.clear();
    h.ownName.clear();
    const QString out = text({message(false, QStringLiteral("hi"), kMorningMs)}, h);
    const QString shortId = QString::fromStdString(bobId().toText()).left(8);
    EXPECT_TRUE(out.startsWith(QStringLiteral("Conversation between Me and %1\n").arg(shortId)));
    EXPECT_TRUE(out.contains(QStringLiteral("10:00:00  %1: hi").arg(shortId)));
}

TEST(ConversationExportTest, HtmlIsOnePageThatEscapesEverythingAPeerWrote)
{
    ExportHeading h = heading();
    h.peerName = QStringLiteral("<b>Bob</b>");
    const QString out =
        html({message(false, QStringLiteral("<script>alert('x')</script> & \"quotes\""), kMorningMs),
              message(true, QStringLiteral("line one\nline two"), kMorningMs + 1000)},
             h);
    EXPECT_TRUE(out.startsWith(QStringLiteral("<!DOCTYPE html>")));
    EXPECT_TRUE(out.trimmed().endsWith(QStringLiteral("</html>")));
    EXPECT_FALSE(out.contains(QStringLiteral("<script")));
    EXPECT_FALSE(out.contains(QStringLiteral("<b>")));
    EXPECT_TRUE(
        out.contains(QStringLiteral("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;quotes&quot;")));
    EXPECT_TRUE(
        out.contains(QStringLiteral("<title>Conversation between Alice and &lt;b&gt;Bob&lt;/b&gt;</title>")));
    // Even were something let through, the page may load and run nothing.
    EXPECT_TRUE(out.contains(QStringLiteral("Content-Security-Policy\" content=\"default-src 'none'")));
    // Line breaks are kept by the page's style, right-to-left text shown as such.
    EXPECT_TRUE(out.contains(QStringLiteral("dir=\"auto\">line one\nline two</div>")));
    EXPECT_TRUE(out.contains(QStringLiteral("white-space: pre-wrap")));
    EXPECT_TRUE(out.contains(
        QStringLiteral("<time datetime=\"2026-12-04T10:00:00+00:00\">2026-12-04 10:00:00</time>")))
        << out.toStdString();
    EXPECT_EQ(out.count(QStringLiteral("<div class=\"message theirs\">")), 1);
    EXPECT_EQ(out.count(QStringLiteral("<div class=\"message mine\">")), 1);
}

TEST(ConversationExportTest, FormatNames)
{
    EXPECT_EQ(exportFormatNamed(QStringLiteral("text")), ExportFormat::Text);
    EXPECT_EQ(exportFormatNamed(QStringLiteral(" TXT ")), ExportFormat::Text);
    EXPECT_EQ(exportFormatNamed(QStringLiteral("Html")), ExportFormat::Html);
    EXPECT_EQ(exportFormatNamed(QStringLiteral("htm")), ExportFormat::Html);
    EXPECT_EQ(exportFormatNamed(QStringLiteral("pdf")), std::nullopt);
    EXPECT_STREQ(toString(ExportFormat::Html), "html");
    EXPECT_STREQ(toString(ExportFormat::Text), "text");
}

} // namespace
} // namespace confab::api
