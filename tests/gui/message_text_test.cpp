// Message text becomes escaped rich text in which web and mail addresses are
// links, and nothing a sender writes turns into markup.
#include "widgets/message_text.h"

#include <QTest>
#include <QTextDocument>

using namespace confab::ui;

class MessageTextTest : public QObject {
    Q_OBJECT
private slots:
    void findsWebAndMailAddresses();
    void leavesSentencePunctuationOutOfTheLink();
    void ignoresSchemesWithoutAnAddress();
    void escapesMarkupAndKeepsLineBreaks();
};

void MessageTextTest::findsWebAndMailAddresses()
{
    const QString text =
        QStringLiteral("see https://example.org/a?b=1#c and mailto:ann@example.org or http://x.y");
    const auto links = message_text::findLinks(text);
    QCOMPARE(links.size(), 3);
    QCOMPARE(links[0].url, QUrl(QStringLiteral("https://example.org/a?b=1#c")));
    QCOMPARE(text.mid(links[0].start, links[0].length), QStringLiteral("https://example.org/a?b=1#c"));
    QCOMPARE(links[1].url.scheme(), QStringLiteral("mailto"));
    QCOMPARE(links[1].url.path(), QStringLiteral("ann@example.org"));
    QCOMPARE(links[2].url, QUrl(QStringLiteral("http://x.y")));
}

void MessageTextTest::leavesSentencePunctuationOutOfTheLink()
{
    auto links = message_text::findLinks(QStringLiteral("Read https://example.org/guide."));
    QCOMPARE(links.size(), 1);
    QCOMPARE(links[0].url, QUrl(QStringLiteral("https://example.org/guide")));
    links = message_text::findLinks(QStringLiteral("(docs at https://example.org/x)"));
    QCOMPARE(links[0].url, QUrl(QStringLiteral("https://example.org/x")));
    links = message_text::findLinks(QStringLiteral("https://en.wikipedia.org/wiki/Foo_(bar)!"));
    QCOMPARE(links[0].url, QUrl(QStringLiteral("https://en.wikipedia.org/wiki/Foo_(bar)")));
}

void MessageTextTest::ignoresSchemesWithoutAnAddress()
{
    QVERIFY(message_text::findLinks(QStringLiteral("https:// is how it starts")).isEmpty());
    QVERIFY(message_text::findLinks(QStringLiteral("mailto: nobody")).isEmpty());
    QVERIFY(message_text::findLinks(QStringLiteral("javascript:alert(1) ftp://x.org file:///etc/passwd"))
                .isEmpty());
}

void MessageTextTest::escapesMarkupAndKeepsLineBreaks()
{
    const QString body =
        QStringLiteral("<b>not bold</b> & \"quoted\"\nsecond line 🎉 https://example.org/<x>");
    QTextDocument document;
    document.setHtml(message_text::toHtml(body));
    // What the reader sees is exactly what was written.
    QCOMPARE(document.toPlainText(), body);
    const QString html = message_text::toHtml(body);
    QVERIFY(!html.contains(QStringLiteral("<b>")));
    QVERIFY(html.contains(QStringLiteral("<a href=\"https://example.org/\">https://example.org/</a>")));
}

QTEST_MAIN(MessageTextTest)
#include "message_text_test.moc"
