// The translations are compiled into the UI library: the English file gives
// plural forms, German translates the GUI, and a translator installed as
// app/confab does changes what the widgets say.
#include "widgets/tray_icon.h"

#include <QApplication>
#include <QLocale>
#include <QTest>
#include <QTranslator>

class TranslationsTest : public QObject {
    Q_OBJECT
private slots:
    void englishPluralsComeFromTheCompiledFile();
    void germanIsCompiledInWithItsPlurals();
};

void TranslationsTest::englishPluralsComeFromTheCompiledFile()
{
    QTranslator translator;
    QVERIFY(translator.load(QLocale(QLocale::English, QLocale::UnitedStates), QStringLiteral("confab"),
                            QStringLiteral("_"), QStringLiteral(":/i18n")));
    QVERIFY(QApplication::installTranslator(&translator));
    confab::ui::TrayIcon tray;
    tray.setUnread(1);
    QCOMPARE(tray.toolTip(), QStringLiteral("Confab — 1 unread message"));
    tray.setUnread(3);
    QCOMPARE(tray.toolTip(), QStringLiteral("Confab — 3 unread messages"));
    QApplication::removeTranslator(&translator);
    tray.setUnread(1);
    QCOMPARE(tray.toolTip(), QStringLiteral("Confab — 1 unread message(s)")); // the source text
}

// German is complete (the packaging test checks every string); here, that the
// build compiles it in and the widgets speak it.
void TranslationsTest::germanIsCompiledInWithItsPlurals()
{
    QTranslator translator;
    QVERIFY(translator.load(QLocale(QLocale::German, QLocale::Germany), QStringLiteral("confab"),
                            QStringLiteral("_"), QStringLiteral(":/i18n")));
    QVERIFY(QApplication::installTranslator(&translator));
    confab::ui::TrayIcon tray;
    tray.setUnread(1);
    QCOMPARE(tray.toolTip(), QStringLiteral("Confab — 1 ungelesene Nachricht"));
    tray.setUnread(3);
    QCOMPARE(tray.toolTip(), QStringLiteral("Confab — 3 ungelesene Nachrichten"));
    QApplication::removeTranslator(&translator);
}

QTEST_MAIN(TranslationsTest)
#include "translations_test.moc"
