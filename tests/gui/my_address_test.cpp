// File > My Address: the addresses others can type, and the contact text
// with a QR code a phone or another machine reads back to the same text;
// pasting that text into Add Peer adds the peer and trusts its key at once.
#include "crypto/sodium_init.h"
#include "dialogs/add_peer_dialog.h"
#include "dialogs/my_address_dialog.h"
#include "gui_harness.h"
#include "models/peer_list_model.h"
#include "widgets/main_window.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QListWidget>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace confab;

class MyAddressTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theMenuShowsTheAddressesAndTheContactText();
    void theQrCodeReadsBackAsTheContactText();
    void notListeningSaysSoAndCopiesNothing();
    void pastedContactTextAddsAndVerifiesThePeer();
    void damagedContactTextIsRefusedInWords();
    void cleanupTestCase();

private:
    ui::MyAddressDialog* openFromTheMenu();

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    ui::test::SimLan::Peer& m_bob = m_lan.addPeer(QStringLiteral("Bob"));     // knows nobody
    std::unique_ptr<ui::MainWindow> m_window;
};

void MyAddressTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_lan.start(m_alice));
    QVERIFY(m_lan.start(m_bob));
    m_window = ui::test::openMainWindow(m_alice);
    QVERIFY(m_window);
}

ui::MyAddressDialog* MyAddressTest::openFromTheMenu()
{
    for (QAction* menu : m_window->menuBar()->actions()) {
        for (QAction* action : menu->menu()->actions()) {
            if (action->text() == ui::MainWindow::tr("&My Address…")) {
                action->trigger();
                return m_window->myAddressDialog();
            }
        }
    }
    return nullptr;
}

void MyAddressTest::theMenuShowsTheAddressesAndTheContactText()
{
    ui::MyAddressDialog* dialog = openFromTheMenu();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    const QString card = m_alice.node().status().contactCard;
    QVERIFY(card.startsWith(QStringLiteral("confab:")));
    SIM_COMPARE(m_lan, dialog->contactText(), card);
    QCOMPARE(dialog->addresses(), QStringList{m_alice.endpoint()});

    dialog->copyContactButton()->click();
    QCOMPARE(QApplication::clipboard()->text(), card);
    dialog->copyAddressButton()->click();
    QCOMPARE(QApplication::clipboard()->text(), m_alice.endpoint());

    QVERIFY2(ui::test::unnamedControls(dialog).isEmpty(),
             qPrintable(ui::test::unnamedControls(dialog).join(u',')));
    QTRY_VERIFY2(ui::test::clippedTexts(dialog).isEmpty(),
                 qPrintable(ui::test::clippedTexts(dialog).join(u'\n')));
    // Opened again, the same dialog comes forward.
    QCOMPARE(openFromTheMenu(), dialog);
    dialog->close();
}

void MyAddressTest::theQrCodeReadsBackAsTheContactText()
{
    ui::MyAddressDialog* dialog = openFromTheMenu();
    QVERIFY(dialog);
    SIM_VERIFY(m_lan, !dialog->qrCode().isNull());
    const QString reader = QStandardPaths::findExecutable(QStringLiteral("zbarimg"));
    QVERIFY2(!reader.isEmpty(),
             "zbarimg (zbar-tools) reads the code back; packaging/install-deps.sh installs it");
    QTemporaryDir dir;
    const QString image = dir.filePath(QStringLiteral("code.png"));
    QVERIFY(dialog->qrCode().save(image));
    QProcess read;
    read.start(reader, {QStringLiteral("--raw"), QStringLiteral("-q"), image});
    QVERIFY(read.waitForFinished(30000));
    QCOMPARE(read.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(read.readAllStandardOutput()).trimmed(), dialog->contactText());
    dialog->close();
}

void MyAddressTest::notListeningSaysSoAndCopiesNothing()
{
    ui::MyAddressDialog dialog(api::NodeStatus{});
    dialog.show();
    QVERIFY(dialog.qrCode().isNull());
    QVERIFY(!dialog.copyContactButton()->isEnabled());
    QVERIFY(!dialog.copyAddressButton()->isEnabled());
    const auto labels = dialog.findChildren<QLabel*>();
    QVERIFY(std::any_of(labels.begin(), labels.end(), [](const QLabel* label) {
        return label->text().contains(QStringLiteral("Not listening yet"));
    }));
}

void MyAddressTest::pastedContactTextAddsAndVerifiesThePeer()
{
    const QString bobsCard = m_bob.node().status().contactCard;
    QVERIFY(ui::test::addPeerThroughTheDialog(*m_window, bobsCard));
    SIM_VERIFY(m_lan, m_window->peerModel()->rowOf(m_bob.id).has_value());
    const auto bobVerified = [this]() -> bool {
        for (const api::PeerView& peer : m_alice.node().peers()) {
            if (peer.record.id == m_bob.id) {
                return peer.connected && peer.record.verified;
            }
        }
        return false;
    };
    SIM_VERIFY(m_lan, bobVerified());
}

void MyAddressTest::damagedContactTextIsRefusedInWords()
{
    ui::AddPeerDialog dialog;
    dialog.show();
    QString damaged = m_bob.node().status().contactCard;
    damaged.chop(damaged.size() - damaged.indexOf(u'&')); // the addresses cut off, the fingerprint short
    damaged.chop(1);
    QTest::keyClicks(dialog.addressEdit(), damaged);
    QTest::keyClick(dialog.addressEdit(), Qt::Key_Return);
    QVERIFY(dialog.isVisible());
    QVERIFY2(dialog.errorText().contains(QStringLiteral("contact text cannot be used")),
             qPrintable(dialog.errorText()));
    QVERIFY2(dialog.errorText().contains(QStringLiteral("fingerprint")), qPrintable(dialog.errorText()));
}

void MyAddressTest::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(MyAddressTest)
#include "my_address_test.moc"
