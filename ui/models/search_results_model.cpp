#include "search_results_model.h"

#include <QDateTime>
#include <QLocale>

namespace confab::ui {

SearchResultsModel::SearchResultsModel(api::NodeClient& client, QObject* parent)
    : QAbstractListModel(parent), m_node(client)
{
}

void SearchResultsModel::search(const QString& text, const std::optional<PeerId>& peer)
{
    const int generation = ++m_generation;
    m_terms = text.simplified().split(QChar(u' '), Qt::SkipEmptyParts);
    if (m_terms.isEmpty()) {
        onAnswer(generation, Answer{});
        return;
    }
    m_node.call(
        this,
        [text, peer](api::Node& node) {
            Answer answer;
            auto found = node.searchMessages(text, peer, kLimit);
            if (!found) {
                answer.error = found.error();
                return answer;
            }
            answer.results = std::move(found.value());
            for (api::FoundMessage& result : answer.results) {
                if (result.peerName.isEmpty()) {
                    result.peerName = QString::fromStdString(result.message.peer.toText()).left(8);
                }
            }
            return answer;
        },
        [this, generation](const Answer& answer) { onAnswer(generation, answer); });
}

void SearchResultsModel::onAnswer(int generation, const Answer& answer)
{
    if (generation != m_generation) {
        return; // the text changed since this search was asked for
    }
    beginResetModel();
    m_results = answer.results;
    endResetModel();
    if (!answer.error.isEmpty()) {
        m_status = answer.error;
    } else if (m_terms.isEmpty()) {
        m_status.clear();
    } else if (m_results.empty()) {
        m_status = tr("No messages found.");
    } else if (static_cast<int>(m_results.size()) >= kLimit) {
        m_status = tr("The newest %1 messages found.").arg(kLimit);
    } else {
        m_status = tr("%n message(s) found.", nullptr, static_cast<int>(m_results.size()));
    }
    emit searched();
}

int SearchResultsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_results.size());
}

QVariant SearchResultsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const api::FoundMessage& result = m_results.at(static_cast<std::size_t>(index.row()));
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(result.message.storedMs);
    // Today's as the conversation shows times; older ones by their date.
    const QString time = when.date() == QDate::currentDate()
                             ? when.toString(QStringLiteral("HH:mm"))
                             : QLocale().toString(when.date(), QLocale::ShortFormat);
    switch (role) {
    case Qt::DisplayRole:
        return result.message.body;
    case Qt::AccessibleTextRole:
        return result.message.outgoing
                   ? tr("You to %1, %2: %3").arg(result.peerName, time, result.message.body)
                   : tr("%1, %2: %3").arg(result.peerName, time, result.message.body);
    case Qt::ToolTipRole:
        return QLocale().toString(when, QLocale::LongFormat);
    case PeerNameRole:
        return result.peerName;
    case TimeTextRole:
        return time;
    case TermsRole:
        return m_terms;
    case OutgoingRole:
        return result.message.outgoing;
    default:
        return {};
    }
}

} // namespace confab::ui
