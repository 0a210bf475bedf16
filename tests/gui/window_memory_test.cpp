// A window opens the way the last one was left: the same size, the same
// split between the peers and the conversation, the same conversation open.
// Against peers on a simulated LAN; the memory is a file in a temporary folder.
#include "crypto/sodium_init.h"
#include "gui_harness.h"
#include "models/peer_list_model.h"
#include "widgets/main_window.h"
#include "window_memory.h"

#include <QSplitter>
#include <QTemporaryDir>

using namespace confab;

class WindowMemoryTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theNextWindowOpensWhereTheLastWasLeft();
    void aPeerThatIsGoneOpensNothing();
    void aDamagedFileMeansTheDefaults();

private:
    // A window on Alice's node, restored from `memory`, once Bob and Carol are listed.
    std::unique_ptr<ui::MainWindow> openWindow(ui::WindowMemory& memory);
    QString memoryPath(const QString& name) const { return m_dir.filePath(name); }

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    ui::test::SimLan::Peer& m_bob = m_lan.addPeer(QStringLiteral("Bob"));
    ui::test::SimLan::Peer& m_carol = m_lan.addPeer(QStringLiteral("Carol"));
    QTemporaryDir m_dir;
};

void WindowMemoryTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_dir.isValid());
    QVERIFY(m_lan.start(m_alice));
    QVERIFY(m_lan.start(m_bob, {m_alice.endpoint()}));
    QVERIFY(m_lan.start(m_carol, {m_alice.endpoint()}));
    SIM_VERIFY(m_lan, m_alice.node().peers().size() == 2);
}

std::unique_ptr<ui::MainWindow> WindowMemoryTest::openWindow(ui::WindowMemory& memory)
{
    auto window = std::make_unique<ui::MainWindow>(*m_alice.client);
    window->restoreFrom(memory);
    window->nodeStarted({});
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) {
        return nullptr;
    }
    const bool listed = m_lan.runUntil([&window] { return window->peerModel()->rowCount() == 2; });
    return listed ? std::move(window) : nullptr;
}

void WindowMemoryTest::theNextWindowOpensWhereTheLastWasLeft()
{
    ui::WindowMemory memory(memoryPath(QStringLiteral("window.ini")));
    QList<int> split;
    {
        auto window = openWindow(memory);
        QVERIFY(window);
        QVERIFY(!window->currentPeer()); // nothing was open before
        QVERIFY(window->selectPeer(m_carol.id));
        window->resize(930, 610);
        auto* splitter = window->findChild<QSplitter*>();
        QVERIFY(splitter != nullptr);
        splitter->setSizes({250, 680});
        split = splitter->sizes();
        QVERIFY(window->close());
    }
    ui::WindowMemory reread(memoryPath(QStringLiteral("window.ini")));
    auto window = openWindow(reread);
    QVERIFY(window);
    QCOMPARE(window->currentPeer(), std::optional<PeerId>(m_carol.id));
    QCOMPARE(window->size(), QSize(930, 610));
    QCOMPARE(window->findChild<QSplitter*>()->sizes(), split);
}

void WindowMemoryTest::aPeerThatIsGoneOpensNothing()
{
    ui::WindowMemory memory(memoryPath(QStringLiteral("gone.ini")));
    memory.setLastPeer(PeerId(std::array<std::uint8_t, PeerId::kSize>{7, 7, 7})); // removed since
    auto window = openWindow(memory);
    QVERIFY(window);
    QVERIFY(!window->currentPeer());
}

void WindowMemoryTest::aDamagedFileMeansTheDefaults()
{
    const QString path = memoryPath(QStringLiteral("damaged.ini"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[window]\ngeometry=@ByteArray(nonsense)\nsplitter=12\n[conversation]\npeer=not-an-id\n");
    file.close();
    ui::WindowMemory memory(path);
    QCOMPARE(memory.lastPeer(), std::nullopt);
    auto window = openWindow(memory);
    QVERIFY(window);
    QVERIFY(!window->currentPeer());
    QVERIFY(window->width() > 400 && window->height() > 300);
}

QTEST_MAIN(WindowMemoryTest)
#include "window_memory_test.moc"
