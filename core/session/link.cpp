#include "link.h"

#include "proto/limits.h"
#include "proto/preamble.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcLink, "confab.link")

namespace confab::session {

Link::Link(std::unique_ptr<net::ByteStream> stream, Role role, const Context& context,
           proto::HandshakePayload ownPayload, Verifier verifier, quint64 serial, QObject* parent)
    : QObject(parent), m_stream(std::move(stream)), m_role(role), m_identity(context.identity),
      m_clock(context.clock), m_timings(context.timings), m_ownPayload(std::move(ownPayload)),
      m_verifier(std::move(verifier)), m_socketPeer(m_stream->remoteAddress()), m_serial(serial),
      m_decoder(proto::kMaxHandshakeFrameSize), m_sinceReceived(m_clock), m_sinceSent(m_clock),
      m_sinceStart(m_clock)
{
    connect(m_stream.get(), &net::ByteStream::readyRead, this, &Link::onReadyRead);
    connect(m_stream.get(), &net::ByteStream::connected, this, &Link::onStreamOpen);
    connect(m_stream.get(), &net::ByteStream::closed, this,
            [this](const QString& reason) { fail(reason, false); });
    m_livenessTimer = m_clock.createTimer([this] { onLivenessCheck(); });
}

Link::~Link()
{
    if (m_stream) {
        m_stream->disconnect(this);
    }
}

QString Link::describe() const
{
    const QString who = m_state == State::Established
                            ? QString::fromStdString(m_remote.peerId.toText()).left(8)
                            : m_socketPeer.toString();
    return QStringLiteral("%1 #%2 (%3 %4)")
        .arg(transferId() ? QStringLiteral("transfer") : QStringLiteral("link"))
        .arg(m_serial)
        .arg(m_role == Role::Initiator ? QStringLiteral("to") : QStringLiteral("from"), who);
}

std::optional<TransferId> Link::transferId() const
{
    // Only the initiator's field counts: a responder never sends one.
    return m_role == Role::Initiator ? m_ownPayload.transferId : m_remote.transferId;
}

void Link::start(Bytes alreadyRead)
{
    m_unread = std::move(alreadyRead);
    m_sinceStart.restart();
    m_sinceReceived.restart();
    m_sinceSent.restart();
    m_livenessTimer->start(m_timings.handshakeTimeoutMs);
    if (m_stream->isOpen()) {
        onStreamOpen();
    }
}

std::optional<net::HostPort> Link::remoteListenAddress() const
{
    if (m_remote.listenPort == 0 || m_socketPeer.host.isEmpty()) {
        return std::nullopt;
    }
    return net::HostPort{m_socketPeer.host, m_remote.listenPort};
}

void Link::onStreamOpen()
{
    m_streamWasOpen = true;
    m_socketPeer = m_stream->remoteAddress();
    m_stream->write(proto::encodePreamble(proto::kProtocolVersion));
    onReadyRead(); // anything that arrived before we listened
}

void Link::onReadyRead()
{
    if (m_state == State::Closed) {
        return;
    }
    Bytes data = m_stream->readAll();
    if (!m_unread.empty()) {
        data.insert(data.begin(), m_unread.begin(), m_unread.end());
        m_unread.clear();
    }
    if (data.empty()) {
        return;
    }
    if (m_state == State::Established && transferId()) {
        // Records, for the channel this connection is about to become.
        m_afterHandshake.insert(m_afterHandshake.end(), data.begin(), data.end());
        return;
    }
    m_sinceReceived.restart();
    ByteView bytes(data);

    if (m_state == State::Preamble) {
        const std::size_t needed = proto::kPreambleSize - m_preambleBuffer.size();
        const std::size_t take = std::min(needed, bytes.size());
        m_preambleBuffer.insert(m_preambleBuffer.end(), bytes.begin(),
                                bytes.begin() + static_cast<std::ptrdiff_t>(take));
        bytes = bytes.subspan(take);
        if (m_preambleBuffer.size() < proto::kPreambleSize || !handlePreamble()) {
            return;
        }
    }
    m_decoder.feed(bytes);

    std::vector<proto::LinkMessage> delivered;
    Bytes frame;
    while (m_state != State::Closed) {
        const auto status = m_decoder.next(frame);
        if (status == proto::FrameDecoder::Status::NeedMore) {
            break;
        }
        if (status == proto::FrameDecoder::Status::TooLarge) {
            fail(QStringLiteral("frame longer than the limit"), false);
            break;
        }
        if (status == proto::FrameDecoder::Status::Empty) {
            fail(QStringLiteral("empty frame"), false);
            break;
        }
        const bool ok = m_state == State::Handshake ? handleHandshakeFrame(frame)
                                                    : handleTransportFrame(frame, delivered);
        if (!ok) {
            break; // the link is closed; what was authentic before the bad frame still counts
        }
        if (m_state == State::Established && transferId()) {
            // What followed the last handshake message is the start of the
            // records, not frames. The message ended in this read, so all
            // of it is at the end of this read's bytes.
            const std::size_t rest = std::min(m_decoder.buffered(), bytes.size());
            m_afterHandshake.assign(bytes.end() - static_cast<std::ptrdiff_t>(rest), bytes.end());
            emit transferReady(this);
            return;
        }
    }
    if (!delivered.empty()) {
        emit messagesReceived(this, delivered);
    }
}

bool Link::handlePreamble()
{
    const auto version = proto::decodePreamble(m_preambleBuffer);
    if (!version) {
        fail(QLatin1String(proto::toString(version.error())), false);
        return false;
    }
    m_remotePreambleVersion = version.value();
    // Both preambles, the initiator's first, bind the version exchange into
    // the handshake: a tampered preamble makes the handshake fail.
    const auto own = proto::encodePreamble(proto::kProtocolVersion);
    Bytes prologue;
    const Bytes& first = m_role == Role::Initiator ? Bytes(own.begin(), own.end()) : m_preambleBuffer;
    const Bytes& second = m_role == Role::Initiator ? m_preambleBuffer : Bytes(own.begin(), own.end());
    prologue.insert(prologue.end(), first.begin(), first.end());
    prologue.insert(prologue.end(), second.begin(), second.end());

    crypto::HandshakeConfig config;
    config.pattern = crypto::NoisePattern::XX;
    config.hash = crypto::NoiseHash::Blake2b;
    config.initiator = m_role == Role::Initiator;
    config.prologue = std::move(prologue);
    config.localStatic = m_identity.noiseStaticKey();
    m_handshake.emplace(std::move(config));
    m_state = State::Handshake;
    if (m_role == Role::Initiator) {
        return writeHandshakeMessage({});
    }
    return true;
}

bool Link::writeHandshakeMessage(ByteView payload)
{
    auto message = m_handshake->writeMessage(payload);
    if (!message) {
        fail(QStringLiteral("handshake failed: %1").arg(QLatin1String(crypto::toString(message.error()))),
             false);
        return false;
    }
    writeFrame(message.value());
    return true;
}

bool Link::handleHandshakeFrame(const Bytes& frame)
{
    auto payload = m_handshake->readMessage(frame);
    if (!payload) {
        fail(QStringLiteral("handshake failed: %1").arg(QLatin1String(crypto::toString(payload.error()))),
             false);
        return false;
    }
    const bool carriesIdentity = m_role == Role::Initiator || m_handshake->isComplete();
    if (!carriesIdentity) { // responder got message 1: answer with our identity
        return writeHandshakeMessage(proto::encodeHandshakePayload(m_ownPayload));
    }
    auto remote = proto::decodeHandshakePayload(payload.value());
    if (!remote) {
        fail(QStringLiteral("bad handshake payload: %1").arg(QLatin1String(proto::toString(remote.error()))),
             false);
        return false;
    }
    const auto remoteStatic = m_handshake->remoteStatic();
    if (!remoteStatic) {
        fail(QStringLiteral("handshake finished without a remote key"), false);
        return false;
    }
    m_claimedPeer = remote.value().peerId;
    // The payload repeats, under the handshake's protection, the version the
    // peer's preamble announced; a peer that says two things is refused.
    if (remote.value().protocolVersion != m_remotePreambleVersion) {
        fail(QStringLiteral("handshake payload says protocol version %1 but the preamble said %2")
                 .arg(remote.value().protocolVersion)
                 .arg(m_remotePreambleVersion),
             false);
        return false;
    }
    const AuthDecision decision = m_verifier(remote.value(), *remoteStatic);
    if (!decision.accepted()) {
        fail(decision.reason, decision.verdict == AuthDecision::Verdict::SecurityViolation);
        return false;
    }
    m_remote = std::move(remote).value();
    if (m_role == Role::Initiator && !writeHandshakeMessage(proto::encodeHandshakePayload(m_ownPayload))) {
        return false;
    }
    finishHandshake();
    return m_state == State::Established;
}

void Link::finishHandshake()
{
    m_handshakeHash = m_handshake->handshakeHash();
    m_transport.emplace(m_handshake->split());
    m_handshake.reset(); // wipes the handshake's keys
    m_state = State::Established;
    if (const auto transfer = transferId()) {
        // No link messages and no pings: its owner takes the stream next.
        m_livenessTimer->stop();
        qCInfo(lcLink).noquote() << describe() << "established with"
                                 << QString::fromStdString(m_remote.peerId.toText()) << "at"
                                 << m_socketPeer.toString() << "for drop" << transferIdText(*transfer);
        return;
    }
    m_decoder.setMaxFrameSize(proto::kMaxFrameSize);
    m_livenessTimer->start(std::min(m_timings.pingIntervalMs, m_timings.deadAfterMs));
    qCInfo(lcLink).noquote() << describe() << "established with"
                             << QString::fromStdString(m_remote.peerId.toText()) << "at"
                             << m_socketPeer.toString();
    emit established(this);
}

bool Link::handleTransportFrame(const Bytes& frame, std::vector<proto::LinkMessage>& delivered)
{
    auto plaintext = m_transport->decrypt(frame);
    if (!plaintext) {
        fail(QStringLiteral("frame failed authentication (tampered, replayed or reordered): %1")
                 .arg(QLatin1String(crypto::toString(plaintext.error()))),
             true);
        return false;
    }
    if (++m_receivedCount % kRekeyInterval == 0) {
        m_transport->rekeyReceive();
    }
    auto message = proto::decodeLinkMessage(plaintext.value());
    if (!message) {
        fail(QStringLiteral("malformed link message"), false);
        return false;
    }
    switch (message.value().type) {
    case proto::LinkMessageType::Ping:
        send(proto::LinkMessageType::Pong, message.value().body);
        return true;
    case proto::LinkMessageType::Pong:
        return true;
    case proto::LinkMessageType::Goodbye:
        fail(QStringLiteral("peer said goodbye"), false);
        return false;
    default:
        // Everything else belongs to a service; LinkManager hands it to the
        // one handler of its type (or closes the link when there is none).
        delivered.push_back(std::move(message).value());
        return true;
    }
}

bool Link::send(proto::LinkMessageType type, ByteView body)
{
    return sendPlaintext(proto::encodeLinkMessage(type, body));
}

bool Link::sendPlaintext(ByteView plaintext)
{
    if (m_state != State::Established || transferId()) {
        return false;
    }
    auto ciphertext = m_transport->encrypt(plaintext);
    if (!ciphertext) {
        fail(QStringLiteral("cannot encrypt: %1").arg(QLatin1String(crypto::toString(ciphertext.error()))),
             false);
        return false;
    }
    if (++m_sentCount % kRekeyInterval == 0) {
        m_transport->rekeySend();
    }
    writeFrame(ciphertext.value());
    return true;
}

void Link::writeFrame(ByteView payload)
{
    m_stream->write(proto::encodeFrame(payload));
    m_sinceSent.restart();
}

void Link::onLivenessCheck()
{
    // One timer per link, armed for the next moment something may be due;
    // traffic only moves the moments, so a busy link costs no timer work.
    if (m_state == State::Closed) {
        return;
    }
    if (m_state != State::Established) {
        if (m_sinceStart.elapsedMs() >= m_timings.handshakeTimeoutMs) {
            fail(QStringLiteral("handshake timed out"), false);
        } else {
            m_livenessTimer->start(m_timings.handshakeTimeoutMs - m_sinceStart.elapsedMs());
        }
        return;
    }
    if (m_sinceReceived.elapsedMs() >= m_timings.deadAfterMs) {
        fail(QStringLiteral("no response for %1 s").arg(m_sinceReceived.elapsedMs() / 1000), false);
        return;
    }
    if (m_sinceSent.elapsedMs() >= m_timings.pingIntervalMs) {
        sendPlaintext(proto::encodePing(proto::LinkMessageType::Ping, ++m_pingToken));
    }
    const std::int64_t pingDue = m_timings.pingIntervalMs - m_sinceSent.elapsedMs();
    const std::int64_t deadDue = m_timings.deadAfterMs - m_sinceReceived.elapsedMs();
    m_livenessTimer->start(std::max<std::int64_t>(1, std::min(pingDue, deadDue)));
}

std::unique_ptr<TransferChannel> Link::takeTransferChannel()
{
    const auto transfer = transferId();
    if (m_state != State::Established || !transfer || !m_stream || !m_transport) {
        return nullptr;
    }
    const QString description = describe();
    m_state = State::Closed;
    m_livenessTimer->stop();
    m_stream->disconnect(this);
    auto channel =
        std::make_unique<TransferChannel>(std::move(m_stream), *m_transport, std::move(m_afterHandshake),
                                          m_remote.peerId, *transfer, description);
    m_transport.reset(); // the channel keeps only the record keys
    m_afterHandshake.clear();
    return channel;
}

std::optional<PeerId> Link::forwardTo() const
{
    if (!transferId()) {
        return std::nullopt;
    }
    return m_role == Role::Initiator ? m_ownPayload.forwardTo : m_remote.forwardTo;
}

Link::BareStream Link::takeStream()
{
    if (m_state != State::Established || !forwardTo() || !m_stream) {
        return {};
    }
    m_state = State::Closed;
    m_livenessTimer->stop();
    m_transport.reset(); // nothing more is sent or read under this handshake's keys
    m_stream->disconnect(this);
    BareStream bare{std::move(m_stream), std::move(m_afterHandshake)};
    m_afterHandshake.clear();
    return bare;
}

void Link::close(proto::GoodbyeReason reason)
{
    if (m_state == State::Closed) {
        return;
    }
    if (m_state == State::Established) {
        sendPlaintext(proto::encodeGoodbye(reason));
    }
    m_state = State::Closed;
    m_livenessTimer->stop();
    m_transport.reset();
    // The goodbye still leaves after the stream is gone (closeAfterWriting).
    m_stream->disconnect(this);
    m_stream->closeAfterWriting();
    m_stream.reset();
    emit closed(this, QStringLiteral("closed by this node"), false);
}

void Link::abort(const QString& reason)
{
    fail(reason, false);
}

void Link::fail(const QString& reason, bool securityViolation)
{
    if (m_state == State::Closed) {
        return;
    }
    const State previous = m_state;
    m_state = State::Closed;
    m_livenessTimer->stop();
    m_transport.reset();
    m_handshake.reset();
    // A dial that never connected is the dialer's to report (once, not per retry).
    if (m_role == Role::Responder || m_streamWasOpen || previous != State::Preamble ||
        !m_preambleBuffer.empty()) {
        qCInfo(lcLink).noquote() << describe() << "closed:" << reason;
    }
    m_stream->disconnect(this);
    m_stream->abort();
    emit closed(this, reason, securityViolation);
}

} // namespace confab::session
