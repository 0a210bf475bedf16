// Rooms in the GUI without a node: the room list's model (what a row says,
// and that a refresh keeps the selection), its delegate, the checklist of
// people, and when the New Room and Invite dialogs let the user go on.
// Plural texts are compared as written in the source ("member(s)"): no
// translator is installed here.
#include "dialogs/create_room_dialog.h"
#include "dialogs/invite_to_room_dialog.h"
#include "models/room_list_model.h"
#include "support/wait.h"
#include "widgets/peer_checklist.h"
#include "widgets/peer_delegate.h"
#include "widgets/room_delegate.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <array>
#include <cstdlib>

using namespace confab;

namespace {

PeerId peerId(std::uint8_t n)
{
    std::array<std::uint8_t, PeerId::kSize> bytes{};
    bytes[0] = n;
    bytes[PeerId::kSize - 1] = 0x5a;
    return PeerId(bytes);
}

api::PeerSummary peer(std::uint8_t n, const QString& name, bool connected = false)
{
    api::PeerSummary summary;
    summary.view.record.id = peerId(n);
    summary.view.record.displayName = name;
    summary.view.connected = connected;
    summary.view.route = connected ? api::PeerView::Route::Direct : api::PeerView::Route::None;
    return summary;
}

api::RoomMemberView member(std::uint8_t n, const QString& name, bool connected, bool self = false)
{
    api::RoomMemberView view;
    view.peer = peerId(n);
    view.name = name;
    view.connected = connected;
    view.self = self;
    return view;
}

// "Project": this node and four others, two of them online.
api::RoomView projectRoom()
{
    api::RoomView room;
    room.id = QStringLiteral("0123456789abcdef0123456789abcdef");
    room.name = QStringLiteral("Project");
    // This node's own entry is marked connected on purpose: it must still
    // not count as online.
    room.members = {member(0, QStringLiteral("Me"), true, true), member(1, QStringLiteral("Alice"), true),
                    member(2, QStringLiteral("Bob"), false), member(3, QStringLiteral("Carol"), true),
                    member(4, QString(), false)};
    room.members[1].admin = true;
    room.unread = 3;
    room.admin = true;
    return room;
}

api::RoomView gardenRoom()
{
    api::RoomView room;
    room.id = QStringLiteral("fedcba9876543210fedcba9876543210");
    room.name = QStringLiteral("Garden");
    room.members = {member(0, QStringLiteral("Me"), false, true), member(2, QStringLiteral("Bob"), false)};
    room.unread = 4;
    return room;
}

QString idText(std::uint8_t n)
{
    return QString::fromStdString(peerId(n).toText());
}

// The peer IDs the checklist offers, in its order.
QStringList offered(const ui::PeerChecklist& checklist)
{
    QStringList ids;
    for (int row = 0; row < checklist.list()->count(); ++row) {
        ids << checklist.list()->item(row)->data(ui::PeerChecklist::PeerIdRole).toString();
    }
    return ids;
}

QListWidgetItem* itemFor(const ui::PeerChecklist& checklist, std::uint8_t n)
{
    for (int row = 0; row < checklist.list()->count(); ++row) {
        QListWidgetItem* item = checklist.list()->item(row);
        if (item->data(ui::PeerChecklist::PeerIdRole).toString() == idText(n)) {
            return item;
        }
    }
    return nullptr;
}

bool closeTo(const QColor& a, const QColor& b)
{
    constexpr int kSlack = 2; // rounding between float colours and 8-bit pixels
    return std::abs(a.red() - b.red()) <= kSlack && std::abs(a.green() - b.green()) <= kSlack &&
           std::abs(a.blue() - b.blue()) <= kSlack;
}

} // namespace

class RoomDialogsTest : public QObject {
    Q_OBJECT
private slots:
    void membersTextCountsOthersOnline();
    void rolesDescribeTheRoom();
    void sameRoomsUpdateInPlace();
    void otherRoomsResetTheModel();
    void delegateMatchesThePeerRows();
    void blockedPeersAreNotOffered();
    void filterHidesOthers();
    void spaceChecksThePerson();
    void nobodyToOfferIsSaid();
    void someoneFoundWhileChoosingIsOfferedAndChoicesStay();
    void createNeedsAName();
    void createNeedsANameThatFits();
    void createNeedsAMember();
    void inviteOffersOnlyNonMembers();
};

void RoomDialogsTest::membersTextCountsOthersOnline()
{
    api::RoomView room = projectRoom();
    QCOMPARE(ui::RoomListModel::onlineCount(room), 2);
    QCOMPARE(ui::RoomListModel::membersText(room), QStringLiteral("5 member(s) · 2 online"));
    room.members[1].connected = false;
    room.members[3].connected = false;
    QCOMPARE(ui::RoomListModel::membersText(room), QStringLiteral("5 member(s) · 0 online"));
    room.left = true;
    QCOMPARE(ui::RoomListModel::membersText(room), QStringLiteral("You left this room"));
}

void RoomDialogsTest::rolesDescribeTheRoom()
{
    ui::RoomListModel model;
    model.setRooms({projectRoom(), gardenRoom()});
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex project = model.index(0);
    QCOMPARE(project.data(Qt::DisplayRole).toString(), QStringLiteral("Project"));
    QCOMPARE(project.data(ui::RoomListModel::NameRole).toString(), QStringLiteral("Project"));
    QCOMPARE(project.data(ui::RoomListModel::RoomIdRole).toString(), projectRoom().id);
    QCOMPARE(project.data(ui::RoomListModel::UnreadRole).toInt(), 3);
    QCOMPARE(project.data(ui::RoomListModel::OnlineCountRole).toInt(), 2);
    QCOMPARE(project.data(ui::RoomListModel::LeftRole).toBool(), false);
    QCOMPARE(project.data(ui::RoomListModel::MembersTextRole).toString(),
             QStringLiteral("5 member(s) · 2 online"));
    QCOMPARE(project.data(Qt::AccessibleTextRole).toString(),
             QStringLiteral("Room Project, 5 member(s), 2 online, 3 unread message(s)"));
    // The tooltip names every member; one known by no name by the start of its ID.
    const QString tip = project.data(Qt::ToolTipRole).toString();
    for (const QString& name :
         {QStringLiteral("Alice"), QStringLiteral("Bob"), QStringLiteral("Carol"), idText(4).left(12)}) {
        QVERIFY2(tip.contains(name), qPrintable(tip));
    }
    QVERIFY2(tip.contains(QStringLiteral("Alice (admin)")), qPrintable(tip));
    QCOMPARE(model.totalUnread(), 7);
    QCOMPARE(model.rowOf(gardenRoom().id), std::optional<int>(1));
    QCOMPARE(model.rowOf(QStringLiteral("00000000000000000000000000000000")), std::nullopt);
    QCOMPARE(model.at(1).name, QStringLiteral("Garden"));

    api::RoomView left = gardenRoom();
    left.left = true;
    left.unread = 0;
    model.setRooms({projectRoom(), left});
    QCOMPARE(model.index(1).data(ui::RoomListModel::LeftRole).toBool(), true);
    QCOMPARE(model.index(1).data(Qt::AccessibleTextRole).toString(),
             QStringLiteral("Room Garden, you left this room"));
    QCOMPARE(model.totalUnread(), 3);
}

void RoomDialogsTest::sameRoomsUpdateInPlace()
{
    ui::RoomListModel model;
    model.setRooms({projectRoom(), gardenRoom()});
    QListView view;
    view.setModel(&model);
    view.setCurrentIndex(model.index(1));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    api::RoomView garden = gardenRoom();
    garden.unread = 0;
    garden.name = QStringLiteral("Allotment");
    model.setRooms({projectRoom(), garden});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1).data(Qt::DisplayRole).toString(), QStringLiteral("Allotment"));
    QCOMPARE(model.totalUnread(), 3);
    // The view still has the same room current.
    QCOMPARE(view.currentIndex().row(), 1);
}

void RoomDialogsTest::otherRoomsResetTheModel()
{
    ui::RoomListModel model;
    model.setRooms({projectRoom(), gardenRoom()});
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    // The node's order changed: rows must follow it.
    model.setRooms({gardenRoom(), projectRoom()});
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.index(0).data(ui::RoomListModel::NameRole).toString(), QStringLiteral("Garden"));
    model.setRooms({gardenRoom()});
    QCOMPARE(reset.count(), 2);
    QCOMPARE(model.rowCount(), 1);
}

void RoomDialogsTest::delegateMatchesThePeerRows()
{
    ui::RoomListModel model;
    api::RoomView left = gardenRoom();
    left.left = true;
    model.setRooms({projectRoom(), left});
    ui::RoomDelegate rooms;
    ui::PeerDelegate peers;
    QStyleOptionViewItem option;
    option.font = QApplication::font();
    option.palette = QApplication::palette();
    option.state = QStyle::State_Enabled;
    const QSize size = rooms.sizeHint(option, model.index(0));
    QCOMPARE(size.height(), peers.sizeHint(option, model.index(0)).height());

    // The room's mark: in the highlight colour, and muted once left. Looked
    // at by its left edge, away from the "#".
    const int em = QFontMetrics(option.font).height();
    QFont bold = option.font;
    bold.setBold(true);
    const int side = QFontMetrics(bold).height();
    const QPoint markEdge(em / 3 + 2, em / 3 + side / 2);
    const auto markColour = [&](int row) {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(option.palette.color(QPalette::Base));
        QPainter painter(&image);
        option.rect = QRect(QPoint(0, 0), size);
        rooms.paint(&painter, option, model.index(row));
        painter.end();
        return QColor(image.pixel(markEdge));
    };
    QVERIFY(closeTo(markColour(0), option.palette.color(QPalette::Highlight)));
    QVERIFY(closeTo(markColour(1), ui::theme::mutedText(option.palette)));
}

void RoomDialogsTest::blockedPeersAreNotOffered()
{
    api::PeerSummary bob = peer(2, QStringLiteral("Bob"), true);
    bob.view.blocked = true;
    api::PeerSummary sighting = peer(5, QString());
    sighting.view.source = QStringLiteral("avahi"); // a service on the LAN, no identity yet
    ui::PeerChecklist checklist(
        {peer(1, QStringLiteral("Alice"), true), bob, peer(3, QStringLiteral("Carol")), sighting}, {},
        nullptr);
    QCOMPARE(offered(checklist), QStringList({idText(1), idText(3)}));
    QVERIFY(checklist.list()->item(0)->text().contains(QStringLiteral("Alice")));
    QVERIFY(checklist.list()->item(0)->text().contains(QStringLiteral("online")));
    QVERIFY(checklist.list()->item(1)->text().contains(QStringLiteral("offline")));
    QVERIFY(checklist.emptyLabel()->isHidden());
    QVERIFY(checklist.chosen().empty());
}

void RoomDialogsTest::filterHidesOthers()
{
    ui::PeerChecklist checklist(
        {peer(1, QStringLiteral("Alice")), peer(2, QStringLiteral("Bob")), peer(3, QStringLiteral("Malia"))},
        {}, nullptr);
    checklist.show();
    checklist.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&checklist, test::kPatienceMs));
    itemFor(checklist, 2)->setCheckState(Qt::Checked);

    checklist.filterEdit()->setFocus();
    QTest::keyClicks(checklist.filterEdit(), QStringLiteral("AL"));
    QVERIFY(!itemFor(checklist, 1)->isHidden());
    QVERIFY(itemFor(checklist, 2)->isHidden());
    QVERIFY(!itemFor(checklist, 3)->isHidden());
    // Hidden is not unchosen: the filter is a way to find people one by one.
    QCOMPARE(checklist.chosen(), std::vector<PeerId>{peerId(2)});

    // Down goes into the list, onto the first person shown.
    QTest::keyClick(checklist.filterEdit(), Qt::Key_Down);
    QVERIFY(checklist.list()->hasFocus());
    QCOMPARE(checklist.list()->currentItem(), itemFor(checklist, 1));

    // Escape clears the filter: everyone is shown again.
    checklist.filterEdit()->setFocus();
    QTest::keyClick(checklist.filterEdit(), Qt::Key_Escape);
    QVERIFY(checklist.filterEdit()->text().isEmpty());
    QVERIFY(!itemFor(checklist, 2)->isHidden());
}

void RoomDialogsTest::spaceChecksThePerson()
{
    ui::PeerChecklist checklist({peer(1, QStringLiteral("Alice")), peer(2, QStringLiteral("Bob"))}, {},
                                nullptr);
    checklist.show();
    checklist.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&checklist, test::kPatienceMs));
    QSignalSpy changed(&checklist, &ui::PeerChecklist::chosenChanged);
    checklist.list()->setFocus();
    checklist.list()->setCurrentRow(1);
    QTest::keyClick(checklist.list(), Qt::Key_Space);
    QCOMPARE(checklist.chosen(), std::vector<PeerId>{peerId(2)});
    QVERIFY(changed.count() >= 1);
    QTest::keyClick(checklist.list(), Qt::Key_Space);
    QVERIFY(checklist.chosen().empty());
}

void RoomDialogsTest::nobodyToOfferIsSaid()
{
    api::PeerSummary blocked = peer(1, QStringLiteral("Alice"));
    blocked.view.blocked = true;
    ui::PeerChecklist checklist({blocked, peer(2, QStringLiteral("Bob"))}, {peerId(2)}, nullptr);
    QCOMPARE(checklist.list()->count(), 0);
    QVERIFY(checklist.isEmpty());
    QVERIFY(!checklist.emptyLabel()->isHidden());
    QVERIFY(checklist.list()->isHidden());
    QVERIFY(checklist.filterEdit()->isHidden());
    QCOMPARE(
        checklist.emptyLabel()->text(),
        QStringLiteral("No one to add yet: people appear here once Confab has found them on the network."));
    QVERIFY(!checklist.emptyLabel()->accessibleName().isEmpty());
}

void RoomDialogsTest::someoneFoundWhileChoosingIsOfferedAndChoicesStay()
{
    ui::CreateRoomDialog dialog({});
    QVERIFY(dialog.checklist()->isEmpty());
    dialog.nameEdit()->setText(QStringLiteral("Lab"));
    QVERIFY(!dialog.createButton()->isEnabled());

    dialog.setPeers({peer(1, QStringLiteral("Alice"), true)});
    QCOMPARE(dialog.checklist()->list()->count(), 1);
    QVERIFY(!dialog.checklist()->list()->isHidden());
    QVERIFY(dialog.checklist()->emptyLabel()->isHidden());
    itemFor(*dialog.checklist(), 1)->setCheckState(Qt::Checked);
    QVERIFY(dialog.createButton()->isEnabled());

    // Bob appears: Alice stays checked; then Alice goes, and with her the choice.
    dialog.setPeers({peer(1, QStringLiteral("Alice"), true), peer(2, QStringLiteral("Bob"))});
    QCOMPARE(dialog.checklist()->list()->count(), 2);
    QCOMPARE(dialog.members(), std::vector<PeerId>{peerId(1)});
    dialog.setPeers({peer(2, QStringLiteral("Bob"))});
    QVERIFY(dialog.members().empty());
    QVERIFY(!dialog.createButton()->isEnabled());
}

void RoomDialogsTest::createNeedsAName()
{
    ui::CreateRoomDialog dialog({peer(1, QStringLiteral("Alice"), true), peer(2, QStringLiteral("Bob"))});
    QCOMPARE(dialog.windowTitle(), QStringLiteral("New Room"));
    QVERIFY(!dialog.nameEdit()->accessibleName().isEmpty());
    QVERIFY(dialog.createButton()->isDefault());
    itemFor(*dialog.checklist(), 1)->setCheckState(Qt::Checked);
    QVERIFY(!dialog.createButton()->isEnabled());
    QCOMPARE(dialog.hintText(), QStringLiteral("Give the room a name."));
    // Spaces are no name.
    dialog.nameEdit()->setText(QStringLiteral("   "));
    QVERIFY(!dialog.createButton()->isEnabled());
    QCOMPARE(dialog.hintText(), QStringLiteral("Give the room a name."));

    dialog.nameEdit()->setText(QStringLiteral("  Project  "));
    QVERIFY(dialog.createButton()->isEnabled());
    QVERIFY(dialog.hintText().isEmpty());
    QCOMPARE(dialog.name(), QStringLiteral("Project"));
    QCOMPARE(dialog.members(), std::vector<PeerId>{peerId(1)});

    // Enter creates it.
    dialog.show();
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::keyClick(dialog.nameEdit(), Qt::Key_Return);
    QCOMPARE(accepted.count(), 1);
}

void RoomDialogsTest::createNeedsANameThatFits()
{
    ui::CreateRoomDialog dialog({peer(1, QStringLiteral("Alice"))});
    itemFor(*dialog.checklist(), 1)->setCheckState(Qt::Checked);
    // 32 characters of two bytes each: exactly the limit.
    const QString accented(32, QChar(0x00e9));
    QCOMPARE(accented.toUtf8().size(), 64);
    dialog.nameEdit()->setText(accented);
    QVERIFY(dialog.createButton()->isEnabled());
    QVERIFY(dialog.nameProblemText().isEmpty());
    // One byte more, though only 33 characters.
    dialog.nameEdit()->setText(accented + QLatin1Char('a'));
    QCOMPARE(dialog.nameEdit()->text().toUtf8().size(), 65);
    QVERIFY(!dialog.createButton()->isEnabled());
    QVERIFY(dialog.nameProblemText().contains(QStringLiteral("64")));
    QVERIFY(dialog.nameProblemText().contains(QStringLiteral("65")));
    // And accept() from elsewhere does not get past it either.
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept();
    QCOMPARE(accepted.count(), 0);

    dialog.nameEdit()->setText(accented);
    QVERIFY(dialog.createButton()->isEnabled());
    QVERIFY(dialog.nameProblemText().isEmpty());
}

void RoomDialogsTest::createNeedsAMember()
{
    ui::CreateRoomDialog dialog({peer(1, QStringLiteral("Alice")), peer(2, QStringLiteral("Bob"))});
    dialog.nameEdit()->setText(QStringLiteral("Project"));
    QVERIFY(!dialog.createButton()->isEnabled());
    QCOMPARE(dialog.hintText(), QStringLiteral("Choose at least one member."));
    QVERIFY(dialog.members().empty());

    itemFor(*dialog.checklist(), 2)->setCheckState(Qt::Checked);
    QVERIFY(dialog.createButton()->isEnabled());
    QCOMPARE(dialog.members(), std::vector<PeerId>{peerId(2)});
    itemFor(*dialog.checklist(), 1)->setCheckState(Qt::Checked);
    QCOMPARE(dialog.members(), (std::vector<PeerId>{peerId(1), peerId(2)}));

    itemFor(*dialog.checklist(), 1)->setCheckState(Qt::Unchecked);
    itemFor(*dialog.checklist(), 2)->setCheckState(Qt::Unchecked);
    QVERIFY(!dialog.createButton()->isEnabled());
}

void RoomDialogsTest::inviteOffersOnlyNonMembers()
{
    api::RoomView room = projectRoom(); // this node (0), Alice (1), Bob (2), Carol (3) and 4
    api::PeerSummary erin = peer(7, QStringLiteral("Erin"));
    erin.view.blocked = true;
    const api::PeerSummaries peers{peer(1, QStringLiteral("Alice"), true), peer(2, QStringLiteral("Bob")),
                                   peer(5, QStringLiteral("Dave"), true), peer(6, QStringLiteral("Frank")),
                                   erin};
    ui::InviteToRoomDialog dialog(peers, room);
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Invite to Project"));
    QCOMPARE(offered(*dialog.checklist()), QStringList({idText(5), idText(6)}));
    QVERIFY(dialog.inviteButton()->isDefault());
    QVERIFY(!dialog.inviteButton()->isEnabled());
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept();
    QCOMPARE(accepted.count(), 0);

    itemFor(*dialog.checklist(), 6)->setCheckState(Qt::Checked);
    QVERIFY(dialog.inviteButton()->isEnabled());
    QCOMPARE(dialog.chosen(), std::vector<PeerId>{peerId(6)});
    dialog.accept();
    QCOMPARE(accepted.count(), 1);

    // Everyone known is in the room already: that is what the dialog says.
    room.members.push_back(member(5, QStringLiteral("Dave"), true));
    room.members.push_back(member(6, QStringLiteral("Frank"), false));
    ui::InviteToRoomDialog full(peers, room);
    QVERIFY(full.checklist()->isEmpty());
    QVERIFY(!full.checklist()->emptyLabel()->isHidden());
    QVERIFY(full.checklist()->emptyLabel()->text().contains(QStringLiteral("in this room already")));
    QVERIFY(!full.inviteButton()->isEnabled());
}

QTEST_MAIN(RoomDialogsTest)
#include "room_dialogs_test.moc"
